"""What a batch did: `BatchReport`, its `report.json`, the summary table and the one-line failures."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..config.settings import JobOptions
from ..fileio import atomic_write_text, json_text, shown
from .jobs import REPORT, JobResult, JobSpec


@dataclass
class BatchReport:
    """The outcome of `run_batch`: finished jobs in article order, those not run, and how it ended."""

    results: list[JobResult]  # in the order of the specs; only jobs that finished
    not_run: list[JobSpec]  # cancelled by an interrupt (or never finished)
    interrupted: bool = False
    seconds: float = 0.0
    worker_deaths: int = 0  # pool workers that died (their articles were retried alone)
    exit_code: int | None = None  # 128 + the signal that interrupted the run (130 for Ctrl-C)
    path: Path | None = None  # report.json, once written
    data: dict[str, Any] = field(default_factory=dict)  # what report.json holds

    @property
    def counts(self) -> dict[str, int]:
        counts = {s: sum(r.status == s for r in self.results) for s in ("ok", "skipped", "failed")}
        return {**counts, "not_run": len(self.not_run)}


def display(path: str) -> str:
    """An article's path for the terminal: relative to here when it is below, and printable (`fileio.shown`)."""
    try:
        return shown(Path(path).relative_to(Path.cwd()).as_posix())
    except ValueError:
        return shown(path)


def report_data(report: BatchReport, options: JobOptions, executor: str, jobs: int | None) -> dict[str, Any]:
    return {
        "program": "slide2video",
        "version": __version__,
        "executor": executor,
        "jobs": jobs,
        "interrupted": report.interrupted,
        "seconds": report.seconds,
        "worker_deaths": report.worker_deaths,
        "counts": report.counts,
        "options": options.hashed(),
        "articles": [r.to_dict() for r in report.results],
        "not_run": [s.article for s in report.not_run],
    }


def write_report(out: Path, data: dict[str, Any]) -> Path:
    return atomic_write_text(Path(out) / REPORT, json_text(data))


def summary_table(results: Sequence[JobResult]) -> str:
    """article, status, outputs, seconds, warnings, doubts: one row per finished job."""
    rows = [
        (
            display(r.article),
            r.status,
            str(len(r.outputs)),
            f"{r.seconds:.1f}",
            str(len(r.warnings)),
            str(len(r.doubts)),
        )
        for r in results
    ]
    head = ("article", "status", "outputs", "seconds", "warnings", "doubts")
    width = min(60, max(len(head[0]), *(len(r[0]) for r in rows))) if rows else len(head[0])

    def line(cells: Sequence[str]) -> str:
        name = cells[0] if len(cells[0]) <= width else "…" + cells[0][-(width - 1) :]
        return f"{name:<{width}}  {cells[1]:<8}{cells[2]:>8}{cells[3]:>9}{cells[4]:>10}{cells[5]:>8}"

    return "\n".join([line(head), *(line(r) for r in rows)])


def error_lines(results: Iterable[JobResult]) -> Iterator[str]:
    """One `article: error` line per failed job (the article path is not repeated when the error starts with
    it; an error of several located problems shows the first and counts the rest, all in report.json)."""
    for r in results:
        if r.status == "failed" and r.error:
            first, *more = r.error.splitlines()
            shown = display(r.article)
            line = first if first.startswith((shown, r.article)) else f"{shown}: {first}"
            yield line + (f" (and {len(more)} more, see {REPORT})" if more else "")
