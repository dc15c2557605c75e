"""Text layout: geometry properties, balancing, truncation, CJK wrapping, RTL order and fallback pixels."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from slide2video.cards.fonts import FontStack, load_font
from slide2video.cards.layout import Shadow, TextBlock, draw_text_block, fit_text, text_size

EPS = 1e-6
ELLIPSIS = "…"


@pytest.fixture(scope="module")
def body() -> FontStack:
    return FontStack.of("Inter-Regular")


@pytest.fixture(scope="module")
def head() -> FontStack:
    return FontStack.of("InterDisplay-Bold")


def visible(text: str) -> str:
    return "".join(c for c in text if not c.isspace())


def kept_text(block: TextBlock) -> str:
    return "".join(visible(line.text) for line in block.lines)


def assert_inside(block: TextBlock, width: float, height: float) -> None:
    for line in block.lines:
        assert line.x >= -EPS and line.y >= -EPS, line
        assert line.x + line.width <= width + EPS, (line, width)
        assert line.y + line.height <= height + EPS, (line, height)
        for run in line.runs:
            assert line.x - EPS <= run.x and run.x + run.width <= line.x + line.width + EPS, (run, line)
    x0, y0, x1, y1 = block.bbox
    if block.lines:
        assert x0 >= -EPS and y0 >= -EPS and x1 <= width + EPS and y1 <= height + EPS


def render(block: TextBlock, size: tuple[int, int], pad: int = 0, **kwargs) -> np.ndarray:
    im = Image.new("L", (size[0] + 2 * pad, size[1] + 2 * pad), 0)
    draw_text_block(im, block, (pad, pad), fill=255, **kwargs)
    return np.asarray(im)


ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    + list("     ,.;:!?'\"()-–—…«»“”%€$/\n")
    + list("абвгдежзийклмнопрстуфхцчшщъыьэюяЖЯЁ")
    + list("αβγδεζηθικλμνξοπρστυφχψωάέ")
    + list("東京都新計画発表未来の都市はをに、。「」")
    + list("שלוםעברית")
    + list("مرحبابالعالم")
)
TEXT = st.text(ALPHABET, max_size=160)


@settings(max_examples=60, deadline=None)
@given(
    paragraphs=st.lists(TEXT, min_size=1, max_size=3),
    width=st.integers(30, 360),
    height=st.integers(12, 260),
    min_size=st.integers(6, 18),
    extra=st.integers(0, 30),
    balance=st.booleans(),
    align=st.sampled_from(["start", "end", "left", "right", "center"]),
    max_lines=st.none() | st.integers(1, 6),
)
def test_layout_properties(body, paragraphs, width, height, min_size, extra, balance, align, max_lines):
    max_size = min_size + extra
    block = fit_text(paragraphs, width, height, body, min_size, max_size, 1.2, max_lines, balance, align)
    assert min_size <= block.size <= max_size
    assert_inside(block, width, height)
    if max_lines is not None:
        assert len(block.lines) <= max_lines
    original = visible("".join(paragraphs))
    kept = kept_text(block)
    if block.truncated:
        assert block.warnings
        if block.lines:
            assert block.lines[-1].text.endswith(ELLIPSIS)
            assert original.startswith(kept[: -len(ELLIPSIS)])
    else:
        assert kept == original
    assert fit_text(paragraphs, width, height, body, min_size, max_size, 1.2, max_lines, balance, align) is block


def test_size_is_the_largest_that_fits(body):
    text = "Russia warns NATO over Ukraine as talks collapse in Geneva"
    block = fit_text(text, 600, 200, body, 10, 120)
    assert 10 < block.size < 120 and not block.truncated
    bigger = fit_text(text, 600, 200, body, block.size + 1, block.size + 1)
    assert bigger.truncated or bigger.size > block.size  # one pixel more does not fit
    assert fit_text("Short", 600, 200, body, 10, 40).size == 40
    assert fit_text(text, 1200, 400, body, 10, 120).size >= block.size


def test_pixels_stay_inside_the_box(body, head):
    cases = [
        (head, "Jumpy quirky fjord glyphs: Ångström, Łódź, “quotes”", 300, 160),
        (body, ["Москва и Киев. Ελληνικά κείμενα!", "Second paragraph, with (brackets) and j/g/y."], 260, 200),
        (body, "שלום עולם! הכנסת אישרה את החוק ב-2024", 240, 120),
        (body, "قالت الحكومة إن المحادثات ستستأنف في عام 2024", 240, 120),
        (body, "東京都は、新しい計画を発表しました。「未来の都市」", 200, 120),
    ]
    pad = 20
    for stack, text, w, h in cases:
        for align in ("start", "center", "end"):
            block = fit_text(text, w, h, stack, 8, 60, align=align)
            ys, xs = np.nonzero(render(block, (w, h), pad))
            assert xs.size, text
            # One pixel of antialiasing at fractional positions is allowed.
            assert xs.min() >= pad - 1 and xs.max() <= pad + w, (text, align, xs.min(), xs.max())
            assert ys.min() >= pad - 1 and ys.max() <= pad + h, (text, align, ys.min(), ys.max())


def test_balanced_headline_avoids_a_one_word_last_line(head):
    text = "Kyiv asks allies for more air defence systems now"
    first = text.rsplit(" ", 1)[0]
    width = text_size(first, head, 40)[0] + 4  # plain wrapping leaves "now" alone on line 2
    plain = fit_text(text, width, 200, head, 40, 40)
    balanced = fit_text(text, width, 200, head, 40, 40, balance=True)
    assert [ln.text for ln in plain.lines] == [first, "now"]
    assert len(balanced.lines) == 2
    assert all(len(ln.text.split()) >= 2 for ln in balanced.lines)
    assert max(ln.width for ln in balanced.lines) < max(ln.width for ln in plain.lines)
    assert visible(" ".join(ln.text for ln in balanced.lines)) == visible(text)


def test_balance_keeps_the_line_count_and_evens_widths(head):
    text = "Ukraine and its allies agree a new air defence plan before the winter energy crisis deepens"
    plain = fit_text(text, 520, 400, head, 20, 44)
    balanced = fit_text(text, 520, 400, head, 20, 44, balance=True)
    assert balanced.size == plain.size and len(balanced.lines) == len(plain.lines) >= 3

    def spread(block: TextBlock) -> float:
        return max(ln.width for ln in block.lines) - min(ln.width for ln in block.lines)

    assert spread(balanced) <= spread(plain)


def test_truncation_cuts_at_a_sentence_with_ellipsis_and_warning(body):
    text = (
        "The talks ended without a deal on Monday. "
        "Officials in both capitals said that a new round could take place in the spring, but no date was set "
        "and neither side was willing to move on the central questions of security guarantees and borders."
    )
    block = fit_text(text, 300, 36, body, 14, 14)  # two lines
    assert block.truncated and len(block.lines) == 2
    assert block.paragraphs == ("The talks ended without a deal on Monday.\u00a0" + ELLIPSIS,)
    assert block.lines[-1].text.endswith(".\u00a0" + ELLIPSIS)  # no break before the ellipsis
    assert any("cut" in w and "14 px" in w for w in block.warnings)
    assert_inside(block, 300, 36)
    # With room for much more than the first sentence, a cut between words keeps more of the text.
    roomy = fit_text(text, 300, 60, body, 14, 14)
    assert roomy.truncated and len(roomy.paragraphs[0]) > 2 * len("The talks ended without a deal on Monday.")
    assert roomy.paragraphs[0].endswith(ELLIPSIS) and not roomy.paragraphs[0].endswith(" " + ELLIPSIS)


def test_truncation_falls_back_to_a_word_boundary(body):
    text = "A single very long sentence with many words that goes on and on well past what this box can show"
    block = fit_text(text, 200, 40, body, 12, 12)
    assert block.truncated and block.lines[-1].text.endswith(ELLIPSIS)
    kept = block.paragraphs[0][: -len(ELLIPSIS)]
    assert text.startswith(kept) and text[len(kept)] == " "  # cut between words, not inside one


def test_truncation_drops_trailing_punctuation_before_the_ellipsis(body):
    text = "First clause, second clause, third clause, fourth clause, fifth clause, sixth clause, seventh"
    for width in range(90, 200, 7):
        block = fit_text(text, width, 30, body, 12, 12)
        assert block.truncated
        assert not block.paragraphs[-1].endswith("," + ELLIPSIS)


def test_max_lines_limits_and_truncates(body):
    text = "one two three four five six seven eight nine ten eleven twelve"
    block = fit_text(text, 120, 500, body, 16, 16, max_lines=2)
    assert len(block.lines) == 2 and block.truncated


def test_box_too_small_for_anything(body):
    block = fit_text("Hello world", 100, 3, body, 12, 20)
    assert block.truncated and block.lines == () and block.warnings


def test_empty_text(body):
    block = fit_text(["", "   "], 100, 100, body, 12, 20)
    assert block.lines == () and not block.truncated and block.bbox == (0, 0, 0, 0)


def test_paragraphs_are_spaced(body):
    block = fit_text(["First paragraph.", "Second paragraph."], 400, 300, body, 20, 20, paragraph_spacing=0.8)
    assert [ln.paragraph for ln in block.lines] == [0, 1]
    assert block.lines[1].baseline - block.lines[0].baseline == pytest.approx(20 * 1.2 + 20 * 0.8)
    tight = fit_text("First line\nSecond line", 400, 300, body, 20, 20)
    assert [ln.text for ln in tight.lines] == ["First line", "Second line"]
    assert tight.lines[1].baseline - tight.lines[0].baseline == pytest.approx(24)


def test_overlong_word_is_broken_between_characters(body):
    word = "Donaudampfschifffahrtsgesellschaftskapitänswitwe"
    block = fit_text(word, 120, 300, body, 14, 30)
    assert block.size == 14 and not block.truncated and len(block.lines) > 1
    assert "".join(ln.text for ln in block.lines) == word
    assert any("broken" in w for w in block.warnings)
    assert_inside(block, 120, 300)


def test_hyphenated_words_break_after_the_hyphen(body):
    block = fit_text("state-of-the-art long-term", 90, 300, body, 14, 14)
    assert not block.truncated
    assert any(ln.text.endswith("-") for ln in block.lines[:-1])
    assert "".join(ln.text.replace(" ", "") for ln in block.lines) == "state-of-the-artlong-term"


JAPANESE = "東京都は、新しい計画を発表しました。「未来の都市」は二〇三〇年までに完成する予定です。"
NO_START = set("、。，．！？）」』")
NO_END = set("（「『")


def test_cjk_wraps_without_spaces_and_respects_kinsoku(body):
    saw_multiline = False
    for width in range(60, 400, 9):
        block = fit_text(JAPANESE, width, 1000, body, 16, 16)
        assert not block.truncated
        assert "".join(ln.text for ln in block.lines) == JAPANESE
        saw_multiline |= len(block.lines) > 2
        for ln in block.lines:
            assert ln.text[0] not in NO_START, (width, ln.text)
            assert ln.text[-1] not in NO_END, (width, ln.text)
        assert_inside(block, width, 1000)
    assert saw_multiline


def test_chinese_falls_back_to_the_cjk_font(body):
    block = fit_text("北约秘书长表示，联盟将继续支持乌克兰。", 150, 400, body, 18, 18)
    fonts = {run.font.stem for ln in block.lines for run in ln.runs}
    assert fonts == {"DroidSansFallback"}
    assert len(block.lines) > 1


def _ink_columns(arr: np.ndarray, rows: slice) -> np.ndarray:
    return np.nonzero(arr[rows].max(axis=0) > 128)[0]


def test_hebrew_is_drawn_right_to_left(body):
    # "לאן": the first logical letter (lamed) rises above the others, the last (final nun) descends below the
    # baseline. Right-to-left, the lamed's ascender must be to the right of the nun's descender.
    block = fit_text("לאן", 200, 100, body, 40, 40)
    line = block.lines[0]
    assert line.direction == "rtl" and line.runs[0].direction == "rtl"
    arr = render(block, (200, 100))
    base = round(line.baseline)
    ascender = _ink_columns(arr, slice(0, base - 28))
    descender = _ink_columns(arr, slice(base + 4, None))
    assert ascender.size and descender.size
    assert ascender.min() > descender.max()
    # Right-aligned by default in an RTL paragraph.
    assert line.x + line.width == pytest.approx(200)


def test_mixed_direction_runs_are_in_visual_order(body):
    block = fit_text("שלום NATO עולם 2024", 600, 100, body, 30, 30)
    runs = block.lines[0].runs
    order = [r.text.strip() for r in runs if r.text.strip()]
    # Visual, left to right: the number, the last Hebrew word, NATO, the first Hebrew word.
    assert order == ["2024", "עולם", "NATO", "שלום"]
    assert [r.x for r in runs] == sorted(r.x for r in runs)


def test_arabic_is_shaped_and_right_aligned(body):
    block = fit_text("مرحبا بالعالم", 400, 100, body, 30, 30)
    line = block.lines[0]
    assert line.direction == "rtl" and {r.font.stem for r in line.runs} == {"NotoSansArabic-Regular"}
    font = load_font(line.runs[0].font, 30)
    isolated = sum(font.getlength(c) for c in "مرحبا")
    assert font.getlength("مرحبا", direction="rtl") < isolated  # joined forms are narrower than isolated ones
    assert line.x + line.width == pytest.approx(400)


def test_fallback_glyph_is_not_tofu(body):
    # Inter has no Arabic or CJK: drawn with Inter alone it shows .notdef boxes, identical to U+FFFF.
    inter = load_font(body.primary, 40)

    def alone(text: str) -> np.ndarray:
        im = Image.new("L", (160, 80))
        ImageDraw.Draw(im).text((10, 60), text, font=inter, fill=255, anchor="ls")
        return np.asarray(im)

    for ch in ("中", "ب"):
        assert np.array_equal(alone(ch), alone("\uffff"))  # what a tofu looks like
        block = fit_text(ch, 160, 80, body, 40, 40, align="left")
        drawn = render(block, (160, 80))
        tofu = fit_text("\uffff", 160, 80, body, 40, 40, align="left")
        assert drawn.any()
        assert not np.array_equal(drawn, render(tofu, (160, 80)))
        assert block.lines[0].runs[0].font != body.primary


def test_drawing_is_deterministic(head):
    block = fit_text(["Same input, same pixels", "שלום and 中文"], 300, 200, head, 10, 40)
    a = render(block, (300, 200), shadow=Shadow((2, 2), (0, 0, 0, 128), 1.5), stroke_width=1)
    b = render(block, (300, 200), shadow=Shadow((2, 2), (0, 0, 0, 128), 1.5), stroke_width=1)
    assert np.array_equal(a, b)
    # An ImageDraw target draws the same pixels as its image.
    im = Image.new("L", (300, 200))
    draw_text_block(ImageDraw.Draw(im), block, fill=255, shadow=Shadow((2, 2), (0, 0, 0, 128), 1.5), stroke_width=1)
    assert np.array_equal(np.asarray(im), a)


def test_shadow_is_offset_under_the_text(head):
    block = fit_text("Shadow", 200, 80, head, 40, 40)

    def dark_box(**kwargs) -> tuple[int, int, int, int]:
        im = Image.new("RGBA", (240, 120), (255, 255, 255, 255))
        draw_text_block(im, block, (10, 10), **kwargs)
        ys, xs = np.nonzero(np.asarray(im.convert("L")) < 128)
        return xs.min(), ys.min(), xs.max(), ys.max()

    text = dark_box(fill=(0, 0, 0, 255))
    shadow = dark_box(fill=(255, 255, 255, 255), shadow=Shadow((6, 5), (0, 0, 0, 255)))
    assert all(abs(s - t - d) <= 1 for s, t, d in zip(shadow, text, (6, 5, 6, 5), strict=True))


def test_text_size_matches_a_single_line_block(body):
    w, h = text_size("Photo: DepositPhotos", body, 20)
    block = fit_text("Photo: DepositPhotos", 1000, 100, body, 20, 20)
    assert w == pytest.approx(block.lines[0].width) and h == pytest.approx(block.lines[0].height)


def test_bad_arguments(body):
    with pytest.raises(ValueError):
        fit_text("x", 100, 100, body, 30, 20)
    with pytest.raises(ValueError):
        fit_text("x", 100, 100, body, 10, 20, align="justify")  # type: ignore[arg-type]  # what a caller might pass
