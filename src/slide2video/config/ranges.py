"""The documented range of every number a user can give, in one place, checked where the number is parsed.

A number outside its range is refused with one line naming the value and the range (`Range.problem`): the CLI's
`NumberParam` makes that a usage error (exit 2), the YAML `Validator` a `file:line:` problem (exit 1). NaN and
infinities never pass, so no `OverflowError` or 115-day plan reaches the stages. docs/bad-inputs.md lists them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Range:
    """`lo <= value <= hi` (`lo < value` when `lo_open`), finite, whole when `whole`; `unit` is for the message."""

    lo: float
    hi: float
    unit: str = ""
    whole: bool = False
    lo_open: bool = False

    def describe(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        low = f"more than {self.lo:g}" if self.lo_open else f"{self.lo:g}"
        if self.lo_open:
            return f"must be {low} and at most {self.hi:g}{unit}"
        return f"must be between {low} and {self.hi:g}{unit}"

    def problem(self, value: Any, shown: str | None = None) -> str | None:
        """Why `value` is refused, or None when it is in range; `shown` is the value as the user wrote it."""
        message = self._problem(value)
        return message if message is None or shown is None else message.replace(repr(value), shown, 1)

    def _problem(self, value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"{value!r} is not a number; {self.describe()}"
        if isinstance(value, float) and not math.isfinite(value):
            return f"{value!r} is not a finite number; {self.describe()}"
        if self.whole and not float(value).is_integer():
            return f"{value!r} is not a whole number; {self.describe()}"
        low_ok = value > self.lo if self.lo_open else value >= self.lo
        if not (low_ok and value <= self.hi):
            return f"{value!r} is out of range: {self.describe()}"
        return None


def ranged(default: Any, rng: Range) -> Any:
    """A dataclass field whose YAML value the `Validator` checks against `rng` (None, when allowed, is not)."""
    return field(default=default, metadata={"range": rng})


#: Longest video, in seconds, when the preset sets no limit (custom `WxH` sizes): `--max-length` raises it.
MAX_LENGTH = 3600.0
#: The ranges shared by the CLI and the files.
MAX_LENGTH_RANGE = Range(1, 86400, "seconds")
SLIDE_SECONDS = Range(0, 3600, "seconds", lo_open=True)
OPTION_SECONDS = Range(0.5, 3600, "seconds")
TRANSITION_SECONDS = Range(0, 10, "seconds")
#: The transition when none is asked for (`Transition` and the job options share it).
DEFAULT_TRANSITION, DEFAULT_TRANSITION_SECONDS = "crossfade", 0.5
WORDS_PER_MINUTE = Range(20, 2000, "words a minute")
SLIDE_NUMBER = Range(0, 100_000, whole=True)
LINE_HEIGHT = Range(0.5, 3, "times the font size")
MAX_LINES = Range(1, 20, "lines", whole=True)
FONT_SIZE = Range(6, 400, "pixels", whole=True)
FPS = Range(1, 120, "frames a second", whole=True)
MAX_ITEMS = Range(1, 1000, "cards", whole=True)
PRESET_SECONDS = Range(1, 86400, "seconds")
FILE_MB = Range(0.1, 100_000, "MB")
