"""The studio's articles: where each is read from, which YAML file it is saved to, and whether that file changed.

Rules, so the studio never loses anyone's work:
- Only files inside FOLDER are read or written (paths are resolved, symlinks included, and checked).
- An opened `.yaml` is saved back to itself; a `.txt`/`.md` or pasted text gets a new `.yaml` (beside the
  input, named after it or after the title), never an existing file: `story-2.yaml` when `story.yaml` exists.
- Before every save the file on disk is compared with what the studio last read or wrote there (SHA-256): if
  someone changed it meanwhile, the save is refused with `ConflictError` until the editor reloads or overwrites.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..article import Article
from ..errors import ArticleError, Slide2VideoError
from ..fileio import atomic_write_text
from ..readers import (
    FORMATS,
    MAX_ARTICLE_BYTES,
    READERS,
    decode,
    format_for,
    load_article,
    parse_article_text,
    sniff_bytes,
    sniff_format,
)
from ..readers.to_yaml import article_to_yaml
from ..readers.web import is_url
from .notes import Note, reading_notes

OUTPUT_DIR = "out"  #: FOLDER's output folder: exports go to FOLDER/out/<article name>/
ARTICLE_SUFFIXES = tuple(ext for reader in READERS.values() for ext in reader.EXTENSIONS)
MAX_LISTED = 500


def find_files(base: Path, suffixes: tuple[str, ...], skip: Path | None = None, limit: int = MAX_LISTED) -> list[str]:
    """Paths (relative to `base`, sorted) of files with one of `suffixes`, hidden files and folders and `skip` left
    out; at most `limit`, and the walk stops there too, so a studio started in a home folder stays quick."""
    found: list[str] = []
    for root, dirs, files in os.walk(base):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and here / d != skip)
        found += [
            (here / n).relative_to(base).as_posix()
            for n in sorted(files)
            if not n.startswith(".") and Path(n).suffix.lower() in suffixes
        ]
        if len(found) >= limit:
            break
    return sorted(found)[:limit]


class ConflictError(Slide2VideoError):
    """The article's YAML file was changed on disk since the studio last read or wrote it."""


