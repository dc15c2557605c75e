"""Card speed: the seed article's cards at 1080x1350 with photo backgrounds, and the carousel + PDF job.

    python bench/cards.py [--preset ig-portrait] [--theme news] [--rounds 3]

Cards per second per core: CPU seconds of this process (pinned to one core), so the figure holds on a shared
machine where wall time also counts other people's work; wall time is printed beside it. Designed
(photo-less) backgrounds are the baseline measured in the same run. The carousel job is `write_carousel` with
the PDF (13 PNGs, caption, contact sheet, manifest, carousel.pdf) into a temporary folder, the cards drawn as the
writer asks for them (as `render` does), on all cores, wall time.
Targets (issue 12): >= 20 cards/s per core with photos; carousel + PDF < 1.5 s.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from slide2video import load_article
from slide2video.article import Article
from slide2video.cards.deck import CardDeck
from slide2video.cards.render import render_cards
from slide2video.config.presets import Preset, get_preset
from slide2video.config.theme import Theme, load_theme
from slide2video.writers.carousel import CarouselOptions, write_carousel

ROOT = Path(__file__).resolve().parent.parent
PHOTOS = [
    "photos/astronaut.png",
    "photos/rocket.jpg",
    "photos/coffee.png",
    "photos/chelsea.png",
    "photos/hubble_deep_field.jpg",
    "photos/camera.png",
]


def timed(fn: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Best wall and best CPU seconds of `rounds` calls."""
    walls, cpus = [], []
    for _ in range(rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return min(walls), min(cpus)


def seed_with_photos() -> tuple[Article, Article]:
    article = load_article(ROOT / "articles" / "russia-nato-ukraine.yaml")
    slides = [replace(s, image=PHOTOS[i % len(PHOTOS)]) for i, s in enumerate(article.slides)]
    with_photos = replace(article, slides=slides)
    with_photos.path = article.path
    return article, with_photos


def cards_rate(article: Article, theme: Theme, preset: Preset, rounds: int) -> tuple[int, float, float, float]:
    """(cards, cold cards/s wall, warm cards/s per CPU second, warm cards/s wall)."""
    t0 = time.perf_counter()
    n = len(render_cards(article, theme, preset))
    cold = n / (time.perf_counter() - t0)
    wall, cpu = timed(lambda: render_cards(article, theme, preset), rounds)
    return n, cold, n / cpu, n / wall


def carousel_job(article: Article, theme: Theme, preset: Preset, rounds: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory(prefix="s2v-bench-cards-") as tmp:

        def job() -> None:  # as `render --to carousel,pdf` runs it: cards drawn while the writer encodes
            cards = CardDeck(article, theme, preset)
            write_carousel(cards, article, preset, Path(tmp) / "carousel", CarouselOptions(pdf=True))

        job()  # warm: fonts, photos
        return timed(job, rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--preset", default="ig-portrait")
    parser.add_argument("--theme", default="news")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    article, with_photos = seed_with_photos()
    theme, preset = load_theme(args.theme), get_preset(args.preset)
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else set()
    job_wall, job_cpu = carousel_job(with_photos, theme, preset, args.rounds)  # all cores
    if cores:
        os.sched_setaffinity(0, {min(cores)})  # one core for the per-core figures
    n, base_cold, base_cpu, base_wall = cards_rate(article, theme, preset, args.rounds)
    _, cold, per_cpu, per_wall = cards_rate(with_photos, theme, preset, args.rounds)
    print(f"{n} cards, {preset.name} {preset.width}x{preset.height}, theme {theme.name}")
    print(f"designed backgrounds: {base_cpu:5.1f} cards/s per core  (wall {base_wall:5.1f}, cold {base_cold:5.1f})")
    print(f"photo backgrounds:    {per_cpu:5.1f} cards/s per core  (wall {per_wall:5.1f}, cold {cold:5.1f})")
    print(f"carousel + PDF job:   {job_wall:5.2f} s wall, {job_cpu:5.2f} s CPU ({len(cores) or '?'} cores)")
    print(f"target >= 20 cards/s per core with photos: {'met' if per_cpu >= 20 else 'NOT met'}")
    print(f"target carousel + PDF < 1.5 s:              {'met' if job_wall < 1.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
