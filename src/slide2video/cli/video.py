"""Video commands: `video` (MP4 + subtitles), `preview` (one exact frame) and `render` (everything)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..readers import load_article
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
    web_options,
)


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
    from ..video.timeline import format_table

    outputs = ["mp4"] + (["srt"] if not no_subtitles else []) + (["gif"] if gif else []) + (["webp"] if webp else [])
    settings = resolve_settings(job_options(obj, outputs=outputs, **kw))
    with StageBar(obj.quiet) as bar:
        reporter = obj.reporter(bar)
        art = load_article(article, fmt, obj.web)
        reporter.warn_all(art.warnings)
        out = output or Path(f"{source_stem(article, art)}.mp4")
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
    "-o", "--output", type=PATH, default=None, help="The PNG to write (default: ARTICLE's name + -frame.png)."
)
@timing_options
@article_format_option
@render_options
@web_options
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
    frame = preview_frame(art, at, slide=slide, part=part, options=settings, reporter=obj.reporter())
    out = output or Path(f"{source_stem(article, art)}-frame.png")
    save_png(frame.image, out)
    if not obj.quiet:
        click.echo(f"wrote {out} (frame at {frame.time:.2f} s)")


@main.command()
@click.argument("article", type=ARTICLE)
@click.option("-o", "--output", type=PATH, default=None, help="Output folder (default: ARTICLE's name).")
@output_set_options
@timing_options
@encode_options
@article_format_option
@render_options
@web_options
@quiet_option
@click.pass_obj
def render(obj: Context, /, article: Path | str, output: Path | None, fmt: str | None, **kw: Any) -> None:
    """Render everything for ARTICLE into one folder: video, subtitles, carousel (and PDF, previews)."""
    from ..config.settings import resolve_settings
    from ..pipeline import render_article

    settings = resolve_settings(job_options(obj, **kw))
    art = load_article(article, fmt, obj.web)
    out = output or Path(source_stem(article, art))
    with StageBar(obj.quiet) as bar:
        report = render_article(art, out, settings, reporter=obj.reporter(bar))
    if not obj.quiet:
        click.echo(f"wrote {len(report.outputs)} files to {out}/ in {report.seconds:.1f} s")
