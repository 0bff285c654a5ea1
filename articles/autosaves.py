"""Drafts kept while an editor types: one per editor per story, never the story itself.

The change form's script (static/editors/autosave.js) posts the form's text fields every half
minute; they are kept here, apart from the story, so an autosave never publishes anything, never
retires a cached page and never starts a revision. The editor is offered the text back when the
story is next opened (articles/admin_revisions.py), and a save of the story discards it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The change form's text fields: what an editor would hate to type again. Choices, dates and
# files are quick to set again and are not kept.
AUTOSAVED_FIELDS = ("headline", "slug", "standfirst", "body", "lead_image_alt")

# A generous bound on one autosave (a long story is some 100,000 characters): an editor's draft
# fits, a script posting junk cannot fill the database.
AUTOSAVE_MAX_CHARACTERS = 1_000_000


class AutosaveQuerySet(models.QuerySet):
    def of(self, user, article=None):
        """The editor's autosave of `article` (None: of the story not yet saved once)."""
        if article is None or article.pk is None:
            return self.filter(user=user, article__isnull=True)
        return self.filter(user=user, article=article)

    def keep(self, user, article, data):
        """Keep `data` as the editor's autosave of `article`, replacing the one before."""
        saved = article if article is not None and article.pk else None
        autosave, _created = self.update_or_create(
            user=user, article=saved, defaults={"data": data}
        )
        return autosave


class Autosave(models.Model):
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="autosaves",
        help_text=_("Empty for a story that has not been saved yet."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editor"),
        on_delete=models.CASCADE,
        related_name="autosaves",
    )
    data = models.JSONField(verbose_name=_("autosaved text"), default=dict)
    saved_at = models.DateTimeField(verbose_name=_("saved at"), auto_now=True)

    objects = AutosaveQuerySet.as_manager()

    class Meta:
        verbose_name = _("autosave")
        verbose_name_plural = _("autosaves")
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="one_autosave_per_story"),
            # NULLs are distinct in a unique index: the new-story draft needs its own rule.
            models.UniqueConstraint(
                fields=["user"], condition=Q(article__isnull=True), name="one_new_story_autosave"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.article or '-'} · {self.saved_at:%Y-%m-%d %H:%M}"

    def is_newer_than(self, article):
        """True when this text was kept after the story was last saved."""
        return article is None or article.updated_at is None or self.saved_at > article.updated_at
