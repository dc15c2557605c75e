"""The Python API: `import slide2video` exposes the same jobs as the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

import slide2video as s2v


def test_public_names_resolve() -> None:
    for name in s2v.__all__:
        assert getattr(s2v, name) is not None, name
    with pytest.raises(AttributeError):
        _ = s2v.no_such_thing


def test_carousel_through_the_api(tmp_path: Path) -> None:
    article = s2v.parse_article_text("# T\n\n## One\nCredit: AP\n\nBody.\n", "markdown")
    preset = s2v.get_preset("120x150")
    cards = s2v.render_cards(article, s2v.load_theme("minimal"), preset)
    result = s2v.write_carousel(cards, article, preset, tmp_path)
    assert [p.name for p in result.images] == ["01.png", "02.png", "03.png"]


SMALL_STORY = (
    "# A Story\n\nIntro.\n\n## One\n![rocket](photos/rocket.jpg)\nCredit: NASA\n\nBody one.\n\n## Two\n\nBody two.\n"
)


def test_builtin_listings() -> None:
    assert set(s2v.builtin_themes()) >= {"news", "bold", "minimal"}
    assert "reel" in s2v.builtin_presets() and "ig-portrait" in s2v.builtin_presets()


def test_video_preview_and_batch_through_the_api(tmp_path: Path) -> None:
    story = tmp_path / "story.md"
    story.write_text(SMALL_STORY, encoding="utf-8")
    options = s2v.JobOptions(
        video_preset="160x284", carousel_preset="108x135", duration=1.0, quality="draft", transition="cut"
    )
    heard: list[str] = []
    written = s2v.write_video(story, tmp_path / "story.mp4", options, s2v.Reporter(heard.append))
    assert [p.suffix for p in written] == [".mp4", ".srt", ".vtt"] and all(p.is_file() for p in written)

    frame = s2v.preview_frame(story, slide=2, options=options)
    assert frame.image.size == (160, 284) and frame.part == 1 and frame.time > 0
    with pytest.raises(s2v.Slide2VideoError, match="slide 9 does not exist"):
        s2v.preview_frame(story, slide=9, options=options)

    progress: list[tuple[str, int, int]] = []
    report = s2v.run_batch(
        [story], tmp_path / "out", options, s2v.Reporter(on_progress=lambda *p: progress.append(p)), jobs=1
    )
    assert isinstance(report, s2v.BatchReport)
    assert [r.status for r in report.results] == ["ok"] and report.path == tmp_path / "out" / "report.json"
    assert progress[-1] == ("articles", 1, 1)
    again = s2v.run_batch([story], tmp_path / "out", options, jobs=1)
    assert [r.status for r in again.results] == ["skipped"]
