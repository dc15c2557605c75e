"""The input hash of an incremental batch: everything that decides an article's outputs, as one SHA-256."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path

from .. import __version__
from ..article import Article
from ..config.settings import JobOptions
from ..errors import Slide2VideoError

_DIGESTS: dict[tuple[str, int, int], str] = {}  # per process: a worker hashes a shared photo once
_DIGEST_LOCK = threading.Lock()


def file_digest(path: str | Path) -> str:
    """SHA-256 of a file's bytes, cached per (path, size, mtime_ns) for the life of the process."""
    st = os.stat(path)
    cache_key = (str(path), st.st_size, st.st_mtime_ns)
    digest = _DIGESTS.get(cache_key)
    if digest is None:
        with open(path, "rb") as f:
            digest = hashlib.file_digest(f, "sha256").hexdigest()
        with _DIGEST_LOCK:
            _DIGESTS[cache_key] = digest
    return digest


def _digest_or_reason(path: Path) -> str:
    try:
        return file_digest(path)
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"


def input_key(article: Article, options: JobOptions) -> str:
    """The hash of everything that decides an article's outputs.

    The article file's bytes, every image and audio file its slides name (as resolved), the theme's files
    (`Theme.source_files()`: its YAML, its `extends` parents, its logo), its font files (the whole fallback
    chains the renderer uses), the music file, the options that decide outputs and the program version.
    """
    from ..cards.fonts import FontStack
    from ..cards.images import resolve_image
    from ..config.theme import load_theme
    from ..paths import data_dir

    theme = load_theme(options.theme)  # reloads by itself when one of its files changed
    assets = data_dir("assets")
    media = {}
    for ref in sorted({r for s in article.slides for r in (s.image, s.audio) if r}):
        try:
            media[ref] = file_digest(resolve_image(ref, article.base_dir, assets, options.allow_outside_paths))
        except (Slide2VideoError, OSError) as exc:
            media[ref] = f"unusable: {exc}"
    fonts: dict[str, str] = {}
    for role in ("headline", "body", "credit", "counter"):
        for path in FontStack.of(getattr(theme.fonts, role), base=theme.base_dir).fonts:
            fonts.setdefault(path.name, _digest_or_reason(path))
    payload = {
        "version": __version__,
        "options": options.hashed(),
        "article": file_digest(article.path) if article.path is not None else repr(article),
        "media": media,
        "theme": [_digest_or_reason(p) for p in theme.source_files()],
        "fonts": fonts,
        "music": _digest_or_reason(Path(options.music)) if options.music else None,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode("utf-8")).hexdigest()
