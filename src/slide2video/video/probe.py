"""What a written video really contains, and whether a platform will take it.

imageio-ffmpeg ships `ffmpeg` but not `ffprobe`, so stream facts come from parsing `ffmpeg -i FILE` (codec,
profile, pixel format, audio) and exact numbers from the MP4 boxes themselves (top-level atom order for
`+faststart`, frame count and duration from the sample tables, constant frame rate from `stts`).
`validate` turns a mismatch with the preset into an error instead of a silent bad upload.
"""

from __future__ import annotations

import contextlib
import functools
import re
import struct
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config.presets import Preset
from ..errors import RenderError


@functools.cache
def ffmpeg_exe() -> str:
    """The one ffmpeg everything runs: the binary moviepy encodes with (imageio-ffmpeg's bundled one unless the
    FFMPEG_BINARY environment variable says otherwise), so probing, audio and encoding never disagree."""
    try:
        from moviepy.config import FFMPEG_BINARY
    except Exception as exc:  # ImportError, or imageio-ffmpeg's RuntimeError when its binary is missing
        raise RenderError(f"ffmpeg is not available ({exc}); reinstall imageio-ffmpeg") from None
    return str(FFMPEG_BINARY)


@dataclass(frozen=True)
class Track:
    """One track from the MP4 sample tables."""

    handler: str  # "vide", "soun", ...
    codec: str  # sample entry fourcc: "avc1", "mp4a", ...
    timescale: int
    duration: float
    samples: int
    constant_rate: bool  # every sample lasts the same (the last may be shorter)
    rate: float = 0.0  # samples per second from the first sample's duration
    width: int = 0
    height: int = 0
    profile_idc: int | None = None
    sample_rate: int | None = None
    channels: int | None = None


@dataclass(frozen=True)
class Probe:
    path: Path
    size_bytes: int
    duration: float  # container duration, seconds
    video_codec: str | None = None
    profile: str | None = None
    pix_fmt: str | None = None
    width: int = 0
    height: int = 0
    fps: float = 0.0
    frames: int = 0
    constant_frame_rate: bool | None = None
    video_duration: float = 0.0
    audio_codec: str | None = None
    sample_rate: int | None = None
    channels: int | None = None
    audio_duration: float | None = None
    atoms: tuple[str, ...] = ()  # top-level MP4 boxes in file order
    tracks: tuple[Track, ...] = field(default=(), repr=False)

    @property
    def size(self) -> tuple[int, int]:
        return (self.width, self.height)

    @property
    def size_mb(self) -> float:
        return self.size_bytes / 1_000_000

    @property
    def faststart(self) -> bool:
        """moov (the index) before mdat (the media): players can start before the whole file has arrived."""
        return "moov" in self.atoms and "mdat" in self.atoms and self.atoms.index("moov") < self.atoms.index("mdat")


def probe(path: str | Path) -> Probe:
    """Inspect a video file; raises `RenderError` if it is missing or not a video ffmpeg can read."""
    path = Path(path)
    try:
        size_bytes = path.stat().st_size
    except OSError as exc:
        raise RenderError(f"cannot read video ({exc.strerror or exc})", path=path) from None
    text = _ffmpeg_info(path)
    info = _parse_ffmpeg_info(text, path)
    atoms: tuple[str, ...] = ()
    tracks: tuple[Track, ...] = ()
    with contextlib.suppress(ValueError):  # not an MP4: the ffmpeg text is all there is
        atoms, tracks = read_mp4_boxes(path)
    video = next((t for t in tracks if t.handler == "vide"), None)
    audio = next((t for t in tracks if t.handler == "soun"), None)
    if video is not None:
        info.update(
            frames=video.samples,
            video_duration=video.duration,
            constant_frame_rate=video.constant_rate,
            fps=video.rate or info.get("fps", 0.0),
        )
    elif info.get("video_codec"):
        info["frames"] = count_frames(path)
        info["video_duration"] = info["duration"]
    if audio is not None:
        info["audio_duration"] = audio.duration
        info.setdefault("sample_rate", audio.sample_rate)
    return Probe(path=path, size_bytes=size_bytes, atoms=atoms, tracks=tracks, **info)


def _run(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", *args], capture_output=True, check=False)


def _ffmpeg_info(path: Path) -> str:
    text = _run(["-i", str(path)]).stderr.decode("utf-8", "replace")
    if "Input #0" not in text:
        last = [ln.strip() for ln in text.splitlines() if ln.strip()]
        reason = last[-1].split(": ", 1)[-1] if last else "ffmpeg cannot read it"
        raise RenderError(f"not a readable video ({reason})", path=path)
    return text


def _split_top(text: str) -> list[str]:
    """Split an ffmpeg stream description at commas outside parentheses and brackets."""
    parts: list[str] = []
    cur: list[str] = []
    depth = 0
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur).strip())
    return parts


_DURATION = re.compile(r"Duration: (\d+):(\d+):(\d+(?:\.\d+)?)")
_STREAM = re.compile(r"Stream #\d+:\d+\S*: (Video|Audio): (.*)")


