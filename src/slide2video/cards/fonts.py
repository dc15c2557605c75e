"""Fonts: find them by short name or path, load them once, and fall back per character.

- `resolve_font("Inter-Bold")` finds a bundled font by file stem (case-insensitive); anything with a slash or a
  font suffix is a path (relative to `base`, e.g. the theme file's folder). Missing, unreadable or corrupt files
  raise `RenderError` naming the path.
- `load_font(path, size)` returns a cached `ImageFont.FreeTypeFont` (raqm layout when Pillow has it, so Arabic and
  Hebrew are shaped and bidi-ordered).
- `FontStack` is a primary font plus fallbacks. `runs(text)` cuts text into runs, each drawn with the first
  font of the stack whose cmap maps the character, so a glyph missing from the theme font never becomes a box
  when another bundled font has it. Coverage is the font's best Unicode `cmap` (fontTools' `getBestCmap`; TTF, OTF
  and TTC).
"""

from __future__ import annotations

import bisect
import difflib
import functools
import os
import struct
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import ImageFont, features

from ..errors import RenderError
from ..paths import data_dir

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")

#: Pillow's complex-text engine: shaping (Arabic joining, ligatures, kerning) and `direction="rtl"`.
HAVE_RAQM: bool = bool(features.check("raqm"))
LAYOUT_ENGINE = ImageFont.Layout.RAQM if HAVE_RAQM else ImageFont.Layout.BASIC

#: Fallback chains by weight and style, as bundled short names: Latin/Cyrillic/Greek (Noto), Arabic, Hebrew, then
#: CJK and Hangul (Droid Sans Fallback, one weight; its "Full" cut adds CJK Extension A), and Inter last for the
#: symbols Noto lacks (e.g. U+2212 minus). The primary comes first; a font already in the stack is not repeated.
DEFAULT_FALLBACKS: dict[tuple[bool, bool], tuple[str, ...]] = {
    # (bold, serif)
    (False, False): (
        "NotoSans-Regular",
        "NotoSansArabic-Regular",
        "NotoSansHebrew-Regular",
        "DroidSansFallback",
        "DroidSansFallbackFull",
        "Inter-Regular",
    ),
    (True, False): (
        "NotoSans-Bold",
        "NotoSansArabic-Bold",
        "NotoSansHebrew-Bold",
        "DroidSansFallback",
        "DroidSansFallbackFull",
        "Inter-Bold",
    ),
    (False, True): (
        "NotoSerif-Regular",
        "NotoSansArabic-Regular",
        "NotoSansHebrew-Regular",
        "DroidSansFallback",
        "DroidSansFallbackFull",
        "Inter-Regular",
    ),
    (True, True): (
        "NotoSerif-Bold",
        "NotoSansArabic-Bold",
        "NotoSansHebrew-Bold",
        "DroidSansFallback",
        "DroidSansFallbackFull",
        "Inter-Bold",
    ),
}
_BOLD_WORDS = ("bold", "black", "heavy", "semibold", "extrabold", "ultrabold", "bebas")


def fonts_dir() -> Path:
    """The bundled fonts folder (wheel `_data/fonts` or the repo's `fonts/`)."""
    return data_dir("fonts")


@functools.cache
def bundled_fonts() -> dict[str, Path]:
    """Bundled fonts by lower-case file stem (`"inter-bold"` -> `.../Inter-Bold.otf`)."""
    root = fonts_dir()
    if not root.is_dir():
        return {}
    found = sorted(p for p in root.rglob("*") if p.suffix.lower() in FONT_SUFFIXES and p.is_file())
    return {p.stem.lower(): p for p in found}


def _looks_like_path(name: str | Path) -> bool:
    if isinstance(name, Path):
        return True
    return "/" in name or "\\" in name or name.lower().endswith(FONT_SUFFIXES)


