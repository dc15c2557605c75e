"""The text reader's line labeller: the corpus format, deterministic training, doubts, refusals, the shipped model."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path

import pytest

from slide2video import ArticleError
from slide2video.cli import main
from slide2video.readers import parse_article_text
from slide2video.readers.labeller import LABELS, Decision, Line, label, model_path, page_lines
from slide2video.readers.labeller.corpus import (
    LabelsMismatch,
    Page,
    corpus_pages,
    fixture_pages,
    read_labels,
    sources,
)
from slide2video.readers.labeller.doubts import doubts
from slide2video.readers.labeller.features import line_features, page_features
from slide2video.readers.labeller.lineparts import credit_text, labelled_credit, split_heading, split_number
from slide2video.readers.labeller.train import evenly_spaced, train
from slide2video.readers.textrules import normalise_line
from support import AMBIGUOUS, ROOT, read_labelled

CORPUS = ROOT / "tests" / "corpus"


def test_corpus_pages_line_up_with_their_labels_and_sources() -> None:
    skipped: list[str] = []
    pages = corpus_pages(CORPUS, skipped)
    assert skipped == []
    assert len(pages) >= 80
    per_site = Counter(p.site for p in pages)
    assert max(per_site.values()) <= 3 and len(per_site) >= 50
    assert len({p.lang for p in pages}) >= 6
    assert sum(p.kind == "not-slideshow" for p in pages) >= 8
    assert set(sources(CORPUS)) >= {p.name for p in pages}
    for page in pages:
        assert page.path is not None and page.path.with_name(page.name + ".expect.yaml").is_file()


def test_the_second_labels_line_up_with_their_corpus_pages() -> None:
    """bench/agreement.py compares a second person's labels with the corpus's: each must still fit its page."""
    second = sorted((CORPUS / "agreement").glob("*.labels"))
    assert len(second) >= 20
    for path in second:
        lines, _ = read_labels(CORPUS / "pages" / path.with_suffix(".txt").name)
        rows = [row.partition("\t") for row in path.read_text(encoding="utf-8").split("\n") if row.strip()]
        assert [normalise_line(text) for _, _, text in rows] == [line.text for line in lines], path.name
        assert {label for label, _, _ in rows} <= set(LABELS), path.name
        assert path.with_name(path.name.replace(".labels", ".expect.yaml")).is_file()


def test_a_labels_file_that_does_not_line_up_is_refused(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text("Title\n\nBody.\n", encoding="utf-8")
    (tmp_path / "p.labels").write_text("title\tTitle\n", encoding="utf-8")
    with pytest.raises(LabelsMismatch, match="1 labels for 2 non-blank lines"):
        read_labels(tmp_path / "p.txt")
    (tmp_path / "p.labels").write_text("title\tTitle\nprose\tBody.\n", encoding="utf-8")
    with pytest.raises(LabelsMismatch, match="unknown label 'prose'"):
        read_labels(tmp_path / "p.txt")


def test_training_is_deterministic(tmp_path: Path) -> None:
    pages = fixture_pages([ROOT / "tests" / "fixtures" / "text"])[:12]
    a = train(pages, tmp_path / "a.crfsuite").read_bytes()
    b = train(pages, tmp_path / "b.crfsuite").read_bytes()
    assert a == b and len(a) > 1000


def test_shipped_model_labels_every_line_with_a_known_label() -> None:
    assert model_path().is_file()
    lines = page_lines((ROOT / "articles" / "russia-nato-ukraine.txt").read_text(encoding="utf-8"))
    decisions = label(lines)
    assert len(decisions) == len(lines)
    assert {d.label for d in decisions} <= set(LABELS)
    assert all(0.0 <= d.confidence <= 1.0 and d.runner_up != d.label for d in decisions)
    assert [d.label for d in decisions].count("heading") == 11


@pytest.mark.parametrize("joiner", ["\n", "\n\n"])
def test_the_reading_does_not_hang_on_how_the_copy_spaced_its_lines(joiner: str) -> None:
    """Browsers and editors paste blank lines differently: the sample article with none, or one after every
    line, still reads as its 11 slides (the model trains on every real page evenly spaced too)."""
    text = (ROOT / "articles" / "russia-nato-ukraine.txt").read_text(encoding="utf-8")
    lines = page_lines(joiner.join(line for line in text.splitlines() if line.strip()))
    assert [d.label for d in label(lines)].count("heading") == 11


def test_evenly_spaced_training_copies_keep_the_text_and_drop_the_spacing() -> None:
    page = Page("p", page_lines("Menu\nHome\n\n\nTitle\n\nBody."), ["chrome", "chrome", "title", "body"])
    copy = evenly_spaced(page)
    assert [line.text for line in copy] == ["Menu", "Home", "Title", "Body."]
    gaps = {b.number - a.number for a, b in itertools.pairwise(copy)}
    assert len(gaps) == 1 and gaps <= {1, 2}


def test_a_news_story_is_refused_as_not_a_slideshow() -> None:
    story = "\n\n".join(
        [
            "Local Council Approves New Budget",
            "By Jane Doe",
            "March 3, 2024",
            "The city council voted on Tuesday to approve a budget that raises spending on parks and roads.",
            "Council members debated the plan for more than three hours before the final vote passed seven to two.",
            "The mayor said the budget reflects what residents asked for in a series of public meetings last autumn.",
            "Opponents argued that the increase would put pressure on property taxes in the coming years.",
        ]
    )
    with pytest.raises(ArticleError, match=r"^n\.txt: does not look like a slideshow: "):
        parse_article_text(story + "\n", path="n.txt")


DOUBT = re.compile(r"^(?:slide \d+ \w+|title|.+ '.*') — uncertain, could be .+ \(line (\d+), \d+% sure\)$")


def test_unsure_decisions_are_reported_with_their_line_and_runner_up() -> None:
    art = parse_article_text(AMBIGUOUS, path="b.txt")
    assert art.title == "Our Favourite Bakeries"
    assert [(s.heading, s.credit) for s in art.slides] == [("Le Pain", "Ana Ruiz"), ("Brot & Co", "Ana Ruiz")]
    assert art.doubts
    lines = AMBIGUOUS.split("\n")
    for doubt in art.doubts:
        m = DOUBT.match(doubt)
        assert m is not None, doubt
        assert lines[int(m.group(1)) - 1].strip()  # names a real, non-blank line


def test_a_doubt_names_another_reading_than_the_one_it_doubts() -> None:
    """When the reader made a line something the model did not choose (a repair turned a "heading" into a
    caption), the doubt offers the model's label, not the reading itself ("slide 1 caption — could be a caption")."""
    nouns = {"heading": "a heading", "caption": "a caption", "credit": "a photo credit", "text": "slide text"}
    pages = [AMBIGUOUS] + [
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "fixtures" / "text").glob("*.txt"))
    ]
    seen = 0
    for text in pages:
        try:
            art = parse_article_text(text, path="p.txt")
        except ArticleError:
            continue
        for doubt in art.doubts:
            m = re.match(r"^slide \d+ (\w+) — uncertain, could be (.+) \(line", doubt)
            if m and m.group(1) in nouns:
                seen += 1
                assert m.group(2) != nouns[m.group(1)], doubt
    assert seen


