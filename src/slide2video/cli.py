"""The `slide2video` command line: thin click commands over the library functions."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import click

from . import __version__
from .article import Article
from .fileio import atomic_write_text
from .readers import FORMATS, load_article
from .timing import DEFAULT_SPEED

if TYPE_CHECKING:
    from .pipeline import JobOptions
from .yamlwriter import article_to_yaml

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
ARTICLE = click.Path(path_type=Path)
# Paths are not checked by click: a file where a folder is wanted (or the reverse) is an input/output problem
# that the readers and writers report as one `Error: PATH: ...` line with exit 1, like every other.
PATH = click.Path(path_type=Path)
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Article format; by default chosen from the file extension (.txt, .md, .yaml).",
)


class Context:
    """Options shared by every command."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet

    def warn(self, warnings: list[str]) -> None:
        if not self.quiet:
            for w in warnings:
                click.secho(f"warning: {w}", fg="yellow", err=True)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="slide2video")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors: no progress bars or warnings.")
@click.pass_context
def main(ctx: click.Context, quiet: bool) -> None:
    """Turn slideshow articles into social videos, carousels and PDFs.

    Read an article (copied page text, Markdown or YAML), then render it. Start with
    `slide2video inspect ARTICLE` to see how it was read.
    """
    ctx.obj = Context(quiet)


@main.command()
@click.argument("article", type=ARTICLE)
@click.option(
    "-o",
    "--output",
    type=PATH,
    help="Write the YAML here instead of standard output.",
)
@format_option
@click.pass_obj
def parse(obj: Context, article: Path, output: Path | None, fmt: str | None) -> None:
    """Read ARTICLE and print it as editable YAML.

    Edit the YAML (fix a heading, add `image:` paths, set `duration:`) and render that file instead.
    """
    art = load_article(article, fmt)
    text = article_to_yaml(art)
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write_text(output, text)
        if not obj.quiet:
            click.echo(f"wrote {output} ({len(art.slides)} slides)", err=True)
    obj.warn(art.warnings)


@main.command()
@click.argument("article", type=ARTICLE)
@format_option
@click.pass_obj
def inspect(obj: Context, article: Path, fmt: str | None) -> None:
    """Summarise how ARTICLE was read: metadata, and per slide its credit, words and reading time."""
    art = load_article(article, fmt)
    click.echo(summary(art))
    if art.warnings and not obj.quiet:
        click.echo(f"\n{len(art.warnings)} warning(s):")
        for w in art.warnings:
            click.echo(f"  {w}")


