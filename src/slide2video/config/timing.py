"""Reading time: how long a card must stay on screen for its text to be read.

Social viewers read on-screen text slower than a page: 180 words a minute plus a base for taking in the
photo, clamped so no card flashes by or drags on. Shared by `inspect` and the video timeline.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadingSpeed:
    words_per_minute: float = 180.0
    base: float = 1.5
    minimum: float = 3.0
    maximum: float = 12.0

    def seconds(self, words: int) -> float:
        """Seconds to show a card with `words` words, rounded to 0.1 s so timelines print cleanly."""
        raw = self.base + words * 60.0 / self.words_per_minute
        return round(min(self.maximum, max(self.minimum, raw)), 1)


DEFAULT_SPEED = ReadingSpeed()
