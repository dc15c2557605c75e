"""The slideshow-text reader: the text a person gets when copying a slideshow page.

Pipeline: lines -> blocks (normalised and classified: credit, counter, numbered heading) -> header
(breadcrumbs, kicker, title, bylines, dates) -> tail (footers, author bio, reader comments) -> slide layout
(`textlayout`) -> `Article`. Ambiguous spots get the most plausible reading plus a warning naming the line.
The rules are documented in docs/text-reader.md.
"""

from __future__ import annotations

import itertools
import re

from ..article import Article, Slide
from .credits import is_credit_label, parse_credit, split_credit
from .textlayout import (
    Block,
    Plan,
    Segment,
    choose_plan,
    credits_lead,
    mark_captions,
    pull_leading_credits,
    split_strays,
)
from .textrules import (
    bare_number,
    byline,
    counter,
    crumb_line,
    fold,
    is_about_author,
    is_chrome,
    is_comments_header,
    is_copyright,
    is_crumb_separator,
    is_date_line,
    is_end_footer,
    is_generic_crumb,
    is_headingish,
    is_home,
    is_kicker,
    is_stamp,
    is_time_ago,
    looks_like_bio,
    normalise_line,
    numbered,
    source_footer,
    words,
)

NAME = "text"
EXTENSIONS = (".txt", ".text")

_NUMBERED_CRUMB = re.compile(r"^(\d{1,2})\.\s*(.*)$")
_SITE_SUFFIX = re.compile(r"^(?P<title>.{10,}?)\s+(?P<sep>[|–—-])\s+(?P<site>[^|–—]{2,40})$")


def read(content: str, path: str) -> Article:
    return _Reader(content, path).read()


def tokenise(content: str) -> list[Block]:
    """Non-blank lines as classified blocks; a credit label alone on its line joins the next line."""
    lines = _unwrap([(n, normalise_line(raw)) for n, raw in enumerate(content.split("\n"), 1)])
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        n, text = lines[i]
        nxt = lines[i + 1][1] if i + 1 < len(lines) else None
        if nxt is not None and is_credit_label(text) and parse_credit(f"Credit: {nxt}"):
            text, i = f"{text} {nxt}", i + 1
        elif nxt is not None and (num := bare_number(text)) is not None and _plain_heading(nxt):
            blocks.append(Block(n, nxt, number=num, head=nxt, style="bare"))  # a number printed above its heading
            i += 2
            continue
        block = classify(n, text)
        if not (blocks and fold(text) and fold(text) == fold(blocks[-1].text)):
            blocks.append(block)  # a line printed twice in a row (heading repeated as caption) is kept once
        i += 1
    return blocks


