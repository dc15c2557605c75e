"""Which lines are the headline: the labeller's title lines, checked against the page, or the likeliest line.

A linear chain labels each line from its neighbourhood; a page prints its headline once, after the site's
menus and before the slides. So a run of title lines after the slides began is a related story's headline, of
the others the first that is neither furniture (a date, a breadcrumb) nor the intro's first paragraph wins,
and a page where no line won the title takes the likeliest line the model saw.
"""

from __future__ import annotations

import re

from ..textrules import crumb_line, is_chrome, is_date_line, is_home, is_pager, numbered, size, words
from . import Decision
from .corpus import Line
from .lineparts import labelled_credit

#: A page with no line labelled title takes its likeliest title line when the model gave it at least this.
TITLE_AT_LEAST = 0.3
_SLIDE = ("heading", "credit", "caption", "counter")


def title_run(lines: list[Line], labels: list[str], decisions: list[Decision]) -> list[int]:
    """The headline's line indices (empty when the page has none); a promoted line is relabelled in `labels`."""
    first_content = next((i for i, lab in enumerate(labels) if lab in _SLIDE), len(labels))
    runs: list[list[int]] = []
    for i, lab in enumerate(labels):
        if lab != "title":
            continue
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    runs = [r for r in runs if not slides_began(labels[first_content : r[0]])]
    if runs:
        texts = [(r, " ".join(lines[i].text for i in r)) for r in runs]
        plain = [(r, t) for r, t in texts if not _sentence_like(t)]
        runs = [r for r, t in (plain or texts) if not _furniture(t)]
    if runs:  # the run the model is surest of (a menu line it also called a title is seldom the surest)
        run = max(runs, key=lambda r: max(decisions[i].title_p for i in r))
        if len(run) == 1 and (numbered(lines[run[0]].text) is not None or _paged_slide(lines, labels, run[0])):
            labels[run[0]] = "heading"  # "3. Save Your Change": a paginated page's slide, numbered like one
            return []
        while len(run) > 1 and labelled_credit(lines[run[-1]].text) is not None:
            labels[run[-1]] = "credit"  # the lead photo's credit under the headline: "Picture courtesy: ..."
            run = run[:-1]
        return run
    head = [
        i for i in range(first_content) if labels[i] in ("chrome", "intro", "date") and not _furniture(lines[i].text)
    ]
    best = max(head, key=lambda i: decisions[i].title_p, default=None)
    if best is not None and decisions[best].title_p >= TITLE_AT_LEAST:
        labels[best] = "title"
        return [best]
    # No line likely enough: a headline-shaped line standing out of the menu above it, where the model saw some
    # chance of a title (`Bilder des Tages` under `Nachrichten › … › Bilder des Tages`, after one-word menus).
    shaped = [i for i in head if decisions[i].title_p >= TITLE_MAYBE and _stands_out(lines, labels, i)]
    if shaped:
        pick = max(shaped, key=lambda i: decisions[i].title_p)
        labels[pick] = "title"
        return [pick]
    # A page opening with its headline and no menu at all (typed, or pasted from a document): its first line,
    # when the model saw some chance of a title there and nothing else above the slides is furniture.
    bare = first_content > 0 and "chrome" not in labels[1:first_content] and head[:1] == [0]
    if bare and decisions[0].title_p >= TITLE_MAYBE and words(lines[0].text) >= 2 and not _sentence_like(lines[0].text):
        labels[0] = "title"
        return [0]
    return []


#: The least title probability a headline-shaped line under the menus needs when no line reached TITLE_AT_LEAST.
TITLE_MAYBE = 0.05


def _stands_out(lines: list[Line], labels: list[str], i: int) -> bool:
    """Three words or more, longer than every chrome line of the five above it, and not a sentence."""
    above = [size(lines[j].text) for j in range(max(0, i - 5), i) if labels[j] == "chrome"]
    own = size(lines[i].text)
    return own >= 3 and bool(above) and own > max(above) and not _sentence_like(lines[i].text)


def _paged_slide(lines: list[Line], labels: list[str], i: int) -> bool:
    """A "headline" with its photo's credit right under it and no heading after it, on a page with `« Previous` /
    `Next »` buttons: the one slide a paginated slideshow's page shows."""
    credited = i + 1 < len(labels) and labels[i + 1] == "credit"
    return credited and "heading" not in labels[i + 1 :] and any(is_pager(line.text) for line in lines)


def slides_began(labels: list[str]) -> bool:
    """The content lines above the title line: a lead photo (two caption or credit lines at most) is not a slide."""
    content = [lab for lab in labels if lab in _SLIDE]
    # One counter above the headline counts the photos (`18 Images`); slides would count each other.
    return "heading" in content or content.count("counter") > 1 or len(content) > 2


def _sentence_like(text: str) -> bool:
    """A long line ending in a full stop: the intro's first paragraph."""
    return words(text) >= 12 and text.rstrip("\"'”’»)").endswith(".")


def _furniture(text: str) -> bool:
    """A date line, a breadcrumb, a share bar, a menu bar opening with Home or a URL slug
    (`I+borghi+pi%C3%B9+belli`) is never the headline, however the labeller read it."""
    text = text.strip(" |·•")
    tokens = text.split()
    menu = len(tokens) >= 4 and is_home(tokens[0]) and not re.search(r"[:,.!?'\"’“”]", text)
    slug = len(tokens) == 1 and (re.search(r"%[0-9A-Fa-f]{2}", text) is not None or text.count("+") >= 3)
    return menu or slug or is_date_line(text) or crumb_line(text) is not None or is_chrome(text)
