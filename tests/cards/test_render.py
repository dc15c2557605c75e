"""Card rendering: geometry inside the safe zone, measured contrast, determinism, scripts, bad photos."""

from __future__ import annotations

import io
import itertools
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from slide2video.article import Article, Slide
from slide2video.cards.render import RenderOptions, render_cards
from slide2video.config.presets import get_preset
from slide2video.config.theme import builtin_themes, load_theme
from slide2video.errors import RenderError, StrictError, ThemeError
from slide2video.reporting import Reporter

PHOTOS = ["photos/astronaut.png", "photos/rocket.jpg", "photos/chelsea.png", None]
BODY = "The warning came after remarks by the president, who suggested soldiers could help. “Nothing is excluded.”"


def article(tmp_path: Path, n: int = 4, body: str = BODY, heading: str = "Kremlin’s Red Line Explained") -> Article:
    slides = [
        Slide(
            f"{heading} {i + 1}",
            [body],
            credit="DepositPhotos" if i % 2 else "Jane Doe/Shutterstock",
            image=PHOTOS[i % len(PHOTOS)],
        )
        for i in range(n)
    ]
    art = Article(
        "Russia Says NATO Forces In Ukraine Would Make War Inevitable",
        slides,
        section="Politics",
        source="The Stock Dork",
        intro=["Intro."],
    )
    art.path = tmp_path / "story.yaml"
    return art


def small(name: str, width: int = 270):
    preset = get_preset(name)
    return replace(preset, size=(width, round(preset.height * width / preset.width)))


def inside(rect, box) -> bool:
    return bool(rect[0] >= box[0] and rect[1] >= box[1] and rect[2] <= box[2] and rect[3] <= box[3])


def disjoint(a, b) -> bool:
    return bool(a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


@pytest.mark.parametrize(
    ("theme_name", "preset_name"), list(itertools.product(builtin_themes(), ["ig-portrait", "reel", "landscape"]))
)
def test_geometry_and_contrast(tmp_path: Path, theme_name: str, preset_name: str) -> None:
    preset = small(preset_name)
    reporter = Reporter()
    cards = render_cards(article(tmp_path), load_theme(theme_name), preset, reporter=reporter)
    assert [c.kind for c in cards] == ["cover", "slide", "slide", "slide", "slide", "end"]
    safe = preset.safe_box()
    for card in cards:
        assert card.image.size == preset.size and card.image.mode == "RGB"
        boxes = card.text_boxes + list(card.item_boxes.values())
        for rect in boxes:
            assert inside(rect, safe), (card.kind, rect, safe)
        for a, b in itertools.combinations(boxes, 2):
            assert disjoint(a, b), (card.kind, a, b)
        assert card.contrast is not None and card.contrast >= 4.5, (card.kind, card.contrast)
    assert not reporter.warnings, reporter.warnings
    slide = cards[1]
    assert set(slide.item_boxes) >= {"credit"}
    if load_theme(theme_name).counter.style != "none":
        assert "counter" in slide.item_boxes


def test_deterministic_pixels(tmp_path: Path) -> None:
    def png_bytes() -> list[bytes]:
        out = []
        for card in render_cards(article(tmp_path), load_theme("news"), small("ig-square")):
            buf = io.BytesIO()
            card.image.save(buf, "PNG")
            out.append(buf.getvalue())
        return out

    assert png_bytes() == png_bytes()


def test_motion_layers_compose_to_the_card(tmp_path: Path) -> None:
    cards = render_cards(article(tmp_path), load_theme("news"), small("reel"))
    photo_cards = [c for c in cards if c.has_motion_layers]
    assert len(photo_cards) >= 3  # cover + slides with photos; the designed end card has none
    for card in photo_cards:
        assert card.background is not None and card.overlay is not None
        composed = Image.alpha_composite(card.background.convert("RGBA"), card.overlay).convert("RGB")
        assert composed.tobytes() == card.image.tobytes()
    minimal = render_cards(article(tmp_path), load_theme("minimal"), small("reel"))
    assert not any(c.has_motion_layers for c in minimal)  # framed photos do not move


def test_long_body_is_cut_with_warning(tmp_path: Path) -> None:
    long = " ".join(["This sentence keeps the story going for a while."] * 120)
    reporter = Reporter()
    cards = render_cards(
        article(tmp_path, n=1, body=long),
        load_theme("news"),
        small("ig-portrait"),
        RenderOptions(cover=False, end=False),
        reporter,
    )
    assert any("slide 1" in w and "…" not in w and "cut" in w for w in reporter.warnings), reporter.warnings
    assert (cards[0].contrast or 0) >= 4.5


@pytest.mark.parametrize(
    "heading",
    [
        "Кремль предупредил НАТО",
        "Η Ελλάδα ψηφίζει",
        "الكرملين يحذر الناتو",
        "הכנסת מצביעה היום",
        "北京宣布新的政策措施",
    ],
)
def test_scripts_render_without_missing_glyphs(tmp_path: Path, heading: str) -> None:
    reporter = Reporter()
    render_cards(
        article(tmp_path, n=1, heading=heading, body=heading),
        load_theme("news"),
        small("ig-square"),
        RenderOptions(cover=False, end=False),
        reporter,
    )
    assert not [w for w in reporter.warnings if "font" in w or "glyph" in w], reporter.warnings


def test_rtl_heading_is_right_aligned(tmp_path: Path) -> None:
    preset = small("ig-square", 540)
    art = article(tmp_path, n=1, heading="הכנסת", body="מצביעה היום על החוק")
    art.slides[0].image = None
    card = render_cards(art, load_theme("news"), preset, RenderOptions(cover=False, end=False))[0]
    head = card.text_boxes[1]
    white = Image.eval(card.image.crop(head).convert("L"), lambda v: 255 if v > 235 else 0)
    bbox = white.getbbox()
    assert bbox is not None and bbox[2] > white.width * 0.9 and bbox[0] > white.width * 0.3


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("missing.jpg", None),
        ("zero.jpg", b""),
        ("bad.png", b"\x89PNG\r\n\x1a\n garbage"),
        ("notes.jpg", b"just some text, not a photo\n"),
        ("../../etc/passwd", None),
    ],
)
def test_bad_images(tmp_path: Path, name: str, content: bytes | None) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)
    art = article(tmp_path, n=1)
    art.slides[0].image = name
    with pytest.raises(RenderError) as info:
        render_cards(art, load_theme("news"), small("ig-square"))
    assert Path(name).name in info.value.message and "\n" not in info.value.message
    reporter = Reporter()
    cards = render_cards(art, load_theme("news"), small("ig-square"), RenderOptions(bad_images="warn"), reporter)
    warned = [w for w in reporter.warnings if Path(name).name in w and "theme background" in w]
    assert len(warned) == 1  # reported once, though the cover and the slide both use it
    assert all((c.contrast or 0) >= 4.5 for c in cards)


