"""The studio's HTTP API and page: thin handlers over the store, the previewer and the export queue.

Every handler that reads files or draws runs in Starlette's thread pool, so the event loop keeps serving (the
progress stream above all) while a card renders. Errors a user can cause come back as JSON `{"error": line}`
with 4xx status; the page shows the line.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..config.presets import builtin_presets, get_preset
from ..config.theme import builtin_themes, load_theme
from ..errors import ArticleError, RenderError, Slide2VideoError, ThemeError
from ..readers import FORMATS, MAX_ARTICLE_BYTES
from ..readers.to_yaml import article_to_dict
from .edits import apply_edit
from .exports import TERMINAL, Exports
from .notes import notes_by_slide
from .photos import list_photos, photo_thumbnail, save_upload
from .preview import Previewer
from .store import ConflictError, NotFound, Session, Store

STATIC = Path(__file__).resolve().parent / "static"
MAX_JSON_BYTES = MAX_ARTICLE_BYTES + 100_000  # an article's text plus the JSON around it
MAX_UPLOAD_BYTES = 40_000_000  #: largest photo upload (a 45 MP camera JPEG is about 25 MB)

Handler = Callable[[Request], Awaitable[Response]]


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) as soon as it passes `limit` bytes: never held whole if too big."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _TooLarge(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _TooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


class _TooLarge(Slide2VideoError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"upload is over {limit // 1_000_000} MB")


async def read_json(request: Request) -> dict[str, Any]:
    try:
        data = json.loads(await read_body(request, MAX_JSON_BYTES) or b"{}")
    except ValueError:
        raise ArticleError("the request is not valid JSON") from None
    if not isinstance(data, dict):
        raise ArticleError("the request must be a JSON object")
    return data


class Studio:
    """Application state shared by the handlers."""

    def __init__(self, store: Store, previewer: Previewer | None = None) -> None:
        self.store = store
        self.previewer = previewer or Previewer()
        self.exports = Exports(store)

    def theme_ref(self, name: str) -> str:
        """A built-in theme's name, or a theme file inside FOLDER (never one elsewhere); checked by loading it."""
        if name not in builtin_themes():
            path = self.store.inside(name)
            if path.suffix.lower() not in (".yaml", ".yml"):
                raise ThemeError(f"unknown theme {name!r}; choose from {', '.join(builtin_themes())} or a theme file")
            name = str(path)
        load_theme(name)
        return name

    def state(self, session: Session) -> dict[str, Any]:
        with session.lock:
            if session.conflict is None:
                session.conflict = self.store.changed_on_disk(session)
            cards = self.previewer.cards(session)
            return {
                "id": session.id,
                "rev": session.rev,
                "target": self.store.relative(session.target),
                "source": self.store.relative(session.source) if session.source else None,
                "saved": session.saved,
                "conflict": session.conflict,
                "theme": session.theme,
                "preset": session.preset,
                "preview_size": list(self.previewer.preset(session.preset).size),
                "article": article_to_dict(session.article),
                "warnings": notes_by_slide(session.notes, session.article),
                "cards": [c.__dict__ for c in cards],
                "output": self.store.relative(self.store.output_dir(session)),
            }

    # ------------------------------------------------------------------------------------------------ handlers

    async def index(self, request: Request) -> Response:
        return FileResponse(STATIC / "index.html", headers={"cache-control": "no-store"})

    async def overview(self, request: Request) -> Response:
        articles = await run_in_threadpool(self.store.list_articles)
        return JSONResponse(
            {
                "folder": str(self.store.folder),
                "articles": articles,
                "themes": list(builtin_themes()),
                "presets": [
                    {"name": n, "size": list(p.size), "description": p.description}
                    for n, p in builtin_presets().items()
                ],
                "theme": self.store.theme,
                "preset": self.store.preset,
                "formats": list(FORMATS),
                "open": [{"id": s.id, "target": self.store.relative(s.target)} for s in self.store.sessions.values()],
            }
        )

    async def create(self, request: Request) -> Response:
        data = await read_json(request)
        if isinstance(data.get("path"), str):
            session = await run_in_threadpool(self.store.open_file, data["path"])
        else:
            text = data.get("text")
            if not isinstance(text, str):
                raise ArticleError("paste the article's text first")
            name = data.get("name") if isinstance(data.get("name"), str) else None
            fmt = data.get("format") if isinstance(data.get("format"), str) else None
            session = await run_in_threadpool(self.store.open_text, text, name, fmt)
        return JSONResponse(await run_in_threadpool(self.state, session), status_code=201)

    def _session(self, request: Request) -> Session:
        return self.store.get(request.path_params["sid"])

    async def show(self, request: Request) -> Response:
        session = self._session(request)
        return JSONResponse(await run_in_threadpool(self.state, session))

    async def edit(self, request: Request) -> Response:
        session = self._session(request)
        op = await read_json(request)

        def run() -> dict[str, Any]:
            with session.lock:
                article = apply_edit(session.article, op)
                with contextlib.suppress(ConflictError):  # kept in memory, unsaved; the state says so
                    self.store.update(session, article)
                return self.state(session)

        return JSONResponse(await run_in_threadpool(run))

    async def settings(self, request: Request) -> Response:
        session = self._session(request)
        data = await read_json(request)

        def run() -> dict[str, Any]:
            with session.lock:
                if isinstance(data.get("theme"), str):
                    session.theme = self.theme_ref(data["theme"])
                if isinstance(data.get("preset"), str):
                    session.preset = get_preset(data["preset"]).name or data["preset"]
                session.rev += 1
                return self.state(session)

        return JSONResponse(await run_in_threadpool(run))

    async def save(self, request: Request) -> Response:
        session = self._session(request)
        data = await read_json(request)
        await run_in_threadpool(self.store.save, session, bool(data.get("force")))
        return JSONResponse(await run_in_threadpool(self.state, session))

    async def reload(self, request: Request) -> Response:
        session = self._session(request)
        await run_in_threadpool(self.store.reload, session)
        return JSONResponse(await run_in_threadpool(self.state, session))

    async def card(self, request: Request) -> Response:
        session = self._session(request)
        index = int(request.path_params["index"])
        width = request.query_params.get("w")
        w = int(width) if width and width.isdigit() else None
        data = await run_in_threadpool(self.previewer.card_png, session, index, w)
        # The URL carries the card's content key, so the browser may keep the picture.
        cache = "private, max-age=3600" if request.query_params.get("key") else "no-store"
        return Response(data, media_type="image/png", headers={"cache-control": cache})

    async def timeline(self, request: Request) -> Response:
        session = self._session(request)

        def run() -> dict[str, Any]:
            with session.lock:
                try:
                    timeline, cards = self.previewer.timeline(session)
                except RenderError as exc:
                    return {"error": exc.message, "segments": [], "duration": 0}
            return {
                "rev": session.rev,
                "duration": timeline.duration,
                "fps": timeline.fps,
                "warnings": list(timeline.warnings),
                "card_warnings": {str(i): w for i, (_, w) in enumerate(cards) if w},
                "segments": [
                    {
                        "card": s.card,
                        "kind": s.kind,
                        "slide": s.slide_index,
                        "label": s.label,
                        "start": s.start,
                        "duration": s.duration,
                        "transition": str(s.transition),
                    }
                    for s in timeline.segments
                ],
            }

        return JSONResponse(await run_in_threadpool(run))

    async def frame(self, request: Request) -> Response:
        session = self._session(request)
        try:
            t = float(request.query_params.get("t", "0"))
        except ValueError:
            raise RenderError("t must be a number of seconds") from None
        data = await run_in_threadpool(self.previewer.frame_png, session, t)
        return Response(data, media_type="image/png", headers={"cache-control": "no-store"})

    async def photos(self, request: Request) -> Response:
        session = self._session(request)
        return JSONResponse({"photos": await run_in_threadpool(list_photos, self.store, session)})

    async def photo(self, request: Request) -> Response:
        session = self._session(request)
        index = int(request.path_params["index"])
        data = await run_in_threadpool(photo_thumbnail, session, index)
        return Response(data, media_type="image/jpeg", headers={"cache-control": "no-store"})

    async def upload(self, request: Request) -> Response:
        session = self._session(request)
        index = int(request.path_params["index"])
        body = await read_body(request, MAX_UPLOAD_BYTES)
        name = unquote(request.headers.get("x-filename", "photo.jpg"))

        def run() -> dict[str, Any]:
            with session.lock:
                if not 0 <= index < len(session.article.slides):
                    raise NotFound(f"slide {index + 1} does not exist")
                ref = save_upload(self.store, session, name, body)
                op = {"op": "set", "slide": index, "field": "image", "value": ref}
                article = apply_edit(session.article, op)
                article.slides[index].focus = None
                with contextlib.suppress(ConflictError):
                    self.store.update(session, article)
                return self.state(session)

        return JSONResponse(await run_in_threadpool(run))

    async def export(self, request: Request) -> Response:
        session = self._session(request)
        data = await read_json(request)
        job = self.exports.start(session, str(data.get("kind")))
        return JSONResponse(job.snapshot(self.store), status_code=202)

    async def job(self, request: Request) -> Response:
        return JSONResponse(self.exports.get(request.path_params["jid"]).snapshot(self.store))

    async def cancel(self, request: Request) -> Response:
        return JSONResponse(self.exports.cancel(request.path_params["jid"]).snapshot(self.store))

    async def events(self, request: Request) -> Response:
        """Server-sent events: the job's state whenever it changes, until it has finished."""
        job = self.exports.get(request.path_params["jid"])

        async def stream() -> AsyncIterator[str]:
            last = None
            while True:
                snap = job.snapshot(self.store)
                text = json.dumps(snap)
                if text != last:
                    yield f"data: {text}\n\n"
                    last = text
                if snap["state"] in TERMINAL:
                    return
                await asyncio.sleep(0.1)

        return StreamingResponse(stream(), media_type="text/event-stream", headers={"cache-control": "no-store"})

    async def download(self, request: Request) -> Response:
        job = self.exports.get(request.path_params["jid"])
        n = int(request.path_params["n"])
        if job.state != "done" or not 0 <= n < len(job.files):
            raise NotFound("no such file in this export")
        path = job.files[n]
        return FileResponse(path, filename=path.name)


