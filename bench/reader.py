"""The text reader judged on real pages it was never trained on: cross-validation grouped by site.

    python bench/reader.py [--corpus tests/corpus] [--folds 0] [--jobs N] [--show-failures] [--oracle] [--json out.json]
    python bench/reader.py --folds 10 --seed 2 --train-share 0.5   # another split; half of each fold's training sites
    python bench/reader.py --folds 10 --seed 1 --group-by batch   # no collector's batch in training and test at once
    python bench/reader.py --held-out DIR...     # the shipped model on pages collected after it (nothing trained)

Every real page of the corpus (tests/corpus/pages, sites from sources/*.tsv) is read by a model trained
without any page of its site (`--folds 0`: leave one site out; `--folds K`: K site-grouped folds, `--seed` picks
which sites go together; `--group-by batch` keeps each sources file's pages together too). The synthetic
fixtures (tests/fixtures/text, articles/*.txt) are always in training and never scored. `--train-share` trains
each fold on that share of its training sites: the learning curve, which says whether more pages would help.

A page is exact when its title, slide count and every slide's heading, printed number and credit match its
`expect.yaml` (a page that is not a slideshow is exact when it is refused). Texts are compared by their fold
(case, punctuation and spacing ignored). Also printed: per-field precision and recall, per-language and
per-kind exact rates, pages exact by how many doubts (`inspect`) the reading has, and the line-label confusion
table.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import yaml

from slide2video.errors import ArticleError
from slide2video.readers.labeller import LABELS, Decision, label
from slide2video.readers.labeller.corpus import Page, corpus_pages
from slide2video.readers.labeller.structure import Reading, build
from slide2video.readers.labeller.train import synthetic_training, trained_model
from slide2video.readers.textrules import fold

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("title", "heading", "number", "credit")


def folds(pages: list[Page], k: int, seed: int = 0, by: str = "site") -> list[list[Page]]:
    """Test folds with no site split between two folds (k = 0: one fold per group); seed 0 deals the groups out in
    name order, another seed in that seed's shuffled order (one split's figure moves by a few pages).

    `by="batch"` also keeps each sources file (the pages one collector wrote together) in one fold: a collector's
    habits (the chrome they rebuilt, how they reworded the prose) are then never in training and test at once, as
    with a new batch. Batches that share a site go together."""
    groups_of = _groups(pages, by)
    names = sorted(set(groups_of.values()))
    if seed:
        random.Random(seed).shuffle(names)
    groups: list[list[Page]] = [[] for _ in range(len(names) if k <= 0 else min(k, len(names)))]
    index = {g: i % len(groups) for i, g in enumerate(names)}
    for p in pages:
        groups[index[groups_of[p.name]]].append(p)
    return [g for g in groups if g]


def _groups(pages: list[Page], by: str) -> dict[str, str]:
    """Each page's group: its site, or (`batch`) the first-named site of its batches linked by shared sites."""
    parent = {p.site: p.site for p in pages}

    def root(site: str) -> str:
        while parent[site] != site:
            parent[site] = parent[parent[site]]
            site = parent[site]
        return site

    if by == "batch":
        first: dict[str, str] = {}
        for p in sorted(pages, key=lambda p: p.site):
            a, b = root(p.site), root(first.setdefault(p.batch or p.site, p.site))
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {p.name: root(p.site) for p in pages}


