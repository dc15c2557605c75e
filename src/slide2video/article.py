"""The article model: plain data, no imaging code.

Every reader produces an `Article`; everything after reading (cards, timeline, writers) consumes one.
The field names are the public YAML format, so they are kept stable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .config.ranges import SLIDE_NUMBER, SLIDE_SECONDS, ranged

_WORD = re.compile(r"\w+(?:[’'\-]\w+)*", re.UNICODE)


def count_words(text: str) -> int:
    """Words as a reader perceives them: runs of letters/digits, contractions kept whole."""
    return len(_WORD.findall(text))


def _unit_point(value: tuple[float, float]) -> str | None:
    ok = all(0.0 <= v <= 1.0 for v in value)
    return None if ok else "focus is [x, y] with each between 0 and 1 (0.5, 0.5 is the centre)"


@dataclass
class Slide:
    """One slide: a heading, its paragraphs and the photo credit (without its `Credit:` label)."""

    heading: str
    body: list[str] = field(default_factory=list)
    credit: str | None = None
    image: str | None = None
    alt: str | None = None
    duration: float | None = ranged(None, SLIDE_SECONDS)
    number: int | None = ranged(None, SLIDE_NUMBER)
    audio: str | None = None
    focus: tuple[float, float] | None = field(default=None, metadata={"check": _unit_point})

    @property
    def words(self) -> int:
        return count_words(self.heading) + sum(count_words(p) for p in self.body)

    @property
    def text(self) -> str:
        return "\n\n".join([self.heading, *self.body])


@dataclass
class Article:
    """A slideshow story. `path` (where it was read from) resolves relative image paths."""

    title: str
    slides: list[Slide] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)
    byline: str | None = None
    source: str | None = None
    section: str | None = None
    path: Path | None = field(default=None, compare=False, repr=False, metadata={"yaml": False})
    warnings: list[str] = field(default_factory=list, compare=False, repr=False, metadata={"yaml": False})
    #: Reading decisions the text reader was unsure of, for an editor to check (`inspect` lists them).
    doubts: list[str] = field(default_factory=list, compare=False, repr=False, metadata={"yaml": False})

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path is not None else Path.cwd()

    @property
    def words(self) -> int:
        return count_words(self.title) + sum(count_words(p) for p in self.intro) + sum(s.words for s in self.slides)

    def display_number(self, index: int) -> int:
        """The number a reader sees on slide `index` (0-based): its printed number, else its position."""
        number = self.slides[index].number
        return number if number is not None else index + 1
