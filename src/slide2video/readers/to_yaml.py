"""Writing an `Article` back to YAML: the `parse` output, which reads back to an equal `Article`."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import yaml

from ..article import Article, Slide
from ..fileio import atomic_write_text


class _Dumper(yaml.SafeDumper):
    """Safe dumper that writes multi-line text as `|` blocks and keeps tuples as plain lists."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(tuple, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", list(v), flow_style=True))


def _fields(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        if not f.metadata.get("yaml", True):
            continue
        value = getattr(obj, f.name)
        if value is None or (value == [] and f.name not in ("body", "slides")):
            continue
        out[f.name] = value
    return out


def article_to_dict(article: Article) -> dict[str, Any]:
    """The article as plain data in the public field order (empty optional fields left out)."""
    data = _fields(article)
    order = ["title", "section", "source", "byline", "intro", "slides"]
    data = {k: data[k] for k in order if k in data}
    data["slides"] = [_slide_dict(s) for s in article.slides]
    return data


def _slide_dict(slide: Slide) -> dict[str, Any]:
    data = _fields(slide)
    if not data.get("body"):
        data.pop("body", None)
    return data


def article_to_yaml(article: Article) -> str:
    """YAML text for `article`; `load_article` on it gives an equal `Article`."""
    return yaml.dump(article_to_dict(article), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def save_article(article: Article, path: str | Path) -> Path:
    """Write `article` as YAML to `path` atomically."""
    return atomic_write_text(Path(path), article_to_yaml(article))
