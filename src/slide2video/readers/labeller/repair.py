"""Label repairs from evidence across the page, applied after the labeller and before the slides are built.

The labeller decides each line from its neighbourhood; the page as a whole says more than a linear chain can
weigh: `#48.` between `#49.` and `#47.` is a heading whatever it looks like, an unnumbered "heading" before `#50.`
is the intro's last paragraph, `Del Taco Logo` right under `19. Del Taco` is the photo's alt text, a short
"heading" printed again and again (`Anzeige`) or one the line rules call furniture (`2 comments:`) is furniture.
The repairs from the shapes the page repeats (signatures, headings' places and punctuation) live in
`kin.py`; this module applies them all, in order: furniture first, then numbering, then shapes, then alt text.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from ..credits import gallery_headline
from ..footers import (
    is_comments_header,
    is_copyright,
    is_end_footer,
    source_footer,
)
from ..textrules import (
    bare_number,
    cased,
    counter,
    fold,
    is_chrome,
    is_date_line,
    is_title_case,
    numbered,
    opens_with_date,
    words,
)
from .corpus import Line
from .kin import (
    caption_in_heading_place,
    credit_twins,
    lead_in_headings,
    named_credits,
    signed_captions,
)
from .lineparts import labelled_credit, number_style, only_number, split_number

#: Headings carrying a number of one style needed before the numbering is trusted over the labels.
SERIES_AT_LEAST = 3
_PHOTO = ("heading", "caption", "credit")  # the lines around a photo: alt text stands among them
_TEXT = {"intro", "body", "caption", "credit", "chrome", "footer", "counter", "comment"}


def repair(lines: list[Line], labels: list[str]) -> list[str]:
    """The labels with the page's evidence applied (a new list; `labels` is not changed)."""
    out = list(labels)
    _repeated_headings(lines, out)
    _furniture_headings(lines, out)
    _continue_series(lines, out)
    _numbered_run(lines, out)
    signed_captions(lines, out)
    named_credits(lines, out)
    caption_in_heading_place(lines, out)
    lead_in_headings(lines, out)
    credit_twins(lines, out)
    _demote_leading(lines, out)
    _alt_text_echo(lines, out)
    _alt_text_below(lines, out)
    return out


def _series(lines: list[Line], labels: list[str]) -> tuple[str, list[tuple[int, int]]] | None:
    """The headings' numbering style and (index, number) of each heading numbered in it."""
    found = [(i, n) for i, lab in enumerate(labels) if lab == "heading" and (n := _any_numbered(lines[i].text))]
    styles = Counter(n[2] for _, n in found)
    if not styles:
        return None
    style, count = styles.most_common(1)[0]
    if count < SERIES_AT_LEAST:
        return None
    return style, [(i, n[0]) for i, n in found if n[2] == style]


_LONG_NUMBERED = re.compile(r"^(\d{1,3})([.:)])\s+\S")


def _any_numbered(text: str) -> tuple[int, str, str] | None:
    """`numbered`, and also a numbered heading printed with its whole paragraph (too long for `numbered`)."""
    if (num := numbered(text)) is not None:
        return num
    m = _LONG_NUMBERED.match(text)
    return (int(m.group(1)), text[m.end() - 1 :], m.group(2)) if m else None


def _continue_series(lines: list[Line], labels: list[str]) -> None:
    """A line numbered in the headings' style whose number is the one missing between two headings, the one
    before the first (the intro swallowed it) or the one after the last, is a heading."""
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
            if _numbered_as(lines[k], labels[k], style, a + step):
                labels[k] = "heading"
                break
    # The series' first item, swallowed by the intro above it ("1. …" under the standfirst, "#10 – …").
    first, n = heads[0]
    for k in range(first - 1, -1, -1):
        if labels[k] in ("heading", "title"):
            break
        if _numbered_as(lines[k], labels[k], style, n - step):
            labels[k] = "heading"
            break
    if style not in ".:)":
        return
    # The series' last item, however long its line ("4. Spamhaus' Top 10 ... a paragraph"), before the footers.
    last, n = heads[-1]
    lead = re.compile(rf"^{n + step}{re.escape(style)}\s+\S")
    for k in range(last + 1, len(labels)):
        if labels[k] in ("heading", "footer", "comment"):
            break
        if labels[k] in ("body", "caption", "intro") and lead.match(lines[k].text):
            labels[k] = "heading"
            break


