"""Two app servers behind nginx behave as one site (the layout of `make cluster`,
docs/deploying.md, "Running more than one app server"): what an editor does on one is what
readers get from the other, limits and sessions are shared, and losing an app server,
PostgreSQL for a moment or Redis altogether costs no accepted comment and shows no stack trace.

The cluster always runs on PostgreSQL and Redis of its own (tests/cluster_servers.py), whichever
database the rest of the suite runs on.
"""

import http.client
import io
import os
import re
import signal
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from tests.cluster_servers import Cluster
from tests.html import assert_has_element
from tests.production_servers import (
    EDITOR_PASSWORD,
    EDITOR_USERNAME,
    STORY_PATH,
    SiteClient,
    csrf_token,
    wait_until,
)
from tests.test_production_comments import Reader, stored_comments

LOCKED_OUT = "Too many failed login attempts"
BACK_SOON = "Back in a moment"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, collected_static):
    cluster = Cluster(tmp_path_factory.mktemp("cluster"), collected_static)
    try:
        yield cluster.start()
    finally:
        cluster.stop()


def via_nginx(address):
    """What an app server receives from nginx: the reader's address, then nginx's."""
    return f"{address}, 127.0.0.1"


class Front:
    """nginx as a site for Reader: readers' requests go through it."""

    def __init__(self, nginx):
        self.port = nginx.port

    def client(self, **kwargs):
        return SiteClient(self.port, **kwargs)


def signed_in_editor(site, address="192.0.2.200"):
    client = site.client(client_address=via_nginx(address))
    form = client.get("/admin/login/")
    response = client.post(
        "/admin/login/?next=/admin/",
        {
            "csrfmiddlewaretoken": csrf_token(form),
            "username": EDITOR_USERNAME,
            "password": EDITOR_PASSWORD,
            "next": "/admin/",
        },
    )
    assert response.status == 302, response.text[-2000:]
    return client


def submit(client, form_path, data, files=None, post_path=None):
    """Fill in the admin form at form_path as an editor does (CSRF token included)."""
    token = csrf_token(client.get(form_path))
    return client.post(post_path or form_path, {"csrfmiddlewaretoken": token, **data}, files=files)


def story_fields(cluster, headline, **fields):
    now = datetime.now(ZoneInfo("Europe/London")) - timedelta(minutes=1)
    return {
        "headline": headline,
        "slug": re.sub(r"[^a-z0-9]+", "-", headline.lower()).strip("-"),
        "standfirst": "Written on one server, read on the other.",
        "body": "<p>Filed from the newsroom.</p>",
        "category": cluster.ids["politics"],
        "author": cluster.ids["editor"],
        "status": "published",
        "language": "en",
        "published_at_0": now.strftime("%Y-%m-%d"),
        "published_at_1": now.strftime("%H:%M:%S"),
        "lead_image_alt": "",
        "comments_open": "on",
        "_save": "Save",
        # The corrections inline, empty (a new story has none).
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        **fields,
    }


def test_a_story_published_on_one_server_is_on_every_page_of_the_other(cluster):
    headline = f"Bridge reopens {uuid.uuid4().hex[:6]}"
    reader = cluster.b.client()
    # sitemap.xml is an index; a new story's address is in the stories' file.
    pages = ["/", "/category/politics/", "/feeds/rss/", "/sitemap-articles.xml"]
    for path in pages:  # the reader's server has these pages cached before the story exists
        assert headline not in reader.get(path).text

    editor = signed_in_editor(cluster.a)
    saved = submit(editor, "/admin/articles/article/add/", story_fields(cluster, headline))
    assert saved.status == 302, saved.text[-3000:]

    slug = story_fields(cluster, headline)["slug"]
    for path in pages:
        page = reader.get(path)
        assert page.status == 200
        assert headline in page.text or f"/story/{slug}/" in page.text, path
    assert headline in reader.get(f"/story/{slug}/").text


def test_a_search_answer_kept_on_one_server_changes_when_the_other_publishes(cluster):
    # Search answers are kept in Redis (articles/search.py), keyed on the site's generation.
    word = f"zephyrine{uuid.uuid4().hex[:6]}"
    fields = story_fields(cluster, f"Harbour {word} trial begins")
    story = f"/story/{fields['slug']}/"
    reader = cluster.b.client()
    for _ in range(2):  # asked twice, so the empty answer is kept
        answer = reader.get(f"/search/?q={word}")
        assert answer.status == 200 and story not in answer.text

    saved = submit(signed_in_editor(cluster.a), "/admin/articles/article/add/", fields)
    assert saved.status == 302, saved.text[-3000:]

    assert story in reader.get(f"/search/?q={word}").text


