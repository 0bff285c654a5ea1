"""The editors' desk keeps work from being lost and shows when stories go live: a save made on a
stale copy is refused and says what changed, the form says who else has the story open, a
re-shown form says a chosen picture must be chosen again, and scheduled stories say so."""

from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from articles.models import Article, StoryPresence
from tests.factories import ArticleFactory, CategoryFactory, StaffFactory, small_jpeg
from tests.html import parse

pytestmark = pytest.mark.django_db


def editor_client(first_name, last_name):
    client = Client()
    client.force_login(StaffFactory(first_name=first_name, last_name=last_name))
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def open_story(client, article):
    """Open the story's change form; the version it carries."""
    page = parse(client.get(change_url(article)).content.decode())
    return page.one("input", name="opened_version")["value"]


def story_form(article, opened_version, **changes):
    """The change form as the editor would send it: the story's values, with `changes`."""
    published = timezone.localtime(article.published_at)
    return {
        "opened_version": opened_version,
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "language": article.language,
        "category": article.category_id,
        "author": article.author_id,
        "status": article.status,
        "published_at_0": published.strftime("%Y-%m-%d"),
        "published_at_1": published.strftime("%H:%M:%S"),
        "lead_image_alt": article.lead_image_alt,
        "comments_open": "on" if article.comments_open else "",
        # The corrections inline, with none added here.
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        **changes,
    }


@pytest.fixture
def two_editors():
    return editor_client("Ada", "Lovelace"), editor_client("Grace", "Hopper")


def test_a_save_from_a_stale_copy_is_refused_keeping_the_editors_text(two_editors):
    ada, grace = two_editors
    article = ArticleFactory(headline="Harbour reopens", standfirst="Boats are back.")
    adas_copy = open_story(ada, article)
    graces_copy = open_story(grace, article)
    saved = grace.post(
        change_url(article), story_form(article, graces_copy, headline="Harbour reopens at last")
    )
    assert saved.status_code == 302

    refused = ada.post(
        change_url(article), story_form(article, adas_copy, standfirst="Ada's careful rewrite.")
    )

    assert refused.status_code == 200
    page = parse(refused.content.decode())
    summary = page.one("ul", class_="nonfield").text
    assert "Not saved: Grace Hopper saved this story on" in summary
    assert "Changed since then: Headline." in summary
    conflict = page.one("section", class_="edit-conflict")
    assert conflict.one("dt").text == "Headline"
    assert conflict.one("dd").text == "Harbour reopens at last"
    assert page.one("textarea", name="standfirst").text == "Ada's careful rewrite."
    article.refresh_from_db()
    assert article.headline == "Harbour reopens at last"
    assert article.standfirst == "Boats are back."


def test_the_refusal_says_when_the_other_save_was_made(two_editors):
    ada, grace = two_editors
    article = ArticleFactory()
    adas_copy = open_story(ada, article)
    grace.post(
        change_url(article), story_form(article, open_story(grace, article), body="<p>New</p>")
    )
    article.refresh_from_db()
    when = formats.date_format(timezone.localtime(article.updated_at), "DATETIME_FORMAT")

    refused = ada.post(change_url(article), story_form(article, adas_copy, headline="Mine"))

    summary = parse(refused.content.decode()).one("ul", class_="nonfield").text
    assert f"saved this story on {when}" in summary and "Body" in summary


def test_saving_again_after_seeing_the_changes_puts_the_editors_text_over_them(two_editors):
    ada, grace = two_editors
    article = ArticleFactory()
    adas_copy = open_story(ada, article)
    grace.post(change_url(article), story_form(article, open_story(grace, article), headline="G"))
    refused = ada.post(change_url(article), story_form(article, adas_copy, headline="A"))
    shown_again = parse(refused.content.decode()).one("input", name="opened_version")["value"]
    assert shown_again != adas_copy

    article.refresh_from_db()
    accepted = ada.post(change_url(article), story_form(article, shown_again, headline="A"))

    assert accepted.status_code == 302
    article.refresh_from_db()
    assert article.headline == "A"


