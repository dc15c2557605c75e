"""Shared test helpers (imported as a module, not from conftest): the repo's sample paths, and readers for
what the writers produce (decoded MP4 frames, parsed SubRip) that only the tests need."""

from __future__ import annotations

import re
import subprocess
import wave
from pathlib import Path

import numpy as np

from slide2video.errors import RenderError
from slide2video.readers.labeller import Decision, Line, page_lines
from slide2video.readers.labeller.structure import Reading, build
from slide2video.video.probe import ffmpeg_exe, probe
from slide2video.writers.subtitles import Cue

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "articles"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ARTICLES / "russia-nato-ukraine.txt"
# A typed page the labeller reads right but is unsure of in places: its `doubts` are never empty.
AMBIGUOUS = """Menu

Our Favourite Bakeries

Bread is back.

Le Pain
Sourdough loaves cooling on a rack by the window
Credit: Ana Ruiz
The crust crackles.

Brot & Co
Credit: Ana Ruiz
Rye with caraway seeds.
"""


def write_tone(path: Path, seconds: float, freq: float = 440.0, rate: int = 48000, amp: float = 0.3) -> Path:
    """A mono 16-bit WAV sine at `amp` of full scale: music, narration and bad-input files for the tests."""
    t = np.arange(int(seconds * rate)) / rate
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes((amp * np.sin(2 * np.pi * freq * t) * 32767).astype("<i2").tobytes())
    return path


def labelled_rows(rows: list[tuple[str, str]]) -> tuple[list[Line], list[str]]:
    """A page written as (label, line) rows: its lines and the hand labels, for the text reader's structural pass."""
    lines = page_lines("\n".join(text for _, text in rows) + "\n")
    return lines, [lab for lab, _ in rows]


def read_labelled(rows: list[tuple[str, str]]) -> Reading:
    """The structural pass alone, on hand-labelled lines (the labeller is not asked), every label fully sure."""
    lines, labels = labelled_rows(rows)
    return build(lines, [Decision(lab, 1.0, lab, 0.0, float(lab == "title")) for lab in labels], "p.txt")


def seconds(h: str, m: str, s: str, ms: str) -> float:
    return (int(h) * 3_600_000 + int(m) * 60_000 + int(s) * 1000 + int(ms)) / 1000


TIMING = re.compile(
    r"^\s*(\d+):(\d{2}):(\d{2})[,.](\d{3})\s*-->\s*(\d+):(\d{2}):(\d{2})[,.](\d{3})(?:\s.*)?$",
)


def read_frames(path: str | Path, size: tuple[int, int] | None = None) -> np.ndarray:
    """Decode every frame to an (N, H, W, 3) uint8 array (small test videos only)."""
    if size is None:
        size = probe(path).size
    w, h = size
    cmd = [ffmpeg_exe(), "-v", "error", "-i", str(path), "-map", "0:v:0", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]
    proc = subprocess.run(cmd, capture_output=True, check=False)
    if proc.returncode != 0:
        raise RenderError("cannot decode video", path=path)
    frame_bytes = w * h * 3
    n = len(proc.stdout) // frame_bytes
    return np.frombuffer(proc.stdout[: n * frame_bytes], np.uint8).reshape(n, h, w, 3)


def read_srt(path: str | Path) -> list[Cue]:
    """Parse a SubRip file (BOM, CRLF and `.` millisecond separators tolerated)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RenderError("subtitle file not found", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RenderError(f"cannot read subtitles ({exc})", path=path) from None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cues: list[Cue] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        if lines[i].strip().isdigit() and i + 1 < len(lines) and lines[i + 1].strip():
            i += 1  # the cue number
        match = TIMING.match(lines[i])
        if not match:
            raise RenderError(
                f"expected a cue timing like 00:00:01,500 --> 00:00:03,000, got {lines[i]!r}", path=path, line=i + 1
            )
        start, end = seconds(*match.group(1, 2, 3, 4)), seconds(*match.group(5, 6, 7, 8))
        i += 1
        body = []
        while i < len(lines) and lines[i].strip():
            body.append(lines[i].strip())
            i += 1
        cues.append(Cue(start, end, "\n".join(body)))
    return cues
