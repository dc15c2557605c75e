"""Every bad input through the real CLI: one `Error: ...` line naming the file, exit 1 (2 for usage errors), no
traceback, and nothing partial left behind. docs/bad-inputs.md lists each case with the test that proves it.

Environment-dependent cases: a read-only folder is a read-only tmpfs when running as root (chmod does not stop
root) and a chmod-ed folder otherwise; a full disk is a tiny tmpfs when `mount` works, else the carousel case
makes the image encoder's write fail with ENOSPC in-process (the video case needs the real thing: ffmpeg is a
separate process).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import struct
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from scene import CARDS, RENDER, STORY, VIDEO, Scene
from slide2video.video.frames import FrameRenderer
from support import write_tone

# ------------------------------------------------------------------------------------------------ file makers


def png_bomb(width: int, height: int) -> bytes:
    """A real 1-bit PNG of zeros: a few kilobytes on disk, `width`x`height` pixels (gigabytes as RGB) decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = bytes(1 + (width + 7) // 8)
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def image_bytes(mode: str, size: tuple[int, int], fmt: str, color: Any) -> bytes:
    path = Path(tempfile.mkstemp(suffix="." + fmt)[1])
    try:
        Image.new(mode, size, color).save(path)
        return path.read_bytes()
    finally:
        path.unlink()


@contextlib.contextmanager
def tmpfs(folder: Path, options: str) -> Iterator[bool]:
    """Mount a tmpfs on `folder` (root only); yields False when mounting is not possible here."""
    folder.mkdir(exist_ok=True)
    if os.geteuid() != 0:
        yield False
        return
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    try:
        yield mounted.returncode == 0
    finally:
        if mounted.returncode == 0:
            subprocess.run(["umount", "-l", str(folder)], check=False)


# ------------------------------------------------------------------------------------------------ the article


BAD_ARTICLES: dict[str, tuple[str, Any, str]] = {
    "malformed-yaml": (
        "story.yaml",
        "title: [unclosed\nslides: []\n",
        "story.yaml:2: invalid YAML, column 7: expected ',' or ']'",
    ),
    "wrong-type": (
        "story.yaml",
        "title: T\nslides:\n  - heading: H\n    duration: soon\n",
        "story.yaml:4: slides[1].duration: expected a number, got text",
    ),
    "unknown-key": (
        "story.yaml",
        "title: T\nslides:\n  - heading: H\n    imgae: photo.jpg\n",
        "story.yaml:4: slides[1].imgae: unknown key 'imgae' (did you mean 'image'?)",
    ),
    "infinite-duration": (
        "story.yaml",
        "title: T\nslides:\n  - heading: H\n    duration: .inf\n",
        "story.yaml:4: slides[1].duration: .inf is not a finite number",
    ),
    "yaml-alias-bomb": (
        "story.yaml",
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{k}: &{k} [{', '.join([f'*{p}'] * 10)}]\n" for p, k in zip("abcdefg", "bcdefgh", strict=True))
        + "title: T\nslides: [*h]\n",
        "more than 100,000 values once aliases",
    ),
    "empty-file": ("story.txt", " \n\n\t\n", "story.txt: file is empty"),
    "binary-file": ("story.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not a text file"),
    "no-slides": ("story.md", "# Only A Title\n\nAnd an intro paragraph.\n", "story.md: no slides found"),
    "no-title": ("story.md", "## A Slide\n\nBody.\n", "story.md: no '# Title' line found"),
    "10000-word-slide": (
        "story.md",
        "# Title\n\n## One Long Slide\n\n" + "word " * 10_000,
        "slide 1 (One Long Slide) has 10,003 words, more than a card can show",
    ),
    "20000-character-paragraph": (
        "story.md",
        "# Title\n\n## H\n\n" + "x" * 20_000,
        "slide 1 (H): paragraph 1 is 20,000 characters long, more than a card or caption can show (limit 10,000)",
    ),
    "301-slides": (
        "story.md",
        "# Title\n\n" + "".join(f"## Slide {i}\n\nBody.\n\n" for i in range(301)),
        "story.md: more than 300 slides found, more than any platform takes (limit 300)",
    ),
    "front-matter-control-char": (
        "story.md",
        "---\nsection: a\x01b\n---\n# T\n\n## S\n",
        "story.md:2: invalid YAML front matter: unacceptable character #x0001",
    ),
}


@pytest.mark.parametrize("case", list(BAD_ARTICLES))
def test_bad_article(scene: Scene, case: str) -> None:
    name, content, message = BAD_ARTICLES[case]
    article = scene.write(name, content)
    scene.fails("render", article, "-o", scene.out, *RENDER, names=article, says=message)


def test_missing_article(scene: Scene) -> None:
    scene.fails("render", scene.root / "nope.md", "-o", scene.out, names=scene.root / "nope.md", says="no such file")


def test_folder_as_article(scene: Scene) -> None:
    scene.fails("carousel", scene.root, "-o", scene.out, *CARDS, names=scene.root, says="is a folder, not an article")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_file_as_article(scene: Scene) -> None:
    scene.fails("inspect", "/dev/zero", names="/dev/zero", says="file is over 10 MB")


def test_non_utf8_text_is_read_with_a_warning(scene: Scene) -> None:
    article = scene.write(
        "story.md", STORY.format(image="photos/rocket.jpg").replace("Intro.", "Caf\xe9.").encode("cp1252")
    )
    result = scene.run("carousel", article, "-o", scene.out, *CARDS)
    assert result.exit_code == 0, result.output
    assert f"warning: {article}:3: not valid UTF-8; read as Windows-1252" in result.stderr
    assert "Café." in (scene.out / "caption.txt").read_text(encoding="utf-8")


def test_unspaced_text_is_cut_inside_the_word(scene: Scene) -> None:
    """A heading that is one long word (a data blob, a compound) used to draw nothing, then crash the contrast check."""
    word = "Donaudampfschifffahrtsgesellschaftskapitän" * 8
    article = scene.write("story.md", f"# {'Long Title ' * 700}\n\n## {word}\n\nBody.\n")
    result = scene.run("carousel", article, "-o", scene.out, *CARDS)
    assert result.exit_code == 0, result.output
    assert "cut after 147 of 336 characters of its first word" in result.stderr  # cut inside the word with "…"
    assert "caption cut at the limit" in result.stderr  # a 7,700-character title: the caption still fits
    assert len((scene.out / "caption.txt").read_text(encoding="utf-8").rstrip("\n")) <= 2200
    with Image.open(scene.out / "02.png") as card:
        assert card.size == (160, 284)


# ------------------------------------------------------------------------------------------------- photos


BAD_IMAGES = {
    "missing": (None, "image not found"),
    "corrupt": (b"\xff\xd8\xff\xe0" + b"not really a jpeg" * 20, "image header is corrupt"),
    "truncated": ("truncated", "image is corrupt or truncated"),
    "zero-bytes": (b"", "image file is empty (0 bytes)"),
    "text-file": (b"just some notes\n", "not an image: the file contains text"),
    "heic": (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64), "HEIC/HEIF photos are not supported"),
    "bomb-400mp": ("bomb", "image is too large to decode safely"),
    "over-50mp": ("big", "image is 8000×7000 pixels (56 MP), over the 50 MP limit"),
}


