"""What a page says about itself, learned from its own lines: its credit label (`lineparts.page_credit_label`: a
word for `photo` no rule knows, taken off each credit; an agency before a colon, a quoted sentence and a web
address are no labels), its series name (after `TOP` on every heading, a bare number is the rank) and its
numbering (a decorated number numbers the headings where they count with it; a bare number above each heading is
the slide's). And "by" in other languages before a name."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slide2video.readers.labeller.lineparts import credit_text, page_credit_label, page_numbers
from support import read_labelled


def _gallery(credits: list[str]) -> list[tuple[str, str]]:
    rows = [("title", "Lugares para visitar este inverno")]
    for n, credit in enumerate(credits, 1):
        rows += [("heading", f"{n}. Lugar número {n}"), ("credit", credit), ("body", "Um texto curto sobre o lugar.")]
    return rows


def test_an_unknown_label_word_on_every_credit_is_taken_off() -> None:
    reading = read_labelled(
        _gallery(["Autor: Jordi Marsal", "Autor: Oriol Bosch", "Autor: Gemma Tubert / Gerard Vilà"])
    )
    assert [s.credit for s in reading.article.slides] == ["Jordi Marsal", "Oriol Bosch", "Gemma Tubert / Gerard Vilà"]


def test_the_label_inside_a_caption_splits_caption_from_credit() -> None:
    reading = read_labelled(
        _gallery(
            [
                "A hatalmas és csodás Plaza de Espana Forrás: Joan Oger / Unsplash",
                "A világ egyik legkülönlegesebb szabadtéri fürdője, a Kék Lagúna Forrás: Shutterstock.com / Bhushan",
                "Itt biztosan nem lehet unatkozni Forrás: Flickr.com",
            ]
        )
    )
    slides = reading.article.slides
    assert [s.credit for s in slides] == ["Joan Oger / Unsplash", "Shutterstock.com / Bhushan", "Flickr.com"]
    assert slides[0].alt == "A hatalmas és csodás Plaza de Espana"


def test_a_two_word_label_and_a_cjk_label_are_learned_whole() -> None:
    label = page_credit_label(["Fotoğraf Kaynak: dizturkiye.org", "Fotoğraf Kaynak: hilton.com"])
    assert label is not None and label.pattern.startswith("fotoğraf")
    cjk = page_credit_label(["图源丨ZOL论坛 難念的經", "图源丨ZOL论坛 函子"])
    assert cjk is not None and cjk.match("图源丨ZOL论坛 函子") is not None


def test_an_agency_before_its_photographer_is_no_label() -> None:
    assert (
        page_credit_label(["Getty Images: Chip Somodevilla", "Getty Images: Mark Wilson", "REUTERS: Chris Keane"])
        is None
    )
    reading = read_labelled(_gallery(["Getty Images: Chip Somodevilla", "Getty Images: Mark Wilson"]))
    assert [s.credit for s in reading.article.slides] == ["Getty Images: Chip Somodevilla", "Getty Images: Mark Wilson"]


def test_a_speaker_quoted_on_one_caption_twice_is_no_label() -> None:
    quote = "Szczerba: zgłosiły się do mnie dwie osoby poszkodowane w trakcie protestu"
    assert page_credit_label([quote, quote + "TVN24"]) is None  # a sentence follows the colon, not a name
    assert page_credit_label(["Autor: Jordi Marsal", "Autor: Jordi Marsal"]) is None  # one line, printed twice


def test_a_web_address_is_no_label() -> None:
    assert page_credit_label(["出典 http://travelhack.jp", "出典 http://longliverocknroll.blog.fc2.com"]) is None


@pytest.mark.parametrize(
    ("line", "credit"),
    [("Par Sea Berry", "Sea Berry"), ("Por Juan Pérez", "Juan Pérez"), ("Av Anna Berg", "Anna Berg")],
)
def test_by_in_other_languages_before_a_name_is_a_label(line: str, credit: str) -> None:
    assert credit_text(line)[0] == credit


def test_after_a_series_name_a_bare_number_is_the_rank() -> None:
    rows = [("title", "全球十大地標")]
    for n, name in [(10, "美國舊金山金門大橋"), (9, "里約熱內盧基督像"), (8, "美國舊金山惡魔島")]:
        rows += [("heading", f"TOP {n} {name}"), ("body", "這裡是一段關於這個地方的簡短介紹。")]
    reading = read_labelled(rows)
    assert reading.numbers == [10, 9, 8]
    assert [s.heading for s in reading.article.slides] == ["美國舊金山金門大橋", "里約熱內盧基督像", "美國舊金山惡魔島"]
    rows = [("title", "London Addresses")]
    for name in ("10 Downing Street", "221B Baker Street", "3 Abbey Road"):
        rows += [("heading", name), ("body", "A famous door in London.")]
    assert read_labelled(rows).numbers == [None, None, None]  # no series: a number opening a name is no rank


def test_a_series_name_before_chinese_numeral_ranks_is_still_a_series() -> None:
    rows = [("title", "走春景點")]
    for n, name in enumerate(("一、九份老街", "二、平溪天燈", "三、淡水漁人碼頭"), 1):
        rows += [("heading", f"走春景點 {name}"), ("body", f"第{n}個地方的簡短介紹。")]
    reading = read_labelled(rows)
    assert [s.heading for s in reading.article.slides] == ["九份老街", "平溪天燈", "淡水漁人碼頭"]


@pytest.mark.parametrize(
    ("marks", "numbers"),
    [
        (["🐟 1. ", "🐷 2. ", "🐙 3. "], [1, 2, 3]),  # a different emoji on each
        (["◆01:", "◆02:", "◆03:", "◆04:"], [1, 2, 3, 4]),
        (["1-", "2-", "3-"], [1, 2, 3]),
        (["#10)", "#9)", "#8)"], [10, 9, 8]),  # counting down
        (["1º – ", "2º ", "3º "], [1, 2, 3]),
        (["1 ", "2 ", "3 "], [1, 2, 3]),
    ],
)
def test_a_decorated_number_is_numbering_where_the_headings_count_with_it(marks: list[str], numbers: list[int]) -> None:
    names = ["Bacalhau à Brás", "Cozido à Portuguesa", "Polvo à Lagareiro", "Arroz de Pato"]
    rows = [("title", "Pratos portugueses")]
    for mark, name in zip(marks, names, strict=False):
        rows += [("heading", mark + name), ("body", "Um prato de que todos gostam.")]
    reading = read_labelled(rows)
    assert reading.numbers == numbers
    assert [s.heading for s in reading.article.slides] == names[: len(marks)]


@pytest.mark.parametrize(
    "heads",
    [
        ["1 cup flour", "2 eggs", "2 mashed bananas"],  # a recipe's quantities do not count
        ["10 Downing Street", "221 Baker Street", "3 Abbey Road"],
        ["1. Paris", "Rome", "Madrid", "Berlin"],  # one numbered heading among four
    ],
)
def test_numbers_that_do_not_count_through_the_page_are_part_of_the_heading(heads: list[str]) -> None:
    assert page_numbers(heads) == [None] * len(heads)


@given(st.lists(st.integers(min_value=0, max_value=999), min_size=3, max_size=12))
def test_page_numbers_only_number_a_run_counting_by_one(numbers: list[int]) -> None:
    found = page_numbers([f"{n}. Place" for n in numbers])
    steps = [b - a for a, b in itertools.pairwise(numbers)]
    if any(found):
        step = max(set(steps), key=steps.count)
        assert abs(step) == 1 and steps.count(step) >= 0.8 * len(steps)
        assert [f[0] for f in found if f] == numbers
        assert {f[1] for f in found if f} == {"Place"}


def test_a_bare_number_above_each_heading_is_the_slides_and_under_each_counts_the_photo_above() -> None:
    above = [("title", "Årets bedste danske film")]
    for n, name in [(10, "Vildheks"), (9, "Iqbal"), (8, "Sankt Bernhard")]:
        above += [("counter", f"{n}."), ("heading", name), ("body", "En film om noget.")]
    reading = read_labelled(above)
    assert reading.numbers == [10, 9, 8]
    assert [s.heading for s in reading.article.slides] == ["Vildheks", "Iqbal", "Sankt Bernhard"]
    below = [("title", "10 أماكن حول العالم")]
    for n, name in enumerate(["قرية بلاغاى", "قرية هواكتشينا", "بحيرة هيلير"], 1):
        below += [("heading", name), ("body", "نص قصير عن المكان."), ("counter", str(n))]
    assert read_labelled(below).numbers == [None, None, None]
