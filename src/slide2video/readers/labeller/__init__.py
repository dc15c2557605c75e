"""The text reader's line labeller: a linear-chain CRF that labels every non-blank line of a copied page.

`label(lines)` returns one label per line (chrome, title, intro, byline, date, counter, heading, credit, caption,
body, footer, comment), chosen jointly for the whole page, with each decision's marginal probability and the
runner-up label, so the reader can say where it was unsure. The trained model ships in the package
(`model.crfsuite`) and is loaded once, on first use; `python -m slide2video.readers.labeller.train` rebuilds it
from the labelled corpus (tests/corpus) and the fixtures.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ...errors import ArticleError
from .corpus import LABELS, Line, page_lines
from .features import Features, page_features

MODEL = "model.crfsuite"

_lock = threading.Lock()
_taggers: dict[str, Any] = {}


@dataclass(frozen=True)
class Decision:
    """One line's label, how sure the model was of it, and the label it would have chosen next."""

    label: str
    confidence: float
    runner_up: str
    runner_up_p: float
    title_p: float = 0.0  # the marginal probability that this line is the title (for pages with no title line)


def model_path() -> Path:
    return Path(str(resources.files(__package__).joinpath(MODEL)))


def _tagger(path: Path | None) -> Any:
    import pycrfsuite  # imported lazily: reading YAML or Markdown never loads the model

    key = str(path or model_path())
    with _lock:
        tagger = _taggers.get(key)
        if tagger is None:
            if not Path(key).is_file():
                raise ArticleError(f"the text reader's model is missing ({key}); reinstall slide2video")
            tagger = pycrfsuite.Tagger()
            tagger.open(key)
            _taggers[key] = tagger
        return tagger


def to_items(features: list[Features]) -> list[dict[str, float | str]]:
    """crfsuite's item format: string values become one-hot `name=value` attributes."""
    return [dict(f) for f in features]


def label(lines: list[Line], model: Path | None = None) -> list[Decision]:
    """The most likely labelling of the page's lines, with marginals; [] for no lines."""
    if not lines:
        return []
    items = to_items(page_features(lines))
    tagger = _tagger(model)
    with _lock:  # a crfsuite Tagger holds the last sequence: one page at a time
        best = tagger.tag(items)
        known = [lab for lab in LABELS if lab in tagger.labels()]
        decisions = []
        for i, chosen in enumerate(best):
            probs = sorted(((tagger.marginal(lab, i), lab) for lab in known), reverse=True)
            other = next((p for p in probs if p[1] != chosen), (0.0, chosen))
            title_p = next((p for p, lab in probs if lab == "title"), 0.0)
            decisions.append(Decision(chosen, tagger.marginal(chosen, i), other[1], other[0], title_p))
    return decisions


__all__ = ["LABELS", "Decision", "Line", "label", "page_lines"]
