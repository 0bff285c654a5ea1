"""The project's own tables: counters for security limits (the admin login lockout, the comment
rate limit), and the page generations the page cache keys pages on (newsroom/pagecache.py).

Both live in the database, not in a cache. A cache evicts its oldest entries when visitors fill
it (a few hundred page URLs were enough), and an evicted counter is a lifted lockout; a page
generation must be seen at once by every worker, whatever cache each one keeps. A row
exists only while its window runs, and each key is one row, so visitors cannot grow the table
faster than the limits it enforces let them act.
"""

from datetime import UTC, timedelta

from django.apps import apps
from django.db import IntegrityError, connections, models, router, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _


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


# Page generation scopes: every reader page belongs to the site's and the cookie catalogue's (it
# carries the banner and dialog); a story page also to its own.
SITE_SCOPE = "site"
CATALOGUE_SCOPE = "catalogue"
# Read together whenever any generation is read: every page depends on both.
EVERY_PAGE_SCOPES = (SITE_SCOPE, CATALOGUE_SCOPE)


def next_site_change():
    """When the site's pages next change with no edit to bump them, or None. Each app whose
    pages do (articles: a scheduled story goes live) says when through a
    `next_site_pages_change()` method on its AppConfig; the soonest time counts."""
    times = [
        config.next_site_pages_change()
        for config in apps.get_app_configs()
        if hasattr(config, "next_site_pages_change")
    ]
    return min((when for when in times if when is not None), default=None)


def story_scope(slug):
    return f"story:{slug}"


def _aware(value):
    """A datetime read with raw SQL: SQLite gives text, and stored times are in UTC."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    return value


class PageGenerationQuerySet(models.QuerySet):
    def bump(self, *scopes):
        """Start a new generation of each scope once the current transaction commits (at once
        outside one): every copy kept under the old generation is stale from then on.

        After the commit, not inside the transaction: the change is then visible to every
        worker that reads the new generation, and the bump does not hold the generation's row
        locked (queuing every other editor's save) while the transaction runs on."""
        transaction.on_commit(lambda: self._bump_now(scopes), using=self.db, robust=True)

    def _bump_now(self, scopes):
        for scope in scopes:
            changes = {"number": F("number") + 1}
            if scope == SITE_SCOPE:
                changes["next_change"] = next_site_change()
            if self.filter(scope=scope).update(**changes):
                continue
            try:
                with transaction.atomic():
                    self.create(scope=scope, number=1, next_change=changes.get("next_change"))
            except IntegrityError:
                # Another request created the row between our update and insert; bump that.
                self.filter(scope=scope).update(**changes)


class PageGeneration(models.Model):
    """A counter per scope that cached reader pages are keyed on (see newsroom/pagecache.py).

    It lives in the database rather than in the cache so that a bump is seen at once by every
    worker and machine, even when each worker keeps its own local-memory cache.
    """

    scope = models.CharField(
        verbose_name=_("scope"),
        max_length=220,
        unique=True,
        help_text=_('"site", or "story:<slug>" for one story\'s page.'),
    )
    number = models.PositiveBigIntegerField(verbose_name=_("number"), default=0)
    next_change = models.DateTimeField(
        verbose_name=_("next change"),
        null=True,
        blank=True,
        help_text=_("When a scheduled story next goes live (site scope)."),
    )

    objects = PageGenerationQuerySet.as_manager()

    class Meta:
        verbose_name = _("page generation")
        verbose_name_plural = _("page generations")

    def __str__(self):
        return f"{self.scope} #{self.number}"

    @classmethod
    def numbers(cls, scopes):
        """{scope: (number, next_change)} for those of `scopes` that have a row."""
        # Every cached page view runs this, and building the query through the ORM (even making
        # a QuerySet) costs more than serving the cached page; the SQL is fixed, so it is
        # written out once here.
        connection = connections[router.db_for_read(cls)]
        table = connection.ops.quote_name(cls._meta.db_table)
        placeholders = ", ".join(["%s"] * len(scopes))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT scope, number, next_change FROM {table} WHERE scope IN ({placeholders})",
                list(scopes),
            )
            rows = cursor.fetchall()
        return {scope: (number, _aware(next_change)) for scope, number, next_change in rows}
