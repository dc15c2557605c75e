"""Kind 4 of issue 11: every number a user gives has a documented range (ranges.py), checked where it is parsed.

Options are usage errors (exit 2) naming the value and the range; numbers in article and theme files are
`file:line:` problems (exit 1). docs/bad-inputs.md rows 103-110.
"""

from __future__ import annotations

import dataclasses
import typing

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scene import VIDEO, Scene
from slide2video.article import Article
from slide2video.config import theme as theme_module
from slide2video.config.presets import Preset
from slide2video.config.ranges import Range


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--duration", "1e308", "'1e308' is out of range: must be between 0.5 and 3600 seconds"),
        ("--duration", "nan", "'nan' is not a finite number"),
        ("--duration", "inf", "'inf' is not a finite number"),
        ("--duration", "0.1", "'0.1' is out of range"),
        ("--wpm", "nan", "'nan' is not a finite number; must be between 20 and 2000 words a minute"),
        ("--transition", "fade:1e308", "'1e308' is out of range: must be between 0 and 10 seconds"),
        ("--transition", "fade:nan", "'nan' is not a finite number"),
        ("--max-length", "0", "'0' is out of range: must be between 1 and 86400 seconds"),
        ("--max-length", "1e999", "'1e999' is not a finite number"),
    ],
)
def test_an_option_number_out_of_its_range_is_a_usage_error(scene: Scene, option: str, value: str, says: str) -> None:
    missing = scene.root / "no-such-story.md"  # checked before the article is read
    scene.fails("video", missing, "-o", scene.out / "s.mp4", *VIDEO, option, value, says=says, code=2)


def test_numbers_in_an_article_file_are_range_checked_with_their_line(scene: Scene) -> None:
    huge = "1" + "0" * 400
    story = scene.write(
        "story.yaml",
        "title: T\nslides:\n  - heading: A\n    duration: 1.0e+308\n"
        f"  - heading: B\n    duration: {huge}\n  - heading: C\n    duration: .nan\n    number: -3\n",
    )
    result = scene.run("video", story, "-o", scene.out / "s.mp4", *VIDEO)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"Error: {story}:4: slides[1].duration: 1.0e+308 is out of range"), lines
    assert lines[1:] == [
        f"{story}:6: slides[2].duration: a number too large for any setting",
        f"{story}:8: slides[3].duration: .nan is not a finite number",
        f"{story}:9: slides[3].number: -3 is out of range: must be between 0 and 100000",
    ]
    assert not scene.out.exists()


@pytest.mark.parametrize(
    ("theme", "says"),
    [
        ("text:\n  line_height: 0\n", "th.yaml:2: text.line_height: 0 is out of range: must be between 0.5 and 3"),
        ("text:\n  line_height: .nan\n", "th.yaml:2: text.line_height: .nan is not a finite number"),
        ("text:\n  line_height: -2\n", "th.yaml:2: text.line_height: -2 is out of range"),
        ("counter:\n  size: 100000\n", "th.yaml:2: counter.size: 100000 is out of range: must be between 6 and 400"),
        ("text:\n  headline_max_lines: 0\n", "th.yaml:2: text.headline_max_lines: 0 is out of range"),
    ],
)
def test_numbers_in_a_theme_file_are_range_checked(scene: Scene, theme: str, says: str) -> None:
    path = scene.write("th.yaml", theme)
    story = scene.story()
    scene.fails("video", story, "--theme", path, "-o", scene.out / "s.mp4", *VIDEO, names=path, says=says)


def test_a_custom_size_still_has_a_length_ceiling(scene: Scene) -> None:
    story = scene.write(
        "long.yaml", "title: T\nslides:\n  - heading: A\n    duration: 3000\n  - heading: B\n    duration: 3000\n"
    )
    says = "over the 3600 s limit set by --max-length, which can be raised up to 86400 s; remove slides"
    scene.fails("video", story, "-o", scene.out / "s.mp4", *VIDEO, says=says)
    says = "over the 100 s limit set by --max-length, which can be raised"
    scene.fails("video", story, "-o", scene.out / "s.mp4", *VIDEO, "--max-length", "100", says=says)
    says = "over the 60 s limit set by --max-length (preset 'reel' allows 180 s)"
    scene.fails("video", story, "-o", scene.out / "s.mp4", *VIDEO, "--preset", "reel", "--max-length", "60", says=says)
    says = "over the 180 s limit of preset 'reel'; remove slides"  # the platform's own limit is named as such
    scene.fails("video", story, "-o", scene.out / "s.mp4", *VIDEO, "--preset", "reel", says=says)
    result = scene.run("video", story, "--dry-run", *VIDEO, "--max-length", "7200")
    assert result.exit_code == 0, result.output


def test_a_tall_custom_card_size_writes_its_contact_sheet(scene: Scene) -> None:
    from PIL import Image

    story = scene.story(image="none.jpg")
    scene.write("story.md", "# T\n\n## A\n\nOne.\n\n## B\n\nTwo.\n\n## C\n\nThree.\n")
    result = scene.run("carousel", story, "--preset", "64x8192", "-o", scene.out)
    assert result.exit_code == 0, result.output
    with Image.open(scene.out / "contact-sheet.jpg") as sheet:
        assert max(sheet.size) < 65_500


def _numeric(tp: object) -> bool:
    args = typing.get_args(tp)
    return tp in (int, float) or any(a in (int, float) for a in args)


def _read_from_yaml(*roots: type) -> list[type]:
    """Every dataclass the YAML `Validator` builds, starting from the article, theme and preset."""
    seen: list[type] = []
    todo = list(roots)
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.append(cls)
        for tp in typing.get_type_hints(cls).values():
            for t in (tp, *typing.get_args(tp)):
                if isinstance(t, type) and dataclasses.is_dataclass(t):
                    todo.append(t)
    return seen


@pytest.mark.parametrize("cls", _read_from_yaml(Article, theme_module.Theme, Preset), ids=lambda c: c.__name__)
def test_every_number_a_file_can_set_has_a_documented_range(cls: type) -> None:
    """The root rule: no int/float field is read from YAML without a range (or its own check)."""
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        if f.metadata.get("yaml", True) and _numeric(hints[f.name]) and typing.get_origin(hints[f.name]) is not tuple:
            assert "range" in f.metadata or "check" in f.metadata, f"{cls.__name__}.{f.name} has no range"


@given(st.floats(allow_nan=True, allow_infinity=True) | st.integers())
def test_a_range_accepts_only_finite_numbers_inside_it(value: float) -> None:
    rng = Range(0, 10, "seconds", lo_open=True)
    inside = value == value and abs(value) != float("inf") and 0 < value <= 10
    assert (rng.problem(value) is None) == inside
    if not inside:
        assert "must be more than 0 and at most 10 seconds" in str(rng.problem(value))
