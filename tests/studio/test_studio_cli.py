"""The `studio` command: its refusals (a public address, a missing folder, a busy port) and its address line."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from slide2video.cli import main
from slide2video.studio.server import address, bind


def test_help(runner: CliRunner) -> None:
    result = runner.invoke(main, ["studio", "--help"])
    assert result.exit_code == 0 and "--no-browser" in result.output and "token" in result.output


def test_refuses_a_public_address_without_public(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["studio", str(tmp_path), "--host", "0.0.0.0", "--no-browser"])
    assert result.exit_code == 1
    assert "0.0.0.0 is not a loopback address" in result.output and "--public" in result.output


def test_refuses_a_missing_folder_and_bad_names(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["studio", str(tmp_path / "nope"), "--no-browser"])
    assert result.exit_code == 1 and "is not a folder" in result.output
    result = runner.invoke(main, ["studio", str(tmp_path), "--theme", "nope", "--no-browser"])
    assert result.exit_code == 1 and "nope" in result.output


def test_busy_port_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = runner.invoke(main, ["studio", str(tmp_path), "--port", str(port), "--no-browser"])
    assert result.exit_code == 1 and f"port {port} is in use" in result.output


def test_address_has_the_token() -> None:
    with bind("127.0.0.1", 0) as sock:
        url = address(sock, "abc")
    assert url.startswith("http://127.0.0.1:") and url.endswith("/?token=abc")


def test_serves_with_the_printed_token_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "slide2video", "studio", str(tmp_path), "--no-browser", "--port", "0"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(3)]
        url = next(line.split()[1] for line in lines if line.startswith("open "))
        base, token = url.split("/?token=")
        request = urllib.request.Request(base + "/api/state", headers={"X-Studio-Token": token})
        with urllib.request.urlopen(request, timeout=10) as res:
            assert res.status == 200 and str(tmp_path.resolve()) in res.read().decode()
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 130
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_host_names() -> None:
    from slide2video.studio.security import host_name

    assert host_name("127.0.0.1:8765") == "127.0.0.1"
    assert host_name("[::1]:80") == "[::1]"
    assert host_name("LOCALHOST") == "localhost"
    assert host_name("evil.example:8765") == "evil.example"
