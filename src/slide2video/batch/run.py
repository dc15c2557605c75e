"""`run_batch`: many articles, each an isolated job, on a local pool or a Dask cluster, with one report."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..config.settings import JobOptions, Settings
from ..errors import ArticleError, Slide2VideoError
from ..fileio import check_folder_output, check_outputs, ensure_dir
from ..fileio.lock import OutputLock
from ..reporting import Reporter, reporter_or_quiet
from .discovery import article_extensions, discover
from .jobs import MANIFEST, REPORT, JobResult, JobSpec, check_options, make_specs, output_names, read_manifest
from .report import BatchReport, report_data, write_report
from .signals import Interrupts

EXECUTORS = ("local", "dask")


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM) before any article ran; `exit_code` is 128 + the signal."""

    def __init__(self, exit_code: int) -> None:
        super().__init__()
        self.exit_code = exit_code


def default_jobs() -> int:
    count = getattr(os, "process_cpu_count", os.cpu_count)()
    return max(1, count or 1)


def run_batch(
    paths: Iterable[str | Path],
    out: str | Path,
    options: JobOptions | Settings | None = None,
    reporter: Reporter | None = None,
    *,
    recursive: bool = False,
    force: bool = False,
    executor: str = "local",
    jobs: int | None = None,
    scheduler: str | None = None,
    wait: bool = False,
) -> BatchReport:
    """Render every article found in `paths` (files, folders, globs) into `out/<name>/`, skipping those
    unchanged since their last run (unless `force`), and write `out/report.json`.

    A bad article fails alone (its one-line error is in its result); a bad shared option (theme, preset,
    music) raises before any article runs. Ctrl-C stops cleanly: the report says what finished and
    `exit_code` is set. Progress ("articles", done, total) and worker deaths go to `reporter`.
    """
    opts = options.options if isinstance(options, Settings) else options or JobOptions()
    report_to = reporter_or_quiet(reporter)
    if executor not in EXECUTORS:
        raise Slide2VideoError(f"unknown executor {executor!r}; choose local or dask")
    if executor == "dask" and not scheduler:
        raise Slide2VideoError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    out = Path(out)
    names = [str(p) for p in paths]
    with Interrupts() as stop, contextlib.ExitStack() as held:
        try:
            settings = check_options(opts)
            check_folder_output(out)
            ensure_dir(out)
            held.enter_context(
                OutputLock(out, wait, inside=True)
            )  # a second run into `out` stops here (or waits its turn)
            articles = discover(names, out=out, recursive=recursive, warn=report_to.warn)
            if not articles:
                exts = ", ".join(article_extensions())
                raise ArticleError(f"no articles found in {', '.join(names)} (looking for {exts})")
            for line in _old_staging(out):
                report_to.warn(line)
            specs = make_specs(articles, out, opts, force)
            _check_inputs(out, specs, settings)
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out)).resolve()
            specs = [dataclasses.replace(s, staging=str(staging)) for s in specs]
        except KeyboardInterrupt:
            raise BatchInterrupted(stop.exit_code or 130) from None
        try:
            result = execute(specs, executor, jobs, scheduler, report_to)
        finally:
            if executor == "local" or not stop.exit_code:  # stopped Dask tasks may still be writing there
                shutil.rmtree(staging, ignore_errors=True)
        stop.hold()  # from here a second Ctrl-C cannot cut the report short
        if result.interrupted or stop.exit_code is not None:
            result.interrupted, result.exit_code = True, stop.exit_code or 130
        used_jobs = (jobs or default_jobs()) if executor == "local" else None
        result.data = report_data(result, specs[0].options, executor, used_jobs)
        result.path = write_report(out, result.data)
    if result.worker_deaths:
        report_to.warn(f"a worker process died {result.worker_deaths} time(s); its articles were retried alone")
    return result


