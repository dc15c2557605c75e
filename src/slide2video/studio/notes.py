"""What the reader was unsure of, shown beside the slides it concerns: its warnings and the labeller's doubts.

The notes are taken once, when the article is read, and each remembers the heading of the slide it is about
(a warning quotes it; a doubt names `slide K`), so a note follows its slide when slides are moved, and moves to
the article's general notes once the editor has rewritten that heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..article import Article

_LOCATION = re.compile(r"^[^\n]*?:(\d+): ")
_SLIDE = re.compile(r"^slide (\d+)\b")


@dataclass(frozen=True)
class Note:
    heading: str | None  # the slide's heading when it was read; None: about the whole article
    text: str


def reading_notes(article: Article) -> list[Note]:
    headings = [s.heading for s in article.slides]
    notes = []
    for warning in article.warnings:
        m = _LOCATION.match(warning)
        text = f"line {m.group(1)}: {warning[m.end() :]}" if m else warning
        hit = next((h for h in headings if h and (repr(h) in text or f"“{h}”" in text)), None)
        notes.append(Note(hit, text))
    for doubt in article.doubts:
        m = _SLIDE.match(doubt)
        k = int(m.group(1)) - 1 if m else -1
        notes.append(Note(headings[k] if 0 <= k < len(headings) else None, doubt))
    return notes


def notes_by_slide(notes: list[Note], article: Article) -> dict[str, Any]:
    """{"general": [text], "slides": {index: [text]}} for the article as it is now."""
    where = {s.heading: i for i, s in reversed(list(enumerate(article.slides)))}
    general: list[str] = []
    slides: dict[int, list[str]] = {}
    for note in notes:
        i = where.get(note.heading) if note.heading is not None else None
        (slides.setdefault(i, []) if i is not None else general).append(note.text)
    return {"general": general, "slides": slides}
