"""Frames as the encoder wants them: BT.709 TV-range yuv420p, converted once per card.

A frame is one flat uint8 buffer in I420 order (Y plane, then U, then V; chroma at half width and height), the
exact bytes ffmpeg reads with `-pix_fmt yuv420p`. Converting a card once and reusing the buffer for every frame
it holds saves the per-frame conversion a raw-RGB pipe makes ffmpeg do, and halves the bytes piped.

The conversion is affine, so blends, fades and alpha composites computed on the planes equal the same operation
on RGB followed by the conversion (up to rounding): transitions and the Ken Burns overlay work on the planes
directly. Chroma is the 2x2 box average (centre-sited), the same as ffmpeg's `scale` with `flags=area`; the
tests hold it to 1 code value of ffmpeg's own conversion.

Pointwise operations go through Pillow on an "L" image view of the whole buffer (C speed, GIL released);
geometry (shifts, wipes) goes through numpy views of the planes.
"""

from __future__ import annotations

import functools
from types import ModuleType

import numpy as np
from PIL import Image

KR, KB = 0.2126, 0.0722  # BT.709 luma weights of red and blue
KG = 1.0 - KR - KB
_Y = np.array([KR, KG, KB], np.float32) * (219.0 / 255.0)
_U = np.array([-KR, -KG, 1.0 - KB], np.float32) * (224.0 / 255.0 / (2.0 * (1.0 - KB)))
_V = np.array([1.0 - KR, -KG, -KB], np.float32) * (224.0 / 255.0 / (2.0 * (1.0 - KR)))

Size = tuple[int, int]


def frame_bytes(size: Size) -> int:
    w, h = size
    return w * h * 3 // 2


def check_size(size: Size) -> None:
    w, h = size
    if w % 2 or h % 2 or w < 2 or h < 2:
        raise ValueError(f"yuv420p needs an even size, not {w}x{h}")


def _round(x: np.ndarray) -> np.ndarray:
    out: np.ndarray = np.clip(np.rint(x), 0, 255).astype(np.uint8)
    return out


_Y_MATRIX = (*(float(k) for k in _Y), 16.0)


def luma(rgb: np.ndarray | Image.Image) -> np.ndarray:
    """Y (16..235) of an RGB picture, rounded: Pillow's matrix conversion, one C pass."""
    image = rgb if isinstance(rgb, Image.Image) else Image.fromarray(np.ascontiguousarray(rgb, np.uint8))
    return np.asarray(image.convert("L", _Y_MATRIX))