def test_inspect_lists_the_doubts(runner, tmp_path: Path) -> None:
    path = tmp_path / "bakeries.txt"
    path.write_text(AMBIGUOUS, encoding="utf-8")
    result = runner.invoke(main, ["inspect", str(path)])
    assert result.exit_code == 0, result.output
    assert "uncertain reading(s), worth a look:" in result.output
    assert "— uncertain, could be" in result.output
    quiet = runner.invoke(main, ["inspect", "-q", str(path)])
    assert "uncertain" not in quiet.output


def test_commands_that_read_a_page_point_at_its_doubts(runner, tmp_path: Path) -> None:
    """`parse` (and `render`, `video`, `carousel`) end with one line saying how many readings were uncertain and
    the command that lists them; a YAML article has none, and -q prints nothing."""
    path = tmp_path / "bakeries.txt"
    path.write_text(AMBIGUOUS, encoding="utf-8")
    result = runner.invoke(main, ["parse", str(path), "-o", str(tmp_path / "bakeries.yaml")])
    assert result.exit_code == 0, result.output
    doubts = len(parse_article_text(AMBIGUOUS, path=str(path)).doubts)
    assert f"{doubts} uncertain reading(s) in {path}; `slide2video inspect {path}` lists them" in result.stderr
    assert "uncertain" not in result.stdout
    assert "uncertain" not in runner.invoke(main, ["parse", "-q", str(path)]).stderr
    again = runner.invoke(main, ["parse", str(tmp_path / "bakeries.yaml")])
    assert again.exit_code == 0 and "uncertain" not in again.stderr


