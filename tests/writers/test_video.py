"""The MP4 writer and the previews, checked by decoding what they wrote (small sizes, short durations)."""

from __future__ import annotations

import io
import itertools
import re
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageSequence

from cardkit import article, photo_card, small_preset
from slide2video.errors import OutputError, RenderError
from slide2video.video import yuv
from slide2video.video.ffmpeg import ffmpeg_exe, run
from slide2video.video.frames import FrameRenderer, frame_at
from slide2video.video.probe import probe
from slide2video.video.timeline import TimelineOptions, build_timeline
from slide2video.writers.mp4 import QUALITY, hold_filter, motion_zones, moving_ranges, write_video
from slide2video.writers.preview import render_frame, save_png, write_animated_preview
from support import read_frames, write_tone

PRESET = small_preset(fps=10)


def story(n: int = 4, seconds: float = 1.5, ken_burns: bool = False):
    cards = [photo_card(i) for i in range(n)]
    tl = build_timeline(article(n, [seconds] * n), cards, PRESET, TimelineOptions(ken_burns=ken_burns))
    return tl, cards


@pytest.fixture(scope="module")
def encoded(tmp_path_factory):
    tl, cards = story()
    out = tmp_path_factory.mktemp("video") / "story.mp4"
    calls: list[tuple[int, int]] = []
    report = write_video(cards, tl, out, PRESET, progress=lambda done, total: calls.append((done, total)))
    return tl, cards, out, report, calls


def mean_diff(a, b) -> float:
    return float(np.abs(np.asarray(a).astype(int) - np.asarray(b).astype(int)).mean())


def test_each_card_shows_in_the_middle_of_its_slide(encoded):
    tl, cards, out, _, _ = encoded
    frames = read_frames(out)
    assert len(frames) == tl.frame_count == 45  # 4 x 1.5 s - 3 x 0.5 s crossfades, at 10 fps
    for i, card in enumerate(cards):
        frame = frames[tl.frame_index(tl.time_of_card(i))]
        own = mean_diff(frame, card.image)
        others = min(mean_diff(frame, c.image) for j, c in enumerate(cards) if j != i)
        assert own < 4.0 < others / 3


def test_a_mid_transition_frame_is_between_its_neighbours(encoded):
    tl, cards, out, _, _ = encoded
    frames = read_frames(out)
    seg = tl.segments[2]
    index = seg.start_frame + seg.transition_frames // 2
    frame = frames[index]
    expected = FrameRenderer(tl, cards).frame(index)  # the blend the renderer made
    assert mean_diff(frame, expected) < 4.0
    assert mean_diff(frame, cards[1].image) > 10 and mean_diff(frame, cards[2].image) > 10


def test_holds_are_piped_once_and_every_frame_is_still_in_place(tmp_path, monkeypatch):
    """A still hold goes through the pipe as one frame; ffmpeg repeats it, so every decoded frame shows what the
    renderer says it should, at its own index."""
    from slide2video.video.ffmpeg import FrameWriter

    piped: list[int] = []
    write = FrameWriter.write

    def counting(self: FrameWriter, frame: Any) -> Any:
        piped.append(1)
        return write(self, frame)

    monkeypatch.setattr(FrameWriter, "write", counting)
    tl, cards = story(4, 1.5)
    out = tmp_path / "holds.mp4"
    write_video(cards, tl, out, PRESET)
    transitions = sum(s.transition_frames for s in tl.segments)
    assert len(piped) == len(tl.segments) + transitions + 1 < tl.frame_count  # + the last frame, written out
    frames = read_frames(out)
    renderer = FrameRenderer(tl, cards)
    assert len(frames) == tl.frame_count
    for index in range(tl.frame_count):
        own = mean_diff(frames[index], renderer.frame(index))
        assert own < 4.0, index
        if len(tl.active(index)) == 2:  # a crossfade frame: closer to its own blend than to its neighbours'
            assert own < min(mean_diff(frames[index], renderer.frame(j)) for j in (index - 1, index + 1)), index


def test_streams_codec_profile_pixel_format_and_atom_order(encoded):
    tl, _, out, report, _ = encoded
    p = probe(out)
    assert (p.video_codec, p.profile, p.pix_fmt) == ("h264", "High", "yuv420p")
    assert (p.size, p.fps, p.frames, p.constant_frame_rate) == ((160, 284), 10.0, tl.frame_count, True)
    assert p.video_duration == pytest.approx(tl.duration, abs=1e-6)
    assert p.atoms.index("moov") < p.atoms.index("mdat")
    assert p.audio_codec is None
    assert report.probe.path == out and report.frames == tl.frame_count and not report.audio


def test_progress_reports_every_frame_once(encoded):
    tl, _, _, _, calls = encoded
    assert [d for d, _ in calls] == list(range(1, tl.frame_count + 1))
    assert {t for _, t in calls} == {tl.frame_count}


