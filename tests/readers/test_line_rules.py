"""The line rules the labeller's features and the repairs lean on, line by line: dates, breadcrumbs, share bars,
slide counters, rights notices and pagers, ordinal numbering, and the credit cut out of an attribution. The
repairs themselves, on labelled pages, are in `test_label_repairs.py`.
"""

from __future__ import annotations

import pytest

from slide2video.readers.credits import parse_credit
from slide2video.readers.footers import (
    is_comments_header,
    is_copyright,
)
from slide2video.readers.labeller.lineparts import credit_text, signed_tail
from slide2video.readers.textrules import (
    counter,
    crumb_line,
    fold,
    is_chrome,
    is_date_line,
    is_pager,
    numbered,
)


@pytest.mark.parametrize(
    "line",
    [
        "March 30, 2017 · caitastrophicc · Leave a comment",
        "Month: November 2014",
        "Publicado: jueves, 15 diciembre 2022 10:45",
        "Veröffentlicht am 3. Mai 2019",
        "15 de diciembre de 2022",
        "mardi 3 mars 2020",
    ],
)
def test_dates_in_several_languages_are_date_lines(line: str) -> None:
    assert is_date_line(line)


@pytest.mark.parametrize("line", ["Mai Thai restaurant 2014", "Mars 2020 rover lands", "May the best team win"])
def test_words_that_are_also_month_names_are_not_dates(line: str) -> None:
    assert not is_date_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "2019年4月30日 21:16",
        "2025년 6월 14일",
        "11月1日(金)12時30分",
        "» 2017年11月30日 15時07分 公開",
        "2019.06.14",
        "[2018/9/5 00:03]",
        "입력 2016.12.12 06:46",
        "2017年08月31日10:14 | 来源:新华社",
        "조회 수 11920 추천 수 1 2015.07.27 17:00:08",  # a forum post's views and votes beside its date
        "2022-09-20 18:53:02  浏览:62",
    ],
)
def test_dates_written_with_digits_and_cjk_units_are_date_lines(line: str) -> None:
    assert is_date_line(line)


@pytest.mark.parametrize(
    "line", ["1月1日に行きました", "2019年に行った場所ベスト10", "10. 5월 1일 노동절", "Top 10 2015.07"]
)
def test_a_sentence_or_heading_with_a_date_in_it_is_no_date_line(line: str) -> None:
    assert not is_date_line(line)


@pytest.mark.parametrize("line", ["หน้าแรก / บทความ / ท่องเที่ยว", "Inicio / Viajes", "TOP > 国内 > 東海"])
def test_breadcrumbs_open_with_home_in_many_languages(line: str) -> None:
    assert crumb_line(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Facebook Twitter Email",
        "ツイート シェア はてブ",
        "Teilen | Drucken",
        "ПоделитьсяПоделиться",
        "Distribuie pe Facebook",  # one little word between the buttons
        "שתפו בפייסבוק שתפו בטוויטר שלחו לחבר",
        "공유 페이스북 카카오톡 링크복사",
    ],
)
def test_a_share_bar_is_furniture(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line", ["Line of duty", "Print this page if you must", "Pocket money", "Facebook and Twitter"]
)
def test_words_that_are_also_share_buttons_are_not_a_share_bar(line: str) -> None:
    assert not is_chrome(line)


@pytest.mark.parametrize(
    ("line", "value"), [("Slajd: 3/5", (3, 5)), ("Zdjęcie 2 z 10", (2, 10)), ("Foto 3/12", (3, 12)), ("1/2 cup", None)]
)
def test_slide_counters_in_several_languages(line: str, value: tuple[int, int] | None) -> None:
    assert counter(line) == value


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Photos: Wildfires force Los Angeles evacuations", None),  # a gallery's headline
        ("Photo: Jane Doe for The New York Times", "Jane Doe for The New York Times"),
        ("Foto: Felix Kästle/dpa", "Felix Kästle/dpa"),
    ],
)
def test_a_photo_label_before_a_sentence_is_a_headline_not_a_credit(line: str, credit: str | None) -> None:
    assert parse_credit(line) == credit


def test_a_time_stamp_with_seconds_is_a_date_line() -> None:
    assert is_date_line("|2017-06-22 13:09:13")


