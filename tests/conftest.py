"""Shared fixtures: paths to the repo's sample files and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from webkit import cache, web  # noqa: F401  (the loopback web server and a per-test user cache)

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "articles"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ARTICLES / "russia-nato-ukraine.txt"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