def _unwrap(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Non-blank lines; a hard-wrapped paragraph is joined back into one.

    Conservative: only a long line (40+ characters) that does not end a sentence, directly followed by a line
    starting in lower case, continues onto it. Headings and credits never qualify.
    """
    out: list[tuple[int, str]] = []
    last = -1
    for n, text in lines:
        if not text:
            continue
        if out and n == last + 1 and _continues(out[-1][1], text):
            out[-1] = (out[-1][0], f"{out[-1][1]} {text}")
        else:
            out.append((n, text))
        last = n
    return out


def _continues(prev: str, text: str) -> bool:
    first = re.search(r"\w", text)
    return (
        len(prev) >= 40
        and prev[-1] not in '.!?:;…"”’»)'
        and first is not None
        and first.group().islower()
        and text[0].isalpha()
        and parse_credit(prev) is None
    )


def _plain_heading(text: str) -> bool:
    return is_headingish(text) and parse_credit(text) is None and counter(text) is None and numbered(text) is None


def classify(line: int, text: str) -> Block:
    block = Block(line, text)
    if (count := counter(text)) is not None:
        block.count = count[0]
    elif (credit := parse_credit(text)) is not None:
        block.credit = credit
    elif (pair := split_credit(text)) is not None:
        block.alt, block.credit = pair
    elif (num := numbered(text)) is not None:
        block.number, block.head, block.style = num[0], num[1].rstrip(":").strip(), num[2]
    return block


class _Reader:
    def __init__(self, content: str, path: str) -> None:
        self.path = path
        self.blocks = tokenise(content)
        self.article = Article(title="")
        self.skip: set[int] = set()
        self.header_byline: str | None = None

    def warn(self, line: int, message: str) -> None:
        self.article.warnings.append(f"{self.path}:{line}: {message}")

    def read(self) -> Article:
        start = self.header()
        if not self.article.title:
            return self.article
        end = self.tail_start(start)
        tail_byline, bio = self.read_tail(end)
        body = [b for i, b in enumerate(self.blocks[start:end], start) if i not in self.skip and not is_chrome(b.text)]
        plan = choose_plan(body)
        if plan is None:
            self.intro(body)
        else:
            self.build(body, plan)
        if self.article.slides and bio is None:
            bio = self.closing_bio()
        self.article.byline = self.header_byline or tail_byline or bio
        return self.article

    # --- header ------------------------------------------------------------------------------------------

    def header(self) -> int:
        """Consume breadcrumbs, chrome, kicker and title; return the index of the first body block."""
        blocks = self.blocks
        zone = next((i for i, b in enumerate(blocks) if b.para and words(b.text) >= 8), len(blocks))
        crumbs: list[str] = []
        i = start = 0
        while i < min(zone, 25):
            run = _crumb_run(blocks, i)
            if run is not None:
                crumbs, i = run
                start = i
                continue
            if (parts := crumb_line(blocks[i].text)) is not None:
                crumbs, start = parts, i + 1
            i += 1
        i = self.skip_meta(start)
        if i >= len(blocks):
            return i
        j = self.skip_meta(i + 1)
        if j == i + 1 and self.site_name(i):
            self.article.source = blocks[i].text
            i, j = j, self.skip_meta(j + 1)
        title = blocks[i].text
        if j < len(blocks):
            following = blocks[j].text
            stem = title.rstrip(".… ")
            after = blocks[j + 1] if j + 1 < len(blocks) else None
            if title.endswith(("...", "…")) and fold(following).startswith(fold(stem)):
                i, title = j, following  # a truncated copy of the title printed first
            elif is_kicker(title) and blocks[j].headish and words(following) >= 3 and not (after and after.special):
                crumbs = crumbs or [title.title() if title.isupper() else title]
                i, title = j, following
        if (m := _SITE_SUFFIX.match(title)) is not None:
            j = self.skip_meta(i + 1)
            repeated = j < len(blocks) and fold(blocks[j].text) == fold(m.group("title"))
            site = m.group("site").strip()
            if repeated or (m.group("sep") == "|" and words(site) <= 4 and site[-1] not in "?!."):
                title, self.article.source = m.group("title"), m.group("site").strip()
        for b in blocks[:i]:  # "Title | Site" printed above the breadcrumb (the browser's page title)
            m = _SITE_SUFFIX.match(b.text)
            if m is not None and fold(m.group("title")) == fold(title) and self.article.source is None:
                self.article.source = m.group("site").strip()
        self.article.title = title
        self.article.section = _section(crumbs, title)
        i += 1
        while i < len(blocks) and (self.is_meta(blocks[i]) or self.same_as_title(blocks[i].text)):
            i += 1
        return i

    def site_name(self, i: int) -> bool:
        """A short name above the headline, which itself sits right above the byline or date."""
        blocks = self.blocks
        if i + 2 >= len(blocks) or words(blocks[i].text) > 5 or not blocks[i].headish:
            return False
        title, below = blocks[i + 1], blocks[i + 2].text
        return (
            title.headish
            and words(title.text) > words(blocks[i].text)
            and (byline(below) is not None or is_date_line(below) or is_stamp(below))
        )

    def skip_meta(self, i: int) -> int:
        while i < len(self.blocks) and (self.is_meta(self.blocks[i]) or is_crumb_separator(self.blocks[i].text)):
            i += 1
        return i

    def is_meta(self, block: Block) -> bool:
        """Header lines that are not the story: chrome, dates, counters, bylines, a lone gallery word."""
        text = block.text
        if is_chrome(text) or is_date_line(text) or block.count is not None:
            return True
        if is_generic_crumb(text) and words(text) <= 2:
            return True
        if (name := byline(text)) is not None:
            self.header_byline = self.header_byline or name
            return True
        return False

    def same_as_title(self, text: str) -> bool:
        title = fold(self.article.title)
        key = fold(text)
        truncated = len(key) > 10 and title.startswith(key) and text.endswith(("…", "..."))
        return bool(key) and (key == title or truncated)

    # --- tail --------------------------------------------------------------------------------------------

    def tail_start(self, start: int) -> int:
        """Where the page furniture after the last slide begins: footers, author box, reader comments."""
        blocks = self.blocks
        seen_text = False
        for t in range(start, len(blocks)):
            text = blocks[t].text
            hard = is_comments_header(text) or is_about_author(text) or is_copyright(text)
            if hard and t > start:
                return t
            if seen_text and t + 1 < len(blocks) and is_time_ago(blocks[t + 1].text) and words(text) <= 6:
                return t  # a commenter's name, then "2 hours ago"
            if seen_text and is_time_ago(text):
                return t
            if source_footer(text) is not None or is_end_footer(text):
                if not self.slides_follow(t):
                    return t
                self.skip.add(t)
                if (source := source_footer(text)) is not None and self.article.source is None:
                    self.article.source = source
                self.warn(blocks[t].line, f"{text!r} looks like a footer but slides follow it; skipped")
            seen_text = seen_text or (blocks[t].para and words(text) >= 6)
        return len(blocks)

    def slides_follow(self, t: int) -> bool:
        """Do at least two more slides (a credit/number/counter line, then running text) follow line `t`?"""
        blocks = self.blocks
        paras: set[int] = set()
        for j in range(t + 1, len(blocks)):
            text = blocks[j].text
            if is_comments_header(text) or is_time_ago(text) or is_copyright(text) or is_end_footer(text):
                break
            b = blocks[j]
            if b.credit is not None or b.number is not None or b.count is not None:
                for k in range(j + 1, min(j + 4, len(blocks))):
                    nxt = blocks[k]
                    if nxt.para and len(nxt.text) >= 60 and not looks_like_bio(nxt.text):
                        paras.add(k)
                        break
                if len(paras) >= 2:
                    return True
        return False

    def read_tail(self, start: int) -> tuple[str | None, str | None]:
        """Source, byline and author bio from the footer; related-story lists and comments are ignored."""
        by = bio = None
        about = False
        for b in self.blocks[start:]:
            text = b.text
            if is_comments_header(text) or is_end_footer(text) or is_time_ago(text):
                break
            if (source := source_footer(text)) is not None:
                self.article.source = self.article.source or source
            elif b.para and (looks_like_bio(text) or about):
                bio = bio or text
            elif (name := byline(text)) is not None:
                by = by or name
            about = is_about_author(text)
        return by, bio

    def closing_bio(self) -> str | None:
        """An author bio (or a `By X` line) printed as the last paragraph of the last slide."""
        last = self.article.slides[-1]
        if len(last.body) >= 2 and looks_like_bio(last.body[-1]):
            return last.body.pop()
        if last.body and (name := byline(last.body[-1])) is not None:
            last.body.pop()
            return name
        return None

    # --- slides ------------------------------------------------------------------------------------------

    def intro(self, blocks: list[Block]) -> None:
        for b in blocks:
            if self.is_meta(b) or self.same_as_title(b.text):
                continue
            if b.credit is not None:
                self.warn(b.line, f"photo credit {b.credit!r} before the first slide ignored (lead image?)")
                continue
            self.article.intro.append(b.text)

    def build(self, body: list[Block], plan: Plan) -> None:
        if plan.kind in ("numbered", "counter") and credits_lead(body, plan):
            pull_leading_credits(body, plan)
        split = split_strays(body, plan) if plan.kind in ("credit", "headings") else []
        mark_captions(body, plan)
        if plan.kind == "headings":
            self.warn(
                body[plan.segments[0].head].line,
                "no credit lines or slide numbers found; slides split at short heading-like lines",
            )
        self.intro(body[: plan.segments[0].start])
        for seg in plan.segments:
            slide = self.slide(body, seg, numbered=plan.kind == "numbered")
            self.article.slides.append(slide)
            if seg.head in split and plan.kind == "credit" and slide.credit is None:
                self.warn(body[seg.head].line, f"{slide.heading!r} has no photo credit; read as a slide heading")
            for a in plan.orphans:
                if seg.start <= a < seg.end and body[a].credit == slide.credit:
                    self.warn(
                        body[a].line,
                        f"{body[a].text!r} is not placed like the other credits; given to slide {slide.heading!r}",
                    )
        if plan.kind == "numbered":
            self.numbering([body[s.head] for s in plan.segments])

    def slide(self, body: list[Block], seg: Segment, numbered: bool) -> Slide:
        head = body[seg.head]
        heading = head.head if numbered and head.head else head.text
        heading = re.sub(r"^#{2,6}\s+", "", heading)
        slide = Slide(heading=heading, number=head.number if numbered else None)
        for j in range(seg.start, seg.end):
            b = body[j]
            if j == seg.head or b.count is not None:
                continue
            if j == seg.caption:
                if fold(b.text) != fold(heading):
                    slide.alt = b.text
            elif b.credit is not None:
                if slide.credit is None:
                    slide.credit = b.credit
                    slide.alt = slide.alt or b.alt
                elif b.credit != slide.credit:
                    self.warn(b.line, f"second photo credit in slide {heading!r} ignored")
            elif fold(b.text) != fold(heading) and fold(b.text) != fold(head.text):
                slide.body.append(b.text)
        return slide

    def numbering(self, heads: list[Block]) -> None:
        numbers = [h.number for h in heads]
        for a, b in itertools.pairwise(heads):
            if a.number is not None and b.number is not None and abs(b.number - a.number) == 2:
                self.warn(b.line, f"slide number {(a.number + b.number) // 2} is missing")
        if numbers == list(range(1, len(numbers) + 1)):
            for s in self.article.slides:
                s.number = None  # plain 1..n numbering is just the position


def _crumb_run(blocks: list[Block], i: int) -> tuple[list[str], int] | None:
    """A breadcrumb spread over lines: `1. Home / 2. / / 3. Politics` or `Home / › / World`."""
    items: list[str] = []
    k = i
    while k < len(blocks) and (m := _NUMBERED_CRUMB.match(blocks[k].text)) and int(m.group(1)) == len(items) + 1:
        if len(m.group(2)) > 80:
            break
        items.append(m.group(2).strip())
        k += 1
    if len(items) >= 2 and (any(is_crumb_separator(x) for x in items) or is_home(items[0])):
        return [x for x in items if x and not is_crumb_separator(x)], k
    items, k = [blocks[i].text], i + 1
    while k + 1 < len(blocks) and is_crumb_separator(blocks[k].text) and words(blocks[k + 1].text) <= 8:
        items.append(blocks[k + 1].text)
        k += 2
    if len(items) >= 2 and words(items[0]) <= 4:
        return items, k
    return None


def _section(crumbs: list[str], title: str) -> str | None:
    """The most specific breadcrumb that is neither "Home"/"Slideshow" nor the page itself."""
    names = [c for c in crumbs if c and not is_crumb_separator(c) and not is_generic_crumb(c)]
    if names:
        last = names[-1]
        stem = fold(last.rstrip(".… "))
        if last.endswith(("...", "…")) or words(last) > 6 or (len(stem) >= 10 and fold(title).startswith(stem)):
            names.pop()
    return names[-1] if names else None
