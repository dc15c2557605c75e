"""Signals on both sides of the pool: the parent turns Ctrl-C/SIGTERM into one clean stop, each worker turns
SIGTERM into an unwinding `JobInterrupted` that also stops its encoders. What a stopped job leaves is in the
run's staging folder, which the run removes (`run.py`)."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time

from ..interrupts import Interrupts

__all__ = ["WORKER", "Interrupts", "JobInterrupted", "kill_group", "worker_init"]


class JobInterrupted(BaseException):
    """The worker was told to stop (SIGTERM from the batch parent) while a job ran."""


class WorkerState:
    """What a pool worker's SIGTERM handler needs to know: whether to stop and whether a job is running.

    One instance per process (`WORKER`); only pool workers ever set it."""

    def __init__(self) -> None:
        self.stop = False
        self.running = False


WORKER = WorkerState()


def worker_init(batch_parent: int | None = None) -> None:
    """Pool worker setup: its own process group (a terminal's Ctrl-C reaches only the parent, and the parent's
    SIGTERM can stop the worker's ffmpeg children with it), SIGINT ignored, SIGTERM unwinds the running job."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "setpgrp"):
        os.setpgrp()
    signal.signal(signal.SIGTERM, _on_terminate)
    watched = (os.getppid(), batch_parent)  # the forkserver (which exits with the batch) and the batch itself
    threading.Thread(target=_watch_parent, args=watched, name="parent-watch", daemon=True).start()


#: How often a worker checks that its parent is alive, and how long it may take to clean up once it is not.
WATCH_INTERVAL = 0.25
GRACE = 5.0


def _alive(pid: int | None) -> bool:
    if pid is None:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but not ours to signal
        return True
    return True


def _watch_parent(parent: int, batch_parent: int | None) -> None:
    """Die with the batch parent, even when it was SIGKILLed and could not stop us: a worker (and its encoders)
    must not run on, or wait forever on a FIFO, for a run nobody is waiting for. A polling thread rather than
    Linux's PR_SET_PDEATHSIG, which fires when the *thread* that started the worker exits (pebble starts
    workers from its manager thread) and exists only on Linux."""
    while os.getppid() == parent and _alive(batch_parent):
        time.sleep(WATCH_INTERVAL)
    os.kill(os.getpid(), signal.SIGTERM)  # unwind the running job: its temp files go, its encoders are stopped
    time.sleep(GRACE)
    if hasattr(os, "killpg") and os.getpgrp() == os.getpid():
        with contextlib.suppress(OSError):
            os.killpg(os.getpgrp(), signal.SIGKILL)
    os._exit(1)


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
