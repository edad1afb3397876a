"""Chinese reads on a machine with no CJK font: the book serves a subset of Noto Sans CJK SC
(_ext/cjk_font.py), which a browser fetches only when no local CJK font serves.

The subset must hold every CJK character the built book shows (computed here from the built HTML
and the book's scripts); its @font-face lists local fonts first and the WOFF2 last; in a Chromium
that sees no CJK font (a fontconfig configuration without them) Chinese renders with real glyphs,
and without the subset it does not; with the machine's own CJK font the WOFF2 is not requested.
"""

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import noto_cjk_sans_otc
import pytest
from fontTools.ttLib import TTCollection, TTFont

from benchmarks.weight import fc_files, launch, no_cjk_fontconfig
from book import ROOT, built_pages

CSS = Path("_static", "cjk", "cjk-font.css")
SAMPLE = "激活函数"
WIDTH = """(text) => {
    const probe = document.createElement('span');
    probe.textContent = text;
    probe.style.cssText = 'position:absolute; font-size:100px; white-space:nowrap';
    document.querySelector('main, body').append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return width / 100;
}"""
FACES = "() => document.fonts.ready.then(set => Array.from(set).map(f => [f.family.replace(/\"/g, ''), f.status]))"


class Text(HTMLParser):
    """The text of a page: its character data and the attributes a reader sees or hears."""

    SHOWN = {"alt", "title", "aria-label", "placeholder", "value", "content"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        self.parts += [v for k, v in attrs if v and (k in self.SHOWN or k.startswith("data-"))]

    def handle_data(self, data):
        self.parts.append(data)


def text_of(path: Path) -> str:
    parser = Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return "".join(parser.parts)


def noto_sc_cmap() -> dict:
    with TTCollection(str(noto_cjk_sans_otc.FONT_PATH), lazy=True) as collection:
        return next(f for f in collection.fonts if f["name"].getDebugName(1) == "Noto Sans CJK SC").getBestCmap()


def wide(text: str, cmap: dict) -> set[str]:
    """The East Asian wide and full-width characters of ``text`` that Noto Sans CJK SC draws."""
    return {c for c in text if unicodedata.east_asian_width(c) in "WF" and ord(c) in cmap}


def test_subset_holds_every_cjk_character_the_book_shows(html_dir):
    cmap = noto_sc_cmap()
    shown = set()
    for page in built_pages(html_dir):
        shown |= wide(text_of(page), cmap)
    for script in sorted((ROOT / "_static").glob("*.js")):
        shown |= wide(script.read_text(encoding="utf-8"), cmap)
    assert len(shown) > 500, f"only {len(shown)} CJK characters found in the book"
    with TTFont(html_dir / "_static" / "cjk" / "noto-sans-cjk-sc.woff2") as font:
        subset = font.getBestCmap()
    missing = sorted(c for c in shown if ord(c) not in subset)
    assert missing == [], f"{len(missing)} characters missing from the subset: {''.join(missing[:40])}"


def test_font_face_lists_local_fonts_first_and_the_woff2_last(html_dir):
    css = (html_dir / CSS).read_text(encoding="utf-8")
    with_woff2 = [face for face in re.findall(r"@font-face\s*\{([^}]*)\}", css) if "url(" in face]
    assert len(with_woff2) == 1
    face = with_woff2[0]
    family = re.search(r'font-family:\s*"([^"]+)"', face).group(1)
    sources = [s.strip() for s in re.search(r"src:([^;]+);", face).group(1).split(",")]
    assert len(sources) > 3 and all(s.startswith("local(") for s in sources[:-1]), sources
    assert 'local("Noto Sans CJK SC")' in sources and 'local("Microsoft YaHei")' in sources
    woff2 = re.fullmatch(r'url\(([^)]+\.woff2)\) format\("woff2"\)', sources[-1]).group(1)
    assert (html_dir / CSS.parent / woff2).is_file()
    assert re.search(r"unicode-range:[^;]*U\+4E00-9FFF", face)
    for stack in ("base", "heading"):
        declared = re.search(rf"--pst-font-family-{stack}:([^;]+);", css).group(1)
        assert declared.rstrip().endswith(f'"{family}"'), declared
    styled = [p for p in built_pages(html_dir) if 'rel="stylesheet"' in p.read_text(encoding="utf-8")]
    assert len(styled) > 10     # every page but index.html, which only redirects
    assert [p.name for p in styled if "cjk/cjk-font.css" not in p.read_text(encoding="utf-8")] == []


@pytest.fixture(scope="module")
def bare_browser(browser, tmp_path_factory):
    """A second Chromium, which sees every font of this machine except those covering Chinese."""
    chromium = launch(browser.browser_type, no_cjk_fontconfig(tmp_path_factory.mktemp("fontconfig")))
    yield chromium
    chromium.close()


def open_page(browser, site, path, block_woff2=False):
    context = browser.new_context()
    requested = []
    context.on("request", lambda r: requested.append(r.url))
    if block_woff2:
        context.route("**/cjk/*.woff2", lambda route: route.fulfill(status=404))
    page = context.new_page()
    page.goto(site + path, wait_until="networkidle")
    return context, page, [u for u in requested if u.endswith(".woff2") and "/cjk/" in u]


@pytest.mark.parametrize("path", ["intro.html?lang=zh", "chapters/03_relu_family.html?lang=zh"])
def test_chinese_renders_without_a_cjk_font(bare_browser, site, path):
    context, page, woff2 = open_page(bare_browser, site, path)
    faces = page.evaluate(FACES)
    assert woff2, "the subset was not requested"
    assert ["Book CJK SC", "loaded"] in faces, faces
    assert page.evaluate(WIDTH, SAMPLE) == pytest.approx(len(SAMPLE), abs=0.05)   # full-width glyphs, 1 em each
    context.close()

    context, page, _ = open_page(bare_browser, site, path, block_woff2=True)   # control: no subset
    assert ["Book CJK SC", "error"] in page.evaluate(FACES)
    assert page.evaluate(WIDTH, SAMPLE) != pytest.approx(len(SAMPLE), abs=0.2), "renders alike without the subset"
    context.close()


def test_local_cjk_font_means_no_download(browser, site):
    if not fc_files(":lang=zh"):
        pytest.skip("this machine has no CJK font (fc-list :lang=zh is empty)")
    for path in ("intro.html?lang=zh", "chapters/01_nonlinearity.html?lang=zh", "search.html?q=激活函数"):
        context, page, woff2 = open_page(browser, site, path)
        assert woff2 == [], f"{path} downloaded the subset although a local CJK font serves"
        assert page.evaluate(WIDTH, SAMPLE) == pytest.approx(len(SAMPLE), abs=0.05)
        context.close()
