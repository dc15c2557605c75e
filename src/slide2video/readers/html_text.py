"""The last resort for a page whose markup has no usable structure: read its visible text with the text reader.

Some pages set a whole slideshow as lines in one element (`<br>` between heading, credit and text), or use no
heading or figure elements at all. Their text, one line per block or `<br>`, is what a person copying the page
would get, so the text reader (its line rules and model, not a copy of them) reads it. Because that text is no
longer tied to the page's photos, the result is kept only when it looks like a slideshow in text too: at least
`MIN_SLIDES` slides, most of them with a credit line; photos are matched to slides only when the counts agree.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from ..article import Article
from ..errors import ArticleError
from . import text as text_reader
from .html_photos import Figure

_BLOCK_TAGS = {"p", "div", "section", "article", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul"}
_BLOCK_TAGS |= {"ol", "figure", "figcaption", "blockquote", "dd", "dt", "table", "tr", "main", "aside"}


def visible_lines(root: HtmlElement) -> str:
    """The element's text with a line break at every block boundary and `<br>`, blank lines between blocks."""
    parts: list[str] = []

    def walk(el: HtmlElement) -> None:
        block = isinstance(el.tag, str) and el.tag in _BLOCK_TAGS
        if block:
            parts.append("\n\n")
        if el.tag == "br":
            parts.append("\n")
        if el.text and isinstance(el.tag, str):
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n\n")

    walk(root)
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip() + "\n"


def read_as_text(root: HtmlElement, figures: list[Figure], where: str, min_slides: int) -> tuple[Article, bool] | None:
    """The text reader's article for `root`, and whether `figures` can be given to its slides in order; or None
    when the text does not read as a slideshow either."""
    try:
        article = text_reader.read(visible_lines(root), where)
    except ArticleError:
        return None
    slides = article.slides
    if len(slides) < min_slides or sum(1 for s in slides if s.credit) * 2 < len(slides):
        return None
    return article, len(figures) == len(slides)
