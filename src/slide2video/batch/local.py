"""The local executor: a pebble process pool on this machine.

pebble pins a worker's death on the task it was running (`ProcessExpired`) and replaces the worker, so the
other articles go on untouched; an article whose worker died is retried once alone (it may have died of the
memory the other jobs were using), and fails only if it kills its worker again. Cancelling a running task
sends its worker SIGTERM, which the worker turns into an unwinding `JobInterrupted` that also stops its
encoders (see `signals`). pebble rather than loky: loky restarts its whole executor when one worker dies,
failing every running job with it, so it cannot say which article was to blame.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, as_completed

from pebble import ProcessExpired, ProcessPool

from .jobs import JobResult, JobSpec, failed, run_job
from .signals import kill_group, worker_init

Record = Callable[[int, JobResult], None]
DIED = "the worker process died on this article (crash or out of memory)"


def _mp_context() -> multiprocessing.context.BaseContext:
    """forkserver where there is one: workers start from a clean, single-threaded process (safe even when the
    caller runs threads), preloaded with the pipeline so each starts fast."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["slide2video.batch.jobs", "slide2video.pipeline"])
        return ctx
    return multiprocessing.get_context()


def run_local(specs: Sequence[JobSpec], jobs: int, record: Record) -> tuple[bool, int]:
    """Run every spec on `jobs` workers. Returns (interrupted, how many times a worker died)."""
    pool = ProcessPool(max_workers=max(1, min(jobs, len(specs))), initializer=worker_init, context=_mp_context())
    deaths = 0
    futures: dict[Future[JobResult], int] = {}
    try:
        futures = {pool.schedule(run_job, (spec,)): i for i, spec in enumerate(specs)}
        died: list[int] = []
        for fut in as_completed(futures):
            if _collect(fut, futures[fut], specs, record, died):
                deaths += 1
        for i in died:  # alone: nothing else is running now
            retry = pool.schedule(run_job, (specs[i],))
            if _collect(retry, i, specs, record, None):
                deaths += 1
                record(i, failed(specs[i], None, DIED))
        pool.close()
        pool.join()
    except KeyboardInterrupt:
        _stop(pool, futures, specs, record)
        return True, deaths
    return False, deaths


def _collect(fut: Future[JobResult], i: int, specs: Sequence[JobSpec], record: Record, died: list[int] | None) -> bool:
    """Record a finished job; True when its worker died (then it is queued in `died`, or left to the caller)."""
    try:
        result = fut.result()
    except ProcessExpired as exc:
        if exc.pid is not None:
            kill_group(exc.pid)  # the dead worker's encoder, orphaned in its process group
        if died is not None:
            died.append(i)
        return True
    except Exception as exc:  # the job could not be sent or its result not returned
        record(i, failed(specs[i], exc, type(exc).__name__))
        return False
    record(i, result)
    return False


def _stop(pool: ProcessPool, futures: dict[Future[JobResult], int], specs: Sequence[JobSpec], record: Record) -> None:
    """Cancel what has not started, stop running jobs (their workers get SIGTERM, pebble SIGKILLs one that will
    not exit), and keep the results of jobs that completed meanwhile."""
    for fut in futures:
        fut.cancel()
    pool.stop()
    pool.join()
    for fut, i in futures.items():
        if fut.done() and not fut.cancelled() and fut.exception() is None:
            result = fut.result()
            if result.status != "failed":
                record(i, result)
