"""Cookies the site tried to set that no declaration covers, listed for editors to declare.

consent/enforcement.py reports each such cookie (and in production drops it) and counts its
name here.
"""

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UndeclaredCookieQuerySet(models.QuerySet):
    def note(self, name, limit):
        """Count one sighting of `name`; new names stop being added once `limit` are listed."""
        now = timezone.now()
        if self.filter(name=name).update(times_seen=models.F("times_seen") + 1, last_seen=now):
            return
        if self.count() >= limit:
            return
        try:
            with transaction.atomic():
                self.create(name=name, first_seen=now, last_seen=now)
        except IntegrityError:
            # Another worker listed it at the same moment.
            self.filter(name=name).update(times_seen=models.F("times_seen") + 1, last_seen=now)


class UndeclaredCookie(models.Model):
    """A cookie name the site tried to set that no declaration covers (it was not sent)."""

    name = models.CharField(verbose_name=_("name"), max_length=100, unique=True)
    times_seen = models.PositiveIntegerField(verbose_name=_("times seen"), default=1)
    first_seen = models.DateTimeField(verbose_name=_("first seen"), default=timezone.now)
    last_seen = models.DateTimeField(
        verbose_name=_("last seen"), default=timezone.now, db_index=True
    )

    objects = UndeclaredCookieQuerySet.as_manager()

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = _("undeclared cookie")
        verbose_name_plural = _("undeclared cookies")

    def __str__(self):
        return self.name
