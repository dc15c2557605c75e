"""The `batch` command: every article of folders and globs, in parallel, incrementally, one report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .app import Context, main
from .options import (
    StageBar,
    encode_options,
    job_options,
    output_set_options,
    quiet_option,
    render_options,
    timing_options,
)


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
@output_set_options
@timing_options
@encode_options
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
@quiet_option
@click.pass_obj
def batch(
    obj: Context,
    /,
    paths: tuple[str, ...],
    output: Path,
    jobs: int | None,
    recursive: bool,
    force: bool,
    executor: str,
    scheduler: str | None,
    **kw: Any,
) -> None:
    """Render every article in PATH... (files, folders, globs), each into its own folder under --output.

    Articles run in parallel; one that fails is reported and the others go on. Unchanged articles (same
    file, images, theme, fonts, options and program version as their last successful run) are skipped
    unless --force. Writes OUTPUT/report.json; exits 1 if any article failed, 130 on Ctrl-C.
    """
    from ..batch import BatchInterrupted, error_lines, run_batch, summary_table

    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler is for --executor dask")
    options = job_options(obj, **kw)
    ctx = click.get_current_context()
    try:
        with StageBar(obj.quiet) as bar:
            result = run_batch(
                paths,
                output,
                options,
                obj.reporter(bar),
                recursive=recursive,
                force=force,
                executor=executor,
                jobs=jobs,
                scheduler=scheduler,
            )
    except BatchInterrupted as stop:
        click.echo("interrupted before any article ran", err=True)
        ctx.exit(stop.exit_code)
    counts = result.counts
    if not obj.quiet:
        click.echo(summary_table(result.results))
        click.echo(
            f"{counts['ok']} rendered, {counts['skipped']} unchanged, {counts['failed']} failed"
            f" in {result.seconds:.1f} s; report: {result.path}"
        )
    for line in error_lines(result.results):
        click.secho(f"failed: {line}", fg="red", err=True)
    if result.exit_code is not None:
        click.echo(f"interrupted: {len(result.not_run)} article(s) not rendered; report: {result.path}", err=True)
        ctx.exit(result.exit_code)
    if counts["failed"]:
        ctx.exit(1)