def _parse_ffmpeg_info(text: str, path: Path) -> dict[str, Any]:
    info: dict[str, Any] = {"duration": 0.0}
    if m := _DURATION.search(text):
        h, mi, s = m.groups()
        info["duration"] = int(h) * 3600 + int(mi) * 60 + float(s)
    for m in _STREAM.finditer(text):
        kind, desc = m.groups()
        parts = _split_top(desc)
        codec = parts[0].split()[0]
        paren = re.findall(r"\(([^)]*)\)", parts[0])
        if kind == "Video" and "video_codec" not in info:
            info["video_codec"] = codec
            if paren and "/" not in paren[0]:
                info["profile"] = paren[0]
            for part in parts[1:]:
                if "pix_fmt" not in info and re.match(r"^[a-z0-9_]+(\(|$)", part):
                    info["pix_fmt"] = part.split("(")[0]
                if sz := re.match(r"^(\d+)x(\d+)", part):
                    info["width"], info["height"] = int(sz.group(1)), int(sz.group(2))
                if fps := re.match(r"^([\d.]+)(k?) fps$", part):
                    info["fps"] = float(fps.group(1)) * (1000 if fps.group(2) else 1)
        elif kind == "Audio" and "audio_codec" not in info:
            info["audio_codec"] = codec
            for part in parts[1:]:
                if hz := re.match(r"^(\d+) Hz$", part):
                    info["sample_rate"] = int(hz.group(1))
                elif part in ("mono", "stereo"):
                    info["channels"] = 1 if part == "mono" else 2
                elif ch := re.match(r"^(\d+) channels", part):
                    info["channels"] = int(ch.group(1))
    return info


def count_frames(path: str | Path) -> int:
    """Frames in the first video stream, counted by demuxing (no decoding) with ffmpeg."""
    text = _run(["-i", str(path), "-map", "0:v:0", "-c", "copy", "-f", "null", "-"]).stderr.decode("utf-8", "replace")
    counts = re.findall(r"frame=\s*(\d+)", text)
    if not counts:
        raise RenderError("cannot count the video's frames", path=path)
    return int(counts[-1])


# --- MP4 boxes -------------------------------------------------------------------------------------------------

_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl"}


def _boxes(data: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, payload start, payload end) for each box in data[start:end]."""
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, pos)
        header = 8
        if size == 1:
            if pos + 16 > end:
                raise ValueError("truncated box")
            size = struct.unpack_from(">Q", data, pos + 8)[0]
            header = 16
        elif size == 0:
            size = end - pos
        if size < header or pos + size > end:
            raise ValueError("bad box size")
        yield kind, pos + header, pos + size
        pos += size


def read_mp4_boxes(path: str | Path) -> tuple[tuple[str, ...], tuple[Track, ...]]:
    """Top-level box order and the tracks' sample tables; `ValueError` if the file is not an MP4."""
    atoms: list[str] = []
    moov = b""
    with open(path, "rb") as fh:
        fh.seek(0, 2)
        file_size = fh.tell()
        pos = 0
        while pos + 8 <= file_size:
            fh.seek(pos)
            head = fh.read(16)
            size, kind = struct.unpack_from(">I4s", head)
            header = 8
            if size == 1:
                size, header = struct.unpack_from(">Q", head, 8)[0], 16
            elif size == 0:
                size = file_size - pos
            if size < header or not kind.isascii() or not kind.strip(b" ").isalnum():
                raise ValueError("not an MP4 box structure")
            atoms.append(kind.decode("ascii"))
            if kind == b"moov":
                fh.seek(pos + header)
                moov = fh.read(size - header)
            pos += size
    if not atoms or atoms[0] not in ("ftyp", "styp") or not moov:
        raise ValueError("not an MP4 file")
    tracks = tuple(_track(moov, s, e) for kind, s, e in _boxes(moov, 0, len(moov)) if kind == b"trak")
    return tuple(atoms), tracks


def _find(data: bytes, start: int, end: int, path: list[bytes]) -> tuple[int, int] | None:
    for kind, s, e in _boxes(data, start, end):
        if kind == path[0]:
            return (s, e) if len(path) == 1 else _find(data, s, e, path[1:])
    return None


