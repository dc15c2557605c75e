"""Label repairs from the page's own evidence (`labeller/repair.py`, `title.py`) on hand labels (the line rules
they lean on are in `test_line_rules.py`).

Each case is the labeller's typical slip on a real page, written as labels: the repair must turn it into the
article a reader sees, and must leave alone the look-alike that is not a slip.
"""

from __future__ import annotations

import pytest

from slide2video.errors import ArticleError
from slide2video.readers.labeller import Decision, page_lines
from slide2video.readers.labeller.repair import repair
from slide2video.readers.labeller.structure import Reading, build
from support import labelled_rows, read_labelled


def test_a_numbered_run_is_every_slide_heading_once_one_of_them_is() -> None:
    rows = [("title", "16 People Who Found Something That Made Them Smile")]
    for n in range(1, 7):
        rows.append(("heading" if n in (2, 5) else "body", f"{n}. “Photo number {n} of something small and kind.”"))
    reading = read_labelled(rows)
    assert [s.heading for s in reading.article.slides] == [
        f"“Photo number {n} of something small and kind.”" for n in range(1, 7)
    ]


def test_a_numbered_list_inside_a_slide_stays_body_text() -> None:
    rows = [
        ("title", "Weeknight Dinners"),
        ("heading", "1. Tomato soup"),
        ("body", "1. Heat the oven."),
        ("body", "2. Roast the tomatoes."),
        ("body", "3. Blend them."),
        ("body", "4. Season to taste."),
        ("heading", "2. Lentil stew"),
        ("body", "Slow and warming."),
    ]
    lines, labels = labelled_rows(rows)
    assert repair(lines, labels) == labels  # one heading among four list items is not a series of headings


def test_a_short_caption_where_the_headings_stand_is_a_heading() -> None:
    rows = [
        ("title", "Ces photos prouvent que la nature a de l'humour"),
        ("intro", "Des photos venues des quatre coins du monde."),
        ("heading", "Beaucoup de poissons"),
        ("credit", "Photo Credit: Reddit / lowcrbnaman"),
        ("body", "Pas un seul ne semble vouloir s'approcher de ce requin."),
        ("caption", "La nature ne s'arrête à rien"),
        ("credit", "Photo Credit: Reddit / TopdeBotton"),
        ("intro", "Qu'est-ce qui a bien pu pousser deux conducteurs à laisser leur voiture là ?"),
        ("caption", "La ligne du petit déjeuner"),
        ("credit", "Photo Credit: Reddit / adalab"),
        ("body", "Une maman et ses petits."),
    ]
    reading = read_labelled(rows)
    assert [(s.heading, s.credit) for s in reading.article.slides] == [
        ("Beaucoup de poissons", "Reddit / lowcrbnaman"),
        ("La nature ne s'arrête à rien", "Reddit / TopdeBotton"),
        ("La ligne du petit déjeuner", "Reddit / adalab"),
    ]


def test_a_caption_under_its_heading_stays_a_caption() -> None:
    rows = [
        ("title", "Gardens"),
        ("heading", "Sissinghurst"),
        ("credit", "Photo: A. Gardener"),
        ("body", "White roses."),
        ("heading", "Great Dixter"),
        ("caption", "The long border in June"),
        ("credit", "Photo: B. Gardener"),
    ]
    lines, labels = labelled_rows(rows)
    assert repair(lines, labels) == labels


def test_paragraphs_opening_with_a_phrase_and_a_dash_are_a_listicle() -> None:
    rows = [
        ("title", "Hacks to Help You Save Money on Groceries"),
        ("intro", "Groceries are one of the biggest bills."),
        ("body", "Buy in bulk – Warehouse clubs have stuck around for a reason: they save you money."),
        ("body", "Plan weekly meals – Never walk into a store with no plan and an empty stomach."),
        ("body", "Read unit prices – Every shopper should check them; they are on every shelf tag."),
    ]
    reading = read_labelled(rows)
    assert [s.heading for s in reading.article.slides] == ["Buy in bulk", "Plan weekly meals", "Read unit prices"]
    assert reading.article.slides[0].body[0].startswith("Warehouse clubs")


