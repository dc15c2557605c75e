"""Many articles at once: discovery, one isolated job per article, incremental skips, a local pool or Dask.

`run_job(spec) -> JobResult` is the one job function of both executors (the process pool and a Dask cluster).
It hashes everything that decides the article's outputs, skips the article when the manifest of its last
successful run (`OUT/<name>/job.json`, written last) has the same hash and every listed output still exists,
and otherwise calls `pipeline.render_article`. It never raises for a bad article or a bug: the result carries
the one-line error, so one article cannot stop the others.

Interrupts (Ctrl-C / SIGTERM): the parent cancels pending jobs and sends SIGTERM to the pool's workers. Each
worker runs in its own process group, so that signal also stops its encoders (ffmpeg); the job unwinds through
the writers' temp-file cleanup and the worker exits on the pool's shutdown. Stray `.`-prefixed temp files made
under OUT during the run are then removed, and the caller writes the report of what finished.

A worker process that dies (segfault, out-of-memory killer) breaks the pool: the jobs it may have been running
are retried alone, so only an article that kills its worker again fails, and the others run on in a new pool.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import multiprocessing
import os
import re
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from .. import __version__
from ..errors import ArticleError, Slide2VideoError
from ..fileio import atomic_write_text, ensure_dir
from ..pipeline import JobOptions

MANIFEST = "job.json"
REPORT = "report.json"
Status = Literal["ok", "skipped", "failed"]
OnResult = Callable[["JobResult"], None]
DASK_HINT = "pip install 'slide2video[dask]'"


# ------------------------------------------------------------------------------------------------ finding articles


def article_extensions() -> tuple[str, ...]:
    """Extensions some reader claims (.txt, .md, .markdown, .yaml, .yml, ...)."""
    from ..readers import READERS

    return tuple(ext for module in READERS.values() for ext in module.EXTENSIONS)


def _has_magic(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def discover(paths: Iterable[str | Path], out: Path | None = None, recursive: bool = False) -> list[Path]:
    """The articles named by `paths` (files, folders, globs), absolute, deduplicated and sorted.

    Folders give their article files (not hidden ones; subfolders only with `recursive`); globs are expanded
    here too (quoted globs, Windows shells). Files named explicitly are taken whatever their extension, except
    known non-article files a shell glob drags in (photos, audio): only extensions a reader claims, or none.
    Anything inside `out` is skipped, so a second run never reads its own outputs (e.g. carousel captions).
    Raises `ArticleError` for a path that does not exist.
    """
    exts = article_extensions()
    out_real = Path(out).resolve() if out is not None else None
    found: dict[Path, None] = {}

    def in_out(p: Path) -> bool:
        return out_real is not None and (p == out_real or p.is_relative_to(out_real))

    def add(p: Path, explicit: bool) -> None:
        real = p.resolve()
        if in_out(real) and not explicit:
            return
        suffix = real.suffix.lower()
        if suffix in exts or (explicit and not suffix):
            found[real] = None

    def scan(folder: Path) -> None:
        folder = folder.resolve()
        if in_out(folder):
            return
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not in_out(Path(root, d).resolve()))
            for name in sorted(files):
                if not name.startswith("."):
                    add(Path(root, name), explicit=False)
            if not recursive:
                break

    for raw in paths:
        text = os.path.expanduser(str(raw))
        path = Path(text)
        if path.is_dir():
            scan(path)
        elif path.exists():
            add(path, explicit=True)
        elif _has_magic(text):
            for match in sorted(glob.glob(text, recursive=True)):
                m = Path(match)
                if m.is_dir():
                    scan(m)
                elif m.is_file():
                    add(m, explicit=False)
        else:
            raise ArticleError("no such file or folder", path=text)
    return sorted(found, key=str)


def job_names(articles: Sequence[Path], out: Path | None = None) -> list[str]:
    """One output folder name per article: its stem, or `stem-2`, `stem-3` ... for repeats in the given order.

    Stable across runs over different sets of articles: a folder under `out` whose manifest names an article
    keeps it (that article gets it back, no other article gets it). Case-insensitive (macOS and Windows file
    systems), never hidden, never `report.json`.
    """
    owners = existing_owners(out) if out is not None else {}
    owned = {name.casefold(): article for name, article in owners.items()}
    back = {article: name for name, article in owners.items()}
    taken = {REPORT.casefold()}
    names: list[str | None] = []
    for path in articles:  # first, articles that have a folder from an earlier run
        name = back.get(str(Path(path).resolve()))
        names.append(name if name is not None and name.casefold() not in taken else None)
        if name is not None and names[-1] is not None:
            taken.add(name.casefold())
    for k, path in enumerate(articles):
        if names[k] is not None:
            continue
        stem = path.stem.lstrip(".") or "article"
        name, n = stem, 1
        while name.casefold() in taken or name.casefold() in owned:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.casefold())
        names[k] = name
    return [n for n in names if n is not None]


def existing_owners(out: Path) -> dict[str, str]:
    """Folder name -> article path, from the manifests of earlier runs under `out`."""
    owners = {}
    for manifest in sorted(Path(out).glob(f"*/{MANIFEST}")):
        data = read_manifest(manifest.parent)
        if data is not None and isinstance(data.get("article"), str):
            owners[manifest.parent.name] = data["article"]
    return owners


# ----------------------------------------------------------------------------------------------------- jobs


@dataclass(frozen=True)
class JobSpec:
    """One article to render into `out_dir` (absolute paths: a Dask worker has another working folder)."""

    article: str
    out_dir: str
    options: JobOptions = field(default_factory=JobOptions)
    force: bool = False

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
    error: str | None = None
    key: str | None = None
    traceback: str | None = None  # internal errors only: for the bug report

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if data["traceback"] is None:
            del data["traceback"]
        return data


class JobInterrupted(BaseException):
    """The worker was told to stop (SIGTERM from the batch parent) while a job ran."""


_STOP = False  # set in a pool worker by SIGTERM: finish nothing more
_RUNNING = False
_STARTED: Any = None  # in a pool worker: a queue told which job starts, so a worker crash can be pinned on it


def make_specs(articles: Sequence[Path], out: Path, options: JobOptions, force: bool = False) -> list[JobSpec]:
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


def check_options(options: JobOptions) -> None:
    """Raise the one error every job would hit (bad theme, preset, transition, music) before starting any job."""
    from ..config.presets import get_preset
    from ..config.theme import load_theme

    theme = load_theme(options.theme)
    wants = set(options.outputs)
    if wants & {"carousel", "pdf"}:
        get_preset(options.carousel_preset)
    if wants & {"mp4", "srt", "gif", "webp"}:
        get_preset(options.video_preset)
        options.timeline_options(theme)
    if options.music:
        from ..video.audio import audio_duration

        audio_duration(options.music)  # missing, a folder, not audio: one line before any job starts


def run_job(spec: JobSpec) -> JobResult:
    """Render one article (or skip it when unchanged); failures come back in the result, never raised."""
    global _RUNNING
    if _STOP:
        raise JobInterrupted
    started = time.perf_counter()
    result = JobResult(article=spec.article, name=spec.name, status="failed")
    if _STARTED is not None:
        _STARTED.put(spec.out_dir)
    _RUNNING = True
    try:
        _run(spec, result)
    except JobInterrupted:
        raise
    except Slide2VideoError as exc:
        if _STOP:
            raise JobInterrupted from None
        result.status, result.error = "failed", exc.format_message()
    except Exception as exc:  # a bug: isolate it like a bad article, keep the traceback for the report
        if _STOP:
            raise JobInterrupted from None
        message = " ".join(str(exc).split()) or "no message"
        result.status, result.error = "failed", f"internal error: {type(exc).__name__}: {message}"
        result.traceback = traceback.format_exc()
    finally:
        _RUNNING = False
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def _run(spec: JobSpec, result: JobResult) -> None:
    from ..pipeline import render_article
    from ..readers import load_article

    out_dir = Path(spec.out_dir)
    article = load_article(spec.article)
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
        return
    ensure_dir(out_dir)
    # The old manifest goes first: if this run fails halfway, no later run may trust a half-replaced folder.
    (out_dir / MANIFEST).unlink(missing_ok=True)
    report = render_article(article, out_dir, spec.options)
    outputs = [Path(p).resolve().relative_to(out_dir.resolve()).as_posix() for p in report.outputs]
    for stale in set(old_outputs) - set(outputs):  # e.g. the mp4 after `--to carousel`
        path = out_dir / stale
        if path.resolve().is_relative_to(out_dir.resolve()):
            path.unlink(missing_ok=True)
    result.status, result.outputs, result.warnings = "ok", outputs, list(report.warnings)
    manifest = {
        "program": "slide2video",
        "version": __version__,
        "key": key,
        "article": spec.article,
        "outputs": outputs,
        "warnings": result.warnings,
        "seconds": round(report.seconds, 3),
        "duration": report.duration,
    }
    atomic_write_text(out_dir / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")


def read_manifest(out_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((Path(out_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


# ------------------------------------------------------------------------------------------------ input hashing

_DIGESTS: dict[tuple[str, int, int], str] = {}
_DIGEST_LOCK = threading.Lock()
_THEME_SEEN: dict[str, str] = {}


def file_digest(path: str | Path) -> str:
    """SHA-256 of a file's bytes, cached per (path, size, mtime_ns) for the life of the process."""
    st = os.stat(path)
    cache_key = (str(path), st.st_size, st.st_mtime_ns)
    digest = _DIGESTS.get(cache_key)
    if digest is None:
        with open(path, "rb") as f:
            digest = hashlib.file_digest(f, "sha256").hexdigest()
        with _DIGEST_LOCK:
            _DIGESTS[cache_key] = digest
    return digest


