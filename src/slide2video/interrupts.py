"""Stop signals as one clean unwind, shared by every command and by batch's parent process.

`timeout`, `docker stop`, systemd and CI send SIGTERM; a closed terminal sends SIGHUP; a user presses Ctrl-C. All
three raise `KeyboardInterrupt` in the main thread, so the writers' cleanup (temp names, staging folders, audio
scratch folders, encoders) runs exactly as for Ctrl-C, and the command exits 128 + the signal: 130 for Ctrl-C,
143 for SIGTERM, 129 for SIGHUP (what a shell reports for a process those signals killed).
"""

from __future__ import annotations

import signal
import threading
from typing import Any

#: The signals that stop a run cleanly (SIGHUP does not exist on Windows).
SIGNALS: tuple[int, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class Interrupts:
    """SIGINT, SIGTERM and SIGHUP become one KeyboardInterrupt (the first signal only), so cleanup cannot itself
    be interrupted; `hold()` records later signals without raising (while the report is written)."""

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
            for sig in SIGNALS:
                self._old[sig] = signal.signal(sig, self._handler)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, old in self._old.items():
            signal.signal(sig, old)
        if self.signum is not None:
            _forget_unhandled_mark()


def _forget_unhandled_mark() -> None:
    """CPython marks a KeyboardInterrupt raised inside `exec()` of a string as unhandled even when it is caught
    (dataclasses build their methods that way, so a signal during any import can be one), and a marked process
    ends by killing itself with SIGINT instead of exiting with our 128 + signal. The next `exec()` of a string
    clears the mark."""
    exec("pass")
