"""An IPv6 client may use any address of its /64, so every per-client limit and lockout counts
the /64 as one client."""

import pytest
from django.urls import reverse

from comments.models import Comment
from newsroom.client_address import client_group
from tests.factories import ArticleFactory, StaffFactory, comment_form_data, trusted_commenter

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOCKED_OUT = "Too many failed login attempts"


@pytest.mark.parametrize(
    "address, group",
    [
        ("203.0.113.9", "203.0.113.9"),
        ("::ffff:203.0.113.9", "203.0.113.9"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2::1%eth0", "2001:db8:1:2::/64"),
        ("not an address", "not an address"),
    ],
)
def test_a_client_is_its_ipv4_address_or_its_ipv6_slash_64(address, group):
    assert client_group(address) == group


def test_the_comment_rate_limit_counts_a_slash_64_once(client, settings):
    settings.COMMENTS_RATE_LIMIT_HOLD = settings.COMMENTS_RATE_LIMIT_REJECT = 2
    article = ArticleFactory()
    email = trusted_commenter(client, "regular@example.net")
    url = reverse("comments:post", args=[article.pk])
    statuses = [
        client.post(
            url,
            comment_form_data(article, email=email, text=f"Number {n}"),
            REMOTE_ADDR=f"2001:db8:1:2::{n}",
        ).status_code
        for n in range(1, 4)
    ]
    assert statuses == [302, 302, 429]
    other = client.post(
        url,
        comment_form_data(article, email=email, text="Next door"),
        REMOTE_ADDR="2001:db8:1:3::1",
    )
    assert other.status_code == 302
    assert Comment.objects.filter(article=article).count() == 3


def test_the_admin_login_lockout_counts_a_slash_64_once(client, settings):
    editor = StaffFactory(username="editor-on-duty")
    for n in range(settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS):
        client.post(
            "/admin/login/",
            {"username": f"guess-{n}", "password": "wrong", "next": "/admin/"},
            REMOTE_ADDR=f"2001:db8:7:8::{n + 1:x}",
        )
    login = {"username": editor.username, "password": PASSWORD, "next": "/admin/"}
    refused = client.post("/admin/login/", login, REMOTE_ADDR="2001:db8:7:8::ffff")
    assert refused.status_code == 200 and LOCKED_OUT in refused.text
    assert "_auth_user_id" not in client.session
    allowed = client.post("/admin/login/", login, REMOTE_ADDR="2001:db8:7:9::1")
    assert allowed.status_code == 302
