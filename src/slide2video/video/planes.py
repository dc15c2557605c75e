"""Transitions and Ken Burns computed on yuv420p planes: the same maths as `frames`, half the bytes of RGB.

Crossfades and fades are one Pillow blend over the whole I420 buffer (the conversion is affine, so blending
planes equals blending RGB). Slides and pushes copy plane regions (chroma moved by the rounded half of luma's
whole-pixel offset). Wipes composite with a mask laid out like the frame (full-size luma mask, half-size
chroma masks sampled at the chroma samples' centres). Ken Burns resamples only the photo layer's planes (luma at
full size, chroma at half) through the fractional window and pastes the overlay's pre-converted planes on top.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from . import yuv
from .motion import DIRECTION, ZOOM_TRANSITION, ken_burns_box, smoothstep, wipe_grid
from .timeline import KenBurns, Transition

Size = tuple[int, int]
Resample = Image.Resampling


def transition_planes(
    a: np.ndarray, b: np.ndarray, size: Size, transition: Transition, progress: float, resample: Resample
) -> np.ndarray:
    """Frame `a` giving way to frame `b` (flat I420 buffers of `size`), `progress` (0..1) through `transition`."""
    p = min(1.0, max(0.0, progress))
    kind = transition.kind
    w, h = size
    if kind == "cut":
        return b if p >= 0.5 else a
    if kind == "crossfade":
        return yuv.blend(a, b, p, size)
    if kind == "fade":
        dark = yuv.black(size)
        return yuv.blend(a, dark, 2.0 * p, size) if p < 0.5 else yuv.blend(dark, b, 2.0 * p - 1.0, size)
    e = smoothstep(p)
    dx, dy = DIRECTION[transition.direction]
    if kind in ("slide", "push"):
        bx, by = round(-dx * w * (1 - e)), round(-dy * h * (1 - e))
        out = np.array(a if kind == "slide" else yuv.black(size))
        if kind == "push":
            yuv.shifted(out, a, size, bx + dx * w, by + dy * h)
        yuv.shifted(out, b, size, bx, by)
        return out
    if kind == "wipe":
        mask = yuv.join(wipe_grid(size, (dx, dy), e), *(wipe_grid(size, (dx, dy), e, 2),) * 2)
        return yuv.composite(a, b, mask, size)
    if kind == "zoom":
        za = zoomed(a, size, 1.0 + (ZOOM_TRANSITION - 1.0) * e, resample)
        zb = zoomed(b, size, ZOOM_TRANSITION - (ZOOM_TRANSITION - 1.0) * e, resample)
        return yuv.blend(za, zb, e, size)
    raise ValueError(f"unknown transition {kind!r}")


def zoomed(buf: np.ndarray, size: Size, zoom: float, resample: Resample) -> np.ndarray:
    w, h = size
    bw, bh = w / zoom, h / zoom
    box = ((w - bw) / 2, (h - bh) / 2, (w + bw) / 2, (h + bh) / 2)
    return yuv.images_to_buffer(yuv.resized(buf, size, box, size, resample))


@dataclass(frozen=True)
class PlaneLayers:
    """A card's photo layer as planes and its overlay pre-converted for pasting (cropped to an even ink box)."""

    background: np.ndarray
    background_size: Size
    box: tuple[int, int, int, int] | None = None  # even-aligned overlay box, full-size pixels
    luma: Image.Image | None = None
    luma_alpha: Image.Image | None = None
    chroma: tuple[Image.Image, Image.Image] | None = None  # U, V at half size, un-premultiplied
    chroma_alpha: Image.Image | None = None  # each 2x2 block's mean alpha


def plane_layers(background: Image.Image, overlay: Image.Image) -> PlaneLayers:
    """Convert a card's photo layer and overlay once; the overlay's chroma is composited per 2x2 block exactly
    as alpha-compositing at full size and then averaging would give (on a photo flat within the block)."""
    bg = background if background.mode == "RGB" else background.convert("RGB")
    bw, bh = bg.width & ~1, bg.height & ~1
    if (bw, bh) != bg.size:
        bg = bg.crop((0, 0, bw, bh))
    planes = yuv.rgb_to_yuv420(bg)
    rgba = overlay if overlay.mode == "RGBA" else overlay.convert("RGBA")
    ink = rgba.getchannel("A").getbbox()
    if ink is None:
        return PlaneLayers(planes, (bw, bh))
    w, h = rgba.size
    box = (ink[0] & ~1, ink[1] & ~1, min(w & ~1, (ink[2] + 1) & ~1), min(h & ~1, (ink[3] + 1) & ~1))
    crop = np.asarray(rgba.crop(box))
    rgb, alpha = crop[..., :3], crop[..., 3]
    ch, cw = alpha.shape[0] // 2, alpha.shape[1] // 2
    a = alpha.astype(np.float32).reshape(ch, 2, cw, 2).sum(axis=(1, 3))  # 4 * mean alpha, 0..1020
    weighted = (rgb.astype(np.float32) * alpha[..., None]).reshape(ch, 2, cw, 2, 3).sum(axis=(1, 3))
    colour = np.where(a[..., None] > 0, weighted / np.maximum(a, 1.0)[..., None], 0.0)  # un-premultiplied RGB
    u = np.clip(np.rint(colour @ yuv._U + 128.0), 0, 255).astype(np.uint8)
    v = np.clip(np.rint(colour @ yuv._V + 128.0), 0, 255).astype(np.uint8)
    mean_alpha = np.clip(np.rint(a / 4.0), 0, 255).astype(np.uint8)
    return PlaneLayers(
        background=planes,
        background_size=(bw, bh),
        box=box,
        luma=Image.fromarray(yuv.luma(np.ascontiguousarray(rgb))),
        luma_alpha=Image.fromarray(np.ascontiguousarray(alpha)),
        chroma=(Image.fromarray(u), Image.fromarray(v)),
        chroma_alpha=Image.fromarray(mean_alpha),
    )


def ken_burns_planes(
    layers: PlaneLayers, motion: KenBurns, progress: float, size: Size, resample: Resample = Resample.BILINEAR
) -> np.ndarray:
    """The card at `progress` through its move, as a flat I420 buffer: photo planes resampled through the
    window, the overlay's planes pasted sharp and still."""
    left, top, right, bottom = ken_burns_box(motion, progress, size)
    sx, sy = layers.background_size[0] / size[0], layers.background_size[1] / size[1]
    box = (left * sx, top * sy, right * sx, bottom * sy)
    out = yuv.resized(layers.background, layers.background_size, box, size, resample)
    if layers.box is not None and layers.luma is not None and layers.chroma is not None:
        x0, y0 = layers.box[:2]
        out[0].paste(layers.luma, (x0, y0), layers.luma_alpha)
        for plane, over in zip(out[1:], layers.chroma, strict=True):
            plane.paste(over, (x0 // 2, y0 // 2), layers.chroma_alpha)
    return yuv.images_to_buffer(out)


__all__ = ["PlaneLayers", "ken_burns_planes", "plane_layers", "transition_planes", "zoomed"]
