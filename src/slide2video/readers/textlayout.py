"""Finding the slides in a copied slideshow page once its lines are classified.

The page body is a list of `Block`s (one per non-blank line). A *plan* cuts it into segments, one per slide,
each with the index of its heading. Plans come from the strongest signal present:

1. explicit numbering (`1. Heading`, `#1`, countdowns) forming a sequence;
2. `3 of 32` counter lines;
3. photo-credit lines, whose position relative to the heading is detected once per article (after the heading,
   after an image-caption line, before the heading, or closing the body) and used for every slide;
4. short heading-like lines followed by running text (weakest; the reader warns).

For counters and credits every placement is tried and scored (a slide whose "heading" is a sentence costs more
than a heading left inside a body), so the reading that explains the whole page best wins.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cached_property

from .textrules import fold, is_headingish, is_title_case, words


@dataclass
class Block:
    """One non-blank line of the page and what it was recognised as."""

    line: int
    text: str
    credit: str | None = None  # the credit, when this line is a photo credit
    alt: str | None = None  # the caption half of a "Caption. (Photo: X)" line
    number: int | None = None  # the printed number of "3. Heading"
    head: str | None = None  # the heading text of a numbered line, without its number
    style: str = ""  # the numbering format of a numbered line ("#", ".", ":", ...)
    count: int | None = None  # k of a "k of N" counter line

    @property
    def special(self) -> bool:
        return self.credit is not None or self.count is not None

    @cached_property
    def headish(self) -> bool:
        return not self.special and is_headingish(self.text)

    @property
    def para(self) -> bool:
        return not self.special and not self.headish


@dataclass
class Segment:
    """One slide's lines: `start` <= `head` < `end` index the page body."""

    head: int
    start: int
    end: int = 0
    caption: int | None = None


@dataclass
class Plan:
    kind: str  # numbered | counter | credit | headings
    mode: str  # where the anchor sits: heading | after-heading | after-caption | before | end
    segments: list[Segment]
    score: float = 0.0
    orphans: list[int] = field(default_factory=list)  # anchors that start no slide


PLACEMENTS = ("after-heading", "before", "end", "after-caption")


def number_chain(body: list[Block]) -> list[int]:
    """The longest run of same-style numbered lines counting up or down by one (one missing number tolerated).

    Heading-like items score higher than sentence-like ones, so a slide's own numbered list loses to the
    numbered headings around it.
    """
    best: list[int] = []
    best_score = 0.0
    for style in sorted({b.style for b in body if b.number is not None}):
        cands = [i for i, b in enumerate(body) if b.number is not None and b.style == style]
        for step in (1, -1):
            chain, score = _chain(body, cands, step)
            if score > best_score:
                best, best_score = chain, score
    return best


def _chain(body: list[Block], cands: list[int], step: int) -> tuple[list[int], float]:
    score: dict[int, float] = {}
    parent: dict[int, int | None] = {}
    ending: dict[int, int] = {}  # printed number -> best chain end so far with that number
    for j in cands:
        n = body[j].number
        assert n is not None
        quality = 4.0 + (1.0 if is_headingish(body[j].head or "") else 0.0)
        if j > 0 and body[j - 1].number is not None:
            quality -= 0.5  # numbered lines back to back read like a list
        score[j], parent[j] = quality, None
        for gap, penalty in ((1, 0.0), (2, 3.0)):
            i = ending.get(n - step * gap)
            if i is not None and score[i] + quality - penalty > score[j]:
                score[j], parent[j] = score[i] + quality - penalty, i
        if n not in ending or score[j] > score[ending[n]]:
            ending[n] = j
    if not score:
        return [], 0.0
    end = max(score, key=lambda j: score[j])
    chain: list[int] = []
    k: int | None = end
    while k is not None:
        chain.append(k)
        k = parent[k]
    return chain[::-1], score[end]


