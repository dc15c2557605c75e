"""Carousel export: numbered card images, optional PDF, a contact sheet, the post caption and a manifest.

Instagram allows `preset.max_items` cards per post, so longer stories are written as numbered sets
(`part-1/`, `part-2/`, ...) of balanced size. All files are staged, then swapped in as a whole
(`fileio.staged`): a rerun replaces or removes only the files its own previous manifest proves it wrote.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import zlib
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from .. import __version__
from ..article import Article
from ..cards.card import Card
from ..config.presets import Preset
from ..config.settings import ImageFormat
from ..errors import OutputError
from ..fileio import sha256_of
from ..fileio.staged import StagedDir, first_blocked
from ..reporting import Reporter, reporter_or_quiet
from ..unicodetext import for_metadata

EXTENSIONS = {"png": "png", "jpeg": "jpg", "webp": "webp"}
CAPTION_LIMIT = 2200  # Instagram's caption limit in characters
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class CarouselOptions:
    format: ImageFormat = "png"
    pdf: bool = False
    contact_sheet: bool = True
    quality: int = 92


@dataclass
class CarouselResult:
    out_dir: Path
    images: list[Path]
    parts: int
    pdf: Path | None
    manifest: Path


def split_parts(count: int, limit: int) -> list[range]:
    """Index ranges of balanced parts, none longer than `limit` (e.g. 23 cards at 20 -> 12 + 11)."""
    parts = max(1, math.ceil(count / max(1, limit)))
    base, extra = divmod(count, parts)
    out, start = [], 0
    for i in range(parts):
        size = base + (1 if i < extra else 0)
        out.append(range(start, start + size))
        start += size
    return out


def alt_text(card: Card) -> str:
    """Alt text for screen readers: what the picture shows, then the words on the card."""
    parts = []
    if card.alt:
        parts.append(card.alt.rstrip(".") + ".")
    if card.heading:
        parts.append(card.heading.rstrip(".") + ".")
    parts.extend(card.body)
    if card.credit:
        parts.append(f"Photo: {card.credit}.")
    return for_metadata(" ".join(parts))


def credit_summary(article: Article) -> str | None:
    """`Photos: A (slides 1-3, 5); B (slide 4)`, or `Photos: A` when one credit covers every slide."""
    by_credit: dict[str, list[int]] = {}
    for i, slide in enumerate(article.slides):
        if slide.credit:
            by_credit.setdefault(slide.credit, []).append(article.display_number(i))
    if not by_credit:
        return None
    credited = sum(len(v) for v in by_credit.values())
    if len(by_credit) == 1 and credited == len(article.slides):
        return f"Photos: {next(iter(by_credit))}"
    items = []
    for credit, numbers in by_credit.items():
        label = "slide" if len(numbers) == 1 else "slides"
        items.append(f"{credit} ({label} {_ranges(numbers)})")
    return "Photos: " + "; ".join(items)


def _ranges(numbers: list[int]) -> str:
    numbers = sorted(set(numbers))
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def post_caption(article: Article) -> tuple[str, list[str]]:
    """The post caption: title, intro and every photo credit (editors must credit photos in the post)."""
    warnings = []
    tail = [line for line in (credit_summary(article), f"Source: {article.source}" if article.source else None) if line]
    head = [article.title, *article.intro]
    text = "\n\n".join([*head, "\n".join(tail)] if tail else head)
    if len(text) > CAPTION_LIMIT:
        budget = CAPTION_LIMIT - len("\n\n".join(["\n".join(tail)])) - len(article.title) - 6
        intro = " ".join(article.intro)
        cut = intro[: max(0, budget)].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        text = "\n\n".join([article.title, cut, "\n".join(tail)])
        warnings.append(f"caption shortened to Instagram's {CAPTION_LIMIT} characters (intro cut)")
        if len(text) > CAPTION_LIMIT:  # a very long title or credit list: cutting the intro was not enough
            text = text[: CAPTION_LIMIT - 1].rstrip() + "…"
            warnings.append("caption cut at the limit: the title or photo credits alone are too long")
    return for_metadata(text) + "\n", warnings


def contact_sheet(images: list[Image.Image], thumb_width: int = 270, gap: int = 12) -> Image.Image:
    """All cards in a grid, in order, for a quick look before posting."""
    cols = max(1, math.ceil(math.sqrt(len(images))))
    rows = math.ceil(len(images) / cols)
    w, h = images[0].size
    # Thumbnails fit a thumb_width x 2*thumb_width box: a 64x8192 card would make a sheet taller than JPEG allows.
    scale = min(thumb_width / w, 2 * thumb_width / h)
    thumb_width, th = max(1, round(w * scale)), max(1, round(h * scale))
    sheet = Image.new("RGB", (cols * (thumb_width + gap) + gap, rows * (th + gap) + gap), (236, 236, 236))
    for i, img in enumerate(images):
        thumb = img.convert("RGB").resize((thumb_width, th), Image.Resampling.LANCZOS)
        sheet.paste(thumb, (gap + (i % cols) * (thumb_width + gap), gap + (i // cols) * (th + gap)))
    return sheet


def save_image(img: Image.Image, path: Path, fmt: ImageFormat, quality: int) -> None:
    """Deterministic encodes: no timestamps or other varying metadata."""
    rgb = img.convert("RGB")
    if fmt == "png":
        # zlib's run-length strategy: a third less time than level 3's default strategy; on the seed's cards,
        # photo cards come out 6 % smaller (1.22 MB) and designed backgrounds 24 % larger (1.03 MB).
        rgb.save(path, "PNG", compress_level=3, compress_type=zlib.Z_RLE)
    elif fmt == "jpeg":
        rgb.save(path, "JPEG", quality=quality, optimize=True, progressive=True, subsampling=0)
    else:
        rgb.save(path, "WEBP", quality=quality, method=4)


def save_pdf(images: list[Image.Image], path: Path) -> None:
    """One page per card, every page the card's size in points (LinkedIn document posts)."""
    pages = [img.convert("RGB") for img in images]
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=72.0, quality=92)