def test_one_editor_saving_twice_from_fresh_copies_is_never_refused(staff_client):
    article = ArticleFactory()
    for headline in ("First", "Second"):
        response = staff_client.post(
            change_url(article),
            story_form(article, open_story(staff_client, article), headline=headline),
        )
        assert response.status_code == 302
        article.refresh_from_db()
    assert article.headline == "Second"


def test_publishing_from_the_list_makes_open_forms_stale(staff_client):
    article = ArticleFactory(draft=True, published_at=timezone.now() - timedelta(hours=1))
    opened = open_story(staff_client, article)
    Article.objects.filter(pk=article.pk).publish()

    refused = staff_client.post(change_url(article), story_form(article, opened, headline="X"))

    summary = parse(refused.content.decode()).one("ul", class_="nonfield").text
    assert "this story was changed on" in summary and "Status" in summary
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


def test_the_change_form_says_who_else_has_the_story_open(two_editors):
    ada, grace = two_editors
    article = ArticleFactory()
    open_story(ada, article)

    page = parse(grace.get(change_url(article)).content.decode())

    notice = page.one("p", id="story-presence")
    assert notice.text.startswith("Also open now by Ada Lovelace.")
    assert notice["role"] == "status"
    own_page = parse(ada.get(change_url(article)).content.decode())
    assert "Ada Lovelace" not in own_page.one("p", id="story-presence").text
    assert "Grace Hopper" in own_page.one("p", id="story-presence").text


def test_an_editor_who_left_over_a_minute_ago_is_no_longer_shown(two_editors):
    ada, grace = two_editors
    article = ArticleFactory()
    open_story(ada, article)
    StoryPresence.objects.update(seen_at=timezone.now() - timedelta(seconds=61))

    page = parse(grace.get(change_url(article)).content.decode())

    assert page.one("p", id="story-presence").text == ""
    assert list(StoryPresence.objects.values_list("user__first_name", flat=True)) == ["Grace"]


def test_the_heartbeat_keeps_an_editor_present_and_answers_who_else_is(two_editors):
    ada, grace = two_editors
    article = ArticleFactory()
    open_story(ada, article)
    open_story(grace, article)
    StoryPresence.objects.update(seen_at=timezone.now() - timedelta(seconds=50))
    heartbeat = reverse("admin:articles_article_presence", args=[article.pk])

    answer = ada.post(heartbeat)

    assert answer.status_code == 200
    assert answer.json()["notice"].startswith("Also open now by Grace Hopper.")
    StoryPresence.objects.filter(user__first_name="Grace").update(
        seen_at=timezone.now() - timedelta(seconds=61)
    )
    assert ada.post(heartbeat).json() == {"notice": ""}
    assert ada.get(heartbeat).status_code == 405


def test_leaving_the_form_clears_the_editor_from_the_notice_at_once(two_editors):
    ada, grace = two_editors
    article = ArticleFactory()
    open_story(ada, article)
    ada.post(reverse("admin:articles_article_presence", args=[article.pk]), {"leaving": "1"})
    assert (
        parse(grace.get(change_url(article)).content.decode()).one("p", id="story-presence").text
        == ""
    )


def test_saving_the_story_ends_the_editors_presence(two_editors):
    ada, grace = two_editors
    article = ArticleFactory()
    ada.post(change_url(article), story_form(article, open_story(ada, article), headline="Done"))
    assert (
        "Ada"
        not in parse(grace.get(change_url(article)).content.decode())
        .one("p", id="story-presence")
        .text
    )


def test_the_form_warns_before_leaving_and_keeps_presence_with_shipped_scripts(staff_client):
    html = staff_client.get(change_url(ArticleFactory())).content.decode()
    scripts = [
        script.get("src")
        for script in parse(html).find_all("script")
        if script.get("type") != "application/json"  # data, never run
    ]
    for name in ("editors/unsaved-changes.js", "editors/story-presence.js"):
        assert any(src and src.endswith(name) for src in scripts)
        assert finders.find(name)
    # CSP allows our own files only: nothing inline, nothing from elsewhere.
    assert all(src and src.startswith("/") and not src.startswith("//") for src in scripts)