def test_paragraphs_opening_with_a_name_are_a_listicle() -> None:
    """`Pienza: in Val d’Orcia …`, `Bosa. Questo borgo …`: each item's name run into its paragraph."""
    rows = [
        ("title", "I borghi più belli d'Italia"),
        ("body", "Ecco la classifica dei borghi più belli secondo la rivista, tra mare e montagna."),
        ("body", "Pietrapertosa: arroccata tra le pareti di roccia, sembra sospesa nel vuoto."),
        ("body", "Ricetto di Candelo. Si trova in Piemonte e il suo nome vuol dire rifugio."),
        ("body", "Pienza: in Val d’Orcia, è stata ribattezzata la città ideale del Rinascimento."),
        ("body", "Bosa. Questo borgo medievale è tagliato in due dal fiume Temo, l’unico navigabile dell’isola."),
    ]
    reading = read_labelled(rows)
    assert [s.heading for s in reading.article.slides] == ["Pietrapertosa", "Ricetto di Candelo", "Pienza", "Bosa"]
    assert reading.article.slides[1].body[0].startswith("Si trova in Piemonte")


@pytest.mark.parametrize(
    "speakers",
    [["Frage", "Antwort", "Frage", "Antwort"], ["Photo", "Photo", "Photo", "Photo"]],
)
def test_an_interview_or_a_gallery_of_named_paragraphs_is_no_listicle(speakers: list[str]) -> None:
    """A name repeated (`Frage:` / `Antwort:`) is an interview's speaker, not a list's item."""
    rows = [("title", "Im Gespräch")]
    rows += [("body", f"{who}: wie war das Jahr {n} für Sie?") for n, who in enumerate(speakers)]
    lines, labels = labelled_rows(rows)
    assert "heading" not in repair(lines, labels)


def test_named_captions_in_a_credited_gallery_stay_captions() -> None:
    rows = [("title", "Die teuersten Städte der Welt")]
    for city in ("Oslo", "Paris", "London"):
        rows += [("body", f"{city}: Essen und Wohnen kosten hier mehr als anderswo."), ("credit", "Foto: DPA")]
    lines, labels = labelled_rows(rows)
    assert repair(lines, labels) == labels


def test_one_dashed_paragraph_in_a_story_is_not_a_slide() -> None:
    rows = [
        ("title", "Council approves budget"),
        ("body", "The council met on Tuesday – a long meeting, members said."),
        ("body", "The vote was close."),
        ("body", "The budget takes effect in April."),
    ]
    lines, labels = labelled_rows(rows)
    assert repair(lines, labels) == labels


def test_a_date_or_breadcrumb_labelled_title_is_not_the_headline() -> None:
    reading = read_labelled(
        [
            ("title", "Month: November 2014"),
            ("chrome", "Home > Style"),
            ("title", "Top 10 Indian fashionistas"),
            ("heading", "1. Deepika Padukone"),
            ("body", "Always elegant."),
            ("heading", "2. Sonam Kapoor"),
            ("body", "Bold choices."),
            ("heading", "3. Kangana Ranaut"),
            ("body", "Fearless."),
        ]
    )
    assert reading.article.title == "Top 10 Indian fashionistas"


def test_ranks_alone_on_their_lines_are_a_countdown() -> None:
    slides = "".join(f"{n}位\n\nf:id:photo{n}:image\n\n写真{n}の話。\n\n" for n in (50, 49, 48, 47))
    page = "Best Selection 150\n\n" + slides
    lines = page_lines(page)
    labels = ["title"] + ["body"] * (len(lines) - 1)
    repaired = repair(lines, labels)
    assert [ln.text for ln, lab in zip(lines, repaired, strict=True) if lab == "heading"] == [
        "50位",
        "49位",
        "48位",
        "47位",
    ]


def test_list_items_under_numbered_headings_stay_text() -> None:
    rows = [
        ("title", "Los 3 mejores destinos"),
        ("heading", "3. Estados Unidos"),
        ("body", "Un país enorme."),
        ("body", "- Las Cataratas Del Niagara"),
        ("body", "Y mucho más."),
        ("heading", "2. España"),
        ("body", "Sol y playa."),
        ("heading", "1. Francia"),
        ("body", "París siempre."),
    ]
    lines, labels = labelled_rows(rows)
    assert repair(lines, labels) == labels


