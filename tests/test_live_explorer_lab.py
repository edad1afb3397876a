"""The live explorer in a real JupyterLab 4: a kernel runs ``actlib.explore``, and moving its slider
redraws the figure and the formula (ipywidgets 8, inline backend, no ipympl).

JupyterLab serves on 127.0.0.1 from a temporary folder holding a one-cell notebook; headless
Chromium opens it, runs the cell and presses the slider's arrow key, as a reader would.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

TOKEN = "actlib-test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lab")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell('import actlib\nactlib.explore(["leaky_relu", "elu"], alpha=0.3)')]
    nbformat.write(notebook, folder / "explore.ipynb")
    port = free_port()
    command = [str(Path(sys.executable).with_name("jupyter")), "lab", "--no-browser", "--allow-root",
               f"--port={port}", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
               "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    env = os.environ | {"JUPYTER_CONFIG_DIR": str(folder / ".config"), "JUPYTER_RUNTIME_DIR": str(folder / ".runtime")}
    log = folder / "lab.log"
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=folder, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=1):
                break
        except OSError:
            assert server.poll() is None, log.read_text()[-3000:]
            time.sleep(0.5)
    yield f"{base}/lab/tree/explore.ipynb?token={TOKEN}"
    server.terminate()
    server.wait(timeout=30)


def test_slider_move_redraws_the_live_explorer(browser, lab):
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    try:
        page.goto(lab)
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        page.wait_for_timeout(2000)                          # let start-up dialogs appear
        while page.locator(".jp-Dialog .jp-mod-accept").count():
            page.locator(".jp-Dialog .jp-mod-accept").first.click()
            page.wait_for_timeout(500)
        page.locator(".jp-Notebook .jp-Cell").first.click()
        page.keyboard.press("Shift+Enter")
        slider = page.locator(".widget-slider").first
        slider.wait_for(timeout=120_000)
        output = page.locator(".jp-OutputArea-output").first
        figure = output.locator("img").first
        figure.wait_for()
        before = figure.get_attribute("src")
        assert "0.30" in slider.inner_text()
        assert "0.3" in output.inner_text()                  # the formula at the start value
        slider.locator(".noUi-handle, [role=slider]").first.focus()
        for _ in range(10):                                  # step 0.01: from 0.30 to 0.40
            page.keyboard.press("ArrowRight")
        page.wait_for_function("([img, src]) => img.getAttribute('src') !== src", arg=[figure.element_handle(), before],
                               timeout=30_000)
        assert "0.40" in slider.inner_text()
        assert "0.4" in output.inner_text()                  # the formula follows the slider
        assert page.locator(".jp-OutputArea-output img").count() == 1   # one figure, redrawn in place
    finally:
        page.close()
