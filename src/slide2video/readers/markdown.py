"""The Markdown reader: `# Title`, intro paragraphs, `## Heading` per slide, `Credit: X`, `![alt](path)`.

Images in every form people write them: inline (`![alt](photo.jpg "title")`, `![alt](<my photo.jpg>)`, with
`%20` for spaces), by reference (`![alt][label]` plus a `[label]: photo.jpg` line) and as HTML `<img src=...>`.

Optional YAML front matter (`---` ... `---`) may set `section`, `source` and `byline`. Inline formatting
(emphasis, links, code) is reduced to its text, because cards show plain text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import unquote

from ..article import Article, Slide
from ..config.yamlio import load_yaml
from ..errors import ArticleError
from ..unicodetext import is_blank
from .credits import parse_credit
from .limits import MAX_SLIDES, too_many_slides

NAME = "markdown"
EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd")

_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$")
_H2 = re.compile(r"^#{2,3}\s+(.+?)\s*#*\s*$")
_TITLE = r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?"""
#: `![alt](photo.jpg "title")`, `![alt](<my photo.jpg>)`, `![alt][label]`, `![alt][]` and `![label]`.
_IMAGE = re.compile(
    r"!\[(?P<alt>(?:[^\]\\]|\\.)*)\]"
    r"(?:\(\s*(?:<(?P<angle>[^<>\n]*)>|(?P<src>[^)\s]+))" + _TITLE + r"\s*\)|\[(?P<ref>[^\]]*)\]|(?![(\[]))"
)
#: An HTML image, as CMS exports and hand-edited files have them: `<img src="a.jpg" alt="A">`.
_IMG_TAG = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.IGNORECASE)
#: A reference definition line: `[label]: photo.jpg "title"` or `[label]: <my photo.jpg>`.
_DEFINITION = re.compile(r"^ {0,3}\[(?P<label>[^\]]+)\]:\s*(?:<(?P<angle>[^<>]*)>|(?P<src>\S+))" + _TITLE + r"\s*$")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~|`)(?=\S)(.+?)(?<=\S)\1")
_NUMBER = re.compile(r"^(?:#?(?P<n>\d{1,3})\s*[.:)\-–—]\s+|#(?P<h>\d{1,3})\s+)(?P<rest>\S.*)$")
_BYLINE = re.compile(r"^(?:by|written by|words by)\s+(?P<who>.+)$", re.IGNORECASE)
FRONT_KEYS = ("section", "source", "byline")


class _ImgAttrs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = {k: v or "" for k, v in attrs}

    handle_startendtag = handle_starttag


def _label(text: str) -> str:
    """A reference label as CommonMark matches it: case-insensitive, inner whitespace collapsed."""
    return " ".join(text.split()).casefold()


def _find_image(text: str, refs: dict[str, str]) -> tuple[str, str] | None:
    """(src, alt) of the first image in `text`, in any of the Markdown forms or as an HTML `<img>`."""
    found = []
    for m in _IMAGE.finditer(text):
        alt = m.group("alt")
        src = m.group("angle") if m.group("angle") is not None else m.group("src")
        if src is None:  # a reference: `[label]`, `[]` (the alt is the label) or none at all (the same)
            src = refs.get(_label(m.group("ref") or alt))
        if src:
            found.append((m.start(), unquote(src.strip()), re.sub(r"\\(.)", r"\1", alt)))
    for m in _IMG_TAG.finditer(text):
        parser = _ImgAttrs()
        parser.feed(m.group(0))
        if src := parser.attrs.get("src", "").strip():
            found.append((m.start(), unquote(src), parser.attrs.get("alt", "")))
    return min(found)[1:] if found else None


def _definitions(lines: list[str], first: int) -> dict[str, str]:
    """Reference definitions (`[label]: path`), blanked out of `lines` so they are not read as text."""
    refs: dict[str, str] = {}
    for i in range(first, len(lines)):
        if m := _DEFINITION.match(lines[i]):
            refs.setdefault(
                _label(m.group("label")), m.group("angle") if m.group("angle") is not None else m.group("src")
            )
            lines[i] = ""
    return refs


def inline_text(text: str) -> str:
    """Markdown inline markup to plain text."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    for _ in range(3):
        text = _EMPHASIS.sub(r"\2", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _front_matter(lines: list[str], path: str) -> tuple[dict[str, str], int, list[str]]:
    if not lines or lines[0].strip() != "---":
        return {}, 0, []
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise ArticleError("front matter opened with '---' is never closed", path=path, line=1)
    # Padded with one blank line per line above it, so the shared loader's error lines are the file's lines.
    doc = load_yaml("\n" + "\n".join(lines[1:end]), path, ArticleError, what="YAML front matter")
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise ArticleError("front matter must be a mapping of key: value", path=path, line=1)
    meta: dict[str, str] = {}
    for key, value in data.items():
        line = doc.line((key,))
        if key not in FRONT_KEYS and key != "title":
            raise ArticleError(
                f"unknown front matter key {key!r} (known: title, {', '.join(FRONT_KEYS)})", path=path, line=line
            )
        if isinstance(value, dict | list | bytes):
            raise ArticleError(f"front matter {key}: expected text, got {type(value).__name__}", path=path, line=line)
        if value is not None:
            meta[str(key)] = str(value)
    return meta, end + 1, doc.warnings


def _paragraphs(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Group (line number, text) pairs into paragraphs; list items and block quotes become paragraphs."""
    paras: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    in_comment = False

    def flush() -> None:
        nonlocal current
        if current:
            paras.append((start, " ".join(current)))
            current = []

    for lineno, raw in lines:
        line = raw.strip()
        if in_comment:
            in_comment = "-->" not in line
            continue
        if line.startswith("<!--"):
            in_comment = "-->" not in line
            continue
        line = re.sub(r"^>\s?", "", line)
        if not line or re.fullmatch(r"(?:-{3,}|\*{3,}|_{3,})", line):
            flush()
            continue
        item = re.match(r"^(?:[-*+]|\d+[.)])\s+(.*)$", line)
        if item or _IMAGE.fullmatch(line) or _IMG_TAG.fullmatch(line) or parse_credit(inline_text(line)):
            flush()
            paras.append((lineno, line))
            continue
        if not current:
            start = lineno
        current.append(line)
    flush()
    return paras


def read(content: str, path: str) -> Article:
    lines = content.split("\n")
    meta, first, front_warnings = _front_matter(lines, path)
    refs = _definitions(lines, first)
    title = meta.get("title")
    intro_lines: list[tuple[int, str]] = []
    slides: list[tuple[int, str, list[tuple[int, str]]]] = []
    for lineno, raw in enumerate(lines[first:], start=first + 1):
        if (m := _H1.match(raw.strip())) and title is None:
            title = inline_text(m.group(1))
            continue
        if m := _H2.match(raw.strip()):
            if len(slides) == MAX_SLIDES:  # stop reading here: the rest cannot be rendered anyway
                raise too_many_slides(f"more than {MAX_SLIDES}", path)
            slides.append((lineno, inline_text(m.group(1)), []))
            continue
        (slides[-1][2] if slides else intro_lines).append((lineno, raw))
    if not title:
        raise ArticleError("no '# Title' line found", path=path)

    article = Article(title=title, section=meta.get("section"), source=meta.get("source"), byline=meta.get("byline"))
    article.warnings += front_warnings
    for _, para in _paragraphs(intro_lines):
        text = inline_text(para)
        if (m := _BYLINE.match(text)) and article.byline is None:
            article.byline = m.group("who")
        elif text:
            article.intro.append(text)

    for lineno, heading, body_lines in slides:
        number = None
        if m := _NUMBER.match(heading):
            number = int(m.group("n") or m.group("h"))
            heading = m.group("rest")
        slide = Slide(heading=heading, number=number)
        for para_line, para in _paragraphs(body_lines):
            if image := _find_image(para, refs):
                if slide.image is not None:
                    article.warnings.append(f"{path}:{para_line}: second image in slide {heading!r} ignored")
                else:
                    slide.image = image[0]
                    slide.alt = inline_text(image[1]) or None
            elif m := _IMAGE.search(para):
                label = m.group("ref") or m.group("alt")
                article.warnings.append(
                    f"{path}:{para_line}: image reference [{label}] has no definition (add a line "
                    f"'[{label}]: photo.jpg'); image ignored"
                )
                rest = inline_text(para)
                if not rest:
                    continue
                para = rest
            text = inline_text(para)
            credit = parse_credit(text)
            if credit and slide.credit is None:
                slide.credit = credit
            elif text:
                slide.body.append(text)
        if is_blank(slide.heading):
            article.warnings.append(f"{path}:{lineno}: empty slide heading")
            continue
        article.slides.append(slide)
    if article.slides and all(s.number is not None for s in article.slides):
        numbers = [s.number for s in article.slides]
        if numbers == list(range(1, len(numbers) + 1)):
            for s in article.slides:
                s.number = None  # plain 1..n numbering is just the position
    return article