def test_alt_text_naming_part_of_the_heading_above_is_a_caption() -> None:
    rows = [
        ("title", "The best fried chicken in every state"),
        ("heading", "ALABAMA: Saw's Soul Kitchen in Birmingham"),
        ("heading", "Saw's Soul Kitchen"),
        ("credit", "Ellyse L./Yelp"),
        ("body", "Crisp and hot."),
        ("heading", "ALASKA: Roscoe's Catfish & BBQ in Anchorage"),
        ("credit", "Jeriel G./Yelp"),
        ("body", "Smoky."),
    ]
    reading = read_labelled(rows)
    assert [(s.heading, s.alt) for s in reading.article.slides] == [
        ("ALABAMA: Saw's Soul Kitchen in Birmingham", "Saw's Soul Kitchen"),
        ("ALASKA: Roscoe's Catfish & BBQ in Anchorage", None),
    ]


def _slides_after(title_rows: list[tuple[str, str]]) -> Reading:
    slides = [("heading", f"{n}. {name}") for n, name in enumerate(("Deepika Padukone", "Sonam Kapoor", "Kangana"), 1)]
    return read_labelled([*title_rows, *[row for s in slides for row in (s, ("body", "Elegant."))]])


def test_a_credit_run_into_the_headline_is_the_lead_photo_credit() -> None:
    reading = _slides_after(
        [("title", "Top 10 Indian fashionistas"), ("title", "Picture courtesy: Deepika Padukone’s official page")]
    )
    assert reading.article.title == "Top 10 Indian fashionistas"


def test_a_menu_bar_opening_with_home_is_not_the_headline_but_a_top_list_is() -> None:
    menu = _slides_after([("title", "होम मनोरंजन लाइफ़स्टाइल आर्ट एंड कल्चर वायरल वीडियो")])
    assert menu.title_line is None
    top = _slides_after([("title", "Top 21 small cities in Virginia")])
    assert top.article.title == "Top 21 small cities in Virginia"


def test_the_last_numbered_heading_printed_with_its_paragraph_is_a_heading() -> None:
    rows = [
        ("title", "The Top 10 Worst Top 10 Lists of 2008"),
        ("heading", "1. Doctors Without Borders' Top 10. It matters."),
        ("heading", "2. Giganews' Top 10 Things Started on Usenet. It covers a lot."),
        ("heading", "3. The Top Ten Worst April Fools' Day Hoaxes. Ever been fooled?"),
        ("body", "4. Spamhaus' Top 10 Worst Spammers of 2008. " + "Think of it as a most wanted poster. " * 5),
        ("footer", "Suggest a correction"),
    ]
    reading = read_labelled(rows)
    slides = reading.article.slides
    assert len(slides) == 4
    assert slides[-1].heading == "Spamhaus' Top 10 Worst Spammers of 2008"


def test_the_first_numbered_item_swallowed_by_the_intro_is_a_heading() -> None:
    rows = [
        ("title", "Ten small joys of being a parent"),
        ("intro", "Nobody warns you about the good parts."),
        # Printed with its whole paragraph: too long to count as a numbered line on its own.
        ("intro", "10. Piggy back rides. " + "Little ones get heavy fast, but they laugh the whole way. " * 3),
        ("heading", "9. Bedtime stories"),
        ("body", "The same book, forty nights in a row."),
        ("heading", "8. First words"),
        ("body", "Usually not the word you hoped for."),
        ("heading", "7. Sticky hugs"),
        ("body", "Worth every stain."),
    ]
    slides = read_labelled(rows).article.slides
    assert [s.number for s in slides] == [10, 9, 8, 7]
    assert slides[0].heading == "Piggy back rides"
    # A number that does not continue the series stays in the intro.
    rows[2] = ("intro", "3. A number that does not continue the list. " + "It is the intro's own. " * 5)
    assert len(read_labelled(rows).article.slides) == 3


def test_alt_text_after_the_slide_text_echoing_its_heading_is_a_caption() -> None:
    rows = [
        ("title", "15 of the best London hidden gems"),
        ("heading", "Chelsea Physic Garden"),
        ("body", "Tucked away just off Cheyne Walk is the historic Chelsea Physic Garden."),
        ("heading", "Chelsea Physic Garden London"),
        ("heading", "Leighton House"),
        ("body", "From the street this house looks grand enough."),
        ("heading", "Leighton House in Kensington"),
        ("credit", "LHM Arab Hall ©Will Pryce"),
    ]
    reading = read_labelled(rows)
    assert [(s.heading, s.alt) for s in reading.article.slides] == [
        ("Chelsea Physic Garden", "Chelsea Physic Garden London"),
        ("Leighton House", "Leighton House in Kensington"),
    ]


