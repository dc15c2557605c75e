"""The SSRF guard: which addresses a page may make slide2video fetch from.

A page is someone else's document, and its links and photo URLs are chosen by whoever wrote it. So every URL must
be `http`/`https` and its host must resolve to public addresses only (never loopback, private, link-local,
multicast or reserved ones such as the cloud metadata address `169.254.169.254`) unless `allow_private`. The
check runs after DNS resolution (`check_url`, before each request and redirect) and again where the socket is
opened (`GuardedTransport` connects to the very address it checked), so DNS that answers differently the second
time (rebinding) cannot slip a private address through. No proxy is used: it would hide the real destination.
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from ..errors import ArticleError
from .web import Resolver


class FetchError(ArticleError):
    """A URL that could not be fetched (refused, unreachable, timed out, an HTTP error, too large, wrong type)."""


def refused_address(address: str) -> str | None:
    """Why `address` may not be fetched from (None when it is a public unicast address)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for test, why in (
        ("is_loopback", "loopback"),
        ("is_link_local", "link-local"),
        ("is_multicast", "multicast"),
        ("is_private", "private"),
        ("is_reserved", "reserved"),
        ("is_unspecified", "unspecified"),
    ):
        if getattr(ip, test):
            return why
    return None if ip.is_global else "not public"


def check_url(url: str, allow_private: bool, resolver: Resolver) -> tuple[str, int]:
    """The (host, port) of `url` after the scheme and address checks, or `FetchError` naming the URL."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {parts.scheme or 'a bare path'}:", path=url)
    host = parts.hostname
    if not host:
        raise FetchError("URL has no host name", path=url)
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        raise FetchError("URL has a bad port number", path=url) from None
    if not allow_private:
        for address in _resolve(host, port, resolver, url):
            if why := refused_address(address):
                raise FetchError(
                    f"refused: {host} resolves to a {why} address ({address}); pass --allow-private-urls to fetch "
                    "from your own network",
                    path=url,
                )
    return host, port


def addresses_of(host: str, port: int, resolver: Resolver) -> list[str]:
    """An IP literal as itself; a name through `resolver` (the system's DNS unless a test plays it)."""
    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        return resolver(host, port)


def _resolve(host: str, port: int, resolver: Resolver, url: str) -> list[str]:
    try:
        addresses = addresses_of(host, port, resolver)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host} ({exc})", path=url) from None
    if not addresses:
        raise FetchError(f"cannot resolve host {host}", path=url)
    return addresses


class Refused(Exception):
    """Raised inside the transport when the address about to be connected to is not allowed."""


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolves the host itself, refuses private addresses, and connects to the address it checked."""

    def __init__(self, allow_private: bool, resolver: Resolver) -> None:
        self.allow_private, self.resolver = allow_private, resolver
        self.inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = addresses_of(host, port, self.resolver)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve host {host} ({exc})") from exc
        if not self.allow_private:
            for address in addresses:
                if why := refused_address(address):
                    raise Refused(f"{host} resolves to a {why} address ({address})")
        last: Exception = httpcore.ConnectError(f"cannot resolve host {host}")
        for address in addresses:
            try:
                return self.inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport, opening its connections through `_GuardedBackend`."""

    def __init__(self, allow_private: bool, resolver: Resolver) -> None:
        super().__init__(trust_env=False)
        # A proxy would hide the real destination from the guard, so none is used (trust_env=False above).
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=_GuardedBackend(allow_private, resolver),
            max_connections=10,
        )
