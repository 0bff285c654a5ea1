"""The admin login refuses password guessing: after a few failures from one address, or many
for one username, even the right password is refused until the lockout window ends."""

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from django.core.cache import cache

from newsroom.admin_login import LoginLockout
from tests.factories import StaffFactory

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


def test_a_successful_login_clears_earlier_failures(client, editor, settings):
    fail_times(client, settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS - 1)
    assert attempt(client, editor.username, PASSWORD).status_code == 302
    client.logout()

    fail_times(client, settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS - 1)

    assert attempt(client, editor.username, PASSWORD).status_code == 302


def test_lockout_ends_when_its_window_does(client, editor, settings):
    fail_times(client, settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS)
    assert LOCKED_OUT in attempt(client, editor.username, PASSWORD).text

    # The counts live in the cache with the window as their lifetime; expiry removes them.
    cache.clear()

    assert attempt(client, editor.username, PASSWORD).status_code == 302


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


@pytest.fixture
def redis_cache(settings, redis_url):
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": prefix,
        }
    }
    yield redis.Redis.from_url(redis_url), prefix
    cache.clear()


def test_lockout_counts_live_in_the_shared_redis_cache(client, editor, settings, redis_cache):
    server, prefix = redis_cache

    fail_times(client, settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS)

    assert LOCKED_OUT in attempt(client, editor.username, PASSWORD).text
    keys = server.keys(f"{prefix}:*admin-login-failures:address:*")
    assert len(keys) == 1
    assert int(server.get(keys[0])) == settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS
    assert 0 < server.ttl(keys[0]) <= settings.ADMIN_LOGIN_LOCKOUT_SECONDS


def test_concurrent_failures_are_all_counted_on_redis(settings, redis_cache):
    # Two workers recording at once must not lose a count: add() and incr() are atomic.
    lockout = LoginLockout("198.51.100.7", "editor-on-duty")
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: lockout.record_failure(), range(40)))

    server, prefix = redis_cache
    (key,) = server.keys(f"{prefix}:*admin-login-failures:address:*")
    assert int(server.get(key)) == 40
