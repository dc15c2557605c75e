"""What keeps other people and other web sites out of the studio: an access token, a Host check, an Origin check.

The studio runs on the editor's machine with access to their files, so every request must prove it comes from
the person who started it (the token in the printed address, then a cookie, as Jupyter does). A web page on
another site cannot read the token, cannot send the SameSite cookie, and cannot use DNS rebinding (its requests
carry its own host name in `Host`, refused here); a write from another origin is refused even with the cookie.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterable
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

COOKIE = "slide2video_studio"
HEADER = "x-studio-token"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def new_token() -> str:
    return secrets.token_urlsafe(24)


def host_name(host_header: str) -> str:
    """The name part of a `Host` header (`127.0.0.1:8765` -> `127.0.0.1`, `[::1]:80` -> `[::1]`)."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class StudioGuard:
    """ASGI middleware: refuse foreign hosts, missing tokens and cross-site writes before any route runs.

    `allowed_hosts` is None for `--public` (any host name, the token still required).
    """

    def __init__(self, app: ASGIApp, token: str, allowed_hosts: Iterable[str] | None = LOOPBACK_NAMES) -> None:
        self.app = app
        self.token = token
        self.allowed = None if allowed_hosts is None else frozenset(h.lower() for h in allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":  # the studio has none; a socket is never opened past this guard
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if self.allowed is not None and host_name(host) not in self.allowed:
            await _refuse(send, 403, f"Host {host!r} is not this studio's address (open http://127.0.0.1:PORT/)")
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        given = query.get("token")
        if given is not None and self._valid(given) and scope.get("method") in SAFE_METHODS:
            # First visit: remember the token in a cookie and drop it from the address bar (and history).
            rest = urlencode([(k, v) for k, v in query.items() if k != "token"])
            path = scope.get("path", "/")
            path = "/" if path.startswith("//") else path  # `//host` would send the browser to another site
            location = path + (f"?{rest}" if rest else "")
            cookie = f"{COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
            await _redirect(send, location, cookie)
            return
        if not (self._valid(_cookie(headers)) or self._valid(headers.get(HEADER))):
            await _refuse(send, 403, "the studio needs its access token: open the address slide2video studio printed")
            return
        if scope.get("method") not in SAFE_METHODS and not _same_origin(headers.get("origin"), host):
            await _refuse(send, 403, "cross-site request refused")
            return
        await self.app(scope, receive, send)

    def _valid(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())


def _cookie(headers: dict[str, str]) -> str | None:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed Cookie header is no token
        return None
    morsel = jar.get(COOKIE)
    return morsel.value if morsel is not None else None


def _same_origin(origin: str | None, host: str) -> bool:
    """A write is allowed without an Origin (non-browser clients) or from the studio's own origin."""
    if origin is None:
        return True
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower()


async def _refuse(send: Send, status: int, message: str) -> None:
    body = (message + "\n").encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _redirect(send: Send, location: str, cookie: str) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [
                (b"location", location.encode("latin-1")),
                (b"set-cookie", cookie.encode("latin-1")),
                (b"content-length", b"0"),
                (b"cache-control", b"no-store"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b""})
