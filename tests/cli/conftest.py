"""The `scene` fixture of the bad-input tests: a scratch folder (also `$TMPDIR`) with the CLI and its checks."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from scene import Scene


@pytest.fixture
def scene(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Scene:
    monkeypatch.chdir(tmp_path)  # default output names land here, where the checks look
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))  # audio temp files too
    return Scene(tmp_path)
