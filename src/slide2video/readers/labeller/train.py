"""Retrain the line labeller: `python -m slide2video.readers.labeller.train [--corpus tests/corpus] [-o model]`.

Trains on every real corpus page plus the labelled fixtures (tests/fixtures/text, articles/*.txt) and writes the
model the package ships. Lives in the package, not in bench/, because the bench's cross-validation trains the same
way on each fold: one training function, fixed parameters, so a rerun writes the same model byte for byte.
"""

from __future__ import annotations

import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path

import click

from . import label, model_path, to_items
from .corpus import Line, Page, corpus_pages, fixture_pages, format_labels, page_lines
from .features import page_features
from .synthetic import pages as synthetic_pages

# Fixed training parameters (L-BFGS with elastic-net regularisation); crfsuite's L-BFGS is deterministic.
PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 300, "feature.possible_transitions": True}


def train(pages: Sequence[Page], out: Path) -> Path:
    """Train a CRF on `pages` and write it to `out`."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for page in pages:
        trainer.append(to_items(page_features(page.lines)), page.labels)
        if page.kind != "synthetic":  # and once more evenly spaced, as some browsers and editors paste it
            trainer.append(to_items(page_features(evenly_spaced(page))), page.labels)
    trainer.set_params(PARAMS)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return out


def evenly_spaced(page: Page) -> list[Line]:
    """The page's lines with no blank line between them, or one after each (which, by the page's name): the
    labeller must not depend on the spacing a copy happens to have."""
    step = 1 + zlib.crc32(page.name.encode()) % 2
    return [Line(1 + step * k, line.text) for k, line in enumerate(page.lines)]


def training_pages(root: Path) -> list[Page]:
    """The real corpus pages and the synthetic (fixture) pages under the repository `root`."""
    return corpus_pages(root / "tests" / "corpus") + synthetic_training(root)


def synthetic_training(root: Path) -> list[Page]:
    """Training-only pages: the labelled fixtures and the generated small pages."""
    return fixture_pages([root / "tests" / "fixtures" / "text", root / "articles"]) + synthetic_pages()


def trained_model(pages: Sequence[Page]) -> Path:
    """A model trained on `pages` in a temporary file (for cross-validation folds)."""
    tmp = Path(tempfile.mkdtemp(prefix="s2v-crf-")) / "fold.crfsuite"
    return train(pages, tmp)


@click.command()
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The repository checkout holding tests/corpus, tests/fixtures/text and articles/.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the model (default: the one the package ships).",
)
@click.option(
    "--draft",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Instead of training, print this page's labels as the current model reads them (a .labels "
    "file to correct by hand).",
)
def main(root: Path, output: Path | None, draft: Path | None) -> None:
    """Retrain the text reader's line labeller from the labelled corpus and fixtures."""
    if draft is not None:
        lines = page_lines(draft.read_text(encoding="utf-8"))
        click.echo(format_labels(lines, [d.label for d in label(lines)]), nl=False)
        return
    pages = training_pages(root)
    if not pages:
        raise click.ClickException(f"no labelled pages under {root}")
    out = train(pages, output or model_path())
    count = sum(len(p.lines) for p in pages)
    click.echo(f"trained on {len(pages)} pages ({count:,} lines); wrote {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