def test_silent_audio_is_aac_48k_as_long_as_the_video(tmp_path):
    tl, cards = story(2, 1.0)
    report = write_video(cards, tl, tmp_path / "silent.mp4", PRESET, silent_audio=True)
    p = report.probe
    assert (p.audio_codec, p.sample_rate, p.channels) == ("aac", 48000, 2)
    assert p.audio_duration == pytest.approx(tl.duration, abs=0.05)


def test_soundtrack_is_resampled_to_aac_48k_and_cut_to_the_video(tmp_path):
    tl, cards = story(2, 1.0)
    wav = write_tone(tmp_path / "music.wav", 5.0, rate=44100, amp=8000 / 32767)
    report = write_video(cards, tl, tmp_path / "music.mp4", PRESET, audio_path=wav)
    p = report.probe
    assert (p.audio_codec, p.sample_rate) == ("aac", 48000)  # not moviepy's default libmp3lame
    assert p.audio_duration == pytest.approx(tl.duration, abs=0.05)
    assert p.duration == pytest.approx(tl.duration, abs=0.05)


class Boom(RuntimeError):
    pass


@pytest.mark.parametrize("error", [Boom, KeyboardInterrupt])
def test_an_interrupted_encode_leaves_no_partial_file(tmp_path, monkeypatch, error):
    tl, cards = story(3, 1.0)
    original = FrameRenderer.planes

    def failing(self, index):
        if index == 12:
            raise error("interrupted")
        return original(self, index)

    monkeypatch.setattr(FrameRenderer, "planes", failing)
    with pytest.raises(error):
        write_video(cards, tl, tmp_path / "story.mp4", PRESET)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_encode_keeps_the_previous_file(tmp_path):
    tl, cards = story(2, 1.0)
    target = tmp_path / "story.mp4"
    target.write_bytes(b"previous video")
    (tmp_path / "music.wav").write_text("not audio at all")
    with pytest.raises(RenderError) as err:
        write_video(cards, tl, target, PRESET, audio_path=tmp_path / "music.wav")
    assert "\n" not in str(err.value) and "ffmpeg could not encode" in str(err.value)
    assert target.read_bytes() == b"previous video"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["music.wav", "story.mp4"]


def test_unwritable_outputs_are_one_line_errors(tmp_path):
    tl, cards = story(2, 1.0)
    (tmp_path / "file").write_text("x")
    for target, message in [
        (tmp_path / "file" / "out.mp4", "is a file, not a folder"),
        (tmp_path, "is a folder"),
        (tmp_path / "out.mov", "must end in .mp4"),
    ]:
        with pytest.raises(OutputError) as err:
            write_video(cards, tl, target, PRESET)
        assert message in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(RenderError, match="audio file not found"):
        write_video(cards, tl, tmp_path / "x.mp4", PRESET, audio_path=tmp_path / "missing.wav")
    with pytest.raises(RenderError, match="unknown quality"):
        write_video(cards, tl, tmp_path / "x.mp4", PRESET, quality="ultra")
    with pytest.raises(RenderError, match="fps"):
        write_video(cards, tl, tmp_path / "x.mp4", small_preset(fps=25))


def test_ken_burns_video_moves_the_photo_and_keeps_the_text_still(tmp_path):
    cards = [photo_card(1), photo_card(2)]  # detailed photos (coffee, cat)
    tl = build_timeline(article(2, [1.5, 1.5]), cards, PRESET, TimelineOptions())
    report = write_video(cards, tl, tmp_path / "kb.mp4", PRESET, quality="draft")
    frames = read_frames(report.path)
    renderer = FrameRenderer(tl, cards)
    assert len(frames) == tl.frame_count
    assert max(mean_diff(frames[i], renderer.frame(i)) for i in range(tl.frame_count)) < 5.0
    first, last = frames[1], frames[tl.segments[1].start_frame - 1]
    bar = slice(227, 230), slice(12, 148)  # the opaque yellow rule drawn on the overlay
    assert mean_diff(first[:150], last[:150]) > 10  # the photo moved
    # The overlay did not: in the exact frames the rule's luma is the same; in the file (crf 28) it picks up
    # 2-3 code values of encoder noise from the photo moving past its edges.
    exact = [yuv.planes(renderer.planes(i), tl.size)[0] for i in (1, tl.segments[1].start_frame - 1)]
    assert np.array_equal(exact[0][bar[0], bar[1]], exact[1][bar[0], bar[1]])
    assert mean_diff(first[bar], last[bar]) < 4


def test_preview_png_is_the_exact_frame_and_deterministic(tmp_path):
    tl, cards = story(3, 1.0, ken_burns=True)
    t = tl.segments[1].start + 0.15  # inside a crossfade between two moving cards
    a = save_png(render_frame(tl, cards, t), tmp_path / "a.png")
    b = save_png(render_frame(tl, cards, t), tmp_path / "b.png")
    assert a.read_bytes() == b.read_bytes()
    assert np.array_equal(np.asarray(Image.open(a)), frame_at(tl, cards, t))


