"""The labeller's own decoder: the same answer as crfsuite unconstrained, and the best path under the title rule."""

from __future__ import annotations

import itertools

import numpy as np
import pycrfsuite
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from slide2video.readers.labeller import model_path, to_items
from slide2video.readers.labeller.corpus import corpus_pages
from slide2video.readers.labeller.decode import Weights, viterbi, viterbi_titled
from slide2video.readers.labeller.features import page_features
from support import ROOT


def test_unconstrained_decoding_matches_crfsuite_on_real_pages() -> None:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path()))
    weights = Weights.of(tagger)
    for page in corpus_pages(ROOT / "tests" / "corpus")[:20]:
        items = to_items(page_features(page.lines))
        path, _ = viterbi(weights.states(items), weights.transitions)
        assert [weights.labels[k] for k in path] == tagger.tag(items), page.name


def _score(states: np.ndarray, transitions: np.ndarray, path: tuple[int, ...]) -> float:
    emitted = sum(states[i, k] for i, k in enumerate(path))
    return float(emitted + sum(transitions[a, b] for a, b in itertools.pairwise(path)))


def _titled(path: tuple[int, ...], title: int, blocked: set[int]) -> bool:
    at = [i for i, k in enumerate(path) if k == title]
    return bool(at) and at == list(range(at[0], at[-1] + 1)) and not blocked & set(path[: at[0]])


finite = st.floats(-5, 5, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.float64, st.tuples(st.integers(1, 5), st.just(4)), elements=finite),
    arrays(np.float64, (4, 4), elements=finite),
)
def test_titled_decoding_is_the_best_path_with_one_title_run(states: np.ndarray, transitions: np.ndarray) -> None:
    title, blocked = 1, {2}
    path, score = viterbi_titled(states, transitions, title, sorted(blocked))
    brute = max(
        (p for p in itertools.product(range(4), repeat=len(states)) if _titled(p, title, blocked)),
        key=lambda p: _score(states, transitions, p),
    )
    assert _titled(tuple(path), title, blocked)
    assert score == pytest.approx(_score(states, transitions, tuple(path)))
    assert score == pytest.approx(_score(states, transitions, brute))
    free, best = viterbi(states, transitions)
    assert best >= score - 1e-9 and best == pytest.approx(_score(states, transitions, tuple(free)))
