"""Credit-line recognition: every phrasing newsrooms use, and the headings that must *not* become credits."""

from __future__ import annotations

import pytest

from slide2video.readers.credits import clean_credit, is_credit_label, parse_credit, split_credit


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Credits: DepositPhotos", "DepositPhotos"),
        ("Credit: Jane Doe", "Jane Doe"),
        ("CREDIT: JANE DOE", "JANE DOE"),
        ("Image Credit: Getty Images", "Getty Images"),
        ("Photo Credit: Mark Delaney.", "Mark Delaney"),
        ("Photo: AP", "AP"),
        ("Photograph: Jane Doe/The Guardian", "Jane Doe/The Guardian"),
        ("Image Source: Wikimedia Commons", "Wikimedia Commons"),
        ("Source: Reuters", "Reuters"),
        ("Featured Image: Jane Doe", "Jane Doe"),
        ("Photo illustration: Studio North", "Studio North"),
        ("Photo - Jane Doe", "Jane Doe"),
        ("(Photo: AFP)", "AFP"),
        ("[Image: Getty]", "Getty"),
        ("*Credit: Jane Doe*", "Jane Doe"),
        ("provided by Zooniverse", "Zooniverse"),
        ("Photo provided by the White House", "White House"),
        ("Courtesy of the Smithsonian", "Smithsonian"),
        ("Courtesy Jane Doe", "Jane Doe"),
        ("Photo by Clara Hughes on Unsplash", "Clara Hughes on Unsplash"),
        ("Image by Gerd Altmann from Pixabay", "Gerd Altmann from Pixabay"),
        ("© Provided by Money Digest", "Money Digest"),
        ("© Jane Doe", "Jane Doe"),
        ("1/9 © iStock", "iStock"),  # the gallery's counter printed before the credit
        ("2 of 10 Photo: AP", "AP"),
        ("3 de 12 Foto: EFE", "EFE"),  # the counter in the page's language
        ("Източник: GettyImages", "GettyImages"),  # Bulgarian "source"
        ("Bildnachweis: GMH/Wolfgang Borchardt", "GMH/Wolfgang Borchardt"),
        ("साभार: ट्विटर/rupin1992", "ट्विटर/rupin1992"),  # Hindi "courtesy"
        ("Jane Doe/Shutterstock", "Jane Doe/Shutterstock"),
        ("Jane Doe / Shutterstock", "Jane Doe / Shutterstock"),
        ("Jane Doe/The New York Times", "Jane Doe/The New York Times"),
        ("Tom Pennington via Getty Images", "Tom Pennington via Getty Images"),
        ("SAUL LOEB/AFP via Getty Images", "SAUL LOEB/AFP via Getty Images"),
        ("@someone via Instagram", "@someone via Instagram"),
        ("Kevin Jairaj-USA TODAY Sports", "Kevin Jairaj-USA TODAY Sports"),
        ("Jane Doe, Reuters", "Jane Doe, Reuters"),
        ("AP Photo/Evan Vucci", "AP Photo/Evan Vucci"),
        ("NASA/JPL-Caltech", "NASA/JPL-Caltech"),
        ("Getty Images for Tribeca", "Getty Images for Tribeca"),
        ("Getty Images", "Getty Images"),
        ("Reuters.", "Reuters"),
        ("The Associated Press", "The Associated Press"),
        ("CC BY-SA 4.0", "CC BY-SA 4.0"),
        ("Фото: ТАСС", "ТАСС"),
        ("Фото: пресс-служба Кремля", "пресс-служба Кремля"),
        ("Источник: РИА Новости", "РИА Новости"),
        # the labels of the pages collected from more languages
        ("Copyright de l’image ABIR SULTAN/ EPA", "ABIR SULTAN/ EPA"),
        ("Zdroj: bigstock.com", "bigstock.com"),
        ("Fotoğraf Kaynak: hilton.com", "hilton.com"),
        ("Fot.: www.shutterstock.com", "www.shutterstock.com"),
        ("Ảnh: Reuters.", "Reuters"),
        ("Πηγή: Shutterstock", "Shutterstock"),
        ("Bron: ANP", "ANP"),
        ("Foto: REUTERS/Goran Tomasevic TPX IMAGES OF THE DAY - RTR4VMW2", "REUTERS/Goran Tomasevic"),
        (
            "Fotografia por Sherwin Magsino, National Geographic Your Shot",
            "Sherwin Magsino, National Geographic Your Shot",
        ),
        ("Foto oleh Hanggi Tyo (instagram.com/hanggityo).", "Hanggi Tyo (instagram.com/hanggityo)"),
        ("Foto von Max Muster", "Max Muster"),
        ("مصدر الصورة، Getty Images", "Getty Images"),
        ("צילום: Jassen Todorov", "Jassen Todorov"),
        ("Beeld Kees van de Veen", "Kees van de Veen"),
        ("Foto Evgeny Feldman/AP", "Evgeny Feldman/AP"),
        ("Credit: Photo by David Fisher/Shutterstock", "David Fisher/Shutterstock"),
    ],
)
def test_credit_phrasings(line: str, credit: str) -> None:
    assert parse_credit(line) == credit


