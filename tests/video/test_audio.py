"""Soundtrack: decoding errors, loudness, looping/trimming, fades, ducking, silence, atomic output.

Test media are generated here (numpy + the stdlib `wave` module, or ffmpeg's lavfi sources), seconds long.
Loudness is checked with ffmpeg's `loudnorm` analyser, not the `ebur128` path the module itself uses.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from slide2video.errors import RenderError
from slide2video.video import audio
from slide2video.video.audio import (
    SAMPLE_RATE,
    audio_duration,
    build_soundtrack,
    decode_audio,
    duck_envelope,
    fit_music,
    measure_loudness,
)
from slide2video.video.ffmpeg import ffmpeg_exe
from slide2video.video.limiter import limit_true_peak

SR = SAMPLE_RATE


# --- helpers ------------------------------------------------------------------------------------------------------


def write_wav(path: Path, x: np.ndarray, sr: int = SR) -> Path:
    x = x[:, None] if x.ndim == 1 else x
    pcm = np.clip(np.rint(x * 32767), -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(x.shape[1])
        w.setsampwidth(2)
        w.setframerate(sr)
        w.writeframes(pcm.tobytes())
    return path


def read_wav(path: Path) -> tuple[np.ndarray, int, int]:
    """(samples as float (n, channels), sample rate, sample width in bytes)."""
    with wave.open(str(path), "rb") as w:
        raw = w.readframes(w.getnframes())
        x = np.frombuffer(raw, dtype="<i2").reshape(-1, w.getnchannels()).astype(np.float64) / 32767
        return x, w.getframerate(), w.getsampwidth()


def tone(freq: float, seconds: float, amp: float = 0.3, sr: int = SR, stereo: bool = True) -> np.ndarray:
    t = np.arange(round(seconds * sr)) / sr
    x = amp * np.cos(2 * np.pi * freq * t)
    return np.stack([x, x], axis=1) if stereo else x


def chirp(seconds: float, f0: float = 200.0, f1: float = 2000.0, amp: float = 0.3) -> np.ndarray:
    """A sweep: no two moments sound alike, so a repeat of the content can only come from looping."""
    t = np.arange(round(seconds * SR)) / SR
    x = amp * np.cos(2 * np.pi * (f0 * t + (f1 - f0) * t * t / (2 * seconds)))
    return np.stack([x, 0.8 * x], axis=1)


def loudnorm_analysis(path: Path) -> dict[str, float]:
    """Independent loudness figures: ffmpeg's loudnorm first pass (JSON), not the ebur128 summary."""
    proc = subprocess.run(
        [
            ffmpeg_exe(),
            "-nostdin",
            "-hide_banner",
            "-i",
            str(path),
            "-af",
            "loudnorm=print_format=json",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        check=True,
    )
    text = proc.stderr.decode()
    data = json.loads(text[text.rindex("{") : text.rindex("}") + 1])
    return {key: float(data[key]) for key in ("input_i", "input_tp")}


def level_db(x: np.ndarray, freq: float, start: float, length: float = 0.05) -> float:
    """Amplitude (dB) of the `freq` component of channel 0 in a window (integer cycles: others cancel out)."""
    a, b = round(start * SR), round((start + length) * SR)
    seg = x[a:b, 0]
    t = np.arange(a, b) / SR
    amp = 2 * abs(np.sum(seg * np.exp(-2j * np.pi * freq * t))) / len(seg)
    return float(20 * np.log10(max(amp, 1e-12)))


def rms_db(x: np.ndarray) -> float:
    return float(10 * np.log10(max(float(np.mean(x**2)), 1e-20)))


@pytest.fixture
def music(tmp_path: Path) -> Path:
    return write_wav(tmp_path / "music.wav", chirp(2.0, amp=0.05))  # quiet on purpose: must be brought up


# --- decoding and its errors ----------------------------------------------------------------------------------------


def test_decode_wav_mono_to_stereo_48k(tmp_path: Path) -> None:
    src = write_wav(tmp_path / "mono.wav", tone(1000, 0.5, sr=44100, stereo=False), sr=44100)
    x = decode_audio(src)
    assert x.dtype == np.float32 and x.shape == (24000, 2)
    assert np.allclose(x[:, 0], x[:, 1])
    assert audio_duration(src) == pytest.approx(0.5, abs=1e-4)
    assert decode_audio(src, max_seconds=0.25).shape == (12000, 2)  # long music is not decoded past the need


def test_decode_compressed_file(tmp_path: Path) -> None:
    mp3 = tmp_path / "beep.mp3"
    subprocess.run(
        [
            ffmpeg_exe(),
            "-v",
            "error",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=1.5",
            "-c:a",
            "libmp3lame",
            str(mp3),
        ],
        check=True,
    )
    assert audio_duration(mp3) == pytest.approx(1.5, abs=0.03)
    assert decode_audio(mp3).shape[1] == 2


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_text("this is not an mp3\n" * 20), "not an audio file"),
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: None, "not found"),
        (lambda p: p.mkdir(), "folder"),
    ],
    ids=["text-named-mp3", "zero-bytes", "missing", "folder"],
)
def test_bad_audio_one_line_naming_the_file(tmp_path: Path, make, reason: str) -> None:
    bad = tmp_path / "song.mp3"
    make(bad)
    for call in (decode_audio, audio_duration, measure_loudness):
        with pytest.raises(RenderError) as info:
            call(bad)
        message = info.value.format_message()
        assert "\n" not in message and "Traceback" not in message
        assert message.startswith(str(bad)) and reason in message


