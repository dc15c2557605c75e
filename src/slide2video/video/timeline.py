"""The video timeline: which card is on screen when, and how each card gives way to the next.

Pure: article + card plan (`CardSpec`s, or drawn `Card`s: any `PlannedCard`) + preset + options in, a `Timeline`
out; no pixels and no files, so `--dry-run`, the video writer, the previews and the subtitles read the same numbers.

Overlap rule: a transition overlaps its two neighbours. A card starts `transition` seconds before the previous one
ends, both are on screen while it runs, and `Segment.duration` is a card's whole time on screen, transitions
included. So the video lasts sum(durations) - sum(transitions), and a 0.5 s crossfade between two 4 s cards makes
7.5 s of video. A transition is never longer than half of the shorter of its two cards, so two transitions never
overlap each other.

Times are whole frames at the preset's fps (kept as frame counts, shown in seconds) so the timeline, the encoded
frame count, subtitles and previews agree exactly.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..article import Article
from ..cards.card import CardKind, PlannedCard
from ..config.presets import Preset
from ..config.ranges import DEFAULT_TRANSITION, DEFAULT_TRANSITION_SECONDS, TRANSITION_SECONDS
from ..config.timing import DEFAULT_SPEED, ReadingSpeed
from ..errors import RenderError

TRANSITIONS = ("cut", "crossfade", "fade", "slide", "push", "wipe", "zoom")
"""`fade` goes through black; `slide` moves the new card in over the old one, `push` moves both."""
DIRECTIONAL = frozenset({"slide", "push", "wipe"})
DIRECTIONS = ("left", "right", "up", "down")

MOVES = ("zoom-in", "zoom-out", "pan-left", "pan-right", "pan-up", "pan-down", "none")
"""Ken Burns moves. `pan-right` moves the view rightwards across the photo (the picture drifts left)."""
AUTO_MOVES = ("zoom-in", "pan-right", "zoom-out", "pan-left", "zoom-in", "pan-down", "zoom-out", "pan-up")
"""The deterministic sequence used when a card has no move of its own: the n-th card gets AUTO_MOVES[n % 8]."""


def _choice(value: str, allowed: Sequence[str], what: str) -> str:
    if value in allowed:
        return value
    close = difflib.get_close_matches(value, list(allowed), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise RenderError(f"unknown {what} {value!r}{hint}; choose from {', '.join(allowed)}")


@dataclass(frozen=True)
class Transition:
    """How a card replaces the previous one. `direction` is the way the moving picture travels."""

    kind: str = DEFAULT_TRANSITION
    duration: float = DEFAULT_TRANSITION_SECONDS
    direction: str = "left"

    def __post_init__(self) -> None:
        _choice(self.kind, TRANSITIONS, "transition")
        _choice(self.direction, DIRECTIONS, "transition direction")
        if message := TRANSITION_SECONDS.problem(self.duration):
            raise RenderError(f"transition length {message}")

    @classmethod
    def parse(cls, text: str, default_duration: float = DEFAULT_TRANSITION_SECONDS) -> Transition:
        """`crossfade`, `fade:1`, `push-left`, `wipe-up:0.3`, `cut` (the CLI and YAML spelling)."""
        name, _, secs = text.strip().lower().partition(":")
        kind, _, direction = name.partition("-")
        try:
            duration = float(secs) if secs else default_duration
        except (ValueError, OverflowError):
            raise RenderError(f"transition {text!r}: {secs!r} is not a number of seconds") from None
        if direction and kind not in DIRECTIONAL:
            raise RenderError(f"transition {text!r}: only {', '.join(sorted(DIRECTIONAL))} take a direction")
        if kind != "cut" and (message := TRANSITION_SECONDS.problem(duration)):
            raise RenderError(f"transition {text!r}: {secs or duration!r} {message.split(' ', 1)[1]}")
        return cls(kind, 0.0 if kind == "cut" else duration, direction or "left")

    def __str__(self) -> str:
        if self.kind == "cut" or self.duration == 0:
            return "cut"
        name = f"{self.kind}-{self.direction}" if self.kind in DIRECTIONAL else self.kind
        return f"{name} {self.duration:.2f}"


CUT = Transition("cut", 0.0)


@dataclass(frozen=True)
class KenBurns:
    """A slow zoom/pan of a card's photo layer: the view window's zoom and centre at the start and the end.

    Zoom 1.0 shows the whole photo; 1.2 shows 1/1.2 of it. Centres are fractions of the frame; the renderer
    keeps the window inside the photo.
    """

    move: str
    zoom_from: float
    zoom_to: float
    centre_from: tuple[float, float] = (0.5, 0.5)
    centre_to: tuple[float, float] = (0.5, 0.5)

    @classmethod
    def for_move(cls, move: str, zoom: float = 1.15, focus: tuple[float, float] | None = None) -> KenBurns | None:
        """The motion for a named move; zooms head towards (or start from) `focus`, the slide's focal point."""
        _choice(move, MOVES, "Ken Burns move")
        if move == "none":
            return None
        focus = focus or (0.5, 0.5)
        margin = (1.0 - 1.0 / zoom) / 2.0  # how far the window centre can move off-centre at this zoom
        centre = (0.5, 0.5)
        if move == "zoom-in":
            return cls(move, 1.0, zoom, centre, focus)
        if move == "zoom-out":
            return cls(move, zoom, 1.0, focus, centre)
        axis = 0 if move in ("pan-left", "pan-right") else 1
        sign = 1.0 if move in ("pan-right", "pan-down") else -1.0
        start, end = list(focus), list(focus)
        start[axis] = 0.5 - sign * margin
        end[axis] = 0.5 + sign * margin
        return cls(move, zoom, zoom, (start[0], start[1]), (end[0], end[1]))


