"""Legibility, measured: WCAG 2.x contrast against the real pixels behind text, and scrims that raise it.

The renderer's contract (issue 3): every card's text has a contrast ratio of at least 4.5:1 against what is
actually behind it after the scrim. Typical use::

    region = text_block_box                      # (left, top, right, bottom) in card pixels
    scrim, strength, ratio = ensure_contrast(photo, region, theme.text_color, "gradient", theme.scrim_color,
                                             min_strength=theme.scrim_strength)
    overlay = scrim.copy()                       # then draw text, credit, logo on `overlay`
    card = Image.alpha_composite(photo.convert("RGBA"), overlay).convert("RGB")
    if ratio < 4.5: warn(...)                    # even a fully opaque scrim could not do it (bad theme colours)

`ratio` is measured exactly as `worst_contrast(text_color, composite, region)` would measure the composite.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal, NamedTuple, get_args

import numpy as np
from PIL import Image

RGB = tuple[int, int, int]
Box = tuple[int, int, int, int]
Size = tuple[int, int]
ScrimStyle = Literal["gradient", "solid", "box"]
Side = Literal["auto", "top", "bottom", "both"]

SCRIM_STYLES: tuple[str, ...] = get_args(ScrimStyle)
WCAG_AA = 4.5  # normal-size text; 3.0 is allowed only for large text, which we do not rely on

_WEIGHTS = (0.2126, 0.7152, 0.0722)


def _linear(channel: float) -> float:
    """sRGB channel (0..1) to linear light, as WCAG 2.x defines it (0.04045 is the sRGB standard's knee)."""
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


# Per-channel lookup tables (already weighted), so luminance of a whole array is three gathers and two adds.
_LUT = [np.array([w * _linear(v / 255.0) for v in range(256)], dtype=np.float64) for w in _WEIGHTS]


# ----------------------------------------------------------------------------------------------------- contrast


def relative_luminance(rgb: Sequence[int]) -> float:
    """WCAG 2.x relative luminance of an 8-bit sRGB colour: 0.0 (black) .. 1.0 (white)."""
    return float(sum(_LUT[i][int(rgb[i])] for i in range(3)))


def contrast_ratio(a: Sequence[int], b: Sequence[int]) -> float:
    """WCAG 2.x contrast ratio of two colours, 1.0 .. 21.0, symmetric in its arguments."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def worst_contrast(
    text_color: Sequence[int],
    background: Image.Image,
    box: Sequence[int],
    *,
    cell: int = 3,
    percentile: float = 0.5,
) -> float:
    """The lowest contrast between `text_color` and the pixels of `background` inside `box`, robustly.

    WCAG measures text against "the background"; behind text on a photo that is thousands of pixels, and the
    reader is let down by the worst part of them, so this returns a low percentile of the per-pixel ratios
    rather than an average. Two guards keep it from being ruled by pixels no reader sees:

    - `cell`: pixels are first averaged over `cell`×`cell` blocks (3 px on a 1080 px card). Sensor noise, JPEG
      ringing and single bright specks are smaller than any glyph stroke and do not affect legibility; a real
      highlight big enough to sit behind a letter survives the averaging.
    - `percentile` (0.5 %): the remaining outliers may be at most half a percent of the box, which for a body
      text block is an area well under one word; the minimum itself would let one surviving speck decide.

    `box` is (left, top, right, bottom) in `background` pixels, clipped to the image.
    """
    crop = _crop(background, box)
    if cell > 1:
        crop = crop.reduce(cell)
    return _percentile_ratio(np.asarray(crop), relative_luminance(text_color), percentile)


def best_scrim_color(text_color: Sequence[int]) -> RGB:
    """Black or white, whichever gives `text_color` more contrast: the safe scrim colour for any theme."""
    black, white = (0, 0, 0), (255, 255, 255)
    return black if contrast_ratio(text_color, black) >= contrast_ratio(text_color, white) else white


def _crop(image: Image.Image, box: Sequence[int]) -> Image.Image:
    clipped = _clip_box(box, image.size)
    crop = image.crop(clipped)
    return crop if crop.mode == "RGB" else crop.convert("RGB")


def _clip_box(box: Sequence[int], size: Size) -> Box:
    left, top = max(0, math.floor(box[0])), max(0, math.floor(box[1]))
    right, bottom = min(size[0], math.ceil(box[2])), min(size[1], math.ceil(box[3]))
    if right <= left or bottom <= top:
        raise ValueError(f"text box {tuple(box)} does not overlap the {size[0]}x{size[1]} image")
    return (left, top, right, bottom)


def _luminance(pixels: np.ndarray) -> np.ndarray:
    """Per-pixel relative luminance of (..., 3) uint8 pixels: R + G + B contributions, added in that order
    (in place: the contrast search calls this a hundred times per card, and temporaries were half its cost)."""
    result: np.ndarray = _LUT[0].take(pixels[..., 0])
    result += _LUT[1].take(pixels[..., 1])
    result += _LUT[2].take(pixels[..., 2])
    return result


def _percentile_ratio(pixels: np.ndarray, text_luminance: float, percentile: float) -> float:
    """`np.percentile(ratios, percentile, method="lower")` of the per-pixel contrast ratios, by one partition
    (the same element: "lower" is the floor((n - 1) * q)-th smallest; percentile's own checks cost 8x more)."""
    lum = _luminance(pixels).ravel()
    ratio = np.maximum(lum, text_luminance)
    ratio += 0.05
    np.minimum(lum, text_luminance, out=lum)
    lum += 0.05
    ratio /= lum
    k = int(np.floor((ratio.size - 1) * (percentile / 100)))
    return float(np.partition(ratio, k)[k])


# ------------------------------------------------------------------------------------------------------- scrims


def scrim_layer(
    size: Size,
    region: Sequence[int],
    style: str,
    color: Sequence[int],
    strength: float,
    *,
    side: Side = "auto",
    fade: int | None = None,
    padding: int | None = None,
    radius: int | None = None,
) -> Image.Image:
    """A transparent RGBA layer of `size` that darkens (or lightens) the area behind the text `region`.

    `region` is the text block's (left, top, right, bottom); `strength` (0..1) is the scrim's opacity where it
    is fullest. Styles:

    - `gradient`: full card width; fully `strength` over the region's rows, continuing to the card edge on the
      text side and easing to transparent over `fade` px (default: a quarter of the card height) on the other.
      `side` is `top`, `bottom`, `both` (centred text: eases out on both sides) or `auto` (from where the region
      sits: lower half -> bottom, upper -> top, middle -> both).
    - `solid`: the region itself as a flat panel (pass the panel's box, e.g. the bottom third, full width).
    - `box`: the region grown by `padding` px (default 2.5 % of the short side), with corners of `radius` px
      (default = padding), antialiased: a label-like box behind the text.

    Deterministic; composite with `Image.alpha_composite(background_rgba, layer)`.
    """
    w, h = int(size[0]), int(size[1])
    layer = Image.new("RGBA", (w, h), (int(color[0]), int(color[1]), int(color[2]), 0))
    window = _extent((w, h), region, style, padding)
    if window is None:
        return layer
    profile = _profile((w, h), region, style, window, side=side, fade=fade, padding=padding, radius=radius)
    piece = _alpha_image(profile, strength)
    if window == (0, 0, w, h):
        layer.putalpha(piece)
    else:
        alpha = Image.new("L", (w, h), 0)
        alpha.paste(piece, window[:2])
        layer.putalpha(alpha)
    return layer


def _extent(size: Size, region: Sequence[int], style: str, padding: int | None) -> Box | None:
    """The part of the card a scrim can touch (a gradient spans whole rows), or None when it touches nothing."""
    w, h = size
    if style == "box":
        pad = _box_padding(size, padding) + 1
        box = (region[0] - pad, region[1] - pad, region[2] + pad, region[3] + pad)
    elif style == "solid":
        box = (region[0], region[1], region[2], region[3])
    else:
        return (0, 0, w, h)
    left, top = max(0, math.floor(box[0])), max(0, math.floor(box[1]))
    right, bottom = min(w, math.ceil(box[2])), min(h, math.ceil(box[3]))
    return (left, top, right, bottom) if right > left and bottom > top else None


def _box_padding(size: Size, padding: int | None) -> float:
    return float(padding if padding is not None else round(0.025 * min(size)))


def _alpha_image(profile: np.ndarray, strength: float) -> Image.Image:
    """The 8-bit alpha of `profile` at `strength` as an "L" image. A gradient is one column repeated (a
    broadcast view): the column is quantised and stretched (nearest: the same values, a fraction of the work)."""
    if profile.ndim == 2 and profile.shape[1] > 1 and profile.strides[1] == 0:
        column = Image.fromarray(np.ascontiguousarray(_quantise_alpha(profile[:, :1], strength)))
        return column.resize((profile.shape[1], profile.shape[0]), Image.Resampling.NEAREST)
    return Image.fromarray(_quantise_alpha(profile, strength))


def _quantise_alpha(profile: np.ndarray, strength: float) -> np.ndarray:
    """Unit-strength opacity -> 8-bit alpha at `strength`; the one place both the layer and the search round."""
    scale = np.float32(255.0 * min(1.0, max(0.0, float(strength))))
    result: np.ndarray = np.floor(profile * scale + np.float32(0.5)).astype(np.uint8)
    return result


def _profile(
    size: Size,
    region: Sequence[int],
    style: str,
    window: Box,
    *,
    side: Side = "auto",
    fade: int | None = None,
    padding: int | None = None,
    radius: int | None = None,
) -> np.ndarray:
    """Scrim opacity at strength 1 (float32, 0..1) for the pixels of `window`.

    Each pixel's value depends only on its own card coordinates, so computing a sub-window gives exactly the
    values the full layer has there (`ensure_contrast` measures on the text box alone and relies on this).
    """
    h = size[1]
    wl, wt, wr, wb = window
    left, top, right, bottom = (float(v) for v in region)
    ys = np.arange(wt, wb, dtype=np.float32) + np.float32(0.5)
    xs = np.arange(wl, wr, dtype=np.float32) + np.float32(0.5)
    if style == "gradient":
        if side == "auto":
            centre = (top + bottom) / 2 / h
            side = "bottom" if centre > 0.55 else "top" if centre < 0.45 else "both"
        span = np.float32(max(1.0, fade if fade is not None else h * 0.25))
        above = np.clip((ys - (np.float32(top) - span)) / span, 0, 1)  # 0 -> 1 approaching the region's top
        below = np.clip(((np.float32(bottom) + span) - ys) / span, 0, 1)  # 1 -> 0 leaving its bottom
        if side == "bottom":
            column = _ease(above)
        elif side == "top":
            column = _ease(below)
        else:
            column = _ease(np.minimum(above, below))
        return np.broadcast_to(column[:, None], (wb - wt, wr - wl))
    if style == "solid":
        inside_x = ((xs >= left) & (xs < right)).astype(np.float32)
        inside_y = ((ys >= top) & (ys < bottom)).astype(np.float32)
        return inside_y[:, None] * inside_x[None, :]
    if style == "box":
        pad = _box_padding(size, padding)
        rad = float(radius if radius is not None else pad)
        cx, cy = (left + right) / 2, (top + bottom) / 2
        hx, hy = (right - left) / 2 + pad, (bottom - top) / 2 + pad
        rad = min(rad, hx, hy)
        # Signed distance to a rounded rectangle; a one-pixel ramp at the edge antialiases it.
        qx = np.abs(xs - np.float32(cx)) - np.float32(hx - rad)
        qy = np.abs(ys - np.float32(cy)) - np.float32(hy - rad)
        ox, oy = np.maximum(qx, 0)[None, :], np.maximum(qy, 0)[:, None]
        outside = np.sqrt(ox * ox + oy * oy)
        inside = np.minimum(np.maximum(qx[None, :], qy[:, None]), 0)
        distance = outside + inside - np.float32(rad)
        result: np.ndarray = np.clip(np.float32(0.5) - distance, 0, 1)
        return result
    raise ValueError(f"unknown scrim style {style!r}; choose from {', '.join(SCRIM_STYLES)}")


def _ease(t: np.ndarray) -> np.ndarray:
    """Smoothstep: the ramp starts and ends gently, so the scrim has no visible edge."""
    result: np.ndarray = t * t * (np.float32(3.0) - np.float32(2.0) * t)
    return result


# ---------------------------------------------------------------------------------------------- ensure_contrast


class ScrimResult(NamedTuple):
    """What `ensure_contrast` chose: unpack as `scrim, strength, ratio`."""

    scrim: Image.Image  # RGBA, card size
    strength: float  # 0..1, the opacity used
    ratio: float  # worst_contrast of the text colour over background + scrim, inside the region


def ensure_contrast(
    background: Image.Image,
    region: Sequence[int],
    text_color: Sequence[int],
    style: str = "gradient",
    color: Sequence[int] = (0, 0, 0),
    target: float = WCAG_AA,
    *,
    min_strength: float = 0.0,
    max_strength: float = 1.0,
    cell: int = 3,
    percentile: float = 0.5,
    **scrim_options: Any,
) -> ScrimResult:
    """The weakest scrim (from `min_strength`, the theme's look, up to `max_strength`) that gives the text in
    `region` a contrast of at least `target` over `background`.

    Search: the ratio is evaluated with a cheap model (the background averaged per measurement cell, blended
    numerically) and bisected on opacity to 1/256; the chosen strength is then checked on the real
    composite (Pillow's `alpha_composite`, then `worst_contrast`) and nudged up if rounding left it short. The
    returned `ratio` is that real measurement. If no strength reaches `target` (the scrim colour is too close
    to the text colour), the better of `min_strength` and `max_strength` is returned and the caller should
    report `ratio < target`. Extra keyword arguments go to `scrim_layer` (`side`, `fade`, `padding`, `radius`).

    Costs ~2 full-region measurements plus a dozen on 1/9 of the pixels: a few milliseconds per card.
    """
    if style not in SCRIM_STYLES:
        raise ValueError(f"unknown scrim style {style!r}; choose from {', '.join(SCRIM_STYLES)}")
    size = background.size
    box = _clip_box(region, size)
    options = dict(scrim_options)
    lo_s = min(1.0, max(0.0, float(min_strength)))
    hi_s = min(1.0, max(lo_s, float(max_strength)))
    rgb = (int(color[0]), int(color[1]), int(color[2]))
    text_lum = relative_luminance(text_color)
    bg_crop = _crop(background, box)
    unit = _profile(size, region, style, box, **options)  # pixel-for-pixel what scrim_layer computes here

    measured: dict[float, float] = {}

    def exact(strength: float) -> float:
        """The real measurement: Pillow's composite of the 8-bit scrim, then `worst_contrast`'s statistic."""
        if strength not in measured:
            # The scrim colour through its alpha: Pillow's masked fill blends exactly as alpha_composite does
            # over an opaque image, without the RGBA copies.
            comp = bg_crop.copy()
            comp.paste(rgb, (0, 0, *bg_crop.size), _alpha_image(unit, strength))
            if cell > 1:
                comp = comp.reduce(cell)
            measured[strength] = _percentile_ratio(np.asarray(comp), text_lum, percentile)
        return measured[strength]

    # Model: per measurement cell, the averaged background and the averaged unit-strength opacity, blended
    # numerically. Blending and averaging commute except for rounding, so it tracks `exact` closely at 1/9 of
    # the cost.
    cells = np.asarray(bg_crop.reduce(cell) if cell > 1 else bg_crop, dtype=np.float32)
    unit_img = Image.fromarray(np.ascontiguousarray(unit, dtype=np.float32))
    unit_cells = np.asarray(unit_img.reduce(cell) if cell > 1 else unit_img, dtype=np.float32)[..., None]
    target_rgb = np.asarray(rgb, dtype=np.float32)

    towards = target_rgb - cells

    def model(strength: float) -> float:
        mixed = unit_cells * np.float32(strength)  # cells + (target - cells) * opacity, rounded to 8 bits
        mixed = towards * mixed
        mixed += cells
        mixed += np.float32(0.5)
        np.floor(mixed, out=mixed)
        np.clip(mixed, 0, 255, out=mixed)
        return _percentile_ratio(mixed.astype(np.uint8), text_lum, percentile)

    def result(strength: float, ratio: float) -> ScrimResult:
        return ScrimResult(scrim_layer(size, region, style, rgb, strength, **options), strength, ratio)

    def best_of_ends() -> ScrimResult:
        """No strength reaches the target: the better of the theme's strength and the strongest allowed."""
        low_ratio, high_ratio = exact(lo_s), exact(hi_s)
        return result(hi_s, high_ratio) if high_ratio > low_ratio else result(lo_s, low_ratio)

    # Possibly fine already (or nothing to search): measure before searching.
    if (hi_s <= lo_s or model(lo_s) >= target * 0.97) and (exact(lo_s) >= target or hi_s <= lo_s):
        return result(lo_s, exact(lo_s))
    if model(hi_s) < target:
        return result(hi_s, exact(hi_s)) if exact(hi_s) >= target else best_of_ends()

    low, high = lo_s, hi_s  # model(low) < target <= model(high)
    while high - low > 1.0 / 256:
        mid = (low + high) / 2
        if model(mid) >= target:
            high = mid
        else:
            low = mid
    strength = high
    while exact(strength) < target and strength < hi_s:  # the model is approximate at gradient edges
        strength = min(hi_s, strength + 2.0 / 255)
    if exact(strength) < target:
        return best_of_ends()
    return result(strength, exact(strength))