def test_headings_the_rules_call_furniture_and_a_numbered_credit() -> None:
    rows = [
        ("title", "Top 10 Transformed Celebrities"),
        ("heading", "10.) Will Smith"),
        ("body", "Still charming."),
        ("heading", "9.) Christina Aguilera"),
        ("body", "A new look."),
        ("credit", "8.) Dustin Diamond/Screech"),  # numbered like the headings: a heading, whatever its slash
        ("body", "The former geek."),
        ("heading", "More on Facty"),
        ("heading", "2 comments:"),
        ("heading", "1"),
        ("heading", "2"),
    ]
    lines, labels = labelled_rows(rows)
    assert repair(lines, labels)[5:] == ["heading", "body", "footer", "comment", "chrome", "chrome"]
    assert [s.number for s in read_labelled(rows).article.slides] == [10, 9, 8]


def test_a_numbered_line_taken_for_the_title_is_a_paginated_page_slide() -> None:
    rows = [("chrome", "Facty"), ("title", "3. Save Your Change"), ("credit", "Photo: Getty"), ("body", "Jars.")]
    reading = read_labelled(rows)
    assert reading.title_line is None
    assert [(s.heading, s.number) for s in reading.article.slides] == [("Save Your Change", 3)]


def test_a_url_slug_is_not_the_headline() -> None:
    reading = _slides_after([("title", "I+borghi+pi%C3%B9+belli+d%26%238217%3BItalia")])
    assert reading.title_line is None


def test_a_story_with_one_subheading_keeps_its_paragraphs() -> None:
    rows = [
        ("title", "Council approves budget"),
        ("heading", "What changes"),
        ("body", "The council met on Tuesday and voted on the new plan for the coming year."),
        ("body", "The vote was close, members said afterwards."),
        ("body", "The budget takes effect in April and runs for twelve months."),
    ]
    lines, labels = labelled_rows(rows)
    assert repair(lines, labels) == labels


def test_one_long_line_numbered_photo_by_photo_is_alt_text() -> None:
    alt = "Tổng thống Donald Trump chơi golf giữa bốn bề cây xanh - Ảnh {}."
    places = ("khu ổ chuột Tondo ở Manila", "nghĩa trang ở Orlando, Florida", "bến cảng Sydney sáng sớm")
    rows = [("title", "Thế giới trong tuần qua")]
    for n, place in enumerate(places, 1):
        rows += [("heading", alt.format(n)), ("heading", f"Một gia đình tại {place} trong mùa dịch (Ảnh: Reuters)")]
    lines, labels = labelled_rows(rows)
    assert repair(lines, labels)[1:] == ["caption", "credit"] * 3


def test_a_gallery_headline_read_as_a_credit_is_the_title() -> None:
    rows = [("chrome", "News"), ("credit", "Photos: Wildfires force Los Angeles evacuations")]
    rows += [("caption", "Smoke rises over the hills above town."), ("credit", "AP Photo/Ringo Chiu")]
    rows += [("caption", "Firefighters watch the ridge."), ("credit", "AP Photo/Noah Berger")]
    reading = read_labelled(rows)
    assert reading.article.title == "Photos: Wildfires force Los Angeles evacuations"
    assert [s.credit for s in reading.article.slides] == ["AP Photo/Ringo Chiu", "AP Photo/Noah Berger"]


def test_gallery_captions_opening_with_their_date_and_lost_slash_counters() -> None:
    rows = [("title", "Le foto più emozionanti di oggi")]
    for n, text in enumerate(("Michelle Obama passeggia accanto a Letizia Ortiz durante la visita", "Due robot"), 1):
        rows += [
            ("heading", f"{n} 56"),
            ("heading", f"30 giugno. {text} umanoidi si sfidano a calcio durante il campionato mondiale"),
            ("credit", "ANSA"),
        ]
    lines, labels = labelled_rows(rows)
    assert repair(lines, labels)[1:] == ["counter", "caption", "credit"] * 2


