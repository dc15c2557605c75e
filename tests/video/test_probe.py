"""Probing without ffprobe and without ffmpeg's banner: the MP4 boxes, and validation against a preset."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from slide2video.config.presets import Preset
from slide2video.errors import RenderError
from slide2video.video.probe import ffmpeg_exe, pixel_format, probe, read_mp4_boxes, sps_chroma, validate

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
        "444": make(d / "444.mp4", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv444p"),
        "mp3": make(d / "mp3.mp4", *sine, *h264, "-c:a", "libmp3lame"),
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


def test_probe_reads_only_the_file_never_ffmpeg_text(files, monkeypatch):
    """Every fact comes from the boxes: with ffmpeg made unrunnable the probe still answers."""
    import slide2video.video.ffmpeg as boundary

    def refuse(*args, **kw):
        raise AssertionError("the probe ran a process")

    monkeypatch.setattr(subprocess, "run", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    monkeypatch.setattr(boundary, "run", refuse)
    p = probe(files["audio"])
    assert (p.video_codec, p.profile, p.pix_fmt, p.audio_codec) == ("h264", "High", "yuv420p", "aac")
    assert p.duration == pytest.approx(1.2, abs=0.05)


def test_chroma_format_and_profile_from_the_sequence_parameter_set(files):
    p = probe(files["444"])
    assert (p.profile, p.pix_fmt) == ("High 4:4:4", "yuv444p")
    with pytest.raises(RenderError, match="pixel format is yuv444p, expected yuv420p"):
        validate(p, GOOD)
    assert probe(files["mp3"]).audio_codec == "mp3"


def test_sps_parsing_handles_emulation_prevention_and_bit_depth():
    # profile_idc 110 (High 10), constraints 0, level 31, then ue(0)=1, ue(1)=010 (4:2:0), ue(2)=011 (10-bit):
    # bits 1 010 011 + padding -> 0b10100110 = 0xA6. An emulation-prevention byte sits in a run of zeros.
    assert sps_chroma(bytes([0x67, 110, 0, 31, 0xA6])) == (1, 10)
    assert pixel_format(1, 10) == "yuv420p10le" and pixel_format(0, 8) == "gray"
    assert sps_chroma(bytes([0x67, 66, 0xC0, 30, 0x80])) == (1, 8)  # Baseline: 4:2:0 8-bit implied
    # "00 00 03" in the NAL is "00 00" in the RBSP: profile 100, compat 0, level 0, then ue(0) three times
    # (id 0, chroma_format_idc 0 = 4:0:0, bit depth 8): read past the 03, the codes would come out wrong.
    assert sps_chroma(bytes([0x67, 100, 0x00, 0x00, 0x03, 0xE0])) == (0, 8)


def test_not_an_mp4_is_one_line(files):
    with pytest.raises(ValueError):
        read_mp4_boxes(files["mkv"])
    with pytest.raises(RenderError, match="not a readable video") as err:
        probe(files["mkv"])
    assert "\n" not in str(err.value)


def test_unreadable_files_are_one_line_errors(tmp_path):
    with pytest.raises(RenderError, match="cannot read video"):
        probe(tmp_path / "missing.mp4")
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"this is not a video" * 10)
    with pytest.raises(RenderError) as err:
        probe(junk)
    assert "not a readable video" in str(err.value) and "\n" not in str(err.value)
