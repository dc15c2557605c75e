"""What a written video really contains, and whether a platform will take it.

Everything comes from the MP4's own boxes, no ffprobe and no parsing of ffmpeg's banner text (not a stable
interface): top-level box order for `+faststart`, duration from `mvhd`, frame count, duration and constant frame
rate from each track's sample tables, size from the sample entry, H.264 profile and chroma format from the
`avcC` box's sequence parameter set, the audio codec from `esds`. `validate` turns a mismatch with the preset
into an error instead of a silent bad upload.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config.presets import Preset
from ..errors import RenderError
from .ffmpeg import ffmpeg_exe

__all__ = ["Probe", "Track", "ffmpeg_exe", "probe", "read_mp4", "read_mp4_boxes", "validate"]


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
    constraints: int = 0  # H.264 constraint_set flags (avcC profile_compatibility)
    pix_fmt: str | None = None  # from the SPS's chroma_format_idc and bit depth
    sample_rate: int | None = None
    channels: int | None = None
    audio_codec: str | None = None  # from esds


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
    """Inspect an MP4 file; raises `RenderError` if it is missing or not an MP4 with readable boxes."""
    path = Path(path)
    try:
        size_bytes = path.stat().st_size
        atoms, tracks, duration = read_mp4(path)
    except OSError as exc:
        raise RenderError(f"cannot read video ({exc.strerror or exc})", path=path) from None
    except ValueError as exc:
        raise RenderError(f"not a readable video (not an MP4 file: {exc})", path=path) from None
    info: dict[str, Any] = {"duration": duration}
    video = next((t for t in tracks if t.handler == "vide"), None)
    audio = next((t for t in tracks if t.handler == "soun"), None)
    if video is not None:
        info.update(
            video_codec=CODECS.get(video.codec, video.codec),
            profile=profile_name(video.profile_idc, video.constraints) if video.profile_idc else None,
            pix_fmt=video.pix_fmt,
            width=video.width,
            height=video.height,
            frames=video.samples,
            video_duration=video.duration,
            constant_frame_rate=video.constant_rate,
            fps=video.rate,
        )
    if audio is not None:
        info.update(
            audio_codec=audio.audio_codec or CODECS.get(audio.codec, audio.codec),
            audio_duration=audio.duration,
            sample_rate=audio.sample_rate,
            channels=audio.channels,
        )
    return Probe(path=path, size_bytes=size_bytes, atoms=atoms, tracks=tracks, **info)


CODECS = {"avc1": "h264", "avc3": "h264", "hvc1": "hevc", "hev1": "hevc", "mp4a": "aac"}
_PROFILES = {
    66: "Baseline",
    77: "Main",
    88: "Extended",
    100: "High",
    110: "High 10",
    122: "High 4:2:2",
    244: "High 4:4:4",
}
_HIGH = frozenset({100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135})  # SPSs that carry chroma_format_idc
_OBJECT_TYPES = {0x40: "aac", 0x66: "aac", 0x67: "aac", 0x68: "aac", 0x69: "mp3", 0x6B: "mp3", 0xA5: "ac3"}


def profile_name(profile_idc: int, constraints: int = 0) -> str:
    """The H.264 profile's name as ffmpeg prints it (constraint_set1 makes Baseline "Constrained Baseline")."""
    name = _PROFILES.get(profile_idc, f"profile {profile_idc}")
    return f"Constrained {name}" if profile_idc == 66 and constraints & 0x40 else name


def pixel_format(chroma_format_idc: int, bit_depth: int) -> str:
    base = {0: "gray", 1: "yuv420p", 2: "yuv422p", 3: "yuv444p"}.get(chroma_format_idc, f"chroma{chroma_format_idc}")
    return base if bit_depth == 8 else f"{base}{bit_depth}le"


class _Bits:
    """An H.264 RBSP bit reader (emulation prevention bytes removed) with Exp-Golomb codes."""

    def __init__(self, nal: bytes) -> None:
        self.data = nal.replace(b"\x00\x00\x03", b"\x00\x00")
        self.pos = 0

    def bit(self) -> int:
        byte, shift = divmod(self.pos, 8)
        if byte >= len(self.data):
            raise ValueError("truncated parameter set")
        self.pos += 1
        return (self.data[byte] >> (7 - shift)) & 1

    def bits(self, n: int) -> int:
        value = 0
        for _ in range(n):
            value = value << 1 | self.bit()
        return value

    def ue(self) -> int:
        zeros = 0
        while self.bit() == 0:
            zeros += 1
            if zeros > 31:
                raise ValueError("bad Exp-Golomb code")
        return (1 << zeros) - 1 + self.bits(zeros)