def test_the_likeliest_title_skips_furniture() -> None:
    rows = [
        ("chrome", "India's monsoon wields unprecedented challenges"),
        ("date", "| Updated: Jul 09, 2023, 06:03 PM IST"),
        ("heading", "Delhi floods"),
        ("body", "Roads disappear."),
        ("heading", "Amritsar"),
        ("body", "Water everywhere."),
        ("heading", "Guwahati"),
        ("body", "Streets turn to rivers."),
    ]
    lines, _ = labelled_rows(rows)
    title_p = [0.45, 0.5, 0, 0, 0, 0, 0, 0]
    decisions = [Decision(lab, 0.5, lab, 0.0, p) for (lab, _), p in zip(rows, title_p, strict=True)]
    reading = build(lines, decisions, "p.txt")
    assert reading.article.title == "India's monsoon wields unprecedented challenges"


def test_a_credit_punctuated_like_the_headings_above_a_real_credit_is_a_heading() -> None:
    rows = [("title", "Mutlaka Fotoğrafı Çekilmesi Gereken Şehirler")]
    for place, country, site in (("İstanbul", "Türkiye", "dizturkiye.org"), ("Amsterdam", "Hollanda", "westcord.nl")):
        rows += [
            ("heading", f"{place} / {country}"),
            ("credit", f"Fotoğraf Kaynak: {site}"),
            ("body", "Güzel bir şehir."),
        ]
    rows += [("credit", "Rio de Janeiro / Brezilya"), ("credit", "Fotoğraf Kaynak: hilton.com"), ("body", "Karnaval.")]
    reading = read_labelled(rows)
    assert [(s.heading, s.credit) for s in reading.article.slides][-1] == ("Rio de Janeiro / Brezilya", "hilton.com")


def test_captions_signed_with_one_name_are_credited_photos() -> None:
    rows = [("title", "제61회 한국보도사진전 개막")]
    for who in ("국회의장이 전시를 관람하고 있다.", "협회장이 인사말을 하고 있다.", "시장이 작품을 보고 있다."):
        rows.append(("body", f"▲{who} 전시는 24일까지 서울 종로구 광화문광장 놀이마당에서 열린다. 사진공동취재단"))
    rows.append(("credit", "저작권자 © 이투데이, 무단 전재 및 재배포 금지"))
    reading = read_labelled(rows)
    assert [s.credit for s in reading.article.slides] == ["사진공동취재단"] * 3  # the rights notice is no photo's


def test_the_headline_repeated_as_every_caption_is_not_a_signature() -> None:
    rows = [("title", "Hangi şehrin neyi meşhur? İşte şaşırtan gerçekler")]
    for city in ("Adana", "Bursa", "Konya"):
        rows += [("heading", city), ("body", "Hangi şehrin neyi meşhur? İşte şaşırtan gerçekler")]
    lines, labels = labelled_rows(rows)
    assert repair(lines, labels) == labels


def test_a_paginated_page_headline_with_its_photo_credit_is_the_slide() -> None:
    rows = [
        ("chrome", "« Previous"),
        ("chrome", "Next »"),
        ("title", "Jude Law (Gained 20 to 30 Pounds)"),
        ("credit", "Credit: Everett"),
        ("body", "A steady run of cheeseburgers gave him the paunch."),
        ("chrome", "« Previous"),
    ]
    reading = read_labelled(rows)
    assert reading.title_line is None
    assert [(s.heading, s.credit) for s in reading.article.slides] == [("Jude Law (Gained 20 to 30 Pounds)", "Everett")]
    # Without the page's pager the same lines are a headline over its lead photo, and no slideshow.
    with pytest.raises(ArticleError):
        read_labelled([row for row in rows if row[0] != "chrome"])


def test_credits_above_headings_with_the_next_slide_counter_between() -> None:
    rows = [("title", "A Look Back: Week in Photos"), ("credit", "REUTERS: Chris Keane"), ("counter", "1 of 3")]
    for n, (head, credit) in enumerate(
        (("Roll Tide", "AP Photo: Dmitry Lovetsky"), ("Orthodox Christmas", "Getty Images: Chip Somodevilla")), 2
    ):
        rows += [("heading", head), ("body", "A photo of the week."), ("credit", credit), ("counter", f"{n} of 3")]
    rows += [("heading", "Just like daddy"), ("body", "The last photo.")]
    reading = read_labelled(rows)
    assert [(s.heading, s.credit) for s in reading.article.slides] == [
        ("Roll Tide", "REUTERS: Chris Keane"),
        ("Orthodox Christmas", "AP Photo: Dmitry Lovetsky"),
        ("Just like daddy", "Getty Images: Chip Somodevilla"),
    ]


