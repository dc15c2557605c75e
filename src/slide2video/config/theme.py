"""Themes: the look of the cards as validated YAML data.

Built-in themes live in `slide2video/themes/*.yaml`. A brand copies one, or writes a small file with
`extends: news` and only the keys it changes; values merge as built-in defaults -> parent theme -> child.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from PIL import ImageColor

from ..errors import ThemeError
from ..fileio import read_input
from .ranges import FONT_SIZE, LINE_HEIGHT, MAX_LINES, ranged
from .yamlio import Validator, YamlDoc, load_yaml

MAX_THEME_BYTES = 1_000_000  # a theme is a page of settings; this stops `--theme /dev/zero`

Corner = Literal["top-left", "top-right", "bottom-left", "bottom-right"]


def _color(value: str) -> str | None:
    try:
        ImageColor.getrgb(value)
    except ValueError:
        return f"{value!r} is not a colour (use '#RRGGBB', '#RRGGBBAA' or a CSS name)"
    return None


def _size_range(value: tuple[int, int]) -> str | None:
    lo, hi = value
    return None if 6 <= lo <= hi <= 400 else "must be [min, max] font sizes with 6 <= min <= max <= 400"


def _fraction(value: float) -> str | None:
    return None if 0.0 <= value <= 1.0 else "must be between 0 and 1"


def color_field(default: str) -> Any:
    return field(default=default, metadata={"check": _color})


@dataclass(frozen=True)
class Fonts:
    """Font names (file stems in `fonts/`, e.g. `Inter-Bold`) or paths relative to the theme file."""

    headline: str = "Inter-Bold"
    body: str = "Inter-Regular"
    credit: str = "Inter-SemiBold"
    counter: str = "Inter-Bold"


@dataclass(frozen=True)
class Colors:
    text: str = color_field("#FFFFFF")
    body_text: str = color_field("#F1F1F1")
    accent: str = color_field("#E63946")
    background: str = color_field("#14171C")
    secondary: str = color_field("#2B3A55")
    scrim: str = color_field("#000000")
    credit_text: str = color_field("#FFFFFF")
    credit_background: str = color_field("#000000B0")
    counter_text: str = color_field("#FFFFFF")
    counter_background: str = color_field("#E63946")


@dataclass(frozen=True)
class TextStyle:
    """Where and how the headline and body sit on the card."""

    position: Literal["bottom", "center", "top"] = "bottom"
    align: Literal["left", "center"] = "left"
    panel: Literal["gradient", "solid", "box", "none"] = "gradient"
    panel_strength: float = field(default=0.55, metadata={"check": _fraction})
    headline_size: tuple[int, int] = field(default=(44, 88), metadata={"check": _size_range})
    body_size: tuple[int, int] = field(default=(28, 40), metadata={"check": _size_range})
    headline_max_lines: int = ranged(4, MAX_LINES)
    line_height: float = ranged(1.18, LINE_HEIGHT)
    padding: float = field(default=0.065, metadata={"check": _fraction})
    max_height: float = field(default=0.62, metadata={"check": _fraction})
    uppercase_headline: bool = False
    accent_bar: bool = True
    show_body: bool = True


@dataclass(frozen=True)
class BackgroundStyle:
    """The photo: full-bleed under the text, or framed in the top part with the text below it."""

    fit: Literal["cover", "contain-blur"] = "cover"
    area: Literal["full", "top"] = "full"
    area_height: float = field(default=0.58, metadata={"check": _fraction})
    inset: float = field(default=0.0, metadata={"check": _fraction})
    designed: Literal["gradient", "pattern", "shapes"] = "gradient"
    kenburns: bool = True


@dataclass(frozen=True)
class LogoStyle:
    image: str | None = None
    position: Corner = "top-left"
    width: float = field(default=0.16, metadata={"check": _fraction})
    opacity: float = field(default=1.0, metadata={"check": _fraction})


@dataclass(frozen=True)
class CounterStyle:
    style: Literal["fraction", "number", "none"] = "fraction"
    position: Corner = "top-right"
    size: int = ranged(30, FONT_SIZE)


@dataclass(frozen=True)
class CreditStyle:
    label: str = "Photo:"
    position: Corner = "top-right"
    size: int = ranged(22, FONT_SIZE)


@dataclass(frozen=True)
class CoverStyle:
    enabled: bool = True
    kicker: str = "{section}"
    footer: str = "{source}"


@dataclass(frozen=True)
class EndStyle:
    enabled: bool = True
    text: str = "Read the full story at {source}"
    fallback: str = "Read the full story"


@dataclass(frozen=True)
class Theme:
    name: str = "custom"
    description: str = ""
    extends: str | None = None
    fonts: Fonts = Fonts()
    colors: Colors = Colors()
    text: TextStyle = TextStyle()
    background: BackgroundStyle = BackgroundStyle()
    logo: LogoStyle = LogoStyle()
    counter: CounterStyle = CounterStyle()
    credit: CreditStyle = CreditStyle()
    cover: CoverStyle = CoverStyle()
    end: EndStyle = EndStyle()
    path: Path | None = field(default=None, compare=False, metadata={"yaml": False})
    #: The YAML files this theme was read from, itself first, then its `extends` parents (built-in ones too).
    sources: tuple[Path, ...] = field(default=(), compare=False, metadata={"yaml": False})

    @property
    def base_dir(self) -> Path | None:
        return self.path.parent if self.path is not None else None

    def source_files(self) -> tuple[Path, ...]:
        """Every file that decides this theme's look: its YAML and its parents', then the logo, if any (the
        incremental batch hashes these; fonts are hashed by the font stacks the renderer builds)."""
        logo = self.resolve_logo()
        return (*self.sources, *([logo] if logo is not None else []))

    def input_files(self) -> list[tuple[str, Path]]:
        """(role, path) of every file the theme reads: its YAML files, its logo and its fonts, so no output is
        written over one of them."""
        from ..cards.fonts import resolve_font
        from ..errors import RenderError

        files = [("theme", p) for p in self.sources if p.is_file()]
        logo = self.resolve_logo()
        if logo is not None:
            files.append(("theme logo", logo))
        for role in fields(Fonts):
            try:
                files.append(("theme font", resolve_font(getattr(self.fonts, role.name), self.base_dir)))
            except RenderError:
                continue  # the theme's load reported it
        return files

    def resolve_logo(self) -> Path | None:
        """The logo file: beside the theme file, else in assets/ (None when the theme has no logo). A missing
        file is returned as the assets/ path, for the renderer's one-line error."""
        if not self.logo.image:
            return None
        from ..paths import data_dir

        candidates = [self.base_dir / self.logo.image] if self.base_dir is not None else []
        candidates.append(data_dir("assets") / self.logo.image)
        return next((c for c in candidates if c.is_file()), candidates[-1])