def test_labelled_fixtures_are_read_back_by_the_labeller() -> None:
    """The fixtures are training data: the shipped model gives every fixture line its hand-checked label."""
    for page in fixture_pages([ROOT / "tests" / "fixtures" / "text", ROOT / "articles"]):
        got = [d.label for d in label(page.lines)]
        wrong = [(ln.number, want, have) for ln, want, have in zip(page.lines, page.labels, got, strict=True)]
        wrong = [w for w in wrong if w[1] != w[2]]
        assert len(wrong) <= max(1, len(page.lines) // 10), (page.name, wrong)


def test_a_gallery_of_captions_with_credits_is_one_slide_per_credit() -> None:
    reading = read_labelled(
        [
            ("title", "The Week in Pictures"),
            ("intro", "The week's most arresting photographs."),
            ("credit", "Residents watch the fire cross the hills above Monrovia. RINGO CHIU / AFP"),
            ("credit", "Police hold a woman during a march in Minsk. (Photo: Natalia Fedosenko/TASS)"),
            ("credit", "Tear gas on Lesbos after a protest. ANGELOS TZORTZINIS / AFP"),
        ]
    )
    assert [s.credit for s in reading.article.slides] == [
        "RINGO CHIU / AFP",
        "Natalia Fedosenko/TASS",
        "ANGELOS TZORTZINIS / AFP",
    ]


def test_a_lead_photo_between_headline_and_intro_is_not_a_slide() -> None:
    reading = read_labelled(
        [
            ("title", "The week in photographs"),
            ("caption", "Dancers at the closing ceremony in Verona"),
            ("credit", "Antonio Calanni / AP"),
            ("intro", "The end of winter, a strike and other stories of the past seven days."),
            ("caption", "A burning sculpture at the art park"),
            ("credit", "Jane Roe"),
            ("caption", "A climber reaches the prize at the top of the pole"),
            ("credit", "Andrei Bok / SOPA Images"),
        ]
    )
    assert [s.credit for s in reading.article.slides] == ["Jane Roe", "Andrei Bok / SOPA Images"]
    assert any("'Antonio Calanni / AP' before the first slide ignored" in w for w in reading.article.warnings)


def test_a_photo_count_above_the_headline_does_not_hide_it() -> None:
    reading = read_labelled(
        [
            ("counter", "18 Images"),
            ("title", "Halftime performers through the years"),
            ("caption", "Three stars share the stage at halftime."),
            ("credit", "(Julio Cortez / Associated Press)"),
            ("caption", "A singer rides a golden tiger onto the field."),
            ("credit", "(Jamie Squire / Getty Images)"),
        ]
    )
    assert reading.article.title == "Halftime performers through the years"
    assert [s.credit for s in reading.article.slides] == [
        "Julio Cortez / Associated Press",
        "Jamie Squire / Getty Images",
    ]


def test_a_gallery_reads_the_same_when_its_captions_were_labelled_body() -> None:
    reading = read_labelled(
        [
            ("title", "Bilder des Tages"),
            ("body", "Bald zu begutachten: Am Museum deckt eine Dachdeckerin ein Haus mit Schilf."),
            ("credit", "Foto: Felix Kästle/dpa"),
            ("caption", "Beim Parteitag in Glauchau wählt die Partei ihr Personal."),
            ("credit", "Foto: Jan Woitas/dpa"),
            ("body", "Am dritten Tag des Fastenmonats betet ein Junge vor einem Schrein."),
            ("credit", "Foto: Adil Abbas/ZUMA Press Wire/dpa"),
        ]
    )
    slides = reading.article.slides
    assert [s.credit for s in slides] == ["Felix Kästle/dpa", "Jan Woitas/dpa", "Adil Abbas/ZUMA Press Wire/dpa"]
    assert slides[0].heading.startswith("Bald zu begutachten")


def test_a_gallery_printing_alt_text_credit_and_caption_per_photo_keeps_each_photo_whole() -> None:
    """Alt text, credit, caption for every photo (`صدر الصورة، Reuters` then `التعليق على الصورة، …`): the
    caption at the end of the pattern does not start a photo; the alt text where the pattern starts again does."""
    rows = [("title", "Africa in pictures")]
    for alt, who in (("A girl plays chess", "Reuters"), ("A kola nut seller", "EPA"), ("Two girls", "Getty")):
        rows += [("caption", alt), ("credit", f"Photo: {who}"), ("caption", f"Image caption, {alt} at home")]
    reading = read_labelled(rows)
    assert [s.credit for s in reading.article.slides] == ["Reuters", "EPA", "Getty"]


def test_the_numbering_repairs_labels_the_labeller_got_wrong() -> None:
    rows = [
        ("title", "Top 50 British Albums"),
        ("intro", "Nearly everything I own comes from bands born in the U.K."),
        ("heading", "I hope you read through this and yell at my picks, because that is half the fun."),
        ("heading", "#50. Avalon, Roxy Music"),
        ("body", "Dreamy and velvety."),
        ("heading", "#49. Introspective, Pet Shop Boys"),
        ("body", "Enough said."),
        ("credit", "#48. Entertainment!, Gang Of Four"),  # the series says heading
        ("body", "Punk that learned to dance."),
        ("heading", "#47. Face The Music, E.L.O."),
        ("caption", "Face The Music E.L.O. cover"),
        ("heading", "Face The Music E.L.O. cover art"),  # alt text echoing the heading
        ("body", "Skip the hits album."),
    ]
    reading = read_labelled(rows)
    art = reading.article
    assert [s.heading for s in art.slides] == [
        "Avalon, Roxy Music",
        "Introspective, Pet Shop Boys",
        "Entertainment!, Gang Of Four",
        "Face The Music, E.L.O.",
    ]
    assert [s.number for s in art.slides] == [50, 49, 48, 47]
    assert art.intro[-1].startswith("I hope you read through this")


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("A photo posted by La Marina NYC (@lamarinanyc) on Sep 7, 2016 at 5:26pm PDT", "La Marina NYC (@lamarinanyc)"),
        ("Ver esta publicação no Instagram Uma publicação partilhada por Ana G (@anag)", "Ana G (@anag)"),
        ("The stands were on their feet long before kick-off. PHOTOS BY CHASEN MARSHALL", "CHASEN MARSHALL"),
        ("新华社记者 李贺 摄", "新华社记者 李贺 摄"),
        ("大雪后的北海公园。(李云生 摄)", "李云生 摄"),
        ("대한민국 제주도. (CNN 제공)", "CNN 제공"),
        ("(촬영/CNN 제공)", "CNN 제공"),
        ("新華社發(陳熙 攝)", "新華社發 陳熙 攝"),
        ("금상작인 '산사의 아침'. /사진=한국관광공사 |", "한국관광공사"),
        ("via @ver0nicea", "@ver0nicea"),
        ("беременная Бейонсе, фото: Awol Erizku, The Carters / Instagram", "Awol Erizku, The Carters / Instagram"),
        (
            "Lorna looks nothing like her character (Credit: Photo by David Fisher/Shutterstock)",
            "David Fisher/Shutterstock",
        ),
        ("Dessert for Winter by Diep Tran(c) Light & Composition University", "Light & Composition University"),
        ("[서울=뉴시스]김명원 기자 = 퇴임식을 마친 장관이 손을 흔들어 인사하고 있다.", "[서울=뉴시스]김명원 기자"),
        ("(서울=연합뉴스) 김호천 기자 = 눈 내린 한라산의 모습.", "(서울=연합뉴스) 김호천 기자"),
        ("[서울=AP/뉴시스]조선중앙통신은 17일 건물을 폭파하는 장면을 공개했다.", "[서울=AP/뉴시스]"),
        (
            "Players walk out ahead of the match in Pallekele, Sri Lanka. | Photo: AP/Eranga Jayawardena",
            "AP/Eranga Jayawardena",
        ),
        ("Photo courtesy @pomopizzeria on Instagram", "@pomopizzeria on Instagram"),
        ("A ute negotiates a flooded Waimate North Rd. Photo / Peter de Graaf", "Peter de Graaf"),
        ("by  kota-G", "kota-G"),
        ("Автор: Илья Наймушин.", "Илья Наймушин"),
        ("منبع تصویر، Ramzi Boudina / Reuters", "Ramzi Boudina / Reuters"),
        ("چلی کا ماربل غار بشکریہ وکی میڈیا کامنز", "وکی میڈیا کامنز"),
        (
            "Traders wait for buyers in Ogun State, on June 24, 2017. / AFP PHOTO / PIUS UTOMI EKPEI",
            "AFP PHOTO / PIUS UTOMI EKPEI",
        ),
        (
            "Folketingets åbning, tirsdag den 2. oktober 2018.. Foto: Mads Claus Rasmussen/Ritzau Scanpix",
            "Mads Claus Rasmussen/Ritzau Scanpix",
        ),
        ("Macron in Paris (AP Photo/Evan Vucci)", "AP Photo/Evan Vucci"),
        ("The runners jogged a short stretch from the original start line. Picture Anthony Grote", "Anthony Grote"),
        # A label with no colon, in other languages and with a slash: the name after it is the credit.
        ("Снимка БТА", "БТА"),
        ("ছবি: নিলয় কুমার পাল", "নিলয় কুমার পাল"),
        ("ภาพ ศุภณัฐ ผากา", "ศุภณัฐ ผากา"),
        ("圖/IG@reecechian", "IG@reecechian"),
        ("Ljósmyndari / Eyþór Árnason", "Eyþór Árnason"),
        ("出典 http://travelhack.jp", "http://travelhack.jp"),
        ("Photography by Natasha Singh", "Natasha Singh"),
        ("Foto/dpa", "dpa"),
        ("Image Source/Getty Images", "Image Source/Getty Images"),  # an agency, not a label
        ("Photo Booth", "Photo Booth"),
    ],
)
def test_credit_lines_read_their_credit(line: str, credit: str) -> None:
    assert credit_text(line)[0] == credit