def _digest_or_reason(path: Path) -> str:
    try:
        return file_digest(path)
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"


def theme_files(name_or_path: str) -> list[str]:
    """Digests of a theme's YAML and its `extends` parents (built-in or files), child first.

    Follows `extends` the way `theme.load_theme` does; a problem just ends the chain (loading the theme
    reports it properly).
    """
    from ..config.theme import builtin_themes

    digests: list[str] = []
    current: str | None = name_or_path
    seen: set[str] = set()
    while current is not None and current not in seen and len(digests) < 32:
        seen.add(current)
        path: Path | None = None
        try:
            if current in builtin_themes():
                data = resources.files("slide2video").joinpath("themes", f"{current}.yaml").read_bytes()
            else:
                path = Path(current)
                data = path.read_bytes()
        except OSError as exc:
            digests.append(f"unreadable {current}: {exc.strerror or exc}")
            break
        digests.append(hashlib.sha256(data).hexdigest())
        try:
            import yaml

            doc = yaml.safe_load(data)
        except yaml.YAMLError:
            break
        parent = doc.get("extends") if isinstance(doc, dict) else None
        if not isinstance(parent, str):
            break
        if path is not None and parent not in builtin_themes() and Path(parent).suffix.lower() in (".yaml", ".yml"):
            parent = str((path.parent / parent).resolve())
        current = parent
    return digests


