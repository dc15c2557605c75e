"""Readers turn article files into an `Article`, chosen by file extension (or `--format`).

Each reader is one module with `NAME`, `EXTENSIONS` and `read(text, path) -> Article`; adding a format is
adding a module to `READERS`. This module owns what all formats share: decoding bytes (BOM, CRLF, stray
encodings), refusing empty or binary files, and the final sanity checks (a title and at least one slide).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from ..article import Article
from ..errors import ArticleError
from ..fileio import read_input
from . import html, markdown, text, yamlfile
from .fetch import WebOptions, is_url

READERS: dict[str, ModuleType] = {m.NAME: m for m in (text, markdown, yamlfile, html)}
#: Readers of URLs, by scheme (each module has `read_url(url, web) -> Article`).
URL_READERS: dict[str, ModuleType] = {"http": html, "https": html}
FORMATS = tuple(READERS)


def format_for(path: Path) -> str | None:
    """The reader registered for `path`'s extension, or None when the extension is unknown."""
    suffix = path.suffix.lower()
    for name, module in READERS.items():
        if suffix in module.EXTENSIONS:
            return name
    return None


def decode(data: bytes, path: str | Path) -> tuple[str, list[str]]:
    """Bytes to normalised text: BOMs, UTF-16, CRLF and NFC handled; binary data refused."""
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            raw = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleError("not a text file (broken UTF-16 data)", path=path) from None
    else:
        if b"\x00" in data:
            raise ArticleError("not a text file (binary data)", path=path)
        try:
            raw = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raw = data.decode("cp1252", errors="replace")
            line = data[: exc.start].count(b"\n") + 1
            warnings.append(f"{path}:{line}: not valid UTF-8; read as Windows-1252")
    controls = sum(1 for ch in raw if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if raw and controls > max(2, len(raw) // 100):
        raise ArticleError("not a text file (binary data)", path=path)
    raw = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", raw), warnings


def sniff_bytes(data: bytes) -> str | None:
    """ "html" for a file that starts like an HTML document whatever its name, else None."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return "html" if head.startswith((b"<!doctype html", b"<html")) else None


def sniff_format(content: str) -> str:
    """Guess the format of a file whose extension says nothing."""
    stripped = content.lstrip()
    if stripped.startswith("# ") or "\n## " in content:
        return "markdown"
    if stripped.startswith(("title:", "---\ntitle:")) and "\nslides:" in content:
        return "yaml"
    return "text"


def parse_article_text(content: str, format: str = "text", path: str | Path = "<text>") -> Article:
    """Parse already-decoded article text with the named reader and check the result."""
    if format not in READERS:
        raise ArticleError(f"unknown format {format!r} (choose from {', '.join(FORMATS)})", path=path)
    if not content.strip():
        raise ArticleError("file is empty", path=path)
    article = READERS[format].read(content, str(path))
    return check_article(article, path)


#: Largest article file read. A long slideshow is a few hundred kilobytes of text; anything bigger is the wrong file.
MAX_ARTICLE_BYTES = 10_000_000

#: Most slides an article may have: as many as the roomiest platform takes (a LinkedIn document: 300 pages). Cards
#: are held in memory while rendering (about 25 MB each at 1080x1920), so a misread file with thousands of "slides"
#: is stopped here, not by the out-of-memory killer.
MAX_SLIDES = 300

#: Most words one slide may have. A card shows at most a few hundred words even in small type and real slides have
#: 20-80, so a slide over this is a misread article (headings not recognised) or not an article at all.
MAX_SLIDE_WORDS = 1000

#: Longest single text (title, heading, paragraph, credit, ...), in characters. Words are no measure of unspaced
#: text (a pasted URL or data blob, a CJK paragraph); past this nothing more can show, and Pillow refuses to
#: measure strings of a million characters.
MAX_TEXT_CHARS = 10_000


def check_article(article: Article, path: str | Path) -> Article:
    """The checks every reader's result must pass."""
    if not article.title.strip():
        raise ArticleError("no title found", path=path)
    if not article.slides:
        raise ArticleError("no slides found", path=path)
    if len(article.slides) > MAX_SLIDES:
        raise ArticleError(
            f"{len(article.slides):,} slides found, more than any platform takes (limit {MAX_SLIDES}); "
            "split the article into several files",
            path=path,
        )
    for i, slide in enumerate(article.slides):
        if slide.words > MAX_SLIDE_WORDS:
            raise ArticleError(
                f"{_slide(i, slide.heading)} has {slide.words:,} words, more than a card can show (limit "
                f"{MAX_SLIDE_WORDS:,}); split it into several slides or check that its headings were recognised",
                path=path,
            )
    for where, value in _texts(article):
        if len(value) > MAX_TEXT_CHARS:
            raise ArticleError(
                f"{where} is {len(value):,} characters long, more than a card or caption can show (limit "
                f"{MAX_TEXT_CHARS:,})",
                path=path,
            )
    return article


def _slide(index: int, heading: str) -> str:
    return f"slide {index + 1} ({heading if len(heading) <= 40 else heading[:39] + '…'})"


def _texts(article: Article) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of the article, named as a user would find it."""
    for name in ("title", "byline", "source", "section"):
        yield name, getattr(article, name) or ""
    for n, para in enumerate(article.intro, start=1):
        yield f"intro paragraph {n}", para
    for i, slide in enumerate(article.slides):
        where = _slide(i, slide.heading)
        yield f"{where}: heading", slide.heading
        for n, para in enumerate(slide.body, start=1):
            yield f"{where}: paragraph {n}", para
        for name in ("credit", "alt"):
            yield f"{where}: {name}", getattr(slide, name) or ""


def load_article(path: str | Path, format: str | None = None, web: WebOptions | None = None) -> Article:
    """Read an article file (text, Markdown, YAML or a saved HTML page) or an `https://` URL into an `Article`.

    `format` overrides the reader chosen from the extension; `web` says how pages and photos are fetched (the
    defaults refuse private addresses). Raises `ArticleError` with one located line per problem.
    """
    if isinstance(path, str) and is_url(path):
        reader = URL_READERS[path.split(":", 1)[0].lower()]
        return check_article(reader.read_url(path, web), path)
    path = Path(path)
    data = read_input(path, ArticleError, noun="an article file", missing="no such file", max_bytes=MAX_ARTICLE_BYTES)
    if not data.strip():
        raise ArticleError("file is empty", path=path)
    if (format or format_for(path) or sniff_bytes(data)) == "html":
        return check_article(html.read_file(data, path, web), path)
    content, warnings = decode(data, path)
    fmt = format or format_for(path) or sniff_format(content)
    article = parse_article_text(content, fmt, path)
    article.path = path
    article.warnings[:0] = warnings
    return article
