"""The book builds with warnings as errors, and the HTML is complete and self-contained.

The build itself is the session fixture ``html_dir`` (conftest.py, book.py).
"""

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import actlib

from book import built_pages, toc_pages
OUTSIDE_HOSTS = ("cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com", "fonts.googleapis.com")


class Resources(HTMLParser):
    """Collects what a page makes the browser fetch: scripts, stylesheets, images, frames."""

    def __init__(self):
        super().__init__()
        self.fetched: list[tuple[str, str]] = []      # (tag, url)
        self.images: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and attrs.get("src"):
            self.fetched.append((tag, attrs["src"]))
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical", "alternate"):
            self.fetched.append((tag, attrs["href"]))
        if tag == "object" and attrs.get("data"):
            self.fetched.append((tag, attrs["data"]))
        if tag == "img":
            self.images.append(attrs.get("src", ""))


def resources(page: Path) -> Resources:
    parser = Resources()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_toc_page_is_built(html_dir):
    assert (html_dir / "index.html").is_file()
    for page in toc_pages():
        assert (html_dir / f"{page}.html").is_file(), f"{page} is in _toc.yml but was not built"


def test_chapter_02_shows_its_figures_as_svg(html_dir):
    page = html_dir / "chapters" / "02_sigmoid_tanh.html"
    images = [src for src in resources(page).images if "_images/" in src]
    assert images, "chapter 02 has no figure"
    for src in images:
        figure = (page.parent / src).resolve()
        assert figure.is_file(), f"{src} is referenced but not in the build"
        assert figure.suffix == ".svg", f"{src}: a line plot is drawn as SVG"
        root = figure.read_text(encoding="utf-8")
        assert "<svg" in root and "viewBox" in root, f"{src} is not an SVG drawing"


def test_chapter_02_math_is_ready_for_mathjax(html_dir):
    page = html_dir / "chapters" / "02_sigmoid_tanh.html"
    text = page.read_text(encoding="utf-8")
    # Display math from the cells' Math(act.latex) outputs, and inline $…$ from the prose.
    blocks = re.findall(r'<div class="[^"]*\bmath notranslate nohighlight">\s*\\\[(.*?)\\\]\s*</div>', text, re.S)
    assert blocks, "no display math in chapter 02"
    for act in (actlib.sigmoid, actlib.tanh):
        for formula in (act.latex, act.grad_latex):
            assert any(formula in html.unescape(block) for block in blocks), f"{formula!r} not shown"
    assert re.search(r'<span class="math notranslate nohighlight">\\\(.+?\\\)</span>', text)
    # … and the page loads MathJax from the book itself.
    scripts = [url for tag, url in resources(page).fetched if tag == "script"]
    mathjax = [url for url in scripts if "mathjax" in url.lower()]
    assert mathjax, "chapter 02 does not load MathJax"
    for url in mathjax:
        assert not urlsplit(url).scheme and not url.startswith("//"), f"MathJax from outside: {url}"
        assert (page.parent / url.split("?")[0]).resolve().is_file(), f"{url} missing from the build"
    fonts = html_dir / "_static" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2"
    assert any(fonts.glob("*.woff")), "MathJax's web fonts are not in the build"


def test_no_page_fetches_anything_from_another_host(html_dir):
    outside = []
    for page in built_pages(html_dir):
        for tag, url in resources(page).fetched:
            if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
                outside.append(f"{page.relative_to(html_dir)}: <{tag}> {url}")
    assert not outside, "pages load from other hosts:\n" + "\n".join(outside)


def test_no_inline_script_names_a_cdn(html_dir):
    """No inline ``<script>`` of a page names a CDN either (it could load from there later).

    The one mention allowed is sphinx-thebe's ``THEBE_JS_URL`` constant (unpkg.com), which Jupyter
    Book puts in every page; Thebe fetches it only when a reader presses its launch button, and
    Thebe is off in _config.yml, so there is no such button.
    """
    offenders = []
    for page in built_pages(html_dir):
        text = page.read_text(encoding="utf-8")
        for script in re.findall(r"<script(?:\s[^>]*)?>(.*?)</script>", text, re.S):
            script = re.sub(r'const THEBE_JS_URL = "[^"]*";', "", script)
            offenders += [f"{page.relative_to(html_dir)}: inline script names {host}"
                          for host in OUTSIDE_HOSTS if host in script]
    assert not offenders, "\n".join(offenders)
