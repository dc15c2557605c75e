"""Transition and Ken Burns pixel maths, and the frame renderer's caching."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PIL import Image, ImageDraw

from cardkit import SIZE, article, flat_card, photo_card, small_preset
from slide2video.cards.card import Card
from slide2video.errors import RenderError
from slide2video.video.frames import FrameRenderer, frame_at, ken_burns_box, ken_burns_frame, transition_frame
from slide2video.video.timeline import MOVES, KenBurns, TimelineOptions, Transition, build_timeline

RED, BLUE = (200, 0, 0), (0, 0, 200)
W, H = SIZE


def flat(colour) -> Image.Image:
    return Image.new("RGB", SIZE, colour)


def blue_columns(img: Image.Image) -> int:
    row = np.asarray(img)[H // 2]
    return int((row[:, 2] > 100).sum())


def blue_rows(img: Image.Image) -> int:
    col = np.asarray(img)[:, W // 2]
    return int((col[:, 2] > 100).sum())


@pytest.mark.parametrize("p", [0.05, 0.5, 0.8])
def test_crossfade_is_the_weighted_mix(p):
    out = np.asarray(transition_frame(flat(RED), flat(BLUE), Transition("crossfade"), p)).astype(int)
    assert np.abs(out[..., 0] - 200 * (1 - p)).max() <= 1
    assert np.abs(out[..., 2] - 200 * p).max() <= 1


def test_fade_goes_through_black():
    t = Transition("fade")
    assert np.asarray(transition_frame(flat(RED), flat(BLUE), t, 0.25))[..., 0].max() == 100
    assert np.asarray(transition_frame(flat(RED), flat(BLUE), t, 0.5)).max() == 0
    assert tuple(np.asarray(transition_frame(flat(RED), flat(BLUE), t, 0.75))[0, 0]) == (0, 0, 100)


@pytest.mark.parametrize("kind", ["slide", "push"])
def test_slide_and_push_move_the_new_card_in(kind):
    for direction, measure, side in [("left", blue_columns, W), ("up", blue_rows, H)]:
        t = Transition(kind, 0.5, direction)
        seen = [measure(transition_frame(flat(RED), flat(BLUE), t, p)) for p in (0.0, 0.25, 0.5, 0.75, 1.0)]
        assert seen[0] == 0 and seen[-1] == side
        assert seen[2] == side // 2  # eased: half-way at the midpoint
        assert seen == sorted(seen)
    # Direction left: the new card enters from the right edge.
    mid = np.asarray(transition_frame(flat(RED), flat(BLUE), Transition(kind, 0.5, "left"), 0.5))
    assert tuple(mid[H // 2, -1]) == BLUE and tuple(mid[H // 2, 0]) == RED


def test_push_moves_the_old_card_out():
    a = Image.new("RGB", SIZE, RED)
    ImageDraw.Draw(a).rectangle((0, 0, 9, H), fill=(0, 255, 0))  # a green stripe on the left edge of a
    mid = np.asarray(transition_frame(a, flat(BLUE), Transition("push", 0.5, "right"), 0.5))
    # Pushed right by half the width: the stripe is now in the middle, b fills the left half.
    assert tuple(mid[H // 2, W // 2 + 2]) == (0, 255, 0)
    assert tuple(mid[H // 2, 2]) == BLUE


def test_wipe_has_a_travelling_soft_edge():
    t = Transition("wipe", 0.5, "right")
    assert blue_columns(transition_frame(flat(RED), flat(BLUE), t, 0.0)) == 0
    assert blue_columns(transition_frame(flat(RED), flat(BLUE), t, 1.0)) == W
    row = np.asarray(transition_frame(flat(RED), flat(BLUE), t, 0.5))[0, :, 2].astype(int)
    assert row[0] == 200 and row[-1] == 0  # going right: b shows on the left first
    assert np.all(np.diff(row) <= 0)  # one monotone edge
    assert 0 < ((row > 0) & (row < 200)).sum() <= W // 12 + 1  # feathered, not hard


def test_zoom_starts_at_a_and_ends_at_b():
    a, b = photo_card(0).image, photo_card(1).image
    t = Transition("zoom")
    start = np.asarray(transition_frame(a, b, t, 0.0)).astype(int)
    end = np.asarray(transition_frame(a, b, t, 1.0)).astype(int)
    assert np.abs(start - np.asarray(a)).mean() < 1.0
    assert np.abs(end - np.asarray(b)).mean() < 1.0
    mid = np.asarray(transition_frame(a, b, t, 0.5)).astype(int)
    assert np.abs(mid - np.asarray(a)).mean() > 5 and np.abs(mid - np.asarray(b)).mean() > 5


def test_cut_switches_at_the_midpoint():
    t = Transition("cut", 0)
    assert transition_frame(flat(RED), flat(BLUE), t, 0.4).getpixel((0, 0)) == RED
    assert transition_frame(flat(RED), flat(BLUE), t, 0.6).getpixel((0, 0)) == BLUE


@pytest.mark.parametrize("move", [m for m in MOVES if m != "none"])
def test_ken_burns_window_stays_inside_the_photo(move):
    kb = KenBurns.for_move(move, 1.2, focus=(0.95, 0.05))
    assert kb is not None
    for q in np.linspace(0, 1, 11):
        left, top, right, bottom = ken_burns_box(kb, q, SIZE)
        assert left >= -1e-9 and top >= -1e-9 and right <= W + 1e-9 and bottom <= H + 1e-9
        assert (right - left) / (bottom - top) == pytest.approx(W / H)


def blob_card() -> Card:
    """A dark photo with one soft bright dot, and an overlay with an opaque bar at the bottom."""
    yy, xx = np.mgrid[0:H, 0:W]
    dot = 255 * np.exp(-((xx - 70.0) ** 2 + (yy - 110.0) ** 2) / (2 * 4.0**2))
    background = Image.fromarray(np.dstack([dot] * 3).astype(np.uint8))
    overlay = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    ImageDraw.Draw(overlay).rectangle((0, 240, W, H), fill=(250, 250, 250, 255))
    ImageDraw.Draw(overlay).text((10, 250), "Headline", fill=(0, 0, 0, 255))
    image = Image.alpha_composite(background.convert("RGBA"), overlay).convert("RGB")
    return Card(kind="slide", image=image, slide_index=0, background=background, overlay=overlay)


def centroid(frame: np.ndarray) -> tuple[float, float]:
    lum = frame[:200, :, 0].astype(float)  # above the overlay bar
    lum[lum < 20] = 0
    ys, xs = np.mgrid[0 : lum.shape[0], 0 : lum.shape[1]]
    return float((xs * lum).sum() / lum.sum()), float((ys * lum).sum() / lum.sum())


def ken_burns_frames(move: str, frames: int = 60) -> list[np.ndarray]:
    card = blob_card()
    kb = KenBurns.for_move(move, 1.2)
    assert kb is not None
    return [np.asarray(ken_burns_frame(card, kb, (i + 0.5) / frames, SIZE)) for i in range(frames)]


def test_ken_burns_pan_moves_sub_pixel_and_monotonically():
    frames = ken_burns_frames("pan-right")
    xs = np.array([centroid(f)[0] for f in frames])
    steps = np.diff(xs)
    # The view pans right, so the dot drifts left: 1.2 * 160 * (1 - 1/1.2) = 32 px over 60 frames, 0.53 px a
    # frame. Every step is a fraction of a pixel and about the same: no integer-crop jumps of 0 or 1 px.
    assert np.all(steps < 0)
    assert np.abs(steps + 32 / 60).max() < 0.08
    # Consecutive frames differ, but only slightly.
    diffs = [np.abs(a.astype(int) - b.astype(int)).mean() for a, b in itertools.pairwise(frames)]
    assert min(diffs) > 0 and max(diffs) < 2


def test_ken_burns_zoom_spreads_smoothly_from_the_focus():
    frames = ken_burns_frames("zoom-in")
    dist = np.array([np.hypot(*np.subtract(centroid(f), (W / 2, H / 2))) for f in frames])
    steps = np.diff(dist)
    assert np.all(steps > 0) and steps.max() < 0.5


def test_ken_burns_keeps_the_overlay_sharp_and_still():
    frames = ken_burns_frames("zoom-out", 12)
    bar = [f[240:, :] for f in frames]
    assert all(np.array_equal(bar[0], b) for b in bar[1:])
    assert np.array_equal(bar[0], np.asarray(blob_card().image)[240:, :])


def still_timeline(n: int = 3):
    cards = [flat_card(i, (40 * i, 80, 200 - 40 * i)) for i in range(n)]
    art = article(n, durations=[1.0] * n)
    return build_timeline(art, cards, small_preset(), TimelineOptions()), cards


def test_still_frames_are_one_cached_read_only_array():
    tl, cards = still_timeline()
    renderer = FrameRenderer(tl, cards)
    first, later = renderer.frame(0), renderer.frame(3)
    assert first is later and first is renderer.still(0)
    assert not first.flags.writeable
    assert np.array_equal(first, np.asarray(cards[0].image))
    assert renderer.is_still(2) and not renderer.is_still(tl.segments[1].start_frame)


def test_frame_at_matches_the_renderer_and_mixes_in_transitions():
    tl, cards = still_timeline()
    seg = tl.segments[1]
    t = seg.start + seg.transition.duration / 2
    frame = frame_at(tl, cards, t)
    assert np.array_equal(frame, FrameRenderer(tl, cards).frame(tl.frame_index(t)))
    a, b = np.asarray(cards[0].image).astype(int), np.asarray(cards[1].image).astype(int)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    assert np.all((frame >= lo) & (frame <= hi)) and not np.array_equal(frame, a) and not np.array_equal(frame, b)


def test_cache_is_bounded_and_motion_frames_are_computed():
    cards = [photo_card(i) for i in range(8)]
    tl = build_timeline(article(8, [0.6] * 8), cards, small_preset(), TimelineOptions())
    renderer = FrameRenderer(tl, cards, cache_cards=3)
    frames = [renderer.frame(i) for i in range(tl.frame_count)]
    assert len(renderer._entries) <= 3
    assert all(f.shape == (H, W, 3) and f.dtype == np.uint8 for f in frames)
    assert not np.array_equal(frames[1], frames[2])  # Ken Burns: every frame moves


def test_renderer_refuses_cards_of_the_wrong_size():
    tl, cards = still_timeline()
    cards[1] = flat_card(1, size=(100, 100))
    renderer = FrameRenderer(tl, cards)  # cards may be drawn lazily: checked when a frame first needs one
    with pytest.raises(RenderError, match="card 2 is 100x100"):
        renderer.frame(tl.segments[1].start_frame + tl.segments[1].transition_frames)