@pytest.mark.parametrize(
    ("line", "number", "rest"),
    [
        ("一、故宫博物院", 1, "故宫博物院"),
        ("十、九寨沟", 10, "九寨沟"),
        ("二十三、丽江古城", 23, "丽江古城"),
        ("第三名 北京", 3, "北京"),
    ],
)
def test_chinese_numerals_number_a_heading(line: str, number: int, rest: str) -> None:
    assert split_number(line) == (number, rest)


@pytest.mark.parametrize("line", ["三亚", "十分好", "一个人的旅行", "一二三、木头人"])
def test_a_chinese_word_that_starts_with_a_numeral_is_not_numbered(line: str) -> None:
    assert split_number(line) == (None, line)


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        (
            "Turkey: Turkey tops the list of the world's most beautiful countries thanks to its mosques and beaches.",
            "Turkey",
        ),
        (
            "Diego Maradona (1986): Only minutes after he had punched the ball in, he scored the goal of the century.",
            "Diego Maradona (1986)",
        ),
        ("تركيا: تأتي في المرتبة الأولى ضمن قائمة أجمل دول العالم، إذ تضم عددًا كبيرًا من المعالم السياحية", "تركيا"),
        (
            "法国巴黎，埃菲尔铁塔与卢浮宫：作为浪漫之都，巴黎几乎每次都榜上有名。埃菲尔铁塔刚中带柔，二者撑起了艺术的高峰。",
            "法国巴黎，埃菲尔铁塔与卢浮宫",
        ),
        (
            "海上实战 “硬骨头六连”进行海上实战化训练，两栖步战车在烟幕掩护下快速冲击。官兵的身影遍及大江南北。",
            "海上实战",
        ),
        (
            "沖縄県宮古島市の南東にイムガー岩壁という場所があります。海の色がとても美しく、一度は行ってみたいと思っています。",
            "沖縄県宮古島市の南東にイムガー岩壁という場所があります",
        ),
        (
            "Μουμπάι, Ινδία. Αναζητώντας ένα εξάρτημα σε μία αχανή μάντρα",
            "Μουμπάι, Ινδία. Αναζητώντας ένα εξάρτημα σε μία αχανή μάντρα",
        ),
        ("北京故宫", "北京故宫"),
        (
            "Baahubali 2: The Conclusion: SS Rajamouli's film caused a frenzy at cinemas in 2017. Viewers adored it.",
            "Baahubali 2: The Conclusion",
        ),
        ("Dangal: Nitesh Tiwari's Dangal hit screens in 2016 with Aamir Khan in the central role. It ruled.", "Dangal"),
        (  # Spanish and Italian go on in lower case after a colon
            "Pietrapertosa: arroccata tra le enormi pareti di roccia delle Dolomiti del Sud, pare quasi inghiottita.",
            "Pietrapertosa",
        ),
        (  # a spaced bar sets the heading off as a spaced dash does
            "Praia Navagio, Zaquintos, Grécia | Conhecida também por Shipwreck, esta praia fica na ilha de Zaquintos.",
            "Praia Navagio, Zaquintos, Grécia",
        ),
        ("Bobby Orr: Dazzling and a pioneer, but injuries cut his career short.", "Bobby Orr"),  # short, still split
        ("Pangubatan, Samala - Para itong isang lihim na isla, at sinasadya talagang itago.", "Pangubatan, Samala"),
        (
            "Mt. Pinatubo, Zambales - Sikat ang bulkang ito dahil sa malakas na pagsabog noong 1991.",
            "Mt. Pinatubo, Zambales",
        ),
        (
            "ऑस्ट्रेलिया: इस सूची में सबसे ऊपर ऑस्ट्रेलिया की टीम का नाम आता है। साल 2001 से 2009 के बीच टीम नंबर वन रही।",
            "ऑस्ट्रेलिया",
        ),  # a vowel sign before the colon
        ("The Day the Music Died.", "The Day the Music Died."),  # no colon or dash: a short line is one heading
        (
            "Machu Picchu, Peru. 'The lost city' was built around 1450 as a royal estate for the Inca ruler.",
            "Machu Picchu, Peru",
        ),
        (  # a dash between two names (artist and album, song and band): the heading is the pair
            "Paul Simon – Graceland (1986) — Paul Simon never clicked for me, and this record never lived up to it.",
            "Paul Simon – Graceland (1986)",
        ),
        (
            "“Get Some” – Lykke Li. Word is she went through a rough breakup between her previous record and this.",
            "“Get Some” – Lykke Li",
        ),
        (  # what follows the dash is a sentence, not a name
            "Bobby Orr – Dazzling end-to-end rushes. He changed how defence was played for ever after, they say.",
            "Bobby Orr",
        ),
    ],
)
def test_a_heading_printed_with_its_body_keeps_the_heading_part(line: str, heading: str) -> None:
    assert split_heading(line)[0] == heading


