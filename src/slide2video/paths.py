"""Where the package's data folders (`fonts/`, `assets/`) live, in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder `name` shipped with slide2video.

    A wheel carries it as `slide2video/_data/<name>` (see `force-include` in pyproject.toml); a source checkout
    has it at the repository root. The packaged copy is tried first because an installed package's
    `parents[2]` is an unrelated folder inside the environment. When neither exists the checkout path is
    returned, so a "not found" error names the place a developer would look.
    """
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / name
