"""Card rendering speed: the seed article's cards at 1080x1350 with photo backgrounds, on one core.

    python bench/cards.py [--preset ig-portrait] [--theme news] [--rounds 3]

Prints cards per second for a cold first pass (fonts, photos and measurements loaded) and warm passes, and
the same for designed (photo-less) backgrounds as the baseline measured in the same run. Target (issue 3):
>= 10 cards/s with photo backgrounds.
"""

from __future__ import annotations

import argparse
import os
import time
from dataclasses import replace
from pathlib import Path

from slide2video import load_article
from slide2video.cards.render import render_cards
from slide2video.config.presets import get_preset
from slide2video.config.theme import load_theme

ROOT = Path(__file__).resolve().parent.parent
PHOTOS = [
    "photos/astronaut.png",
    "photos/rocket.jpg",
    "photos/coffee.png",
    "photos/chelsea.png",
    "photos/hubble_deep_field.jpg",
    "photos/camera.png",
]


def run(article, theme, preset, rounds: int) -> tuple[float, float]:
    t0 = time.perf_counter()
    n = len(render_cards(article, theme, preset))
    cold = n / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for _ in range(rounds):
        render_cards(article, theme, preset)
    warm = n * rounds / (time.perf_counter() - t0)
    return cold, warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="ig-portrait")
    parser.add_argument("--theme", default="news")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    article = load_article(ROOT / "articles" / "russia-nato-ukraine.yaml")
    with_photos = replace(
        article, slides=[replace(s, image=PHOTOS[i % len(PHOTOS)]) for i, s in enumerate(article.slides)]
    )
    with_photos.path = article.path
    theme, preset = load_theme(args.theme), get_preset(args.preset)
    print(f"{len(article.slides) + 2} cards, {preset.name} {preset.width}x{preset.height}, theme {theme.name}, 1 core")
    base_cold, base_warm = run(article, theme, preset, args.rounds)
    cold, warm = run(with_photos, theme, preset, args.rounds)
    print(f"designed backgrounds (baseline): cold {base_cold:5.1f} cards/s, warm {base_warm:5.1f} cards/s")
    print(
        f"photo backgrounds:               cold {cold:5.1f} cards/s, warm {warm:5.1f} cards/s "
        f"({warm / base_warm:.2f}x the baseline)"
    )
    print(f"target >= 10 cards/s with photos: {'met' if warm >= 10 else 'NOT met'}")


if __name__ == "__main__":
    main()