@pytest.mark.parametrize(
    "line",
    [
        "EPA Announces New Rules",
        "New Rules From The EPA",
        "Warning From NASA",
        "AC/DC Reunite",
        "Before / After",
        "Courtesy Call",
        "Credit Suisse: The Collapse",
        "Credit Card Debt Soars",
        "Image-Conscious Leaders",
        "Photos: The Best of 2024",
        "Pictured: Macron in Paris",
        "Source: The study published in Nature found rates rose. Experts agree.",
        "Courtesy of a generous donor, the library now has a new wing that opens to the public today!",
        "© 2024 The Daily Planet. All rights reserved.",
        "NASA - The Next Frontier",
        "According to Reuters, the talks collapsed on Tuesday.",
        "Macron’s Statement",
        "Photo: ",
        "Photo de famille",
        "Foto de grupo",
        "Foto Tipps für den Urlaub",
        "Beeld van de week",
        "Image courtesy of",
        "3/10 Lisbon by night",  # a counter before a caption is no credit
        "",
        "x" * 200,
    ],
)
def test_not_credits(line: str) -> None:
    assert parse_credit(line) is None


@pytest.mark.parametrize(
    ("line", "pair"),
    [
        ("Macron speaks in Paris. (Photo: AFP)", ("Macron speaks in Paris.", "AFP")),
        ("A man walks. Photo: Jane Doe/Shutterstock", ("A man walks.", "Jane Doe/Shutterstock")),
        ("The crowd at dusk | Credit: Jane Doe", ("The crowd at dusk", "Jane Doe")),
        ("Crowd in Kyiv (Getty Images)", ("Crowd in Kyiv", "Getty Images")),
        ("A humpback breaches off Australia. Getty Images", ("A humpback breaches off Australia.", "Getty Images")),
        (
            "Rhinos graze. (Photo by Sipho Ndlovu/AFP via Getty Images)",
            ("Rhinos graze.", "Sipho Ndlovu/AFP via Getty Images"),
        ),
        (  # the place and date before the © belong to the caption, not the credit
            "The ball opened the season in style. Vienna, 6 June. © REUTERS/Leonhard Foeger",
            ("The ball opened the season in style. Vienna, 6 June.", "REUTERS/Leonhard Foeger"),
        ),
        # Chinese and Japanese sentences end with no space; the credit's own final `。` is not part of the name
        ("橋が崩落した様子のクローズアップ。写真:ロイター。", ("橋が崩落した様子のクローズアップ。", "ロイター")),
        ("龍脊徑位居香港十大徒步路線榜首。攝影:Dickson Lee", ("龍脊徑位居香港十大徒步路線榜首。", "Dickson Lee")),
    ],
)
def test_caption_with_trailing_credit(line: str, pair: tuple[str, str]) -> None:
    assert split_credit(line) == pair


@pytest.mark.parametrize(
    "line",
    [
        "Obesity rose sharply last year (Source: CDC).",
        "He said it to Reuters.",
        "The talks collapsed — and nobody knows why",
        "Officials met on Tuesday (local time) to discuss the plan.",
        "橋が崩落した。写真家たちが集まった。",
    ],
)
def test_paragraphs_are_not_captions(line: str) -> None:
    assert split_credit(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Photo credit:", True),
        ("Image:", True),
        ("Фото:", True),
        ("Credits:", True),
        ("Photos by", True),
        ("Video:", False),
        (":", False),
        ("Photos by the sea", False),
    ],
)
def test_credit_label_alone(line: str, expected: bool) -> None:
    assert is_credit_label(line) is expected


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("(Julio Cortez / Associated Press)", "Julio Cortez / Associated Press"),
        ("(AP Photo/Evan Vucci).", "AP Photo/Evan Vucci"),
        ("Oana (@oana)", "Oana (@oana)"),  # a pair inside the credit stays
        ("Oana (@oana))", "Oana (@oana)"),  # a bracket left over from the caption goes
        ("(a) b (c)", "(a) b (c)"),
    ],
)
def test_clean_credit_brackets(raw: str, clean: str) -> None:
    assert clean_credit(raw) == clean