def numbered_plan(body: list[Block]) -> Plan | None:
    """Slides from explicit numbering, when it is strong enough to override credits."""
    chain = number_chain(body)
    credits = sum(b.credit is not None for b in body)
    if len(chain) < 2 or (len(chain) < 3 and credits >= 2):
        return None
    if credits >= 3 and len(chain) < 0.6 * credits:
        return None  # a numbered list inside one slide of a credit-anchored article
    adjacent = sum(b - a == 1 for a, b in itertools.pairwise(chain))
    if adjacent == len(chain) - 1 and credits >= 2:
        return None
    segments = [Segment(head=i, start=i) for i in chain]
    return Plan("numbered", "heading", _close(segments, len(body)))


def _close(segments: list[Segment], total: int) -> list[Segment]:
    for seg, nxt in itertools.pairwise(segments):
        seg.end = nxt.start
    if segments:
        segments[-1].end = total
    return segments


def _after(body: list[Block], a: int, limit: int) -> int | None:
    """The first line after anchor `a` that is neither a credit nor a counter."""
    for j in range(a + 1, limit):
        if not body[j].special:
            return j
    return None


def _first_heading(body: list[Block], a: int) -> int | None:
    """For credits that close a slide: the heading of the first slide, somewhere before the first credit."""
    for j in range(a - 2, -1, -1):
        if body[j].headish and not body[j].special:
            return j
    return a - 1 if a >= 1 and body[a - 1].headish else None


def anchored_plan(body: list[Block], anchors: list[int], kind: str, mode: str) -> Plan:
    """Slides anchored on credit or counter lines that sit in `mode` position relative to the heading."""
    segments: list[Segment] = []
    orphans: list[int] = []
    prev = -1
    for k, a in enumerate(anchors):
        limit = anchors[k + 1] if k + 1 < len(anchors) else len(body)
        caption = None
        if mode == "after-heading":
            h: int | None = a - 1
            start = h
        elif mode == "after-caption":
            h, caption = a - 2, a - 1
            start = h
        elif mode == "before":
            h, start = _after(body, a, limit), a
        else:  # end: the anchor closes the slide, whose heading follows the previous anchor
            h = _after(body, prev, a) if k else _first_heading(body, a)
            start = h
        ok = h is not None and prev < h < len(body) and body[h].headish
        if ok and caption is not None:
            ok = h is not None and caption > h and not body[caption].special
        if ok and segments and start is not None and start <= segments[-1].start:
            ok = False
        if ok and h is not None and start is not None:
            segments.append(Segment(head=h, start=start, caption=caption))
        else:
            orphans.append(a)
        prev = a
    plan = Plan(kind, mode, _close(segments, len(body)), orphans=orphans)
    plan.score = 2.0 * len(segments) - 3.0 * len(orphans) - len(strays(body, plan))
    if mode == "after-caption":
        # A caption is followed by body text; "heading, one paragraph, credit" is a credit closing the slide.
        plan.score -= sum(1 for s in segments if not any(b.para for b in body[s.head + 3 : s.end]))
    return plan


def headings_plan(body: list[Block]) -> Plan:
    """The weakest reading: every heading-like line followed by running text starts a slide."""
    starts = [
        i
        for i, b in enumerate(body)
        if b.headish and i + 1 < len(body) and (body[i + 1].para or (body[i + 1].special and _next_para(body, i + 1)))
    ]
    return Plan("headings", "heading", _close([Segment(head=i, start=i) for i in starts], len(body)))


def _next_para(body: list[Block], i: int) -> bool:
    j = _after(body, i, len(body))
    return j is not None and body[j].para


def choose_plan(body: list[Block]) -> Plan | None:
    """The best plan for the page body, or None when nothing in it looks like a slide."""
    plan = numbered_plan(body)
    if plan is not None:
        return plan
    counters = [i for i, b in enumerate(body) if b.count is not None]
    # Credit lines stacked one after another belong to one image: the first of a run is the anchor.
    credits = [i for i, b in enumerate(body) if b.credit is not None and not (i and body[i - 1].credit is not None)]
    for kind, anchors in (("counter", counters), ("credit", credits)):
        if len(anchors) < (2 if kind == "counter" else 1):
            continue
        modes = PLACEMENTS if kind == "credit" else ("before", "after-heading", "end")
        plans = [anchored_plan(body, anchors, kind, mode) for mode in modes]
        best = max(plans, key=lambda p: p.score)  # max keeps the first of equals: the order is the preference
        if best.segments:
            inside = [a for a in best.orphans if a > best.segments[0].start]  # a lead-image credit is no evidence
            if len(best.segments) >= len(inside):
                return best
    plan = headings_plan(body)
    return plan if plan.segments else None


