"""What text layout produces: lines of shaped runs in a box (`TextBlock`), and the drawing options."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Align = Literal["start", "end", "left", "right", "center"]
Direction = Literal["ltr", "rtl"]
Color = str | tuple[int, int, int] | tuple[int, int, int, int]

#: Size at which words are measured once; widths at other sizes are scaled from it.
REF_SIZE = 512
EPS = 1e-6
ELLIPSIS = "…"


# ---------------------------------------------------------------------------------------------------------------
# Public result types


@dataclass(frozen=True)
class Run:
    """A piece of one line drawn in one call: one font, one direction.

    `x` is the pen position of the run's left edge relative to the box origin, `width` its advance.
    `text` is in logical order (raqm reorders RTL glyphs itself).
    """

    text: str
    font: Path
    size: int
    x: float
    width: float
    direction: Direction


@dataclass(frozen=True)
class Line:
    """One laid-out line. (x, y, width, height) is its box relative to the box origin: the advance of all runs
    plus any ink overhang, from the primary font's ascent to its descent (or further if some glyph's ink is).
    `baseline` is the y of the baseline; `runs` are in visual order, left to right."""

    text: str
    x: float
    y: float
    width: float
    height: float
    baseline: float
    direction: Direction
    runs: tuple[Run, ...]
    paragraph: int

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x, self.y, self.x + self.width, self.y + self.height)


@dataclass(frozen=True)
class TextBlock:
    """The result of `fit_text`: everything needed to draw, plus what happened.

    `paragraphs` is the text as laid out (whitespace normalised, cut and ending in "…" when `truncated`);
    `bbox` is the union of the line boxes (all zero for an empty block); `box` is the box it was fitted to.
    """

    size: int
    lines: tuple[Line, ...]
    box: tuple[float, float]
    bbox: tuple[float, float, float, float]
    paragraphs: tuple[str, ...]
    line_height: float
    truncated: bool = False
    warnings: tuple[str, ...] = ()

    @property
    def width(self) -> float:
        return self.bbox[2] - self.bbox[0]

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def translated(self, dx: float, dy: float) -> tuple[float, float, float, float]:
        """The block's bbox moved to where it is drawn (origin + bbox), for collision and contrast checks."""
        x0, y0, x1, y1 = self.bbox
        return (x0 + dx, y0 + dy, x1 + dx, y1 + dy)


@dataclass(frozen=True)
class Shadow:
    """A drop shadow drawn under the text: offset in pixels, colour (alpha allowed), Gaussian blur radius."""

    offset: tuple[float, float] = (0.0, 2.0)
    color: Color = (0, 0, 0, 160)
    blur: float = 0.0
