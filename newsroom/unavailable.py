"""What a reader sees while the database cannot be reached: a short 503, not an error report.

PostgreSQL restarts (an upgrade, a failover) drop every connection at once. The request that
meets the closed connection fails; Django's CONN_HEALTH_CHECKS makes the next one reconnect, so
the site recovers by itself once the database is back. Until then the reader gets the site's
own "back in a moment" page with `Retry-After`, and the load balancer and crawlers read 503 as
"temporarily unavailable" rather than "broken" (a 500) or "gone".

This is the site's 500 handler (newsroom/urls.py), not a middleware: the database can fail
in a middleware (the session, the consent catalogue) as well as in a view, and every such
failure reaches the 500 handler with the exception still being handled.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

# Seconds a client should wait before asking again: about how long a restart takes.
RETRY_AFTER_SECONDS = 5


def database_unreachable(error):
    """Whether `error` means "no connection to the database", as opposed to a bug."""
    return isinstance(error, (OperationalError, InterfaceError))


def server_error(request):
    """A 503 with Retry-After when the database is unreachable, Django's 500 page otherwise."""
    if not database_unreachable(sys.exc_info()[1]):
        return defaults.server_error(request)
    # Rendered without the request: context processors would ask the database again.
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
