"""What the site keeps about the machine a comment came from: never the address itself.

Rate limits and spam review need to tell one client from another, not to identify a reader.
So the address is reduced to a keyed hash (HMAC with SECRET_KEY: stable for this site,
useless to anyone without the key) and to its network (/24 for IPv4, /48 for IPv6). The hash
is of the client's group (newsroom.client_address.client_group): an IPv4 address, or the /64
an IPv6 client may pick any address from, so rate limits count that client once.
"""

import ipaddress
from dataclasses import dataclass

from django.utils.crypto import salted_hmac

from newsroom.client_address import client_address, client_group

IPV4_PREFIX = 24
IPV6_PREFIX = 48


@dataclass(frozen=True)
class ClientTrace:
    ip_hash: str
    ip_network: str

    @property
    def rate_key(self):
        return self.ip_hash or "unknown"


def hash_address(address):
    return salted_hmac("comments.client", address, algorithm="sha256").hexdigest()


def parse_address(address):
    """`address` as an ip_address (IPv4-mapped IPv6 unwrapped), or None if it is not one."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0].strip())
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        return ip.ipv4_mapped
    return ip


def truncate_address(ip):
    """The network around `ip`, such as "203.0.113.0/24"."""
    prefix = IPV4_PREFIX if ip.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network((ip, prefix), strict=False))


def trace_client(request):
    ip = parse_address(client_address(request))
    if ip is None:
        return ClientTrace(ip_hash="", ip_network="")
    return ClientTrace(ip_hash=hash_address(client_group(str(ip))), ip_network=truncate_address(ip))