@pytest.mark.parametrize("case", list(BAD_IMAGES))
def test_bad_image(scene: Scene, case: str) -> None:
    content, message = BAD_IMAGES[case]
    photo = scene.root / "photo.png"
    if content == "truncated":
        content = image_bytes("RGB", (300, 200), "png", (200, 30, 30))[:300]
    elif content == "bomb":
        content = png_bomb(20_000, 20_000)
        assert len(content) < 100_000  # small on disk, 400 MP decoded
    elif content == "big":
        content = png_bomb(8000, 7000)
    if content is not None:
        photo.write_bytes(content if isinstance(content, bytes) else content.encode())
    article = scene.story(image="photo.png")
    scene.fails("render", article, "-o", scene.out, *RENDER, names=photo, says=message)


def test_skip_bad_images_uses_the_theme_background(scene: Scene) -> None:
    scene.write("photo.png", b"")
    article = scene.story(image="photo.png")
    result = scene.run("carousel", article, "-o", scene.out, *CARDS, "--skip-bad-images")
    assert result.exit_code == 0, result.output
    assert "image file is empty (0 bytes); using the theme background" in result.stderr
    assert (scene.out / "02.png").is_file()


@pytest.mark.parametrize(
    "ref", ["../../etc/passwd", "/etc/passwd", "link.jpg"], ids=["relative-escape", "absolute", "symlink"]
)
def test_image_path_outside_the_article_folder(scene: Scene, ref: str) -> None:
    article = scene.story(image=ref, name="desk/story.md")
    (scene.root / "desk" / "link.jpg").symlink_to("/etc/passwd")  # a link cannot smuggle a file in either
    scene.fails("render", article, "-o", scene.out, *RENDER, says="image path leaves the article's folder")
    if ref == "/etc/passwd":  # with the flag the path is allowed, and the file is judged for what it is
        scene.fails(
            "render", article, "-o", scene.out, *RENDER, "--allow-outside-paths", names=ref, says="not an image"
        )


def test_image_url(scene: Scene) -> None:
    article = scene.story(image="https://example.com/photo.jpg")
    scene.fails(
        "render",
        article,
        "-o",
        scene.out,
        *RENDER,
        names="https://example.com/photo.jpg",
        says="image URLs are not downloaded",
    )


@pytest.mark.parametrize(
    ("mode", "size", "fmt", "color"),
    [
        ("RGB", (1, 1), "png", (200, 30, 30)),
        ("CMYK", (60, 40), "jpg", (0, 200, 200, 0)),
        ("I;16", (60, 40), "png", 50_000),
    ],
    ids=["1x1", "cmyk-jpeg", "16-bit-png"],
)
def test_odd_images_render_fine(scene: Scene, mode: str, size: tuple[int, int], fmt: str, color: object) -> None:
    scene.write(f"photo.{fmt}", image_bytes(mode, size, fmt, color))
    article = scene.story(image=f"photo.{fmt}")
    result = scene.run("carousel", article, "-o", scene.out, *CARDS, "--no-cover")
    assert result.exit_code == 0 and not result.stderr, result.output
    with Image.open(scene.out / "01.png") as card:
        assert card.size == (160, 284) and card.mode == "RGB"