#: The manifest's `generator`: only a manifest that says so is trusted to name files the tool may remove.
GENERATOR = "slide2video"


def _previous_files(out_dir: Path) -> dict[str, str]:
    """The files (name -> SHA-256) our own previous manifest in `out_dir` says we wrote; {} for any other
    `manifest.json` (another tool's, or a hand-written one), which names nothing we may delete."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("generator") != GENERATOR or not isinstance(data.get("hashes"), dict):
        return {}
    return {str(k): str(v) for k, v in data["hashes"].items() if isinstance(k, str) and isinstance(v, str)}


def _check_owned(out_dir: Path, names: list[str]) -> dict[str, str]:
    """Refuse, before any work, to replace a file the tool cannot prove it wrote: another program's
    `manifest.json`, cards and sheets in a folder without our manifest, a card edited since, a folder where a
    card goes. Returns what our previous manifest proves (name -> SHA-256, the manifest itself included)."""
    previous = _previous_files(out_dir)
    if previous:
        with contextlib.suppress(OSError):
            previous[MANIFEST] = sha256_of(out_dir / MANIFEST)
    blocked = first_blocked(out_dir, [MANIFEST, *names], previous)
    if blocked is not None:
        raise OutputError(
            f"holds {blocked[0]}, which slide2video did not write ({blocked[1]}); "
            "choose an empty or new folder, or move it away",
            path=out_dir,
        )
    return previous


def write_carousel(
    cards: Sequence[Card],
    article: Article,
    preset: Preset,
    out_dir: str | Path,
    options: CarouselOptions | None = None,
    reporter: Reporter | None = None,
) -> CarouselResult:
    """Write the carousel for `cards` into `out_dir` (created if needed); a shortened caption is a warning.

    Each card is asked for once, in order (a `CardDeck` draws it then), and its image is encoded in a worker
    thread while the next card is drawn: Pillow's encoders release the GIL, so drawing and encoding share
    the cores.
    """
    options = options or CarouselOptions()
    out_dir = Path(out_dir)
    ext = EXTENSIONS[options.format]
    parts = split_parts(len(cards), preset.max_items)
    digits = max(2, len(str(max(len(p) for p in parts))))
    caption, warnings = post_caption(article)
    reporter_or_quiet(reporter).warn_all(warnings)
    entries: list[dict[str, Any]] = []
    names = [
        f"{f'part-{p}/' if len(parts) > 1 else ''}{n:0{digits}d}.{ext}"
        for p, idx in enumerate(parts, start=1)
        for n in range(1, len(idx) + 1)
    ]
    sheets = [
        "caption.txt",
        *(["contact-sheet.jpg"] if options.contact_sheet else []),
        *(["carousel.pdf"] if options.pdf else []),
    ]
    previous = _check_owned(out_dir, [*names, *sheets])
    images: list[Image.Image] = []
    with StagedDir(out_dir) as stage, ThreadPoolExecutor(max(1, min(4, os.cpu_count() or 1))) as pool:
        encodes: list[Future[None]] = []
        for p, indices in enumerate(parts, start=1):
            prefix = f"part-{p}/" if len(parts) > 1 else ""
            for n, i in enumerate(indices, start=1):
                card = cards[i]
                images.append(card.image)
                name = f"{prefix}{n:0{digits}d}.{ext}"
                encodes.append(pool.submit(save_image, card.image, stage.path(name), options.format, options.quality))
                entries.append(
                    {
                        "file": name,
                        "part": p,
                        "kind": card.kind,
                        "slide": card.number,
                        "heading": for_metadata(card.heading) if card.heading else card.heading,
                        "alt": alt_text(card),
                        "credit": for_metadata(card.credit) if card.credit else card.credit,
                    }
                )
        pdf_name = "carousel.pdf" if options.pdf else None
        if pdf_name:
            encodes.append(pool.submit(save_pdf, images, stage.path(pdf_name)))
        if options.contact_sheet:
            sheet = contact_sheet(images)
            encodes.append(pool.submit(sheet.save, stage.path("contact-sheet.jpg"), "JPEG", quality=85, optimize=True))
        for done in encodes:
            done.result()  # the first failure (a full disk, say) is raised here; the stage is then removed
        stage.path("caption.txt").write_text(caption, encoding="utf-8")
        files = [*stage.written, MANIFEST]
        manifest = {
            "generator": GENERATOR,
            "version": __version__,
            "title": for_metadata(article.title),
            "preset": preset.name,
            "size": list(preset.size),
            "format": options.format,
            "parts": len(parts),
            "pdf": pdf_name,
            "cards": entries,
            "files": files,
            "hashes": stage.digests(),  # proves later which files are ours, unchanged, to remove when stale
        }
        stage.path(MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        stage.commit(previous)
    return CarouselResult(
        out_dir=out_dir,
        images=[out_dir / e["file"] for e in entries],
        parts=len(parts),
        pdf=out_dir / pdf_name if pdf_name else None,
        manifest=out_dir / MANIFEST,
    )
