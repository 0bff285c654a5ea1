"""The editors' login refuses password guessing: the admin login lockout.

After ADMIN_LOGIN_FAILURES_PER_ADDRESS failed logins from one client address, or
ADMIN_LOGIN_FAILURES_PER_USERNAME for one username from anywhere, within
ADMIN_LOGIN_LOCKOUT_SECONDS, every further attempt from that address or for that username is
refused without checking the password, until the window that began with the first failure
ends. The per-username limit is higher, so someone who knows an editor's name cannot lock them
out as easily as they could guess from one machine. A successful login clears both counts.

Counts live in the cache, so with CACHE_URL pointing at a shared Redis every worker on every
machine sees the same numbers.
"""

import hashlib
import logging

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError

from .client_address import client_address

logger = logging.getLogger(__name__)


def _cache_key(kind, value):
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"admin-login-failures:{kind}:{digest}"


class LoginLockout:
    """Failed-login counts for one attempt's client address and username."""

    def __init__(self, address, username):
        self.limits = {
            _cache_key("address", address): settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS,
            _cache_key("username", (username or "").strip().casefold()): (
                settings.ADMIN_LOGIN_FAILURES_PER_USERNAME
            ),
        }

    def is_locked(self):
        counts = cache.get_many(list(self.limits))
        return any(counts.get(key, 0) >= limit for key, limit in self.limits.items())

    def record_failure(self):
        window = settings.ADMIN_LOGIN_LOCKOUT_SECONDS
        for key in self.limits:
            # add() then incr() is atomic on Redis, so concurrent guesses on several workers
            # are all counted. The window runs from the first failure, not the latest.
            cache.add(key, 0, window)
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, window)

    def clear(self):
        cache.delete_many(list(self.limits))


class LockoutAdminAuthenticationForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "locked_out": (
            "Too many failed login attempts. Logging in is blocked for a while; "
            "try again in %(minutes)d minutes."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        lockout = LoginLockout(client_address(self.request), username)
        if lockout.is_locked():
            logger.warning(
                "Admin login refused: locked out",
                extra={"username": username, "client_address": client_address(self.request)},
            )
            raise ValidationError(
                self.error_messages["locked_out"],
                code="locked_out",
                params={"minutes": max(1, settings.ADMIN_LOGIN_LOCKOUT_SECONDS // 60)},
            )
        try:
            cleaned_data = super().clean()
        except ValidationError:
            lockout.record_failure()
            logger.info(
                "Admin login failed",
                extra={"username": username, "client_address": client_address(self.request)},
            )
            raise
        if self.get_user() is not None:
            lockout.clear()
        return cleaned_data
