"""The command group and the state every command shares (quiet mode, warnings)."""

from __future__ import annotations

import click

from .. import __version__

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Context:
    """Options shared by every command."""

    def __init__(self, quiet: bool) -> None:
        from ..readers.fetch import WebOptions

        self.quiet = quiet
        self.web = WebOptions()  # how URLs are fetched; set by the commands' web options

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

    Read an article (copied page text, Markdown, YAML, a saved HTML page or its https:// URL), then render
    it. Start with `slide2video inspect ARTICLE` to see how it was read.
    """
    ctx.obj = Context(quiet)