def _track(d: bytes, start: int, end: int) -> Track:
    mdia = _find(d, start, end, [b"mdia"])
    if mdia is None:
        raise ValueError("track without mdia")
    hdlr = _find(d, *mdia, [b"hdlr"])
    mdhd = _find(d, *mdia, [b"mdhd"])
    stbl = _find(d, *mdia, [b"minf", b"stbl"])
    if hdlr is None or mdhd is None or stbl is None:
        raise ValueError("incomplete track")
    handler = d[hdlr[0] + 8 : hdlr[0] + 12].decode("ascii", "replace")
    if d[mdhd[0]] == 1:
        timescale, duration = struct.unpack_from(">IQ", d, mdhd[0] + 20)
    else:
        timescale, duration = struct.unpack_from(">II", d, mdhd[0] + 12)
    stsz = _find(d, *stbl, [b"stsz"])
    samples = struct.unpack_from(">I", d, stsz[0] + 8)[0] if stsz else 0
    constant, rate = True, 0.0
    if stts := _find(d, *stbl, [b"stts"]):
        n = struct.unpack_from(">I", d, stts[0] + 4)[0]
        runs = [struct.unpack_from(">II", d, stts[0] + 8 + 8 * i) for i in range(n)]
        # One run of equal deltas, or one run plus a single shorter last sample, is constant frame rate.
        constant = n <= 1 or (n == 2 and runs[1][0] == 1 and runs[1][1] <= runs[0][1])
        rate = timescale / runs[0][1] if runs and runs[0][1] else 0.0
    codec, extra = "", {}
    if (stsd := _find(d, *stbl, [b"stsd"])) is not None:
        for kind, s, e in _boxes(d, stsd[0] + 8, stsd[1]):
            codec = kind.decode("ascii", "replace")
            if handler == "vide" and e - s >= 78:
                extra["width"], extra["height"] = struct.unpack_from(">HH", d, s + 24)
                if (avcc := _find(d, s + 78, e, [b"avcC"])) is not None:
                    extra["profile_idc"] = d[avcc[0] + 1]
            elif handler == "soun" and e - s >= 28:
                extra["channels"] = struct.unpack_from(">H", d, s + 16)[0]
                extra["sample_rate"] = struct.unpack_from(">I", d, s + 24)[0] >> 16
            break
    seconds = duration / timescale if timescale else 0.0
    return Track(handler, codec, timescale, seconds, samples, constant, rate, **extra)


# --- checks ----------------------------------------------------------------------------------------------------


def validate(
    result: Probe,
    preset: Preset,
    *,
    duration: float | None = None,
    frames: int | None = None,
    audio: bool | None = None,
    tolerance: float | None = None,
) -> None:
    """Check a probed video against the platform preset; one `RenderError` listing every mismatch.

    Always: H.264 High, yuv420p, the preset's size and fps, constant frame rate, moov before mdat, within the
    preset's duration and file size limits. Optionally: the expected `duration` (within `tolerance`, default one
    frame + 50 ms), exact `frames`, and whether an AAC 48 kHz audio stream must (True) or must not (False) exist.
    """
    p = result
    problems = []
    if p.video_codec != "h264":
        problems.append(f"video codec is {p.video_codec or 'missing'}, expected h264")
    if p.profile != "High":
        problems.append(f"H.264 profile is {p.profile or 'unknown'}, expected High")
    if p.pix_fmt != "yuv420p":
        problems.append(f"pixel format is {p.pix_fmt or 'unknown'}, expected yuv420p")
    if p.size != preset.size:
        problems.append(f"size is {p.width}x{p.height}, expected {preset.width}x{preset.height}")
    if p.width % 2 or p.height % 2:
        problems.append(f"size {p.width}x{p.height} is not even")
    if abs(p.fps - preset.fps) > 0.01:
        problems.append(f"frame rate is {p.fps:.3f} fps, expected {preset.fps}")
    if p.constant_frame_rate is False:
        problems.append("frame rate is variable, expected constant")
    if not p.faststart:
        problems.append(f"atom order {' '.join(p.atoms) or 'unknown'}: moov must come before mdat (+faststart)")
    tol = tolerance if tolerance is not None else 1.0 / preset.fps + 0.05
    if duration is not None and abs(p.video_duration - duration) > tol:
        problems.append(f"video lasts {p.video_duration:.3f} s, expected {duration:.3f} s")
    if frames is not None and p.frames != frames:
        problems.append(f"video has {p.frames} frames, expected {frames}")
    if preset.max_duration is not None and p.duration > preset.max_duration + tol:
        problems.append(f"lasts {p.duration:.1f} s, over the {preset.max_duration:g} s limit")
    if preset.max_file_mb is not None and p.size_mb > preset.max_file_mb:
        problems.append(f"file is {p.size_mb:.1f} MB, over the {preset.max_file_mb:g} MB limit")
    if audio is True:
        if p.audio_codec != "aac":
            problems.append(f"audio codec is {p.audio_codec or 'missing'}, expected aac")
        if p.sample_rate != 48000:
            problems.append(f"audio sample rate is {p.sample_rate or 'unknown'} Hz, expected 48000")
        if p.audio_duration is not None and duration is not None and abs(p.audio_duration - duration) > tol + 0.05:
            problems.append(f"audio lasts {p.audio_duration:.3f} s, expected {duration:.3f} s")
    elif audio is False and p.audio_codec is not None:
        problems.append(f"has a {p.audio_codec} audio stream, expected none")
    if problems:
        name = f" for preset {preset.name!r}" if preset.name else ""
        raise RenderError.collect([f"{p.path}: {msg}{name}" for msg in problems], path=p.path)
