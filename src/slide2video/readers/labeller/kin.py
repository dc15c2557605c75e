"""Label repairs from what the page's own lines look like: a slideshow repeats its slide's shape.

The labeller decides each line from its neighbourhood; these compare a line with its page. A credit shaped like
the page's other credits is a credit, a short line standing where the page's headings stand is a heading, names
alternating with one repeated caption are headings, and paragraphs that each open with a phrase and a dash are
a listicle's items. Each rule changes labels only where the page shows the pattern at least three times (or
twice, next to a heading the labeller found), so a story with one sub-heading is left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from ..credits import parse_bare_credit
from ..textrules import counter, fold, is_chrome, is_date_line, words
from .corpus import Line
from .lineparts import labelled_credit, number_style, signed_tail

#: Lines of one shape needed before the shape is trusted over the labels.
AT_LEAST = 3


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


def credit_kin(lines: list[Line], labels: list[str]) -> None:
    """A line that opens or closes like two or more of the page's credits, or prints the same credit, is a credit
    too, when most of the lines that share that shape are labelled credits (`via @ver0nicea` after `via
    @2epeau`): one slide's credit read as body text would shift every credit after it."""
    inside = [i for i, lab in enumerate(labels) if lab in ("heading", "credit", "caption", "counter")]
    if not inside:
        return
    first, last = inside[0], inside[-1]
    # Up to the line after the last slide's photo: a credit in the footers is the page's, not a slide's.
    keyed = [(i, _credit_keys(lines[i].text)) for i in range(first, min(len(lines), last + 2))]
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


def named_credits(lines: list[Line], labels: list[str]) -> None:
    """Short lines the credit rules read as credits (`Imago`, `APA/AFP/PETER PARKS`), three or more below the
    page's header, are the photos' credits even where the labeller read each as a heading or a repeated line."""
    story = next((i for i, lab in enumerate(labels) if lab not in ("chrome", "date", "byline")), len(labels))
    named = [
        i
        for i in range(story, len(lines))
        if words(lines[i].text) <= 6 and parse_bare_credit(lines[i].text) is not None
    ]
    if len(named) >= AT_LEAST:
        for i in named:
            if labels[i] in ("heading", "body", "chrome", "caption"):
                labels[i] = "credit"


def signed_captions(lines: list[Line], labels: list[str]) -> None:
    """Captions signed with the same name after their last sentence, three times or more (`… 있다.
    사진공동취재단`), are captioned photos with their credit, whatever the labeller read them as."""
    tails = {i: fold(t) for i, line in enumerate(lines) if (t := signed_tail(line.text)) is not None}
    # Different captions, one signature: the headline printed again as each photo's caption is no credit.
    counts = Counter(tail for tail, _ in {(tail, fold(lines[i].text)) for i, tail in tails.items()})
    for i, tail in tails.items():
        if counts[tail] >= AT_LEAST and labels[i] in ("body", "intro", "caption", "chrome"):
            labels[i] = "credit"


def caption_in_heading_place(lines: list[Line], labels: list[str]) -> None:
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


def lead_in_headings(lines: list[Line], labels: list[str]) -> None:
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
    if count >= AT_LEAST and count * 2 > paragraphs:
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


def heading_kin(lines: list[Line], labels: list[str]) -> None:
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


def between_repeats(lines: list[Line], labels: list[str]) -> None:
    """A line printed again and again with one other line between each copy (the headline repeated as every
    photo's caption, `BİNGÖL - YÜZEN ADA` between two copies) makes those other lines the slides' headings when
    they are short and each different: the page alternates photo and name."""
    where: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        where.setdefault(fold(line.text), []).append(i)
    for key, idx in where.items():
        if len(idx) < AT_LEAST or not key or any(b - a != 2 for a, b in pairwise(idx)):
            continue
        between = [i + 1 for i in idx[:-1]] + ([idx[-1] + 1] if idx[-1] + 1 < len(lines) else [])
        names = [i for i in between if _short_head(lines[i], 16) and labels[i] not in ("comment", "title")]
        if len(names) * 3 >= len(between) * 2 and len({fold(lines[i].text) for i in names}) == len(names):
            for i in names:
                labels[i] = "heading"
            for i in idx:
                if labels[i] == "heading":
                    labels[i] = "caption"


def _skeleton(text: str) -> str:
    """The line's punctuation, in order: `Rio de Janeiro / Brezilya` and `İstanbul / Türkiye` share `/`."""
    return "".join(ch for ch in text if not ch.isalnum() and not ch.isspace())


def credit_twins(lines: list[Line], labels: list[str]) -> None:
    """A short "credit" punctuated like two or more of the page's headings and followed by a real credit is a
    heading (`Rio de Janeiro / Brezilya` above `Fotoğraf Kaynak: …`, among `İstanbul / Türkiye` headings)."""
    shapes = Counter(_skeleton(lines[i].text) for i, lab in enumerate(labels) if lab == "heading")
    for i in range(len(labels) - 1):
        shape = _skeleton(lines[i].text)
        if (
            labels[i] in ("credit", "footer")
            and labels[i + 1] == "credit"
            and shape
            and shapes[shape] >= 2
            and words(lines[i].text) <= 6
            and labelled_credit(lines[i + 1].text) is not None
        ):
            labels[i] = "heading"
