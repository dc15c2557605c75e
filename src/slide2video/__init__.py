"""slide2video: newsroom slideshow articles to social video, carousels and PDFs.

The Python API mirrors the CLI::

    import slide2video as s2v

    article = s2v.load_article("story.txt")                      # text, Markdown or YAML
    cards = s2v.render_cards(article, s2v.load_theme("news"), s2v.get_preset("ig-portrait"))
    s2v.write_carousel(cards, article, s2v.get_preset("ig-portrait"), "out/carousel")
    s2v.render_article(article, "out", s2v.JobOptions(outputs=("mp4", "srt")))   # what `slide2video render` does

Imaging and video modules load on first use, so `import slide2video` and the CLI's `--help` stay fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from .article import Article, Slide
from .errors import ArticleError, OutputError, RenderError, Slide2VideoError, ThemeError
from .readers import load_article, parse_article_text
from .readers.to_yaml import article_to_yaml, save_article

_LAZY = {
    "Card": ".cards.card",
    "CarouselOptions": ".writers.carousel",
    "JobOptions": ".pipeline",
    "JobReport": ".pipeline",
    "Preset": ".config.presets",
    "RenderOptions": ".cards.render",
    "Theme": ".config.theme",
    "get_preset": ".config.presets",
    "load_theme": ".config.theme",
    "plan_video": ".pipeline",
    "render_article": ".pipeline",
    "render_cards": ".cards.render",
    "write_carousel": ".writers.carousel",
    "write_video_outputs": ".pipeline",
}

if TYPE_CHECKING:
    from .cards.card import Card
    from .cards.render import RenderOptions, render_cards
    from .config.presets import Preset, get_preset
    from .config.theme import Theme, load_theme
    from .pipeline import JobOptions, JobReport, plan_video, render_article, write_video_outputs
    from .writers.carousel import CarouselOptions, write_carousel


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'slide2video' has no attribute {name!r}")


__all__ = [
    "Article",
    "ArticleError",
    "Card",
    "CarouselOptions",
    "JobOptions",
    "JobReport",
    "OutputError",
    "Preset",
    "RenderError",
    "RenderOptions",
    "Slide",
    "Slide2VideoError",
    "Theme",
    "ThemeError",
    "__version__",
    "article_to_yaml",
    "get_preset",
    "load_article",
    "load_theme",
    "parse_article_text",
    "plan_video",
    "render_article",
    "render_cards",
    "save_article",
    "write_carousel",
    "write_video_outputs",
]
