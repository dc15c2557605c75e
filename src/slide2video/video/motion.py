"""The geometry of motion, shared by the RGB frames (`frames`) and the yuv420p planes (`planes`): easing, the
Ken Burns window, and the wipe's travelling edge."""

from __future__ import annotations

import numpy as np

from .timeline import KenBurns

ZOOM_TRANSITION = 1.25  # how far the cards are magnified at the cut of a `zoom` transition
WIPE_FEATHER = 1 / 12  # soft edge of a wipe, as a fraction of the frame side it crosses
DIRECTION = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}


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


def wipe_line(n: int, sign: int, e: float, step: int = 1) -> np.ndarray:
    """The wipe's mask along the axis it travels (uint8, 255 where b shows), sampled every `step` pixels at the
    samples' centres (step 2: the chroma planes). The feathered edge sweeps from the side it starts at."""
    band = max(1.0, n * WIPE_FEATHER)
    # s: distance from the side the edge starts at; the edge sweeps s = 0 -> n + band, b shows behind it.
    centres = np.arange(0, n, step, dtype=np.float32) + step / 2
    s = centres if sign > 0 else n - centres
    ramp = np.clip((e * (n + band) - s) / band, 0.0, 1.0)
    line: np.ndarray = np.round(ramp * 255).astype(np.uint8)
    return line


def wipe_grid(size: tuple[int, int], direction: tuple[int, int], e: float, step: int = 1) -> np.ndarray:
    w, h = size
    dx, dy = direction
    line = wipe_line(w if dx else h, dx or dy, e, step)
    shape = (h // step, w // step)
    return np.broadcast_to(line[None, :], shape) if dx else np.broadcast_to(line[:, None], shape)
