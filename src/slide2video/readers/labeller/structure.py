"""From labelled lines to the `Article`: the small structural pass after the line labeller.

The labeller has said what every line is; `grouping.py` groups them into slides (a `heading` line starts one;
in a gallery with no heading lines each captioned photo does). Then each slide's parts are read with the line
rules: numbering (`7.`, `#7`, `No. 7`, `▶7◀`, `Platz 7:`), heading and body on one line, the credit without its
label (the page's own label too), the caption as alt text; and the page is refused when it shows no repeated
slide pattern.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ...article import Article, Slide
from ...errors import ArticleError
from ..credits import is_credit_label, parse_credit
from ..textrules import continues, fold, is_generic_crumb, is_pager, words
from . import Decision
from .corpus import Line
from .doubts import doubts
from .grouping import Part, gallery_parts, headed_parts, twin_credits
from .lineparts import (
    credit_text,
    glued_credit,
    only_number,
    page_credit_label,
    page_numbers,
    split_heading,
    split_number,
    tidy,
)
from .meta import SITE_SUFFIX, byline_of, crumbs, section, site_name, source_of, split_site
from .repair import repair
from .title import title_run

CONTENT = {"heading", "credit", "caption", "body", "counter"}


@dataclass
class Reading:
    """The article and what the bench needs to judge it: which slides had a heading line, the printed numbers."""

    article: Article
    title_line: Line | None
    headed: list[bool]
    numbers: list[int | None]


class Builder:
    """Groups the content lines (between the title and the footer) into slides."""

    def __init__(self, lines: list[Line], labels: list[str], path: str) -> None:
        self.lines, self.labels, self.path = lines, labels, path
        self.warnings: list[str] = []
        self.series = ""  # the series name every numbered heading opens with (`走春景點 1.`, `Top Dog 10:`)
        self.counted: dict[int, tuple[int, str]] = {}  # line number -> (number, heading) where the headings count
        self.credit_label = page_credit_label(
            [line.text for line, lab in zip(lines, labels, strict=True) if lab == "credit"]
        )

    def heading_text(self, line: Line) -> str:
        """A heading line's text without the series name (`Top Dog 10: Pug` -> `10: Pug`)."""
        return line.text.removeprefix(self.series)

    def heading_number(self, line: Line) -> tuple[int | None, str]:
        """(printed number, heading text) of a heading line. After a series name any number is the rank
        (`TOP 10 美國舊金山金門大橋`), where alone `10 Downing Street` is no numbering."""
        number, text = split_number(self.heading_text(line))
        if number is None and self.series and (m := _SERIES_RANK.match(text)) is not None:
            return int(m.group(1)), m.group(2)
        if number is None and line.number in self.counted:
            return self.counted[line.number]
        return number, text

    def warn(self, line: Line, message: str) -> None:
        self.warnings.append(f"{self.path}:{line.number}: {message}")

    def parts(self, items: list[tuple[str, Line]]) -> tuple[list[tuple[str, Line]], list[Part]]:
        """(intro lines, slides) from the content lines."""
        heads = sum(lab == "heading" for lab, _ in items)
        credits = sum(lab == "credit" for lab, _ in items)
        if heads and (heads > 2 or credits < 3 * heads + 1):
            return headed_parts(items)
        # One or two "headings" among many credited photos: a gallery whose stray line (a comment counter, a
        # photo's title) the labeller took for a heading. Each photo is a slide, as in any gallery.
        return gallery_parts([("caption" if lab == "heading" else lab, line) for lab, line in items])

    def slide(self, part: Part) -> tuple[Slide, bool, int | None]:
        """The slide, whether it had a heading line, and its printed number."""
        number: int | None = None
        body: list[str] = []
        alt: str | None = None
        credit: str | None = None
        captioned = False  # the credit's line carried a caption
        if part.heading is not None:
            number, text = self.heading_number(part.heading)
            text, glued = glued_credit(text)
            head, rest = split_heading(text)
            heading = tidy(head)
            if rest:
                body.append(rest)
        else:
            heading, glued = "", None
        for lab, line in part.lines:
            text = line.text
            if lab == "number":
                number = only_number(text)
            elif lab == "credit":
                if is_credit_label(text):
                    continue
                found, caption = credit_text(text, self.credit_label)
                if found is None:
                    body.append(text)
                elif credit is None or (caption and not captioned and twin_credits(found, credit)):
                    credit, captioned = found, caption is not None  # of a credit printed twice, the captioned one
                    if caption and alt is None and fold(caption) != fold(heading):
                        alt = caption if heading else None
                        if not heading:
                            body.append(caption)
                elif found != credit and not twin_credits(found, credit):
                    self.warn(line, f"second photo credit in slide {heading or text[:30]!r} ignored")
            elif lab == "caption":
                if fold(text) == fold(heading) or (part.heading is not None and fold(text) == fold(part.heading.text)):
                    continue
                if heading and alt is None:
                    alt = text
                elif (not heading or alt is not None) and fold(text) not in {fold(b) for b in body}:
                    body.append(text)
            elif lab in ("body", "intro") and fold(text) != fold(heading):
                body.append(text)
        headed = part.heading is not None
        if headed and credit is None and glued is not None:
            credit = glued
        if not headed:
            first = body.pop(0) if body else (alt or credit or "")
            heading, rest = split_heading(first)
            heading = tidy(heading) if heading else first
            if rest:
                body.insert(0, rest)
        return Slide(heading=heading, body=body, credit=credit, alt=alt, number=number), headed, number


