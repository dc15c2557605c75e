"""Video benchmark: our writer against the raw-RGB-pipe limit and the usual moviepy code, in one run.

    python bench/video.py                 # full size: the seed reel at 1080x1920, 30 fps, libx264 medium crf 21
    python bench/video.py --quick         # 540x960, 4 slides, one round: a smoke test
    python bench/video.py --only ours,limit --repeat 3

The seed article (11 slides + cover + end card, reading-time durations, 0.5 s crossfades, sample photos from
assets/ on every slide) written three ways, interleaved so that drifting machine load hits all alike:

  ours      slide2video.writers.mp4.write_video: each card converted to yuv420p once, transitions on the planes,
            a still hold piped once, as yuv420p through video.ffmpeg.FrameWriter, x264 tuned for slideshows
  untuned   the same with the x264 preset's defaults (what the pipeline alone gains)
  limit     the classic limit: the identical frames computed beforehand (still cards shared), piped as raw RGB
            into one libx264 with the same settings (ffmpeg converts every frame)
  moviepy   the usual moviepy code: ImageClip + CrossFadeIn + concatenate_videoclips(method="compose")

Quality guard: SSIM (ffmpeg's `ssim` filter, on a sample of frames) of each file against the exact frames
(`FrameRenderer.frame`, converted to yuv420p by ffmpeg's default scaler, as the limit does), and file sizes.
Ken Burns: ours with and without it, plus where its extra time goes: our pixels (frames drawn, no encoder)
and x264 on moving pixels (the same frames precomputed and piped, ours vs still). Memory: peak RSS of a 30 s and
a 3 minute render, each in its own process. Ratios are what to quote; absolute times depend on the machine.

Targets (issue 12): ours >= 1.5x faster than the limit, SSIM >= 0.98, size within 10% of the limit's; Ken Burns
adds <= 70%; peak memory of the 3 minute render within 10% of the 30 s one.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402

from slide2video.article import Article  # noqa: E402
from slide2video.cards.card import Card  # noqa: E402
from slide2video.config.presets import Preset, get_preset  # noqa: E402
from slide2video.readers import load_article  # noqa: E402
from slide2video.video.ffmpeg import FrameWriter, ffmpeg_exe  # noqa: E402
from slide2video.video.frames import FrameRenderer  # noqa: E402
from slide2video.video.probe import probe  # noqa: E402
from slide2video.video.timeline import Timeline, TimelineOptions, build_timeline  # noqa: E402
from slide2video.writers.mp4 import (  # noqa: E402
    QUALITY,
    encoder_args,
    moving_ranges,
    quality_for,
    video_args,
    write_video,
)

SEED = ROOT / "articles" / "russia-nato-ukraine.yaml"
PHOTOS = ROOT / "assets" / "photos"
Record = dict[str, Any]


def real_cards(article: Article, preset: Preset) -> list[Card]:
    """The real renderer's cards (news theme, cover and end card) with the sample photos on the slides."""
    from slide2video.cards.render import render_cards
    from slide2video.config.theme import load_theme

    photos = sorted(f"photos/{p.name}" for p in PHOTOS.glob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
    slides = [replace(s, image=photos[i % len(photos)]) for i, s in enumerate(article.slides)]
    with_photos = replace(article, slides=slides)
    with_photos.path = article.path
    return render_cards(with_photos, load_theme("news"), preset)


class Timer:
    """Wall time plus CPU seconds of this process and of finished child processes (ffmpeg)."""

    def __enter__(self) -> Timer:
        self.t0 = time.perf_counter()
        self.r0 = resource.getrusage(resource.RUSAGE_SELF)
        self.c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.t0
        r1 = resource.getrusage(resource.RUSAGE_SELF)
        c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.python_cpu = (r1.ru_utime + r1.ru_stime) - (self.r0.ru_utime + self.r0.ru_stime)
        self.ffmpeg_cpu = (c1.ru_utime + c1.ru_stime) - (self.c0.ru_utime + self.c0.ru_stime)

    def record(self) -> Record:
        return {"wall": self.wall, "python_cpu": self.python_cpu, "ffmpeg_cpu": self.ffmpeg_cpu}


# --- the three ways to write the same video ---------------------------------------------------------------------


def run_ours(
    cards: list[Card], timeline: Timeline, preset: Preset, out: Path, quality: str, *, tuned: bool = True
) -> Record:
    """write_video; `tuned=False` with the x264 preset's defaults (no slideshow `x264_params`), to separate
    the pipeline's gain from the encoder tuning's."""
    saved = QUALITY[quality]
    if not tuned:
        QUALITY[quality] = replace(saved, x264_params="", motion_params="")
    try:
        with Timer() as t:
            write_video(cards, timeline, out, preset, quality)
    finally:
        QUALITY[quality] = saved
    return t.record()


def precompute(cards: list[Card], timeline: Timeline, planes: bool = False) -> list[np.ndarray]:
    """Every frame of the video (RGB, or yuv420p planes), still cards shared by reference."""
    q = quality_for("standard")
    renderer = FrameRenderer(timeline, cards, cache_cards=len(cards) + 1, resample=q.resample)
    get = renderer.planes if planes else renderer.frame
    return [get(i) for i in range(timeline.frame_count)]


def run_pipe(
    frames: list[np.ndarray],
    preset: Preset,
    out: Path,
    quality: str,
    pix_fmt: str,
    *,
    tuned: bool = False,
    moving: Sequence[tuple[int, int]] = (),
) -> Record:
    """Frames computed beforehand, piped raw into libx264 (the preset's defaults unless `tuned`: ours, with the
    motion settings on the `moving` frame ranges)."""
    q = QUALITY[quality] if tuned else replace(QUALITY[quality], x264_params="", motion_params="")
    args = encoder_args(q, out, None, len(frames) / preset.fps, moving=moving)
    if pix_fmt == "rgb24":  # ffmpeg converts every frame, as a raw-RGB pipeline makes it
        at = args.index("-vf")
        args[at : at + 2] = video_args(q, rgb_input=True)[:2]
    with Timer() as t, FrameWriter(preset.size, preset.fps, args, pix_fmt=pix_fmt, out_path=out) as writer:
        for frame in frames:
            writer.write(frame)
    return t.record()


def run_moviepy(cards: list[Card], timeline: Timeline, preset: Preset, out: Path, quality: str) -> Record:
    """The slideshow as moviepy's documentation and most tutorials write it."""
    from moviepy import ImageClip, concatenate_videoclips, vfx

    q = replace(QUALITY[quality], x264_params="", motion_params="")
    with Timer() as t:
        clips = []
        for k, seg in enumerate(timeline.segments):
            clip = ImageClip(np.asarray(cards[seg.card].image)).with_duration(seg.duration)
            if k:
                clip = clip.with_effects([vfx.CrossFadeIn(seg.transition.duration)])
            clips.append(clip)
        video = concatenate_videoclips(clips, method="compose", padding=-timeline.segments[-1].transition.duration)
        video.write_videofile(
            str(out),
            fps=preset.fps,
            codec="libx264",
            preset=q.x264_preset,
            ffmpeg_params=video_args(q, rgb_input=True),
            logger=None,
        )
    return t.record()


def render_only(cards: list[Card], timeline: Timeline, quality: str) -> Record:
    """Producing every frame's planes without encoding: our own pixel cost."""
    renderer = FrameRenderer(timeline, cards, resample=QUALITY[quality].resample)
    with Timer() as t:
        for i in range(timeline.frame_count):
            renderer.planes(i)
    return t.record()


# --- quality ----------------------------------------------------------------------------------------------------


def ssim(path: Path, cards: list[Card], timeline: Timeline, stride: int) -> dict[str, float]:
    """SSIM of every `stride`-th frame of `path` against the exact RGB frames (both sampled the same way)."""
    w, h = timeline.size
    renderer = FrameRenderer(timeline, cards, resample=QUALITY["standard"].resample)
    pick = f"select='not(mod(n\\,{stride}))',setpts=N/({timeline.fps}*TB)"
    graph = f"[0:v]{pick}[d];[1:v]setpts=N/({timeline.fps}*TB),scale=out_color_matrix=bt709:out_range=tv,"
    graph += "format=yuv420p[r];[d][r]ssim"
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostats", "-loglevel", "info", "-i", f"file:{path}"]
    cmd += ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}", "-framerate", str(timeline.fps), "-i", "-"]
    cmd += ["-lavfi", graph, "-f", "null", "-"]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdin is not None
    for i in range(0, timeline.frame_count, stride):
        proc.stdin.write(renderer.frame(i).data)
    _, err = proc.communicate()
    line = next(ln for ln in err.decode().splitlines() if "SSIM Y:" in ln)
    return {k: float(v) for k, v in re.findall(r"(\w+):([\d.]+) \(", line)}


