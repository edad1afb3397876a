"""The built book in the browser: a Playwright context that records what a page logged and asked
for. The fixtures ``site`` and ``visit`` (conftest.py) hand it to the tests. And ``same_path``, how the
explorer tests compare an SVG path the page drew with the one Python computes, and ``scripts_page``, a
blank page holding only the given scripts.
"""

import contextlib
import re

import numpy as np

from tools.browser import wait_for_typesetting


@contextlib.contextmanager
def scripts_page(browser, *scripts: str):
    """A blank page with the scripts (source texts) added in order; on leaving, it must have logged no error."""
    context = browser.new_context()
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.goto("about:blank")
    for script in scripts:
        tab.add_script_tag(content=script)
    yield tab
    context.close()
    assert errors == []


def same_path(got: str, want: str, tolerance: float = 0.11) -> bool:
    """Two SVG paths with the same commands and coordinates within ``tolerance`` px."""
    if re.sub(r"[-\d.]+", "#", got) != re.sub(r"[-\d.]+", "#", want):
        return False
    a = np.array(re.findall(r"-?\d+(?:\.\d+)?", got), float)
    b = np.array(re.findall(r"-?\d+(?:\.\d+)?", want), float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= tolerance


class Visit:
    """A browser context on the book: what the pages logged and asked for."""

    def __init__(self, browser, site, **context):
        self.site = site
        self.context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context})
        self.errors, self.outside = [], []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}")
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))

    def _route(self, route):
        if route.request.url.startswith(self.site):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, path: str):
        self.page.goto(self.site + path, wait_until="load")
        if self.page.locator(".math").count():
            wait_for_typesetting(self.page)
        return self.page

    def language(self) -> str:
        return self.page.get_attribute("html", "data-book-lang")

    def shown(self, lang: str) -> bool:
        """Whether the first prose block in ``lang`` is visible."""
        return self.page.locator(f'div[lang="{lang}"]').first.is_visible()

    def close(self):
        self.context.close()
