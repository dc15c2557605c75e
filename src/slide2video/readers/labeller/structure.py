"""From labelled lines to the `Article`: the small structural pass after the line labeller.

The labeller has said what every line is; this pass groups them into slides. A `heading` line starts a slide;
in a gallery (no heading lines at all) each captioned photo does (a counter, a caption after the previous
photo's credit). Where the credits sit (after the heading, closing the slide, or printed above the next
heading) is decided once per page from the evidence. Then each slide's parts are read with the line rules:
numbering (`7.`, `#7`, `No. 7`, `▶7◀`, `Platz 7:`), heading and body on one line, the credit without its label,
the caption as alt text.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from ...article import Article, Slide
from ...errors import ArticleError
from ..credits import is_credit_label, parse_credit
from ..textrules import continues, counter, fold, is_generic_crumb, is_pager, words
from . import Decision
from .corpus import Line
from .doubts import doubts
from .lineparts import credit_text, glued_credit, only_number, page_credit_label, split_heading, split_number, tidy
from .meta import SITE_SUFFIX, byline_of, crumbs, section, site_name, source_of, split_site
from .repair import repair
from .title import title_run

CONTENT = {"heading", "credit", "caption", "body", "counter"}


@dataclass
class Part:
    """A slide while it is being assembled: its lines by label, in page order."""

    heading: Line | None = None
    lines: list[tuple[str, Line]] = field(default_factory=list)

    def has(self, *labels: str) -> bool:
        return any(lab in labels for lab, _ in self.lines)


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
        self.credit_label = page_credit_label(
            [line.text for line, lab in zip(lines, labels, strict=True) if lab == "credit"]
        )

    def heading_text(self, line: Line) -> str:
        """A heading line's text without the series name (`Top Dog 10: Pug` -> `10: Pug`)."""
        return line.text.removeprefix(self.series)

    def warn(self, line: Line, message: str) -> None:
        self.warnings.append(f"{self.path}:{line.number}: {message}")

    def parts(self, items: list[tuple[str, Line]]) -> tuple[list[tuple[str, Line]], list[Part]]:
        """(intro lines, slides) from the content lines."""
        heads = sum(lab == "heading" for lab, _ in items)
        credits = sum(lab == "credit" for lab, _ in items)
        if heads and (heads > 2 or credits < 3 * heads + 1):
            return self._headed(items)
        # One or two "headings" among many credited photos: a gallery whose stray line (a comment counter, a
        # photo's title) the labeller took for a heading. Each photo is a slide, as in any gallery.
        return self._gallery([("caption" if lab == "heading" else lab, line) for lab, line in items])

    def _headed(self, items: list[tuple[str, Line]]) -> tuple[list[tuple[str, Line]], list[Part]]:
        intro: list[tuple[str, Line]] = []
        parts: list[Part] = []
        pending_number: Line | None = None
        for k, (lab, line) in enumerate(items):
            if lab == "heading":
                if only_number(line.text) is not None:
                    if k + 1 < len(items) and items[k + 1][0] == "heading":
                        pending_number = line  # "7" printed above its heading
                    else:
                        parts.append(Part())  # "7." alone: a numbered photo with no heading
                        parts[-1].lines.append(("number", line))
                    continue
                parts.append(Part(heading=line))
                if pending_number is not None:
                    parts[-1].lines.append(("number", pending_number))
                    pending_number = None
            elif parts:
                parts[-1].lines.append((lab, line))
            else:
                intro.append((lab, line))
        if self._credits_lead(intro, parts):
            for part, nxt in reversed(list(itertools.pairwise(parts))):  # backwards: a moved credit stays put
                nxt.lines[:0] = _photo_tail(part.lines)
            if parts:
                parts[0].lines[:0] = _photo_tail(intro)
        elif parts and intro and intro[-1][0] == "credit" and not parts[0].has("credit"):
            parts[0].lines.insert(0, intro.pop())  # the photo printed right above the first heading is its photo
        return intro, parts

    @staticmethod
    def _credits_lead(intro: list[tuple[str, Line]], parts: list[Part]) -> bool:
        """Credits above each heading: one ends the intro, none closes the last slide, most slides end in one."""
        if len(parts) < 2:
            return False
        pre = _ends_in_credit(intro)
        post = parts[-1].has("credit")
        trailing = sum(_ends_in_credit(p.lines) for p in parts[:-1])
        after_heading = sum(1 for p in parts if p.lines and p.lines[0][0] == "credit")
        return pre and (not post or after_heading == 0) and trailing >= (len(parts) - 1) / 2

    def _gallery(self, items: list[tuple[str, Line]]) -> tuple[list[tuple[str, Line]], list[Part]]:
        """No heading lines: every captioned photo is a slide (a counter or a new caption after a credit starts one)."""
        counters = sum(lab == "counter" for lab, _ in items)
        k = 0
        while k < len(items) and items[k][0] in ("intro", "body"):
            k += 1
        if 0 < k < len(items) and items[k - 1][0] == "body" and items[k][0] == "credit":
            k -= 1  # the text right above the first credit is that photo's caption
        intro = items[:k]
        # A lead photo printed between the headline and the intro (its caption and credit) is not a slide.
        last_intro = max((i for i, (lab, _) in enumerate(items) if lab == "intro"), default=-1)
        if k < last_intro and sum(lab != "intro" for lab, _ in items[k:last_intro]) <= 3:
            intro.extend(items[k : last_intro + 1])
            k = last_intro + 1
        rest = items[k:]
        # Without headings a caption and a photo's text are told apart by nothing the slides need: one kind here.
        labels = ["caption" if lab == "body" else lab for lab, _ in rest]
        period, first = _label_period(labels)
        parts: list[Part] = []
        start_label = labels[first] if labels else ""
        last_start = -(10**6)
        # The caption each credit line carries ("Men smoke in Gao, Mali. REUTERS/Joe Penney": a whole photo).
        owns = [_own_caption(line.text) if lab == "credit" else None for lab, line in rest]
        lead = self._gallery_credit_first([lab for lab, _ in rest], owns)
        whole = False  # the current photo has a credit line carrying its own caption
        # One caption printed with every photo (`image`, the gallery's own title as alt text) marks where each
        # photo starts; it is no photo's caption.
        seen = Counter(fold(line.text) for (_, line), kind in zip(rest, labels, strict=True) if kind == "caption")
        marks = {text for text, n in seen.items() if n >= 3}
        for i, (lab, line) in enumerate(rest):
            cur = parts[-1] if parts else None
            kind = labels[i]
            if kind == "caption" and fold(line.text) in marks:
                if cur is None or cur.lines:
                    parts.append(Part())
                    last_start = i
                    whole = False
                continue
            if period >= 2:
                new = cur is None or (i >= first and kind == start_label and i - last_start >= period - 1)
            elif counters >= 2:
                new = kind == "counter" or cur is None
            elif kind == "caption":  # a caption starts a photo; a paragraph only after the last photo's credit
                closed = cur is not None and (whole or (not lead and cur.has("credit")))
                new = cur is None or closed or (lab == "caption" and cur.has("caption", "body"))
            elif kind == "credit":  # a photo has one credit: a second one is the next photo's
                own = owns[i]
                other = own is not None and cur is not None and not _echoes(cur, own)
                new = cur is None or cur.has("credit") or (lead and cur.has("caption")) or other
            else:
                new = cur is None
            if new:
                parts.append(Part())
                last_start = i
                whole = False
            parts[-1].lines.append((lab, line))
            whole = whole or owns[i] is not None
        parts = [p for p in parts if p.has("caption", "credit", "body")]
        # The photos are counted (`1/16 Players walk out …`): an uncounted photo before the first is the lead photo.
        counted = [any(_counted(line.text) for _, line in part.lines) for part in parts]
        if sum(counted) >= 3 and not counted[0]:
            first = counted.index(True)
            intro.extend(item for part in parts[:first] for item in part.lines)
            parts = parts[first:]
        return intro, parts

    @staticmethod
    def _gallery_credit_first(labels: list[str], owns: list[str | None]) -> bool:
        """Credits printed above their captions: the first photo line is a credit, the last a caption (credit
        lines carrying their own caption say nothing about the order)."""
        firsts = [lab for lab, own in zip(labels, owns, strict=True) if lab in ("caption", "credit") and own is None]
        return bool(firsts) and firsts[0] == "credit" and firsts[-1] == "caption"

    def slide(self, part: Part) -> tuple[Slide, bool, int | None]:
        """The slide, whether it had a heading line, and its printed number."""
        number: int | None = None
        body: list[str] = []
        alt: str | None = None
        credit: str | None = None
        if part.heading is not None:
            number, text = split_number(self.heading_text(part.heading))
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
                elif credit is None:
                    credit = found
                    if caption and alt is None and fold(caption) != fold(heading):
                        alt = caption if heading else None
                        if not heading:
                            body.append(caption)
                elif found != credit:
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


