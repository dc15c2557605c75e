"""A real, threaded HTTP server on 127.0.0.1 for the HTML reader and fetch tests: the saved pages, and bad cases.

Routes: `/site/<path>` serves tests/fixtures/html (brotli- or gzip-compressed when asked), `/404`, `/500`,
`/stall` (answers after 5 s), `/loop-a` <-> `/loop-b` (a redirect loop), `/hops/N` (N redirects in a row),
`/to-metadata` (a redirect to the cloud metadata address), `/big.jpg` (a photo over any small limit, with and
without Content-Length), `/fake.jpg` (HTML served as image/jpeg), `/page-as-photo.jpg` (text/html), and
`/ring/N` (a paginated slideshow whose last page links back to the first). Every request is recorded.
"""

from __future__ import annotations

import gzip
import io
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import brotli
import pytest
from PIL import Image

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".jpg": "image/jpeg",
    ".webp": "image/webp",
    ".png": "image/png",
    ".avif": "image/avif",
}


def jpeg(size: tuple[int, int] = (200, 150), color: tuple[int, int, int] = (200, 80, 40)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "JPEG", quality=80)
    return buf.getvalue()


def ring_page(n: int, total: int) -> str:
    nxt = n % total + 1  # the last page links back to the first
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Ring</title>
<link rel="next" href="/ring/{nxt}"></head><body><main><h1>Round and Round</h1>
<figure><img src="/ring/photo-{n}.jpg" alt="Photo {n}"><figcaption>Photo: Ring Studio</figcaption></figure>
<h2>Stop {n}</h2><p>Stop number {n} of the loop.</p></main></body></html>"""


class Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def send(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if "no-length" not in self.path:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, where: str) -> None:
        self.send(302, b"", "text/plain", {"Location": where})

    def do_GET(self) -> None:
        self.server.log.append((self.path, dict(self.headers)))
        path = self.path.split("?")[0]
        if path.startswith("/site/"):
            return self.site(path[len("/site/") :])
        if path == "/404":
            return self.send(404, b"<h1>Not Found</h1>", "text/html")
        if path == "/500":
            return self.send(500, b"<h1>Oops</h1>", "text/html")
        if path == "/stall":
            time.sleep(5)
            return self.send(200, b"<html></html>", "text/html")
        if path in ("/loop-a", "/loop-b"):
            return self.redirect("/loop-b" if path == "/loop-a" else "/loop-a")
        if path.startswith("/hops/"):
            n = int(path.rsplit("/", 1)[1])
            return self.redirect(f"/hops/{n - 1}") if n > 0 else self.send(200, b"<html>end</html>", "text/html")
        if path == "/to-metadata":
            return self.redirect("http://169.254.169.254/latest/meta-data/")
        if path.startswith("/to/"):
            return self.redirect(self.path[len("/to/") :])
        if path.startswith("/big"):
            return self.send(200, jpeg((1200, 900)) + b"\0" * 200_000, "image/jpeg")
        if path == "/fake.jpg":
            return self.send(200, b"<!DOCTYPE html><html><body>Sign in</body></html>", "image/jpeg")
        if path == "/page-as-photo.jpg":
            return self.send(200, b"<!DOCTYPE html><html><body>Sign in</body></html>", "text/html")
        if path.startswith("/ring/photo-"):
            return self.send(200, jpeg(), "image/jpeg")
        if path.startswith("/ring/"):
            return self.send(200, ring_page(int(path.rsplit("/", 1)[1]), 3).encode(), "text/html; charset=utf-8")
        return self.send(404, b"no such route", "text/plain")

    def site(self, rel: str) -> None:
        target = (FIXTURES / rel).resolve()
        if not target.is_relative_to(FIXTURES) or not target.is_file():
            return self.send(404, b"not found", "text/html")
        body = target.read_bytes()
        ctype = TYPES.get(target.suffix, "application/octet-stream")
        if target.name == "cp1252.html":
            ctype = "text/html"  # the charset is only in the page's <meta>, as on the old sites that use it
        accept = self.headers.get("Accept-Encoding", "")
        if target.suffix == ".html" and "br" in accept:
            return self.send(200, brotli.compress(body), ctype, {"Content-Encoding": "br"})
        if target.suffix == ".html" and "gzip" in accept:
            return self.send(200, gzip.compress(body), ctype, {"Content-Encoding": "gzip"})
        return self.send(200, body, ctype)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.log: list[tuple[str, dict[str, str]]] = []

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the timeout test) is not a server error

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, prefix: str) -> int:
        return sum(1 for path, _ in self.log if path.startswith(prefix))


@pytest.fixture
def web() -> Iterator[Server]:
    server = Server()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh per-test user cache (`$XDG_CACHE_HOME`), so no test sees another's downloads."""
    root = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(root))
    return root / "slide2video"
