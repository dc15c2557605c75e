"""Kind 6 of issue 11: batch discovery takes only regular files, reports each odd entry, and goes on.

docs/bad-inputs.md rows 116-118.
"""

from __future__ import annotations

import json
import os

import pytest

from scene import Scene

STORY = "# T\n\n## A\n\nOne.\n"
BATCH = ["--to", "carousel", "--carousel-preset", "160x284"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_and_a_symlink_loop_in_a_batch_folder_are_skipped_with_a_warning(scene: Scene) -> None:
    desk = scene.root / "desk"
    desk.mkdir()
    (desk / "story.md").write_text(STORY)
    os.mkfifo(desk / "pipe.md")  # reading it would wait forever for a writer
    os.symlink("loop.md", desk / "loop.md")
    result = scene.run("batch", desk, "-o", scene.out, *BATCH)
    assert result.exit_code == 0, result.output
    assert f"warning: {desk / 'pipe.md'}: not a regular file (a pipe, device or socket); skipped" in result.stderr
    assert f"warning: {desk / 'loop.md'}: a symlink loop; skipped" in result.stderr
    assert (scene.out / "story" / "carousel" / "01.png").is_file()


def test_a_file_name_that_is_not_utf8_does_not_crash_the_report(scene: Scene) -> None:
    desk = scene.root / "desk"
    desk.mkdir()
    name = os.fsdecode(b"caf\xe9.md")  # Latin-1 bytes: a lone surrogate in Python's str
    (desk / name).write_text(STORY)
    result = scene.run("batch", desk, "-o", scene.out, *BATCH)
    assert result.exit_code == 0, result.output
    assert "desk/caf\\xe9.md" in result.stdout  # the summary table shows the byte escaped
    report = json.loads((scene.out / "report.json").read_text(encoding="utf-8"))
    assert report["articles"][0]["article"] == str(desk / name)  # escaped in the JSON, reads back as the name
    assert (scene.out / "caf\udce9" / "carousel" / "01.png").is_file()
