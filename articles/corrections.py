"""Corrections, clarifications and updates: what changed in a published story, and when.

Rules this module owns:
- A note is added by an editor to a story that is out (published, its time come); it carries
  its kind, a plain text and the time it was made public, which is never in the future (a note
  is added when the change is made, not scheduled).
- Readers see a story's notes under its body, newest first, and every note of every live story
  on /corrections/ and its feeds; the story's structured data lists them (schema.org
  `correction`). A note of a story withdrawn from the public is withdrawn with it.
- Adding, changing or removing a note retires cached pages (articles/signals.py) and does
  nothing else: no mail, no notification, no change to the story's own "Updated" time.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Clocks of the editor's browser and the server differ by a little.
CLOCK_SKEW = timedelta(minutes=1)


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        """Notes readers may see: those of published stories whose time has come."""
        # The story model through the relation: models.py imports this module, not the reverse.
        stories = self.model._meta.get_field("article").related_model
        return self.filter(article__in=stories.objects.published())

    def for_listing(self):
        """Fetch what a listed note shows of its story (headline, address) in the same query."""
        return self.select_related("article")


class Correction(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")
        UPDATE = "update", _("Update")

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    kind = models.CharField(
        verbose_name=_("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.CORRECTION,
        help_text=_(
            "Correction: a fact was wrong. Clarification: it was right but could be "
            "misread. Update: something new happened since."
        ),
    )
    text = models.TextField(
        verbose_name=_("text"),
        max_length=2000,
        help_text=_(
            "Plain text shown to readers under the story, e.g. “An earlier version of this "
            "story gave the wrong date for the vote.”"
        ),
    )
    published_at = models.DateTimeField(
        verbose_name=_("published at"),
        default=timezone.now,
        help_text=_("When the note was made public; not in the future."),
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        get_latest_by = "published_at"
        verbose_name = _("correction")
        verbose_name_plural = _("corrections and clarifications")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#correction-{self.pk}"

    def clean(self):
        if self.published_at and self.published_at > timezone.now() + CLOCK_SKEW:
            raise ValidationError(
                {"published_at": _("A correction cannot be dated in the future.")}
            )
        # Only a new note is checked: a story that is unpublished keeps its notes.
        if self._state.adding and self.article_id is not None and not self.article.is_published():
            raise ValidationError(
                _("Corrections are added to published stories only; edit a draft directly.")
            )
