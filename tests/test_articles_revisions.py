"""Revisions of a story and autosaved drafts in the editors' desk (articles/admin_revisions.py)."""

import re
from datetime import timedelta

import pytest
import reversion
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.autosaves import Autosave
from articles.models import Article
from articles.revisions import as_text, word_diff
from newsroom.models import SITE_SCOPE, PageGeneration
from tests.factories import ArticleFactory, StaffFactory
from tests.html import assert_has_element, find_all

pytestmark = pytest.mark.django_db


def change_form(article, **fields):
    """What the story's change form posts when saved as it stands, with `fields` on top."""
    published_at = timezone.localtime(article.published_at)
    return {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "language": article.language,
        "category": article.category_id,
        "author": article.author_id,
        "status": article.status,
        "published_at_0": published_at.strftime("%Y-%m-%d"),
        "published_at_1": published_at.strftime("%H:%M:%S"),
        "lead_image_alt": article.lead_image_alt,
        "comments_open": "on" if article.comments_open else "",
        # The corrections inline, with none added here.
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        **fields,
    }


def save_in_admin(client, article, **fields):
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]), change_form(article, **fields)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    return response


@pytest.fixture
def editor():
    return StaffFactory(first_name="Maria", last_name="Okafor")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_a_save_keeps_a_revision_with_its_author_and_every_field(editor_client, editor):
    article = ArticleFactory(headline="Harbour reopens")
    save_in_admin(editor_client, article, headline="Harbour reopens after repairs")
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 1
    version = versions.get()
    assert version.revision.user == editor
    assert version.field_dict["headline"] == "Harbour reopens after repairs"
    assert version.field_dict["body"] == article.body
    assert version.field_dict["category_id"] == article.category_id
    assert "search_vector" not in version.field_dict


def test_history_lists_the_revisions_newest_first(editor_client):
    article = ArticleFactory(headline="First words")
    save_in_admin(editor_client, article, headline="Second words")
    save_in_admin(editor_client, article, headline="Third words")
    html = editor_client.get(
        reverse("admin:articles_article_history", args=[article.pk])
    ).content.decode()
    assert html.count('name="from"') == 2
    assert "Maria Okafor" in html
    assert_has_element(html, "a", text="What changed")


def test_the_diff_page_marks_the_changed_words(editor_client):
    article = ArticleFactory(
        headline="Council approves budget", body="<p>The vote was close.</p><p>Next year.</p>"
    )
    save_in_admin(editor_client, article)
    save_in_admin(
        editor_client,
        article,
        headline="Council rejects budget",
        body="<p>The vote was very close.</p><p>Next year.</p>",
        status="draft",
    )
    older, newer = Version.objects.get_for_object(article).order_by("pk")
    response = editor_client.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {"from": older.pk, "to": newer.pk},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert_has_element(html, "del", text="deleted: approves")
    assert_has_element(html, "ins", text="inserted: rejects")
    assert_has_element(html, "ins", text="inserted: very")
    assert "<p>" not in html.split('class="desk-text-diff"')[1].split("</dd>")[0]
    assert "Published → Draft" in html


def test_the_body_is_compared_as_text_with_its_paragraphs():
    text = as_text("body", "<p>One &amp; two.</p><h2>Three</h2><ul><li>four</li></ul>")
    assert text == "One & two.\n\nThree\n\nfour"
    segments = word_diff("One two.", "One new two.")
    assert [(s.kind, s.text) for s in segments] == [
        ("equal", "One"),
        ("insert", "new"),
        ("equal", "two."),
    ]


def test_another_storys_revision_cannot_be_compared(editor_client):
    article, other = ArticleFactory(), ArticleFactory()
    save_in_admin(editor_client, article)
    save_in_admin(editor_client, other)
    mine = Version.objects.get_for_object(article).get()
    theirs = Version.objects.get_for_object(other).get()
    response = editor_client.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {"from": theirs.pk, "to": mine.pk},
    )
    assert response.status_code == 404


