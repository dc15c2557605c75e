"""Shared fixtures (a CLI runner); shared helpers live in `support` and `cardkit`."""

from __future__ import annotations

import pytest
from click.testing import CliRunner


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