def test_a_gallery_of_one_line_photos_keeps_each_photo() -> None:
    rows = [
        ("title", "Photos of the week"),
        (
            "credit",
            "Neil Heslin weeps as he addresses the Senate Judiciary Committee in Washington. REUTERS/Yuri Gripas",
        ),
        ("caption", "Someone leaps from the Wuhan Yangtze River Bridge into the river in Hubei province, China."),
        ("caption", "Wearing a soldier costume made for Purim, a boy stands beside a group of grown-ups."),
        ("credit", "Men smoke inside a room in Gao, Mali, February 24, 2013. REUTERS/Joe Penney"),
        ("caption", "Buddhist monks say prayers at the Wat Phra Dhammakaya temple in Pathum Thani province."),
    ]
    reading = read_labelled(rows)
    assert [s.credit for s in reading.article.slides] == ["REUTERS/Yuri Gripas", None, None, "REUTERS/Joe Penney", None]


def test_alt_text_above_its_own_captioned_credit_is_one_photo() -> None:
    rows = [("title", "In pictures")]
    for place in ("Lisbon", "Porto", "Faro"):
        rows += [
            ("caption", f"Crowds fill the old town of {place} at dusk"),
            ("credit", f"Crowds fill the old town of {place} at dusk on Saturday. Photo: Ana Dias"),
        ]
    reading = read_labelled(rows)
    assert [s.credit for s in reading.article.slides] == ["Ana Dias"] * 3


def test_bare_agency_credits_read_as_headings_are_credits() -> None:
    rows = [("title", "Das sind die teuersten Städte der Welt")]
    for city, credit in (("Singapur", "Imago"), ("Hongkong", "APA/AFP/PETER PARKS"), ("Paris", "Imago")):
        rows += [("body", f"{city} ist teuer, und die Mieten steigen weiter."), ("heading", credit)]
    reading = read_labelled(rows)
    assert [s.credit for s in reading.article.slides] == ["Imago", "APA/AFP/PETER PARKS", "Imago"]


def test_a_headline_standing_out_of_the_menus_is_the_title_when_none_was_likely() -> None:
    rows = [("chrome", w) for w in ("t-online", "Menü", "Suche", "Nachrichten", "Sport", "Leben")]
    rows += [("chrome", "Die beliebtesten Reiseziele weltweit")]
    for n, city in ((3, "Dubai"), (2, "Bali"), (1, "Kreta")):
        rows += [("heading", f"Platz {n}: {city}"), ("body", "Eine schöne Reise.")]
    lines, _ = labelled_rows(rows)
    title_p = [0.0] * 6 + [0.16] + [0.0] * 6
    decisions = [Decision(lab, 0.9, lab, 0.0, p) for (lab, _), p in zip(rows, title_p, strict=True)]
    assert build(lines, decisions, "p.txt").article.title == "Die beliebtesten Reiseziele weltweit"
    # With no chance of a title at all the page keeps no headline (and takes the file's name, with a warning).
    unlikely = [Decision(lab, 0.9, lab, 0.0, 0.0) for lab, _ in rows]
    assert build(lines, unlikely, "p.txt").title_line is None


def test_one_headed_slide_between_previous_and_next_buttons_is_a_paginated_slideshow_page() -> None:
    rows = [
        ("chrome", "« Previous"),
        ("chrome", "Next »"),
        ("title", "The Best Beach Towns on the Gulf Coast"),
        ("heading", "Fleur de Lys"),
        ("body", "A quiet town with a long pier and a harbour full of shrimp boats."),
        ("body", "Come in May, before the summer crowds arrive."),
    ]
    reading = read_labelled(rows)
    assert [s.heading for s in reading.article.slides] == ["Fleur de Lys"]
    with pytest.raises(ArticleError, match="does not look like a slideshow"):
        read_labelled([row for row in rows if "»" not in row[1] and "«" not in row[1]])


def test_of_two_lines_called_title_the_one_the_model_is_surest_of_is_the_headline() -> None:
    rows = [
        ("title", "News Specials Photo Infographics"),
        ("chrome", "Menu"),
        ("title", "15 Photos of the Week: a Storm, a Parade and a Record"),
        ("heading", "1. The storm"),
        ("credit", "Photo: AP"),
        ("heading", "2. The parade"),
        ("credit", "Photo: AP"),
    ]
    lines, labels = labelled_rows(rows)
    sure = {0: 0.4, 2: 0.95}
    decisions = [Decision(lab, 1.0, lab, 0.0, sure.get(i, 0.0)) for i, lab in enumerate(labels)]
    assert build(lines, decisions, "p.txt").article.title == rows[2][1]