@pytest.mark.parametrize("line", ["我们一起去拍摄", "The council met in a long session and voted on the plan."])
def test_text_that_only_looks_short_is_no_labelled_credit(line: str) -> None:
    assert labelled_credit(line) is None


def test_stock_photo_alt_text_under_a_heading_is_not_the_next_slide() -> None:
    reading = read_labelled(
        [
            ("title", "Our Favourite Bakeries"),
            ("heading", "Le Pain"),
            ("heading", "Sourdough loaves cooling on a rack by the window"),
            ("credit", "Credit: Ana Ruiz"),
            ("body", "The crust crackles."),
            ("heading", "7"),
            ("heading", "Brot & Co"),
            ("body", "Rye with caraway seeds."),
        ]
    )
    slides = reading.article.slides
    assert [(s.heading, s.alt, s.credit) for s in slides] == [
        ("Le Pain", "Sourdough loaves cooling on a rack by the window", "Ana Ruiz"),
        ("Brot & Co", None, None),
    ]


def test_a_run_of_long_headings_with_no_credit_after_them_stays_headings() -> None:
    """Alt text stands between a heading and its photo's credit; a page of award titles, one per photo and
    no credit lines, prints each slide's heading alone."""
    titles = ["The lost paradise", "Californian sea lion playing with a face mask in the harbour"]
    titles.append("Rescue of giraffes from a flooded island in the lake")
    reading = read_labelled([("title", "Press photos of the year"), *[("heading", t) for t in titles]])
    assert [(s.heading, s.alt) for s in reading.article.slides] == [(t, None) for t in titles]


