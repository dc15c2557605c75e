"""One run at a time per output: an exclusive `fcntl` lock held while a run writes it.

Two runs writing one output cannot break each other: the second says so and stops (`OutputError`), or with
`wait=True` waits its turn. A folder of outputs (`batch -o`, `render -o`) is locked by `FOLDER/.slide2video.lock`;
a single file (`video -o story.mp4`) or a carousel folder, which is swapped in as a whole, by `.NAME.slide2video.lock`
beside it. The lock file holds the owner's pid and is removed on release; a run that locked a file another run
removed meanwhile notices (different inode) and locks again. The kernel drops the lock if the owner is killed; a
run interrupted while it takes the lock removes the lock file it created.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from ..errors import OutputError
from . import ensure_dir, is_stdout, is_stream, output_error

LOCK_NAME = ".slide2video.lock"


def lock_file(output: Path, inside: bool) -> Path:
    """The lock file of `output`: inside it for a folder of outputs, beside it for a file or a swapped folder.
    Links are seen through, so two runs writing one file or folder by different names still meet."""
    output = Path(os.path.realpath(output))
    return output / LOCK_NAME if inside else output.parent / f".{output.name}{LOCK_NAME}"


class OutputLock:
    """Hold the lock of `output` for a `with` block (see the module): `inside` for a folder of outputs, `folder`
    for a folder locked from beside it. Standard output and devices need none."""

    def __init__(self, output: Path, wait: bool = False, *, inside: bool = False, folder: bool = False) -> None:
        self.output = Path(output)
        self.wait = wait
        self.inside = inside
        self.what = "folder" if inside or folder else "file"
        self.fd: int | None = None
        self.path = lock_file(self.output, inside)

    def __enter__(self) -> OutputLock:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock
            return self
        if is_stdout(self.output) or (not self.inside and is_stream(self.output)):
            return self
        ensure_dir(self.path.parent)
        while True:
            fd, created = self._open()
            try:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX if self.wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    owner = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
                    what = f"another slide2video run (pid {owner}) is writing this {self.what}"
                    raise OutputError(f"{what}; wait for it, or pass --wait", path=self.output) from None
                if self._ours(fd):
                    os.ftruncate(fd, 0)
                    os.write(fd, str(os.getpid()).encode("ascii"))
                    self.fd = fd
                    return self
            except BaseException:
                # Refused, or interrupted (Ctrl-C, SIGTERM) before the `with` block owns the lock: `__exit__` will
                # not run, so a lock file this run created goes now, unless another run has locked it meanwhile.
                if created:
                    with contextlib.suppress(OSError):  # BlockingIOError: another run holds it
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        if self._ours(fd):
                            os.unlink(self.path)
                self.fd = None
                os.close(fd)
                raise
            os.close(fd)  # the previous owner removed this file while we waited: lock the new one

    def _open(self) -> tuple[int, bool]:
        """The lock file's descriptor, and whether this run created the file (only then may it remove it unlocked)."""
        while True:
            try:
                return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644), True
            except FileExistsError:
                pass
            except OSError as exc:
                raise output_error(exc, self.path) from None
            try:
                return os.open(self.path, os.O_RDWR), False
            except FileNotFoundError:
                continue  # removed between the two opens: create it
            except OSError as exc:
                raise output_error(exc, self.path) from None

    def _ours(self, fd: int) -> bool:
        """Whether the lock file's name still leads to the file `fd` has open."""
        try:
            return os.fstat(fd).st_ino == os.stat(self.path).st_ino
        except FileNotFoundError:
            return False

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            if self._ours(self.fd):  # never the file of a run that locked after ours was moved or removed
                with contextlib.suppress(OSError):
                    os.unlink(self.path)
            os.close(self.fd)
            self.fd = None
