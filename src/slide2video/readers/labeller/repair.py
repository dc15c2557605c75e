"""Label repairs from evidence across the page, applied after the labeller and before the slides are built.

The labeller decides each line from its neighbourhood; the page as a whole says more than a linear chain can
weigh: `#48.` between `#49.` and `#47.` is a heading whatever it looks like, an unnumbered "heading" before `#50.`
is the intro's last paragraph, `Del Taco Logo` right under `19. Del Taco` is the photo's alt text, and a short
"heading" printed again and again (`Anzeige`) is furniture.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from ..textrules import (
    bare_number,
    counter,
    fold,
    is_chrome,
    is_comments_header,
    is_date_line,
    is_end_footer,
    is_title_case,
    numbered,
    source_footer,
    words,
)
from .corpus import Line
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
    _credit_kin(lines, out)
    _caption_in_heading_place(lines, out)
    _lead_in_headings(lines, out)
    _heading_kin(lines, out)
    _between_repeats(lines, out)
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
    """A line numbered in the headings' style whose number is the one missing between two headings, or the one
    after the last, is a heading."""
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
            num = _any_numbered(lines[k].text)
            if labels[k] in _TEXT and num is not None and num[2] == style and num[0] == a + step:
                labels[k] = "heading"
                break
    # The series' last item, however long its line ("4. Spamhaus' Top 10 ... a paragraph"), before the footers.
    last, n = heads[-1]
    lead = re.compile(rf"^{n + step}{re.escape(style) if style in '.:)' else ''}\s+\S")
    for k in range(last + 1, len(labels)):
        if labels[k] in ("heading", "footer", "comment"):
            break
        if labels[k] in ("body", "caption", "intro") and lead.match(lines[k].text) and style in ".:)":
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


def _credit_keys(text: str) -> set[str]:
    """What a page's credit lines share: the same opening word or two (`via @…`, `Fotoğraf Kaynak:`, `A photo
    posted by`), the same closing words (`(CNN 제공)`), or the same text."""
    tokens = fold(text).split()
    if not tokens:
        return set()
    keys = {"=" + " ".join(tokens), "<" + tokens[0] + ("@" if "@" in text else "")}
    if len(tokens) >= 2:
        keys |= {"<" + " ".join(tokens[:2]), ">" + " ".join(tokens[-2:])}
    return keys


def _credit_kin(lines: list[Line], labels: list[str]) -> None:
    """A line that opens or closes like two or more of the page's credits, or prints the same credit, is a credit
    too, when most of the lines that share that shape are labelled credits (`via @ver0nicea` after `via
    @2epeau`): one slide's credit read as body text would shift every credit after it."""
    inside = [i for i, lab in enumerate(labels) if lab in ("heading", "credit", "caption", "counter")]
    if not inside:
        return
    first, last = inside[0], inside[-1]
    keyed = [(i, _credit_keys(lines[i].text)) for i in range(first, last + 2) if i < len(lines)]
    votes: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for i, keys in keyed:
        totals.update(keys)
        if labels[i] == "credit":
            votes.update(keys)
    for i, keys in keyed:
        if labels[i] in ("body", "intro", "chrome", "caption", "footer") and any(
            votes[k] >= 2 and votes[k] * 2 > totals[k] for k in keys
        ):
            labels[i] = "credit"


def _caption_in_heading_place(lines: list[Line], labels: list[str]) -> None:
    """A short caption standing where this page's headings stand (after the last slide's text, right above a
    credit, as the headings are) is the next slide's heading: the labeller cannot tell a short heading from a
    photo's caption line by line, the page's own pattern can."""
    heads = [i for i, lab in enumerate(labels) if lab == "heading"]
    above_credit = sum(i + 1 < len(labels) and labels[i + 1] == "credit" for i in heads)
    if not heads or above_credit * 2 <= len(heads):
        return
    once = _printed_once(lines)
    for i in range(1, len(labels) - 1):
        text = lines[i].text
        if (
            i in once
            and labels[i] == "caption"
            and labels[i + 1] == "credit"
            and labels[i - 1] in ("body", "intro", "credit", "chrome")
            and words(text) <= 12
            and text.rstrip()[-1:] not in ".!?…"
        ):
            labels[i] = "heading"


_LEAD_IN = re.compile(r"^(?P<lead>[^.!?:–—]{3,60}?)\s(?P<sep>[–—:-])\s+\S")


def _lead_in_headings(lines: list[Line], labels: list[str]) -> None:
    """Paragraphs that each open with a short phrase and a dash (`Buy in bulk – Warehouse clubs ...`), three or
    more of them on a page with no headings, are the slides of a listicle written as one paragraph per item."""
    if "heading" in labels:
        return
    found = []
    for i, lab in enumerate(labels):
        if lab in ("body", "intro") and (m := _LEAD_IN.match(lines[i].text)) and words(m.group("lead")) <= 8:
            found.append((i, m.group("sep")))
    seps = Counter(sep for _, sep in found)
    if not seps:
        return
    sep, count = seps.most_common(1)[0]
    paragraphs = sum(lab == "body" for lab in labels)
    if count >= SERIES_AT_LEAST and count * 2 > paragraphs:
        for i, s in found:
            if s == sep and labels[i] == "body":
                labels[i] = "heading"


def _short_head(line: Line, most: int = 10) -> bool:
    """A line shaped like a short heading: a few words, no closing full stop, no furniture or credit rule."""
    text = line.text.strip()
    return (
        1 <= words(text) <= most
        and text[-1:] not in ".!?…,;:"
        and text[:1] not in "-–—•*·▪►"  # a list item inside a slide
        and not is_chrome(text)
        and not is_date_line(text)
        and counter(text) is None
        and labelled_credit(text) is None
    )


def _heading_kin(lines: list[Line], labels: list[str]) -> None:
    """On a page whose headings are short lines each followed by a paragraph, a short line followed by a paragraph
    between them, or just before the first, is a heading too (`Two thumbs up` read as furniture above `Bike to
    Work`): the page's own headings say what its headings look like."""
    heads = [i for i, lab in enumerate(labels) if lab == "heading"]
    if len(heads) == 1:
        _alternation(lines, labels, heads[0])
    if len(heads) < 2:
        return
    alike = [i for i in heads if _short_head(lines[i]) and i + 1 < len(labels) and labels[i + 1] == "body"]
    numbered_heads = sum(number_style(lines[i].text) is not None for i in heads)
    if len(alike) * 3 < len(heads) * 2 or numbered_heads * 2 > len(heads):
        return  # numbered headings are found by their numbers (`_numbered_run`), not their shape
    start = max((i for i in range(heads[0]) if labels[i] in ("title", "byline", "date")), default=0)
    once = _printed_once(lines)
    for i in range(start + 1, heads[-1]):
        if (
            i in once
            and labels[i] in ("chrome", "caption", "body", "intro")
            and labels[i + 1] in ("body", "intro")
            and labels[i - 1] != "heading"
            and _short_head(lines[i])
            and words(lines[i].text) <= max(words(lines[h].text) for h in alike) + 2
        ):
            labels[i] = "heading"


def _alternation(lines: list[Line], labels: list[str], head: int) -> None:
    """One heading, then short line and paragraph in turn to the end of the story: every short line of that run is
    a heading like the first (the labeller found the first slide, the rhythm finds the rest)."""
    if not (_short_head(lines[head], 16) and head + 1 < len(labels) and labels[head + 1] == "body"):
        return
    found = []
    j = head + 2
    while j + 1 < len(labels) and labels[j + 1] == "body" and labels[j] in ("body", "caption", "chrome"):
        if not _short_head(lines[j], 16) or words(lines[j + 1].text) <= words(lines[j].text):
            break
        found.append(j)
        j += 2
    if len(found) >= 2:
        for k in found:
            labels[k] = "heading"


def _printed_once(lines: list[Line]) -> set[int]:
    """Lines whose text the page prints only once: a heading names one slide, a repeated line (the headline
    printed again as each photo's caption, a section name) is no slide's heading."""
    seen = Counter(fold(line.text) for line in lines)
    return {i for i, line in enumerate(lines) if seen[fold(line.text)] == 1}


def _photo_follows(labels: list[str], i: int) -> bool:
    """The line closes its slide: the next one is a credit, a caption or the next heading (alt text under the
    slide's text, `Chelsea Physic Garden London` under the paragraph about `Chelsea Physic Garden`)."""
    return i + 1 >= len(labels) or labels[i + 1] in _PHOTO


def _furniture_headings(lines: list[Line], labels: list[str]) -> None:
    """A "heading" the line rules call furniture (`2 comments:`, `More on Facty`, `Share`, a date) is furniture, a
    "credit" numbered like the headings is a heading, and a run of bare page numbers on consecutive lines (`1`,
    `2`) is the page's pager."""
    for i, lab in enumerate(labels):
        if lab != "heading":
            continue
        text = lines[i].text
        if is_comments_header(text):
            labels[i] = "comment"
        elif source_footer(text) is not None or is_end_footer(text):
            labels[i] = "footer"
        elif counter(text) is not None:
            labels[i] = "counter"  # "Slajd: 3/5"
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


def _between_repeats(lines: list[Line], labels: list[str]) -> None:
    """A line printed again and again with one other line between each copy (the headline repeated as every
    photo's caption, `BİNGÖL - YÜZEN ADA` between two copies) makes those other lines the slides' headings when
    they are short and each different: the page alternates photo and name."""
    where: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        where.setdefault(fold(line.text), []).append(i)
    for key, idx in where.items():
        if len(idx) < SERIES_AT_LEAST or not key or any(b - a != 2 for a, b in pairwise(idx)):
            continue
        between = [i + 1 for i in idx[:-1]] + ([idx[-1] + 1] if idx[-1] + 1 < len(lines) else [])
        names = [i for i in between if _short_head(lines[i], 16) and labels[i] not in ("comment", "title")]
        if len(names) * 3 >= len(between) * 2 and len({fold(lines[i].text) for i in names}) == len(names):
            for i in names:
                labels[i] = "heading"
            for i in idx:
                if labels[i] == "heading":
                    labels[i] = "caption"