def test_a_news_story_with_one_agency_credit_is_refused_but_one_headed_photo_page_isread_labelled() -> None:
    with pytest.raises(ArticleError, match="does not look like a slideshow"):
        read_labelled(
            [
                ("title", "Mandela leaves hospital"),
                ("credit", "Associated Press"),
                ("body", "PRETORIA, South Africa - Nelson Mandela left hospital on Tuesday, his office said."),
                ("body", "He had been treated for a lung infection, doctors told reporters outside."),
            ]
        )
    rows = [("heading", "Jude Law (Gained 20 to 30 Pounds)"), ("credit", "Credit: Everett"), ("body", "He ate.")]
    page = read_labelled(rows)
    assert [(s.heading, s.credit) for s in page.article.slides] == [("Jude Law (Gained 20 to 30 Pounds)", "Everett")]


def test_a_short_heading_printed_again_and_again_is_furniture() -> None:
    reading = read_labelled(
        [
            ("title", "Fotos des Tages"),
            ("caption", "Ein Kran hebt die letzte Glocke in den Turm."),
            ("credit", "Quelle: dpa-Zentralbild"),
            ("heading", "Anzeige"),
            ("caption", "Kinder bauen am Strand eine Burg aus nassem Sand."),
            ("credit", "Quelle: dpa"),
            ("heading", "Anzeige"),
            ("caption", "Ein Reiher wartet im Schilf auf Fische."),
            ("credit", "Quelle: AFP"),
        ]
    )
    assert [s.credit for s in reading.article.slides] == ["dpa-Zentralbild", "dpa", "AFP"]
    assert not any(s.heading == "Anzeige" for s in reading.article.slides)


