"""Kind 8 of issue 11: the 300-slide limit stops each reader as soon as it is passed, before a 100,000-slide page
is parsed into slides (docs/bad-inputs.md row 119-120). Timing lives in bench/; these check where it stops."""

from __future__ import annotations

import pytest

from slide2video.errors import ArticleError
from slide2video.readers import parse_article_text
from slide2video.readers.limits import MAX_SLIDES, MAX_TEXT_LINES

HUGE = 100_000


def test_markdown_stops_at_the_first_slide_over_the_limit() -> None:
    text = "# Title\n\n" + "".join(f"## Slide {i}\n\nBody.\n\n" for i in range(HUGE))
    with pytest.raises(ArticleError, match=rf"story.md: more than {MAX_SLIDES} slides found"):
        parse_article_text(text, "markdown", "story.md")


def test_html_counts_slide_headings_before_building_slides() -> None:
    body = "".join(f"<h2>Slide {i}</h2><p>Body {i}.</p>" for i in range(MAX_SLIDES + 1))
    page = f"<html><head><title>T</title></head><body><h1>T</h1>{body}</body></html>"
    with pytest.raises(ArticleError, match=rf"more than {MAX_SLIDES} slides found"):
        parse_article_text(page, "html", "page.html")


def test_text_refuses_more_lines_than_a_300_slide_article_before_labelling() -> None:
    text = "A Title\n\n" + "".join(f"Slide {i}\n\nBody {i}.\n\n" for i in range(HUGE))
    with pytest.raises(ArticleError, match=rf"story.txt: 200,00\d lines of text, .*limit {MAX_TEXT_LINES:,}"):
        parse_article_text(text, "text", "story.txt")
