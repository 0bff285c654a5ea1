"""A Cookie header that is unclear about the consent decision gets a page of its own.

nginx (and other caches) read the raw Cookie header differently from Django: the first name
matching in any letter case, splitting at commas, where Django keeps the last exact match. A
request whose header they might read otherwise is answered `private` and never kept, so nobody
can file a page rendered for one decision under the key of another.
"""

import pytest
from django.core.cache import caches
from django.test import Client

from consent.decision import (
    COOKIE_NAME,
    COOKIE_VALUE_MAX_LENGTH,
    HOST_PREFIX,
    UNAMBIGUOUS_COOKIE,
)
from consent.models import Action
from tests.factories import signed_consent_cookie
from tests.production_servers import PROJECT_DIR

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("every_category_in_use")]
OPTIONAL = ["functional", "analytical", "performance", "advertisement"]


def accept_all():
    return signed_consent_cookie(OPTIONAL, Action.ACCEPT_ALL)


def reject_all():
    return signed_consent_cookie([], Action.REJECT_ALL)


UNCLEAR_HEADERS = {
    "empty first, accept all last": lambda: f"{COOKIE_NAME}=; {COOKIE_NAME}={accept_all()}",
    "upper case name first": lambda: (
        f"{COOKIE_NAME.upper()}={accept_all()}; {COOKIE_NAME}={reject_all()}"
    ),
    "upper case name alone": lambda: f"{COOKIE_NAME.upper()}={accept_all()}",
    "reject first, accept all last": lambda: (
        f"{COOKIE_NAME}={reject_all()}; {COOKIE_NAME}={accept_all()}"
    ),
    "after a comma": lambda: f"_ga=GA1.2.3.4, {COOKIE_NAME}={accept_all()}",
    "inside another value": lambda: f"_ga={COOKIE_NAME}={accept_all()}",
    "space before the equals sign": lambda: f"{COOKIE_NAME} ={accept_all()}",
    "a quote in the value": lambda: f'{COOKIE_NAME}="{accept_all()}"',
    "too long": lambda: f"{COOKIE_NAME}={'a' * (COOKIE_VALUE_MAX_LENGTH + 1)}",
}


def get(url, cookie_header):
    return Client().get(url, headers={"Cookie": cookie_header})


@pytest.mark.parametrize("case", UNCLEAR_HEADERS)
def test_an_unclear_consent_cookie_gets_a_private_page_that_is_never_kept(story, case):
    header = UNCLEAR_HEADERS[case]()
    for _ in range(2):
        response = get(story.get_absolute_url(), header)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
    assert not [key for key in caches["pages"]._cache if ":page:" in key]


@pytest.mark.parametrize(
    "header",
    [
        lambda: f"_ga=GA1.2.3.4; {COOKIE_NAME}={accept_all()}",
        lambda: f"{COOKIE_NAME}={accept_all()};newsroom_consent_id=x",
        lambda: f"{COOKIE_NAME}=",
        lambda: "_ga=GA1.2.3.4",
    ],
    ids=["after an analytics cookie", "before the id cookie", "empty", "absent"],
)
def test_a_clear_consent_cookie_still_shares_the_page(story, header):
    response = get(story.get_absolute_url(), header())
    assert "public" in response["Cache-Control"]


def test_the_shipped_nginx_config_reads_the_cookie_with_the_apps_pattern():
    config = (PROJECT_DIR / "scripts" / "nginx" / "newsroom.conf").read_text()
    named = f"(?:{HOST_PREFIX})?{COOKIE_NAME}="
    read_by_nginx = UNAMBIGUOUS_COOKIE.pattern.replace(
        named, f"(?<consent_name>(?:{HOST_PREFIX})?{COOKIE_NAME})=(?<consent_value>", 1
    ).replace("} *", "}) *", 1)
    assert f'"~{read_by_nginx}" "$consent_name=$consent_value";' in config
    # And the same pattern decides which requests are clear enough to read or fill the cache.
    assert f'"~{UNAMBIGUOUS_COOKIE.pattern}" 0;' in config
