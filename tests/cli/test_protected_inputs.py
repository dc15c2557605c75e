"""No output is written over an input: batch's `-o` folder through the same check as single commands, and the
theme's logo and font files counted as inputs. docs/bad-inputs.md rows 129-132.
"""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

from scene import CARDS, RENDER, VIDEO, Scene
from slide2video.paths import data_dir

PHOTO = data_dir("assets") / "photos" / "astronaut.png"


def _tone(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:  # a WAV named .mp4: ffmpeg reads what the bytes are
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(bytes(16000))
    return path


def _brand(scene: Scene) -> Path:
    """A brand theme in brand/: its own headline font and logo beside it."""
    brand = scene.root / "brand"
    brand.mkdir()
    shutil.copy(data_dir("fonts") / "Inter-Bold.otf", brand / "Brand.otf")
    shutil.copy(PHOTO, brand / "01.png")
    return scene.write("brand/brand.yaml", "extends: news\nfonts:\n  headline: Brand.otf\nlogo:\n  image: 01.png\n")


def test_batch_refuses_an_output_folder_where_it_would_write_over_the_music(scene: Scene) -> None:
    story = scene.write("desk/story.md", "# T\n\n## A\n\nOne.\n")
    music = _tone(scene.out / "story" / "story.mp4")  # the name batch gives story.md's video
    before = music.read_bytes()
    says = f"would overwrite the music {music} (it has a name this output uses); choose another folder"
    scene.fails("batch", story, "-o", scene.out, "--to", "mp4", *VIDEO, "--music", music, names=scene.out, says=says)
    assert music.read_bytes() == before and not (scene.out / "report.json").exists()


def test_batch_fails_the_article_whose_photo_is_where_its_cards_go(scene: Scene) -> None:
    photo = scene.out / "story" / "carousel" / "01.png"
    photo.parent.mkdir(parents=True)
    shutil.copy(PHOTO, photo)
    before = photo.read_bytes()
    story = scene.write("out/story.md", "# T\n\n## A\n\n![a](story/carousel/01.png)\n\nOne.\n")
    other = scene.write("desk/other.md", "# U\n\n## B\n\nTwo.\n")
    result = scene.run("batch", story, other, "-o", scene.out, "--to", "carousel", "--carousel-preset", "160x284")
    assert result.exit_code == 1, result.output
    failed = [ln for ln in result.stderr.splitlines() if ln.startswith("failed: ")]
    assert len(failed) == 1 and f"would overwrite the photo {photo}" in failed[0], result.stderr
    assert photo.read_bytes() == before and (scene.out / "other" / "carousel" / "01.png").is_file()


def test_a_carousel_is_never_written_over_the_themes_logo(scene: Scene) -> None:
    theme = _brand(scene)
    logo = scene.root / "brand" / "01.png"
    before = logo.read_bytes()
    says = f"would overwrite the theme logo {logo} (it has a name this output uses); choose another folder"
    folder = scene.root / "brand"
    scene.fails("carousel", scene.story(), "--theme", theme, "-o", folder, *CARDS, names=folder, says=says)
    assert logo.read_bytes() == before


def test_a_video_is_never_written_over_the_themes_font(scene: Scene) -> None:
    theme = _brand(scene)
    font = scene.root / "brand" / "Brand.otf"
    before = font.read_bytes()
    link = scene.root / "brand.mp4"
    link.symlink_to(font)  # -o through a link to the font: it would replace the font's bytes
    says = f"is also the theme font being read ({font}); choose another output name"
    scene.fails("video", scene.story(), "--theme", theme, "-o", link, *VIDEO, names=link, says=says)
    assert font.read_bytes() == before and link.is_symlink()
    assert scene.run("render", scene.story(), "--theme", theme, "-o", "done", *RENDER, "--to", "srt").exit_code == 0
