"""The editors' desk: write, schedule, publish and unpublish stories (revisions, autosaves and
previews: admin_revisions.py)."""

from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from tinymce.widgets import TinyMCE

from newsroom.admin_lists import BigTableAdminMixin
from newsroom.admin_rows import NamedEditableColumnsMixin
from newsroom.admin_widgets import LabelledDateTimesMixin

from . import search
from .admin_desk import StoryDeskMixin
from .admin_pictures import focal_point_picker
from .admin_revisions import StoryRevisionsAdmin, keep_revisions
from .models import Article, Category, CategoryTranslation, Correction
from .search_syntax import parse


class CategoryTranslationInline(admin.StackedInline):
    """The section's name and description in the site's other languages; readers of a language
    without one see the English name and description above."""

    model = CategoryTranslation
    extra = 0
    fields = ["language", "name", "description"]


@admin.register(Category)
class CategoryAdmin(NamedEditableColumnsMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "translations__name"]
    inlines = [CategoryTranslationInline]


class CorrectionInline(LabelledDateTimesMixin, admin.StackedInline):
    """Corrections, clarifications and updates of a published story (articles/corrections.py):
    readers see them under the story and on /corrections/; adding one notifies nobody."""

    model = Correction
    extra = 0
    fields = ["kind", "text", "published_at"]


@admin.register(Article)
class ArticleAdmin(
    LabelledDateTimesMixin,
    BigTableAdminMixin,
    StoryDeskMixin,
    StoryRevisionsAdmin,
    admin.ModelAdmin,
):
    list_display = [
        "headline", "category", "status", "published_at", "author", "is_published",
    ]  # fmt: skip
    list_filter = ["status", "category", "language", "published_at", "comments_open"]
    list_select_related = ["category", "author"]
    search_fields = ["headline", "standfirst", "body"]
    date_hierarchy = "published_at"
    # As the comment list: half of Django's 100 rows, half the drawing (the rows' links are
    # resolved one by one to carry the list's filters), and a screen or two to scroll.
    list_per_page = 50
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["category"]
    readonly_fields = ["created_at", "updated_at", "lead_focal_point"]
    actions = ["publish", "unpublish"]
    inlines = [CorrectionInline]
    formfield_overrides = {models.TextField: {"widget": TinyMCE()}}
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body", "language"]}),
        (_("Placement"), {"fields": ["category", "author", "status", "published_at"]}),
        (
            _("Lead image"),
            {
                "fields": [
                    "lead_image",
                    "lead_image_alt",
                    "lead_focal_point",
                    "lead_image_focus_x",
                    "lead_image_focus_y",
                ]  # fmt: skip
            },
        ),
        (_("Comments"), {"fields": ["comments_open"]}),
        (_("History"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    class Media:
        css = {"all": ["editors/focal-point.css"]}
        js = ["editors/focal-point.js"]

    @admin.display(description=_("focal point"))
    def lead_focal_point(self, article):
        missing = gettext(
            "Choose a lead image and save the story; then click the picture here to set its "
            "focal point."
        )
        return focal_point_picker(
            article.lead_image, "id_lead_image_focus_x", "id_lead_image_focus_y", missing
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # The standfirst is a sentence or two of plain text, not rich text.
        if db_field.name == "standfirst":
            kwargs["widget"] = admin.widgets.AdminTextareaWidget(attrs={"rows": 3})
            return db_field.formfield(**kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        # Through the search index, drafts included (articles/search.py): whole words as
        # readers' search finds them, where the admin's substring search read every story's
        # headline, standfirst and body (2.7 s at 100,000 stories).
        query = parse(search_term)
        if not query:
            return queryset, False
        return search.matching(queryset, query), False

    def get_changeform_initial_data(self, request):
        return {"author": request.user.pk, **super().get_changeform_initial_data(request)}

    @admin.action(description=_("Publish selected stories now"))
    def publish(self, request, queryset):
        blocked = list(queryset.filter(status=Article.Status.DRAFT).missing_alt_text())
        count = queryset.publish()
        keep_revisions(request, queryset, gettext("Published from the list of stories."))
        message = ngettext("Published %(count)d story.", "Published %(count)d stories.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
        if blocked:
            headlines = ", ".join(article.headline for article in blocked)
            self.message_user(
                request,
                gettext("Not published, their lead image needs alt text first: %(headlines)s.")
                % {"headlines": headlines},
                messages.WARNING,
            )

    @admin.action(description=_("Unpublish selected stories (back to draft)"))
    def unpublish(self, request, queryset):
        count = queryset.unpublish()
        keep_revisions(request, queryset, gettext("Unpublished from the list of stories."))
        message = ngettext("Unpublished %(count)d story.", "Unpublished %(count)d stories.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
