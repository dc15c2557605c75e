"""One path for everything a job says besides its outputs: warnings and progress.

The library never prints. Each stage (planning, drawing cards, the writers, batch) is handed one `Reporter`
and calls `warn(...)` and `progress(stage, done, total)` on it; the reporter keeps the warnings for the job
report and passes both on to whoever listens (the CLI's printer and progress bars, a batch worker's result).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .errors import StrictError

OnWarning = Callable[[str], None]
OnProgress = Callable[[str, int, int], None]  # (stage, done, total)


class Reporter:
    """Collects warnings (each distinct message once, in order) and forwards warnings and progress.

    With `strict`, a warning raises `StrictError` where it happens, so the job stops before writing more.
    """

    def __init__(
        self, on_warning: OnWarning | None = None, on_progress: OnProgress | None = None, *, strict: bool = False
    ) -> None:
        self.warnings: list[str] = []
        self.on_warning = on_warning
        self.on_progress = on_progress
        self.strict = strict
        self._seen: set[str] = set()

    def warn(self, message: str) -> None:
        if message in self._seen:
            return
        self._seen.add(message)
        self.warnings.append(message)
        if self.on_warning is not None:
            self.on_warning(message)
        if self.strict:
            raise StrictError(f"{message} (a warning, and --strict makes warnings errors)")

    def warn_all(self, messages: Iterable[str]) -> None:
        for message in messages:
            self.warn(message)

    def progress(self, stage: str, done: int, total: int) -> None:
        if self.on_progress is not None:
            self.on_progress(stage, done, total)


def reporter_or_quiet(reporter: Reporter | None) -> Reporter:
    """The given reporter, or one that only collects (a library call that did not ask to hear anything)."""
    return reporter if reporter is not None else Reporter()


__all__ = ["OnProgress", "OnWarning", "Reporter", "reporter_or_quiet"]
