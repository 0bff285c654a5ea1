"""Embeds wait for consent: a pasted address becomes an embed at save time, and a reader's page
asks nothing of the provider until the reader loads it, once or always (docs/embeds.md)."""

import re

import pytest
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from articles.models import Article
from consent.decision import COOKIE_NAME, Decision
from consent.models import Action, ConsentRecord, Embed
from tests.consent_forms import current_policy
from tests.factories import ArticleFactory
from tests.html import parse

pytestmark = pytest.mark.django_db
VIDEO = "https://www.youtube.com/watch?v=HarbourRgta"
CHART = "https://datawrapper.dwcdn.net/Hb7Xq/1/"
PROVIDER_HOSTS = ("youtube-nocookie.com", "i.ytimg.com", "datawrapper.dwcdn.net", "img.datawrapper")
LOAD_URL = reverse("consent:embed_load")


@pytest.fixture
def story():
    return ArticleFactory(
        slug="regatta",
        body=f'<p>Before.</p><p>{VIDEO}</p><p><a href="{CHART}">{CHART}</a></p>'
        "<p>https://unknown.example.net/clip/7</p><p>After.</p>",
    )


def video_embed(story):
    return Embed.objects.get(article=story, provider__slug="youtube")


def page(client, story, **query):
    return client.get(story.get_absolute_url(), query)


def embed_figure(response, embed):
    return parse(response.content.decode()).find("figure", id=f"embed-{embed.pk}")


def load(client, story, embed, always=False, **headers):
    data = {"embed": embed.pk, "next": story.get_absolute_url()}
    if always:
        data["always"] = "1"
    return client.post(LOAD_URL, data, **headers)


def test_a_pasted_address_becomes_an_embed_with_our_own_thumbnail(story):
    story.refresh_from_db()
    video = video_embed(story)
    assert video.title == "Harbour regatta 2026: the final race from the harbour wall"
    assert video.author_name == "Harbourford Chronicle"
    assert video.frame_url == "https://www.youtube-nocookie.com/embed/HarbourRgta"
    # The provider's still (a 480 x 360 JPEG whose EXIF names a place) went through the
    # picture pipeline: stored under a digest of its new bytes, whole, without its metadata.
    assert re.fullmatch(r"embeds/[0-9a-f]{32}\.jpg", video.thumbnail)
    assert (video.thumbnail_width, video.thumbnail_height) == (480, 360)
    with default_storage.open(video.thumbnail) as stored, Image.open(stored) as picture:
        assert picture.format == "JPEG"
        assert not picture.getexif()
        assert "exif" not in picture.info
    markers = re.findall(r'<figure data-embed="(\d+)">', story.body)
    assert sorted(int(pk) for pk in markers) == sorted(
        Embed.objects.filter(article=story).values_list("pk", flat=True)
    )
    assert Embed.objects.filter(article=story).count() == 2
    # An address no provider answers is a plain link; nothing was embedded for it.
    assert (
        '<p><a href="https://unknown.example.net/clip/7">https://unknown.example.net/clip/7</a></p>'
        in story.body
    )


def test_saving_again_keeps_the_embeds_and_a_removed_marker_deletes_its_embed(story):
    story.refresh_from_db()
    video = video_embed(story)
    story.save()
    assert video_embed(story).pk == video.pk
    story.body = re.sub(rf'<figure data-embed="{video.pk}">.*?</figure>', "", story.body)
    story.save()
    assert not Embed.objects.filter(pk=video.pk).exists()


def test_a_provider_that_does_not_answer_leaves_a_placeholder_with_its_name(client):
    story = ArticleFactory(body="<p>https://vimeo.com/123456789</p>")
    embed = Embed.objects.get(article=story)
    assert (embed.title, embed.thumbnail) == ("", "")
    figure = embed_figure(page(client, story), embed)
    assert "Load Vimeo content" in figure.text


