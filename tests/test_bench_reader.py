"""bench/reader.py's own rules: folds never split a site, and what counts as a page read exactly.

The bench's figures are only as good as these two: a site in two folds would flatter the model, and a lax
`exact` would flatter everything. The runs themselves (training per fold) are too slow for the test suite.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from slide2video.readers.labeller.corpus import Line, Page
from support import read_labelled

ROOT = Path(__file__).resolve().parent.parent


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_reader", ROOT / "bench" / "reader.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _bench()


def _pages(sites: dict[str, int]) -> list[Page]:
    return [
        Page(name=f"{site}-{n}", lines=[Line(1, "x")], labels=["body"], site=site)
        for site, count in sites.items()
        for n in range(count)
    ]


@pytest.mark.parametrize(("k", "seed"), [(0, 0), (3, 0), (3, 1), (3, 2), (10, 5)])
def test_folds_keep_every_site_in_one_fold_and_every_page_once(k: int, seed: int) -> None:
    pages = _pages({"a.com": 3, "b.org": 1, "c.de": 2, "d.jp": 1, "e.fr": 2})
    folds = bench.folds(pages, k, seed)
    assert sorted(p.name for fold in folds for p in fold) == sorted(p.name for p in pages)
    home = {p.site: i for i, fold in enumerate(folds) for p in fold}
    assert all(home[p.site] == i for i, fold in enumerate(folds) for p in fold)
    assert len(folds) == (5 if k == 0 else min(k, 5))


@pytest.mark.parametrize(("k", "seed"), [(0, 0), (2, 0), (2, 3), (10, 1)])
def test_batch_folds_keep_every_batch_and_every_site_in_one_fold(k: int, seed: int) -> None:
    # Batches c1 and c3 share the site x.com, so the two go together; c2 stands alone; batch-less pages by site.
    rows = [("c1", "a.com"), ("c1", "b.org"), ("c2", "c.de"), ("c2", "d.jp"), ("c3", "x.com"), ("c1", "x.com")]
    rows += [("c3", "e.fr"), ("c4", "f.it"), ("", "g.es"), ("", "h.pt")]
    pages = [
        Page(name=f"p{n}", lines=[Line(1, "x")], labels=["body"], site=site, batch=batch)
        for n, (batch, site) in enumerate(rows)
    ]
    folds = bench.folds(pages, k, seed, by="batch")
    assert sorted(p.name for fold in folds for p in fold) == sorted(p.name for p in pages)
    home_site = {p.site: i for i, fold in enumerate(folds) for p in fold}
    home_batch = {p.batch: i for i, fold in enumerate(folds) for p in fold if p.batch}
    assert all(home_site[p.site] == i for i, fold in enumerate(folds) for p in fold)
    assert all(home_batch[p.batch] == i for i, fold in enumerate(folds) for p in fold if p.batch)
    assert home_batch["c1"] == home_batch["c3"]
    if k == 0:  # one fold per group: {c1, c3}, {c2}, {c4}, {g.es}, {h.pt}
        assert len(folds) == 5


def test_a_seed_deals_the_sites_out_differently() -> None:
    pages = _pages({f"site{n}.com": 1 for n in range(12)})
    splits = {tuple(tuple(p.site for p in fold) for fold in bench.folds(pages, 4, seed)) for seed in (0, 1, 2)}
    assert len(splits) == 3


_ROWS = [("title", "Three Harbours"), ("heading", "1. Kiel"), ("credit", "Foto: dpa"), ("body", "Cranes.")]
_ROWS += [("heading", "2. Bergen"), ("credit", "Foto: NTB"), ("body", "Rain.")]


def _expect(**change: Any) -> dict[str, Any]:
    exp: dict[str, Any] = {
        "slideshow": True,
        "title": "Three Harbours",
        "slides": [
            {"heading": "Kiel", "number": 1, "credit": "dpa"},
            {"heading": "Bergen", "number": 2, "credit": "NTB"},
        ],
    }
    exp.update(change)
    return exp


def test_a_page_is_exact_only_when_title_count_headings_numbers_and_credits_all_match() -> None:
    got = read_labelled(_ROWS)
    assert bench.exact(_expect(), got, refused=False)
    assert not bench.exact(_expect(title="Two Harbours"), got, refused=False)
    slides = _expect()["slides"]
    assert not bench.exact(_expect(slides=[{**slides[0], "credit": "AP"}, slides[1]]), got, refused=False)
    assert not bench.exact(_expect(slides=[{**slides[0], "heading": "Hamburg"}, slides[1]]), got, refused=False)
    assert not bench.exact(_expect(slides=[{**slides[0], "number": 3}, slides[1]]), got, refused=False)
    assert not bench.exact(_expect(slides=slides[:1]), got, refused=False)  # one slide too many
    assert not bench.exact(_expect(), None, refused=True)  # a slideshow refused


def test_a_page_that_is_no_slideshow_is_exact_only_when_refused() -> None:
    story = {"slideshow": False, "title": "Council votes", "slides": []}
    assert bench.exact(story, None, refused=True)
    assert not bench.exact(story, read_labelled(_ROWS), refused=False)


@pytest.mark.parametrize("share", ["0", "1.5"])
def test_a_training_share_outside_zero_to_one_is_refused(share: str) -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "reader.py"), "--train-share", share],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2 and "--train-share must be in (0, 1]" in run.stderr