def input_key(article: Any, options: JobOptions) -> str:
    """The hash of everything that decides an article's outputs.

    The article file's bytes, every image and audio file its slides name (as resolved), the theme file(s)
    with `extends` parents (or the built-in theme's YAML), the theme's logo and font files (the whole fallback
    chains the renderer uses), the music file, all `JobOptions` and the program version.
    """
    from ..cards.fonts import FontStack
    from ..cards.images import resolve_image
    from ..config.theme import load_theme
    from ..paths import data_dir

    theme_digests = theme_files(options.theme)
    signature = "|".join(theme_digests)
    if _THEME_SEEN.get(options.theme, signature) != signature:
        load_theme.cache_clear()  # a long-lived (Dask) worker must not render with a theme edited since
    _THEME_SEEN[options.theme] = signature
    theme = load_theme(options.theme)

    assets = data_dir("assets")
    media = {}
    for ref in sorted({r for s in article.slides for r in (s.image, s.audio) if r}):
        try:
            media[ref] = file_digest(resolve_image(ref, article.base_dir, assets, options.allow_outside_paths))
        except (Slide2VideoError, OSError) as exc:
            media[ref] = f"unusable: {exc}"
    fonts: dict[str, str] = {}
    for role in ("headline", "body", "credit", "counter"):
        for path in FontStack.of(getattr(theme.fonts, role), base=theme.base_dir).fonts:
            fonts.setdefault(path.name, _digest_or_reason(path))
    logo = None
    if theme.logo.image:
        candidates = [theme.base_dir / theme.logo.image] if theme.base_dir is not None else []
        candidates.append(assets / theme.logo.image)
        logo = next((_digest_or_reason(p) for p in candidates if p.is_file()), "missing")
    payload = {
        "version": __version__,
        "options": asdict(options),
        "article": file_digest(article.path) if article.path is not None else repr(article),
        "media": media,
        "theme": theme_digests,
        "fonts": fonts,
        "logo": logo,
        "music": _digest_or_reason(Path(options.music)) if options.music else None,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------------- executors


@dataclass
class BatchOutcome:
    results: list[JobResult]  # in the order of the specs; only jobs that finished
    not_run: list[JobSpec]  # cancelled by an interrupt (or never finished)
    interrupted: bool = False
    seconds: float = 0.0
    worker_deaths: int = 0  # pool workers that died (their articles were retried alone)


def default_jobs() -> int:
    count = getattr(os, "process_cpu_count", os.cpu_count)()
    return max(1, count or 1)


def run_batch(
    specs: Sequence[JobSpec],
    executor: str = "local",
    jobs: int | None = None,
    scheduler: str | None = None,
    on_result: OnResult | None = None,
) -> BatchOutcome:
    """Run every spec on a process pool (`local`, `jobs` workers) or a Dask cluster (`dask`, at `scheduler`).

    `on_result` is called in this process as each job finishes. An interrupt (KeyboardInterrupt, i.e. SIGINT)
    stops the batch cleanly and returns what finished with `interrupted` set; it is not re-raised.
    """
    started = time.perf_counter()
    since = time.time_ns()
    done: dict[int, JobResult] = {}

    def record(index: int, result: JobResult) -> None:
        done[index] = result
        if on_result is not None:
            on_result(result)

    interrupted, deaths = False, 0
    if not specs:
        pass
    elif executor == "local":
        interrupted, deaths = _run_local(specs, jobs or default_jobs(), record)
    elif executor == "dask":
        if not scheduler:
            raise Slide2VideoError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
        interrupted = _run_dask(specs, scheduler, record)
    else:
        raise Slide2VideoError(f"unknown executor {executor!r}; choose local or dask")
    if executor == "local" or not interrupted:  # running Dask tasks may still be writing after an interrupt
        for root in {Path(s.out_dir).parent for s in specs}:
            remove_stray_temp(root, since)
        for i, spec in enumerate(specs):
            if i not in done:  # a job stopped before writing anything leaves no empty folder
                with contextlib.suppress(OSError):
                    os.rmdir(spec.out_dir)
    return BatchOutcome(
        results=[done[i] for i in sorted(done)],
        not_run=[s for i, s in enumerate(specs) if i not in done],
        interrupted=interrupted,
        seconds=round(time.perf_counter() - started, 3),
        worker_deaths=deaths,
    )


def _failed(spec: JobSpec, exc: BaseException | None, what: str) -> JobResult:
    message = f": {' '.join(str(exc).split()) or type(exc).__name__}" if exc is not None else ""
    return JobResult(spec.article, spec.name, "failed", error=f"internal error: {what}{message}")


def _worker_init(started: Any = None) -> None:
    """Pool worker setup: its own process group (a terminal's Ctrl-C reaches only the parent, and the parent's
    SIGTERM can stop the worker's ffmpeg children with it), SIGINT ignored, SIGTERM unwinds the running job."""
    global _STARTED
    _STARTED = started
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "setpgrp"):
        os.setpgrp()
    signal.signal(signal.SIGTERM, _on_terminate)