# ----------------------------------------------------------------------------------------- theme, preset, fonts


BAD_THEMES = {
    "typo-in-key": (
        "colors:\n  txet: '#FFFFFF'\n",
        "theme.yaml:3: colors.txet: unknown key 'txet' (did you mean 'text'?)",
    ),
    "bad-colour": ("colors:\n  accent: reddish\n", "theme.yaml:3: colors.accent: 'reddish' is not a colour"),
    "missing-font": (
        "fonts:\n  headline: Helvetica-Bold\n",
        "theme.yaml:3: fonts.headline: unknown font 'Helvetica-Bold'",
    ),
    "font-not-a-font": ("fonts:\n  body: notes.ttf\n", "theme.yaml:3: fonts.body: "),
    "malformed": ("colors: {text: '#FFF'\n", "theme.yaml:3: invalid YAML"),
    "logo-bomb": ("logo:\n  image: logo.png\n", "logo.png: logo: image is too large to decode safely"),
}


@pytest.mark.parametrize("case", list(BAD_THEMES))
def test_bad_theme(scene: Scene, case: str) -> None:
    content, message = BAD_THEMES[case]
    theme = scene.write("theme.yaml", "extends: news\n" + content)
    scene.write("notes.ttf", "not a font\n")
    scene.write("logo.png", png_bomb(20_000, 20_000))
    article = scene.story()
    line = scene.fails("carousel", article, "-o", scene.out, *CARDS, "--theme", theme, says=message)
    assert str(scene.root) in line  # names the theme (or logo) file by its full path


def test_unknown_theme_and_preset(scene: Scene) -> None:
    """Bad option values are usage errors (exit 2), refused by the option's type before the article is read:
    the article here does not even exist."""
    article = scene.root / "no-such-story.md"
    out = scene.out
    says = "Invalid value for '--theme': unknown theme 'nwes' (did you mean 'news'?)"
    scene.fails("carousel", article, "-o", out, "--theme", "nwes", says=says, code=2)
    says = "unknown preset 'reeel' (did you mean 'reel'?)"
    scene.fails("carousel", article, "-o", out, "--preset", "reeel", says=says, code=2)
    scene.fails(
        "carousel", article, "-o", out, "--preset", "10x10", says="each side must be between 64 and 8192", code=2
    )
    scene.fails("video", article, "--preset", "reeel", says="unknown preset 'reeel'", code=2)
    scene.fails("render", article, "--carousel-preset", "reeel", says="unknown preset 'reeel'", code=2)
    missing = scene.root / "brand.yaml"
    scene.fails("carousel", article, "-o", out, "--theme", missing, names=missing, says="theme file not found", code=2)


# -------------------------------------------------------------------------------------------------- outputs


def test_unwritable_output_folder(scene: Scene) -> None:
    article = scene.story()
    locked = scene.root / "locked"
    with contextlib.ExitStack() as stack:
        if os.geteuid() == 0:
            if not stack.enter_context(tmpfs(locked, "ro,size=64k")):
                pytest.skip("running as root without mount: no way to make an unwritable folder")
        else:
            locked.mkdir()
            locked.chmod(0o555)
            stack.callback(locked.chmod, 0o755)
        scene.fails("carousel", article, "-o", locked / "cards", *CARDS, names=locked, says="")
        scene.fails("video", article, "-o", locked / "story.mp4", *VIDEO, names=locked, says="")
        scene.fails("render", article, "-o", locked / "all", *RENDER, names=locked, says="")
        scene.fails("parse", article, "-o", locked / "story.yaml", names=locked, says="")


def test_output_path_is_a_file_or_folder(scene: Scene) -> None:
    article = scene.story()
    blocker = scene.write("blocker", "x")
    scene.fails("carousel", article, "-o", blocker, *CARDS, names=blocker, says="exists and is a file, not a folder")
    scene.fails("render", article, "-o", blocker, *RENDER, names=blocker, says="exists and is a file, not a folder")
    scene.write("all/carousel", "x")  # render's carousel/ subfolder: refused before any card is drawn
    scene.fails("render", article, "-o", scene.root / "all", *RENDER, names="carousel", says="exists and is a file")
    scene.fails("video", article, "-o", blocker / "x.mp4", *VIDEO, names=blocker, says="exists and is a file")
    folder = scene.root / "folder"
    folder.mkdir()
    scene.fails("video", article, "-o", folder, *VIDEO, names=folder, says="is a folder, expected a video file path")
    scene.fails("parse", article, "-o", folder, names=folder, says="is a folder, expected a YAML file path")
    scene.fails("preview", article, "--slide", "1", "-o", folder, *CARDS, names=folder, says="is a folder")
    scene.fails("video", article, "-o", "story.mov", *VIDEO, names="story.mov", says="must end in .mp4")
    assert blocker.read_text() == "x" and list(folder.iterdir()) == []


