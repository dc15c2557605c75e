"""Where the bundled data (fonts, sample assets) lives, installed or not.

A wheel carries the repo's top-level `fonts/` and `assets/` as `slide2video/_data/<name>` (see pyproject's
force-include); a source checkout keeps them at the repo root, two levels above this package in the `src/` layout.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parents[1]


def data_dir(name: str) -> Path:
    """The directory of bundled data `name` ("fonts", "assets"): the wheel's copy if present, else the repo's.

    The result may not exist (a stripped install); callers report a missing file by its full path.
    """
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _REPO / name


def cache_dir() -> Path:
    """This user's cache for downloaded pages and photos: `$XDG_CACHE_HOME/slide2video` (or the platform's own).

    Files in it were written by slide2video itself, so slide photos may point into it (see `resolve_image`).
    """
    import platformdirs

    return Path(platformdirs.user_cache_dir("slide2video", appauthor=False))
