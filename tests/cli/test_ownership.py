"""Kind 1 of issue 11: the tool deletes or replaces only what it can prove it wrote.

A carousel's manifest says it is ours (`generator`) and records the SHA-256 of every file it wrote; a rerun removes
a stale card only if the manifest is ours and the card is unchanged. docs/bad-inputs.md rows 112-114.
"""

from __future__ import annotations

import json

from scene import CARDS, Scene


def test_another_programs_manifest_is_never_trusted_nor_replaced(scene: Scene) -> None:
    story = scene.story()
    scene.out.mkdir()
    (scene.out / "keep.txt").write_text("theirs")
    foreign = json.dumps({"files": ["keep.txt"]})
    (scene.out / "manifest.json").write_text(foreign)
    scene.fails(
        "carousel",
        story,
        "-o",
        scene.out,
        *CARDS,
        names=scene.out,
        says="holds manifest.json, which slide2video did not write",
    )
    assert (scene.out / "keep.txt").read_text() == "theirs" and (scene.out / "manifest.json").read_text() == foreign


def test_a_folder_with_cards_the_tool_did_not_write_is_refused(scene: Scene) -> None:
    story = scene.story()
    scene.out.mkdir()
    (scene.out / "01.png").write_bytes(b"my own picture")
    scene.fails(
        "carousel",
        story,
        "-o",
        scene.out,
        *CARDS,
        names=scene.out,
        says="holds 01.png, which slide2video did not write",
    )
    assert (scene.out / "01.png").read_bytes() == b"my own picture"


def test_a_rerun_removes_only_its_own_unchanged_stale_files(scene: Scene) -> None:
    long = scene.write("long.md", "# T\n\n" + "".join(f"## S{i}\n\nText {i}.\n\n" for i in range(5)))
    assert scene.run("carousel", long, "-o", scene.out, *CARDS).exit_code == 0
    manifest = json.loads((scene.out / "manifest.json").read_text())
    assert manifest["generator"] == "slide2video" and "04.png" in manifest["hashes"]
    (scene.out / "05.png").write_bytes(b"edited by hand")  # no longer what the tool wrote
    short = scene.write("long.md", "# T\n\n## S0\n\nText.\n")
    assert scene.run("carousel", short, "-o", scene.out, *CARDS).exit_code == 0
    names = sorted(p.name for p in scene.out.iterdir())
    assert {"04.png", "06.png", "07.png"}.isdisjoint(names) and "03.png" in names  # ours, unchanged: removed
    assert (scene.out / "05.png").read_bytes() == b"edited by hand"  # changed since: kept


def test_a_second_batch_into_a_locked_folder_stops_or_waits(scene: Scene) -> None:
    import os
    import threading

    from slide2video.fileio import LOCK_NAME, FolderLock

    story = scene.write("story.md", "# T\n\n## A\n\nOne.\n")
    args = ["batch", story, "-o", scene.out, "--to", "carousel", "--carousel-preset", "160x284", "-q"]
    with FolderLock(scene.out):  # another run is writing the folder
        says = f"another slide2video run (pid {os.getpid()}) is writing this folder; wait for it, or pass --wait"
        scene.fails(*args, names=scene.out, says=says)
    assert not (scene.out / LOCK_NAME).exists()  # released with the run
    lock = FolderLock(scene.out).__enter__()
    threading.Timer(1.0, lock.__exit__).start()
    result = scene.run(*args, "--wait")
    assert result.exit_code == 0, result.output
    assert (scene.out / "story" / "carousel" / "01.png").is_file() and not (scene.out / LOCK_NAME).exists()