def test_before_any_choice_the_page_shows_placeholders_and_names_no_provider_host(client, story):
    response = page(client, story)
    html = response.content.decode()
    video = video_embed(story)
    figure = embed_figure(response, video)
    assert figure.find("iframe") is None
    assert figure.find("img")["src"].startswith(f"/media/renditions/{video.thumbnail}/")
    assert "Harbour regatta 2026" in figure.text
    assert "Load YouTube content" in figure.find("button").text
    assert "Always allow YouTube" in figure.find("label").text
    assert figure.find("a", href=VIDEO) is not None
    assert figure.find("a", href="https://policies.google.com/privacy") is not None
    # Only links (which load nothing) name a provider: nothing the page loads does.
    loaded = re.findall(r'\s(?:src|srcset|data|poster|action)="([^"]*)"', html)
    for host in PROVIDER_HOSTS:
        assert not [address for address in loaded if host in address]
        assert host not in response["Content-Security-Policy"]


def test_always_allow_records_the_provider_and_loads_its_embeds(client, story):
    response = load(client, story, video_embed(story), always=True)
    assert response.status_code == 303
    assert response["Location"] == f"{story.get_absolute_url()}#embed-{video_embed(story).pk}"
    decision = Decision.from_cookie(response.cookies[COOKIE_NAME].value)
    assert decision.embeds == {"youtube"} and decision.action == Action.EMBED
    record = ConsentRecord.objects.get()
    assert (record.action, record.embeds) == (Action.EMBED, ["youtube"])
    figure = embed_figure(page(client, story), video_embed(story))
    frame = figure.find("iframe")
    assert frame["src"] == reverse("consent:embed_frame", args=[video_embed(story).pk])
    assert "Harbour regatta 2026" in frame["title"]
    # The chart's provider was not allowed: it still waits.
    chart = Embed.objects.get(article=story, provider__slug="datawrapper")
    assert embed_figure(page(client, story), chart).find("iframe") is None


def test_the_frame_page_names_only_the_allowed_provider_in_its_policy(client, story):
    video = video_embed(story)
    frame_url = reverse("consent:embed_frame", args=[video.pk])
    refused = client.get(frame_url)
    assert refused.status_code == 403
    assert "youtube-nocookie" not in refused.content.decode()
    load(client, story, video, always=True)
    response = client.get(frame_url)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com" in policy.split("; ")
    assert "frame-ancestors 'self'" in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    frame = parse(response.content.decode()).find("iframe")
    assert frame["src"] == "https://www.youtube-nocookie.com/embed/HarbourRgta"
    assert frame["title"]


def test_load_once_stores_nothing_and_loads_only_that_embed(client, story):
    video = video_embed(story)
    response = load(client, story, video)
    assert response.status_code == 303
    assert not response.cookies.get(COOKIE_NAME)
    assert not ConsentRecord.objects.exists()
    target = response["Location"]
    token = re.search(r"[?&]embed=([^&#]+)", target).group(1)
    shown = client.get(target.split("#")[0])
    assert "private" in shown["Cache-Control"]
    frame = embed_figure(shown, video).find("iframe")
    assert "once=" in frame["src"]
    assert client.get(frame["src"]).status_code == 200
    # The pass is for this embed alone, and the page without it waits again.
    chart = Embed.objects.get(article=story, provider__slug="datawrapper")
    chart_frame = reverse("consent:embed_frame", args=[chart.pk])
    assert client.get(chart_frame, {"once": token}).status_code == 403
    assert embed_figure(page(client, story), video).find("iframe") is None


def test_with_javascript_the_answer_is_the_frame_to_swap_in(client, story):
    video = video_embed(story)
    answer = load(client, story, video, always=True, HTTP_ACCEPT="application/json").json()
    assert answer == {
        "frame": reverse("consent:embed_frame", args=[video.pk]),
        "embeds": ["youtube"],
    }
    once = load(
        client,
        story,
        Embed.objects.get(provider__slug="datawrapper"),
        HTTP_ACCEPT="application/json",
    ).json()
    assert "?once=" in once["frame"]


def test_withdrawing_in_the_dialog_takes_the_embed_away(client, story):
    load(client, story, video_embed(story), always=True)
    dialog = parse(page(client, story).content.decode())
    box = dialog.find("input", id="consent-dialog-embed-youtube")
    assert box.has("checked")
    response = client.post(
        reverse("consent:update"),
        {"action": "save", "policy": current_policy(), "next": story.get_absolute_url()},
    )
    assert ConsentRecord.objects.first().action == Action.WITHDRAW
    assert Decision.from_cookie(response.cookies[COOKIE_NAME].value).embeds == frozenset()
    assert embed_figure(page(client, story), video_embed(story)).find("iframe") is None
    frame_url = reverse("consent:embed_frame", args=[video_embed(story).pk])
    assert client.get(frame_url).status_code == 403


