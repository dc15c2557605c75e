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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .bidi import shape
from .draw import draw_text_block
from .fonts import FontStack, load_font
from .segment import CLOSERS, SENTENCE_END, TRIM_BEFORE_ELLIPSIS, Para, Piece, is_cjk, join_pieces, para_text, prepare
from .textblock import ELLIPSIS, EPS, REF_SIZE, Align, Line, Run, Shadow, TextBlock
from .wrap import Ctx, assemble, wrap_all

# ---------------------------------------------------------------------------------------------------------------
# fit_text


def _largest(lo: int, hi: int, ok: Callable[[int], bool]) -> int | None:
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
    paras = [p for p in (prepare(t) for t in paragraphs) if p.pieces]
    box = (box_w, box_h)
    warnings = []
    missing = stack.missing("".join(paragraphs))
    if missing:
        warnings.append(f"no bundled font can draw {missing[:20]!r}")
    if not paras:
        return TextBlock(max_size, (), box, (0.0, 0.0, 0.0, 0.0), (), lh, False, tuple(warnings))

    def attempt(paras_: Sequence[Para], size: int, *, exact: bool, allow_break: bool) -> Any:
        ctx = Ctx(stack, size, box_w, allow_break, balance, exact)
        laid = wrap_all(paras_, ctx, max_lines, box_h, lh, ps)
        if laid is None or not exact:
            return laid
        lines, bbox, height = assemble(laid, stack, size, box, lh, ps, align)
        if height > box_h + EPS or bbox[2] > box_w + EPS:
            return None
        return laid, lines, bbox

    def block(result: Any, size: int, paras_: Sequence[Para], truncated: bool = False) -> TextBlock:
        laid, lines, bbox = result
        if laid.broke_words:
            warnings.append(f"a word is wider than the {box_w:.0f} px box at {size} px and was broken")
        texts = tuple(para_text(p.pieces) for p in paras_)
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


def _cut(paras: Sequence[Para], k: int, sentence: bool) -> list[Para]:
    """The first k pieces of the text, ending in an ellipsis."""
    out: list[Para] = []
    left = k
    for para in paras:
        if left <= 0:
            break
        take = para.pieces[:left]
        left -= len(take)
        out.append(Para(para.rtl, take))
    last = out[-1]
    pieces = list(last.pieces)
    if sentence:
        tail = pieces[-1].text
        mark = ELLIPSIS if is_cjk(tail[-1]) else "\u00a0" + ELLIPSIS
        pieces[-1] = pieces[-1]._replace(text=tail + mark)
    else:
        while pieces and not pieces[-1].text.rstrip(TRIM_BEFORE_ELLIPSIS):
            pieces.pop()
        if not pieces:
            pieces = [Piece(ELLIPSIS, False, False)]
        else:
            pieces[-1] = pieces[-1]._replace(text=pieces[-1].text.rstrip(TRIM_BEFORE_ELLIPSIS) + ELLIPSIS)
    out[-1] = Para(last.rtl, tuple(pieces))
    return out


def _ends_sentence(piece_text: str) -> bool:
    core = piece_text.rstrip(CLOSERS)
    return bool(core) and core[-1] in SENTENCE_END


def _truncate(
    paras: Sequence[Para],
    size: int,
    box: tuple[float, float],
    lh: float,
    attempt: Callable[..., Any],
    block: Callable[..., TextBlock],
    warnings: list[str],
) -> TextBlock:
    """Step 3 of `_fit`: the longest cut (see `_cut`) that fits at the minimum size, with a warning."""
    flat = [(n, p) for n, para in enumerate(paras) for p in para.pieces]
    total = len(flat)

    def fits(k: int, sentence: bool) -> tuple[Any, list[Para]]:
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

        def fits_chars(c: int) -> tuple[Any, list[Para]]:
            kept = first.text[:c].rstrip(TRIM_BEFORE_ELLIPSIS) + ELLIPSIS
            cut = [Para(rtl, (first._replace(text=kept),))]
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
    para = prepare(text)
    line = " ".join(join_pieces([p]) for p in para.pieces)
    shaped = shape(stack, int(size), line, para.rtl)
    asc, desc = load_font(stack.primary, int(size)).getmetrics()
    return shaped.width, max(float(asc), -shaped.top) + max(float(desc), shaped.bottom)


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
