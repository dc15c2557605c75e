"""The HTML reader on saved pages in the shapes real CMSs produce, and on the same pages served over loopback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from slide2video.article import Article
from slide2video.cards.images import load_image, resolve_image
from slide2video.cli import main
from slide2video.errors import ArticleError
from slide2video.paths import data_dir
from slide2video.readers import load_article
from slide2video.readers.fetch import WebOptions
from slide2video.readers.html_photos import Source, best_sources, parse_srcset
from webkit import FIXTURES, Server

LOCAL = WebOptions(allow_private_urls=True, timeout=5.0)

# page -> (title, source, section, byline, [(heading, credit, photo file name, number)])
EXPECTED: dict[str, tuple[str, str | None, str | None, str | None, list[tuple[str, str | None, str | None]]]] = {
    "wp-listicle.html": (
        "7 Harbour Towns Worth the Detour",
        "Coastline Weekly",
        "Travel",
        "Maren Holt",
        [
            ("Port Isaac, Cornwall", "Tom Ridley/Shutterstock", "port-isaac-1536x1024.jpg"),
            ("Staithes, North Yorkshire", "Anna Berg via Getty Images", "staithes-1200x800.jpg"),
            ("Tobermory, Mull", "Iain Ross/Alamy", "tobermory-1024x683.jpg"),
            ("Mousehole, Cornwall", "Coastline Weekly", "mousehole-2048x1365.jpg"),
            ("Robin Hood’s Bay, North Yorkshire", "Peter Lang/Reuters", "robin-hoods-bay-1024x683.jpg"),
            ("Kinsale, County Cork", "Siobhan Walsh", "kinsale-1024x683.jpg"),
            ("Crail, Fife", "Ewan Grant / AFP", "crail-1024x683.jpg"),
        ],
    ),
    "wp-gallery.html": (
        "In pictures: the night the northern lights reached Cornwall",
        "The Western Courier",
        None,
        "Courier Picture Desk",
        [
            (
                "Pink and green light over the lighthouse at Lizard Point",
                "Kerenza Pascoe",
                "aurora-lizard-1024x768.jpg",
            ),
            (
                "St Ives harbour, just after midnight, with the tide out and the boats on the sand",
                "Dan Tremayne",
                "aurora-stives-1024x768.jpg",
            ),
            ("Bodmin Moor under a red sky", "Jenny Hole", "aurora-bodmin-1024x768.jpg"),
            ("Falmouth", "Mark Penrose/Getty Images", "aurora-falmouth-1024x768.jpg"),
        ],
    ),
    "lazy.html": (
        "The 5 Strangest Museums in Europe",
        "Roamer",
        None,
        "Lucía Ferrer",
        [
            ("The Museum of Broken Relationships, Zagreb", "Museum of Broken Relationships", "zagreb-1600.jpg"),
            ("Icelandic Phallological Museum, Reykjavík", "Einar Jonsson/Alamy Stock Photo", "reykjavik.jpg"),
            ("Museum of Bad Art, Somerville", "MOBA", "bad-art.jpg"),
            ("The Toaster Museum, Charlottesville", "Ben Carver / Unsplash", "toasters.jpg"),
            ("Dog Collar Museum, Leeds Castle", "Leeds Castle Foundation", "collars-1080.jpg"),
        ],
    ),
    "picture.html": (
        "Six Electric Cars That Changed the Industry",
        "Drive Desk",
        "Motoring",
        "Priya Natarajan, Sam Okafor",
        [
            ("Tesla Roadster (2008)", "Tesla", "tesla-1200.avif"),
            ("Nissan Leaf (2010)", "Nissan", "leaf-1280.webp"),
            ("BMW i3 (2013)", "BMW Group", "i3-1280.webp"),
            ("Chevrolet Bolt (2016)", "General Motors", "bolt-1280.webp"),
            ("Tesla Model 3 (2017)", "Jane Wu/Bloomberg", "model3-1280.webp"),
            ("Porsche Taycan (2019)", "Porsche AG", "taycan-1280.webp"),
        ],
    ),
    "jsonld-gallery.html": (
        "Photos: A Year on the Farm",
        "Valley Tribune",
        "Photo Galleries",
        "Rosa Delgado",
        [
            ("Winter", "Rosa Delgado/Valley Tribune", "farm-winter.jpg"),
            ("Spring", "Valley Tribune", "farm-spring.jpg"),
            ("Summer", "Leo Hartley", "farm-summer.jpg"),
            ("Autumn", "Rosa Delgado", "farm-autumn.jpg"),
        ],
    ),
    "captions-credits.html": (
        "Ten of the world's oldest trees",
        "Green Ledger",
        None,
        "Theo Marsh",
        [
            ("Methuselah, California", "Dana Frost/Getty Images", "methuselah.jpg"),
            ("Old Tjikko, Sweden", "Karl Lindqvist/AFP", "old-tjikko.jpg"),
            ("The Fortingall Yew, Scotland", "Historic Environment Scotland", "fortingall.jpg"),
            ("Jōmon Sugi, Japan", "Wikimedia Commons", "jomon-sugi.jpg"),
        ],
    ),
    "cp1252.html": (
        "Cinq cafés à Paris où l’on écrit encore",
        "Le Petit Guide",
        None,
        None,
        [
            ("Café de Flore", "Élodie Lefèvre", "flore.jpg"),
            ("Les Deux Magots", "François René/AFP", "magots.jpg"),
            ("La Closerie des Lilas", "Mathilde Châtelet", "closerie.jpg"),
        ],
    ),
    "list-slides.html": (
        "12 Dog Breeds That Love the Water",
        "PetWire",
        "Pets",
        "Caitlin Moore",
        [
            ("Newfoundland", "PetWire Studio", "newfoundland-1200.webp"),
            ("Portuguese Water Dog", "Rui Santos/iStock", "pwd-1200.webp"),
            ("Labrador Retriever", "Getty Images", "lab.jpg"),
            ("Irish Water Spaniel", "Aoife Byrne", "iws.jpg"),
        ],
    ),
    "paginated/page-1.html": (
        "Breads of the World",
        "Crumb Magazine",
        None,
        None,
        [
            ("Sourdough", "Nadia Kaur/Shutterstock", "sourdough.jpg"),
            ("Pretzels", "Hans Vogel via Getty Images", "pretzel.jpg"),
            ("Injera", "Selam Bekele", "injera.jpg"),
            ("Pão de queijo", "Lucas Moreira/Reuters", "pao-de-queijo.jpg"),
        ],
    ),
}
REFUSED = {
    "news-story.html": r"not a slideshow: found 2 slide headings and 0 photo\(s\)",
    "product.html": r"not a slideshow: the page describes itself as a Product \(schema.org\), not a story",
}


def shape(article: Article) -> list[tuple[str, str | None, str | None]]:
    return [(s.heading, s.credit, Path(s.image).name if s.image else None) for s in article.slides]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saved_pages_are_read_exactly(name: str, cache: Path) -> None:
    article = load_article(FIXTURES / name)
    title, source, section, byline, slides = EXPECTED[name]
    assert (article.title, article.source, article.section, article.byline) == (title, source, section, byline)
    assert shape(article) == slides
    assert article.intro
    assert all(s.body for s in article.slides) or name == "wp-gallery.html"  # short captions are headings alone
    assert article.warnings == []
    for slide in article.slides:  # every photo is the saved folder's own file, and decodes
        assert slide.image is not None and not Path(slide.image).is_absolute()
        load_image(resolve_image(slide.image, article.base_dir, data_dir("assets")), target_size=(32, 32))
    assert not cache.exists()  # a complete saved page needs no downloads


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_pages_that_are_not_slideshows_are_refused(name: str, runner: CliRunner) -> None:
    with pytest.raises(ArticleError, match=REFUSED[name]):
        load_article(FIXTURES / name)
    result = runner.invoke(main, ["inspect", str(FIXTURES / name)])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and result.output.startswith(f"Error: {FIXTURES / name}: not a")


def test_a_page_without_structure_is_read_from_its_text() -> None:
    """Old table-and-<br> markup: no heading or figure elements, so the text reader reads the visible lines."""
    article = load_article(FIXTURES / "br-lines.html")
    assert (article.title, article.byline) == ("Old Town Guide: 4 riverside cities", "Mei Lin")
    assert shape(article) == [
        ("Hoi An, Vietnam", "Linh Pham/Getty Images", "hoi-an.jpg"),
        ("Bruges, Belgium", "Pieter Claes/Shutterstock", "bruges.jpg"),
        ("Kyoto, Japan", "Hiro Tanaka/AFP", "kyoto.jpg"),
        ("Ljubljana, Slovenia", "Ana Novak/Alamy", "ljubljana.jpg"),
    ]
    assert article.slides[2].alt == "Cherry trees along the Kamo river"
    assert article.slides[2].body == ["In spring the banks of the Kamo river fill with picnics under the cherry trees."]
    assert article.warnings == [
        f"{FIXTURES / 'br-lines.html'}: the page's markup gives no slide structure; read from its text"
    ]


def test_chrome_and_numbering() -> None:
    lazy = load_article(FIXTURES / "lazy.html")
    assert [s.number for s in lazy.slides] == [5, 4, 3, 2, 1]  # a countdown keeps its numbers
    listicle = load_article(FIXTURES / "wp-listicle.html")
    assert all(s.number is None for s in listicle.slides)  # 1..n is just the position
    text = " ".join(p for s in listicle.slides for p in s.body) + " ".join(listicle.intro)
    for chrome in ("Share this", "You might also like", "Recent Posts", "tea room", "Tagged", "Proudly powered"):
        assert chrome not in text
    dogs = load_article(FIXTURES / "list-slides.html")
    assert dogs.slides[-1].body == ["The tallest of the spaniels, with a curly coat that sheds water."]  # no "Up next"
    trees = load_article(FIXTURES / "captions-credits.html")
    assert trees.slides[-1].body == ["The largest conifer in Japan is at least 2,000 years old."]  # no "Digg"


def test_captions_become_body_and_alt_in_galleries() -> None:
    gallery = load_article(FIXTURES / "wp-gallery.html")
    stives = gallery.slides[1]
    assert stives.body == ["The glow lasted about twenty minutes before cloud rolled in from the west."]
    assert stives.alt == "Aurora above St Ives harbour"
    assert gallery.slides[3].body == ["The view from Pendennis Castle."]
    farm = load_article(FIXTURES / "jsonld-gallery.html")
    assert farm.slides[0].body == ["Calves in the barn while snow covers the pasture."]
    assert farm.intro == ["Four seasons at the Hartley family dairy, photographed by the Tribune."]


def test_missing_photo_warns_and_strict_stops(tmp_path: Path) -> None:
    page = tmp_path / "lazy.html"
    shutil.copy(FIXTURES / "lazy.html", page)
    shutil.copytree(FIXTURES / "lazy_files", tmp_path / "lazy_files")
    (tmp_path / "lazy_files" / "reykjavik.jpg").unlink()
    (tmp_path / "lazy_files" / "toasters.jpg").write_bytes(b"<html>not a photo</html>")
    article = load_article(page, web=WebOptions(offline=True))
    assert [Path(s.image).name if s.image else None for s in article.slides] == [
        "zagreb-1600.jpg",
        None,
        "bad-art.jpg",
        None,
        "collars-1080.jpg",
    ]
    assert len(article.warnings) == 2
    assert article.warnings[0].startswith(
        "slide 2 (Icelandic Phallological Museum, Reykjav…): photo lazy_files/reykjavik.jpg is not in the saved "
        "page's folder (and photo https://roamer.example/europe/lazy_files/reykjavik.jpg: not in the cache"
    )
    assert article.warnings[0].endswith("; the card gets the theme background")
    assert "toasters.jpg" in article.warnings[1] and "not an image" in article.warnings[1]
    with pytest.raises(ArticleError, match=r"slide 2 \(Icelandic .*\): photo not usable"):
        load_article(page, web=WebOptions(offline=True, strict=True))


# --------------------------------------------------------------------------------------------------- over HTTP


@pytest.mark.parametrize("name", ["wp-listicle.html", "picture.html", "cp1252.html", "lazy.html", "list-slides.html"])
def test_urls_read_like_their_saved_pages_with_photos_downloaded(name: str, web: Server, cache: Path) -> None:
    article = load_article(web.url(f"/site/{name}"), web=LOCAL)
    local = load_article(FIXTURES / name)
    assert (article.title, article.intro, article.byline) == (local.title, local.intro, local.byline)
    assert [(s.heading, s.credit, s.body) for s in article.slides] == [
        (s.heading, s.credit, s.body) for s in local.slides
    ]
    for slide, saved in zip(article.slides, local.slides, strict=True):
        path = Path(slide.image or "")
        assert path.is_relative_to(cache / "photos") and path.name == Path(saved.image or "").name
        assert path.read_bytes() == (FIXTURES / (saved.image or "")).read_bytes()
    assert article.warnings == []
    assert article.path is not None and article.path.stem == Path(name).stem
    photos = web.hits("/site/") - 1
    load_article(web.url(f"/site/{name}"), web=LOCAL)  # a rerun takes page and photos from the cache
    assert web.hits("/site/") - 1 == photos


def test_paginated_slideshow_over_http(web: Server, cache: Path) -> None:
    article = load_article(web.url("/site/paginated/page-1.html"), web=LOCAL)
    assert shape(article) == EXPECTED["paginated/page-1.html"][4]
    assert web.hits("/site/paginated/page-") == 4
    three = load_article(web.url("/site/paginated/page-1.html"), web=WebOptions(allow_private_urls=True, max_pages=3))
    assert [s.heading for s in three.slides] == ["Sourdough", "Pretzels", "Injera"]
    assert any("stopped after 3 pages (--max-pages)" in w for w in three.warnings)


def test_pagination_loop_is_stopped(web: Server, cache: Path) -> None:
    article = load_article(web.url("/ring/1"), web=LOCAL)
    assert [s.heading for s in article.slides] == ["Stop 1", "Stop 2", "Stop 3"]
    assert [s.credit for s in article.slides] == ["Ring Studio"] * 3
    assert web.hits("/ring/1") == 1


def test_photo_errors_on_the_web_are_warnings_naming_the_photo(web: Server, cache: Path, tmp_path: Path) -> None:
    page = (FIXTURES / "lazy.html").read_text("utf-8")
    page = page.replace('data-src="lazy_files/bad-art.jpg"', f'data-src="{web.url("/fake.jpg")}"')
    page = page.replace('lazy_files/reykjavik.jpg"', f'{web.url("/404")}"')
    page = page.replace('lazy_files/toasters.jpg"', f'{web.url("/page-as-photo.jpg")}"')
    saved = tmp_path / "museums.html"
    saved.write_text(page, "utf-8")
    shutil.copytree(FIXTURES / "lazy_files", tmp_path / "lazy_files")
    article = load_article(saved, web=LOCAL)
    assert [bool(s.image) for s in article.slides] == [True, False, False, False, True]
    assert "/404: HTTP 404 Not Found" in article.warnings[0]
    assert "/fake.jpg" in article.warnings[1] and "not an image" in article.warnings[1]
    assert "/page-as-photo.jpg: is text/html, not an image" in article.warnings[2]


def test_parse_url_writes_yaml_with_its_photos(web: Server, cache: Path, tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "story.yaml"
    url = web.url("/site/wp-listicle.html")
    result = runner.invoke(main, ["parse", url, "-o", str(out), "--allow-private-urls"])
    assert result.exit_code == 0, result.output
    assert "7 photo(s) copied to" in result.output
    story = load_article(out)
    original = load_article(url, web=LOCAL)
    assert [(s.heading, s.credit) for s in story.slides] == [(s.heading, s.credit) for s in original.slides]
    for slide, fetched in zip(story.slides, original.slides, strict=True):
        assert slide.image is not None and slide.image.startswith("story_files/")
        assert (tmp_path / slide.image).read_bytes() == Path(fetched.image or "").read_bytes()
    again = runner.invoke(main, ["parse", url, "-o", str(out), "--allow-private-urls", "--offline"])
    assert again.exit_code == 0 and sorted(p.name for p in (tmp_path / "story_files").iterdir()) == sorted(
        Path(s.image or "").name for s in story.slides
    )


def test_cli_refuses_loopback_without_the_flag(web: Server, cache: Path, runner: CliRunner) -> None:
    url = web.url("/site/wp-listicle.html")
    result = runner.invoke(main, ["inspect", url])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {url}: refused: 127.0.0.1 resolves to a loopback address (127.0.0.1); "
        "pass --allow-private-urls to fetch from your own network\n"
    )
    assert web.hits("/site/") == 0
    ok = runner.invoke(main, ["inspect", url, "--allow-private-urls"])
    assert ok.exit_code == 0 and "Port Isaac" in ok.output
    bad = runner.invoke(main, ["inspect", "ftp://example.com/story"])
    assert bad.exit_code == 2 and "only http and https URLs are read" in bad.output


def test_carousel_from_a_url_shows_the_photos(web: Server, cache: Path, tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "cards"
    url = web.url("/site/picture.html")
    args = ["carousel", url, "--preset", "216x270", "--no-cover", "--no-end", "-o", str(out), "--allow-private-urls"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    article = load_article(url, web=LOCAL)
    for n, slide in enumerate(article.slides, start=1):
        card = Image.open(out / f"{n:02d}.png").convert("RGB")
        photo = Image.open(slide.image or "").convert("RGB")
        # the top of a news card is the photo itself (the scrim darkens only the text area below)
        top = _mean(card.crop((0, 0, card.width, card.height // 6)))
        colour = _mean(photo)
        assert sum(abs(a - b) for a, b in zip(top, colour, strict=True)) < 90, (n, top, colour)


def _mean(im: Image.Image) -> tuple[int, ...]:
    pixel = im.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    assert isinstance(pixel, tuple)
    return tuple(int(v) for v in pixel)


@pytest.mark.parametrize(
    ("img", "best"),
    [
        ('<img src="/img/spacer.gif" data-src="real.jpg" width="600">', [("real.jpg", 600)]),
        ('<img src="a.jpg" srcset="a.jpg 1x, a@2x.jpg 2x" width="640">', [("a@2x.jpg", 1280), ("a.jpg", 640)]),
        ('<img src="a.jpg" srcset="a.jpg 1x, a@3x.jpg 3x">', [("a@3x.jpg", None), ("a.jpg", None)]),
        ('<img src="lazy-river.jpg" data-lazy-src="data:image/gif;base64,R0l">', [("lazy-river.jpg", None)]),
        ('<img src="icon.svg"><img src="p.webp" width="1200">', [("p.webp", 1200)]),
        ('<img src="avatar.jpg" class="avatar"><img src="p.jpg" width="50">', []),
    ],
)
def test_photo_candidates(img: str, best: list[tuple[str, int | None]]) -> None:
    from lxml import html as lxml_html

    from slide2video.readers.html_photos import figure

    el = lxml_html.fragment_fromstring(f"<figure>{img}</figure>")
    assert [(s.url, s.width) for s in best_sources(figure(el).sources)] == best


def test_a_saved_page_cannot_reach_files_outside_its_folder(tmp_path: Path) -> None:
    outside = tmp_path / "private.jpg"
    shutil.copy(FIXTURES / "lazy_files" / "bad-art.jpg", outside)
    site = tmp_path / "site"
    site.mkdir()
    page = (
        (FIXTURES / "lazy.html")
        .read_text("utf-8")
        .replace('data-src="lazy_files/bad-art.jpg"', 'data-src="../private.jpg"')
    )
    (site / "lazy.html").write_text(page, "utf-8")
    shutil.copytree(FIXTURES / "lazy_files", site / "lazy_files")
    article = load_article(site / "lazy.html", web=WebOptions(offline=True))
    assert article.slides[2].image is None
    assert "photo ../private.jpg is not in the saved page's folder" in article.warnings[0]


# --------------------------------------------------------------------------------------------------- properties


@given(st.lists(st.tuples(st.integers(1, 5000), st.booleans()), min_size=1, max_size=8))
def test_best_source_is_smallest_wide_enough_else_largest(items: list[tuple[int, bool]]) -> None:
    sources = [Source(f"p{i}-{w}.jpg", w) for i, (w, _) in enumerate(items)]
    best = best_sources(sources)[0]
    widths = [w for w, _ in items]
    wide = [w for w in widths if w >= 1080]
    assert best.width == (min(wide) if wide else max(widths))


@given(st.lists(st.tuples(st.from_regex(r"[a-z0-9/_.-]{1,20}\.jpg", fullmatch=True), st.integers(1, 4000))))
def test_srcset_round_trip(items: list[tuple[str, int]]) -> None:
    text = ", ".join(f"{u} {w}w" for u, w in items)
    assert [(s.url, s.width) for s in parse_srcset(text)] == items


_TAGS = st.sampled_from(["h2", "h3", "p", "figure", "figcaption", "div", "li", "strong", "nav", "noscript", "picture"])


@st.composite
def fragments(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 3))
        if kind == 0 or depth > 2:
            parts.append(draw(st.text(max_size=30)).replace("<", "&lt;"))
        elif kind == 1:
            src = draw(st.sampled_from(["a.jpg", "", "data:x", "//cdn/x.jpg", "x.jpg 300w, y.jpg 2000w"]))
            parts.append(f'<img src="{src}" srcset="{src}" data-src="{src}" alt="{draw(st.text(max_size=10))}">')
        else:
            tag = draw(_TAGS)
            parts.append(f"<{tag} class='{draw(st.sampled_from(['credit', 'caption', 'nav', 'x']))}'>")
            parts.append(draw(fragments(depth + 1)))
            parts.append(f"</{tag}>")
    return "".join(parts)


@settings(max_examples=60, deadline=None)
@given(fragments())
def test_any_markup_gives_an_article_or_one_clear_error(tmp_path_factory: pytest.TempPathFactory, body: str) -> None:
    page = tmp_path_factory.mktemp("fuzz") / "page.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>T</title></head><body><h1>Title</h1>{body}</body></html>")
    try:
        article = load_article(page, web=WebOptions(offline=True))
    except ArticleError as exc:
        assert "\n" not in exc.message and exc.message.startswith(str(page))
    else:
        assert article.title and len(article.slides) >= 3


def test_batch_renders_a_list_of_urls(web: Server, cache: Path, tmp_path: Path, runner: CliRunner) -> None:
    import json

    urls = tmp_path / "urls.txt"
    urls.write_text(
        f"# this week's galleries\n{web.url('/site/lazy.html')}\n\n{web.url('/404')}\n{web.url('/site/cp1252.html')}\n"
    )
    out = tmp_path / "out"
    args = ["batch", "--urls", str(urls), "-o", str(out), "--to", "carousel", "--carousel-preset", "216x270"]
    args += ["--jobs", "1", "--allow-private-urls", "-q"]
    result = runner.invoke(main, args)
    assert result.exit_code == 1, result.output
    assert f"failed: {web.url('/404')}: HTTP 404 Not Found" in result.output
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["cp1252", "lazy"]
    assert len(list((out / "lazy" / "carousel").glob("0*.png"))) == 7  # cover, 5 slides, end card
    manifest = json.loads((out / "lazy" / "carousel" / "manifest.json").read_text())
    assert "Museum of Broken Relationships" in json.dumps(manifest)
    fetched = len(web.log)
    again = runner.invoke(main, args)
    assert again.exit_code == 1
    report = json.loads((out / "report.json").read_text())
    assert sorted(r["status"] for r in report["articles"]) == ["skipped", "skipped"]
    assert len(web.log) == fetched + 1  # only the 404 is asked again; pages and photos come from the cache


def test_a_next_post_link_is_not_a_next_page(tmp_path: Path) -> None:
    """WordPress puts `rel=next` on the link to the next blog post: a different story is never merged in."""
    page = (FIXTURES / "wp-listicle.html").read_text("utf-8")
    (tmp_path / "harbours.html").write_text(page.replace("</head>", '<link rel="next" href="museums.html"></head>'))
    shutil.copytree(FIXTURES / "wp-listicle_files", tmp_path / "wp-listicle_files")
    shutil.copy(FIXTURES / "lazy.html", tmp_path / "museums.html")
    article = load_article(tmp_path / "harbours.html", web=WebOptions(offline=True))
    assert shape(article) == EXPECTED["wp-listicle.html"][4]


_WORDS = "The council met on Monday to discuss the harbour wall and the cost of its repair after the storms."


def _page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>Story</title></head><body><h1>A Story</h1>{body}</body></html>"


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (  # a story in the middle, sidebar boxes of links around it
            f"<div class='story'>{'<p>' + _WORDS + '</p>' * 1}</div>"
            + "".join(
                f"<div class='box'><h3>Box {n}</h3><img src='t{n}.jpg' alt=''><ul><li><a href='/a{n}'>A link</a></li>"
                "<li><a href='/b'>Another</a></li></ul></div>"
                for n in range(4)
            ),
            r"4 of the 4 sections have no text of their own",
        ),
        (  # a long story with three captioned photos
            "".join(f"<p>{_WORDS} {_WORDS}</p>" for _ in range(12))
            + "".join(
                f"<figure><img src='p{n}.jpg'><figcaption>Photo {n} of the wall.</figcaption></figure>"
                for n in range(3)
            ),
            r"a story of 4\d\d words with 3 captioned photos",
        ),
        (  # one heading holds the story, the others are short asides
            "".join(
                f"<h2>Part {n}</h2><figure><img src='p{n}.jpg'></figure><p>{(_WORDS + ' ') * (12 if n == 0 else 1)}</p>"
                for n in range(4)
            ),
            r"one section \(Part 0\) holds \d\d% of the text",
        ),
        (  # teasers: headings that are links to other stories of the site
            "".join(
                f"<h3><a href='/news/story-{n}'>Other story {n}</a></h3><img src='t{n}.jpg'><p>{_WORDS}</p>"
                for n in range(5)
            ),
            r"found 0 captioned photos",
        ),
    ],
)
def test_stories_with_asides_are_refused(tmp_path: Path, body: str, why: str) -> None:
    page = tmp_path / "story.html"
    page.write_text(_page(body), "utf-8")
    with pytest.raises(ArticleError, match=why):
        load_article(page, web=WebOptions(offline=True))