def test_video_without_audio_stream(tmp_path: Path) -> None:
    video = tmp_path / "clip.mp4"
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", "color=c=red:s=32x32:d=0.2", str(video)], check=True
    )
    with pytest.raises(RenderError, match="no audio stream"):
        decode_audio(video)


def test_bad_music_or_narration_writes_nothing(tmp_path: Path, music: Path) -> None:
    bad = tmp_path / "voice.mp3"
    bad.write_text("hello")
    out = tmp_path / "out" / "track.wav"
    with pytest.raises(RenderError, match=r"voice\.mp3"):
        build_soundtrack(3.0, out, music=music, narrations=[(0.5, bad)])
    with pytest.raises(RenderError, match=r"voice\.mp3"):
        build_soundtrack(3.0, out, music=bad)
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_failure_while_writing_leaves_old_file_and_no_temp(tmp_path: Path, music: Path, monkeypatch) -> None:
    out = tmp_path / "track.wav"
    out.write_bytes(b"previous render")

    def broken(source, sample_rate=SR):
        if isinstance(source, Path):  # the final measurement of the written temp file
            raise RenderError("meter exploded", path=source)
        return real(source, sample_rate)

    real = audio.measure_loudness
    monkeypatch.setattr(audio, "measure_loudness", broken)
    with pytest.raises(RenderError, match="meter exploded"):
        build_soundtrack(3.0, out, music=music)
    assert out.read_bytes() == b"previous render"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["music.wav", "track.wav"]


# --- loudness -------------------------------------------------------------------------------------------------------


def test_measure_loudness_reference_sine(tmp_path: Path) -> None:
    # BS.1770: a 1 kHz sine at -20 dBFS in both channels reads -20 LUFS (K-weighting is ~0 dB at 1 kHz).
    x = tone(1000, 3.0, amp=10 ** (-20 / 20))
    got = measure_loudness(x.astype(np.float32))
    assert got.integrated_lufs == pytest.approx(-20.0, abs=0.2)
    assert got.true_peak_dbtp == pytest.approx(-20.0, abs=0.2)
    from_file = measure_loudness(write_wav(tmp_path / "ref.wav", x))
    assert from_file.integrated_lufs == pytest.approx(got.integrated_lufs, abs=0.1)


