"""Pixels over time: transitions and Ken Burns, and the one function that says what frame N looks like.

`FrameRenderer.frame(n)` (and `frame_at(timeline, cards, t)`) is shared by the MP4 writer, the PNG/GIF previews
and the tests, so a preview frame is exactly the encoded frame before compression.

Speed is the design constraint: a still card is converted to an array once and that same read-only array is
returned for every frame it holds; only transition and Ken Burns frames compute pixels. Ken Burns resamples the
photo layer with a fractional crop box (sub-pixel, so slow pans do not jump a whole pixel at a time) and pastes
the card's overlay (text, scrim, credit, logo) unscaled on top, so the text stays sharp and still.
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
from .timeline import KenBurns, Segment, Timeline, Transition

Resample = Image.Resampling
ZOOM_TRANSITION = 1.25  # how far the cards are magnified at the cut of a `zoom` transition
WIPE_FEATHER = 1 / 12  # soft edge of a wipe, as a fraction of the frame side it crosses


def smoothstep(p: float) -> float:
    """Ease in and out: moving transitions start and stop gently."""
    p = min(1.0, max(0.0, p))
    return p * p * (3.0 - 2.0 * p)


def ken_burns_box(motion: KenBurns, progress: float, size: tuple[int, int]) -> tuple[float, float, float, float]:
    """The window of the photo shown at `progress` (0..1) as a fractional (left, top, right, bottom) box.

    Zoom interpolates geometrically (constant apparent speed); the window never leaves the photo.
    """
    w, h = size
    q = min(1.0, max(0.0, progress))
    zoom = motion.zoom_from * (motion.zoom_to / motion.zoom_from) ** q
    bw, bh = w / zoom, h / zoom
    cx = (motion.centre_from[0] + (motion.centre_to[0] - motion.centre_from[0]) * q) * w
    cy = (motion.centre_from[1] + (motion.centre_to[1] - motion.centre_from[1]) * q) * h
    cx = min(w - bw / 2, max(bw / 2, cx))
    cy = min(h - bh / 2, max(bh / 2, cy))
    return (cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2)


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
    dx, dy = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}[transition.direction]
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
    w, h = size
    dx, dy = direction
    n = w if dx else h
    band = max(1.0, n * WIPE_FEATHER)
    # s: distance from the side the edge starts at; the edge sweeps s = 0 -> n + band, b shows behind it.
    centres = np.arange(n, dtype=np.float32) + 0.5
    s = centres if (dx or dy) > 0 else n - centres
    ramp = np.clip((e * (n + band) - s) / band, 0.0, 1.0)
    line = np.round(ramp * 255).astype(np.uint8)
    grid = np.broadcast_to(line[None, :], (h, w)) if dx else np.broadcast_to(line[:, None], (h, w))
    return Image.fromarray(np.ascontiguousarray(grid))


class FrameRenderer:
    """Frames of one timeline from its cards, with the per-card work cached.

    Keeps at most `cache_cards` cards' still arrays and motion layers, so memory does not grow with the number
    of cards or the video's length (frames are asked for in order). Safe to call from several threads.
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
            if cards[seg.card].size != timeline.size:
                w, h = cards[seg.card].size
                raise RenderError(
                    f"card {seg.card + 1} is {w}x{h} but the video is {timeline.size[0]}x{timeline.size[1]}"
                )
        self.timeline = timeline
        self.cards = cards
        self.resample = resample
        self.ken_burns = ken_burns
        self._cache_size = max(2, cache_cards)
        self._stills: OrderedDict[int, tuple[Image.Image, np.ndarray]] = OrderedDict()
        self._layers: OrderedDict[int, _Layers] = OrderedDict()
        self._lock = threading.Lock()  # frames may be drawn in worker threads (see writers.video)

    @property
    def frame_count(self) -> int:
        return self.timeline.frame_count

    def still(self, card: int) -> np.ndarray:
        """Card `card` as a read-only (H, W, 3) uint8 array: the same object every time while cached."""
        return self._still(card)[1]

    def _still(self, card: int) -> tuple[Image.Image, np.ndarray]:
        with self._lock:
            hit = self._stills.get(card)
            if hit is not None:
                self._stills.move_to_end(card)
                return hit
        image = self.cards[card].image
        image = image if image.mode == "RGB" else image.convert("RGB")
        array = np.array(image, dtype=np.uint8)
        array.flags.writeable = False
        with self._lock:
            hit = self._stills.setdefault(card, (image, array))  # another thread may have been first
            while len(self._stills) > self._cache_size:
                self._stills.popitem(last=False)
        return hit

    def _layers_for(self, card: int) -> _Layers:
        with self._lock:
            hit = self._layers.get(card)
            if hit is not None:
                self._layers.move_to_end(card)
                return hit
        layers = _layers(self.cards[card])
        with self._lock:
            hit = self._layers.setdefault(card, layers)
            while len(self._layers) > self._cache_size:
                self._layers.popitem(last=False)
        return hit

    def _moving(self, seg: Segment) -> bool:
        return self.ken_burns and seg.motion is not None and self.cards[seg.card].has_motion_layers

    def is_still(self, index: int) -> bool:
        """True when frame `index` is a card's still image (no transition, no motion)."""
        active = self.timeline.active(index)
        return len(active) == 1 and not self._moving(active[0])

    def _card_image(self, seg: Segment, index: int) -> Image.Image:
        if not self._moving(seg):
            return self._still(seg.card)[0]
        assert seg.motion is not None
        progress = (index - seg.start_frame + 0.5) / seg.frames
        return ken_burns_frame(self._layers_for(seg.card), seg.motion, progress, self.timeline.size, self.resample)

    def image(self, index: int) -> Image.Image:
        """Frame `index` as an RGB image (for still frames: the card's own image, do not modify it)."""
        active = self.timeline.active(index)
        if not active:
            raise RenderError(f"frame {index} is outside the video (0 to {self.frame_count - 1})")
        if len(active) == 1:
            return self._card_image(active[0], index)
        old, new = active[0], active[-1]
        progress = (index - new.start_frame + 0.5) / new.transition_frames
        return transition_frame(
            self._card_image(old, index), self._card_image(new, index), new.transition, progress, self.resample
        )

    def frame(self, index: int) -> np.ndarray:
        """Frame `index` as an (H, W, 3) uint8 array; still frames return the cached read-only array."""
        active = self.timeline.active(index)
        if len(active) == 1 and not self._moving(active[0]):
            return self._still(active[0].card)[1]
        return np.asarray(self.image(index))

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
