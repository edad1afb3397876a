"""Headless Chromium and a local web server, shared by the tests, the benchmarks and the screenshots.

The browser is ``$CHROMIUM`` if set, else a system Chromium on the PATH (Debian's /usr/bin/chromium),
else the Chromium that Playwright downloads for itself; it runs with the flags that keep it off
the network (the book needs none). ``python -m tools.browser`` (the first step of ``make test``) makes
sure there is one: it downloads Playwright's where no system Chromium is found, and where that fails
too it says in one line how to get a browser.
"""

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

SYSTEM_CHROMIUM = ("chromium", "chromium-browser")       # on the PATH: Debian's is /usr/bin/chromium
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
HOW_TO_GET_ONE = ("the browser tests need Chromium: apt-get install chromium (Debian, Ubuntu), "
                  "or set CHROMIUM=/path/to/chrome, or run `.venv/bin/python -m playwright install chromium` "
                  "where its download is reachable")


def system_chromium() -> Path | None:
    """``$CHROMIUM``, or the first system Chromium found; None when there is neither."""
    if os.environ.get("CHROMIUM"):
        return Path(os.environ["CHROMIUM"])
    found = (shutil.which(name) for name in SYSTEM_CHROMIUM)
    return next((Path(path) for path in found if path), None)


def launch(chromium_type, **options):
    """A headless Chromium from Playwright's ``chromium`` browser type (``options`` go to its ``launch``, e.g. env)."""
    chromium = system_chromium()
    if chromium is not None and not chromium.is_file():
        raise FileNotFoundError(f"no Chromium at $CHROMIUM={chromium}: {HOW_TO_GET_ONE}")
    path = {"executable_path": str(chromium)} if chromium else {}
    return chromium_type.launch(**path, args=CHROMIUM_ARGS, **options)


def ensure() -> str | None:
    """None when a browser is at hand (downloading Playwright's Chromium if no system one is found),
    else the one line that says how to get one."""
    chromium = system_chromium()
    if chromium is not None:
        return None if chromium.is_file() else f"no Chromium at $CHROMIUM={chromium}: {HOW_TO_GET_ONE}"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        if Path(playwright.chromium.executable_path).is_file():
            return None
    download = subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], capture_output=True)
    return None if download.returncode == 0 else f"no Chromium found, and Playwright could not download one: {HOW_TO_GET_ONE}"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def built_pages(html_dir: Path) -> list[Path]:
    """Every HTML page of a built book (the theme's template fragments in _static are not pages)."""
    return sorted(p for p in html_dir.rglob("*.html") if "_static" not in p.relative_to(html_dir).parts)


def serve(html_dir: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """``html_dir`` served on 127.0.0.1 at a free port: the server and its base URL."""
    handler = functools.partial(QuietHandler, directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


# A page with formulas loads MathJax's startup.js, whose startup promise settles once the page is typeset.
# The promise exists only once MathJax has loaded, which on a long page can come after the network has
# been idle for a while: wait for it, then for it to settle.
MATHJAX_STARTED = """() => !document.querySelector('script[src*="/mathjax/"]')
    || !!(window.MathJax && MathJax.startup && MathJax.startup.promise)"""


def wait_for_typesetting(page) -> None:
    """Until MathJax, on a page that loads it, has typeset the page."""
    page.wait_for_function(MATHJAX_STARTED)
    page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise")


if __name__ == "__main__":
    problem = ensure()
    if problem:
        sys.exit(problem)
