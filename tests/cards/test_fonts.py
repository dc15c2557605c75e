"""Bundled fonts, lookup, coverage (read from cmap) and per-character fallback."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from slide2video.cards.fonts import (
    DEFAULT_FALLBACKS,
    FontStack,
    bundled_fonts,
    coverage,
    fonts_dir,
    load_font,
    resolve_font,
)
from slide2video.errors import RenderError
from slide2video.paths import data_dir
from support import ROOT

TEXT_FONTS = [
    "Inter-Regular",
    "Inter-SemiBold",
    "Inter-Bold",
    "InterDisplay-SemiBold",
    "InterDisplay-Bold",
    "InterDisplay-Black",
    "NotoSans-Regular",
    "NotoSans-Bold",
    "NotoSerif-Regular",
    "NotoSerif-Bold",
]
LATIN = (
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿŒœŠšŽžŁłŃńŚśŹźŻżĄąĘęĆćČčĎďĚěŇňŘřŤťŮůŐőŰűĞğİıŞş"
)
PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ¡¢£¤¥§©«®°±·»¿×÷‐–—‘’‚“”„†‡•…‰′″‹›€™№"
CYRILLIC = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюяІіЇїЄєҐґЎў"
GREEK = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώΆΈΉΊΌΎΏϊϋΐΰ"


def ink(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("L"), dtype=np.int16)


def test_data_dir_finds_repo_fonts():
    assert data_dir("fonts") == ROOT / "fonts"
    assert fonts_dir() == ROOT / "fonts"
    assert (ROOT / "fonts" / "README.md").is_file()


def test_data_dir_prefers_the_wheel_copy(tmp_path, monkeypatch):
    from slide2video import paths

    monkeypatch.setattr(paths, "_PACKAGE", tmp_path / "slide2video")
    assert data_dir("fonts") == paths._REPO / "fonts"  # no wheel data: the checkout's folder
    (tmp_path / "slide2video" / "_data" / "fonts").mkdir(parents=True)
    assert data_dir("fonts") == tmp_path / "slide2video" / "_data" / "fonts"


def test_every_bundled_font_is_listed_in_readme_with_a_licence_file():
    readme = (ROOT / "fonts" / "README.md").read_text(encoding="utf-8")
    for path in bundled_fonts().values():
        assert f"`{path.name}`" in readme
    licences = sorted(p.name for p in (ROOT / "fonts" / "licenses").iterdir())
    assert {"fonts-inter.copyright", "fonts-noto-core.copyright", "fonts-droid-fallback.copyright"} <= set(licences)
    size = sum(p.stat().st_size for p in (ROOT / "fonts").rglob("*") if p.is_file())
    assert size < 30 * 1024 * 1024


def test_default_fallbacks_are_bundled():
    for chain in DEFAULT_FALLBACKS.values():
        for name in chain:
            assert resolve_font(name).is_file()


@pytest.mark.parametrize("name", TEXT_FONTS)
def test_text_fonts_cover_latin_cyrillic_greek_and_punctuation(name):
    cov = coverage(resolve_font(name))
    missing = [c for c in LATIN + PUNCTUATION + CYRILLIC + GREEK if c not in cov]
    assert missing == []


def test_resolve_by_short_name_is_case_insensitive():
    assert resolve_font("Inter-Bold").name == "Inter-Bold.otf"
    assert resolve_font("inter-bold") == resolve_font("Inter-Bold")


def test_resolve_by_path_relative_to_base(tmp_path):
    src = resolve_font("NotoSansHebrew-Regular")
    (tmp_path / "brand").mkdir()
    copy = tmp_path / "brand" / "Brand.ttf"
    copy.write_bytes(src.read_bytes())
    assert resolve_font("brand/Brand.ttf", base=tmp_path) == copy
    assert resolve_font(copy) == copy


def test_unknown_short_name_suggests_a_close_match():
    with pytest.raises(RenderError, match=r"unknown font 'Inter-Bol'.*did you mean 'Inter-Bold'"):
        resolve_font("Inter-Bol")


def test_missing_font_file_names_the_path(tmp_path):
    missing = tmp_path / "nope.ttf"
    with pytest.raises(RenderError) as err:
        resolve_font(missing)
    assert str(missing) in err.value.message
    assert "not found" in err.value.message


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"this is not a font at all, just some text pretending" * 10,
        b"\x00\x01\x00\x00" + b"\xff" * 200,
    ],
    ids=["empty", "text", "garbage-header"],
)
def test_corrupt_font_file_names_the_path(tmp_path, content):
    bad = tmp_path / "Bad.ttf"
    bad.write_bytes(content)
    with pytest.raises(RenderError) as err:
        resolve_font(bad)
    assert str(bad) in err.value.message


def test_truncated_font_file_names_the_path(tmp_path):
    bad = tmp_path / "Cut.otf"
    bad.write_bytes(resolve_font("Inter-Regular").read_bytes()[:3000])
    with pytest.raises(RenderError) as err:
        FontStack.of(bad)
    assert str(bad) in err.value.message


def test_load_font_is_cached_per_path_and_size():
    path = resolve_font("Inter-Regular")
    assert load_font(path, 30) is load_font(str(path), 30)
    assert load_font(path, 30) is not load_font(path, 31)


def _notdef_equal(path: Path, ch: str) -> bool:
    """Whether `ch` renders exactly like a code point no font has (the .notdef glyph)."""
    font = load_font(path, 40)

    def draw(text: str) -> np.ndarray:
        im = Image.new("L", (80, 80))
        ImageDraw.Draw(im).text((10, 60), text, font=font, fill=255, anchor="ls")
        return ink(im)

    return np.array_equal(draw(ch), draw("\uffff"))


@pytest.mark.parametrize(
    ("name", "chars"),
    [
        ("Inter-Regular", "AЖλ€中א"),
        ("NotoSansArabic-Regular", "بA"),
        ("DroidSansFallback", "中カ한A"),
    ],
)
def test_cmap_coverage_agrees_with_rendering(name, chars):
    path = resolve_font(name)
    for ch in chars:
        assert (ch in coverage(path)) == (not _notdef_equal(path, ch)), ch


def _as_collection(ttf: bytes) -> bytes:
    """Wrap a single TrueType font into a one-font .ttc (table offsets move by the 16-byte header)."""
    num_tables = struct.unpack_from(">H", ttf, 4)[0]
    out = bytearray(b"ttcf" + struct.pack(">HHII", 1, 0, 1, 16) + ttf)
    for i in range(num_tables):
        at = 16 + 12 + 16 * i + 8
        struct.pack_into(">I", out, at, struct.unpack_from(">I", out, at)[0] + 16)
    return bytes(out)


def test_coverage_reads_font_collections(tmp_path):
    ttc = tmp_path / "Hebrew.ttc"
    ttc.write_bytes(_as_collection(resolve_font("NotoSansHebrew-Regular").read_bytes()))
    cov = coverage(ttc)
    assert "ש" in cov and "中" not in cov
    assert len(cov) == len(coverage(resolve_font("NotoSansHebrew-Regular")))
    load_font(ttc, 20)  # FreeType accepts it too


def test_stack_splits_runs_by_first_covering_font():
    stack = FontStack.of("Inter-Regular")
    runs = [(t, stack.fonts[i]) for t, i in stack.runs("Hi 中文, שלום and مرحبا!")]
    fonts = [(text, path.stem) for text, path in runs]
    assert fonts[0] == ("Hi ", "Inter-Regular")
    assert ("中文", "DroidSansFallback") in fonts
    assert any(stem == "NotoSansHebrew-Regular" and "שלום" in text for text, stem in fonts)
    assert any(stem == "NotoSansArabic-Regular" and "مرحبا" in text for text, stem in fonts)
    assert "".join(text for text, _ in runs) == "Hi 中文, שלום and مرحبا!"


def test_combining_marks_stay_with_their_base_letter():
    stack = FontStack.of("Inter-Regular")
    # Hebrew with niqqud: the points must be in the Hebrew run, not split off to the primary font.
    runs = [(t, stack.fonts[i]) for t, i in stack.runs("שָׁלוֹם")]
    assert len(runs) == 1 and runs[0][1].stem == "NotoSansHebrew-Regular"


def test_bold_primary_gets_bold_fallbacks():
    stack = FontStack.of("InterDisplay-Bold")
    assert [p.stem for p in stack.fonts[:2]] == ["InterDisplay-Bold", "NotoSans-Bold"]
    # A serif primary keeps serif fallbacks; a duplicate of the primary is not repeated.
    assert [p.stem for p in FontStack.of("NotoSerif-Bold").fonts[:2]] == ["NotoSerif-Bold", "NotoSansArabic-Bold"]
    assert FontStack.of("Inter-Regular").fonts[1].stem == "NotoSans-Regular"


def test_explicit_fallbacks_and_missing_characters():
    stack = FontStack.of("Inter-Regular", fallbacks=["NotoSansHebrew-Regular"])
    assert len(stack.fonts) == 2
    assert stack.missing("abc שלום 中 中") == "中"
    assert FontStack.of("Inter-Regular").missing("abc 中 \U00013000") == "\U00013000"


def test_stacks_are_hashable_cache_keys():
    assert FontStack.of("Inter-Bold") == FontStack.of("Inter-Bold")
    assert hash(FontStack.of("Inter-Bold")) == hash(FontStack.of("Inter-Bold"))
    assert FontStack.of("Inter-Bold") != FontStack.of("Inter-Regular")
