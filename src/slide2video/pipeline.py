"""One article to every output: the job behind `render`, `video` and each article of `batch`.

read article -> theme + presets -> card plan -> timeline -> writers, which draw the cards they need. The CLI
commands and the batch workers all call `render_article` (or its parts), so a job behaves the same wherever it
runs. Planning a video draws nothing (`--dry-run` prints the timeline of the card plan).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import __version__
from .article import Article
from .cards.card import Card
from .cards.deck import CardDeck
from .cards.plan import CardSpec, RenderOptions
from .config.presets import Preset, get_preset
from .config.theme import Theme, load_theme
from .errors import OutputError, RenderError
from .readers import load_article
from .timing import ReadingSpeed
from .video.timeline import Timeline, TimelineOptions, Transition, build_parts, build_timeline

OUTPUT_KINDS = ("mp4", "carousel", "pdf", "srt", "gif", "webp")
Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class JobOptions:
    """Everything that decides a job's outputs besides the article itself (hashed for incremental batches)."""

    theme: str = "news"
    video_preset: str = "reel"
    carousel_preset: str = "ig-portrait"
    outputs: tuple[str, ...] = ("mp4", "carousel", "srt")
    image_format: str = "png"
    quality: str = "standard"
    transition: str = "crossfade"
    transition_duration: float = 0.5
    ken_burns: bool | None = None  # None: as the theme says
    duration: float | None = None  # seconds per slide for every slide (YAML `duration:` still wins)
    words_per_minute: float = 180.0
    music: str | None = None
    silent_audio: bool = False
    split: bool = False
    cover: bool | None = None
    end: bool | None = None
    allow_outside_paths: bool = False
    skip_bad_images: bool = False

    def __post_init__(self) -> None:
        unknown = [o for o in self.outputs if o not in OUTPUT_KINDS]
        if unknown:
            raise RenderError(f"unknown output {unknown[0]!r}; choose from {', '.join(OUTPUT_KINDS)}")

    def render_options(self) -> RenderOptions:
        return RenderOptions(
            cover=self.cover,
            end=self.end,
            allow_outside_paths=self.allow_outside_paths,
            bad_images="warn" if self.skip_bad_images else "error",
        )

    def timeline_options(self, theme: Theme) -> TimelineOptions:
        if not self.words_per_minute > 0:
            raise RenderError("reading speed must be more than 0 words per minute")
        return TimelineOptions(
            reading=replace(ReadingSpeed(), words_per_minute=self.words_per_minute),
            duration=self.duration,
            transition=Transition.parse(self.transition, self.transition_duration),
            ken_burns=theme.background.kenburns if self.ken_burns is None else self.ken_burns,
        )


@dataclass
class VideoPlan:
    """Card plan, timeline parts and media of one video, before any pixel is drawn (`--dry-run` prints it).

    `cards` draws each card when a writer asks for it; its `warnings` grow as cards are drawn.
    """

    article: Article
    theme: Theme
    preset: Preset
    cards: CardDeck | Sequence[Card]
    timelines: list[Timeline]
    narration: dict[int, Path] = field(default_factory=dict)  # slide index -> narration audio file

    @property
    def specs(self) -> Sequence[CardSpec | Card]:
        return self.cards.specs if isinstance(self.cards, CardDeck) else self.cards

    @property
    def card_warnings(self) -> list[str]:
        """Warnings of the cards drawn so far."""
        if isinstance(self.cards, CardDeck):
            return self.cards.warnings
        return [w for c in self.cards for w in c.warnings]


@dataclass
class JobReport:
    article: str
    outputs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    duration: float | None = None  # video seconds, when a video was made


def narration_files(article: Article, allow_outside: bool = False) -> dict[int, Path]:
    """Each slide's `audio:` file, resolved like images (beside the article, or in assets/; elsewhere only with
    `allow_outside`, the CLI's --allow-outside-paths)."""
    out: dict[int, Path] = {}
    if not any(slide.audio for slide in article.slides):
        return out
    from .cards.images import resolve_image  # numpy and Pillow: only when there is narration
    from .paths import data_dir

    for i, slide in enumerate(article.slides):
        if slide.audio:
            out[i] = resolve_image(slide.audio, article.base_dir, data_dir("assets"), allow_outside, kind="audio")
    return out


