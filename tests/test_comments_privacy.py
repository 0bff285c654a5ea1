import hashlib
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, comment_form_data
from tests.html import find, find_all

pytestmark = pytest.mark.django_db

MARKER = "marker-7f3a9c"
MARKER_EMAIL = f"{MARKER}@example.net"


def leaks(response, marker=MARKER):
    """Whether `marker` (or its MD5/SHA-256, as Gravatar-style hashes) appears anywhere."""
    body = b"".join(response) if response.streaming else response.content
    text = body.decode(errors="replace") + str(response.headers) + str(response.cookies)
    text = text.lower()
    digests = [
        hashlib.md5(MARKER_EMAIL.encode()).hexdigest(),  # what Gravatar URLs carry
        hashlib.sha256(MARKER_EMAIL.encode()).hexdigest(),
    ]
    return marker in text or any(digest in text for digest in digests)


def same_site_links(html, base):
    for element in find_all(html, href=True):
        href = (element["href"] or "").partition("#")[0]
        if not href:
            continue
        parts = urlsplit(urljoin(base, href))
        if parts.netloc in ("", "testserver") and not parts.path.startswith(
            ("/admin/", "/static/", "/media/")
        ):
            yield parts.path + (f"?{parts.query}" if parts.query else "")


def test_commenter_email_never_appears_in_any_public_response(settings):
    settings.COMMENTS_PER_PAGE = 2
    poster = Client()
    article = ArticleFactory()
    CommentFactory(article=article, email=MARKER_EMAIL)  # the marker email is trusted now
    CommentFactory.create_batch(3, article=article)
    post = poster.post(
        reverse("comments:post", args=[article.pk]),
        comment_form_data(article, email=MARKER_EMAIL.upper(), text="Posted with the marker"),
    )
    assert post.status_code == 302 and not leaks(post)
    reply_to = Comment.objects.filter(email=MARKER_EMAIL).first()
    held = poster.post(
        reverse("comments:post", args=[article.pk]),
        comment_form_data(article, email=f"new-{MARKER_EMAIL}", parent=reply_to.pk),
    )
    assert held.status_code == 302 and not leaks(held)
    assert not leaks(poster.get(held["Location"]))
    assert Comment.objects.filter(email__contains=MARKER).count() == 3

    reader = Client()
    seeds = [
        "/", article.get_absolute_url(), f"{article.get_absolute_url()}?comments=2",
        f"{article.get_absolute_url()}?replyto={reply_to.pk}", article.category.get_absolute_url(),
        article.author_url,
        "/feeds/rss/", "/feeds/atom/", f"/feeds/category/{article.category.slug}/rss/",
        f"/feeds/category/{article.category.slug}/atom/", "/sitemap.xml", "/sitemap-news.xml",
        "/sitemap-articles.xml", "/sitemap-authors.xml", "/robots.txt",
        reply_to.get_absolute_url(), "/no-such-page/", "/comments/999999/",
    ]  # fmt: skip
    seen = set()
    queue = list(seeds)
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = reader.get(url, follow=True)
        assert response.status_code in (200, 404), url
        assert not leaks(response), f"the commenter's email leaked on {url}"
        if "html" in response.get("Content-Type", "") and len(seen) < 200:
            queue.extend(same_site_links(response.content.decode(), url))
    assert len(seen) > len(seeds)


def test_error_pages_and_messages_do_not_echo_the_email_to_anyone_else(client):
    article = ArticleFactory()
    refused = client.post(
        reverse("comments:post", args=[article.pk]),
        comment_form_data(article, email=MARKER_EMAIL, subject="bot"),
    )
    # The reader's own form comes back with their email in it, and nowhere else.
    html = refused.content.decode()
    assert html.count(MARKER) == 1 and find(html, "input", value=MARKER_EMAIL) is not None
    assert MARKER not in str(refused.cookies)
    assert not leaks(Client().get(article.get_absolute_url()))


def test_client_address_is_stored_only_as_a_keyed_hash_and_network(client):
    article = ArticleFactory()
    client.post(
        reverse("comments:post", args=[article.pk]),
        comment_form_data(article, text="Over IPv4"),
        REMOTE_ADDR="203.0.113.77",
    )
    client.post(
        reverse("comments:post", args=[article.pk]),
        comment_form_data(article, text="Over IPv6"),
        REMOTE_ADDR="2001:db8:abcd:12::1",
    )
    first, second = Comment.objects.order_by("pk")
    assert first.ip_network == "203.0.113.0/24"
    assert second.ip_network == "2001:db8:abcd::/48"
    assert len(first.ip_hash) == 64 and first.ip_hash != second.ip_hash
    # A plain hash of the address could be reversed by hashing all 4 billion addresses.
    assert first.ip_hash != hashlib.sha256(b"203.0.113.77").hexdigest()
    stored = " ".join(str(value) for value in Comment.objects.values_list().first())
    assert "203.0.113.77" not in stored


def test_same_client_gets_the_same_hash(client):
    article = ArticleFactory()
    for number in range(2):
        client.post(
            reverse("comments:post", args=[article.pk]),
            comment_form_data(article, text=f"Comment number {number}"),
            REMOTE_ADDR="198.51.100.20",
        )
    hashes = Comment.objects.values_list("ip_hash", flat=True)
    assert len(hashes) == 2 and len(set(hashes)) == 1


def test_public_page_never_loads_the_email_column(client):
    comment = CommentFactory(email=MARKER_EMAIL)
    with CaptureQueriesContext(connection) as queries:
        client.get(comment.article.get_absolute_url())
    comment_queries = [q["sql"] for q in queries.captured_queries if "comments_comment" in q["sql"]]
    assert comment_queries
    assert not any('"comments_comment"."email"' in sql for sql in comment_queries)


def test_the_commenter_pages_never_show_an_email_either():
    """The confirmation, edit, delete, unsubscribe and subscriptions pages, as their rightful
    visitor sees them and as anyone else does."""
    from comments.outbox import OutgoingMail
    from tests.factories import prove_address, trusted_commenter

    article = ArticleFactory()
    CommentFactory(article=article, email=MARKER_EMAIL)
    poster = Client()
    prove_address(poster, MARKER_EMAIL)
    poster.post(
        reverse("comments:post", args=[article.pk]),
        comment_form_data(article, email=MARKER_EMAIL, text="Mine", notify_story="on"),
    )
    newcomer = Client()
    newcomer.post(
        reverse("comments:post", args=[article.pk]),
        comment_form_data(article, email=f"new-{MARKER_EMAIL}", text="New", notify_replies="on"),
    )
    mine = Comment.objects.get(text="Mine")
    other = Client()
    trusted_commenter(other, "other@example.net")
    other.post(
        reverse("comments:post", args=[article.pk]),
        comment_form_data(article, email="other@example.net", text="Announced", parent=mine.pk),
    )
    bodies = " ".join(OutgoingMail.objects.values_list("body", flat=True))
    urls = {path.rstrip(".") for path in re.findall(r"http://testserver(/comments/\S+)", bodies)}
    urls |= {
        reverse("comments:edit", args=[mine.pk]),
        reverse("comments:delete", args=[mine.pk]),
        article.get_absolute_url(),
    }
    assert any("/confirm/" in url for url in urls) and any("/subscriptions/" in url for url in urls)
    for url in sorted(urls):
        for visitor in (poster, newcomer, Client()):
            response = visitor.get(url, follow=True)
            assert response.status_code in (200, 403, 404), url
            assert not leaks(response), f"the commenter's email leaked on {url}"
