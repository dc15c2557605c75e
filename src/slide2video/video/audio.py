"""The soundtrack: music bed, narration, ducking and loudness, mixed into one 48 kHz stereo WAV.

The video writer muxes the WAV as AAC, so everything audible is decided here. Mixing is done in numpy (sample
exact, deterministic); ffmpeg (the one imageio-ffmpeg ships, never a system one) only decodes the inputs and
measures loudness with its EBU R128 `ebur128` filter, so the reported figures are the standard's, not ours.

Level chain: each source is first levelled to the target on its own (so a quiet voice is not drowned by a loud
track), music is looped or trimmed, faded, and ducked under the narration with a smooth gain envelope; the mix is
then gained to the target integrated loudness, a look-ahead true-peak limiter keeps it under the ceiling, and the
written file is measured again: that measurement is what the report says.
"""

from __future__ import annotations

import re
import subprocess
import wave
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import OutputError, RenderError
from ..fileio import atomic_path
from . import ffmpeg
from .limiter import db_to_gain, limit_true_peak

SAMPLE_RATE = 48000
CHANNELS = 2

_SILENCE_DBFS = -60.0  # music edges quieter than this are trimmed before looping
_VOICE_DBFS = -50.0  # narration quieter than this at its edges does not duck the music
_MAX_SOURCE_GAIN_DB = 30.0  # never lift a source more than this (it would only raise its noise)
_LIMITER_MARGIN_DB = 0.5  # the limiter aims this far under the ceiling: AAC and other meters overshoot a little
_MAX_LIMITING_DB = 6.0  # chase the target loudness only while the limiter takes off less than this


@dataclass(frozen=True)
class Loudness:
    """EBU R128 measurement: integrated loudness (LUFS), true peak (dBTP) and loudness range (LU)."""

    integrated_lufs: float
    true_peak_dbtp: float
    lra: float


@dataclass(frozen=True)
class SoundtrackReport:
    """What `build_soundtrack` wrote, with the loudness measured on the written file."""

    path: Path
    samples: int
    sample_rate: int
    loudness: Loudness | None  # None for a silent track (there is nothing to measure)
    gain_db: float = 0.0  # gain applied to the levelled mix to reach the target
    limiter_db: float = 0.0  # deepest gain reduction of the true-peak limiter (0 = untouched)
    music_copies: int = 0  # 0 = no music, 1 = trimmed or exact, >1 = looped
    warnings: list[str] = field(default_factory=list)

    @property
    def duration(self) -> float:
        return self.samples / self.sample_rate

    @property
    def silent(self) -> bool:
        return self.loudness is None


# --- ffmpeg -----------------------------------------------------------------------------------------------------


def _run_ffmpeg(args: Sequence[str], *, stdin: bytes | memoryview | None = None) -> subprocess.CompletedProcess[bytes]:
    proc = ffmpeg.run(args, input=stdin)
    if proc.returncode < 0:  # killed: say so rather than guess a reason from a log cut short
        proc.stderr = ffmpeg.failure(proc.returncode, proc.stderr).encode()
    return proc


def _ffmpeg_reason(stderr: bytes) -> str:
    """One readable reason out of ffmpeg's error output, in the words a user of audio files knows."""
    joined = "\n".join(ffmpeg.log_lines(stderr))
    if "matches no streams" in joined:
        return "contains no audio stream"
    if "Permission denied" in joined:
        return "permission denied"
    if "Invalid data found" in joined or "Failed to find two consecutive MPEG" in joined:
        return "not an audio file ffmpeg can read (invalid data)"
    if "No such file" in joined:
        return "file not found"
    return ffmpeg.reason(stderr, "ffmpeg could not decode it")


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise RenderError("audio file not found", path=path)
    if path.is_dir():
        raise RenderError("is a folder, expected an audio file", path=path)
    if not path.is_file():  # a FIFO or device: ffmpeg would wait on it forever, or read endless data
        raise RenderError("not a regular file (a pipe, device or socket); give the audio file itself", path=path)
    if path.stat().st_size == 0:
        raise RenderError("audio file is empty (0 bytes)", path=path)


def _input_args(path: Path) -> list[str]:
    # "file:" stops ffmpeg from reading a name such as "pipe:1" or "http:x" as a protocol.
    return ["-i", f"file:{path.resolve()}", "-map", "0:a:0", "-vn", "-sn", "-dn"]