def plan_video(
    article: Article,
    options: JobOptions,
    cards: Sequence[Card] | None = None,
    preset: Preset | None = None,
    progress: Progress | None = None,
) -> VideoPlan:
    """Plan the cards (drawn later, by the writers, unless `cards` are given) and lay out the timeline from the
    plan, measuring narration clips. Draws nothing."""
    theme = load_theme(options.theme)
    preset = preset or get_preset(options.video_preset)
    deck: CardDeck | Sequence[Card] = (
        cards if cards is not None else CardDeck(article, theme, preset, options.render_options())
    )
    narration = narration_files(article, options.allow_outside_paths)
    lengths = {}
    if narration:
        from .video.audio import audio_duration

        lengths = {i: audio_duration(path) for i, path in narration.items()}
    topts = options.timeline_options(theme)
    planned = deck.specs if isinstance(deck, CardDeck) else deck
    if options.split:
        timelines = build_parts(article, planned, preset, topts, lengths)
    else:
        timelines = [build_timeline(article, planned, preset, topts, lengths)]
    return VideoPlan(article, theme, preset, deck, timelines, narration)


def _stage(progress: Progress | None, stage: str) -> Callable[[int, int], None] | None:
    """A (done, total) callback reporting as `stage` to a (stage, done, total) `progress`."""
    if progress is None:
        return None
    report = progress
    return lambda done, total: report(stage, done, total)


def draw(
    article: Article, theme: Theme, preset: Preset, options: JobOptions, progress: Progress | None = None
) -> list[Card]:
    from .cards.plan import plan_cards
    from .cards.render import render_cards

    total = len(plan_cards(article, theme, cover=options.cover, end=options.end))
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress("cards", done, total)

    return render_cards(article, theme, preset, options.render_options(), progress=tick)


def subtitle_items(timeline: Timeline, cards: Sequence[CardSpec | Card]) -> list[tuple[float, float, str, list[str]]]:
    """(start, end, heading, body) per card; during a transition the subtitle switches at its middle."""
    starts = [
        0.0 if i == 0 else (s.start_frame + s.transition_frames / 2) / s.fps for i, s in enumerate(timeline.segments)
    ]
    items = []
    for i, seg in enumerate(timeline.segments):
        end = starts[i + 1] if i + 1 < len(starts) else seg.end
        card = cards[seg.card]
        items.append((starts[i], end, card.heading, list(card.body)))
    return items


def part_path(path: Path, timeline: Timeline, suffix: str) -> Path:
    """`story.mp4`, or `story-part2.mp4` when the video is split into parts."""
    part = f"-part{timeline.part}" if timeline.parts > 1 else ""
    return path.with_name(f"{path.stem}{part}{suffix}")


def write_subtitles(timeline: Timeline, cards: Sequence[CardSpec | Card], video: Path) -> list[Path]:
    """`.srt` and `.vtt` beside `video` (which need not exist), timed to `timeline`; `cards` may be the plan."""
    from .writers.subtitles import cues_for_slides, write_srt, write_vtt

    cues = cues_for_slides(subtitle_items(timeline, cards))
    return [write_srt(cues, video.with_suffix(".srt")), write_vtt(cues, video.with_suffix(".vtt"))]