def test_a_photo_before_the_gallery_s_counted_photos_is_the_lead_photo() -> None:
    rows = [("title", "Pakistan vs England in pictures")]
    rows.append(("credit", "The captains toss the coin before the match in Pallekele. | Photo: AP/Eranga Jayawardena"))
    for n in range(1, 5):
        rows.append(("credit", f"{n}/16 Players walk out for moment {n} of the match. | Photo: AP/Eranga Jayawardena"))
    reading = read_labelled(rows)
    assert len(reading.article.slides) == 4
    assert all(s.credit == "AP/Eranga Jayawardena" for s in reading.article.slides)
    uncounted = read_labelled(rows[:2] + [(lab, text.split(" ", 1)[1]) for lab, text in rows[2:]])
    assert len(uncounted.article.slides) == 5  # no counters: the first photo is a slide like the others


@pytest.mark.parametrize(
    ("headings", "read"),
    [
        (["Top Dog 10: Pug", "Top Dog 9: Rottweiler", "Top Dog 8: Chihuahua"], [(10, "Pug"), (9, "Rottweiler")]),
        (["Top Dog 10: Pug", "Top Dog 9 Rottweiler", "Top Dog 8: Chihuahua"], [(10, "Pug"), (9, "Rottweiler")]),
        (
            ["走春景點 1. 椬梧滯洪池", "走春景點 2. 雅聞峇里海岸", "走春景點 3. 成龍溼地"],
            [(1, "椬梧滯洪池"), (2, "雅聞峇里海岸")],
        ),
        (
            [
                "日本の絶景図鑑【北海道01】頭大仏",
                "日本の絶景図鑑【北海道02】大通公園",
                "日本の絶景図鑑【北海道03】中島公園",
            ],
            [(1, "頭大仏"), (2, "大通公園")],
        ),
        (["The Beatles", "The Who", "The Kinks"], [(None, "The Beatles"), (None, "The Who")]),
    ],
)
def test_a_series_name_before_every_heading_s_number_is_not_part_of_the_heading(
    headings: list[str], read: list[tuple[int | None, str]]
) -> None:
    rows = [("title", "A Countdown of Things")]
    for h in headings:
        rows += [("heading", h), ("body", "A sentence or two about this item, written for the test.")]
    reading = read_labelled(rows)  # the printed numbers (a 1, 2, 3 series is not shown on the cards)
    assert list(zip(reading.numbers, (s.heading for s in reading.article.slides), strict=True))[:2] == read


def test_a_news_story_with_one_credited_photo_and_no_headings_is_refused() -> None:
    paragraphs = [
        "A storm surge flooded the harbour overnight and left boats stranded on the quay.",
        "The coastguard said nobody was hurt, though several roads stayed closed until noon.",
        "Forecasters expect the wind to ease by the weekend, but warn of more rain.",
        "Residents spent the morning pumping water out of cellars along the front.",
    ]
    story = [("title", "Storm floods the harbour"), ("caption", "Boats on the quay after the storm")]
    story += [("credit", "picture alliance/dpa | Frank Molter")] + [("body", text) for text in paragraphs]
    with pytest.raises(ArticleError, match="does not look like a slideshow"):
        read_labelled(story)
    gallery = [("title", "The storm in pictures")]
    for n, text in enumerate(paragraphs):
        gallery += [("caption", text), ("credit", f"Photographer {n}/dpa")]
    assert len(read_labelled(gallery).article.slides) == 4


def test_a_caption_printed_with_every_photo_marks_where_each_photo_starts() -> None:
    rows = [("title", "The world's most colourful places")]
    for place in ("Rainbow mountains in China.", "The Alabaster Coast of France.", "Devetashka cave in Bulgaria."):
        rows += [("caption", "image"), ("caption", place)]
    slides = read_labelled(rows).article.slides
    assert [s.heading for s in slides] == [
        "Rainbow mountains in China.",
        "The Alabaster Coast of France.",
        "Devetashka cave in Bulgaria.",
    ]
