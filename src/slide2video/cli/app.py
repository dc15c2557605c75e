"""The command group and the state every command shares (quiet, strict, the reporter that prints)."""

from __future__ import annotations

import shlex
import signal
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .. import __version__
from ..reporting import OnProgress, Reporter

if TYPE_CHECKING:
    from ..article import Article

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Context:
    """Options shared by every command, and the one place the CLI prints warnings from."""

    def __init__(self, quiet: bool = False, strict: bool = False) -> None:
        from ..readers.web import WebOptions

        self.quiet = quiet
        self.strict = strict  # every warning fails the job
        self.web = WebOptions()  # how URLs are fetched; set by the commands' web options
        self.web.strict = strict
        self.wait = False  # --wait: wait for another run writing the same output instead of stopping

    def print_warning(self, message: str) -> None:
        if not self.quiet:
            click.secho(f"warning: {message}", fg="yellow", err=True)

    def reporter(self, progress: OnProgress | None = None) -> Reporter:
        """A reporter that prints each warning as it is reported (unless quiet) and feeds `progress`."""
        return Reporter(self.print_warning, progress, strict=self.strict)

    def warn(self, warnings: Iterable[str]) -> None:
        for w in warnings:
            self.print_warning(w)

    def point_at_doubts(self, article: Article, source: Path | str) -> None:
        """After writing what ARTICLE gave: how many of its readings the text reader was unsure of, and the command
        that lists them (`docs/text-reader.md` §5: such pages are the ones most often misread). Not a warning, so
        `--strict` does not fail on it."""
        if article.doubts and not self.quiet:
            command = shlex.join(["slide2video", "inspect", str(source)])
            click.echo(f"{len(article.doubts)} uncertain reading(s) in {source}; `{command}` lists them", err=True)


class Group(click.Group):
    """The command group: every command runs inside `Interrupts`, so Ctrl-C, SIGTERM and SIGHUP unwind through
    the writers' cleanup (nothing partial is left) and exit 128 + the signal instead of click's "Aborted!" and 1."""

    def invoke(self, ctx: click.Context) -> Any:
        from ..interrupts import Interrupts

        with Interrupts() as stop:
            try:
                return super().invoke(ctx)
            except KeyboardInterrupt:
                stop.hold()
                name = signal.Signals(stop.signum).name if stop.signum is not None else "SIGINT"
                click.echo(f"Interrupted ({name}): stopped, nothing partial left", err=True)
                raise click.exceptions.Exit(stop.exit_code or 130) from None


@click.group(cls=Group, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="slide2video")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors: no progress bars or warnings.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors: the job stops at the first one (exit 1).")
@click.pass_context
def main(ctx: click.Context, quiet: bool, strict: bool) -> None:
    """Turn slideshow articles into social videos, carousels and PDFs.

    Read an article (copied page text, Markdown, YAML, a saved HTML page or its https:// URL), then render
    it. Start with `slide2video inspect ARTICLE` to see how it was read.
    """
    ctx.obj = Context(quiet, strict)
