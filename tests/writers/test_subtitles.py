"""Subtitles: exact SRT/WebVTT text, wrapping, splitting long slides, timing at slide borders, round trip."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from slide2video.errors import RenderError
from slide2video.writers.subtitles import (
    LINE_CHARS,
    Cue,
    cues_for_slide,
    cues_for_slides,
    format_timestamp,
    slide_texts,
    srt_text,
    to_ms,
    vtt_text,
    wrap_cue_text,
    write_srt,
    write_vtt,
)
from support import read_srt

LONG = (
    "Russia has warned NATO that admitting Ukraine would cross a red line, a senior diplomat said on Tuesday, "
    "as allies gathered in Vilnius for a two-day summit. The alliance has promised membership but set no date, "
    "and several members want guarantees first. Kyiv says it cannot wait."
)


def words_of(cues: list[Cue]) -> list[str]:
    return " ".join(c.text.replace("\n", " ") for c in cues).split()


def test_exact_srt_and_vtt_for_a_small_case(tmp_path: Path) -> None:
    cues = cues_for_slides([(0.0, 2.5, "NATO summit", ["Leaders meet in Vilnius."]), (2.5, 5.25, "Kyiv waits", [])])
    srt = write_srt(cues, tmp_path / "subtitles.srt")
    vtt = write_vtt(cues, tmp_path / "subtitles.vtt")
    assert srt.read_text(encoding="utf-8") == (
        "1\n00:00:00,000 --> 00:00:02,500\nNATO summit\nLeaders meet in Vilnius.\n\n"
        "2\n00:00:02,500 --> 00:00:05,250\nKyiv waits\n"
    )
    assert vtt.read_text(encoding="utf-8") == (
        "WEBVTT\n\n"
        "00:00:00.000 --> 00:00:02.500\nNATO summit\nLeaders meet in Vilnius.\n\n"
        "00:00:02.500 --> 00:00:05.250\nKyiv waits\n"
    )


def test_timestamp_formats() -> None:
    assert format_timestamp(1.5) == "00:00:01,500"
    assert format_timestamp(1.5, ".") == "00:00:01.500"
    assert format_timestamp(3723.4564) == "01:02:03,456"
    assert format_timestamp(59.9996) == "00:01:00,000"  # rounding carries into the minutes
    assert format_timestamp(0.1 + 0.2) == "00:00:00,300"
    with pytest.raises(ValueError):
        format_timestamp(-1)


def test_unicode_and_vtt_escaping(tmp_path: Path) -> None:
    cues = [Cue(0, 1, "Zelensky’s “peace” plan — Київ"), Cue(1, 2, "R&D <budget> up")]
    path = write_srt(cues, tmp_path / "u.srt")
    assert "Zelensky’s “peace” plan — Київ" in path.read_bytes().decode("utf-8")
    assert read_srt(path) == cues
    vtt = vtt_text(cues)
    assert "R&amp;D &lt;budget&gt; up" in vtt and "<budget>" not in vtt


def test_cue_text_cannot_break_the_file() -> None:
    text = srt_text([Cue(0, 1, "first\n\n second --> third"), Cue(1, 2, "  \n ")])
    assert text == "1\n00:00:00,000 --> 00:00:01,000\nfirst\nsecond -> third\n"


# --- wrapping and splitting ---------------------------------------------------------------------------------------


def test_wrap_short_text_is_one_line() -> None:
    assert wrap_cue_text("  NATO   summit opens ") == ["NATO summit opens"]
    assert wrap_cue_text("") == []


def test_wrap_balances_two_lines() -> None:
    [cue] = wrap_cue_text("The alliance has promised membership but set no date")
    first, second = cue.split("\n")
    assert len(first) <= LINE_CHARS and len(second) <= LINE_CHARS
    assert abs(len(first) - len(second)) <= 8  # balanced, not a full line and a stub


def test_long_text_becomes_several_cues_within_limits() -> None:
    pieces = wrap_cue_text(LONG)
    assert len(pieces) >= 4
    for piece in pieces:
        lines = piece.split("\n")
        assert 1 <= len(lines) <= 2 and all(len(line) <= LINE_CHARS for line in lines)
    assert " ".join(p.replace("\n", " ") for p in pieces).split() == LONG.split()
    assert any("Kyiv says it cannot wait." in p.replace("\n", " ") for p in pieces)  # a sentence that fits stays whole


def test_word_longer_than_a_line_is_cut() -> None:
    url = "https://example.org/" + "x" * 80
    pieces = wrap_cue_text(f"See {url} now")
    assert all(len(line) <= LINE_CHARS for p in pieces for line in p.split("\n"))
    assert "".join(" ".join(pieces).split()) == "See" + url + "now"


def test_heading_and_short_body_share_a_cue() -> None:
    assert slide_texts("Kyiv waits", ["It cannot wait."]) == ["Kyiv waits\nIt cannot wait."]
    texts = slide_texts("Kyiv waits", [LONG])
    assert texts[0].startswith("Kyiv waits")


def test_long_slide_time_is_shared_by_length() -> None:
    cues = cues_for_slide(10.0, 22.0, "NATO summit", [LONG])
    assert cues[0].start == 10.0 and cues[-1].end == 22.0
    assert all(a.end == b.start for a, b in itertools.pairwise(cues))
    durations = [c.end - c.start for c in cues]
    assert min(durations) >= 1.0
    per_char = [d / len(c.text.replace("\n", " ")) for d, c in zip(durations, cues, strict=True)]
    free = [p for p, d in zip(per_char, durations, strict=True) if d > 1.001]  # those not raised to the minimum
    assert max(free) - min(free) < 0.002  # same seconds per character (up to millisecond rounding)
    assert words_of(cues) == ["NATO", "summit", *LONG.split()]


def test_short_slide_shares_evenly_when_one_second_each_is_impossible() -> None:
    cues = cues_for_slide(0.0, 2.0, None, [LONG])
    assert cues[0].start == 0.0 and cues[-1].end == 2.0
    assert all(c.end > c.start for c in cues)
    assert all(abs((c.end - c.start) - 2.0 / len(cues)) < 0.002 for c in cues)


def test_minimum_cue_length_where_possible() -> None:
    cues = cues_for_slide(0.0, 4.0, "A", ["This sentence is much longer than the heading above it, clearly."])
    assert round(cues[0].end - cues[0].start, 3) >= 1.0


def test_empty_and_zero_length_slides_have_no_cues() -> None:
    assert cues_for_slides([(0, 3, "", []), (3, 3, "Flash", ["gone"]), (3, 5, "Real", [])]) == [Cue(3, 5, "Real")]


def test_slide_of_a_few_milliseconds_still_gets_exact_times() -> None:
    cues = cues_for_slide(1.0, 1.003, "A", [LONG])
    assert len(cues) <= 3 and cues[0].start == 1.0 and cues[-1].end == 1.003
    assert words_of(cues) == ["A", *LONG.split()]


def test_overlapping_or_backwards_slides_are_rejected() -> None:
    with pytest.raises(ValueError, match="slide 2 starts"):
        cues_for_slides([(0, 3, "A", []), (2.5, 5, "B", [])])
    with pytest.raises(ValueError, match="ends"):
        cues_for_slides([(3, 2, "A", [])])


# --- reading back ---------------------------------------------------------------------------------------------------


def test_round_trip(tmp_path: Path) -> None:
    items = [(0.0, 4.2, "NATO summit", [LONG]), (4.2, 7.0, "Kyiv", ["It waits."]), (7.0, 9.999, None, ["End"])]
    cues = cues_for_slides(items)
    back = read_srt(write_srt(cues, tmp_path / "s.srt"))
    assert [c.text for c in back] == [c.text for c in cues]
    assert [(to_ms(c.start), to_ms(c.end)) for c in back] == [(to_ms(c.start), to_ms(c.end)) for c in cues]


def test_read_srt_tolerates_bom_crlf_and_dots(tmp_path: Path) -> None:
    path = tmp_path / "x.srt"
    path.write_bytes("\ufeff1\r\n00:00:01.000 --> 00:00:02,500\r\nHello\r\nworld\r\n\r\n\r\n".encode())
    assert read_srt(path) == [Cue(1.0, 2.5, "Hello\nworld")]


def test_read_srt_reports_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\nnot a time\ntext\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"bad\.srt:6: expected a cue timing"):
        read_srt(path)
    with pytest.raises(RenderError, match="not found"):
        read_srt(tmp_path / "missing.srt")


# --- properties -----------------------------------------------------------------------------------------------------

word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzÄé,.", min_size=1, max_size=14)
paragraph = st.lists(word, min_size=0, max_size=60).map(" ".join)
slide = st.tuples(
    st.floats(min_value=0.05, max_value=20.0, allow_nan=False),  # duration
    st.one_of(st.none(), paragraph),  # heading
    st.lists(paragraph, max_size=3),  # body
)


@settings(max_examples=150, deadline=None)
@given(start=st.floats(min_value=0, max_value=100, allow_nan=False), slides=st.lists(slide, min_size=1, max_size=6))
def test_cues_cover_each_slide_exactly(start: float, slides: list[Any]) -> None:
    items, t = [], start
    for duration, heading, body in slides:
        items.append((t, t + duration, heading, body))
        t += duration
    cues = cues_for_slides(items)
    srt_stamps = [line for line in srt_text(cues).splitlines() if "-->" in line]
    assert len(srt_stamps) == len(cues)
    for a, b in itertools.pairwise(cues):
        assert to_ms(a.end) <= to_ms(b.start)  # never overlap, even after rounding
    for s, e, heading, body in items:
        mine = [c for c in cues if s <= c.start < e]
        expected_words = " ".join([heading or "", *body]).split()
        if not expected_words:
            assert not mine
            continue
        assert mine[0].start == s and mine[-1].end == e  # exactly the slide's own times
        for a, b in itertools.pairwise(mine):
            assert a.end == b.start and to_ms(a.start) < to_ms(a.end)
        assert "".join(words_of(mine)) == "".join(expected_words)  # nothing lost (long words may be cut)
        for c in mine:
            lines = c.text.split("\n")
            assert len(lines) <= 2 and all(len(line) <= LINE_CHARS for line in lines)
