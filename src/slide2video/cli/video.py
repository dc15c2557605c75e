"""Video commands: `video` (MP4 + subtitles), `preview` (one exact frame) and `render` (everything)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..fileio import is_stdout, is_stream
from ..fileio.lock import OutputLock
from ..readers import load_article
from ..writers import render_names
from .app import Context, main
from .options import (
    ARTICLE,
    PATH,
    StageBar,
    article_format_option,
    encode_options,
    job_options,
    output_set_options,
    quiet_option,
    render_options,
    source_stem,
    timing_options,
    wait_option,
    web_options,
)
from .outputs import guard

if TYPE_CHECKING:
    from ..video.timeline import Timeline


@main.command()
@click.argument("article", type=ARTICLE)
@click.option(
    "-o",
    "--output",
    type=PATH,
    default=None,
    help="The MP4 to write (default: ARTICLE's name + .mp4). Subtitles go beside it.",
)
@timing_options
@encode_options
@click.option("--gif", is_flag=True, help="Also write a small looping GIF preview (480 px wide).")
@click.option("--webp", is_flag=True, help="Also write a small looping WebP preview.")
@click.option("--no-subtitles", is_flag=True, help="Do not write .srt and .vtt subtitles beside the video.")
@click.option(
    "--dry-run", is_flag=True, help="Print the timeline (slide, start, duration, transition, words); encode nothing."
)
@article_format_option
@render_options
@web_options
@wait_option
@quiet_option
@click.pass_obj
def video(
    obj: Context,
    /,
    article: Path | str,
    output: Path | None,
    gif: bool,
    webp: bool,
    no_subtitles: bool,
    dry_run: bool,
    fmt: str | None,
    **kw: Any,
) -> None:
    """Render ARTICLE as an MP4 for Reels, TikTok, Shorts, X or LinkedIn.

    Each slide is a card on screen for as long as it takes to read, with transitions, optional Ken Burns
    motion and music; .srt and .vtt subtitles are written beside the video.
    """
    from ..config.settings import resolve_settings
    from ..pipeline import plan_video, write_video_outputs

    outputs = ["mp4"] + (["srt"] if not no_subtitles else []) + (["gif"] if gif else []) + (["webp"] if webp else [])
    settings = resolve_settings(job_options(obj, outputs=outputs, **kw))
    with StageBar(obj.quiet) as bar, contextlib.ExitStack() as held:
        reporter = obj.reporter(bar)
        art = load_article(article, fmt, obj.web)
        out = output or Path(f"{source_stem(article, art)}.mp4")
        if not dry_run:
            guard(art, file=out, what="video", suffixes=(".mp4",), settings=settings)
            held.enter_context(OutputLock(out, obj.wait))
        reporter.warn_all(art.warnings)
        plan = plan_video(art, settings, reporter=reporter)
        if dry_run:
            bar.close()
            for timeline in plan.timelines:
                click.echo(format_table(timeline))
            return
        written = write_video_outputs(plan, out, settings, subtitles=not no_subtitles, reporter=reporter)
    if not obj.quiet:
        total = sum(t.duration for t in plan.timelines)
        click.echo(f"wrote {', '.join(str(p) for p in written)} ({total:.1f} s)")
    obj.point_at_doubts(art, article)


@main.command()
@click.argument("article", type=ARTICLE)
@click.option(
    "--at",
    "at",
    type=click.FloatRange(min=0),
    default=None,
    metavar="SECONDS",
    help="The moment to show, in seconds from the start.",
)
@click.option(
    "--slide",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Show slide N (1-based) where it is on screen alone.",
)
@click.option("--part", type=click.IntRange(min=1), default=1, show_default=True, help="With --split: which part.")
@click.option(
    "-o",
    "--output",
    type=PATH,
    default=None,
    help="The PNG to write (default: ARTICLE's name + -frame.png; '-': standard output).",
)
@timing_options
@article_format_option
@render_options
@web_options
@wait_option
@quiet_option
@click.pass_obj
def preview(
    obj: Context,
    /,
    article: Path | str,
    at: float | None,
    slide: int | None,
    part: int,
    output: Path | None,
    fmt: str | None,
    **kw: Any,
) -> None:
    """Write the exact video frame at --at SECONDS (or of --slide N) as a PNG, without encoding a video."""
    from ..config.settings import resolve_settings
    from ..pipeline import preview_frame
    from ..writers.preview import save_png

    if (at is None) == (slide is None):
        raise click.UsageError("give exactly one of --at SECONDS or --slide N")
    settings = resolve_settings(job_options(obj, **kw))
    art = load_article(article, fmt, obj.web)
    out = output or Path(f"{source_stem(article, art)}-frame.png")
    guard(art, file=out, what="PNG", suffixes=(".png",), stdout=True, settings=settings)
    with OutputLock(out, obj.wait):
        frame = preview_frame(art, at, slide=slide, part=part, options=settings, reporter=obj.reporter())
        save_png(frame.image, out)
    if not obj.quiet:  # on stderr when the PNG itself goes to standard output
        shown = "standard output" if is_stdout(out) else out
        click.echo(f"wrote {shown} (frame at {frame.time:.2f} s)", err=is_stdout(out) or is_stream(out))


@main.command()
@click.argument("article", type=ARTICLE)
@click.option("-o", "--output", type=PATH, default=None, help="Output folder (default: ARTICLE's name).")
@output_set_options
@timing_options
@encode_options
@article_format_option
@render_options
@web_options
@wait_option
@quiet_option
@click.pass_obj
def render(obj: Context, /, article: Path | str, output: Path | None, fmt: str | None, **kw: Any) -> None:
    """Render everything for ARTICLE into one folder: video, subtitles, carousel (and PDF, previews)."""
    from ..config.settings import resolve_settings
    from ..pipeline import render_article

    settings = resolve_settings(job_options(obj, **kw))
    art = load_article(article, fmt, obj.web)
    out = output or Path(source_stem(article, art))
    guard(art, folder=out, names=render_names(source_stem(article, art)), subfolders=("carousel",), settings=settings)
    with OutputLock(out, obj.wait, inside=True), StageBar(obj.quiet) as bar:
        report = render_article(art, out, settings, reporter=obj.reporter(bar))
    if not obj.quiet:
        click.echo(f"wrote {len(report.outputs)} files to {out}/ in {report.seconds:.1f} s")
    obj.point_at_doubts(art, article)


def format_table(timeline: Timeline) -> str:
    """The `--dry-run` table: one row per card with its start, duration, transition in, words and motion."""
    rows = [f"{'card':>5}  {'start':>7}  {'duration':>8}  {'transition':<16} {'words':>5}  motion"]
    for seg in timeline.segments:
        motion = seg.motion.move if seg.motion else "-"
        transition = "-" if seg.start_frame == 0 and seg.transition_frames == 0 else str(seg.transition)
        rows.append(
            f"{seg.label:>5}  {seg.start:>7.2f}  {seg.duration:>8.2f}  {transition:<16} {seg.words:>5}  {motion}"
        )
    part = f"part {timeline.part} of {timeline.parts}: " if timeline.parts > 1 else ""
    w, h = timeline.size
    rows.append(
        f"{part}{timeline.duration:.2f} s, {timeline.frame_count} frames at {timeline.fps} fps, {w}x{h}, "
        f"{len(timeline.segments)} cards"
    )
    rows.extend(f"warning: {w}" for w in timeline.warnings)
    return "\n".join(rows)
