"""Running the studio: bind a loopback port, print the address with its token, serve with uvicorn.

The socket is bound before uvicorn starts, so the printed address is the real one (port 0 picks a free port) and
a busy port is one clear error instead of a traceback. `BackgroundServer` runs the same server in a thread (the
browser tests use it; so can a notebook).
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import socket
import threading
import time
from pathlib import Path

import uvicorn

from ..errors import Slide2VideoError
from . import create_app
from .routes import Studio

DEFAULT_PORT = 8765
PORT_TRIES = 10  #: with the default port, the next ones are tried when it is busy (as Jupyter does)


class StudioError(Slide2VideoError):
    """The studio cannot start (bad address, busy port)."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int, tries: int = 1) -> socket.socket:
    """A listening socket on `host`:`port` (or one of the next `tries - 1` ports when it is busy)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    for offset in range(max(1, tries)):
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host.strip("[]"), port + offset if port else 0))
        except OSError as exc:
            sock.close()
            if exc.errno == errno.EADDRINUSE and offset + 1 < tries:
                continue
            if exc.errno == errno.EADDRINUSE:
                raise StudioError(f"port {port + offset} is in use; choose another with --port") from None
            raise StudioError(f"cannot listen on {host}:{port + offset} ({exc.strerror or exc})") from None
        sock.listen(64)
        return sock
    raise AssertionError("unreachable")


def address(sock: socket.socket, token: str) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    if shown in ("0.0.0.0", "[::]"):
        shown = "127.0.0.1"
    return f"http://{shown}:{port}/?token={token}"


def _server(
    folder: Path, sock: socket.socket, token: str | None, theme: str, preset: str, public: bool
) -> tuple[uvicorn.Server, Studio, str]:
    app, studio, token = create_app(folder, token, theme=theme, preset=preset, public=public)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", timeout_graceful_shutdown=2)
    return uvicorn.Server(config), studio, address(sock, token)


def serve(
    folder: str | Path,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    *,
    public: bool = False,
    open_browser: bool = True,
    theme: str = "news",
    preset: str = "reel",
    port_given: bool = False,
    echo: object = print,
) -> None:
    """Serve the studio for `folder` until Ctrl-C. A non-loopback `host` needs `public`."""
    folder = Path(folder)
    if not folder.is_dir():
        raise StudioError("is not a folder", path=folder)
    if not is_loopback(host) and not public:
        raise StudioError(f"{host} is not a loopback address: the studio is for this machine; add --public to allow it")
    sock = bind(host, port, 1 if port_given else PORT_TRIES)
    server, studio, url = _server(folder, sock, None, theme, preset, public)
    assert callable(echo)
    echo(f"slide2video studio for {folder.resolve()}")
    echo(f"open {url}")
    echo("press Ctrl-C to stop")
    if open_browser:
        import webbrowser

        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        with contextlib.closing(sock):
            server.run(sockets=[sock])
    finally:
        studio.exports.shutdown()  # running exports stop and clean up before the process ends


class BackgroundServer:
    """The studio served from a thread on a free loopback port: `with BackgroundServer(folder) as srv: srv.url`."""

    def __init__(self, folder: str | Path, *, theme: str = "news", preset: str = "reel", token: str | None = None):
        self.sock = bind("127.0.0.1", 0)
        self.server, self.studio, self.url = _server(Path(folder), self.sock, token, theme, preset, False)
        self.base = self.url.split("/?", 1)[0]
        self.token = self.url.rsplit("token=", 1)[1]
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> BackgroundServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.studio.exports.shutdown()
        self.server.should_exit = True
        self.thread.join(timeout=5)
        self.sock.close()