def test_decompression_bomb_is_refused_fast(tmp_path: Path) -> None:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)
    (tmp_path / "bomb.png").write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b""))
    art = article(tmp_path, n=1)
    art.slides[0].image = "bomb.png"
    with pytest.raises(RenderError, match=r"bomb\.png"):
        render_cards(art, load_theme("news"), small("ig-square"))


def test_missing_theme_font_is_a_clear_error(tmp_path: Path) -> None:
    theme_file = tmp_path / "t.yaml"
    theme_file.write_text("extends: news\nfonts:\n  headline: fonts/Nope-Bold.ttf\n")
    with pytest.raises(ThemeError, match=r"t\.yaml:3: fonts\.headline: .*Nope-Bold\.ttf: font file not found"):
        load_theme(str(theme_file))  # when the theme is loaded, at its line: before any card is drawn


def test_no_credit_label_without_a_photo(tmp_path: Path) -> None:
    art = article(tmp_path, n=2)
    art.slides[1].image = None
    cards = render_cards(art, load_theme("news"), small("ig-square"), RenderOptions(cover=False, end=False))
    assert "credit" in cards[0].item_boxes and "credit" not in cards[1].item_boxes


def test_strict_reporter_stops_at_the_first_warning(tmp_path: Path) -> None:
    art = article(tmp_path, n=2)
    art.slides[0].image = "missing.jpg"
    with pytest.raises(StrictError, match=r"missing\.jpg.*--strict"):
        render_cards(art, "news", "160x284", RenderOptions(bad_images="warn"), Reporter(strict=True))


def test_names_and_objects_are_the_same_theme_and_preset(tmp_path: Path) -> None:
    art = article(tmp_path, n=1)
    by_name = render_cards(art, "minimal", "160x284")
    by_object = render_cards(art, load_theme("minimal"), get_preset("160x284"))
    by_path = render_cards(art, Path(__file__).parents[2] / "src/slide2video/config/themes/minimal.yaml", "160x284")
    assert [c.image.tobytes() for c in by_name] == [c.image.tobytes() for c in by_object]
    assert [c.image.tobytes() for c in by_path] == [c.image.tobytes() for c in by_object]
