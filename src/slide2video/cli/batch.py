"""The `batch` command: every article of folders and globs, in parallel, incrementally, one report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .app import Context, main
from .options import (
    encode_options,
    job_options,
    output_set_options,
    parse_outputs,
    quiet_option,
    render_options,
    timing_options,
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
@web_options
@quiet_option
@click.pass_obj
def batch(
    obj: Context,
    paths: tuple[str, ...],
    urls_file: Path | None,
    output: Path,
    jobs: int | None,
    outputs: str,
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
    from .. import batch as jobs_module
    from ..errors import ArticleError
    from ..fileio import ensure_dir

    quiet = obj.quiet
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler is for --executor dask")
    if not paths and urls_file is None:
        raise click.UsageError("give PATH... or --urls FILE")
    options = job_options(outputs=parse_outputs(outputs), **kw)
    url_failures: list[str] = []
    with jobs_module.Interrupts() as stop:
        try:
            jobs_module.check_options(options)
            ensure_dir(output)
            fetched = _fetch_urls(obj, urls_file, url_failures) if urls_file is not None else []
            articles = jobs_module.discover(paths, out=output, recursive=recursive) if paths else []
            articles += [p for p in fetched if p not in articles]
            if not articles and url_failures:
                for line in url_failures:
                    click.secho(f"failed: {line}", fg="red", err=True)
                click.get_current_context().exit(1)
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
    for line in [*url_failures, *jobs_module.error_lines(outcome.results)]:
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
    if counts["failed"] or url_failures:
        click.get_current_context().exit(1)


def _fetch_urls(obj: Context, urls_file: Path, failures: list[str]) -> list[Path]:
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
        obj.warn(article.warnings)
        if article.path is not None:
            pages.append(article.path.resolve())
    return pages
