"""Small cards for the video tests: a photo layer plus an overlay with a drawn text panel, like the renderer's."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageOps

from slide2video.article import Article, Slide
from slide2video.cards.card import Card
from slide2video.config.presets import Preset
from support import ROOT

PHOTOS = ROOT / "assets" / "photos"  # in the repo, so the tests never fall back to something weaker
PHOTO_NAMES = ("rocket.jpg", "coffee.png", "chelsea.png", "astronaut.png", "hubble_deep_field.jpg")
SIZE = (160, 284)


def small_preset(fps: int = 10, size: tuple[int, int] = SIZE, max_duration: float | None = 60.0) -> Preset:
    return Preset(size=size, fps=fps, max_duration=max_duration, max_file_mb=50, name="test")


def photo(index: int, size: tuple[int, int] = SIZE) -> Image.Image:
    """One of the repo's sample photos, fitted to `size`: real detail, so Ken Burns and encoding are tested on it."""
    with Image.open(PHOTOS / PHOTO_NAMES[index % len(PHOTO_NAMES)]) as img:
        return ImageOps.fit(img.convert("RGB"), size, Image.Resampling.LANCZOS)


def photo_card(index: int, size: tuple[int, int] = SIZE, *, kind: str = "slide", text: bool = True) -> Card:
    w, h = size
    background = photo(index, size)
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    if text:
        draw = ImageDraw.Draw(overlay)
        draw.rectangle((0, int(h * 0.62), w, h), fill=(10, 10, 30, 190))
        draw.text((8, int(h * 0.66)), f"Slide {index + 1}", fill=(255, 255, 255, 255))
        draw.rectangle((8, int(h * 0.80), w - 8, int(h * 0.80) + 3), fill=(255, 200, 0, 255))
    image = Image.alpha_composite(background.convert("RGBA"), overlay).convert("RGB")
    return Card(
        kind=kind,  # type: ignore[arg-type]
        image=image,
        slide_index=index if kind == "slide" else None,
        heading=f"Slide {index + 1}",
        words=20,
        background=background,
        overlay=overlay,
    )


def flat_card(
    index: int, colour: tuple[int, int, int] = (40, 40, 40), size: tuple[int, int] = SIZE, kind: str = "slide", words=0
) -> Card:
    """A card with no photo layer (no Ken Burns): one flat colour, easy to recognise after encoding."""
    slide_index = index if kind == "slide" else None
    return Card(kind=kind, image=Image.new("RGB", size, colour), slide_index=slide_index, words=words)  # type: ignore[arg-type]


def article(n: int, durations: list[float | None] | None = None, words: int = 20) -> Article:
    durations = durations or [None] * n
    body = " ".join(["word"] * max(0, words - 2))
    return Article(
        title="Test story",
        slides=[Slide(heading=f"Slide {i + 1}", body=[body] if body else [], duration=durations[i]) for i in range(n)],
    )
