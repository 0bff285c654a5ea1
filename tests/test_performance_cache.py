"""The page cache: readers get cached pages, and never a stale or someone else's one."""

import re
import time
import uuid
from datetime import timedelta

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core import signing
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.pagecache import CONSENT_COOKIE
from comments.models import Comment
from comments.remember import COOKIE_NAME as REMEMBER_COOKIE
from comments.remember import SALT as REMEMBER_SALT
from comments.spam import read_form_token
from consent.models import Action, CookieCategory
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    CommentFactory,
    comment_form_data,
    signed_consent_cookie,
)

pytestmark = pytest.mark.django_db
OPTIONAL = ["functional", "analytical", "performance", "advertisement"]
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def cache_pages(*urls):
    """Have each page cached, proving it: a second reader is served it with one query."""
    for url in urls:
        page(Client(), url)
        with CaptureQueriesContext(connection) as queries:
            page(Client(), url)
        assert len(queries) <= 1, f"{url} was not served from the cache"


@pytest.fixture
def story():
    return ArticleFactory(headline="Harbour reopens", category=CategoryFactory(slug="local"))


@pytest.fixture
def reader_pages(story):
    """Every cached reader page that lists or shows `story`."""
    return [
        "/",
        "/category/local/",
        f"/author/{story.author.username}/",
        story.get_absolute_url(),
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/category/local/rss/",
    ]


def without_csrf_tokens(html):
    return CSRF_FIELD.sub('name="csrfmiddlewaretoken" value=""', html)


def test_a_second_reader_is_served_without_rendering_the_page_again(
    client, story, django_assert_max_num_queries
):
    first = page(client, "/")
    with django_assert_max_num_queries(1):
        second = page(Client(), "/")
    assert without_csrf_tokens(second) == without_csrf_tokens(first)
    assert "Harbour reopens" in second


def test_a_scheduled_story_is_not_shown_early_from_the_cache(client, story):
    ArticleFactory(headline="Midnight launch", scheduled=True, category=story.category)
    cache_pages("/")
    assert "Midnight launch" not in page(client, "/")


def test_editing_a_story_refreshes_every_page_showing_it(client, story, reader_pages):
    cache_pages(*reader_pages)
    for url in reader_pages:
        assert "Harbour reopens" in page(client, url)
    story.headline = "Harbour stays shut"
    story.save()
    for url in reader_pages:
        html = page(client, url)
        assert "Harbour stays shut" in html, url
        assert "Harbour reopens" not in html, url


def test_publishing_a_draft_puts_it_on_the_cached_pages(client, story):
    draft = ArticleFactory(headline="Ferry strike ends", category=story.category, draft=True)
    cache_pages("/", "/category/local/", "/feeds/rss/")
    assert "Ferry strike ends" not in page(client, "/")
    assert "Ferry strike ends" not in page(client, "/feeds/rss/")
    draft.status = Article.Status.PUBLISHED
    draft.save()
    assert "Ferry strike ends" in page(client, "/")
    assert "Ferry strike ends" in page(client, "/category/local/")
    assert "Ferry strike ends" in page(client, "/feeds/rss/")


def test_publishing_from_the_admin_action_puts_it_on_the_cached_pages(client, story):
    ArticleFactory(headline="Ferry strike ends", category=story.category, draft=True)
    cache_pages("/")
    assert "Ferry strike ends" not in page(client, "/")
    Article.objects.filter(headline="Ferry strike ends").publish()
    assert "Ferry strike ends" in page(client, "/")


def test_unpublishing_takes_a_story_off_the_cached_pages(client, story, reader_pages):
    cache_pages(*reader_pages)
    Article.objects.filter(pk=story.pk).unpublish()
    assert client.get(story.get_absolute_url()).status_code == 404
    for url in ["/", "/category/local/", "/feeds/rss/"]:
        assert "Harbour reopens" not in page(client, url), url


def test_deleting_a_story_takes_it_off_the_cached_pages(client, story):
    cache_pages("/", story.get_absolute_url())
    story.delete()
    assert "Harbour reopens" not in page(client, "/")
    assert client.get(story.get_absolute_url()).status_code == 404


def test_a_scheduled_story_appears_on_cached_pages_when_its_time_comes(client, story, monkeypatch):
    ArticleFactory(
        headline="Midnight launch",
        published_at=timezone.now() + timedelta(hours=2),
        category=story.category,
    )
    cache_pages("/", "/feeds/rss/")
    assert "Midnight launch" not in page(client, "/")
    assert "Midnight launch" not in page(client, "/feeds/rss/")
    later = timezone.now() + timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Midnight launch" in page(client, "/")
    assert "Midnight launch" in page(client, "/feeds/rss/")


def test_renaming_a_section_refreshes_the_navigation(client, story):
    cache_pages("/", story.get_absolute_url())
    assert ">Local news<" not in page(client, story.get_absolute_url())
    story.category.name = "Local news"
    story.category.save()
    assert ">Local news<" in page(client, story.get_absolute_url())
    assert ">Local news<" in page(client, "/")


