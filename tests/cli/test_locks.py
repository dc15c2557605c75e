"""Two real `slide2video` processes writing one output: the second says so and stops, or with --wait waits its turn.

The first run is frozen (SIGSTOP) once it holds the output's lock (the lock file holds its pid, written after the
lock is taken), so the second always finds it busy. docs/bad-inputs.md row 128.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scene import Scene

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="POSIX signals and fcntl locks")

ROOT = Path(__file__).resolve().parents[2]
SIZE = ["--preset", "160x284", "--quality", "draft", "--duration", "1", "--transition", "cut"]

#: command, its output, the lock file (relative to the scratch folder), what the second run says it is writing
CASES = {
    "video": (["video", "story.md", "-o", "out.mp4", *SIZE], "out.mp4", ".out.mp4.slide2video.lock", "file"),
    "carousel": (
        ["carousel", "story.md", "-o", "cards", "--preset", "160x284"],
        "cards",
        ".cards.slide2video.lock",
        "folder",
    ),
    "render": (
        ["render", "story.md", "-o", "out", "--to", "mp4,carousel", *SIZE, "--carousel-preset", "160x284"],
        "out",
        "out/.slide2video.lock",
        "folder",
    ),
}


def _start(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "slide2video", *args]
    return subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.parametrize("case", list(CASES))
def test_a_second_run_writing_the_same_output_stops_or_waits(tmp_path: Path, case: str) -> None:
    args, output, lock_name, what = CASES[case]
    text = "# A Story\n\nIntro.\n" + "".join(f"\n## Slide {i}\n\nWords on slide {i}.\n" for i in range(12))
    (tmp_path / "story.md").write_text(text, encoding="utf-8")
    lock = tmp_path / lock_name
    first = _start(args, tmp_path)
    try:
        deadline = time.monotonic() + 60
        while first.poll() is None and time.monotonic() < deadline:
            if lock.is_file() and lock.read_text() == str(first.pid):  # the pid is written once the lock is held
                break
            time.sleep(0.005)
        assert first.poll() is None, first.communicate()
        os.kill(first.pid, signal.SIGSTOP)  # it holds the lock, and keeps it while frozen

        second = _start(args, tmp_path)
        _out, err = second.communicate(timeout=60)
        lines = err.decode().strip().splitlines()
        says = f"Error: {output}: another slide2video run (pid {first.pid}) is writing this {what}; "
        says += "wait for it, or pass --wait"
        assert second.returncode == 1 and lines == [says], err.decode()

        waiting = _start([*args, "--wait"], tmp_path)
        time.sleep(1.5)
        assert waiting.poll() is None  # waiting its turn, not failing nor writing
    finally:
        os.kill(first.pid, signal.SIGCONT)
    assert first.wait(timeout=120) == 0, first.communicate()
    _out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err.decode()
    assert (tmp_path / output).exists() and not lock.exists()
    assert not [p for p in tmp_path.rglob(".*")], "a lock, temp file or staging folder was left"


@pytest.mark.parametrize(
    ("args", "output"),
    [
        (["parse", "story.md", "-o", "story.yaml"], "story.yaml"),
        (["preview", "story.md", "--at", "0"], "story-frame.png"),
    ],
)
def test_parse_and_preview_take_the_lock_of_their_file_too(scene: Scene, args: list[str], output: str) -> None:
    from slide2video.fileio.lock import OutputLock

    scene.story()
    with OutputLock(scene.root / output):  # another run is writing that file
        says = f"another slide2video run (pid {os.getpid()}) is writing this file; wait for it, or pass --wait"
        scene.fails(*args, *(SIZE[:2] if args[0] == "preview" else []), names=output, says=says)
    assert scene.run(*args, *(SIZE[:2] if args[0] == "preview" else [])).exit_code == 0
    assert (scene.root / output).is_file() and not [p for p in scene.root.rglob(".*")]


def test_two_names_of_one_folder_share_its_lock(scene: Scene) -> None:
    from slide2video.fileio.lock import OutputLock

    (scene.root / "cards").mkdir()
    (scene.root / "link").symlink_to("cards")
    with OutputLock(scene.root / "cards", folder=True):
        says = "is writing this folder; wait for it, or pass --wait"
        scene.fails("carousel", scene.story(), "-o", "link", "--preset", "160x284", names="link", says=says)


@pytest.mark.parametrize("stale", [False, True])
def test_a_signal_while_the_lock_is_taken_leaves_no_lock_file_it_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stale: bool
) -> None:
    """Ctrl-C or SIGTERM between creating the lock file and holding it (the `with` block never starts, so its
    exit never runs): the file this run created is removed; a stale one from an earlier run is left as it was."""
    import fcntl

    from slide2video.fileio.lock import LOCK_NAME, OutputLock

    out = tmp_path / "out"
    out.mkdir()
    if stale:
        (out / LOCK_NAME).write_text("12345", encoding="ascii")
    real = fcntl.flock
    calls: list[int] = []

    def interrupted_once(fd: int, op: int) -> None:
        calls.append(op)
        if len(calls) == 1:
            raise KeyboardInterrupt
        real(fd, op)

    monkeypatch.setattr(fcntl, "flock", interrupted_once)
    with pytest.raises(KeyboardInterrupt), OutputLock(out, inside=True):
        pass
    assert (out / LOCK_NAME).exists() == stale
    monkeypatch.setattr(fcntl, "flock", real)
    with OutputLock(out, inside=True):  # and the next run takes the lock as usual
        assert (out / LOCK_NAME).read_text(encoding="ascii") == str(os.getpid())
    assert not (out / LOCK_NAME).exists()