@dataclass(frozen=True)
class TimelineOptions:
    """Everything the timeline needs besides the article, cards and preset.

    Duration precedence for a slide: its YAML `duration:`, else `duration` (global), else its reading time
    (`reading`, clamped to the reading minimum and maximum). Narration then lengthens a slide if needed.
    """

    reading: ReadingSpeed = DEFAULT_SPEED
    duration: float | None = None
    cover_duration: float | None = None  # None: reading time of the cover card's words
    end_duration: float | None = None  # None: reading time of the end card's words
    transition: Transition = Transition()
    transitions: Mapping[int, Transition] = field(default_factory=dict)  # slide index -> transition into it
    ken_burns: bool = True
    moves: Mapping[int, str] = field(default_factory=dict)  # slide index -> Ken Burns move (or "none")
    zoom: float = 1.15
    narration_padding: float = 0.5

    def __post_init__(self) -> None:
        for name in ("duration", "cover_duration", "end_duration"):
            value = getattr(self, name)
            if value is not None and not (math.isfinite(value) and value > 0):
                raise RenderError(f"{name.replace('_', ' ')} must be more than 0 seconds, not {value}")


@dataclass(frozen=True)
class Segment:
    """One card's time on screen, in frames at `fps` (seconds via the properties)."""

    card: int
    kind: CardKind
    label: str
    start_frame: int
    frames: int
    transition: Transition  # into this card, with its actual (possibly clamped) duration
    transition_frames: int
    fps: int
    words: int = 0
    slide_index: int | None = None
    motion: KenBurns | None = None
    narration: float | None = None

    @property
    def end_frame(self) -> int:
        return self.start_frame + self.frames

    @property
    def start(self) -> float:
        return self.start_frame / self.fps

    @property
    def duration(self) -> float:
        return self.frames / self.fps

    @property
    def end(self) -> float:
        return self.end_frame / self.fps

    @property
    def narration_start(self) -> float:
        """Where this slide's narration begins: the middle of the transition into it."""
        return (self.start_frame + self.transition_frames / 2) / self.fps