# --- decoding and measuring ---------------------------------------------------------------------------------------


def decode_audio(path: str | Path, sample_rate: int = SAMPLE_RATE, max_seconds: float | None = None) -> np.ndarray:
    """Decode any audio ffmpeg reads (first audio stream) to float32 stereo, shape (n, 2), at `sample_rate`.

    `max_seconds` stops decoding early (an hour-long mix under a one-minute video need not fill memory).
    Raises `RenderError` naming the file and one reason: missing, empty, not audio, no audio stream, no samples.
    """
    path = Path(path)
    _check_readable(path)
    args = ["-v", "error", *_input_args(path), "-ac", str(CHANNELS), "-ar", str(sample_rate)]
    if max_seconds is not None:
        args += ["-t", f"{max_seconds:.6f}"]
    proc = _run_ffmpeg([*args, "-f", "f32le", "-c:a", "pcm_f32le", "pipe:1"])
    if proc.returncode != 0:
        raise RenderError(f"cannot read audio: {_ffmpeg_reason(proc.stderr)}", path=path)
    data = np.frombuffer(proc.stdout, dtype="<f4")
    usable = len(data) - len(data) % CHANNELS
    if usable == 0:
        raise RenderError("cannot read audio: it decodes to no samples", path=path)
    return np.nan_to_num(data[:usable].reshape(-1, CHANNELS).astype(np.float32), nan=0.0, posinf=0.0, neginf=0.0)


def audio_duration(path: str | Path) -> float:
    """Exact duration in seconds, by decoding (container headers are often wrong for MP3 and streamed files)."""
    path = Path(path)
    _check_readable(path)
    proc = _run_ffmpeg(
        ["-v", "error", *_input_args(path), "-ac", "1", "-ar", str(SAMPLE_RATE), "-f", "s16le", "pipe:1"]
    )
    if proc.returncode != 0:
        raise RenderError(f"cannot read audio: {_ffmpeg_reason(proc.stderr)}", path=path)
    samples = len(proc.stdout) // 2
    if samples == 0:
        raise RenderError("cannot read audio: it decodes to no samples", path=path)
    return samples / SAMPLE_RATE


_SUMMARY = {
    "integrated_lufs": re.compile(r"^\s*I:\s*(\S+)\s+LUFS", re.M),
    "lra": re.compile(r"^\s*LRA:\s*(\S+)\s+LU\b", re.M),
    "true_peak_dbtp": re.compile(r"^\s*Peak:\s*(\S+)\s+dBFS", re.M),
}


def measure_loudness(source: str | Path | np.ndarray, sample_rate: int = SAMPLE_RATE) -> Loudness:
    """Measure a file or a float array ((n,) or (n, channels), at `sample_rate`) with ffmpeg's ebur128 filter.

    True peak is ebur128's 4x-oversampled peak. Silence measures as -70 LUFS (the standard's absolute gate) and
    a true peak of -inf.
    """
    meter = ["-af", "ebur128=peak=true:framelog=quiet", "-f", "null", "-"]
    if isinstance(source, np.ndarray):
        arr = np.ascontiguousarray(source, dtype="<f4")
        channels = 1 if arr.ndim == 1 else arr.shape[1]
        if arr.size == 0:
            raise ValueError("cannot measure an empty signal")
        raw = arr.reshape(-1).view(np.uint8).data
        args = ["-f", "f32le", "-ar", str(sample_rate), "-ac", str(channels), "-i", "pipe:0", *meter]
        proc = _run_ffmpeg(args, stdin=raw)
        where = None
    else:
        where = Path(source)
        _check_readable(where)
        proc = _run_ffmpeg([*_input_args(where), *meter])
    if proc.returncode != 0:
        raise RenderError(f"cannot measure loudness: {_ffmpeg_reason(proc.stderr)}", path=where)
    text = proc.stderr.decode("utf-8", "replace")
    summary = text[text.rfind("Summary:") :]
    values = {}
    for key, pattern in _SUMMARY.items():
        match = pattern.search(summary)
        if not match:
            raise RenderError("cannot measure loudness: ffmpeg printed no ebur128 summary", path=where)
        values[key] = float(match.group(1))
    return Loudness(**values)


# --- signal helpers -------------------------------------------------------------------------------------------------