def test_restoring_brings_the_old_text_back_as_a_new_revision(editor_client):
    article = ArticleFactory(headline="The original headline", body="<p>Original body.</p>")
    save_in_admin(editor_client, article)
    save_in_admin(editor_client, article, headline="A worse headline", body="<p>Worse.</p>")
    original = Version.objects.get_for_object(article).order_by("pk").first()
    restore_url = reverse("admin:articles_article_revision", args=[article.pk, original.pk])

    form = editor_client.get(restore_url)
    assert form.status_code == 200
    assert "The original headline" in form.content.decode()
    article.refresh_from_db()
    assert article.headline == "A worse headline"  # showing the form restores nothing

    generation = PageGeneration.objects.get(scope=SITE_SCOPE).number
    response = editor_client.post(
        restore_url,
        change_form(article, headline="The original headline", body="<p>Original body.</p>"),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "The original headline"
    assert article.body == "<p>Original body.</p>"
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 3
    assert "Reverted" in versions.order_by("-pk").first().revision.get_comment()
    # Saved the normal way: cached pages showing the story are retired.
    assert PageGeneration.objects.get(scope=SITE_SCOPE).number > generation


def test_autosave_keeps_the_text_without_touching_the_story(editor_client, editor):
    article = ArticleFactory(headline="Saved headline")
    before = Article.objects.values().get(pk=article.pk)
    response = editor_client.post(
        reverse("admin:articles_article_autosave", args=[article.pk]),
        {"headline": "Typed but not saved", "body": "<p>Half a story</p>", "status": "draft"},
    )
    assert response.status_code == 200
    assert "autosaved" in response.json()["message"]
    assert Article.objects.values().get(pk=article.pk) == before
    assert not Version.objects.get_for_object(article).exists()
    autosave = Autosave.objects.get()
    assert autosave.user == editor and autosave.article == article
    assert autosave.data == {"headline": "Typed but not saved", "body": "<p>Half a story</p>"}

    editor_client.post(
        reverse("admin:articles_article_autosave", args=[article.pk]), {"headline": "Later"}
    )
    assert Autosave.objects.get().data == {"headline": "Later"}


def test_an_autosave_newer_than_the_story_is_offered_and_refills_the_form(editor_client, editor):
    article = ArticleFactory(headline="Saved headline")
    Autosave.objects.keep(editor, article, {"headline": "Typed but not saved"})
    change_url = reverse("admin:articles_article_change", args=[article.pk])

    html = editor_client.get(change_url).content.decode()
    [offer] = [a for a in find_all(html, "a") if "Restore the autosaved text from" in a.text]
    assert offer["href"] == "?restore_autosave=1"

    refilled = editor_client.get(change_url + offer["href"]).content.decode()
    headline = assert_has_element(refilled, "input", name="headline")
    assert headline["value"] == "Typed but not saved"
    article.refresh_from_db()
    assert article.headline == "Saved headline"

    save_in_admin(editor_client, article, headline="Typed but not saved")
    assert not Autosave.objects.exists()


def test_an_autosave_older_than_the_story_is_not_offered(editor_client, editor):
    article = ArticleFactory()
    Autosave.objects.keep(editor, article, {"headline": "Old typing"})
    Autosave.objects.update(saved_at=timezone.now() - timedelta(days=1))
    html = editor_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()
    assert "Restore the autosaved text" not in html


def test_a_new_storys_autosave_is_offered_on_the_add_form(editor_client):
    editor_client.post(reverse("admin:articles_article_autosave_new"), {"headline": "Unsaved"})
    add_url = reverse("admin:articles_article_add")
    html = editor_client.get(add_url).content.decode()
    assert "Restore the autosaved text from" in html
    refilled = editor_client.get(add_url + "?restore_autosave=1").content.decode()
    assert assert_has_element(refilled, "input", name="headline")["value"] == "Unsaved"


def test_the_change_form_carries_the_autosave_script_and_its_address(editor_client):
    article = ArticleFactory()
    html = editor_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()
    status = assert_has_element(html, "p", id="autosave-status")
    assert status["data-autosave-url"] == reverse(
        "admin:articles_article_autosave", args=[article.pk]
    )
    assert_has_element(html, "script", src=re.compile(r".*editors/autosave.*\.js"))


def test_autosave_is_for_editors_only(client):
    article = ArticleFactory(headline="Saved headline")
    url = reverse("admin:articles_article_autosave", args=[article.pk])
    response = client.post(url, {"headline": "Vandal"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Autosave.objects.exists()


def test_revisions_made_outside_the_admin_compare_without_an_editor(staff_client):
    story = ArticleFactory(headline="Harbour reopens")
    for headline in ("Harbour reopens", "Harbour reopens after the storm"):
        story.headline = headline
        with reversion.create_revision():  # a script's save: no user
            story.save()
    newer, older = Version.objects.get_for_object(story)[:2]
    url = reverse("admin:articles_article_compare", args=[story.pk])
    response = staff_client.get(url, {"from": older.pk, "to": newer.pk})
    assert response.status_code == 200
    assert "no editor" in response.content.decode()


def test_publishing_from_the_list_keeps_a_revision_by_the_editor(staff_client):
    story = ArticleFactory(status=Article.Status.DRAFT)
    staff_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish", "_selected_action": [story.pk]},
    )
    latest = Version.objects.get_for_object(story).first()
    assert latest.field_dict["status"] == Article.Status.PUBLISHED
    assert latest.revision.user is not None
    assert latest.revision.get_comment() == "Published from the list of stories."
