"""Fetching web pages and photos: httpx with limits, a per-user cache, and the SSRF guard of `guard`.

Every URL is checked before it is fetched and again at every redirect (see guard.py: public addresses only unless
`allow_private_urls`, enforced where the socket is opened too).

Downloads are bounded (page 10 MB, photo 30 MB, 300 MB per article), content types are checked, and every failure
is one line naming the URL. Fetched files are kept in the cache, keyed by URL, and reused on reruns; `offline`
uses only the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx

from .. import __version__
from .guard import FetchError, GuardedTransport, Refused, check_url
from .web import WebOptions, is_url

__all__ = ["FetchError", "Fetched", "Fetcher", "WebOptions", "cached_url", "is_url", "slug"]

USER_AGENT = f"slide2video/{__version__} python-httpx/{httpx.__version__}"
MAX_REDIRECTS = 5
PAGE_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class Fetched:
    """A downloaded (or cached) resource: where it ended up after redirects, its type and its bytes on disk."""

    url: str
    final_url: str
    content_type: str
    path: Path
    charset: str | None = None

    @property
    def data(self) -> bytes:
        return self.path.read_bytes()


def slug(url: str) -> str:
    """A readable file name from a URL's last path segment: `https://x.com/best-beaches/` -> `best-beaches`."""
    segments = [unquote(s) for s in urlsplit(url).path.split("/") if s]
    name = Path(segments[-1]).stem if segments else ""
    name = re.sub(r"[^\w.-]+", "-", name).strip("-.")[:60]
    return name or "index"


def url_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]


def cached_url(path: Path, options: WebOptions) -> str | None:
    """The URL a page in the cache was fetched from (None for any other file), so it can be read as that URL."""
    try:
        inside = path.resolve().is_relative_to((options.cache_root / "pages").resolve())
        return str(json.loads((path.parent / "meta.json").read_text("utf-8"))["url"]) if inside else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


# --------------------------------------------------------------------------------------------------- fetching


class Fetcher:
    """One article's downloads: a shared client, the article-wide byte budget and the cache."""

    def __init__(self, options: WebOptions | None = None) -> None:
        self.options = options or WebOptions()
        self.spent = 0
        self._client: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                transport=GuardedTransport(self.options.allow_private_urls, self.options.resolver),
                headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate, br"},
                timeout=httpx.Timeout(self.options.timeout),
                follow_redirects=False,
                trust_env=False,
            )
        return self._client

    def cached(self, kind: str, url: str) -> Fetched | None:
        """What the cache holds for `url` (a "page" or a "photo"), or None."""
        meta_path = self._slot(kind, url) / "meta.json"
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            fetched = Fetched(url, meta["final_url"], meta["content_type"], meta_path.parent / Path(meta["file"]).name)
            fetched.charset = meta.get("charset")
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return fetched if fetched.path.is_file() else None

    def page(self, url: str) -> Fetched:
        """An HTML page (from the cache when it has it)."""
        return self.get(url, "page", self.options.max_page_bytes, PAGE_TYPES)

    def photo(self, url: str) -> Fetched:
        return self.get(url, "photo", self.options.max_photo_bytes, ("image/",))

    def get(self, url: str, kind: str, limit: int, types: tuple[str, ...]) -> Fetched:
        hit = self.cached(kind, url)
        if hit is not None:
            return hit
        if self.options.offline:
            raise FetchError(f"not in the cache ({kind}), and --offline forbids fetching it", path=url)
        return self._download(url, kind, limit, types)

    def _download(self, url: str, kind: str, limit: int, types: tuple[str, ...]) -> Fetched:
        seen: list[str] = []
        current = url
        while True:
            try:
                check_url(current, self.options.allow_private_urls, self.options.resolver)
            except FetchError as exc:
                if current == url:
                    raise
                raise FetchError(exc.message.removeprefix(f"{current}: "), path=_named(url, current)) from None
            if current in seen:
                raise FetchError(f"redirect loop ({' -> '.join([*seen, current])})", path=url)
            seen.append(current)
            with self._request(current, url) as response:
                if response.is_redirect:
                    if len(seen) > MAX_REDIRECTS:
                        raise FetchError(f"more than {MAX_REDIRECTS} redirects", path=url)
                    current = str(response.url.join(response.headers.get("location", "")))
                    continue
                if response.status_code >= 400:
                    reason = response.reason_phrase or "error"
                    raise FetchError(f"HTTP {response.status_code} {reason}", path=_named(url, current))
                content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if not content_type.startswith(types):
                    raise FetchError(
                        f"is {content_type or 'of no stated type'}, not {_type_names(types)}", path=_named(url, current)
                    )
                return self._save(url, current, kind, content_type, response, limit)

    @contextlib.contextmanager
    def _request(self, current: str, url: str) -> Iterator[httpx.Response]:
        try:
            with self.client.stream("GET", current) as response:
                yield response
        except Refused as exc:
            raise FetchError(
                f"refused: {exc}; pass --allow-private-urls to fetch from your own network", path=url
            ) from None
        except httpx.TimeoutException:
            raise FetchError(f"timed out after {self.options.timeout:g} s", path=_named(url, current)) from None
        except httpx.TooManyRedirects:
            raise FetchError(f"more than {MAX_REDIRECTS} redirects", path=url) from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(f"cannot fetch ({_why(exc)})", path=_named(url, current)) from None

    def _save(
        self, url: str, final: str, kind: str, content_type: str, response: httpx.Response, limit: int
    ) -> Fetched:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"is {int(declared) / 1e6:.1f} MB, over the {_mb(limit)} limit for a {kind}", path=url)
        slot = self._slot(kind, url)
        slot.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".dl.", dir=slot)
        tmp = Path(tmp_name)
        size = 0
        try:
            with os.fdopen(fd, "wb") as fh:
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise FetchError(f"is over the {_mb(limit)} limit for a {kind}", path=url)
                    if self.spent + size > self.options.max_article_bytes:
                        raise FetchError(
                            f"downloads for this article are over {_mb(self.options.max_article_bytes)}", path=url
                        )
                    fh.write(chunk)
            name = slug(final) + _extension(content_type)
            os.replace(tmp, slot / name)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        self.spent += size
        charset = response.charset_encoding
        meta = {"url": url, "final_url": final, "content_type": content_type, "file": name, "charset": charset}
        (slot / "meta.json").write_text(json.dumps(meta), "utf-8")  # written last: the entry is complete
        return Fetched(url, final, content_type, slot / name, charset)

    def _slot(self, kind: str, url: str) -> Path:
        """The cache folder of `url`: `<cache>/pages/<key>/` (or photos/), holding the file and its meta.json."""
        return self.options.cache_root / f"{kind}s" / url_key(url)


def _named(url: str, current: str) -> str:
    return url if current == url else f"{url} (redirected to {current})"


def _type_names(types: tuple[str, ...]) -> str:
    return "an image" if types == ("image/",) else "an HTML page"


def _mb(n: int) -> str:
    return f"{n / 1e6:g} MB"


def _why(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "image/gif": ".gif",
    "image/avif": ".avif",
    "image/tiff": ".tif",
    "image/bmp": ".bmp",
    "text/html": ".html",
    "application/xhtml+xml": ".html",
}


def _extension(content_type: str) -> str:
    return _EXTENSIONS.get(content_type, ".bin")
