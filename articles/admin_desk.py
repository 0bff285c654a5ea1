"""The story desk's safeguards, added to ArticleAdmin as a mixin: no lost work, and scheduling
that shows.

- A change form opened on a stale copy cannot overwrite the story (StoryDeskForm,
  articles/edit_conflicts.py); the form lists what changed, with the saved values.
- The change form says who else has the story open: presence is recorded when the form is
  drawn (no JavaScript needed) and kept fresh by static/editors/story-presence.js.
- static/editors/unsaved-changes.js warns before leaving a form with unsaved edits.
- A story published with a future time reads "Scheduled for <time>" in the list, has its own
  choice in the status filter, and its save message says when it goes live.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.urls import path
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .forms import StoryDeskForm
from .models import Article, StoryPresence


def _when(moment):
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _name(user):
    return user.get_full_name() or user.get_username()


class PublicationStatusFilter(admin.SimpleListFilter):
    title = _("status")
    # The name Django's own status filter used, so editors' saved links to the list still work.
    parameter_name = "status__exact"

    def lookups(self, request, model_admin):
        return [
            (Article.Status.DRAFT, _("Draft")),
            (Article.Status.PUBLISHED, _("Published")),
            ("scheduled", _("Scheduled")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == Article.Status.DRAFT:
            return queryset.filter(status=Article.Status.DRAFT)
        if self.value() == Article.Status.PUBLISHED:
            return queryset.filter(status=Article.Status.PUBLISHED, published_at__lte=now)
        if self.value() == "scheduled":
            return queryset.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        return queryset


class StoryDeskMixin:
    # The change form's template is articles/templates/admin/articles/article/change_form.html.
    form = StoryDeskForm

    @property
    def media(self):
        scripts = ["editors/unsaved-changes.js", "editors/story-presence.js"]
        return super().media + forms.Media(js=scripts)

    # --- Scheduling ---------------------------------------------------------------------------

    def get_list_display(self, request):
        """The plain status column gives way to one that tells scheduled stories apart."""
        columns = super().get_list_display(request)
        return ["publication_status" if name == "status" else name for name in columns]

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        return [PublicationStatusFilter if name == "status" else name for name in filters]

    @admin.display(description=_("status"), ordering="status")
    def publication_status(self, article):
        if article.is_scheduled:
            return gettext("Scheduled for %(time)s") % {"time": _when(article.published_at)}
        return article.get_status_display()

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        self._say_when_it_goes_live(request, obj)
        return response

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        self._say_when_it_goes_live(request, obj)
        # Saved, the editor has left this copy of the form; a new one records them again.
        StoryPresence.objects.filter(article=obj, user=request.user).delete()
        return response

    def _say_when_it_goes_live(self, request, article):
        if article.is_scheduled:
            message = gettext("“%(headline)s” is scheduled to go live on %(time)s.") % {
                "headline": article.headline,
                "time": _when(article.published_at),
            }
            self.message_user(request, message, messages.INFO)

    # --- Who else has the story open ----------------------------------------------------------

    def get_urls(self):
        presence = self.admin_site.admin_view(self.presence_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_presence"
        return [
            path("<path:object_id>/presence/", presence, name=name),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None and self.has_view_or_change_permission(request, article):
            StoryPresence.objects.record(article, request.user)
            extra_context = {
                **(extra_context or {}),
                "presence_notice": self.presence_notice(article, request.user),
                "presence_heartbeat_ms": int(StoryPresence.HEARTBEAT.total_seconds() * 1000),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def presence_notice(self, article, user):
        others = StoryPresence.objects.editing(article).exclude(user=user)
        names = [_name(presence.user) for presence in others]
        if not names:
            return ""
        return gettext(
            "Also open now by %(names)s. If they save first, your save is stopped and you are "
            "shown what they changed."
        ) % {"names": ", ".join(names)}

    def presence_view(self, request, object_id):
        """The heartbeat: the editor still has the form open (or, with `leaving`, has left
        it); answers who else has it open."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        if request.POST.get("leaving"):
            StoryPresence.objects.filter(article=article, user=request.user).delete()
            return JsonResponse({"notice": ""})
        StoryPresence.objects.record(article, request.user)
        return JsonResponse({"notice": self.presence_notice(article, request.user)})

    # --- A re-shown form and its conflict -----------------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        context["edit_conflict"] = getattr(form, "conflict", None)
        return super().render_change_form(request, context, add, change, form_url, obj)
