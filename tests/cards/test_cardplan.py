"""Card planning: cover/end cards, counters, countdown numbers, theme templates."""

from __future__ import annotations

from dataclasses import replace

from slide2video.article import Article, Slide
from slide2video.cards.plan import fill, plan_cards
from slide2video.config.theme import CounterStyle, load_theme


def article(numbers: list[int | None] | None = None, source: str | None = "The Paper") -> Article:
    numbers = numbers or [None, None, None]
    slides = [
        Slide(f"H{i}", [f"Body {i} words here."], credit="AP", number=n, image="a.png" if i == 1 else None)
        for i, n in enumerate(numbers)
    ]
    return Article("The Title", slides, section="World", source=source)


def test_cover_slides_end() -> None:
    specs = plan_cards(article(), load_theme("news"))
    assert [s.kind for s in specs] == ["cover", "slide", "slide", "slide", "end"]
    cover, end = specs[0], specs[-1]
    assert (cover.heading, cover.kicker, cover.footer) == ("The Title", "World", "The Paper")
    assert cover.image == "a.png"  # the first slide that has a photo
    assert end.heading == "Read the full story at The Paper"
    assert [s.counter for s in specs[1:-1]] == ["1/3", "2/3", "3/3"]
    assert len({s.seed for s in specs}) == len(specs)


def test_overrides_and_fallbacks() -> None:
    specs = plan_cards(article(source=None), load_theme("news"), cover=False)
    assert specs[0].kind == "slide"
    assert specs[-1].heading == "Read the full story"
    assert [s.kind for s in plan_cards(article(), load_theme("news"), cover=False, end=False)] == ["slide"] * 3


def test_countdown_number_counter() -> None:
    theme = replace(load_theme("news"), counter=CounterStyle(style="number"))
    specs = plan_cards(article([3, 2, 1]), theme, cover=False, end=False)
    assert [s.counter for s in specs] == ["3", "2", "1"]
    none = replace(theme, counter=CounterStyle(style="none"))
    assert {s.counter for s in plan_cards(article(), none, cover=False, end=False)} == {None}


def test_fill_templates() -> None:
    art = article()
    assert fill("{section} · {source}", art) == "World · The Paper"
    assert fill("{nope} {title}", art) == "The Title"
    assert fill("broken {", art) == "broken {"
