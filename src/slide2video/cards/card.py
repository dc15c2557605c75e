"""What the renderer hands to the writers: one `Card` per cover, slide and end card.

Each card is drawn once. Writers that only need the finished picture (carousel, PDF, still video frames) use
`image`; motion (Ken Burns) needs the photo layer and the layer above it apart, so a card with a photo keeps
`background` (RGB, card size) and `overlay` (RGBA: scrim, text, credit, logo) such that
`Image.alpha_composite(background.convert("RGBA"), overlay)` equals `image`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from PIL import Image

CardKind = Literal["cover", "slide", "end"]


@dataclass
class Card:
    kind: CardKind
    image: Image.Image
    slide_index: int | None = None
    number: int | None = None
    heading: str = ""
    body: list[str] = field(default_factory=list)
    credit: str | None = None
    alt: str = ""
    words: int = 0
    background: Image.Image | None = None
    overlay: Image.Image | None = None
    contrast: float | None = None  # measured WCAG ratio of the text against what is behind it
    text_boxes: list[tuple[int, int, int, int]] = field(default_factory=list)  # kicker/bar, headline, body
    item_boxes: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)  # logo, counter, credit

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size

    @property
    def has_motion_layers(self) -> bool:
        return self.background is not None and self.overlay is not None


class PlannedCard(Protocol):
    """What the timeline needs to know about a card: a `CardSpec` (the plan) or a drawn `Card`."""

    @property
    def kind(self) -> CardKind: ...

    @property
    def slide_index(self) -> int | None: ...

    @property
    def words(self) -> int: ...

    @property
    def has_motion_layers(self) -> bool: ...
