"""The moderation desk's reasons: asking for one, the log of decisions, and review requests.

`ReasonedModerationMixin` gives the comment admin its reasoned actions: removing or marking as
spam, in bulk or on the change form, first asks for a reason (an intermediate page like
Django's delete confirmation, which works without JavaScript), then goes through
statements.decide(), which logs the decision and mails the statement.
"""

import csv

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.admin_rows import NamedEditableColumnsMixin
from newsroom.admin_widgets import LabelledDateTimesMixin

from . import reporting, statements
from .decisions import (
    ModerationDecision,
    ModerationReason,
    ModerationReasonTranslation,
    ReviewRequest,
)
from .models import Comment

CHOOSE_A_REASON = _("Choose the reason for this decision; the commenter is told it.")


class ReasonForm(forms.Form):
    reason = forms.ModelChoiceField(
        label=_("Reason"),
        queryset=ModerationReason.objects.offered(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": CHOOSE_A_REASON},
    )
    explanation = forms.CharField(
        label=_("Your words to the commenter (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CommentModerationForm(forms.ModelForm):
    """The comment change form, plus a reason when its status becomes removed or spam."""

    moderation_reason = forms.ModelChoiceField(
        label=_("Reason"),
        queryset=ModerationReason.objects.offered(),
        required=False,
        help_text=_("Needed when you remove a comment or mark it as spam."),
    )
    moderation_explanation = forms.CharField(
        label=_("Your words to the commenter (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Comment
        # The admin's own field list (CommentAdmin.fields) decides what the form shows.
        fields = ["status"]

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        changed = "status" in self.changed_data
        if changed and statements.needs_reason(status) and not cleaned.get("moderation_reason"):
            self.add_error("moderation_reason", CHOOSE_A_REASON)
        return cleaned


class ReasonedModerationMixin:
    """For CommentAdmin: moderation that asks why, and a log of every decision."""

    form = CommentModerationForm
    reason_template = "admin/comments/comment/choose_reason.html"

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if obj is not None and "status" in fields:
            at = fields.index("status") + 1
            fields[at:at] = ["moderation_reason", "moderation_explanation"]
        return fields

    def save_model(self, request, obj, form, change):
        previous = form.initial.get("status")
        super().save_model(request, obj, form, change)
        if change and "status" in form.changed_data:
            statements.log(
                obj,
                previous,
                obj.status,
                request.user,
                form.cleaned_data.get("moderation_reason"),
                form.cleaned_data.get("moderation_explanation", ""),
                request.build_absolute_uri("/"),
            )

    def decide(self, request, queryset, status, done, reason=None, explanation=""):
        """Give the selected comments `status` and log it; `done` is the success message."""
        decisions = statements.decide(
            queryset,
            status,
            request.user,
            request.build_absolute_uri("/"),
            reason=reason,
            explanation=explanation,
        )
        # Readers who reported these comments hear the decision (reporting.py).
        reporting.decided([decision.comment_id for decision in decisions], status)
        self.message_user(request, done % {"count": len(decisions)}, messages.SUCCESS)
        return decisions

    def decide_with_reason(self, request, queryset, status, done, title):
        """The intermediate page asking for the reason, then the decision (as decide())."""
        form = ReasonForm(request.POST if request.POST.get("post") else None)
        if form.is_bound and form.is_valid():
            self.decide(request, queryset, status, done, **form.cleaned_data)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "form": form,
            "comments": list(queryset.select_related("article")),
            "action": request.POST.get("action", ""),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.reason_template, context)


@admin.register(ModerationReason)
class ModerationReasonAdmin(NamedEditableColumnsMixin, admin.ModelAdmin):
    class TranslationInline(admin.StackedInline):
        model = ModerationReasonTranslation
        extra = 0

    list_display = ["title", "code", "tell_commenter", "active", "position"]
    list_editable = ["active", "position"]
    search_fields = ["title", "code", "text"]
    prepopulated_fields = {"code": ["title"]}
    inlines = [TranslationInline]


# Spreadsheets run cells that start with these as formulas; a moderator's words are quoted.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class _Echo:
    def write(self, value):
        return value


def decided_by(decision, rules="automated"):
    """Who took a decision: the moderator's user name, or `rules` for the site's own (the CSV
    keeps the English word, like its header)."""
    if decision.automated:
        return rules
    return decision.moderator.get_username() if decision.moderator else ""


def decisions_csv(decisions):
    """The decisions as a streaming CSV download, one row each."""
    header = ["decided at", "decision id", "comment id", "story", "comment excerpt"]
    header += ["status before", "status after", "reason", "moderator's words", "moderator"]
    header += ["statement mailed"]

    def rows():
        writer = csv.writer(_Echo())
        yield writer.writerow(header)
        for decision in decisions.select_related("reason", "moderator", "comment__article"):
            comment = decision.comment
            yield writer.writerow(
                [
                    decision.decided_at.isoformat(),
                    decision.pk,
                    decision.comment_id or "",
                    comment.article.slug if comment else "",
                    _cell(decision.comment_excerpt),
                    decision.previous_status,
                    decision.status,
                    decision.reason.code if decision.reason else "",
                    _cell(decision.explanation),
                    decided_by(decision),
                    "yes" if decision.commenter_told else "no",
                ]
            )

    filename = f"moderation-decisions-{timezone.now():%Y-%m-%d}.csv"
    return StreamingHttpResponse(
        rows(),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@admin.register(ModerationDecision)
class ModerationDecisionAdmin(admin.ModelAdmin):
    """The moderation log: read, filtered, exported; never written by hand."""

    list_display = ["decided_at", "comment_excerpt", "previous_status", "status", "reason"]
    list_display += ["decider", "commenter_told"]
    list_filter = ["status", "reason", "automated", "commenter_told", "decided_at"]
    list_select_related = ["reason", "moderator"]
    search_fields = ["comment_excerpt", "explanation", "=comment__id"]
    date_hierarchy = "decided_at"
    actions = ["export_selected"]
    change_list_template = "admin/comments/moderationdecision/change_list.html"

    @admin.display(description=_("decided by"), ordering="moderator")
    def decider(self, decision):
        return decided_by(decision, rules=_("the site's rules"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [
            path("export.csv", export, name="comments_moderationdecision_export"),
            *super().get_urls(),
        ]

    def export_view(self, request):
        """The whole log as filtered on the list page (same query string), as CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return decisions_csv(self.get_changelist_instance(request).get_queryset(request))

    @admin.action(description=_("Export selected decisions as CSV"))
    def export_selected(self, request, queryset):
        return decisions_csv(queryset)


@admin.register(ReviewRequest)
class ReviewRequestAdmin(LabelledDateTimesMixin, admin.ModelAdmin):
    """Commenters contesting a decision: read them, look at the comment, mark them handled."""

    list_display = ["created_at", "decision", "message", "closed_at"]
    list_filter = [("closed_at", admin.EmptyFieldListFilter), "created_at"]
    list_select_related = ["decision"]
    readonly_fields = ["decision", "message", "created_at"]
    fields = ["decision", "message", "created_at", "closed_at"]
    actions = ["mark_handled"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Mark selected requests as handled"))
    def mark_handled(self, request, queryset):
        count = queryset.open().update(closed_at=timezone.now())
        self.message_user(
            request,
            ngettext(
                "Marked %(count)d request as handled.",
                "Marked %(count)d requests as handled.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
