"""Pixels over time: transitions and Ken Burns, and the one object that says what frame N looks like.

`FrameRenderer` gives each frame two ways: `image(n)`/`frame(n)` in RGB (PNG and GIF previews, tests: the exact
frame) and `planes(n)` as BT.709 yuv420p (the MP4 writer; `video.planes` does the same maths on the planes, so
the two agree up to rounding and chroma subsampling).

Speed is the design constraint: a still card is converted once (to an RGB array, or to planes) and that same
read-only buffer is returned for every frame it holds; only transition and Ken Burns frames compute pixels.
Ken Burns resamples the photo layer with a fractional crop box (sub-pixel, so slow pans do not jump a whole
pixel at a time) and pastes the card's overlay (text, scrim, credit, logo) unscaled on top, so the text stays
sharp and still. Cards may be drawn lazily (`cards` is any sequence): each is asked for once per cache miss.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image

from ..cards.card import Card
from ..errors import RenderError
from . import yuv
from .motion import DIRECTION, ZOOM_TRANSITION, ken_burns_box, smoothstep, wipe_grid
from .planes import PlaneLayers, ken_burns_planes, plane_layers, transition_planes
from .timeline import KenBurns, Segment, Timeline, Transition

Resample = Image.Resampling


@dataclass
class _Layers:
    """A card's photo layer and its overlay split for fast pasting (overlay RGB + alpha, cropped to ink)."""

    background: Image.Image
    overlay_rgb: Image.Image | None
    overlay_alpha: Image.Image | None
    overlay_box: tuple[int, int, int, int] | None


def _layers(card: Card) -> _Layers:
    assert card.background is not None and card.overlay is not None
    bg = card.background if card.background.mode == "RGB" else card.background.convert("RGB")
    overlay = card.overlay if card.overlay.mode == "RGBA" else card.overlay.convert("RGBA")
    alpha = overlay.getchannel("A")
    box = alpha.getbbox()
    if box is None:
        return _Layers(bg, None, None, None)
    return _Layers(bg, overlay.convert("RGB").crop(box), alpha.crop(box), box)


def ken_burns_frame(
    layers: _Layers | Card,
    motion: KenBurns,
    progress: float,
    size: tuple[int, int],
    resample: Resample = Resample.BICUBIC,
) -> Image.Image:
    """The card at `progress` through its Ken Burns move: the photo resampled, the overlay pasted sharp."""
    if isinstance(layers, Card):
        layers = _layers(layers)
    bg = layers.background
    left, top, right, bottom = ken_burns_box(motion, progress, size)
    sx, sy = bg.width / size[0], bg.height / size[1]  # a photo layer larger than the card is allowed
    frame = bg.resize(size, resample, box=(left * sx, top * sy, right * sx, bottom * sy))
    if layers.overlay_rgb is not None and layers.overlay_box is not None:
        frame.paste(layers.overlay_rgb, layers.overlay_box[:2], layers.overlay_alpha)
    return frame


def _lut_scale(k: float) -> list[int]:
    return [round(v * k) for v in range(256)] * 3


def transition_frame(
    a: Image.Image, b: Image.Image, transition: Transition, progress: float, resample: Resample = Resample.BICUBIC
) -> Image.Image:
    """Card `a` giving way to card `b`, `progress` (0..1) through `transition`. Both are RGB at the same size."""
    p = min(1.0, max(0.0, progress))
    kind = transition.kind
    w, h = a.size
    if kind == "cut":
        return b if p >= 0.5 else a
    if kind == "crossfade":
        return Image.blend(a, b, p)
    if kind == "fade":  # through black: a fades out over the first half, b fades in over the second
        return a.point(_lut_scale(1.0 - 2.0 * p)) if p < 0.5 else b.point(_lut_scale(2.0 * p - 1.0))
    e = smoothstep(p)
    dx, dy = DIRECTION[transition.direction]
    if kind in ("slide", "push"):
        # b travels in direction (dx, dy) from just off-screen to its place; with push, a travels ahead of it.
        bx, by = round(-dx * w * (1 - e)), round(-dy * h * (1 - e))
        out = a.copy() if kind == "slide" else Image.new("RGB", (w, h))
        if kind == "push":
            out.paste(a, (bx + dx * w, by + dy * h))
        out.paste(b, (bx, by))
        return out
    if kind == "wipe":
        return Image.composite(b, a, _wipe_mask((w, h), (dx, dy), e))
    if kind == "zoom":
        # The camera rushes forward through the cut: a zooms in as it fades out, b arrives zoomed in and settles.
        out_a = _zoomed(a, 1.0 + (ZOOM_TRANSITION - 1.0) * e, resample)
        out_b = _zoomed(b, ZOOM_TRANSITION - (ZOOM_TRANSITION - 1.0) * e, resample)
        return Image.blend(out_a, out_b, e)
    raise RenderError(f"unknown transition {kind!r}")


