"""A page loads only what it uses: FontAwesome's icons without its 1.5 MB script, the search index
only when searching, MathJax without the components the book does not use, no ipywidgets state.

How many bytes a page weighs is a benchmark figure (benchmarks/weight.py), not a test; these are the
facts behind it, checked on every built page and, where the browser decides, in Chromium.
"""

import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from book import built_pages
from tools.browser import wait_for_typesetting

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"

ICONS = """() => Array.from(document.querySelectorAll('[class*="fa-"]'))
    .filter(e => Array.from(e.classList).some(c => c.startsWith('fa-')) && e.getClientRects().length
                 && getComputedStyle(e).visibility !== 'hidden')
    .map(e => {
        const before = getComputedStyle(e, '::before');
        return {classes: e.className, content: before.content, family: before.fontFamily,
                weight: before.fontWeight, width: e.getBoundingClientRect().width};
    })"""
LOADED_FACES = """() => document.fonts.ready.then(set => Array.from(set)
    .filter(f => f.status === 'loaded').map(f => [f.family.replace(/"/g, ''), f.weight]))"""


def page_paths(html_dir: Path) -> list[str]:
    return sorted(str(p.relative_to(html_dir)) for p in built_pages(html_dir))


@pytest.fixture(scope="module")
def cold_visits(html_dir, browser, site):
    """Every page opened once in a fresh context (empty cache): what it requested, with the status, and
    the icons it shows."""
    visits = {}
    for path in page_paths(html_dir):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        responses = []
        page.on("response", lambda r: responses.append((r.url[len(site):].split("?")[0], r.status)))
        page.goto(site + path, wait_until="networkidle")
        wait_for_typesetting(page)
        page.wait_for_load_state("networkidle")
        visits[path] = {"responses": responses, "icons": page.evaluate(ICONS),
                        "faces": {tuple(f) for f in page.evaluate(LOADED_FACES)}}
        context.close()
    return visits


def test_no_page_loads_the_fontawesome_script(html_dir, cold_visits):
    for path, visit in cold_visits.items():
        requested = [url for url, _ in visit["responses"]]
        assert not [u for u in requested if u.endswith("all.min.js")], f"{path} loads FontAwesome's script"
        assert not [u for u in requested if "vendor/fontawesome" in u], f"{path} loads the full FontAwesome"
        failed = [(u, s) for u, s in visit["responses"] if s >= 400]
        assert not failed, f"{path}: failed requests {failed}"


def _icon_fonts(html_dir: Path) -> dict[tuple[str, str], dict]:
    """(family, weight) → the character map of the webfont the icon stylesheet serves it from."""
    css = (html_dir / "_static" / "icons" / "fontawesome.css").read_text(encoding="utf-8")
    fonts = {}
    for face in re.findall(r"@font-face\{([^}]*)\}", css):
        family = re.search(r"font-family:([^;]+)", face).group(1).replace("\\", "").strip('" ')
        weight = m.group(1) if (m := re.search(r"font-weight:(\d+)", face)) else "400"
        source = re.search(r"url\(([^)]+\.woff2)\)", face).group(1)
        with TTFont(html_dir / "_static" / "icons" / source) as font:
            fonts[(family, weight)] = font.getBestCmap()
    return fonts


def test_every_icon_shows_a_glyph(html_dir, cold_visits):
    """Each visible ``fa-*`` element draws its ::before character from a loaded icon font that has it."""
    fonts = _icon_fonts(html_dir)
    for path, visit in cold_visits.items():
        assert visit["icons"], f"{path} shows no icon"
        for icon in visit["icons"]:
            content = icon["content"].strip('"')
            assert len(content) == 1, f"{path}: {icon['classes']} has no icon character ({icon['content']})"
            family = icon["family"].split(",")[0].strip('" ').replace("\\", "")
            face = (family, icon["weight"])
            assert face in fonts, f"{path}: {icon['classes']} asks for {face}, which no icon font serves"
            assert ord(content) in fonts[face], f"{path}: {icon['classes']}: glyph not in {face}"
            assert face in visit["faces"], f"{path}: {icon['classes']}: the font {face} did not load"
            assert icon["width"] > 0, f"{path}: {icon['classes']} has no width"


def test_search_index_only_on_the_search_page(cold_visits):
    loading = sorted(p for p, v in cold_visits.items() if any(u.endswith("searchindex.js") for u, _ in v["responses"]))
    assert loading == ["search.html"]


def test_mathjax_loads_only_the_components_the_book_uses(cold_visits):
    with_math = {p: [u for u, _ in v["responses"] if "/mathjax/" in u] for p, v in cold_visits.items()}
    with_math = {p: urls for p, urls in with_math.items() if urls}
    assert "chapters/02_sigmoid_tanh.html" in with_math
    for path, urls in with_math.items():
        names = {u.split("/mathjax/", 1)[1] for u in urls}
        assert not names & {"tex-mml-chtml.js", "tex-chtml.js", "ui/menu.js"}, f"{path}: {sorted(names)}"
        assert {"startup.js", "input/tex.js", "output/chtml.js"} <= names, f"{path}: {sorted(names)}"


def test_no_page_holds_ipywidgets_state(html_dir):
    holding = [p for p in page_paths(html_dir) if WIDGET_STATE in (html_dir / p).read_text(encoding="utf-8")]
    assert holding == []
