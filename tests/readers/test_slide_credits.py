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
