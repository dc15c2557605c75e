"""Batch throughput: 40 article variants rendered with `slide2video batch --jobs 1` and `--jobs 2`.

    python bench/batch.py [--articles 40] [--jobs 1,2] [--preset 540x960] [--duration 1.5]

The variants are the samples in `articles/` with their slides rotated and their titles numbered, written as
YAML into a temporary folder. Each run is the real CLI in a fresh process (carousel + short draft video) into
an empty output folder. Prints articles per minute for each `--jobs` and the speed-up over the first.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from slide2video import load_article, save_article

ROOT = Path(__file__).resolve().parent.parent


def make_variants(count: int, folder: Path) -> list[Path]:
    """`count` articles: sample i % n with its slides rotated by i // n and a numbered title."""
    sources = sorted((ROOT / "articles").glob("*.yaml"))
    samples = [load_article(p) for p in sources]
    paths = []
    for i in range(count):
        base = samples[i % len(samples)]
        k = (i // len(samples)) % len(base.slides)
        slides = base.slides[k:] + base.slides[:k]
        variant = replace(base, title=f"{base.title} ({i + 1})", slides=slides)
        path = folder / f"{i + 1:02d}-{sources[i % len(samples)].stem}.yaml"
        save_article(variant, path)
        paths.append(path)
    return paths


def run(articles: Path, out: Path, jobs: int, args: argparse.Namespace) -> tuple[float, dict[str, Any]]:
    cmd = [sys.executable, "-m", "slide2video", "-q", "batch", str(articles), "-o", str(out), "--jobs", str(jobs)]
    cmd += ["--to", "mp4,carousel", "--preset", args.preset, "--carousel-preset", args.carousel_preset]
    cmd += ["--duration", str(args.duration), "--quality", "draft", "--transition", "crossfade:0.3"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.perf_counter()
    subprocess.run(cmd, check=False, env=env)
    seconds = time.perf_counter() - started
    return seconds, json.loads((out / "report.json").read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values to compare")
    parser.add_argument("--preset", default="540x960", help="video size")
    parser.add_argument("--carousel-preset", default="540x675")
    parser.add_argument("--duration", type=float, default=1.5, help="seconds per slide")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="slide2video-bench-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        paths = make_variants(args.articles, folder)
        slides = sum(len(load_article(p).slides) for p in paths)
        print(
            f"{len(paths)} articles ({slides} slides), video {args.preset} at {args.duration} s/slide draft, "
            f"carousel {args.carousel_preset}; {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
        )
        first = None
        for jobs in (int(j) for j in args.jobs.split(",")):
            seconds, report = run(folder, Path(tmp) / f"out-{jobs}", jobs, args)
            counts = report["counts"]
            rate = counts["ok"] / seconds * 60
            first = first or rate
            print(
                f"--jobs {jobs}: {seconds:6.1f} s, {counts['ok']} ok / {counts['failed']} failed, "
                f"{rate:5.1f} articles/min, speed-up {rate / first:.2f}x"
            )


if __name__ == "__main__":
    main()