def test_allowing_the_category_loads_its_providers(client, story, every_category_in_use):
    client.post(
        reverse("consent:update"),
        {"action": "accept_all", "policy": current_policy(), "next": "/"},
    )
    assert embed_figure(page(client, story), video_embed(story)).find("iframe") is not None


def test_global_privacy_control_keeps_embeds_waiting_until_the_reader_loads_one(client, story):
    gpc = {"HTTP_SEC_GPC": "1"}
    assert embed_figure(page(client, story, **{}), video_embed(story)).find("iframe") is None
    response = client.get(story.get_absolute_url(), **gpc)
    assert embed_figure(response, video_embed(story)).find("iframe") is None
    load(client, story, video_embed(story), always=True, **gpc)
    response = client.get(story.get_absolute_url(), **gpc)
    assert embed_figure(response, video_embed(story)).find("iframe") is not None


def test_shared_pages_are_kept_apart_by_the_providers_allowed(client, story, django_user_model):
    from django.test import Client

    other = Client()
    page(other, story)  # cached for readers who allowed nothing
    load(client, story, video_embed(story), always=True)
    client.cookies.pop("messages", None)
    allowed_page = page(client, story)
    assert "public" in allowed_page["Cache-Control"]
    assert embed_figure(allowed_page, video_embed(story)).find("iframe") is not None
    assert embed_figure(page(other, story), video_embed(story)).find("iframe") is None


def test_a_draft_story_embed_is_not_loadable(client):
    draft = ArticleFactory(draft=True, body=f"<p>{VIDEO}</p>")
    embed = Embed.objects.get(article=draft)
    assert load(client, draft, embed, always=True).status_code == 404
    assert client.get(reverse("consent:embed_frame", args=[embed.pk])).status_code == 404


def test_a_forged_embed_number_is_sent_back_not_an_error(client, story):
    response = client.post(LOAD_URL, {"embed": "x", "next": "/en/regatta/"})
    assert response.status_code == 302
    assert client.post(LOAD_URL, {"embed": "999999"}).status_code == 404


def test_the_visitor_sees_an_allowed_provider_in_their_own_record(client, story):
    load(client, story, video_embed(story), always=True)
    history = parse(client.get(reverse("consent:history")).content.decode())
    row = history.find("tbody").find("tr")
    assert "Allowed embedded content" in row.text
    assert "YouTube" in row.text


def test_a_story_with_embeds_costs_one_query_more_than_one_without(client):
    plain = ArticleFactory(slug="plain")
    with_embeds = ArticleFactory(slug="embeds", body=f"<p>{VIDEO}</p><p>{CHART}</p>")
    counts = {}
    for article in (plain, with_embeds):
        page(client, article)  # fills the kept fragments both pages share
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as queries:
            assert page(client, article).status_code == 200
        counts[article.slug] = len(queries.captured_queries)
    assert counts["embeds"] == counts["plain"] + 1


def test_the_demo_regatta_story_has_a_video_a_chart_and_a_post(client):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)
    story = Article.objects.get(slug="coastal-rowing-regatta-returns-after-six-year-break")
    providers = sorted(Embed.objects.filter(article=story).values_list("provider__slug", flat=True))
    assert providers == ["datawrapper", "mastodon", "youtube"]
    html = page(client, story).content.decode()
    assert html.count("data-embed-form") == 3


def test_a_switched_off_provider_leaves_a_plain_link(client, story):
    from consent.models import EmbedProvider

    EmbedProvider.objects.filter(slug="youtube").update(is_active=False)
    EmbedProvider.objects.get(slug="vimeo").save()  # retires the catalogue, as the admin does
    response = page(client, story)
    assert embed_figure(response, video_embed(story)) is None
    link = parse(response.content.decode()).find("a", href=VIDEO)
    assert "Harbour regatta 2026" in link.text
    # A placeholder drawn before the switch-off allows nothing any more.
    assert load(client, story, video_embed(story), always=True).status_code == 302
    assert not ConsentRecord.objects.exists()
