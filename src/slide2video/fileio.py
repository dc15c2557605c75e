"""Output files appear whole or not at all: write to a temporary sibling, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import OutputError

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
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=suffix or path.suffix or ".tmp", dir=parent)
    os.close(fd)
    tmp = Path(tmp_name)
    os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs should get the usual permissions
    try:
        yield tmp
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    try:
        with atomic_path(path) as tmp:
            tmp.write_bytes(data)
    except IsADirectoryError:
        raise OutputError("is a folder, expected a file path", path=path) from None
    except OSError as exc:
        raise OutputError(f"cannot write ({exc.strerror or exc})", path=path) from None
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
