"""The article's metadata from the labelled header and footer: title, section, source and byline.

The labeller says which lines are the title, breadcrumbs (chrome), bylines and footers; the line rules of
`textrules.py` then read them (a breadcrumb's names, `By X`'s name, `Read More From X`'s source).
"""

from __future__ import annotations

import re

from ..footers import (
    looks_like_bio,
    source_footer,
)
from ..textrules import (
    byline,
    crumb_line,
    fold,
    is_crumb_separator,
    is_date_line,
    is_generic_crumb,
    is_home,
    is_kicker,
    is_stamp,
    words,
)
from .corpus import Line

SITE_SUFFIX = re.compile(r"^(?P<title>.{10,}?)\s+(?P<sep>[|–—-])\s+(?P<site>[^|–—]{2,40})$")
_NUMBERED_CRUMB = re.compile(r"^(\d{1,2})\.\s*(.*)$")


def split_site(title: str, next_line: str | None) -> tuple[str, str | None]:
    """`Ten Quiet Islands | Wander Weekly` (the browser's page title) -> (title, site); else (title, None).

    Only a `|` with a short name after it, or any separator when the next line repeats the headline, counts:
    `Biden vs Trump | Who Won the Debate?` stays whole.
    """
    m = SITE_SUFFIX.match(title)
    if m is None:
        return title, None
    site = m.group("site").strip()
    repeated = next_line is not None and fold(next_line) == fold(m.group("title"))
    if repeated or (m.group("sep") == "|" and words(site) <= 4 and site[-1] not in "?!."):
        return m.group("title"), site
    return title, None


def crumbs(header: list[Line]) -> list[str]:
    """Breadcrumb names from the chrome lines above the title (one-line, numbered or one item per line)."""
    found: list[str] = []
    texts = [line.text for line in header]
    numbered = [_NUMBERED_CRUMB.match(t) for t in texts]
    run = [m.group(2).strip() for m in numbered if m]
    if len(run) >= 2 and (any(is_crumb_separator(x) for x in run) or is_home(run[0])):
        found = [x for x in run if x and not is_crumb_separator(x)]
    for text in texts:
        if (parts := crumb_line(text)) is not None:
            found = parts
    i = 0
    while i + 2 < len(texts):
        if is_crumb_separator(texts[i + 1]) and words(texts[i]) <= 4 and not is_crumb_separator(texts[i]):
            items, j = [texts[i]], i + 1
            while j + 1 < len(texts) and is_crumb_separator(texts[j]):
                items.append(texts[j + 1])
                j += 2
            found, i = items, j
            continue
        i += 1
    return found


def section(header: list[Line], title: str, kicker: bool = True) -> str | None:
    """The most specific breadcrumb that is neither "Home"/"Slideshow" nor the page itself; else a kicker."""
    names = [c for c in crumbs(header) if c and not is_crumb_separator(c) and not is_generic_crumb(c)]
    if names:
        last = names[-1]
        stem = fold(last.rstrip(".… "))
        if last.endswith(("...", "…")) or words(last) > 6 or (len(stem) >= 10 and fold(title).startswith(stem)):
            names.pop()
    if names:
        return names[-1]
    if kicker and header and is_kicker(header[-1].text):
        text = header[-1].text
        return text.title() if text.isupper() else text
    return None


def site_name(header: list[Line], after_title: str | None) -> str | None:
    """A short name printed right above the headline, when a byline or date sits right below it."""
    if not header or after_title is None:
        return None
    name = header[-1].text
    below = byline(after_title) is not None or is_date_line(after_title) or is_stamp(after_title)
    if below and words(name) <= 5 and crumb_line(name) is None and name[-1:].isalnum():
        return name
    return None


def byline_of(lines: list[Line]) -> str | None:
    """The byline: a `By X` name first (header before tail), else an author bio."""
    names = [n for line in lines if (n := byline(line.text)) is not None]
    if names:
        return names[0]
    bios = [line.text for line in lines if looks_like_bio(line.text)]
    if bios:
        return bios[0]
    return lines[0].text if lines else None


def source_of(footer: list[Line]) -> str | None:
    return next((s for line in footer if (s := source_footer(line.text)) is not None), None)