def _check_inputs(out: Path, specs: Sequence[JobSpec], settings: Settings) -> None:
    """Refuse, before any job, an `out` where a file the run writes is one of its shared inputs: an article, the
    theme's files, the music (each job checks its own photos and narration the same way once read)."""
    import re

    jobs = "|".join(f"{re.escape(Path(s.out_dir).name)}/(?:{output_names(s)})" for s in specs)
    inputs = [("article", Path(s.article)) for s in specs] + settings.input_files()
    check_outputs([out / REPORT], inputs, folder=out, folder_names=rf"{re.escape(REPORT)}|{jobs}")


#: The run's staging folder `OUT/.slide2video-run.XXXXXXXX/`: every temp file of every job, removed at the end.
STAGING_PREFIX = ".slide2video-run."


def _old_staging(out: Path) -> list[str]:
    """Staging folders of earlier runs that were killed before they could remove theirs (we hold the lock, so no
    run is using them): an empty one is removed (nothing is lost), one that still holds files is named."""
    lines = []
    for folder in sorted(out.glob(STAGING_PREFIX + "*")):
        if folder.is_dir() and not folder.is_symlink():
            try:
                folder.rmdir()
            except OSError:
                lines.append(f"{folder}: left by an earlier run that was killed; remove it once you have checked it")
    return lines


def execute(
    specs: Sequence[JobSpec],
    executor: str = "local",
    jobs: int | None = None,
    scheduler: str | None = None,
    reporter: Reporter | None = None,
) -> BatchReport:
    """Run the specs on a process pool (`local`, `jobs` workers) or a Dask cluster (`dask`, at `scheduler`).

    An interrupt (KeyboardInterrupt, i.e. SIGINT) stops the batch cleanly and returns what finished with
    `interrupted` set; it is not re-raised. The empty folders of jobs that never ran are removed; temp files
    of stopped jobs are in the run's staging folder (`JobSpec.staging`), which `run_batch` removes.
    """
    report_to = reporter_or_quiet(reporter)
    started = time.perf_counter()
    since = time.time_ns()
    done: dict[int, JobResult] = {}

    def record(index: int, result: JobResult) -> None:
        done[index] = result
        report_to.progress("articles", len(done), len(specs))

    interrupted, deaths = False, 0
    if not specs:
        pass
    elif executor == "local":
        from .local import run_local

        interrupted, deaths = run_local(specs, jobs or default_jobs(), record)
    elif executor == "dask":
        from .dask import run_dask

        if not scheduler:
            raise Slide2VideoError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
        interrupted = run_dask(specs, scheduler, record)
    else:
        raise Slide2VideoError(f"unknown executor {executor!r}; choose local or dask")
    if interrupted and executor == "local":
        for i, spec in enumerate(specs):
            if i not in done and (finished := _finished_meanwhile(spec, since)) is not None:
                record(i, finished)
    if executor == "local" or not interrupted:  # running Dask tasks may still be writing after an interrupt
        for i, spec in enumerate(specs):
            if i not in done:  # a job stopped before writing anything leaves no empty folder
                with contextlib.suppress(OSError):
                    os.rmdir(spec.out_dir)
    return BatchReport(
        results=[done[i] for i in sorted(done)],
        not_run=[s for i, s in enumerate(specs) if i not in done],
        interrupted=interrupted,
        seconds=round(time.perf_counter() - started, 3),
        worker_deaths=deaths,
    )


def _finished_meanwhile(spec: JobSpec, since_ns: int) -> JobResult | None:
    """A job whose result was lost to the interrupt although it finished: its manifest (written last, whole or
    not at all) is from this run. The disk, not the pool's messages, says what is complete."""
    path = Path(spec.out_dir) / MANIFEST
    try:
        if path.stat().st_mtime_ns < since_ns:
            return None
    except OSError:
        return None
    data = read_manifest(Path(spec.out_dir))
    if data is None or data.get("article") != spec.article:
        return None
    return JobResult(
        spec.article,
        spec.name,
        "ok",
        outputs=[str(o) for o in data.get("outputs", [])],
        seconds=float(data.get("seconds") or 0.0),
        warnings=[str(w) for w in data.get("warnings", [])],
        doubts=[str(d) for d in data.get("doubts", [])],
        key=data.get("key"),
    )
