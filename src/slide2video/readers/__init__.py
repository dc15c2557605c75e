"""Readers turn article files into an `Article`, chosen by file extension (or `--format`).

Each reader is one module with `NAME`, `EXTENSIONS` and `read(text, path) -> Article`; adding a format is
adding a module to `READERS`. This module owns what all formats share: decoding bytes (BOM, CRLF, stray
encodings), refusing empty or binary files, and the final sanity checks (a title and at least one slide).
"""

from __future__ import annotations

import codecs
import contextvars
import importlib.util
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from ..article import Article
from ..errors import ArticleError
from ..fileio import read_input
from ..unicodetext import bidi_controls, bidi_warning, has_surrogates, is_blank, scan, without_surrogates
from . import markdown, text, yamlfile
from .limits import MAX_SLIDES, too_many_slides
from .web import WebOptions, is_url


def _lazy_module(name: str) -> ModuleType:
    """`name` imported on first attribute use: the HTML reader pulls in lxml, trafilatura and httpx, which a
    copied page, `--help` or `--dry-run` never needs (they cost more start-up time than the rest of the CLI)."""
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.loader is not None  # our own module: a broken install, not user input
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


html = _lazy_module(f"{__name__}.html")

READERS: dict[str, ModuleType] = {"text": text, "markdown": markdown, "yaml": yamlfile, "html": html}
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
    """Bytes to normalised text: BOMs, UTF-16, CRLF and NFC handled; binary data refused.

    UTF-8 is decoded byte by byte where it breaks: a stray Windows-1252 byte (a pasted "é" or curly quote) is read
    as that character, with a warning naming its line, and the rest of the file stays UTF-8 (decoding the whole
    file as Windows-1252 would garble every accented letter). An encoded surrogate becomes U+FFFD.
    """
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            raw = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleError("not a text file (broken UTF-16 data)", path=path) from None
    else:
        if b"\x00" in data:
            raise ArticleError("not a text file (binary data)", path=path)
        raw, repaired = _decode_utf8(data)
        warnings += _repair_warnings(data, repaired, path)
    controls = sum(1 for ch in raw if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if raw and controls > max(2, len(raw) // 100):
        raise ArticleError("not a text file (binary data)", path=path)
    raw = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", raw), warnings


_REPAIRS: contextvars.ContextVar[list[tuple[int, str]]] = contextvars.ContextVar("utf8_repairs")


def _repair(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: an undecodable UTF-8 byte is read as Windows-1252; an encoded surrogate as U+FFFD."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    data, start = exc.object, exc.start
    if data[start] == 0xED and start + 2 < len(data) and 0xA0 <= data[start + 1] <= 0xBF:
        end, char = start + 3, "\ufffd"  # CESU-8 / WTF-8: half of a UTF-16 surrogate pair
    else:
        end, char = start + 1, bytes(data[start : start + 1]).decode("cp1252", errors="replace")
    _REPAIRS.get().append((start, char))
    return char, end


codecs.register_error("slide2video.cp1252", _repair)


def _decode_utf8(data: bytes) -> tuple[str, list[tuple[int, str]]]:
    """UTF-8 (BOM dropped) with every undecodable byte repaired; also the (offset, text) of each repair."""
    repairs: list[tuple[int, str]] = []
    token = _REPAIRS.set(repairs)
    try:
        text = data.decode("utf-8-sig", errors="slide2video.cp1252")
    finally:
        _REPAIRS.reset(token)
    return text, repairs


#: At most this many lines are named one by one; a file saved wholly as Windows-1252 gets one summary line more.
_MAX_REPAIR_LINES = 5


def _repair_warnings(data: bytes, repairs: list[tuple[int, str]], path: str | Path) -> list[str]:
    by_line: dict[int, list[str]] = {}
    line, counted = 1, 0
    for offset, char in repairs:  # offsets ascend: count the newlines between one repair and the next
        line += data.count(b"\n", counted, offset)
        counted = offset
        by_line.setdefault(line, []).append(char)
    out = []
    for line, chars in list(by_line.items())[:_MAX_REPAIR_LINES]:
        what = "encoded surrogate read as U+FFFD" if chars == ["\ufffd"] else "read as Windows-1252"
        out.append(f"{path}:{line}: not valid UTF-8; {what} ({''.join(dict.fromkeys(chars))!r})")
    if len(by_line) > _MAX_REPAIR_LINES:
        out.append(f"{path}: {len(by_line) - _MAX_REPAIR_LINES} more lines not valid UTF-8, read as Windows-1252")
    return out


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
    content, warnings = scan(content, str(path))
    article = READERS[format].read(content, str(path))
    article.warnings[:0] = warnings
    return check_article(article, path)


#: Largest article file read. A long slideshow is a few hundred kilobytes of text; anything bigger is the wrong file.
MAX_ARTICLE_BYTES = 10_000_000


#: Most words one slide may have. A card shows at most a few hundred words even in small type and real slides have
#: 20-80, so a slide over this is a misread article (headings not recognised) or not an article at all.
MAX_SLIDE_WORDS = 1000

#: Longest single text (title, heading, paragraph, credit, ...), in characters. Words are no measure of unspaced
#: text (a pasted URL or data blob, a CJK paragraph); past this nothing more can show, and Pillow refuses to
#: measure strings of a million characters.
MAX_TEXT_CHARS = 10_000


def check_article(article: Article, path: str | Path) -> Article:
    """The checks every reader's result must pass."""
    _no_surrogates(article, path)
    _drop_empty_slides(article, path)
    if is_blank(article.title):
        raise ArticleError("no title found", path=path)
    if not article.slides:
        raise ArticleError("no slides found", path=path)
    if len(article.slides) > MAX_SLIDES:
        raise too_many_slides(f"{len(article.slides):,}", path)
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


def _flag_bidi(article: Article, path: str | Path) -> Article:
    """Bidi controls in a page's text (which `scan` does not see: the HTML reader takes text from the DOM), named
    per field with the warning text pages get per line; the writers strip them from metadata for every format."""
    for where, value in _texts(article):
        if controls := bidi_controls(value):
            article.warnings.append(bidi_warning(f"{path}: {where}", controls))
    return article


def _drop_empty_slides(article: Article, path: str | Path) -> None:
    """A slide with nothing on it (no heading, text, credit, photo or narration: a reader's leftover, such as a
    slide counter read as a heading) is dropped with a warning, so every reader's result round-trips as YAML."""
    kept = []
    for i, slide in enumerate(article.slides):
        if is_blank(slide.heading) and not (slide.body or slide.credit or slide.image or slide.audio):
            article.warnings.append(f"{path}: slide {i + 1} is empty (no heading, text or photo); left out")
        else:
            kept.append(slide)
    article.slides[:] = kept


def _no_surrogates(article: Article, path: str | Path) -> None:
    """The last net for lone surrogates (readers that do not go through `scan`: HTML pages, the Python API):
    replaced in every text field, each named in a warning, so no writer can fail to encode them."""
    if not any(has_surrogates(value) for _, value in _texts(article)):
        return
    for i, slide in enumerate(article.slides):
        where = f"{_slide(i, without_surrogates(slide.heading))}: "
        _replace_surrogates(slide, ("heading", "credit", "alt", "body"), f"{path}: {where}", article.warnings)
    _replace_surrogates(article, ("title", "byline", "source", "section", "intro"), f"{path}: ", article.warnings)


def _replace_surrogates(owner: object, fields: tuple[str, ...], where: str, warnings: list[str]) -> None:
    """Each of `owner`'s text (or paragraph-list) `fields` holding a lone surrogate: replaced and named once."""
    for name in fields:
        value = getattr(owner, name)
        paragraphs = value if isinstance(value, list) else None
        if not value or not any(has_surrogates(p) for p in (paragraphs or [value])):
            continue
        warnings.append(f"{where}{name}: lone surrogate replaced with U+FFFD")
        fixed = [without_surrogates(p) for p in paragraphs] if paragraphs is not None else without_surrogates(value)
        setattr(owner, name, fixed)


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


def article_files(article: Article) -> list[tuple[str, Path]]:
    """(role, path) of every file `article` reads: itself, and each slide's photo and narration wherever they may
    resolve (beside the article or under assets/), so outputs can be checked against them before any work."""
    from ..paths import data_dir

    files: list[tuple[str, Path]] = [("article", article.path)] if article.path is not None else []
    for slide in article.slides:
        for role, ref in (("photo", slide.image), ("narration", slide.audio)):
            if ref and "://" not in ref:
                files += [(role, article.base_dir / ref), (role, data_dir("assets") / ref)]
    return files


def load_article(path: str | Path, format: str | None = None, web: WebOptions | None = None) -> Article:
    """Read an article file (text, Markdown, YAML or a saved HTML page) or an `https://` URL into an `Article`.

    `format` overrides the reader chosen from the extension; `web` says how pages and photos are fetched (the
    defaults refuse private addresses). Raises `ArticleError` with one located line per problem.
    """
    if isinstance(path, str) and is_url(path):
        reader = URL_READERS[path.split(":", 1)[0].lower()]
        return check_article(_flag_bidi(reader.read_url(path, web), path), path)
    path = Path(path)
    data = read_input(path, ArticleError, noun="an article file", missing="no such file", max_bytes=MAX_ARTICLE_BYTES)
    if not data.strip():
        raise ArticleError("file is empty", path=path)
    if (format or format_for(path) or sniff_bytes(data)) == "html":
        return check_article(_flag_bidi(html.read_file(data, path, web), path), path)
    content, warnings = decode(data, path)
    fmt = format or format_for(path) or sniff_format(content)
    article = parse_article_text(content, fmt, path)
    article.path = path
    article.warnings[:0] = warnings
    return article