def test_a_form_shown_again_says_the_chosen_picture_must_be_chosen_again(staff_client):
    form = story_form(
        ArticleFactory.build(category=CategoryFactory(), author=StaffFactory()),
        "",
        slug="picture-story",
        lead_image=small_jpeg("harbour.jpg"),
        lead_image_alt="",
    )
    response = staff_client.post(reverse("admin:articles_article_add"), form)

    assert response.status_code == 200
    page = parse(response.content.decode())
    row = page.one("div", class_="field-lead_image")
    assert (
        "The picture you chose (harbour.jpg) was not kept" in row.one("ul", class_="errorlist").text
    )
    assert "choose it again before saving" in row.text
    assert not Article.objects.filter(slug="picture-story").exists()


def test_a_form_shown_again_without_an_upload_says_nothing_about_pictures(staff_client):
    article = ArticleFactory()
    response = staff_client.post(
        change_url(article), story_form(article, open_story(staff_client, article), headline="")
    )
    assert response.status_code == 200
    assert "choose it again" not in response.content.decode()


def test_the_list_says_when_a_scheduled_story_goes_live(staff_client):
    scheduled = ArticleFactory(headline="Coming soon", scheduled=True)
    ArticleFactory(headline="Out now")
    ArticleFactory(headline="Not yet", draft=True)
    when = formats.date_format(timezone.localtime(scheduled.published_at), "DATETIME_FORMAT")

    page = parse(staff_client.get(reverse("admin:articles_article_changelist")).content.decode())

    statuses = {cell.text for cell in page.find_all("td", class_="field-publication_status")}
    assert statuses == {f"Scheduled for {when}", "Published", "Draft"}


@pytest.mark.parametrize(
    "choice, listed",
    [("scheduled", {"Coming soon"}), ("published", {"Out now"}), ("draft", {"Not yet"})],
)
def test_the_status_filter_tells_scheduled_stories_apart(staff_client, choice, listed):
    ArticleFactory(headline="Coming soon", scheduled=True)
    ArticleFactory(headline="Out now")
    ArticleFactory(headline="Not yet", draft=True)
    url = reverse("admin:articles_article_changelist")

    page = parse(staff_client.get(url, {"status__exact": choice}).content.decode())

    assert {cell.text for cell in page.find_all("th", class_="field-headline")} == listed
    filters = page.one("nav", id="changelist-filter")
    assert filters.find("a", text="Scheduled") is not None


def test_the_save_message_says_when_a_scheduled_story_goes_live(staff_client):
    article = ArticleFactory(headline="Coming soon", scheduled=True)
    when = formats.date_format(timezone.localtime(article.published_at), "DATETIME_FORMAT")

    response = staff_client.post(
        change_url(article), story_form(article, open_story(staff_client, article)), follow=True
    )

    assert f"“Coming soon” is scheduled to go live on {when}." in response.content.decode()


def test_a_story_going_out_now_gets_no_scheduling_message(staff_client):
    article = ArticleFactory()
    response = staff_client.post(
        change_url(article), story_form(article, open_story(staff_client, article)), follow=True
    )
    assert "scheduled to go live" not in response.content.decode()


@pytest.mark.parametrize(
    "language, scheduled, refused, presence",
    [
        ("de", "Geplant für", "Nicht gespeichert: Grace Hopper hat", "Gerade auch geöffnet"),
        ("fr", "Programmé pour le", "Non enregistré : Grace Hopper a", "Également ouvert"),
    ],
)
def test_the_desk_speaks_german_and_french(
    two_editors, settings, language, scheduled, refused, presence
):
    ada, grace = two_editors
    for client in two_editors:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    article = ArticleFactory(scheduled=True)
    listed = ada.get(reverse("admin:articles_article_changelist")).content.decode()
    assert scheduled in listed
    adas_copy = open_story(ada, article)
    grace_sees = parse(grace.get(change_url(article)).content.decode())
    assert grace_sees.one("p", id="story-presence").text.startswith(presence)
    grace.post(change_url(article), story_form(article, open_story(grace, article), headline="G"))

    page = parse(ada.post(change_url(article), story_form(article, adas_copy)).content.decode())

    assert page.one("ul", class_="nonfield").text.startswith(refused)
