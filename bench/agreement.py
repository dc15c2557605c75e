"""How often two people label a page the same: the ceiling the reader's figures should be read against.

    python bench/agreement.py [--corpus tests/corpus] [--show]

`tests/corpus/agreement/NAME.labels` and `NAME.expect.yaml` are a second person's labels for corpus pages,
written from the page text and `tests/corpus/README.md` alone (without the stored labels). Each is compared with
the corpus's own: pages whose expectations agree exactly (title, slide count, every heading, printed number and
credit, compared with `bench/reader.py`'s keys, case- and punctuation-blind) and line labels agreeing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml
from reader import FIELDS, wanted  # bench/reader.py: run by path, bench/ is on sys.path

from slide2video.readers.labeller.corpus import read_labels
from slide2video.readers.textrules import normalise_line

ROOT = Path(__file__).resolve().parent.parent


def differences(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """What two expectations of one page disagree on, compared by `bench/reader.py`'s keys."""
    if a.get("slideshow", True) != b.get("slideshow", True):
        return ["slideshow or not"]
    if not a.get("slideshow", True):
        return []
    diff = ["slide count"] if len(a.get("slides") or []) != len(b.get("slides") or []) else []
    wa, wb = wanted(a), wanted(b)
    return diff + [name for name in FIELDS if sorted(wa[name]) != sorted(wb[name])]


def second_labels(path: Path, texts: list[str]) -> list[str]:
    """The second person's labels, one per line of the corpus page (the rows must match its lines)."""
    rows = [row.partition("\t") for row in path.read_text(encoding="utf-8").split("\n") if row.strip()]
    if [normalise_line(text) for _, _, text in rows] != texts:
        raise SystemExit(f"{path}: its rows do not match the lines of the corpus page")
    return [label for label, _, _ in rows]


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=str(ROOT / "tests" / "corpus"))
    parser.add_argument("--show", action="store_true", help="list each page and what differs")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    second = sorted((corpus / "agreement").glob("*.expect.yaml"))
    if not second:
        parser.error(f"{corpus / 'agreement'}: no second labels (NAME.expect.yaml) to compare")
    agree = same_lines = lines = 0
    for path in second:
        name = path.name.removesuffix(".expect.yaml")
        diff = differences(load(corpus / "pages" / f"{name}.expect.yaml"), load(path))
        agree += not diff
        page, ours = read_labels(corpus / "pages" / f"{name}.txt")
        theirs = second_labels(path.with_name(f"{name}.labels"), [line.text for line in page])
        same_lines += sum(x == y for x, y in zip(ours, theirs, strict=True))
        lines += len(ours)
        if args.show:
            print(f"  {name:<34} {'agree' if not diff else 'differ: ' + ', '.join(diff)}")
    print(f"pages whose expectations agree: {agree}/{len(second)} = {100 * agree / len(second):.1f}%")
    print(f"line labels agreeing: {same_lines}/{lines} = {100 * same_lines / max(1, lines):.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
