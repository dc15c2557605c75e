"""The slide limit, checked by each reader as soon as it is passed (not after a 100,000-slide page is parsed)."""

from __future__ import annotations

from ..errors import ArticleError

#: Most slides an article may have: as many as the roomiest platform takes (a LinkedIn document: 300 pages). Cards
#: are held in memory while rendering (about 25 MB each at 1080x1920), so a misread file with thousands of "slides"
#: is stopped here, not by the out-of-memory killer.
MAX_SLIDES = 300

#: Most non-blank lines the text reader labels: a 300-slide article of real slides (heading, credit, a few
#: paragraphs) has a few thousand; more is a misread file, stopped before the line labeller runs.
MAX_TEXT_LINES = 30_000


def too_many_slides(found: str, path: str | object) -> ArticleError:
    """The one error for an article over `MAX_SLIDES`; `found` says how many were seen ("1,204", "more than 300")."""
    return ArticleError(
        f"{found} slides found, more than any platform takes (limit {MAX_SLIDES}); split the article into several "
        "files",
        path=str(path),
    )
