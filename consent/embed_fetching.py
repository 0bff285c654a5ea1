"""Asking a provider about a pasted address, once, when a story is saved: bounded and unable to
reach inside our own network.

Rules this module owns (an editor's pasted address must never make the server a proxy into
private networks, "SSRF"):
- only http and https, on their standard ports, with no user-info;
- the host is resolved once and every address it resolves to must be public (no private,
  loopback, link-local, multicast, reserved or shared addresses); the connection is then made
  to that checked address, so a second, different DNS answer cannot slip in;
- a redirect is followed at most MAX_REDIRECTS times, each target checked the same way;
- every step has a timeout, the whole fetch a deadline, and the body a size cap.

Tests and the demo never touch the network: with EMBED_FIXTURES_DIR set, addresses are answered
from the files listed in that directory's index.json ({"address": "file name"}) and any other
address fails as an unreachable one would.
"""

import http.client
import ipaddress
import json
import socket
import ssl
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings

MAX_REDIRECTS = 3
STEP_TIMEOUT_SECONDS = 5
DEADLINE_SECONDS = 10
DEFAULT_PORTS = {"http": 80, "https": 443}
USER_AGENT = "Newsroom embed fetcher (+https://github.com/newsroom)"


class FetchRefused(Exception):
    """The address is not one we fetch, or the fetch failed; the message says why."""


def fetch(url, max_bytes):
    """The body at `url` (at most `max_bytes`), or FetchRefused."""
    if settings.EMBED_FIXTURES_DIR:
        return _from_fixtures(url, max_bytes)
    deadline = time.monotonic() + DEADLINE_SECONDS
    for _ in range(MAX_REDIRECTS + 1):
        status, location, body = _fetch_once(url, max_bytes, deadline)
        if status in (301, 302, 303, 307, 308) and location:
            url = urljoin(url, location)
            continue
        if status != 200:
            raise FetchRefused(f"HTTP {status}")
        return body
    raise FetchRefused("too many redirects")


def fetch_json(url, max_bytes=64 * 1024):
    try:
        answer = json.loads(fetch(url, max_bytes))
    except (ValueError, UnicodeDecodeError) as error:
        raise FetchRefused("not JSON") from error
    if not isinstance(answer, dict):
        raise FetchRefused("not a JSON object")
    return answer


def public_address(host, port):
    """One address `host` resolves to, if every one it resolves to is public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise FetchRefused(f"cannot resolve {host}") from error
    addresses = []
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        if address.version == 6 and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global or address.is_multicast or address.is_reserved:
            raise FetchRefused(f"{host} resolves to a non-public address")
        addresses.append(str(address))
    if not addresses:
        raise FetchRefused(f"cannot resolve {host}")
    return addresses[0]


def checked_target(url):
    """(scheme, host, port, path) of `url` if it is one we may fetch."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise FetchRefused("malformed address") from error
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise FetchRefused("only http and https addresses are fetched")
    if parts.username is not None or parts.password is not None:
        raise FetchRefused("addresses with user-info are not fetched")
    if port not in (None, DEFAULT_PORTS[parts.scheme]):
        raise FetchRefused("only the standard ports are fetched")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, DEFAULT_PORTS[parts.scheme], path


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        raw = socket.create_connection((self.address, self.port), self.timeout)
        # The certificate is checked against the host name, not the address connected to.
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)


def _fetch_once(url, max_bytes, deadline):
    scheme, host, port, path = checked_target(url)
    address = public_address(host, port)
    connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(host, port, address, STEP_TIMEOUT_SECONDS)
    try:
        connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        response = connection.getresponse()
        length = response.getheader("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise FetchRefused("too large")
        chunks, size = [], 0
        while chunk := response.read(16 * 1024):
            size += len(chunk)
            if size > max_bytes:
                raise FetchRefused("too large")
            if time.monotonic() > deadline:
                raise FetchRefused("too slow")
            chunks.append(chunk)
        return response.status, response.getheader("Location"), b"".join(chunks)
    except (OSError, http.client.HTTPException) as error:
        raise FetchRefused(f"{host}: {error.__class__.__name__}") from error
    finally:
        connection.close()


def _from_fixtures(url, max_bytes):
    """The demo's and the tests' stand-in for the network (see the module rules)."""
    checked_target(url)
    directory = Path(settings.EMBED_FIXTURES_DIR)
    try:
        index = json.loads((directory / "index.json").read_text())
        name = index[url]
        body = (directory / Path(name).name).read_bytes()
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise FetchRefused("unreachable") from error
    if len(body) > max_bytes:
        raise FetchRefused("too large")
    return body
