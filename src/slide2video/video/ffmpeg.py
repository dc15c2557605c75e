"""The one ffmpeg boundary: which binary, how it is run, and how raw frames are piped into it.

Every ffmpeg call in the program (encoding, audio decoding and measuring, probing helpers) goes through here,
so they all use the same binary (imageio-ffmpeg's, or the one its IMAGEIO_FFMPEG_EXE variable names), every
exit status is checked, and a failure becomes one readable line taken from ffmpeg's own stderr.

`FrameWriter` is the encoder's input: raw frames (yuv420p planes by default) written to ffmpeg's stdin, with
stderr collected in a temporary file (a pipe could fill up and stall the encoder while we write frames).
"""

from __future__ import annotations

import contextlib
import functools
import re
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import IO

import numpy as np

from ..errors import OutputError, RenderError

_LOG_PREFIX = re.compile(r"^\[[^\]]*@ 0x[0-9a-f]+\]\s*")
_EPILOGUE = ("Error opening input file", "Error opening output", "Conversion failed", "Error opening input files")


@functools.cache
def ffmpeg_exe() -> str:
    """The ffmpeg binary imageio-ffmpeg ships (or the one IMAGEIO_FFMPEG_EXE names)."""
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except Exception as exc:  # ImportError, or imageio-ffmpeg's RuntimeError when its binary is missing
        raise RenderError(f"ffmpeg is not available ({exc}); reinstall imageio-ffmpeg") from None


def log_lines(stderr: bytes | str) -> list[str]:
    """ffmpeg's log as clean lines (no `[codec @ 0x...]` prefixes, no blank lines)."""
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    return [_LOG_PREFIX.sub("", ln).strip() for ln in text.splitlines() if ln.strip()]


def reason(stderr: bytes | str, default: str = "ffmpeg failed") -> str:
    """The line of ffmpeg's log that says why it failed: the last one that is not its generic epilogue."""
    for ln in reversed(log_lines(stderr)):
        if not ln.startswith(_EPILOGUE):
            return ln[:200]
    return default


def run(args: Sequence[str], *, input: bytes | memoryview | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ffmpeg with `args` (after `-hide_banner -nostats`), output captured; the caller reads `returncode`.

    Used where a non-zero exit is an answer rather than a failure (a file ffmpeg cannot read).
    """
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostats", *(["-nostdin"] if input is None else []), *args]
    return subprocess.run(cmd, input=input, capture_output=True, check=False)


def run_checked(
    args: Sequence[str], *, what: str, path: str | Path | None = None, input: bytes | memoryview | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ffmpeg and raise `RenderError("{what}: {reason}")` unless it exits 0."""
    proc = run(args, input=input)
    if proc.returncode != 0:
        raise RenderError(f"{what}: {failure(proc.returncode, proc.stderr)}", path=path)
    return proc


def failure(returncode: int, stderr: bytes | str) -> str:
    """Why ffmpeg stopped, as a phrase: killed by a signal (no message of its own), or its last error line."""
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        return f"ffmpeg was killed ({name})"
    return reason(stderr, f"ffmpeg exited with status {returncode} without an error message")


class FrameWriter:
    """An ffmpeg process reading raw frames of one size and pixel format from stdin.

    `output_args` are everything after the frame input (more inputs, codecs, the output path). `write()` takes
    any buffer of exactly one frame's bytes (yuv420p: w*h*3/2). `close()` waits and raises one clear
    `RenderError`/`OutputError` if ffmpeg failed or was killed; `abort()` stops it (Ctrl-C, our own errors).
    Use as a context manager: leaving with an exception aborts, leaving normally closes.
    """

    def __init__(
        self,
        size: tuple[int, int],
        fps: float,
        output_args: Sequence[str],
        *,
        pix_fmt: str = "yuv420p",
        input_args: Sequence[str] = (),
        out_path: str | Path | None = None,
    ) -> None:
        w, h = size
        self.size, self.pix_fmt = size, pix_fmt
        self.frame_bytes = {"yuv420p": w * h * 3 // 2, "rgb24": w * h * 3, "gray": w * h}.get(pix_fmt, 0)
        self.out_path = out_path
        self.frames = 0
        cmd = [
            ffmpeg_exe(), "-hide_banner", "-nostats", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", pix_fmt, "-s", f"{w}x{h}", "-framerate", f"{fps:g}", *input_args, "-i", "-",
            *output_args,
        ]  # fmt: skip
        self._log: IO[bytes] = tempfile.TemporaryFile(prefix="slide2video-ffmpeg-")  # noqa: SIM115 (closed in close/abort)
        try:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=self._log)
        except OSError as exc:
            self._log.close()
            raise RenderError(f"cannot start ffmpeg ({exc.strerror or exc})") from None
        assert self.proc.stdin is not None
        self._stdin: IO[bytes] = self.proc.stdin

    def write(self, frame: bytes | memoryview | np.ndarray) -> None:
        try:
            self._stdin.write(frame.data if isinstance(frame, np.ndarray) else frame)
        except (BrokenPipeError, ValueError):  # ffmpeg is gone: say why
            self.proc.wait()
            raise self._error() from None
        self.frames += 1

    def close(self) -> None:
        """Finish the file: end of input, wait for ffmpeg, check its exit status."""
        with contextlib.suppress(BrokenPipeError):
            self._stdin.close()
        returncode = self.proc.wait()
        try:
            if returncode != 0:
                raise self._error()
        finally:
            self._log.close()

    def abort(self) -> None:
        """Stop ffmpeg without finishing the file (the caller removes what it wrote)."""
        if self.proc.poll() is None:
            self.proc.kill()
        with contextlib.suppress(OSError):
            self._stdin.close()
        self.proc.wait()
        self._log.close()

    def stderr(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")

    def _error(self) -> RenderError | OutputError:
        text = self.stderr()
        lines = log_lines(text)
        disk = next((ln for ln in lines if "No space left" in ln or "Permission denied" in ln), None)
        if disk is not None:
            return OutputError(f"cannot write ({disk.split(': ')[-1]})", path=self.out_path)
        code = self.proc.returncode or 0
        if code < 0:
            return RenderError(f"ffmpeg stopped while encoding the video: {failure(code, text)}", path=self.out_path)
        if not lines:
            return RenderError(
                f"ffmpeg stopped while encoding the video (exit status {code}, no error message)", path=self.out_path
            )
        return RenderError(f"ffmpeg could not encode the video: {reason(text)}", path=self.out_path)

    def __enter__(self) -> FrameWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()


__all__ = ["FrameWriter", "failure", "ffmpeg_exe", "log_lines", "reason", "run", "run_checked"]
