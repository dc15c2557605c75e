"""Drawing cards: each `CardSpec` becomes one `Card`, drawn once.

A card is two layers so that video motion can move the photo under still text:

- `background` (RGB): the photo fitted to the card (cover or contain-blur), or a designed background;
  with `background.area: top` the photo sits framed in the upper part on the theme's paper.
- `overlay` (RGBA): scrim, accent bar, headline, body, credit label, counter and logo.

Geometry: all text stays inside the preset's safe zone. Corner items (logo, counter, credit) are placed first,
stacked inwards from their corners without overlapping; the text block takes the safe area that is left,
anchored top, centre or bottom. Sizes in themes are for a 1080-pixel short side and scale with the card.
Legibility is measured: after the scrim, the WCAG contrast of headline and body colours against the actual
pixels behind them must reach `min_contrast` (4.5:1); the scrim is strengthened until it does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PIL import Image, ImageDraw

from ..article import Article
from ..config.presets import Preset
from ..config.theme import Theme
from ..errors import RenderError
from ..paths import data_dir
from ..reporting import Reporter, reporter_or_quiet
from .backgrounds import designed_background
from .card import Card
from .contrast import WCAG_AA, best_scrim_color, contrast_ratio, ensure_contrast, worst_contrast
from .corners import CornerItem, contrasting, legible_backing, place_items, shift, text_region, to_rgb, to_rgba
from .fonts import FontStack
from .images import fit_contain_blur, fit_cover, load_image, open_image, resolve_image
from .layout import TextBlock, draw_text_block, fit_text
from .plan import CardSpec, plan_cards

#: Where a crop centres when the slide gives no `focus`: slightly above the middle, where faces and subjects
#: of news photos usually are.
DEFAULT_FOCUS = (0.5, 0.4)

RGB = tuple[int, int, int]
RGBA = tuple[int, int, int, int]
Rect = tuple[int, int, int, int]  # left, top, right, bottom


@dataclass(frozen=True)
class RenderOptions:
    """Choices that are not part of the look: which extra cards, how to treat paths and bad photos."""

    cover: bool | None = None  # None: as the theme says
    end: bool | None = None
    allow_outside_paths: bool = False
    bad_images: str = "error"  # "error": stop with the file's one-line error; "warn": theme background instead
    min_contrast: float = WCAG_AA


def render_cards(
    article: Article,
    theme: Theme | str | Path = "news",
    preset: Preset | str = "ig-portrait",
    options: RenderOptions | None = None,
    reporter: Reporter | None = None,
) -> list[Card]:
    """All cards of `article` (cover, slides, end card) drawn with `theme` at `preset`'s size.

    `theme` is a built-in name, a theme file or a loaded `Theme`; `preset` a name, `WIDTHxHEIGHT` or a `Preset`.
    Warnings (a cut headline, a skipped photo, low contrast) and progress ("cards", done, total) go to `reporter`.
    """
    from ..config.presets import get_preset
    from ..config.theme import load_theme

    theme = theme if isinstance(theme, Theme) else load_theme(str(theme))
    preset = preset if isinstance(preset, Preset) else get_preset(preset)
    options = options or RenderOptions()
    report = reporter_or_quiet(reporter)
    renderer = CardRenderer(article, theme, preset, options, report)
    specs = plan_cards(article, theme, cover=options.cover, end=options.end)
    cards = []
    for done, spec in enumerate(specs, 1):
        cards.append(renderer.render(spec))
        report.progress("cards", done, len(specs))
    return cards


class CardRenderer:
    """Draws the cards of one article; caches the photos and fonts it shares between cards."""

    def __init__(
        self, article: Article, theme: Theme, preset: Preset, options: RenderOptions, reporter: Reporter | None = None
    ) -> None:
        self.article, self.theme, self.preset, self.options = article, theme, preset, options
        self.reporter = reporter_or_quiet(reporter)
        self.size = preset.size
        w, h = self.size
        self.scale = min(w, h) / 1080.0
        colors = theme.colors
        self.text_rgb = to_rgb(colors.text)
        self.body_rgb = to_rgb(colors.body_text)
        self.paper = to_rgb(colors.background)
        self.palette = [colors.background, colors.accent, colors.secondary]
        base = theme.base_dir
        self.fonts = {
            role: FontStack.of(getattr(theme.fonts, role), base=base)
            for role in ("headline", "body", "credit", "counter")
        }
        self._photos: dict[str, Image.Image | None] = {}
        self._fitted: tuple[tuple[str | None, tuple[float, float]], Image.Image] | None = None
        self._logo = self._load_logo()

    # ----------------------------------------------------------------------------------------------- helpers

    def px(self, value: float) -> int:
        return max(1, round(value * self.scale))

    def size_range(self, rng: tuple[int, int], factor: float = 1.0) -> tuple[int, int]:
        lo, hi = (max(6, round(v * self.scale * factor)) for v in rng)
        return lo, max(lo, hi)

    def _load_logo(self) -> Image.Image | None:
        logo = self.theme.logo
        path = self.theme.resolve_logo()
        if path is None:
            return None
        if not path.is_file():
            raise RenderError("logo image not found", path=path)
        try:
            with open_image(path) as img:  # the same checks as photos: size from the header, formats, bombs
                img.load()
                rgba = img.convert("RGBA")
        except RenderError as exc:
            raise RenderError(f"logo: {exc.message.removeprefix(f'{path}: ')}", path=path) from None
        except (OSError, SyntaxError, ValueError) as exc:
            raise RenderError(f"logo is not a readable image ({exc})", path=path) from None
        width = max(8, round(self.size[0] * logo.width))
        height = max(1, round(rgba.height * width / rgba.width))
        rgba = rgba.resize((width, height), Image.Resampling.LANCZOS)
        if logo.opacity < 1.0:
            alpha = rgba.getchannel("A").point(lambda a: round(a * logo.opacity))
            rgba.putalpha(alpha)
        result: Image.Image | None = rgba
        return result

    def photo(self, spec: CardSpec, warnings: list[str]) -> Image.Image | None:
        """The slide's photo decoded once per article (cover and slide 1 often share it)."""
        if not spec.image:
            return None
        if spec.image not in self._photos:
            try:
                path = resolve_image(
                    spec.image,
                    self.article.base_dir,
                    data_dir("assets"),
                    allow_outside=self.options.allow_outside_paths,
                )
                self._photos[spec.image] = load_image(path, target_size=self.size, matte=self.paper)
            except RenderError as exc:
                if self.options.bad_images != "warn":
                    raise
                warnings.append(f"{spec.label}: {exc.message}; using the theme background")
                self._photos[spec.image] = None
        return self._photos[spec.image]

    # ----------------------------------------------------------------------------------------------- drawing

    def render(self, spec: CardSpec) -> Card:
        warnings: list[str] = []
        w, h = self.size
        theme = self.theme
        photo = self.photo(spec, warnings)
        full_bleed = photo is not None and theme.background.area == "full"

        items = self._corner_items(spec, has_photo=photo is not None)
        region = text_region(items, self._content_box(), self.px(24))
        blocks = self._text_blocks(spec, region, warnings)
        text_rect = self._place_blocks(blocks, region)

        background = self._background(spec, photo, text_rect)
        scrim, ratio = self._scrim(background, blocks, text_rect)
        overlay = scrim if scrim is not None else Image.new("RGBA", (w, h), (0, 0, 0, 0))
        labels = [i for i in items + [b.item for b in blocks if b.item is not None] if i.draw is not None]
        # What each label sits on (photo + scrim, before any text), composited for its own rect only.
        under = [_composite(background, overlay, item.rect) for item in labels]
        self._draw_text(overlay, blocks)
        for item, beneath in zip(labels, under, strict=True):
            assert item.draw is not None
            item.draw(overlay, beneath, item.rect)
        image = flatten(background, overlay)
        if ratio < self.options.min_contrast:
            warnings.append(f"{spec.label}: text contrast only {ratio:.2f}:1 (theme colours too close)")
        self.reporter.warn_all(warnings)
        return Card(
            kind=spec.kind,
            image=image,
            slide_index=spec.slide_index,
            number=spec.number,
            heading=spec.heading,
            body=list(spec.body),
            credit=spec.credit,
            alt=spec.alt,
            words=spec.words,
            background=background if full_bleed else None,
            overlay=overlay if full_bleed else None,
            contrast=ratio,
            text_boxes=[b.rect for b in blocks],
            item_boxes={i.kind: i.rect for i in items},
        )

    def _background(self, spec: CardSpec, photo: Image.Image | None, text_rect: Rect) -> Image.Image:
        w, h = self.size
        style = self.theme.background
        if photo is not None and style.area == "full":
            focus = spec.focus or DEFAULT_FOCUS
            key = (spec.image, focus)
            if self._fitted is not None and self._fitted[0] == key:  # the cover and slide 1: one resize
                return self._fitted[1]
            fit = fit_contain_blur if style.fit == "contain-blur" else None
            fitted = fit(photo, self.size, anchor=focus) if fit else fit_cover(photo, self.size, focus=focus)
            self._fitted = (key, fitted)  # read-only from here: cards share it
            return fitted
        paper = designed_background(self.size, style.designed, self.palette, seed=spec.seed)
        if photo is None:
            return paper
        inset = round(style.inset * w)
        bottom = min(round(style.area_height * h), text_rect[1] - self.px(36))
        bottom = max(bottom, inset + round(0.2 * h))
        box = (inset, inset, w - inset, bottom)
        framed = fit_cover(photo, (box[2] - box[0], box[3] - box[1]), focus=spec.focus or DEFAULT_FOCUS)
        paper.paste(framed, box[:2])
        return paper

    # --------------------------------------------------------------------------------------------- geometry

    def _content_box(self) -> Rect:
        w, h = self.size
        left, top, right, bottom = self.preset.safe_box()
        pad = round(self.theme.text.padding * min(w, h))
        return (max(left, pad), max(top, pad), min(right, w - pad), min(bottom, h - pad))

    def _corner_items(self, spec: CardSpec, has_photo: bool) -> list[CornerItem]:
        theme = self.theme
        items: list[CornerItem] = []
        if self._logo is not None:
            logo = self._logo

            def draw_logo(overlay: Image.Image, _base: Image.Image, rect: Rect, logo: Image.Image = logo) -> None:
                overlay.alpha_composite(logo, rect[:2])

            items.append(CornerItem("logo", logo.size, theme.logo.position, draw=draw_logo))
        if spec.counter:
            items.append(
                self._label_item(
                    "counter",
                    spec.counter,
                    theme.counter.position,
                    self.fonts["counter"],
                    theme.counter.size,
                    theme.colors.counter_text,
                    theme.colors.counter_background,
                )
            )
        if spec.credit and has_photo:  # a credit on a card that shows no photo would credit the wrong thing
            text = f"{theme.credit.label} {spec.credit}".strip()
            items.append(
                self._label_item(
                    "credit",
                    text,
                    theme.credit.position,
                    self.fonts["credit"],
                    theme.credit.size,
                    theme.colors.credit_text,
                    theme.colors.credit_background,
                )
            )
        place_items(items, self._content_box(), self.px(14))
        return items

    def _label_item(
        self, kind: str, text: str, corner: str, stack: FontStack, size: int, fg: str, bg: str
    ) -> CornerItem:
        """A small text label with its own backing, legible on any photo (its backing is strengthened)."""
        x0, _, x1, _ = self._content_box()
        pad_x, pad_y = self.px(14), self.px(8)
        max_w = round((x1 - x0) * 0.6) - 2 * pad_x
        px = max(6, round(size * self.scale))
        block = fit_text(text, max_w, px * 1.6, stack, max(6, round(px * 0.75)), px, line_height=1.1, max_lines=1)
        bw, bh = round(block.bbox[2]) + 2 * pad_x, round(block.height) + 2 * pad_y
        fg_rgb, bg_rgba = to_rgb(fg), to_rgba(bg)
        target = self.options.min_contrast

        def draw(overlay: Image.Image, under: Image.Image, rect: Rect) -> None:
            # `under`: what lies beneath the label's rect (photo + scrim), cropped to it
            backing = legible_backing(under, (0, 0, *under.size), fg_rgb, bg_rgba, target)
            layer = Image.new("RGBA", (rect[2] - rect[0], rect[3] - rect[1]), (0, 0, 0, 0))
            if backing[3] > 0:
                radius = min(bh // 2, self.px(10))
                ImageDraw.Draw(layer).rounded_rectangle((0, 0, *layer.size), radius=radius, fill=backing)
            draw_text_block(layer, block, (pad_x, pad_y - block.bbox[1]), fill=fg_rgb)
            overlay.alpha_composite(layer, dest=rect[:2])

        return CornerItem(kind, (bw, bh), corner, draw=draw)

    def _text_blocks(self, spec: CardSpec, region: Rect, warnings: list[str]) -> list[_Block]:
        """Fit kicker, accent bar, headline and body into the region's width and the theme's height budget."""
        style = self.theme.text
        x0, top, x1, bottom = region
        width = x1 - x0
        budget = min(bottom - top, round(style.max_height * (self.preset.safe_box()[3] - self.preset.safe_box()[1])))
        if spec.kind in ("cover", "end"):
            budget = bottom - top
        align: Literal["center", "start"] = "center" if style.align == "center" or spec.kind == "end" else "start"
        blocks: list[_Block] = []
        used = 0
        gap = self.px(22)
        if spec.kicker:
            kicker = self._label_item(
                "kicker",
                spec.kicker.upper(),
                "top-left",
                self.fonts["counter"],
                round(self.theme.counter.size * 0.9),
                contrasting(self.theme.colors.accent),
                self.theme.colors.accent,
            )
            blocks.append(_Block("kicker", None, kicker.size[0], kicker.size[1], item=kicker))
            used += kicker.size[1] + gap
        elif style.accent_bar and spec.kind == "slide":
            bar = (self.px(88), self.px(8))
            blocks.append(_Block("bar", None, bar[0], bar[1]))
            used += bar[1] + gap
        heading = spec.heading.upper() if style.uppercase_headline else spec.heading
        factor = 1.15 if spec.kind == "cover" else 1.0
        lo, hi = self.size_range(style.headline_size, factor)
        has_body = bool(spec.body) or bool(spec.footer and spec.kind == "cover")
        share = 0.5 if has_body else 1.0
        head = fit_text(
            heading,
            width,
            max(lo, (budget - used) * share),
            self.fonts["headline"],
            lo,
            hi,
            line_height=style.line_height,
            max_lines=style.headline_max_lines,
            balance=True,
            align=align,
        )
        warnings.extend(f"{spec.label}: headline {w}" for w in head.warnings)
        blocks.append(_Block("headline", head, width, round(head.bbox[3])))
        used += round(head.bbox[3])
        body_text: Sequence[str] = spec.body if spec.kind == "slide" else ((spec.footer,) if spec.footer else ())
        if body_text:
            lo, hi = self.size_range(style.body_size)
            room = budget - used - gap
            if room >= lo * 1.5:
                body = fit_text(
                    list(body_text),
                    width,
                    room,
                    self.fonts["body"],
                    lo,
                    hi,
                    line_height=1.32,
                    align=align,
                    paragraph_spacing=0.55,
                )
                warnings.extend(f"{spec.label}: body {w}" for w in body.warnings)
                blocks.append(_Block("body", body, width, round(body.bbox[3])))
            else:
                warnings.append(f"{spec.label}: no room left for the body text; it is left off this card")
        return blocks

    def _place_blocks(self, blocks: list[_Block], region: Rect) -> Rect:
        x0, top, x1, bottom = region
        gap = self.px(22)
        total = sum(b.height for b in blocks) + gap * (len(blocks) - 1)
        position = self.theme.text.position
        if position == "top":
            y = top
        elif position == "center":
            y = top + max(0, (bottom - top - total) // 2)
        else:
            y = bottom - total
        y = max(top, y)
        centred = self.theme.text.align == "center"
        for block in blocks:
            bx = x0 + ((x1 - x0 - block.width) // 2 if centred and block.kind in ("bar", "kicker") else 0)
            block.rect = (bx, y, bx + block.width, y + block.height)
            if block.item is not None:
                block.item.rect = block.rect
            y += block.height + gap
        return (x0, blocks[0].rect[1], x1, blocks[-1].rect[3])

    # ------------------------------------------------------------------------------------------- legibility

    def _scrim(
        self, background: Image.Image, blocks: list[_Block], text_rect: Rect
    ) -> tuple[Image.Image | None, float]:
        """The weakest scrim in the theme's style that makes every text block reach the contrast target."""
        w, h = self.size
        style = self.theme.text
        target = self.options.min_contrast
        texts = [
            (b.ink_rect(), self.text_rgb if b.kind == "headline" else self.body_rgb)
            for b in blocks
            if b.block is not None and b.block.lines  # fit_text returns no lines when nothing fits (warned)
        ]
        if not texts:
            return None, 21.0
        pad = self.px(28)
        panel = style.panel
        scrim_rgb = to_rgb(self.theme.colors.scrim)
        if panel == "none":
            ratio = min(worst_contrast(c, background, r) for r, c in texts)
            if ratio >= target:
                return None, ratio
            panel, scrim_rgb = "box", best_scrim_color(self.text_rgb)  # the photo reaches the text: back it
        region = text_rect
        if panel == "solid":  # a full-width block from the text to the card's edge
            region = (0, max(0, text_rect[1] - pad), w, h) if style.position != "top" else (0, 0, w, text_rect[3] + pad)
        shape = {"padding": pad} if panel == "box" else {}
        # One scrim serves every text colour, so it is fitted for the colour closest to the scrim's. The final
        # check measures each block's own ink box, which can be darker than the whole region: step up until
        # every block passes.
        hardest = min((c for _, c in texts), key=lambda c: contrast_ratio(c, scrim_rgb))
        min_strength = style.panel_strength
        box = (
            min(r[0] for r, _ in texts),
            min(r[1] for r, _ in texts),
            max(r[2] for r, _ in texts),
            max(r[3] for r, _ in texts),
        )
        for _ in range(6):
            scrim, strength, _ = ensure_contrast(
                background, region, hardest, panel, scrim_rgb, target + 0.1, min_strength=min_strength, **shape
            )
            composite = _composite(background, scrim, box)
            ratio = min(worst_contrast(c, composite, shift(r, box)) for r, c in texts)
            if ratio >= target or strength >= 1.0:
                break
            min_strength = min(1.0, strength + 0.08)
        return scrim, ratio

    def _draw_text(self, overlay: Image.Image, blocks: list[_Block]) -> None:
        accent = to_rgb(self.theme.colors.accent)
        for b in blocks:
            if b.kind == "bar":
                ImageDraw.Draw(overlay).rectangle((b.rect[0], b.rect[1], b.rect[2] - 1, b.rect[3] - 1), fill=accent)
            elif b.block is not None:
                color = self.text_rgb if b.kind == "headline" else self.body_rgb
                draw_text_block(overlay, b.block, b.rect[:2], fill=color)


@dataclass
class _Block:
    kind: str
    block: TextBlock | None
    width: int
    height: int
    rect: Rect = (0, 0, 0, 0)
    item: CornerItem | None = None

    def ink_rect(self) -> Rect:
        """Where text is actually drawn (line boxes), for measuring contrast behind it."""
        assert self.block is not None
        x0, y0, x1, y1 = self.block.bbox
        return (self.rect[0] + int(x0), self.rect[1] + int(y0), self.rect[0] + round(x1), self.rect[1] + round(y1))


def _composite(background: Image.Image, overlay: Image.Image, box: Rect) -> Image.Image:
    """`overlay` over the opaque `background`, for `box` only (RGB); see `flatten`."""
    out = background.crop(box)
    out = out if out.mode == "RGB" else out.convert("RGB")
    piece = overlay.crop(box)
    out.paste(piece, (0, 0), piece)
    return out


def flatten(background: Image.Image, overlay: Image.Image) -> Image.Image:
    """The card: `overlay` (RGBA) over the opaque `background`, equal byte for byte to
    `Image.alpha_composite(background.convert("RGBA"), overlay).convert("RGB")` (over an opaque image Pillow's
    masked paste blends with the same arithmetic) at half the cost: no RGBA copies, and only the overlay's
    inked box is blended."""
    out = background.convert("RGB") if background.mode != "RGB" else background.copy()
    box = overlay.getbbox()  # alpha-aware for RGBA
    if box is not None:
        piece = overlay.crop(box)
        out.paste(piece, box[:2], piece)
    return out
