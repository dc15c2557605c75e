"""Random Unicode in every text field of a small article, rendered for real: carousel (cards, caption, manifest,
contact sheet) and subtitles through `slide2video render`.

The alphabet leans on what breaks writers and renderers: lone surrogates (written as YAML `\\uD83D` escapes, as a
CMS that cuts UTF-16 strings exports them), invisible characters (ZWJ, BOM, word joiner, variation selectors,
tags), bidi controls, emoji sequences, right-to-left and CJK text, combining marks, controls. Whatever the text,
the run ends with exit 0 and complete outputs that are valid UTF-8 without surrogates or bidi controls, or with
exit 1, one `Error:` line and nothing written; never a traceback. `test_render_random_unicode` runs 25 examples;
the `slow` one 300.
"""

from __future__ import annotations

import json
import traceback
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from slide2video.cli import main
from slide2video.unicodetext import BIDI_CONTROLS

SPECIAL = [
    "\ud83d", "\ude00", "\udfff", "\ud800",  # lone surrogates
    "\u200d", "\ufeff", "\u2060", "\u200b", "\u200c", "\ufe0f", "\ufe0e", "\u034f", "\U000e0041", "\u00ad",
    *BIDI_CONTROLS, "\u200e", "\u200f", "\u061c",
    "😀", "👍🏽", "👨\u200d👩\u200d👧", "🇺🇦", "❤️", "1️⃣", "🏳️\u200d🌈",
    "שלום", "مرحبا", "東京", "한국어", "नमस्ते", "ไทย", "\u0301", "\u0e33", "\U00013000",
    "\x01", "\x7f", "\t", "\u2028", " ", "  ", "a", "Word", "—", "…", "\\", '"', ":", "#", "- ", "!", "&", "<b>",
]  # fmt: skip

piece = st.sampled_from(SPECIAL) | st.characters(codec=None, exclude_categories=())
text = st.lists(piece, max_size=12).map("".join)
#: Titles and headings: mostly with a visible word somewhere, so most examples get past "heading is blank".
named = text | st.tuples(text, text).map(lambda pair: f"{pair[0]}Word{pair[1]}")
FIELDS = ("section", "source", "byline")
SLIDE_FIELDS = ("heading", "credit", "alt")


@st.composite
def articles(draw: st.DrawFn) -> str:
    """A YAML article whose every text field is random; strings are JSON-escaped (valid YAML double quotes)."""

    def q(value: str) -> str:
        return json.dumps(value)  # \uD83D escapes for surrogates and controls

    lines = [f"{name}: {q(draw(text))}" for name in FIELDS if draw(st.booleans())]
    lines.insert(0, f"title: {q(draw(named))}")
    lines.append(f"intro: [{', '.join(q(p) for p in draw(st.lists(text, max_size=2)))}]")
    lines.append("slides:")
    for _ in range(draw(st.integers(1, 2))):
        lines.append(f"  - heading: {q(draw(named))}")
        for name in SLIDE_FIELDS[1:]:
            if draw(st.booleans()):
                lines.append(f"    {name}: {q(draw(text))}")
        lines.append(f"    body: [{', '.join(q(p) for p in draw(st.lists(text, max_size=2)))}]")
    return "\n".join(lines) + "\n"


FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
SLOW = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), database=None)
ARGS = ["--to", "carousel,srt", "--preset", "160x284", "--carousel-preset", "160x284", "--duration", "1"]


def check_render(root: Path, source: str) -> None:
    story = root / "story.yaml"
    story.write_text(source, encoding="utf-8")
    out = root / "out"
    result = CliRunner().invoke(main, ["render", str(story), "-o", str(out), *ARGS])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(source + "".join(traceback.format_exception(result.exception)))
    event(f"exit {result.exit_code}")  # --hypothesis-show-statistics: how many rendered, how many were refused
    leftovers = [p for p in root.rglob(".*")]
    assert not leftovers, leftovers
    if result.exit_code == 1:
        errors = [ln for ln in result.stderr.splitlines() if ln.startswith("Error: ")]
        assert len(errors) == 1 and str(story) in errors[0], result.stderr
        assert not [p for p in out.rglob("*") if p.is_file()] if out.exists() else True
        return
    assert result.exit_code == 0, (source, result.output)
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert {"carousel/caption.txt", "carousel/manifest.json", "carousel/01.png", "story.srt", "story.vtt"} <= files
    for name in ("carousel/caption.txt", "carousel/manifest.json", "story.srt", "story.vtt"):
        content = (out / name).read_bytes().decode("utf-8")  # strict: a surrogate cannot have been written
        assert not set(content) & set(BIDI_CONTROLS), name
    manifest = json.loads((out / "carousel/manifest.json").read_text(encoding="utf-8"))
    assert all((out / "carousel" / c["file"]).is_file() for c in manifest["cards"])


@FUZZ
@given(source=articles())
def test_render_random_unicode(tmp_path_factory: pytest.TempPathFactory, source: str) -> None:
    check_render(tmp_path_factory.mktemp("fuzz"), source)


@pytest.mark.slow
@SLOW
@given(source=articles())
def test_render_random_unicode_slow(tmp_path_factory: pytest.TempPathFactory, source: str) -> None:
    check_render(tmp_path_factory.mktemp("fuzz"), source)
