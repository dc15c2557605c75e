"""Unusual but real text, decided once: lone surrogates, invisible characters and bidi controls.

Readers run `scan` over what they read, so every later stage (cards, captions, subtitles, YAML) gets text it can
encode: a lone surrogate (what a CMS that cuts strings in UTF-16 units exports) becomes U+FFFD with a warning
naming the line. Bidi embedding, override and isolate controls stay on the cards, where the reader sees what
they do, but `for_metadata` removes them from text files (caption, alt text, manifest, subtitles), where they
make a string display differently from what it says (a spoofing vector); the reader warns about them once.
"""

from __future__ import annotations

import re
import unicodedata

#: Explicit bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI). The implicit marks
#: (LRM, RLM, ALM) are harmless and kept.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI_RE = re.compile(f"[{BIDI_CONTROLS}]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_FLAGGED_RE = re.compile(f"[\ud800-\udfff{BIDI_CONTROLS}]")


def has_surrogates(text: str) -> bool:
    return _SURROGATE_RE.search(text) is not None


def without_surrogates(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD, the replacement character."""
    return _SURROGATE_RE.sub("\ufffd", text)


def for_metadata(text: str) -> str:
    """`text` as written to metadata files: without bidi controls (and, defensively, without surrogates)."""
    return without_surrogates(_BIDI_RE.sub("", text))


def is_invisible(ch: str) -> bool:
    """Whether `ch` draws nothing by itself: whitespace, format characters (ZWJ, BOM, word joiner, bidi
    controls, tags), variation selectors and the combining grapheme joiner."""
    cp = ord(ch)
    if ch.isspace() or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF or cp in (0x034F, 0x115F, 0x1160, 0x3164):
        return True
    return unicodedata.category(ch) in ("Cf", "Cc", "Zs", "Zl", "Zp")


def is_blank(text: str | None) -> bool:
    """Whether `text` has nothing a reader could see (empty, spaces, or invisible characters only)."""
    return not text or all(is_invisible(ch) for ch in text)


def _codes(chars: str) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(chars))


def scan(text: str, where: str, line: int | None = None) -> tuple[str, list[str]]:
    """`text` with lone surrogates replaced, and one warning per line that had surrogates or bidi controls.

    `where` names the file; `line` is the line `text` starts on (None: count lines within `text` from 1).
    """
    if _FLAGGED_RE.search(text) is None:
        return text, []
    warnings = []
    for n, part in enumerate(text.split("\n")):
        found = _FLAGGED_RE.findall(part)
        if not found:
            continue
        at = f"{where}:{(line if line is not None else 1) + n}"
        surrogates = "".join(c for c in found if "\ud800" <= c <= "\udfff")
        controls = "".join(c for c in found if c in BIDI_CONTROLS)
        if surrogates:
            warnings.append(
                f"{at}: lone surrogate ({_codes(surrogates)}: half of a character, the text was cut inside an "
                "emoji or rare character) replaced with U+FFFD"
            )
        if controls:
            warnings.append(bidi_warning(at, controls))
    return without_surrogates(text), warnings


def bidi_controls(text: str) -> str:
    """The bidi control characters in `text`, in order, each once."""
    return "".join(dict.fromkeys(_BIDI_RE.findall(text)))


def bidi_warning(where: str, controls: str) -> str:
    """The one warning for bidi controls found at `where` (a file and line, or a file and field)."""
    return (
        f"{where}: bidi control character ({_codes(controls)}) kept on the cards but removed from the caption, "
        "alt text, manifest and subtitles, where it would make the text display differently from what it says"
    )