# --- memory -----------------------------------------------------------------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak resident memory (/proc's VmHWM: ru_maxrss survives exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_render(args: argparse.Namespace) -> None:
    """Run in a subprocess: render a video of about `seconds`; print wall time and peak memory as JSON."""
    preset, article, cards = setup(args)
    preset = replace(preset, max_duration=None)
    n = len(cards)
    per_card = round((args.child_seconds + 0.5 * (n - 1)) / n, 1)
    timeline = build_timeline(article, cards, preset, TimelineOptions(duration=per_card, ken_burns=args.ken_burns))
    t0 = time.perf_counter()
    write_video(cards, timeline, Path(args.out), preset, args.quality)
    wall = time.perf_counter() - t0
    ffmpeg = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"seconds": timeline.duration, "wall": wall, "python_mb": peak_rss_mb(), "ffmpeg_mb": ffmpeg}))


def measure_memory(args: argparse.Namespace, seconds: float, out: Path) -> Record:
    cmd = [sys.executable, __file__, "--child-seconds", str(seconds), "--out", str(out), "--quality", args.quality]
    cmd += ["--size", args.size, "--fps", str(args.fps)] + (["--slides", str(args.slides)] if args.slides else [])
    cmd += ["--ken-burns"] if args.ken_burns else []
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# --- main -------------------------------------------------------------------------------------------------------


