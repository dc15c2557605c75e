"""Output presets: frame size, safe zone and platform limits, as data (`presets.yaml`).

A preset is picked by name (`reel`, `ig-portrait`, ...) or given as `WIDTHxHEIGHT` for a custom size.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from importlib import resources

from ..errors import ThemeError
from .ranges import FILE_MB, FPS, MAX_ITEMS, PRESET_SECONDS, ranged
from .yamlio import Validator, load_yaml


def _fraction(value: float) -> str | None:
    return None if 0.0 <= value < 0.5 else "must be a fraction of the frame between 0 and 0.5"


@dataclass(frozen=True)
class SafeZone:
    """Fractions of the frame, per side, that platform UI may cover."""

    top: float = field(default=0.05, metadata={"check": _fraction})
    bottom: float = field(default=0.05, metadata={"check": _fraction})
    left: float = field(default=0.05, metadata={"check": _fraction})
    right: float = field(default=0.05, metadata={"check": _fraction})


@dataclass(frozen=True)
class Preset:
    """Platform facts for one output shape."""

    size: tuple[int, int]
    description: str = ""
    safe: SafeZone = SafeZone()
    max_items: int = ranged(20, MAX_ITEMS)
    fps: int = ranged(30, FPS)
    max_duration: float | None = ranged(None, PRESET_SECONDS)
    max_file_mb: float | None = ranged(None, FILE_MB)
    name: str = field(default="", metadata={"yaml": False})
    #: Where `max_duration` comes from when it is not the platform's: how messages name the limit.
    limit_source: str = field(default="", metadata={"yaml": False})

    @property
    def limit_label(self) -> str:
        """The limit as messages name it (" of preset 'reel'", or the ceiling the user can raise), with its
        leading space; "" for an unnamed preset."""
        if self.limit_source:
            return f" {self.limit_source}"
        return f" of preset {self.name!r}" if self.name else ""

    @property
    def width(self) -> int:
        return self.size[0]

    @property
    def height(self) -> int:
        return self.size[1]

    def safe_box(self) -> tuple[int, int, int, int]:
        """The safe rectangle in pixels as (left, top, right, bottom)."""
        w, h = self.size
        s = self.safe
        return (round(w * s.left), round(h * s.top), w - round(w * s.right), h - round(h * s.bottom))


_CUSTOM = re.compile(r"^(\d{2,5})\s*[xX×]\s*(\d{2,5})$")
MAX_SIDE = 8192


@functools.cache
def builtin_presets() -> dict[str, Preset]:
    text = resources.files("slide2video.config").joinpath("presets.yaml").read_text(encoding="utf-8")
    doc = load_yaml(text, "presets.yaml", ThemeError)
    validator = Validator(doc, ThemeError)
    out = {}
    for name, data in doc.data.items():
        preset = validator.build(Preset, data, (name,))
        if preset is not None:
            out[name] = replace(preset, name=name)
    validator.raise_if_any()
    return out


def get_preset(name: str) -> Preset:
    """A built-in preset by name, or a custom `WIDTHxHEIGHT` with 5% margins."""
    presets = builtin_presets()
    if name in presets:
        return presets[name]
    if m := _CUSTOM.match(name.strip()):
        w, h = int(m.group(1)), int(m.group(2))
        if not (64 <= w <= MAX_SIDE and 64 <= h <= MAX_SIDE):
            raise ThemeError(f"custom size {name!r}: each side must be between 64 and {MAX_SIDE} pixels")
        # Video encoders need even sides; round up rather than refuse.
        w, h = w + w % 2, h + h % 2
        return Preset(size=(w, h), description="custom size", name=f"{w}x{h}")
    import difflib

    close = difflib.get_close_matches(name, list(presets), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise ThemeError(f"unknown preset {name!r}{hint}; choose from {', '.join(presets)} or give WIDTHxHEIGHT")