def test_a_title_the_reader_chose_over_the_model_is_a_doubt_at_the_models_title_odds() -> None:
    lines = [Line(1, "Menu"), Line(3, "Our Favourite Bakeries"), Line(5, "Bread is back.")]
    decisions = [
        Decision("chrome", 0.99, "title", 0.01, 0.01),
        Decision("chrome", 0.76, "title", 0.24, 0.24),  # promoted to the title by title_run afterwards
        Decision("intro", 0.95, "body", 0.05, 0.0),
    ]
    assert doubts(lines, decisions, [], [1]) == ["title — uncertain, could be page furniture (line 3, 24% sure)"]
    sure = [Decision("chrome", 0.99, "title", 0.01, 0.01), Decision("title", 0.9, "chrome", 0.1, 0.9), decisions[2]]
    assert doubts(lines, sure, [], [1]) == []


@pytest.mark.parametrize(
    ("line", "number", "rest"),
    [
        ("▶3◀ Tokyo", 3, "Tokyo"),
        ("No. 5 Paris", 5, "Paris"),
        ("Platz 10: Wien", 10, "Wien"),
        ("Slide 3: The Eiffel Tower", 3, "The Eiffel Tower"),
        ("Foto 4 – Der Strand", 4, "Der Strand"),
    ],
)
def test_a_decorated_or_spelled_out_marker_numbers_a_heading(line: str, number: int, rest: str) -> None:
    """One marker pattern serves the features (a line opening with one) and the reading (the number taken off)."""
    assert split_number(line) == (number, rest)
    assert "marker" in line_features(line) or "numbered" in line_features(line)


