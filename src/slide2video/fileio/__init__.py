"""Output files appear whole or not at all: write to a temporary sibling, then rename.

Both mechanisms here also turn the OS's write failures (full disk, read-only file system, permissions) into one
`OutputError` naming the file the user asked for, never the temporary name that no longer exists. An output that
is a symlink is written through (its target replaced, the link kept); one that is a device or a pipe
(`/dev/stdout`, `/dev/null`) is written to as a stream, never replaced by a file. `check_outputs` refuses, before
any work, an output that is one of the inputs. A run may name one staging folder of its own (`staging_in`, what
batch does): every temporary file and staging folder then goes there, so the run can remove all it left behind by
removing that one folder, and nothing else.

`fileio.staged` stages a folder of outputs (a carousel) and swaps it in whole; `fileio.lock` keeps two runs from
writing one output at once.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar
from pathlib import Path

from ..errors import OutputError, Slide2VideoError

_UMASK = os.umask(0)
os.umask(_UMASK)


#: The output name that means standard output (`parse -o -`, `preview -o -`).
STDOUT = "-"


def is_stdout(path: str | Path | None) -> bool:
    return path is not None and str(path) == STDOUT


def is_stream(path: Path) -> bool:
    """Whether `path` is a device, pipe or socket, or a `/dev/stdout`-like name for one of the process's own files
    (a shell redirection): written to as a stream, never replaced by a file."""
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return False
    if stat.S_ISDIR(mode):
        return False
    return not stat.S_ISREG(mode) or str(path).startswith(("/dev/", "/proc/"))


_STAGING: ContextVar[Path | None] = ContextVar("slide2video_staging", default=None)


@contextlib.contextmanager
def staging_in(folder: Path | None) -> Iterator[None]:
    """Put this run's temporary files and staging folders in `folder` (a folder the run created) while the
    block runs; `None` keeps them beside their outputs."""
    token = _STAGING.set(Path(folder) if folder is not None else None)
    try:
        yield
    finally:
        _STAGING.reset(token)


def staging_root() -> Path | None:
    """The run's staging folder set by `staging_in`, if any (audio scratch folders go there too)."""
    return _STAGING.get()


def temp_parent(parent: Path) -> Path:
    """Where a temporary file for an output in `parent` goes: the run's staging folder when there is one on
    the same file system (a rename into place must stay a rename), else `parent` itself."""
    root = _STAGING.get()
    if root is not None:
        try:
            if root.stat().st_dev == parent.stat().st_dev:
                return root
        except OSError:
            pass
    return parent


def _write_target(path: Path) -> Path:
    """Where writing `path` really goes: through a symlink to its target (the link stays a link)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


@contextlib.contextmanager
def atomic_path(path: Path, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it is renamed over `path`, on error removed.

    The temporary name keeps `path`'s extension (or `suffix`) because encoders pick the format from it. A symlink
    is followed (its target is replaced); a device or pipe gets the finished bytes streamed into it.
    """
    path = Path(path)
    stream = is_stream(path)  # before resolving: /dev/stdout on a pipe resolves to no real path
    target = path if stream else _write_target(path)
    parent = Path(tempfile.gettempdir()) if stream else (target.parent if str(target.parent) else Path("."))
    if not stream:
        ensure_dir(parent)
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{path.stem}.",
            suffix=suffix or path.suffix or ".tmp",
            dir=parent if stream else temp_parent(parent),
        )
    except OSError as exc:
        raise output_error(exc, path) from None
    os.close(fd)
    tmp = Path(tmp_name)
    os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs should get the usual permissions
    try:
        yield tmp
        if stream:
            with tmp.open("rb") as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst)
            tmp.unlink()
        else:
            os.replace(tmp, target)
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
    """Write `data` to `path` whole or not at all; `-` is standard output."""
    if is_stdout(path):
        out = sys.stdout.buffer
        out.write(data)
        out.flush()
        return Path(path)
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


