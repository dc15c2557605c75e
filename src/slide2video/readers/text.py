"""The slideshow-text reader: the text a person gets when copying a slideshow page.

First version: breadcrumb, title, intro, slides anchored on credit lines, "Read More From X" footer.
"""

from __future__ import annotations

import re

from ..article import Article, Slide
from ..credits import parse_credit

NAME = "text"
EXTENSIONS = (".txt", ".text")

_READ_MORE = re.compile(r"^(?:read|see|more)\s+(?:more\s+)?from\s+(?P<source>.+?)\s*:?$", re.IGNORECASE)


def _blocks(content: str) -> list[tuple[int, str]]:
    blocks: list[tuple[int, str]] = []
    for lineno, line in enumerate(content.split("\n"), start=1):
        line = line.replace("\u00a0", " ").strip()
        if line:
            blocks.append((lineno, re.sub(r"\s+", " ", line)))
    return blocks


def read(content: str, path: str) -> Article:
    blocks = _blocks(content)
    section = None
    crumbs: list[str] = []
    while blocks and (m := re.match(r"^\d+\.\s+(.*)$", blocks[0][1])):
        crumbs.append(m.group(1))
        blocks.pop(0)
    names = [c for c in crumbs if c not in ("/", ">", "»") and c.lower() not in ("home", "slideshow", "gallery")]
    if len(names) >= 2:
        section = names[0]
    title = blocks.pop(0)[1] if blocks else ""
    article = Article(title=title, section=section)
    credits = [i for i, (_, text) in enumerate(blocks) if parse_credit(text)]
    first = credits[0] - 1 if credits else len(blocks)
    article.intro = [t for _, t in blocks[:first]]
    for n, ci in enumerate(credits):
        heading = blocks[ci - 1][1]
        end = credits[n + 1] - 1 if n + 1 < len(credits) else len(blocks)
        if m := _READ_MORE.match(heading):
            article.source = m.group("source")
            tail = [t for _, t in blocks[ci + 1 :]]
            article.byline = " ".join(tail) or None
            break
        body = [t for _, t in blocks[ci + 1 : end]]
        article.slides.append(Slide(heading=heading, body=body, credit=parse_credit(blocks[ci][1])))
    return article