def build(lines: list[Line], decisions: list[Decision], path: str) -> Reading:
    """The article the labelled lines describe; ArticleError when they describe no slideshow."""
    labels = repair(lines, [d.label for d in decisions])
    run = title_run(lines, labels, decisions)
    end = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        if labels[i] in CONTENT:
            end = i + 1
            break
    start = run[-1] + 1 if run else 0
    items = _unwrap([(labels[i], lines[i]) for i in range(start, end) if labels[i] in CONTENT | {"intro"}])
    builder = Builder(lines, labels, path)
    intro, parts = builder.parts(items)
    heads = [p.heading for p in parts if p.heading is not None]
    builder.series = _series_name([h.text for h in heads])
    builder.counted = {
        h.number: n for h, n in zip(heads, page_numbers([builder.heading_text(h) for h in heads]), strict=True) if n
    }
    if not parts:
        what = "no title found and no slides found" if not run else "no slides found"
        raise ArticleError(
            f"does not look like a slideshow: {what} (no slide headings, photo credits or captions)", path=path
        )
    slides, headed, numbers = [], [], []
    for part in parts:
        slide, has_heading, number = builder.slide(part)
        slides.append(slide)
        headed.append(has_heading)
        numbers.append(number)
    header = [lines[i] for i in range(run[0] if run else 0) if labels[i] == "chrome"]
    after = lines[run[-1] + 1].text if run and run[-1] + 1 < len(lines) else None
    found: Line | None = None
    if run:
        title, site = split_site(" ".join(lines[i].text for i in run), after)
    else:
        title, site, found = _title_elsewhere(lines, labels, builder, path)
    article = Article(title=title, slides=slides)
    article.intro = [line.text for lab, line in intro if lab in ("intro", "body") and fold(line.text) != fold(title)]
    for lab, line in intro:
        if lab == "credit" and (credit := credit_text(line.text)[0]) is not None:
            builder.warn(line, f"photo credit {credit!r} before the first slide ignored (lead image?)")
    footer = [lines[i] for i in range(end, len(lines)) if labels[i] in ("footer", "chrome")]
    named = site_name(header, after)
    article.section = section(header, title, kicker=named is None)
    article.source = site or _browser_title(header, title) or source_of(footer) or named
    article.byline = byline_of([lines[i] for i, lab in enumerate(labels) if lab == "byline"])
    _numbering(article, numbers, [p.heading for p in parts], builder)
    _refuse_non_slideshow(
        article,
        headed,
        numbers,
        parts,
        path,
        counters=sum(lab == "counter" for lab, _ in items),
        pager=any(is_pager(line.text) for line in lines),
    )
    article.warnings = sorted(builder.warnings, key=_line_of)
    article.doubts = doubts(lines, decisions, parts, run)
    return Reading(article, lines[run[0]] if run else found, headed, numbers)


