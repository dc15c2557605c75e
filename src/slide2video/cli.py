"""The `slide2video` command line: thin click commands over the library functions."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .article import Article
from .fileio import atomic_write_text
from .readers import FORMATS, load_article
from .timing import DEFAULT_SPEED
from .yamlwriter import article_to_yaml

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
ARTICLE = click.Path(path_type=Path)
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
    type=click.Path(path_type=Path, dir_okay=False),
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
    type=click.Path(path_type=Path, file_okay=False),
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
