"""A folder of outputs (a carousel) staged whole, then swapped in with renames: never half old, half new.

The new set is written into a hidden staging folder this run created (`.NAME.XXXX/` beside the target, or in the
run's staging folder). On commit:

- no target yet: the staging folder is renamed to it (one rename);
- a target holding only files the tool can prove it wrote (listed with their SHA-256 in its own previous manifest,
  unchanged since): the old folder is renamed aside, the new one renamed in, and the old one's files removed
  (two renames; on any failure between them the old folder is renamed back);
- a target that also holds files the tool does not own (a user's notes, an edited card the new set no longer
  writes): those must stay where they are, so only the tool's files move, one rename each, and any failure
  renames every moved file back: the old carousel is left complete, not mixed.

A name the new set writes that exists and is not the tool's own unchanged file (a folder, a link, a file another
program wrote or the user edited) blocks the commit: nothing is replaced. `first_blocked` says so before any work.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import OutputError, Slide2VideoError
from . import _UMASK, _rename_in, _write_target, ensure_dir, output_error, sha256_of, temp_parent


def _files(folder: Path, skip: set[Path | None]) -> tuple[list[str], list[str]]:
    """Every non-folder entry under `folder` (files, links, pipes) and every folder, as relative POSIX paths,
    leaving out the `skip` folders (this run's own staging and aside folders)."""
    files: list[str] = []
    dirs: list[str] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        rel = Path(dirpath).relative_to(folder)
        dirnames[:] = [d for d in dirnames if Path(dirpath, d) not in skip]
        for d in list(dirnames):
            if Path(dirpath, d).is_symlink():  # a link to a folder is an entry of its own, never walked into
                dirnames.remove(d)
                files.append((rel / d).as_posix())
            else:
                dirs.append((rel / d).as_posix())
        files += [(rel / f).as_posix() for f in filenames]
    return files, dirs


def _owned(folder: Path, name: str, previous: Mapping[str, str]) -> bool:
    """Whether `folder/name` is a regular file the tool wrote and nobody changed since (its hash as recorded)."""
    path = folder / name
    if name not in previous or path.is_symlink() or not path.is_file():
        return False
    try:
        return sha256_of(path) == previous[name]
    except OSError:
        return False


def first_blocked(target: Path, names: Iterable[str], previous: Mapping[str, str]) -> tuple[str, str] | None:
    """The first of `names` (relative paths the new set writes) that exists in `target` and is not the tool's own
    unchanged file, with why: `(name, reason)`; None when every name is free or ours to replace."""
    target = _write_target(Path(target))
    if not target.is_dir():
        return None
    for name in names:
        parts = Path(name).parts
        for depth in range(1, len(parts)):  # part-1/ must be a folder, not a file or a link
            parent = target.joinpath(*parts[:depth])
            if parent.is_symlink() or (os.path.lexists(parent) and not parent.is_dir()):
                return Path(*parts[:depth]).as_posix(), "not a folder"
        path = target / name
        if not os.path.lexists(path) or _owned(target, name, previous):
            continue
        if path.is_symlink():
            return name, "a link"
        if path.is_dir():
            return name, "a folder"
        if name in previous:
            return name, "changed since it wrote it"
        return name, "no manifest of its own there" if not previous else "not listed in its manifest"
    return None


class StagedDir:
    """Write a set of files into a staging folder, then swap them into `target` as a whole (see the module)."""

    def __init__(self, target: Path) -> None:
        self.target = _write_target(Path(target))  # a symlinked folder: stage beside the real one (same disk)
        self.staging: Path | None = None
        self.written: list[str] = []
        self.inside = False  # staged inside the target: it is a mount point, so renames must stay within it

    def __enter__(self) -> StagedDir:
        if self.target.exists() and not self.target.is_dir():
            raise OutputError("exists and is a file, not a folder", path=self.target)
        parent = ensure_dir(self.target.parent if str(self.target.parent) else Path("."))
        self.inside = self.target.is_dir() and self.target.stat().st_dev != parent.stat().st_dev
        try:
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.", dir=self._base(parent)))
        except OSError as exc:
            raise OutputError(f"cannot write ({exc.strerror or exc})", path=parent) from None
        os.chmod(self.staging, 0o777 & ~_UMASK)  # mkdtemp makes 0700; the folder it becomes gets the usual mode
        return self

    def _base(self, parent: Path) -> Path:
        """Where staging and aside folders go: beside the target (or in the run's staging folder), or inside it
        when it is a mount point."""
        return self.target if self.inside else temp_parent(parent)

    def path(self, name: str) -> Path:
        """Where to write output file `name` (a relative path, may contain folders)."""
        assert self.staging is not None
        self.written.append(name)
        dest = self.staging / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        return dest

    def digests(self) -> dict[str, str]:
        """SHA-256 of every staged file so far: what a manifest records to prove later that the tool wrote them."""
        assert self.staging is not None
        return {name: sha256_of(self.staging / name) for name in self.written if (self.staging / name).is_file()}

    def commit(self, previous: Mapping[str, str] | None = None) -> list[Path]:
        """Swap the staged set in. `previous` (name -> SHA-256, from the tool's own previous manifest, which may
        list itself) are the files the tool may replace or, when this set does not write them, remove: each only
        while it is unchanged. Raises `OutputError` naming the blocked path, with the old set left as it was."""
        assert self.staging is not None
        previous = previous or {}
        if not os.path.lexists(self.target):
            ensure_dir(self.target.parent)
            try:
                os.rename(self.staging, self.target)
            except OSError as exc:
                raise output_error(exc, self.target) from None
            self.staging = None
            return [self.target / n for n in self.written]
        blocked = first_blocked(self.target, self.written, previous)
        if blocked is not None:
            raise OutputError(
                f"holds {blocked[0]}, which slide2video did not write ({blocked[1]}); the carousel there was left as "
                "it was: move it away, or choose another folder",
                path=self.target,
            )
        aside = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.old.", dir=self._base(self.target.parent)))
        files, dirs = _files(self.target, skip={self.staging, aside})
        owned = {name for name in files if _owned(self.target, name, previous)}
        try:
            whole = not self.inside and len(owned) == len(files) and all(_holds_any(d, owned) for d in dirs)
            if not (whole and self._swap_whole(aside)):
                self._swap_files(aside, owned)
        except BaseException:
            _remove_empty(aside)  # a file a failed rollback could not put back stays there, never deleted
            raise
        _remove_owned(aside, owned)
        return [self.target / n for n in self.written]

    def _swap_whole(self, aside: Path) -> bool:
        """The old folder aside, the new one in: two renames, the first undone if the second fails. False when
        the old folder cannot be moved at all (nothing changed: the caller moves the files instead)."""
        assert self.staging is not None
        with contextlib.suppress(OSError):  # the new folder keeps the mode the user gave the old one
            os.chmod(self.staging, self.target.stat().st_mode & 0o7777)
        try:
            os.rename(self.target, aside)  # onto the empty folder mkdtemp made: allowed, and atomic
        except OSError:
            return False
        try:
            os.rename(self.staging, self.target)
        except BaseException as exc:
            os.rename(aside, self.target)
            if isinstance(exc, OSError):
                raise output_error(exc, self.target) from None
            raise
        self.staging = None
        return True

    def _swap_files(self, aside: Path, owned: set[str]) -> None:
        """Only the tool's files move (the others stay in place): each old one aside, each new one in; a failure
        (or an interrupt) renames every moved file back and removes the folders it made."""
        assert self.staging is not None
        moved: list[tuple[Path, Path]] = []
        made: list[Path] = []
        current: Path | None = None
        try:
            new = set(self.written)
            for name in [*self.written, *sorted(owned - new)]:
                current = dest = self.target / name
                if os.path.lexists(dest):
                    old = aside / name
                    old.parent.mkdir(parents=True, exist_ok=True)
                    os.rename(dest, old)
                    moved.append((dest, old))
                if name in new:
                    made += _make_parents(self.target, Path(name).parent)
                    os.rename(self.staging / name, dest)
                    moved.append((self.staging / name, dest))
        except BaseException as exc:
            for src, dst in reversed(moved):
                with contextlib.suppress(OSError):
                    os.rename(dst, src)
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()
            if isinstance(exc, OSError) and exc.errno is not None and current is not None:
                raise OutputError(
                    f"cannot write ({exc.strerror}); the carousel in {self.target} was left as it was", path=current
                ) from None
            raise
        for name in sorted(owned - new, reverse=True):  # folders emptied of stale files the tool wrote
            for folder in Path(name).parents:
                if str(folder) != ".":
                    with contextlib.suppress(OSError):
                        (self.target / folder).rmdir()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            if isinstance(exc, Slide2VideoError):
                _rename_in(exc, self.staging, self.target)
            elif isinstance(exc, OSError) and exc.errno is not None:
                raise output_error(exc, self.target) from None


def _holds_any(folder: str, owned: set[str]) -> bool:
    """Whether `folder` (relative) holds one of the `owned` files, at any depth: such a folder is the tool's."""
    return any(name.startswith(folder + "/") for name in owned)


def _make_parents(root: Path, rel: Path) -> list[Path]:
    """Create `root/rel` and its missing parents; the folders created, outermost first."""
    made: list[Path] = []
    for folder in reversed([rel, *rel.parents]):
        path = root / folder
        if str(folder) != "." and not path.is_dir():
            path.mkdir()
            made.append(path)
    return made


def _remove_owned(aside: Path, owned: set[str]) -> None:
    """Empty the aside folder of the old set: each file the tool proved it wrote, then the emptied folders. Anything
    else found there (put in by another program between the check and the swap) is left, never deleted."""
    if not aside.is_dir():
        return
    for name in owned:
        path = aside / name
        if path.is_file() and not path.is_symlink():
            with contextlib.suppress(OSError):
                path.unlink()
    _remove_empty(aside)


def _remove_empty(folder: Path) -> None:
    """Remove `folder` and the folders under it that are empty (deepest first); nothing else."""
    if not folder.is_dir():
        return
    for dirpath, _dirs, _files in sorted(os.walk(folder), key=lambda entry: -len(entry[0])):
        with contextlib.suppress(OSError):
            os.rmdir(dirpath)