@pytest.mark.parametrize("target", [-14.0, -18.0])
def test_music_normalised_to_target(tmp_path: Path, music: Path, target: float) -> None:
    out = tmp_path / "track.wav"
    report = build_soundtrack(4.0, out, music=music, target_lufs=target)
    assert report is not None and report.path == out
    assert report.loudness is not None
    independent = loudnorm_analysis(out)
    assert independent["input_i"] == pytest.approx(target, abs=1.0)
    assert independent["input_tp"] <= -1.0
    assert report.loudness.integrated_lufs == pytest.approx(independent["input_i"], abs=0.3)
    x, sr, width = read_wav(out)
    assert (sr, x.shape[1], width) == (48000, 2, 2)


def test_peaky_music_is_limited_under_true_peak_ceiling(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    n = 3 * SR
    hiss = np.stack([np.convolve(rng.standard_normal(n + 15), np.ones(16) / 16, "valid") for _ in range(2)], axis=1)
    x = 0.1 * hiss / hiss.std()
    x[SR // 4 :: SR // 2] = 0.9  # clicks: loud peaks that add almost no loudness
    music = write_wav(tmp_path / "clicks.wav", x)
    out = tmp_path / "track.wav"
    report = build_soundtrack(3.0, out, music=music, fade_in=0.2, fade_out=0.2)
    assert report is not None
    independent = loudnorm_analysis(out)
    assert report.limiter_db < -1.0  # at -14 LUFS the clicks would peak above 0 dBFS: the limiter had to act
    assert independent["input_tp"] <= -1.0
    assert independent["input_i"] == pytest.approx(-14.0, abs=1.0)
    assert report.warnings == []


def test_too_peaky_music_says_it_stays_quieter(tmp_path: Path) -> None:
    rng = np.random.default_rng(8)
    x = 0.003 * rng.standard_normal((3 * SR, 2))
    for k in range(0, 3 * SR, SR // 4):  # drum-like bursts, 18 dB crest factor
        burst = 0.9 * np.exp(-np.arange(2400) / 400)[:, None] * rng.standard_normal((2400, 2))
        x[k : k + 2400] += burst[: len(x) - k]
    music = write_wav(tmp_path / "drums.wav", np.clip(x, -1, 1))
    report = build_soundtrack(3.0, tmp_path / "track.wav", music=music)
    assert report is not None
    assert report.loudness is not None
    assert report.loudness.true_peak_dbtp <= -1.0
    assert any("LUFS, not -14.0" in w for w in report.warnings)


def test_limiter_leaves_quiet_signal_alone_and_caps_loud_one() -> None:
    quiet = tone(500, 0.5, amp=0.1).astype(np.float32)
    same, reduction = limit_true_peak(quiet, -1.0)
    assert reduction == 0.0 and same is quiet
    t = np.arange(SR) / SR
    loud = np.repeat(1.5 * np.sin(2 * np.pi * 500 * t)[:, None], 2, axis=1).astype(np.float32)  # starts at 0
    loud[SR // 2 :] *= 0.2  # a loud half and a quiet half: only the loud half is turned down
    limited, reduction = limit_true_peak(loud, -3.0)
    assert reduction == pytest.approx(20 * np.log10(10 ** (-3 / 20) / 1.5), abs=0.3)
    assert measure_loudness(limited).true_peak_dbtp <= -2.9
    assert np.allclose(limited[-SR // 4 :], loud[-SR // 4 :])  # released well after the loud part


# --- length, loop, trim, fades --------------------------------------------------------------------------------------


def test_short_music_is_looped_to_exact_length(tmp_path: Path) -> None:
    src = chirp(1.2)
    music = write_wav(tmp_path / "loop.wav", src)
    out = tmp_path / "track.wav"
    report = build_soundtrack(4.3, out, music=music, fade_in=0, fade_out=0, loop_crossfade=0.1)
    assert report is not None
    x, _, _ = read_wav(out)
    assert len(x) == round(4.3 * SR) == report.samples
    assert report.music_copies == 4  # period 1.1 s: copies start at 0, 1.1, 2.2, 3.3
    # The second copy, past its crossfade, is the music from 0.1 s on, scaled by one gain.
    seg = x[round(1.2 * SR) : round(2.2 * SR)]
    ref = src[round(0.1 * SR) : round(1.1 * SR)]
    gain = np.sum(seg * ref) / np.sum(ref * ref)
    assert np.max(np.abs(seg - gain * ref)) < 2e-3
    # No hole at the seams: every 50 ms stays near the overall level.
    levels = [rms_db(x[i : i + SR // 20]) for i in range(0, len(x) - SR // 20, SR // 20)]
    assert max(levels) - min(levels) < 3.0


def test_long_music_is_trimmed_to_exact_length(tmp_path: Path) -> None:
    src = chirp(6.0)
    music = write_wav(tmp_path / "long.wav", src)
    out = tmp_path / "track.wav"
    report = build_soundtrack(2.345, out, music=music, fade_in=0, fade_out=0)
    assert report is not None
    x, _, _ = read_wav(out)
    assert len(x) == round(2.345 * SR) and report.music_copies == 1
    ref = src[: len(x)]
    gain = np.sum(x * ref) / np.sum(ref * ref)
    assert np.max(np.abs(x - gain * ref)) < 2e-3


def test_fit_music_equal_power_seam_keeps_level() -> None:
    rng = np.random.default_rng(3)
    x = (0.1 * rng.standard_normal((SR, 2))).astype(np.float32)
    bed, copies = fit_music(x, 3 * SR, crossfade=SR // 5)
    assert bed.shape == (3 * SR, 2) and copies == 4
    seam = bed[round(0.8 * SR) : SR]  # first crossfade: uncorrelated halves, equal power keeps the level
    assert abs(rms_db(seam) - rms_db(x)) < 1.0


def test_fades_start_and_end_near_silence(tmp_path: Path) -> None:
    music = write_wav(tmp_path / "hum.wav", tone(440, 5.0))
    out = tmp_path / "track.wav"
    build_soundtrack(5.0, out, music=music, fade_in=1.0, fade_out=1.5)
    x, _, _ = read_wav(out)
    steady = rms_db(x[2 * SR : 3 * SR])
    assert rms_db(x[: SR // 50]) < steady - 40  # first 20 ms
    assert rms_db(x[-SR // 50 :]) < steady - 40  # last 20 ms
    ramp = [rms_db(x[i : i + SR // 10]) for i in range(0, SR, SR // 10)]
    assert all(b > a for a, b in itertools.pairwise(ramp))  # rises steadily
    assert rms_db(x[round(1.05 * SR) : round(1.95 * SR)]) == pytest.approx(steady, abs=0.1)


def test_fades_longer_than_video_are_shrunk(tmp_path: Path) -> None:
    music = write_wav(tmp_path / "hum.wav", tone(440, 2.0))
    report = build_soundtrack(1.0, tmp_path / "t.wav", music=music, fade_in=1.0, fade_out=1.5)
    assert report is not None
    x, _, _ = read_wav(report.path)
    assert len(x) == SR and np.abs(x).max() > 0.05  # still audible in the middle


# --- narration and ducking ------------------------------------------------------------------------------------------


def test_music_ducks_smoothly_under_narration(tmp_path: Path) -> None:
    music = write_wav(tmp_path / "bed.wav", tone(440, 2.0))
    voice = write_wav(tmp_path / "voice.wav", tone(2000, 2.0, stereo=False))
    out = tmp_path / "track.wav"
    report = build_soundtrack(6.0, out, music=music, narrations=[(2.0, voice)], fade_in=0.3, fade_out=0.3)
    assert report is not None
    assert report.warnings == []
    x, _, _ = read_wav(out)
    outside = np.mean([level_db(x, 440, t) for t in (0.6, 1.0, 1.4, 4.9, 5.2)])
    during = np.mean([level_db(x, 440, t) for t in (2.4, 3.0, 3.6)])
    assert outside - during >= 9.0
    assert level_db(x, 2000, 3.0) > during + 6  # the voice is on top during the narration
    assert level_db(x, 2000, 1.0) < -60  # and absent before it
    # Smooth: the music glides down over several windows instead of jumping 12 dB at once.
    steps = [level_db(x, 440, 1.5 + k * 0.05) for k in range(12)]
    assert max(abs(b - a) for a, b in itertools.pairwise(steps)) < 6.0
    assert any(outside - 10 < s < outside - 2 for s in steps)


def test_duck_envelope_shape() -> None:
    env = duck_envelope(1000, [(400, 600)], duck_db=-12.0, attack=100, release=200)
    db = 20 * np.log10(env)
    assert np.allclose(db[:300], 0) and np.allclose(db[400:600], -12) and np.allclose(db[800:], 0)
    assert np.all(np.diff(db[300:400]) <= 0) and np.all(np.diff(db[600:800]) >= 0)
    close = duck_envelope(1000, [(200, 300), (400, 500)], duck_db=-12.0, attack=100, release=200)
    assert np.allclose(20 * np.log10(close[200:500]), -12)  # no pumping between close clips


def test_narration_only_and_too_long_clip_warns(tmp_path: Path) -> None:
    voice = write_wav(tmp_path / "voice.wav", tone(300, 2.0, amp=0.05, stereo=False))
    out = tmp_path / "track.wav"
    report = build_soundtrack(3.0, out, narrations=[(0.2, voice), (2.0, voice), (5.0, voice)])
    assert report is not None
    assert report.samples == 3 * SR and report.music_copies == 0
    assert any("cut to fit" in w and "voice.wav" in w for w in report.warnings)
    assert any("after the video ends" in w for w in report.warnings)
    assert any("overlaps" in w for w in report.warnings)
    assert loudnorm_analysis(out)["input_i"] == pytest.approx(-14.0, abs=1.0)
    x, _, _ = read_wav(out)
    assert np.abs(x[: round(0.19 * SR)]).max() == 0  # nothing before the first clip
    assert np.abs(x[-10:]).max() < 0.01  # the cut clip is faded, not clipped off mid-wave


# --- silence and no audio -------------------------------------------------------------------------------------------


def test_silent_track_has_exact_duration(tmp_path: Path) -> None:
    out = tmp_path / "silence.wav"
    report = build_soundtrack(2.5, out, silent=True)
    assert report is not None
    x, sr, width = read_wav(out)
    assert (sr, x.shape, width) == (48000, (120000, 2), 2)
    assert not x.any()
    assert report.silent and report.duration == 2.5


def test_no_sources_no_audio(tmp_path: Path) -> None:
    out = tmp_path / "none.wav"
    assert build_soundtrack(3.0, out) is None
    assert not out.exists()


def test_same_input_same_bytes(tmp_path: Path, music: Path) -> None:
    voice = write_wav(tmp_path / "voice.wav", tone(2000, 1.0, stereo=False))
    a = build_soundtrack(3.0, tmp_path / "a.wav", music=music, narrations=[(1.0, voice)])
    assert a is not None
    b = build_soundtrack(3.0, tmp_path / "b.wav", music=music, narrations=[(1.0, voice)])
    assert b is not None
    assert a.path.read_bytes() == b.path.read_bytes()


def test_invalid_arguments(tmp_path: Path, music: Path) -> None:
    with pytest.raises(ValueError, match="positive"):
        build_soundtrack(0, tmp_path / "x.wav", music=music)
    with pytest.raises(ValueError, match=">= 0"):
        build_soundtrack(2.0, tmp_path / "x.wav", narrations=[(-1.0, music)])
