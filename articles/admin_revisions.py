"""The desk's record of a story: revisions, autosaved drafts and previews, as an admin mixin.

ArticleAdmin adds `StoryRevisionsAdmin` to its bases. It is django-reversion's VersionAdmin, so
every save through the admin keeps a revision (who, when, every field); restoring one is the
library's revision form, saved through the ordinary change form (a new revision, and cached pages
retired by the normal save). On top of it this module adds:

- a history page listing the revisions, with any two compared (articles/revisions.py);
- autosaves: the change form's script posts its text fields to an endpoint of their own, kept
  apart from the story (articles/autosaves.py) and offered back when the story is next opened;
- a preview of the form's unsaved values in the reader's template (articles/admin_views.py).
"""

from functools import partial

import reversion
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.urls import path, reverse
from django.utils.translation import gettext
from reversion.admin import VersionAdmin
from reversion.models import Version

from . import admin_views
from .autosaves import AUTOSAVED_FIELDS, Autosave
from .revisions import NOT_KEPT

# `?restore_autosave=1` on the change (or add) form fills it with the editor's autosave: a link,
# so the offer works without JavaScript.
RESTORE_AUTOSAVE = "restore_autosave"


def keep_revisions(request, queryset, comment):
    """A revision of each story of `queryset` as it now stands, by the editor who acted: the
    list's bulk actions change stories with one UPDATE, which django-reversion never sees."""
    with reversion.create_revision():
        reversion.set_user(request.user)
        reversion.set_comment(comment)
        for story in queryset.model.objects.filter(pk__in=queryset.values("pk")):
            reversion.add_to_revision(story)


class StoryRevisionsAdmin(VersionAdmin):
    object_history_template = "admin/articles/article/revisions.html"
    change_form_template = "admin/articles/article/change_form_desk.html"
    history_latest_first = True

    def reversion_register(self, model, **options):
        options.setdefault("exclude", NOT_KEPT)
        super().reversion_register(model, **options)

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(partial(function, self))

        desk_urls = [
            path(
                "<path:object_id>/revisions/compare/",
                view(admin_views.compare_revisions),
                name=self.url_name("compare"),
            ),
            path("autosave/", view(admin_views.keep_autosave), name=self.url_name("autosave_new")),
            path(
                "<path:object_id>/autosave/",
                view(admin_views.keep_autosave),
                name=self.url_name("autosave"),
            ),
            path("preview/", view(admin_views.preview), name=self.url_name("preview_new")),
            path(
                "<path:object_id>/preview/",
                view(admin_views.preview),
                name=self.url_name("preview"),
            ),
        ]
        return desk_urls + super().get_urls()

    def url_name(self, view, namespaced=False):
        """The name of one of this story admin's addresses ("compare", "revision", ...)."""
        name = f"{self.opts.app_label}_{self.opts.model_name}_{view}"
        return f"{self.admin_site.name}:{name}" if namespaced else name

    def desk_url(self, view, obj=None):
        """The address of one of this module's views, for `obj` or for a story not saved yet."""
        if obj is None or obj.pk is None:
            return reverse(self.url_name(f"{view}_new", namespaced=True))
        return reverse(self.url_name(view, namespaced=True), args=[quote(obj.pk)])

    # Revisions.

    def history_view(self, request, object_id, extra_context=None):
        versions = list(
            Version.objects.get_for_object_reference(self.model, unquote(object_id))
            .select_related("revision__user")
            .order_by("-pk")
        )
        compare_url = reverse(self.url_name("compare", namespaced=True), args=[object_id])
        revision_url_name = self.url_name("revision", namespaced=True)
        rows = [
            {
                "version": newer,
                "restore_url": reverse(revision_url_name, args=[object_id, newer.pk]),
                "changes_url": (f"{compare_url}?from={older.pk}&to={newer.pk}" if older else None),
            }
            for newer, older in zip(versions, [*versions[1:], None], strict=True)
        ]
        context = {"revisions": rows, "compare_url": compare_url, **(extra_context or {})}
        return super().history_view(request, object_id, context)

    # Autosaves.

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and self._restoring_autosave(request):
            autosave = Autosave.objects.of(request.user, obj).first()
            if autosave is not None:
                for name, value in autosave.data.items():
                    if name in AUTOSAVED_FIELDS and isinstance(value, str):
                        setattr(obj, name, value)
        return obj

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.pop(RESTORE_AUTOSAVE, None)
        if self._restoring_autosave(request):
            autosave = Autosave.objects.of(request.user).first()
            if autosave is not None:
                initial.update(
                    (name, value)
                    for name, value in autosave.data.items()
                    if name in AUTOSAVED_FIELDS and isinstance(value, str)
                )
        return initial

    def _restoring_autosave(self, request):
        # Only the change form shown afresh; a POST saves what the form holds, nothing else.
        match = request.resolver_match
        return (
            request.method == "GET"
            and RESTORE_AUTOSAVE in request.GET
            and match is not None
            and match.url_name.endswith(("_change", "_add"))
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(
            autosave_url=self.desk_url("autosave", obj),
            autosave_fields=" ".join(AUTOSAVED_FIELDS),
            preview_url=self.desk_url("preview", obj),
        )
        if request.method == "GET":
            if self._restoring_autosave(request):
                messages.info(
                    request,
                    gettext("The autosaved text is in the form below: save the story to keep it."),
                )
            else:
                autosave = Autosave.objects.of(request.user, obj).first()
                if autosave is not None and autosave.is_newer_than(obj):
                    context.update(autosave=autosave, restore_autosave_parameter=RESTORE_AUTOSAVE)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # What the editor autosaved is in the story now, or was set aside by this save.
        Autosave.objects.of(request.user, obj).delete()
        if not change:
            Autosave.objects.of(request.user).delete()