def test_a_comment_approved_on_one_server_shows_on_the_other(cluster):
    text = f"A held comment {uuid.uuid4().hex[:8]}"
    commenter = Reader(cluster.b, via_nginx("198.51.100.90"))
    assert commenter.post(text, email=f"{uuid.uuid4().hex[:8]}@new.test").status == 302
    assert text not in cluster.b.client().get(STORY_PATH).text  # held: a first-time email

    editor = signed_in_editor(cluster.a)
    queue = editor.get(f"/admin/comments/comment/?q={text.split()[-1]}")
    comment_id = assert_has_element(queue.text, "input", name="_selected_action")["value"]
    approved = editor.post(
        "/admin/comments/comment/",
        {
            "csrfmiddlewaretoken": csrf_token(queue),
            "action": "approve",
            "_selected_action": comment_id,
            "index": "0",
        },
    )
    assert approved.status == 302

    assert text in cluster.b.client().get(STORY_PATH).text


def test_the_comment_rate_limit_counted_on_one_server_holds_on_the_other(cluster):
    address = via_nginx("198.51.100.91")
    on_a = Reader(cluster.a, address)
    statuses = [on_a.post(f"Rate check {number}").status for number in range(3)]
    assert statuses == [302, 302, 302]

    assert Reader(cluster.b, address).post("Rate check on b").status == 429
    assert Reader(cluster.b, via_nginx("198.51.100.92")).post("Another reader").status == 302


def failed_logins(site, address, count):
    client = site.client(client_address=via_nginx(address))
    for _ in range(count):
        submit(
            client,
            "/admin/login/",
            {"username": EDITOR_USERNAME, "password": "wrong", "next": "/admin/"},
        )
    return client


def right_password(site, address):
    client = site.client(client_address=via_nginx(address))
    return submit(
        client,
        "/admin/login/",
        {"username": EDITOR_USERNAME, "password": EDITOR_PASSWORD, "next": "/admin/"},
    )


def test_an_admin_lockout_counted_on_one_server_holds_on_the_other(cluster):
    failed_logins(cluster.a, "203.0.113.60", 5)

    refused = right_password(cluster.b, "203.0.113.60")

    assert refused.status == 200
    assert LOCKED_OUT in refused.text
    assert right_password(cluster.b, "203.0.113.61").status == 302


def test_a_signed_in_editor_can_alternate_between_the_servers(cluster):
    editor = signed_in_editor(cluster.a)
    name = f"Section {uuid.uuid4().hex[:6]}"
    for site in [cluster.b, cluster.a, cluster.b, cluster.a]:
        editor.port = site.port
        desk = editor.get("/admin/")
        assert desk.status == 200
        assert "Log out" in desk.text

    # A form served by one server is accepted by the other (same session, same CSRF secret).
    editor.port = cluster.b.port
    token = csrf_token(editor.get("/admin/articles/category/add/"))
    editor.port = cluster.a.port
    saved = editor.post(
        "/admin/articles/category/add/",
        {
            "csrfmiddlewaretoken": token,
            "name": name,
            "slug": name.lower().replace(" ", "-"),
            "position": "50",
            # The translations inline, empty.
            "translations-TOTAL_FORMS": "0",
            "translations-INITIAL_FORMS": "0",
        },
    )
    assert saved.status == 302, saved.text[-2000:]
    editor.port = cluster.b.port
    assert name in editor.get("/admin/articles/category/").text


def png_bytes():
    picture = io.BytesIO()
    Image.new("RGB", (48, 32), (200, 30, 30)).save(picture, "PNG")
    return picture.getvalue()


def test_a_lead_image_uploaded_through_one_server_is_served_for_the_other(cluster):
    headline = f"Flood pictures {uuid.uuid4().hex[:6]}"
    image = png_bytes()
    editor = signed_in_editor(cluster.a)
    saved = submit(
        editor,
        "/admin/articles/article/add/",
        story_fields(cluster, headline, lead_image_alt="The high street under water."),
        files={"lead_image": ("flood.png", image, "image/png")},
    )
    assert saved.status == 302, saved.text[-3000:]

    slug = story_fields(cluster, headline)["slug"]
    page = cluster.b.client().get(f"/story/{slug}/")
    # The fallback <img> of the lead's <picture>: a PNG rendition (a PNG upload stays PNG),
    # made by whichever server nginx asks first, then served by nginx from the shared folder.
    rendition = re.compile(r"/media/renditions/lead-images/.+\.png")
    source = assert_has_element(page.text, "img", src=rendition)["src"]
    served = Front(cluster.nginx).client().get(source)
    assert served.status == 200
    assert served.headers["Content-Type"] == "image/png"
    drawn = Image.open(io.BytesIO(served.body))
    assert drawn.size == (48, 27) and drawn.getpixel((24, 13))[:3] == (200, 30, 30)
    again = Front(cluster.nginx).client().get(source)  # now a file nginx serves itself
    assert again.body == served.body
    assert "immutable" in ", ".join(again.headers.get_all("Cache-Control"))


def reads_during(sites, paths, stop):
    """Read `paths` from every site in turn until `stop` is set; every response."""
    seen = []

    def read(site):
        client = site.client()
        while not stop.is_set():
            for path in paths:
                try:
                    seen.append(client.get(path))
                except OSError as error:
                    seen.append(error)

    threads = [threading.Thread(target=read, args=(site,)) for site in sites for _ in range(2)]
    for thread in threads:
        thread.start()
    return threads, seen


