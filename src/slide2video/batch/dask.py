"""The Dask executor: the same `run_job` on the workers of a cluster (a shared file system, checked before any job)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..errors import Slide2VideoError
from .jobs import JobResult, JobSpec, failed, run_job

DASK_HINT = "pip install 'slide2video[dask]'"


def run_dask(specs: Sequence[JobSpec], scheduler: str, record: Callable[[int, JobResult], None]) -> bool:
    """Run every spec on the cluster at `scheduler`; returns whether Ctrl-C stopped it. Tasks already running
    on workers are not stopped (Dask cannot interrupt them) and may still finish."""
    try:
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError:
        raise Slide2VideoError(f"--executor dask needs Dask distributed: {DASK_HINT}") from None
    try:
        client: Any = Client(scheduler, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise Slide2VideoError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    futures: list[Any] = []
    try:
        _check_shared(client, specs)
        tag = os.urandom(4).hex()
        futures = client.map(run_job, list(specs), key=[f"slide2video-{tag}-{i}" for i in range(len(specs))])
        index = {f.key: i for i, f in enumerate(futures)}
        completed: Any = dask_completed(futures, loop=client.loop)
        for fut in completed:
            i = index[fut.key]
            try:
                record(i, fut.result())
            except Exception as exc:  # a worker died, lost the task, could not import slide2video ...
                record(i, failed(specs[i], exc, f"Dask: {type(exc).__name__}"))
    except KeyboardInterrupt:
        with contextlib.suppress(Exception):
            client.cancel(futures, force=True)
        return True
    finally:
        with contextlib.suppress(Exception):
            client.close()
    return False


def unseen(paths: Sequence[str]) -> list[str]:
    """Run on a worker: the paths it cannot see."""
    return [p for p in paths if not os.path.exists(p)]


def _check_shared(client: Any, specs: Sequence[JobSpec]) -> None:
    """Every worker must see the articles and the output folder at the paths this machine sees them: one line
    before any job runs, not one failure per article. Pages read from `--urls` live in this machine's cache."""
    from ..paths import cache_dir

    wanted = sorted({s.article for s in specs} | {str(Path(s.out_dir).parent) for s in specs})
    paths = [p for p in wanted if os.path.exists(p)]
    if not paths:
        return
    cache = cache_dir()
    for worker, missing in sorted(client.run(unseen, paths).items()):
        if missing:
            more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
            cached = any(Path(p).is_relative_to(cache) for p in missing)
            hint = (
                "; pages read from --urls are in this machine's cache: set XDG_CACHE_HOME to a shared folder here "
                "and on the workers"
                if cached
                else ""
            )
            raise Slide2VideoError(
                f"the Dask worker at {worker} cannot see {missing[0]}{more}: --executor dask needs the articles, "
                f"their photos and the output folder on a file system the workers share, at the same paths{hint}"
            )
