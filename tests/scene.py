"""The bad-input tests' scene: a scratch folder with an article, the real CLI, and the checks every failing run
must pass (exit code, ONE `Error:` line naming the file, nothing partial left). Shared by tests/cli/."""

from __future__ import annotations

import traceback
from pathlib import Path

from click.testing import CliRunner, Result

from slide2video.cli import main

VIDEO = ["--preset", "160x284", "--duration", "1", "--quality", "draft", "--transition", "cut"]
CARDS = ["--preset", "160x284"]
RENDER = [*VIDEO, "--carousel-preset", "160x284"]

STORY = "# A Story\n\nIntro.\n\n## The Rocket\n![rocket]({image})\n\nIt flew.\n\n## The Coffee\n\nIt cooled.\n"


class Scene:
    """A scratch folder with an article in it, the CLI, and the checks every failing run must pass."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.out = root / "out"
        self.runner = CliRunner()

    def write(self, name: str, content: str | bytes) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def story(self, image: str = "photos/rocket.jpg", name: str = "story.md") -> Path:
        return self.write(name, STORY.format(image=image))

    def run(self, *args: object) -> Result:
        result = self.runner.invoke(main, [str(a) for a in args])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError("".join(traceback.format_exception(result.exception)))
        assert "Traceback" not in result.output
        return result

    def fails(self, *args: object, names: object = None, says: str, code: int = 1) -> str:
        """Run; assert the exit code, ONE `Error: ` line naming `names` and saying `says`, and nothing left."""
        before = _tree(self.root)
        result = self.run(*args)
        assert result.exit_code == code, (result.exit_code, result.output)
        lines = result.stderr.strip().splitlines()
        if code == 2:  # click's usage errors print the usage first; the error itself is still one line
            lines = [ln for ln in lines if ln.startswith("Error: ")]
        assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
        line = lines[0]
        assert says in line, line
        if names is not None:
            assert str(names) in line, line
        self.nothing_left(before)
        return line

    def nothing_left(self, before: set[Path]) -> None:
        new = _tree(self.root) - before
        assert not [p for p in new if not p.is_dir()], f"partial output left: {sorted(new)}"
        assert not [p for p in new if p.name.startswith(".")], f"temporary left: {sorted(new)}"
        assert not list((self.root / "tmp").iterdir()), "temporary files left in TMPDIR"


def _tree(root: Path) -> set[Path]:
    return set(root.rglob("*"))
