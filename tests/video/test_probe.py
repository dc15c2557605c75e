"""Probing without ffprobe: ffmpeg's stream text, the MP4 boxes, and validation against a preset."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from slide2video.config.presets import Preset
from slide2video.errors import RenderError
from slide2video.video.probe import _parse_ffmpeg_info, count_frames, ffmpeg_exe, probe, read_mp4_boxes, validate

GOOD = Preset(size=(96, 64), fps=10, max_duration=5, max_file_mb=1, name="tiny")


def make(path: Path, *args: str, size: str = "96x64", rate: int = 10, seconds: float = 1.2) -> Path:
    cmd = [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi"]
    cmd += ["-i", f"testsrc=size={size}:rate={rate}:duration={seconds}", *args, str(path)]
    subprocess.run(cmd, check=True)
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("probe")
    # veryfast, not ultrafast: ultrafast drops CABAC and 8x8 transforms, and x264 then signals Baseline.
    h264 = ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p"]
    sine = ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=1.2"]
    return {
        "good": make(d / "good.mp4", *h264, "-profile:v", "high", "-movflags", "+faststart"),
        "audio": make(d / "audio.mp4", *sine, *h264, "-c:a", "aac", "-movflags", "+faststart"),
        "bad": make(d / "bad.mp4", *h264, "-profile:v", "baseline", size="128x128", rate=25),
        "mkv": make(d / "clip.mkv", *h264),
    }


def test_probe_reads_codec_profile_pixel_format_and_exact_numbers(files):
    p = probe(files["good"])
    assert (p.video_codec, p.profile, p.pix_fmt, p.size, p.fps) == ("h264", "High", "yuv420p", (96, 64), 10.0)
    assert (p.frames, p.video_duration, p.constant_frame_rate) == (12, 1.2, True)
    assert p.atoms[0] == "ftyp" and p.faststart and p.audio_codec is None
    validate(p, GOOD, duration=1.2, frames=12, audio=False)  # no exception


def test_probe_reads_audio(files):
    p = probe(files["audio"])
    assert (p.audio_codec, p.sample_rate, p.channels) == ("aac", 44100, 1)
    assert p.audio_duration == pytest.approx(1.2, abs=0.05)
    with pytest.raises(RenderError, match="sample rate is 44100 Hz, expected 48000"):
        validate(p, GOOD, audio=True)
    with pytest.raises(RenderError, match="has a aac audio stream, expected none"):
        validate(p, GOOD, audio=False)


def test_validate_lists_every_mismatch(files):
    p = probe(files["bad"])
    assert p.atoms.index("mdat") < p.atoms.index("moov")  # written without +faststart
    with pytest.raises(RenderError) as err:
        validate(p, GOOD, duration=2.0, frames=20, audio=True)
    lines = str(err.value).splitlines()
    expected = [
        "H.264 profile is Constrained Baseline, expected High",
        "size is 128x128, expected 96x64",
        "frame rate is 25.000 fps, expected 10",
        "moov must come before mdat",
        "video lasts 1.200 s, expected 2.000 s",
        "video has 30 frames, expected 20",
        "audio codec is missing, expected aac",
    ]
    for message in expected:
        assert any(message in line for line in lines), message
    assert all(line.startswith(str(files["bad"])) and line.endswith("for preset 'tiny'") for line in lines)


def test_file_size_and_duration_limits(files):
    p = probe(files["good"])
    with pytest.raises(RenderError, match=r"over the 0\.001 MB limit"):
        validate(p, Preset(size=(96, 64), fps=10, max_file_mb=0.001))
    with pytest.raises(RenderError, match="over the 1 s limit"):
        validate(p, Preset(size=(96, 64), fps=10, max_duration=1))


def test_non_mp4_falls_back_to_ffmpeg_counting(files):
    with pytest.raises(ValueError):
        read_mp4_boxes(files["mkv"])
    p = probe(files["mkv"])
    assert p.atoms == () and p.frames == 12 == count_frames(files["good"])
    with pytest.raises(RenderError, match="moov must come before mdat"):
        validate(p, GOOD)


def test_unreadable_files_are_one_line_errors(tmp_path):
    with pytest.raises(RenderError, match="cannot read video"):
        probe(tmp_path / "missing.mp4")
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"this is not a video" * 10)
    with pytest.raises(RenderError) as err:
        probe(junk)
    assert "not a readable video" in str(err.value) and "\n" not in str(err.value)


def test_parse_ffmpeg_stream_lines_with_nested_commas():
    text = """Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'x.mp4':
  Duration: 00:01:02.50, start: 0.000000, bitrate: 1234 kb/s
  Stream #0:0[0x1](und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(tv, bt709, progressive), 1080x1920 [SAR 1:1 DAR 9:16], 2000 kb/s, 29.97 fps, 29.97 tbr, 30k tbn (default)
  Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, stereo, fltp, 192 kb/s (default)
"""  # noqa: E501
    info = _parse_ffmpeg_info(text, Path("x.mp4"))
    assert info == {
        "duration": 62.5,
        "video_codec": "h264",
        "profile": "High",
        "pix_fmt": "yuv420p",
        "width": 1080,
        "height": 1920,
        "fps": 29.97,
        "audio_codec": "aac",
        "sample_rate": 48000,
        "channels": 2,
    }
