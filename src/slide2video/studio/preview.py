"""Cards and video frames at preview size for the page, drawn by the real renderer and cached per card.

A card is cached under its `CardSpec` (what it shows), the theme and the size, so an edit re-draws only the
cards whose content changed (a heading edit: that slide's card; a title edit: the cover), and the page's image
URLs carry that key, so a changed card gets a new `src` and an unchanged one stays in the browser's cache.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace

from PIL import Image

from ..cards.card import Card
from ..cards.plan import CardSpec, plan_cards
from ..cards.render import CardRenderer, RenderOptions
from ..config.presets import Preset, get_preset
from ..config.settings import JobOptions
from ..config.theme import Theme, load_theme
from ..pipeline import plan_video
from ..reporting import Reporter
from ..video.timeline import Timeline
from ..writers.preview import preview_size, render_frame
from .store import Session

PREVIEW_WIDTH = 360  #: cards are drawn at most this wide in the page (the final size only on export)
CACHE_CARDS = 400


@dataclass(frozen=True)
class CardInfo:
    index: int
    kind: str
    slide: int | None
    label: str
    key: str


def png(image: Image.Image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG", compress_level=1)  # speed over size: these never leave the machine
    return buf.getvalue()


class Previewer:
    """Draws what the page shows; thread-safe (requests are served from a thread pool)."""

    def __init__(self, width: int = PREVIEW_WIDTH) -> None:
        self.width = width
        self._cards: OrderedDict[tuple[object, ...], tuple[Card, list[str]]] = OrderedDict()
        self._renderers: dict[tuple[object, ...], CardRenderer] = {}
        self._lock = threading.Lock()

    def preset(self, name: str) -> Preset:
        """The session's preset at preview size (same proportions, safe zone, fps and limits)."""
        full = get_preset(name)
        return replace(full, size=preview_size(full.size, self.width))

    def specs(self, session: Session) -> tuple[Theme, list[CardSpec]]:
        theme = load_theme(session.theme)
        return theme, plan_cards(session.article, theme)

    def _key(self, session: Session, spec: CardSpec, size: tuple[int, int]) -> tuple[object, ...]:
        return (spec, session.theme, size, str(session.article.base_dir))

    def cards(self, session: Session) -> list[CardInfo]:
        """What the page lists: every card with a key that changes exactly when its picture does."""
        _, specs = self.specs(session)
        size = self.preset(session.preset).size
        out = []
        for i, spec in enumerate(specs):
            digest = hashlib.sha256(repr(self._key(session, spec, size)).encode()).hexdigest()[:16]
            out.append(CardInfo(i, spec.kind, spec.slide_index, spec.label, digest))
        return out

    def card(self, session: Session, index: int) -> Card:
        theme, specs = self.specs(session)
        if not 0 <= index < len(specs):
            from .store import NotFound

            raise NotFound(f"card {index + 1} does not exist: the article has {len(specs)} cards")
        return self._draw(session, theme, specs[index])[0]

    def all_cards(self, session: Session) -> list[tuple[Card, list[str]]]:
        """Every card with the warnings its drawing gave (a cut headline, a bad photo, low contrast)."""
        theme, specs = self.specs(session)
        return [self._draw(session, theme, spec) for spec in specs]

    def _draw(self, session: Session, theme: Theme, spec: CardSpec) -> tuple[Card, list[str]]:
        preset = self.preset(session.preset)
        key = self._key(session, spec, preset.size)
        with self._lock:
            if key in self._cards:
                self._cards.move_to_end(key)
                return self._cards[key]
            rkey = (session.id, session.theme, preset.size)
            renderer = self._renderers.get(rkey)
            if renderer is None:
                # A bad photo shows as a warning beside its slide, not as a broken preview.
                options = RenderOptions(bad_images="warn")
                renderer = self._renderers[rkey] = CardRenderer(session.article, theme, preset, options)
            renderer.article = session.article
            renderer.reporter = Reporter()  # this card's warnings alone
            if spec.image and renderer._photos.get(spec.image, True) is None:
                # A photo that failed is tried again, so every card showing it says why (and a file put in
                # place since is picked up).
                del renderer._photos[spec.image]
            drawn = (renderer.render(spec), renderer.reporter.warnings)
            self._cards[key] = drawn
            while len(self._cards) > CACHE_CARDS:
                self._cards.popitem(last=False)
            return drawn

    def card_png(self, session: Session, index: int, width: int | None = None) -> bytes:
        image = self.card(session, index).image
        if width is not None and width < image.width:
            image = image.resize((width, max(1, round(image.height * width / image.width))), Image.Resampling.BOX)
        return png(image)

    def timeline(self, session: Session) -> tuple[Timeline, list[tuple[Card, list[str]]]]:
        """The video's timeline at preview size (the same durations, transitions and motion as the MP4), and the
        cards with their warnings."""
        drawn = self.all_cards(session)
        options = JobOptions(theme=session.theme, video_preset=session.preset)
        cards = [card for card, _ in drawn]
        plan = plan_video(session.article, options, cards=cards, preset=self.preset(session.preset))
        return plan.timelines[0], drawn

    def frame_png(self, session: Session, t: float) -> bytes:
        timeline, drawn = self.timeline(session)
        cards = [card for card, _ in drawn]
        return png(render_frame(timeline, cards, max(0.0, min(t, timeline.duration))))

    def forget(self, session: Session) -> None:
        with self._lock:
            for key in [k for k in self._renderers if k[0] == session.id]:
                del self._renderers[key]
