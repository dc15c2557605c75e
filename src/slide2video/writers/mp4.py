"""The MP4 writer: yuv420p frames from `video.frames.FrameRenderer` piped through the ffmpeg boundary, then probed.

Who does what: the timeline (`video.timeline`) sequences the cards; `FrameRenderer` is the frame function (the
same one `preview` draws from and `as_clip` hands to moviepy for anyone composing further); this writer pipes
its yuv420p planes to one libx264 through `video.ffmpeg.FrameWriter`. moviepy's own writer is not used for
encoding: it always feeds rgb24 (ffmpeg would convert every frame, though a still card needs converting once)
and ignores ffmpeg's exit status.

Platform rules: H.264 High, yuv420p (BT.709, TV range, tagged), constant frame rate from the preset, even size,
AAC 48 kHz when there is audio, `+faststart`; the result is verified by probing the file, not trusted from the
call. The file appears whole or not at all: it is encoded to a temporary sibling, ffmpeg's exit status checked,
probed, checked against the preset, then renamed; any error, failed check or Ctrl-C removes the temporary file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
import wave
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from PIL import Image

from ..cards.card import Card
from ..config.presets import Preset
from ..errors import OutputError, RenderError, Slide2VideoError
from ..fileio import atomic_path, staging_root
from ..video.ffmpeg import FrameWriter
from ..video.frames import FrameRenderer
from ..video.probe import Probe, probe, validate
from ..video.timeline import Timeline

AUDIO_RATE = 48000
AUDIO_BITRATE = "192k"
COLOUR_TAGS = "setparams=colorspace=bt709:color_primaries=bt709:color_trc=bt709:range=tv"
"""Tags the frames (no pixel work), so the encoder writes BT.709 TV range into the stream's VUI."""
COLOUR_FILTER = f"scale=out_color_matrix=bt709:out_range=tv,format=yuv420p,{COLOUR_TAGS}"
"""What an RGB input needs (the benchmark's raw-RGB limit): ours arrives as BT.709 TV-range yuv420p already."""


@dataclass(frozen=True)
class Quality:
    """x264 settings for one `--quality` level; `resample` is the Ken Burns filter.

    `x264_params` tune the preset for slideshows: holds, crossfades and slow Ken Burns moves gain next to nothing
    from several reference frames or the finest sub-pixel refinement (measured on the seed reel: the same SSIM
    to 0.0003 and a file within 2 %, for about a quarter less x264 time; `bench/video.py` shows both).

    `motion_params` are x264 options for the moving frames only (Ken Burns, transitions), applied through x264's
    zones in the same encode, so there is no join: rate control, look-ahead and the stream's parameter sets stay
    the preset's. On moving frames x264's motion search costs twice what it does on holds; `standard` searches
    them as x264's `veryfast` preset does (diamond search, sub-pixel level 2, no trellis, no sub-8x8 partitions):
    measured on the seed article with Ken Burns, half the x264 time, SSIM to the exact frames within 0.0005 and
    a smaller file (bench/video.py `--only kenburns,kbsplit`).
    """

    crf: int
    x264_preset: str
    resample: Image.Resampling = Image.Resampling.BICUBIC
    x264_params: str = ""
    motion_params: str = ""


QUALITY: dict[str, Quality] = {
    "draft": Quality(28, "veryfast", Image.Resampling.BILINEAR),
    # Ken Burns zooms 1.0-1.15x: bilinear looks the same there and costs half of bicubic per frame.
    "standard": Quality(
        21, "medium", Image.Resampling.BILINEAR, "ref=1:subme=6", "me=dia,subme=2,trellis=0,partitions=i8x8+i4x4"
    ),
    "high": Quality(18, "slow"),
}

Progress = Callable[[int, int], None]
"""Called as frames are produced: (frames done, total frames)."""


def quality_for(name: str) -> Quality:
    if name not in QUALITY:
        raise RenderError(f"unknown quality {name!r}; choose from {', '.join(QUALITY)}")
    return QUALITY[name]


def video_args(
    quality: Quality, *, rgb_input: bool = False, timing: str = "", moving: Sequence[tuple[int, int]] = ()
) -> list[str]:
    """ffmpeg output options for the video stream besides codec and x264 preset (shared with the benchmark).

    `timing`: filters that come first (`hold_filter`, when still holds are piped as one frame each); `moving`:
    the frame ranges (first, last, inclusive) that get `quality.motion_params` (`moving_ranges`)."""
    vf = ",".join(f for f in (timing, COLOUR_FILTER if rgb_input else COLOUR_TAGS) if f)
    x264 = ":".join(p for p in (quality.x264_params, motion_zones(quality, moving)) if p)
    params = ["-x264-params", x264] if x264 else []
    return ["-vf", vf, "-profile:v", "high", "-crf", str(quality.crf), "-pix_fmt", "yuv420p", *params]


