"""Grouping the content lines into slides: by heading lines, or photo by photo in a gallery without headings.

Where a page prints its credits (after the heading, closing the slide, above the next heading) is decided once
per page from the evidence; in a gallery a counter, the page's period, or a new caption after a credit starts a
photo. `structure.py` reads each group's lines afterwards.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from ..textrules import counter, fold, words
from .corpus import Line
from .lineparts import credit_text, only_number


@dataclass
class Part:
    """A slide while it is being assembled: its lines by label, in page order."""

    heading: Line | None = None
    lines: list[tuple[str, Line]] = field(default_factory=list)

    def has(self, *labels: str) -> bool:
        return any(lab in labels for lab, _ in self.lines)


def headed_parts(items: list[tuple[str, Line]]) -> tuple[list[tuple[str, Line]], list[Part]]:
    """(intro lines, slides) when heading lines start the slides; the credits' placement is the page's."""
    intro: list[tuple[str, Line]] = []
    parts: list[Part] = []
    pending_number: Line | None = None
    numbered_below = _numbered_below(items)
    for k, (lab, line) in enumerate(items):
        if lab == "counter" and k + 1 in numbered_below:
            pending_number = line  # "10." or "- 01" above its heading: the slide's number, not a counter
            continue
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
    lead = _credits_lead(intro, parts)
    if lead:
        for part, nxt in reversed(list(itertools.pairwise(parts))):  # backwards: a moved credit stays put
            nxt.lines[:0] = _photo_tail(part.lines)
    # The photo (and its counter) printed right above the first heading is that slide's.
    if parts and (lead or (_ends_in_credit(intro) and not parts[0].has("credit"))):
        parts[0].lines[:0] = _photo_tail(intro)
    return intro, parts


def _numbered_below(items: list[tuple[str, Line]]) -> set[int]:
    """The headings printed right under a bare number labelled a counter (`10.`, `- 01`), when the first heading
    is one of them: the numbers are the slides' own. Printed under each slide instead (`1` before the second
    heading), they count the photos above."""
    below = {
        k + 1
        for k, (lab, line) in enumerate(items[:-1])
        if lab == "counter" and items[k + 1][0] == "heading"
        if counter(line.text) is None and only_number(line.text) is not None
    }
    first = next((k for k, (lab, _) in enumerate(items) if lab == "heading"), None)
    return below if first in below else set()


def _credits_lead(intro: list[tuple[str, Line]], parts: list[Part]) -> bool:
    """Credits above each heading: one ends the intro, none closes the last slide, most slides end in one."""
    if len(parts) < 2:
        return False
    pre = _ends_in_credit(intro)
    post = parts[-1].has("credit")
    trailing = sum(_ends_in_credit(p.lines) for p in parts[:-1])
    after_heading = sum(1 for p in parts if p.lines and p.lines[0][0] == "credit")
    return pre and (not post or after_heading == 0) and trailing >= (len(parts) - 1) / 2


def gallery_parts(items: list[tuple[str, Line]]) -> tuple[list[tuple[str, Line]], list[Part]]:
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
    pattern = labels[first : first + period]
    last_start = -(10**6)
    # The caption each credit line carries ("Men smoke in Gao, Mali. REUTERS/Joe Penney": a whole photo).
    parsed = [credit_text(line.text) if lab == "credit" else (None, None) for lab, line in rest]
    owns = [_own_caption(caption) for _, caption in parsed]
    lead = _gallery_credit_first([lab for lab, _ in rest], owns)
    twins = _twin_lines(parsed)
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
            new = cur is None or (
                i >= first and kind == start_label and i - last_start >= period - 1 and _fits(labels, i, pattern)
            )
        elif counters >= 2:
            new = kind == "counter" or cur is None
        elif kind == "caption":  # a caption starts a photo; a paragraph only after the last photo's credit
            closed = cur is not None and (whole or (not lead and cur.has("credit")))
            new = cur is None or closed or (lab == "caption" and cur.has("caption", "body"))
        elif kind == "credit":  # a photo has one credit: a second one is the next photo's
            own = owns[i]
            other = own is not None and cur is not None and not _echoes(cur, own)
            new = (cur is None or cur.has("credit") or (lead and cur.has("caption")) or other) and i not in twins
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


def twin_credits(a: str, b: str) -> bool:
    """Two credits naming one source, the words of one all in the other (`Name` and `Name/AP`)."""
    mine, theirs = set(fold(a).split()), set(fold(b).split())
    return bool(mine and theirs) and (mine <= theirs or theirs <= mine)


def _twin_lines(parsed: list[tuple[str | None, str | None]]) -> set[int]:
    """The second line of each credit printed twice for one photo, once with the caption and once on its own
    (`Caption. Foto: Name/AP` `© Foto: Name`, or the other way round), when the page does it three times or more:
    one photo, not two. `parsed`: each line's (credit, caption), (None, None) for a line that is no credit."""
    found: set[int] = set()
    i = 0
    while i + 1 < len(parsed):
        (a, a_caption), (b, b_caption) = parsed[i], parsed[i + 1]
        if a and b and (a_caption is None) != (b_caption is None) and twin_credits(a, b):
            found.add(i + 1)
            i += 2
            continue
        i += 1
    return found if len(found) >= 3 else set()


def _fits(labels: list[str], i: int, pattern: list[str]) -> bool:
    """The labels from `i` on follow the page's photo pattern but for a line or two (one in a pattern of up to four
    lines): a caption repeated inside the pattern (alt text, credit, caption) starts no photo where the pattern
    does not start again."""
    ahead = labels[i : i + len(pattern)]
    misses = sum(a != b for a, b in zip(ahead, pattern, strict=False)) + len(pattern) - len(ahead)
    return misses <= max(1, (len(pattern) - 1) // 2)


def _gallery_credit_first(labels: list[str], owns: list[str | None]) -> bool:
    """Credits printed above their captions: the first photo line is a credit, the last a caption (credit
    lines carrying their own caption say nothing about the order)."""
    firsts = [lab for lab, own in zip(labels, owns, strict=True) if lab in ("caption", "credit") and own is None]
    return bool(firsts) and firsts[0] == "credit" and firsts[-1] == "caption"


def _own_caption(caption: str | None) -> str | None:
    """The caption a credit line carries before its credit, when it is a sentence's worth (five words or more)."""
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


def _counted(text: str) -> bool:
    """The line is a slide counter or opens with one: `3 of 20`, `1/16 Players walk out …`."""
    return counter(text) is not None or re.match(r"^\d{1,3}\s?/\s?\d{1,3}\s+\S", text) is not None
