"""The editors' side of consent: categories and cookies they describe, the tags the site loads
with consent and the Consent Mode types each category grants, the undeclared cookies seen, and
the consent log they can read and export but never change."""

import json
import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.admin_lists import BigTableAdminMixin
from newsroom.admin_rows import NamedEditableColumnsMixin, NamedTabularInline

from .catalogue import get_catalogue, policy_versions
from .export_admin import ConsentLogExportMixin
from .models import (
    ConsentModeType,
    ConsentRecord,
    CookieCategory,
    CookieCategoryTranslation,
    CookieDeclaration,
    CookieDeclarationTranslation,
    PolicyVersion,
    Tag,
    UndeclaredCookie,
)

SUMMARY_DAYS = 30
# The summary reads at most this many of the latest decisions (ConsentRecord.category_shares).
SUMMARY_SAMPLE = 5_000


class ReadOnlyAdminMixin:
    """Records are evidence: visible to editors, changed by nobody."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PolicyChangeNoticeMixin:
    """Tell the editor when a save changed what visitors consented to, and whom it asks again:
    the readers of each language whose texts changed (see policy.py)."""

    def _with_notice(self, request, view, *args, **kwargs):
        # Every language: an edit to a translation changes only that language's version.
        before = policy_versions()
        response = view(request, *args, **kwargs)
        after = policy_versions()
        changed = [code for code in after if after[code] != before.get(code)]
        if request.method == "POST" and changed:
            versions = {"before": before[changed[0]], "after": after[changed[0]]}
            if len(changed) == len(after):
                notice = (
                    _(
                        "The cookie policy changed (version %(before)s is now %(after)s), so "
                        "every visitor will be asked for consent again and told what changed."
                    )
                    % versions
                )
            else:
                names = ", ".join(str(dict(settings.LANGUAGES)[code]) for code in changed)
                notice = _(
                    "The cookie policy changed for readers of %(languages)s (version %(before)s "
                    "is now %(after)s), so they will be asked for consent again and told what "
                    "changed."
                ) % {"languages": names, **versions}
            self.message_user(request, notice, messages.WARNING)
        return response

    def changeform_view(self, request, *args, **kwargs):
        return self._with_notice(request, super().changeform_view, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        return self._with_notice(request, super().delete_view, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        return self._with_notice(request, super().changelist_view, *args, **kwargs)


class CookieCategoryTranslationInline(admin.StackedInline):
    """The category's name and description in the site's other languages; visitors reading a
    language without one see the English text above."""

    model = CookieCategoryTranslation
    extra = 0
    fields = ["language", "name", "description"]


class CookieDeclarationTranslationInline(admin.StackedInline):
    """The cookie's texts in the site's other languages; English shows where one is missing."""

    model = CookieDeclarationTranslation
    extra = 0
    fields = ["language", "provider", "duration", "purpose"]


class CookieDeclarationInline(NamedTabularInline):
    model = CookieDeclaration
    extra = 0
    fields = ["name", "provider", "party", "duration", "purpose", "domain", "path"]


@admin.register(CookieCategory)
class CookieCategoryAdmin(NamedEditableColumnsMixin, PolicyChangeNoticeMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "order", "is_necessary", "cookie_count"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    inlines = [CookieCategoryTranslationInline, CookieDeclarationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(cookie_count=Count("declarations"))

    @admin.display(description=_("cookies"), ordering="cookie_count")
    def cookie_count(self, obj):
        return obj.cookie_count

    def get_readonly_fields(self, request, obj=None):
        # Templates and code depend on the built-in slugs, and Necessary must stay necessary.
        if obj is not None and obj.is_built_in:
            return ["slug", "is_necessary"]
        return []

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj is not None and obj.is_built_in else {"slug": ["name"]}

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_built_in:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(CookieDeclaration)
class CookieDeclarationAdmin(PolicyChangeNoticeMixin, admin.ModelAdmin):
    list_display = ["name", "category", "provider", "party", "duration"]
    list_filter = ["category", "party"]
    list_select_related = ["category"]
    search_fields = ["name", "provider", "purpose"]
    inlines = [CookieDeclarationTranslationInline]


@admin.register(Tag)
class TagAdmin(PolicyChangeNoticeMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "tag_id", "script_url", "category", "is_active"]
    list_filter = ["is_active", "kind", "category"]
    list_select_related = ["category"]
    search_fields = ["name", "provider", "tag_id", "script_url"]
    fields = ["name", "provider", "kind", "tag_id", "script_url", "category", "is_active"]
    # Tags load over https only (Tag.clean insists); an address typed without a scheme is https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["declare_cookies"]

    @admin.action(description=_("Declare the cookies these tags set"), permissions=["change"])
    def declare_cookies(self, request, queryset):
        """One click: the cookies each Google tag is known to set, under the tag's category,
        so withdrawing that category deletes them all (a `_ga_*` pattern covers every id)."""
        created = 0
        for tag in queryset.select_related("category"):
            for name, duration, purpose in tag.known_cookies():
                _declaration, new = CookieDeclaration.objects.get_or_create(
                    name=name,
                    domain="",
                    path="/",
                    defaults={
                        "category": tag.category,
                        "provider": tag.provider,
                        "duration": duration,
                        "purpose": purpose,
                    },
                )
                created += new
        self.message_user(
            request,
            ngettext("%(count)d cookie declared.", "%(count)d cookies declared.", created)
            % {"count": created},
            messages.SUCCESS,
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "category":
            # Only optional categories: a tag always needs the visitor's consent.
            kwargs["queryset"] = CookieCategory.objects.filter(is_necessary=False)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(ConsentModeType)
class ConsentModeTypeAdmin(admin.ModelAdmin):
    """The seven Google consent types are fixed; which category grants each is shown here."""

    list_display = ["name", "category", "meaning"]
    list_select_related = ["category"]
    fields = ["name", "category"]
    readonly_fields = ["name"]

    @admin.display(description=_("what Google uses it for"))
    def meaning(self, obj):
        return obj.get_name_display().partition(": ")[2]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(UndeclaredCookie)
class UndeclaredCookieAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Cookies the site tried to set that no declaration covers: in production they were not
    sent. Declare each under its category (Cookie declarations) to let it through."""

    search_fields = ["name"]
    fields = ["name", "times_seen", "first_seen", "last_seen"]
    readonly_fields = fields
    date_hierarchy = "last_seen"

    def get_list_display(self, request):
        # The catalogue read once for the page (its generation is one query), not once a row.
        catalogue = get_catalogue(request=request)

        @admin.display(description=_("declared since"), boolean=True)
        def declared_now(obj):
            return catalogue.category_of_cookie(obj.name) is not None

        return ["name", "times_seen", "first_seen", "last_seen", declared_now]


