"""Slide photos: find them safely, decode them defensively, fit them to a card.

Photos come from editors: any size, any colour mode, sometimes broken, rotated by EXIF, occasionally hostile
(a decompression bomb, a path that walks out of the article's folder). Every function here either returns a
plain RGB image or raises one `RenderError` line naming the file and the reason.

Typical use by the card renderer::

    path = resolve_image(slide.image, article.base_dir, data_dir("assets"), allow_outside=allow_outside)
    photo = load_image(path, target_size=card_size, matte=theme_background)
    layer = fit_cover(photo, card_size, focus=slide.focus or (0.5, 0.5))   # or fit_contain_blur(photo, card_size)

All outputs are deterministic: the same file and arguments give byte-identical pixels.
"""

from __future__ import annotations

import functools
import io
import struct
import warnings
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from PIL import Image, ImageCms, ImageFilter, UnidentifiedImageError

from ..errors import RenderError
from ..paths import cache_dir

RGB = tuple[int, int, int]
Size = tuple[int, int]

#: Largest image (width × height) `load_image` decodes by default. 50 MP covers every camera an editor is likely
#: to use (a 45 MP full-frame body) while refusing bombs that would need gigabytes once decoded.
MAX_PIXELS = 50_000_000

#: Formats we decode. Anything else (EPS would run Ghostscript, PSD/ICO/... are not photos) is refused up front.
SUPPORTED_FORMATS = ("JPEG", "MPO", "PNG", "WEBP", "GIF", "TIFF", "BMP", "AVIF")

_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, struct.error, zlib.error)
_ORIENTATION_TAG = 0x0112
_SIDEWAYS = {5, 6, 7, 8}  # EXIF orientations that swap width and height


# --------------------------------------------------------------------------------------------------- finding files


def resolve_image(
    ref: str, article_dir: Path, assets_dir: Path, allow_outside: bool = False, kind: str = "image"
) -> Path:
    """The file a slide's `image:` names, as an absolute, symlink-free path.

    Lookup order: relative to the article's folder (`article_dir`), then under `assets_dir` (so `photos/x.jpg`
    finds the shipped `assets/photos/x.jpg`, and `assets/photos/x.jpg` works too). Absolute paths are taken as
    they are.

    Safety: an article is often someone else's file, so the resolved path (symlinks followed first, so a link
    cannot smuggle `/etc/passwd` in) must stay inside the article's folder or the assets folder. Anything else
    (`../../etc/passwd`, `/home/me/x.jpg`) raises `RenderError` unless `allow_outside` is true (the CLI's
    `--allow-outside-paths`). A missing file or a folder raises `RenderError` naming the path. `kind` names the
    file in messages (narration `audio:` files are found the same way).
    """
    text = ref.strip()
    if not text:
        raise RenderError(f"{kind} path is empty")
    if "://" in text:
        raise RenderError(
            f"{kind} URLs are not downloaded; save the file beside the article and give its name instead", path=text
        )
    if "\x00" in text:
        raise RenderError(f"{kind} path contains a NUL character", path=repr(text))
    article_dir, assets_dir = Path(article_dir), Path(assets_dir)
    # The tool's own download cache is trusted too: photos of a web page live there (see readers/fetch.py).
    roots = (_real(article_dir), _real(assets_dir), _real(cache_dir()))
    raw = Path(text)
    given = article_dir / raw  # an absolute `raw` replaces article_dir
    candidates = [given]
    if not raw.is_absolute():
        candidates.append(assets_dir / raw)
        if len(raw.parts) > 1 and raw.parts[0] == assets_dir.name:
            candidates.append(assets_dir.joinpath(*raw.parts[1:]))

    refused: Path | None = None
    for candidate in candidates:
        real = _real(candidate)
        if not allow_outside and not any(real.is_relative_to(root) for root in roots):
            refused = refused or real
            continue
        if real.is_file():
            return real
        if real.is_dir():
            raise RenderError(f"is a folder, not an {kind} file", path=candidate)
    if refused is not None:
        raise RenderError(
            f"{kind} path leaves the article's folder (it resolves to {refused}); put the {kind} beside the article "
            "or in assets/, or pass --allow-outside-paths",
            path=given,
        )
    looked = " and ".join(str(c) for c in candidates[1:]) or None
    raise RenderError(f"{kind} not found" + (f" (also looked for {looked})" if looked else ""), path=given)


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: symlink loop on Python < 3.13
        raise RenderError(f"cannot resolve path ({exc})", path=path) from None


