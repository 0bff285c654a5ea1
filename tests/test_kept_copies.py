"""Every kept copy is bound to what it was made from (newsroom/copies.py): its owner's primary
key, its generations, its language and the release; generations move on only after commit."""

import pytest
from django.db import transaction
from django.test import Client

from newsroom import copies
from newsroom.copies import copy_key
from newsroom.models import CATALOGUE_SCOPE, SITE_SCOPE, PageGeneration
from tests.cached_pages import page
from tests.factories import ArticleFactory, CommentFactory, CookieDeclarationFactory

pytestmark = pytest.mark.django_db


def generation_of(scope):
    return PageGeneration.numbers([scope]).get(scope, (0, None))[0]


def test_a_reused_address_never_shows_another_storys_comments():
    old = ArticleFactory(slug="harbour")
    CommentFactory(article=old, text="About the old harbour story.")
    assert "About the old harbour story." in page(Client(), "/story/harbour/")
    # The kept threads of the old story are warm; its address passes to a new story.
    old.slug = "harbour-2025"
    old.save()
    ArticleFactory(slug="harbour", headline="A new harbour story")
    html = page(Client(), "/story/harbour/")
    assert "A new harbour story" in html
    assert "About the old harbour story." not in html
    assert "About the old harbour story." in page(Client(), "/story/harbour-2025/")


def test_a_reused_address_shows_no_comments_to_a_signed_in_editor_either(staff_client):
    old = ArticleFactory(slug="harbour")
    CommentFactory(article=old, text="About the old harbour story.")
    assert "About the old harbour story." in page(staff_client, "/story/harbour/")
    old.slug = "harbour-2025"
    old.save()
    ArticleFactory(slug="harbour")
    assert "About the old harbour story." not in page(staff_client, "/story/harbour/")


def test_keys_name_the_owner_generations_language_and_release(settings):
    story, other = ArticleFactory(), ArticleFactory()
    key = copy_key("comment-threads", owner=story, generations=[3], language="en")
    assert key != copy_key("comment-threads", owner=other, generations=[3], language="en")
    assert key != copy_key("comment-threads", owner=story, generations=[4], language="en")
    assert key != copy_key("comment-threads", owner=story, generations=[3], language="de")
    settings.RELEASE_ID = "next-release"
    copies.release.cache_clear()
    try:
        assert key != copy_key("comment-threads", owner=story, generations=[3], language="en")
    finally:
        copies.release.cache_clear()


def test_the_release_changes_with_the_settings_that_shape_pages(settings):
    settings.RELEASE_ID = ""
    copies.release.cache_clear()
    before = copies.release()
    settings.COMMENTS_PER_PAGE += 1
    copies.release.cache_clear()
    try:
        assert copies.release() != before
    finally:
        copies.release.cache_clear()


def test_a_generation_moves_on_only_when_the_change_commits():
    before = generation_of(SITE_SCOPE)
    with transaction.atomic():
        ArticleFactory()
        # Another worker reading now must still see the old generation: the story is not
        # committed, and a copy it made of the old data would be kept under the old number.
        assert generation_of(SITE_SCOPE) == before
    assert generation_of(SITE_SCOPE) > before


def test_a_change_rolled_back_retires_nothing():
    before = generation_of(CATALOGUE_SCOPE)
    with pytest.raises(RuntimeError), transaction.atomic():
        CookieDeclarationFactory(name="stats_rolled_back")
        raise RuntimeError("the save failed")
    assert generation_of(CATALOGUE_SCOPE) == before


def test_a_catalogue_change_retires_the_catalogue_and_every_page(client):
    page(client, "/")
    before = generation_of(CATALOGUE_SCOPE)
    CookieDeclarationFactory(name="stats_visit")
    assert generation_of(CATALOGUE_SCOPE) == before + 1
    assert "stats_visit" in page(Client(), "/")
