"""The `batch` command: every article of folders, globs and URL lists, in parallel, incrementally, one report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..reporting import Reporter
from .app import Context, main
from .options import (
    StageBar,
    encode_options,
    job_options,
    output_set_options,
    quiet_option,
    render_options,
    timing_options,
    wait_option,
    web_options,
)


@main.command()
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option(
    "--urls",
    "urls_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also render the pages listed in this file, one http(s) URL a line (# comments and blank lines skipped).",
)
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
@wait_option
@web_options
@quiet_option
@click.pass_obj
def batch(
    obj: Context,
    /,
    paths: tuple[str, ...],
    urls_file: Path | None,
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
    if not paths and urls_file is None:
        raise click.UsageError("give PATH... or --urls FILE")
    options = job_options(obj, **kw)
    ctx = click.get_current_context()
    url_failures: list[str] = []
    try:
        with StageBar(obj.quiet) as bar:
            reporter = obj.reporter(bar)
            sources = list(paths)
            if urls_file is not None:
                from ..batch import check_options

                check_options(options)  # a bad shared option stops the run before any page is fetched
                sources += [str(p) for p in _fetch_urls(obj, reporter, urls_file, url_failures)]
                if not sources:
                    for line in url_failures:
                        click.secho(f"failed: {line}", fg="red", err=True)
                    ctx.exit(1)
            result = run_batch(
                sources,
                output,
                options,
                reporter,
                recursive=recursive,
                force=force,
                executor=executor,
                jobs=jobs,
                scheduler=scheduler,
                wait=obj.wait,
            )
    except BatchInterrupted as stop:
        click.echo("interrupted before any article ran", err=True)
        ctx.exit(stop.exit_code)
    except KeyboardInterrupt:  # while the listed URLs were read
        click.echo("interrupted before any article ran", err=True)
        ctx.exit(130)
    counts = result.counts
    if not obj.quiet:
        click.echo(summary_table(result.results))
        click.echo(
            f"{counts['ok']} rendered, {counts['skipped']} unchanged, {counts['failed']} failed"
            f" in {result.seconds:.1f} s; report: {result.path}"
        )
    for line in [*url_failures, *error_lines(result.results)]:
        click.secho(f"failed: {line}", fg="red", err=True)
    if result.exit_code is not None:
        click.echo(f"interrupted: {len(result.not_run)} article(s) not rendered; report: {result.path}", err=True)
        ctx.exit(result.exit_code)
    if counts["failed"] or url_failures:
        ctx.exit(1)


def _fetch_urls(obj: Context, reporter: Reporter, urls_file: Path, failures: list[str]) -> list[Path]:
    """Read each listed URL once (pages and photos into the cache) and give the cached page files as articles:
    the jobs then read them from the cache, named after the URL, and batch's incremental hash sees their bytes.
    A URL that cannot be read is one `failed:` line; the others go on."""
    from ..errors import ArticleError, Slide2VideoError
    from ..fileio import read_input
    from ..readers import load_article

    data = read_input(urls_file, ArticleError, noun="a list of URLs", missing="no such file", max_bytes=10_000_000)
    lines = [ln.strip() for ln in data.decode("utf-8-sig", errors="replace").splitlines()]
    urls = list(dict.fromkeys(ln for ln in lines if ln and not ln.startswith("#")))
    pages: list[Path] = []
    for n, url in enumerate(urls, start=1):
        if not obj.quiet:
            click.echo(f"reading {n}/{len(urls)}: {url}", err=True)
        try:
            article = load_article(url, web=obj.web)
        except Slide2VideoError as exc:
            failures.append(exc.message)
            continue
        reporter.warn_all(article.warnings)
        if article.path is not None:
            pages.append(article.path.resolve())
    return pages
