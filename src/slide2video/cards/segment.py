"""Text segmentation: paragraphs cleaned and cut into pieces at break opportunities (spaces, after hyphens,
between CJK characters, with basic kinsoku), each piece knowing whether it glues to the next."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .fonts import char_kind

# ---------------------------------------------------------------------------------------------------------------
# Text preparation: normalisation, paragraphs, break opportunities


class Piece(NamedTuple):
    """An unbreakable piece of text; `glue` means a space before it (dropped at a line start); `hard` means it
    starts a new line (a newline inside a paragraph)."""

    text: str
    glue: bool
    hard: bool


@dataclass(frozen=True)
class Para:
    rtl: bool
    pieces: tuple[Piece, ...]


_NO_START = frozenset(
    ")]}>»›’”、。，．,.!?:;！？：；）］｝｣」』】〕〉》〙〗〟｠・･…‥ー〜～ゝゞヽヾ々〻"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "‐゠–—%％‰°℃¢"
)
_NO_END = frozenset("([{<«‹‘“（［｛｢「『【〔〈《〘〖〝｟$£¥€＄￥")
_HYPHENS = frozenset("-‐–—/")
CLOSERS = "\"'”’»)]）」』›"
SENTENCE_END = frozenset(".!?。！？…؟۔")
TRIM_BEFORE_ELLIPSIS = ",;:、，；：-‐–—/([{«“‘「『（ "
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


def is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return cp >= 0x2E80 and any(lo <= cp <= hi for lo, hi in _CJK_RANGES)


def attaches(ch: str) -> bool:
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
        if seg:
            segments.append(seg)
    return segments


def _break_between(cur: str, ch: str) -> bool:
    prev = cur[-1]
    if attaches(ch) or ch in _NO_START or prev in _NO_END or ch == "\u200d" or prev == "\u200d":
        return False
    if is_cjk(prev) or is_cjk(ch):
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
def prepare(paragraph: str) -> Para:
    pieces: list[Piece] = []
    for n, seg in enumerate(_clean(paragraph)):
        hard = n > 0
        glue = False
        cur = ""
        for ch in seg:
            if ch == " " or ch == "\u200b":
                if cur:
                    pieces.append(Piece(cur, glue, hard))
                    cur, hard = "", False
                    glue = False
                glue = glue or ch == " "
                continue
            if cur and _break_between(cur, ch):
                pieces.append(Piece(cur, glue, hard))
                cur, glue, hard = "", False, False
            cur += ch
        if cur:
            pieces.append(Piece(cur, glue, hard))
    return Para(_first_strong_rtl(paragraph), tuple(pieces))


def join_pieces(pieces: Sequence[Piece]) -> str:
    return "".join((" " + p.text) if (p.glue and i) else p.text for i, p in enumerate(pieces))


def para_text(pieces: Sequence[Piece]) -> str:
    out = []
    for i, p in enumerate(pieces):
        if i and p.hard:
            out.append("\n")
        elif i and p.glue:
            out.append(" ")
        out.append(p.text)
    return "".join(out)
