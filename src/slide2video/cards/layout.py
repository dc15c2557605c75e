"""Text layout: fit headlines and bodies into boxes, as pure geometry, then draw them exactly as measured.

`fit_text(...)` returns a `TextBlock`: the largest font size in [min_size, max_size] at which the wrapped text
fits the box, the lines with their positions (relative to the box's top-left corner) and the runs each line is
drawn with (one font and one direction per run). `draw_text_block(...)` draws a block; nothing else is needed to
put it on a card. How it works, and why:

- Wrapping is by measured width. Words are measured once per font at a reference size and scaled (advances are
  linear in size to within 0.1 px), which makes the binary size search arithmetic; the chosen size is then
  verified with every line shaped for real (Pillow + raqm), so the block never exceeds its box.
- Break opportunities: spaces, after hyphens and dashes inside words, and between CJK characters (Chinese,
  Japanese and Korean wrap without spaces) with basic kinsoku: no line starts with closing punctuation or small
  kana, no line ends with an opening bracket. A word wider than the box at the minimum size is broken between
  characters (no hyphen) rather than overflowing.
- Each paragraph's base direction comes from its first strong character. Lines are wrapped in logical order;
  each line is cut into runs by font (see `FontStack`) and by bidi level (a compact version of the Unicode bidi
  algorithm: strong types, numbers, neutrals), the runs are put in visual order, and raqm shapes each run with
  its direction. RTL paragraphs are right-aligned with the default `align="start"`.
- Too much text for the box even at `min_size`: it is cut after the last whole sentence that fits (when that
  keeps at least a third of what a cut between words would), else between words, "…" is appended, and the block
  carries `truncated=True` and a warning; the caller adds the slide's name to the warning.
- Vertical metrics: lines are `size * line_height` apart (baseline to baseline), paragraphs `paragraph_spacing`
  em further; a line's box spans the primary font's ascent and descent and any ink beyond them, so the block's
  first ascender touches the top of the box and nothing is drawn outside it.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from ..unicodetext import is_blank
from .fonts import HAVE_RAQM, ColorBitmapFont, FontStack, char_kind, load_font

Align = Literal["start", "end", "left", "right", "center"]
Direction = Literal["ltr", "rtl"]
Color = str | tuple[int, int, int] | tuple[int, int, int, int]

#: Size at which words are measured once; widths at other sizes are scaled from it.
REF_SIZE = 512
_EPS = 1e-6
_ELLIPSIS = "…"


# ---------------------------------------------------------------------------------------------------------------
# Public result types


@dataclass(frozen=True)
class Run:
    """A piece of one line drawn in one call: one font, one direction.

    `x` is the pen position of the run's left edge relative to the box origin, `width` its advance.
    `text` is in logical order (raqm reorders RTL glyphs itself).
    """

    text: str
    font: Path
    size: int
    x: float
    width: float
    direction: Direction


@dataclass(frozen=True)
class Line:
    """One laid-out line. (x, y, width, height) is its box relative to the box origin: the advance of all runs
    plus any ink overhang, from the primary font's ascent to its descent (or further if some glyph's ink is).
    `baseline` is the y of the baseline; `runs` are in visual order, left to right."""

    text: str
    x: float
    y: float
    width: float
    height: float
    baseline: float
    direction: Direction
    runs: tuple[Run, ...]
    paragraph: int

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x, self.y, self.x + self.width, self.y + self.height)


@dataclass(frozen=True)
class TextBlock:
    """The result of `fit_text`: everything needed to draw, plus what happened.

    `paragraphs` is the text as laid out (whitespace normalised, cut and ending in "…" when `truncated`);
    `bbox` is the union of the line boxes (all zero for an empty block); `box` is the box it was fitted to.
    """

    size: int
    lines: tuple[Line, ...]
    box: tuple[float, float]
    bbox: tuple[float, float, float, float]
    paragraphs: tuple[str, ...]
    line_height: float
    truncated: bool = False
    warnings: tuple[str, ...] = ()

    @property
    def width(self) -> float:
        return self.bbox[2] - self.bbox[0]

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def translated(self, dx: float, dy: float) -> tuple[float, float, float, float]:
        """The block's bbox moved to where it is drawn (origin + bbox), for collision and contrast checks."""
        x0, y0, x1, y1 = self.bbox
        return (x0 + dx, y0 + dy, x1 + dx, y1 + dy)