def shown(path: str | Path) -> str:
    """A path as printable text: a file name that is not valid UTF-8 (kept by Python as lone surrogates) is
    shown with `\\x..` escapes instead of crashing whatever prints it."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text


def json_text(data: object) -> str:
    """JSON as the tool writes it (indented, UTF-8 text as is); a file name that is not valid UTF-8 (lone
    surrogates in Python) is written `\\udcXX`-escaped instead of failing, and reads back as the same name."""
    import json

    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(data, indent=2, ensure_ascii=True) + "\n"
    return text


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes (hex)."""
    import hashlib

    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


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


def _identity(path: Path) -> tuple[int, int] | str:
    """What makes two paths the same file: device and inode when it exists (hard links, `..`, symlinks), else
    the resolved path."""
    try:
        st = path.stat()
        return (st.st_dev, st.st_ino)
    except OSError:
        return os.path.realpath(path)


def check_outputs(
    outputs: Sequence[Path],
    inputs: Iterable[tuple[str, Path]],
    *,
    folder: Path | None = None,
    folder_names: str | None = None,
) -> None:
    """Refuse, before any work, an output that would overwrite an input.

    `outputs` are the files a command will write; `inputs` are (role, path) pairs ("article", "photo", ...).
    With `folder`, every input inside it whose relative path fully matches the regex `folder_names` (the names
    the writer uses) is refused too. Symlinks and hard links are seen through; `-` and devices are never inputs'
    copies, so they pass.
    """
    ins = [(role, Path(p)) for role, p in inputs if p is not None and not is_stdout(p)]
    known: dict[tuple[int, int] | str, tuple[str, Path]] = {}
    for role, p in ins:
        if p.exists() and not is_stream(p):
            known.setdefault(_identity(p), (role, p))
    for out in outputs:
        if is_stdout(out) or is_stream(out):
            continue
        hit = known.get(_identity(Path(out)))
        if hit is not None:
            raise OutputError(f"is also the {hit[0]} being read ({hit[1]}); choose another output name", path=out)
    if folder is not None and folder_names is not None:
        real = Path(os.path.realpath(folder))
        pattern = re.compile(folder_names)
        for role, p in ins:
            rp = Path(os.path.realpath(p))
            if rp.is_relative_to(real) and pattern.fullmatch(rp.relative_to(real).as_posix()):
                raise OutputError(
                    f"would overwrite the {role} {p} (it has a name this output uses); choose another folder",
                    path=folder,
                )


def check_file_output(path: Path, *, what: str, suffixes: Sequence[str], stdout: bool = False) -> None:
    """The checks for a single-file output, before any work: `-` only where it means something (`stdout`: then
    devices and pipes such as `/dev/null` are written through too), not a folder, the right extension."""
    if is_stdout(path):
        if stdout:
            return
        raise OutputError(f"cannot write the {what} to standard output; give a file name", path=path)
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"is a folder, expected a {what} file path", path=path)
    if is_stream(path):
        if stdout:
            return
        raise OutputError(f"is a device or pipe, not a file: the {what} must be written to a file", path=path)
    if path.suffix.lower() not in suffixes:
        raise OutputError(f"the {what} file name must end in {' or '.join(suffixes)}", path=path)
    _check_parents(path.parent)


def check_folder_output(path: Path) -> None:
    """The checks for an output folder, before any work: not a file, and creatable where it does not exist."""
    if is_stdout(path):
        raise OutputError("cannot write a folder of files to standard output; give a folder name", path=path)
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise OutputError("exists and is a file, not a folder", path=path)
    _check_parents(path)


def _check_parents(folder: Path) -> None:
    """The nearest existing folder of `folder` (itself or an ancestor) must be a folder we can write into."""
    folder = Path(os.path.abspath(folder))
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise OutputError("exists and is a file, not a folder", path=folder)
    if not os.access(folder, os.W_OK):
        raise OutputError("folder is not writable", path=folder)