def _on_terminate(signum: int, frame: object) -> None:
    global _STOP
    if _STOP:
        return
    _STOP = True
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if hasattr(os, "killpg") and os.getpgrp() == os.getpid():
        with contextlib.suppress(OSError):
            os.killpg(os.getpgrp(), signal.SIGTERM)  # our encoders; we ignore our own copy
    if _RUNNING:
        raise JobInterrupted


def _mp_context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one: workers start from a clean, single-threaded process (safe even when the
    caller runs threads), preloaded with the pipeline so each starts fast."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["slide2video.batch"])
        return ctx
    return multiprocessing.get_context()


def _run_local(specs: Sequence[JobSpec], jobs: int, record: Callable[[int, JobResult], None]) -> tuple[bool, int]:
    """Rounds of pool runs. When a worker process dies (a crash, the out-of-memory killer), the jobs it was
    running become suspects and run again alone, one per single-worker pool: one that kills its worker again
    fails by itself; the jobs that never started go back into the parallel round. Returns (interrupted, how
    many times a worker died)."""
    remaining = list(range(len(specs)))
    suspects: set[int] = set()
    recorded: set[int] = set()
    idle_rounds = deaths = 0

    def keep(i: int, result: JobResult) -> None:
        recorded.add(i)
        record(i, result)

    while remaining:
        alone = next((i for i in remaining if i in suspects), None)
        wave = [alone] if alone is not None else remaining
        before = len(recorded) + len(suspects)
        interrupted, broken, crashed = _pool_round(specs, wave, 1 if alone is not None else jobs, keep)
        deaths += broken
        if interrupted:
            return True, deaths
        if alone is not None and alone in crashed:
            keep(alone, _failed(specs[alone], None, "the worker process died on this article (crash or out of memory)"))
        suspects |= crashed
        remaining = [i for i in remaining if i not in recorded]
        idle_rounds = idle_rounds + 1 if len(recorded) + len(suspects) == before else 0
        if idle_rounds >= 3:  # workers die before starting any job: give up rather than loop
            for i in remaining:
                keep(i, _failed(specs[i], None, "worker processes keep dying before they start"))
            remaining = []
    return False, deaths


