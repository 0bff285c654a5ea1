"""Readers' reports of comments (EU Digital Services Act, Art. 16): what is kept of each.

A report names the comment, a reason from a short list and, if the reader wants to hear the
outcome, an email address. That address is for the decision mail only: nothing public shows
it, and only staff read it in the admin. The reporter's client is kept as the same keyed hash
comments keep (comments/client.py), never the address: enough to count distinct clients, not
to identify a reader. What a report does is comments/reporting.py.
"""

from django.db import models
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TEXT_MAX_LENGTH = 1000


class CommentReportQuerySet(models.QuerySet):
    def open(self):
        """Reports no moderator has decided on yet."""
        return self.filter(resolved_at=None)

    def distinct_clients(self):
        """How many different clients made these reports (reports from an unknown client count
        as one)."""
        return self.values("client_hash").distinct().count()


class CommentReport(models.Model):
    class Reason(models.TextChoices):
        ILLEGAL = "illegal", _("Illegal content")
        HARASSMENT = "harassment", _("Harassment or hate")
        SPAM = "spam", _("Spam")
        PERSONAL = "personal", _("Personal information")
        OTHER = "other", _("Other")

    comment = models.ForeignKey(
        "comments.Comment",
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    reason = models.CharField(verbose_name=_("reason"), max_length=12, choices=Reason.choices)
    text = models.TextField(
        verbose_name=_("details"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("What the reader added, in their words."),
    )
    reporter_email = models.EmailField(
        verbose_name=_("reporter's email"),
        max_length=254,
        blank=True,
        help_text=_("Never published. The reader is mailed the decision if given."),
    )
    # The language the reader reported in: the decision mail is written in it.
    language = models.CharField(verbose_name=_("language"), max_length=8, blank=True)
    client_hash = models.CharField(
        verbose_name=_("client hash"), max_length=64, blank=True, editable=False
    )
    created_at = models.DateTimeField(verbose_name=_("reported at"), default=timezone.now)
    resolved_at = models.DateTimeField(
        verbose_name=_("resolved at"),
        null=True,
        blank=True,
        help_text=_("When a moderator decided on the comment."),
    )

    objects = CommentReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = "created_at"
        indexes = [
            models.Index(fields=["comment", "resolved_at"], name="comment_report_open_idx"),
        ]
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")

    def __str__(self):
        return f"Report of comment {self.comment_id}: {self.reason}"

    @property
    def is_resolved(self):
        return self.resolved_at is not None


def with_report_counts(comments):
    """`comments` annotated with their open reports (`open_reports`), all reports
    (`report_total`) and the newest report's time (`latest_report_at`), in the same query."""
    return comments.annotate(
        open_reports=Count("reports", filter=Q(reports__resolved_at=None), distinct=True),
        report_total=Count("reports", distinct=True),
        latest_report_at=Max("reports__created_at"),
    )
