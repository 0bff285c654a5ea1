"""The moderation assist orders the queue from the site's own decisions, and decides nothing."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from comments import assist, assist_training
from comments.assist import model_text
from comments.assist_demo import decisions
from comments.held_reasons import DELETED_BY_AUTHOR
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")


@pytest.fixture
def model_path(settings, tmp_path):
    settings.COMMENTS_ASSIST_MODEL_PATH = tmp_path / "assist.joblib"
    return settings.COMMENTS_ASSIST_MODEL_PATH


@pytest.fixture
def demo_history():
    """The labelled demo decisions (comments/assist_demo.py), stored as comments."""
    article = ArticleFactory()
    for index, (name, text, rejected, _language) in enumerate(decisions(240)):
        status = (
            (Comment.Status.SPAM if index % 2 else Comment.Status.REMOVED)
            if rejected
            else Comment.Status.APPROVED
        )
        CommentFactory(article=article, name=name, text=text, status=status)


def test_trained_on_labelled_decisions_it_ranks_rejected_above_fine_on_held_out_ones():
    made = decisions()
    texts = [model_text(name, "", text) for name, text, _rejected, _language in made]
    labels = [int(rejected) for _name, _text, rejected, _language in made]
    measured = assist_training.measure(texts, labels)
    assert measured.held_out == 120
    assert measured.roc_auc > 0.85
    assert measured.precision_at[10] >= 0.8


def test_it_reads_german_and_french_too():
    made = [d for d in decisions() if d[3] != "en"]
    model = assist_training.fit(
        [model_text(n, "", t) for n, t, _r, _l in made], [int(r) for _n, _t, r, _l in made]
    )
    spam = ["Gagnez 5000 euros, cliquez sur mon profil", "Billige Medikamente ohne Rezept"]
    fine = ["La digue devait être réparée", "Die Bibliothek braucht längere Öffnungszeiten"]
    spam_scores = model.predict_proba(spam)[:, 1]
    fine_scores = model.predict_proba(fine)[:, 1]
    assert min(spam_scores) > max(fine_scores)


def test_author_deletions_and_pending_comments_are_not_learnt_from():
    CommentFactory(text="Kept")
    CommentFactory(text="Second thoughts", removed=True, held_reason=DELETED_BY_AUTHOR)
    CommentFactory(text="Undecided", pending=True)
    CommentFactory(text="Buy now", spam=True)
    texts, labels = assist_training.decided_examples()
    assert [t.rsplit("\n", 1)[1] for t in texts] == ["Kept", "Buy now"] and labels == [0, 1]


def test_the_command_reports_how_it_ranks_and_saves_the_model(demo_history, model_path, capsys):
    call_command("train_moderation_assist")
    output = capsys.readouterr().out
    assert "240 decided comments" in output
    assert "ROC AUC on the held-out set: " in output and "Precision at top 10: " in output
    assert model_path.exists() and assist.model_version() is not None


def test_the_command_refuses_to_train_on_too_few_decisions(model_path):
    CommentFactory()
    with pytest.raises(Exception, match="Not enough decisions"):
        call_command("train_moderation_assist")
    assert not model_path.exists()


def test_without_a_model_the_queue_is_in_date_order_and_says_so(staff_client, model_path):
    older = CommentFactory(pending=True, text="Buy cheap meds now http://x.example")
    newer = CommentFactory(pending=True, text="A thoughtful point about the harbour.")
    response = staff_client.get(CHANGELIST, {"status__exact": "pending"})
    html = response.content.decode()
    assert "No moderation assist model is trained yet, so the queue is in date order." in html
    # Newest first, as the moderation desk lists comments.
    assert [c.pk for c in response.context["cl"].result_list] == [newer.pk, older.pk]


def test_with_a_model_the_queue_puts_likely_rejections_first_and_filters(
    demo_history, model_path, staff_client
):
    call_command("train_moderation_assist")
    fine = CommentFactory(pending=True, text="The harbour wall repairs were overdue.")
    spam = CommentFactory(
        pending=True, name="Crypto King", text="Crypto doubled my savings, message me on telegram"
    )
    response = staff_client.get(CHANGELIST, {"status__exact": "pending"})
    assert [c.pk for c in response.context["cl"].result_list] == [spam.pk, fine.pk]
    assert "Assist score" in response.content.decode()

    look = staff_client.get(CHANGELIST, {"status__exact": "pending", "assist": "look"})
    assert [c.pk for c in look.context["cl"].result_list] == [spam.pk]
    likely_fine = staff_client.get(CHANGELIST, {"status__exact": "pending", "assist": "fine"})
    assert [c.pk for c in likely_fine.context["cl"].result_list] == [fine.pk]


def test_a_score_never_changes_a_status(demo_history, model_path, staff_client):
    call_command("train_moderation_assist")
    waiting = [
        CommentFactory(pending=True, text="Cheap meds without prescription, fast delivery"),
        CommentFactory(pending=True, text="Thanks, good reporting."),
    ]
    staff_client.get(CHANGELIST)
    for comment in waiting:
        comment.refresh_from_db()
        assert comment.status == Comment.Status.PENDING
        assert comment.assist.model_version == assist.model_version()


def test_a_retrained_model_rescores_the_queue(demo_history, model_path, staff_client):
    call_command("train_moderation_assist")
    comment = CommentFactory(pending=True)
    staff_client.get(CHANGELIST)
    first = Comment.objects.get(pk=comment.pk).assist.model_version
    model_path.unlink()
    call_command("train_moderation_assist")
    staff_client.get(CHANGELIST)
    comment.refresh_from_db()
    assert comment.assist.model_version == assist.model_version() != first
