"""The YAML reader: the hand-editable form of the model, validated field by field."""

from __future__ import annotations

from ..article import Article
from ..config.yamlio import Validator, load_yaml
from ..errors import ArticleError
from ..unicodetext import is_blank

NAME = "yaml"
EXTENSIONS = (".yaml", ".yml")


def read(content: str, path: str) -> Article:
    doc = load_yaml(content, path, ArticleError)
    if doc.data is None:
        raise ArticleError("file is empty", path=path)
    validator = Validator(doc, ArticleError)
    article = validator.build(Article, doc.data)
    if article is not None:
        if is_blank(article.title):
            validator.problem(("title",), "title is blank")
        if not article.slides:
            validator.problem(("slides",), "no slides: add at least one item under 'slides:'")
        for i, slide in enumerate(article.slides):
            if is_blank(slide.heading):
                validator.problem(("slides", i, "heading"), "heading is blank")
    validator.raise_if_any()
    assert article is not None  # raise_if_any raised otherwise
    article.warnings += doc.warnings
    return article
