"""Properties of all readers on arbitrary text: only `ArticleError` escapes, and parse -> YAML -> parse is stable."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from slide2video import ArticleError, article_to_yaml
from slide2video.readers import parse_article_text

# Lines that steer the text reader into its different branches, mixed with arbitrary text.
LINES = [
    "Home > News > Politics",
    "1. Home",
    "2. /",
    "3. Politics",
    "Top Stories of the Week",
    "By Jane Doe | March 3, 2024",
    "Published March 3, 2024",
    "5 min read",
    "Advertisement",
    "The Opening Heading",
    "A Second Heading Here",
    "Credits: DepositPhotos",
    "Photo: Jane Doe/Shutterstock",
    "Photo credit:",
    "Kevin Jairaj-USA TODAY Sports",
    "A caption sentence. (Photo: AFP)",
    "1 of 3",
    "Slide 2 of 3",
    "#1 Heading",
    "2. Heading",
    "3) Heading",
    "10",
    "A body paragraph that ends like a sentence, with enough words to be running text.",
    "“A quoted line that someone said.”",
    "Read More From The Daily Example",
    "Related Articles",
    "12 Comments",
    "2 hours ago",
    "Jane Doe is a reporter who writes about cities.",
    "Фото: ТАСС",
    "Главная › Наука",
    "# Markdown Title",
    "## Slide heading",
    "![alt](img.png)",
    "---",
    "title: x",
    "slides:",
    "  - heading: y",
    "\u00a0",
    "\u200b",
    "",
]
line = st.one_of(st.sampled_from(LINES), st.text(max_size=40))
documents = st.lists(line, min_size=1, max_size=30).map("\n".join)


@given(documents, st.sampled_from(["text", "markdown", "yaml"]))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_readers_raise_only_article_error(content: str, fmt: str) -> None:
    with contextlib.suppress(ArticleError):
        parse_article_text(content, fmt)


@given(documents, st.sampled_from(["text", "markdown"]))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_parse_is_idempotent_through_yaml(content: str, fmt: str) -> None:
    try:
        article = parse_article_text(content, fmt)
    except ArticleError:
        return
    text = article_to_yaml(article)
    again = parse_article_text(text, "yaml")
    assert again == article
    assert article_to_yaml(again) == text
