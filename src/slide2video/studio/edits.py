"""Edits the studio's page sends, as pure functions on an `Article`: set a field, add, delete, move, split, merge.

Every edit returns a new, checked `Article` (the input is never changed), so a refused edit leaves the story as it
was. Checking goes through the YAML reader — the same validation a hand-edited YAML file gets — so the studio can
never save a file that `slide2video` would refuse to read back.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..article import Article, Slide
from ..errors import ArticleError
from ..readers import parse_article_text
from ..readers.to_yaml import article_to_yaml

#: Fields of a slide the page may set, and of the article.
SLIDE_FIELDS = ("heading", "body", "credit", "image", "alt", "duration", "number", "focus")
ARTICLE_FIELDS = ("title", "intro", "byline", "source", "section")
OPS = ("set", "add", "delete", "move", "split", "merge")

_SENTENCE_END = re.compile(r"(?<=[.!?…。！？])\s+")


def paragraphs(value: Any) -> list[str]:
    """Body or intro text as paragraphs: a list as it is, a string split at blank lines; blanks dropped."""
    if isinstance(value, list):
        items = [str(v) for v in value]
    elif isinstance(value, str):
        items = re.split(r"\n\s*\n", value)
    elif value is None:
        items = []
    else:
        raise ArticleError(f"expected text, got {type(value).__name__}")
    return [" ".join(p.split()) for p in items if p.strip()]


def _optional_text(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str | int | float):
        raise ArticleError(f"expected text, got {type(value).__name__}")
    text = " ".join(str(value).split())
    return text or None


def _number(value: Any, kind: type[float] | type[int]) -> float | int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise ArticleError(f"{value!r} is not a number") from None


def _convert(name: str, value: Any) -> Any:
    """A value from the page (JSON) as the model's type; checked for range later by the reader."""
    if name in ("body", "intro"):
        return paragraphs(value)
    if name in ("heading", "title"):
        if not isinstance(value, str):
            raise ArticleError(f"{name} must be text")
        return " ".join(value.split())
    if name == "duration":
        return _number(value, float)
    if name == "number":
        return _number(value, int)
    if name == "focus":
        if value is None:
            return None
        if not (isinstance(value, list | tuple) and len(value) == 2):
            raise ArticleError("focus is [x, y] with each between 0 and 1")
        x, y = (_number(v, float) for v in value)
        if x is None or y is None:
            raise ArticleError("focus is [x, y] with each between 0 and 1")
        return (round(float(x), 4), round(float(y), 4))
    return _optional_text(value)


def _index(op: Mapping[str, Any], key: str, count: int, *, end: bool = False) -> int:
    value = op.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArticleError(f"edit needs '{key}': a slide number from 0")
    top = count if end else count - 1
    if not 0 <= value <= top:
        raise ArticleError(f"slide {value + 1} does not exist: the article has {count} slides")
    return value


def split_slide(slide: Slide, at: int | None = None) -> tuple[Slide, Slide]:
    """Two slides from one: paragraphs before `at` stay, the rest move to a copy (same photo and credit).

    A one-paragraph slide is cut between sentences, as near the middle as the sentences allow.
    """
    body = list(slide.body)
    if len(body) >= 2:
        cut = len(body) // 2 if at is None else at
        if not 0 < cut < len(body):
            raise ArticleError(f"cannot split before paragraph {cut + 1}: the slide has {len(body)} paragraphs")
        first, second = body[:cut], body[cut:]
    else:
        sentences = _SENTENCE_END.split(body[0]) if body else []
        if len(sentences) < 2:
            raise ArticleError("nothing to split: the slide has one sentence; add a paragraph first")
        half = sum(len(s) for s in sentences) / 2
        running, cut = 0, 1
        for i, sentence in enumerate(sentences[:-1], start=1):
            running += len(sentence)
            cut = i
            if running >= half:
                break
        first, second = [" ".join(sentences[:cut])], [" ".join(sentences[cut:])]
    a = _replace(slide, first)
    b = _replace(slide, second)
    b.heading = f"{slide.heading} (continued)"
    b.number = None
    return a, b


def _replace(slide: Slide, body: list[str]) -> Slide:
    out = copy.deepcopy(slide)
    out.body = body
    out.duration = None
    return out


def merge_slides(first: Slide, second: Slide) -> Slide:
    """One slide from two: the first's heading, both bodies; photo, credit and alt from the first that has one."""
    out = copy.deepcopy(first)
    out.body = [*first.body, *second.body]
    for name in ("credit", "image", "alt", "focus", "audio"):
        if getattr(out, name) is None:
            setattr(out, name, getattr(second, name))
    if first.image is None and second.image is not None:
        out.focus, out.alt = second.focus, second.alt
    out.duration = first.duration + second.duration if first.duration and second.duration else None
    return out


def apply_edit(article: Article, op: Mapping[str, Any]) -> Article:
    """A new, checked article with edit `op` applied; raises `ArticleError` (one line) for a refused edit."""
    kind = op.get("op")
    new = copy.deepcopy(article)
    slides = new.slides
    if kind == "set":
        name = op.get("field")
        if "slide" in op:
            if name not in SLIDE_FIELDS:
                raise ArticleError(f"unknown slide field {name!r}; choose from {', '.join(SLIDE_FIELDS)}")
            slide = slides[_index(op, "slide", len(slides))]
            setattr(slide, str(name), _convert(str(name), op.get("value")))
        else:
            if name not in ARTICLE_FIELDS:
                raise ArticleError(f"unknown article field {name!r}; choose from {', '.join(ARTICLE_FIELDS)}")
            setattr(new, str(name), _convert(str(name), op.get("value")))
    elif kind == "add":
        at = _index(op, "at", len(slides), end=True) if "at" in op else len(slides)
        template = slides[min(at, len(slides) - 1)] if slides else None
        credit = template.credit if template is not None else None
        slides.insert(at, Slide(heading="New slide", body=["Text of the new slide."], credit=credit))
    elif kind == "delete":
        i = _index(op, "slide", len(slides))
        if len(slides) == 1:
            raise ArticleError("cannot delete the only slide: an article needs at least one")
        del slides[i]
    elif kind == "move":
        i = _index(op, "slide", len(slides))
        j = _index(op, "to", len(slides))
        slides.insert(j, slides.pop(i))
    elif kind == "split":
        i = _index(op, "slide", len(slides))
        cut = op.get("at")
        slides[i : i + 1] = split_slide(slides[i], cut if isinstance(cut, int) and not isinstance(cut, bool) else None)
    elif kind == "merge":
        i = _index(op, "slide", len(slides))
        if i + 1 >= len(slides):
            raise ArticleError("the last slide has no next slide to merge with")
        slides[i : i + 2] = [merge_slides(slides[i], slides[i + 1])]
    else:
        raise ArticleError(f"unknown edit {kind!r}; choose from {', '.join(OPS)}")
    return checked(new)


def checked(article: Article) -> Article:
    """`article` as the YAML reader reads it back: every field checked the way a YAML file's are."""
    name = article.path.name if article.path is not None else "article.yaml"
    result = parse_article_text(article_to_yaml(article), "yaml", Path(name))
    result.path = article.path
    result.warnings = list(article.warnings)
    return result
