"""Previews without encoding video: one exact frame as PNG, and a small looping GIF or WebP.

Both draw frames with `motion.FrameRenderer`, so a preview shows what the MP4 will show. The animated preview
renders from cards scaled down once (not from full-size frames), merges runs of identical frames into one long
frame, and gives a GIF one palette shared by every frame so colours do not shimmer from frame to frame.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from PIL import Image

from ..cards.card import Card
from ..errors import OutputError, RenderError
from ..fileio import atomic_write_bytes
from ..video.frames import FrameRenderer
from ..video.timeline import Timeline

FORMATS = ("gif", "webp")


def render_frame(timeline: Timeline, cards: Sequence[Card], t: float) -> Image.Image:
    """The exact frame at `t` seconds as an RGB image (a copy: safe to modify)."""
    renderer = FrameRenderer(timeline, cards)
    return renderer.image(timeline.frame_index(t)).copy()


def save_png(image: Image.Image, path: str | Path) -> Path:
    """`image` as a PNG at `path`, written whole or not at all, the same bytes for the same pixels."""
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False, compress_level=6)
    return atomic_write_bytes(Path(path), buf.getvalue())


def scaled_cards(cards: Sequence[Card], size: tuple[int, int]) -> list[Card]:
    """Copies of `cards` at `size` (image, photo layer and overlay), for small previews."""
    if all(c.size == size for c in cards):
        return list(cards)
    lanczos = Image.Resampling.LANCZOS

    def fit(im: Image.Image | None) -> Image.Image | None:
        return None if im is None else im.resize(size, lanczos)

    return [
        replace(c, image=c.image.resize(size, lanczos), background=fit(c.background), overlay=fit(c.overlay))
        for c in cards
    ]


def preview_size(size: tuple[int, int], max_width: int) -> tuple[int, int]:
    w, h = size
    if w <= max_width:
        return size
    return max_width, max(1, round(h * max_width / w))


def _runs(timeline: Timeline, renderer: FrameRenderer, fps: float) -> Iterator[tuple[Image.Image, int, bool]]:
    """(image, milliseconds, is a still card) at `fps`, consecutive identical frames (same still image) merged."""
    step = 1000.0 / fps
    count = max(1, math.ceil(timeline.duration * fps - 1e-9))
    current: Image.Image | None = None
    start, still = 0, False
    for k in range(count):
        index = timeline.frame_index(k / fps)
        image = renderer.image(index)
        if image is not current:
            if current is not None:
                yield current, round(k * step) - round(start * step), still
            current, start, still = image, k, renderer.is_still(index)
    assert current is not None
    yield current, round(count * step) - round(start * step), still


def write_animated_preview(
    timeline: Timeline,
    cards: Sequence[Card],
    path: str | Path,
    fmt: str = "gif",
    max_width: int = 480,
    fps: float = 10,
    *,
    ken_burns: bool = False,
) -> Path:
    """A small looping preview of the whole timeline as GIF or WebP, at most `max_width` pixels wide.

    Ken Burns is off by default: at 10 fps and 256 colours motion looks jerky and makes every frame different
    (a much larger file); transitions are kept.
    """
    if fmt not in FORMATS:
        raise OutputError(f"unknown preview format {fmt!r}; choose from {', '.join(FORMATS)}", path=path)
    if not (0 < fps <= 50) or max_width < 16:
        raise RenderError(f"preview needs 0 < fps <= 50 and max_width >= 16 (got fps={fps}, max_width={max_width})")
    size = preview_size(timeline.size, max_width)
    small = replace(timeline, size=size)
    renderer = FrameRenderer(small, scaled_cards(cards, size), ken_burns=ken_burns)
    buf = io.BytesIO()
    if fmt == "gif":
        palette = _shared_palette(renderer, small)
        frames, durations = [], []
        for image, ms, still in _runs(small, renderer, fps):
            # Dither the cards that stay on screen; transition frames flash by, and undithered they compress
            # far better (about a third smaller file).
            dither = Image.Dither.FLOYDSTEINBERG if still else Image.Dither.NONE
            frames.append(image.quantize(palette=palette, dither=dither))
            durations.append(ms)
        frames[0].save(
            buf, format="GIF", save_all=True, append_images=frames[1:], duration=durations, loop=0, optimize=False
        )
    else:
        runs = list(_runs(small, renderer, fps))
        images = [im if im.mode == "RGB" else im.convert("RGB") for im, _, _ in runs]
        images[0].save(
            buf,
            format="WEBP",
            save_all=True,
            append_images=images[1:],
            duration=[ms for _, ms, _ in runs],
            loop=0,
            quality=80,
            method=4,
        )
    return atomic_write_bytes(Path(path), buf.getvalue())


def _shared_palette(renderer: FrameRenderer, timeline: Timeline) -> Image.Image:
    """One 255-colour palette for the whole GIF, built from every card's still image side by side."""
    stills = [renderer.card(seg.card).image for seg in timeline.segments]
    w, h = timeline.size
    thumb = (max(1, w // 2), max(1, h // 2))
    sheet = Image.new("RGB", (thumb[0] * len(stills), thumb[1]))
    for i, im in enumerate(stills):
        sheet.paste(im.resize(thumb, Image.Resampling.BOX), (i * thumb[0], 0))
    return sheet.quantize(colors=255, method=Image.Quantize.MEDIANCUT)