# ------------------------------------------------------------------------------------------------------- decoding


def open_image(path: str | Path, max_pixels: int = MAX_PIXELS) -> Image.Image:
    """Open `path` lazily (header only) after the checks every image we read must pass, or raise one `RenderError`.

    Refused before any pixel is decoded: missing, a folder, empty (0 bytes), not an image or an unsupported
    format, and images over `max_pixels` (the size is read from the header, so a 20000×20000 bomb fails in
    milliseconds). Used for photos (`load_image`) and theme logos alike; the caller closes the image.
    """
    path = Path(path)
    try:
        if path.is_dir():
            raise RenderError("is a folder, not an image file", path=path)
        nbytes = path.stat().st_size
    except FileNotFoundError:
        raise RenderError("image not found", path=path) from None
    except OSError as exc:
        raise RenderError(f"cannot read image ({exc.strerror or exc})", path=path) from None
    if nbytes == 0:
        raise RenderError("image file is empty (0 bytes)", path=path)

    Image.init()
    formats = [f for f in SUPPORTED_FORMATS if f in Image.OPEN]
    try:
        with warnings.catch_warnings():
            # Pillow warns from 89 MP; our own, lower limit below gives the user-facing message.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(path, formats=formats)
    except Image.DecompressionBombError:
        raise RenderError(_too_big(None, max_pixels), path=path) from None
    except UnidentifiedImageError:
        raise RenderError(_unidentified(path), path=path) from None
    except _DECODE_ERRORS as exc:
        raise RenderError(f"image header is corrupt ({_why(exc)})", path=path) from None
    w, h = im.size
    if w * h > max_pixels:
        im.close()
        raise RenderError(_too_big((w, h), max_pixels), path=path)
    return im


def load_image(
    path: str | Path,
    max_pixels: int = MAX_PIXELS,
    *,
    target_size: Size | None = None,
    matte: RGB = (255, 255, 255),
) -> Image.Image:
    """Decode `path` into a new RGB image, or raise one `RenderError` line naming the file and the reason.

    - `open_image`'s checks come first: missing, empty, not an image, unsupported format, over `max_pixels`.
    - EXIF orientation is applied, so a phone photo shot upright comes out upright.
    - Colour modes are converted properly, not naively: CMYK (including Adobe's inverted JPEG CMYK) and RGB with
      an embedded ICC profile go through LittleCMS to sRGB; transparent images (RGBA, LA, palette with a
      transparent index) are composited over `matte` (pass the theme's background colour); 16-bit and 32-bit
      greyscale (`I;16`, `I`) are scaled from their full range instead of clipped; float (`F`) images in 0..1 are
      scaled to 0..255; 1-bit becomes black and white.
    - `target_size` (the card size the image will be fitted to) lets a much larger photo be decoded small:
      JPEG via `Image.draft` (DCT scaling, much faster than decoding then resizing) and other formats via
      `Image.reduce`, both by whole factors that keep the result at least `target_size` in each dimension, so
      a later `fit_cover` still downsamples and loses nothing visible.
    """
    path = Path(path)
    im = open_image(path, max_pixels)
    with im:
        try:
            if im.format in ("JPEG", "MPO"):  # EXIF is in the header: read it, then decode at reduced scale
                orientation = _orientation(im)
                wanted = _oriented(target_size, orientation)
                if wanted is not None:
                    im.draft(im.mode, wanted)
                im.load()
            else:  # PNG keeps EXIF anywhere, and reading it decodes the image: decode first so errors surface
                im.load()
                orientation = _orientation(im)
                wanted = _oriented(target_size, orientation)
            out = im
            if wanted is not None and im.mode in ("RGB", "CMYK", "L"):  # before conversion: fewer pixels to convert
                out = _reduce(im, wanted)
            out = _to_rgb(out, matte)
            if wanted is not None:  # other modes: after flattening, so transparent edges average correctly
                out = _reduce(out, wanted)
            if orientation in _TRANSPOSE:
                out = out.transpose(_TRANSPOSE[orientation])
            if out is im:
                out = im.copy()  # closing `im` invalidates its pixels
        except MemoryError:
            raise RenderError("not enough memory to decode image", path=path) from None
        except Image.DecompressionBombError:
            raise RenderError(_too_big(im.size, max_pixels), path=path) from None
        except _DECODE_ERRORS as exc:
            raise RenderError(f"image is corrupt or truncated ({_why(exc)})", path=path) from None
    out.info = {}
    return out