def test_a_postgresql_restart_is_a_brief_clean_503_and_the_site_recovers(cluster):
    stop = threading.Event()
    threads, seen = reads_during(cluster.sites, ["/", STORY_PATH, "/category/politics/"], stop)
    time.sleep(0.5)
    cluster.postgres.stop()
    time.sleep(1.5)
    cluster.postgres.start()
    cluster.postgres_back()
    time.sleep(1)
    stop.set()
    for thread in threads:
        thread.join()

    assert all(not isinstance(response, Exception) for response in seen), "every read answered"
    statuses = Counter(response.status for response in seen)
    assert set(statuses) <= {200, 503}, statuses
    assert statuses[503], "reads while the database was down should have met it"
    for response in seen:
        if response.status == 503:
            assert response.headers["Retry-After"].isdigit()
            assert BACK_SOON in response.text
            assert "Traceback" not in response.text
    # The same app servers answer again, without a restart.
    for site in cluster.sites:
        wait_until(lambda site=site: site.client().get("/").status == 200, "the site back")
        assert site.process.poll() is None


def test_without_redis_pages_render_comments_post_and_limits_still_hold(cluster):
    cluster.redis.stop()
    try:
        for site in cluster.sites:
            for path in ["/", STORY_PATH, "/category/politics/", "/feeds/rss/"]:
                assert site.client().get(path).status == 200, path

        text = f"Posted without Redis {uuid.uuid4().hex[:8]}"
        assert Reader(cluster.b, via_nginx("198.51.100.93")).post(text).status == 302
        assert text in [comment["text"] for comment in stored_comments(cluster.a)]

        # The lockout is counted in the database: it holds, rather than failing open.
        failed_logins(cluster.a, "203.0.113.70", 5)
        assert LOCKED_OUT in right_password(cluster.b, "203.0.113.70").text
    finally:
        cluster.restart_redis()


BURST_POSTS = 40
BURST_THREADS = 6


def test_losing_an_app_server_mid_burst_loses_or_doubles_no_comment_and_reads_answer(cluster):
    front = Front(cluster.nginx)
    run = uuid.uuid4().hex[:8]
    texts = [f"Cluster burst {run} comment {number}" for number in range(BURST_POSTS)]
    outcomes, reads = {}, []
    answered = threading.Semaphore(0)
    killed, killed_at = [], []

    def post_share(share):
        reader = Reader(front, "192.0.2.10")
        for number in range(share, BURST_POSTS, BURST_THREADS):
            try:
                # Each post from its own address, so the rate limit stays out of the way.
                response = reader.post(
                    texts[number], email=f"c-{run}-{number}@x.test", address=f"10.2.{number}.9"
                )
                outcomes[texts[number]] = response.status
            except OSError as error:
                outcomes[texts[number]] = type(error).__name__
            # A personal cookie, so nginx passes the read to an app server, not its cache.
            reader_page = front.client()
            reader_page.cookies["sessionid"] = "no-such-session"
            started = time.monotonic()
            try:
                reads.append((started, reader_page.get(STORY_PATH).status))
            except (OSError, http.client.HTTPException) as error:
                # A page whose server died while nginx was passing its body on is cut short:
                # nginx cannot take back what it already sent.
                reads.append((started, type(error).__name__))
            answered.release()

    def kill_server_a_a_third_of_the_way_in():
        for _ in range(BURST_POSTS // 3):
            if not answered.acquire(timeout=60):
                return
        victims = [*cluster.a.worker_pids(), cluster.a.process.pid]
        for pid in victims:
            os.kill(pid, signal.SIGKILL)
        killed.extend(victims)
        killed_at.append(time.monotonic())

    killer = threading.Thread(target=kill_server_a_a_third_of_the_way_in)
    killer.start()
    with ThreadPoolExecutor(max_workers=BURST_THREADS) as pool:
        list(pool.map(post_share, range(BURST_THREADS)))
    killer.join()

    assert killed, "server A should have been killed during the burst"
    assert cluster.a.process.wait(timeout=10) == -signal.SIGKILL
    # Every read asked after the kill answers; only one in flight at that instant may be cut.
    after = [status for started, status in reads if started > killed_at[0]]
    during = [status for started, status in reads if started <= killed_at[0] and status != 200]
    assert set(after) == {200}, Counter(after)
    assert len(during) <= BURST_THREADS, Counter(during)
    stored = Counter(
        comment["text"]
        for comment in stored_comments(cluster.b)
        if f"Cluster burst {run} " in comment["text"]
    )
    accepted = [text for text, outcome in outcomes.items() if outcome == 302]
    unanswered = [text for text, outcome in outcomes.items() if outcome != 302]
    assert len(accepted) >= BURST_POSTS // 2, Counter(outcomes.values())
    assert all(stored[text] == 1 for text in accepted), "an accepted comment is stored once"
    assert all(stored[text] <= 1 for text in unanswered), "a failed post never makes two rows"
    # The reader on the surviving server and through nginx still gets the story.
    assert front.client().get(STORY_PATH).status == 200
