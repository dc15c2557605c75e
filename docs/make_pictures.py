"""Regenerate the README's pictures: real cards from the sample articles, in two presets and three themes.

    python docs/make_pictures.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from slide2video import load_article
from slide2video.cards.render import render_cards
from slide2video.config.presets import get_preset
from slide2video.config.theme import load_theme

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img"
SHOTS = [  # article, theme, preset, card indices
    ("free-photos-science-desk.md", "news", "ig-portrait", (0, 2)),
    ("free-photos-science-desk.md", "bold", "reel", (1, 3)),
    ("free-photos-science-desk.md", "minimal", "ig-portrait", (5,)),
    ("russia-nato-ukraine.yaml", "news", "reel", (2,)),
]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, theme, preset, indices in SHOTS:
        cards = render_cards(load_article(ROOT / "articles" / name), load_theme(theme), get_preset(preset))
        for i in indices:
            img = cards[i].image
            small = img.resize((img.width * 2 // 5, img.height * 2 // 5), Image.Resampling.LANCZOS)
            path = OUT / f"{Path(name).stem.split('-')[0]}-{theme}-{preset}-{i + 1:02d}.png"
            small.save(path, optimize=True)
            print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
