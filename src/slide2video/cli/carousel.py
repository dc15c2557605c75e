"""The `carousel` command: numbered card images, caption, contact sheet, manifest, optional PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..readers import load_article
from .app import Context, main
from .options import (
    ARTICLE,
    PATH,
    article_format_option,
    draw_cards,
    image_format_option,
    make_render_options,
    quiet_option,
    render_options,
    source_stem,
    web_options,
)


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
@image_format_option("Image format of the cards.")
@click.option("--pdf", is_flag=True, help="Also write carousel.pdf, one page per card (LinkedIn documents).")
@click.option("-o", "--output", type=PATH, default=None, help="Output folder (default: ARTICLE's name + '-carousel').")
@article_format_option
@render_options
@web_options
@quiet_option
@click.pass_obj
def carousel(
    obj: Context,
    article: Path | str,
    preset_name: str,
    image_format: str,
    pdf: bool,
    output: Path | None,
    fmt: str | None,
    theme_name: str,
    **kw: Any,
) -> None:
    """Render ARTICLE as numbered carousel cards (01.png, ...), with caption, contact sheet and manifest.

    More cards than the platform allows are split into part-1/, part-2/, ... Use --pdf for a LinkedIn
    document post.
    """
    from ..config.presets import get_preset
    from ..writers.carousel import CarouselOptions, write_carousel

    art = load_article(article, fmt, obj.web)
    obj.warn(art.warnings)
    cards = draw_cards(obj, art, theme_name, preset_name, make_render_options(**kw))
    out = output or Path(f"{source_stem(article, art)}-carousel")
    result = write_carousel(cards, art, get_preset(preset_name), out, CarouselOptions(format=image_format, pdf=pdf))
    obj.warn(result.warnings)
    if not obj.quiet:
        parts = f" in {result.parts} parts" if result.parts > 1 else ""
        extra = f", {result.pdf.name}" if result.pdf else ""
        click.echo(f"wrote {len(result.images)} cards{parts} to {out}/ (caption.txt, contact-sheet.jpg{extra})")
