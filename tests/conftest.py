"""Shared fixtures (a CLI runner); shared helpers live in `support` and `cardkit`."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import settings

from webkit import cache, web  # noqa: F401  (the loopback web server and a per-test user cache)

# Property tests draw the same examples on every run, so CI's verdict does not depend on luck (a new random find
# must not block a landing). Explore new examples with `pytest --hypothesis-profile=explore`.
settings.register_profile("default", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile("default")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