@admin.register(PolicyVersion)
class PolicyVersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["version", "first_answered_at"]
    fields = ["version", "first_answered_at", "shown_to_visitors"]
    readonly_fields = fields

    @admin.display(description=_("what visitors were shown"))
    def shown_to_visitors(self, obj):
        return format_html("<pre>{}</pre>", json.dumps(obj.snapshot, indent=2, ensure_ascii=False))


@admin.register(ConsentRecord)
class ConsentRecordAdmin(
    BigTableAdminMixin, ConsentLogExportMixin, ReadOnlyAdminMixin, admin.ModelAdmin
):
    list_display = [
        "created_at",
        "visitor_id",
        "action",
        "allowed",
        "policy_version",
        "language",
        "page",
    ]
    # No date bar: it reads every record to find its years and months (newsroom/admin_lists.py);
    # the date filter offers the same narrowing from fixed choices.
    list_filter = ["action", "language", "created_at"]
    search_fields = ["=visitor_id"]
    fields = [
        "created_at",
        "visitor_id",
        "action",
        "choices",
        "embeds",
        "policy_version",
        "language",
        "page",
        "user_agent",
        "ip_hash",
    ]
    readonly_fields = fields
    actions = ["export_selected"]
    change_list_template = "admin/consent/consentrecord/change_list.html"

    def get_search_results(self, request, queryset, search_term):
        # A consent id, matched exactly through its index. Django's "=" search compares the
        # text of every id case-insensitively, which reads the whole log (6 s at 10 million).
        term = search_term.strip()
        if not term:
            return queryset, False
        try:
            visitor = uuid.UUID(term)
        except ValueError:
            return queryset.none(), False
        return queryset.filter(visitor_id=visitor), False

    @admin.display(description=_("allowed categories"))
    def allowed(self, obj):
        return ", ".join(obj.allowed_slugs())

    def changelist_view(self, request, extra_context=None):
        catalogue = get_catalogue()
        slugs = [category.slug for category in catalogue.optional_categories]
        visitors, shares = ConsentRecord.objects.category_shares(
            slugs, days=SUMMARY_DAYS, sample=SUMMARY_SAMPLE
        )
        since = timezone.now() - timedelta(days=SUMMARY_DAYS)
        sampled = ConsentRecord.objects.filter(created_at__gte=since)[SUMMARY_SAMPLE:].exists()
        query = request.GET.urlencode()
        export_url = reverse("admin:consent_consentrecord_export") + (f"?{query}" if query else "")
        extra_context = {
            "summary_days": SUMMARY_DAYS,
            "summary_visitors": visitors,
            "summary_sample": SUMMARY_SAMPLE if sampled else None,
            "summary_shares": [
                (category.name, shares[category.slug]) for category in catalogue.optional_categories
            ],
            "export_url": export_url,
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)


# Embed providers and embeds have an admin module of their own.
from . import admin_embeds  # noqa: E402, F401
