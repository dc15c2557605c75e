"""Credit shapes found on the corpus's hand-labelled pages that the structural pass misread: an initial inside a
photographer's name, a label with no name, a credit printed at the end of the heading line, and a paginated page's
photo credit and counter above its one heading."""

from __future__ import annotations

import pytest

from slide2video.readers.credits import is_credit_label
from slide2video.readers.labeller.lineparts import credit_text, glued_credit
from support import read_labelled


@pytest.mark.parametrize(
    "line", ["Ted S. Warren/Associated Press", "Mary J. Blige/Getty Images", "J. Scott Applewhite/AP"]
)
def test_an_initial_is_no_sentence_end_in_a_credit(line: str) -> None:
    assert credit_text(line) == (line, None)


def test_a_sentence_before_a_bare_credit_is_still_split_off() -> None:
    line = "A humpback breaches off Maui. Getty Images"
    assert credit_text(line) == ("Getty Images", "A humpback breaches off Maui.")


def test_a_label_with_no_name_credits_nobody() -> None:
    assert is_credit_label("Image courtesy of")
    assert not is_credit_label("Image courtesy of Jim Brennan")
    rows = [("title", "Forgotten cars"), ("heading", "1. Tatra 87"), ("credit", "Image courtesy of Jim Brennan")]
    rows += [("body", "A rear-engined streamliner."), ("heading", "2. Tucker 48"), ("credit", "Image courtesy of")]
    rows += [("body", "Fifty-one were built.")]
    assert [s.credit for s in read_labelled(rows).article.slides] == ["Jim Brennan", None]


@pytest.mark.parametrize(
    ("line", "head", "credit"),
    [
        (
            "10. Rabbit Beach, Lampedusa | Tenth place goes to a crowded cove off Sicily. (Image: Shutterstock)",
            "10. Rabbit Beach, Lampedusa | Tenth place goes to a crowded cove off Sicily.",
            "Shutterstock",
        ),
        (
            "3. Lakshmi Mittal Age: 68 Net Worth: $18.3 billion ArcelorMittal Image by Aurelien Meunier/Getty Images",
            "3. Lakshmi Mittal Age: 68 Net Worth: $18.3 billion ArcelorMittal",
            "Aurelien Meunier/Getty Images",
        ),
    ],
)
def test_a_credit_at_the_end_of_a_heading_line_is_taken_off(line: str, head: str, credit: str) -> None:
    assert glued_credit(line) == (head, credit)


@pytest.mark.parametrize("line", ["The 10 best photos by drone", "Photos by the river at dusk", "Kiel"])
def test_a_heading_about_photos_keeps_its_words(line: str) -> None:
    assert glued_credit(line) == (line, None)


def test_a_heading_line_credit_is_the_slide_credit_only_without_a_credit_line() -> None:
    rows = [("title", "Beaches of the year"), ("heading", "1. Baia do Sancho, Brazil: steep steps. (Image: Getty)")]
    rows += [("body", "Reached by a ladder."), ("heading", "2. Grace Bay, Turks and Caicos: flat water. (Image: X)")]
    rows += [("credit", "Foto: Ana Lima"), ("body", "Calm all year.")]
    slides = read_labelled(rows).article.slides
    assert [s.credit for s in slides] == ["Getty", "Ana Lima"]
    assert "Image" not in slides[0].heading


def test_a_paginated_pages_credit_and_counter_above_its_heading_are_its_own() -> None:
    rows = [("title", "20 trips to take this year"), ("credit", "Photo: Alamy"), ("counter", "19 of 20")]
    rows += [("heading", "18. O, Canada!"), ("body", "See somewhere new without a long flight.")]
    rows += [("body", "The Magdalen Islands: a slice of seaside France.")]
    reading = read_labelled(rows)
    assert [s.credit for s in reading.article.slides] == ["Alamy"]
    assert not any("before the first slide" in w for w in reading.article.warnings)


@pytest.mark.parametrize("bare_first", [False, True])
def test_a_credit_printed_twice_for_each_photo_is_one_photo(bare_first: bool) -> None:
    """A gallery printing each photo's credit with its caption and again on its own (`… Foto: Name/AP` then
    `© Foto: Name`, or the bare one first) has one photo per pair, credited as the captioned line says."""
    photos = [("Jane Roe/AP", "Jane Roe"), ("Max Mustermann/dpa", "Max Mustermann"), ("Ana Lima", "Ana Lima")]
    rows = [("title", "Bilder des Tages")]
    for n, (full, short) in enumerate(photos, 1):
        pair = [("credit", f"Ein Bild vom Tag Nummer {n} in der Stadt. Foto: {full}"), ("credit", f"© Foto: {short}")]
        rows += pair[::-1] if bare_first else pair
    reading = read_labelled(rows)
    assert [s.credit for s in reading.article.slides] == [full for full, _ in photos]
    assert reading.article.slides[0].heading.startswith("Ein Bild vom Tag Nummer 1")
    assert not any("second photo credit" in w for w in reading.article.warnings)


def test_credit_lines_that_name_different_sources_stay_different_photos() -> None:
    rows = [("title", "Bilder des Tages")]
    for n, who in enumerate(["Jane Roe/AP", "Max Mustermann/dpa", "Ana Lima", "Ola Nordmann"], 1):
        rows += [("credit", f"Ein Bild vom Tag Nummer {n} in der Stadt. Foto: {who}")]
    assert len(read_labelled(rows).article.slides) == 4


@pytest.mark.parametrize(
    ("line", "credit", "caption"),
    [
        ("© Foto: Alastair Grant", "Alastair Grant", None),  # a label inside the copyright mark
        ("Photo: Image Source | Getty Images", "Image Source | Getty Images", None),  # a stock agency's name
        (  # the photographer before the provider inside one bracket: "taken by X / from CNN"
            "스페인 카탈로니아, 저수지에 잠긴 건물. (에밀리오 모레낫 촬영/CNN 제공)",
            "에밀리오 모레낫 촬영/CNN 제공",
            "스페인 카탈로니아, 저수지에 잠긴 건물.",
        ),
        ("(촬영/CNN 제공)", "CNN 제공", None),
    ],
)
def test_credit_text_inside_marks_and_brackets(line: str, credit: str, caption: str | None) -> None:
    assert credit_text(line) == (credit, caption)