def motion_zones(quality: Quality, moving: Sequence[tuple[int, int]]) -> str:
    """The x264 `zones` option giving the `moving` frame ranges `quality.motion_params` ("" when nothing moves).

    x264 numbers frames as they reach it, that is after `hold_filter` has put the holds back: video frame
    numbers. A zone's options are `key=value` pairs joined by commas, zones are joined by slashes."""
    if not quality.motion_params or not moving:
        return ""
    return "zones=" + "/".join(f"{first},{last},{quality.motion_params}" for first, last in moving)


def moving_ranges(moving: Iterable[bool]) -> list[tuple[int, int]]:
    """Runs of True in a frame-by-frame sequence, as (first, last) frame numbers, inclusive."""
    runs: list[tuple[int, int]] = []
    start = -1
    index = -1
    for index, flag in enumerate(moving):
        if flag and start < 0:
            start = index
        elif not flag and start >= 0:
            runs.append((start, index - 1))
            start = -1
    if start >= 0:
        runs.append((start, index))
    return runs


def hold_filter(written: Sequence[int], fps: int) -> str:
    """Filters that put the frames actually piped (`written`: their frame numbers, ascending, the last frame
    included) back at their times and repeat each to fill the gap up to the next: a still hold is piped once.

    The k-th piped frame is frame `written[k]`; its timestamp is k plus every gap before it, one `gte` term per
    hold, and ffmpeg's `fps` filter repeats frames by reference, so x264 gets exactly the
    frames it would have got, at constant frame rate.
    """
    terms = [f"gte(N,{k})*{written[k] - written[k - 1] - 1}" for k in range(1, len(written))]
    terms = ["N", *(t for t in terms if not t.endswith("*0"))]
    # ffmpeg's expression parser gives up on a flat sum of about 100 terms (its recursion guard): a 300-slide
    # reel has that many holds, so the sum is written as a shallow tree of parenthesised groups.
    while len(terms) > _GROUP:
        terms = ["(" + "+".join(terms[i : i + _GROUP]) + ")" for i in range(0, len(terms), _GROUP)]
    expr = "+".join(terms)
    return f"setpts='({expr})/({fps}*TB)',fps={fps}"  # quoted: the expression's commas are not filter separators


_GROUP = 16


def audio_args(duration: float) -> list[str]:
    """AAC 48 kHz stereo, padded with silence and cut so the audio lasts exactly as long as the video."""
    return ["-ar", str(AUDIO_RATE), "-ac", "2", "-b:a", AUDIO_BITRATE, "-af", "apad", "-t", f"{duration:.6f}"]


@dataclass(frozen=True)
class VideoReport:
    path: Path
    probe: Probe
    frames: int
    duration: float
    quality: str
    audio: bool
    seconds: float  # wall time spent rendering and encoding

    @property
    def size_mb(self) -> float:
        return self.probe.size_mb

    def summary(self) -> str:
        p = self.probe
        audio = f", {p.audio_codec} {p.sample_rate // 1000 if p.sample_rate else '?'} kHz" if p.audio_codec else ""
        return (
            f"{self.path}: {p.width}x{p.height} {p.fps:g} fps, {p.video_duration:.2f} s ({p.frames} frames), "
            f"H.264 {p.profile} {p.pix_fmt}{audio}, {self.size_mb:.1f} MB, {self.seconds:.1f} s to render"
        )


def write_video(
    cards: Sequence[Card],
    timeline: Timeline,
    out_path: str | Path,
    preset: Preset,
    quality: str = "standard",
    audio_path: str | Path | None = None,
    silent_audio: bool = False,
    progress: Progress | None = None,
    *,
    check: bool = True,
    workers: int | None = None,
) -> VideoReport:
    """Render `timeline` from `cards` to an MP4 at `out_path` and check it against `preset`.

    `audio_path`: one finished soundtrack (e.g. the mixed WAV) muxed as AAC; `silent_audio`: a silent AAC track
    when there is no soundtrack (some platforms want one). `progress(done, total)` is called per frame. With
    `check`, a file that does not meet the preset is an error (and is not kept).
    `workers`: threads drawing transition and Ken Burns frames ahead (default: up to 2, by CPU count).
    Raises `RenderError` (bad input, encoder failure, failed check) or `OutputError` (cannot write `out_path`).
    """
    q = quality_for(quality)
    out_path = Path(out_path)
    _check_inputs(timeline, preset, out_path)
    audio = Path(audio_path) if audio_path is not None else None
    if audio is not None and not audio.is_file():
        raise RenderError("audio file not found", path=audio)
    renderer = FrameRenderer(timeline, cards, resample=q.resample)
    workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    total, fps = timeline.frame_count, timeline.fps
    started = time.perf_counter()
    with _soundtrack(audio, silent_audio) as track:
        try:
            with atomic_path(out_path) as tmp:
                _encode(renderer, tmp, q, track, progress, workers)
                result = _probe_encoded(tmp, out_path)
                if check:
                    validate(result, preset, duration=total / fps, frames=total, audio=track is not None)
        except Slide2VideoError:
            raise
        except OSError as exc:
            raise OutputError(f"cannot write ({exc.strerror or exc})", path=out_path) from None
    return VideoReport(
        path=out_path,
        probe=replace(result, path=out_path),
        frames=total,
        duration=total / fps,
        quality=quality,
        audio=track is not None,
        seconds=time.perf_counter() - started,
    )


