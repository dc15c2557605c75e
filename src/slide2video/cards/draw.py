"""Drawing a laid-out `TextBlock` exactly as measured: runs with stroke, and an optional soft shadow."""

from __future__ import annotations

import math
from typing import Any, cast

from PIL import Image, ImageDraw, ImageFilter

from .fonts import HAVE_RAQM, load_font
from .textblock import Color, Shadow, TextBlock

# ---------------------------------------------------------------------------------------------------------------
# Drawing


def _target_image(target: Image.Image | ImageDraw.ImageDraw) -> Image.Image | None:
    if isinstance(target, Image.Image):
        return target
    return getattr(target, "_image", None)


def draw_text_block(
    target: Image.Image | ImageDraw.ImageDraw,
    block: TextBlock,
    origin: tuple[float, float] = (0, 0),
    fill: Color | int = "white",  # an int for one-band ("L") images
    *,
    stroke_width: float = 0,
    stroke_fill: Color | int | None = None,
    shadow: Shadow | None = None,
) -> None:
    """Draw `block` with its box's top-left corner at `origin`, run by run with each run's own font.

    A stroke grows the ink by `stroke_width` on every side and a shadow by its offset and blur: shrink the box
    given to `fit_text` by that much if they must stay inside it. Deterministic: same block, same pixels.
    """
    ox, oy = origin
    if shadow is not None:
        image = _target_image(target)
        if image is None:
            raise TypeError("draw_text_block needs an Image (not only an ImageDraw) to draw a shadow")
        _draw_shadow(image, block, (ox + shadow.offset[0], oy + shadow.offset[1]), shadow, stroke_width)
    draw = target if isinstance(target, ImageDraw.ImageDraw) else ImageDraw.Draw(target)
    _draw_runs(draw, block, (ox, oy), fill, stroke_width, stroke_fill)


def _draw_runs(
    draw: ImageDraw.ImageDraw,
    block: TextBlock,
    origin: tuple[float, float],
    fill: Color | int,
    stroke_width: float,
    stroke_fill: Color | int | None,
) -> None:
    ox, oy = origin
    for line in block.lines:
        for run in line.runs:
            if not run.text.strip():
                continue
            kwargs: dict[str, Any] = {"direction": run.direction} if HAVE_RAQM else {}
            draw.text(
                (ox + run.x, oy + line.baseline),
                run.text,
                font=load_font(run.font, run.size),
                fill=fill,
                anchor="ls",
                stroke_width=stroke_width,
                stroke_fill=stroke_fill,
                **kwargs,
            )


def _draw_shadow(
    image: Image.Image, block: TextBlock, origin: tuple[float, float], shadow: Shadow, stroke_width: float
) -> None:
    if not block.lines:
        return
    pad = math.ceil(shadow.blur * 3 + stroke_width + 2)
    x0, y0, x1, y1 = block.translated(*origin)
    left, top = math.floor(x0) - pad, math.floor(y0) - pad
    w, h = math.ceil(x1) + pad - left, math.ceil(y1) + pad - top
    mask = Image.new("L", (w, h), 0)
    _draw_runs(ImageDraw.Draw(mask), block, (origin[0] - left, origin[1] - top), 255, stroke_width, 255)
    if shadow.blur > 0:
        mask = mask.filter(ImageFilter.GaussianBlur(shadow.blur))
    rgba = cast(tuple[int, int, int, int], Image.new("RGBA", (1, 1), shadow.color).getpixel((0, 0)))
    layer = Image.new("RGBA", (w, h), (*rgba[:3], 0))
    layer.putalpha(mask.point(lambda v: v * rgba[3] // 255))
    if image.mode == "RGBA":
        cx, cy = max(0, -left), max(0, -top)  # alpha_composite refuses negative destinations
        image.alpha_composite(layer.crop((cx, cy, w, h)), (left + cx, top + cy))
    else:
        image.paste(layer, (left, top), layer)


__all__ = ["draw_text_block"]