def test_full_disk_carousel(scene: Scene, monkeypatch: pytest.MonkeyPatch) -> None:
    article = scene.story()
    disk = scene.root / "disk"
    with tmpfs(disk, "size=32k") as real:
        if not real:  # simulate: the image encoder's write fails as it would on a full disk
            real_save = Image.Image.save

            def save(self: Image.Image, fp: Any, *args: Any, **kw: Any) -> None:
                real_save(self, fp, *args, **kw)
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            monkeypatch.setattr(Image.Image, "save", save)
        scene.fails(
            "carousel",
            article,
            "-o",
            disk / "cards",
            "--preset",
            "400x500",
            names=disk / "cards",
            says="No space left on device",
        )


def test_full_disk_video(scene: Scene) -> None:
    article = scene.story()
    disk = scene.root / "disk"
    with tmpfs(disk, "size=16k") as real:
        if not real:
            pytest.skip("needs a tiny tmpfs (root and mount): ffmpeg writes from its own process")
        scene.fails(
            "video", article, "-o", disk / "story.mp4", "--preset", "400x500", "--duration", "2", "--quality", "draft",
            names=disk / "story.mp4", says="cannot write (No space left on device)",
        )  # fmt: skip


@pytest.fixture
def ffmpeg_processes(monkeypatch: pytest.MonkeyPatch) -> list[subprocess.Popen[bytes]]:
    """Every process started while the test runs (moviepy starts ffmpeg with subprocess.Popen)."""
    started: list[subprocess.Popen[bytes]] = []

    class Recording(subprocess.Popen[bytes]):
        def __init__(self, *args: Any, **kw: Any) -> None:
            super().__init__(*args, **kw)
            started.append(self)

    monkeypatch.setattr(subprocess, "Popen", Recording)
    return started


def test_ffmpeg_killed_mid_encode(
    scene: Scene, monkeypatch: pytest.MonkeyPatch, ffmpeg_processes: list[subprocess.Popen[bytes]]
) -> None:
    frame = FrameRenderer.planes

    def kill_at_frame_10(self: FrameRenderer, index: int):
        if index == 10:
            encoder = next(p for p in reversed(ffmpeg_processes) if p.poll() is None)
            encoder.kill()  # SIGKILL, as the out-of-memory killer would
            encoder.wait()
        return frame(self, index)

    monkeypatch.setattr(FrameRenderer, "planes", kill_at_frame_10)
    article = scene.story()
    out = scene.out / "story.mp4"
    says = "ffmpeg stopped while encoding the video: ffmpeg was killed (SIGKILL)"
    scene.fails("video", article, "-o", out, *VIDEO, names=out, says=says)
    scene.fails("video", article, "-o", out, *VIDEO, "--silent-audio", names=out, says=says)


def test_ffmpeg_killed_while_finishing(scene: Scene, monkeypatch: pytest.MonkeyPatch) -> None:
    """Killed after the last frame, while writing the index (the +faststart rewrite): the exit status says so."""
    from slide2video.video.ffmpeg import FrameWriter

    close = FrameWriter.close

    def kill_then_close(self: FrameWriter) -> None:
        self.proc.kill()
        self.proc.wait()
        close(self)

    monkeypatch.setattr(FrameWriter, "close", kill_then_close)
    article = scene.story()
    out = scene.out / "story.mp4"
    scene.fails("video", article, "-o", out, *VIDEO, names=out, says="ffmpeg was killed (SIGKILL)")


# ----------------------------------------------------------------------------------------------------- audio


def test_music_that_is_not_audio(scene: Scene) -> None:
    article = scene.story()
    notes = scene.write("music.mp3", "these are my notes, not a song\n")
    out = scene.out / "story.mp4"
    scene.fails(
        "video", article, "-o", out, *VIDEO, "--music", notes, names=notes, says="not an audio file ffmpeg can read"
    )
    scene.fails("video", article, "-o", out, *VIDEO, "--music", scene.root, names=scene.root, says="is a folder")
    scene.fails(
        "video", article, "-o", out, *VIDEO, "--music", "gone.mp3", names="gone.mp3", says="audio file not found"
    )


def test_music_that_is_a_silent_video(scene: Scene) -> None:
    article = scene.story()
    clip = scene.root / "clip.mp4"
    assert scene.run("video", article, "-o", clip, *VIDEO).exit_code == 0
    scene.fails(
        "video", article, "-o", scene.out / "story.mp4", *VIDEO, "--music", clip, names=clip, says="no audio stream"
    )


def test_narration_that_is_not_audio(scene: Scene) -> None:
    scene.write("voice.wav", "RIFF but not really\n")
    article = scene.write("story.yaml", "title: T\nslides:\n  - heading: H\n    audio: voice.wav\n")
    scene.fails("video", article, "-o", scene.out / "story.mp4", *VIDEO, names="voice.wav", says="cannot read audio")


