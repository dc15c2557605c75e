"""Slide photos in the studio: the ones an article may use, thumbnails for the focus picker, and uploads.

A slide's `image:` is found exactly as the renderer finds it (`cards.images.resolve_image`: beside the article or
in the shipped assets, never outside), and an upload passes the same checks as any photo the CLI reads
(`open_image`: a real image in a supported format, at most `MAX_PIXELS`) before it is kept.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from PIL import Image

from ..cards.images import load_image, open_image, resolve_image
from ..errors import RenderError
from ..paths import data_dir
from .store import OUTPUT_DIR, Session, Store, find_files, slug

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".bmp", ".avif")
UPLOAD_DIR = "photos"  #: uploads go into this folder beside the article
THUMB = 480


def list_photos(store: Store, session: Session) -> list[dict[str, str]]:
    """`image:` values a slide of this article can use: photos under its folder, then the shipped ones."""
    base = session.article.base_dir.resolve()
    out = [{"value": rel, "label": rel} for rel in find_files(base, PHOTO_SUFFIXES, skip=store.folder / OUTPUT_DIR)]
    shipped = data_dir("assets") / "photos"
    if shipped.is_dir():
        for path in sorted(shipped.iterdir()):
            if path.suffix.lower() in PHOTO_SUFFIXES:
                out.append({"value": f"photos/{path.name}", "label": f"{path.name} (sample)"})
    return out


def photo_thumbnail(session: Session, index: int) -> bytes:
    """Slide `index`'s photo, at most 480 px, as JPEG (EXIF rotation applied, like on the card)."""
    slides = session.article.slides
    if not 0 <= index < len(slides) or not slides[index].image:
        raise RenderError(f"slide {index + 1} has no photo")
    image = slides[index].image
    assert image is not None
    path = resolve_image(image, session.article.base_dir, data_dir("assets"))
    photo = load_image(path, target_size=(THUMB, THUMB))
    photo.thumbnail((THUMB, THUMB), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    photo.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def save_upload(store: Store, session: Session, filename: str, data: bytes) -> str:
    """Keep an uploaded photo as `photos/<name>` beside the article (a new name, never over a file) and return
    the `image:` value for it. Refused with one `RenderError` line if it is not a photo the renderer can use."""
    name = Path(filename.replace("\\", "/")).name
    suffix = Path(name).suffix.lower()
    if suffix not in PHOTO_SUFFIXES:
        raise RenderError(f"not a photo file (use {', '.join(PHOTO_SUFFIXES)})", path=name or "upload")
    if not data:
        raise RenderError("the file is empty", path=name)
    folder = session.article.base_dir / UPLOAD_DIR
    store.inside(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".upload-", suffix=suffix, dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            with open_image(tmp) as im:
                im.load()
        except RenderError as exc:
            raise RenderError(exc.message.replace(str(tmp), name).removeprefix(f"{name}: "), path=name) from None
        except (OSError, SyntaxError, ValueError) as exc:
            raise RenderError(f"not a readable image ({exc})", path=name) from None
        stem = slug(Path(name).stem, 40) if Path(name).stem else "photo"
        for n in range(1, 10_000):
            target = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
            try:
                os.link(tmp, target)  # fails if the name exists: never over a file
                break
            except FileExistsError:
                continue
        else:
            raise RenderError("too many photos with this name", path=name)
    finally:
        tmp.unlink(missing_ok=True)
    return target.relative_to(session.article.base_dir).as_posix()
