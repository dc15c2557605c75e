"""Timeline rules with exact numbers: durations, overrides, narration, transitions, limits and parts."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cardkit import article, flat_card, photo_card, small_preset
from slide2video.cli.video import format_table
from slide2video.config.timing import ReadingSpeed
from slide2video.errors import RenderError
from slide2video.video.timeline import (
    AUTO_MOVES,
    KenBurns,
    TimelineOptions,
    Transition,
    build_parts,
    build_timeline,
)

# One word a second, no base: a card with N words wants N seconds, clamped to 2..5 s.
SPEED = ReadingSpeed(words_per_minute=60, base=0, minimum=2, maximum=5)


def cards_with_words(words: list[int], cover: int | None = None, end: int | None = None):
    cards = [flat_card(0, kind="cover", words=cover)] if cover is not None else []
    cards += [flat_card(i, words=w) for i, w in enumerate(words)]
    if end is not None:
        cards.append(flat_card(0, kind="end", words=end))
    return cards


def durations(tl) -> list[float]:
    return [round(s.duration, 6) for s in tl.segments]


def starts(tl) -> list[float]:
    return [round(s.start, 6) for s in tl.segments]


def test_reading_time_clamped_and_transitions_overlap():
    tl = build_timeline(article(3), cards_with_words([1, 4, 11]), small_preset(), TimelineOptions(reading=SPEED))
    assert durations(tl) == [2.0, 4.0, 5.0]  # 1 word -> minimum 2 s; 11 words -> maximum 5 s
    assert starts(tl) == [0.0, 1.5, 5.0]  # each card starts 0.5 s (the crossfade) before the previous ends
    assert tl.duration == pytest.approx(11.0 - 2 * 0.5)  # total = sum of durations - transitions
    assert tl.frame_count == 100
    assert [s.transition.kind for s in tl.segments] == ["cut", "crossfade", "crossfade"]
    assert [s.transition_frames for s in tl.segments] == [0, 5, 5]


def test_yaml_duration_beats_global_which_beats_reading_time():
    art = article(3, durations=[7.5, None, None])
    opts = TimelineOptions(reading=SPEED, duration=3.0, cover_duration=1.2, end_duration=2.4)
    tl = build_timeline(art, cards_with_words([1, 1, 1], cover=50, end=50), small_preset(), opts)
    assert durations(tl) == [1.2, 7.5, 3.0, 3.0, 2.4]
    assert [s.label for s in tl.segments] == ["cover", "1", "2", "3", "end"]
    # Cover and end without explicit durations use their words' reading time.
    cards = cards_with_words([1, 1, 1], cover=3, end=0)
    tl = build_timeline(art, cards, small_preset(), TimelineOptions(reading=SPEED))
    assert durations(tl)[0] == 3.0 and durations(tl)[-1] == 2.0


def test_transition_never_longer_than_half_the_shorter_neighbour():
    art = article(3, durations=[1.0, 0.6, 3.0])
    opts = TimelineOptions(transition=Transition("crossfade", 1.0))
    tl = build_timeline(art, cards_with_words([1, 1, 1]), small_preset(), opts)
    assert [s.transition.duration for s in tl.segments[1:]] == [0.3, 0.3]
    assert tl.duration == pytest.approx(4.6 - 0.6)
    # No moment has three cards on screen.
    assert all(len(tl.active(f)) <= 2 for f in range(tl.frame_count))


def test_per_slide_transitions_and_cut():
    opts = TimelineOptions(reading=SPEED, transitions={1: Transition.parse("cut"), 2: Transition.parse("push-up:0.8")})
    tl = build_timeline(article(3), cards_with_words([4, 4, 4]), small_preset(), opts)
    assert [str(s.transition) for s in tl.segments] == ["cut", "cut", "push-up 0.80"]
    assert starts(tl) == [0.0, 4.0, 7.2]
    assert tl.duration == pytest.approx(11.2)


def test_narration_lengthens_a_slide_to_narration_plus_padding():
    opts = TimelineOptions(reading=SPEED, narration_padding=0.5)
    art = article(3, durations=[None, None, 8.0])
    tl = build_timeline(art, cards_with_words([2, 2, 2]), small_preset(), opts, narration={1: 4.2, 2: 3.0})
    # Narration plays from the middle of the crossfade in (0.25 s) and the slide lasts until 0.5 s after it,
    # counted to the middle of the crossfade out: 0.25 + 4.2 + 0.5 + 0.25 = 5.2 s. A longer YAML duration stays.
    assert durations(tl) == [2.0, 5.2, 8.0]
    seg = tl.segments[1]
    assert seg.narration == 4.2
    assert seg.narration_start == pytest.approx(seg.start + 0.25)
    outgoing_middle = tl.segments[2].start + tl.segments[2].transition.duration / 2
    assert outgoing_middle - (seg.narration_start + 4.2) == pytest.approx(0.5)


def test_narration_rounds_up_to_whole_frames():
    opts = TimelineOptions(reading=SPEED, narration_padding=0.0, transition=Transition("cut", 0))
    tl = build_timeline(article(1), cards_with_words([1]), small_preset(fps=10), opts, narration={0: 3.01})
    assert tl.segments[0].frames == 31  # 3.01 s at 10 fps needs 31 frames, not round(30.1) = 30


def test_too_long_shortens_longest_cards_first():
    speed = ReadingSpeed(words_per_minute=60, base=0, minimum=2, maximum=20)
    tl = build_timeline(article(3), cards_with_words([8, 6, 3]), small_preset(max_duration=12), TimelineOptions(speed))
    # Natural: 8 + 6 + 3 - 1 = 16 s. A common cap of 5 s gives 5 + 5 + 3 - 1 = 12 s.
    assert durations(tl) == [5.0, 5.0, 3.0]
    assert tl.duration == pytest.approx(12.0)
    assert len(tl.warnings) == 1 and "shortened 2 card(s) to at most 5.0 s" in tl.warnings[0]


def test_too_long_even_at_minimums_says_by_how_much():
    speed = ReadingSpeed(words_per_minute=60, base=0, minimum=2, maximum=20)
    with pytest.raises(RenderError) as err:
        build_timeline(article(3), cards_with_words([8, 6, 3]), small_preset(max_duration=4), TimelineOptions(speed))
    # At 2 s each: 6 - 1 = 5 s, 1 s over the 4 s limit.
    assert "1.0 s over the 4 s limit" in str(err.value)
    assert "\n" not in str(err.value)


def test_explicit_durations_are_not_shortened():
    art = article(3, durations=[4.0, 4.0, 4.0])
    with pytest.raises(RenderError, match=r"0\.5 s over"):
        build_timeline(art, cards_with_words([1, 1, 1]), small_preset(max_duration=10.5), TimelineOptions())


def test_split_into_even_parts_with_cover_and_end_in_each():
    art = article(5, durations=[4.0] * 5)
    opts = TimelineOptions(cover_duration=2.0, end_duration=2.0)
    parts = build_parts(art, cards_with_words([1] * 5, cover=0, end=0), small_preset(max_duration=14), opts)
    # Per part: 2 + 4k + 2 - 0.5 (k + 1) <= 14 allows k = 3 slides: parts of 3 and 2 slides.
    assert [[s.label for s in p.segments] for p in parts] == [
        ["cover", "1", "2", "3", "end"],
        ["cover", "4", "5", "end"],
    ]
    assert [p.duration for p in parts] == [pytest.approx(14.0), pytest.approx(10.5)]
    assert [(p.part, p.parts) for p in parts] == [(1, 2), (2, 2)]
    assert "part 2 of 2" in format_table(parts[1])


def test_split_balances_parts():
    art = article(4, durations=[4.0] * 4)
    parts = build_parts(art, cards_with_words([1] * 4), small_preset(max_duration=12), TimelineOptions())
    # Greedy would give 3 + 1 slides; two parts of 2 slides (7.5 s each) are as few and more even.
    assert [len(p.segments) for p in parts] == [2, 2]
    assert [p.duration for p in parts] == [pytest.approx(7.5)] * 2
    assert [s.slide_index for s in parts[1].segments] == [2, 3]


def test_parts_of_a_video_that_fits_is_one_timeline():
    parts = build_parts(article(2), cards_with_words([3, 3]), small_preset(), TimelineOptions(reading=SPEED))
    assert len(parts) == 1 and (parts[0].part, parts[0].parts) == (1, 1)


def test_ken_burns_moves_for_photo_cards_only():
    cards = [photo_card(0, kind="cover"), photo_card(0), flat_card(1), photo_card(2)]
    art = article(3)
    tl = build_timeline(art, cards, small_preset(), TimelineOptions(moves={2: "pan-up"}))
    moves = [s.motion.move if s.motion else None for s in tl.segments]
    assert moves == [AUTO_MOVES[0], AUTO_MOVES[1], None, "pan-up"]
    tl = build_timeline(art, cards, small_preset(), TimelineOptions(ken_burns=False))
    assert all(s.motion is None for s in tl.segments)
    tl = build_timeline(art, cards, small_preset(), TimelineOptions(moves={0: "none"}))
    assert tl.segments[1].motion is None


def test_ken_burns_zoom_heads_for_the_slide_focus():
    kb = KenBurns.for_move("zoom-in", 1.2, focus=(0.8, 0.3))
    assert kb is not None
    assert (kb.zoom_from, kb.zoom_to, kb.centre_from, kb.centre_to) == (1.0, 1.2, (0.5, 0.5), (0.8, 0.3))
    pan = KenBurns.for_move("pan-left", 1.25)
    assert pan is not None
    assert pan.centre_from == pytest.approx((0.6, 0.5)) and pan.centre_to == pytest.approx((0.4, 0.5))


def test_transition_parse_and_errors():
    assert Transition.parse("wipe-right:0.3") == Transition("wipe", 0.3, "right")
    assert Transition.parse("fade") == Transition("fade", 0.5, "left")
    assert Transition.parse("cut").duration == 0
    with pytest.raises(RenderError, match="did you mean 'crossfade'"):
        Transition.parse("crosfade")
    with pytest.raises(RenderError, match="take a direction"):
        Transition.parse("fade-left")
    with pytest.raises(RenderError, match="not a number"):
        Transition.parse("push:fast")


def test_times_for_previews_and_bounds():
    tl = build_timeline(article(3), cards_with_words([4, 4, 4]), small_preset(), TimelineOptions(reading=SPEED))
    # Slide 2 is alone on screen from 4.0 s to 7.0 s (after the crossfade in, before the one out).
    assert tl.time_of_slide(1) == pytest.approx(5.5)
    assert tl.frame_index(0) == 0 and tl.frame_index(tl.duration) == tl.frame_count - 1
    assert tl.frame_index(1.05) == 10
    with pytest.raises(RenderError, match="past the end"):
        tl.frame_index(tl.duration + 1)
    with pytest.raises(RenderError, match="slide 9 is not"):
        tl.time_of_slide(8)


def test_format_table_rows():
    tl = build_timeline(article(2), cards_with_words([3, 4]), small_preset(), TimelineOptions(reading=SPEED))
    lines = format_table(tl).splitlines()
    assert lines[0].split() == ["card", "start", "duration", "transition", "words", "motion"]
    assert lines[1].split() == ["1", "0.00", "3.00", "-", "3", "-"]
    assert lines[2].split() == ["2", "2.50", "4.00", "crossfade", "0.50", "4", "-"]
    assert lines[3].startswith("6.50 s, 65 frames at 10 fps, 160x284, 2 cards")


def test_no_cards_is_an_error():
    with pytest.raises(RenderError, match="no cards"):
        build_timeline(article(1), [], small_preset())


@settings(max_examples=60, deadline=None)
@given(
    seconds=st.lists(st.one_of(st.none(), st.floats(0.2, 9.0)), min_size=1, max_size=8),
    words=st.lists(st.integers(0, 60), min_size=8, max_size=8),
    fades=st.lists(st.floats(0.0, 3.0), min_size=8, max_size=8),
    limit=st.one_of(st.none(), st.floats(3.0, 40.0)),
)
def test_timeline_invariants(seconds, words, fades, limit):
    n = len(seconds)
    art = article(n, durations=[None if s is None else round(s, 2) for s in seconds])
    opts = TimelineOptions(transitions={i: Transition("crossfade", round(fades[i], 2)) for i in range(n)})
    preset = small_preset(max_duration=limit)
    try:
        tl = build_timeline(art, cards_with_words(words[:n]), preset, opts)
    except RenderError as err:
        assert limit is not None and "over the" in str(err)
        return
    segs = tl.segments
    assert tl.frame_count == sum(s.frames for s in segs) - sum(s.transition_frames for s in segs)
    for a, b in itertools.pairwise(segs):
        assert b.start_frame == a.end_frame - b.transition_frames
        assert 2 * b.transition_frames <= min(a.frames, b.frames)
    assert all(1 <= len(tl.active(f)) <= 2 for f in range(tl.frame_count))
    if limit is not None:
        assert tl.duration <= limit + 1e-9
