"""YAML reader: validation with located one-line errors, and the round trip through `parse`."""

from __future__ import annotations

from pathlib import Path

import pytest

from slide2video import Article, ArticleError, Slide, article_to_yaml, load_article
from slide2video.readers import parse_article_text

GOOD = """\
title: Ten Things
section: Science
slides:
  - heading: First
    body: One paragraph given as a plain string.
    credit: NASA
    image: photos/a.png
    duration: 4
  - heading: Second
    body:
      - Para one.
      - Para two.
    focus: [0.3, 0.6]
"""


def write(tmp_path: Path, text: str, name: str = "a.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_and_coerces(tmp_path: Path) -> None:
    art = load_article(write(tmp_path, GOOD))
    assert art.title == "Ten Things"
    assert art.section == "Science"
    assert art.slides[0].body == ["One paragraph given as a plain string."]
    assert art.slides[0].duration == 4.0
    assert art.slides[0].image == "photos/a.png"
    assert art.slides[1].body == ["Para one.", "Para two."]
    assert art.slides[1].focus == (0.3, 0.6)
    assert art.path == tmp_path / "a.yaml"


def test_round_trip_equal(tmp_path: Path) -> None:
    art = Article(
        title="Заголовок: “quoted” — yes",
        intro=["no", "1984", "line: with colon"],
        byline="By Someone",
        source="The Source",
        section="World",
        slides=[
            Slide("true", ["null", "multi\nline"], credit="X/Shutterstock", number=10, duration=2.5),
            Slide("#2 Heading", [], alt="alt text", image="a b.png", focus=(0.0, 1.0), audio="n.wav"),
        ],
    )
    again = load_article(write(tmp_path, article_to_yaml(art)))
    assert again == art


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: [unclosed\n", "a.yaml:2: invalid YAML, column 1: expected ',' or ']'"),
        (
            "title: T\nslides:\n  - heading: H\n    heding: x\n",
            "a.yaml:4: slides[1].heding: unknown key 'heding' (did you mean 'heading'?)",
        ),
        (
            "title: T\nslides:\n  - heading: H\n    duration: soon\n",
            "a.yaml:4: slides[1].duration: expected a number, got text",
        ),
        (
            "title: T\nslides:\n  - heading: H\n    duration: -1\n",
            "a.yaml:4: slides[1].duration: must be greater than 0",
        ),
        (
            "title: T\nslides:\n  - heading: H\n    body: {a: 1}\n",
            "a.yaml:4: slides[1].body: expected a list, got a mapping",
        ),
        ("slides:\n  - heading: H\n", "a.yaml:1: missing required key 'title'"),
        ("title: T\nslides: []\n", "a.yaml:2: slides: no slides"),
        ("title: T\n", "a.yaml:1: slides: no slides"),
        ("title: T\nslides:\n  - body: x\n", "a.yaml:3: slides[1]: missing required key 'heading'"),
        ("- a\n- b\n", "a.yaml:1: expected a mapping of article fields, got a list"),
        ("title: T\ntitle: U\nslides: []\n", "a.yaml:2: duplicate key 'title'"),
        ("title: !!python/object:os.system x\nslides: []\n", "a.yaml:1: invalid YAML"),
        ("title: T\nslides:\n  - heading: H\n    focus: [2, 0]\n", "focus is [x, y]"),
    ],
)
def test_errors_are_located(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ArticleError) as info:
        load_article(write(tmp_path, text))
    assert expected in info.value.message
    assert "Traceback" not in info.value.message


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    text = "title: T\nsorce: x\nslides:\n  - heading: H\n    credt: y\n"
    with pytest.raises(ArticleError) as info:
        load_article(write(tmp_path, text))
    lines = info.value.message.splitlines()  # one line per problem, file and line first
    assert len(lines) == 2
    assert lines[0].endswith("a.yaml:2: sorce: unknown key 'sorce' (did you mean 'source'?)")
    assert lines[1].endswith("a.yaml:5: slides[1].credt: unknown key 'credt' (did you mean 'credit'?)")


def test_parse_article_text_api() -> None:
    art = parse_article_text("title: T\nslides:\n  - heading: H\n", "yaml")
    assert art.slides[0].heading == "H"