def setup(args: argparse.Namespace) -> tuple[Preset, Article, list[Card]]:
    w, h = (int(v) for v in args.size.lower().split("x"))
    preset = replace(get_preset("reel"), size=(w, h), fps=args.fps)
    article = load_article(SEED)
    if args.slides:
        article = replace(article, slides=article.slides[: args.slides])
    return preset, article, real_cards(article, preset)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--size", default="1080x1920")
    parser.add_argument("--fps", type=int, default=30)
    parser.add_argument("--quality", default="standard", choices=list(QUALITY))
    parser.add_argument("--slides", type=int, default=0, help="use only the first N slides")
    parser.add_argument("--repeat", type=int, default=2, help="interleaved rounds of ours and limit")
    parser.add_argument("--only", default="ours,limit,untuned,moviepy,ssim,kenburns,kbsplit,memory")
    parser.add_argument("--kb-slides", type=int, default=3, help="slides in the Ken Burns time split")
    parser.add_argument("--ssim-stride", type=int, default=5, help="compare every N-th frame")
    parser.add_argument("--quick", action="store_true", help="540x960, 4 slides, one round: a smoke test")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--child-seconds", type=float, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--ken-burns", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_seconds is not None:
        child_render(args)
        return
    if args.quick:
        args.size, args.slides, args.repeat, args.ssim_stride = "540x960", 4, 1, 3
    only = set(args.only.split(","))
    preset, article, cards = setup(args)
    timeline = build_timeline(article, cards, preset, TimelineOptions(ken_burns=False))
    kb_timeline = build_timeline(article, cards, preset, TimelineOptions(ken_burns=True))
    w, h = preset.size
    q = QUALITY[args.quality]
    print(
        f"{len(cards)} cards, {timeline.duration:.1f} s, {timeline.frame_count} frames, {w}x{h} at {preset.fps} fps, "
        f"libx264 {q.x264_preset} crf {q.crf}, 0.5 s crossfades",
        flush=True,
    )
    r: Record = {"frames": timeline.frame_count, "seconds": timeline.duration, "size": [w, h]}

    def show(label: str, rec: Record) -> None:
        print(f"  {label:<12}{rec['wall']:8.2f} s wall", flush=True)

    with tempfile.TemporaryDirectory(prefix="s2v-bench-") as tmp:
        folder = Path(tmp)
        if "memory" in only:  # first, while this process is still small
            for seconds in (30.0, 180.0):
                r[f"memory_{int(seconds)}"] = measure_memory(args, seconds, folder / f"mem{int(seconds)}.mp4")
                print(f"  {seconds:5.0f} s render: {json.dumps(r[f'memory_{int(seconds)}'])}", flush=True)
        runs: dict[str, list[Record]] = {"ours": [], "limit": [], "untuned": [], "moviepy": []}
        frames = precompute(cards, timeline) if "limit" in only else []
        for _ in range(args.repeat):  # interleaved rounds
            if "limit" in only:
                runs["limit"].append(run_pipe(frames, preset, folder / "limit.mp4", args.quality, "rgb24"))
                show("limit", runs["limit"][-1])
            if "ours" in only:
                runs["ours"].append(run_ours(cards, timeline, preset, folder / "ours.mp4", args.quality))
                show("ours", runs["ours"][-1])
            if "untuned" in only:
                out = folder / "untuned.mp4"
                runs["untuned"].append(run_ours(cards, timeline, preset, out, args.quality, tuned=False))
                show("untuned", runs["untuned"][-1])
            if "moviepy" in only and not runs["moviepy"]:  # slow: one run, between the others
                runs["moviepy"].append(run_moviepy(cards, timeline, preset, folder / "moviepy.mp4", args.quality))
                show("moviepy", runs["moviepy"][-1])
        del frames
        for key, recs in runs.items():
            if recs:
                r[key] = min(recs, key=lambda x: x["wall"]) | {"runs": [round(x["wall"], 2) for x in recs]}
                r[f"{key}_mb"] = probe(folder / f"{key}.mp4").size_mb
        for key in ("ours", "untuned"):
            if runs[key] and runs["limit"]:
                pairs = zip(runs[key], runs["limit"], strict=True)
                r[f"limit_over_{key}_pairs"] = [round(b["wall"] / a["wall"], 3) for a, b in pairs]
        if "ssim" in only:
            for key in runs:
                if runs[key]:
                    r[f"{key}_ssim"] = ssim(folder / f"{key}.mp4", cards, timeline, args.ssim_stride)
                    print(f"  ssim {key:<7} {r[f'{key}_ssim']}", flush=True)
        if "kenburns" in only:
            overheads: list[float] = []
            kb_runs, still_runs = [], []
            for _ in range(args.repeat):
                kb_runs.append(run_ours(cards, kb_timeline, preset, folder / "kb.mp4", args.quality))
                show("ours+kb", kb_runs[-1])
                still_runs.append(run_ours(cards, timeline, preset, folder / "ours.mp4", args.quality))
                show("ours", still_runs[-1])
                overheads.append(round(kb_runs[-1]["wall"] / still_runs[-1]["wall"] - 1, 3))
            r["ours_kb"] = min(kb_runs, key=lambda x: x["wall"])
            r["ours_still"] = min(still_runs, key=lambda x: x["wall"])
            r["kb_extra_pairs"] = overheads
            r["ours_kb_mb"] = probe(folder / "kb.mp4").size_mb
            if "ssim" in only:
                r["ours_kb_ssim"] = ssim(folder / "kb.mp4", cards, kb_timeline, args.ssim_stride)
                print(f"  ssim ours_kb {r['ours_kb_ssim']}", flush=True)
            r["render_only"] = render_only(cards, timeline, args.quality)
            r["render_only_kb"] = render_only(cards, kb_timeline, args.quality)
        if "kbsplit" in only:
            # Where Ken Burns time goes, on the first slides: x264 on moving vs still pixels (frames precomputed,
            # piped as yuv420p), and our pixels (drawing the same frames, no encoder).
            n = min(len(cards), args.kb_slides + 1)
            sub_article = replace(article, slides=article.slides[: n - 1])
            sub_kb = build_timeline(sub_article, cards[:n], preset, TimelineOptions(ken_burns=True))
            sub_still = build_timeline(sub_article, cards[:n], preset, TimelineOptions(ken_burns=False))
            moving = [f.copy() for f in precompute(cards[:n], sub_kb, planes=True)]
            still = precompute(cards[:n], sub_still, planes=True)
            zones = {k: moving_ranges(FrameRenderer(t, cards[:n]).planned_to_move(i) for i in range(t.frame_count))
                     for k, t in (("kb", sub_kb), ("still", sub_still))}  # fmt: skip
            enc_kb, enc_still, enc_kb_plain = [], [], []
            for _ in range(args.repeat):
                out = folder / "kbm.mp4"
                enc_kb.append(run_pipe(moving, preset, out, args.quality, "yuv420p", tuned=True, moving=zones["kb"]))
                r["split_encode_kb_mb"] = probe(out).size_mb
                out = folder / "kbp.mp4"
                enc_kb_plain.append(run_pipe(moving, preset, out, args.quality, "yuv420p", tuned=True))
                r["split_encode_kb_plain_mb"] = probe(out).size_mb
                out = folder / "kbs.mp4"
                enc_still.append(
                    run_pipe(still, preset, out, args.quality, "yuv420p", tuned=True, moving=zones["still"])
                )
            del moving, still
            r["split_encode_kb"] = min(enc_kb, key=lambda x: x["wall"])
            r["split_encode_kb_plain"] = min(enc_kb_plain, key=lambda x: x["wall"])
            r["split_encode_still"] = min(enc_still, key=lambda x: x["wall"])
            r["split_pixels_kb"] = render_only(cards[:n], sub_kb, args.quality)
            r["split_pixels_still"] = render_only(cards[:n], sub_still, args.quality)
            r["split_frames"] = sub_kb.frame_count
    print(report(r))
    if args.json:
        args.json.write_text(json.dumps(r, indent=2))