def _check_inputs(timeline: Timeline, preset: Preset, out_path: Path) -> None:
    if timeline.frame_count < 1:
        raise RenderError("the timeline is empty")
    w, h = timeline.size
    if timeline.size != preset.size:
        name = f" {preset.name!r}" if preset.name else ""
        raise RenderError(f"the timeline is {w}x{h} but preset{name} is {preset.width}x{preset.height}")
    if w % 2 or h % 2:
        raise RenderError(f"video size {w}x{h} must be even on both sides for H.264 yuv420p")
    if timeline.fps != preset.fps:
        raise RenderError(f"the timeline is at {timeline.fps} fps but the preset wants {preset.fps}")
    if out_path.is_dir():
        raise OutputError("is a folder, expected a video file path", path=out_path)
    if out_path.suffix.lower() != ".mp4":
        raise OutputError("the video file name must end in .mp4", path=out_path)


def _probe_encoded(tmp: Path, out_path: Path) -> Probe:
    """Probe the file ffmpeg just wrote (it exited 0): a file that still cannot be read is ffmpeg's fault."""
    try:
        return probe(tmp)
    except RenderError as exc:
        reason = exc.message.removeprefix(f"{tmp}: ")
        raise RenderError(f"ffmpeg did not finish the video: {reason}", path=out_path) from None


class _Frames:
    """Frames in order for the encoder; the costly ones (transitions, Ken Burns) are drawn a few frames ahead in
    worker threads. Pillow releases the GIL while resampling and blending, so the workers run alongside each
    other and alongside the pipe writes; still frames are returned directly (the card's cached planes)."""

    def __init__(self, renderer: FrameRenderer, workers: int) -> None:
        self.renderer = renderer
        self.total = renderer.frame_count
        self.pool = ThreadPoolExecutor(workers, thread_name_prefix="frames") if workers > 1 else None
        self.ahead = 2 * workers
        self.pending: dict[int, Future[np.ndarray]] = {}
        self.scheduled = 0

    def get(self, index: int) -> np.ndarray:
        if self.pool is None:
            return self.renderer.planes(index)
        self.scheduled = max(self.scheduled, index)
        while self.scheduled < min(self.total, index + self.ahead + 1):
            if not self.renderer.is_still(self.scheduled):
                self.pending[self.scheduled] = self.pool.submit(self.renderer.planes, self.scheduled)
            self.scheduled += 1
        future = self.pending.pop(index, None)
        return future.result() if future is not None else self.renderer.planes(index)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def encoder_args(
    q: Quality,
    out: Path,
    audio: Path | None,
    duration: float,
    timing: str = "",
    moving: Sequence[tuple[int, int]] = (),
) -> list[str]:
    """Everything after the raw-frame input: the soundtrack, codecs and the output file."""
    args = ["-i", f"file:{audio.resolve()}"] if audio is not None else []
    args += ["-map", "0:v:0"] + (["-map", "1:a:0"] if audio is not None else [])
    args += ["-c:v", "libx264", "-preset", q.x264_preset, *video_args(q, timing=timing, moving=moving)]
    if audio is not None:
        args += ["-c:a", "aac", *audio_args(duration)]
    return [*args, "-movflags", "+faststart", "-f", "mp4", f"file:{out}"]


def _encode(
    renderer: FrameRenderer, tmp: Path, q: Quality, audio: Path | None, progress: Progress | None, workers: int
) -> None:
    total, fps = renderer.frame_count, renderer.timeline.fps
    written = [i for i in range(total) if i == total - 1 or not renderer.repeats_previous(i)]
    timing = hold_filter(written, fps) if len(written) < total else ""
    moving = moving_ranges(renderer.planned_to_move(i) for i in range(total))
    args = encoder_args(q, tmp, audio, total / fps, timing, moving)
    frames = _Frames(renderer, workers)
    pipe = set(written)
    try:
        with FrameWriter(renderer.timeline.size, fps, args, out_path=tmp) as out:
            for index in range(total):
                if index in pipe:
                    out.write(frames.get(index))
                if progress is not None:
                    progress(index + 1, total)
    finally:
        frames.close()


@contextlib.contextmanager
def _soundtrack(audio: Path | None, silent: bool) -> Iterator[Path | None]:
    """The audio input for the encoder: the given file, a short silent WAV (padded to length), or None."""
    if audio is not None or not silent:
        yield audio
        return
    with tempfile.TemporaryDirectory(prefix="slide2video-", dir=staging_root()) as folder:
        path = Path(folder) / "silence.wav"
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(2)
            wav.setsampwidth(2)
            wav.setframerate(AUDIO_RATE)
            wav.writeframes(bytes(4 * AUDIO_RATE // 10))  # 0.1 s; `apad` stretches it to the video's length
        yield path


__all__ = [
    "QUALITY",
    "Quality",
    "VideoReport",
    "audio_args",
    "motion_zones",
    "moving_ranges",
    "video_args",
    "write_video",
]
