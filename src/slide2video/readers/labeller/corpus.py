"""The labelled-page format shared by training, the bench and the tests (see tests/corpus/README.md).

A page is `NAME.txt` plus `NAME.labels`: one `label<TAB>text` row per non-blank line of the text, in order.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ..textrules import normalise_line

LABELS = (
    "chrome",
    "title",
    "intro",
    "byline",
    "date",
    "counter",
    "heading",
    "credit",
    "caption",
    "body",
    "footer",
    "comment",
)


@dataclass(frozen=True)
class Line:
    """One non-blank line of a page: its 1-based line number in the file and its normalised text."""

    number: int
    text: str


def page_lines(content: str) -> list[Line]:
    """The non-blank lines the labeller labels, one per non-blank line of the file."""
    out = []
    for n, raw in enumerate(content.split("\n"), 1):
        text = normalise_line(raw)
        if text:
            out.append(Line(n, text))
    return out


@dataclass
class Page:
    """A labelled page: where it came from, its lines and their labels."""

    name: str
    lines: list[Line]
    labels: list[str]
    site: str = ""
    lang: str = ""
    kind: str = ""
    path: Path | None = None
    batch: str = ""  # the sources file it came from: pages collected together, so collected after the tuning


class LabelsMismatch(ValueError):
    """A `.labels` file that does not line up with its `.txt` (a page still being written, or a typo)."""


def read_labels(txt: Path) -> tuple[list[Line], list[str]]:
    """The page's lines and labels; raises LabelsMismatch when the two files disagree."""
    lines = page_lines(txt.read_text(encoding="utf-8").replace("\r\n", "\n"))
    rows = [r for r in txt.with_suffix(".labels").read_text(encoding="utf-8").split("\n") if r.strip()]
    if len(rows) != len(lines):
        raise LabelsMismatch(f"{txt.name}: {len(rows)} labels for {len(lines)} non-blank lines")
    labels = []
    for line, row in zip(lines, rows, strict=True):
        label, _, text = row.partition("\t")
        if label not in LABELS:
            raise LabelsMismatch(f"{txt.name}:{line.number}: unknown label {label!r}")
        if normalise_line(text) != line.text:
            raise LabelsMismatch(f"{txt.name}:{line.number}: label row does not match the line {line.text[:40]!r}")
        labels.append(label)
    return lines, labels


def format_labels(lines: list[Line], labels: list[str]) -> str:
    return "".join(f"{label}\t{line.text}\n" for line, label in zip(lines, labels, strict=True))


def sources(corpus: Path) -> dict[str, dict[str, str]]:
    """Every page's row from `sources/*.tsv`, by page name."""
    rows: dict[str, dict[str, str]] = {}
    for tsv in sorted((corpus / "sources").glob("*.tsv")):
        with tsv.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                if row.get("name"):
                    rows[row["name"].strip()] = {k: (v or "").strip() for k, v in row.items() if k} | {
                        "batch": tsv.stem
                    }
    return rows


def corpus_pages(corpus: Path, skipped: list[str] | None = None) -> list[Page]:
    """The real pages of the corpus that have a sources row and line up with their labels."""
    meta = sources(corpus)
    pages = []
    for txt in sorted((corpus / "pages").glob("*.txt")):
        name = txt.stem
        if name not in meta or not txt.with_suffix(".labels").exists():
            if skipped is not None:
                skipped.append(f"{name}: no sources row or no labels")
            continue
        try:
            lines, labels = read_labels(txt)
        except (LabelsMismatch, UnicodeDecodeError) as exc:
            if skipped is not None:
                skipped.append(str(exc))
            continue
        row = meta[name]
        pages.append(
            Page(name, lines, labels, row.get("site", ""), row.get("lang", ""), row.get("kind", ""), txt, row["batch"])
        )
    return pages


def fixture_pages(roots: list[Path]) -> list[Page]:
    """Synthetic training pages: every `.txt` with a `.labels` beside it under `roots` (tests' fixtures, samples)."""
    pages = []
    for root in roots:
        for txt in sorted(root.rglob("*.txt")):
            if txt.with_suffix(".labels").exists():
                lines, labels = read_labels(txt)
                pages.append(Page(txt.stem, lines, labels, site=f"fixture:{txt.stem}", kind="synthetic", path=txt))
    return pages