@pytest.mark.parametrize("fmt", ["gif", "webp"])
def test_animated_preview_loops_small_and_lasts_the_video(tmp_path, fmt):
    tl, cards = story(3, 1.5)
    path = write_animated_preview(tl, cards, tmp_path / f"p.{fmt}", fmt, max_width=80, fps=10)
    im = Image.open(io.BytesIO(path.read_bytes()))
    assert im.format == fmt.upper() and im.size == (80, 142)
    durations = []
    n_frames = sum(1 for _ in ImageSequence.Iterator(im))
    for k in range(n_frames):
        im.seek(k)
        im.load()
        durations.append(im.info["duration"])
    assert sum(durations) == round(tl.duration * 1000)
    # Still cards are merged into one long frame each: 3 stills + 5 frames per crossfade.
    assert n_frames == 3 + 2 * 5
    assert im.info.get("loop") == 0


def test_animated_preview_rejects_unknown_format(tmp_path):
    tl, cards = story(2, 1.0)
    with pytest.raises(OutputError, match="unknown preview format"):
        write_animated_preview(tl, cards, tmp_path / "p.avi", "avi")


@given(st.lists(st.booleans(), max_size=60))
def test_moving_ranges_are_the_runs_of_moving_frames(flags: list[bool]) -> None:
    runs = moving_ranges(flags)
    assert [i for a, b in runs for i in range(a, b + 1)] == [i for i, f in enumerate(flags) if f]
    assert all(b + 1 < c for (_, b), (c, _) in itertools.pairwise(runs))  # maximal: never adjacent


def test_motion_zones_name_each_range_with_the_motion_options() -> None:
    q = QUALITY["standard"]
    assert motion_zones(q, [(0, 9), (20, 24)]) == f"zones=0,9,{q.motion_params}/20,24,{q.motion_params}"
    assert motion_zones(q, []) == "" and motion_zones(QUALITY["high"], [(0, 9)]) == ""


def x264_options(path: Path) -> str:
    """The options x264 wrote into the stream (its SEI user data), as it applied them."""
    found = re.search(rb"options: ([^\x00]*)", path.read_bytes())
    assert found is not None
    return found.group(1).decode()


@pytest.mark.parametrize("ken_burns", [False, True])
def test_moving_frames_are_encoded_in_their_own_zones_of_one_valid_stream(tmp_path, ken_burns):
    """Transitions and Ken Burns frames get the faster motion search through x264 zones (holds keep the
    preset's): one encode, so the file decodes cleanly with every frame where it belongs."""
    tl, cards = story(3, 1.5, ken_burns=ken_burns)
    out = tmp_path / "zones.mp4"
    write_video(cards, tl, out, PRESET, "standard", silent_audio=True)
    renderer = FrameRenderer(tl, cards)
    moving = moving_ranges(renderer.planned_to_move(i) for i in range(tl.frame_count))
    assert (len(moving) == 1) if ken_burns else (len(moving) == 2)  # one long run, or two crossfades
    assert f"zones={motion_zones(QUALITY['standard'], moving)[6:]}" in x264_options(out)
    decode = subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(out), "-f", "null", "-"], capture_output=True)
    assert decode.returncode == 0 and decode.stderr == b""
    p = probe(out)
    assert p.frames == tl.frame_count and p.video_duration == pytest.approx(tl.duration, abs=1e-6)
    assert p.audio_duration == pytest.approx(tl.duration, abs=0.03)
    frames = read_frames(out)
    assert max(mean_diff(frames[i], renderer.frame(i)) for i in range(tl.frame_count)) < 5.0


def test_hold_filter_times_a_300_slide_reel() -> None:
    """ffmpeg's expression parser refuses a flat sum of ~100 terms: 400 holds must still give every frame."""
    written: list[int] = []
    for k in range(400):  # a frame piped at the start of each hold, one moving frame after it
        written += [k * 30, k * 30 + 1]
    written.append(400 * 30)
    fps = 10
    src = f"color=c=gray:s=16x16:r={fps}:d={len(written) / fps}"
    args = ["-f", "lavfi", "-i", src, "-vf", hold_filter(written, fps), "-f", "rawvideo", "-pix_fmt", "gray", "-"]
    done = run(args)
    assert done.returncode == 0, done.stderr.decode()[-300:]
    assert len(done.stdout) // 256 == written[-1] + 1


def test_x264_takes_the_zones_of_a_400_slide_reel() -> None:
    """A long Ken Burns reel gives x264 hundreds of zones in one option: it must take them all."""
    q = QUALITY["standard"]
    moving = [(k * 30 + 5, k * 30 + 25) for k in range(400)]
    src = "color=c=gray:s=32x32:r=10:d=1200"
    params = f"{q.x264_params}:{motion_zones(q, moving)}"
    args = ["-f", "lavfi", "-i", src, "-c:v", "libx264", "-preset", "ultrafast", "-x264-params", params, "-f", "null"]
    done = run([*args, "-"])
    assert done.returncode == 0, done.stderr.decode()[-300:]