def write_video_outputs(
    plan: VideoPlan,
    out_path: Path,
    options: JobOptions,
    subtitles: bool = True,
    progress: Progress | None = None,
) -> list[Path]:
    """Encode every part of `plan` (music, narration, subtitles, previews beside each MP4)."""
    import tempfile

    from .video.audio import build_soundtrack
    from .writers.mp4 import write_video
    from .writers.preview import write_animated_preview

    out_path = Path(out_path)
    if out_path.is_dir():  # not "<folder>.mp4" beside it: say so, as for every other output path
        raise OutputError("is a folder, expected a video file path", path=out_path)
    written: list[Path] = []
    music = Path(options.music) if options.music else None
    for timeline in plan.timelines:
        mp4 = part_path(out_path, timeline, out_path.suffix or ".mp4")
        narrations = [
            (seg.narration_start, plan.narration[seg.slide_index])
            for seg in timeline.segments
            if seg.kind == "slide" and seg.slide_index in plan.narration
        ]
        with tempfile.TemporaryDirectory(prefix="slide2video-audio-") as tmp:
            track = None
            if music is not None or narrations:
                report = build_soundtrack(
                    timeline.duration, Path(tmp) / "soundtrack.wav", music=music, narrations=narrations
                )
                track = report.path if report is not None else None

            def tick(done: int, total: int) -> None:
                if progress is not None:
                    progress("video", done, total)

            write_video(
                plan.cards,
                timeline,
                mp4,
                plan.preset,
                quality=options.quality,
                audio_path=track,
                silent_audio=options.silent_audio and track is None,
                progress=tick,
            )
        written.append(mp4)
        if subtitles:
            written += write_subtitles(timeline, plan.specs, mp4)
        for fmt in ("gif", "webp"):
            if fmt in options.outputs:
                written.append(write_animated_preview(timeline, plan.cards, mp4.with_suffix(f".{fmt}"), fmt=fmt))
    return written


def render_article(
    article: Article | str | Path,
    out_dir: str | Path,
    options: JobOptions | None = None,
    progress: Progress | None = None,
) -> JobReport:
    """Every requested output of one article into `out_dir`: `<name>.mp4` (+ .srt/.vtt, previews),
    `carousel/` (cards, caption, contact sheet, manifest) and `carousel/carousel.pdf`."""
    from .writers.carousel import CarouselOptions, save_pdf, write_carousel

    started = time.perf_counter()
    options = options or JobOptions()
    if not isinstance(article, Article):
        article = load_article(article)
    out_dir = Path(out_dir)
    name = article.path.stem if article.path is not None else "story"
    report = JobReport(article=str(article.path or article.title), warnings=list(article.warnings))
    theme = load_theme(options.theme)
    wants = set(options.outputs)
    if wants & {"carousel", "pdf"}:
        preset = get_preset(options.carousel_preset)
        # Drawn as the writer asks, so each card's PNG is encoded while the next one is drawn.
        cards = CardDeck(article, theme, preset, options.render_options(), progress=_stage(progress, "cards"))
        if "carousel" in wants:
            result = write_carousel(
                cards,
                article,
                preset,
                out_dir / "carousel",
                CarouselOptions(format=options.image_format, pdf="pdf" in wants),
            )
            report.outputs += result.images + ([result.pdf] if result.pdf else []) + [result.manifest]
            report.warnings += result.warnings
        else:
            from .fileio import atomic_path

            with atomic_path(out_dir / f"{name}.pdf") as tmp:
                save_pdf([c.image for c in cards], tmp)
            report.outputs.append(out_dir / f"{name}.pdf")
        report.warnings[len(article.warnings) : len(article.warnings)] = cards.warnings  # card warnings first
    if wants & {"mp4", "srt", "gif", "webp"}:
        plan = plan_video(article, options, progress=progress)
        report.warnings += [w for t in plan.timelines for w in t.warnings]
        if "mp4" in wants or wants & {"gif", "webp"}:
            report.outputs += write_video_outputs(
                plan, out_dir / f"{name}.mp4", options, subtitles="srt" in wants, progress=progress
            )
        else:  # subtitles only: from the plan, no card is drawn
            for timeline in plan.timelines:
                report.outputs += write_subtitles(
                    timeline, plan.specs, part_path(out_dir / f"{name}.mp4", timeline, ".mp4")
                )
        report.warnings += plan.card_warnings
        report.duration = sum(t.duration for t in plan.timelines)
    report.seconds = time.perf_counter() - started
    return report


__all__ = [
    "OUTPUT_KINDS",
    "JobOptions",
    "JobReport",
    "VideoPlan",
    "__version__",
    "plan_video",
    "render_article",
    "subtitle_items",
    "write_video_outputs",
]