def expected(page: Page) -> dict[str, Any]:
    assert page.path is not None
    data = yaml.safe_load(page.path.with_name(page.name + ".expect.yaml").read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def wanted(exp: dict[str, Any] | None) -> dict[str, list[str]]:
    """An expectation's values per field, as comparison keys (with the slide's position, so order counts)."""
    e_slides = (exp or {}).get("slides") or []
    e_title = (exp or {}).get("title")
    out = {"title": [fold(e_title)] if e_title else []}
    for name in ("heading", "number", "credit"):
        out[name] = [f"{i}:{fold(str(s[name]))}" for i, s in enumerate(e_slides) if s.get(name) is not None]
    return out


def items(exp: dict[str, Any] | None, got: Reading | None) -> dict[str, tuple[list[str], list[str]]]:
    """(expected, read) values per field, as comparison keys (with the slide's position, so order counts)."""
    want = wanted(exp)
    g_slides = got.article.slides if got else []
    out = {"title": (want["title"], [fold(got.article.title)] if got and got.title_line else [])}
    for name in ("heading", "number", "credit"):
        have = []
        for i, s in enumerate(g_slides):
            assert got is not None
            v: str | int | None
            if name == "heading":
                v = s.heading if got.headed[i] else None
            elif name == "number":
                v = got.numbers[i]
            else:
                v = s.credit
            if v is not None:
                have.append(f"{i}:{fold(str(v))}")
        out[name] = (want[name], have)
    return out


def exact(exp: dict[str, Any], got: Reading | None, refused: bool) -> bool:
    if not exp.get("slideshow", True):
        return refused
    if got is None:
        return False
    if len(got.article.slides) != len(exp.get("slides") or []):
        return False
    return all(sorted(w) == sorted(h) for w, h in items(exp, got).values())


def _read_fold(job: tuple[list[Page], list[Page], str]) -> list[tuple[Page, list[Decision]]]:
    """Train on `train` (None for the oracle) and label every page of `test` (a worker process's unit of work)."""
    train, test, mode = job
    model = trained_model(train) if mode == "folds" else None
    out = []
    for page in test:
        if mode == "oracle":  # the structural pass alone, fed the hand labels
            out.append((page, [Decision(lab, 1.0, lab, 0.0, float(lab == "title")) for lab in page.labels]))
        else:  # a fold's model, or the shipped one for pages collected after it (`--held-out`)
            out.append((page, label(page.lines, model)))
    if model is not None:
        shutil.rmtree(model.parent, ignore_errors=True)
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    corpus = Path(args.corpus)
    skipped: list[str] = []
    if args.held_out:  # staging folders in the corpus layout, read by the shipped model: nothing is trained
        pages = [p for d in args.held_out for p in corpus_pages(Path(d), skipped)]
    else:
        pages = corpus_pages(corpus, skipped)
    synthetic = synthetic_training(ROOT)
    results = []
    confusion: Counter[tuple[str, str]] = Counter()
    started = time.perf_counter()
    jobs = []
    mode = "oracle" if args.oracle else "shipped" if args.held_out else "folds"
    for n, test in enumerate([pages] if mode != "folds" else folds(pages, args.folds, args.seed, args.group_by)):
        names = {p.name for p in test}
        train = [p for p in pages if p.name not in names]
        if args.train_share < 1:
            sites = sorted({p.site for p in train})
            kept = set(random.Random(1000 * args.seed + n).sample(sites, round(args.train_share * len(sites))))
            train = [p for p in train if p.site in kept]
        jobs.append((train + synthetic, test, mode))
    workers = max(1, args.jobs or os.cpu_count() or 1)
    with ProcessPoolExecutor(workers) if workers > 1 else contextlib.nullcontext() as pool:
        read = pool.map(_read_fold, jobs) if pool is not None else map(_read_fold, jobs)
        labelled = [pair for fold_pairs in read for pair in fold_pairs]
    for page, decisions in labelled:
        confusion.update(zip(page.labels, (d.label for d in decisions), strict=True))
        exp = expected(page)
        got: Reading | None = None
        error = ""
        try:
            got = build(page.lines, decisions, str(page.path))
        except ArticleError as exc:
            error = str(exc)
        refused = "does not look like a slideshow" in error
        results.append(
            {
                "page": page,
                "exp": exp,
                "got": got,
                "error": error,
                "exact": exact(exp, got, refused),
                "fields": items(exp, got) if got else items(exp, None),
            }
        )
    return {
        "pages": pages,
        "results": results,
        "confusion": confusion,
        "skipped": skipped,
        "seconds": time.perf_counter() - started,
        "how": {"shipped": "read by the shipped model", "oracle": "the hand labels fed to the structural pass"}.get(
            mode, f"cross-validated, grouped by {args.group_by}"
        ),
    }


DOUBT_GROUPS = ("none", "1", "2-3", "4 or more")


def _doubt_group(n: int) -> str:
    return DOUBT_GROUPS[0 if n == 0 else 1 if n == 1 else 2 if n <= 3 else 3]


def report(out: dict[str, Any], show: bool) -> dict[str, Any]:
    results = out["results"]
    n = len(results)
    good = sum(r["exact"] for r in results)
    sites = len({r["page"].site for r in results})
    print(f"real pages: {n} from {sites} sites; {out['how']} ({out['seconds']:.0f} s)")
    if out["skipped"]:
        print(f"skipped: {len(out['skipped'])} ({'; '.join(out['skipped'][:5])})")
    print(f"\npages exact: {good}/{n} = {100 * good / max(1, n):.1f}%\n")
    summary: dict[str, Any] = {"pages": n, "sites": sites, "exact": good, "fields": {}, "languages": {}, "kinds": {}}
    print(f"{'field':<8} {'precision':>9} {'recall':>7}")
    for name in FIELDS:
        tp = fp = fn = 0
        for r in results:
            want, have = r["fields"][name]
            common = sum((Counter(want) & Counter(have)).values())
            tp, fp, fn = tp + common, fp + len(have) - common, fn + len(want) - common
        p, rc = tp / max(1, tp + fp), tp / max(1, tp + fn)
        summary["fields"][name] = {"precision": round(p, 3), "recall": round(rc, 3)}
        print(f"{name:<8} {100 * p:>8.1f}% {100 * rc:>6.1f}%")
    for key, title in (("lang", "language"), ("kind", "kind"), ("batch", "sources file")):
        groups: dict[str, list[bool]] = defaultdict(list)
        for r in results:
            groups[getattr(r["page"], key)].append(r["exact"])
        print(f"\n{title:<14} {'pages':>5} {'exact':>6}")
        for g, vals in sorted(groups.items()):
            print(f"{g:<14} {len(vals):>5} {100 * sum(vals) / len(vals):>5.0f}%")
            summary.setdefault({"lang": "languages", "kind": "kinds"}.get(key, "batches"), {})[g] = [
                sum(vals),
                len(vals),
            ]
    # Do `inspect`'s doubts point an editor at the readings to check? Pages exact by how many the reading has.
    by_doubts: dict[str, list[bool]] = defaultdict(list)
    for r in results:
        if r["got"] is not None and r["exp"].get("slideshow", True):
            by_doubts[_doubt_group(len(r["got"].article.doubts))].append(r["exact"])
    print(f"\n{'doubts':<14} {'pages':>5} {'exact':>6}   (slideshows read, by the doubts the reading has)")
    for g in DOUBT_GROUPS:
        if read := by_doubts.get(g):
            print(f"{g:<14} {len(read):>5} {100 * sum(read) / len(read):>5.0f}%")
            summary.setdefault("doubts", {})[g] = [sum(read), len(read)]
    conf: Counter[tuple[str, str]] = out["confusion"]
    total = sum(conf.values())
    right = sum(v for (a, b), v in conf.items() if a == b)
    print(f"\nline labels: {right}/{total} = {100 * right / max(1, total):.1f}% right (rows: truth, columns: read)")
    short = [lab[:5] for lab in LABELS]
    print(f"{'':<8}" + "".join(f"{s:>6}" for s in short))
    for a in LABELS:
        print(f"{a:<8}" + "".join(f"{conf.get((a, b), 0) or '.':>6}" for b in LABELS))
    summary["line_accuracy"] = round(right / max(1, total), 4)
    if show:
        print("\nnot exact:")
        for r in results:
            if not r["exact"]:
                why = r["error"] or "; ".join(
                    f"{k}: want {sorted(w)[:4]} got {sorted(h)[:4]}"
                    for k, (w, h) in r["fields"].items()
                    if sorted(w) != sorted(h)
                )
                print(f"  {r['page'].name}: {why[:400]}")
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=str(ROOT / "tests" / "corpus"))
    parser.add_argument("--folds", type=int, default=0, help="site-grouped folds (0: leave one site out)")
    parser.add_argument("--seed", type=int, default=0, help="which sites share a fold (0: in name order)")
    parser.add_argument(
        "--group-by",
        choices=("site", "batch"),
        default="site",
        help="keep each site, or also each collector's batch, in one fold",
    )
    parser.add_argument(
        "--train-share", type=float, default=1.0, help="train each fold on this share of its training sites"
    )
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--oracle", action="store_true", help="feed the structural pass the hand labels (no model)")
    parser.add_argument("--jobs", type=int, default=0, help="folds trained at once (default: one per CPU)")
    parser.add_argument("--json", help="also write the summary as JSON here")
    parser.add_argument(
        "--held-out",
        nargs="+",
        metavar="DIR",
        help="read newly collected pages (folders in the corpus layout) with the shipped model, before tuning on them",
    )
    args = parser.parse_args()
    if not 0 < args.train_share <= 1:
        parser.error("--train-share must be in (0, 1]")
    for folder in args.held_out or []:
        if not (Path(folder) / "pages").is_dir() or not any((Path(folder) / "sources").glob("*.tsv")):
            parser.error(f"{folder}: not a corpus folder (it needs pages/ and sources/*.tsv)")
    summary = report(run(args), args.show_failures)
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