def _numbered_as(line: Line, label: str, style: str, number: int) -> bool:
    """A text line carrying exactly the number the series needs there, in the series' style."""
    num = _any_numbered(line.text)
    return label in _TEXT and num is not None and num[2] == style and num[0] == number


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
    """A heading that repeats the heading just above it and adds a word or two, or names part of it (`Saw's Soul
    Kitchen` under `ALABAMA: Saw's Soul Kitchen in Birmingham`), is that photo's alt text."""
    prev: str | None = None
    for i, lab in enumerate(labels):
        if lab != "heading":
            if lab == "intro":
                prev = None
            continue
        num = numbered(lines[i].text)
        text = fold(num[1] if num else lines[i].text)
        added = prev is not None and text.startswith(prev + " ") and len(text.split()) - len(prev.split()) <= 2
        inside = prev is not None and len(text) >= 6 and f" {text} " in f" {prev} "  # "Saw's Soul Kitchen"
        if num is None and (added or inside) and (labels[i - 1] in _PHOTO or _photo_follows(labels, i)):
            labels[i] = "caption"
            continue
        prev = text


def _alt_text_below(lines: list[Line], labels: list[str]) -> None:
    """A long sentence-case line with no full stop between a heading and its photo's credit describes the photo:
    alt text, not the next slide's heading (`Sourdough loaves cooling on a rack by the window`). A run of
    "headings" with no credit after them is a page printing each slide's heading and text on one line."""
    for i in range(1, len(labels) - 1):
        if labels[i] != "heading" or labels[i - 1] != "heading" or labels[i + 1] != "credit":
            continue
        text = lines[i].text.strip()
        if only_number(lines[i - 1].text) is not None:  # "7" printed above its heading
            continue
        if (
            words(text) >= 6
            and text[-1:] not in ".!?:;…。！？"
            and cased(text)  # sentence case says nothing in a script without case
            and not is_title_case(text)
            and split_number(text)[0] is None
        ):
            labels[i] = "caption"


def _repeated_headings(lines: list[Line], labels: list[str]) -> None:
    """A short unnumbered "heading" printed again and again (`Anzeige`, `Uit`, `Share`) is furniture, and a long
    one printed again with only its number changed (`… - Ảnh 2.`) is alt text: slides have headings of their
    own."""
    heads = [i for i, lab in enumerate(labels) if lab == "heading" and split_number(lines[i].text)[0] is None]
    seen = Counter(fold(lines[i].text) for i in heads)
    for i in heads:
        text = fold(lines[i].text)
        if seen[text] >= 2 and len(text.split()) <= 3:
            labels[i] = "chrome"
    # "Trump chơi golf … - Ảnh 1.", "… - Ảnh 2.": one long line numbered photo by photo is each photo's alt text.
    texts = [
        i
        for i, lab in enumerate(labels)
        if lab in ("heading", "intro", "caption", "body") and split_number(lines[i].text)[0] is None
    ]
    folded = {i: fold(lines[i].text) for i in texts}
    keys = {i: re.sub(r"\d+", "#", text) for i, text in folded.items()}
    counted = Counter(keys.values())
    for i in texts:
        if counted[keys[i]] >= 2 and keys[i] != folded[i] and len(folded[i].split()) >= 6:
            labels[i] = "caption"


#: Numbered lines of one style, spread through the page in sequence, needed to call them the slides' headings.
RUN_AT_LEAST = 4


