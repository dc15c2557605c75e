"""One article's job, the same on every executor: `run_job(spec) -> JobResult`.

It hashes everything that decides the article's outputs, skips the article when the manifest of its last
successful run (`OUT/<name>/job.json`, written last) has the same hash and every listed output still exists,
and otherwise calls `pipeline.render_article`. It never raises for a bad article or a bug: the result carries
the one-line error, so one article cannot stop the others.
"""

from __future__ import annotations

import json
import time
import traceback
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from .. import __version__
from ..config.settings import JobOptions, Settings
from ..errors import Slide2VideoError
from ..fileio import atomic_write_text, check_outputs, ensure_dir, json_text, staging_in
from .signals import WORKER, JobInterrupted

MANIFEST = "job.json"
REPORT = "report.json"
Status = Literal["ok", "skipped", "failed"]


@dataclass(frozen=True)
class JobSpec:
    """One article to render into `out_dir` (absolute paths: a Dask worker has another working folder)."""

    article: str
    out_dir: str
    options: JobOptions = field(default_factory=JobOptions)
    force: bool = False
    staging: str | None = None  # the run's staging folder: every temp file of the job goes there

    @property
    def name(self) -> str:
        return Path(self.out_dir).name


@dataclass
class JobResult:
    """What one job did. `outputs` are relative to the job's folder; `error` is set when `status` is failed."""

    article: str
    name: str
    status: Status
    outputs: list[str] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    #: The text reader's uncertain readings (`inspect` lists them): the articles an editor should check first.
    doubts: list[str] = field(default_factory=list)
    error: str | None = None
    key: str | None = None
    traceback: str | None = None  # internal errors only: for the bug report

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if data["traceback"] is None:
            del data["traceback"]
        return data


def failed(spec: JobSpec, exc: BaseException | None, what: str) -> JobResult:
    """The result of a job that did not come back (its worker died, Dask lost it)."""
    message = f": {' '.join(str(exc).split()) or type(exc).__name__}" if exc is not None else ""
    return JobResult(spec.article, spec.name, "failed", error=f"internal error: {what}{message}")


def make_specs(articles: Sequence[Path], out: Path, options: JobOptions, force: bool = False) -> list[JobSpec]:
    from .discovery import job_names

    out = Path(out).resolve()
    options = portable_options(options)
    return [
        JobSpec(str(Path(a).resolve()), str(out / name), options, force)
        for a, name in zip(articles, job_names(articles, out), strict=True)
    ]


def portable_options(options: JobOptions) -> JobOptions:
    """The same options with file paths (theme file, music) made absolute, for workers elsewhere."""
    from ..config.theme import builtin_themes

    theme = options.theme
    if theme not in builtin_themes() and (Path(theme).exists() or Path(theme).suffix.lower() in (".yaml", ".yml")):
        theme = str(Path(theme).resolve())
    music = str(Path(options.music).resolve()) if options.music else None
    return replace(options, theme=theme, music=music)


def check_options(options: JobOptions) -> Settings:
    """Raise the one error every job would hit (bad theme, preset, transition, music) before starting any job;
    the settings every job will resolve."""
    from ..config.settings import resolve_settings

    settings = resolve_settings(options)  # theme, transition, reading speed
    if options.wants_cards:
        settings.carousel_preset()
    if options.wants_video:
        settings.video_preset()
    if options.music:
        from ..video.audio import check_audio

        check_audio(options.music)  # missing, a folder, not audio: one line before any job starts (its 1st second)
    return settings


def output_names(spec: JobSpec) -> str:
    """A regex of every relative path a job writes into its folder: its manifest and what `render_article` writes
    for the article (named after the article's file, whatever the job's folder is called)."""
    from ..writers import render_names

    return rf"job\.json|{render_names(Path(spec.article).stem)}"


def run_job(spec: JobSpec) -> JobResult:
    """Render one article (or skip it when unchanged); failures come back in the result, never raised."""
    if WORKER.stop:
        raise JobInterrupted
    started = time.perf_counter()
    result = JobResult(article=spec.article, name=spec.name, status="failed")
    WORKER.running = True
    try:
        with staging_in(Path(spec.staging) if spec.staging else None):
            _run(spec, result)
    except JobInterrupted:
        raise
    except Slide2VideoError as exc:
        if WORKER.stop:
            raise JobInterrupted from None
        result.status, result.error = "failed", exc.format_message()
    except Exception as exc:  # a bug: isolate it like a bad article, keep the traceback for the report
        if WORKER.stop:
            raise JobInterrupted from None
        message = " ".join(str(exc).split()) or "no message"
        result.status, result.error = "failed", f"internal error: {type(exc).__name__}: {message}"
        result.traceback = traceback.format_exc()
    finally:
        WORKER.running = False
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def _run(spec: JobSpec, result: JobResult) -> None:
    from .. import pipeline
    from ..readers import article_files, load_article
    from ..reporting import Reporter
    from .hashing import input_key

    out_dir = Path(spec.out_dir)
    article = load_article(spec.article)
    check_outputs([], article_files(article), folder=out_dir, folder_names=output_names(spec))  # its photos too
    result.key = key = input_key(article, spec.options)
    previous = read_manifest(out_dir)
    old_outputs = [str(o) for o in previous.get("outputs", [])] if previous else []
    if (
        not spec.force
        and previous is not None
        and previous.get("key") == key
        and all((out_dir / o).is_file() for o in old_outputs)
    ):
        result.status, result.outputs = "skipped", old_outputs
        result.warnings = [str(w) for w in previous.get("warnings", [])]
        result.doubts = list(article.doubts)
        return
    ensure_dir(out_dir)
    # The old manifest goes first: if this run fails halfway, no later run may trust a half-replaced folder.
    (out_dir / MANIFEST).unlink(missing_ok=True)
    report = pipeline.render_article(article, out_dir, spec.options, Reporter(strict=spec.options.strict))
    outputs = [Path(p).resolve().relative_to(out_dir.resolve()).as_posix() for p in report.outputs]
    for stale in set(old_outputs) - set(outputs):  # e.g. the mp4 after `--to carousel`
        path = out_dir / stale
        if path.resolve().is_relative_to(out_dir.resolve()):
            path.unlink(missing_ok=True)
    result.status, result.outputs, result.warnings = "ok", outputs, list(report.warnings)
    result.doubts = list(article.doubts)
    manifest = {
        "program": "slide2video",
        "version": __version__,
        "key": key,
        "article": spec.article,
        "outputs": outputs,
        "warnings": result.warnings,
        "doubts": result.doubts,
        "seconds": round(report.seconds, 3),
        "duration": report.duration,
    }
    atomic_write_text(out_dir / MANIFEST, json_text(manifest))


def read_manifest(out_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((Path(out_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
