"""Subtitles: each slide's heading and body as SRT/WebVTT cues timed to its card.

Players show at most two lines of about 42 characters comfortably, so a long slide becomes several consecutive
cues that share the slide's time in proportion to their length (each at least ~1 s when the slide allows).
All times go through one millisecond rounding (`to_ms`), and a slide's first and last cue take the slide's own
start and end, so cues of neighbouring slides meet exactly: rounding never opens a gap or makes an overlap.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..fileio import atomic_write_text

LINE_CHARS = 42
MAX_LINES = 2
MIN_CUE_SECONDS = 1.0


@dataclass(frozen=True)
class Cue:
    """One subtitle: shown from `start` to `end` seconds; `text` lines are separated by newlines."""

    start: float
    end: float
    text: str


SlideItem = tuple[float, float, str | None, Sequence[str]]  # (start, end, heading, body paragraphs)


# --- time stamps --------------------------------------------------------------------------------------------------


def to_ms(seconds: float) -> int:
    """The one rounding used everywhere: nearest millisecond, halves up (so equal floats give equal stamps)."""
    return math.floor(seconds * 1000.0 + 0.5)


def format_timestamp(seconds: float, sep: str = ",") -> str:
    """`00:00:01,500` (SRT, sep=",") or `00:00:01.500` (WebVTT, sep=".")."""
    ms = to_ms(seconds)
    if ms < 0:
        raise ValueError(f"negative subtitle time {seconds}")
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{sep}{millis:03d}"


# --- wrapping and splitting ---------------------------------------------------------------------------------------


def _words(text: str, width: int) -> list[str]:
    """Whitespace-separated words; a word longer than a line (a URL) is cut into line-sized parts."""
    out = []
    for word in text.split():
        while len(word) > width:
            out.append(word[:width])
            word = word[width:]
        if word:
            out.append(word)
    return out


def _two_lines(words: Sequence[str], width: int) -> list[str] | None:
    """The most balanced 1- or 2-line layout of `words` within `width`, or None if they need more lines.

    Among equally balanced breaks, one after punctuation wins, then the one with the shorter first line
    (subtitle convention: a bottom-heavy pair reads more easily).
    """
    one = " ".join(words)
    if len(one) <= width:
        return [one] if one else []
    best: tuple[tuple[int, int, int], list[str]] | None = None
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        if len(first) > width or len(second) > width:
            continue
        score = (max(len(first), len(second)), 0 if first[-1] in ",;:.!?" else 1, len(first))
        if best is None or score < best[0]:
            best = (score, [first, second])
    return best[1] if best else None


def wrap_cue_text(text: str, width: int = LINE_CHARS, max_lines: int = MAX_LINES) -> list[str]:
    """Split `text` into cue texts of at most `max_lines` lines of at most `width` characters.

    Sentences stay together where they fit; a sentence too long for one cue is cut at the word boundaries that
    give the fewest, most even pieces (preferring breaks after commas).
    """
    if max_lines != 2:
        raise ValueError("only two-line cues are supported")
    words = _words(text, width)
    if not words:
        return []
    sentences: list[list[str]] = [[]]
    for word in words:
        sentences[-1].append(word)
        if word[-1] in ".!?…" or word.endswith(('."', ".”", "?”", "!”")):
            sentences.append([])
    if not sentences[-1]:
        sentences.pop()

    pieces: list[list[str]] = []
    current: list[str] = []
    for sentence in sentences:
        if _two_lines(current + sentence, width) is not None:
            current = current + sentence
            continue
        if current:
            pieces.append(current)
        if _two_lines(sentence, width) is not None:
            current = sentence
        else:
            parts = _split_evenly(sentence, width)
            pieces.extend(parts[:-1])
            current = parts[-1]
    if current:
        pieces.append(current)
    return ["\n".join(_two_lines(piece, width) or []) for piece in pieces]


def _split_evenly(words: Sequence[str], width: int) -> list[list[str]]:
    """Cut a long run of words into the fewest 2-line pieces, as even in length as possible."""
    n = len(words)
    target = len(" ".join(words)) / max(1, math.ceil(len(" ".join(words)) / (2 * width)))
    inf = (math.inf, math.inf)
    best: list[tuple[float, float]] = [(0, 0)] + [inf] * n  # (pieces, cost) for words[:i]
    back = [0] * (n + 1)
    for end in range(1, n + 1):
        for start in range(end - 1, -1, -1):
            piece = words[start:end]
            if _two_lines(piece, width) is None:
                break  # longer pieces ending here do not fit either
            if best[start] == inf:
                continue
            length = len(" ".join(piece))
            mid_clause = end < n and piece[-1][-1] not in ",;:.!?"
            cost = (target - length) ** 2 + (target / 2) ** 2 * mid_clause  # a comma break may cost some balance
            candidate = (best[start][0] + 1, best[start][1] + cost)
            if candidate < best[end]:
                best[end], back[end] = candidate, start
    parts = []
    end = n
    while end > 0:
        parts.append(list(words[back[end] : end]))
        end = back[end]
    return parts[::-1]


def slide_texts(heading: str | None, body: Iterable[str], width: int = LINE_CHARS) -> list[str]:
    """Cue texts for one slide: heading first, then each paragraph; two one-line neighbours share a cue."""
    pieces: list[str] = []
    for block in [heading or "", *body]:
        pieces.extend(wrap_cue_text(block, width))
    merged: list[str] = []
    for piece in pieces:
        if merged and "\n" not in merged[-1] and "\n" not in piece:
            merged[-1] = f"{merged[-1]}\n{piece}"
        else:
            merged.append(piece)
    return merged


# --- timing -------------------------------------------------------------------------------------------------------


def _allocate(total: float, weights: Sequence[float], minimum: float) -> list[float]:
    """Share `total` in proportion to positive `weights`, each share at least `minimum` (or total/len if less)."""
    k = len(weights)
    floor = min(minimum, total / k)
    fixed: set[int] = set()
    while True:
        rest = [i for i in range(k) if i not in fixed]
        free = total - floor * len(fixed)
        wsum = sum(weights[i] for i in rest)
        shares = {i: free * weights[i] / wsum for i in rest}
        short = {i for i in rest if shares[i] < floor}
        if not short or len(short) == len(rest):  # the second only by float rounding: floor <= total / k
            break
        fixed |= short
    return [shares.get(i, floor) for i in range(k)]


def cues_for_slide(
    start: float, end: float, heading: str | None, body: Iterable[str], min_cue: float = MIN_CUE_SECONDS
) -> list[Cue]:
    """Cues covering [start, end] exactly: consecutive, no gaps, times proportional to text length."""
    texts = slide_texts(heading, body)
    first_ms, last_ms = to_ms(start), to_ms(end)
    if not texts or last_ms <= first_ms:
        return []
    if last_ms - first_ms < len(texts):  # a few milliseconds cannot hold separate cues
        texts = ["\n".join(texts)]
    shares = _allocate(end - start, [len(t.replace("\n", " ")) for t in texts], min_cue)
    bounds_ms = [first_ms]
    t = start
    for i, share in enumerate(shares[:-1]):
        t += share
        remaining = len(texts) - 1 - i  # cues still to place after this boundary, each needs >= 1 ms
        bounds_ms.append(min(max(to_ms(t), bounds_ms[-1] + 1), last_ms - remaining))
    bounds = [start] + [ms / 1000 for ms in bounds_ms[1:]] + [end]
    return [Cue(bounds[i], bounds[i + 1], text) for i, text in enumerate(texts)]


def cues_for_slides(items: Iterable[SlideItem], min_cue: float = MIN_CUE_SECONDS) -> list[Cue]:
    """Cues for a timeline of slides given as (start, end, heading, body paragraphs), in time order.

    Slides must not overlap (each starts at or after the previous one's end, to the millisecond): the caller
    decides where within a transition the subtitle switches.
    """
    cues: list[Cue] = []
    prev_end: float | None = None
    for number, (start, end, heading, body) in enumerate(items, 1):
        if end < start:
            raise ValueError(f"slide {number} ends ({end}) before it starts ({start})")
        if prev_end is not None and to_ms(start) < to_ms(prev_end):
            raise ValueError(
                f"slide {number} starts at {start:.3f} s, before the previous one ends at {prev_end:.3f} s"
            )
        cues.extend(cues_for_slide(start, end, heading, body, min_cue))
        prev_end = end
    return cues


# --- files --------------------------------------------------------------------------------------------------------


def _clean_lines(text: str) -> list[str]:
    """A cue's lines without blank ones (a blank line ends a cue) and without the `-->` separator."""
    return [ln.strip().replace("-->", "->") for ln in text.splitlines() if ln.strip()]


def srt_text(cues: Iterable[Cue]) -> str:
    blocks: list[str] = []
    for cue in cues:
        lines = _clean_lines(cue.text)
        if not lines:
            continue
        stamp = f"{format_timestamp(cue.start)} --> {format_timestamp(cue.end)}"
        blocks.append("\n".join([str(len(blocks) + 1), stamp, *lines]) + "\n")
    return "\n".join(blocks)


def vtt_text(cues: Iterable[Cue]) -> str:
    blocks = ["WEBVTT\n"]
    for cue in cues:
        lines = [ln.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for ln in _clean_lines(cue.text)]
        if not lines:
            continue
        blocks.append(
            f"{format_timestamp(cue.start, '.')} --> {format_timestamp(cue.end, '.')}\n" + "\n".join(lines) + "\n"
        )
    return "\n".join(blocks)


def write_srt(cues: Iterable[Cue], path: str | Path) -> Path:
    """Write SubRip (UTF-8, numbered cues, `00:00:01,500`), atomically."""
    return atomic_write_text(Path(path), srt_text(cues))


def write_vtt(cues: Iterable[Cue], path: str | Path) -> Path:
    """Write WebVTT (UTF-8, `WEBVTT` header, `00:00:01.500`), atomically."""
    return atomic_write_text(Path(path), vtt_text(cues))
