"""Exports at final size in worker threads: carousel ZIP, PDF, MP4 (+ SRT/VTT), with progress and cancel.

One export runs at a time per article (a second waits, `queued`), so two exports never write the same output
folder at once. Each job works on a copy of the article as it was when the export was asked for. Cancelling
stops a running job at its next progress tick: the library's writers stage their files and move them into place
only when complete, so a cancelled job leaves nothing behind.
"""

from __future__ import annotations

import copy
import itertools
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..article import Article
from ..errors import Slide2VideoError
from ..fileio import atomic_path
from ..reporting import Reporter
from .store import Session, Store

KINDS = ("carousel", "pdf", "video")
TERMINAL = ("done", "failed", "cancelled")


class Cancelled(Exception):
    """Raised inside a job's progress callback to stop it."""


@dataclass
class Job:
    id: str
    session: str
    kind: str
    state: str = "queued"  # queued, running, done, failed, cancelled
    stage: str = ""
    done: int = 0
    total: int = 0
    message: str = ""
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.time)
    cancel: threading.Event = field(default_factory=threading.Event, repr=False)
    thread: threading.Thread | None = field(default=None, repr=False)

    def snapshot(self, store: Store) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.session,
            "kind": self.kind,
            "state": self.state,
            "stage": self.stage,
            "done": self.done,
            "total": self.total,
            "fraction": round(self.done / self.total, 4) if self.total else (1.0 if self.state == "done" else 0.0),
            "message": self.message,
            "warnings": list(self.warnings),
            "files": [
                {"name": p.name, "path": store.relative(p), "url": f"/api/exports/{self.id}/files/{i}"}
                for i, p in enumerate(self.files)
            ],
        }


class Exports:
    """The export queue of one studio."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.jobs: dict[str, Job] = {}
        self._ids = itertools.count(1)
        self._article_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def start(self, session: Session, kind: str) -> Job:
        if kind not in KINDS:
            raise Slide2VideoError(f"unknown export {kind!r}; choose from {', '.join(KINDS)}")
        with session.lock:
            article = copy.deepcopy(session.article)
            article.path = session.target
            theme, preset = session.theme, session.preset
        with self._lock:
            job = Job(f"e{next(self._ids)}", session.id, kind)
            self.jobs[job.id] = job
            gate = self._article_locks.setdefault(session.id, threading.Lock())
        out_dir = self.store.output_dir(session)
        worker = threading.Thread(
            target=self._run, args=(job, gate, article, theme, preset, out_dir), name=f"export-{job.id}", daemon=True
        )
        job.thread = worker
        worker.start()
        return job

    def get(self, jid: str) -> Job:
        from .store import NotFound

        try:
            return self.jobs[jid]
        except KeyError:
            raise NotFound(f"no export {jid!r}") from None

    def cancel(self, jid: str) -> Job:
        job = self.get(jid)
        job.cancel.set()
        return job

    def shutdown(self, timeout: float = 10.0) -> None:
        """Cancel every export and wait for them to stop (the studio is quitting: no half-written files)."""
        jobs = list(self.jobs.values())
        for job in jobs:
            job.cancel.set()
        deadline = time.monotonic() + timeout
        for job in jobs:
            if job.thread is not None:
                job.thread.join(max(0.0, deadline - time.monotonic()))

    def wait(self, jid: str, timeout: float = 60.0) -> Job:
        """Block until the job has finished (tests and scripts)."""
        job = self.get(jid)
        deadline = time.monotonic() + timeout
        while job.state not in TERMINAL and time.monotonic() < deadline:
            time.sleep(0.02)
        return job

    def _run(self, job: Job, gate: threading.Lock, article: Article, theme: str, preset: str, out_dir: Path) -> None:
        with gate:
            if job.cancel.is_set():
                job.state, job.message = "cancelled", "cancelled before it started"
                return
            job.state = "running"

            def progress(stage: str, done: int, total: int) -> None:
                if job.cancel.is_set():
                    raise Cancelled
                job.stage, job.done, job.total = stage, done, total

            try:
                run = {"carousel": export_carousel, "pdf": export_pdf, "video": export_video}[job.kind]
                report = Reporter(on_warning=job.warnings.append, on_progress=progress)
                job.files = run(article, theme, preset, out_dir, report)
                job.state, job.message = "done", f"wrote {', '.join(p.name for p in job.files)}"
            except Cancelled:
                job.state, job.message = "cancelled", "cancelled; nothing was written"
            except Slide2VideoError as exc:
                job.state, job.message = "failed", exc.message
            except Exception as exc:  # shown on the page; the studio stays up for the next export
                job.state, job.message = "failed", f"export failed: {type(exc).__name__}: {exc}"


def _cards(article: Article, theme_name: str, preset_name: str, report: Reporter) -> tuple[Any, list[Any]]:
    from ..cards.plan import plan_cards
    from ..cards.render import render_cards
    from ..config.presets import get_preset
    from ..config.theme import load_theme

    theme, preset = load_theme(theme_name), get_preset(preset_name)
    report.progress("cards", 0, len(plan_cards(article, theme)))
    return preset, render_cards(article, theme, preset, reporter=report)


def export_carousel(article: Article, theme: str, preset: str, out_dir: Path, report: Reporter) -> list[Path]:
    """`out_dir/carousel/` (cards, caption, contact sheet, manifest) and the same files as `NAME-carousel.zip`."""
    from ..writers.carousel import write_carousel

    preset_obj, cards = _cards(article, theme, preset, report)
    report.progress("writing", 0, 1)
    result = write_carousel(cards, article, preset_obj, out_dir / "carousel", reporter=report)
    names = [*(p.relative_to(result.out_dir) for p in result.images), Path("caption.txt"), Path("contact-sheet.jpg")]
    names.append(result.manifest.relative_to(result.out_dir))
    target = out_dir / f"{out_dir.name}-carousel.zip"
    with atomic_path(target) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as zf:
        for name in names:
            # Fixed timestamps: the same cards give the same ZIP.
            info = zipfile.ZipInfo(name.as_posix(), date_time=(2020, 1, 1, 0, 0, 0))
            zf.writestr(info, (result.out_dir / name).read_bytes())
    report.progress("writing", 1, 1)
    return [target]


def export_pdf(article: Article, theme: str, preset: str, out_dir: Path, report: Reporter) -> list[Path]:
    """`out_dir/NAME.pdf`, one page per card (LinkedIn document posts)."""
    from ..writers.carousel import save_pdf

    _, cards = _cards(article, theme, preset, report)
    report.progress("writing", 0, 1)
    target = out_dir / f"{out_dir.name}.pdf"
    with atomic_path(target) as tmp:
        save_pdf([c.image for c in cards], tmp)
    report.progress("writing", 1, 1)
    return [target]


def export_video(article: Article, theme: str, preset: str, out_dir: Path, report: Reporter) -> list[Path]:
    """`out_dir/NAME.mp4` with `.srt` and `.vtt` beside it: what `slide2video render --to mp4,srt` writes."""
    from ..config.settings import JobOptions
    from ..pipeline import render_article

    options = JobOptions(theme=theme, video_preset=preset, outputs=("mp4", "srt"))
    done = render_article(article, out_dir, options, reporter=report)
    return sorted(done.outputs, key=lambda p: (p.suffix != ".mp4", p.name))
