"""Asking a provider holds no database lock: a story's embeds are fetched after its save has
committed, with no transaction open, and stored in a short transaction of their own
(consent/embedding.py, docs/embeds.md)."""

import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Article
from consent import embed_fetching
from consent.embedding import embed_pasted_addresses
from consent.models import Embed
from newsroom.models import SITE_SCOPE, PageGeneration
from tests.factories import ArticleFactory
from tests.html import parse
from tests.test_articles_admin import post_new_story

VIDEO = "https://www.youtube.com/watch?v=HarbourRgta"


@pytest.fixture
def provider_calls(monkeypatch):
    """Every address the fixture transport answers, with whether a transaction was open then."""
    calls = []
    answer = embed_fetching._from_fixtures

    def answering(url, max_bytes):
        calls.append((url, connection.in_atomic_block))
        return answer(url, max_bytes)

    monkeypatch.setattr(embed_fetching, "_from_fixtures", answering)
    return calls


# A transactional test: the admin's own transaction.atomic commits for real, as in production,
# so `in_atomic_block` tells whether the fetch ran inside it.
@pytest.mark.django_db(transaction=True)
def test_an_editors_save_asks_the_provider_with_no_transaction_open(staff_client, provider_calls):
    response = post_new_story(staff_client, "regatta-video", body=f"<p>{VIDEO}</p>")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert provider_calls, "the provider was never asked"
    assert [url for url, in_transaction in provider_calls if in_transaction] == []
    # The oEmbed answer and our copy of the thumbnail were both asked for.
    assert any("oembed" in url for url, _ in provider_calls)
    assert any("ytimg" in url for url, _ in provider_calls)

    story = Article.objects.get(slug="regatta-video")
    embed = Embed.objects.get(article=story)
    assert embed.title.startswith("Harbour regatta 2026")
    assert f'<figure data-embed="{embed.pk}">' in story.body
    # The editor's next page, the story's form, already holds the embed.
    form = parse(
        staff_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    )
    assert f'data-embed="{embed.pk}"' in form.find("textarea", name="body").raw_text

    # Saving the story again asks nobody: the embed is known.
    provider_calls.clear()
    story.headline = "Regatta: the final"
    story.save()
    assert provider_calls == []
    assert Embed.objects.get(article=story).pk == embed.pk


@pytest.mark.django_db
def test_text_saved_while_the_provider_answers_is_kept(provider_calls, monkeypatch):
    story = ArticleFactory(body="<p>Plain.</p>")
    answer = embed_fetching._from_fixtures

    def answering_slowly(url, max_bytes):
        # Another editor saves while the provider is still answering.
        Article.objects.filter(pk=story.pk).update(
            body=f"<p>Plain.</p><p>{VIDEO}</p><p>Added meanwhile.</p>"
        )
        return answer(url, max_bytes)

    Article.objects.filter(pk=story.pk).update(body=f"<p>Plain.</p><p>{VIDEO}</p>")
    monkeypatch.setattr(embed_fetching, "_from_fixtures", answering_slowly)
    embed_pasted_addresses(story)
    story.refresh_from_db()
    embed = Embed.objects.get(article=story)
    assert story.body == (
        f'<p>Plain.</p><figure data-embed="{embed.pk}"><a href="{VIDEO}">{VIDEO}</a></figure>'
        "<p>Added meanwhile.</p>"
    )


@pytest.mark.django_db
def test_a_body_rewritten_after_the_save_retires_the_pages_again():
    story = ArticleFactory(body="<p>Plain.</p>")
    Article.objects.filter(pk=story.pk).update(body="<p>https://unknown.example.net/clip/7</p>")
    before = PageGeneration.numbers([SITE_SCOPE])[SITE_SCOPE][0]
    embed_pasted_addresses(story)
    assert PageGeneration.numbers([SITE_SCOPE])[SITE_SCOPE][0] > before
    story.refresh_from_db()
    assert story.body == (
        '<p><a href="https://unknown.example.net/clip/7">https://unknown.example.net/clip/7</a></p>'
    )


@pytest.mark.django_db
def test_removing_the_last_embed_from_a_story_without_links_deletes_it(provider_calls):
    story = ArticleFactory(body=f"<p>{VIDEO}</p>")
    assert Embed.objects.filter(article=story).exists()
    provider_calls.clear()
    story.body = "<p>The video is gone.</p>"
    story.save()
    assert not Embed.objects.filter(article=story).exists()
    assert provider_calls == []
