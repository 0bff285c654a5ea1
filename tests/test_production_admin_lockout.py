"""The admin login refuses password guessing: after a few failures from one address, or many
for one username, even the right password is refused until the lockout window ends. One address
alone cannot lock an editor out."""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone

from newsroom.admin_login import LoginLockout
from newsroom.models import Counter
from tests.factories import StaffFactory
from tests.production_servers import csrf_token

PASSWORD = "correct horse battery staple"
LOGIN_URL = "/admin/login/"
LOCKED_OUT = "Too many failed login attempts"


@pytest.fixture
def editor(db):
    return StaffFactory(username="editor-on-duty")


def attempt(client, username, password, address="198.51.100.7", **extra):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **extra,
    )


def fail_times(client, count, username="editor-on-duty", address="198.51.100.7", **extra):
    for _ in range(count):
        response = attempt(client, username, "wrong password", address, **extra)
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.text


def test_the_right_password_still_works_before_the_limit(client, editor, settings):
    fail_times(client, settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS - 1)

    response = attempt(client, editor.username, PASSWORD)

    assert response.status_code == 302
    assert response.url == "/admin/"


def test_after_too_many_failures_even_the_right_password_is_refused(client, editor, settings):
    fail_times(client, settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS)

    response = attempt(client, editor.username, PASSWORD)

    assert response.status_code == 200
    assert LOCKED_OUT in response.text
    assert "try again in 15 minutes" in response.text
    assert "_auth_user_id" not in client.session


def test_a_locked_out_address_is_refused_for_every_username(client, editor, settings):
    fail_times(client, settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS, username="someone-else")

    assert LOCKED_OUT in attempt(client, editor.username, PASSWORD).text


def test_other_addresses_can_still_log_in(client, editor, settings):
    fail_times(client, settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS, username="someone-else")

    response = attempt(client, editor.username, PASSWORD, address="203.0.113.20")

    assert response.status_code == 302


def test_a_username_is_locked_after_guesses_spread_over_many_addresses(client, editor, settings):
    settings.ADMIN_LOGIN_FAILURES_PER_USERNAME = 6
    for number in range(6):
        fail_times(client, 1, address=f"192.0.2.{number}")

    response = attempt(client, "Editor-On-Duty", PASSWORD, address="203.0.113.20")

    assert LOCKED_OUT in response.text


def test_one_address_cannot_lock_an_editor_out_from_elsewhere(client, editor):
    # The attack from issue 24: keep guessing from one address long after it is locked out.
    for _ in range(60):
        attempt(client, editor.username, "wrong password")

    response = attempt(client, editor.username, PASSWORD, address="203.0.113.20")

    assert response.status_code == 302
    assert response.url == "/admin/"


def test_one_address_adds_at_most_its_own_limit_to_a_username(client, editor, settings):
    settings.ADMIN_LOGIN_FAILURES_PER_USERNAME = settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS + 1
    for _ in range(settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS * 4):
        attempt(client, editor.username, "wrong password", address="192.0.2.1")

    assert attempt(client, editor.username, PASSWORD, address="203.0.113.20").status_code == 302


def test_attempts_refused_by_the_lockout_are_not_counted(client, editor, settings):
    settings.ADMIN_LOGIN_FAILURES_PER_USERNAME = 6
    fail_times(client, 5, address="192.0.2.1")
    # The sixth client's first guess reaches the username's limit; the guesses it sends while
    # locked out must not extend the lock past the window or add to any count.
    fail_times(client, 1, address="192.0.2.2")
    for _ in range(10):
        assert LOCKED_OUT in attempt(client, editor.username, "wrong", address="192.0.2.2").text

    counts = Counter.objects.current(LoginLockout("192.0.2.2", editor.username).limits)

    assert sorted(counts.values()) == [1, 6]


def test_a_successful_login_clears_earlier_failures(client, editor, settings):
    fail_times(client, settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS - 1)
    assert attempt(client, editor.username, PASSWORD).status_code == 302
    client.logout()

    fail_times(client, settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS - 1)

    assert attempt(client, editor.username, PASSWORD).status_code == 302


def test_lockout_ends_when_its_window_does(client, editor, settings):
    fail_times(client, settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS)
    assert LOCKED_OUT in attempt(client, editor.username, PASSWORD).text

    with time_machine_after(settings.ADMIN_LOGIN_LOCKOUT_SECONDS + 1):
        assert attempt(client, editor.username, PASSWORD).status_code == 302


def time_machine_after(seconds):
    later = timezone.now() + timedelta(seconds=seconds)
    return mock.patch("django.utils.timezone.now", return_value=later)


def test_behind_a_proxy_the_forwarded_client_address_is_counted(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    balancer = "10.0.0.2"
    # The attacker writes its own X-Forwarded-For; the balancer appends the real address.
    for number in range(settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS):
        fail_times(
            client, 1, address=balancer, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 198.51.100.7"
        )

    locked = attempt(
        client, editor.username, PASSWORD, balancer, HTTP_X_FORWARDED_FOR="198.51.100.7"
    )
    other_reader = attempt(
        client, editor.username, PASSWORD, balancer, HTTP_X_FORWARDED_FOR="203.0.113.20"
    )

    assert LOCKED_OUT in locked.text
    assert other_reader.status_code == 302


def test_a_flood_of_page_urls_does_not_lift_a_lockout(client, editor, settings):
    fail_times(client, settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS)

    # Enough distinct pages to fill (and cull) the default local-memory cache several times.
    for number in range(400):
        client.get(f"/?page={number}", REMOTE_ADDR="198.51.100.7")
    cache.clear()

    assert LOCKED_OUT in attempt(client, editor.username, PASSWORD).text


def test_a_foreign_value_in_the_cache_does_not_break_the_login(client, editor):
    # What django-tinymce's public compressor URL once let anyone store under any key.
    lockout = LoginLockout("198.51.100.7", editor.username)
    for key in lockout.limits:
        cache.set(key, "not a number")

    assert attempt(client, editor.username, PASSWORD).status_code == 302


def test_parallel_guesses_on_several_workers_get_no_more_checks_than_the_limit(production_site):
    # Each attempt is counted before its password is checked, in one step, so 30 guesses sent
    # at once from one address cannot all be checked before the first failure is counted.
    address = "198.51.100.99"
    login = production_site.client(client_address=address)
    token = csrf_token(login.get(LOGIN_URL))

    def guess(number):
        browser = production_site.client(client_address=address)
        browser.cookies = dict(login.cookies)
        form = {"csrfmiddlewaretoken": token, "username": f"guess-{number}", "password": "x"}
        return browser.post(LOGIN_URL, form).text

    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(guess, range(30)))

    checked = [text for text in answers if "Please enter the correct username" in text]
    refused = [text for text in answers if LOCKED_OUT in text]
    assert len(checked) == 5  # ADMIN_LOGIN_FAILURES_PER_ADDRESS in production
    assert len(refused) == 25
