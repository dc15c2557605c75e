"""End to end through the CLI: video, preview and render on small sizes, checked by probing and decoding."""

from __future__ import annotations

import itertools
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image

from slide2video.cli import main
from slide2video.video.audio import measure_loudness
from slide2video.video.probe import probe
from support import read_srt, write_tone

STORY = """\
# Three Photos

Intro.

## The Rocket
![rocket](photos/rocket.jpg)
Photo: SpaceX

It flew.

## The Cat
![cat](photos/chelsea.png)
Credit: Stefan van der Walt

It sat.

## The Coffee

It cooled.
"""
TIMING = ["--preset", "160x284", "--duration", "1", "--transition", "crossfade:0.25"]
SMALL = [*TIMING, "--quality", "draft"]


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.md"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_video_with_subtitles(runner: CliRunner, story: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "story.mp4"
    result = runner.invoke(main, ["video", str(story), "-o", str(out), "--no-cover", *SMALL])
    assert result.exit_code == 0, result.output
    info = probe(out)
    assert (info.width, info.height, info.video_codec, info.pix_fmt, info.profile) == (
        160,
        284,
        "h264",
        "yuv420p",
        "High",
    )
    assert info.atoms.index("moov") < info.atoms.index("mdat")
    assert info.audio_codec is None
    # 3 slides of 1 s + end card, crossfades of 0.25 s overlapping: cues switch mid-transition.
    cues = read_srt(out.with_suffix(".srt"))
    assert cues[0].start == 0 and cues[0].text.startswith("The Rocket")
    assert abs(cues[-1].end - info.duration) < 0.04
    assert all(a.end == b.start for a, b in itertools.pairwise(cues))
    assert out.with_suffix(".vtt").read_text(encoding="utf-8").startswith("WEBVTT")


def test_dry_run_prints_the_timeline(runner: CliRunner, story: Path, tmp_path: Path) -> None:
    result = runner.invoke(main, ["video", str(story), "--dry-run", "-o", str(tmp_path / "x.mp4"), *SMALL])
    assert result.exit_code == 0, result.output
    assert "crossfade" in result.output and "cover" in result.output and "end" in result.output
    assert not list(tmp_path.glob("*.mp4"))


