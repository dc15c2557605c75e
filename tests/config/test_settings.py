"""The one settings merge: built-in defaults -> theme -> caller, `None` overriding nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from slide2video.cli import main
from slide2video.config.settings import (
    DEFAULT_OUTPUTS,
    OUTPUT_KINDS,
    JobOptions,
    job_options,
    merged,
    resolve_settings,
    theme_layer,
)
from slide2video.config.theme import load_theme
from slide2video.config.timing import DEFAULT_SPEED
from slide2video.errors import RenderError, ThemeError

values = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=3))
layers = st.lists(st.dictionaries(st.sampled_from("abcd"), values, max_size=4), max_size=4)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # a shared, busy CI machine
@given(layers)
def test_merge_is_left_to_right_and_none_overrides_nothing(stack: list[dict[str, object]]) -> None:
    out = merged(*stack)
    for key in "abcd":
        given_values = [layer[key] for layer in stack if layer.get(key) is not None]
        if given_values:
            assert out[key] == given_values[-1]
        else:
            assert key not in out


def test_defaults_are_written_once() -> None:
    """The CLI's `job_options({})` (nothing given) is the dataclass default, which README documents."""
    assert job_options({}) == JobOptions()
    assert JobOptions().outputs == DEFAULT_OUTPUTS == ("mp4", "carousel", "srt")
    assert JobOptions().words_per_minute == DEFAULT_SPEED.words_per_minute
    assert job_options({"theme": None, "duration": None, "outputs": ["srt"]}) == JobOptions(outputs=("srt",))
    with pytest.raises(TypeError, match="unknown job option"):
        job_options({"colour": "red"})


def test_the_theme_decides_what_the_caller_leaves_open() -> None:
    minimal = load_theme("minimal")
    layer = theme_layer(minimal)
    left_open = resolve_settings(JobOptions(theme="minimal"))
    assert (left_open.cover, left_open.end, left_open.ken_burns) == (layer["cover"], layer["end"], layer["ken_burns"])
    overridden = resolve_settings(JobOptions(theme="minimal", cover=not layer["cover"], ken_burns=False))
    assert overridden.cover is not layer["cover"] and overridden.ken_burns is False
    render = overridden.render_options()
    assert render.cover is overridden.cover and render.end is overridden.end
    timeline = overridden.timeline_options()
    assert timeline.ken_burns is False and timeline.transition == overridden.transition


def test_a_theme_object_or_mapping_is_accepted() -> None:
    theme = load_theme("bold")
    settings = resolve_settings({"transition": "fade:1", "words_per_minute": 240}, theme)
    assert settings.theme is theme
    assert (settings.transition.kind, settings.transition.duration) == ("fade", 1.0)
    assert settings.reading.words_per_minute == 240


@pytest.mark.parametrize(
    ("values", "error", "says"),
    [
        ({"outputs": ("mp3",)}, RenderError, "unknown output 'mp3'"),
        ({"quality": "ultra"}, RenderError, "unknown quality 'ultra'"),
        ({"image_format": "bmp"}, RenderError, "unknown image format 'bmp'"),
        ({"words_per_minute": 0}, RenderError, "reading speed"),
        ({"transition": "blur"}, RenderError, "unknown transition 'blur'"),
        ({"theme": "nwes"}, ThemeError, "did you mean 'news'"),
    ],
)
def test_bad_values_raise_one_line(values: dict[str, object], error: type[Exception], says: str) -> None:
    with pytest.raises(error, match=says):
        resolve_settings(job_options(values))


def test_strict_decides_no_output() -> None:
    """`strict` is not hashed: turning it on does not make a batch render everything again."""
    assert "strict" not in JobOptions().hashed()
    assert JobOptions(strict=True).hashed() == JobOptions().hashed()
    assert set(JobOptions().hashed()) == {f.name for f in dataclasses.fields(JobOptions)} - {"strict"}


def test_cli_defaults_shown_are_the_dataclass_defaults(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    for shown in ("[default: news]", "[default: reel]", "[default: ig-portrait]", "[default: crossfade]"):
        assert shown in text, shown
    assert f"[default: {','.join(DEFAULT_OUTPUTS)}]" in text
    assert all(kind in text for kind in OUTPUT_KINDS)