def _numbered_run(lines: list[Line], labels: list[str]) -> None:
    """A run of lines numbered in one style, counting up or down by one (`10.`, `9.`, ..., `50位`, `49位`), with
    a blank line or more between them (a photo, a paragraph), are the slides' headings however each was labelled:
    a chance number does not continue a sequence. On consecutive lines, as a list inside a slide stands, a third
    of them must already be headings."""
    found: dict[str, list[tuple[int, int]]] = {}
    for i, lab in enumerate(labels):
        allowed = lab in _TEXT - {"counter", "comment"} or lab == "heading"
        if allowed and (num := number_style(lines[i].text)) is not None:
            found.setdefault(num[1], []).append((i, num[0]))
    for series in found.values():
        best: list[tuple[int, int]] = []
        for start, (i0, n0) in enumerate(series):
            for step in (1, -1):
                run = [(i0, n0)]
                for i, n in series[start + 1 :]:
                    if n == run[-1][1] + step:
                        run.append((i, n))
                if len(run) > len(best):
                    best = run
        spread = all(lines[b].number - lines[a].number >= 2 for (a, _), (b, _) in pairwise(best))
        heads = sum(labels[i] == "heading" for i, _ in best)
        if len(best) >= RUN_AT_LEAST and heads >= (0 if spread else max(2, len(best) / 3)):
            for i, _ in best:
                labels[i] = "heading"


def _photo_follows(labels: list[str], i: int) -> bool:
    """The line closes its slide: the next one is a credit, a caption or the next heading (alt text under the
    slide's text, `Chelsea Physic Garden London` under the paragraph about `Chelsea Physic Garden`)."""
    return i + 1 >= len(labels) or labels[i + 1] in _PHOTO


def _furniture_headings(lines: list[Line], labels: list[str]) -> None:
    """A "heading" the line rules call furniture (`2 comments:`, `More on Facty`, `Share`, a date) is furniture, a
    "credit" numbered like the headings is a heading, and a run of bare page numbers on consecutive lines (`1`,
    `2`) is the page's pager."""
    for i, lab in enumerate(labels):
        if lab == "credit" and gallery_headline(lines[i].text):
            labels[i] = "chrome" if "title" in labels else "title"  # "Photos: Wildfires force evacuations"
        elif lab == "credit" and is_chrome(lines[i].text):
            labels[i] = "chrome"  # "ПоделитьсяПоделиться" ("Share"), read as a photo's credit
        elif lab == "credit" and is_copyright(lines[i].text) and not _slides_follow(labels, i):
            labels[i] = "footer"  # "저작권자 © 이투데이, 무단 전재 및 재배포 금지": the site's rights, after the slides
        if lab != "heading":
            continue
        text = lines[i].text
        if is_comments_header(text):
            labels[i] = "comment"
        elif source_footer(text) is not None or is_end_footer(text):
            labels[i] = "footer"
        elif counter(text) is not None or _bare_counter(text):
            labels[i] = "counter"  # "Slajd: 3/5", "2 56" (a counter whose slash was an image)
        elif words(text) >= 10 and opens_with_date(text):
            labels[i] = "caption"  # "30 giugno. Michelle Obama passeggia …": a gallery photo's caption
        elif words(text) >= 10 and split_number(text)[0] is None and labelled_credit(text) is not None:
            labels[i] = "credit"  # a long caption that ends in its credit: "Một gia đình … (Ảnh: Reuters)"
        elif is_chrome(text) or is_date_line(text):
            labels[i] = "chrome"
    styles = {num[2] for i, lab in enumerate(labels) if lab == "heading" and (num := numbered(lines[i].text))}
    for i, lab in enumerate(labels):
        num = numbered(lines[i].text) if lab == "credit" else None
        if num is not None and num[2] in styles:
            labels[i] = "heading"  # "7. Dustin Diamond/Screech": numbered like the headings, whatever its slash
    pager = [i for i, lab in enumerate(labels) if lab == "heading" and bare_number(lines[i].text) is not None]
    for a, b in pairwise(pager):
        adjacent = lines[b].number == lines[a].number + 1
        if adjacent and bare_number(lines[b].text) == (bare_number(lines[a].text) or 0) + 1:
            labels[a] = labels[b] = "chrome"


def _slides_follow(labels: list[str], i: int) -> bool:
    """A heading or a credit stands below line `i`: it is not past the last slide."""
    return any(lab in ("heading", "credit") for lab in labels[i + 1 :])


def _bare_counter(text: str) -> bool:
    """`2 56`: two numbers, the first no larger than the second, is a slide counter whose separator was lost."""
    m = re.fullmatch(r"(\d{1,3})\s+(\d{1,3})", text.strip())
    return m is not None and 1 <= int(m.group(1)) <= int(m.group(2))
