"""The cards of one article at one size, drawn only when a writer asks for one.

Planning (the timeline, `--dry-run`, subtitles) reads `deck.specs` and draws nothing; the video writer, the
carousel and the previews index the deck like a list of `Card`s, and each card is drawn at that moment. The
deck keeps no pixels (the frame renderer caches the few cards it is showing), so memory does not grow with
the number of cards, and `preview --at` draws only the one or two cards on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, overload

from ..article import Article
from ..config.presets import Preset
from ..config.theme import Theme
from ..reporting import Reporter, reporter_or_quiet
from .card import Card
from .plan import CardSpec, plan_cards

if TYPE_CHECKING:  # drawing pulls in numpy and the layout code: imported when the first card is drawn
    from .render import CardRenderer, RenderOptions


class CardDeck(Sequence[Card]):
    """`deck[i]` draws card `i` of the plan (deterministic: the same pixels every time it is drawn).

    `options` may be a function returning them (called when the first card is drawn: building them imports
    the drawing code, which planning does not need; pass `specs` then). A card's warnings go to `reporter` the
    first time it is drawn (not again on a redraw), with progress ("cards", drawn so far, total) unless
    `progress` is off.
    """

    def __init__(
        self,
        article: Article,
        theme: Theme,
        preset: Preset,
        options: RenderOptions | Callable[[], RenderOptions] | None = None,
        *,
        specs: Sequence[CardSpec] | None = None,
        reporter: Reporter | None = None,
        progress: bool = True,
    ) -> None:
        if specs is None:
            resolved = options() if callable(options) else options
            cover, end = (resolved.cover, resolved.end) if resolved is not None else (None, None)
            specs = plan_cards(article, theme, cover, end)
        self.specs = list(specs)
        self.size = preset.size
        self.reporter = reporter_or_quiet(reporter)
        self.progress = progress  # off while a video is encoding: its frames are the progress then
        self._options = options
        self._article, self._theme, self._preset = article, theme, preset
        self._renderer: CardRenderer | None = None  # made on first draw: it loads the fonts and the logo
        self._quiet: Reporter | None = None
        self._drawn: set[int] = set()
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
        position = index % len(self.specs)
        if self._renderer is None:
            from .render import CardRenderer, RenderOptions

            given = self._options() if callable(self._options) else self._options
            options = given or RenderOptions()
            self._renderer = CardRenderer(self._article, self._theme, self._preset, options, self.reporter)
            self._quiet = reporter_or_quiet(None)
        first = position not in self._drawn
        assert self._quiet is not None
        self._renderer.reporter = self.reporter if first else self._quiet  # warn once per card
        card = self._renderer.render(spec)
        self.draws += 1
        if first:
            self._drawn.add(position)
        if first and self.progress:
            self.reporter.progress("cards", len(self._drawn), len(self.specs))
        return card

    def __iter__(self) -> Iterator[Card]:
        return (self[i] for i in range(len(self)))


__all__ = ["CardDeck"]
