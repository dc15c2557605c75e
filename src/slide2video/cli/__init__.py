"""The `slide2video` command line: thin click commands over the library functions.

`app.main` is the group; each module registers the commands for one job (reading, carousels, video, batch,
listings), and `options` holds the options several commands share, so they read the same everywhere.
"""

from __future__ import annotations

from . import batch, carousel, info, read, studio, video  # noqa: F401  (importing registers the commands)
from .app import main

__all__ = ["main"]
