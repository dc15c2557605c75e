"""Finding the articles of a batch (files, folders, globs) and naming each one's output folder."""

from __future__ import annotations

import errno
import glob
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from ..errors import ArticleError
from ..fileio import shown
from .jobs import MANIFEST, REPORT, read_manifest


def article_extensions() -> tuple[str, ...]:
    """Extensions some reader claims (.txt, .md, .markdown, .yaml, .yml, ...)."""
    from ..readers import READERS

    return tuple(ext for module in READERS.values() for ext in module.EXTENSIONS)


def _has_magic(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def discover(
    paths: Iterable[str | Path],
    out: Path | None = None,
    recursive: bool = False,
    warn: Callable[[str], None] | None = None,
) -> list[Path]:
    """The articles named by `paths` (files, folders, globs), absolute, deduplicated and sorted.

    Folders give their article files (not hidden ones; subfolders only with `recursive`); globs are expanded
    here too (quoted globs, Windows shells). Files named explicitly are taken whatever their extension, except
    known non-article files a shell glob drags in (photos, audio): only extensions a reader claims, or none.
    Anything inside `out` is skipped, so a second run never reads its own outputs (e.g. carousel captions).
    Only regular files are articles: a FIFO or device named `*.md` in a folder, and a symlink loop, are skipped
    with a warning each (to `warn`), and the run goes on. Raises `ArticleError` for a path that does not exist.
    """
    skipped = warn or (lambda _message: None)
    exts = article_extensions()
    out_real = Path(out).resolve() if out is not None else None
    found: dict[Path, None] = {}

    def in_out(p: Path) -> bool:
        return out_real is not None and (p == out_real or p.is_relative_to(out_real))

    def add(p: Path, explicit: bool) -> None:
        try:
            real = p.resolve(strict=True)
            mode = real.stat().st_mode
        except RuntimeError:  # Python < 3.13 reports a symlink loop so
            skipped(f"{shown(p)}: a symlink loop; skipped")
            return
        except OSError as exc:
            problem = "a symlink loop" if exc.errno == errno.ELOOP else (exc.strerror or str(exc))
            skipped(f"{shown(p)}: {problem}; skipped")
            return
        if in_out(real) and not explicit:
            return
        suffix = real.suffix.lower()
        if not (suffix in exts or (explicit and not suffix)):
            return
        if not stat.S_ISREG(mode):  # reading a FIFO would wait forever for a writer
            skipped(f"{shown(p)}: not a regular file (a pipe, device or socket); skipped")
            return
        found[real] = None

    def scan(folder: Path) -> None:
        folder = folder.resolve()
        if in_out(folder):
            return
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not in_out(Path(root, d).resolve()))
            for name in sorted(files):
                if not name.startswith("."):
                    add(Path(root, name), explicit=False)
            if not recursive:
                break

    for raw in paths:
        text = os.path.expanduser(str(raw))
        path = Path(text)
        if path.is_dir():
            scan(path)
        elif path.exists():
            add(path, explicit=True)
        elif _has_magic(text):
            for match in sorted(glob.glob(text, recursive=True)):
                m = Path(match)
                if m.is_dir():
                    scan(m)
                elif m.is_file():
                    add(m, explicit=False)
        else:
            raise ArticleError("no such file or folder", path=text)
    return sorted(found, key=str)


def job_names(articles: Sequence[Path], out: Path | None = None) -> list[str]:
    """One output folder name per article: its stem, or `stem-2`, `stem-3` ... for repeats in the given order.

    Stable across runs over different sets of articles: a folder under `out` whose manifest names an article
    keeps it (that article gets it back, no other article gets it). Case-insensitive (macOS and Windows file
    systems), never hidden, never `report.json`.
    """
    owners = existing_owners(out) if out is not None else {}
    owned = {name.casefold(): article for name, article in owners.items()}
    back = {article: name for name, article in owners.items()}
    taken = {REPORT.casefold()}
    names: list[str | None] = []
    for path in articles:  # first, articles that have a folder from an earlier run
        name = back.get(str(Path(path).resolve()))
        names.append(name if name is not None and name.casefold() not in taken else None)
        if name is not None and names[-1] is not None:
            taken.add(name.casefold())
    for k, path in enumerate(articles):
        if names[k] is not None:
            continue
        stem = path.stem.lstrip(".") or "article"
        name, n = stem, 1
        while name.casefold() in taken or name.casefold() in owned:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.casefold())
        names[k] = name
    return [n for n in names if n is not None]


def existing_owners(out: Path) -> dict[str, str]:
    """Folder name -> article path, from the manifests of earlier runs under `out`."""
    owners = {}
    for manifest in sorted(Path(out).glob(f"*/{MANIFEST}")):
        data = read_manifest(manifest.parent)
        if data is not None and isinstance(data.get("article"), str):
            owners[manifest.parent.name] = data["article"]
    return owners
