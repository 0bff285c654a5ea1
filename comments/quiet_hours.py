"""Quiet hours: the whole site stops taking comments at night, when nobody moderates.

`COMMENTS_QUIET_HOURS_START` and `COMMENTS_QUIET_HOURS_END` are local times in `TIME_ZONE`
("22:00" and "07:00"); either empty turns quiet hours off. A span may cross midnight or not
("12:00" to "13:30" is a lunch break). During it the form under every open story is replaced by
a notice saying when comments reopen, and posts are refused with the reader's text kept.

Story pages are shared copies, so each page showing the form or the notice declares the next
start or end as the time it changes (newsroom/pagecache.py `page_changes_at`): no kept copy
shows the form during quiet hours, or the notice after them.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone


def _parse(value, name):
    try:
        return time.fromisoformat(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f'{name} must be a time like "22:00", not {value!r}') from None


def span():
    """(start, end) as local times, or None when quiet hours are off."""
    start = settings.COMMENTS_QUIET_HOURS_START
    end = settings.COMMENTS_QUIET_HOURS_END
    if not start or not end:
        return None
    start = _parse(start, "COMMENTS_QUIET_HOURS_START")
    end = _parse(end, "COMMENTS_QUIET_HOURS_END")
    return None if start == end else (start, end)


def _is_inside(moment, start, end):
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end  # the span crosses midnight


def is_quiet(now=None):
    hours = span()
    if hours is None:
        return False
    return _is_inside(timezone.localtime(now or timezone.now()).time(), *hours)


def _next_local(now, moment):
    """The first time after `now` that the local clock shows `moment`."""
    local = timezone.localtime(now)
    for days in range(3):
        day = local.date() + timedelta(days=days)
        candidate = timezone.make_aware(datetime.combine(day, moment), local.tzinfo)
        if candidate > now:
            return candidate
    return None  # unreachable: a day always has the time on one of three dates


def reopens_at(now=None):
    """When comments open again, if quiet hours are on now; otherwise None."""
    now = now or timezone.now()
    if not is_quiet(now):
        return None
    return _next_local(now, span()[1])


def next_change(now=None):
    """When the site next goes quiet or reopens, or None with quiet hours off."""
    hours = span()
    if hours is None:
        return None
    now = now or timezone.now()
    return _next_local(now, hours[1] if is_quiet(now) else hours[0])
