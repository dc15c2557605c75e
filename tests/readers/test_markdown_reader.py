"""Markdown reader: title, intro, slides, credits in any phrasing, images, numbering, front matter."""

from __future__ import annotations

from pathlib import Path

import pytest

from slide2video import ArticleError, load_article
from slide2video.readers import parse_article_text

DOC = """\
---
section: Space
source: Orbit Weekly
---
# Five *Photos* From Orbit

By Jane Reporter

An intro with a [link](https://example.com) and **bold** words.

A second intro paragraph.

## 1. The Launch
![Falcon 9 lifting off](../photos/rocket.jpg)
Image Credit: SpaceX/Shutterstock.

The rocket lifted off at dawn,
continuing on a second line.

> “A quoted line.”

## 2. The Crew

Photo: NASA

Body of the crew slide.

## 3. No Credit Here

Only a body.
"""


def test_markdown_article(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(DOC, encoding="utf-8")
    art = load_article(path)
    assert art.title == "Five Photos From Orbit"
    assert (art.section, art.source, art.byline) == ("Space", "Orbit Weekly", "Jane Reporter")
    assert art.intro == ["An intro with a link and bold words.", "A second intro paragraph."]
    assert [s.heading for s in art.slides] == ["The Launch", "The Crew", "No Credit Here"]
    assert [s.number for s in art.slides] == [None, None, None]  # plain 1..n numbering is just position
    first = art.slides[0]
    assert first.image == "../photos/rocket.jpg"
    assert first.alt == "Falcon 9 lifting off"
    assert first.credit == "SpaceX/Shutterstock"
    assert first.body == ["The rocket lifted off at dawn, continuing on a second line.", "“A quoted line.”"]
    assert art.slides[1].credit == "NASA"
    assert art.slides[2].credit is None and art.slides[2].body == ["Only a body."]


def test_countdown_numbers_kept(tmp_path: Path) -> None:
    path = tmp_path / "c.md"
    path.write_text("# Top 3\n\n## #3 Bronze\nx\n\n## #2 Silver\ny\n\n## #1 Gold\nz\n", encoding="utf-8")
    art = load_article(path)
    assert [(s.number, s.heading) for s in art.slides] == [(3, "Bronze"), (2, "Silver"), (1, "Gold")]
    assert art.display_number(0) == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("just text\n\n## slide\n", "no '# Title' line found"),
        ("# Title only\n\nintro\n", "no slides found"),
        ("---\nsection: [x\n---\n# T\n## S\n", "invalid YAML front matter"),
        ("---\nsecton: x\n---\n# T\n## S\n", "unknown front matter key 'secton'"),
    ],
)
def test_markdown_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArticleError, match=message):
        load_article(path)


def test_images_in_every_form_people_write_them() -> None:
    text = (
        '# T\n\n## One\n![A photo](<my photo.jpg> "a title")\n\nBody one.\n\n'
        "## Two\n![Alt two][pic]\n\nBody two.\n\n"
        '## Three\n<img src="img/three 3.png" alt="Three &amp; more"/>\n\nBody three.\n\n'
        "## Four\n![four]\n\n## Five\n![Alt five][]\n\n## Six\n![Six](six%20photo.jpg)\n\n"
        "[PIC]: photos/two.jpg 'Title'\n[four]: <four photo.jpg>\n[alt  five]: five.jpg\n"
    )
    art = parse_article_text(text, "markdown", "t.md")
    assert [(s.image, s.alt) for s in art.slides] == [
        ("my photo.jpg", "A photo"),
        ("photos/two.jpg", "Alt two"),
        ("img/three 3.png", "Three & more"),
        ("four photo.jpg", "four"),
        ("five.jpg", "Alt five"),
        ("six photo.jpg", "Six"),
    ]
    assert [s.body for s in art.slides[:3]] == [["Body one."], ["Body two."], ["Body three."]]  # no markup left
    assert art.warnings == []


def test_an_undefined_image_reference_is_named() -> None:
    art = parse_article_text("# T\n\n## One\n\nText ![x][nope] more.\n", "markdown", "t.md")
    assert art.slides[0].body == ["Text more."] and art.slides[0].image is None
    assert art.warnings == [
        "t.md:5: image reference [nope] has no definition (add a line '[nope]: photo.jpg'); image ignored"
    ]


def test_front_matter_escapes_are_repaired_with_located_warnings() -> None:
    art = parse_article_text('---\nsource: "A\\u202eB \\ud800"\n---\n# T\n\n## H\n\nx\n', "markdown", "f.md")
    assert art.source == "A\u202eB \ufffd"
    assert [w.split(": ")[0] for w in art.warnings] == ["f.md:2", "f.md:2"]
