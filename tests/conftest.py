"""Shared fixtures (a CLI runner); shared helpers live in `support` and `cardkit`."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from webkit import cache, web  # noqa: F401  (the loopback web server and a per-test user cache)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
