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
from .limits import MAX_SLIDES, MAX_TEXT_LINES

NAME = "text"
EXTENSIONS = (".txt", ".text")


def read(content: str, path: str) -> Article:
    lines = page_lines(content)
    if not lines:
        raise ArticleError("no title found (the file has no text)", path=path)
    if len(lines) > MAX_TEXT_LINES:  # before labelling: a 100,000-slide page would take minutes
        raise ArticleError(
            f"{len(lines):,} lines of text, more than an article of {MAX_SLIDES} slides (the limit) has (limit "
            f"{MAX_TEXT_LINES:,}); split the article into several files",
            path=path,
        )
    return build(lines, label(lines), path).article
