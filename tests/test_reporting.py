"""The one reporter: warnings collected once each and forwarded, progress forwarded, strict raises."""

from __future__ import annotations

import pytest

from slide2video.errors import StrictError
from slide2video.reporting import Reporter, reporter_or_quiet


def test_warnings_are_collected_once_and_forwarded_in_order() -> None:
    heard: list[str] = []
    progress: list[tuple[str, int, int]] = []
    reporter = Reporter(heard.append, lambda *p: progress.append(p))
    reporter.warn_all(["a", "b", "a"])
    reporter.warn("c")
    reporter.progress("cards", 1, 3)
    assert reporter.warnings == heard == ["a", "b", "c"]
    assert progress == [("cards", 1, 3)]


def test_strict_raises_at_the_first_warning_after_recording_it() -> None:
    reporter = Reporter(strict=True)
    with pytest.raises(StrictError, match=r"^photo\.png: unreadable \(a warning, and --strict"):
        reporter.warn("photo.png: unreadable")
    assert reporter.warnings == ["photo.png: unreadable"]


def test_no_reporter_means_a_quiet_one() -> None:
    given = Reporter()
    assert reporter_or_quiet(given) is given
    quiet = reporter_or_quiet(None)
    quiet.warn("x")
    quiet.progress("video", 1, 1)
    assert quiet.warnings == ["x"]
