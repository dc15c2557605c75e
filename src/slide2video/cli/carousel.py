"""The `carousel` command: numbered card images, caption, contact sheet, manifest, optional PDF."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import click

from ..fileio.lock import OutputLock
from ..readers import load_article
from .app import Context, main
from .options import (
    ARTICLE,
    DEFAULTS,
    PATH,
    StageBar,
    article_format_option,
    image_format_option,
    job_options,
    preset_option,
    quiet_option,
    render_options,
    source_stem,
    wait_option,
    web_options,
)
from .outputs import guard


@main.command()
@click.argument("article", type=ARTICLE)
@preset_option(
    "--preset", "carousel_preset", DEFAULTS.carousel_preset, "Output size and limits (see `slide2video presets`)."
)
@image_format_option("Image format of the cards.")
@click.option("--pdf", is_flag=True, help="Also write carousel.pdf, one page per card (LinkedIn documents).")
@click.option("-o", "--output", type=PATH, default=None, help="Output folder (default: ARTICLE's name + '-carousel').")
@article_format_option
@render_options
@web_options
@wait_option
@quiet_option
@click.pass_obj
def carousel(obj: Context, /, article: Path | str, pdf: bool, output: Path | None, fmt: str | None, **kw: Any) -> None:
    """Render ARTICLE as numbered carousel cards (01.png, ...), with caption, contact sheet and manifest.

    More cards than the platform allows are split into part-1/, part-2/, ... Use --pdf for a LinkedIn
    document post.
    """
    from ..config.settings import resolve_settings
    from ..pipeline import draw
    from ..writers import CAROUSEL_NAMES
    from ..writers.carousel import CarouselOptions, write_carousel

    settings = resolve_settings(job_options(obj, outputs=("carousel",), **kw))
    preset = settings.carousel_preset()
    with contextlib.ExitStack() as held:
        with StageBar(obj.quiet) as bar:
            reporter = obj.reporter(bar)
            art = load_article(article, fmt, obj.web)
            out = output or Path(f"{source_stem(article, art)}-carousel")
            guard(art, folder=out, names=CAROUSEL_NAMES, settings=settings)
            held.enter_context(OutputLock(out, obj.wait, folder=True))  # beside the folder: it is swapped in as a whole
            reporter.warn_all(art.warnings)
            cards = draw(art, settings, preset, reporter)
        options = CarouselOptions(format=settings.options.image_format, pdf=pdf)
        result = write_carousel(cards, art, preset, out, options, reporter)
    if not obj.quiet:
        parts = f" in {result.parts} parts" if result.parts > 1 else ""
        extra = f", {result.pdf.name}" if result.pdf else ""
        click.echo(f"wrote {len(result.images)} cards{parts} to {out}/ (caption.txt, contact-sheet.jpg{extra})")
    obj.point_at_doubts(art, article)
