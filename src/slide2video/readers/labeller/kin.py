"""Label repairs from what the page's own lines look like: a slideshow repeats its slide's shape.

The labeller decides each line from its neighbourhood; these compare a line with its page. Short lines the credit
rules call credits (three or more) and captions signed with one name are credits, a caption standing where the
page's headings stand is a heading, a "credit" punctuated like the page's headings is one, and paragraphs that
each open with a phrase and a dash are a listicle's items. Each rule changes labels only where the page shows the
pattern at least three times (or twice, among the headings the labeller found), so a story with one sub-heading
is left alone. (Repairs that stopped paying once the labeller had 1,000 pages to learn from were removed:
docs/text-reader.md §7.)
"""

from __future__ import annotations

import re
from collections import Counter

from ..credits import parse_bare_credit
from ..textrules import fold, words
from .corpus import Line
from .lineparts import labelled_credit, signed_tail

#: Lines of one shape needed before the shape is trusted over the labels.
AT_LEAST = 3


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
# A place or name run into its paragraph: `Pienza: in Val d’Orcia …`, `Bosa. Questo borgo …`.
_NAME_LEAD = re.compile(r"^(?P<lead>[^\W\d_][^.!?:–—]{1,40}?)(?P<sep>[:.])\s+(?P<next>\S)")


def lead_in_headings(lines: list[Line], labels: list[str]) -> None:
    """Paragraphs that each open with a short phrase and a dash (`Buy in bulk – Warehouse clubs ...`), or, on a
    page without credits or counters, with a name and a colon or full stop (`Pienza: in Val d’Orcia …`, `Bosa.
    Questo borgo …`), three or more of them on a page with no headings, are the slides of a listicle written as
    one paragraph per item."""
    if "heading" in labels:
        return
    found = []
    leads: Counter[str] = Counter()
    anchored = "credit" in labels or "counter" in labels  # a gallery's captions may open with a place too
    for i, lab in enumerate(labels):
        if lab not in ("body", "intro"):
            continue
        if (m := _LEAD_IN.match(lines[i].text)) and words(m.group("lead")) <= 8:
            found.append((i, m.group("sep")))
        elif (n := _NAME_LEAD.match(lines[i].text)) and _named(n.group("lead")) and not anchored:
            if n.group("sep") == "." and not n.group("next").isupper():
                continue  # `St. John's …`: no sentence ends there
            found.append((i, "name"))
            leads[fold(n.group("lead"))] += 1
    if any(n > 1 for n in leads.values()):
        found = [(i, sep) for i, sep in found if sep != "name"]  # `Frage:` / `Antwort:`: an interview, no list
    seps = Counter(sep for _, sep in found)
    if not seps:
        return
    sep, count = seps.most_common(1)[0]
    paragraphs = sum(lab == "body" for lab in labels)
    if count >= AT_LEAST and count * 2 > paragraphs:
        for i, s in found:
            if s == sep and labels[i] == "body":
                labels[i] = "heading"


def _named(lead: str) -> bool:
    """A name of one to four words, each capitalised but for short particles (`Ricetto di Candelo`)."""
    parts = lead.split()
    return 1 <= len(parts) <= 4 and parts[0][0].isupper() and all(p[0].isupper() or len(p) <= 3 for p in parts)


def _printed_once(lines: list[Line]) -> set[int]:
    """Lines whose text the page prints only once: a heading names one slide, a repeated line (the headline
    printed again as each photo's caption, a section name) is no slide's heading."""
    seen = Counter(fold(line.text) for line in lines)
    return {i for i, line in enumerate(lines) if seen[fold(line.text)] == 1}


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