def _style(body: list[Block], plan: Plan) -> tuple[bool | None, int]:
    heads = [body[s.head].head or body[s.head].text for s in plan.segments]
    if not heads:
        return None, 12
    titled = sum(is_title_case(h) for h in heads) / len(heads)
    style = True if titled >= 0.7 else False if titled <= 0.3 else None
    return style, max(words(h) for h in heads) + 4


def strays(body: list[Block], plan: Plan) -> list[int]:
    """Heading-like lines left inside bodies (or the intro) that look like the plan's headings.

    A line counts when it sits between running text and running text, has the headings' length and case
    style, and does not open with a quote or dash (attributions, pull quotes).
    """
    style, max_words = _style(body, plan)
    taken = {s.head for s in plan.segments} | {s.caption for s in plan.segments if s.caption is not None}
    found = []
    for i in range(1, len(body) - 1):
        b = body[i]
        if i in taken or not b.headish or words(b.text) > max_words or b.text[0] in "\"'“‘«—–-•*(":
            continue
        if style is not None and is_title_case(b.text) != style:
            continue
        if any(fold(b.text) == fold(body[k].text) for k in range(max(0, i - 3), i)):
            continue  # the heading repeated as an image caption after its credit
        before, after = body[i - 1], body[i + 1]
        if (before.para or before.special) and (after.para or (after.special and _next_para(body, i + 1))):
            found.append(i)
    return found


def split_strays(body: list[Block], plan: Plan) -> list[int]:
    """Turn stray heading-like lines into slides of their own; returns their indices (each deserves a warning)."""
    found = strays(body, plan)
    if not found:
        return []
    segments = sorted([*plan.segments, *(Segment(head=i, start=i) for i in found)], key=lambda s: s.start)
    plan.segments = _close(segments, len(body))
    return found


def credits_lead(body: list[Block], plan: Plan) -> bool:
    """For numbered/counter plans: do credits sit just *before* each heading (so they belong to the next slide)?

    Evidence: a credit right before the first slide (ending the intro) and none closing the last slide.
    """
    segs = plan.segments
    if not segs:
        return False
    pre = segs[0].start > 0 and body[segs[0].start - 1].credit is not None
    last = segs[-1]
    post = last.end - 1 > last.head and body[last.end - 1].credit is not None
    trailing = sum(1 for s in segs[:-1] if s.end - 1 > s.head and body[s.end - 1].credit is not None)
    return pre and not post and trailing >= (len(segs) - 1) / 2


def pull_leading_credits(body: list[Block], plan: Plan) -> None:
    """Move each segment's start back over the credit lines printed just above its heading."""
    for seg in plan.segments:
        while seg.start > 0 and body[seg.start - 1].credit is not None:
            seg.start -= 1
    _close(plan.segments, len(body))


def mark_captions(body: list[Block], plan: Plan) -> None:
    """One line between heading and credit, then body text, in most slides: that line is the image caption."""
    if plan.mode == "after-caption":
        return
    credited = likely = 0
    for seg in plan.segments:
        items = [j for j in range(seg.head + 1, seg.end) if body[j].count is None]
        pos = next((n for n, j in enumerate(items) if body[j].credit is not None), None)
        if pos is None:
            continue
        credited += 1
        likely += pos == 1 and not body[items[0]].special and any(body[j].para for j in items[2:])
    if credited and likely >= max(1, 0.6 * credited):
        for seg in plan.segments:
            items = [j for j in range(seg.head + 1, seg.end) if body[j].count is None]
            if len(items) > 2 and body[items[1]].credit is not None and not body[items[0]].special:
                seg.caption = items[0]