def _pool_round(
    specs: Sequence[JobSpec], wave: Sequence[int], jobs: int, record: Callable[[int, JobResult], None]
) -> tuple[bool, bool, set[int]]:
    """Run `wave` on one pool. Returns (interrupted, whether a worker died, the jobs it may have been running)."""
    from concurrent.futures.process import BrokenProcessPool

    ctx = _mp_context()
    started = ctx.SimpleQueue()
    pool = ProcessPoolExecutor(
        max_workers=max(1, min(jobs, len(wave))), mp_context=ctx, initializer=_worker_init, initargs=(started,)
    )
    futures: dict[Future, int] = {}
    seen: set[Future] = set()
    pids: set[int] = set()
    broken = False
    try:
        for i in wave:
            futures[pool.submit(run_job, specs[i])] = i
        for fut in as_completed(futures):
            pids |= set(getattr(pool, "_processes", None) or {})
            try:
                result = fut.result()
            except BrokenProcessPool:
                broken = True
            else:
                record(futures[fut], result)
            seen.add(fut)
        pool.shutdown(wait=True)
    except KeyboardInterrupt:
        _stop_pool(pool, futures)
        for fut, i in futures.items():  # jobs that completed while we were stopping
            if fut not in seen and fut.done() and not fut.cancelled() and fut.exception() is None:
                result = fut.result()
                if result.status != "failed":
                    record(i, result)
        return True, broken, set()
    if not broken:
        return False, False, set()
    if hasattr(os, "killpg"):  # the dead worker's encoder, orphaned in its process group
        for pid in pids:
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
    began: set[str] = set()
    with contextlib.suppress(Exception):  # a worker killed mid-put may leave a torn message
        while not started.empty():
            began.add(started.get())
    lost = {i for fut, i in futures.items() if fut.done() and not fut.cancelled() and fut.exception() is not None}
    return False, True, {i for i in lost if specs[i].out_dir in began}


def _stop_pool(pool: ProcessPoolExecutor, futures: dict[Future, int]) -> None:
    """Cancel what has not started, stop running jobs and their encoders, wait for the workers to exit."""
    for fut in futures:
        fut.cancel()
    processes = list(getattr(pool, "_processes", None) or {})  # pids of the live workers
    for pid in processes:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)

    def kill_groups() -> None:
        for pid in processes:
            with contextlib.suppress(OSError):
                if hasattr(os, "killpg"):
                    os.killpg(pid, signal.SIGKILL)
                else:
                    os.kill(pid, signal.SIGTERM)

    watchdog = threading.Timer(30.0, kill_groups)  # a job that will not unwind must not hang the exit
    watchdog.daemon = True
    watchdog.start()
    try:
        pool.shutdown(wait=True, cancel_futures=True)
    finally:
        watchdog.cancel()
    if hasattr(os, "killpg"):  # anything still alive in a worker's group (an encoder that ignored SIGTERM)
        for pid in processes:
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)