def _browser_title(header: list[Line], title: str) -> str | None:
    """`Title | Site` printed above the breadcrumb (the browser's page title) names the site."""
    for line in header:
        head, site = split_site(line.text, title)
        if site is None and (m := SITE_SUFFIX.match(line.text)) is not None and fold(m.group("title")) == fold(title):
            site = m.group("site").strip()
        if site is not None and fold(head) == fold(title):
            return site
    return None


def _line_of(warning: str) -> int:
    m = re.search(r":(\d+): ", warning)
    return int(m.group(1)) if m else 0


def _unwrap(items: list[tuple[str, Line]]) -> list[tuple[str, Line]]:
    """A hard-wrapped paragraph (same label, next line of the file, `continues`) is joined back into one line; on a
    page that prints its lines twice in a row (three times or more), each is kept once (one repeat may be two
    photos with one caption)."""
    out: list[tuple[str, Line]] = []
    keys = [(lab, fold(line.text)) for lab, line in items]
    twice = [i for i in range(1, len(items)) if keys[i] == keys[i - 1]]
    doubled = set(twice) if len(twice) >= 3 else set()  # every photo's alt text printed again as its caption
    for i, (lab, line) in enumerate(items):
        if i in doubled:
            continue
        if out and lab in ("body", "intro", "caption") and out[-1][0] == lab:
            prev = out[-1][1]
            if line.number == prev.number + 1 and continues(prev.text, line.text) and parse_credit(prev.text) is None:
                out[-1] = (lab, Line(prev.number, f"{prev.text} {line.text}"))
                continue
        out.append((lab, line))
    return out


_SERIES_RANK = re.compile(r"^(\d{1,3})(?!\d)\W*\s*(\S.*)$")


def _series_name(headings: list[str]) -> str:
    """The words every heading opens with before its number (`日本の絶景図鑑【北海道01】…`, `Top Dog 10: Pug`):
    the series' name, not part of any slide's heading. "" when there is none (`The Beatles`, `The Who`)."""
    if len(headings) < 3:
        return ""
    prefix = headings[0]
    for heading in headings[1:]:
        while not heading.startswith(prefix):
            prefix = prefix[:-1]
    prefix = prefix.rstrip("0123456789")
    if len(prefix.strip()) < 2 or split_number(prefix)[0] is not None:
        return ""
    rests = [h[len(prefix) :].strip() for h in headings]
    numbered = sum(split_number(r)[0] is not None or _SERIES_RANK.match(r) is not None for r in rests)
    return prefix if numbered * 3 >= 2 * len(headings) else ""


def _title_elsewhere(
    lines: list[Line], labels: list[str], builder: Builder, path: str
) -> tuple[str, str | None, Line | None]:
    """No title line (a paginated slideshow's later page): a browser-title chrome line, the breadcrumb's last name
    when it reads as a headline, else the file's name. Also the line it came from (None for the file name)."""
    for line, lab in zip(lines, labels, strict=True):
        if lab == "chrome" and line.text.count("|") <= 1 and SITE_SUFFIX_OK(line.text):  # `A | B | C` is a menu
            title, site = split_site(line.text, None)
            builder.warn(line, f"no title line found; title taken from the page-title line {title!r}")
            return title, site, line
    names = [c for c in crumbs([ln for ln, lab in zip(lines, labels, strict=True) if lab == "chrome"]) if c]
    if len(names) >= 2 and words(names[-1]) >= 4 and not is_generic_crumb(names[-1]):
        builder.warn(lines[0], f"no title line found; title taken from the breadcrumb {names[-1]!r}")
        # The crumbs may span several lines (`1. Home`, `/`, …) so no single line reads as one: then the first line.
        return names[-1], None, next((ln for ln in lines if crumbs([ln])), lines[0])
    stem = re.sub(r"[-_]+", " ", path.rsplit("/", 1)[-1].rsplit(".", 1)[0]).strip() or "Untitled"
    builder.warnings.append(f"{path}: no title line found; title set to {stem!r} from the file name (edit `title:`)")
    return stem[:1].upper() + stem[1:], None, None


