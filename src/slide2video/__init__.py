"""slide2video: newsroom slideshow articles to social video, carousels and PDFs.

The public Python API mirrors the CLI: load an article, then hand it to a writer.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .article import Article, Slide
from .errors import ArticleError, RenderError, Slide2VideoError, ThemeError
from .readers import load_article, parse_article_text
from .yamlwriter import article_to_yaml, save_article

__all__ = [
    "Article",
    "ArticleError",
    "RenderError",
    "Slide",
    "Slide2VideoError",
    "ThemeError",
    "__version__",
    "article_to_yaml",
    "load_article",
    "parse_article_text",
    "save_article",
]
