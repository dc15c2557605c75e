"""Designed backgrounds: deterministic to the byte, different per slide, built from the theme palette."""

from __future__ import annotations

import io
import itertools

import numpy as np
import pytest
from PIL import Image

from slide2video.cards.backgrounds import STYLES, Palette, designed_background, parse_color
from slide2video.errors import ThemeError

NEWS = ["#0b1f3a", "#e94f37", "#f6c85f"]
LIGHT = ["#f4f1ea", "#1d3557"]
MONO = ["#222222"]


def png(img: Image.Image) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("style", STYLES)
def test_same_arguments_give_identical_bytes(style):
    a = designed_background((180, 320), style, NEWS, seed=3)
    b = designed_background((180, 320), style, NEWS, seed=3)
    assert a.mode == "RGB" and a.size == (180, 320)
    assert png(a) == png(b)


@pytest.mark.parametrize("palette", [NEWS, LIGHT, MONO])
@pytest.mark.parametrize("style", ["gradient", "pattern", "shapes"])
def test_every_slide_looks_different(style, palette):
    images = [np.asarray(designed_background((120, 150), style, palette, seed), dtype=np.int16) for seed in range(8)]
    for a, b in itertools.combinations(images, 2):
        assert np.abs(a - b).mean() > 3.0  # mean difference of several levels: visible, not dithering noise


def test_solid_is_the_background_colour():
    img = designed_background((50, 40), "solid", NEWS, seed=9)
    assert img.getcolors() == [(2000, (11, 31, 58))]


@pytest.mark.parametrize("style", ["gradient", "pattern", "shapes"])
def test_backgrounds_stay_in_the_palette(style):
    """Every pixel is a blend of the palette (plus dither): no stray hues a brand would object to."""
    palette = Palette.from_colors(NEWS)
    img = np.asarray(designed_background((160, 200), style, NEWS, seed=5), dtype=np.float64)
    colours = np.array([palette.background, palette.accent, palette.secondary, (0, 0, 0)], dtype=np.float64)
    lo, hi = colours.min(axis=0) - 1, colours.max(axis=0) + 1
    assert (img >= lo).all() and (img <= hi).all()
    # The base colour dominates: the median pixel is within a third of the way to the accent.
    median = np.median(img.reshape(-1, 3), axis=0)
    span = np.abs(np.array(palette.accent) - np.array(palette.background)).sum()
    assert np.abs(median - np.array(palette.background)).sum() < span / 2


def test_shapes_use_the_accent_colour():
    accent = np.array(parse_color(NEWS[1]))
    found = False
    for seed in range(4):
        img = np.asarray(designed_background((200, 250), "shapes", NEWS, seed), dtype=np.int16)
        found = found or (np.abs(img - accent).sum(axis=2) < 120).mean() > 0.02
    assert found


def test_gradient_is_smooth():
    img = np.asarray(designed_background((300, 400), "gradient", NEWS, seed=0), dtype=np.int16)
    assert np.abs(np.diff(img, axis=0)).max() <= 3 and np.abs(np.diff(img, axis=1)).max() <= 3
    assert np.abs(img[0, 0] - img[-1, -1]).sum() > 60  # and actually goes somewhere


@pytest.mark.parametrize("size", [(1, 1), (7, 3), (3, 700)])
def test_tiny_and_odd_sizes(size):
    for style in STYLES:
        assert designed_background(size, style, NEWS, seed=2).size == size


def test_palette_parsing():
    assert parse_color("#fff") == (255, 255, 255)
    assert parse_color("navy") == (0, 0, 128)
    assert parse_color((1, 2, 3, 4)) == (1, 2, 3)
    assert Palette.from_colors("#000000").accent == (64, 64, 64)  # derived: lighter on a dark base
    assert Palette.from_colors((250, 250, 250)).accent == (188, 188, 188)  # a single RGB tuple, darker on light
    two = Palette.from_colors(["#000000", "#ff0000"])
    assert two.secondary == (128, 0, 0)


@pytest.mark.parametrize("bad", ["#12", "not-a-colour", (1, 2), (300, 0, 0), []])
def test_bad_colours_raise_theme_error(bad):
    with pytest.raises(ThemeError):
        designed_background((10, 10), "gradient", bad, seed=0)


def test_unknown_style():
    with pytest.raises(ThemeError, match="unknown background style 'plaid'"):
        designed_background((10, 10), "plaid", NEWS)