def _zoomed(image: Image.Image, zoom: float, resample: Resample) -> Image.Image:
    """`image` magnified by `zoom` about its centre, same size (sub-pixel crop box)."""
    w, h = image.size
    bw, bh = w / zoom, h / zoom
    return image.resize((w, h), resample, box=((w - bw) / 2, (h - bh) / 2, (w + bw) / 2, (h + bh) / 2))


def _wipe_mask(size: tuple[int, int], direction: tuple[int, int], e: float) -> Image.Image:
    """'L' mask, 255 where b shows: a feathered edge that travels in `direction` across the frame."""
    return Image.fromarray(np.ascontiguousarray(wipe_grid(size, direction, e)))


@dataclass
class _Entry:
    """One card's cached forms, each made on first use: RGB image and array, planes, motion layers."""

    card: Card
    image: Image.Image
    array: np.ndarray | None = None
    planes: np.ndarray | None = None
    layers: _Layers | None = None
    plane_layers: PlaneLayers | None = None


class FrameRenderer:
    """Frames of one timeline from its cards, with the per-card work cached.

    `cards` may draw lazily (any sequence whose item `i` is card `i`): a card is asked for when a frame first
    needs it and again only after it left the cache. At most `cache_cards` cards are kept, so memory does not
    grow with the number of cards or the video's length (frames are asked for in order). Thread-safe.
    """

    def __init__(
        self,
        timeline: Timeline,
        cards: Sequence[Card],
        *,
        resample: Resample = Resample.BICUBIC,
        ken_burns: bool = True,
        cache_cards: int = 4,
    ) -> None:
        for seg in timeline.segments:
            if not 0 <= seg.card < len(cards):
                raise RenderError(f"the timeline refers to card {seg.card + 1} but there are {len(cards)} cards")
        self.timeline = timeline
        self.cards = cards
        self.resample = resample
        self.ken_burns = ken_burns
        self._cache_size = max(2, cache_cards)
        self._entries: OrderedDict[int, _Entry] = OrderedDict()
        self._lock = threading.RLock()  # frames may be drawn in worker threads (see writers.mp4)

    @property
    def frame_count(self) -> int:
        return self.timeline.frame_count

    def _entry(self, card: int) -> _Entry:
        with self._lock:
            hit = self._entries.get(card)
            if hit is not None:
                self._entries.move_to_end(card)
                return hit
            c = self.cards[card]  # drawn here if the sequence is lazy: once, under the lock
            if c.size != self.timeline.size:
                w, h = c.size
                tw, th = self.timeline.size
                raise RenderError(f"card {card + 1} is {w}x{h} but the video is {tw}x{th}")
            entry = _Entry(c, c.image if c.image.mode == "RGB" else c.image.convert("RGB"))
            self._entries[card] = entry
            while len(self._entries) > self._cache_size:
                self._entries.popitem(last=False)
            return entry

    def card(self, index: int) -> Card:
        return self._entry(index).card

    def still(self, card: int) -> np.ndarray:
        """Card `card` as a read-only (H, W, 3) uint8 array: the same object every time while cached."""
        entry = self._entry(card)
        if entry.array is None:
            array = np.array(entry.image, dtype=np.uint8)
            array.flags.writeable = False
            entry.array = array
        return entry.array

    def still_planes(self, card: int) -> np.ndarray:
        """Card `card` as a read-only flat yuv420p buffer, converted once."""
        entry = self._entry(card)
        if entry.planes is None:
            entry.planes = yuv.rgb_to_yuv420(entry.image)
        return entry.planes

    def _layers_for(self, card: int) -> _Layers:
        entry = self._entry(card)
        if entry.layers is None:
            entry.layers = _layers(entry.card)
        return entry.layers

    def _plane_layers_for(self, card: int) -> PlaneLayers:
        entry = self._entry(card)
        if entry.plane_layers is None:
            c = entry.card
            assert c.background is not None and c.overlay is not None
            entry.plane_layers = plane_layers(c.background, c.overlay)
        return entry.plane_layers

    def _moving(self, seg: Segment) -> bool:
        return self.ken_burns and seg.motion is not None and self._entry(seg.card).card.has_motion_layers

    def is_still(self, index: int) -> bool:
        """True when frame `index` is a card's still image (no transition, no motion)."""
        active = self.timeline.active(index)
        return len(active) == 1 and not self._moving(active[0])

    def repeats_previous(self, index: int) -> bool:
        """True when frame `index` is the frame before it again (inside a still hold). Decided from the timeline
        alone, drawing nothing: a card planned to move counts as moving even if its photo later fails."""
        if index <= 0:
            return False
        now, before = self.timeline.active(index), self.timeline.active(index - 1)
        return len(now) == 1 and now == before and not (self.ken_burns and now[0].motion is not None)

    def planned_to_move(self, index: int) -> bool:
        """True when frame `index` is a transition or Ken Burns frame, decided from the timeline alone (drawing
        nothing; as in `repeats_previous`, a card planned to move counts as moving)."""
        active = self.timeline.active(index)
        return len(active) > 1 or (self.ken_burns and len(active) == 1 and active[0].motion is not None)

    def _progress(self, seg: Segment, index: int) -> float:
        return (index - seg.start_frame + 0.5) / seg.frames

    def _card_image(self, seg: Segment, index: int) -> Image.Image:
        if not self._moving(seg):
            return self._entry(seg.card).image
        assert seg.motion is not None
        layers = self._layers_for(seg.card)
        return ken_burns_frame(layers, seg.motion, self._progress(seg, index), self.timeline.size, self.resample)

    def _card_planes(self, seg: Segment, index: int) -> np.ndarray:
        if not self._moving(seg):
            return self.still_planes(seg.card)
        assert seg.motion is not None
        layers = self._plane_layers_for(seg.card)
        return ken_burns_planes(layers, seg.motion, self._progress(seg, index), self.timeline.size, self.resample)

    def _active(self, index: int) -> tuple[Segment, ...]:
        active = self.timeline.active(index)
        if not active:
            raise RenderError(f"frame {index} is outside the video (0 to {self.frame_count - 1})")
        return active

    def image(self, index: int) -> Image.Image:
        """Frame `index` as an RGB image (for still frames: the card's own image, do not modify it)."""
        active = self._active(index)
        if len(active) == 1:
            return self._card_image(active[0], index)
        old, new = active[0], active[-1]
        progress = (index - new.start_frame + 0.5) / new.transition_frames
        return transition_frame(
            self._card_image(old, index), self._card_image(new, index), new.transition, progress, self.resample
        )

    def frame(self, index: int) -> np.ndarray:
        """Frame `index` as an (H, W, 3) uint8 array; still frames return the cached read-only array."""
        active = self._active(index)
        if len(active) == 1 and not self._moving(active[0]):
            return self.still(active[0].card)
        return np.asarray(self.image(index))

    def planes(self, index: int) -> np.ndarray:
        """Frame `index` as a flat BT.709 yuv420p buffer (what the MP4 writer pipes to the encoder); still
        frames return the card's cached read-only buffer."""
        active = self._active(index)
        if len(active) == 1:
            return self._card_planes(active[0], index)
        old, new = active[0], active[-1]
        progress = (index - new.start_frame + 0.5) / new.transition_frames
        a, b = self._card_planes(old, index), self._card_planes(new, index)
        return transition_planes(a, b, self.timeline.size, new.transition, progress, self.resample)

    def frame_at(self, t: float) -> np.ndarray:
        """The frame on screen at `t` seconds."""
        return self.frame(self.timeline.frame_index(t))


def frame_at(timeline: Timeline, cards: Sequence[Card], t: float) -> np.ndarray:
    """The exact frame of the video at `t` seconds, as an (H, W, 3) uint8 array (see `FrameRenderer`)."""
    return FrameRenderer(timeline, cards).frame_at(t)


__all__ = [
    "FrameRenderer",
    "frame_at",
    "ken_burns_box",
    "ken_burns_frame",
    "smoothstep",
    "transition_frame",
]