def report(r: Record) -> str:
    frames = r["frames"]
    lines = ["", f"{'run':<40}{'wall s':>8}{'fps':>7}{'py cpu':>8}{'ffmpeg cpu':>11}{'MB':>7}"]
    rows = [
        ("limit", "limit (frames precomputed, RGB pipe)", frames),
        ("ours", "ours (write_video, yuv420p planes)", frames),
        ("untuned", "ours, x264 preset defaults", frames),
        ("moviepy", "usual moviepy (compose, CrossFadeIn)", frames),
        ("ours_still", "ours, next to the Ken Burns runs", frames),
        ("ours_kb", "ours with Ken Burns", frames),
        ("render_only", "our frames only, no encoder", frames),
        ("render_only_kb", "our frames only, Ken Burns", frames),
        ("split_encode_still", "x264 only, still (first slides)", r.get("split_frames", 0)),
        ("split_encode_kb", "x264 only, Ken Burns (first slides)", r.get("split_frames", 0)),
        ("split_encode_kb_plain", "  the same without motion zones", r.get("split_frames", 0)),
    ]
    for key, label, n in rows:
        if key in r:
            x = r[key]
            mb = f"{r[key + '_mb']:7.2f}" if key + "_mb" in r else ""
            lines.append(
                f"{label:<40}{x['wall']:>8.2f}{n / x['wall']:>7.1f}{x['python_cpu']:>8.1f}{x['ffmpeg_cpu']:>11.1f}{mb}"
            )
    lines.append("")

    def check(name: str, value: float, target: str, ok: bool) -> None:
        lines.append(f"{name:<40}{value:>8.3f}   target {target:<9} {'ok' if ok else 'MISSED'}")

    if "ours" in r and "limit" in r:
        speed = r["limit"]["wall"] / r["ours"]["wall"]
        check("speed-up over the limit (best runs)", speed, ">= 1.5", speed >= 1.5)
        if pairs := r.get("limit_over_ours_pairs"):
            lines.append(f"{'  round by round':<40}{'':>8}   {pairs}")
        cpu = sum(r["limit"][k] for k in ("python_cpu", "ffmpeg_cpu")) / sum(
            r["ours"][k] for k in ("python_cpu", "ffmpeg_cpu")
        )
        lines.append(f"{'  CPU seconds, limit / ours':<40}{cpu:>8.3f}")
        size = r["ours_mb"] / r["limit_mb"]
        check("file size, ours / limit", size, "0.9-1.1", 0.9 <= size <= 1.1)
    if "untuned" in r and "limit" in r:
        lines.append(f"{'  speed-up without the x264 tuning':<40}{r['limit']['wall'] / r['untuned']['wall']:>8.3f}")
        if pairs := r.get("limit_over_untuned_pairs"):
            lines.append(f"{'  round by round':<40}{'':>8}   {pairs}")
    if "ours" in r and "moviepy" in r:
        lines.append(f"{'speed-up over the usual moviepy':<40}{r['moviepy']['wall'] / r['ours']['wall']:>8.3f}")
    for key in ("ours", "untuned", "limit", "moviepy", "ours_kb"):
        if f"{key}_ssim" in r:
            s = r[f"{key}_ssim"]
            all_ = s.get("All", 0.0)
            check(f"SSIM {key} vs exact frames (All)", all_, ">= 0.98", all_ >= 0.98)
            lines.append(f"{'':<40}{'':>8}   Y {s.get('Y', 0):.4f} U {s.get('U', 0):.4f} V {s.get('V', 0):.4f}")
    if "ours_kb" in r and "ours_still" in r:
        extra = r["ours_kb"]["wall"] / r["ours_still"]["wall"] - 1
        check("Ken Burns extra time (fraction)", extra, "<= 0.70", extra <= 0.7)
        lines.append(f"{'  round by round':<40}{'':>8}   {r['kb_extra_pairs']}")
        cpu = [sum(r[k][c] for c in ("python_cpu", "ffmpeg_cpu")) for k in ("ours_kb", "ours_still")]
        label = "  in CPU seconds (best runs)"
        lines.append(f"{label:<40}{cpu[0] / cpu[1] - 1:>8.3f}   {cpu[0]:.1f} s vs {cpu[1]:.1f} s")
        if "render_only_kb" in r:
            ms = 1000 * (r["render_only_kb"]["python_cpu"] - r["render_only"]["python_cpu"]) / frames
            lines.append(f"{'  our Ken Burns pixels, CPU ms/frame':<40}{ms:>8.2f}   (averaged over all frames)")
    if "split_encode_kb" in r:
        n = r["split_frames"]
        x264 = (r["split_encode_kb"]["ffmpeg_cpu"] - r["split_encode_still"]["ffmpeg_cpu"]) / n * 1000
        ours = (r["split_pixels_kb"]["python_cpu"] - r["split_pixels_still"]["python_cpu"]) / n * 1000
        lines.append(f"{'Ken Burns cost split, CPU ms per frame:':<40}")
        lines.append(f"{'  x264 on moving pixels (extra)':<40}{x264:>8.2f}")
        if "split_encode_kb_plain" in r:
            plain = (r["split_encode_kb_plain"]["ffmpeg_cpu"] - r["split_encode_still"]["ffmpeg_cpu"]) / n * 1000
            lines.append(f"{'  the same without motion zones':<40}{plain:>8.2f}")
        lines.append(f"{'  our resampling + overlay (extra)':<40}{ours:>8.2f}")
    if "memory_30" in r and "memory_180" in r:
        for key in ("python_mb", "ffmpeg_mb"):
            a, b = r["memory_30"][key], r["memory_180"][key]
            check(f"peak {key[:-3]} memory, 3 min / 30 s", b / a, "<= 1.10", b / a <= 1.10)
            lines.append(f"{'':<40}{a:>8.0f} MB -> {b:.0f} MB")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
