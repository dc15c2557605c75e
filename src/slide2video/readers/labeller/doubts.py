"""Doubts: the decisions the labeller was unsure of, said where an editor will look (`inspect`).

`slide 4 heading — uncertain, could be a caption (line 57, 55% sure)`: the line, what the reader made of it,
the runner-up label and how sure the model was. Only decisions that shape the story are listed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import Decision
from .corpus import Line

if TYPE_CHECKING:
    from .grouping import Part

#: A decision whose marginal probability is below this is reported as a doubt.
DOUBT_BELOW = 0.7
_NOUN = {
    "chrome": "page furniture",
    "title": "the title",
    "intro": "intro text",
    "byline": "a byline",
    "date": "a date",
    "counter": "a slide counter",
    "heading": "a heading",
    "credit": "a photo credit",
    "caption": "a caption",
    "body": "slide text",
    "footer": "a footer",
    "comment": "a reader comment",
}
_STORY = {"title", "heading", "credit", "caption", "body", "intro"}
# The slide roles a doubt compares with the model's label (the reader may have repaired the label into one).
_READINGS = {"heading", "credit", "caption", "body"}


def doubts(lines: list[Line], decisions: list[Decision], parts: list[Part], title: list[int]) -> list[str]:
    """`slide 4 heading — uncertain, could be a caption (line 57)` for every unsure decision that shapes the story."""
    where: dict[int, tuple[str, str]] = {}  # line number -> (where an editor finds it, what the reader made of it)
    for k, part in enumerate(parts, 1):
        if part.heading is not None:
            where[part.heading.number] = (f"slide {k} heading", "heading")
        for lab, line in part.lines:
            read = lab if lab in _READINGS else ""  # what else a slide holds (counters ...) stays the model's label
            where.setdefault(line.number, (f"slide {k} {lab if lab != 'body' else 'text'}", read))
    for i in title:
        where[lines[i].number] = ("title", "title")
    out = []
    for line, d in zip(lines, decisions, strict=True):
        what, read = where.get(line.number, (f"{_NOUN[d.label]} {line.text[:40]!r}", ""))
        read = read or d.label
        if read == d.label:
            other, sure = d.runner_up, d.confidence
        else:  # the reader made it what the model did not choose (a repair, a promoted title): name the model's label
            other = d.label
            known = {"title": d.title_p, d.runner_up: d.runner_up_p}
            sure = known.get(read, max(0.0, 1.0 - d.confidence - d.runner_up_p))  # at most what the two leave over
        if sure >= DOUBT_BELOW or not ({read, other} & _STORY):
            continue
        out.append(f"{what} — uncertain, could be {_NOUN[other]} (line {line.number}, {sure:.0%} sure)")
    return out