def resolve_font(name: str | Path, base: str | Path | None = None) -> Path:
    """A usable font file for `name`: a bundled short name (`"Inter-Bold"`) or a path (relative to `base`).

    The file is checked now (readable, a real font with a Unicode cmap), so a bad theme fails when it is loaded,
    with the offending path in the message, rather than halfway through a render.
    """
    if not _looks_like_path(name):
        key = str(name).strip().lower()
        known = bundled_fonts()
        if key in known:
            return known[key]
        names = sorted(p.stem for p in known.values())
        close = difflib.get_close_matches(str(name), names, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise RenderError(
            f"unknown font {str(name)!r}{hint}; bundled fonts: {', '.join(names) or 'none'}; "
            "or give a path to a .ttf/.otf/.ttc file"
        )
    path = Path(name).expanduser()
    if not path.is_absolute() and base is not None:
        path = Path(base) / path
    if not path.is_file():
        raise RenderError("font file not found" if not path.exists() else "font path is not a file", path=path)
    coverage(path)  # raises RenderError if the file is not a font
    load_font(path, 16)
    return path


# ---------------------------------------------------------------------------------------------------------------
# Loading


def load_font(path: str | Path, size: int) -> ImageFont.FreeTypeFont:
    """A cached FreeType font for (path, size); `RenderError` naming the path if FreeType cannot open it."""
    return _load_font(Path(path), int(size))


@functools.lru_cache(maxsize=1024)
def _load_font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    if size < 1:
        raise ValueError(f"font size must be positive, got {size}")
    try:
        return ImageFont.truetype(str(path), size, layout_engine=LAYOUT_ENGINE)
    except OSError as exc:
        what = "font file not found" if not path.exists() else f"cannot load font ({exc})"
        raise RenderError(what, path=path) from None


# ---------------------------------------------------------------------------------------------------------------
# Coverage: which code points a font maps to a real glyph, from its best Unicode cmap (fontTools)


@dataclass(frozen=True)
class Coverage:
    """Sorted, merged code point ranges (inclusive) that a font maps to a glyph other than .notdef."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __contains__(self, cp: object) -> bool:
        if isinstance(cp, str):
            cp = ord(cp)
        if not isinstance(cp, int):
            return False
        i = bisect.bisect_right(self.starts, cp) - 1
        return i >= 0 and cp <= self.ends[i]

    def __len__(self) -> int:
        return sum(e - s + 1 for s, e in zip(self.starts, self.ends, strict=True))

    @classmethod
    def from_ranges(cls, ranges: Iterable[tuple[int, int]]) -> Coverage:
        merged: list[list[int]] = []
        for s, e in sorted(ranges):
            if merged and s <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        return cls(tuple(r[0] for r in merged), tuple(r[1] for r in merged))


def coverage(path: str | Path) -> Coverage:
    """The code points `path` has glyphs for; `RenderError` naming the path if it is not a readable font."""
    return _coverage(Path(path))


@functools.lru_cache(maxsize=256)
def _coverage(path: Path) -> Coverage:
    from fontTools.ttLib import TTFont, TTLibError

    if not os.access(path, os.R_OK) or not path.is_file():
        raise RenderError("cannot read font file (permission denied or not a file)", path=path)
    try:
        # The first font of a collection (.ttc), as FreeType loads it; only the cmap and glyph order are read.
        with TTFont(path, fontNumber=0, lazy=True) as font:
            cmap = font.getBestCmap() or {}
            codes = sorted(cp for cp, glyph in cmap.items() if font.getGlyphID(glyph) != 0)
    except OSError as exc:
        raise RenderError(f"cannot read font file ({exc.strerror or exc})", path=path) from None
    except (TTLibError, struct.error, KeyError, IndexError, ValueError, AssertionError) as exc:
        raise RenderError(f"not a usable font file ({exc or type(exc).__name__})", path=path) from None
    if not codes:
        raise RenderError("font has no Unicode character map", path=path)
    return Coverage.from_ranges(_runs_of(codes))


def _runs_of(codes: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted code points as inclusive (first, last) runs."""
    out: list[tuple[int, int]] = []
    for c in codes:
        if out and c == out[-1][1] + 1:
            out[-1] = (out[-1][0], c)
        else:
            out.append((c, c))
    return out


# ---------------------------------------------------------------------------------------------------------------
# Stacks and runs


_ATTACH, _NEUTRAL, _OTHER = 1, 2, 0
_KIND: dict[str, int] = {}


def char_kind(ch: str) -> int:
    """1: marks and invisible format characters, which belong to the run of the character before them;
    2: spaces and punctuation, which stay in the current run's font when it has them (fewer runs, even spacing);
    0: everything else."""
    kind = _KIND.get(ch)
    if kind is None:
        cat = unicodedata.category(ch)
        cp = ord(ch)
        if cat[0] == "M" or cat == "Cf" or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:
            kind = _ATTACH
        elif cat[0] in "ZP":
            kind = _NEUTRAL
        else:
            kind = _OTHER
        _KIND[ch] = kind
    return kind


_PRINTABLE_ASCII = range(0x20, 0x7F)


class FontStack:
    """A primary font and its fallbacks, as resolved font paths; hashable, so it keys measurement caches.

    Build one with `FontStack.of("Inter-Bold")`; without explicit fallbacks the default chain for the primary's
    weight and style (`DEFAULT_FALLBACKS`) is appended, so Latin, Cyrillic, Greek, Arabic, Hebrew and CJK all
    find a glyph. Constructing a stack reads each font's cmap (cached per file).
    """

    __slots__ = ("_ascii", "_covs", "_fonts", "_hash", "_index", "_runs", "fonts")

    def __init__(self, fonts: Sequence[str | Path]) -> None:
        if not fonts:
            raise ValueError("a FontStack needs at least one font")
        self.fonts: tuple[Path, ...] = tuple(Path(f) for f in fonts)
        self._covs = tuple(coverage(f) for f in self.fonts)
        self._hash = hash(tuple(str(f) for f in self.fonts))
        self._index: dict[str, int] = {}
        self._runs: dict[str, tuple[tuple[str, int], ...]] = {}
        self._fonts: dict[tuple[int, int], ImageFont.FreeTypeFont] = {}
        self._ascii = all(cp in self._covs[0] for cp in _PRINTABLE_ASCII)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FontStack) and (self is other or self.fonts == other.fonts)

    def __repr__(self) -> str:
        return f"FontStack({[f.stem for f in self.fonts]})"

    @classmethod
    def of(
        cls,
        primary: str | Path,
        fallbacks: Sequence[str | Path] | None = None,
        *,
        base: str | Path | None = None,
    ) -> FontStack:
        """Resolve `primary` and `fallbacks` (short names or paths; None = the default chain) into a stack."""
        first = resolve_font(primary, base)
        if fallbacks is None:
            fallbacks = default_fallbacks(first)
        paths = [first]
        for name in fallbacks:
            path = resolve_font(name, base)
            if path not in paths:
                paths.append(path)
        return cls(paths)

    @property
    def primary(self) -> Path:
        return self.fonts[0]

    def font(self, index: int, size: int) -> ImageFont.FreeTypeFont:
        """The loaded font `index` of the stack at `size` (cached)."""
        key = (index, size)
        f = self._fonts.get(key)
        if f is None:
            f = self._fonts[key] = load_font(self.fonts[index], size)
        return f

    def _lookup(self, ch: str) -> int:
        hit = self._index.get(ch)
        if hit is None:
            cp = ord(ch)
            hit = next((i for i, cov in enumerate(self._covs) if cp in cov), -1)
            self._index[ch] = hit
        return hit

    def index_for(self, ch: str) -> int:
        """Index of the first font covering `ch` (0, the primary, when none does: it draws its .notdef)."""
        return max(self._lookup(ch), 0)

    def covers(self, ch: str) -> bool:
        """Whether any font of the stack has a glyph for `ch`."""
        return self._lookup(ch) >= 0

    def missing(self, text: str) -> str:
        """Visible characters of `text` no font in the stack can draw (in order of first appearance)."""
        seen = dict.fromkeys(c for c in text if not c.isspace() and char_kind(c) != _ATTACH and not self.covers(c))
        return "".join(seen)

    def runs(self, text: str) -> tuple[tuple[str, int], ...]:
        """`text` cut into (substring, index into `fonts`) runs in logical order: each character goes to the first
        font that has it, except that marks and format characters stay with the character before them, and spaces
        and punctuation stay in the current font when it has them (cached per text)."""
        hit = self._runs.get(text)
        if hit is not None:
            return hit
        if self._ascii and text.isascii() and text.isprintable():
            out: tuple[tuple[str, int], ...] = ((text, 0),) if text else ()
        else:
            runs: list[list[Any]] = []
            for ch in text:
                if runs:
                    cur = runs[-1][1]
                    kind = char_kind(ch)
                    if kind == _ATTACH or (kind == _NEUTRAL and ord(ch) in self._covs[cur]):
                        runs[-1][0] += ch
                        continue
                idx = self.index_for(ch)
                if runs and runs[-1][1] == idx:
                    runs[-1][0] += ch
                else:
                    runs.append([ch, idx])
            out = tuple((t, i) for t, i in runs)
        if len(self._runs) < 100_000:
            self._runs[text] = out
        return out


def default_fallbacks(primary: Path) -> tuple[str, ...]:
    """The default fallback chain matching the primary's weight (from its name) and style (serif or not)."""
    stem = primary.stem.lower().replace("-", "").replace("_", "")
    bold = any(w in stem for w in _BOLD_WORDS)
    serif = "serif" in stem and "sansserif" not in stem
    return DEFAULT_FALLBACKS[(bold, serif)]
