"""Many articles at once: `run_batch(paths, out, options, reporter) -> BatchReport`.

One module per concern: `discovery` (which files, which output folder names), `jobs` (one article's isolated,
incremental job: the same function on every executor), `hashing` (the input hash), `local` (a pebble process
pool), `dask` (a Dask cluster), `signals` (Ctrl-C in the parent, SIGTERM in the workers),
`report` (report.json, the summary table) and `run` (the orchestration).
"""

from __future__ import annotations

from .discovery import article_extensions, discover, existing_owners, job_names
from .hashing import file_digest, input_key
from .jobs import (
    MANIFEST,
    REPORT,
    JobResult,
    JobSpec,
    check_options,
    make_specs,
    portable_options,
    read_manifest,
    run_job,
)
from .report import BatchReport, error_lines, report_data, summary_table, write_report
from .run import BatchInterrupted, default_jobs, execute, run_batch
from .signals import Interrupts

__all__ = [
    "MANIFEST",
    "REPORT",
    "BatchInterrupted",
    "BatchReport",
    "Interrupts",
    "JobResult",
    "JobSpec",
    "article_extensions",
    "check_options",
    "default_jobs",
    "discover",
    "error_lines",
    "execute",
    "existing_owners",
    "file_digest",
    "input_key",
    "job_names",
    "make_specs",
    "portable_options",
    "read_manifest",
    "report_data",
    "run_batch",
    "run_job",
    "summary_table",
    "write_report",
]
