"""Planning cards: which cards a story gets and what each says. Pure data, no pixels.

The renderer draws each `CardSpec` once, when a writer first needs its pixels. Everything that only needs to
know what a card is (the video timeline, `--dry-run`, subtitles) reads the plan, so it draws nothing.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any

from ..article import Article
from ..config.theme import Theme
from .card import CardKind


@dataclass(frozen=True)
class CardSpec:
    kind: CardKind
    heading: str
    body: tuple[str, ...] = ()
    credit: str | None = None
    image: str | None = None
    focus: tuple[float, float] | None = None
    slide_index: int | None = None
    number: int | None = None
    counter: str | None = None
    kicker: str | None = None
    footer: str | None = None
    alt: str = ""
    seed: int = 0
    words: int = 0
    label: str = field(default="", compare=False)
    photo_layer: bool = False  # drawn as a full-bleed photo under its text: Ken Burns can move it

    @property
    def has_motion_layers(self) -> bool:
        """What the drawn `Card.has_motion_layers` will say (unless its photo fails to load with
        `--skip-bad-images`; the frames then show the card still)."""
        return self.photo_layer


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def fill(template: str, article: Article) -> str:
    """Fill `{source}`, `{section}`, `{title}`, `{byline}` in a theme string; unknown names become empty."""
    values = _Blank(
        source=article.source or "", section=article.section or "", title=article.title, byline=article.byline or ""
    )
    try:
        text = string.Formatter().vformat(template, (), values)
    except (ValueError, IndexError):
        text = template
    return " ".join(text.split())


def plan_cards(article: Article, theme: Theme, cover: bool | None = None, end: bool | None = None) -> list[CardSpec]:
    """Cover (optional), one card per slide, end card (optional), in order.

    `cover`/`end` override the theme's setting when not None.
    """
    from ..config.settings import merged, theme_layer

    wanted = merged(theme_layer(theme), {"cover": cover, "end": end})
    specs: list[CardSpec] = []
    total = len(article.slides)
    full_bleed = theme.background.area == "full"  # the renderer keeps the photo as a layer of its own
    if wanted["cover"]:
        first_image = next((s for s in article.slides if s.image), None)
        specs.append(
            CardSpec(
                kind="cover",
                heading=article.title,
                body=(),
                credit=first_image.credit if first_image else None,
                image=first_image.image if first_image else None,
                focus=first_image.focus if first_image else None,
                kicker=fill(theme.cover.kicker, article) or None,
                footer=fill(theme.cover.footer, article) or None,
                alt=first_image.alt or "" if first_image else "",
                seed=0,
                words=len(article.title.split()),
                label="cover",
                photo_layer=full_bleed and first_image is not None and bool(first_image.image),
            )
        )
    for i, slide in enumerate(article.slides):
        number = article.display_number(i)
        counter = None
        if theme.counter.style == "fraction":
            counter = f"{i + 1}/{total}"
        elif theme.counter.style == "number":
            counter = str(number)
        specs.append(
            CardSpec(
                kind="slide",
                heading=slide.heading,
                body=tuple(slide.body) if theme.text.show_body else (),
                credit=slide.credit,
                image=slide.image,
                focus=slide.focus,
                slide_index=i,
                number=number,
                counter=counter,
                alt=slide.alt or "",
                seed=i + 1,
                words=slide.words,
                label=f"slide {number} ({slide.heading[:40]})",
                photo_layer=full_bleed and bool(slide.image),
            )
        )
    if wanted["end"]:
        needs_source = "{source}" in theme.end.text and not article.source
        text = fill(theme.end.fallback if needs_source else theme.end.text, article)
        specs.append(
            CardSpec(
                kind="end",
                heading=text,
                footer=article.source,
                seed=total + 1,
                words=len(text.split()),
                label="end card",
            )
        )
    return specs
