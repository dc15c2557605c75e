"""One article to every output: the job behind `render`, `video` and each article of `batch`.

read article -> theme + presets -> card plan -> timeline -> writers, which draw each card when they need its
pixels (a `CardDeck`); planning a video draws nothing (`--dry-run`, subtitles). The CLI commands and
the batch workers all call `render_article` (or its parts), so a job behaves the same wherever it runs.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from . import __version__
from .article import Article
from .cards.card import Card
from .cards.deck import CardDeck
from .cards.plan import CardSpec, plan_cards
from .config.presets import Preset
from .config.settings import OUTPUT_KINDS, JobOptions, Settings, resolve_settings
from .config.theme import Theme
from .errors import OutputError
from .readers import load_article
from .reporting import Reporter, reporter_or_quiet
from .video.timeline import Timeline, build_parts, build_timeline


@dataclass
class VideoPlan:
    """Cards, timeline parts and media of one video, before anything is encoded (`--dry-run` prints it)."""

    article: Article
    theme: Theme
    preset: Preset
    cards: CardDeck | Sequence[Card]  # a deck draws each card when a writer asks for it
    timelines: list[Timeline]
    narration: dict[int, Path] = field(default_factory=dict)  # slide index -> narration audio file

    @property
    def specs(self) -> Sequence[CardSpec | Card]:
        """What each card is, without its pixels (subtitles, the timeline)."""
        return self.cards.specs if isinstance(self.cards, CardDeck) else self.cards


@dataclass
class JobReport:
    """What one job wrote and said: its outputs and every warning reported while it ran."""

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


def _settings(options: JobOptions | Settings | None) -> Settings:
    return options if isinstance(options, Settings) else resolve_settings(options)


def plan_video(
    article: Article,
    options: JobOptions | Settings | None = None,
    cards: Sequence[Card] | None = None,
    preset: Preset | None = None,
    reporter: Reporter | None = None,
) -> VideoPlan:
    """Plan the cards and lay out the timeline from the plan, measuring narration clips; draws nothing (the
    writers draw the cards they need, unless `cards` are given). The timeline's warnings (shortened cards, a
    split) go to `reporter` now, each card's when it is drawn."""
    settings = _settings(options)
    report = reporter_or_quiet(reporter)
    preset = preset or settings.video_preset()
    deck: CardDeck | Sequence[Card] = (
        cards if cards is not None else deck_for(article, settings, preset, report, progress=False)
    )
    narration = narration_files(article, settings.options.allow_outside_paths)
    lengths: dict[int, float] = {}
    if narration:
        from .video.audio import audio_duration

        lengths = {i: audio_duration(path) for i, path in narration.items()}
    topts = settings.timeline_options()
    planned = deck.specs if isinstance(deck, CardDeck) else deck
    if settings.options.split:
        timelines = build_parts(article, planned, preset, topts, lengths)
    else:
        timelines = [build_timeline(article, planned, preset, topts, lengths)]
    for timeline in timelines:
        report.warn_all(timeline.warnings)
    return VideoPlan(article, settings.theme, preset, deck, timelines, narration)


def deck_for(
    article: Article, settings: Settings, preset: Preset, reporter: Reporter | None = None, *, progress: bool = True
) -> CardDeck:
    """The article's cards at `preset`'s size, drawn one by one as a writer asks for them."""
    specs = plan_cards(article, settings.theme, cover=settings.cover, end=settings.end)
    return CardDeck(
        article, settings.theme, preset, settings.render_options, specs=specs, reporter=reporter, progress=progress
    )


def draw(article: Article, settings: Settings, preset: Preset, reporter: Reporter | None = None) -> list[Card]:
    """The article's cards at `preset`'s size, as the settings say (cover, end, photos outside, bad photos)."""
    from .cards.render import render_cards

    return render_cards(article, settings.theme, preset, settings.render_options(), reporter)


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
    out_path: str | Path,
    options: JobOptions | Settings | None = None,
    subtitles: bool = True,
    reporter: Reporter | None = None,
) -> list[Path]:
    """Encode every part of `plan` (music, narration, subtitles, previews beside each MP4)."""
    import tempfile

    from .fileio import staging_root
    from .video.audio import build_soundtrack
    from .writers.mp4 import write_video as encode_mp4
    from .writers.preview import write_animated_preview

    opts = _settings(options).options
    report = reporter_or_quiet(reporter)
    out_path = Path(out_path)
    if out_path.is_dir():  # not "<folder>.mp4" beside it: say so, as for every other output path
        raise OutputError("is a folder, expected a video file path", path=out_path)
    written: list[Path] = []
    music = Path(opts.music) if opts.music else None
    for timeline in plan.timelines:
        mp4 = part_path(out_path, timeline, out_path.suffix or ".mp4")
        narrations = [
            (seg.narration_start, plan.narration[seg.slide_index])
            for seg in timeline.segments
            if seg.kind == "slide" and seg.slide_index in plan.narration
        ]
        with tempfile.TemporaryDirectory(prefix="slide2video-audio-", dir=staging_root()) as tmp:
            track = None
            if music is not None or narrations:
                sound = build_soundtrack(
                    timeline.duration, Path(tmp) / "soundtrack.wav", music=music, narrations=narrations
                )
                if sound is not None:
                    report.warn_all(sound.warnings)
                    track = sound.path

            def tick(done: int, total: int) -> None:
                report.progress("video", done, total)

            encode_mp4(
                plan.cards,
                timeline,
                mp4,
                plan.preset,
                quality=opts.quality,
                audio_path=track,
                silent_audio=opts.silent_audio and track is None,
                progress=tick,
            )
        written.append(mp4)
        if subtitles:
            written += write_subtitles(timeline, plan.specs, mp4)
        for fmt in ("gif", "webp"):
            if fmt in opts.outputs:
                written.append(write_animated_preview(timeline, plan.cards, mp4.with_suffix(f".{fmt}"), fmt=fmt))
    return written