def test_a_new_byline_refreshes_the_story_page(client, story):
    cache_pages(story.get_absolute_url())
    assert "Mira Okafor" not in page(client, story.get_absolute_url())
    story.author.first_name, story.author.last_name = "Mira", "Okafor"
    story.author.save()
    assert "Mira Okafor" in page(client, story.get_absolute_url())


def test_a_flash_message_is_shown_only_to_its_reader(client, story):
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    encoded = storage._encode([Message(constants.SUCCESS, "Your comment is published.")])
    cache_pages("/")
    client.cookies["messages"] = encoded
    assert "Your comment is published." in page(client, "/")
    assert "Your comment is published." not in page(Client(), "/")


def test_a_page_rendered_for_a_signed_in_editor_is_never_served_to_readers(staff_client):
    draft = ArticleFactory(headline="Embargoed budget story", draft=True)
    assert "Embargoed budget story" in page(staff_client, draft.get_absolute_url())
    assert Client().get(draft.get_absolute_url()).status_code == 404


def test_a_reader_gets_a_fresh_page_when_their_cookies_are_unknown(client, story):
    cache_pages("/")
    # A raw update sends no signal: only a reader outside the cache sees the change at once.
    Article.objects.filter(pk=story.pk).update(headline="Changed behind the cache")
    client.cookies["sessionid"] = "not-a-real-session"
    assert "Changed behind the cache" in page(client, "/")


def test_the_page_cache_can_be_turned_off(settings, story):
    settings.PAGE_CACHE_SECONDS = 0
    page(Client(), "/")
    page(Client(), "/")
    Article.objects.filter(pk=story.pk).update(headline="Changed behind the cache")
    assert "Changed behind the cache" in page(Client(), "/")


# What readers must never share: CSRF tokens, consent state, consent ids.


def test_each_reader_of_a_cached_page_gets_a_csrf_token_that_works_for_them(story):
    cache_pages("/")
    readers = [Client(enforce_csrf_checks=True) for _ in range(2)]
    tokens = [CSRF_FIELD.search(page(reader, "/")).group(1) for reader in readers]
    cookies = [reader.cookies["csrftoken"].value for reader in readers]
    assert cookies[0] != cookies[1]
    assert tokens[0] != tokens[1]
    for reader, token in zip(readers, tokens, strict=True):
        response = reader.post(
            "/consent/", {"action": "reject_all", "next": "/", "csrfmiddlewaretoken": token}
        )
        assert response.status_code == 303
    # A token copied from another reader's page is refused: the page carried no shared secret.
    stranger = Client(enforce_csrf_checks=True)
    page(stranger, "/")
    copied = {"action": "reject_all", "next": "/", "csrfmiddlewaretoken": tokens[0]}
    assert stranger.post("/consent/", copied).status_code == 403


def consent_client(allowed, action=Action.CUSTOM, visitor_id=None):
    reader = Client()
    reader.cookies[CONSENT_COOKIE] = signed_consent_cookie(allowed, action, visitor_id=visitor_id)
    return reader


def test_the_banner_shows_only_for_readers_who_have_not_chosen(story):
    url = story.get_absolute_url()
    cache_pages(url)
    chosen = consent_client(["functional"])
    for _ in range(2):
        assert 'class="consent-banner"' not in page(chosen, url)
        assert 'class="consent-banner"' in page(Client(), url)


def test_a_readers_choices_are_never_shown_to_another(story):
    url = story.get_absolute_url()
    everything = consent_client(OPTIONAL, Action.ACCEPT_ALL)
    nothing = consent_client([], Action.REJECT_ALL)
    for _ in range(2):
        assert switch_is_on(page(everything, url), "advertisement")
        assert not switch_is_on(page(nothing, url), "advertisement")


def switch_is_on(html, slug):
    tag = re.search(rf'<input type="checkbox" role="switch" id="consent-dialog-{slug}"[^>]*>', html)
    return " checked" in tag.group(0)


def test_a_readers_consent_id_is_shown_to_them_alone(story):
    url = story.get_absolute_url()
    first_id, second_id = str(uuid.uuid4()), str(uuid.uuid4())
    first = page(consent_client(["functional"], visitor_id=first_id), url)
    second = page(consent_client(["functional"], visitor_id=second_id), url)
    third = page(consent_client(["functional"], visitor_id=second_id), url)
    assert first_id in first and second_id not in first
    assert second_id in second and first_id not in second
    assert second_id in third and first_id not in third
    assert first_id not in page(Client(), url) and second_id not in page(Client(), url)


def test_a_global_privacy_control_refusal_is_shown_only_to_readers_who_send_it(story):
    url = story.get_absolute_url()
    cache_pages(url)
    gpc_reader = Client(headers={"Sec-GPC": "1"})
    html = page(gpc_reader, url)
    assert "Global Privacy Control signal" in html
    assert CONSENT_COOKIE in gpc_reader.cookies  # the refusal was recorded for them
    assert "Global Privacy Control signal" not in page(Client(), url)
    assert "Global Privacy Control signal" in page(gpc_reader, url)


