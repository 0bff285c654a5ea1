"""The shipped nginx configuration (scripts/nginx/newsroom.conf) against what an attack on the
running site found: its cache keys on the consent decision exactly as the app reads it, no URL
length breaks it, a withdrawn story goes within the window the app gives, other spellings of a
page are not stored, and editors sign in on a non-default port."""

import time

import pytest

from bench.nginx import Nginx
from consent.decision import COOKIE_NAME, HOST_PREFIX
from tests.html import assert_has_element, find
from tests.production_servers import (
    EDITOR_PASSWORD,
    EDITOR_USERNAME,
    STORY_PATH,
    SiteClient,
    csrf_token,
    seeded_site,
)

# How long the withdrawal test's site lets caches keep a page, and serve it stale after.
SHORT_SHARED_SECONDS = 1
SHORT_STALE_SECONDS = 2
UNPUBLISH_STORY = """
from articles.models import Article
story = Article.objects.get(slug="council-agrees-budget")
story.status = Article.Status.DRAFT
story.save()
"""


# The test clients speak HTTPS (through the load balancer), where the app reads the decision
# only under the __Host- prefix.
NAME = HOST_PREFIX + COOKIE_NAME


def nginx_in_front(site, static_root, folder):
    return Nginx(folder, upstream=f"127.0.0.1:{site.port}", static_root=static_root)


@pytest.fixture
def nginx(production_site, collected_static, tmp_path):
    """nginx with an empty cache for each test: what one test stores, the next never reads."""
    with nginx_in_front(production_site, collected_static, tmp_path) as server:
        yield server


def get(nginx, path, cookie=None, headers=None):
    """GET through nginx with this raw Cookie header, as a browser (or an attacker) sends it."""
    sent = dict(headers or {})
    if cookie is not None:
        sent["Cookie"] = cookie
    return SiteClient(nginx.port).get(path, headers=sent)


def decision_cookie(nginx, action):
    """A `newsroom_consent` value as the site signs it for everyone who chose `action` today."""
    reader = SiteClient(nginx.port)
    # The policy version the page's consent form carries: an answer must name what it read.
    policy = assert_has_element(reader.get("/").text, "input", name="policy")["value"]
    answer = reader.post("/consent/", {"action": action, "next": "/", "policy": policy})
    assert answer.status in (302, 303), answer.text[:500]
    return reader.cookies[NAME]


def has_banner(response):
    return find(response.text, class_="consent-banner") is not None


FORGED_REQUESTS = {
    # forged Cookie header -> the cookie of the reader who comes next
    "empty first, accept all last": (
        "{name}=; {name}={accept}",
        "",
    ),
    "upper case name first": (
        "{upper}=; {name}={accept}",
        "",
    ),
    "upper case refusal first": (
        "{upper}={reject}; {name}={accept}",
        "{name}={reject}",
    ),
    "refusal first, accept all last": (
        "{name}={reject}; {name}={accept}",
        "{name}={reject}",
    ),
    "refusal after a comma": (
        "_ga=GA1.2.3.4, {name}={reject}",
        "{name}={reject}",
    ),
}


@pytest.mark.parametrize("case", FORGED_REQUESTS)
def test_a_forged_consent_cookie_never_gives_another_reader_its_page(nginx, production_site, case):
    values = {
        "name": NAME,
        "upper": NAME.upper(),
        "accept": decision_cookie(nginx, "accept_all"),
        "reject": decision_cookie(nginx, "reject_all"),
    }
    forged, victim = (text.format(**values) for text in FORGED_REQUESTS[case])
    for _ in range(3):
        attack = get(nginx, STORY_PATH, cookie=forged)
        assert attack.headers["X-Cache-Status"] == "BYPASS"
        assert "private" in attack.headers["Cache-Control"]

    seen = get(nginx, STORY_PATH, cookie=victim)
    own_page = production_site.client().get(STORY_PATH, headers={"Cookie": victim})
    assert seen.status == own_page.status == 200
    assert seen.body == own_page.body
    # The one who never answered is still asked.
    assert has_banner(seen) == (victim == "")


def test_readers_who_chose_alike_still_share_one_copy(nginx):
    accept = decision_cookie(nginx, "accept_all")
    for analytics in ("", "_ga=GA1.2.3.4; "):
        response = get(nginx, STORY_PATH, cookie=f"{analytics}{NAME}={accept}")
    assert response.headers["X-Cache-Status"] == "HIT"
    assert not has_banner(response)


