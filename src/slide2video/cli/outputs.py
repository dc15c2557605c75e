"""Every command's output paths checked before any work: never an input, the right kind of path.

One call per command (`guard`), so `parse story.txt -o story.txt`, `preview story.txt -o story.txt` or a
carousel written over its own photos stop with one line before anything is read twice or written once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..article import Article
from ..config.settings import Settings
from ..fileio import check_file_output, check_folder_output, check_outputs
from ..readers import article_files

#: What a video writes beside `NAME.mp4`: parts (`--split`), subtitles and previews.
VIDEO_SUFFIXES = (".mp4", ".srt", ".vtt", ".gif", ".webp")


def video_names(stem: str) -> str:
    """A regex of every file name the video command writes for `stem`."""
    return re.escape(stem) + r"(?:-part\d+)?\.(?:mp4|srt|vtt|gif|webp|pdf)"


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
    inputs, or the theme file and music of `settings`."""
    inputs = article_files(art)
    if settings is not None:
        if settings.theme.path is not None:
            inputs.append(("theme", Path(settings.theme.path)))
        if settings.options.music:
            inputs.append(("music", Path(settings.options.music)))
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
