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
            "a.yaml:4: slides[1].duration: -1 is out of range: must be more than 0",
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


# ------------------------------------------------------------------------------------------- tags, merges, numbers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: T\nslides: !!python/object:os.system\n  - heading: H\n",
            ":2: invalid YAML: tag '!!python/object:os.system'",
        ),
        (
            "title: T\nslides:\n  - !!python/object/apply:os.system\n    heading: H\n",
            ":3: invalid YAML: tag '!!python/object/apply",
        ),
        (
            "title: !!python/name:os.system T\nslides:\n  - heading: H\n",
            ":1: invalid YAML: tag '!!python/name:os.system'",
        ),
        ("title: !custom T\nslides:\n  - heading: H\n", ":1: invalid YAML: tag '!custom' is not allowed"),
        ("title: T\nslides: !!set {a, b}\n", ":2: invalid YAML: tag '!!set' is not allowed"),
        ("? !!python/tuple [a, b]\n: x\ntitle: T\n", ":1: invalid YAML: tag '!!python/tuple' is not allowed"),
    ],
    ids=["on-a-list", "on-a-mapping", "on-a-scalar", "local-tag", "set", "on-a-key"],
)
def test_every_non_standard_tag_is_refused_by_name(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ArticleError) as err:
        load_article(path)
    assert str(err.value.message).startswith(str(path) + expected), err.value.message


def test_merge_keys_bring_shared_values_and_explicit_keys_win(tmp_path: Path) -> None:
    text = (
        "x-defaults: &base\n  credit: Reuters\n  duration: 4\n"
        "x-more: &more {alt: A photo, credit: Other}\n"
        "title: T\nslides:\n"
        "  - <<: *base\n    heading: One\n"
        "  - <<: [*base, *more]\n    heading: Two\n    duration: 6\n"
    )
    art = load_article(write(tmp_path, text))
    one, two = art.slides
    assert (one.heading, one.credit, one.duration, one.alt) == ("One", "Reuters", 4.0, None)
    assert (two.heading, two.credit, two.duration, two.alt) == ("Two", "Reuters", 6.0, "A photo")  # earlier wins


def test_merge_errors_are_located(tmp_path: Path) -> None:
    bad = write(tmp_path, "title: T\nslides:\n  - <<: [1, 2]\n    heading: H\n")
    with pytest.raises(ArticleError, match=r":3: invalid YAML: '<<' merges a mapping"):
        load_article(bad)
    dup = write(tmp_path, "title: T\nslides:\n  - heading: H\n    credit: A\n    credit: B\n", "dup.yaml")
    with pytest.raises(ArticleError, match=r"dup.yaml:5: duplicate key 'credit'"):
        load_article(dup)
    typo = write(tmp_path, "x-d: &d {credti: R}\ntitle: T\nslides:\n  - <<: *d\n    heading: H\n", "typo.yaml")
    with pytest.raises(ArticleError, match=r"typo.yaml:1: slides\[1\].credti: unknown key 'credti'"):
        load_article(typo)  # a misspelt merged key is reported where it is written


@pytest.mark.parametrize(
    ("written", "seconds"), [("1e3", 1000.0), ("2.5E-1", 0.25), ("1.0e+3", 1000.0), ("+5e0", 5.0), ("7", 7.0)]
)
def test_exponent_numbers_are_numbers(written: str, seconds: float) -> None:
    art = parse_article_text(f"title: T\nslides:\n  - heading: H\n    duration: {written}\n", "yaml")
    assert art.slides[0].duration == seconds


def test_text_fields_keep_numbers_as_written() -> None:
    art = parse_article_text("title: 1e3\nslides:\n  - heading: 007\n    body: [1.50, 2e5]\n", "yaml")
    assert art.title == "1e3" and art.slides[0].heading == "007" and art.slides[0].body == ["1.50", "2e5"]


def test_escaped_surrogates_and_bidi_controls_are_repaired_with_a_located_warning(tmp_path: Path) -> None:
    path = write(tmp_path, 'title: "Cut \\ud83d"\nslides:\n  - heading: H\n    alt: "a\\u202eb"\n')
    art = load_article(path)
    assert art.title == "Cut \ufffd" and art.slides[0].alt == "a\u202eb"  # kept on the cards; metadata strips it
    surrogate, bidi = art.warnings
    assert surrogate.startswith(f"{path}:1: lone surrogate (U+D83D") and "replaced with U+FFFD" in surrogate
    assert bidi.startswith(f"{path}:4: bidi control character (U+202E) kept on the cards but removed from")


def test_articles_built_without_a_reader_lose_their_surrogates_with_a_warning() -> None:
    """The last net (HTML pages, the Python API): `check_article` replaces what `scan` did not see."""
    from slide2video.readers import check_article

    art = Article(title="Cut \ud83d", intro=["a\udc00"], slides=[Slide(heading="H\ud800", body=["b\udfff"])])
    check_article(art, "api")
    assert (art.title, art.intro, art.slides[0].heading, art.slides[0].body) == (
        "Cut \ufffd",
        ["a\ufffd"],
        "H\ufffd",
        ["b\ufffd"],
    )
    assert len(art.warnings) == 4 and all("lone surrogate replaced with U+FFFD" in w for w in art.warnings)


def test_key_with_line_break_stays_one_line(tmp_path: Path) -> None:
    """A quoted key holding a line break is shown escaped: the error is still one line (found by the fuzz test)."""
    path = tmp_path / "story.yaml"
    path.write_text('title: T\nslides:\n  - heading: H\n    "a\\nb": 1\n', encoding="utf-8")
    with pytest.raises(ArticleError) as info:
        load_article(path)
    message = str(info.value)
    assert "\n" not in message
    assert "slides[1].'a\\nb': unknown key 'a\\nb'" in message