def _builtin_dir() -> Any:
    return resources.files("slide2video.config").joinpath("themes")


@functools.cache
def builtin_themes() -> tuple[str, ...]:
    return tuple(sorted(p.name[:-5] for p in _builtin_dir().iterdir() if p.name.endswith(".yaml")))


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _read_doc(
    name_or_path: str, chain: tuple[str, ...] = ()
) -> tuple[dict[str, Any], YamlDoc, Path | None, tuple[Path, ...]]:
    """Raw theme data with its `extends` parents merged in (parent first), and the files read (child first)."""
    if name_or_path in builtin_themes():
        resource = _builtin_dir().joinpath(f"{name_or_path}.yaml")
        text = resource.read_text(encoding="utf-8")
        label, path, source = f"theme {name_or_path}", None, Path(str(resource))
    else:
        path = Path(name_or_path)
        if path.suffix.lower() not in (".yaml", ".yml") and not path.exists():
            import difflib

            close = difflib.get_close_matches(name_or_path, builtin_themes(), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ThemeError(f"unknown theme {name_or_path!r}{hint}; built-in: {', '.join(builtin_themes())}")
        raw = read_input(
            path, ThemeError, noun="a theme file", missing="theme file not found", max_bytes=MAX_THEME_BYTES
        )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ThemeError(f"not a UTF-8 text file (byte {exc.start})", path=path) from None
        label, source = str(path), path.resolve()
    doc = load_yaml(text, label, ThemeError)
    if doc.data is None:
        doc.data = {}
    if not isinstance(doc.data, dict):
        raise ThemeError("a theme is a mapping of settings", path=label, line=1)
    parent = doc.data.get("extends")
    data = doc.data
    sources: tuple[Path, ...] = (source,)
    if parent is not None:
        if not isinstance(parent, str):
            raise ThemeError("extends: expected a theme name or path", path=label, line=doc.line(("extends",)))
        if path is not None and parent not in builtin_themes() and Path(parent).suffix.lower() in (".yaml", ".yml"):
            parent = str((path.parent / parent).resolve())
        me = str(path.resolve()) if path is not None else name_or_path
        if parent in chain or parent == me:
            raise ThemeError(f"extends: theme {parent!r} extends itself", path=label, line=doc.line(("extends",)))
        parent_data, _, _, parent_sources = _read_doc(parent, (*chain, me))
        parent_data = {k: v for k, v in parent_data.items() if k not in ("name", "description", "extends")}
        data = _merge(parent_data, data)
        sources += parent_sources
    return data, doc, path, sources


def _check_fonts(fonts: Fonts, base: Path | None, validator: Validator) -> None:
    """A font that does not exist is a mistake in the theme: report it at the theme's line, when it is loaded."""
    from ..cards.fonts import resolve_font
    from ..errors import RenderError

    for role in fields(Fonts):
        try:
            resolve_font(getattr(fonts, role.name), base)
        except RenderError as exc:
            validator.problem(("fonts", role.name), exc.message)


_CACHE: dict[str, tuple[Theme, tuple[tuple[str, int, int], ...]]] = {}
_CACHE_SIZE = 32


def _stamps(paths: tuple[Path, ...]) -> tuple[tuple[str, int, int], ...]:
    out = []
    for p in paths:
        try:
            st = p.stat()
            out.append((str(p), st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((str(p), -1, -1))
    return tuple(out)


def load_theme(name_or_path: str = "news") -> Theme:
    """A built-in theme by name, or a theme YAML file (which may `extends:` another).

    Cached per name while none of its files (`Theme.sources`) changed, so a long-lived process (a Dask
    worker) never renders with a theme edited since it was loaded.
    """
    cached = _CACHE.get(name_or_path)
    if cached is not None and _stamps(cached[0].sources) == cached[1]:
        return cached[0]
    theme = _load_theme(name_or_path)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[name_or_path] = (theme, _stamps(theme.sources))
    return theme


def _load_theme(name_or_path: str) -> Theme:
    data, doc, path, sources = _read_doc(name_or_path)
    validator = Validator(YamlDoc(data, doc.lines, doc.path, sources=doc.sources), ThemeError)
    theme = validator.build(Theme, data)
    if theme is not None:
        _check_fonts(theme.fonts, path.parent if path else None, validator)
    validator.raise_if_any()
    assert theme is not None
    from dataclasses import replace

    return replace(theme, path=path.resolve() if path else None, sources=sources)
