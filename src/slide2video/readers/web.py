"""What URL reading needs before any page is fetched: the options, the limits and `is_url`.

Kept apart from `fetch` and `guard` (which import httpx) so the CLI and the text readers start without the HTTP
stack: a copied page or `--dry-run` never pays for it.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..paths import cache_dir

MAX_PAGE_BYTES = 10_000_000
MAX_PHOTO_BYTES = 30_000_000
MAX_ARTICLE_BYTES = 300_000_000

#: host, port -> the addresses it resolves to. Replaceable so tests can play DNS without a network.
Resolver = Callable[[str, int], list[str]]


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass
class WebOptions:
    """How URLs are fetched. The defaults are the safe ones."""

    allow_private_urls: bool = False
    offline: bool = False
    max_pages: int = 50
    strict: bool = False  # a photo that cannot be had is an error, not a warning
    timeout: float = 20.0
    cache: Path | None = None  # default: `paths.cache_dir()`
    resolver: Resolver = field(default=system_resolver, repr=False)
    max_page_bytes: int = MAX_PAGE_BYTES
    max_photo_bytes: int = MAX_PHOTO_BYTES
    max_article_bytes: int = MAX_ARTICLE_BYTES

    @property
    def cache_root(self) -> Path:
        return self.cache if self.cache is not None else cache_dir()


def is_url(text: str) -> bool:
    return urlsplit(str(text)).scheme.lower() in ("http", "https") and "://" in str(text)
