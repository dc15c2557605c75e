"""Shaping and bidi: a line cut into runs by font and by bidi level (a compact Unicode bidi algorithm), put
in visual order and shaped by raqm; widths measured once at a reference size and scaled."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, NamedTuple

from PIL import ImageFont

from .fonts import HAVE_RAQM, FontStack, char_kind
from .segment import attaches
from .textblock import REF_SIZE

# ---------------------------------------------------------------------------------------------------------------
# Measurement


@functools.lru_cache(maxsize=200_000)
def ref_width(stack: FontStack, text: str) -> float:
    """Advance of `text` at REF_SIZE, each fallback run measured with its own font."""
    return sum(stack.font(i, REF_SIZE).getlength(part) for part, i in stack.runs(text))


class Shaped(NamedTuple):
    runs: tuple[tuple[str, int, float, float, bool], ...]  # text, font index, pen x, advance, rtl; visual order
    left: float  # ink/advance extent relative to the pen start (left <= 0)
    right: float
    top: float  # relative to the baseline (top <= 0)
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left


_RTL_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")
_SIMPLE: dict[str, bool] = {}


def _simple(ch: str) -> bool:
    """Whether a character's glyph is the same in any context (no shaping, no marks): then its ink box can be
    measured once per font and size instead of per line. Latin, Greek, Cyrillic, punctuation, symbols, CJK."""
    hit = _SIMPLE.get(ch)
    if hit is None:
        cp = ord(ch)
        hit = char_kind(ch) != 1 and (
            cp < 0x0590 or 0x1E00 <= cp < 0x2C00 or 0x2E80 <= cp < 0xA000 or 0xF900 <= cp < 0xFFF0
        )
        _SIMPLE[ch] = hit
    return hit


@functools.lru_cache(maxsize=100_000)
def _glyph_ink(font: ImageFont.FreeTypeFont, ch: str) -> tuple[float, float, float, float]:
    """(left, top, right - advance, bottom) of one character's ink at the font's size, relative to its origin
    on the baseline; whitespace has no ink (top == bottom == 0)."""
    x0, t, r, b = font.getbbox(ch, anchor="ls")
    return x0, t, r - font.getlength(ch), b


def _bidi_levels(text: str, rtl: bool) -> list[int]:
    """Embedding levels per character (a compact UBA: W1, W4, W5, W7, N1, N2, I1, I2; no explicit embeddings)."""
    base = 1 if rtl else 0
    types: list[str] = []
    for ch in text:
        t = unicodedata.bidirectional(ch)
        if t in ("NSM", "BN") and types:
            t = types[-1]
        elif t == "AL":
            t = "R"
        types.append(t)
    n = len(types)
    for i in range(1, n - 1):  # W4: a single separator between two numbers joins them
        if types[i] in ("ES", "CS") and types[i - 1] == types[i + 1] == "EN":
            types[i] = "EN"
        elif types[i] == "CS" and types[i - 1] == types[i + 1] == "AN":
            types[i] = "AN"
    for i in range(n):  # W5: terminators (%, $) next to European numbers
        if types[i] == "ET":
            j = i
            while j < n and types[j] == "ET":
                j += 1
            if (i > 0 and types[i - 1] == "EN") or (j < n and types[j] == "EN"):
                for k in range(i, j):
                    types[k] = "EN"
    strong = "R" if rtl else "L"
    for i, t in enumerate(types):  # W7: European numbers after L text are L
        if t in ("L", "R"):
            strong = t
        elif t == "EN" and strong == "L":
            types[i] = "L"
    levels = [0] * n
    i = 0
    while i < n:
        t = types[i]
        if t == "L":
            levels[i] = base + (base & 1)
            i += 1
        elif t == "R":
            levels[i] = base | 1
            i += 1
        elif t in ("EN", "AN"):
            levels[i] = base + (2 if not base & 1 else 1)
            i += 1
        else:  # neutral sequence: N1 (same direction on both sides, numbers count as R), else N2 (base)
            j = i
            while j < n and types[j] not in ("L", "R", "EN", "AN"):
                j += 1
            before = ("L" if types[i - 1] == "L" else "R") if i > 0 else ("R" if rtl else "L")
            after = ("L" if types[j] == "L" else "R") if j < n else ("R" if rtl else "L")
            lvl = base
            if before == after:
                lvl = base | 1 if before == "R" else base + (base & 1)
            for k in range(i, j):
                levels[k] = lvl
            i = j
    return levels


def _visual_runs(stack: FontStack, text: str, rtl: bool) -> list[tuple[str, int, int]]:
    """(text, font index, level) runs in visual order (rule L2 applied to runs; raqm reverses inside RTL runs)."""
    if not HAVE_RAQM or (not rtl and not _RTL_RE.search(text)):
        return [(t, i, 0) for t, i in stack.runs(text)]
    levels = _bidi_levels(text, rtl)
    runs: list[list[Any]] = []
    pos = 0
    for part, font in stack.runs(text):
        for ch in part:
            lvl = levels[pos]
            pos += 1
            if runs and runs[-1][1] == font and runs[-1][2] == lvl:
                runs[-1][0] += ch
            else:
                runs.append([ch, font, lvl])
    if not runs:
        return []
    top = max(r[2] for r in runs)
    lowest_odd = min((r[2] for r in runs if r[2] % 2), default=top + 1)
    for lvl in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(runs):
            if runs[i][2] >= lvl:
                j = i
                while j < len(runs) and runs[j][2] >= lvl:
                    j += 1
                runs[i:j] = runs[i:j][::-1]
                i = j
            else:
                i += 1
    return [(t, f, lvl) for t, f, lvl in runs]


def _run_ink(f: ImageFont.FreeTypeFont, part: str, adv: float, direction: str | None) -> tuple[float, ...] | None:
    """Ink extent (left, top, right, bottom) of one run relative to its pen start; None if it has no ink.
    Context-free scripts sum cached per-character boxes; shaped scripts ask raqm for the whole run."""
    if all(_simple(ch) for ch in part):
        inked = [(ch, _glyph_ink(f, ch)) for ch in part if not ch.isspace()]
        if not inked:
            return None
        first, last = _glyph_ink(f, part[0]), _glyph_ink(f, part[-1])
        top = min(g[1] for _, g in inked)
        bottom = max(g[3] for _, g in inked)
        return min(0, first[0]), top, adv + max(0.0, last[2]), bottom
    x0, t, r, b = f.getbbox(part, anchor="ls", direction=direction)
    if r <= x0 and b <= t:
        return None
    return x0, t, max(r, adv), b


@functools.lru_cache(maxsize=50_000)
def shape(stack: FontStack, size: int, text: str, rtl: bool) -> Shaped:
    """Exact geometry of one line at `size`: runs shaped by raqm, positioned by their real advances."""
    out = []
    x = left = right = top = bottom = 0.0
    for part, index, lvl in _visual_runs(stack, text, rtl):
        f = stack.font(index, size)
        is_rtl = bool(lvl % 2)
        direction = ("rtl" if is_rtl else "ltr") if HAVE_RAQM else None
        adv = f.getlength(part, direction=direction)
        out.append((part, index, x, adv, is_rtl))
        ink = _run_ink(f, part, adv, direction)
        if ink is not None:
            left, top = min(left, x + ink[0]), min(top, ink[1])
            right, bottom = max(right, x + ink[2]), max(bottom, ink[3])
        x += adv
        right = max(right, x)
    return Shaped(tuple(out), left, right, top, bottom)


def grapheme_clusters(text: str) -> list[str]:
    """Characters with their combining marks and joiner sequences, the smallest units we may break between."""
    out: list[str] = []
    for ch in text:
        if out and (attaches(ch) or out[-1].endswith("\u200d")):
            out[-1] += ch
        else:
            out.append(ch)
    return out
