"""The command group and the state every command shares (quiet, strict, the reporter that prints)."""

from __future__ import annotations

import signal
from collections.abc import Iterable
from typing import Any

import click

from .. import __version__
from ..reporting import OnProgress, Reporter

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
