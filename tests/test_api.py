"""The Python API: `import slide2video` exposes the same jobs as the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

import slide2video as s2v


def test_public_names_resolve() -> None:
    for name in s2v.__all__:
        assert getattr(s2v, name) is not None, name
    with pytest.raises(AttributeError):
        _ = s2v.no_such_thing


def test_carousel_through_the_api(tmp_path: Path) -> None:
    article = s2v.parse_article_text("# T\n\n## One\nCredit: AP\n\nBody.\n", "markdown")
    preset = s2v.get_preset("120x150")
    cards = s2v.render_cards(article, s2v.load_theme("minimal"), preset)
    result = s2v.write_carousel(cards, article, preset, tmp_path)
    assert [p.name for p in result.images] == ["01.png", "02.png", "03.png"]
