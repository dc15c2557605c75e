"""Output files appear whole or not at all: write to a temporary sibling, then rename.

Both mechanisms here also turn the OS's write failures (full disk, read-only file system, permissions) into one
`OutputError` naming the file the user asked for, never the temporary name that no longer exists.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import OutputError, Slide2VideoError

_UMASK = os.umask(0)
os.umask(_UMASK)


@contextlib.contextmanager
def atomic_path(path: Path, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it is renamed over `path`, on error removed.

    The temporary name keeps `path`'s extension (or `suffix`) because encoders pick the format from it.
    """
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    ensure_dir(parent)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=suffix or path.suffix or ".tmp", dir=parent)
    except OSError as exc:
        raise output_error(exc, path) from None
    os.close(fd)
    tmp = Path(tmp_name)
    os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs should get the usual permissions
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, Slide2VideoError):
            _rename_in(exc, tmp, path)
        elif isinstance(exc, OSError) and exc.errno is not None:
            raise output_error(exc, path) from None
        raise


def output_error(exc: OSError, path: Path) -> OutputError:
    """The one-line error for an OS call that failed while writing `path`.

    Only errors that carry an errno are the OS's; message-only `OSError`s come from libraries (moviepy wraps
    ffmpeg's log in one) and are left to their callers.
    """
    if exc.errno == errno.EISDIR:
        return OutputError("is a folder, expected a file path", path=path)
    return OutputError(f"cannot write ({exc.strerror or exc})", path=path)


def _rename_in(exc: Slide2VideoError, tmp: Path, path: Path) -> None:
    """Make an error raised about a temporary file (a probe of the encoded video, say) name the real output."""
    exc.message = exc.message.replace(str(tmp), str(path))  # type: ignore[misc]  # click marks it Final
    if exc.path is not None:
        exc.path = exc.path.replace(str(tmp), str(path))
    exc.problems = [p.replace(str(tmp), str(path)) for p in exc.problems]


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return path


def atomic_write_text(path: Path, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def ensure_dir(path: Path) -> Path:
    """Create folder `path` (and parents) or raise one clear `OutputError`."""
    if path.exists() and not path.is_dir():
        raise OutputError("exists and is a file, not a folder", path=path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create folder ({exc.strerror or exc})", path=path) from None
    if not os.access(path, os.W_OK):
        raise OutputError("folder is not writable", path=path)
    return path


class StagedDir:
    """Write a set of files into a hidden staging folder, then move them into place together.

    Used for outputs made of many files (a carousel): on error nothing of the new set appears in the target
    folder, and on success files a previous run listed in `stale` but this run did not write are removed.
    """

    def __init__(self, target: Path) -> None:
        self.target = Path(target)
        self.staging: Path | None = None
        self.written: list[str] = []

    def __enter__(self) -> StagedDir:
        if self.target.exists() and not self.target.is_dir():
            raise OutputError("exists and is a file, not a folder", path=self.target)
        parent = ensure_dir(self.target.parent if str(self.target.parent) else Path("."))
        try:
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.", dir=parent))
        except OSError as exc:
            raise OutputError(f"cannot write ({exc.strerror or exc})", path=parent) from None
        return self

    def path(self, name: str) -> Path:
        """Where to write output file `name` (a relative path, may contain folders)."""
        assert self.staging is not None
        self.written.append(name)
        dest = self.staging / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        return dest

    def commit(self, stale: list[str] | None = None) -> list[Path]:
        assert self.staging is not None
        ensure_dir(self.target)
        keep = set(self.written)
        for name in stale or []:
            old = self.target / name
            if name not in keep and old.is_file() and old.resolve().is_relative_to(self.target.resolve()):
                old.unlink()
        out = []
        for name in self.written:
            dest = self.target / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.staging / name, dest)
            out.append(dest)
        return out

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if self.staging is not None:
            import shutil

            shutil.rmtree(self.staging, ignore_errors=True)
            if isinstance(exc, Slide2VideoError):
                _rename_in(exc, self.staging, self.target)
            elif isinstance(exc, OSError) and exc.errno is not None:
                raise output_error(exc, self.target) from None


def read_input(path: Path, error: type[Slide2VideoError], *, noun: str, missing: str, max_bytes: int) -> bytes:
    """A user's input file (article, theme) in one bounded read: a pipe is fine, `/dev/zero` or a huge wrong
    file stops at `max_bytes`, and every OS problem is one line of `error` naming the file."""
    try:
        with Path(path).open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise error(missing, path=path) from None
    except IsADirectoryError:
        raise error(f"is a folder, not {noun}", path=path) from None
    except PermissionError:
        raise error("permission denied", path=path) from None
    except OSError as exc:
        raise error(f"cannot read file ({exc.strerror or exc})", path=path) from None
    if len(data) > max_bytes:
        raise error(f"file is over {max_bytes // 1_000_000} MB: too large for {noun}", path=path)
    return data
