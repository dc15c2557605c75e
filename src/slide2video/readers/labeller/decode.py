"""Decoding under the page's one hard rule: a slideshow page prints its headline once, above the slides.

crfsuite's Viterbi picks each page's likeliest labelling with no notion of "one title": on a page whose headline
sits among menu words it often labels every line chrome, and the structural pass is left without a title. Here the
same model's weights (read once from the model file) score the page again under the constraint "exactly one run of
title lines, before any heading or counter"; the constrained labelling wins when it costs the model little
(`TITLE_GAP`, in log-probability: the page is at most that many nats less likely with a title than without).
Pages that really have no title line (a paginated slideshow's later page) cost more and keep crfsuite's reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

#: How much less likely (natural log) the titled reading may be than the model's first choice and still win.
#: Measured on the corpus' cross-validation folds (bench/reader.py): titled pages the constraint fixes cost up to
#: ~1.4; pages with no title line cost 0.7 and up, most over 1.5.
TITLE_GAP = 1.2
_NEG = -1e18

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Weights:
    """A trained model's state weights per attribute and its transition matrix, indexed like `labels`."""

    labels: list[str]
    attributes: dict[str, npt.NDArray[np.float64]]
    transitions: Matrix

    @classmethod
    def of(cls, tagger: Any) -> Weights:
        info = tagger.info()
        labels = [lab for lab, _ in sorted(info.labels.items(), key=lambda kv: int(kv[1]))]
        index = {lab: i for i, lab in enumerate(labels)}
        attributes: dict[str, npt.NDArray[np.float64]] = {}
        for (name, lab), weight in info.state_features.items():
            attributes.setdefault(name, np.zeros(len(labels)))[index[lab]] = weight
        transitions = np.zeros((len(labels), len(labels)))
        for (a, b), weight in info.transitions.items():
            transitions[index[a], index[b]] = weight
        return cls(labels, attributes, transitions)

    def states(self, items: list[dict[str, float | str]]) -> Matrix:
        """Each line's score for each label (crfsuite's attribute convention: `name:value` for strings)."""
        out = np.zeros((len(items), len(self.labels)))
        for i, item in enumerate(items):
            for name, value in item.items():
                key, x = (f"{name}:{value}", 1.0) if isinstance(value, str) else (name, float(value))
                w = self.attributes.get(key)
                if w is not None:
                    out[i] += x * w
        return out


def viterbi(states: Matrix, transitions: Matrix) -> tuple[list[int], float]:
    """The best label path and its score."""
    n = len(states)
    delta = states[0].copy()
    back = np.zeros((n, states.shape[1]), dtype=np.int64)
    for i in range(1, n):
        cand = delta[:, None] + transitions
        back[i] = cand.argmax(0)
        delta = cand.max(0) + states[i]
    path = [int(delta.argmax())]
    for i in range(n - 1, 0, -1):
        path.append(int(back[i, path[-1]]))
    return path[::-1], float(delta.max())


def viterbi_titled(states: Matrix, transitions: Matrix, title: int, blocked: list[int]) -> tuple[list[int], float]:
    """The best path with exactly one run of `title`, and no `blocked` label before it.

    Viterbi over (phase, label): phase 0 is above the title, 1 inside it, 2 below it.
    """
    n, size = states.shape
    free = np.ones(size, bool)
    free[title] = False
    above = free.copy()
    above[blocked] = False
    d0 = np.where(above, states[0], _NEG)
    d1 = states[0, title]
    d2 = np.full(size, _NEG)
    # back[i, phase, label] = (phase, label) of line i - 1 on the best path
    back = np.zeros((n, 3, size, 2), dtype=np.int64)
    for i in range(1, n):
        s = states[i]
        c0 = d0[:, None] + transitions
        n0 = np.where(above, c0.max(0) + s, _NEG)
        back[i, 0, :, 0], back[i, 0, :, 1] = 0, c0.argmax(0)
        enter = d0 + transitions[:, title]
        stay = d1 + transitions[title, title]
        if enter.max() >= stay:
            n1, back[i, 1, title] = enter.max() + s[title], (0, int(enter.argmax()))
        else:
            n1, back[i, 1, title] = stay + s[title], (1, title)
        leave = d1 + transitions[title, :]
        c2 = d2[:, None] + transitions
        from_title = leave >= c2.max(0)
        n2 = np.where(free, np.where(from_title, leave, c2.max(0)) + s, _NEG)
        back[i, 2, :, 0] = np.where(from_title, 1, 2)
        back[i, 2, :, 1] = np.where(from_title, title, c2.argmax(0))
        d0, d1, d2 = n0, n1, n2
    phase, lab = (1, title) if d1 >= d2.max() else (2, int(d2.argmax()))
    score = float(max(d1, d2.max()))
    path = [lab]
    for i in range(n - 1, 0, -1):
        phase, lab = (int(v) for v in back[i, phase, lab])
        path.append(lab)
    return path[::-1], score


def decode(weights: Weights, items: list[dict[str, float | str]]) -> list[str]:
    """The model's labelling, or the titled one when it is nearly as likely."""
    states = weights.states(items)
    best, score = viterbi(states, weights.transitions)
    labels = weights.labels
    if "title" in labels:
        blocked = [labels.index(lab) for lab in ("heading", "counter") if lab in labels]
        titled, titled_score = viterbi_titled(states, weights.transitions, labels.index("title"), blocked)
        if score - titled_score <= TITLE_GAP:
            best = titled
    return [labels[k] for k in best]