def summary(art: Article) -> str:
    """The `inspect` report as text."""
    total = sum(DEFAULT_SPEED.seconds(s.words) for s in art.slides)
    lines = [
        f"title:   {art.title}",
        f"section: {art.section or '-'}",
        f"source:  {art.source or '-'}",
        f"byline:  {_clip(art.byline, 70) if art.byline else '-'}",
        f"intro:   {len(art.intro)} paragraph(s), {sum(len(p.split()) for p in art.intro)} words",
        f"slides:  {len(art.slides)}, {art.words} words, about {total:.0f} s of video",
        "",
    ]
    heading_width = min(48, max(len("heading"), *(len(s.heading) for s in art.slides)))
    lines.append(f"{'#':>3}  {'heading':<{heading_width}}  {'credit':<20} {'words':>5} {'read':>6}")
    for i, slide in enumerate(art.slides):
        lines.append(
            f"{art.display_number(i):>3}  {_clip(slide.heading, heading_width):<{heading_width}}  "
            f"{_clip(slide.credit or '-', 20):<20} {slide.words:>5} {DEFAULT_SPEED.seconds(slide.words):>5.1f}s"
        )
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_options(f):
    """Options shared by every command that draws cards."""
    options = [
        click.option(
            "--theme",
            "theme_name",
            default="news",
            show_default=True,
            metavar="NAME|FILE",
            help="Built-in theme (see `slide2video themes`) or a theme YAML file.",
        ),
        click.option("--cover/--no-cover", default=None, help="Add a title card first (default: as the theme says)."),
        click.option("--end/--no-end", default=None, help="Add a closing card (default: as the theme says)."),
        click.option(
            "--allow-outside-paths",
            is_flag=True,
            help="Let slide images point outside the article's folder and assets/.",
        ),
        click.option(
            "--skip-bad-images",
            is_flag=True,
            help="Use the theme background (with a warning) instead of stopping on a bad photo.",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def make_render_options(cover: bool | None, end: bool | None, allow_outside_paths: bool, skip_bad_images: bool):
    from .render import RenderOptions

    return RenderOptions(
        cover=cover, end=end, allow_outside_paths=allow_outside_paths, bad_images="warn" if skip_bad_images else "error"
    )


def draw_cards(obj: Context, art: Article, theme_name: str, preset_name: str, options) -> list:
    """Load theme and preset, then render the cards with a progress bar."""
    from .cardplan import plan_cards
    from .presets import get_preset
    from .render import render_cards
    from .theme import load_theme

    theme, preset = load_theme(theme_name), get_preset(preset_name)
    total = len(plan_cards(art, theme, cover=options.cover, end=options.end))
    with click.progressbar(
        length=total, label="Drawing cards", file=sys.stderr, hidden=obj.quiet or not sys.stderr.isatty()
    ) as bar:
        cards = render_cards(art, theme, preset, options, progress=bar.update)
    obj.warn([w for card in cards for w in card.warnings])
    return cards


@main.command()
@click.argument("article", type=ARTICLE)
@click.option(
    "--preset",
    "preset_name",
    default="ig-portrait",
    show_default=True,
    metavar="NAME|WxH",
    help="Output size and limits (see `slide2video presets`).",
)
@click.option(
    "--format",
    "image_format",
    type=click.Choice(["png", "jpeg", "webp"]),
    default="png",
    show_default=True,
    help="Image format of the cards.",
)
@click.option("--pdf", is_flag=True, help="Also write carousel.pdf, one page per card (LinkedIn documents).")
@click.option(
    "-o",
    "--output",
    type=PATH,
    default=None,
    help="Output folder (default: ARTICLE's name + '-carousel').",
)
@click.option(
    "--article-format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Article format, when the extension does not tell.",
)
@render_options
@click.pass_obj
def carousel(
    obj: Context,
    article: Path,
    preset_name: str,
    image_format: str,
    pdf: bool,
    output: Path | None,
    fmt: str | None,
    theme_name: str,
    cover: bool | None,
    end: bool | None,
    allow_outside_paths: bool,
    skip_bad_images: bool,
) -> None:
    """Render ARTICLE as numbered carousel cards (01.png, ...), with caption, contact sheet and manifest.

    More cards than the platform allows are split into part-1/, part-2/, ... Use --pdf for a LinkedIn
    document post.
    """
    from .presets import get_preset
    from .writers.carousel import CarouselOptions, write_carousel

    art = load_article(article, fmt)
    obj.warn(art.warnings)
    options = make_render_options(cover, end, allow_outside_paths, skip_bad_images)
    cards = draw_cards(obj, art, theme_name, preset_name, options)
    out = output or Path(f"{article.stem}-carousel")
    result = write_carousel(cards, art, get_preset(preset_name), out, CarouselOptions(format=image_format, pdf=pdf))
    obj.warn(result.warnings)
    if not obj.quiet:
        parts = f" in {result.parts} parts" if result.parts > 1 else ""
        extra = f", {result.pdf.name}" if result.pdf else ""
        click.echo(f"wrote {len(result.images)} cards{parts} to {out}/ (caption.txt, contact-sheet.jpg{extra})")


class StageBar:
    """A progress bar per stage ("cards", "video") fed by the library's (stage, done, total) callback."""

    LABELS: ClassVar[dict[str, str]] = {"cards": "Drawing cards", "video": "Encoding video"}

    def __init__(self, quiet: bool) -> None:
        self.hidden = quiet or not sys.stderr.isatty()
        self.stage: str | None = None
        self.bar = None
        self.done = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.hidden:
            return
        if stage != self.stage:
            self.close()
            self.stage, self.done = stage, 0
            self.bar = click.progressbar(length=total, label=self.LABELS.get(stage, stage), file=sys.stderr)
            self.bar.__enter__()
        if self.bar is not None and done > self.done:
            self.bar.update(done - self.done)
            self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    def __enter__(self) -> StageBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def timing_options(f):
    """Options shared by every command that makes a timeline."""
    options = [
        click.option(
            "--preset",
            "preset_name",
            default="reel",
            show_default=True,
            metavar="NAME|WxH",
            help="Video size, frame rate and limits (see `slide2video presets`).",
        ),
        click.option(
            "--transition",
            default="crossfade",
            show_default=True,
            metavar="KIND[:SECONDS]",
            help="cut, crossfade, fade, slide-left, push-up, wipe-right, zoom ... e.g. fade:0.8.",
        ),
        click.option(
            "--duration",
            type=click.FloatRange(min=0.5),
            default=None,
            metavar="SECONDS",
            help="Seconds per slide for every slide (a slide's own `duration:` still wins).",
        ),
        click.option(
            "--wpm",
            type=click.FloatRange(min=20, max=2000),
            default=180.0,
            show_default=True,
            help="Reading speed that times each slide (plus a base, within min and max).",
        ),
        click.option(
            "--ken-burns/--no-ken-burns",
            "ken_burns",
            default=None,
            help="Slow zoom and pan on photos (default: as the theme says).",
        ),
        click.option("--split", is_flag=True, help="Split a story too long for the preset into numbered parts."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def job_options(**kw) -> JobOptions:
    from .pipeline import JobOptions

    return JobOptions(
        theme=kw["theme_name"],
        video_preset=kw.get("preset_name", "reel"),
        carousel_preset=kw.get("carousel_preset", "ig-portrait"),
        outputs=tuple(kw.get("outputs", ("mp4", "srt"))),
        quality=kw.get("quality", "standard"),
        transition=kw.get("transition", "crossfade"),
        duration=kw.get("duration"),
        words_per_minute=kw.get("wpm", 180.0),
        ken_burns=kw.get("ken_burns"),
        music=str(kw["music"]) if kw.get("music") else None,
        silent_audio=kw.get("silent_audio", False),
        split=kw.get("split", False),
        cover=kw.get("cover"),
        end=kw.get("end"),
        allow_outside_paths=kw.get("allow_outside_paths", False),
        skip_bad_images=kw.get("skip_bad_images", False),
        image_format=kw.get("image_format", "png"),
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
@click.option(
    "--quality",
    type=click.Choice(["draft", "standard", "high"]),
    default="standard",
    show_default=True,
    help="Encoder effort and bitrate: draft is fast, high is slow and crisp.",
)
@click.option(
    "--music",
    type=PATH,
    default=None,
    help="Background music: looped or trimmed, faded, ducked under narration, normalised to -14 LUFS.",
)
@click.option("--silent-audio", is_flag=True, help="Add a silent AAC track when there is no music or narration.")
@click.option("--gif", is_flag=True, help="Also write a small looping GIF preview (480 px wide).")
@click.option("--webp", is_flag=True, help="Also write a small looping WebP preview.")
@click.option("--no-subtitles", is_flag=True, help="Do not write .srt and .vtt subtitles beside the video.")
@click.option(
    "--dry-run", is_flag=True, help="Print the timeline (slide, start, duration, transition, words); encode nothing."
)
@click.option(
    "--article-format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Article format, when the extension does not tell.",
)
@render_options
@click.pass_obj
def video(
    obj: Context,
    article: Path,
    output: Path | None,
    gif: bool,
    webp: bool,
    no_subtitles: bool,
    dry_run: bool,
    fmt: str | None,
    **kw,
) -> None:
    """Render ARTICLE as an MP4 for Reels, TikTok, Shorts, X or LinkedIn.

    Each slide is a card on screen for as long as it takes to read, with transitions, optional Ken Burns
    motion and music; .srt and .vtt subtitles are written beside the video.
    """
    from .pipeline import plan_video, write_video_outputs
    from .timeline import format_table

    outputs = ["mp4"] + (["srt"] if not no_subtitles else []) + (["gif"] if gif else []) + (["webp"] if webp else [])
    options = job_options(outputs=outputs, **kw)
    art = load_article(article, fmt)
    obj.warn(art.warnings)
    out = output or Path(f"{article.stem}.mp4")
    with StageBar(obj.quiet) as bar:
        plan = plan_video(art, options, progress=bar)
        obj.warn([w for c in plan.cards for w in c.warnings] + [w for t in plan.timelines for w in t.warnings])
        if dry_run:
            bar.close()
            for timeline in plan.timelines:
                click.echo(format_table(timeline))
            return
        written = write_video_outputs(plan, out, options, subtitles=not no_subtitles, progress=bar)
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
    "-o",
    "--output",
    type=PATH,
    default=None,
    help="The PNG to write (default: ARTICLE's name + -frame.png).",
)
@timing_options
@click.option(
    "--article-format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Article format, when the extension does not tell.",
)
@render_options
@click.pass_obj
def preview(
    obj: Context,
    article: Path,
    at: float | None,
    slide: int | None,
    part: int,
    output: Path | None,
    fmt: str | None,
    **kw,
) -> None:
    """Write the exact video frame at --at SECONDS (or of --slide N) as a PNG, without encoding a video."""
    from .errors import Slide2VideoError
    from .pipeline import plan_video
    from .writers.preview import write_frame_png

    if (at is None) == (slide is None):
        raise click.UsageError("give exactly one of --at SECONDS or --slide N")
    art = load_article(article, fmt)
    if slide is not None and slide > len(art.slides):
        raise Slide2VideoError(f"slide {slide} does not exist: the article has {len(art.slides)} slides")
    plan = plan_video(art, job_options(**kw))
    if part > len(plan.timelines):
        raise Slide2VideoError(f"part {part} does not exist: the video has {len(plan.timelines)} part(s)")
    timeline = plan.timelines[part - 1]
    t = at if at is not None else timeline.time_of_slide(slide - 1)
    out = output or Path(f"{article.stem}-frame.png")
    write_frame_png(timeline, plan.cards, t, out)
    if not obj.quiet:
        click.echo(f"wrote {out} (frame at {t:.2f} s)")


@main.command()
@click.argument("article", type=ARTICLE)
@click.option(
    "-o",
    "--output",
    type=PATH,
    default=None,
    help="Output folder (default: ARTICLE's name).",
)
@click.option(
    "--to",
    "outputs",
    default="mp4,carousel,srt",
    show_default=True,
    metavar="LIST",
    help="Comma-separated outputs: mp4, carousel, pdf, srt, gif, webp.",
)
@click.option(
    "--carousel-preset",
    default="ig-portrait",
    show_default=True,
    metavar="NAME|WxH",
    help="Card size for the carousel and PDF.",
)
@click.option(
    "--format",
    "image_format",
    type=click.Choice(["png", "jpeg", "webp"]),
    default="png",
    show_default=True,
    help="Image format of the carousel cards.",
)
@timing_options
@click.option(
    "--quality",
    type=click.Choice(["draft", "standard", "high"]),
    default="standard",
    show_default=True,
    help="Encoder effort and bitrate.",
)
@click.option("--music", type=PATH, default=None, help="Background music.")
@click.option("--silent-audio", is_flag=True, help="Add a silent AAC track when there is no music or narration.")
@click.option(
    "--article-format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Article format, when the extension does not tell.",
)
@render_options
@click.pass_obj
def render(obj: Context, article: Path, output: Path | None, outputs: str, fmt: str | None, **kw) -> None:
    """Render everything for ARTICLE into one folder: video, subtitles, carousel (and PDF, previews)."""
    from .pipeline import render_article

    art = load_article(article, fmt)
    obj.warn(art.warnings)
    art.warnings = []
    options = job_options(outputs=parse_outputs(outputs), **kw)
    out = output or Path(article.stem)
    with StageBar(obj.quiet) as bar:
        report = render_article(art, out, options, progress=bar)
    obj.warn(report.warnings)
    if not obj.quiet:
        click.echo(f"wrote {len(report.outputs)} files to {out}/ in {report.seconds:.1f} s")


def parse_outputs(text: str) -> list[str]:
    from .pipeline import OUTPUT_KINDS

    items = [t.strip().lower() for t in text.split(",") if t.strip()]
    bad = [t for t in items if t not in OUTPUT_KINDS]
    if bad or not items:
        raise click.BadParameter(
            f"{bad[0] if bad else text!r} is not an output; choose from {', '.join(OUTPUT_KINDS)}", param_hint="--to"
        )
    return items


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("out"),
    show_default=True,
    help="Output folder: one folder per article (named after it) and report.json.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Articles rendered at once on this machine (default: the number of cores).",
)
@click.option(
    "--to",
    "outputs",
    default="mp4,carousel,srt",
    show_default=True,
    metavar="LIST",
    help="Comma-separated outputs: mp4, carousel, pdf, srt, gif, webp.",
)
@click.option(
    "--carousel-preset",
    default="ig-portrait",
    show_default=True,
    metavar="NAME|WxH",
    help="Card size for the carousel and PDF.",
)
@click.option(
    "--format",
    "image_format",
    type=click.Choice(["png", "jpeg", "webp"]),
    default="png",
    show_default=True,
    help="Image format of the carousel cards.",
)
@timing_options
@click.option(
    "--quality",
    type=click.Choice(["draft", "standard", "high"]),
    default="standard",
    show_default=True,
    help="Encoder effort and bitrate.",
)
@click.option("--music", type=click.Path(path_type=Path, dir_okay=False), default=None, help="Background music.")
@click.option("--silent-audio", is_flag=True, help="Add a silent AAC track when there is no music or narration.")
@render_options
@click.option("-r", "--recursive", is_flag=True, help="Also read articles in subfolders of the given folders.")
@click.option("--force", is_flag=True, help="Render every article, even those unchanged since their last run.")
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: a process pool on this machine; dask: the Dask cluster at --scheduler.",
)
@click.option("--scheduler", metavar="ADDRESS", default=None, help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary table: only errors.")
@click.pass_obj
def batch(
    obj: Context,
    paths: tuple[str, ...],
    output: Path,
    jobs: int | None,
    outputs: str,
    recursive: bool,
    force: bool,
    executor: str,
    scheduler: str | None,
    quiet: bool,
    **kw,
) -> None:
    """Render every article in PATH... (files, folders, globs), each into its own folder under --output.

    Articles run in parallel; one that fails is reported and the others go on. Unchanged articles (same
    file, images, theme, fonts, options and program version as their last successful run) are skipped
    unless --force. Writes OUTPUT/report.json; exits 1 if any article failed, 130 on Ctrl-C.
    """
    from . import batch as jobs_module
    from .errors import ArticleError
    from .fileio import ensure_dir

    quiet = quiet or obj.quiet
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler is for --executor dask")
    options = job_options(outputs=parse_outputs(outputs), **kw)
    with jobs_module.Interrupts() as stop:
        try:
            jobs_module.check_options(options)
            ensure_dir(output)
            articles = jobs_module.discover(paths, out=output, recursive=recursive)
            if not articles:
                exts = ", ".join(jobs_module.article_extensions())
                raise ArticleError(f"no articles found in {', '.join(paths)} (looking for {exts})")
            specs = jobs_module.make_specs(articles, output, options, force)
            hidden = quiet or not sys.stderr.isatty()
            with click.progressbar(
                length=len(specs),
                label="Articles",
                file=sys.stderr,
                hidden=hidden,
                show_pos=True,
                item_show_func=lambda r: r.name if r is not None else None,
            ) as bar:
                outcome = jobs_module.run_batch(specs, executor, jobs, scheduler, on_result=lambda r: bar.update(1, r))
        except KeyboardInterrupt:
            click.echo("interrupted before any article ran", err=True)
            click.get_current_context().exit(stop.exit_code or 130)
        stop.hold()  # from here a second Ctrl-C cannot cut the report short
        used_jobs = (jobs or jobs_module.default_jobs()) if executor == "local" else None
        data = jobs_module.report_data(outcome, specs[0].options, executor, used_jobs)
        report = jobs_module.write_report(output, data)
    counts = data["counts"]
    if not quiet:
        click.echo(jobs_module.summary_table(outcome.results))
        click.echo(
            f"{counts['ok']} rendered, {counts['skipped']} unchanged, {counts['failed']} failed"
            f" in {outcome.seconds:.1f} s; report: {report}"
        )
    for line in jobs_module.error_lines(outcome.results):
        click.secho(f"failed: {line}", fg="red", err=True)
    if outcome.worker_deaths and not quiet:
        click.secho(
            f"warning: a worker process died {outcome.worker_deaths} time(s); its articles were retried alone",
            fg="yellow",
            err=True,
        )
    if outcome.interrupted or stop.exit_code is not None:
        click.echo(f"interrupted: {len(outcome.not_run)} article(s) not rendered; report: {report}", err=True)
        click.get_current_context().exit(stop.exit_code or 130)
    if counts["failed"]:
        click.get_current_context().exit(1)


@main.command("presets")
def presets_command() -> None:
    """List output presets: size, safe zone and platform limits."""
    from .presets import builtin_presets

    click.echo(f"{'preset':<14}{'size':<11}{'safe zone t/b/l/r':<20}{'items':>6}{'max s':>7}  description")
    for name, p in builtin_presets().items():
        s = p.safe
        zone = f"{s.top:.0%}/{s.bottom:.0%}/{s.left:.0%}/{s.right:.0%}"
        limit = f"{p.max_duration:.0f}" if p.max_duration else "-"
        click.echo(f"{name:<14}{p.width}x{p.height:<6}{zone:<20}{p.max_items:>6}{limit:>7}  {p.description}")
    click.echo("\nAny WIDTHxHEIGHT (e.g. 1200x628) works too, with 5% margins.")


@main.command("themes")
def themes_command() -> None:
    """List built-in themes. Copy one (or write `extends: NAME`) to make a brand theme."""
    from .theme import builtin_themes, load_theme

    for name in builtin_themes():
        click.echo(f"{name:<10} {load_theme(name).description}")


@main.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the shell completion script for SHELL.

    Enable it with, e.g.:  eval "$(slide2video completion bash)"
    """
    from click.shell_completion import get_completion_class

    cls = get_completion_class(shell)
    assert cls is not None  # every listed shell has a class
    click.echo(cls(main, {}, "slide2video", "_SLIDE2VIDEO_COMPLETE").source())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
