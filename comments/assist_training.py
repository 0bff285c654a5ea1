"""Training the moderation assist model (comments/assist.py) on the site's past decisions.

What counts as a decision:
- **fine**: an approved comment (published at once or approved by an editor);
- **rejected**: a comment marked spam (by an editor or a blocked word), or removed by an editor.
A comment its own author deleted is no verdict on its content, and a pending one is undecided:
neither is learnt from.

The model is a TF-IDF of character n-grams (2 to 5 letters, within words) and a logistic
regression weighting both classes equally. Character n-grams need no word lists or stemmers,
so one model reads English, German and French, and "v1agra" still looks like "viagra".

How well it ranks is measured on a held-out share of the decisions (stratified, fixed seed)
that the measured model never saw: ROC AUC (the chance a rejected comment scores above a fine
one) and precision at top k (of the k highest scores, the share editors rejected). The model
saved is then trained on every decision.
"""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .assist import model_text
from .editing import DELETED_REASON
from .models import Comment

REJECTED = (Comment.Status.SPAM, Comment.Status.REMOVED)
HELD_OUT_SHARE = 0.25
SEED = 28


def decided_examples():
    """(texts, labels) of every decided comment, 1 for rejected and 0 for fine, oldest first."""
    decided = (
        Comment.objects.filter(status__in=[Comment.Status.APPROVED, *REJECTED])
        .exclude(status=Comment.Status.REMOVED, held_reason=DELETED_REASON)
        .exclude(deleted_at__isnull=False)
        .order_by("created_at", "pk")
        .values_list("name", "website", "text", "status")
    )
    texts, labels = [], []
    for name, website, text, status in decided:
        texts.append(model_text(name, website, text))
        labels.append(int(status in REJECTED))
    return texts, labels


def new_model():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=True, min_df=1
        ),
        LogisticRegression(class_weight="balanced", max_iter=2000, C=4.0),
    )


def fit(texts, labels):
    return new_model().fit(texts, labels)


@dataclass
class Measurement:
    trained_on: int
    held_out: int
    rejected_held_out: int
    roc_auc: float
    precision_at: dict  # {k: share of the k highest-scored held-out comments editors rejected}


def precision_at(k, scored, labels):
    ranked = sorted(zip(scored, labels, strict=True), key=lambda pair: -pair[0])[:k]
    return sum(label for _score, label in ranked) / len(ranked) if ranked else 0.0


def measure(texts, labels, share=HELD_OUT_SHARE, seed=SEED, top=(10, 25)):
    """Train on all but a held-out share of the decisions and report how the model ranks that
    share. Raises ValueError when there are too few of either kind to hold some out."""
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import train_test_split

    if min(labels.count(0), labels.count(1)) < 4:
        raise ValueError("at least 4 fine and 4 rejected decisions are needed")
    train_x, test_x, train_y, test_y = train_test_split(
        texts, labels, test_size=share, random_state=seed, stratify=labels
    )
    model = fit(train_x, train_y)
    scored = list(model.predict_proba(test_x)[:, 1])
    ks = sorted({*(k for k in top if k <= len(test_y)), sum(test_y)})
    return Measurement(
        trained_on=len(train_y),
        held_out=len(test_y),
        rejected_held_out=sum(test_y),
        roc_auc=float(roc_auc_score(test_y, scored)),
        precision_at={k: precision_at(k, scored, test_y) for k in ks},
    )


def save(model, path):
    """Write `model` to `path` whole or not at all: a worker reading it mid-write would fail."""
    import joblib

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".assist-", suffix=".tmp")
    os.close(handle)
    try:
        joblib.dump(model, temporary)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