def _own_caption(text: str) -> str | None:
    """The caption a credit line carries before its credit, when it is a sentence's worth (five words or more)."""
    caption = credit_text(text)[1]
    return caption if caption is not None and words(caption) >= 5 else None


def _echoes(part: Part, caption: str) -> bool:
    """The part's caption says what `caption` says (alt text above the captioned credit of the same photo)."""
    mine = set(fold(caption).split())
    for lab, line in part.lines:
        theirs = set(fold(line.text).split())
        if lab == "caption" and mine and len(mine & theirs) >= 0.5 * min(len(mine), len(theirs)):
            return True
    return False


def _ends_in_credit(lines: list[tuple[str, Line]]) -> bool:
    """The lines end in a photo's credit, maybe followed by the next slide's counter (`… / REUTERS` `2 of 29`)."""
    labels = [lab for lab, _ in lines]
    while labels and labels[-1] == "counter":
        labels.pop()
    return bool(labels) and labels[-1] == "credit"


def _photo_tail(lines: list[tuple[str, Line]]) -> list[tuple[str, Line]]:
    """Remove and return the trailing credits and counters: the next slide's photo, printed above its heading."""
    k = len(lines)
    while k and lines[k - 1][0] in ("credit", "counter"):
        k -= 1
    tail = lines[k:]
    del lines[k:]
    return tail


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
    builder.series = _series_name([p.heading.text for p in parts if p.heading is not None])
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


def _label_period(labels: list[str]) -> tuple[int, int]:
    """(period, first index of the repeating pattern) of a gallery's label sequence; period 0 when none repeats."""
    for p in range(2, min(9, len(labels) // 2 + 1)):
        pairs = len(labels) - p
        same = sum(labels[i] == labels[i + p] for i in range(pairs))
        if pairs >= p and same >= 0.8 * pairs:
            first = next((i for i in range(pairs) if labels[i] == labels[i + p]), 0)
            if len(set(labels[first : first + p])) > 1:  # credit, credit, credit… has period 1, not 2
                return p, first
    return 0, 0


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
    numbered = sum(split_number(h[len(prefix) :].strip())[0] is not None for h in headings)
    return prefix if numbered * 3 >= 2 * len(headings) else ""


def _counted(text: str) -> bool:
    """The line is a slide counter or opens with one: `3 of 20`, `1/16 Players walk out …`."""
    return counter(text) is not None or re.match(r"^\d{1,3}\s?/\s?\d{1,3}\s+\S", text) is not None


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
