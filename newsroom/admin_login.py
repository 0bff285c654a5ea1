"""The editors' login refuses password guessing: the admin login lockout.

After ADMIN_LOGIN_FAILURES_PER_ADDRESS failed logins from one client address, or
ADMIN_LOGIN_FAILURES_PER_USERNAME for one username from anywhere, within
ADMIN_LOGIN_LOCKOUT_SECONDS, every further attempt from that address or for that username is
refused without checking the password, until the window that began with the first failure
ends. A successful login clears both counts.

A per-username lock shuts the real editor out too, so one client must not be able to cause it:
- an attempt refused by the lockout is not counted anywhere (otherwise a locked-out client
  could go on filling the username's count, 21 requests were enough);
- an attempt counts against the username only once its client's own count admitted it, so one
  client adds at most ADMIN_LOGIN_FAILURES_PER_ADDRESS to it and the much higher per-username
  limit takes many clients to reach.

Each attempt is counted before its password is checked, in one atomic step, so parallel
guesses cannot all slip in before the first failure is recorded. Counts live in the database
(newsroom/models.py), where neither a cache flood nor a restart can reset them, and every worker
on every machine sees the same numbers.
"""

import hashlib
import logging

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError

from .client_address import client_address, client_group
from .models import Counter

logger = logging.getLogger(__name__)


def _counter_key(kind, value):
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"admin-login:{kind}:{digest}"


class LoginLockout:
    """Login attempts for one attempt's client address and username."""

    def __init__(self, address, username):
        # In the order an attempt is counted: the client first, then the username.
        self.limits = {
            # An IPv6 client counts as its /64: it can use any address in it.
            _counter_key("address", client_group(address)): (
                settings.ADMIN_LOGIN_FAILURES_PER_ADDRESS
            ),
            _counter_key("username", (username or "").strip().casefold()): (
                settings.ADMIN_LOGIN_FAILURES_PER_USERNAME
            ),
        }

    def admit(self):
        """Count this attempt; False when it is over a limit and must not be checked."""
        counts = Counter.objects.current(self.limits)
        if any(counts.get(key, 0) >= limit for key, limit in self.limits.items()):
            return False  # already locked: refused without adding to any count
        window = settings.ADMIN_LOGIN_LOCKOUT_SECONDS
        # One at a time, stopping at the first limit reached: parallel attempts that all
        # passed the check above are counted atomically here, and those the client's count
        # refuses never reach the username's.
        return all(Counter.objects.hit(key, window) <= limit for key, limit in self.limits.items())

    def clear(self):
        Counter.objects.clear(self.limits)


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
        if not lockout.admit():
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
            logger.info(
                "Admin login failed",
                extra={"username": username, "client_address": client_address(self.request)},
            )
            raise
        if self.get_user() is not None:
            lockout.clear()
        return cleaned_data
