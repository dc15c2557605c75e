"""slide2video: newsroom slideshow articles to social video, carousels and PDFs.

The Python API mirrors the CLI::

    import slide2video as s2v

    article = s2v.load_article("story.txt")                       # text, Markdown or YAML
    cards = s2v.render_cards(article, theme="news", preset="ig-portrait")   # names, files or objects
    s2v.write_carousel(cards, article, s2v.get_preset("ig-portrait"), "out/carousel")
    s2v.write_video(article, "out/story.mp4", s2v.JobOptions(video_preset="reel"))   # `slide2video video`
    s2v.preview_frame(article, slide=2).image.save("frame.png")   # `slide2video preview`
    s2v.render_article(article, "out", s2v.JobOptions(outputs=("mp4", "srt")))   # `slide2video render`
    s2v.run_batch(["articles/"], "out", s2v.JobOptions(), s2v.Reporter(print))    # `slide2video batch`

Warnings and progress go to a `Reporter` (the library never prints). Imaging and video modules load on first
use, so `import slide2video` and the CLI's `--help` stay fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from .article import Article, Slide
from .errors import ArticleError, OutputError, RenderError, Slide2VideoError, StrictError, ThemeError
from .readers import load_article, parse_article_text
from .readers.to_yaml import article_to_yaml, save_article
from .reporting import Reporter

_LAZY = {
    "BatchReport": ".batch",
    "Card": ".cards.card",
    "CarouselOptions": ".writers.carousel",
    "JobOptions": ".config.settings",
    "JobReport": ".pipeline",
    "Preset": ".config.presets",
    "PreviewFrame": ".pipeline",
    "RenderOptions": ".cards.render",
    "Settings": ".config.settings",
    "Theme": ".config.theme",
    "builtin_presets": ".config.presets",
    "builtin_themes": ".config.theme",
    "get_preset": ".config.presets",
    "load_theme": ".config.theme",
    "plan_video": ".pipeline",
    "preview_frame": ".pipeline",
    "render_article": ".pipeline",
    "render_cards": ".cards.render",
    "resolve_settings": ".config.settings",
    "run_batch": ".batch",
    "write_carousel": ".writers.carousel",
    "write_video": ".pipeline",
    "write_video_outputs": ".pipeline",
}

if TYPE_CHECKING:
    from .batch import BatchReport, run_batch
    from .cards.card import Card
    from .cards.render import RenderOptions, render_cards
    from .config.presets import Preset, builtin_presets, get_preset
    from .config.settings import JobOptions, Settings, resolve_settings
    from .config.theme import Theme, builtin_themes, load_theme
    from .pipeline import (
        JobReport,
        PreviewFrame,
        plan_video,
        preview_frame,
        render_article,
        write_video,
        write_video_outputs,
    )
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
    "BatchReport",
    "Card",
    "CarouselOptions",
    "JobOptions",
    "JobReport",
    "OutputError",
    "Preset",
    "PreviewFrame",
    "RenderError",
    "RenderOptions",
    "Reporter",
    "Settings",
    "Slide",
    "Slide2VideoError",
    "StrictError",
    "Theme",
    "ThemeError",
    "__version__",
    "article_to_yaml",
    "builtin_presets",
    "builtin_themes",
    "get_preset",
    "load_article",
    "load_theme",
    "parse_article_text",
    "plan_video",
    "preview_frame",
    "render_article",
    "render_cards",
    "resolve_settings",
    "run_batch",
    "save_article",
    "write_carousel",
    "write_video",
    "write_video_outputs",
]
