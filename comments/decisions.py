"""The moderation log, and the reasons a moderator gives (EU Digital Services Act, Art. 17, 20).

- `ModerationReason`: the grounds editors keep for removing or restricting a comment, each with
  the explanation mailed to the commenter, in the site's language and (through
  `ModerationReasonTranslation`) its others.
- `ModerationDecision`: every decision an editor takes on a comment in the admin, with who,
  when, what and why. Written once and never changed: the admin shows it read-only and exports
  it as CSV.
- `ReviewRequest`: a commenter asking for a decision to be looked at again, sent from the signed
  link in the statement of reasons (statements.py).

This module does not import models.py (which imports it): comments are named by string.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.translations import TranslationRow


class ModerationReasonQuerySet(models.QuerySet):
    def offered(self):
        return self.filter(active=True)


class ModerationReason(models.Model):
    """A ground for removing or restricting a comment, from the list editors keep."""

    code = models.SlugField(
        verbose_name=_("code"),
        max_length=40,
        unique=True,
        help_text=_("A short name that never changes; the moderation log and its export use it."),
    )
    title = models.CharField(
        verbose_name=_("title"),
        max_length=100,
        help_text=_("What moderators choose from, and the heading of the statement mailed."),
    )
    text = models.TextField(
        verbose_name=_("explanation"),
        help_text=_(
            "Mailed to the commenter: which rule or law the comment broke, in plain words, in "
            "the site's main language (translations below)."
        ),
    )
    tell_commenter = models.BooleanField(
        verbose_name=_("mail the commenter"),
        default=True,
        help_text=_(
            "Untick only for deceptive mass commercial content (spam): the Digital Services "
            "Act asks for no statement to its senders."
        ),
    )
    active = models.BooleanField(
        verbose_name=_("offered to moderators"),
        default=True,
        help_text=_("Untick a reason no longer used, rather than deleting it: the log keeps it."),
    )
    position = models.PositiveSmallIntegerField(verbose_name=_("position"), default=0)

    objects = ModerationReasonQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("moderation reason")
        verbose_name_plural = _("moderation reasons")

    def __str__(self):
        return self.title

    def in_language(self, language):
        """(title, explanation) as a reader of `language` is told them: its translation if
        there is one, else the main text."""
        for translation in self.translations.all():
            if translation.language == language:
                return translation.title, translation.text
        return self.title, self.text


class ModerationReasonTranslation(TranslationRow):
    """A reason's title and explanation in one of the site's other languages."""

    reason = models.ForeignKey(
        ModerationReason,
        verbose_name=_("reason"),
        on_delete=models.CASCADE,
        related_name="translations",
    )
    title = models.CharField(verbose_name=_("title"), max_length=100)
    text = models.TextField(
        verbose_name=_("explanation"),
        help_text=_("Mailed to commenters who wrote in this language."),
    )

    class Meta:
        ordering = ["reason__position", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["reason", "language"], name="comments_unique_reason_translation"
            )
        ]
        verbose_name = _("moderation reason translation")
        verbose_name_plural = _("moderation reason translations")

    def __str__(self):
        return f"{self.reason} ({self.language})"


class ModerationDecision(models.Model):
    """One decision on one comment: logged as taken, never edited."""

    comment = models.ForeignKey(
        "comments.Comment",
        verbose_name=_("comment"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="decisions",
    )
    # Kept with the decision so the log still says what was decided on if the comment itself
    # is deleted from the database later.
    comment_excerpt = models.CharField(verbose_name=_("comment excerpt"), max_length=100)
    previous_status = models.CharField(verbose_name=_("status before"), max_length=8)
    status = models.CharField(verbose_name=_("status after"), max_length=8)
    reason = models.ForeignKey(
        ModerationReason,
        verbose_name=_("reason"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    explanation = models.TextField(
        verbose_name=_("moderator's words"),
        blank=True,
        help_text=_("Free text the moderator added to the reason; mailed with it."),
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(
        verbose_name=_("decided at"), default=timezone.now, db_index=True
    )
    # Decisions the site's own rules took (a blocked word, an edit held again, enough reports):
    # the regulation's log covers automated means too.
    automated = models.BooleanField(
        verbose_name=_("automated"),
        default=False,
        help_text=_("Taken by the site's rules, not by a moderator."),
    )
    commenter_told = models.BooleanField(
        verbose_name=_("statement mailed"),
        default=False,
        help_text=_("A statement of reasons was queued for the commenter."),
    )

    class Meta:
        ordering = ["-decided_at", "-id"]
        get_latest_by = "decided_at"
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")

    def __str__(self):
        return f"{self.previous_status} → {self.status}: {self.comment_excerpt}"


class ReviewRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at=None)


class ReviewRequest(models.Model):
    """A commenter's request that a decision on their comment be reviewed."""

    decision = models.ForeignKey(
        ModerationDecision,
        verbose_name=_("decision"),
        on_delete=models.CASCADE,
        related_name="review_requests",
    )
    message = models.TextField(
        verbose_name=_("message"), help_text=_("Why the commenter thinks the decision is wrong.")
    )
    created_at = models.DateTimeField(verbose_name=_("received at"), default=timezone.now)
    closed_at = models.DateTimeField(
        verbose_name=_("handled at"),
        null=True,
        blank=True,
        help_text=_("Set when an editor has reviewed the decision."),
    )

    objects = ReviewRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")

    def __str__(self):
        return f"Review of decision {self.decision_id}"