async def _error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Slide2VideoError)
    status = 404 if isinstance(exc, NotFound) else 409 if isinstance(exc, ConflictError) else 422
    if isinstance(exc, _TooLarge):
        status = 413
    return JSONResponse({"error": exc.message}, status_code=status)


def build_app(studio: Studio) -> Starlette:
    s = studio
    api = "/api/articles/{sid}"
    routes = [
        Route("/", s.index),
        Route("/api/state", s.overview),
        Route("/api/articles", s.create, methods=["POST"]),
        Route(api, s.show),
        Route(api + "/edit", s.edit, methods=["POST"]),
        Route(api + "/settings", s.settings, methods=["POST"]),
        Route(api + "/save", s.save, methods=["POST"]),
        Route(api + "/reload", s.reload, methods=["POST"]),
        Route(api + "/cards/{index:int}.png", s.card),
        Route(api + "/timeline", s.timeline),
        Route(api + "/frame.png", s.frame),
        Route(api + "/photos", s.photos),
        Route(api + "/slides/{index:int}/photo", s.photo),
        Route(api + "/slides/{index:int}/photo", s.upload, methods=["POST"]),
        Route(api + "/exports", s.export, methods=["POST"]),
        Route("/api/exports/{jid}", s.job),
        Route("/api/exports/{jid}/cancel", s.cancel, methods=["POST"]),
        Route("/api/exports/{jid}/events", s.events),
        Route("/api/exports/{jid}/files/{n:int}", s.download),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={Slide2VideoError: _error})
    app.state.studio = studio
    return app
