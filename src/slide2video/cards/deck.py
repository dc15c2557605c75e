"""The cards of one article at one size, drawn only when a writer asks for one.

Planning (the timeline, `--dry-run`, subtitles) reads `deck.specs` and draws nothing; the video writer and the
previews index the deck like a list of `Card`s, and each card is drawn at that moment. The deck keeps no pixels
(the frame renderer caches the few cards it is showing), so memory does not grow with the number of cards, and
`preview --at` draws only the one or two cards on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, overload

from ..article import Article
from ..config.presets import Preset
from ..config.theme import Theme
from .card import Card
from .plan import CardSpec, RenderOptions, plan_cards

if TYPE_CHECKING:  # drawing pulls in numpy and the layout code: imported when the first card is drawn
    from .render import CardRenderer


class CardDeck(Sequence[Card]):
    """`deck[i]` draws card `i` of the plan (deterministic: the same pixels every time it is drawn).

    `warnings` are those of the cards drawn so far, in card order, each card's once. `progress(done, total)`
    is called when a card is drawn for the first time.
    """

    def __init__(
        self,
        article: Article,
        theme: Theme,
        preset: Preset,
        options: RenderOptions | None = None,
        *,
        specs: Sequence[CardSpec] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        if options is None:
            options = RenderOptions()
        self.specs = list(specs) if specs is not None else plan_cards(article, theme, options.cover, options.end)
        self.size = preset.size
        self.progress = progress
        self._options = options
        self._article, self._theme, self._preset = article, theme, preset
        self._renderer: CardRenderer | None = None  # made on first draw: it loads the fonts and the logo
        self._warnings: dict[int, list[str]] = {}
        self.draws = 0  # cards drawn, counting redraws (tests and benchmarks)

    def __len__(self) -> int:
        return len(self.specs)

    @overload
    def __getitem__(self, index: int) -> Card: ...

    @overload
    def __getitem__(self, index: slice) -> list[Card]: ...

    def __getitem__(self, index: int | slice) -> Card | list[Card]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        spec = self.specs[index]
        if self._renderer is None:
            from .render import CardRenderer

            self._renderer = CardRenderer(self._article, self._theme, self._preset, self._options)
        card = self._renderer.render(spec)
        self.draws += 1
        position = index % len(self.specs)
        if position not in self._warnings:
            self._warnings[position] = card.warnings
            if self.progress is not None:
                self.progress(len(self._warnings), len(self.specs))
        return card

    def __iter__(self) -> Iterator[Card]:
        return (self[i] for i in range(len(self)))

    @property
    def warnings(self) -> list[str]:
        return [w for i in sorted(self._warnings) for w in self._warnings[i]]


__all__ = ["CardDeck"]
