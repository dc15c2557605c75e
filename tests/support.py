"""Paths to the repo's sample files, shared by the tests (imported as a module, not from conftest)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "articles"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ARTICLES / "russia-nato-ukraine.txt"