def chroma(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """U and V (16..240) of an (H, W, 3) RGB array with even sides, from each 2x2 block's mean (exact: the
    conversion is linear, so the chroma of the mean is the mean of the chroma)."""
    s = rgb[0::2, 0::2].astype(np.uint16)
    s += rgb[1::2, 0::2]
    s += rgb[0::2, 1::2]
    s += rgb[1::2, 1::2]
    total = s.astype(np.float32)
    return _round(total @ (_U / 4.0) + 128.0), _round(total @ (_V / 4.0) + 128.0)


def rgb_to_yuv420(image: Image.Image | np.ndarray) -> np.ndarray:
    """One RGB picture as a read-only flat I420 buffer (BT.709, TV range)."""
    if isinstance(image, Image.Image):
        image = image if image.mode == "RGB" else image.convert("RGB")
        rgb = np.asarray(image)
    else:
        rgb = np.ascontiguousarray(image, np.uint8)
        image = Image.fromarray(rgb)
    h, w = rgb.shape[:2]
    check_size((w, h))
    u, v = chroma(rgb)
    out = np.concatenate([luma(image).ravel(), u.ravel(), v.ravel()])
    out.flags.writeable = False
    return out


def yuv420_to_rgb(buf: np.ndarray, size: Size) -> np.ndarray:
    """The inverse (chroma upsampled by repetition), for checks and tests: an (H, W, 3) uint8 array."""
    y, u, v = (p.astype(np.float32) for p in planes(buf, size))
    u = np.repeat(np.repeat(u, 2, 0), 2, 1) - 128.0
    v = np.repeat(np.repeat(v, 2, 0), 2, 1) - 128.0
    yy = (y - 16.0) * (255.0 / 219.0)
    cb, cr = u * (255.0 / 224.0), v * (255.0 / 224.0)
    r = yy + 2.0 * (1.0 - KR) * cr
    b = yy + 2.0 * (1.0 - KB) * cb
    g = (yy - KR * r - KB * b) / KG
    return _round(np.stack([r, g, b], axis=-1))


def planes(buf: np.ndarray, size: Size) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Views (no copies) of the Y (H, W), U and V (H/2, W/2) planes of a flat I420 buffer."""
    w, h = size
    n, q = w * h, (w // 2) * (h // 2)
    return buf[:n].reshape(h, w), buf[n : n + q].reshape(h // 2, w // 2), buf[n + q : n + 2 * q].reshape(h // 2, w // 2)


def join(y: np.ndarray, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    return np.concatenate([y.ravel(), u.ravel(), v.ravel()])


def black(size: Size) -> np.ndarray:
    """Black in TV range: Y 16, U and V 128."""
    w, h = size
    out = np.full(frame_bytes(size), 128, np.uint8)
    out[: w * h] = 16
    out.flags.writeable = False
    return out


def as_image(buf: np.ndarray, size: Size) -> Image.Image:
    """The whole buffer as one "L" image (W, 3H/2), for Pillow's pointwise operations (no copy)."""
    w, h = size
    return Image.frombuffer("L", (w, h * 3 // 2), np.ascontiguousarray(buf), "raw", "L", 0, 1)


def from_image(image: Image.Image) -> np.ndarray:
    return np.frombuffer(image.tobytes(), np.uint8)


def plane_image(plane: np.ndarray) -> Image.Image:
    """One plane as an "L" image (no copy when the plane is contiguous)."""
    h, w = plane.shape
    return Image.frombuffer("L", (w, h), np.ascontiguousarray(plane), "raw", "L", 0, 1)


def blend(a: np.ndarray, b: np.ndarray, p: float, size: Size) -> np.ndarray:
    """a * (1 - p) + b * p on every sample (crossfades, fades through black)."""
    if p <= 0.0:
        return a
    if p >= 1.0:
        return b
    return from_image(Image.blend(as_image(a, size), as_image(b, size), p))


def composite(a: np.ndarray, b: np.ndarray, mask: np.ndarray, size: Size) -> np.ndarray:
    """b where `mask` (a flat I420-shaped uint8 buffer, 255 = b) and a elsewhere, blended in between."""
    return from_image(Image.composite(as_image(b, size), as_image(a, size), as_image(mask, size)))


def shifted(dst: np.ndarray, src: np.ndarray, size: Size, dx: int, dy: int) -> None:
    """Copy `src` into `dst` (both flat I420, `dst` writable) moved by (dx, dy) pixels (chroma: rounded halves)."""
    for d, s, k in zip(planes(dst, size), planes(src, size), (1, 2, 2), strict=True):
        ox, oy = (dx, dy) if k == 1 else (round(dx / 2), round(dy / 2))
        h, w = s.shape
        x0, x1 = max(0, ox), min(w, w + ox)
        y0, y1 = max(0, oy), min(h, h + oy)
        if x0 < x1 and y0 < y1:
            d[y0:y1, x0:x1] = s[y0 - oy : y1 - oy, x0 - ox : x1 - ox]


def resized(
    buf: np.ndarray,
    size: Size,
    box: tuple[float, float, float, float],
    out_size: Size,
    resample: Image.Resampling,
) -> list[Image.Image]:
    """The fractional `box` of each plane resampled to `out_size` (chroma: half of both), as "L" images."""
    ow, oh = out_size
    y, u, v = planes(buf, size)
    half = (box[0] / 2, box[1] / 2, box[2] / 2, box[3] / 2)
    out = [resized_plane(y, box, (ow, oh), resample)]
    return out + [resized_plane(c, half, (ow // 2, oh // 2), resample) for c in (u, v)]


def resized_plane(
    plane: np.ndarray, box: tuple[float, float, float, float], out_size: Size, resample: Image.Resampling
) -> Image.Image:
    """The fractional `box` of one plane resampled to `out_size`, as an "L" image.

    Bilinear enlargement (every Ken Burns frame of a card-size photo layer, the zoom transition) is OpenCV's
    `warpAffine`: the same interpolation as Pillow's bilinear `resize` when enlarging (output pixel centres
    mapped into the box, edges clamped), within 1 code value of it (positions are fixed point to 1/32 pixel),
    and half the time (6.8 -> 3.5 ms for a 1080x1920 luma plane), which is a third of a Ken Burns frame.
    Shrinking, and the other filters, stay with Pillow, whose resampling filters antialias.
    """
    left, top, right, bottom = box
    sx, sy = (right - left) / out_size[0], (bottom - top) / out_size[1]
    if resample != Image.Resampling.BILINEAR or sx > 1.0 or sy > 1.0:
        return plane_image(plane).resize(out_size, resample, box=box)
    cv2 = _cv2()
    matrix = np.array([[sx, 0.0, left + 0.5 * sx - 0.5], [0.0, sy, top + 0.5 * sy - 0.5]])
    flags = cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP
    out = cv2.warpAffine(np.ascontiguousarray(plane), matrix, out_size, flags=flags, borderMode=cv2.BORDER_REPLICATE)
    return Image.fromarray(out)


@functools.cache
def _cv2() -> ModuleType:
    """OpenCV, imported on the first moving frame (a video without motion, or --dry-run, never loads it)."""
    import cv2

    return cv2


def images_to_buffer(images: list[Image.Image]) -> np.ndarray:
    return np.frombuffer(b"".join(im.tobytes() for im in images), np.uint8)


__all__ = [
    "as_image",
    "black",
    "blend",
    "chroma",
    "composite",
    "frame_bytes",
    "join",
    "luma",
    "planes",
    "resized",
    "resized_plane",
    "rgb_to_yuv420",
    "shifted",
    "yuv420_to_rgb",
]