@dataclass(frozen=True)
class Timeline:
    segments: tuple[Segment, ...]
    fps: int
    size: tuple[int, int]
    part: int = 1
    parts: int = 1
    warnings: tuple[str, ...] = ()

    @property
    def frame_count(self) -> int:
        return self.segments[-1].end_frame if self.segments else 0

    @property
    def duration(self) -> float:
        return self.frame_count / self.fps

    def frame_index(self, t: float) -> int:
        """The frame on screen at `t` seconds; t == duration gives the last frame, later is an error."""
        if not math.isfinite(t) or t < 0:
            raise RenderError(f"time {t} s is not within the video (0 to {self.duration:.2f} s)")
        if t > self.duration + 1e-9:
            raise RenderError(f"time {t:g} s is past the end of the video ({self.duration:.2f} s)")
        return min(self.frame_count - 1, math.floor(t * self.fps + 1e-6))

    def active(self, frame: int) -> tuple[Segment, ...]:
        """The one segment on screen at `frame`, or the two (outgoing, incoming) during a transition."""
        return tuple(s for s in self.segments if s.start_frame <= frame < s.end_frame)

    def transition_out(self, position: int) -> int:
        """Frames of the transition out of segment `position` (0 for the last one)."""
        nxt = position + 1
        return self.segments[nxt].transition_frames if nxt < len(self.segments) else 0

    def time_of_card(self, card: int) -> float:
        """The middle of the time card `card` is on screen alone (what `preview --slide` shows)."""
        for pos, seg in enumerate(self.segments):
            if seg.card == card:
                solid_start = seg.start_frame + seg.transition_frames
                solid_end = seg.end_frame - self.transition_out(pos)
                return ((solid_start + solid_end) // 2) / self.fps
        raise RenderError(f"card {card} is not in this video" + (f" (part {self.part})" if self.parts > 1 else ""))

    def time_of_slide(self, slide_index: int) -> float:
        """Like `time_of_card` for the card showing article slide `slide_index` (0-based)."""
        for seg in self.segments:
            if seg.kind == "slide" and seg.slide_index == slide_index:
                return self.time_of_card(seg.card)
        where = f" part {self.part} of" if self.parts > 1 else ""
        raise RenderError(f"slide {slide_index + 1} is not in{where} this video")


@dataclass
class _Item:
    """A card's wanted duration before frames and transitions are worked out."""

    card: int
    kind: CardKind
    label: str
    words: int
    seconds: float
    floor: float  # shortest it may become when the video is too long
    transition: Transition
    slide_index: int | None = None
    motion: KenBurns | None = None
    narration: float | None = None


def build_timeline(
    article: Article,
    cards: Sequence[PlannedCard],
    preset: Preset,
    options: TimelineOptions = TimelineOptions(),
    narration: Mapping[int, float] | None = None,
) -> Timeline:
    """The timeline for all `cards` in order, shortened to the preset's limit if needed.

    `narration` maps slide index -> narration length in seconds (measured by the caller, so this stays pure).
    Raises `RenderError` saying by how many seconds the video is too long when even the shortest durations
    exceed `preset.max_duration`.
    """
    items = _items(article, cards, options, narration or {})
    items, warnings = _fit(items, preset)
    return _timeline(items, preset, warnings=warnings)


def build_parts(
    article: Article,
    cards: Sequence[PlannedCard],
    preset: Preset,
    options: TimelineOptions = TimelineOptions(),
    narration: Mapping[int, float] | None = None,
) -> list[Timeline]:
    """Like `build_timeline`, but a video that cannot fit even shortened is split into numbered parts.

    Each part repeats the cover and end cards (if any) around a run of consecutive slides, keeps the slides'
    own durations, and the parts are as even as the slides allow (the fewest parts, the longest as short as
    possible). A video that fits (shortened if needed) comes back as a single part.
    """
    items = _items(article, cards, options, narration or {})
    try:
        fitted, warnings = _fit(items, preset)
        return [_timeline(fitted, preset, warnings=warnings)]
    except RenderError:
        pass
    assert preset.max_duration is not None  # _fit only fails against a limit
    head = items[:1] if items[0].kind == "cover" else []
    tail = items[-1:] if items[-1].kind == "end" and len(items) > len(head) else []
    body = items[len(head) : len(items) - len(tail)]
    if not body:
        _fit(items, preset)  # nothing to split: report by how much it is over
    limit = _limit_frames(preset)

    def part(a: int, b: int) -> list[_Item]:
        return [*head, *body[a:b], *tail]

    def natural(a: int, b: int) -> int:
        return _total_frames(part(a, b), preset.fps)

    def greedy(cap: int) -> list[tuple[int, int]] | None:
        runs, a = [], 0
        while a < len(body):
            b = a + 1
            if natural(a, b) > cap:
                return None
            while b < len(body) and natural(a, b + 1) <= cap:
                b += 1
            runs.append((a, b))
            a = b
        return runs

    singles = max((natural(i, i + 1) for i in range(len(body))), default=0)
    if singles > limit:
        # One slide (with cover and end) is too long: shorten that part, or report by how much it is over.
        runs = [(i, i + 1) for i in range(len(body))]
        for a, b in runs:
            _fit(part(a, b), preset)
    else:
        best = greedy(limit)
        assert best is not None
        lo, hi = singles, limit  # smallest cap that still needs no more parts: even parts
        while lo < hi:
            mid = (lo + hi) // 2
            runs_mid = greedy(mid)
            if runs_mid is not None and len(runs_mid) <= len(best):
                hi = mid
            else:
                lo = mid + 1
        runs = greedy(lo) or best
    out = []
    for n, (a, b) in enumerate(runs, 1):
        fitted, warnings = _fit(part(a, b), preset)
        out.append(_timeline(fitted, preset, part=n, parts=len(runs), warnings=warnings))
    return out


def _items(
    article: Article, cards: Sequence[PlannedCard], options: TimelineOptions, narration: Mapping[int, float]
) -> list[_Item]:
    if not cards:
        raise RenderError("nothing to put in the video: no cards")
    reading = options.reading
    items: list[_Item] = []
    for pos, card in enumerate(cards):
        slide = None
        if card.kind == "slide" and card.slide_index is not None and card.slide_index < len(article.slides):
            slide = article.slides[card.slide_index]
        words = card.words or (slide.words if slide else 0)
        idx = card.slide_index if card.kind == "slide" else None
        if card.kind == "cover":
            label, explicit = "cover", options.cover_duration
        elif card.kind == "end":
            label, explicit = "end", options.end_duration
        else:
            label = str(article.display_number(idx)) if slide is not None and idx is not None else str(pos + 1)
            explicit = slide.duration if slide is not None and slide.duration is not None else options.duration
        if explicit is not None:
            seconds = floor = float(explicit)
        else:
            seconds, floor = reading.seconds(words), reading.minimum
        transition = CUT if pos == 0 else options.transition
        if idx is not None and idx in options.transitions and pos > 0:
            transition = options.transitions[idx]
        motion = None
        if options.ken_burns and card.has_motion_layers:
            move = options.moves.get(idx, AUTO_MOVES[pos % len(AUTO_MOVES)]) if idx is not None else None
            move = move or AUTO_MOVES[pos % len(AUTO_MOVES)]  # cover and end cards: the automatic sequence
            motion = KenBurns.for_move(move, options.zoom, slide.focus if slide else None)
        items.append(_Item(card=pos, kind=card.kind, label=label, words=words, seconds=seconds, floor=floor,
                           transition=transition, slide_index=idx, motion=motion))  # fmt: skip
    for pos, item in enumerate(items):
        if item.slide_index is None or item.slide_index not in narration:
            continue
        length = float(narration[item.slide_index])
        t_out = items[pos + 1].transition.duration if pos + 1 < len(items) else 0.0
        # Narration runs from the middle of the transition in; the card stays `padding` past its end, counted
        # to the middle of the transition out. Requested transitions bound the actual (clamped) ones.
        need = item.transition.duration / 2 + length + options.narration_padding + t_out / 2
        item.narration = length
        if need > item.seconds:
            item.seconds = need
        item.floor = max(item.floor, need)
    return items


def _frames(seconds: float, fps: int) -> int:
    return max(1, round(seconds * fps + 1e-9))


def _layout(items: Sequence[_Item], fps: int) -> list[tuple[int, int, int]]:
    """(start_frame, frames, transition_frames) per item, applying the half-of-the-shorter-neighbour rule."""
    out: list[tuple[int, int, int]] = []
    for pos, item in enumerate(items):
        # Narration minimums round up so a slide never ends before its narration does.
        frames = max(_frames(item.seconds, fps), math.ceil(item.floor * fps - 1e-9) if item.narration else 1)
        if pos == 0:
            out.append((0, frames, 0))
            continue
        start0, frames0, _ = out[-1]
        wanted = 0 if item.transition.kind == "cut" else round(item.transition.duration * fps + 1e-9)
        tf = min(wanted, min(frames0, frames) // 2)
        out.append((start0 + frames0 - tf, frames, tf))
    return out


def _total_frames(items: Sequence[_Item], fps: int) -> int:
    start, frames, _ = _layout(items, fps)[-1]
    return start + frames


def _limit_frames(preset: Preset) -> int:
    assert preset.max_duration is not None
    return math.floor(preset.max_duration * preset.fps + 1e-9)


def _fit(items: list[_Item], preset: Preset) -> tuple[list[_Item], list[str]]:
    """Shorten the longest cards first (a common cap, on a 0.1 s grid) until the video fits the preset."""
    fps = preset.fps
    if preset.max_duration is None or _total_frames(items, fps) <= _limit_frames(preset):
        return items, []
    limit = _limit_frames(preset)

    def capped(tenths: int) -> list[_Item]:
        cap = tenths / 10
        return [replace(it, seconds=max(it.floor, min(it.seconds, cap))) for it in items]

    shortest = _total_frames(capped(0), fps)
    if shortest > limit:
        over = (shortest - limit) / fps
        name = preset.limit_label
        raise RenderError(
            f"the video would last {shortest / fps:.1f} s even with every card at its shortest: {over:.1f} s over "
            f"the {preset.max_duration:g} s limit{name}; remove slides, lower their durations, or split it "
            f"into parts (--split)"
        )
    lo, hi = 0, math.ceil(max(it.seconds for it in items) * 10)  # largest cap (tenths) that fits: binary search
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if _total_frames(capped(mid), fps) <= limit:
            lo = mid
        else:
            hi = mid - 1
    out = capped(lo)
    changed = sum(1 for a, b in zip(items, out, strict=True) if b.seconds < a.seconds)
    total = _total_frames(out, fps) / fps
    warning = (
        f"shortened {changed} card(s) to at most {lo / 10:.1f} s so the video ({total:.1f} s) fits the "
        f"{preset.max_duration:g} s limit" + preset.limit_label
    )
    return out, [warning]


def _timeline(
    items: Sequence[_Item], preset: Preset, *, part: int = 1, parts: int = 1, warnings: Sequence[str] = ()
) -> Timeline:
    fps = preset.fps
    segments = []
    for item, (start, frames, tf) in zip(items, _layout(items, fps), strict=True):
        transition = CUT if tf == 0 else replace(item.transition, duration=tf / fps)
        segments.append(
            Segment(
                card=item.card,
                kind=item.kind,
                label=item.label,
                start_frame=start,
                frames=frames,
                transition=transition,
                transition_frames=tf,
                fps=fps,
                words=item.words,
                slide_index=item.slide_index,
                motion=item.motion,
                narration=item.narration,
            )
        )
    return Timeline(tuple(segments), fps, preset.size, part=part, parts=parts, warnings=tuple(warnings))
