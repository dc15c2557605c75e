"""The page's own credit label (`structure.page_credit_label`): a word for `photo` no rule knows, learned from
the page's credit lines, is taken off each credit; an agency before a colon and a quoted sentence are not labels."""

from __future__ import annotations

from slide2video.readers.labeller.lineparts import page_credit_label
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