def _reduce(im: Image.Image, wanted: Size) -> Image.Image:
    """Shrink by the largest whole factor that keeps both sides at least `wanted` (box average: fast, clean)."""
    factor = min(im.width // wanted[0], im.height // wanted[1])
    if factor < 2:
        return im
    out = im.reduce(factor)
    out.info = im.info  # keep the ICC profile for the colour conversion that follows
    return out


def _too_big(size: Size | None, max_pixels: int) -> str:
    limit = f"the {max_pixels / 1e6:g} MP limit"
    if size is None:
        bomb = 2 * (Image.MAX_IMAGE_PIXELS or 0) / 1e6
        return f"image is too large to decode safely (over Pillow's {bomb:.0f} MP bomb limit)"
    w, h = size
    return f"image is {w}×{h} pixels ({w * h / 1e6:.0f} MP), over {limit}; scale it down before use"


def _why(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


def _unidentified(path: Path) -> str:
    """Say what the file is when it is not a supported image (editors rename files, phones save HEIC)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError as exc:
        return f"cannot read image ({exc.strerror or exc})"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftyphevc", b"ftypmif1", b"ftypmsf1"):
        return "HEIC/HEIF photos are not supported; export the photo as JPEG or PNG"
    if head.startswith(b"%!PS") or head.startswith(b"%PDF"):
        return "is a PostScript/PDF document, not a photo; export it as JPEG or PNG"
    try:
        decoded = head.decode("utf-8")
    except UnicodeDecodeError:
        decoded = None
    if decoded is not None and all(ch.isprintable() or ch in "\r\n\t" for ch in decoded):
        return "not an image: the file contains text"
    supported = ", ".join(f for f in SUPPORTED_FORMATS if f != "MPO")
    return f"not a recognised image (supported: {supported})"


def _orientation(im: Image.Image) -> int:
    try:
        value = im.getexif().get(_ORIENTATION_TAG, 1)
    except _DECODE_ERRORS:  # a broken EXIF block must not make a decodable photo unusable
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _oriented(size: Size | None, orientation: int) -> Size | None:
    """`size` expressed in the file's stored (pre-rotation) orientation."""
    if size is None:
        return None
    w, h = max(1, int(size[0])), max(1, int(size[1]))
    return (h, w) if orientation in _SIDEWAYS else (w, h)


# The table ImageOps.exif_transpose uses, applied here after draft/reduce/conversion (which drop EXIF) so the
# rotation touches the fewest pixels.
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _to_rgb(im: Image.Image, matte: RGB) -> Image.Image:
    mode = im.mode
    if mode == "RGB":
        return _icc_to_srgb(im, "RGB")
    if mode == "CMYK":
        return _icc_to_srgb(im, "CMYK")
    if mode in ("1", "L"):
        return im.convert("RGB")
    if mode == "P":
        return _composite(im.convert("RGBA"), matte) if "transparency" in im.info else im.convert("RGB")
    if mode in ("PA", "LA", "La", "RGBA", "RGBa"):
        return _composite(im.convert("RGBA"), matte)
    if mode.startswith("I") or mode == "F":
        return _grey_to_rgb(im)
    try:
        return im.convert("RGB")  # YCbCr, HSV, RGBX, ...
    except ValueError:
        raise ValueError(f"unsupported colour mode {mode}") from None


def _composite(rgba: Image.Image, matte: RGB) -> Image.Image:
    """Flatten transparency over `matte`: what the image looks like placed on the theme's background."""
    out = Image.new("RGB", rgba.size, tuple(matte))
    out.paste(rgba, mask=rgba.getchannel("A"))
    return out


def _grey_to_rgb(im: Image.Image) -> Image.Image:
    """Scale wide greyscale to 8 bits by its range (Pillow's own `convert("L")` clips everything over 255).

    `I;16*` is 16-bit by definition. `I` (32-bit int, which older Pillow used for 16-bit PNGs) is read as
    16-bit when any value exceeds 255, else as 8-bit. `F` is read as 0..1 when its maximum is at most 1.
    """
    a = np.asarray(im).astype(np.float64)
    a = np.nan_to_num(a, nan=0.0, posinf=0.0, neginf=0.0)
    peak = float(a.max()) if a.size else 0.0
    if im.mode.startswith("I;16") or (im.mode == "I" and peak > 255):
        a = a / 257.0
    elif im.mode == "F" and peak <= 1.0:
        a = a * 255.0
    grey = np.clip(np.rint(a), 0, 255).astype(np.uint8)
    return Image.fromarray(grey).convert("RGB")


@functools.cache
def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _icc_to_srgb(im: Image.Image, mode: str) -> Image.Image:
    """Convert through the embedded ICC profile when there is one (Adobe RGB, Display P3, press CMYK).

    Without a profile, RGB is assumed sRGB and CMYK gets Pillow's plain formula. A broken profile falls back to
    the same, since the pixels themselves are fine.
    """
    icc = im.info.get("icc_profile")
    if icc:
        try:
            if mode == "RGB":
                lut = _rgb_profile_lut(bytes(icc))
                return im if lut is None else im.filter(lut)
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(im, profile, _srgb(), outputMode="RGB")
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass
    return im if mode == "RGB" else im.convert("RGB")


_LUT_NODES = 52  # 255 = 51 * 5: every grid node is an exact 8-bit value


@functools.lru_cache(maxsize=16)
def _rgb_profile_lut(icc: bytes) -> ImageFilter.Color3DLUT | None:
    """The profile -> sRGB conversion as a 3D lookup table, or None when the profile already is sRGB.

    LittleCMS converts ~12 ns/pixel here; sampling it once on a 52³ grid and applying the table with Pillow's
    trilinear `Color3DLUT` is 3-4x faster per card, and indistinguishable (mean error 0.2 levels of 255).
    """
    profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    if "srgb" in (ImageCms.getProfileDescription(profile) or "").lower():
        return None
    transform = ImageCms.buildTransform(profile, _srgb(), "RGB", "RGB")
    steps = np.arange(_LUT_NODES, dtype=np.uint8) * (255 // (_LUT_NODES - 1))
    b, g, r = np.meshgrid(steps, steps, steps, indexing="ij")  # Color3DLUT wants red varying fastest
    grid = Image.fromarray(np.stack([r, g, b], axis=-1).reshape(1, -1, 3))
    table = np.asarray(transform.apply(grid), dtype=np.float64).reshape(-1, 3) / 255.0
    return ImageFilter.Color3DLUT(_LUT_NODES, table.ravel().tolist())


# -------------------------------------------------------------------------------------------------------- fitting


def _resample(scale: float) -> Image.Resampling:
    """LANCZOS when shrinking (sharpest); BICUBIC when enlarging a small photo (less ringing around edges)."""
    return Image.Resampling.BICUBIC if scale > 1.0 else Image.Resampling.LANCZOS


def _clamp01(v: float) -> float:
    return min(1.0, max(0.0, float(v)))


def cover_box(image_size: Size, size: Size, focus: Sequence[float] = (0.5, 0.5)) -> tuple[float, float, float, float]:
    """The source rectangle (float, image pixels) that `fit_cover` scales up/down to fill `size`.

    The crop has the target's aspect ratio, is as large as the image allows, and is centred on `focus`
    (fractions of the image, (0, 0) top left) as far as the image edges permit. Exposed for motion effects
    that want to pan inside the same crop.
    """
    w, h = image_size
    tw, th = size
    scale = max(tw / w, th / h)
    cw, ch = min(w, tw / scale), min(h, th / scale)
    fx, fy = _clamp01(focus[0]), _clamp01(focus[1])
    x0 = min(max(fx * w - cw / 2, 0.0), w - cw)
    y0 = min(max(fy * h - ch / 2, 0.0), h - ch)
    return (x0, y0, x0 + cw, y0 + ch)


def fit_cover(img: Image.Image, size: Size, focus: Sequence[float] = (0.5, 0.5)) -> Image.Image:
    """Scale and crop `img` to exactly fill `size` (no bars), keeping `focus` (x, y in 0..1) in frame.

    With the default centre focus a portrait photo on a landscape card loses equal parts top and bottom; with
    `focus=(0.5, 0.2)` the crop slides up to keep a face near the top. Returns a new RGB image.
    """
    size = (int(size[0]), int(size[1]))
    box = cover_box(img.size, size, focus)
    scale = size[0] / (box[2] - box[0])
    gap = 2.0 if scale < 0.5 else None  # big reductions: a fast box-reduce first, then LANCZOS (same look)
    return _rgb(img).resize(size, _resample(scale), box=box, reducing_gap=gap)


def contain_box(image_size: Size, size: Size, anchor: Sequence[float] = (0.5, 0.5)) -> tuple[int, int, int, int]:
    """Where `fit_contain_blur` puts the whole image inside `size`: (left, top, right, bottom) in card pixels.

    `anchor` places it in the free space (0.5, 0.5 centred; (0.5, 0) at the top, leaving room for text below).
    The renderer can use the box to put the credit over the photo itself.
    """
    w, h = image_size
    tw, th = size
    scale = min(tw / w, th / h)
    fw, fh = max(1, min(tw, round(w * scale))), max(1, min(th, round(h * scale)))
    left = round((tw - fw) * _clamp01(anchor[0]))
    top = round((th - fh) * _clamp01(anchor[1]))
    return (left, top, left + fw, top + fh)


def fit_contain_blur(
    img: Image.Image,
    size: Size,
    *,
    anchor: Sequence[float] = (0.5, 0.5),
    blur: float = 0.04,
    darken: float = 0.4,
) -> Image.Image:
    """The whole of `img` fitted inside `size`, the rest filled with a blurred, darkened cover of the same image.

    For photos whose composition must not be cropped (charts, group shots, portrait photos on landscape cards).
    `blur` is the blur radius as a fraction of the card's short side; `darken` (0..1) dims the fill so the photo
    stands out and white text over the fill stays legible. The fill is blurred at 1/8 scale and enlarged, which
    looks the same as blurring at full size and is ~50x cheaper.
    """
    size = (int(size[0]), int(size[1]))
    img = _rgb(img)
    small = (max(1, size[0] // 8), max(1, size[1] // 8))
    fill = fit_cover(img, small).filter(ImageFilter.GaussianBlur(max(0.5, blur * min(size) / 8)))
    if darken > 0:  # dimming commutes with the enlargement, so do it on 1/64 of the pixels
        keep = 1.0 - _clamp01(darken)
        fill = fill.point([round(v * keep) for v in range(256)] * 3)
    fill = fill.resize(size, Image.Resampling.BICUBIC)
    box = contain_box(img.size, size, anchor)
    fw, fh = box[2] - box[0], box[3] - box[1]
    scale = fw / img.width
    gap = 2.0 if scale < 0.5 else None
    fill.paste(img.resize((fw, fh), _resample(scale), reducing_gap=gap), box[:2])
    return fill


def _rgb(img: Image.Image) -> Image.Image:
    return img if img.mode == "RGB" else img.convert("RGB")