@pytest.mark.parametrize(
    ("line", "number", "rest"),
    [
        ("1. Platz: Wien", 1, "Wien"),
        ("3. und 4. Platz: Melbourne und Sydney", 3, "Melbourne und Sydney"),
        ("8. místo: Křivoklát", 8, "Křivoklát"),
        ("2nd place: Kyoto", 2, "Kyoto"),
        ("المركز العاشر: أمستردام – هولندا", 10, "أمستردام – هولندا"),
        ("المرتبة الأولى: باريس", 1, "باريس"),
        ("2 / 10 9. Baia dos Golfinhos, Brazil", 9, "Baia dos Golfinhos, Brazil"),
        ("2 von 10 9. Schloss Neuschwanstein", 9, "Schloss Neuschwanstein"),
        ("במקום הראשון: מקדשי אנגקור ואט בקמבודיה", 1, "מקדשי אנגקור ואט בקמבודיה"),
        ("במקום השלישי: הטאג' מהאל", 3, "הטאג' מהאל"),
    ],
)
def test_the_word_for_place_after_a_rank_is_no_part_of_the_heading(line: str, number: int, rest: str) -> None:
    """`1. Platz: Wien` ranks Vienna first; a counter printed before the rank (`2 / 10 9.`) is not the rank."""
    assert split_number(line) == (number, rest)


@pytest.mark.parametrize("line", ["1. Place des Vosges", "4. Position Paper on Trade"])
def test_a_heading_that_starts_with_the_word_place_keeps_it(line: str) -> None:
    assert split_number(line)[1] == line.split(". ", 1)[1]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1、NO.1 纽约——美国。", (1, "纽约——美国。")),
        ("3. #3 Lisbon", (3, "Lisbon")),
        ("2、NO.3 上海", (None, "2、NO.3 上海")),  # two numbers that disagree: neither is surely the rank
        ("3. 3 Days in Rome", (3, "3 Days in Rome")),
    ],
)
def test_a_rank_printed_twice_is_stripped_once_and_for_all(line: str, expected: tuple[int | None, str]) -> None:
    assert split_number(line) == expected


@pytest.mark.parametrize("line", ["10 Downing Street", "Photo 12", "12"])
def test_a_number_that_opens_a_name_or_stands_alone_is_no_heading_number(line: str) -> None:
    assert split_number(line) == (None, line)


def test_the_blank_lines_around_a_line_are_features_against_the_pages_usual_spacing() -> None:
    """A menu's items stand close, a headline and each slide's blocks stand apart: the labeller sees how many
    blank lines (0, 1, 2 or more) stand above and below each line, and whether that is the page's usual."""
    lines = page_lines("Menu\nHome\n\nTen quiet towns\n\n\n1. Hallstatt\n\nPhoto: Jane Doe\n\nA lake town.\n")
    gaps = [(f["gap"], f["gap_usual"]) for f in page_features(lines)]
    # The page usually leaves one blank line; the first line has the page's edge above it, the last below it.
    assert gaps == [("90", "><"), ("01", "<="), ("12", "=>"), ("21", ">="), ("11", "=="), ("19", "=>")]