@pytest.mark.parametrize(
    ("line", "credit", "caption"),
    [
        (
            "Ostuni (Di Mentnafunangann, CC BY-SA 4.0, Wikicommons)",
            "Mentnafunangann, CC BY-SA 4.0, Wikicommons",
            "Ostuni",
        ),
        ("Köln (Von Raimond Spekking, CC BY-SA 4.0)", "Raimond Spekking, CC BY-SA 4.0", "Köln"),
        ("Opi (Di Carlo)", "Di Carlo", "Opi"),  # no licence: "Di" is the name's
        (
            "Кратер вулкана Майон, 14 января / Romulo Quinto Ceneta /  © REUTERS",
            "Romulo Quinto Ceneta / REUTERS",
            "Кратер вулкана Майон, 14 января",
        ),
    ],
)
def test_credit_text_of_attributions(line: str, credit: str, caption: str) -> None:
    assert credit_text(line) == (credit, caption)


def test_rights_notices_pagers_and_font_size_buttons() -> None:
    for notice in (
        "Tüm hakları saklıdır. © Turkuvaz",
        "저작권자 © 이투데이, 무단 전재 및 재배포 금지",
        "© 2014 Men's Journal",
    ):
        assert is_copyright(notice)
    assert not is_copyright("Photo: Reuters")
    assert all(is_pager(b) for b in ("« Previous", "Next »", "Suivant >", "次へ"))
    assert not is_pager("Next steps for the city")
    assert is_chrome("가 가 공유 인쇄") and is_chrome("A A Share Print") and is_chrome("شارك فيسبوك تويتر واتساب")
    assert is_chrome("Partager cette page avec Twitter")
    assert is_chrome("Cet article date de plus de dix ans") and is_chrome("This article is more than 5 years old")
    assert not is_chrome("Save the date for our gala")


@pytest.mark.parametrize(
    "line",
    [
        "Lee también: Las diez playas más bonitas de Galicia",
        "Leé también: Tips para tu viaje a París",  # Rioplatense Spanish
        "Leia também: Os melhores destinos de 2024",
        "À lire aussi : Les plus beaux villages de France",
        "Lesen Sie auch: Die schönsten Burgen am Rhein",
        "Lees ook: De mooiste stranden van Zeeland",
        "Leggi anche: I borghi più belli d'Italia",
        "Czytaj też: Najpiękniejsze zamki w Polsce",
        "Läs också: Sveriges vackraste sjöar",
        "Čtěte také: Nejkrásnější hrady",
    ],
)
def test_a_read_also_link_in_any_language_is_furniture(line: str) -> None:
    """A link to another story inside this one, in the page's language."""
    assert is_chrome(line)


def test_the_comparison_key_keeps_combining_vowel_signs() -> None:
    """Hindi's vowel signs are marks, not punctuation: `लीबिया` folded stays one word, not `ल ब य`."""
    assert fold("लीबिया की राजधानी!") == "लीबिया की राजधानी"
    assert fold("लीबिया") != fold("लबय")
    assert fold("“Title…”") == "title"


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("A judge inspects apples at the Illinois State Fair (AP Photo/Seth Perlman)", "AP Photo/Seth Perlman"),
        ("Photographer: Tom Anderson", "Tom Anderson"),
        ("REUTERS: Chris Keane", "REUTERS: Chris Keane"),
        ("5/16 Obama conversa con Varufakis.DIMITRIS PANAGOS | EFE", "DIMITRIS PANAGOS | EFE"),
        ("자작나무 숲 즐기는 등산객들 / 인제군 제공", "인제군 제공"),
        ("눈 내린 한라산 / 김호천 기자", "김호천 기자"),
    ],
)
def test_credit_text_of_agency_and_photographer_forms(line: str, credit: str) -> None:
    assert credit_text(line)[0] == credit


def test_ordinal_numbering_and_comment_counters() -> None:
    assert numbered("40e : Le Château de Chenonceau") == (40, "Le Château de Chenonceau", "th")
    assert numbered("40th anniversary of the landing") is None
    assert all(is_comments_header(t) for t in ("Comentar · 0", "12 Kommentare", "Commentaires (3)"))
    assert not is_comments_header("Comentarios de la semana")


def test_a_lower_case_phrase_after_the_last_sentence_is_no_signature() -> None:
    assert signed_tail("Die Analysten haben die Liste erstellt und sie ist lang. Apartmentblock in Hongkong") is None
    assert (
        signed_tail("Un helicóptero sobrevuela la columna de humo en Francia. YOAN VALAT | EFE") == "YOAN VALAT | EFE"
    )
