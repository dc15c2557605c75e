"""One exception family for everything a user can get wrong.

Every error is a `click.ClickException`, so the CLI prints its message as one line per problem on stderr and
exits 1 without a traceback; library users catch `Slide2VideoError`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click


class Slide2VideoError(click.ClickException):
    """Base class: a problem the user can fix (bad input, bad option, unwritable output)."""

    exit_code = 1
    #: The located problems one error was built from (`collect`), one per line of its message.
    problems: list[str]

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(_locate(message, self.path, line))
        self.problems = [self.message]

    @classmethod
    def collect(cls, problems: Iterable[str], *, path: str | Path | None = None) -> Slide2VideoError:
        """Build one error from many located problems (validation reports all of them at once)."""
        lines = list(problems)
        err = cls("\n".join(lines))
        err.path = str(path) if path is not None else None
        err.problems = lines
        return err


def _locate(message: str, path: str | None, line: int | None) -> str:
    if path is None:
        return message
    where = f"{path}:{line}" if line is not None else path
    return f"{where}: {message}"


class ArticleError(Slide2VideoError):
    """The article file cannot be read or makes no sense as a slideshow."""


class ThemeError(Slide2VideoError):
    """A theme or preset file is malformed or names something that does not exist."""


class RenderError(Slide2VideoError):
    """A card, image, font or media file cannot be used."""


class OutputError(Slide2VideoError):
    """An output path cannot be written."""


class StrictError(Slide2VideoError):
    """A warning while `--strict` is on: the job stops at the first one (as mkdocs `--strict` does)."""
