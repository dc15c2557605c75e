"""`slide2video batch`: discovery, failure isolation, incremental runs, Ctrl-C, and the Dask executor.

Small sizes and one-second slides keep every render well under a second; the pool's workers come from one
forkserver per test process, so each batch after the first starts fast.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from PIL import Image

from slide2video import batch
from slide2video.cli import main
from slide2video.errors import ArticleError
from slide2video.pipeline import JobOptions
from slide2video.video.probe import probe
from support import AMBIGUOUS, ROOT

VIDEO = ["--preset", "160x284", "--duration", "1", "--quality", "draft", "--transition", "crossfade:0.25"]
CARDS = ["--carousel-preset", "108x135", "--no-cover", "--no-end"]
SMALL = [*VIDEO, *CARDS, "--jobs", "2"]


def story(folder: Path, name: str, title: str, image: str | None = "photo.png", slides: int = 2) -> Path:
    """A Markdown article with `slides` slides; the first shows `image` (a file beside it)."""
    lines = [f"# {title}", "", f"Intro to {title}.", ""]
    for i in range(slides):
        lines += [f"## Slide {i + 1} of {title}", ""]
        if i == 0 and image:
            lines += [f"![photo]({image})", "Photo: Desk", ""]
        lines += [f"Body {i + 1}.", ""]
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def photo(path: Path, color: tuple[int, int, int]) -> Path:
    Image.new("RGB", (64, 96), color).save(path)
    return path


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """Three good articles sharing photo.png."""
    folder = tmp_path / "desk"
    folder.mkdir()
    photo(folder / "photo.png", (200, 40, 40))
    for i, name in enumerate(("alpha.md", "beta.md", "gamma.md")):
        story(folder, name, f"Story {name[:-3]}", slides=2 + i % 2)
    return folder


def run(runner: CliRunner, *args: object) -> Result:
    return runner.invoke(main, ["batch", *map(str, args)])


def report(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return data


def statuses(out: Path) -> dict[str, str]:
    return {Path(a["article"]).name: a["status"] for a in report(out)["articles"]}


# ------------------------------------------------------------------------------------------------- discovery


def test_discovery_folders_globs_hidden_and_out(tmp_path: Path) -> None:
    root = tmp_path / "in"
    a = story(root, "a.md", "A")
    b = story(root, "b.yaml", "B")
    (root / "notes.json").write_text("{}")
    (root / "photo.jpg").write_bytes(b"")
    story(root, ".draft.md", "Hidden")
    deep = story(root / "sub", "c.txt", "C")
    story(root / ".git", "d.md", "In a hidden folder")
    out = root / "out"
    story(out / "a", "caption.txt", "An output, never an input")

    assert batch.discover([root], out=out) == [a.resolve(), b.resolve()]
    assert batch.discover([root], out=out, recursive=True) == sorted(
        [a.resolve(), b.resolve(), deep.resolve()], key=str
    )
    # Quoted globs are expanded by the program as a shell would (a matched folder is read like a named one);
    # non-article matches (photo.jpg, notes.json) and OUT are left out.
    everything = sorted([a.resolve(), b.resolve(), deep.resolve()], key=str)
    assert batch.discover([str(root / "*")], out=out) == everything
    assert batch.discover([str(root / "*.md"), str(root / "*.yaml")], out=out) == [a.resolve(), b.resolve()]
    assert batch.discover([str(root / "**" / "*.txt")], out=out) == [deep.resolve()]
    # Named files are taken as given (hidden or without a known extension), once each; a shell's photo is not.
    bare = root / "README"
    bare.write_text("# T\n\n## S\n\nx\n")
    named = batch.discover([root / ".draft.md", bare, a, str(a), root / "photo.jpg"], out=out)
    assert named == sorted([(root / ".draft.md").resolve(), bare.resolve(), a.resolve()], key=str)
    with pytest.raises(ArticleError, match="no such file or folder"):
        batch.discover([root / "missing.md"])


def test_names_resolve_collisions_deterministically(tmp_path: Path) -> None:
    paths = [tmp_path / p for p in ("a/story.md", "a/story.txt", "b/Story.yaml", "c/story-2.md", "d/.x.md")]
    paths.append(tmp_path / "e/report.json.md")
    assert batch.job_names(paths) == ["story", "story-2", "Story-3", "story-2-2", "x", "report.json-2"]
    specs = batch.make_specs(sorted(paths, key=str), tmp_path / "out", JobOptions())
    assert [Path(s.out_dir).parent for s in specs] == [(tmp_path / "out").resolve()] * len(paths)


def test_output_folders_stay_with_their_articles_across_runs(runner: CliRunner, tmp_path: Path) -> None:
    first = story(tmp_path / "a", "x.md", "First", image=None)
    second = story(tmp_path / "b", "x.md", "Second", image=None)
    out = tmp_path / "out"
    args = ["-o", out, "--to", "srt", *SMALL]
    assert run(runner, first, second, *args).exit_code == 0
    assert [a["name"] for a in report(out)["articles"]] == ["x", "x-2"]
    # Only the second one: it goes back to x-2 (unchanged, so skipped), never into the first one's folder.
    assert run(runner, second, *args).exit_code == 0
    assert [(a["name"], a["status"]) for a in report(out)["articles"]] == [("x-2", "skipped")]
    third = story(tmp_path / "c", "x.md", "Third", image=None)
    assert run(runner, third, *args).exit_code == 0
    assert [a["name"] for a in report(out)["articles"]] == ["x-3"]
    assert "First" in (out / "x" / "x.srt").read_text() and "Second" in (out / "x-2" / "x.srt").read_text()


def test_nothing_found_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run(runner, tmp_path / "empty", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "no articles found" in result.stderr and result.stderr.strip().count("\n") == 0
    result = run(runner, tmp_path / "nope.md", "-o", tmp_path / "out")
    assert result.exit_code == 1 and "nope.md: no such file or folder" in result.stderr


def test_missing_dask_is_one_line_with_the_install_hint(
    runner: CliRunner, desk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    result = run(runner, desk, "-o", tmp_path / "out", "--executor", "dask", "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 1
    assert "pip install 'slide2video[dask]'" in result.stderr and result.stderr.strip().count("\n") == 0


# ----------------------------------------------------------------------------------------- failure isolation


def test_one_bad_article_does_not_stop_the_others(runner: CliRunner, desk: Path, tmp_path: Path) -> None:
    broken = "title: Broken\nslides:\n  - heding: Oops\n    bdy: x\n"  # two problems: one line, counted
    (desk / "broken.yaml").write_text(broken, encoding="utf-8")
    story(desk, "nophoto.md", "No photo", image="missing.jpg")
    out = tmp_path / "out"
    result = run(runner, desk, "-o", out, "--to", "mp4,carousel,srt", *SMALL)
    assert result.exit_code == 1, result.output
    assert statuses(out) == {
        "alpha.md": "ok",
        "beta.md": "ok",
        "broken.yaml": "failed",
        "gamma.md": "ok",
        "nophoto.md": "failed",
    }
    data = report(out)
    assert data["counts"] == {"ok": 3, "skipped": 0, "failed": 2, "not_run": 0}
    errors = {Path(a["article"]).name: a["error"] for a in data["articles"] if a["error"]}
    assert "heding" in errors["broken.yaml"] and "broken.yaml" in errors["broken.yaml"]
    assert "missing.jpg" in errors["nophoto.md"]
    # Each failure is one line on stderr; the summary table lists every article.
    failed_lines = [ln for ln in result.stderr.splitlines() if ln.startswith("failed: ")]
    assert len(failed_lines) == 2 and len(result.stderr.strip().splitlines()) == 2
    assert "more, see report.json" in next(ln for ln in failed_lines if "broken.yaml" in ln)
    assert all(name in result.stdout for name in ("alpha.md", "broken.yaml", "nophoto.md"))
    # The good articles are complete, the bad ones left nothing behind.
    for name, slides in (("alpha", 2), ("beta", 3), ("gamma", 2)):
        folder = out / name
        manifest = json.loads((folder / "job.json").read_text())
        assert all((folder / o).is_file() for o in manifest["outputs"])
        assert len(list((folder / "carousel").glob("*.png"))) == slides
        info = probe(folder / f"{name}.mp4")
        assert (info.width, info.height) == (160, 284) and abs(info.duration - manifest["duration"]) < 0.1
        assert (folder / f"{name}.srt").is_file()
    assert not (out / "broken").exists() or not any((out / "broken").iterdir())
    assert not (out / "nophoto" / "job.json").exists() and not list(out.rglob("nophoto.mp4"))
    assert not [p for p in out.rglob(".*")]


def test_strict_fails_only_the_articles_that_warn(runner: CliRunner, desk: Path, tmp_path: Path) -> None:
    story(desk, "nophoto.md", "No photo", image="missing.jpg")
    out = tmp_path / "out"
    args = [desk, "-o", out, "--to", "carousel", *SMALL, "--skip-bad-images"]
    assert run(runner, *args).exit_code == 0  # a warning, recorded in the report
    warned = next(a for a in report(out)["articles"] if a["article"].endswith("nophoto.md"))
    assert warned["status"] == "ok" and any("missing.jpg" in w for w in warned["warnings"])
    result = run(runner, *args, "--strict", "--force")
    assert result.exit_code == 1, result.output
    assert statuses(out) == {"alpha.md": "ok", "beta.md": "ok", "gamma.md": "ok", "nophoto.md": "failed"}
    assert "--strict" in next(ln for ln in result.stderr.splitlines() if "nophoto.md" in ln)


def test_a_bug_in_a_job_is_isolated(desk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def bug(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("slide2video.pipeline.render_article", bug)
    spec = batch.make_specs([desk / "alpha.md"], tmp_path / "out", JobOptions(outputs=("srt",)))[0]
    result = batch.run_job(spec)
    assert result.status == "failed"
    assert result.error == "internal error: ZeroDivisionError: division by zero"
    assert "Traceback" in (result.traceback or "")
    assert "traceback" in result.to_dict()


# ------------------------------------------------------------------------------------------------ incremental


def test_the_report_names_the_articles_whose_reading_is_uncertain(
    runner: CliRunner, desk: Path, tmp_path: Path
) -> None:
    """A copied page's uncertain readings (what `inspect` lists) are in report.json and counted in the summary
    table, also when the article is skipped as unchanged: they say which articles an editor should check first."""
    (desk / "bakeries.txt").write_text(AMBIGUOUS, encoding="utf-8")
    out = tmp_path / "out"
    args = [desk, "-o", out, "--to", "carousel", *SMALL]
    for status in ("ok", "skipped"):
        result = run(runner, *args)
        assert result.exit_code == 0, result.output
        rows = {Path(a["article"]).name: a for a in report(out)["articles"]}
        assert rows["bakeries.txt"]["status"] == status
        assert rows["bakeries.txt"]["doubts"] and all("uncertain" in d for d in rows["bakeries.txt"]["doubts"])
        assert rows["alpha.md"]["doubts"] == []
        head = next(ln for ln in result.stdout.splitlines() if ln.startswith("article"))
        row = next(ln for ln in result.stdout.splitlines() if "bakeries.txt" in ln)
        assert head.split()[-1] == "doubts" and row.split()[-1] == str(len(rows["bakeries.txt"]["doubts"]))


def test_unchanged_articles_are_skipped_until_an_input_or_option_changes(
    runner: CliRunner, desk: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    args = [desk, "-o", out, "--to", "carousel,srt", *SMALL]
    assert run(runner, *args).exit_code == 0
    assert set(statuses(out).values()) == {"ok"}
    card = out / "alpha" / "carousel" / "01.png"
    before = card.read_bytes()

    result = run(runner, *args)
    assert result.exit_code == 0 and set(statuses(out).values()) == {"skipped"}
    assert "0 rendered, 3 unchanged" in result.stdout
    skipped = report(out)["articles"][0]
    assert skipped["outputs"] == json.loads((out / "alpha" / "job.json").read_text())["outputs"]

    # Touching the photo without changing it is not a change (content is hashed; mtime only keys the cache).
    os.utime(desk / "photo.png", ns=(time.time_ns(), time.time_ns()))
    assert run(runner, *args).exit_code == 0
    assert set(statuses(out).values()) == {"skipped"}

    # A new photo: every article that shows it is rendered again, with the new pixels.
    photo(desk / "photo.png", (40, 40, 200))
    assert run(runner, *args).exit_code == 0
    assert set(statuses(out).values()) == {"ok"}
    assert card.read_bytes() != before

    # One article edited: only that one.
    story(desk, "beta.md", "Story beta, corrected", slides=3)
    assert run(runner, *args).exit_code == 0
    assert statuses(out) == {"alpha.md": "skipped", "beta.md": "ok", "gamma.md": "skipped"}

    # An option changed: all of them.
    assert run(runner, *args, "--wpm", "200").exit_code == 0
    assert set(statuses(out).values()) == {"ok"}

    # A deleted output: that article again.
    (out / "gamma" / "gamma.srt").unlink()
    assert run(runner, *args, "--wpm", "200").exit_code == 0
    assert statuses(out) == {"alpha.md": "skipped", "beta.md": "skipped", "gamma.md": "ok"}

    # --force renders everything.
    assert run(runner, *args, "--wpm", "200", "--force").exit_code == 0
    assert set(statuses(out).values()) == {"ok"}

    # Fewer outputs: the ones no longer asked for are removed, the manifest lists what is there.
    assert run(runner, desk, "-o", out, "--to", "srt", *SMALL).exit_code == 0
    assert not card.exists() and (out / "alpha" / "alpha.srt").is_file()
    assert json.loads((out / "alpha" / "job.json").read_text())["outputs"] == ["alpha.srt", "alpha.vtt"]


def test_theme_file_and_its_parent_are_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "base.yaml").write_text("extends: news\ncolors:\n  accent: '#00A86B'\n", encoding="utf-8")
    (folder / "brand.yaml").write_text("name: brand\nextends: base.yaml\n", encoding="utf-8")
    art = story(tmp_path, "a.md", "A", image=None)
    from slide2video.config.theme import load_theme
    from slide2video.readers import load_article

    options = batch.portable_options(JobOptions(theme=str(folder / "brand.yaml")))
    first = batch.input_key(load_article(art), options)
    assert batch.input_key(load_article(art), options) == first
    (folder / "base.yaml").write_text("extends: news\ncolors:\n  accent: '#FF0000'\n", encoding="utf-8")
    assert batch.input_key(load_article(art), options) != first
    theme = load_theme(options.theme)  # reloaded: base.yaml changed since
    assert theme.colors.accent == "#FF0000"
    assert [p.name for p in theme.sources] == ["brand.yaml", "base.yaml", "news.yaml"]
    assert theme.source_files() == (*theme.sources, theme.resolve_logo())  # news has a logo in assets/
    logo = theme.resolve_logo()
    assert logo is not None and logo.is_file()


# ---------------------------------------------------------------------------------------------------- Ctrl-C


def start_batch(tmp_path: Path, articles: int) -> tuple[subprocess.Popen[bytes], Path]:
    """`python -m slide2video batch` on `articles` three-slide videos, one at a time; returns once the first
    article is done (its job.json, written last, exists)."""
    folder = tmp_path / "in"
    folder.mkdir()
    photo(folder / "photo.png", (10, 120, 60))
    for i in range(articles):
        story(folder, f"s{i}.md", f"Story {i}", slides=3)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    cmd = [sys.executable, "-m", "slide2video", "batch", str(folder), "-o", str(out), "--to", "mp4,srt"]
    cmd += [*VIDEO, "--duration", "1.5", "--jobs", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 60
    while not list(out.glob("*/job.json")):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"no article finished: {proc.communicate()}")
        time.sleep(0.02)
    return proc, out


def test_ctrl_c_stops_cleanly(tmp_path: Path) -> None:
    proc, out = start_batch(tmp_path, 6)
    try:
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, stderr.decode()
    assert b"interrupted" in stderr
    data = report(out)
    assert data["interrupted"] is True
    done = {Path(a["article"]).stem for a in data["articles"]}
    assert done and all(a["status"] == "ok" for a in data["articles"])
    assert data["not_run"] and len(done) + len(data["not_run"]) == 6
    assert all(f"{stem}.md" in stdout.decode() for stem in done)  # the summary table of what finished
    # What finished is whole; what did not left nothing: no temp files, no partial MP4.
    assert not [p for p in out.rglob(".*")]
    for mp4 in out.rglob("*.mp4"):
        assert mp4.stem in done, f"partial output {mp4}"
        assert probe(mp4).frames > 0
    for stem in done:
        assert (out / stem / "job.json").is_file()
    if Path("/proc").is_dir():  # no encoder left running on our output folder
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                text = cmdline.read_bytes()
            except OSError:
                continue
            assert str(out).encode() not in text or b"pytest" in text


def children(pid: int) -> list[int]:
    """Child processes of `pid` (Linux /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the pool's workers through /proc")
def test_a_worker_that_dies_costs_no_article(tmp_path: Path) -> None:
    """A worker killed mid-job (as the out-of-memory killer would): its article is retried alone, the rest go
    on, and nothing of the dead job is left behind."""
    proc, out = start_batch(tmp_path, 4)
    try:
        servers = [c for c in children(proc.pid) if b"forkserver" in Path(f"/proc/{c}/cmdline").read_bytes()]
        workers = [w for server in servers for w in children(server)]
        assert len(workers) == 1
        os.kill(workers[0], signal.SIGKILL)
        _stdout, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, stderr.decode()
    data = report(out)
    assert data["worker_deaths"] == 1 and b"worker process died" in stderr
    assert [a["status"] for a in data["articles"]] == ["ok"] * 4
    assert not [p for p in out.rglob(".*")]
    for i in range(4):
        assert probe(out / f"s{i}" / f"s{i}.mp4").frames > 0


# ----------------------------------------------------------------------------------------------------- Dask


def test_dask_cluster_gives_the_same_outputs_as_the_pool(runner: CliRunner, desk: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    args = [desk, "--to", "mp4,carousel,srt", *SMALL]
    local = tmp_path / "local"
    assert run(runner, *args, "-o", local).exit_code == 0
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        remote = tmp_path / "dask"
        result = run(runner, *args, "-o", remote, "--executor", "dask", "--scheduler", cluster.scheduler_address)
        assert result.exit_code == 0, result.output
        assert report(remote)["executor"] == "dask" and set(statuses(remote).values()) == {"ok"}
        # The second run over Dask skips, like the pool would.
        assert (
            run(runner, *args, "-o", remote, "--executor", "dask", "--scheduler", cluster.scheduler_address).exit_code
            == 0
        )
        assert set(statuses(remote).values()) == {"skipped"}

    def files(root: Path) -> list[str]:
        return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())

    assert files(local) == files(remote)
    for name in files(local):
        a, b = local / name, remote / name
        if a.suffix in (".png", ".srt", ".vtt"):
            assert a.read_bytes() == b.read_bytes(), name
        elif a.suffix == ".mp4":
            pa, pb = probe(a), probe(b)
            facts = ("width", "height", "video_codec", "profile", "pix_fmt", "fps", "frames", "duration", "atoms")
            assert [getattr(pa, f) for f in facts] == [getattr(pb, f) for f in facts], name
    keys = {n: json.loads((local / n / "job.json").read_text())["key"] for n in ("alpha", "beta", "gamma")}
    assert keys == {n: json.loads((remote / n / "job.json").read_text())["key"] for n in keys}


def test_dask_workers_that_cannot_see_an_article_stop_the_run_in_one_line(
    runner: CliRunner, desk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker without the shared file system would fail every job alone; the run asks the workers first."""
    distributed = pytest.importorskip("distributed")
    from slide2video.batch import dask as on_dask

    assert on_dask.unseen([str(desk / "alpha.md"), str(tmp_path / "nowhere.md")]) == [str(tmp_path / "nowhere.md")]
    # An in-process cluster runs the check here: make its workers blind to one article.
    monkeypatch.setattr(on_dask, "unseen", lambda paths: [p for p in paths if p.endswith("beta.md")])
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        out = tmp_path / "out"
        result = run(
            runner,
            desk,
            "-o",
            out,
            "--to",
            "carousel",
            *SMALL,
            "--executor",
            "dask",
            "--scheduler",
            cluster.scheduler_address,
        )
    assert result.exit_code == 1, result.output
    line = next(ln for ln in result.stderr.splitlines() if "cannot see" in ln)
    assert f"cannot see {desk / 'beta.md'}: --executor dask needs the articles" in line
    assert not (out / "alpha").exists()  # no job ran


# --------------------------------------------------------------------------- bad inputs (docs/bad-inputs.md)

BAD_ARTICLES = {
    "malformed.yaml": "title: [unclosed\nslides: x\n",
    "wrong-type.yaml": "title: T\nslides:\n  - heading: H\n    duration: soon\n",
    "unknown-key.yaml": "title: T\nslides:\n  - heading: H\n    imgae: x.png\n",
    "infinite.yaml": "title: T\nslides:\n  - heading: H\n    duration: .inf\n",
    "empty.txt": "   \n",
    "no-slides.md": "# Title only\n\nJust an intro.\n",
    "no-title.md": "## A slide\n\nBody.\n",
    "huge-slide.md": "# T\n\n## One Long Slide\n\n" + "word " * 10_000 + "\n",
    "missing-photo.md": "# T\n\n## S\n![x](missing.jpg)\n\nBody.\n",
    "corrupt-photo.md": "# T\n\n## S\n![x](corrupt.png)\n\nBody.\n",
    "zero-photo.md": "# T\n\n## S\n![x](zero.jpg)\n\nBody.\n",
    "bomb-photo.md": "# T\n\n## S\n![x](bomb.png)\n\nBody.\n",
    "escape-photo.md": "# T\n\n## S\n![x](../../etc/passwd)\n\nBody.\n",
    "url-photo.md": "# T\n\n## S\n![x](https://example.com/a.jpg)\n\nBody.\n",
    "bad-voice.yaml": "title: T\nslides:\n  - heading: H\n    audio: voice.wav\n",
}


def test_every_bad_article_fails_alone(runner: CliRunner, tmp_path: Path) -> None:
    """Each per-article bad input of docs/bad-inputs.md fails its own job; the good article still finishes."""
    import struct
    import zlib

    desk = tmp_path / "desk"
    desk.mkdir()
    photo(desk / "photo.png", (40, 90, 200))
    story(desk, "good.md", "Good")
    for name, text in BAD_ARTICLES.items():
        (desk / name).write_text(text, encoding="utf-8")
    (desk / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (desk / "corrupt.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    (desk / "zero.jpg").write_bytes(b"")
    (desk / "voice.wav").write_text("not audio")

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)
    (desk / "bomb.png").write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b""))
    out = tmp_path / "out"
    result = run(runner, desk, "-o", out, "--to", "carousel,srt", *SMALL)
    assert result.exit_code == 1, result.output
    got = statuses(out)
    assert got.pop("good.md") == "ok"
    assert got == {name: "failed" for name in [*BAD_ARTICLES, "binary.txt"]}
    errors = {Path(a["article"]).name: a["error"] for a in report(out)["articles"] if a["error"]}
    for name, error in errors.items():
        assert "\n" not in error and "Traceback" not in error and "internal error" not in error, (name, error)
    assert (out / "good" / "carousel" / "01.png").is_file() and (out / "good" / "good.srt").is_file()
    assert not [p for p in out.rglob(".*")]


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["--theme", "nwes"], "did you mean 'news'", 2),  # a bad option value: a usage error
        (["--preset", "reels"], "did you mean 'reel'", 2),
        (["--transition", "wobble"], "unknown transition", 2),
        (["--music", "MUSIC"], "music.mp3", 1),  # a bad input file
    ],
    ids=["theme", "preset", "transition", "music"],
)
def test_a_bad_shared_input_stops_before_any_article(
    runner: CliRunner, desk: Path, tmp_path: Path, args: list[str], message: str, code: int
) -> None:
    music = tmp_path / "music.mp3"
    music.write_text("not audio")
    args = [str(music) if a == "MUSIC" else a for a in args]
    out = tmp_path / "out"
    result = run(runner, desk, "-o", out, *SMALL, *args)
    assert result.exit_code == code
    errors = [ln for ln in result.stderr.strip().splitlines() if ln.startswith("Error: ")]
    assert len(errors) == 1 and message in errors[0], result.stderr
    if code == 1:
        assert result.stderr.strip().count("\n") == 0
    assert not [p for p in out.rglob("*") if p.is_file()]