@dataclass(frozen=True)
class Shadow:
    """A drop shadow drawn under the text: offset in pixels, colour (alpha allowed), Gaussian blur radius."""

    offset: tuple[float, float] = (0.0, 2.0)
    color: Color = (0, 0, 0, 160)
    blur: float = 0.0


# ---------------------------------------------------------------------------------------------------------------
# Text preparation: normalisation, paragraphs, break opportunities


class _Piece(NamedTuple):
    """An unbreakable piece of text; `glue` means a space before it (dropped at a line start); `hard` means it
    starts a new line (a newline inside a paragraph)."""

    text: str
    glue: bool
    hard: bool


@dataclass(frozen=True)
class _Para:
    rtl: bool
    pieces: tuple[_Piece, ...]


_NO_START = frozenset(
    ")]}>»›’”、。，．,.!?:;！？：；）］｝｣」』】〕〉》〙〗〟｠・･…‥ー〜～ゝゞヽヾ々〻"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "‐゠–—%％‰°℃¢"
)
_NO_END = frozenset("([{<«‹‘“（［｛｢「『【〔〈《〘〖〝｟$£¥€＄￥")
_HYPHENS = frozenset("-‐–—/")
_CLOSERS = "\"'”’»)]）」』›"
_SENTENCE_END = frozenset(".!?。！？…؟۔")
_TRIM_BEFORE_ELLIPSIS = ",;:、，；：-‐–—/([{«“‘「『（ "
# Scripts that break between characters. Hangul is left out on purpose: Korean puts spaces between words and
# newsroom typesetting keeps words whole (CSS `word-break: keep-all`).
_CJK_RANGES = (
    (0x2E80, 0x2FDF),
    (0x2FF0, 0x312F),
    (0x3190, 0x33FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
    (0x20000, 0x3FFFF),
)
_SPACES = frozenset(" \t\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000")


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return cp >= 0x2E80 and any(lo <= cp <= hi for lo, hi in _CJK_RANGES)


def _attaches(ch: str) -> bool:
    return char_kind(ch) == 1


def _clean(text: str) -> list[str]:
    """Hard line segments of one paragraph: controls, soft hyphens dropped, runs of spaces collapsed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    keep = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch == "\n" or ch in _SPACES:
            keep.append(" " if ch != "\n" else "\n")
        elif cat in ("Cc", "Cs", "Co", "Cn") or ch == "\u00ad":
            continue
        else:
            keep.append(ch)
    segments = []
    for seg in "".join(keep).split("\n"):
        seg = " ".join(seg.split(" ")).strip(" ")
        seg = " ".join(part for part in seg.split(" ") if part)
        if not is_blank(seg):  # only ZWJ, BOM, bidi controls, variation selectors...: nothing to draw
            segments.append(seg)
    return segments


def _break_between(cur: str, ch: str) -> bool:
    prev = cur[-1]
    if _attaches(ch) or ch in _NO_START or prev in _NO_END or ch == "\u200d" or prev == "\u200d":
        return False
    if _is_cjk(prev) or _is_cjk(ch):
        return True
    return prev in _HYPHENS and len(cur) >= 2 and cur[-2].isalnum() and ch.isalnum()


def _first_strong_rtl(text: str) -> bool:
    for ch in text:
        t = unicodedata.bidirectional(ch)
        if t == "L":
            return False
        if t in ("R", "AL"):
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _prepare(paragraph: str) -> _Para:
    pieces: list[_Piece] = []
    for n, seg in enumerate(_clean(paragraph)):
        hard = n > 0
        glue = False
        cur = ""
        for ch in seg:
            if ch == " " or ch == "\u200b":
                if cur:
                    pieces.append(_Piece(cur, glue, hard))
                    cur, hard = "", False
                    glue = False
                glue = glue or ch == " "
                continue
            if cur and _break_between(cur, ch):
                pieces.append(_Piece(cur, glue, hard))
                cur, glue, hard = "", False, False
            cur += ch
        if cur:
            pieces.append(_Piece(cur, glue, hard))
    return _Para(_first_strong_rtl(paragraph), tuple(pieces))


def _join(pieces: Sequence[_Piece]) -> str:
    return "".join((" " + p.text) if (p.glue and i) else p.text for i, p in enumerate(pieces))


def _para_text(pieces: Sequence[_Piece]) -> str:
    out = []
    for i, p in enumerate(pieces):
        if i and p.hard:
            out.append("\n")
        elif i and p.glue:
            out.append(" ")
        out.append(p.text)
    return "".join(out)


# ---------------------------------------------------------------------------------------------------------------
# Measurement


@functools.lru_cache(maxsize=200_000)
def _ref_width(stack: FontStack, text: str) -> float:
    """Advance of `text` at REF_SIZE, each fallback run measured with its own font."""
    return sum(stack.font(i, REF_SIZE).getlength(part) for part, i in stack.runs(text))


class _Shaped(NamedTuple):
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
def _glyph_ink(font: ImageFont.FreeTypeFont, ch: str) -> tuple[int, int, float, int]:
    """(left, top, right - advance, bottom) of one character's ink at the font's size, relative to its origin
    on the baseline; whitespace has no ink (top == bottom == 0)."""
    x0, t, r, b = font.getbbox(ch, anchor="ls")
    return x0, t, r - font.getlength(ch), b


def _bidi_levels(text: str, rtl: bool) -> list[int]:
    """Embedding levels per character (a compact UBA: W1, W4, W5, W7, N1, N2, I1, I2; no explicit embeddings)."""
    base = 1 if rtl else 0
    types = []
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
    runs: list[list] = []
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
def _shape(stack: FontStack, size: int, text: str, rtl: bool) -> _Shaped:
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
    return _Shaped(tuple(out), left, right, top, bottom)


def _clusters(text: str) -> list[str]:
    """Characters with their combining marks and joiner sequences, the smallest units we may break between."""
    out: list[str] = []
    for ch in text:
        if out and (_attaches(ch) or out[-1].endswith("\u200d")):
            out[-1] += ch
        else:
            out.append(ch)
    return out


# ---------------------------------------------------------------------------------------------------------------
# Wrapping


@dataclass
class _Ctx:
    stack: FontStack
    size: int
    width: float
    allow_break: bool
    balance: bool
    exact: bool
    broke_words: bool = False
    line_cap: int | None = None  # more lines than this cannot fit the box (set by `_wrap_all`)

    @property
    def scale(self) -> float:
        return self.size / REF_SIZE

    def w(self, text: str) -> float:
        return _ref_width(self.stack, text) * self.scale

    @functools.cached_property
    def glue(self) -> float:
        return self.w(" ")


def _chunk(piece: _Piece, ctx: _Ctx, rtl: bool) -> list[_Piece] | None:
    """Break an over-wide word between characters; None if even one character is wider than the box.

    Work stays proportional to what can be shown, not to the word: each line is found by a galloping search
    from its start (not a binary search over the whole rest of the word), and once there are more lines than
    the box can hold the rest is left whole as a last piece, which the caller then finds too wide or too many.
    """
    clusters = _clusters(piece.text)
    out: list[_Piece] = []
    i = 0

    def fits(j: int) -> bool:
        return _shape(ctx.stack, ctx.size, "".join(clusters[i:j]), rtl).width <= ctx.width + _EPS

    while i < len(clusters):
        if ctx.line_cap is not None and len(out) > ctx.line_cap:
            out.append(_Piece("".join(clusters[i:]), False, False))
            break
        if not fits(i + 1):
            return None
        lo, step = i + 1, 1  # lo fits; gallop until hi does not (or the word ends)
        hi = min(len(clusters), lo + step)
        while hi > lo and fits(hi):
            lo, step = hi, step * 2
            hi = min(len(clusters), lo + step)
        hi = max(lo, hi - 1)
        while lo < hi:  # largest j in [lo, hi] with clusters[i:j] fitting
            mid = (lo + hi + 1) // 2
            if fits(mid):
                lo = mid
            else:
                hi = mid - 1
        first = not out
        out.append(_Piece("".join(clusters[i:lo]), piece.glue and first, piece.hard and first))
        i = lo
    return out


def _greedy(ws: list[float], glue: list[bool], gw: float, limit: float) -> list[int]:
    """Line end indices (exclusive) of a first-fit wrap."""
    ends = []
    start, cur = 0, 0.0
    for i, w in enumerate(ws):
        add = w + (gw if glue[i] and i > start else 0.0)
        if i > start and cur + add > limit:
            ends.append(i)
            start, cur = i, w
        else:
            cur += add
    ends.append(len(ws))
    return ends


def _balanced(ws: list[float], glue: list[bool], gw: float, limit: float, n_lines: int) -> list[int] | None:
    """Line ends for exactly `n_lines` lines minimising the sum of squared widths (so lines come out even), with
    a penalty for a one-word last line. Dynamic programming over break positions; None if no such split."""
    n = len(ws)
    if n_lines < 2 or n > 120 or n < n_lines:
        return None
    pre = [0.0]
    for i, w in enumerate(ws):
        pre.append(pre[-1] + w + (gw if glue[i] else 0.0))

    def width(i: int, j: int) -> float:
        return pre[j] - pre[i] - (gw if glue[i] else 0.0)

    inf = math.inf
    cost = [[inf] * (n + 1) for _ in range(n_lines + 1)]
    back = [[0] * (n + 1) for _ in range(n_lines + 1)]
    cost[0][0] = 0.0
    widow = limit * limit
    for k in range(1, n_lines + 1):
        for j in range(k, n + 1):
            best, arg = inf, 0
            for i in range(k - 1, j):
                if cost[k - 1][i] == inf:
                    continue
                w = width(i, j)
                if w > limit:
                    continue
                c = cost[k - 1][i] + w * w
                if k == n_lines and j - i == 1 and n > n_lines:
                    c += widow
                if c < best:
                    best, arg = c, i
            cost[k][j], back[k][j] = best, arg
    if cost[n_lines][n] == inf:
        return None
    ends, j = [], n
    for k in range(n_lines, 0, -1):
        ends.append(j)
        j = back[k][j]
    return ends[::-1]


def _wrap_segment(pieces: list[_Piece], ctx: _Ctx, rtl: bool) -> list[tuple[str, _Shaped | None]] | None:
    """Lines of one hard segment; None when it cannot be wrapped within the width."""
    limit = ctx.width - 1.0  # leave room for exact shaping's rounding (same limit in both passes)
    ws = [ctx.w(p.text) for p in pieces]
    # In the exact pass, words near the limit are checked by shaping (the scaled estimate may be a pixel off).
    near = limit - 2.0 if ctx.exact and ctx.allow_break else limit
    if any(w > near for w in ws):
        if not ctx.allow_break:
            return None
        expanded: list[_Piece] = []
        for p, w in zip(pieces, ws, strict=True):
            if w > near:
                parts = _chunk(p, ctx, rtl)
                if parts is None:
                    return None
                expanded.extend(parts)
                ctx.broke_words = ctx.broke_words or len(parts) > 1
            else:
                expanded.append(p)
        pieces = expanded
        ws = [ctx.w(p.text) for p in pieces]
    glue = [p.glue for p in pieces]
    ends = _greedy(ws, glue, ctx.glue, limit)
    if not ctx.exact:
        return [(_join(pieces[i:j]), None) for i, j in zip([0, *ends[:-1]], ends, strict=True)]
    if ctx.balance and len(ends) > 1:
        bal = _balanced(ws, glue, ctx.glue, limit, len(ends))
        if bal is not None:
            lines = _exact_lines(pieces, bal, ctx, rtl, adjust=False)
            if lines is not None:
                return lines
    return _exact_lines(pieces, ends, ctx, rtl, adjust=True)


def _exact_lines(
    pieces: list[_Piece], ends: list[int], ctx: _Ctx, rtl: bool, *, adjust: bool
) -> list[tuple[str, _Shaped | None]] | None:
    """Shape each line; with `adjust`, a line that measures too wide gives its last word to the next line."""
    out = []
    start = 0
    k = 0
    while start < len(pieces):
        end = ends[k] if k < len(ends) else len(pieces)
        end = max(end, start + 1)
        while True:
            text = _join(pieces[start:end])
            shaped = _shape(ctx.stack, ctx.size, text, rtl)
            if shaped.width <= ctx.width + _EPS:
                break
            if not adjust or end - start == 1:
                return None
            end -= 1
        out.append((text, shaped))
        if adjust and end < (ends[k] if k < len(ends) else len(pieces)):
            # Re-wrap the rest greedily from the new start.
            ws = [ctx.w(p.text) for p in pieces[end:]]
            rest = _greedy(ws, [p.glue for p in pieces[end:]], ctx.glue, ctx.width - 1.0)
            ends = [end + e for e in rest]
            k = 0
        else:
            k += 1
        start = end
    return out


@dataclass
class _Laid:
    lines: list[tuple[int, bool, str, _Shaped | None]]  # paragraph, rtl, text, shaped
    broke_words: bool


def _wrap_all(paras: Sequence[_Para], ctx: _Ctx, max_lines: int | None, height: float, lh: float, ps: float):
    """Wrap every paragraph; None if it cannot fit the width, or (by the estimate) the line count or height."""
    lines: list[tuple[int, bool, str, _Shaped | None]] = []
    asc, desc = ctx.stack.font(0, ctx.size).getmetrics()
    pitch, gap = ctx.size * lh, ctx.size * ps
    by_height = max(0, math.floor((height + _EPS - asc - desc) / pitch)) + 1
    ctx.line_cap = min(by_height, max_lines) if max_lines is not None else by_height
    y = -pitch
    for n, para in enumerate(paras):
        segments: list[list[_Piece]] = []
        for p in para.pieces:
            if p.hard or not segments:
                segments.append([])
            segments[-1].append(p)
        for seg in segments:
            wrapped = _wrap_segment(seg, ctx, para.rtl)
            if wrapped is None:
                return None
            for text, shaped in wrapped:
                y += pitch + (gap if lines and lines[-1][0] != n else 0.0)
                lines.append((n, para.rtl, text, shaped))
                if max_lines is not None and len(lines) > max_lines:
                    return None
                if y + asc + desc > height + _EPS:
                    return None  # too tall even before ink beyond the font's ascent and descent
    return _Laid(lines, ctx.broke_words)


# ---------------------------------------------------------------------------------------------------------------
# Block assembly


def _x_for(align: Align, rtl: bool, width: float, box_w: float) -> float:
    if align == "center":
        return (box_w - width) / 2
    right = align == "right" or (align == "start" and rtl) or (align == "end" and not rtl)
    return box_w - width if right else 0.0


def _assemble(
    laid: _Laid, stack: FontStack, size: int, box: tuple[float, float], lh: float, ps: float, align: Align
) -> tuple[tuple[Line, ...], tuple[float, float, float, float], float]:
    """Place shaped lines: baselines, line boxes, run positions. Returns lines, bbox, block height."""
    asc, desc = stack.font(0, size).getmetrics()
    pitch, gap = size * lh, size * ps
    offsets, above, below = [], [], []
    o = 0.0
    for i, (para, _rtl, _text, shaped) in enumerate(laid.lines):
        if i:
            o += pitch + (gap if para != laid.lines[i - 1][0] else 0.0)
        offsets.append(o)
        above.append(max(float(asc), -shaped.top))
        below.append(max(float(desc), shaped.bottom))
    if not offsets:
        return (), (0.0, 0.0, 0.0, 0.0), 0.0
    b0 = max(a - o for a, o in zip(above, offsets, strict=True))
    lines = []
    for (para, rtl, text, shaped), o, a, b in zip(laid.lines, offsets, above, below, strict=True):
        baseline = b0 + o
        x = _x_for(align, rtl, shaped.width, box[0])
        pen = x - shaped.left
        runs = tuple(
            Run(t, stack.fonts[i], size, pen + rx, adv, "rtl" if r else "ltr") for t, i, rx, adv, r in shaped.runs
        )
        lines.append(Line(text, x, baseline - a, shaped.width, a + b, baseline, "rtl" if rtl else "ltr", runs, para))
    bbox = (
        min(ln.x for ln in lines),
        min(ln.y for ln in lines),
        max(ln.x + ln.width for ln in lines),
        max(ln.y + ln.height for ln in lines),
    )
    return tuple(lines), bbox, bbox[3]


# ---------------------------------------------------------------------------------------------------------------
# fit_text


def _largest(lo: int, hi: int, ok) -> int | None:
    """Largest n in [lo, hi] with ok(n), assuming ok is monotone (true below some size)."""
    if lo > hi:
        return None
    if ok(hi):  # short text: the largest size fits, one test
        return hi
    if not ok(lo):
        return None
    hi -= 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if ok(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


def _as_stack(stack: FontStack | str | Path) -> FontStack:
    return stack if isinstance(stack, FontStack) else FontStack.of(stack)


def fit_text(
    text: str | Sequence[str],
    box_width: float,
    box_height: float,
    stack: FontStack | str | Path,
    min_size: int,
    max_size: int,
    line_height: float = 1.2,
    max_lines: int | None = None,
    balance: bool = False,
    align: Align = "start",
    paragraph_spacing: float = 0.5,
) -> TextBlock:
    """Lay `text` (one paragraph, or a sequence of paragraphs) out in a box of `box_width` x `box_height` px at
    the largest integer size in [min_size, max_size] that fits; cut with "…" if even `min_size` does not.

    `stack` is a `FontStack` (or a font name/path, which gets the default fallbacks). `balance=True` evens out
    line widths for headlines (same line count as plain wrapping). `align`: "start" (left, or right in RTL
    paragraphs), "end", "left", "right", "center". `paragraph_spacing` is extra space between paragraphs in em.
    The result is cached: the same arguments return the same (immutable) block.
    """
    paragraphs = (text,) if isinstance(text, str) else tuple(text)
    if not 1 <= min_size <= max_size:
        raise ValueError(f"need 1 <= min_size <= max_size, got {min_size}, {max_size}")
    if align not in ("start", "end", "left", "right", "center"):
        raise ValueError(f"unknown align {align!r}")
    return _fit(
        paragraphs,
        float(box_width),
        float(box_height),
        _as_stack(stack),
        int(min_size),
        int(max_size),
        float(line_height),
        max_lines,
        bool(balance),
        align,
        float(paragraph_spacing),
    )


@functools.lru_cache(maxsize=2048)
def _fit(
    paragraphs: tuple[str, ...],
    box_w: float,
    box_h: float,
    stack: FontStack,
    min_size: int,
    max_size: int,
    lh: float,
    max_lines: int | None,
    balance: bool,
    align: Align,
    ps: float,
) -> TextBlock:
    paras = [p for p in (_prepare(t) for t in paragraphs) if p.pieces]
    box = (box_w, box_h)
    warnings = []
    missing = stack.missing("".join(paragraphs))
    if missing:
        codes = ", ".join(f"U+{ord(c):04X}" for c in missing[:8]) + (", ..." if len(missing) > 8 else "")
        warnings.append(f"no bundled font can draw {missing[:20]!r} ({codes}); they print as boxes")
    if not paras:
        return TextBlock(max_size, (), box, (0.0, 0.0, 0.0, 0.0), (), lh, False, tuple(warnings))

    def attempt(paras_: Sequence[_Para], size: int, *, exact: bool, allow_break: bool):
        ctx = _Ctx(stack, size, box_w, allow_break, balance, exact)
        laid = _wrap_all(paras_, ctx, max_lines, box_h, lh, ps)
        if laid is None or not exact:
            return laid
        lines, bbox, height = _assemble(laid, stack, size, box, lh, ps, align)
        if height > box_h + _EPS or bbox[2] > box_w + _EPS:
            return None
        return laid, lines, bbox

    def block(result, size: int, paras_: Sequence[_Para], truncated: bool = False) -> TextBlock:
        laid, lines, bbox = result
        if laid.broke_words:
            warnings.append(f"a word is wider than the {box_w:.0f} px box at {size} px and was broken")
        texts = tuple(_para_text(p.pieces) for p in paras_)
        return TextBlock(size, lines, box, bbox, texts, lh, truncated, tuple(warnings))

    # 1. Largest size by the scaled-width estimate, then verified by shaping (stepping down if needed).
    est = _largest(min_size, max_size, lambda s: attempt(paras, s, exact=False, allow_break=False) is not None)
    if est is not None:
        result = attempt(paras, est, exact=True, allow_break=False)
        if result is not None:
            return block(result, est, paras)
        exact = _largest(min_size, est - 1, lambda s: attempt(paras, s, exact=True, allow_break=False) is not None)
        if exact is not None:
            return block(attempt(paras, exact, exact=True, allow_break=False), exact, paras)
    # 2. At the minimum size, words wider than the box may be broken between characters.
    result = attempt(paras, min_size, exact=True, allow_break=True)
    if result is not None:
        return block(result, min_size, paras)
    # 3. Cut: the longest prefix (sentence boundary preferred) that fits with an ellipsis.
    return _truncate(paras, min_size, box, lh, attempt, block, warnings)


def _cut(paras: Sequence[_Para], k: int, sentence: bool) -> list[_Para]:
    """The first k pieces of the text, ending in an ellipsis."""
    out: list[_Para] = []
    left = k
    for para in paras:
        if left <= 0:
            break
        take = para.pieces[:left]
        left -= len(take)
        out.append(_Para(para.rtl, take))
    last = out[-1]
    pieces = list(last.pieces)
    if sentence:
        tail = pieces[-1].text
        mark = _ELLIPSIS if _is_cjk(tail[-1]) else "\u00a0" + _ELLIPSIS
        pieces[-1] = pieces[-1]._replace(text=tail + mark)
    else:
        while pieces and not pieces[-1].text.rstrip(_TRIM_BEFORE_ELLIPSIS):
            pieces.pop()
        if not pieces:
            pieces = [_Piece(_ELLIPSIS, False, False)]
        else:
            pieces[-1] = pieces[-1]._replace(text=pieces[-1].text.rstrip(_TRIM_BEFORE_ELLIPSIS) + _ELLIPSIS)
    out[-1] = _Para(last.rtl, tuple(pieces))
    return out


def _ends_sentence(piece_text: str) -> bool:
    core = piece_text.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _SENTENCE_END


def _truncate(paras, size, box, lh, attempt, block, warnings) -> TextBlock:
    """Step 3 of `_fit`: the longest cut (see `_cut`) that fits at the minimum size, with a warning."""
    flat = [(n, p) for n, para in enumerate(paras) for p in para.pieces]
    total = len(flat)

    def fits(k: int, sentence: bool):
        cut = _cut(paras, k, sentence)
        return attempt(cut, size, exact=True, allow_break=True), cut

    k_word = _largest(1, total - 1, lambda k: fits(k, False)[0] is not None)
    chosen = None
    if k_word is not None:
        chosen = (k_word, False)
        # Sentence ends: after a piece ending in . ! ? (etc.) or at a paragraph end.
        kept_chars = sum(len(p.text) for _, p in flat[:k_word])
        for k in range(k_word, 0, -1):
            n, p = flat[k - 1]
            para_end = k == total or flat[k][0] != n
            if not (_ends_sentence(p.text) or para_end):
                continue
            if sum(len(q.text) for _, q in flat[:k]) * 3 < kept_chars:
                break
            if fits(k, True)[0] is not None:
                chosen = (k, True)
                break
    if chosen is None:  # not even the first word fits whole (a pasted URL, a long unspaced string): cut inside it
        rtl, first = paras[0].rtl, flat[0][1]

        def fits_chars(c: int):
            kept = first.text[:c].rstrip(_TRIM_BEFORE_ELLIPSIS) + _ELLIPSIS
            cut = [_Para(rtl, (first._replace(text=kept),))]
            return attempt(cut, size, exact=True, allow_break=True), cut

        c = _largest(1, len(first.text) - 1, lambda c: fits_chars(c)[0] is not None)
        if c is None:
            warnings.append(f"the {box[0]:.0f}x{box[1]:.0f} px box is too small for any text at {size} px")
            return TextBlock(size, (), box, (0.0, 0.0, 0.0, 0.0), (), lh, True, tuple(warnings))
        result, cut = fits_chars(c)
        warnings.append(
            f"text does not fit its {box[0]:.0f}x{box[1]:.0f} px box even at {size} px: "
            f"cut after {c} of {len(first.text)} characters of its first word"
        )
        return block(result, size, cut, truncated=True)
    k, sentence = chosen
    result, cut = fits(k, sentence)
    words_total = sum(1 for _, p in flat)
    warnings.append(
        f"text does not fit its {box[0]:.0f}x{box[1]:.0f} px box even at {size} px: "
        f"cut after {k} of {words_total} words"
    )
    return block(result, size, cut, truncated=True)


# ---------------------------------------------------------------------------------------------------------------
# Convenience measurement


def text_size(text: str, stack: FontStack | str | Path, size: int) -> tuple[float, float]:
    """Width and height (ascent + descent of the primary font, or more ink) of `text` on one line at `size`."""
    stack = _as_stack(stack)
    para = _prepare(text)
    line = " ".join(_join([p]) for p in para.pieces)
    shaped = _shape(stack, int(size), line, para.rtl)
    asc, desc = load_font(stack.primary, int(size)).getmetrics()
    return shaped.width, max(float(asc), -shaped.top) + max(float(desc), shaped.bottom)


# ---------------------------------------------------------------------------------------------------------------
# Drawing


def _target_image(target: Image.Image | ImageDraw.ImageDraw) -> Image.Image | None:
    if isinstance(target, Image.Image):
        return target
    return getattr(target, "_image", None)


def draw_text_block(
    target: Image.Image | ImageDraw.ImageDraw,
    block: TextBlock,
    origin: tuple[float, float] = (0, 0),
    fill: Color = "white",
    *,
    stroke_width: float = 0,
    stroke_fill: Color | None = None,
    shadow: Shadow | None = None,
) -> None:
    """Draw `block` with its box's top-left corner at `origin`, run by run with each run's own font.

    A stroke grows the ink by `stroke_width` on every side and a shadow by its offset and blur: shrink the box
    given to `fit_text` by that much if they must stay inside it. Deterministic: same block, same pixels.
    """
    ox, oy = origin
    if shadow is not None:
        image = _target_image(target)
        if image is None:
            raise TypeError("draw_text_block needs an Image (not only an ImageDraw) to draw a shadow")
        _draw_shadow(image, block, (ox + shadow.offset[0], oy + shadow.offset[1]), shadow, stroke_width)
    draw = target if isinstance(target, ImageDraw.ImageDraw) else ImageDraw.Draw(target)
    _draw_runs(draw, block, (ox, oy), fill, stroke_width, stroke_fill)


def _draw_runs(draw: ImageDraw.ImageDraw, block: TextBlock, origin, fill, stroke_width, stroke_fill) -> None:
    ox, oy = origin
    for line in block.lines:
        for run in line.runs:
            if not run.text.strip():
                continue
            kwargs = {"direction": run.direction} if HAVE_RAQM else {}
            font = load_font(run.font, run.size)
            image = _target_image(draw)
            if isinstance(font, ColorBitmapFont) and image is not None:  # colour emoji: scaled bitmaps, no stroke
                font.draw(image, (ox + run.x, oy + line.baseline), run.text, run.direction)
                continue
            draw.text(
                (ox + run.x, oy + line.baseline),
                run.text,
                font=font,
                fill=fill,
                anchor="ls",
                stroke_width=stroke_width,
                stroke_fill=stroke_fill,
                **kwargs,
            )


def _draw_shadow(image: Image.Image, block: TextBlock, origin, shadow: Shadow, stroke_width: float) -> None:
    if not block.lines:
        return
    pad = math.ceil(shadow.blur * 3 + stroke_width + 2)
    x0, y0, x1, y1 = block.translated(*origin)
    left, top = math.floor(x0) - pad, math.floor(y0) - pad
    w, h = math.ceil(x1) + pad - left, math.ceil(y1) + pad - top
    mask = Image.new("L", (w, h), 0)
    _draw_runs(ImageDraw.Draw(mask), block, (origin[0] - left, origin[1] - top), 255, stroke_width, 255)
    if shadow.blur > 0:
        mask = mask.filter(ImageFilter.GaussianBlur(shadow.blur))
    rgba = Image.new("RGBA", (1, 1), shadow.color).getpixel((0, 0))
    layer = Image.new("RGBA", (w, h), (*rgba[:3], 0))
    layer.putalpha(mask.point(lambda v: v * rgba[3] // 255))
    if image.mode == "RGBA":
        cx, cy = max(0, -left), max(0, -top)  # alpha_composite refuses negative destinations
        image.alpha_composite(layer.crop((cx, cy, w, h)), (left + cx, top + cy))
    else:
        image.paste(layer, (left, top), layer)


__all__ = [
    "REF_SIZE",
    "Align",
    "Line",
    "Run",
    "Shadow",
    "TextBlock",
    "draw_text_block",
    "fit_text",
    "text_size",
]