def sps_chroma(sps: bytes) -> tuple[int, int]:
    """(chroma_format_idc, luma bit depth) from a sequence parameter set NAL unit (header byte included)."""
    bits = _Bits(sps[1:])
    profile_idc = bits.bits(8)
    bits.bits(16)  # constraint flags, level_idc
    bits.ue()  # seq_parameter_set_id
    if profile_idc not in _HIGH:
        return 1, 8  # every other profile is 8-bit 4:2:0
    chroma_format_idc = bits.ue()
    if chroma_format_idc == 3:
        bits.bit()  # separate_colour_plane_flag
    return chroma_format_idc, 8 + bits.ue()


def _avcc(d: bytes, s: int, e: int) -> dict[str, Any]:
    """Profile, constraint flags and pixel format from an `avcC` box payload."""
    if e - s < 8:
        raise ValueError("short avcC box")
    out: dict[str, Any] = {"profile_idc": d[s + 1], "constraints": d[s + 2]}
    if d[s + 5] & 0x1F:  # at least one SPS
        length = struct.unpack_from(">H", d, s + 6)[0]
        chroma, depth = sps_chroma(d[s + 8 : s + 8 + length])
        out["pix_fmt"] = pixel_format(chroma, depth)
    return out


def _descriptor(d: bytes, pos: int, end: int) -> tuple[int, int, int]:
    """(tag, payload start, payload end) of an MPEG-4 descriptor (tag byte, then a 7-bits-a-byte length)."""
    tag, pos, size = d[pos], pos + 1, 0
    for _ in range(4):
        byte = d[pos]
        pos += 1
        size = size << 7 | (byte & 0x7F)
        if not byte & 0x80:
            break
    return tag, pos, min(end, pos + size)


def _esds_codec(d: bytes, s: int, e: int) -> str | None:
    """The audio codec from an `esds` box: the DecoderConfigDescriptor's objectTypeIndication."""
    tag, pos, end = _descriptor(d, s + 4, e)  # after the full-box version and flags
    if tag != 0x03:
        return None
    flags = d[pos + 2]
    pos += 3 + (2 if flags & 0x80 else 0) + (1 + d[pos + 3] if flags & 0x40 else 0) + (2 if flags & 0x20 else 0)
    tag, pos, _ = _descriptor(d, pos, end)
    return _OBJECT_TYPES.get(d[pos], f"object type 0x{d[pos]:02x}") if tag == 0x04 else None


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
    atoms, tracks, _ = read_mp4(path)
    return atoms, tracks


def read_mp4(path: str | Path) -> tuple[tuple[str, ...], tuple[Track, ...], float]:
    """Top-level box order, the tracks and the movie's duration (`mvhd`); `ValueError` if not an MP4."""
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
    duration = 0.0
    if (mvhd := _find(moov, 0, len(moov), [b"mvhd"])) is not None:
        if moov[mvhd[0]] == 1:
            timescale, length = struct.unpack_from(">IQ", moov, mvhd[0] + 20)
        else:
            timescale, length = struct.unpack_from(">II", moov, mvhd[0] + 12)
        duration = length / timescale if timescale else 0.0
    return tuple(atoms), tracks, duration


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
    codec, extra = "", dict[str, Any]()
    if (stsd := _find(d, *stbl, [b"stsd"])) is not None:
        for kind, s, e in _boxes(d, stsd[0] + 8, stsd[1]):
            codec = kind.decode("ascii", "replace")
            if handler == "vide" and e - s >= 78:
                extra["width"], extra["height"] = struct.unpack_from(">HH", d, s + 24)
                if (avcc := _find(d, s + 78, e, [b"avcC"])) is not None:
                    extra.update(_avcc(d, *avcc))
            elif handler == "soun" and e - s >= 28:
                extra["channels"] = struct.unpack_from(">H", d, s + 16)[0]
                extra["sample_rate"] = struct.unpack_from(">I", d, s + 24)[0] >> 16
                if (esds := _find(d, s + 28, e, [b"esds"])) is not None:
                    extra["audio_codec"] = _esds_codec(d, *esds)
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
