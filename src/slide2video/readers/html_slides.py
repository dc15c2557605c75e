"""From a page's blocks (one list per page of a paginated slideshow) to an intro and slides with their figures.

Two shapes are read. Headed slideshows: the heading level used most often (h2-h4, or paragraphs that are one bold
run, as in `<p><strong>3. Lisbon</strong></p>`) starts each slide, and each slide takes the photo next to its
heading (after it, or before it when the page puts photos first). Captioned galleries: no repeated headings but
several captioned photos, one slide per photo, its heading from the caption's title or first sentence.
Paragraph-level text goes through the text reader's line rules (credits, counters, chrome, numbering).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..article import Slide
from .credits import parse_credit
from .html_dom import Block
from .html_meta import PageMeta
from .html_photos import Figure, Source
from .textrules import byline as byline_rule
from .textrules import counter, is_chrome, is_date_line, numbered


@dataclass
class Draft:
    """A slide as read from the page, with the figure whose photo it will show."""

    slide: Slide
    figure: Figure | None = None


@dataclass
class Plan:
    intro: list[str] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    shape: str = "headings"  # or "gallery"
    byline: str | None = None


def plan(pages: list[list[Block]], meta: PageMeta) -> Plan:
    """Intro and slides of the whole slideshow (every page's blocks, in page order)."""
    level = slide_level([b for page in pages for b in page])
    if level is None:
        return _gallery(pages, meta)
    out = Plan()
    for n, page in enumerate(pages):
        pre, segments = _segments(page, level)
        if n == 0:
            for b in pre:
                if b.kind == "para":
                    _intro_line(b.text, out)
        figures = _place_figures(pre, segments)
        for (head, body), fig in zip(segments, figures, strict=True):
            out.drafts.append(_draft(head.text, body, fig, meta))
    _renumber(out.drafts)
    return out


def slide_level(blocks: list[Block]) -> int | None:
    """The heading level that starts slides: the most used one (two or more), higher levels winning ties."""
    counts = Counter(b.level for b in blocks if b.kind == "heading")
    if not counts:
        return None
    level, n = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return level if n >= 2 else None


def _segments(page: list[Block], level: int) -> tuple[list[Block], list[tuple[Block, list[Block]]]]:
    """Blocks before the first slide heading, and (heading, blocks) per slide. A higher-level heading (an
    "About the author" h2 after h3 slides) ends the slide and what follows it up to the next slide is dropped."""
    pre: list[Block] = []
    segments: list[tuple[Block, list[Block]]] = []
    current: list[Block] | None = None
    for b in page:
        if b.kind == "heading" and b.level == level:
            current = []
            segments.append((b, current))
        elif (b.kind == "heading" and b.level < level and segments) or b.kind == "teaser":
            current = None
        elif current is not None:
            current.append(b)
        elif not segments:
            pre.append(b)
    return pre, segments


def _place_figures(pre: list[Block], segments: list[tuple[Block, list[Block]]]) -> list[Figure | None]:
    """Each slide's figure: the first one after its heading, unless the page puts each photo before its heading
    (then the last figure before it: the tail of the previous slide, or of the intro for the first). A slide with
    no figure of its own also takes an unclaimed one just before its heading (one slide per page, photo first)."""
    leads = sum(1 for _, body in segments if _first_kind(body) == "figure")
    tails = sum(1 for _, body in segments[:-1] if _last_kind(body) == "figure")
    before = tails > leads and _last_kind(pre) == "figure"
    out: list[Figure | None] = []
    spare = _tail_figure(pre)
    for _, body in segments:
        figures = [b.figure for b in body if b.figure]
        if before:
            out.append(spare)
            spare = _tail_figure(body)
            continue
        own = figures[0] if figures else spare
        out.append(own)
        tail = _tail_figure(body)
        spare = tail if tail is not None and tail is not own else None
    return out


def _tail_figure(blocks: list[Block]) -> Figure | None:
    return blocks[-1].figure if blocks and blocks[-1].kind == "figure" else None


def _first_kind(blocks: list[Block]) -> str | None:
    return blocks[0].kind if blocks else None


def _last_kind(blocks: list[Block]) -> str | None:
    return blocks[-1].kind if blocks else None


def _draft(heading: str, body: list[Block], fig: Figure | None, meta: PageMeta) -> Draft:
    slide = Slide(heading=heading)
    if m := numbered(heading):
        slide.number, slide.heading = m[0], m[1]
    for n, b in enumerate(body):
        if b.kind == "heading":
            if any(later.kind == "para" for later in body[n + 1 :]):
                slide.body.append(b.text)  # a sub-heading with text under it; a bare one ("Up next") is furniture
        elif b.kind == "credit":
            slide.credit = slide.credit or b.text
        elif b.kind == "para":
            _body_line(b.text, slide)
    _take_figure(slide, fig, meta)
    return Draft(slide, fig)


def _take_figure(slide: Slide, fig: Figure | None, meta: PageMeta) -> None:
    if fig is None:
        return
    declared = next((info for s in fig.sources if (info := meta.image(s.url))), None)
    slide.credit = slide.credit or fig.credit or (declared.credit if declared else None)
    caption = fig.caption or (declared.caption if declared else None)
    slide.alt = fig.alt or caption
    if not slide.body and caption and caption != slide.heading:
        slide.body.append(caption)


def _body_line(text: str, slide: Slide) -> None:
    if is_chrome(text) or counter(text) or is_date_line(text):
        return
    if (credit := parse_credit(text)) is not None:
        slide.credit = slide.credit or credit
        return
    slide.body.append(text)


def _intro_line(text: str, out: Plan) -> None:
    if is_chrome(text) or counter(text) or is_date_line(text) or parse_credit(text):
        return
    if (name := byline_rule(text)) is not None:
        out.byline = out.byline or name
        return
    out.intro.append(text)


def _renumber(drafts: list[Draft]) -> None:
    """Plain 1..n numbering is just the position, so it is not kept; countdowns and gaps are."""
    numbers = [d.slide.number for d in drafts]
    if any(n is None for n in numbers) or numbers == list(range(1, len(numbers) + 1)):
        for d in drafts:
            d.slide.number = None


# --------------------------------------------------------------------------------------------------- galleries


def _gallery(pages: list[list[Block]], meta: PageMeta) -> Plan:
    out = Plan(shape="gallery")
    for n, page in enumerate(pages):
        seen_figure = False
        for b in page:
            if b.figure is not None:
                seen_figure = True
                if draft := _gallery_slide(b.figure, meta):
                    out.drafts.append(draft)
            elif b.kind == "para" and n == 0 and not seen_figure:
                _intro_line(b.text, out)
    if not out.drafts and meta.gallery:
        for info in meta.gallery:
            fig = Figure(caption=info.caption, credit=info.credit, title=info.name)
            fig.sources.append(Source(info.url))
            if draft := _gallery_slide(fig, meta):
                out.drafts.append(draft)
    return out


def _gallery_slide(fig: Figure, meta: PageMeta) -> Draft | None:
    declared = next((info for s in fig.sources if (info := meta.image(s.url))), None)
    caption = fig.caption or (declared.caption if declared else None)
    title = fig.title or (declared.name if declared else None)
    if not caption and not title:
        return None  # a photo with nothing to say is decoration, not a slide
    heading, body = split_caption(caption or "", title)
    slide = Slide(heading=heading, body=body, alt=fig.alt or caption)
    slide.credit = fig.credit or (declared.credit if declared else None)
    if m := numbered(slide.heading):
        slide.number, slide.heading = m[0], m[1]
    return Draft(slide, fig)


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“‘(]?[A-Z0-9À-ÖØ-Þ])")


def split_caption(caption: str, title: str | None = None) -> tuple[str, list[str]]:
    """A gallery caption as (heading, body): its title if it has one, else its first sentence when short."""
    caption = caption.strip()
    if title:
        return title, [caption] if caption else []
    words = caption.split()
    if len(words) <= 18:
        return caption.rstrip("."), []
    first, *rest = _SENTENCE_END.split(caption, maxsplit=1)
    if len(first.split()) <= 18:
        return first.rstrip("."), [rest[0]] if rest else []
    return " ".join(words[:8]) + "…", [caption]
