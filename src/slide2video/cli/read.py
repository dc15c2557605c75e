"""Reading commands: `parse` (article to YAML) and `inspect` (how it was read)."""

from __future__ import annotations

from pathlib import Path

import click

from ..article import Article
from ..config.timing import DEFAULT_SPEED
from ..fileio import atomic_write_text, is_stdout, is_stream
from ..fileio.lock import OutputLock
from ..readers import FORMATS, load_article
from ..readers.to_yaml import article_to_yaml, bundle_photos
from .app import Context, main
from .options import ARTICLE, PATH, quiet_option, wait_option, web_options
from .outputs import guard

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Article format; by default chosen from the file extension (.txt, .md, .yaml, .html) or a URL.",
)


@main.command()
@click.argument("article", type=ARTICLE)
@click.option(
    "-o", "--output", type=PATH, help="Write the YAML to this .yaml file ('-': standard output, the default)."
)
@format_option
@web_options
@wait_option
@quiet_option
@click.pass_obj
def parse(obj: Context, article: Path | str, output: Path | None, fmt: str | None) -> None:
    """Read ARTICLE (a file or an https:// URL) and print it as editable YAML.

    Edit the YAML (fix a heading, add `image:` paths, set `duration:`) and render that file instead. With -o, the
    photos of a web page are copied into STORY_files/ beside STORY.yaml.
    """
    art = load_article(article, fmt, obj.web)
    if output is not None:
        guard(art, file=output, what="YAML", suffixes=(".yaml", ".yml"), stdout=True)
    if output is None or is_stdout(output):
        click.echo(article_to_yaml(art), nl=False)
    elif is_stream(output):  # /dev/stdout, a pipe: the YAML alone, photo paths as the article gives them
        atomic_write_text(output, article_to_yaml(art))
    else:
        with OutputLock(output, obj.wait):
            bundled, copied = bundle_photos(art, output)
            try:
                atomic_write_text(output, article_to_yaml(bundled))
            except BaseException:
                for path in copied:  # only the photos this run copied
                    path.unlink(missing_ok=True)
                raise
        if not obj.quiet:
            photos = f", {len(copied)} photo(s) copied to {copied[0].parent}/" if copied else ""
            click.echo(f"wrote {output} ({len(art.slides)} slides{photos})", err=True)
    obj.warn(art.warnings)
    obj.point_at_doubts(art, article)


@main.command()
@click.argument("article", type=ARTICLE)
@format_option
@web_options
@quiet_option
@click.pass_obj
def inspect(obj: Context, article: Path | str, fmt: str | None) -> None:
    """Summarise how ARTICLE was read: metadata, and per slide its credit, words and reading time."""
    art = load_article(article, fmt, obj.web)
    click.echo(summary(art))
    if art.doubts and not obj.quiet:
        click.echo(f"\n{len(art.doubts)} uncertain reading(s), worth a look:")
        for d in art.doubts:
            click.echo(f"  {d}")
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