def test_a_decision_planted_under_the_plain_name_never_shares_the_real_ones_copy(nginx):
    # A sibling subdomain can plant `newsroom_consent` (with a Domain), never the __Host- one;
    # over HTTPS the app ignores the plain name, and nginx keys the two apart.
    accept = decision_cookie(nginx, "accept_all")
    planted = get(nginx, STORY_PATH, cookie=f"{COOKIE_NAME}={accept}")
    assert has_banner(planted)
    again = get(nginx, STORY_PATH, cookie=f"{COOKIE_NAME}={accept}")
    assert has_banner(again)
    real = get(nginx, STORY_PATH, cookie=f"{NAME}={accept}")
    assert real.headers["X-Cache-Status"] != "HIT"
    assert not has_banner(real)


@pytest.mark.parametrize("length", [3_000, 4_000, 7_900])
@pytest.mark.parametrize("path", [STORY_PATH, STORY_PATH.rstrip("/"), "/no-such-page/"])
def test_no_url_length_is_a_502_or_takes_the_app_out_of_rotation(nginx, length, path):
    # The second address is redirected to the first, so the app repeats the URL in Location.
    url = f"{path}?utm_campaign=" + "x" * (length - len(path) - 14)
    for _ in range(3):
        assert get(nginx, url).status not in (500, 502, 503, 504)
    assert "too big header" not in (nginx.folder / "error.log").read_text()
    assert get(nginx, STORY_PATH).status == 200


@pytest.mark.parametrize(
    "spelling",
    [
        "/story/council%2Dagrees-budget/",
        "/story/council%2dagrees-budget/",
        "/%73tory/council-agrees-budget/",
        "/story//council-agrees-budget/",
        "/story/x/../council-agrees-budget/",
    ],
)
def test_other_spellings_of_a_page_are_not_stored(nginx, spelling):
    for _ in range(2):
        response = get(nginx, spelling)
        assert response.headers["X-Cache-Status"] == "BYPASS"
    # The page's one spelling still is.
    for _ in range(2):
        plain = get(nginx, STORY_PATH)
    assert plain.headers["X-Cache-Status"] == "HIT"


def test_an_editor_signs_in_on_a_non_default_port(nginx):
    host = f"localhost:{nginx.port}"
    browser = {"Host": host}
    editor = SiteClient(nginx.port)
    form = editor.get("/admin/login/?next=/admin/", headers=browser)
    signed_in = editor.post(
        "/admin/login/?next=/admin/",
        {
            "csrfmiddlewaretoken": csrf_token(form),
            "username": EDITOR_USERNAME,
            "password": EDITOR_PASSWORD,
            "next": "/admin/",
        },
        headers={**browser, "Origin": f"https://{host}", "Referer": f"https://{host}/admin/"},
    )
    assert signed_in.status == 302, signed_in.text[:500]
    assert signed_in.headers["Location"] == "/admin/"
    dashboard = editor.get("/admin/", headers=browser)
    assert dashboard.status == 200
    assert dashboard.headers["X-Cache-Status"] == "BYPASS"


def test_readers_cannot_grow_the_cache_with_ports_in_the_host(nginx):
    for port in ("", ":1", ":2", f":{nginx.port}"):
        response = get(nginx, STORY_PATH, headers={"Host": f"localhost{port}"})
    assert response.headers["X-Cache-Status"] == "HIT"
    assert len(list((nginx.folder / "cache").rglob("*"))) == 3  # one page, in two folders


def test_a_withdrawn_story_is_gone_within_the_shared_window_however_busy(
    tmp_path_factory, collected_static, redis_url
):
    site = seeded_site(
        tmp_path_factory.mktemp("short-window-site"),
        collected_static,
        redis_url,
        PAGE_SHARED_SECONDS=str(SHORT_SHARED_SECONDS),
        PAGE_STALE_SECONDS=str(SHORT_STALE_SECONDS),
    )
    try:
        with nginx_in_front(site, collected_static, tmp_path_factory.mktemp("nginx")) as nginx:
            for _ in range(2):
                cached = get(nginx, STORY_PATH)
            assert cached.headers["X-Cache-Status"] == "HIT"
            site.manage("shell", "-v", "0", "-c", UNPUBLISH_STORY)
            withdrawn_at = time.monotonic()
            window = SHORT_SHARED_SECONDS + SHORT_STALE_SECONDS
            answers = []
            # Readers keep asking for it all along, as they did for 660 s in the attack.
            while time.monotonic() < withdrawn_at + window + 3:
                answers.append((time.monotonic() - withdrawn_at, get(nginx, STORY_PATH).status))
                time.sleep(0.05)
        gone_after = next((when for when, status in answers if status == 404), None)
        assert gone_after is not None and gone_after <= window + 0.5, answers[-5:]
        assert {status for when, status in answers if when >= gone_after} == {404}
    finally:
        site.stop()