def test_reordering_cookie_categories_refreshes_cached_pages(story):
    url = story.get_absolute_url()
    cache_pages(url)
    assert switch_slugs(page(Client(), url))[-1] == "advertisement"
    advertisement = CookieCategory.objects.get(slug="advertisement")
    advertisement.order = 0
    advertisement.save()
    slugs = switch_slugs(page(Client(), url))
    assert slugs.index("advertisement") < slugs.index("functional")


def switch_slugs(html):
    return re.findall(r'<input type="checkbox" role="switch" id="consent-dialog-(\w+)"', html)


# Comments: approved ones show at once, and the form stays safe on a cached page.


@pytest.fixture
def known_commenter():
    """A commenter with an approved comment elsewhere, so their next post is published at once."""
    return CommentFactory(email="robin@example.net").email


def test_a_comment_published_on_posting_is_on_the_cached_story_page(story, known_commenter):
    url = story.get_absolute_url()
    cache_pages(url)
    poster = Client()
    data = comment_form_data(story, text="The ferry timetable is wrong.", email=known_commenter)
    response = poster.post(reverse("comments:post", args=[story.pk]), data)
    assert Comment.objects.get(article=story).status == Comment.Status.APPROVED
    assert "The ferry timetable is wrong." in page(poster, response["Location"])
    assert "The ferry timetable is wrong." in page(Client(), url)


def test_approving_comments_in_bulk_shows_them_on_the_cached_story_page(story):
    CommentFactory(article=story, text="Held for a look first.", pending=True)
    cache_pages(story.get_absolute_url())
    assert "Held for a look first." not in page(Client(), story.get_absolute_url())
    Comment.objects.filter(article=story).moderate(Comment.Status.APPROVED)
    assert "Held for a look first." in page(Client(), story.get_absolute_url())


def test_approving_one_comment_shows_it_on_the_cached_story_page(story):
    comment = CommentFactory(article=story, text="Held for a look first.", pending=True)
    cache_pages(story.get_absolute_url())
    comment.status = Comment.Status.APPROVED
    comment.save()
    assert "Held for a look first." in page(Client(), story.get_absolute_url())


def test_removing_a_comment_takes_it_off_the_cached_story_page(story):
    comment = CommentFactory(article=story, text="Something libellous.")
    cache_pages(story.get_absolute_url(), f"{story.get_absolute_url()}?comments=1")
    Comment.objects.filter(pk=comment.pk).moderate(Comment.Status.REMOVED)
    assert "Something libellous." not in page(Client(), story.get_absolute_url())
    comment.delete()
    assert "Something libellous." not in page(Client(), f"{story.get_absolute_url()}?comments=1")


def test_a_comment_on_one_story_leaves_other_cached_pages_alone(story, known_commenter):
    other = ArticleFactory()
    cache_pages("/", other.get_absolute_url())
    CommentFactory(article=story)
    with CaptureQueriesContext(connection) as queries:
        page(Client(), other.get_absolute_url())
        page(Client(), "/")
    assert len(queries) == 2


def test_the_comment_form_on_a_cached_page_carries_the_time_each_reader_got_it(story, monkeypatch):
    cache_pages(story.get_absolute_url())
    later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: later)
    html = page(Client(), story.get_absolute_url())
    token = re.search(r'<input type="hidden" name="token" value="([^"]*)"', html).group(1)
    assert read_form_token(token, story.pk) == int(later)


def test_a_cached_story_page_loses_its_form_when_comments_close(story, settings, monkeypatch):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 1
    cache_pages(story.get_absolute_url())
    assert 'class="comment-form"' in page(Client(), story.get_absolute_url())
    later = timezone.now() + timedelta(days=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert 'class="comment-form"' not in page(Client(), story.get_absolute_url())


def test_remembered_commenter_details_are_shown_to_their_owner_alone(story, known_commenter):
    url = story.get_absolute_url()
    owner = Client()
    owner.post("/consent/", {"action": "accept_all", "next": url})
    owner.cookies[REMEMBER_COOKIE] = signing.dumps(
        {"name": "Robin Reader", "email": known_commenter, "website": ""}, salt=REMEMBER_SALT
    )
    for _ in range(2):
        assert known_commenter in page(owner, url)
        stranger = Client()
        stranger.post("/consent/", {"action": "accept_all", "next": url})
        assert known_commenter not in page(stranger, url)


def test_deleting_a_story_with_comments_takes_it_off_the_cached_pages(story):
    CommentFactory.create_batch(3, article=story)
    cache_pages("/", story.get_absolute_url())
    story.delete()
    assert "Harbour reopens" not in page(Client(), "/")
    assert Client().get(story.get_absolute_url()).status_code == 404
