"""Editing and deleting one's own comment from the browser that posted it (see editing.py).

Every refusal (another browser, a forged or expired cookie, a window that has closed, a
comment that is gone) gets the same answer, so the pages reveal nothing about other comments.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from newsroom.crossorigin import reader_form

from . import editing
from .forms import TEXT_MAX_LENGTH, TOO_LONG, TidyCharField
from .views import where_to_see

CLOSED_MESSAGE = _(
    "This comment can no longer be changed from this browser. Comments can be edited or "
    "deleted for a short time after posting, from the browser they were posted with."
)
EDITED_MESSAGE = _("Your comment is updated.")
DELETED_MESSAGE = _("Your comment is deleted.")
TOO_MANY_EDITS = _(
    "This comment has been changed too often in a short time. Please wait a minute, then "
    "save your changes again (after ten changes a comment can no longer be edited)."
)


class EditForm(forms.Form):
    text = TidyCharField(
        label=_("Comment"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 7}),
        error_messages={"required": _("Write your comment."), "max_length": TOO_LONG},
    )


def _closed(request):
    return render(request, "comments/message.html", {"message": CLOSED_MESSAGE}, status=403)


@never_cache
@reader_form
@require_http_methods(["GET", "HEAD", "POST"])
def edit_comment(request, comment_id):
    comment = editing.editable_comment(request, comment_id)
    if comment is None:
        return _closed(request)
    form = EditForm(request.POST or None, initial={"text": comment.text})
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        if editing.count_edit(comment, form.cleaned_data["text"]):
            comment = editing.edit(comment, form.cleaned_data["text"])
            messages.success(request, EDITED_MESSAGE)
            return where_to_see(request, comment)
        form.add_error("text", forms.ValidationError(TOO_MANY_EDITS, code="edit_limit"))
        status = 429
    return render(request, "comments/edit.html", {"comment": comment, "form": form}, status=status)


@never_cache
@reader_form
@require_http_methods(["GET", "HEAD", "POST"])
def delete_comment(request, comment_id):
    comment = editing.editable_comment(request, comment_id)
    if comment is None:
        return _closed(request)
    if request.method != "POST":
        return render(request, "comments/delete.html", {"comment": comment})
    editing.delete(comment)
    messages.success(request, DELETED_MESSAGE)
    return where_to_see(request, comment)
