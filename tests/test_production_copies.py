"""Kept copies against the truth, in the production configuration: several gunicorn workers,
each with its own local-memory cache (no Redis to share a delete), and changes to the cookie
catalogue made from another process (the admin on one worker, a shell beside the server).

Every worker must show a change from its very next request: a visitor is only ever asked about
the catalogue as it stands (issue 25).
"""

import pytest

from tests.html import find_all, parse
from tests.production_servers import (
    EDITOR_PASSWORD,
    EDITOR_USERNAME,
    STORY_PATH,
    ProductionSite,
    csrf_token,
)

WORKERS = 3
# Enough requests that every worker answers several of them (gunicorn hands connections out
# to whichever worker accepts first).
REQUESTS = 24

SEED = """
from django.contrib.auth import get_user_model
from articles.models import Article, Category
author = get_user_model().objects.get(username="editor")
section = Category.objects.create(name="Politics", slug="politics")
Article.objects.create(
    headline="Council agrees budget", slug="council-agrees-budget", standfirst="After a vote.",
    body="<p>The council met.</p>", category=section, author=author, status="published",
)
"""

DECLARE_IN_SHELL = """
from consent.models import CookieCategory, CookieDeclaration
CookieDeclaration.objects.create(
    category=CookieCategory.objects.get(slug="analytical"), name="_ga", provider="Google",
    party="third", duration="2 years", purpose="Counts visits.",
)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, collected_static):
    folder = tmp_path_factory.mktemp("copies-site")
    site = ProductionSite(
        folder,
        collected_static,
        workers=WORKERS,
        CACHE_URL="locmemcache://each-worker-its-own",
        TRUSTED_PROXY_COUNT="1",
        DJANGO_SUPERUSER_PASSWORD=EDITOR_PASSWORD,
        EMAIL_URL="memorymail://",
    )
    try:
        site.manage("migrate", "--noinput")
        site.manage(
            "createsuperuser", "--noinput", "--username", EDITOR_USERNAME, "--email", "e@x.test"
        )
        site.manage("shell", "-v", "0", "-c", SEED)
        site.start()
    except BaseException:
        site.stop()
        raise
    yield site
    site.stop()


def dialog_mentions(site, text, path=STORY_PATH):
    """For REQUESTS new visitors: whether their page's consent dialog mentions `text`."""
    answers = []
    for _ in range(REQUESTS):
        page = site.client().get(path)
        assert page.status == 200
        dialog = parse(page.text).find("dialog", id="consent-dialog")
        answers.append(text in dialog.text)
    return answers


def test_a_change_from_a_shell_shows_on_every_worker_at_once(site):
    # Every worker has kept the catalogue and the page (and nginx-less, its own page store).
    assert not any(dialog_mentions(site, "_ga"))
    site.manage("shell", "-v", "0", "-c", DECLARE_IN_SHELL)
    assert all(dialog_mentions(site, "_ga")), "a worker served the catalogue before the change"
    assert all(dialog_mentions(site, "_ga", path="/")), "a worker served an old home page"


def test_a_change_in_the_admin_shows_on_every_worker_at_once(site):
    editor = site.client(client_address="192.0.2.10")
    login = editor.get("/admin/login/")
    signed_in = editor.post(
        "/admin/login/?next=/admin/",
        {
            "csrfmiddlewaretoken": csrf_token(login),
            "username": EDITOR_USERNAME,
            "password": EDITOR_PASSWORD,
            "next": "/admin/",
        },
    )
    assert signed_in.status == 302
    assert not any(dialog_mentions(site, "stats_visit"))

    form_path = "/admin/consent/cookiedeclaration/add/"
    form = editor.get(form_path)
    fields = {
        field["name"]: field.get("value", "")
        for field in find_all(form.text, "input", type="hidden")
        if field.get("name")
    }
    category = next(
        option["value"]
        for option in find_all(form.text, "option")
        if option.text in ("Performance", "Leistung")
    )
    saved = editor.post(
        form_path,
        {
            **fields,
            "csrfmiddlewaretoken": csrf_token(form),
            "category": category,
            "name": "stats_visit",
            "provider": "Us",
            "party": "first",
            "duration": "1 day",
            "purpose": "Measures how fast pages load.",
            "path": "/",
            "domain": "",
        },
    )
    assert saved.status == 302, saved.text[-2000:]
    assert all(dialog_mentions(site, "stats_visit")), "a worker served the old catalogue"


def every_answer(site, path, text):
    """For REQUESTS requests spread over the workers: whether each answer contains `text`."""
    answers = []
    for _ in range(REQUESTS):
        page = site.client().get(path)
        assert page.status == 200
        answers.append(text in page.text)
    return answers


PUBLISH_IN_SHELL = """
from django.contrib.auth import get_user_model
from articles.models import Article, Category
Article.objects.create(
    headline="Zephyrine tides return", slug="zephyrine-tides-return", standfirst="At last.",
    body="<p>The zephyrine tides are back.</p>", category=Category.objects.get(slug="politics"),
    author=get_user_model().objects.get(username="editor"), status="published",
)
"""

SECTION_IN_SHELL = """
from articles.models import Category
Category.objects.create(name="Weather desk", slug="weather-desk")
"""

COMMENT_IN_SHELL = """
from articles.models import Article
from comments.models import Comment
Comment.objects.create(
    article=Article.objects.get(slug="council-agrees-budget"), name="Ola", email="ola@x.test",
    text="Shell-made kestrelwing comment.", status="approved",
)
"""


def test_a_search_answer_each_worker_kept_changes_when_a_story_is_published(site):
    # Search answers live in each process's own memory (CACHES["search"]).
    assert not any(every_answer(site, "/search/?q=zephyrine", "zephyrine-tides-return"))
    site.manage("shell", "-v", "0", "-c", PUBLISH_IN_SHELL)
    assert all(every_answer(site, "/search/?q=zephyrine", "zephyrine-tides-return")), (
        "a worker served the search answer it kept before the story was published"
    )


def test_a_new_section_is_in_every_workers_masthead_at_once(site):
    assert not any(every_answer(site, "/", "Weather desk"))
    site.manage("shell", "-v", "0", "-c", SECTION_IN_SHELL)
    assert all(every_answer(site, "/", "Weather desk")), "a worker served its old sections"


def test_a_comment_added_from_a_shell_shows_on_every_worker_at_once(site):
    assert not any(every_answer(site, STORY_PATH, "kestrelwing"))
    site.manage("shell", "-v", "0", "-c", COMMENT_IN_SHELL)
    assert all(every_answer(site, STORY_PATH, "kestrelwing")), "a worker kept the old threads"