def test_narration_outside_the_folder_needs_the_flag(scene: Scene) -> None:
    write_tone(scene.root / "voice.wav", 0.5)
    article = scene.write("desk/story.yaml", "title: T\nslides:\n  - heading: H\n    audio: ../voice.wav\n")
    out = scene.out / "story.mp4"
    scene.fails("video", article, "-o", out, *VIDEO, says="audio path leaves the article's folder")
    result = scene.run("video", article, "-o", out, *VIDEO, "--allow-outside-paths")
    assert result.exit_code == 0, result.output
    assert out.is_file()


# ----------------------------------------------------------------------------------------- options and usage


def test_bad_option_values(scene: Scene) -> None:
    article = scene.story()
    out = scene.out / "story.mp4"
    missing = scene.root / "no-such-story.md"  # option values are checked before the article is read
    for value in ("inf", "nan", "0.1"):
        says = f"Invalid value for '--duration': '{value}' is not a finite number; must be between 0.5 and 3600"
        says = says if value != "0.1" else "Invalid value for '--duration': '0.1' is out of range: must be between 0.5"
        scene.fails("video", missing, "-o", out, *VIDEO, "--duration", value, says=says, code=2)
    says = "Invalid value for '--transition': unknown transition 'blur'"
    scene.fails("video", missing, "-o", out, *VIDEO, "--transition", "blur", says=says, code=2)
    scene.fails("render", missing, "--transition", "fade:x", says="'x' is not a number of seconds", code=2)
    scene.fails("preview", article, "--at", "99", *CARDS, says="time 99 s is past the end of the video")
    scene.fails("preview", article, "--slide", "9", *CARDS, says="slide 9 does not exist: the article has 2 slides")


def test_usage_errors_exit_2(scene: Scene) -> None:
    article = scene.story()
    scene.fails("render", article, "--to", "mp3", says="'mp3' is not an output", code=2)
    scene.fails("preview", article, *CARDS, says="give exactly one of --at SECONDS or --slide N", code=2)
    scene.fails("video", article, "--quality", "ultra", says="'ultra' is not one of", code=2)
    scene.fails("parse", article, "--format", "docx", says="'docx' is not one of", code=2)


# ------------------------------------------------------------------------------- outputs that could destroy inputs


def test_an_output_that_is_an_input_is_refused_before_any_work(scene: Scene, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_frames(self: FrameRenderer, index: int) -> None:
        raise AssertionError("encoding started before the output was checked")

    monkeypatch.setattr(FrameRenderer, "frame", no_frames)
    text = scene.write("story.txt", STORY.format(image="photos/rocket.jpg"))
    yaml_story = scene.write("story.yaml", "title: T\nslides:\n  - heading: H\n    image: photo.png\n")
    scene.write("photo.png", image_bytes("RGB", (40, 30), "png", (200, 30, 30)))
    photo_story = scene.story(image="photo.png", name="desk.md")
    song = write_tone(scene.root / "song.mp4", 1.0)
    before = {p: p.read_bytes() for p in (text, yaml_story, scene.root / "photo.png", photo_story, song)}
    scene.fails("parse", text, "-o", text, names=text, says="the YAML file name must end in .yaml or .yml")
    scene.fails("parse", yaml_story, "-o", yaml_story, names=yaml_story, says="is also the article being read")
    scene.fails("preview", text, "--slide", "1", "-o", text, *CARDS, says="the PNG file name must end in .png")
    scene.fails("preview", photo_story, "--slide", "1", "-o", "photo.png", *CARDS, says="is also the photo being read")
    scene.fails("video", text, "-o", song, *VIDEO, "--music", song, names=song, says="is also the music being read")
    hard = scene.root / "hard.yaml"
    os.link(yaml_story, hard)  # a hard link is the same file under another name
    scene.fails("parse", yaml_story, "-o", hard, names=hard, says="is also the article being read")
    link = scene.root / "link.yaml"
    link.symlink_to(yaml_story)
    scene.fails("parse", yaml_story, "-o", link, names=link, says="is also the article being read")
    assert before == {p: p.read_bytes() for p in before}


def test_an_output_folder_holding_inputs_under_output_names_is_refused(scene: Scene) -> None:
    scene.write("cards/01.png", image_bytes("RGB", (40, 30), "png", (200, 30, 30)))
    article = scene.story(image="cards/01.png")
    scene.fails("carousel", article, "-o", scene.root / "cards", *CARDS, says="would overwrite the photo")
    scene.write("story.gif", b"GIF89a")
    scene.fails("video", scene.story(image="story.gif"), "-o", "story.mp4", *VIDEO, "--gif", says="is also the photo")
    scene.fails("render", scene.story(image="out/story.srt"), "-o", scene.out, *RENDER, says="would overwrite the")


def test_output_through_a_symlink_writes_the_target_and_keeps_the_link(scene: Scene) -> None:
    article = scene.story()
    target = scene.write("kept/story.yaml", "old: file\n")
    link = scene.root / "story.yaml"
    link.symlink_to(target)
    result = scene.run("parse", article, "-o", link)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert target.read_text(encoding="utf-8").startswith("title: A Story")
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]


