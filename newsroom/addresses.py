"""reverse(), remembered: every page asks for the same few dozen addresses (the layout's
links, each listed story's and section's), and working one out is most of the cost of a list
page's links."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, reverse
from django.utils import translation


def url(name, *args):
    """The address of the view `name` with positional `args`, as reverse() gives it."""
    return _reverse(name, args, *url_setting())


def url_setting():
    """What else decides an address: the language (its prefix), the URLconf, the prefix the
    site is mounted under. The site's own URLconf: no middleware of ours sets a request's
    `urlconf`, and asking Django for it costs as much as the rest of a remembered address."""
    return translation.get_language(), settings.ROOT_URLCONF, get_script_prefix()


# Bounded: a story's address is one entry, and a busy list page names a few dozen stories.
@lru_cache(maxsize=4096)
def _reverse(name, args, language, urlconf, prefix):
    return reverse(name, args=args, urlconf=urlconf)


# An id no row has, standing in for one while an address is worked out.
_STAND_IN = 9_876_543_210_123


def url_for_ids(name):
    """A function of one id giving the address of view `name`, whose only argument is an
    `<int:>` id, from a single reverse(): a page of comments links each of its comments twice,
    and reversing every link was a third of drawing the page and filled url()'s memo with
    addresses asked for once."""
    before, _, after = url(name, _STAND_IN).rpartition(str(_STAND_IN))
    return lambda pk: f"{before}{int(pk)}{after}"
