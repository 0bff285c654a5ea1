"""Which address a request came from, for rate limits, spam review, consent records and the
admin login lockout.

Behind load balancers REMOTE_ADDR is the balancer's own address, the same for every reader.
Each proxy appends the address it received the request from to X-Forwarded-For, so with
TRUSTED_PROXY_COUNT proxies in front, the reader is that many entries from the end. Entries
further left were written by the client and could be anything, so they are never used.
"""

from django.conf import settings


def client_address(request):
    hops = settings.TRUSTED_PROXY_COUNT
    if hops > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")