def test_dash_is_standard_output_where_it_makes_sense(scene: Scene) -> None:
    article = scene.story()
    result = scene.run("parse", article, "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("title: A Story")
    assert not (scene.root / "-").exists()
    result = scene.run("preview", article, "--slide", "1", "-o", "-", *CARDS)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"\x89PNG\r\n\x1a\n")
    assert "wrote standard output" in result.stderr
    scene.fails("video", article, "-o", "-", *VIDEO, names="-", says="cannot write the video to standard output")
    scene.fails("carousel", article, "-o", "-", *CARDS, names="-", says="cannot write a folder of files to standard")


@pytest.mark.skipif(not Path("/dev/null").is_char_device(), reason="needs /dev/null")
def test_a_device_is_written_through_never_replaced(scene: Scene) -> None:
    article = scene.story()
    for args in (["parse", article], ["preview", article, "--slide", "1", *CARDS]):
        result = scene.run(*args, "-o", "/dev/null")
        assert result.exit_code == 0, result.output
        assert Path("/dev/null").is_char_device()
    assert not list(Path("/dev").glob(".null.*"))
    scene.fails("video", article, "-o", "/dev/null", *VIDEO, names="/dev/null", says="is a device or pipe, not a file")


# ---------------------------------------------------------------------------------------------------------- YAML


def test_python_tags_are_refused_on_mappings_and_lists(scene: Scene) -> None:
    mapping = scene.write("m.yaml", "title: T\nslides:\n  - !!python/object:os.system\n    heading: H\n")
    scene.fails(
        "render", mapping, "-o", scene.out, *RENDER, names=mapping, says=":3: invalid YAML: tag '!!python/object"
    )
    listing = scene.write("l.yaml", "title: T\nslides: !!python/tuple\n  - heading: H\n")
    scene.fails(
        "render", listing, "-o", scene.out, *RENDER, names=listing, says=":2: invalid YAML: tag '!!python/tuple'"
    )


def test_merge_keys_and_exponent_numbers_render(scene: Scene) -> None:
    article = scene.write(
        "story.yaml",
        "x-slide: &slide\n  credit: Reuters\n  duration: 2e0\ntitle: T\nslides:\n"
        "  - <<: *slide\n    heading: One\n  - <<: *slide\n    heading: Two\n    duration: 1.5E0\n",
    )
    result = scene.run("video", article, "--dry-run", "--preset", "160x284", "--transition", "cut")
    assert result.exit_code == 0, result.output
    assert "Reuters" not in result.stderr
    rows = [ln.split() for ln in result.stdout.splitlines() if ln.split()[:1] in (["1"], ["2"])]
    assert [r[2] for r in rows] == ["2.00", "1.50"], result.stdout  # 2e0 and 1.5E0 are seconds


# ------------------------------------------------------------------------------------ the text the world writes


