"""Regenerate the project-made images in assets/ (abstract backgrounds and the wordmark logos).

    python assets/make_assets.py

Deterministic: fixed seeds and only numpy + Pillow, so the same library versions write the same bytes. The
photos in assets/photos/ are not generated; see assets/photos/LICENSES.md for where they come from.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
SIZE = (1080, 1350)  # Instagram portrait: the most common card; the renderer scales to other shapes
JPEG = {"quality": 86, "optimize": True, "progressive": False, "subsampling": "4:2:0"}


def smooth_noise(rng: np.random.Generator, size: tuple[int, int], octaves: int = 5) -> np.ndarray:
    """Fractal value noise in 0..1: random lattices enlarged with bicubic interpolation, summed by octave."""
    w, h = size
    total = np.zeros((h, w), dtype=np.float32)
    weight_sum = 0.0
    for octave in range(octaves):
        cells = 3 * 2**octave
        lattice = rng.random((cells + 1, cells + 1)).astype(np.float32)
        layer = Image.fromarray(lattice).resize((w, h), Image.Resampling.BICUBIC)
        weight = 0.55**octave
        total += np.asarray(layer, dtype=np.float32) * weight
        weight_sum += weight
    total /= weight_sum
    lo, hi = total.min(), total.max()
    return (total - lo) / (hi - lo)


def ramp(t: np.ndarray, stops: list[tuple[float, tuple[int, int, int]]]) -> np.ndarray:
    """Map 0..1 values through colour stops (position, RGB) by piecewise-linear interpolation."""
    positions = [p for p, _ in stops]
    out = np.empty((*t.shape, 3), dtype=np.float32)
    for channel in range(3):
        out[..., channel] = np.interp(t, positions, [c[channel] for _, c in stops])
    return out


def to_image(pixels: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(np.rint(pixels), 0, 255).astype(np.uint8))


def aurora() -> Image.Image:
    """Dark teal/violet flowing light: a moody backdrop with bright streaks (tests scrims on mixed luminance)."""
    rng = np.random.default_rng(11)
    small = (SIZE[0] // 4, SIZE[1] // 4)
    field = smooth_noise(rng, small, octaves=4)
    warp = smooth_noise(rng, small, octaves=2)
    t = np.clip(0.6 * field + 0.4 * warp, 0, 1)
    stops = [(0.0, (8, 12, 32)), (0.35, (18, 42, 78)), (0.55, (22, 128, 120)), (0.7, (120, 220, 170)),
             (0.82, (64, 40, 120)), (1.0, (12, 10, 40))]  # fmt: skip
    soft = to_image(ramp(t, stops)).filter(ImageFilter.GaussianBlur(3))
    return soft.resize(SIZE, Image.Resampling.BICUBIC)


def paper() -> Image.Image:
    """Light warm paper with fine grain: the hard case for white text (needs a strong scrim)."""
    rng = np.random.default_rng(12)
    w, h = SIZE
    base = np.array([242, 236, 224], dtype=np.float32)
    fibre = smooth_noise(rng, SIZE, octaves=6)[..., None] * 14 - 7
    grain = rng.normal(0, 3.0, (h, w, 1)).astype(np.float32)
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    vignette = ((x / w - 0.5) ** 2 + (y / h - 0.5) ** 2)[..., None] * -28
    return to_image(base + fibre + grain + vignette)


def mesh() -> Image.Image:
    """A soft mesh gradient of four brand-like colours (inverse-distance blend of coloured points)."""
    w, h = SIZE
    points = [((0.1, 0.1), (255, 94, 98)), ((0.9, 0.2), (255, 175, 64)), ((0.2, 0.9), (72, 52, 212)),
              ((0.85, 0.85), (0, 168, 204))]  # fmt: skip
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    x, y = x / w, y / h
    acc = np.zeros((h, w, 3), dtype=np.float32)
    weights = np.zeros((h, w, 1), dtype=np.float32)
    for (px, py), color in points:
        weight = (1.0 / ((x - px) ** 2 + (y - py) ** 2 + 0.02) ** 1.5)[..., None]
        acc += weight * np.array(color, dtype=np.float32)
        weights += weight
    return to_image(acc / weights)


def bokeh() -> Image.Image:
    """Out-of-focus city lights at night: a busy, photo-like image with bright spots behind any text."""
    rng = np.random.default_rng(13)
    w, h = SIZE
    sky = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    canvas = Image.fromarray(
        np.clip(np.rint((1 - sky) * np.array([10, 14, 40]) + sky * np.array([40, 22, 50])), 0, 255)
        .astype(np.uint8)
        .repeat(w, axis=1)
    ).convert("RGBA")
    palette = [(255, 196, 90), (255, 140, 60), (120, 200, 255), (255, 90, 120), (250, 240, 210)]
    for blur, count, radius in ((18, 40, (60, 130)), (8, 60, (25, 70)), (3, 80, (8, 26))):
        layer = Image.new("RGBA", SIZE, (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        for _ in range(count):
            cx, cy = rng.uniform(0, w), rng.uniform(0.25 * h, h)
            r = rng.uniform(*radius)
            color = palette[int(rng.integers(len(palette)))]
            alpha = int(rng.uniform(60, 170))
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*color, alpha))
        canvas = Image.alpha_composite(canvas, layer.filter(ImageFilter.GaussianBlur(blur)))
    return canvas.convert("RGB")


def logo(color: tuple[int, int, int], back: tuple[int, int, int], front: tuple[int, int, int]) -> Image.Image:
    """Wordmark on transparency: two stacked slide cards (`back` behind, `front` in front with a play triangle
    cut out of it), then `slide2video` in `color`.

    Drawn at 4x and reduced, so the shapes are antialiased. Text uses Pillow's bundled Aileron font (CC0).
    """
    scale = 4
    height = 96 * scale
    font = ImageFont.load_default(size=64 * scale)
    text = "slide2video"
    left, top, right, bottom = font.getbbox(text, stroke_width=2 * scale)
    mark = height
    gap = 22 * scale
    width = mark + gap + (right - left) + 8 * scale
    img = Image.new("RGBA", (width, height), (*color, 0))
    draw = ImageDraw.Draw(img)
    card = round(mark * 0.72)
    draw.rounded_rectangle((mark - card, 0, mark - 1, card - 1), radius=14 * scale, fill=(*back, 255))
    draw.rounded_rectangle(
        (0, mark - card, card - 1, mark - 1), radius=14 * scale, fill=(*front, 255), outline=(*back, 0), width=0
    )
    # Cut a gap around the front card so the two read as separate sheets, then the play triangle as a hole.
    cut = Image.new("L", img.size, 255)
    cut_draw = ImageDraw.Draw(cut)
    cut_draw.rounded_rectangle(
        (-6 * scale, mark - card - 6 * scale, card - 1 + 6 * scale, mark - 1 + 6 * scale), radius=18 * scale, fill=0
    )
    cut_draw.rounded_rectangle((0, mark - card, card - 1, mark - 1), radius=14 * scale, fill=255)
    ox, oy = card / 2, mark - card / 2
    tri = [(ox - card * 0.14, oy - card * 0.2), (ox - card * 0.14, oy + card * 0.2), (ox + card * 0.2, oy)]
    cut_draw.polygon(tri, fill=0)
    alpha = Image.fromarray(np.minimum(np.asarray(img.getchannel("A")), np.asarray(cut)))
    img.putalpha(alpha)
    text_y = (height - (bottom - top)) / 2 - top
    draw = ImageDraw.Draw(img)
    draw.text(
        (mark + gap - left, text_y), text, font=font, fill=(*color, 255), stroke_width=2 * scale, stroke_fill=color
    )
    return img.resize((width // scale, height // scale), Image.Resampling.LANCZOS)


def save(img: Image.Image, name: str) -> None:
    path = HERE / name
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    if name.endswith(".jpg"):
        img.save(buffer, "JPEG", **JPEG)
    else:
        img.save(buffer, "PNG", optimize=True)
    path.write_bytes(buffer.getvalue())
    print(f"{path.relative_to(HERE.parent)}  {img.width}x{img.height}  {len(buffer.getvalue()) // 1024} KB")


def main() -> None:
    save(aurora(), "backgrounds/aurora.jpg")
    save(paper(), "backgrounds/paper.jpg")
    save(mesh(), "backgrounds/mesh.jpg")
    save(bokeh(), "backgrounds/bokeh.jpg")
    save(logo((20, 24, 33), (0, 150, 136), (20, 24, 33)), "logo.png")  # ink, for light backgrounds
    save(logo((255, 255, 255), (0, 191, 165), (255, 255, 255)), "logo-light.png")  # white, for dark ones/photos


if __name__ == "__main__":
    main()
