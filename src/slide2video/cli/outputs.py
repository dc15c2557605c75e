"""Every command's output paths checked before any work: never an input, the right kind of path.

One call per command (`guard`), so `parse story.txt -o story.txt`, `preview story.txt -o story.txt` or a
carousel written over its own photos stop with one line before anything is read twice or written once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..article import Article
from ..config.settings import Settings
from ..fileio import check_file_output, check_folder_output, check_outputs
from ..readers import article_files
from ..writers import VIDEO_SUFFIXES, video_names


def guard(
    art: Article,
    *,
    file: Path | None = None,
    what: str = "",
    suffixes: Sequence[str] = (),
    stdout: bool = False,
    folder: Path | None = None,
    names: str | None = None,
    subfolders: Sequence[str] = (),
    settings: Settings | None = None,
) -> None:
    """Refuse the outputs of one command before it works: a single `file` (with its `what` and `suffixes`),
    or a `folder` (and its `subfolders`) whose files match the regex `names`; neither may be one of the article's
    inputs, or the theme's files (its YAML, logo and fonts) and the music of `settings`."""
    inputs = article_files(art) + (settings.input_files() if settings is not None else [])
    outputs: list[Path] = []
    if file is not None:
        check_file_output(file, what=what, suffixes=suffixes, stdout=stdout)
        outputs = [file]
        if what == "video":
            outputs += [file.with_suffix(s) for s in VIDEO_SUFFIXES]
            folder, names = file.parent, video_names(file.stem)
    elif folder is not None:
        for sub in ("", *subfolders):
            check_folder_output(folder / sub if sub else folder)
    check_outputs(outputs, inputs, folder=folder, folder_names=names)