def SITE_SUFFIX_OK(text: str) -> bool:
    return split_site(text, None)[1] is not None


def _numbering(article: Article, numbers: list[int | None], heads: list[Line | None], builder: Builder) -> None:
    """Printed numbers kept only when they mean something (countdowns, not starting at 1); gaps reported."""
    if sum(n is not None for n in numbers) < max(min(2, len(numbers)), len(numbers) // 2):
        for slide, part_head in zip(article.slides, heads, strict=True):
            if slide.number is not None and part_head is not None:
                # A stray number is part of the heading (the series name, as in `Builder.slide`, is not).
                slide.heading = tidy(split_heading(builder.heading_text(part_head))[0])
                slide.number = None
        numbers[:] = [None] * len(numbers)
        return
    for k, (slide, head) in enumerate(zip(article.slides, heads, strict=True)):
        text = builder.heading_text(head).strip() if head is not None else ""
        if numbers[k] is None and (m := re.match(r"^(\d{1,3})\s+(\S.*)$", text)):
            near = [n for n in (_at(numbers, k - 1), _at(numbers, k + 1)) if n is not None]
            implied = {n + d for n in near for d in (1, -1)}  # counting up or down (a countdown)
            if int(m.group(1)) in implied:  # "1 Deepika Padukone" among "2. ...", "3. ...": a dropped full stop
                numbers[k] = slide.number = int(m.group(1))
                slide.heading = tidy(split_heading(m.group(2))[0])
    for (a, b), head in zip(itertools.pairwise(numbers), heads[1:], strict=True):
        if a is not None and b is not None and abs(b - a) == 2 and head is not None:
            builder.warn(head, f"slide number {(a + b) // 2} is missing")
    if numbers == list(range(1, len(numbers) + 1)):
        for slide in article.slides:
            slide.number = None


def _at(values: list[int | None], i: int) -> int | None:
    return values[i] if 0 <= i < len(values) else None


def _refuse_non_slideshow(
    article: Article,
    headed: list[bool],
    numbers: list[int | None],
    parts: list[Part],
    path: str,
    counters: int = 0,
    pager: bool = False,
) -> None:
    """A page with no repeated slide pattern (a news story with a sub-heading or two) is refused."""
    # One credit is a slide's only when a heading names the photo: a news story's lead photo, or an agency
    # byline read as a credit, has none.
    credits = sum(s.credit is not None for s in article.slides)
    credited = credits >= 2 or any(s.credit is not None and h for s, h in zip(article.slides, headed, strict=True))
    counted = sum(p.has("counter") for p in parts)
    numbered_ = sum(n is not None for n in numbers)
    story = len(article.slides) == 1 and (len(article.slides[0].body) >= 4 or article.slides[0].words > 200)
    # No heading, one photo (one credit, one caption at most): a news story's paragraphs, not a gallery's photos.
    prose = not any(headed) and credits <= 1 and sum(p.has("caption") for p in parts) <= 1
    # One page of a paginated slideshow: its slide counter (`5 of 23`), a rank past the first (`6 Cape Town`), or
    # its one headed slide between `« Previous` / `Next »` buttons.
    paginated = len(article.slides) == 1 and (
        counters >= 1 or any(n is not None and n > 1 for n in numbers) or (pager and headed[0])
    )
    many = len(article.slides) >= 3 and not prose
    if paginated or (not story and (many or credited or counted >= 2 or numbered_ >= 2)):
        return
    raise ArticleError(
        f"does not look like a slideshow: only {len(article.slides)} heading-like line(s) and no photo credits, "
        "slide numbers or counters repeating through the page",
        path=path,
    )
