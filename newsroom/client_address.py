"""Which address a request came from, for rate limits, spam review, consent records and the
admin login lockout.

Behind load balancers REMOTE_ADDR is the balancer's own address, the same for every reader.
Each proxy appends the address it received the request from to X-Forwarded-For, so with
TRUSTED_PROXY_COUNT proxies in front, the reader is that many entries from the end. Entries
further left were written by the client and could be anything, so they are never used.

Limits and lockouts count a client by `client_group()`: an IPv6 client owns a whole /64.
"""

import ipaddress

from django.conf import settings

# One IPv6 client is given a whole /64 (RFC 6177; SLAAC and privacy addresses pick any address
# in it at will), so a per-client limit keyed on the full address is a fresh limit per request.
IPV6_CLIENT_PREFIX = 64


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


def client_group(address):
    """What per-client limits and lockouts count under for `address`: an IPv4 address itself
    (IPv4-mapped IPv6 read as IPv4), the /64 around an IPv6 address, or the text unchanged if
    it is not an address."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0].strip())
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        return str(ip.ipv4_mapped)
    if ip.version == 6:
        return str(ipaddress.ip_network((ip, IPV6_CLIENT_PREFIX), strict=False))
    return str(ip)
