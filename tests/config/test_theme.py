"""Themes and presets: built-ins load, `extends` merges, typos give located one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from slide2video.config.presets import builtin_presets, get_preset
from slide2video.config.theme import builtin_themes, load_theme
from slide2video.errors import ThemeError


def test_builtin_themes_load_and_differ() -> None:
    names = builtin_themes()
    assert {"news", "bold", "minimal"} <= set(names)
    themes = [load_theme(n) for n in names]
    assert len({(t.colors.background, t.text.panel, t.background.area) for t in themes}) == len(themes)


def test_extends_merges_only_changed_keys(tmp_path: Path) -> None:
    brand = tmp_path / "brand.yaml"
    brand.write_text("name: brand\nextends: news\ncolors:\n  accent: '#00AA55'\ntext:\n  align: center\n")
    theme = load_theme(str(brand))
    news = load_theme("news")
    assert theme.name == "brand"
    assert theme.colors.accent == "#00AA55"
    assert theme.colors.text == news.colors.text
    assert theme.text.align == "center" and theme.text.panel == news.text.panel
    assert theme.path == brand.resolve()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "extends: news\ncolours:\n  accent: red\n",
            "brand.yaml:2: colours: unknown key 'colours' (did you mean 'colors'?)",
        ),
        ("text:\n  position: middle\n", "brand.yaml:2: text.position: 'middle' is not one of"),
        ("colors:\n  accent: '#12'\n", "brand.yaml:2: colors.accent: '#12' is not a colour"),
        ("text:\n  headline_size: [90, 40]\n", "brand.yaml:2: text.headline_size: must be [min, max]"),
        ("extends: nwes\n", "unknown theme 'nwes' (did you mean 'news'?)"),
        ("extends: brand.yaml\n", "extends itself"),
        ("fonts: [a, b]\n", "brand.yaml:1: fonts: expected a mapping"),
    ],
)
def test_theme_errors(tmp_path: Path, text: str, message: str) -> None:
    brand = tmp_path / "brand.yaml"
    brand.write_text(text)
    with pytest.raises(ThemeError) as info:
        load_theme(str(brand))
    assert message in info.value.message


def test_unknown_theme_name() -> None:
    with pytest.raises(ThemeError, match="did you mean 'minimal'"):
        load_theme("minimall")


def test_presets() -> None:
    presets = builtin_presets()
    expected = {
        "ig-square": (1080, 1080),
        "ig-portrait": (1080, 1350),
        "ig-tall": (1080, 1440),
        "reel": (1080, 1920),
        "tiktok": (1080, 1920),
        "shorts": (1080, 1920),
        "landscape": (1920, 1080),
        "linkedin-pdf": (1080, 1350),
    }
    assert {n: p.size for n, p in presets.items() if n in expected} == expected
    reel = presets["reel"]
    assert reel.safe_box() == (65, 269, 1015, 1248)  # 6% sides, 14% top, 35% bottom
    assert presets["ig-portrait"].max_items == 20
    assert presets["shorts"].max_duration == 180


def test_custom_and_unknown_presets() -> None:
    assert get_preset("720x1281").size == (720, 1282)  # even sides for video
    with pytest.raises(ThemeError, match="did you mean 'reel'"):
        get_preset("reels")
    with pytest.raises(ThemeError, match="between 64 and"):
        get_preset("10x10")


def test_endless_theme_file_is_refused() -> None:
    with pytest.raises(ThemeError, match=r"/dev/zero: file is over 1 MB: too large for a theme file"):
        load_theme("/dev/zero")
