"""What a page says about itself, learned from its own lines: its credit label (`lineparts.page_credit_label`: a
word for `photo` no rule knows, taken off each credit; an agency before a colon, a quoted sentence and a web
address are no labels) and its series name (after `TOP` on every heading, a bare number is the rank). And "by" in
other languages before a name."""

from __future__ import annotations

import pytest

from slide2video.readers.labeller.lineparts import credit_text, page_credit_label
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
