"""The CLI: parse/inspect output, exit codes, and one-line errors with no traceback."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from PIL import Image

from slide2video import __version__, load_article
from slide2video.cli import main
from support import SEED


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_parse_to_stdout_and_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["parse", str(SEED)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("title: Russia Says NATO Forces")
    out = tmp_path / "seed.yaml"
    result = runner.invoke(main, ["parse", str(SEED), "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == runner.invoke(main, ["parse", str(SEED)]).output
    assert load_article(out) == load_article(SEED)


def test_inspect(runner: CliRunner) -> None:
    result = runner.invoke(main, ["inspect", str(SEED)])
    assert result.exit_code == 0
    assert "section: Politics" in result.output
    assert "source:  The Stock Dork" in result.output
    assert "Macron’s Statement" in result.output and "DepositPhotos" in result.output


def test_user_errors_are_one_line_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("title: [x\n")
    noslides = tmp_path / "noslides.md"
    noslides.write_text("# Title\n\nJust an intro.\n")
    cases = {
        str(tmp_path / "missing.txt"): "no such file",
        str(empty): "file is empty",
        str(binary): "not a text file",
        str(bad_yaml): "invalid YAML",
        str(noslides): "no slides found",
        str(tmp_path): "is a folder",
    }
    for path, message in cases.items():
        result = runner.invoke(main, ["parse", path])
        assert result.exit_code == 1, (path, result.output)
        err = result.stderr.strip()
        assert err.count("\n") == 0 and err.startswith("Error: ") and path in err and message in err, err
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_usage_error_exit_2(runner: CliRunner) -> None:
    assert runner.invoke(main, ["parse"]).exit_code == 2
    assert runner.invoke(main, ["parse", str(SEED), "--format", "docx"]).exit_code == 2


def test_output_to_unwritable_place(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(main, ["parse", str(SEED), "-o", str(blocker / "out.yaml")])
    assert result.exit_code == 1
    assert "is a file" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_completion_script(runner: CliRunner) -> None:
    result = runner.invoke(main, ["completion", "bash"])
    assert result.exit_code == 0 and "_SLIDE2VIDEO_COMPLETE" in result.output


def test_presets_and_themes_listed(runner: CliRunner) -> None:
    result = runner.invoke(main, ["presets"])
    assert result.exit_code == 0
    assert "reel" in result.output and "1080x1920" in result.output and "14%/35%/6%/6%" in result.output
    result = runner.invoke(main, ["themes"])
    assert result.exit_code == 0
    assert all(name in result.output for name in ("news", "bold", "minimal"))


def test_carousel_command(runner: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "story.md"
    article.write_text(
        "# A Story\n\nIntro.\n\n## One\n![cat](photos/chelsea.png)\nPhoto: Stefan van der Walt\n\n"
        "Body one.\n\n## Two\n\nBody two.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = runner.invoke(
        main, ["carousel", str(article), "--preset", "200x250", "--pdf", "-o", str(out), "--theme", "bold"]
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "01.png",
        "02.png",
        "03.png",
        "04.png",
        "caption.txt",
        "carousel.pdf",
        "contact-sheet.jpg",
        "manifest.json",
    ]
    with Image.open(out / "02.png") as img:
        assert img.size == (200, 250)
    assert "Photos: Stefan van der Walt (slide 1)" in (out / "caption.txt").read_text()


def test_carousel_bad_image_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "story.md"
    article.write_text("# A Story\n\n## One\n![x](missing.jpg)\n\nBody.\n", encoding="utf-8")
    result = runner.invoke(main, ["carousel", str(article), "--preset", "200x250", "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "missing.jpg" in result.stderr
    assert not (tmp_path / "out").exists()
