"""Image safety and fitting: path escapes, hostile/broken files, colour modes, EXIF, cover and contain-blur."""

from __future__ import annotations

import io
import os
import struct
import time
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageCms

from slide2video.cards.images import (
    contain_box,
    cover_box,
    fit_contain_blur,
    fit_cover,
    load_image,
    resolve_image,
)
from slide2video.errors import RenderError, Slide2VideoError
from slide2video.paths import data_dir

ASSETS = data_dir("assets")


def save(img: Image.Image, path: Path, **kwargs) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, **kwargs)
    return path


def halves(size: tuple[int, int], left=(255, 0, 0), right=(0, 0, 255)) -> Image.Image:
    """Left half one colour, right half another: crops and rotations show up as colour positions."""
    img = Image.new("RGB", size, right)
    img.paste(left, (0, 0, size[0] // 2, size[1]))
    return img


def pixel(img: Image.Image, xy: tuple[int, int]) -> tuple[int, ...]:
    value = img.getpixel(xy)
    assert isinstance(value, tuple)
    return value


def one_line(err: pytest.ExceptionInfo[Slide2VideoError], name: str) -> str:
    message: str = err.value.format_message()
    assert "\n" not in message
    assert name in message
    return message


# ------------------------------------------------------------------------------------------------ resolve_image


@pytest.fixture
def tree(tmp_path: Path) -> dict[str, Path]:
    article = tmp_path / "story"
    assets = tmp_path / "assets"
    outside = tmp_path / "secret"
    for folder in (article / "img", assets / "photos", outside):
        folder.mkdir(parents=True)
    (article / "img" / "a.png").write_bytes(b"x")
    (assets / "photos" / "shared.png").write_bytes(b"x")
    (outside / "passwd.png").write_bytes(b"x")
    return {"article": article, "assets": assets, "outside": outside}


def test_resolve_relative_to_article(tree):
    found = resolve_image("img/a.png", tree["article"], tree["assets"])
    assert found == (tree["article"] / "img" / "a.png").resolve()


@pytest.mark.parametrize("ref", ["photos/shared.png", "assets/photos/shared.png"])
def test_resolve_falls_back_to_assets(tree, ref):
    found = resolve_image(ref, tree["article"], tree["assets"])
    assert found == (tree["assets"] / "photos" / "shared.png").resolve()


def test_resolve_absolute_path_inside_assets_is_fine(tree):
    ref = str((tree["assets"] / "photos" / "shared.png").resolve())
    assert resolve_image(ref, tree["article"], tree["assets"]) == Path(ref)


@pytest.mark.parametrize(
    "ref", ["../secret/passwd.png", "img/../../secret/passwd.png", "photos/../../secret/passwd.png"]
)
def test_resolve_refuses_relative_escape(tree, ref):
    with pytest.raises(RenderError) as err:
        resolve_image(ref, tree["article"], tree["assets"])
    message = one_line(err, "passwd.png")
    assert "leaves the article's folder" in message and "--allow-outside-paths" in message


def test_resolve_refuses_absolute_outside_and_allows_with_flag(tree):
    ref = str(tree["outside"] / "passwd.png")
    with pytest.raises(RenderError, match="leaves the article's folder"):
        resolve_image(ref, tree["article"], tree["assets"])
    assert resolve_image(ref, tree["article"], tree["assets"], allow_outside=True) == Path(ref).resolve()
    assert resolve_image("../secret/passwd.png", tree["article"], tree["assets"], allow_outside=True) == Path(ref)


def test_resolve_refuses_etc_passwd_even_if_missing(tree):
    with pytest.raises(RenderError, match="leaves the article's folder"):
        resolve_image("../../../../../../etc/passwd", tree["article"], tree["assets"])


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_resolve_follows_symlinks_before_checking(tree):
    sneaky = tree["article"] / "img" / "innocent.png"
    sneaky.symlink_to(tree["outside"] / "passwd.png")
    with pytest.raises(RenderError, match="leaves the article's folder"):
        resolve_image("img/innocent.png", tree["article"], tree["assets"])
    fine = tree["article"] / "img" / "alias.png"
    fine.symlink_to(tree["article"] / "img" / "a.png")
    assert resolve_image("img/alias.png", tree["article"], tree["assets"]) == (tree["article"] / "img" / "a.png")


def test_resolve_missing_names_the_path(tree):
    with pytest.raises(RenderError) as err:
        resolve_image("img/nothere.jpg", tree["article"], tree["assets"])
    message = one_line(err, "nothere.jpg")
    assert "not found" in message and str(tree["article"]) in message


def test_resolve_url_is_explained(tree):
    with pytest.raises(RenderError, match="URLs are not downloaded"):
        resolve_image("https://example.com/a.jpg", tree["article"], tree["assets"])


def test_resolve_folder_and_empty(tree):
    with pytest.raises(RenderError, match="is a folder"):
        resolve_image("img", tree["article"], tree["assets"])
    with pytest.raises(RenderError, match="empty"):
        resolve_image("  ", tree["article"], tree["assets"])


def test_data_dir_finds_repo_assets():
    assert (ASSETS / "photos" / "rocket.jpg").is_file()


# -------------------------------------------------------------------------------------------------- bad files


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def fake_png(width: int, height: int) -> bytes:
    """A PNG whose header claims `width`x`height` with a few bytes of data: a decompression-bomb shape."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def jpeg_bytes(img: Image.Image, **kwargs) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", **kwargs)
    return buffer.getvalue()


def fake_jpeg(width: int, height: int) -> bytes:
    """A small real JPEG whose frame header (SOF0) is patched to claim `width`x`height`."""
    data = bytearray(jpeg_bytes(Image.new("RGB", (16, 16))))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.jpg", b"", "empty (0 bytes)"),
        ("notes.jpg", b"Remember to send the photos by Friday.\n", "contains text"),
        ("noise.png", bytes(range(256)) * 4, "not a recognised image"),
        ("half.jpg", "truncated-jpeg", "corrupt or truncated"),
        ("broken.png", "broken-png", "corrupt or truncated"),
        ("phone.heic", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "HEIC"),
        ("bomb.png", fake_png(20000, 20000), "MP"),
        ("bomb.jpg", fake_jpeg(20000, 20000), "MP"),
        ("wide.jpg", fake_jpeg(60000, 1000), "60000×1000 pixels (60 MP)"),
        ("big.png", fake_png(8000, 8000), "8000×8000 pixels (64 MP), over the 50 MP limit"),
    ],
)
def test_bad_images_give_one_clear_line(tmp_path, name, content, reason):
    if content == "truncated-jpeg":
        full = jpeg_bytes(halves((300, 200)), quality=90)
        content = full[: len(full) // 2]
    elif content == "broken-png":
        buffer = io.BytesIO()
        halves((64, 64)).save(buffer, "PNG")
        raw = bytearray(buffer.getvalue())
        raw[60:90] = b"\xff" * 30  # damage the compressed pixel data, keep the header
        content = bytes(raw)
    path = tmp_path / name
    path.write_bytes(content)
    started = time.perf_counter()
    with pytest.raises(RenderError) as err:
        load_image(path)
    assert time.perf_counter() - started < 2.0  # refused from the header: no decoding, no huge allocation
    message = one_line(err, name)
    assert reason in message


def test_missing_file(tmp_path):
    with pytest.raises(RenderError) as err:
        load_image(tmp_path / "gone.png")
    assert "not found" in one_line(err, "gone.png")


def test_max_pixels_is_configurable(tmp_path):
    path = save(Image.new("RGB", (100, 100)), tmp_path / "small.png")
    assert load_image(path).size == (100, 100)
    with pytest.raises(RenderError, match="100×100 pixels"):
        load_image(path, max_pixels=5000)


# ------------------------------------------------------------------------------------------------ colour modes


def test_exif_orientation_6_is_applied(tmp_path):
    # Stored landscape with red on the left; orientation 6 means "rotate 90° clockwise to view".
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "phone.jpg"
    path.write_bytes(jpeg_bytes(halves((80, 40)), quality=95, exif=exif.tobytes()))
    img = load_image(path)
    assert img.size == (40, 80)
    top, bottom = pixel(img, (20, 10)), pixel(img, (20, 70))
    assert top[0] > 200 and top[2] < 60  # red went to the top
    assert bottom[2] > 200 and bottom[0] < 60


def test_exif_orientation_with_draft(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 8  # rotate 90° counter-clockwise: left (red) goes to the bottom
    path = tmp_path / "big.jpg"
    path.write_bytes(jpeg_bytes(halves((1600, 800)), quality=90, exif=exif.tobytes()))
    img = load_image(path, target_size=(100, 200))
    assert img.size == (100, 200)  # decoded at 1/8 by the JPEG draft, then rotated: exactly covers 100x200
    assert pixel(img, (50, 175))[0] > 200 and pixel(img, (50, 25))[2] > 200


@pytest.mark.parametrize("fmt", ["JPEG", "TIFF"])
def test_cmyk_including_adobe_inverted_jpeg(tmp_path, fmt):
    img = Image.new("CMYK", (32, 16), (0, 255, 255, 0))  # red
    img.paste((255, 0, 0, 0), (16, 0, 32, 16))  # cyan
    path = save(img, tmp_path / f"cmyk.{fmt.lower()}", format=fmt)
    if fmt == "JPEG":
        with Image.open(path) as check:
            assert check.info.get("adobe") is not None  # Pillow writes Adobe's inverted CMYK
    out = load_image(path)
    assert out.mode == "RGB"
    assert np.allclose(pixel(out, (4, 8)), (255, 0, 0), atol=10)
    assert np.allclose(pixel(out, (28, 8)), (0, 255, 255), atol=10)


def test_palette_with_transparency_over_matte(tmp_path):
    img = Image.new("P", (20, 10), 0)
    img.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    img.paste(1, (10, 0, 20, 10))
    img.info["transparency"] = 0
    path = save(img, tmp_path / "p.png", transparency=0)
    out = load_image(path, matte=(0, 0, 255))
    assert pixel(out, (2, 5)) == (0, 0, 255)
    assert pixel(out, (15, 5)) == (255, 0, 0)


def test_la_and_rgba_composite_over_matte(tmp_path):
    la = Image.new("LA", (10, 10), (200, 0))
    la.paste((200, 255), (5, 0, 10, 10))
    out = load_image(save(la, tmp_path / "la.png"), matte=(10, 20, 30))
    assert pixel(out, (1, 1)) == (10, 20, 30) and pixel(out, (8, 1)) == (200, 200, 200)

    rgba = Image.new("RGBA", (10, 10), (255, 0, 0, 128))
    out = load_image(save(rgba, tmp_path / "rgba.png"))  # default matte: white
    assert np.allclose(pixel(out, (5, 5)), (255, 127, 127), atol=1)


def test_sixteen_bit_grey_is_scaled_not_clipped(tmp_path):
    values = np.array([[0, 128 * 257, 65535, 1000 * 20]], dtype=np.uint16)
    img = Image.fromarray(values)
    assert img.mode == "I;16"
    out = load_image(save(img, tmp_path / "grey16.png"))
    assert [pixel(out, (x, 0))[0] for x in range(4)] == [0, 128, 255, round(20000 / 257)]
    assert pixel(out, (1, 0)) == (128, 128, 128)


def test_thirty_two_bit_and_float_grey(tmp_path):
    wide = Image.fromarray(np.array([[0, 32896, 65535]], dtype=np.int32))
    assert wide.mode == "I"
    out = load_image(save(wide, tmp_path / "grey32.tif"))
    assert [pixel(out, (x, 0))[0] for x in range(3)] == [0, 128, 255]
    unit = Image.fromarray(np.array([[0.0, 0.5, 1.0]], dtype=np.float32))
    out = load_image(save(unit, tmp_path / "float.tif"))
    assert [pixel(out, (x, 0))[0] for x in range(3)] == [0, 128, 255]


def test_one_bit(tmp_path):
    img = Image.new("1", (8, 8), 0)
    img.paste(1, (4, 0, 8, 8))
    out = load_image(save(img, tmp_path / "bw.png"))
    assert pixel(out, (1, 1)) == (0, 0, 0) and pixel(out, (6, 1)) == (255, 255, 255)


def test_embedded_adobe_rgb_profile_is_converted_to_srgb():
    path = ASSETS / "photos" / "rocket.jpg"
    with Image.open(path) as raw:
        raw.load()
        icc = raw.info["icc_profile"]
        reference = ImageCms.profileToProfile(
            raw, ImageCms.ImageCmsProfile(io.BytesIO(icc)), ImageCms.createProfile("sRGB"), outputMode="RGB"
        )
        untouched = np.asarray(raw, dtype=np.int16)
    out = np.asarray(load_image(path), dtype=np.int16)
    assert np.abs(out - np.asarray(reference, dtype=np.int16)).mean() < 0.5
    assert np.abs(out - untouched).mean() > 2  # the conversion did something visible


@pytest.mark.parametrize(("fmt", "expected"), [("PNG", (400, 200)), ("JPEG", (500, 250))])
def test_target_size_decodes_big_images_small(tmp_path, fmt, expected):
    path = save(halves((2000, 1000)), tmp_path / f"big.{fmt.lower()}", format=fmt)
    out = load_image(path, target_size=(400, 200))
    assert out.size == expected  # at least the target in each dimension, by a whole factor
    assert pixel(out, (10, 10))[0] > 200 and pixel(out, ((expected[0] - 10), 10))[2] > 200


def test_loaded_photos_are_plain_rgb():
    for path in sorted((ASSETS / "photos").iterdir()):
        if path.suffix in (".png", ".jpg"):
            img = load_image(path)
            assert img.mode == "RGB" and min(img.size) >= 300


# ---------------------------------------------------------------------------------------------------- fitting


def test_fit_cover_centre_and_focus():
    img = halves((200, 100))
    centred = fit_cover(img, (100, 100))
    assert centred.size == (100, 100)
    assert pixel(centred, (10, 50)) == (255, 0, 0) and pixel(centred, (90, 50)) == (0, 0, 255)
    left = fit_cover(img, (100, 100), focus=(0.0, 0.5))
    right = fit_cover(img, (100, 100), focus=(1.0, 0.5))
    assert pixel(left, (95, 50))[0] > 250 and pixel(right, (5, 50))[2] > 250


def test_fit_cover_vertical_focus_keeps_subject():
    img = Image.new("RGB", (100, 300), (0, 0, 0))
    img.paste((255, 255, 0), (40, 20, 60, 40))  # the "face" near the top
    crop = fit_cover(img, (200, 100), focus=(0.5, 0.1))
    assert cover_box(img.size, (200, 100), (0.5, 0.1)) == (0.0, 5.0, 100.0, 55.0)  # centred on y = 30
    assert pixel(crop, (100, 50)) == (255, 255, 0)  # source (50, 30), scaled 2x
    assert cover_box(img.size, (200, 100), (0.5, 0.0)) == (0.0, 0.0, 100.0, 50.0)  # clamped at the top edge
    assert fit_cover(img, (200, 100)).getpixel((100, 50)) == (0, 0, 0)  # a centre crop loses it


def test_fit_cover_upscales_small_photos_smoothly_and_deterministically():
    img = load_image(ASSETS / "photos" / "chelsea.png")  # 451x300 onto a 1080x1920 reel: 6.4x
    a = fit_cover(img, (1080, 1920))
    b = fit_cover(img, (1080, 1920))
    assert a.size == (1080, 1920) and a.tobytes() == b.tobytes()
    # Smooth enlargement: the same crop blown up with nearest-neighbour has its changes piled into block edges,
    # so its squared neighbour differences are several times larger.
    nearest = img.resize((1080, 1920), Image.Resampling.NEAREST, box=cover_box(img.size, (1080, 1920)))

    def roughness(im: Image.Image) -> float:
        return float((np.diff(np.asarray(im, dtype=np.float64), axis=0) ** 2).mean())

    assert roughness(a) * 3 < roughness(nearest)


def test_contain_blur_layout():
    img = Image.new("RGB", (200, 100), (255, 0, 0))
    out = fit_contain_blur(img, (100, 200))
    assert out.size == (100, 200)
    assert contain_box(img.size, (100, 200)) == (0, 75, 100, 125)
    assert pixel(out, (50, 100)) == (255, 0, 0)  # the whole image, centred
    fill = pixel(out, (50, 10))
    assert 120 < fill[0] < 200 and fill[1] == fill[2] == 0  # blurred copy, darkened by 40 %
    top = fit_contain_blur(img, (100, 200), anchor=(0.5, 0.0))
    assert pixel(top, (50, 10)) == (255, 0, 0) and pixel(top, (50, 150))[0] < 200
    assert fit_contain_blur(img, (100, 200)).tobytes() == out.tobytes()


def test_contain_blur_keeps_whole_portrait_on_landscape_card():
    img = halves((50, 100), left=(0, 255, 0), right=(255, 0, 255))
    out = fit_contain_blur(img, (300, 150))
    box = contain_box(img.size, (300, 150))
    assert box == (112, 0, 187, 150)  # 1.5x: 75 px wide, centred
    assert pixel(out, (box[0] + 5, 75))[1] > 240 and pixel(out, (box[2] - 5, 75))[0] > 240