def _run_dask(specs: Sequence[JobSpec], scheduler: str, record: Callable[[int, JobResult], None]) -> bool:
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError:
        raise Slide2VideoError(f"--executor dask needs Dask distributed: {DASK_HINT}") from None
    try:
        client = Client(scheduler, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise Slide2VideoError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    futures = []
    try:
        tag = os.urandom(4).hex()
        futures = client.map(run_job, list(specs), key=[f"slide2video-{tag}-{i}" for i in range(len(specs))])
        index = {f.key: i for i, f in enumerate(futures)}
        for fut in dask_completed(futures, loop=client.loop):
            i = index[fut.key]
            try:
                record(i, fut.result())
            except Exception as exc:  # a worker died, lost the task, could not import slide2video ...
                record(i, _failed(specs[i], exc, f"Dask: {type(exc).__name__}"))
    except KeyboardInterrupt:
        with contextlib.suppress(Exception):
            client.cancel(futures, force=True)
        return True
    finally:
        with contextlib.suppress(Exception):
            client.close()
    return False


# ----------------------------------------------------------------------------------------------- interrupts


class Interrupts:
    """SIGINT and SIGTERM become one KeyboardInterrupt (the first signal only), so cleanup cannot itself be
    interrupted; `hold()` records later signals without raising (while the report is written)."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self.armed = True
        self._old: dict[int, Any] = {}

    def _handler(self, signum: int, frame: object) -> None:
        first = self.signum is None
        if first:
            self.signum = signum
        if first and self.armed:
            raise KeyboardInterrupt

    def hold(self) -> None:
        self.armed = False

    @property
    def exit_code(self) -> int | None:
        return 128 + self.signum if self.signum is not None else None

    def __enter__(self) -> Interrupts:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._old[sig] = signal.signal(sig, self._handler)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)


_TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}(\.[^.]+)?$")  # tempfile's `.stem.XXXXXXXX[.suffix]`


def remove_stray_temp(root: Path, since_ns: int) -> list[Path]:
    """Remove hidden temp files and folders (the writers' `.name.XXXXXXXX.ext`) changed under `root` since
    `since_ns`: what a job stopped by an interrupt or a crash could leave behind."""
    removed: list[Path] = []
    root = Path(root)
    if not root.is_dir():
        return removed
    margin = 1_000_000_000  # file systems with coarse timestamps
    for dirpath, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            if not _TEMP_NAME.match(name):
                continue
            path = Path(dirpath, name)
            try:
                if path.lstat().st_mtime_ns < since_ns - margin:
                    continue
                if path.is_dir() and not path.is_symlink():
                    import shutil

                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink()
                removed.append(path)
            except OSError:
                continue
        dirs[:] = [d for d in dirs if Path(dirpath, d) not in removed]
    return removed


# -------------------------------------------------------------------------------------------------- reporting


def _display(path: str) -> str:
    try:
        return Path(path).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


def report_data(outcome: BatchOutcome, options: JobOptions, executor: str, jobs: int | None) -> dict[str, Any]:
    counts = {s: sum(r.status == s for r in outcome.results) for s in ("ok", "skipped", "failed")}
    return {
        "program": "slide2video",
        "version": __version__,
        "executor": executor,
        "jobs": jobs,
        "interrupted": outcome.interrupted,
        "seconds": outcome.seconds,
        "worker_deaths": outcome.worker_deaths,
        "counts": {**counts, "not_run": len(outcome.not_run)},
        "options": asdict(options),
        "articles": [r.to_dict() for r in outcome.results],
        "not_run": [s.article for s in outcome.not_run],
    }


def write_report(out: Path, data: dict[str, Any]) -> Path:
    return atomic_write_text(Path(out) / REPORT, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def summary_table(results: Sequence[JobResult]) -> str:
    """article, status, outputs, seconds, warnings: one row per finished job."""
    rows = [
        (_display(r.article), r.status, str(len(r.outputs)), f"{r.seconds:.1f}", str(len(r.warnings))) for r in results
    ]
    head = ("article", "status", "outputs", "seconds", "warnings")
    width = min(60, max(len(head[0]), *(len(r[0]) for r in rows))) if rows else len(head[0])

    def line(cells: Sequence[str]) -> str:
        name = cells[0] if len(cells[0]) <= width else "…" + cells[0][-(width - 1) :]
        return f"{name:<{width}}  {cells[1]:<8}{cells[2]:>8}{cells[3]:>9}{cells[4]:>10}"

    return "\n".join([line(head), *(line(r) for r in rows)])


def error_lines(results: Iterable[JobResult]) -> Iterator[str]:
    """One `article: error` line per failed job (the article path is not repeated when the error starts with
    it; an error of several located problems shows the first and counts the rest, all in report.json)."""
    for r in results:
        if r.status == "failed" and r.error:
            first, *more = r.error.splitlines()
            shown = _display(r.article)
            line = first if first.startswith((shown, r.article)) else f"{shown}: {first}"
            yield line + (f" (and {len(more)} more, see {REPORT})" if more else "")


__all__ = [
    "MANIFEST",
    "REPORT",
    "BatchOutcome",
    "Interrupts",
    "JobResult",
    "JobSpec",
    "check_options",
    "discover",
    "error_lines",
    "input_key",
    "job_names",
    "make_specs",
    "portable_options",
    "read_manifest",
    "remove_stray_temp",
    "report_data",
    "run_batch",
    "run_job",
    "summary_table",
    "write_report",
]