def write_video(
    article: Article | str | Path,
    path: str | Path,
    options: JobOptions | Settings | None = None,
    reporter: Reporter | None = None,
) -> list[Path]:
    """What `slide2video video` does: the MP4 (or its parts) at `path`, with .srt/.vtt beside it unless the
    options' outputs leave "srt" out, and GIF/WebP previews when asked for."""
    settings = _settings(options)
    if not isinstance(article, Article):
        article = load_article(article)
    report = reporter_or_quiet(reporter)
    report.warn_all(article.warnings)
    plan = plan_video(article, settings, reporter=report)
    return write_video_outputs(plan, path, settings, subtitles="srt" in settings.options.outputs, reporter=report)


@dataclass
class PreviewFrame:
    image: Image.Image
    time: float  # seconds from the start of its part
    part: int


def preview_frame(
    article: Article | str | Path,
    at: float | None = None,
    *,
    slide: int | None = None,
    part: int = 1,
    options: JobOptions | Settings | None = None,
    reporter: Reporter | None = None,
) -> PreviewFrame:
    """The exact video frame at `at` seconds, or of 1-based `slide` where it is on screen alone, without
    encoding anything (what `slide2video preview` writes as PNG)."""
    from .errors import Slide2VideoError
    from .writers.preview import render_frame

    if (at is None) == (slide is None):
        raise Slide2VideoError("give exactly one of at (seconds) or slide (a slide number)")
    if not isinstance(article, Article):
        article = load_article(article)
    report = reporter_or_quiet(reporter)
    report.warn_all(article.warnings)
    if slide is not None and not 1 <= slide <= len(article.slides):
        raise Slide2VideoError(f"slide {slide} does not exist: the article has {len(article.slides)} slides")
    plan = plan_video(article, _settings(options), reporter=report)
    if not 1 <= part <= len(plan.timelines):
        raise Slide2VideoError(f"part {part} does not exist: the video has {len(plan.timelines)} part(s)")
    timeline = plan.timelines[part - 1]
    t = at if at is not None else timeline.time_of_slide((slide or 1) - 1)
    return PreviewFrame(render_frame(timeline, plan.cards, t), t, part)  # draws only the card(s) on screen


def render_article(
    article: Article | str | Path,
    out_dir: str | Path,
    options: JobOptions | Settings | None = None,
    reporter: Reporter | None = None,
) -> JobReport:
    """Every requested output of one article into `out_dir`: `<name>.mp4` (+ .srt/.vtt, previews),
    `carousel/` (cards, caption, contact sheet, manifest) and `carousel/carousel.pdf`.

    Every warning (the reader's, the cards', the timeline's, the writers') goes to `reporter` and into the
    returned report; with `strict` options the first one stops the job with `StrictError`.
    """
    from .writers.carousel import CarouselOptions, save_pdf, write_carousel

    started = time.perf_counter()
    settings = _settings(options)
    opts = settings.options
    report = reporter_or_quiet(reporter)
    report.strict = report.strict or opts.strict
    first = len(report.warnings)
    if not isinstance(article, Article):
        article = load_article(article)
    out_dir = Path(out_dir)
    name = article.path.stem if article.path is not None else "story"
    job = JobReport(article=str(article.path or article.title))
    report.warn_all(article.warnings)
    wants = set(opts.outputs)
    if opts.wants_cards:
        preset = settings.carousel_preset()
        cards = deck_for(article, settings, preset, report)  # drawn while the writer encodes the previous one
        if "carousel" in wants:
            result = write_carousel(
                cards,
                article,
                preset,
                out_dir / "carousel",
                CarouselOptions(format=opts.image_format, pdf="pdf" in wants),
                report,
            )
            job.outputs += result.images + ([result.pdf] if result.pdf else []) + [result.manifest]
        else:
            from .fileio import atomic_path

            with atomic_path(out_dir / f"{name}.pdf") as tmp:
                save_pdf([c.image for c in cards], tmp)
            job.outputs.append(out_dir / f"{name}.pdf")
    if opts.wants_video:
        plan = plan_video(article, settings, reporter=report)
        if wants & {"mp4", "gif", "webp"}:
            job.outputs += write_video_outputs(
                plan, out_dir / f"{name}.mp4", settings, subtitles="srt" in wants, reporter=report
            )
        else:  # subtitles only: from the plan, no card is drawn
            for timeline in plan.timelines:
                job.outputs += write_subtitles(
                    timeline, plan.specs, part_path(out_dir / f"{name}.mp4", timeline, ".mp4")
                )
        job.duration = sum(t.duration for t in plan.timelines)
    job.warnings = report.warnings[first:]
    job.seconds = time.perf_counter() - started
    return job


__all__ = [
    "OUTPUT_KINDS",
    "JobOptions",
    "JobReport",
    "PreviewFrame",
    "Settings",
    "VideoPlan",
    "__version__",
    "plan_video",
    "preview_frame",
    "render_article",
    "resolve_settings",
    "subtitle_items",
    "write_video",
    "write_video_outputs",
]
