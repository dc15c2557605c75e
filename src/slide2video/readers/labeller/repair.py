"""Label repairs from evidence across the page, applied after the labeller and before the slides are built.

The labeller decides each line from its neighbourhood; the page as a whole says more than a linear chain can
weigh: `#48.` between `#49.` and `#47.` is a heading whatever it looks like, an unnumbered "heading" before `#50.`
is the intro's last paragraph, `Del Taco Logo` right under `19. Del Taco` is the photo's alt text, and a short
"heading" printed again and again (`Anzeige`) is furniture.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

from ..textrules import fold, is_title_case, numbered, words
from .corpus import Line
from .lineparts import only_number, split_number

#: Headings carrying a number of one style needed before the numbering is trusted over the labels.
SERIES_AT_LEAST = 3
_TEXT = {"intro", "body", "caption", "credit", "chrome", "footer", "counter", "comment"}


def repair(lines: list[Line], labels: list[str]) -> list[str]:
    """The labels with the page's evidence applied (a new list; `labels` is not changed)."""
    out = list(labels)
    _repeated_headings(lines, out)
    _continue_series(lines, out)
    _demote_leading(lines, out)
    _alt_text_echo(lines, out)
    _alt_text_below(lines, out)
    return out


def _series(lines: list[Line], labels: list[str]) -> tuple[str, list[tuple[int, int]]] | None:
    """The headings' numbering style and (index, number) of each heading numbered in it."""
    found = [(i, n) for i, lab in enumerate(labels) if lab == "heading" and (n := numbered(lines[i].text))]
    styles = Counter(n[2] for _, n in found)
    if not styles:
        return None
    style, count = styles.most_common(1)[0]
    if count < SERIES_AT_LEAST:
        return None
    return style, [(i, n[0]) for i, n in found if n[2] == style]


def _continue_series(lines: list[Line], labels: list[str]) -> None:
    """A line numbered in the headings' style whose number is the one missing between two headings is a heading."""
    found = _series(lines, labels)
    if found is None:
        return
    style, heads = found
    steps = Counter(b - a for (_, a), (_, b) in pairwise(heads))
    step = steps.most_common(1)[0][0] if steps else 0
    if step not in (1, -1):
        return
    for (i, a), (j, b) in pairwise(heads):
        if b - a != 2 * step:
            continue
        for k in range(i + 1, j):
            num = numbered(lines[k].text)
            if labels[k] in _TEXT and num is not None and num[2] == style and num[0] == a + step:
                labels[k] = "heading"
                break


def _demote_leading(lines: list[Line], labels: list[str]) -> None:
    """Unnumbered headings before the first of a numbered series are the intro (the first one the title when the
    page has none)."""
    found = _series(lines, labels)
    if found is None:
        return
    first = found[1][0][0]
    early = [i for i in range(first) if labels[i] == "heading"]
    if not early or any(split_number(lines[i].text)[0] is not None for i in early):
        return
    for i in early:
        labels[i] = "intro"
    if "title" not in labels:
        labels[early[0]] = "title"


def _alt_text_echo(lines: list[Line], labels: list[str]) -> None:
    """A heading that repeats the heading just above it and adds a word or two is that photo's alt text."""
    prev: str | None = None
    for i, lab in enumerate(labels):
        if lab != "heading":
            if lab in ("body", "intro"):
                prev = None
            continue
        num = numbered(lines[i].text)
        text = fold(num[1] if num else lines[i].text)
        if prev and num is None and text.startswith(prev + " ") and len(text.split()) - len(prev.split()) <= 2:
            labels[i] = "caption"
            continue
        prev = text


def _alt_text_below(lines: list[Line], labels: list[str]) -> None:
    """A long sentence-case line with no full stop right under a heading describes the photo: alt text, not the
    next slide's heading (`Sourdough loaves cooling on a rack by the window`)."""
    for i in range(1, len(labels)):
        if labels[i] != "heading" or labels[i - 1] != "heading":
            continue
        text = lines[i].text.strip()
        if only_number(lines[i - 1].text) is not None:  # "7" printed above its heading
            continue
        if words(text) >= 6 and text[-1:] not in ".!?:;…" and not is_title_case(text) and numbered(text) is None:
            labels[i] = "caption"


def _repeated_headings(lines: list[Line], labels: list[str]) -> None:
    """A short unnumbered "heading" printed again and again (`Anzeige`, `Uit`, `Share`) is furniture: slides
    have headings of their own."""
    heads = [i for i, lab in enumerate(labels) if lab == "heading" and split_number(lines[i].text)[0] is None]
    seen = Counter(fold(lines[i].text) for i in heads)
    for i in heads:
        text = fold(lines[i].text)
        if seen[text] >= 2 and len(text.split()) <= 3:
            labels[i] = "chrome"
