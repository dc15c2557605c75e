"""The studio: a local web app where a social editor pastes a slideshow, fixes it, sees the cards and exports.

`create_app(folder)` gives the ASGI app (Starlette) guarded by an access token; `serve` runs it on loopback with
uvicorn. The page is plain HTML/CSS/JS in `static/` (no build step); the app is a thin caller of the library:
the CLI's readers, YAML writer, card renderer, frame renderer, carousel writer and `render_article`.
"""

from __future__ import annotations

from pathlib import Path

from starlette.types import ASGIApp

from .preview import Previewer
from .routes import Studio, build_app
from .security import LOOPBACK_NAMES, StudioGuard, new_token
from .store import Store


def create_app(
    folder: str | Path,
    token: str | None = None,
    *,
    theme: str = "news",
    preset: str = "reel",
    public: bool = False,
) -> tuple[ASGIApp, Studio, str]:
    """The guarded studio app for `folder`, its state and its access token (a new random one unless given)."""
    token = token or new_token()
    studio = Studio(Store(Path(folder), theme=theme, preset=preset), Previewer())
    app = StudioGuard(build_app(studio), token, allowed_hosts=None if public else LOOPBACK_NAMES)
    return app, studio, token


__all__ = ["Studio", "create_app"]