def _active_range(x: np.ndarray, threshold_dbfs: float) -> tuple[int, int] | None:
    """[first, last+1) of the samples louder than the threshold, or None if all are quieter."""
    loud = np.flatnonzero(np.abs(x).max(axis=1) > db_to_gain(threshold_dbfs))
    if len(loud) == 0:
        return None
    return int(loud[0]), int(loud[-1]) + 1


def _level_to(x: np.ndarray, target_lufs: float, sample_rate: int) -> np.ndarray:
    """Scale a source to the target loudness; too short or silent sources (ebur128 says -70) stay as they are."""
    measured = measure_loudness(x, sample_rate).integrated_lufs
    if measured <= -69.0:
        return x
    return x * np.float32(db_to_gain(min(target_lufs - measured, _MAX_SOURCE_GAIN_DB)))


def _equal_power(c: int) -> tuple[np.ndarray, np.ndarray]:
    t = (np.arange(c, dtype=np.float64) + 0.5) / c
    return np.sin(0.5 * np.pi * t).astype(np.float32), np.cos(0.5 * np.pi * t).astype(np.float32)


def fit_music(x: np.ndarray, n: int, crossfade: int) -> tuple[np.ndarray, int]:
    """Trim `x` to `n` samples, or loop it with an equal-power crossfade of `crossfade` samples at each seam.

    Returns the (n, 2) bed and how many copies of the music it holds. The crossfade is capped at a quarter of the
    music so a very short loop still sounds mostly like itself.
    """
    m = len(x)
    if m >= n:
        return x[:n].copy(), 1
    c = max(0, min(crossfade, m // 4))
    period = m - c
    fade_in, fade_out = _equal_power(c)
    out = np.zeros((n, x.shape[1]), dtype=np.float32)
    pos, copies = 0, 0
    while pos < n:
        seg = x.copy()
        if copies > 0 and c:
            seg[:c] *= fade_in[:, None]
        if pos + period < n and c:  # another copy will start over this one's tail
            seg[m - c :] *= fade_out[:, None]
        end = min(n, pos + m)
        out[pos:end] += seg[: end - pos]
        pos += period
        copies += 1
    return out, copies


def fade_curve(length: int) -> np.ndarray:
    """Raised-cosine fade-in of `length` samples: starts at true silence and has no corner at either end."""
    if length <= 0:
        return np.ones(0, dtype=np.float32)
    t = (np.arange(length, dtype=np.float64)) / length
    return (0.5 - 0.5 * np.cos(np.pi * t)).astype(np.float32)


def duck_envelope(
    n: int,
    spans: Iterable[tuple[int, int]],
    duck_db: float,
    attack: int,
    release: int,
) -> np.ndarray:
    """Gain (linear, shape (n,)) for the music: `duck_db` inside each [start, end) span, 0 dB away from them.

    The gain moves smoothly (an S-curve in dB) over `attack` samples before a span starts and `release` samples
    after it ends, so the music dips just ahead of the first word and swells back after the last one. Spans closer
    than attack + release keep the music down in between instead of pumping.
    """
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start - attack <= merged[-1][1] + release:  # too close to swell in between
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    depth = np.zeros(n, dtype=np.float64)  # 0 = full level, 1 = fully ducked
    for start, end in merged:
        lo, hi = max(0, start - attack), min(n, end + release)
        if hi <= lo:
            continue
        t = np.arange(lo, hi, dtype=np.float64)
        down = (t - (start - attack)) / attack if attack > 0 else np.where(t >= start, 1.0, 0.0)
        up = ((end + release) - t) / release if release > 0 else np.where(t < end, 1.0, 0.0)
        ramp = np.clip(np.minimum(down, up), 0.0, 1.0)
        np.maximum(depth[lo:hi], ramp, out=depth[lo:hi])
    shaped = depth * depth * (3.0 - 2.0 * depth)  # smoothstep: no corners where the ramps meet the flats
    return (10.0 ** (duck_db * shaped / 20.0)).astype(np.float32)


# --- the soundtrack -----------------------------------------------------------------------------------------------


def _write_wav(path: Path, x: np.ndarray, sample_rate: int) -> None:
    pcm = np.clip(np.rint(x * 32767.0), -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(pcm.shape[1])
        wav.setsampwidth(2)
        wav.setframerate(sample_rate)
        wav.writeframes(pcm.tobytes())


def _place_narrations(
    narrations: Sequence[tuple[float, str | Path]],
    n: int,
    sample_rate: int,
    target_lufs: float,
    warnings: list[str],
) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Decode, level and place each clip; return the voice track and the spans where someone is speaking."""
    voice = np.zeros((n, CHANNELS), dtype=np.float32)
    spans: list[tuple[int, int]] = []
    last_end, last_path = 0, None
    levelled: dict[str, np.ndarray] = {}
    for start, clip_path in sorted(narrations, key=lambda item: item[0]):
        if start < 0:
            raise ValueError(f"narration start must be >= 0, got {start}")
        key = str(Path(clip_path).resolve())
        if key not in levelled:  # one file may be placed many times (a repeated jingle): decode and level it once
            levelled[key] = _level_to(decode_audio(clip_path, sample_rate), target_lufs, sample_rate)
        clip = levelled[key]
        at = round(start * sample_rate)
        if at >= n:
            warnings.append(f"{clip_path}: narration starts at {start:.2f} s, after the video ends; left out")
            continue
        if at < last_end:
            warnings.append(f"{clip_path}: narration at {start:.2f} s overlaps the end of {last_path}")
        room = n - at
        if len(clip) > room:
            warnings.append(
                f"{clip_path}: narration is {len(clip) / sample_rate:.2f} s but only {room / sample_rate:.2f} s"
                f" remain after its start at {start:.2f} s; cut to fit"
            )
            clip = clip[:room].copy()
            tail = min(room, int(0.010 * sample_rate))  # a 10 ms fade so the cut does not click
            clip[room - tail :] *= fade_curve(tail)[::-1, None]
        voice[at : at + len(clip)] += clip
        active = _active_range(clip, _VOICE_DBFS)
        if active is None:
            warnings.append(f"{clip_path}: narration is silent")
        else:
            spans.append((at + active[0], at + active[1]))
        last_end, last_path = at + len(clip), clip_path
    return voice, spans


def _music_bed(
    music: str | Path,
    n: int,
    sample_rate: int,
    target_lufs: float,
    fade_in: float,
    fade_out: float,
    loop_crossfade: float,
    warnings: list[str],
) -> tuple[np.ndarray | None, int]:
    track = decode_audio(music, sample_rate, max_seconds=n / sample_rate + 1.0)
    if len(track) < n:  # looping: drop the silence encoders and editors leave at both ends, or the loop gaps
        active = _active_range(track, _SILENCE_DBFS)
        if active is None:
            warnings.append(f"{music}: music is silent; left out")
            return None, 0
        track = track[active[0] : active[1]]
    bed, copies = fit_music(track, n, round(loop_crossfade * sample_rate))
    bed = _level_to(bed, target_lufs, sample_rate)
    total = fade_in + fade_out
    duration = n / sample_rate
    if total > duration:  # a 2 s video cannot hold 1 s in + 1.5 s out: shrink both in proportion
        fade_in, fade_out = fade_in * duration / total, fade_out * duration / total
    fin, fout = round(fade_in * sample_rate), round(fade_out * sample_rate)
    if fin:
        bed[:fin] *= fade_curve(fin)[:, None]
    if fout:
        bed[n - fout :] *= fade_curve(fout)[::-1, None]
    return bed, copies


def build_soundtrack(
    duration: float,
    out_path: str | Path,
    music: str | Path | None = None,
    narrations: Sequence[tuple[float, str | Path]] = (),
    target_lufs: float = -14.0,
    fade_in: float = 1.0,
    fade_out: float = 1.5,
    duck_db: float = -12.0,
    silent: bool = False,
    *,
    true_peak_dbtp: float = -1.0,
    loop_crossfade: float = 0.5,
    duck_attack: float = 0.25,
    duck_release: float = 0.6,
    sample_rate: int = SAMPLE_RATE,
) -> SoundtrackReport | None:
    """Mix music and narration clips ((start seconds, file), ...) into a `duration`-long stereo WAV at `out_path`.

    Music is looped (crossfaded at the seam) or trimmed to the exact sample count, faded in and out, and ducked by
    `duck_db` under narration. The mix is brought to `target_lufs` integrated with its true peak under
    `true_peak_dbtp`. With no sources: a track of digital silence if `silent`, else None (no audio stream wanted).
    Every input is decoded before anything is written; the file appears whole or not at all.
    """
    if not duration > 0:
        raise ValueError(f"soundtrack duration must be positive, got {duration}")
    out_path = Path(out_path)
    n = round(duration * sample_rate)
    narrations = list(narrations)
    warnings: list[str] = []

    if music is None and not narrations:
        if not silent:
            return None
        _write_atomically(out_path, np.zeros((n, CHANNELS), dtype=np.float32), sample_rate)
        return SoundtrackReport(out_path, n, sample_rate, None)

    voice, spans = _place_narrations(narrations, n, sample_rate, target_lufs, warnings)
    mix = voice
    copies = 0
    if music is not None:
        bed, copies = _music_bed(music, n, sample_rate, target_lufs, fade_in, fade_out, loop_crossfade, warnings)
        if bed is not None:
            if spans:
                bed *= duck_envelope(
                    n, spans, duck_db, round(duck_attack * sample_rate), round(duck_release * sample_rate)
                )[:, None]
            mix = voice + bed

    mix, gain_db, limiter_db = _normalise(mix, target_lufs, true_peak_dbtp, sample_rate, warnings)
    loudness = _write_atomically(out_path, mix, sample_rate, measure=True)
    if loudness is not None and gain_db is not None and loudness.integrated_lufs < target_lufs - 1.0:
        warnings.append(
            f"the mix reaches {loudness.integrated_lufs:.1f} LUFS, not {target_lufs:.1f}: its peaks would need more"
            f" than {_MAX_LIMITING_DB:.0f} dB of limiting to stay under {true_peak_dbtp:.1f} dBTP"
        )
    return SoundtrackReport(out_path, n, sample_rate, loudness, gain_db or 0.0, limiter_db, copies, warnings)


def _normalise(
    mix: np.ndarray, target_lufs: float, ceiling_dbtp: float, sample_rate: int, warnings: list[str]
) -> tuple[np.ndarray, float | None, float]:
    """Gain to the target and limit the true peak; when the limiter acts, re-measure with ebur128 and correct.

    Limiting lowers the loudness a little and our peak estimate can differ from ebur128's by a fraction of a dB,
    so both are fed back. Very peaky material (drums, clicks) cannot reach the target without squashing it; we
    stop chasing loudness once the limiter takes off more than 6 dB and say so in the report.
    Returns (signal, gain in dB or None if the mix is silent, deepest limiter reduction in dB).
    """
    measured = measure_loudness(mix, sample_rate).integrated_lufs
    if measured <= -69.0:
        warnings.append("the mix is silent or too quiet to measure; written without loudness normalisation")
        return mix, None, 0.0
    gain_db = target_lufs - measured
    limit_at = ceiling_dbtp - _LIMITER_MARGIN_DB
    best: tuple[np.ndarray, float, float] | None = None
    for _ in range(5):
        out, limiter_db = limit_true_peak(mix * np.float32(db_to_gain(gain_db)), limit_at, sample_rate)
        if limiter_db == 0.0:
            best = (out, gain_db, limiter_db)
            break
        got = measure_loudness(out, sample_rate)
        if got.true_peak_dbtp > ceiling_dbtp - 0.1:  # our peak estimate was optimistic: same gain, lower ceiling
            limit_at -= got.true_peak_dbtp - (ceiling_dbtp - 0.1) + 0.1
            continue
        if best is not None and limiter_db < -_MAX_LIMITING_DB:
            break  # more gain would only buy more squashing: keep the previous round
        best = (out, gain_db, limiter_db)
        error = target_lufs - got.integrated_lufs
        if abs(error) < 0.2 or limiter_db < -_MAX_LIMITING_DB:
            break
        gain_db += error
    if best is None:  # rounds ran out while lowering the ceiling (not seen in practice): keep the last one
        best = (out, gain_db, limiter_db)
    return best


def _write_atomically(path: Path, x: np.ndarray, sample_rate: int, *, measure: bool = False) -> Loudness | None:
    """Write the WAV under a temporary name, measure that file if asked, then rename it into place."""
    try:
        with atomic_path(path, suffix=".wav") as tmp:
            _write_wav(tmp, x, sample_rate)
            return measure_loudness(tmp) if measure else None
    except IsADirectoryError:
        raise OutputError("is a folder, expected a file path", path=path) from None
    except OSError as exc:
        raise OutputError(f"cannot write ({exc.strerror or exc})", path=path) from None
