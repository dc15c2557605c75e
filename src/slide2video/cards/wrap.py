"""Line wrapping by measured width: greedy, or balanced for headlines, over the segmenter's pieces; then the
lines verified by real shaping and placed in the box."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from .bidi import Shaped, grapheme_clusters, ref_width, shape
from .fonts import FontStack
from .segment import Para, Piece, join_pieces
from .textblock import EPS, REF_SIZE, Align, Line, Run

# ---------------------------------------------------------------------------------------------------------------
# Wrapping


@dataclass
class Ctx:
    stack: FontStack
    size: int
    width: float
    allow_break: bool
    balance: bool
    exact: bool
    broke_words: bool = False
    line_cap: int | None = None  # more lines than this cannot fit the box (set by `wrap_all`)

    @property
    def scale(self) -> float:
        return self.size / REF_SIZE

    def w(self, text: str) -> float:
        return ref_width(self.stack, text) * self.scale

    @functools.cached_property
    def glue(self) -> float:
        return self.w(" ")


def _chunk(piece: Piece, ctx: Ctx, rtl: bool) -> list[Piece] | None:
    """Break an over-wide word between characters; None if even one character is wider than the box.

    Work stays proportional to what can be shown, not to the word: each line is found by a galloping search
    from its start (not a binary search over the whole rest of the word), and once there are more lines than
    the box can hold the rest is left whole as a last piece, which the caller then finds too wide or too many.
    """
    clusters = grapheme_clusters(piece.text)
    out: list[Piece] = []
    i = 0

    def fits(j: int) -> bool:
        return shape(ctx.stack, ctx.size, "".join(clusters[i:j]), rtl).width <= ctx.width + EPS

    while i < len(clusters):
        if ctx.line_cap is not None and len(out) > ctx.line_cap:
            out.append(Piece("".join(clusters[i:]), False, False))
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
        out.append(Piece("".join(clusters[i:lo]), piece.glue and first, piece.hard and first))
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


def _wrap_segment(pieces: list[Piece], ctx: Ctx, rtl: bool) -> Sequence[tuple[str, Shaped | None]] | None:
    """Lines of one hard segment; None when it cannot be wrapped within the width."""
    limit = ctx.width - 1.0  # leave room for exact shaping's rounding (same limit in both passes)
    ws = [ctx.w(p.text) for p in pieces]
    # In the exact pass, words near the limit are checked by shaping (the scaled estimate may be a pixel off).
    near = limit - 2.0 if ctx.exact and ctx.allow_break else limit
    if any(w > near for w in ws):
        if not ctx.allow_break:
            return None
        expanded: list[Piece] = []
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
        return [(join_pieces(pieces[i:j]), None) for i, j in zip([0, *ends[:-1]], ends, strict=True)]
    if ctx.balance and len(ends) > 1:
        bal = _balanced(ws, glue, ctx.glue, limit, len(ends))
        if bal is not None:
            lines = _exact_lines(pieces, bal, ctx, rtl, adjust=False)
            if lines is not None:
                return lines
    return _exact_lines(pieces, ends, ctx, rtl, adjust=True)


def _exact_lines(
    pieces: list[Piece], ends: list[int], ctx: Ctx, rtl: bool, *, adjust: bool
) -> list[tuple[str, Shaped]] | None:
    """Shape each line; with `adjust`, a line that measures too wide gives its last word to the next line."""
    out: list[tuple[str, Shaped]] = []
    start = 0
    k = 0
    while start < len(pieces):
        end = ends[k] if k < len(ends) else len(pieces)
        end = max(end, start + 1)
        while True:
            text = join_pieces(pieces[start:end])
            shaped = shape(ctx.stack, ctx.size, text, rtl)
            if shaped.width <= ctx.width + EPS:
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
    lines: list[tuple[int, bool, str, Shaped | None]]  # paragraph, rtl, text, shaped
    broke_words: bool


def wrap_all(
    paras: Sequence[Para], ctx: Ctx, max_lines: int | None, height: float, lh: float, ps: float
) -> _Laid | None:
    """Wrap every paragraph; None if it cannot fit the width, or (by the estimate) the line count or height."""
    lines: list[tuple[int, bool, str, Shaped | None]] = []
    asc, desc = ctx.stack.font(0, ctx.size).getmetrics()
    pitch, gap = ctx.size * lh, ctx.size * ps
    by_height = max(0, math.floor((height + EPS - asc - desc) / pitch)) + 1
    ctx.line_cap = min(by_height, max_lines) if max_lines is not None else by_height
    y = -pitch
    for n, para in enumerate(paras):
        segments: list[list[Piece]] = []
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
                if y + asc + desc > height + EPS:
                    return None  # too tall even before ink beyond the font's ascent and descent
    return _Laid(lines, ctx.broke_words)


# ---------------------------------------------------------------------------------------------------------------
# Block assembly


def _x_for(align: Align, rtl: bool, width: float, box_w: float) -> float:
    if align == "center":
        return (box_w - width) / 2
    right = align == "right" or (align == "start" and rtl) or (align == "end" and not rtl)
    return box_w - width if right else 0.0


def assemble(
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
        assert shaped is not None  # assembled lines are always shaped (exact mode)
        above.append(max(float(asc), -shaped.top))
        below.append(max(float(desc), shaped.bottom))
    if not offsets:
        return (), (0.0, 0.0, 0.0, 0.0), 0.0
    b0 = max(a - o for a, o in zip(above, offsets, strict=True))
    lines = []
    for (para, rtl, text, shaped), o, a, b in zip(laid.lines, offsets, above, below, strict=True):
        baseline = b0 + o
        assert shaped is not None
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
