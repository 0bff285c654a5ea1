"""Moderation at a newsroom's pace: the comment list newest first, one-click Approve, Spam and
Remove under each row's status, "Reply as the site", and held reasons in the editor's language.

The row buttons work without JavaScript. They cannot be forms of their own: the whole list
sits inside the admin's changelist form (the bulk actions), and forms do not nest. So each is a
submit button of that form with its own `formaction` and `formmethod="post"`: pressing it posts
the changelist form, CSRF token included, to this row's moderation view, which runs the very
bulk action (`approve`, `mark_spam`, `remove`) on that one comment, so messages, mails to
subscribers and page retirement are the same as for a ticked box. The list's filters and page
travel in `_changelist_filters`, the admin's own convention, and the editor lands back on them.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import held_reasons, site_replies
from .forms import TEXT_MAX_LENGTH
from .models import Comment

# The one-click buttons: (action name on the ModelAdmin, button label, the status it sets).
ROW_ACTIONS = [
    ("approve", _("Approve"), Comment.Status.APPROVED),
    ("mark_spam", _("Spam"), Comment.Status.SPAM),
    ("remove", _("Remove"), Comment.Status.REMOVED),
]


class SiteReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Reply"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80}),
        help_text=_(
            "Plain text, as readers write it: blank lines make paragraphs, web addresses "
            "become links. Published at once under the comment, with a “Staff” badge."
        ),
    )


class ModerationDeskMixin:
    """Added to CommentAdmin's bases; needs its `approve`, `mark_spam` and `remove` actions."""

    # Today's comments first: the queue of a busy site is read from the top.
    ordering = ["-created_at", "-id"]

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<int:comment_id>/moderate/<str:action>/",
                self.admin_site.admin_view(require_POST(self.moderate_view)),
                name=f"{prefix}_moderate",
            ),
            path(
                "<int:comment_id>/reply/",
                self.admin_site.admin_view(self.reply_view),
                name=f"{prefix}_reply",
            ),
            *super().get_urls(),
        ]

    def get_list_display(self, request):
        # The buttons sit under the status they change, in its cell: a column of their own
        # would push the list past a 1280 px screen. They need this request's filters and
        # permissions, which a closure keeps.
        filters = self.get_preserved_filters(request)
        may_change = self.has_change_permission(request)
        allowed = self.get_actions(request) if may_change else {}

        @admin.display(
            description=Comment._meta.get_field("status").verbose_name, ordering="status"
        )
        def status(comment):
            return format_html(
                '{}<div class="desk-buttons">{}</div>',
                comment.get_status_display(),
                self.row_buttons(comment, filters, allowed, may_reply=may_change),
            )

        columns = list(super().get_list_display(request))
        if "status" in columns:
            columns[columns.index("status")] = status
        else:
            columns.append(status)
        return columns

    def _url(self, name, *args, filters=""):
        url = reverse(f"admin:comments_comment_{name}", args=args)
        return add_preserved_filters({"preserved_filters": filters, "opts": self.opts}, url)

    def row_buttons(self, comment, filters, allowed, may_reply):
        """Approve / Spam / Remove (those that change something) and Reply, for one row."""
        buttons = format_html_join(
            " ",
            '<button type="submit" class="button" formmethod="post" formaction="{}"'
            ' aria-label="{}">{}</button>',
            (
                (
                    self._url("moderate", comment.pk, action, filters=filters),
                    _("%(action)s: comment by %(name)s") % {"action": label, "name": comment.name},
                    label,
                )
                for action, label, status in ROW_ACTIONS
                if comment.status != status and action in allowed
            ),
        )
        if may_reply and site_replies.can_reply_to(comment):
            buttons = format_html(
                '{} <a class="button" href="{}">{}</a>',
                buttons,
                self._url("reply", comment.pk, filters=filters),
                _("Reply as the site"),
            )
        return buttons

    def _back_to_list(self, request):
        """The list the editor came from, with its filters and page."""
        filters = request.GET.get("_changelist_filters", "")
        changelist = reverse("admin:comments_comment_changelist")
        return HttpResponseRedirect(f"{changelist}?{filters}" if filters else changelist)

    def _comment_or_404(self, request, comment_id):
        comment = self.get_queryset(request).select_related("article").filter(pk=comment_id)
        comment = comment.first()
        if comment is None:
            raise Http404
        if not self.has_change_permission(request, comment):
            raise PermissionDenied
        return comment

    def moderate_view(self, request, comment_id, action):
        """One row's button: run bulk action `action` on this comment alone."""
        if action not in {name for name, _label, _status in ROW_ACTIONS}:
            raise Http404
        found = self.get_actions(request).get(action)
        if found is None:
            raise PermissionDenied
        comment = self._comment_or_404(request, comment_id)
        function = found[0]
        response = function(self, request, self.get_queryset(request).filter(pk=comment.pk))
        # An action may answer with a page of its own (asking for a reason, say).
        return response or self._back_to_list(request)

    def reply_view(self, request, comment_id):
        """Write a reply to a comment, published as the site."""
        comment = self._comment_or_404(request, comment_id)
        if not site_replies.can_reply_to(comment):
            messages.error(request, _("This comment is as deep as threads go; it takes no reply."))
            return self._back_to_list(request)
        form = SiteReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            reply = site_replies.reply_as_site(
                comment, form.cleaned_data["text"], request.build_absolute_uri("/")
            )
            self.log_addition(request, reply, [{"added": {}}])
            messages.success(
                request,
                format_html(
                    _('Your reply is published as {name}: <a href="{url}">see it</a>.'),
                    name=reply.name,
                    url=reply.get_absolute_url(),
                ),
            )
            return self._back_to_list(request)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reply as the site"),
            "opts": self.opts,
            "comment": comment,
            "comment_is_public": Comment.objects.public().filter(pk=comment.pk).exists(),
            "form": form,
            "reply_name": site_replies.site_reply_name(),
            "list_url": self._back_to_list(request).url,
        }
        return TemplateResponse(request, "admin/comments/comment/reply_as_site.html", context)

    @admin.display(description=_("why it was held"), ordering="held_reason")
    def why_held(self, comment):
        """The stored reason codes in the editor's language (held_reasons.py)."""
        return held_reasons.describe(comment.held_reason)