class NotFound(Slide2VideoError):
    """No such article session or file."""


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def slug(text: str, limit: int = 40) -> str:
    """A file name from a title: ASCII letters, digits and dashes (`Russia Says NATO…` -> `russia-says-nato`)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    cut = words[:limit].rsplit("-", 1)[0] if len(words) > limit else words
    return cut or "article"


@dataclass
class Session:
    """One article open in the studio."""

    id: str
    article: Article
    target: Path  # the YAML file edits are saved to
    source: Path | None  # the file it was read from (None: pasted text)
    theme: str
    preset: str
    disk: str | None = None  # SHA-256 of target's bytes as the studio last saw them (None: not there)
    rev: int = 0
    saved: bool = False
    conflict: str | None = None
    notes: list[Note] = field(default_factory=list)  # what the reader was unsure of, as read
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)


class Store:
    """Article sessions, confined to `folder`."""

    def __init__(self, folder: Path, theme: str = "news", preset: str = "reel") -> None:
        self.folder = folder.resolve()
        self.theme, self.preset = theme, preset
        self.sessions: dict[str, Session] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    # ------------------------------------------------------------------------------------------------ files

    def inside(self, path: str | Path) -> Path:
        """`path` (relative to FOLDER, or absolute) resolved, if it is inside FOLDER; else `NotFound`."""
        candidate = (self.folder / path).resolve()
        if not candidate.is_relative_to(self.folder):
            raise NotFound("is outside the studio's folder", path=path)
        return candidate

    def relative(self, path: Path) -> str:
        return path.resolve().relative_to(self.folder).as_posix()

    def output_dir(self, session: Session) -> Path:
        """FOLDER/out/<the YAML's path in FOLDER without its extension>/: one folder per article."""
        rel = session.target.resolve().relative_to(self.folder).with_suffix("")
        return self.folder / OUTPUT_DIR / rel

    def list_articles(self) -> list[str]:
        """Article files in FOLDER and its subfolders (not hidden ones, not the output folder)."""
        return find_files(self.folder, ARTICLE_SUFFIXES, skip=self.folder / OUTPUT_DIR)

    def free_yaml(self, folder: Path, stem: str) -> Path:
        """`stem.yaml` in `folder`, or `stem-2.yaml`, ... : the first name no file has (nor an open session)."""
        taken = {s.target for s in self.sessions.values()}
        for n in itertools.count(1):
            path = folder / (f"{stem}.yaml" if n == 1 else f"{stem}-{n}.yaml")
            if not path.exists() and path not in taken:
                return path
        raise AssertionError("unreachable")

    # ------------------------------------------------------------------------------------------------ opening

    def _new(self, article: Article, target: Path, source: Path | None, disk: str | None) -> Session:
        with self._lock:
            sid = f"a{next(self._ids)}"
            article.path = target
            session = Session(sid, article, target, source, self.theme, self.preset, disk=disk)
            session.notes = reading_notes(article)
            self.sessions[sid] = session
        return session

    def open_file(self, rel: str) -> Session:
        """Read a FOLDER file with the CLI's reader; a YAML file is edited in place, others get a new YAML."""
        path = self.inside(rel)
        if path.suffix.lower() not in ARTICLE_SUFFIXES:
            raise ArticleError(f"not an article file (use {', '.join(ARTICLE_SUFFIXES)})", path=rel)
        article = load_article(path)
        if format_for(path) == "yaml":
            for s in self.sessions.values():
                if s.target == path:
                    return s  # one session per YAML file: two would overwrite each other
            return self._new(article, path, path, _digest(path.read_bytes()))
        session = self._new(article, self.free_yaml(path.parent, path.stem), path, None)
        self.save(session)
        return session

    def open_text(self, text: str, name: str | None = None, fmt: str | None = None) -> Session:
        """Read pasted or dropped text (or a pasted https:// address); saved at once as a new YAML file in FOLDER."""
        data = text.encode("utf-8")
        label = Path(name).name if name else "pasted text"
        if len(data) > MAX_ARTICLE_BYTES:
            raise ArticleError(f"is over {MAX_ARTICLE_BYTES // 1_000_000} MB: too large for an article", path=label)
        if fmt is not None and fmt not in FORMATS:
            raise ArticleError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})", path=label)
        if name is None and fmt is None and is_url(text.strip()):
            article = load_article(text.strip())  # the page and its photos, fetched as `parse URL` does
        else:
            content, warnings = decode(data, label)
            fmt = fmt or (format_for(Path(name)) if name else None) or sniff_bytes(data) or sniff_format(content)
            # A dropped web page's own photo links are looked up in FOLDER, never elsewhere.
            where = self.folder / label if fmt == "html" else label
            article = parse_article_text(content, fmt, where)
            article.warnings[:0] = warnings
        stem = slug(Path(name).stem) if name else slug(article.title)
        session = self._new(article, self.free_yaml(self.folder, stem), None, None)
        self.save(session)
        return session

    def get(self, sid: str) -> Session:
        try:
            return self.sessions[sid]
        except KeyError:
            raise NotFound(f"no open article {sid!r} (reload the page)") from None

    # ------------------------------------------------------------------------------------------------ saving

    def on_disk(self, session: Session) -> str | None:
        try:
            return _digest(session.target.read_bytes())
        except FileNotFoundError:
            return None

    def changed_on_disk(self, session: Session) -> str | None:
        """Why the target file is not what the studio last saw there, or None when it is."""
        now = self.on_disk(session)
        if now == session.disk or (now is None and session.disk is not None):
            return None  # unchanged, or deleted meanwhile (saving then overwrites nothing)
        name = self.relative(session.target)
        if session.disk is None:
            return f"{name} was created by someone else meanwhile"
        return f"{name} was changed on disk since the studio saved it"

    def save(self, session: Session, force: bool = False) -> Path:
        """Write the article's YAML; refuses (`ConflictError`) when the file changed on disk, unless `force`."""
        with session.lock:
            problem = self.changed_on_disk(session)
            if problem and not force:
                session.conflict, session.saved = problem, False
                raise ConflictError(f"{problem}: reload it or overwrite it", path=None)
            text = article_to_yaml(session.article)
            atomic_write_text(session.target, text)
            session.disk, session.saved, session.conflict = _digest(text.encode("utf-8")), True, None
            return session.target

    def update(self, session: Session, article: Article) -> None:
        """Replace the article after an edit and save it (a conflict leaves the edit in memory, unsaved)."""
        with session.lock:
            article.path = session.target
            session.article = article
            session.rev += 1
            self.save(session)

    def reload(self, session: Session) -> None:
        """Take the YAML file as it is on disk now (the editor's answer to a conflict)."""
        with session.lock:
            article = load_article(session.target)
            session.article, session.disk = article, self.on_disk(session)
            session.rev += 1
            session.saved, session.conflict = True, None
