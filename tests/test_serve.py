"""`story-explorer serve`: the explorer in a real headless browser (Debian's Chromium driven by
Playwright), and the warning when it listens beyond this machine."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.commands import serve
from tests.bench.make_corpus import make_sample_library

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
_ESCAPES = re.compile(r"\x1b\[[0-9;:?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()#][0-9A-Za-z]|\x1b[=>78]")


@pytest.mark.parametrize(("host", "local"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                              ("127.8.9.1", True), ("0.0.0.0", False), ("192.0.2.7", False),
                                              ("example.org", False)])
def test_what_counts_as_this_machine_only(host: str, local: bool) -> None:
    assert serve.is_local(host) is local


class FakeServer:
    """Stands in for textual-serve's Server: records what it was given, serves nothing."""

    made: list[dict] = []

    def __init__(self, command: str, **options: object) -> None:
        FakeServer.made.append({"command": command, **options})

    def serve(self) -> None:
        pass


def test_serving_beyond_this_machine_warns_that_there_is_no_authentication(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import textual_serve.server

    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    FakeServer.made.clear()
    assert main(["serve", str(tmp_path), "--host", "0.0.0.0", "--port", "8123"]) == 0
    err = capsys.readouterr().err
    assert "WARNING: listening on 0.0.0.0, not on this machine only" in err
    assert "no authentication" in err
    assert FakeServer.made[0]["host"] == "0.0.0.0" and FakeServer.made[0]["port"] == 8123
    assert FakeServer.made[0]["command"].endswith(f"-m explorer {tmp_path.resolve()}")
    assert main(["serve", str(tmp_path)]) == 0
    assert "WARNING" not in capsys.readouterr().err
    assert FakeServer.made[1]["host"] == "127.0.0.1" and FakeServer.made[1]["port"] == 8000


def test_a_missing_folder_or_a_bad_port_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err == f"story-explorer serve: {tmp_path / 'nowhere'}: no such file or folder\n"
    assert main(["serve", str(tmp_path), "--port", "70000"]) == 2
    assert capsys.readouterr().err == "story-explorer serve: --port 70000: a port is 1 to 65535\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server stopped"
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


@pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                    reason="Debian's chromium is not installed (.ci/run installs it)")
def test_the_served_explorer_in_a_headless_browser(tmp_path: Path) -> None:
    """The page loads, the library shows, End and Enter open the last story, and the
    screen shows its title; a screenshot of each is left in the test's folder."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM is not None, "CI must have Debian's chromium (see .ci/run)"
    folder = tmp_path / "library"
    make_sample_library(folder)
    port = free_port()
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    server = subprocess.Popen([sys.executable, "-m", "explorer", "serve", str(folder), "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_port(port, server)
        frames: list[bytes] = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1200, "height": 700})
            page.on("websocket", lambda socket: socket.on(
                "framereceived", lambda payload: frames.append(payload if isinstance(payload, bytes) else b"")))

            def screen_shows(text: str, seconds: float = 30) -> bool:
                """Whether the terminal's output (what the page draws) came to hold `text`."""
                deadline = time.monotonic() + seconds
                while time.monotonic() < deadline:
                    if text in _ESCAPES.sub("", b"".join(frames).decode("utf-8", "replace")):
                        return True
                    page.wait_for_timeout(100)  # lets Playwright deliver the frames
                return False

            page.goto(f"http://127.0.0.1:{port}/")
            assert screen_shows("Council approves new bridge over the river")
            assert screen_shows("4 stories · 1 broken")
            page.screenshot(path=str(tmp_path / "served-library.png"))
            page.mouse.click(600, 350)  # the terminal takes the keys
            frames.clear()
            page.keyboard.press("End")
            page.keyboard.press("Enter")
            assert screen_shows("Paragraphs")
            assert screen_shows("Rail strike enters its second week")
            page.screenshot(path=str(tmp_path / "served-story.png"))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert (tmp_path / "served-story.png").stat().st_size > 0
