"""The slideshow-text reader: the text a person gets when copying a slideshow page.

Every non-blank line is labelled by the trained line labeller (`labeller/`, a linear-chain CRF whose features
are the line rules of `textrules.py` and `credits.py`), then a small structural pass (`labeller/structure.py`)
turns the labels into the `Article`. Decisions the model was unsure of are kept as `Article.doubts`, which
`inspect` shows. See docs/text-reader.md.
"""

from __future__ import annotations

from ..article import Article
from ..errors import ArticleError
from .labeller import label, page_lines
from .labeller.structure import build

NAME = "text"
EXTENSIONS = (".txt", ".text")


def read(content: str, path: str) -> Article:
    lines = page_lines(content)
    if not lines:
        raise ArticleError("no title found (the file has no text)", path=path)
    return build(lines, label(lines), path).article
