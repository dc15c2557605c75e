"""Carousel writer: numbering, parts, PDF pages, contact sheet, caption credits, manifest, staging."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PIL import Image

from slide2video.article import Article, Slide
from slide2video.cards.card import Card
from slide2video.config.presets import get_preset
from slide2video.errors import OutputError
from slide2video.writers.carousel import (
    CarouselOptions,
    credit_summary,
    post_caption,
    split_parts,
    write_carousel,
)


def make_cards(n: int, size: tuple[int, int] = (40, 50)) -> list[Card]:
    return [
        Card(
            "slide",
            Image.new("RGB", size, (i * 9 % 256, 80, 200 - i * 7 % 200)),
            slide_index=i,
            number=i + 1,
            heading=f"Heading {i + 1}",
            body=[f"Body {i + 1}."],
            credit="AP" if i % 2 else "Reuters",
        )
        for i in range(n)
    ]


def make_article(n: int) -> Article:
    return Article(
        "A Title",
        [Slide(f"Heading {i + 1}", [f"Body {i + 1}."], credit="AP" if i % 2 else "Reuters") for i in range(n)],
        intro=["Intro paragraph."],
        source="The Paper",
    )


def test_split_parts_balanced() -> None:
    assert [len(p) for p in split_parts(23, 20)] == [12, 11]
    assert [len(p) for p in split_parts(20, 20)] == [20]
    assert [len(p) for p in split_parts(41, 20)] == [14, 14, 13]
    assert list(split_parts(3, 20)[0]) == [0, 1, 2]


def test_writes_numbered_cards_manifest_caption(tmp_path: Path) -> None:
    cards, article = make_cards(3), make_article(3)
    result = write_carousel(cards, article, get_preset("ig-portrait"), tmp_path / "out")
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        "01.png",
        "02.png",
        "03.png",
        "caption.txt",
        "contact-sheet.jpg",
        "manifest.json",
    ]
    assert result.images == [out / "01.png", out / "02.png", out / "03.png"]
    with Image.open(out / "02.png") as img:
        assert img.getpixel((0, 0)) == cards[1].image.getpixel((0, 0))
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["cards"][1] == {
        "file": "02.png",
        "part": 1,
        "kind": "slide",
        "slide": 2,
        "heading": "Heading 2",
        "alt": "Heading 2. Body 2. Photo: AP.",
        "credit": "AP",
    }
    caption = (out / "caption.txt").read_text()
    assert caption == "A Title\n\nIntro paragraph.\n\nPhotos: Reuters (slides 1, 3); AP (slide 2)\nSource: The Paper\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # staging folder removed


def test_parts_over_the_limit(tmp_path: Path) -> None:
    preset = get_preset("ig-square")
    write_carousel(make_cards(23), make_article(23), preset, tmp_path, CarouselOptions(format="jpeg"))
    assert len(list((tmp_path / "part-1").glob("*.jpg"))) == 12
    assert len(list((tmp_path / "part-2").glob("*.jpg"))) == 11
    assert (tmp_path / "part-2" / "01.jpg").exists()


def test_pdf_one_page_per_card_same_size(tmp_path: Path) -> None:
    result = write_carousel(
        make_cards(4, (54, 67)),
        make_article(4),
        get_preset("linkedin-pdf"),
        tmp_path,
        CarouselOptions(pdf=True, contact_sheet=False),
    )
    assert result.pdf is not None
    data = result.pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert re.search(rb"/Count 4\b", data)
    boxes = re.findall(rb"/MediaBox \[ ?0 0 ([\d.]+) ([\d.]+) ?\]", data)
    assert len(boxes) == 4 and {(float(w), float(h)) for w, h in boxes} == {(54.0, 67.0)}


def test_deterministic_png(tmp_path: Path) -> None:
    write_carousel(make_cards(2), make_article(2), get_preset("ig-square"), tmp_path / "a")
    write_carousel(make_cards(2), make_article(2), get_preset("ig-square"), tmp_path / "b")
    assert (tmp_path / "a" / "01.png").read_bytes() == (tmp_path / "b" / "01.png").read_bytes()


def test_rerun_removes_stale_cards(tmp_path: Path) -> None:
    write_carousel(make_cards(5), make_article(5), get_preset("ig-square"), tmp_path)
    (tmp_path / "notes.txt").write_text("mine")
    write_carousel(make_cards(2), make_article(2), get_preset("ig-square"), tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "03.png" not in names and "notes.txt" in names


def test_output_path_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(OutputError, match="is a file"):
        write_carousel(make_cards(1), make_article(1), get_preset("ig-square"), target)


def test_failure_leaves_nothing(tmp_path: Path) -> None:
    cards = make_cards(2)
    cards[1].image = "not an image"  # type: ignore[assignment]
    with pytest.raises(AttributeError):
        write_carousel(cards, make_article(2), get_preset("ig-square"), tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_credit_summary_single_and_none() -> None:
    article = Article("T", [Slide("a", credit="DepositPhotos"), Slide("b", credit="DepositPhotos")])
    assert credit_summary(article) == "Photos: DepositPhotos"
    assert credit_summary(Article("T", [Slide("a")])) is None
    many = Article("T", [Slide(str(i), credit="X") for i in range(5)] + [Slide("y")])
    assert credit_summary(many) == "Photos: X (slides 1–5)"


def test_caption_limit() -> None:
    article = Article("T", [Slide("a", credit="X")], intro=["word " * 1000])
    text, warnings = post_caption(article)
    assert len(text) <= 2201 and text.rstrip().endswith("Photos: X") and warnings
