"""Moderation assist: a score that tells a moderator which waiting comments to read first.

Rules this module owns:
- **It only orders and flags.** The score is kept beside a comment (`AssistScore`), never in
  its status: nothing here approves, rejects or holds a comment. The admin's queue is sorted
  by it and filtered into "needs a look" and "likely fine"; an editor still decides each one.
- **It learns from this site alone**, on this machine: a small scikit-learn model (character
  n-grams, so English, German and French alike, and disguised spellings, give it something to
  go on) trained on the site's own past decisions by `manage.py train_moderation_assist`
  (comments/assist_training.py). No text leaves the server.
- **No model, no order.** Until a model is trained, the queue stays in date order and the
  admin says so.
- The model file (`COMMENTS_ASSIST_MODEL_PATH`) is a pickle, read only from a path the
  deployment chose; its modification time and size name the model that gave each score, so a
  retrained model rescores the queue the next time an editor opens it.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# A score is the model's probability that editors would reject the comment (spam or removed).
NEEDS_A_LOOK = 0.5
# Comments scored per admin page view: a queue flooded by a bot is scored over a few views
# instead of making one wait.
SCORE_BATCH = 500


class AssistScore(models.Model):
    """How likely the assist model finds it that editors would reject a waiting comment."""

    comment = models.OneToOneField(
        "comments.Comment",
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="assist",
    )
    score = models.FloatField(
        verbose_name=_("assist score"),
        help_text=_("0 to 1: how likely the model finds it that editors would reject it."),
    )
    model_version = models.CharField(verbose_name=_("model version"), max_length=40)
    scored_at = models.DateTimeField(verbose_name=_("scored at"), default=timezone.now)

    class Meta:
        verbose_name = _("assist score")
        verbose_name_plural = _("assist scores")

    def __str__(self):
        return f"{self.score:.2f}"


def model_text(name, website, text):
    """What the model reads of a comment: who, where they link to, and what they wrote."""
    return f"{name}\n{website}\n{text}"


def model_version(path=None):
    """A name for the trained model on disk, or None if there is none."""
    try:
        stat = Path(path or settings.COMMENTS_ASSIST_MODEL_PATH).stat()
    except (OSError, TypeError):
        return None
    return f"{stat.st_mtime_ns}-{stat.st_size}"[:40]


def load_model(path=None):
    import joblib

    return joblib.load(path or settings.COMMENTS_ASSIST_MODEL_PATH)


def scores(model, comments):
    """The model's score for each of `comments`, in order."""
    texts = [model_text(c.name, c.website, c.text) for c in comments]
    return [float(p) for p in model.predict_proba(texts)[:, 1]] if texts else []


def score_pending():
    """Score the waiting comments the current model has not scored yet. Returns the model's
    version, or None when no model is trained (the queue then stays in date order)."""
    # The comment model through the relation: models.py imports this module, not the reverse.
    Comment = AssistScore._meta.get_field("comment").related_model  # noqa: N806

    version = model_version()
    if version is None:
        return None
    waiting = list(
        Comment.objects.pending()
        .exclude(assist__model_version=version)
        .only("pk", "name", "website", "text")[:SCORE_BATCH]
    )
    if not waiting:
        return version
    try:
        model = load_model()
        found = scores(model, waiting)
    except Exception:  # a corrupt or incompatible file must not break the moderation queue
        logger.exception(
            "Moderation assist model at %s unusable", settings.COMMENTS_ASSIST_MODEL_PATH
        )
        return None
    now = timezone.now()
    AssistScore.objects.bulk_create(
        [
            AssistScore(comment=c, score=s, model_version=version, scored_at=now)
            for c, s in zip(waiting, found, strict=True)
        ],
        update_conflicts=True,
        unique_fields=["comment"],
        update_fields=["score", "model_version", "scored_at"],
    )
    return version
