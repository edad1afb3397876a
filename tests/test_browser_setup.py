"""`make test` on a machine without a system Chromium: Playwright's own browser, or one line that says
how to get one (tools/browser.py, the first step of `make test`)."""

import os
import subprocess
import sys
from pathlib import Path

from tools import browser

ROOT = Path(__file__).resolve().parent.parent


class BrowserType:
    """Stands in for Playwright's ``chromium`` browser type and records how it was launched."""

    def launch(self, **options):
        self.options = options
        return "launched"


def test_a_system_chromium_is_launched_with_the_offline_flags(monkeypatch, tmp_path):
    chromium = tmp_path / "chromium"
    chromium.write_text("")
    monkeypatch.setenv("CHROMIUM", str(chromium))
    kind = BrowserType()
    assert browser.launch(kind) == "launched"
    assert kind.options == {"executable_path": str(chromium), "args": browser.CHROMIUM_ARGS}


def test_without_a_system_chromium_playwrights_own_is_launched(monkeypatch, tmp_path):
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    kind = BrowserType()
    browser.launch(kind, env={"A": "1"})
    assert kind.options == {"args": browser.CHROMIUM_ARGS, "env": {"A": "1"}}


def test_no_browser_and_no_download_is_one_line_that_says_how_to_get_one(tmp_path):
    """No Chromium on the PATH, none downloaded, and a download host that refuses: exit 1, one line."""
    env = {"PATH": str(Path(sys.executable).parent), "HOME": str(tmp_path),
           "PLAYWRIGHT_BROWSERS_PATH": str(tmp_path / "browsers"), "PLAYWRIGHT_DOWNLOAD_HOST": "http://127.0.0.1:9"}
    run = subprocess.run([sys.executable, "-m", "tools.browser"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 1 and run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "apt-get install chromium" in lines[0] and "playwright install chromium" in lines[0], run.stderr


def test_a_chromium_named_but_absent_is_said_plainly(tmp_path):
    env = {**os.environ, "CHROMIUM": str(tmp_path / "nowhere")}
    run = subprocess.run([sys.executable, "-m", "tools.browser"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 1 and run.stderr.strip().count("\n") == 0 and "nowhere" in run.stderr


def test_the_system_chromium_here_is_found():
    assert browser.ensure() is None
