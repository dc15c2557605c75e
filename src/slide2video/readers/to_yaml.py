"""Writing an `Article` back to YAML: the `parse` output, which reads back to an equal `Article`."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import yaml

from ..article import Article, Slide
from ..fileio import atomic_write_text, output_error


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


def bundle_photos(article: Article, yaml_path: Path) -> tuple[Article, list[Path]]:
    """A copy of `article` whose photos resolve from `yaml_path`'s folder, and the files copied to make it so.

    Photos already inside that folder are named relative to it; others (downloaded into the cache, or beside an
    article elsewhere) are copied into `<stem>_files/` beside the YAML as `NN-name.ext`, so the YAML can be edited
    and moved with its folder. An existing file with other content is never written over: the copy takes a free
    name instead (`NN-name-2.ext`), and a file with the same bytes is reused.
    """
    import shutil

    from ..cards.images import resolve_image
    from ..errors import RenderError
    from ..paths import cache_dir, data_dir

    folder = yaml_path.parent.resolve()
    assets = data_dir("assets").resolve()
    cache = cache_dir().resolve()  # downloads are always copied: the cache is not the editor's to keep
    bundle = yaml_path.parent / f"{yaml_path.stem}_files"
    slides: list[Slide] = []
    copied: list[Path] = []
    for n, slide in enumerate(article.slides, start=1):
        if not slide.image:
            slides.append(slide)
            continue
        try:
            src = resolve_image(slide.image, article.base_dir, assets, allow_outside=True)
        except RenderError:
            slides.append(slide)  # a broken reference stays as it was, for the renderer to report
            continue
        if src.is_relative_to(assets) and not Path(slide.image).is_absolute():
            slides.append(slide)  # a shipped photo is found from anywhere
            continue
        if src.is_relative_to(folder) and not src.is_relative_to(cache):
            slides.append(dataclasses.replace(slide, image=src.relative_to(folder).as_posix()))
            continue
        dest = _free_name(bundle / f"{n:02d}-{src.name}", src)
        if not dest.exists():
            try:
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dest)
            except OSError as exc:
                for path in copied:
                    path.unlink(missing_ok=True)
                raise output_error(exc, dest) from None
            copied.append(dest)
        slides.append(dataclasses.replace(slide, image=dest.relative_to(yaml_path.parent).as_posix()))
    bundled = dataclasses.replace(article, slides=slides)
    bundled.path, bundled.warnings = yaml_path, list(article.warnings)
    return bundled, copied


def _free_name(dest: Path, src: Path) -> Path:
    """`dest`, or the first `dest-N` that is free or already holds exactly `src`'s bytes."""
    candidate, n = dest, 1
    while candidate.exists():
        if candidate.is_file() and candidate.read_bytes() == src.read_bytes():
            return candidate
        n += 1
        candidate = dest.with_name(f"{dest.stem}-{n}{dest.suffix}")
    return candidate
