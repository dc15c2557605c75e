"""Kind 1 of issue 11: the tool deletes or replaces only what it can prove it wrote.

A carousel's manifest says it is ours (`generator`) and records the SHA-256 of every file it wrote; a rerun removes
a stale card only if the manifest is ours and the card is unchanged. docs/bad-inputs.md rows 112-114, 122-125.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from scene import CARDS, RENDER, Scene


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

    from slide2video.fileio.lock import LOCK_NAME, OutputLock

    story = scene.write("story.md", "# T\n\n## A\n\nOne.\n")
    args = ["batch", story, "-o", scene.out, "--to", "carousel", "--carousel-preset", "160x284", "-q"]
    with OutputLock(scene.out, inside=True):  # another run is writing the folder
        says = f"another slide2video run (pid {os.getpid()}) is writing this folder; wait for it, or pass --wait"
        scene.fails(*args, names=scene.out, says=says)
    assert not (scene.out / LOCK_NAME).exists()  # released with the run
    lock = OutputLock(scene.out, inside=True).__enter__()
    threading.Timer(1.0, lock.__exit__).start()
    result = scene.run(*args, "--wait")
    assert result.exit_code == 0, result.output
    assert (scene.out / "story" / "carousel" / "01.png").is_file() and not (scene.out / LOCK_NAME).exists()


# ------------------------------------------------------------------------------- a carousel swapped in as a whole


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _story(scene: Scene, word: str, slides: int = 2) -> Path:
    return scene.write("story.md", "# T\n\n" + "".join(f"## {word} {i}\n\n{word} text.\n\n" for i in range(slides)))


def test_a_rerun_swaps_the_whole_carousel_folder_in(scene: Scene) -> None:
    assert scene.run("carousel", _story(scene, "Old"), "-o", scene.out, *CARDS).exit_code == 0
    scene.out.chmod(0o750)
    old = _snapshot(scene.out)
    inode = scene.out.stat().st_ino
    assert scene.run("carousel", _story(scene, "New"), "-o", scene.out, *CARDS).exit_code == 0
    new = _snapshot(scene.out)
    assert scene.out.stat().st_ino != inode  # the staged folder was renamed in, not filled file by file
    assert scene.out.stat().st_mode & 0o777 == 0o750  # with the mode the user gave the old one
    assert new.keys() == old.keys() and new["02.png"] != old["02.png"]
    assert not [p for p in scene.root.iterdir() if p.name.startswith(".")]  # no staging or aside folder left


def test_files_the_tool_does_not_own_stay_and_only_its_own_files_move(scene: Scene) -> None:
    assert scene.run("carousel", _story(scene, "Old", slides=4), "-o", scene.out, *CARDS).exit_code == 0
    (scene.out / "notes.txt").write_text("mine")
    (scene.out / "drafts").mkdir()
    (scene.out / "06.png").write_bytes(b"edited by hand")  # a card of the old set the new one no longer writes
    inode = scene.out.stat().st_ino
    assert scene.run("carousel", _story(scene, "New", slides=2), "-o", scene.out, *CARDS).exit_code == 0
    assert scene.out.stat().st_ino == inode  # their files keep their folder
    assert (scene.out / "notes.txt").read_text() == "mine" and (scene.out / "drafts").is_dir()
    assert (scene.out / "06.png").read_bytes() == b"edited by hand" and not (scene.out / "05.png").exists()
    manifest = json.loads((scene.out / "manifest.json").read_text())
    assert sorted(manifest["hashes"]) == ["01.png", "02.png", "03.png", "04.png", "caption.txt", "contact-sheet.jpg"]
    assert not [p for p in scene.root.iterdir() if p.name.startswith(".")]


def test_a_folder_where_a_card_goes_leaves_the_old_carousel_whole(scene: Scene) -> None:
    assert scene.run("carousel", _story(scene, "Old"), "-o", scene.out, *CARDS).exit_code == 0
    (scene.out / "02.png").unlink()
    (scene.out / "02.png").mkdir()  # a folder where the new card must go
    old = _snapshot(scene.out)
    says = "holds 02.png, which slide2video did not write (a folder); choose an empty or new folder"
    scene.fails("carousel", _story(scene, "New"), "-o", scene.out, *CARDS, names=scene.out, says=says)
    assert _snapshot(scene.out) == old


def test_a_card_edited_by_hand_is_not_written_over(scene: Scene) -> None:
    assert scene.run("carousel", _story(scene, "Old"), "-o", scene.out, *CARDS).exit_code == 0
    (scene.out / "01.png").write_bytes(b"edited by hand")
    old = _snapshot(scene.out)
    says = "holds 01.png, which slide2video did not write (changed since it wrote it)"
    scene.fails("carousel", _story(scene, "New"), "-o", scene.out, *CARDS, names=scene.out, says=says)
    assert _snapshot(scene.out) == old


@pytest.mark.skipif(os.geteuid() != 0, reason="a bind mount needs root")
def test_a_name_that_cannot_be_replaced_mid_swap_rolls_every_file_back(scene: Scene) -> None:
    """caption.txt is a mount point (a bind mount of itself: unchanged, so ours, but no rename can replace it),
    and notes.txt keeps the folder in place, so the files move one by one: the cards are already in when the
    caption's rename fails, and every one of them must go back."""
    assert scene.run("carousel", _story(scene, "Old"), "-o", scene.out, *CARDS).exit_code == 0
    (scene.out / "notes.txt").write_text("mine")
    caption = scene.out / "caption.txt"
    mounted = subprocess.run(["mount", "--bind", str(caption), str(caption)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"mount --bind failed: {mounted.stderr.decode().strip()}")
    try:
        old = _snapshot(scene.out)
        says = f"cannot write (Device or resource busy); the carousel in {scene.out.resolve()} was left as it was"
        scene.fails("carousel", _story(scene, "New"), "-o", scene.out, *CARDS, names=caption.name, says=says)
        assert _snapshot(scene.out) == old
    finally:
        subprocess.run(["umount", str(caption)], check=False)


def test_batch_removes_only_its_own_staging_folder(scene: Scene) -> None:
    """Every temp file of a batch run lives in the one staging folder it created under -o; the end-of-run sweep
    removes that folder and nothing else: another program's fresh, hidden, temp-looking files stay."""
    story = scene.write("desk/story.md", "# T\n\n## A\n\nOne.\n")
    theirs = [
        scene.out / ".theirs.abcd1234.tmp",
        scene.out / "story" / ".draft.k2j4h5g6.mp4",
        scene.out / "story" / "carousel" / ".sync.zzzz_123",
    ]
    for path in theirs:
        scene.write(str(path.relative_to(scene.root)), "theirs")
    folder = scene.out / ".slide2video-run.q1w2e3r4"
    (folder / "part").mkdir(parents=True)
    scene.write(str((folder / "kept.mp4").relative_to(scene.root)), "what a killed run left")
    empty = scene.out / ".slide2video-run.empty123"
    empty.mkdir()
    args = ["batch", story, "-o", scene.out, "--to", "carousel,mp4", *RENDER]
    result = scene.run(*args)
    assert result.exit_code == 0, result.output
    assert all(p.read_text() == "theirs" for p in theirs)
    assert (scene.out / "story" / "carousel" / "01.png").is_file() and (scene.out / "story" / "story.mp4").is_file()
    assert f"warning: {folder}: left by an earlier run that was killed" in result.stderr
    assert not empty.exists() and (folder / "kept.mp4").is_file()  # an empty one goes, nothing is lost
    hidden = {p.relative_to(scene.out).as_posix() for p in scene.out.rglob(".*")}
    assert hidden == {p.relative_to(scene.out).as_posix() for p in [*theirs, folder]}
