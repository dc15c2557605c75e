"""Corner items (logo, slide counter, photo credit): placed inwards from their corners without overlapping,
each label on a backing made opaque enough to read on any photo; and the colour helpers they share."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from PIL import Image

from .backgrounds import parse_color
from .contrast import best_scrim_color, contrast_ratio, worst_contrast

RGB = tuple[int, int, int]
RGBA = tuple[int, int, int, int]
Rect = tuple[int, int, int, int]  # left, top, right, bottom


@dataclass
class CornerItem:
    """A corner item (logo, counter, credit) with its rectangle once placed."""

    kind: str
    size: tuple[int, int]
    corner: str
    rect: Rect = (0, 0, 0, 0)
    draw: Callable[[Image.Image, Image.Image, Rect], None] | None = field(default=None, repr=False)


def place_items(items: list[CornerItem], content_box: Rect, gap: int) -> None:
    """Stack items inwards from their corners; an item that would overlap one already placed moves past it."""
    x0, y0, x1, y1 = content_box
    placed: list[Rect] = []
    for item in items:
        iw, ih = item.size
        left = x0 if item.corner.endswith("left") else x1 - iw
        top_side = item.corner.startswith("top")
        y = y0 if top_side else y1 - ih
        while True:
            rect = (left, y, left + iw, y + ih)
            hit = next((r for r in placed if overlaps(rect, r, gap)), None)
            if hit is None:
                break
            y = hit[3] + gap if top_side else hit[1] - gap - ih
        item.rect = rect
        placed.append(rect)


def text_region(items: list[CornerItem], content_box: Rect, gap: int) -> Rect:
    """The part of the content box left for the text once the corner items are placed."""
    x0, y0, x1, y1 = content_box
    top, bottom = y0, y1
    for item in items:
        if item.corner.startswith("top"):
            top = max(top, item.rect[3] + gap)
        else:
            bottom = min(bottom, item.rect[1] - gap)
    if bottom - top < (y1 - y0) * 0.35:  # corner items eat too much: let text use the full safe height
        top, bottom = y0, y1
    return (x0, top, x1, bottom)


def shift(rect: Rect, origin: Rect) -> Rect:
    return (rect[0] - origin[0], rect[1] - origin[1], rect[2] - origin[0], rect[3] - origin[1])


def overlaps(a: Rect, b: Rect, gap: int) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


@functools.lru_cache(maxsize=256)
def to_rgb(color: str) -> RGB:
    return parse_color(color)


@functools.lru_cache(maxsize=256)
def to_rgba(color: str) -> RGBA:
    from PIL import ImageColor

    value = ImageColor.getcolor(color, "RGBA")
    assert isinstance(value, tuple)
    return (value[0], value[1], value[2], value[3])


def contrasting(color: str) -> str:
    """White or near-black text, whichever reads better on `color`."""
    value = to_rgb(color)
    return "#FFFFFF" if contrast_ratio(value, (255, 255, 255)) >= contrast_ratio(value, (17, 17, 17)) else "#111111"


def legible_backing(base: Image.Image, rect: Rect, fg: RGB, bg: RGBA, target: float) -> RGBA:
    """The theme's label backing, made more opaque (or swapped for black/white) until `fg` reads on it."""
    crop = base.crop(rect).convert("RGB")
    for alpha in sorted({bg[3], 160, 200, 230, 255}):
        if alpha < bg[3]:
            continue
        tile = Image.new("RGB", crop.size, bg[:3])
        mixed = Image.blend(crop, tile, alpha / 255.0)
        if worst_contrast(fg, mixed, (0, 0, *crop.size)) >= target:
            return (*bg[:3], alpha)
    return (*best_scrim_color(fg), 255)