def _metadata(out: Path) -> dict[str, str]:
    """Every text file an output folder holds, decoded strictly (a surrogate or bad byte would raise here)."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes().decode("utf-8")
        for p in sorted(out.rglob("*"))
        if p.suffix in (".txt", ".json", ".srt", ".vtt")
    }


def test_lone_surrogates_are_replaced_and_named_by_line(scene: Scene) -> None:
    article = scene.write(
        "story.yaml",
        'title: "Cut \\ud83d"\nintro: "Half \\ude00 pair"\nslides:\n'
        '  - heading: "Rocket \\ud83d"\n    body: "It \\udc00 flew."\n'
        '    credit: "NASA\\ud800"\n    alt: "A \\udfff"\n',
    )
    result = scene.run("render", article, "-o", scene.out, *RENDER, "--to", "carousel,srt")
    assert result.exit_code == 0, result.output
    for line in (1, 2, 4, 5, 6, 7):
        assert f"warning: {article}:{line}: lone surrogate (U+D" in result.stderr, result.stderr
    texts = _metadata(scene.out)
    assert {"carousel/caption.txt", "carousel/manifest.json", "story.srt", "story.vtt"} <= set(texts)
    assert "Cut \ufffd" in texts["carousel/caption.txt"] and "It \ufffd flew." in texts["story.srt"]


def test_invisible_only_headings_are_blank(scene: Scene) -> None:
    invisible = "\u200d\ufeff\u2060\u202e\ufe0f\u200b"
    story = scene.write("story.yaml", f'title: T\nslides:\n  - heading: "{invisible}"\n    body: B\n')
    scene.fails("render", story, "-o", scene.out, *RENDER, names=story, says=":3: slides[1].heading: heading is blank")
    md = scene.write("story.md", f"# Title\n\n## {invisible}\n\nSkipped.\n\n## Real\n\n{invisible}\n\nBody.\n")
    result = scene.run("carousel", md, "-o", scene.out, *CARDS, "--no-cover", "--no-end")
    assert result.exit_code == 0, result.output
    assert f"warning: {md}:3: empty slide heading" in result.stderr
    assert sorted(p.name for p in scene.out.glob("*.png")) == ["01.png"]


def test_one_stray_windows_1252_byte_is_repaired_alone(scene: Scene) -> None:
    text = STORY.format(image="photos/rocket.jpg").replace("It flew.", "It flew — na\x00ve, café.")
    article = scene.write("story.md", text.encode("utf-8").replace(b"\x00", b"\xef"))  # one cp1252 'ï'
    result = scene.run("carousel", article, "-o", scene.out, *CARDS)
    assert result.exit_code == 0, result.output
    assert result.stderr.count("not valid UTF-8") == 1
    assert f"warning: {article}:8: not valid UTF-8; read as Windows-1252 ('ï')" in result.stderr
    assert "It flew — naïve, café." in json.loads(_metadata(scene.out)["manifest.json"])["cards"][1]["alt"]


def test_bidi_controls_are_stripped_from_metadata_with_a_warning(scene: Scene) -> None:
    article = scene.write(
        "story.yaml",
        'title: "Invoice \\u202egpj.exe"\nslides:\n  - heading: "H \\u2067x\\u2069"\n    body: B\n'
        '    credit: "\\u202dAP"\n    alt: "a\\u202eb"\n',
    )
    result = scene.run("render", article, "-o", scene.out, *RENDER, "--to", "carousel,srt")
    assert result.exit_code == 0, result.output
    for line in (1, 3, 5, 6):
        assert f"warning: {article}:{line}: bidi control character (U+" in result.stderr, result.stderr
    for name, text in _metadata(scene.out).items():
        assert not set(text) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), name
    assert "Invoice gpj.exe" in _metadata(scene.out)["carousel/caption.txt"]


def test_bidi_controls_in_a_saved_html_page_get_the_same_warning_and_stripping(scene: Scene) -> None:
    import shutil

    fixture = Path(__file__).parents[1] / "fixtures" / "html"
    shutil.copytree(fixture / "captions-credits_files", scene.root / "captions-credits_files")
    html = (fixture / "captions-credits.html").read_text(encoding="utf-8")
    html = html.replace("Ten of the world's oldest trees", "Ten \u202eseert tsedlo").replace(
        "Methuselah, California", "Methuselah \u2067Nevada\u2069"
    )
    page = scene.write("captions-credits.html", html)
    result = scene.run("render", page, "-o", scene.out, *RENDER, "--to", "carousel,srt")
    assert result.exit_code == 0, result.output
    assert f"warning: {page}: title: bidi control character (U+202E) kept on the cards but removed" in result.stderr
    assert (
        f"warning: {page}: slide 1 (Methuselah \u2067Nevada\u2069): heading: bidi control character (U+2067, U+2069)"
        in (result.stderr)
    )
    metadata = _metadata(scene.out)
    for name, text in metadata.items():
        assert not set(text) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), name
    assert "Ten seert tsedlo" in metadata["carousel/caption.txt"]


@pytest.mark.parametrize(
    "markup",
    [
        "![rocket](<my photo.png>)",
        "![rocket](my%20photo.png)",
        "![rocket][pic]\n\n[pic]: <my photo.png>",
        '<img src="my photo.png" alt="rocket">',
    ],
    ids=["angle-brackets", "percent-20", "reference", "html-img"],
)
def test_markdown_images_with_spaces_references_and_img_tags(scene: Scene, markup: str) -> None:
    scene.write("my photo.png", image_bytes("RGB", (90, 160), "png", (230, 20, 20)))
    article = scene.write("story.md", f"# Title\n\n## The Rocket\n\n{markup}\n\nIt flew.\n")
    result = scene.run("carousel", article, "-o", scene.out, *CARDS, "--no-cover", "--no-end")
    assert result.exit_code == 0 and not result.stderr, result.output
    with Image.open(scene.out / "01.png") as card:
        r, g, b = card.convert("RGB").getpixel((80, 40))  # above the text: the photo
    assert r > 150 and g < 80 and b < 80, (r, g, b)
    manifest = json.loads((scene.out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["cards"][0]["alt"].startswith("rocket.") and "<img" not in manifest["cards"][0]["alt"]


def test_emoji_and_major_scripts_draw_without_boxes(scene: Scene) -> None:
    article = scene.write(
        "story.md",
        "# Launch day 🚀🎉\n\n## नमस्ते 👍🏽\n\nবাংলা தமிழ் ภาษาไทย ქართული Հայերեն አማርኛ ❤️ 🇮🇳\n\n"
        "## Hieroglyph\n\nAn \U00013000 here.\n",
    )
    result = scene.run("carousel", article, "-o", scene.out, "--preset", "400x500", "--no-end")
    assert result.exit_code == 0, result.output
    warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("warning:")]
    assert len(warnings) == 1 and "(U+13000); they print as boxes" in warnings[0], result.stderr
    with Image.open(scene.out / "01.png") as cover:
        pixels = np.asarray(cover.convert("RGB")).reshape(-1, 3).astype(int)
    colour = (np.abs(pixels[:, 0] - pixels[:, 1]) > 80) & (pixels.max(axis=1) > 150)  # saturated ink: emoji
    assert colour.sum() > 50


def test_an_encoded_surrogate_in_the_bytes_becomes_a_replacement_character(scene: Scene) -> None:
    text = STORY.format(image="photos/rocket.jpg").replace("Intro.", "Cut \x00 here.")
    article = scene.write("story.md", text.encode().replace(b"\x00", b"\xed\xa0\xbd"))  # CESU-8 half of 😀
    result = scene.run("parse", article, "-o", "-")
    assert result.exit_code == 0, result.output
    assert f"warning: {article}:3: not valid UTF-8; encoded surrogate read as U+FFFD" in result.stderr
    assert "Cut \ufffd here." in result.stdout


def test_an_undefined_markdown_image_reference_is_named(scene: Scene) -> None:
    article = scene.write("story.md", "# Title\n\n## The Rocket\n\n![rocket][nope]\n\nIt flew.\n")
    result = scene.run("carousel", article, "-o", scene.out, *CARDS)
    assert result.exit_code == 0, result.output
    assert f"warning: {article}:5: image reference [nope] has no definition" in result.stderr


def test_every_non_standard_tag_is_refused_in_articles_and_themes(scene: Scene) -> None:
    scalar = scene.write("s.yaml", "title: !!python/name:os.system T\nslides:\n  - heading: H\n")
    scene.fails("parse", scalar, names=scalar, says=":1: invalid YAML: tag '!!python/name:os.system' is not allowed")
    local = scene.write("c.yaml", "title: !custom T\nslides:\n  - heading: H\n")
    scene.fails("parse", local, names=local, says=":1: invalid YAML: tag '!custom' is not allowed")
    theme = scene.write("theme.yaml", "extends: news\ncolors: !!python/object:dict\n  text: '#FFFFFF'\n")
    scene.fails(
        "carousel",
        scene.story(),
        "-o",
        scene.out,
        *CARDS,
        "--theme",
        theme,
        names=theme,
        says=":2: invalid YAML: tag '!!python/object:dict'",
    )


def test_merge_key_errors_and_numbers_in_text_fields(scene: Scene) -> None:
    bad = scene.write("m.yaml", "title: T\nslides:\n  - <<: [1, 2]\n    heading: H\n")
    scene.fails("parse", bad, names=bad, says=":3: invalid YAML: '<<' merges a mapping (or a list of mappings)")
    numbers = scene.write("n.yaml", "title: 1e3\nslides:\n  - heading: 007\n    body: [1.50]\n")
    result = scene.run("parse", numbers)
    assert result.exit_code == 0, result.output
    assert "title: 1e3" in result.stdout and "heading: '007'" in result.stdout and "'1.50'" in result.stdout


def test_a_carousel_through_a_symlinked_folder_fills_the_target(scene: Scene) -> None:
    real = scene.root / "real"
    real.mkdir()
    link = scene.root / "cards"
    link.symlink_to(real, target_is_directory=True)
    result = scene.run("carousel", scene.story(), "-o", link, *CARDS)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and (real / "01.png").is_file() and (real / "manifest.json").is_file()
    assert not [p for p in scene.root.iterdir() if p.name.startswith(".")]


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="needs /dev/stdout")
def test_dev_stdout_works_on_a_pipe_and_on_a_redirected_file(scene: Scene) -> None:
    """`-o /dev/stdout` resolves to a pipe or to the file the shell opened: written through either way, never
    replaced, and nothing created in /dev (parse once copied photos into /dev/stdout_files/)."""
    scene.write("photo.png", image_bytes("RGB", (40, 30), "png", (200, 30, 30)))
    article = scene.story(image="photo.png")
    command = [sys.executable, "-m", "slide2video"]
    piped = subprocess.run([*command, "parse", str(article), "-o", "/dev/stdout"], capture_output=True, check=False)
    assert piped.returncode == 0 and piped.stdout.startswith(b"title: A Story"), piped.stderr
    redirected = scene.root / "redirected.png"
    with redirected.open("wb") as fh:
        done = subprocess.run(
            [*command, "preview", str(article), "--slide", "1", *CARDS, "-o", "/dev/stdout"], stdout=fh, check=False
        )
    assert done.returncode == 0 and redirected.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert not list(Path("/dev").glob("stdout*_files")) and not list(Path("/dev").glob(".stdout*"))


def test_a_fifo_or_device_as_photo_or_music_is_refused_not_waited_on(scene: Scene) -> None:
    """A FIFO named like a photo (or `--music /dev/zero`) used to block the render forever or read without end."""
    os.mkfifo(scene.root / "photo.png")
    article = scene.story(image="photo.png")
    scene.fails("carousel", article, "-o", scene.out, *CARDS, names="photo.png", says="not a regular file (a pipe")
    os.mkfifo(scene.root / "song.mp3")
    plain = scene.story(image="photos/rocket.jpg", name="plain.md")
    out = scene.out / "story.mp4"
    for music in (scene.root / "song.mp3", Path("/dev/zero")):
        scene.fails("video", plain, "-o", out, *VIDEO, "--music", music, names=music, says="not a regular file")
