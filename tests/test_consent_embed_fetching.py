"""What the server fetches for an embed is bounded and never reaches inside our own network;
the decision cookie stays small with providers. What is kept of a fetched thumbnail is tested in
test_consent_embed_thumbnails.py."""

import socket

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consent import embed_fetching
from consent.decision import COOKIE_VALUE_MAX_LENGTH, UNAMBIGUOUS_COOKIE, Decision
from consent.embed_fetching import FetchRefused, checked_target, fetch, public_address
from consent.models import Action, EmbedProvider
from tests.factories import CookieCategoryFactory


@pytest.mark.parametrize(
    "address",
    [
        "ftp://example.com/x",
        "file:///etc/passwd",
        "gopher://example.com/",
        "https://user:secret@example.com/",
        "https://example.com:8443/",
        "http://example.com:22/",
        "https:///nohost",
    ],
)
def test_only_plain_http_and_https_on_standard_ports_are_fetched(address):
    with pytest.raises(FetchRefused):
        checked_target(address)


@pytest.mark.parametrize(
    "resolved",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
    ],
)
def test_a_host_resolving_to_any_non_public_address_is_refused(monkeypatch, resolved):
    family = socket.AF_INET6 if ":" in resolved else socket.AF_INET

    def resolve(host, port, **kwargs):
        # A public address first, then the private one: one bad answer is enough to refuse.
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
            (family, socket.SOCK_STREAM, 6, "", (resolved, port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    with pytest.raises(FetchRefused, match="non-public"):
        public_address("rebind.example.net", 443)


def test_a_public_host_is_connected_to_at_the_address_that_was_checked(monkeypatch, settings):
    settings.EMBED_FIXTURES_DIR = ""
    checked = []
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, port, **kw: [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port))
        ],
    )

    def connect(address, timeout):
        checked.append(address)
        raise OSError("no network in tests")

    monkeypatch.setattr(socket, "create_connection", connect)
    with pytest.raises(FetchRefused):
        fetch("http://example.com/oembed", 1000)
    assert checked == [("93.184.215.14", 80)]


def test_a_redirect_to_a_private_address_is_refused(monkeypatch, settings):
    settings.EMBED_FIXTURES_DIR = ""
    real_fetch_once = embed_fetching._fetch_once

    def provider_redirects(url, max_bytes, deadline):
        if url == "https://provider.example/oembed":
            return 302, "http://169.254.169.254/latest/meta-data/", b""
        return real_fetch_once(url, max_bytes, deadline)

    monkeypatch.setattr(embed_fetching, "_fetch_once", provider_redirects)
    with pytest.raises(FetchRefused, match="non-public"):
        fetch("https://provider.example/oembed", 1000)


def test_redirects_are_followed_a_bounded_number_of_times(monkeypatch, settings):
    settings.EMBED_FIXTURES_DIR = ""
    calls = []

    def redirecting(url, max_bytes, deadline):
        calls.append(url)
        return 302, "/again", b""

    monkeypatch.setattr(embed_fetching, "_fetch_once", redirecting)
    with pytest.raises(FetchRefused, match="too many redirects"):
        fetch("https://example.com/", 1000)
    assert len(calls) == embed_fetching.MAX_REDIRECTS + 1


def test_a_body_over_the_cap_is_refused(settings, tmp_path):
    (tmp_path / "big.json").write_bytes(b"x" * 2000)
    (tmp_path / "index.json").write_text('{"https://example.com/big": "big.json"}')
    settings.EMBED_FIXTURES_DIR = str(tmp_path)
    with pytest.raises(FetchRefused, match="too large"):
        fetch("https://example.com/big", 1000)
    assert len(fetch("https://example.com/big", 2000)) == 2000


def test_the_decision_cookie_stays_within_its_bound_with_the_most_providers():
    decision = Decision(
        visitor_id="x",
        allowed=frozenset({"functional", "analytical", "performance", "advertisement"}),
        action=Action.EMBED,
        policy_version="0123456789abcdef",
        given_at=timezone.now(),
        under_gpc=True,
        language="en",
        collection="0123456789abcdef",
        embeds=frozenset(f"provider{n:02d}abcdefghij" for n in range(20)),
    )
    value = decision.signed_value()
    assert len(value) <= COOKIE_VALUE_MAX_LENGTH
    assert UNAMBIGUOUS_COOKIE.search(f"newsroom_consent={value}")
    assert len(Decision.from_cookie(value).embeds) == 8


def test_a_forged_provider_list_in_a_cookie_is_cut_to_plain_slugs():
    from django.core import signing

    from consent.decision import SIGNING_SALT

    value = signing.Signer(salt=SIGNING_SALT).sign_object(
        {"c": [], "a": "embed", "p": "v", "d": 1, "e": ["youtube", "<script>", "A", "x" * 40]}
    )
    assert Decision.from_cookie(value).embeds == {"youtube"}


@pytest.mark.django_db
def test_a_provider_must_frame_from_plain_https_origins():
    provider = EmbedProvider(
        name="Odd",
        slug="odd",
        category=CookieCategoryFactory(),
        url_patterns=r"https://odd\.example/(?P<id>\d+)",
        frame_url="https://odd.example/embed/{id}",
        purposes="Showing it.",
        privacy_url="https://odd.example/privacy",
        frame_sources="https://odd.example; script-src *",
    )
    with pytest.raises(ValidationError) as error:
        provider.full_clean()
    assert "frame_sources" in error.value.message_dict
    provider.frame_sources = "https://odd.example"
    provider.full_clean()
    assert provider.frame_url_for("https://odd.example/42") == "https://odd.example/embed/42"
    assert provider.frame_url_for("https://odd.example/42/../../evil") is None


@pytest.mark.django_db
def test_every_built_in_provider_matches_its_own_example():
    examples = {
        "youtube": "https://youtu.be/HarbourRgta",
        "vimeo": "https://vimeo.com/76979871",
        "x": "https://x.com/harbourford/status/1234567890",
        "instagram": "https://www.instagram.com/p/C0abcDEF123/",
        "bluesky": "https://bsky.app/profile/harbourford.bsky.social/post/3kabcdefghi2x",
        "mastodon": "https://mastodon.social/@harbourford/113456789012345678",
        "datawrapper": "https://datawrapper.dwcdn.net/Hb7Xq/1/",
        "flourish": "https://public.flourish.studio/visualisation/1234567/",
        "openstreetmap": "https://www.openstreetmap.org/export/embed.html?bbox=-1.1,50.7,-1.0,50.8&layer=mapnik",
        "spotify": "https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk",
    }
    for provider in EmbedProvider.objects.all():
        provider.full_clean()
        frame = provider.frame_url_for(examples[provider.slug])
        assert frame and any(frame.startswith(origin + "/") for origin in provider.origins())
    assert set(examples) == set(EmbedProvider.objects.values_list("slug", flat=True))