@pytest.fixture
def draws(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every card drawn while the test runs (by label)."""
    from slide2video.cards.render import CardRenderer

    seen: list[str] = []
    render = CardRenderer.render

    def counting(self: CardRenderer, spec: Any) -> Any:
        seen.append(spec.label)
        return render(self, spec)

    monkeypatch.setattr(CardRenderer, "render", counting)
    return seen


def test_dry_run_and_subtitles_draw_no_card(runner: CliRunner, story: Path, tmp_path: Path, draws: list[str]) -> None:
    result = runner.invoke(main, ["video", str(story), "--dry-run", "-o", str(tmp_path / "x.mp4"), *SMALL])
    assert result.exit_code == 0, result.output
    assert "zoom-in" in result.output  # the plan knows which cards have a photo layer to move
    result = runner.invoke(main, ["render", str(story), "--to", "srt", "-o", str(tmp_path / "subs"), *SMALL])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "subs" / "story.srt").is_file()
    assert draws == []


def test_preview_draws_only_the_card_on_screen(
    runner: CliRunner, story: Path, tmp_path: Path, draws: list[str]
) -> None:
    out = tmp_path / "frame.png"
    result = runner.invoke(main, ["preview", str(story), "--slide", "2", "-o", str(out), *TIMING])
    assert result.exit_code == 0, result.output
    assert draws == ["slide 2 (The Cat)"] and Image.open(out).size == (160, 284)


def test_timeline_from_the_plan_equals_the_timeline_from_drawn_cards(story: Path) -> None:
    from slide2video import load_article
    from slide2video.cards.render import render_cards
    from slide2video.config.presets import get_preset
    from slide2video.config.theme import load_theme
    from slide2video.pipeline import JobOptions, plan_video, resolve_settings
    from slide2video.video.timeline import build_timeline

    article, preset = load_article(story), get_preset("160x284")
    for theme in ("news", "minimal", "bold"):
        settings = resolve_settings(JobOptions(theme=theme))
        plan = plan_video(article, settings, preset=preset)
        drawn = render_cards(article, load_theme(theme), preset)
        from_cards = build_timeline(article, drawn, preset, settings.timeline_options())
        assert plan.timelines == [from_cards], theme


def test_music_gives_an_aac_track(runner: CliRunner, story: Path, tmp_path: Path) -> None:
    music = write_tone(tmp_path / "music.wav", 1.5)
    out = tmp_path / "m.mp4"
    result = runner.invoke(main, ["video", str(story), "-o", str(out), "--music", str(music), *SMALL])
    assert result.exit_code == 0, result.output
    info = probe(out)
    assert info.audio_codec == "aac" and info.sample_rate == 48000
    assert abs(measure_loudness(out).integrated_lufs - (-14.0)) <= 1.0  # measured on the MP4's AAC track


def test_bad_music_is_one_line_and_leaves_nothing(runner: CliRunner, story: Path, tmp_path: Path) -> None:
    music = tmp_path / "music.mp3"
    music.write_text("not audio")
    out = tmp_path / "out" / "m.mp4"
    result = runner.invoke(main, ["video", str(story), "-o", str(out), "--music", str(music), *SMALL])
    assert result.exit_code == 1
    assert "music.mp3" in result.stderr and result.stderr.strip().count("\n") == 0
    assert not out.exists() and not [p for p in out.parent.glob("*") if p.suffix in (".mp4", ".wav")]


def test_preview_matches_the_card(runner: CliRunner, story: Path, tmp_path: Path) -> None:
    out = tmp_path / "frame.png"
    result = runner.invoke(main, ["preview", str(story), "--slide", "3", "-o", str(out), *TIMING])
    assert result.exit_code == 0, result.output
    cards = tmp_path / "cards"
    runner.invoke(main, ["carousel", str(story), "--preset", "160x284", "-o", str(cards)])
    with Image.open(out) as frame, Image.open(cards / "04.png") as card:  # cover, 1, 2, 3
        diff = np.abs(np.asarray(frame, dtype=int) - np.asarray(card, dtype=int))
        assert diff.mean() < 1.0  # slide 3 has no photo, so no motion: the frame is the card
    assert runner.invoke(main, ["preview", str(story), *TIMING]).exit_code == 2  # neither --at nor --slide
    assert runner.invoke(main, ["preview", str(story), "--slide", "9", *TIMING]).exit_code == 1


def test_render_everything_into_one_folder(runner: CliRunner, story: Path, tmp_path: Path) -> None:
    out = tmp_path / "job"
    result = runner.invoke(
        main,
        ["render", str(story), "-o", str(out), "--to", "mp4,carousel,pdf,srt", "--carousel-preset", "108x135", *SMALL],
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert names == [
        "carousel/01.png",
        "carousel/02.png",
        "carousel/03.png",
        "carousel/04.png",
        "carousel/05.png",
        "carousel/caption.txt",
        "carousel/carousel.pdf",
        "carousel/contact-sheet.jpg",
        "carousel/manifest.json",
        "story.mp4",
        "story.srt",
        "story.vtt",
    ]
    assert runner.invoke(main, ["render", str(story), "--to", "mp5"]).exit_code == 2


def silence(path: Path, seconds: float, rate: int = 48000) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\0\0" * int(seconds * rate))
    return path


def test_silent_music_is_warned_about(story: Path, tmp_path: Path) -> None:
    """The soundtrack's warnings reach the user (they were dropped before the one reporter)."""
    music = silence(tmp_path / "silent.wav", 2.0)
    out = tmp_path / "story.mp4"
    result = CliRunner().invoke(main, ["video", str(story), "-o", str(out), *SMALL, "--music", str(music)])
    assert result.exit_code == 0, result.output
    warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("warning: ")]
    assert warnings == [
        f"warning: {music}: music is silent; left out",
        "warning: the mix is silent or too quiet to measure; written without loudness normalisation",
    ], result.stderr
    assert probe(out).frames > 0


def test_strict_turns_the_warning_into_an_error(story: Path, tmp_path: Path) -> None:
    music = silence(tmp_path / "silent.wav", 2.0)
    out = tmp_path / "story.mp4"
    for args in (["--strict", "video"], ["video", "--strict"]):
        result = CliRunner().invoke(main, [*args, str(story), "-o", str(out), *SMALL, "--music", str(music)])
        assert result.exit_code == 1, result.output
        assert f"Error: {music}: music is silent; left out (a warning, and --strict" in result.stderr
        assert not out.exists() and not list(tmp_path.glob(".*"))


def test_render_prints_each_warning_once(tmp_path: Path) -> None:
    """A bad photo skipped with a warning is reported once, though render draws it for the carousel and the video."""
    path = tmp_path / "story.md"
    path.write_text(STORY.replace("photos/rocket.jpg", "missing.jpg"), encoding="utf-8")
    out = tmp_path / "out"
    args = ["render", str(path), "-o", str(out), *SMALL, "--carousel-preset", "160x284", "--skip-bad-images"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("warning: ")]
    assert len(warnings) == 1 and "missing.jpg" in warnings[0] and "theme background" in warnings[0], result.stderr
