"""Counters for security limits (the admin login lockout, the comment rate limit).

They live in the database, not in a cache: a cache evicts its oldest entries when visitors fill
it (a few hundred page URLs were enough), and an evicted counter is a lifted lockout. A row
exists only while its window runs, and each key is one row, so visitors cannot grow the table
faster than the limits it enforces let them act.
"""

from datetime import timedelta

from django.db import models, transaction
from django.utils import timezone


class CounterQuerySet(models.QuerySet):
    def hit(self, key, window_seconds):
        """Count one more event under `key` and return the count in the current window.

        The window starts with the first event and lasts `window_seconds`. The row is locked
        while it is read and written, so concurrent requests on any worker are all counted.
        """
        now = timezone.now()
        fresh_until = now + timedelta(seconds=window_seconds)
        with transaction.atomic(using=self.db):
            counter, created = self.select_for_update().get_or_create(
                key=key, defaults={"count": 1, "expires_at": fresh_until}
            )
            if created:
                # Rows of windows that have ended are of no use; a new window is a fine
                # moment to sweep them, so the table never outgrows the live windows.
                self.filter(expires_at__lte=now).exclude(pk=counter.pk).delete()
                return 1
            if counter.expires_at <= now:
                counter.count, counter.expires_at = 1, fresh_until
            else:
                counter.count += 1
            counter.save(update_fields=["count", "expires_at"])
            return counter.count

    def current(self, keys):
        """{key: count} for those of `keys` whose window is still running."""
        live = self.filter(key__in=list(keys), expires_at__gt=timezone.now())
        return dict(live.values_list("key", "count"))

    def clear(self, keys):
        self.filter(key__in=list(keys)).delete()


class Counter(models.Model):
    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    objects = CounterQuerySet.as_manager()

    def __str__(self):
        return f"{self.key} = {self.count}"
