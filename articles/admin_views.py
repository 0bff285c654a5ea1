"""The desk's own admin views for a story (wired by articles/admin_revisions.py): two revisions
compared, an autosave kept, and the change form's unsaved values previewed as readers will see
them. Each takes the story's ModelAdmin first, for its permissions and its form."""

import base64

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models.fields.files import ImageFieldFile
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext
from reversion.models import Version

from .autosaves import AUTOSAVE_MAX_CHARACTERS, AUTOSAVED_FIELDS, Autosave
from .context_processors import show_sections_in_language
from .models import Article
from .picture_uploads import PreparedPicture
from .revisions import compare
from .sanitize import sanitize_body
from .views import RELATED_STORIES


def _story(model_admin, request, object_id, may):
    """The story `object_id` names, if the editor `may` (a permission check) work on it."""
    article = model_admin.get_object(request, unquote(object_id))
    if article is None:
        raise Http404(gettext("No such story."))
    if not may(request, article):
        raise PermissionDenied
    return article


def _editor_name(user):
    """Who made a revision; one made outside the admin (a script, a command) has nobody."""
    if user is None:
        return gettext("no editor")
    return user.get_full_name() or user.get_username()


def compare_revisions(model_admin, request, object_id):
    """What changed between two of the story's revisions (`?from=` and `?to=`, version ids)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    article = _story(model_admin, request, object_id, model_admin.has_view_or_change_permission)
    versions = Version.objects.get_for_object(article).select_related("revision__user")
    try:
        older = versions.get(pk=int(request.GET["from"]))
        newer = versions.get(pk=int(request.GET["to"]))
    except (KeyError, ValueError, Version.DoesNotExist):
        raise Http404(gettext("Choose two revisions of this story to compare.")) from None
    opts = model_admin.opts
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "object": article,
        "title": gettext("Changes to %(story)s") % {"story": article},
        "older": older,
        "newer": newer,
        "older_by": _editor_name(older.revision.user),
        "newer_by": _editor_name(newer.revision.user),
        "changes": compare(older.field_dict, newer.field_dict),
        "revision_url_name": model_admin.url_name("revision", namespaced=True),
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/articles/article/revision_compare.html", context)


def keep_autosave(model_admin, request, object_id=None):
    """Keep the change form's text fields as the editor's autosave; the story is left alone."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = None
    if object_id is not None:
        article = _story(model_admin, request, object_id, model_admin.has_change_permission)
    elif not model_admin.has_add_permission(request):
        raise PermissionDenied
    data = {name: request.POST[name] for name in AUTOSAVED_FIELDS if name in request.POST}
    if not data:
        return JsonResponse({"message": gettext("Nothing to autosave.")}, status=400)
    if sum(len(value) for value in data.values()) > AUTOSAVE_MAX_CHARACTERS:
        return JsonResponse({"message": gettext("Too long to autosave.")}, status=413)
    autosave = Autosave.objects.keep(request.user, article, data)
    saved_at = timezone.localtime(autosave.saved_at)
    message = gettext("Draft autosaved at %(time)s.") % {"time": time_format(saved_at)}
    return JsonResponse({"saved_at": saved_at.isoformat(), "message": message})


def preview(model_admin, request, object_id=None):
    """The story with the change form's unsaved values, drawn by the reader's template.

    Nothing is saved and nothing is kept: no page copy, no related-stories copy, no comment
    section (which keeps copies of its own); the answer is for this editor only."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if object_id is not None:
        article = _story(model_admin, request, object_id, model_admin.has_change_permission)
    elif model_admin.has_add_permission(request):
        article = None
    else:
        raise PermissionDenied
    form_class = model_admin.get_form(request, article, change=article is not None)
    form = form_class(request.POST, request.FILES, instance=article)
    if not form.is_valid():
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.opts,
            "title": gettext("The preview needs a few corrections"),
            "form": form,
        }
        response = render(request, "admin/articles/article/preview_errors.html", context)
        return _private(response)
    story = form.instance
    # As the save would leave it: the body cleaned, the edit time now.
    story.body = sanitize_body(story.body)
    now = timezone.now()
    story.created_at = story.created_at or now
    story.updated_at = now
    upload = form.cleaned_data.get("lead_image")
    if isinstance(upload, PreparedPicture):  # checked and stripped, not stored yet
        story.__dict__["lead_image"] = PreviewedImage(story, upload)
    related = list(Article.objects.published().for_listing().related_to(story, RELATED_STORIES))
    # Sections named in the language the preview is drawn in, as the masthead names them.
    show_sections_in_language(request, [story, *related])
    context = {"article": story, "related_stories": related, "unsaved_preview": True}
    return _private(render(request, "articles/article_detail.html", context))


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


class PreviewedImage(ImageFieldFile):
    """A lead image chosen in the form but not saved: shown from the upload itself (a data:
    address, which the site's policy allows for images), since it has no address yet."""

    def __init__(self, article, upload):
        super().__init__(article, Article._meta.get_field("lead_image"), upload.name)
        upload.seek(0)
        content = base64.b64encode(upload.read()).decode("ascii")
        self.unsaved_url = f"data:{upload.content_type or 'image/jpeg'};base64,{content}"

    @property
    def url(self):
        return self.unsaved_url
