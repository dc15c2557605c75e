"""Designed backgrounds for slides without a photo: gradients, patterns and accent shapes from a theme palette.

`designed_background(size, style, colors, seed)` is a pure function: the same arguments give byte-identical
pixels (on any machine: only exactly-rounded float operations touch the pixel arrays, and seeded randomness
comes from `random.Random`'s stable `random()`), and the seed (the slide index) varies angle, centre, pattern
kind and shape layout so consecutive slides look related but not identical.

Backgrounds stay calm near the base colour: they sit behind text, and the renderer's scrim (`contrast.py`)
takes care of whatever contrast they still cost.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
from PIL import Image, ImageColor

from ..errors import ThemeError

RGB = tuple[int, int, int]
Color = str | Sequence[int]
Size = tuple[int, int]

STYLES = ("solid", "gradient", "pattern", "shapes")
PATTERNS = ("dots", "stripes", "grid")
_GOLDEN_ANGLE = 137.50776405  # degrees; successive multiples are spread as evenly as possible around the circle
_GOLDEN = 0.61803398875

# 8x8 Bayer matrix: ordered dithering breaks up 8-bit banding in slow gradients without any randomness.
_B2 = np.array([[0, 2], [3, 1]])
_B4 = np.block([[4 * _B2, 4 * _B2 + 2], [4 * _B2 + 3, 4 * _B2 + 1]])
_BAYER = ((np.block([[4 * _B4, 4 * _B4 + 2], [4 * _B4 + 3, 4 * _B4 + 1]]) + 0.5) / 64.0).astype(np.float32)


@dataclass(frozen=True)
class Palette:
    """Background, accent and secondary colours (RGB). Missing ones are derived from those given."""

    background: RGB
    accent: RGB
    secondary: RGB

    @classmethod
    def from_colors(cls, colors: Sequence[Color] | Color) -> Palette:
        """Accepts one colour or a list of 1-3: `"#0b1f3a"`, `"navy"`, `(11, 31, 58)`; raises `ThemeError`."""
        if isinstance(colors, str) or (
            isinstance(colors, Sequence) and len(colors) in (3, 4) and all(isinstance(v, int) for v in colors)
        ):
            parsed = [parse_color(cast(Color, colors))]  # a single colour
        else:
            parsed = [parse_color(c) for c in cast(Sequence[Color], colors)]
        if not parsed:
            raise ThemeError("a background needs at least one colour")
        bg = parsed[0]
        light = _luma(bg) > 0.5
        accent = parsed[1] if len(parsed) > 1 else _mix(bg, (0, 0, 0) if light else (255, 255, 255), 0.25)
        secondary = parsed[2] if len(parsed) > 2 else _mix(bg, accent, 0.5)
        return cls(bg, accent, secondary)


def parse_color(value: Color) -> RGB:
    """A CSS colour string (`#rgb`, `#rrggbb`, a name, `rgb(...)`) or an RGB(A) sequence, as an RGB tuple."""
    if isinstance(value, str):
        try:
            rgb = ImageColor.getrgb(value.strip())
        except ValueError:
            raise ThemeError(f"not a colour: {value!r} (use #rrggbb or a CSS colour name)") from None
        return (rgb[0], rgb[1], rgb[2])
    try:
        items = [int(v) for v in value]
    except (TypeError, ValueError):
        raise ThemeError(f"not a colour: {value!r}") from None
    if len(items) not in (3, 4) or not all(0 <= v <= 255 for v in items):
        raise ThemeError(f"not a colour: {value!r} (need 3 numbers 0-255)")
    return (items[0], items[1], items[2])


def designed_background(size: Size, style: str, colors: Sequence[Color] | Color, seed: int = 0) -> Image.Image:
    """An RGB background of `size` in `style` from the palette `colors` (background, accent, secondary).

    Styles:
      - `solid`: the background colour.
      - `gradient`: linear (angle turns by the golden angle per seed) or radial (centre moves per seed) from
        the background colour towards the accent.
      - `pattern`: a soft gradient with dots, diagonal stripes or a grid in the accent colour at low opacity;
        the kind cycles with the seed, spacing and angle vary.
      - `shapes`: a gradient with accent circles, rings, rounded bars and blobs, laid out per seed.

    Same (size, style, colors, seed) -> byte-identical image. About 20-60 ms at 1080x1920.
    """
    w, h = int(size[0]), int(size[1])
    if w < 1 or h < 1:
        raise ValueError(f"background size must be positive, got {size}")
    if style not in STYLES:
        raise ThemeError(f"unknown background style {style!r}; choose from {', '.join(STYLES)}")
    palette = Palette.from_colors(colors)
    if style == "solid":
        return Image.new("RGB", (w, h), palette.background)
    seed = int(seed)
    rng = random.Random(f"slide2video:{style}:{seed}")  # string seeds hash with SHA-512: stable across versions

    # The canvas is three float32 planes (R, G, B) updated in place: ~4x faster than an (h, w, 3) array with
    # temporaries, which matters at 2 megapixels.
    canvas = [np.full((h, w), c, dtype=np.float32) for c in palette.background]
    if style == "gradient":
        _gradient(canvas, palette, seed, rng, strength=0.4 + 0.15 * rng.random())
    elif style == "pattern":
        _gradient(canvas, palette, seed, rng, strength=0.25)
        _pattern(canvas, palette, seed, rng)
    elif style == "shapes":
        _gradient(canvas, palette, seed, rng, strength=0.25)
        _shapes(canvas, palette, seed, rng)
    return Image.fromarray(_quantise(canvas))


# ---------------------------------------------------------------------------------------------------- gradients


def _gradient(canvas: list[np.ndarray], palette: Palette, seed: int, rng: random.Random, strength: float) -> None:
    """A slightly deepened background colour -> background mixed with the accent by `strength`.

    Linear for two seeds in three (the angle turns by the golden angle per seed), radial for the third (a glow
    whose centre wanders with the seed).
    """
    h, w = canvas[0].shape
    bg = palette.background
    near = _mix(bg, (0, 0, 0) if _luma(bg) < 0.5 else (255, 255, 255), 0.12)
    far = _mix(bg, palette.accent, strength)
    x = (np.arange(w, dtype=np.float32) + 0.5) / np.float32(max(w, h))
    y = (np.arange(h, dtype=np.float32) + 0.5) / np.float32(max(w, h))
    if seed % 3 == 2:
        cx = (0.15 + 0.7 * ((seed * _GOLDEN + 0.3) % 1.0)) * (w / max(w, h))
        cy = (0.15 + 0.7 * ((seed * _GOLDEN * 2 + 0.1) % 1.0)) * (h / max(w, h))
        dx, dy = (x - np.float32(cx))[None, :], (y - np.float32(cy))[:, None]
        t = np.sqrt(dx * dx + dy * dy)
        t *= np.float32(1.0 / (0.8 + 0.3 * rng.random()))
        np.minimum(t, np.float32(1.0), out=t)
        np.subtract(np.float32(1.0), t, out=t)
    else:
        angle = math.radians((seed * _GOLDEN_ANGLE + 20.0 * rng.random()) % 360.0)
        ca, sa = np.float32(math.cos(angle)), np.float32(math.sin(angle))
        t = (x * ca)[None, :] + (y * sa)[:, None]
        lo, hi = t.min(), t.max()
        t -= lo
        t *= np.float32(1.0) / max(hi - lo, np.float32(1e-6))
    _smooth(t)
    for plane, a, b in zip(canvas, near, far, strict=True):
        np.multiply(t, np.float32(b - a), out=plane)
        plane += np.float32(a)


# ----------------------------------------------------------------------------------------------------- patterns


def _pattern(canvas: list[np.ndarray], palette: Palette, seed: int, rng: random.Random) -> None:
    h, w = canvas[0].shape
    short = min(w, h)
    kind = PATTERNS[seed % len(PATTERNS)]
    period = short * (0.035 + 0.02 * rng.random())
    x = np.arange(w, dtype=np.float32) + np.float32(0.5)
    y = np.arange(h, dtype=np.float32) + np.float32(0.5)
    p = np.float32(period)
    # Periodic terms are computed on 1-D axes and broadcast: `%` on a 2-megapixel float array is slow.
    if kind == "dots":
        radius = np.float32(period * (0.12 + 0.08 * rng.random()))
        odd_row = (np.floor(y / p) % 2).astype(bool)  # staggered rows read as halftone, not a spreadsheet
        u_even = (x % p) - p / 2
        u_odd = ((x + p / 2) % p) - p / 2
        uu = np.where(odd_row[:, None], (u_odd * u_odd)[None, :], (u_even * u_even)[None, :])
        v = (y % p) - p / 2
        uu += (v * v)[:, None]
        cover = _coverage(np.sqrt(uu) - radius)
    elif kind == "stripes":
        angle = math.radians(45.0 + (rng.random() - 0.5) * 30.0) * (1 if seed % 2 else -1)
        ca, sa = np.float32(math.cos(angle)), np.float32(math.sin(angle))
        phase = ((x * ca) % p)[None, :] + ((y * sa) % p)[:, None]  # in [0, 2p): wrap once more
        np.subtract(phase, p, out=phase, where=phase >= p)
        half = np.float32(period * (0.12 + 0.1 * rng.random()))
        phase -= p / 2
        cover = _coverage(np.abs(phase) - half)
    else:  # grid
        half = np.float32(max(0.6, period * 0.03))
        gx = _coverage(np.abs((x % p) - p / 2) - half)[None, :]
        gy = _coverage(np.abs((y % p) - p / 2) - half)[:, None]
        cover = np.maximum(gx, gy)
    # Fade the texture across the card (direction varies) so it frames the content instead of wallpapering it.
    angle = math.radians((seed * _GOLDEN_ANGLE + 90.0) % 360.0)
    ca, sa = np.float32(math.cos(angle)), np.float32(math.sin(angle))
    proj = ((x / short) * ca)[None, :] + ((y / short) * sa)[:, None]
    fade = (proj - proj.min()) / max(proj.max() - proj.min(), np.float32(1e-6))
    _smooth(fade)
    fade *= np.float32(0.75)
    fade += np.float32(0.25)
    fade *= np.float32(0.12 + 0.08 * rng.random())
    cover = cover * fade
    _blend(canvas, cover, palette.accent)


# ------------------------------------------------------------------------------------------------------- shapes

Sdf = Callable[[np.ndarray, np.ndarray], np.ndarray]
Shape = tuple[tuple[float, float, float, float], Sdf]  # bounding box (x0, y0, x1, y1) and signed distance


def _shapes(canvas: list[np.ndarray], palette: Palette, seed: int, rng: random.Random) -> None:
    """Accent shapes near the edges (corner chosen per seed), leaving the middle calm for text."""
    h, w = canvas[0].shape
    short = min(w, h)
    corner = seed % 4
    sx = 1.0 if corner in (1, 2) else 0.0  # corners: 0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left
    sy = 1.0 if corner in (2, 3) else 0.0

    def jitter(span: float) -> float:
        return (rng.random() - 0.5) * span

    def toward(fx: float, fy: float) -> tuple[float, float]:
        """A point given as fractions measured from the chosen corner."""
        return (abs(sx - fx) * w, abs(sy - fy) * h)

    layout = (seed // 4) % 3
    if layout == 0:  # a large soft disc off the corner, a ring, two bars
        cx, cy = toward(0.08 + jitter(0.1), 0.06 + jitter(0.08))
        r = short * (0.42 + 0.12 * rng.random())
        _paint(canvas, _circle(cx, cy, r), palette.accent, 0.55)
        rx, ry = toward(0.75 + jitter(0.15), 0.88 + jitter(0.06))
        rr = short * (0.13 + 0.06 * rng.random())
        _paint(canvas, _ring(rx, ry, rr, max(2.0, short * 0.012)), palette.secondary, 0.7)
        _bars(canvas, palette, rng, w, h, toward, 2)
    elif layout == 1:  # a blob of merged circles, plus a small disc
        cx, cy = toward(0.28 + jitter(0.1), 0.22 + jitter(0.1))
        parts = [
            (cx + (rng.random() - 0.5) * short * 0.5, cy + (rng.random() - 0.5) * short * 0.5, short * s)
            for s in (0.26, 0.2, 0.16, 0.12)
        ]
        _paint(canvas, _blob(parts, short * 0.12), palette.accent, 0.5)
        dx, dy = toward(0.82 + jitter(0.1), 0.8 + jitter(0.1))
        _paint(canvas, _circle(dx, dy, short * (0.06 + 0.04 * rng.random())), palette.secondary, 0.8)
    else:  # a cluster of parallel bars and a ring
        _bars(canvas, palette, rng, w, h, toward, 4)
        rx, ry = toward(0.85 + jitter(0.1), 0.2 + jitter(0.1))
        _paint(canvas, _ring(rx, ry, short * 0.2, max(2.0, short * 0.018)), palette.accent, 0.45)


def _bars(
    canvas: list[np.ndarray],
    palette: Palette,
    rng: random.Random,
    w: int,
    h: int,
    toward: Callable[[float, float], tuple[float, float]],
    count: int,
) -> None:
    short = min(w, h)
    angle = math.radians(-35.0 + 70.0 * rng.random())
    length = short * (0.35 + 0.2 * rng.random())
    thick = short * (0.035 + 0.02 * rng.random())
    bx, by = toward(0.12 + 0.2 * rng.random(), 0.72 + 0.15 * rng.random())
    gap = thick * 2.2
    for i in range(count):
        ox, oy = -math.sin(angle) * gap * i, math.cos(angle) * gap * i
        color = palette.accent if i % 2 == 0 else palette.secondary
        scale = 1.0 - 0.18 * i
        _paint(canvas, _bar(bx + ox, by + oy, length * scale, thick, angle), color, 0.85)


def _paint(canvas: list[np.ndarray], shape: Shape, color: RGB, opacity: float) -> None:
    """Blend `color` into `canvas` where the shape's signed distance < 0, antialiased over one pixel.

    Only the shape's bounding box is computed, which keeps many small shapes cheap on a 2-megapixel card.
    """
    (x0, y0, x1, y1), sdf = shape
    h, w = canvas[0].shape
    left, top = max(0, math.floor(x0) - 1), max(0, math.floor(y0) - 1)
    right, bottom = min(w, math.ceil(x1) + 1), min(h, math.ceil(y1) + 1)
    if left >= right or top >= bottom:
        return
    x = np.arange(left, right, dtype=np.float32) + np.float32(0.5)
    y = np.arange(top, bottom, dtype=np.float32) + np.float32(0.5)
    cover = _coverage(sdf(x[None, :], y[:, None])) * np.float32(opacity)
    _blend([plane[top:bottom, left:right] for plane in canvas], cover, color)


def _blend(planes: list[np.ndarray], alpha: np.ndarray, color: RGB) -> None:
    """planes = planes + (color - planes) * alpha, in place (views of the canvas work too)."""
    for plane, c in zip(planes, color, strict=True):
        plane += (np.float32(c) - plane) * alpha


def _circle(cx: float, cy: float, r: float) -> Shape:
    def sdf(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        dx, dy = x - np.float32(cx), y - np.float32(cy)
        return np.sqrt(dx * dx + dy * dy) - np.float32(r)

    return (cx - r, cy - r, cx + r, cy + r), sdf


def _ring(cx: float, cy: float, r: float, width: float) -> Shape:
    box, circle = _circle(cx, cy, r + width)

    def sdf(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        return np.abs(circle(x, y) + np.float32(width)) - np.float32(width / 2)

    return box, sdf


def _bar(cx: float, cy: float, length: float, thick: float, angle: float) -> Shape:
    """A capsule (rounded bar) centred at (cx, cy), rotated by `angle` radians."""
    ca, sa = math.cos(angle), math.sin(angle)
    half = length / 2
    reach = half + thick

    def sdf(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        dx, dy = x - np.float32(cx), y - np.float32(cy)
        along = dx * np.float32(ca) + dy * np.float32(sa)
        across = dy * np.float32(ca) - dx * np.float32(sa)
        clamped = np.clip(along, np.float32(-half), np.float32(half))
        ex = along - clamped
        result: np.ndarray = np.sqrt(ex * ex + across * across) - np.float32(thick / 2)
        return result

    return (cx - reach, cy - reach, cx + reach, cy + reach), sdf


def _blob(circles: list[tuple[float, float, float]], k: float) -> Shape:
    """Circles merged with a polynomial smooth-min, which gives an organic outline with a usable distance."""
    x0 = min(cx - r for cx, _, r in circles) - k
    y0 = min(cy - r for _, cy, r in circles) - k
    x1 = max(cx + r for cx, _, r in circles) + k
    y1 = max(cy + r for _, cy, r in circles) + k
    kk = np.float32(k)

    def sdf(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        d = None
        for cx, cy, r in circles:
            dx, dy = x - np.float32(cx), y - np.float32(cy)
            di = np.sqrt(dx * dx + dy * dy) - np.float32(r)
            if d is None:
                d = di
            else:
                hh = np.maximum(kk - np.abs(d - di), np.float32(0.0)) / kk
                d = np.minimum(d, di) - hh * hh * kk / np.float32(4.0)
        assert d is not None  # a blob has at least one circle
        return d

    return (x0, y0, x1, y1), sdf


# ------------------------------------------------------------------------------------------------------ helpers


def _coverage(distance: np.ndarray) -> np.ndarray:
    """Signed distance (px, negative inside) -> pixel coverage with a one-pixel antialiased edge."""
    return np.clip(np.float32(0.5) - distance, np.float32(0.0), np.float32(1.0))


def _smooth(t: np.ndarray) -> np.ndarray:
    """Smoothstep in place: an eased ramp without the kinks of a linear one (polynomial, so exactly rounded)."""
    tt = t * t
    t *= np.float32(-2.0)
    t += np.float32(3.0)
    t *= tt
    return t


def _quantise(canvas: list[np.ndarray]) -> np.ndarray:
    h, w = canvas[0].shape
    threshold = np.tile(_BAYER, (h // 8 + 1, w // 8 + 1))[:h, :w]
    out = np.empty((h, w, 3), dtype=np.uint8)
    for i, plane in enumerate(canvas):
        plane += threshold
        np.clip(plane, np.float32(0.0), np.float32(255.0), out=plane)
        out[..., i] = plane  # float -> uint8 truncates, which after the dither offset is floor()
    return out


def _mix(a: Sequence[int], b: Sequence[int], t: float) -> RGB:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def _luma(rgb: Sequence[int]) -> float:
    return (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) / 255.0
