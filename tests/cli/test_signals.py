"""Kind 3 of issue 11: Ctrl-C, SIGTERM and SIGHUP stop a single command cleanly, through real signals sent to a
real `slide2video` process caught in the middle of writing (its hidden temp file or staging folder exists).

Exit codes are 128 + the signal: 130 (SIGINT), 143 (SIGTERM), 129 (SIGHUP). docs/bad-inputs.md rows 109-111.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import write_tone

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")

SIZE = ["--preset", "240x426", "--quality", "draft", "--duration", "2"]


def _article(folder: Path, slides: int) -> Path:
    text = "# A Long Story\n\nIntro.\n" + "".join(f"\n## Slide {i}\n\nWords on slide {i}.\n" for i in range(slides))
    path = folder / "story.md"
    path.write_text(text, encoding="utf-8")
    return path


def _hidden(folder: Path) -> list[Path]:
    return list(folder.rglob(".*"))


def _run_and_signal(args: list[str], cwd: Path, tmp: Path, sig: int, busy: Path) -> tuple[int, str]:
    """Start the CLI, wait until something hidden appears under `busy` (it is writing), send `sig`."""
    env = {**os.environ, "TMPDIR": str(tmp)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "slide2video", *args], cwd=cwd, env=env, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while not _hidden(busy) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, f"finished before it could be interrupted: {proc.stderr.read() if proc.stderr else ''}"
    assert _hidden(busy), "nothing was being written"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    return proc.returncode, err


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)])
def test_a_signal_during_the_encode_leaves_no_temp_file_and_no_audio_scratch(
    tmp_path: Path, sig: int, code: int
) -> None:
    story = _article(tmp_path, 30)
    song = write_tone(tmp_path / "song.wav", 60.0, rate=22050, amp=8000 / 32767)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    args = ["video", str(story), "--music", str(song), "-o", str(out / "story.mp4"), *SIZE]
    rc, err = _run_and_signal(args, tmp_path, tmp, sig, out)
    assert rc == code, err
    assert "Traceback" not in err and f"Interrupted ({signal.Signals(sig).name})" in err, err
    assert list(out.iterdir()) == [] and list(tmp.iterdir()) == []


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_signal_while_cards_are_staged_leaves_no_staging_folder(tmp_path: Path, sig: int, code: int) -> None:
    story = _article(tmp_path, 120)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "cards"
    args = ["render", str(story), "--to", "carousel", "--carousel-preset", "1080x1350", "-o", str(out), *SIZE]
    rc, err = _run_and_signal(args, tmp_path, tmp, sig, tmp_path)  # the staging folder is hidden, beside `out`
    assert rc == code, err
    assert _hidden(tmp_path) == [] and list(tmp.iterdir()) == []
    assert not out.exists() or list(out.rglob("*")) == []


def _descendants(pid: int) -> set[int]:
    """Every live process below `pid` (from /proc: Linux)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] != "Z":
                children.setdefault(int(fields[1]), []).append(int(entry.name))
    out: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.add(child)
            todo.append(child)
    return out


def _running(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc to find the workers")
def test_batch_workers_die_with_a_sigkilled_parent(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    for n in range(2):
        sub = folder / f"s{n}"
        sub.mkdir()
        _article(sub, 150).rename(folder / f"story{n}.md")  # 300 s videos: minutes of encoding
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "slide2video", "batch", str(folder), "-o", str(out), "-j", "2", "--to", "mp4", *SIZE]
    proc = subprocess.Popen(cmd, cwd=tmp_path, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 3:  # the forkserver and two workers (and encoders)
        workers = _descendants(proc.pid)
        time.sleep(0.1)
    assert len(workers) >= 3, workers
    time.sleep(1.0)  # the jobs are running
    workers = _descendants(proc.pid)
    proc.kill()
    proc.wait(timeout=10)
    deadline = time.monotonic() + 8  # a worker notices within 0.25 s; the jobs alone would run for minutes
    while _running(workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _running(workers)
    for pid in left:  # do not leak them into the rest of the suite
        os.kill(pid, signal.SIGKILL)
    assert not left, f"workers outlived their parent: {left}"
    # Each worker unwound its job: no temp video left. Only the killed parent's lock file (unlocked: the kernel
    # dropped the lock with the process) and its staging folder, emptied by the workers, stay; the next run takes
    # the lock and removes the empty folder.
    left_behind = [p for p in _hidden(out) if p.name != ".slide2video.lock"]
    assert [p.name[:17] for p in left_behind] in ([], [".slide2video-run."]), left_behind
    assert not [p for p in out.rglob("*") if p.is_file() and p.name != ".slide2video.lock"]


def test_a_signal_inside_generated_code_still_exits_with_its_own_code(tmp_path: Path) -> None:
    """A signal that lands while dataclasses (or anything) run `exec()` on a string: CPython then marks the
    interrupt unhandled and would end the process with SIGINT (-2, a shell's 130) although it was caught; the
    command must still exit 128 + its signal (129 for SIGHUP)."""
    code = (
        "import sys\n"
        "from slide2video.interrupts import Interrupts\n"
        "with Interrupts() as stop:\n"
        "    try:\n"
        "        exec('import os, signal, time\\nos.kill(os.getpid(), signal.SIGHUP)\\ntime.sleep(10)')\n"
        "    except KeyboardInterrupt:\n"
        "        pass\n"
        "sys.exit(stop.exit_code)\n"
    )
    (tmp_path / "stopped.py").write_text(code, encoding="utf-8")  # run as `-m`, like `python -m slide2video`
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(Path(__file__).parents[2] / "src")])}
    done = subprocess.run([sys.executable, "-m", "stopped"], capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 129, (done.returncode, done.stderr)
