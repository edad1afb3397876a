"""Headless Chromium and a local web server, shared by the tests, the benchmarks and the screenshots.

Debian's Chromium at /usr/bin/chromium, or another Chromium-based browser named by ``$CHROMIUM``,
with the flags that keep it off the network (this machine's network is closed; a reader's is not
needed either).
"""

import functools
import http.server
import os
import threading
from pathlib import Path

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


def launch(playwright):
    """A headless Chromium from a started ``sync_playwright()``."""
    assert CHROMIUM.is_file(), f"no Chromium at {CHROMIUM} (apt-get install chromium, or set $CHROMIUM)"
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


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
