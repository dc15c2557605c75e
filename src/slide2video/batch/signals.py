"""Signals on both sides of the pool: the parent turns Ctrl-C/SIGTERM into one clean stop, each worker turns
SIGTERM into an unwinding `JobInterrupted` that also stops its encoders; and the sweep of temp files a stopped
job may leave."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import threading
from pathlib import Path
from typing import Any


class JobInterrupted(BaseException):
    """The worker was told to stop (SIGTERM from the batch parent) while a job ran."""


class WorkerState:
    """What a pool worker's SIGTERM handler needs to know: whether to stop and whether a job is running.

    One instance per process (`WORKER`); only pool workers ever set it."""

    def __init__(self) -> None:
        self.stop = False
        self.running = False


WORKER = WorkerState()


def worker_init() -> None:
    """Pool worker setup: its own process group (a terminal's Ctrl-C reaches only the parent, and the parent's
    SIGTERM can stop the worker's ffmpeg children with it), SIGINT ignored, SIGTERM unwinds the running job."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "setpgrp"):
        os.setpgrp()
    signal.signal(signal.SIGTERM, _on_terminate)


def _on_terminate(signum: int, frame: object) -> None:
    if WORKER.stop:
        return
    WORKER.stop = True
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if hasattr(os, "killpg") and os.getpgrp() == os.getpid():
        with contextlib.suppress(OSError):
            os.killpg(os.getpgrp(), signal.SIGTERM)  # our encoders; we ignore our own copy
    if WORKER.running:
        raise JobInterrupted


def kill_group(pid: int) -> None:
    """SIGKILL what is left in a dead or stopped worker's process group (an orphaned encoder)."""
    if hasattr(os, "killpg"):
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)


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
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink()
                removed.append(path)
            except OSError:
                continue
        dirs[:] = [d for d in dirs if Path(dirpath, d) not in removed]
    return removed
