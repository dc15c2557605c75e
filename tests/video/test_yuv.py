"""Frames in yuv420p: the conversion against ffmpeg's own, and the plane maths against the RGB frames."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from cardkit import SIZE, article, flat_card, photo, photo_card, small_preset
from slide2video.video import yuv
from slide2video.video.ffmpeg import ffmpeg_exe
from slide2video.video.frames import FrameRenderer
from slide2video.video.planes import plane_layers
from slide2video.video.timeline import TimelineOptions, Transition, build_timeline

W, H = SIZE


def ffmpeg_yuv(rgb: np.ndarray) -> np.ndarray:
    """ffmpeg's own BT.709 TV-range conversion with box (area) chroma, as a flat I420 buffer."""
    h, w = rgb.shape[:2]
    vf = "scale=out_color_matrix=bt709:out_range=tv:flags=area+accurate_rnd,format=yuv420p"
    cmd = [ffmpeg_exe(), "-v", "error", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}", "-i", "-"]
    proc = subprocess.run([*cmd, "-vf", vf, "-f", "rawvideo", "-"], input=rgb.tobytes(), capture_output=True)
    assert proc.returncode == 0, proc.stderr
    return np.frombuffer(proc.stdout, np.uint8)


def pictures() -> list[np.ndarray]:
    rng = np.random.default_rng(7)
    noise = rng.integers(0, 256, (96, 128, 3), dtype=np.uint8)
    extremes = np.array(
        [[0, 0, 0], [255, 255, 255], [255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 0], [0, 255, 255], [128] * 3],
        np.uint8,
    )
    swatches = np.repeat(np.repeat(extremes[None], 4, 0), 4, 1).reshape(4, 32, 3)
    return [noise, np.asarray(photo(1, (320, 180))), np.tile(swatches, (2, 1, 1)), noise[:6, :10].copy()]


@pytest.mark.parametrize("index", range(4))
def test_conversion_is_within_one_code_value_of_ffmpeg(index):
    rgb = pictures()[index]
    ours = yuv.rgb_to_yuv420(rgb)
    theirs = ffmpeg_yuv(rgb)
    assert ours.shape == theirs.shape == (rgb.shape[0] * rgb.shape[1] * 3 // 2,)
    assert np.abs(ours.astype(int) - theirs.astype(int)).max() <= 1
    assert not ours.flags.writeable


@settings(max_examples=40, deadline=None)
@given(st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255)))
def test_flat_colours_follow_the_bt709_tv_range_formulas(rgb):
    r, g, b = (v / 255 for v in rgb)
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    expect = (16 + 219 * y, 128 + 224 * (b - y) / 1.8556, 128 + 224 * (r - y) / 1.5748)
    out = yuv.rgb_to_yuv420(np.full((4, 6, 3), rgb, np.uint8))
    y_, u_, v_ = yuv.planes(out, (6, 4))
    for plane, value in zip((y_, u_, v_), expect, strict=True):
        assert np.all(np.abs(plane.astype(float) - value) <= 0.5 + 1e-3)
    back = yuv.yuv420_to_rgb(out, (6, 4))
    assert np.abs(back.astype(int) - np.array(rgb)).max() <= 2  # the inverse, for checks


def test_odd_sizes_are_refused():
    with pytest.raises(ValueError, match="even size"):
        yuv.rgb_to_yuv420(np.zeros((5, 4, 3), np.uint8))


TRANSITIONS = ["crossfade", "fade", "slide-left", "push-up", "wipe-right", "wipe-down", "zoom", "cut"]


@pytest.mark.parametrize("kind", TRANSITIONS)
@pytest.mark.parametrize("ken_burns", [False, True])
def test_planes_are_the_rgb_frames_converted(kind, ken_burns):
    """Every frame the MP4 gets equals the exact RGB frame (what previews show) converted, up to rounding."""
    cards = [photo_card(i) for i in range(3)]
    options = TimelineOptions(ken_burns=ken_burns, transition=Transition.parse(kind, 0.6))
    tl = build_timeline(article(3, [2.0] * 3), cards, small_preset(), options)
    renderer = FrameRenderer(tl, cards, resample=Image.Resampling.BILINEAR)
    for i in range(tl.frame_count):
        ours = renderer.planes(i).astype(int)
        exact = yuv.rgb_to_yuv420(renderer.image(i)).astype(int)
        diff = np.abs(ours - exact)
        assert diff[: W * H].max() <= 3 and diff.mean() <= 0.8, (i, diff[: W * H].max(), diff.mean())


def test_still_planes_are_converted_once_and_shared():
    cards = [flat_card(i, (30 * i, 90, 200)) for i in range(2)]
    tl = build_timeline(article(2, [1.0, 1.0]), cards, small_preset(), TimelineOptions())
    renderer = FrameRenderer(tl, cards)
    first, later = renderer.planes(0), renderer.planes(2)
    assert first is later and not first.flags.writeable
    assert np.array_equal(first, yuv.rgb_to_yuv420(cards[0].image))


def test_overlay_chroma_is_composited_per_block_exactly():
    """A half-transparent overlay edge inside a 2x2 block: the block's chroma is the mean of the composite."""
    background = Image.new("RGB", (8, 8), (20, 160, 40))
    overlay = Image.new("RGBA", (8, 8), (0, 0, 0, 0))
    overlay.paste((250, 30, 200, 180), (3, 3, 8, 8))  # starts mid-block: blocks at x, y = 2..3 are mixed
    layers = plane_layers(background, overlay)
    assert layers.box == (2, 2, 8, 8)
    composite = Image.alpha_composite(background.convert("RGBA"), overlay).convert("RGB")
    exact = yuv.rgb_to_yuv420(composite)
    from slide2video.video.planes import ken_burns_planes
    from slide2video.video.timeline import KenBurns

    still = KenBurns("none", 1.0, 1.0)
    out = ken_burns_planes(layers, still, 0.0, (8, 8))
    assert np.abs(out.astype(int) - exact.astype(int)).max() <= 1


@given(
    st.floats(0.0, 0.2),
    st.floats(0.0, 0.2),
    st.floats(1.0, 1.4),
    st.sampled_from([(64, 48), (50, 90)]),
)
def test_bilinear_enlargement_matches_pillows_within_one_code_value(fx: float, fy: float, zoom: float, out) -> None:
    """Ken Burns resamples planes with OpenCV when enlarging: the same window and interpolation as Pillow's
    bilinear resize (pixel centres, clamped edges), so the two agree to 1 code value; shrinking is Pillow's."""
    from slide2video.video.yuv import plane_image, resized_plane

    rng = np.random.default_rng(7)
    plane = rng.integers(0, 256, (out[1], out[0]), dtype=np.uint8)
    plane[:, : out[0] // 2] = np.linspace(0, 255, out[0] // 2, dtype=np.uint8)  # smooth half, noisy half
    w, h = out[0] / zoom, out[1] / zoom
    box = (fx * (out[0] - w), fy * (out[1] - h), fx * (out[0] - w) + w, fy * (out[1] - h) + h)
    ours = np.asarray(resized_plane(plane, box, out, Image.Resampling.BILINEAR)).astype(int)
    pillow = np.asarray(plane_image(plane).resize(out, Image.Resampling.BILINEAR, box=box)).astype(int)
    assert np.abs(ours - pillow).max() <= 1
    small = (out[0] // 2, out[1] // 2)
    shrunk = resized_plane(plane, box, small, Image.Resampling.BILINEAR)
    assert shrunk.tobytes() == plane_image(plane).resize(small, Image.Resampling.BILINEAR, box=box).tobytes()
