"""WCAG maths, measuring text contrast on real pixels, scrim shapes, and the scrim search."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from slide2video.cards.contrast import (
    SCRIM_STYLES,
    best_scrim_color,
    contrast_ratio,
    ensure_contrast,
    relative_luminance,
    scrim_layer,
    worst_contrast,
)
from slide2video.cards.images import fit_cover, load_image
from slide2video.paths import data_dir

WHITE, BLACK = (255, 255, 255), (0, 0, 0)
SIZE = (216, 270)  # a 1080x1350 card at 1/5: the maths does not depend on scale
REGION = (16, 160, 200, 254)  # a bottom text block


def composite(background: Image.Image, scrim: Image.Image) -> Image.Image:
    return Image.alpha_composite(background.convert("RGBA"), scrim).convert("RGB")


# ------------------------------------------------------------------------------------------------- WCAG maths


def test_known_wcag_values():
    assert relative_luminance(BLACK) == 0.0 and relative_luminance(WHITE) == pytest.approx(1.0)
    assert contrast_ratio(BLACK, WHITE) == pytest.approx(21.0)
    assert contrast_ratio((0x77, 0x77, 0x77), WHITE) == pytest.approx(4.48, abs=0.01)  # fails AA by a hair
    assert contrast_ratio((0x76, 0x76, 0x76), WHITE) == pytest.approx(4.54, abs=0.01)  # the lightest AA grey
    assert contrast_ratio((255, 0, 0), WHITE) == pytest.approx(4.0, abs=0.01)
    assert relative_luminance((0, 0, 255)) == pytest.approx(0.0722)


rgb = st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255))


@given(rgb, rgb)
def test_contrast_is_symmetric_and_bounded(a, b):
    ratio = contrast_ratio(a, b)
    assert 1.0 <= ratio <= 21.0 + 1e-9
    assert ratio == pytest.approx(contrast_ratio(b, a))
    assert contrast_ratio(a, a) == pytest.approx(1.0)


def test_best_scrim_color():
    assert best_scrim_color(WHITE) == BLACK
    assert best_scrim_color((20, 20, 40)) == WHITE
    assert best_scrim_color((255, 220, 0)) == BLACK


# ----------------------------------------------------------------------------------------------- measurement


def test_worst_contrast_of_a_flat_background_is_the_plain_ratio():
    bg = Image.new("RGB", SIZE, (0x77, 0x77, 0x77))
    assert worst_contrast(WHITE, bg, REGION) == pytest.approx(contrast_ratio(WHITE, (0x77, 0x77, 0x77)))


def test_single_noisy_pixels_do_not_decide_but_real_patches_do():
    bg = Image.new("RGB", SIZE, BLACK)
    for x, y in [(30, 170), (100, 200), (150, 240)]:
        bg.putpixel((x, y), WHITE)  # three hot pixels: invisible behind text
    assert worst_contrast(WHITE, bg, REGION) > 15
    bg.paste(WHITE, (60, 180, 80, 200))  # a 20x20 bright patch: as big as a letter
    assert worst_contrast(WHITE, bg, REGION) < 1.5


def test_worst_contrast_only_looks_inside_the_box():
    bg = Image.new("RGB", SIZE, BLACK)
    bg.paste(WHITE, (0, 0, SIZE[0], 100))  # bright sky above the text
    assert worst_contrast(WHITE, bg, REGION) == pytest.approx(21.0)
    assert worst_contrast(WHITE, bg, (0, 50, 216, 150)) < 1.5
    assert worst_contrast(WHITE, bg, (-50, 150, 900, 900)) == pytest.approx(21.0)  # clipped to the image
    with pytest.raises(ValueError, match="does not overlap"):
        worst_contrast(WHITE, bg, (300, 300, 400, 400))


# ------------------------------------------------------------------------------------------------------ scrims


def alpha(layer: Image.Image) -> np.ndarray:
    assert layer.mode == "RGBA" and layer.size == SIZE
    return np.asarray(layer.getchannel("A"), dtype=np.int16)


def test_gradient_scrim_fades_in_towards_bottom_text():
    a = alpha(scrim_layer(SIZE, REGION, "gradient", BLACK, 0.6))
    column = a[:, 100]
    full = round(0.6 * 255)
    assert column[0] == 0 and (column[REGION[1] :] == full).all()  # full over the text and down to the edge
    assert (np.diff(column) >= 0).all()  # only ever gets stronger towards the text
    assert 0 < column[REGION[1] - 30] < full  # a soft ramp, not a hard edge
    assert (a == a[:, :1]).all()  # full width


def test_gradient_scrim_for_top_and_centred_text():
    top = alpha(scrim_layer(SIZE, (16, 16, 200, 80), "gradient", BLACK, 1.0))[:, 50]
    assert top[0] == 255 and top[-1] == 0 and (np.diff(top) <= 0).all()
    mid = alpha(scrim_layer(SIZE, (16, 110, 200, 160), "gradient", BLACK, 1.0))[:, 50]
    assert mid[0] == 0 and mid[-1] == 0 and (mid[110:160] == 255).all()


def test_solid_scrim_is_a_flat_panel():
    a = alpha(scrim_layer(SIZE, (0, 150, 216, 270), "solid", (10, 20, 30), 0.5))
    assert (a[150:, :] == 128).all() and (a[:150, :] == 0).all()


def test_box_scrim_is_a_padded_rounded_box():
    layer = scrim_layer(SIZE, (50, 100, 150, 140), "box", (10, 20, 30), 1.0, padding=10, radius=8)
    a = alpha(layer)
    assert (a[100:140, 50:150] == 255).all()  # the text area
    assert a[95, 45] == 255 and a[90, 100] == 255  # the padding
    assert a[90, 40] == 0  # the rounded corner is cut
    assert a[80, 100] == 0 and a[120, 30] == 0  # outside
    assert layer.getpixel((100, 120)) == (10, 20, 30, 255)


def test_unknown_scrim_style():
    with pytest.raises(ValueError, match="unknown scrim style"):
        scrim_layer(SIZE, REGION, "plaid", BLACK, 1.0)


# ---------------------------------------------------------------------------------------------- ensure_contrast


@pytest.mark.parametrize("style", SCRIM_STYLES)
def test_white_text_on_a_white_photo_gets_enough_scrim(style):
    bg = Image.new("RGB", SIZE, WHITE)
    scrim, strength, ratio = ensure_contrast(bg, REGION, WHITE, style, BLACK)
    assert ratio >= 4.5
    assert worst_contrast(WHITE, composite(bg, scrim), REGION) == pytest.approx(ratio)  # measured, not modelled
    assert 0.5 < strength < 0.6  # (1 - s) * 255 must reach ~118: the weakest scrim that works
    weaker = scrim_layer(SIZE, REGION, style, BLACK, strength - 3 / 255)
    assert worst_contrast(WHITE, composite(bg, weaker), REGION) < 4.5


def test_noisy_photo():
    rng = np.random.default_rng(7)
    bg = Image.fromarray(rng.integers(0, 256, (SIZE[1], SIZE[0], 3), dtype=np.uint8))
    scrim, strength, ratio = ensure_contrast(bg, REGION, WHITE, "gradient", BLACK, min_strength=0.1)
    assert ratio >= 4.5 and 0.1 < strength < 1.0
    assert worst_contrast(WHITE, composite(bg, scrim), REGION) == pytest.approx(ratio)


def test_real_photo_and_dark_text_on_light_scrim():
    photo = fit_cover(load_image(data_dir("assets") / "photos" / "astronaut.png"), SIZE)
    for text, scrim_color in ((WHITE, BLACK), ((20, 20, 20), WHITE)):
        scrim, _, ratio = ensure_contrast(photo, REGION, text, "box", scrim_color)
        assert ratio >= 4.5
        assert worst_contrast(text, composite(photo, scrim), REGION) >= 4.5


def test_already_legible_keeps_the_theme_strength():
    bg = Image.new("RGB", SIZE, (10, 10, 30))
    scrim, strength, ratio = ensure_contrast(bg, REGION, WHITE, "gradient", BLACK, min_strength=0.25)
    assert strength == 0.25 and ratio >= 4.5
    assert alpha(scrim)[-1, 0] == round(0.25 * 255)


def test_impossible_target_returns_the_best_and_says_so():
    bg = Image.new("RGB", SIZE, (200, 200, 200))
    # White text with a white scrim can only get worse: the best is no scrim at all.
    _, strength, ratio = ensure_contrast(bg, REGION, WHITE, "solid", WHITE)
    assert strength == 0.0 and ratio == pytest.approx(contrast_ratio(WHITE, (200, 200, 200)))
    # A mid-grey scrim helps, but not enough even when opaque: the caller gets the best it can do.
    _, strength, ratio = ensure_contrast(bg, REGION, WHITE, "solid", (128, 128, 128), max_strength=1.0)
    assert strength == 1.0 and ratio == pytest.approx(contrast_ratio(WHITE, (128, 128, 128))) and ratio < 4.5


def test_max_strength_caps_the_search():
    bg = Image.new("RGB", SIZE, WHITE)
    _, strength, ratio = ensure_contrast(bg, REGION, WHITE, "gradient", BLACK, max_strength=0.3)
    assert strength == 0.3 and ratio < 4.5


@given(
    st.lists(st.tuples(*(st.integers(0, 255),) * 3), min_size=1, max_size=300),
    st.floats(0.0, 1.0),
    st.sampled_from([0.0, 0.5, 3.0, 50.0, 100.0]),
)
def test_the_percentile_statistic_is_numpys_lower_percentile(pixels, text_lum, percentile) -> None:
    """The search's statistic (luminance in place, one partition) is exactly np.percentile's "lower" element of
    the per-pixel WCAG ratios computed the plain way."""
    from slide2video.cards.contrast import _LUT, _percentile_ratio

    arr = np.array(pixels, dtype=np.uint8).reshape(-1, 1, 3)
    lum = (_LUT[0][arr[..., 0]] + _LUT[1][arr[..., 1]] + _LUT[2][arr[..., 2]]).ravel()
    ratios = (np.maximum(lum, text_lum) + 0.05) / (np.minimum(lum, text_lum) + 0.05)
    assert _percentile_ratio(arr, text_lum, percentile) == float(np.percentile(ratios, percentile, method="lower"))
