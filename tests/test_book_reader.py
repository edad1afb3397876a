"""What a reader of the built book sees, in headless Chromium, on a phone (390 px), a tablet (900 px)
and a desktop (1280 px): figures in proportion, nothing wider than the screen, navigation that
opens, one language at a time, Chinese search that finds words, no serious accessibility
violation (axe-core), and a dark page for a reader whose system is dark.

Expected values come from the built HTML itself (which pages hold a word, which images exist),
never from a list typed here.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from book import ROOT, toc_pages

PAGES = [*toc_pages(), "search", "genindex"]
CHAPTERS = [p for p in PAGES if p.startswith("chapters/")]
PHONE = {"width": 390, "height": 844}
WIDTHS = {"phone": PHONE, "tablet": {"width": 900, "height": 1000}, "desktop": {"width": 1280, "height": 900}}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Visible text nodes outside code, math and figures (which are shared by both languages), with the
# element they sit in; attributes a reader meets (alt text, labels of visible controls) too.
VISIBLE_TEXT = """() => {
  const skip = 'pre, code, kbd, mjx-container, .math, script, style, noscript, svg, .highlight, .book-lang-toggle, [lang="zh-CN"]';
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const text = node.textContent.trim(), el = node.parentElement;
    if (!text || el.closest(skip)) continue;
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: false })) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    out.push(text);
  }
  document.querySelectorAll('img[alt], [aria-label]').forEach(el => {
    if (el.closest(skip) || !el.checkVisibility()) return;
    out.push(el.getAttribute('alt') || el.getAttribute('aria-label'));
  });
  out.push(document.title);
  return out;
}"""
CJK = re.compile(r"[\u3400-\u9fff]")
# English prose: four or more lower-case English words in a row ("the slope of the"), outside
# parentheses (Chinese technical prose gives a term's English name in them: 末位单位（unit in the
# last place）).
ENGLISH_PROSE = re.compile(r"\b[a-z]{2,}(?:[ ,;]+[a-z]{2,}){3,}\b")
PARENTHESES = re.compile(r"（[^）]*）|\([^)]*\)")


def _language_problems(texts: list[str], lang: str) -> list[str]:
    """The texts a reader of ``lang`` alone should not see. Left out by VISIBLE_TEXT: the names of
    the language buttons (the toggle), text in <kbd> (a button's label quoted in the prose) and
    a term quoted in the other language on purpose, marked lang="zh-CN" (the glossary's pairs)."""
    if lang == "en":
        return [t[:80] for t in texts if CJK.search(t)]
    return [t[:80] for t in texts if ENGLISH_PROSE.search(PARENTHESES.sub("", t))]


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_figures_keep_their_aspect_ratio(visit, width):
    v = visit(viewport=WIDTHS[width])
    squashed = []
    for path in PAGES:
        page = v.open(f"{path}.html")
        squashed += page.evaluate("""() => Promise.all(Array.from(document.querySelectorAll('article img')).map(img => {
            img.loading = 'eager';
            return img.decode().catch(() => null).then(() => {
              const r = img.getBoundingClientRect();
              if (!r.width || !img.naturalWidth) return null;
              const drawn = r.width / r.height, natural = img.naturalWidth / img.naturalHeight;
              return Math.abs(drawn / natural - 1) > 0.02 ? `${img.src.split('/').pop()}: ${drawn.toFixed(2)} vs ${natural.toFixed(2)}` : null;
            });
        })).then(found => found.filter(Boolean))""")
    assert squashed == [], f"images drawn out of proportion at {width}: {squashed[:8]}"


@pytest.mark.parametrize("path", PAGES)
def test_nothing_is_wider_than_a_phone(visit, path):
    v = visit(viewport=PHONE)
    page = v.open(f"{path}.html")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{path}: the page scrolls sideways by {overflow} px on a phone"
    stuck = page.evaluate("""() => Array.from(document.querySelectorAll('article mjx-container[display="true"]'))
        .filter(m => {
          for (let el = m; el && el.tagName !== 'ARTICLE'; el = el.parentElement) {
            if (el.scrollWidth > el.clientWidth + 1) {
              const o = getComputedStyle(el).overflowX;
              return !(o === 'auto' || o === 'scroll');
            }
          }
          return false;
        }).map(m => m.textContent.slice(0, 40))""")
    assert stuck == [], f"{path}: display formulas wider than the column that cannot scroll: {stuck}"


@pytest.mark.parametrize("width", ["phone", "tablet"])
def test_the_visible_buttons_open_the_chapter_list_and_the_page_contents(visit, width):
    v = visit(viewport=WIDTHS[width])
    path = CHAPTERS[0]
    for toggle, sidebar in ((".primary-toggle", ".bd-sidebar-primary"), (".secondary-toggle", ".bd-sidebar-secondary")):
        page = v.open(f"{path}.html")
        buttons = page.locator(f"{toggle}:visible")
        assert buttons.count() == 1, f"{width}: {buttons.count()} visible {toggle} buttons"
        link = page.locator(f"{sidebar} a.reference").first
        assert not link.is_visible() or not _in_view(page, link), f"{width}: {sidebar} is open before the click"
        buttons.first.click()
        page.wait_for_timeout(400)       # the theme slides the drawer in
        assert link.is_visible() and _in_view(page, link), f"{width}: {toggle} does not open {sidebar}"
    assert v.errors == []


def _in_view(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return bool(box) and box["x"] >= 0 and box["x"] + box["width"] <= size["width"] + 1 and 0 <= box["y"] < size["height"]


@pytest.mark.parametrize("width", list(WIDTHS))
def test_one_header_and_one_search_box(visit, width):
    v = visit(viewport=WIDTHS[width])
    page = v.open(f"{CHAPTERS[0]}.html")
    searches = page.locator(".search-button-field:visible, .search-button:visible").count()
    assert searches == 1, f"{width}: {searches} visible search controls"
    bars = page.evaluate("""() => Array.from(document.querySelectorAll('header, .bd-header, .bd-header-article'))
        .filter(h => h.getBoundingClientRect().height > 0 && h.checkVisibility()).map(h => h.className)""")
    assert len(bars) == 1, f"{width}: header bars {bars}"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_one_language_at_a_time(visit, path, lang):
    v = visit()
    page = v.open(f"{path}.html?lang={lang}")
    problems = _language_problems(page.evaluate(VISIBLE_TEXT), lang)
    other = "Chinese" if lang == "en" else "English prose"
    assert problems == [], f"{path}?lang={lang}: {other} shown: {problems[:12]}"


def test_both_languages_show_both(visit):
    v = visit()
    page = v.open(f"{CHAPTERS[0]}.html?lang=both")
    texts = page.evaluate(VISIBLE_TEXT)
    assert _language_problems(texts, "en") and _language_problems(texts, "zh")
    heading = page.locator("article h1").first.inner_text()
    assert CJK.search(heading) and re.search(r"[A-Za-z]{3}", heading) and " · " in heading


def test_the_address_chooses_the_language_in_any_case(visit):
    v = visit(locale="zh-CN")
    v.open("intro.html?lang=EN")
    assert v.language() == "en"
    v.open("intro.html?lang=Both")
    assert v.language() == "both"


def test_switching_language_keeps_the_reader_in_place(visit):
    v = visit(locale="zh-CN")
    page = v.open(f"{CHAPTERS[2]}.html")
    block = page.locator("article div[lang='zh']").nth(12)
    page.evaluate("el => el.scrollIntoView({block: 'start', behavior: 'instant'})", block.element_handle())
    page.mouse.wheel(0, 30)               # the paragraph's first line now just under the header
    page.wait_for_timeout(300)
    before = block.bounding_box()["y"]
    button = page.get_by_role("button", name="English", exact=True).bounding_box()
    page.mouse.click(button["x"] + button["width"] / 2, button["y"] + button["height"] / 2)   # as a reader: no scrolling to it
    twin = block.locator("xpath=following-sibling::div[@lang='en'][1]")
    after = twin.bounding_box()["y"]
    assert abs(after - before) <= 40, f"the paragraph moved from y={before:.0f} to y={after:.0f}"


class _ArticleText(HTMLParser):
    """The prose of a built page's article: its text outside code, scripts and the explorers' data."""

    SKIP = {"script", "style", "pre", "code", "svg"}

    def __init__(self):
        super().__init__()
        self.depth, self.skipping, self.parts = 0, 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif self.depth and tag in self.SKIP:
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        elif self.depth and tag in self.SKIP:
            self.skipping -= 1

    def handle_data(self, data):
        if self.depth and not self.skipping:
            self.parts.append(data)


def _prose(page: Path) -> str:
    parser = _ArticleText()
    parser.feed(page.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


SEARCH_TERMS = ["死亡", "消失", "爆炸", "梯度", "激活函数", "梯度消失", "饱和", "导数", "sigmoid", "saturation", "derivative"]


@pytest.mark.parametrize("term", SEARCH_TERMS)
def test_search_finds_every_page_whose_prose_holds_the_word(visit, html_dir, term):
    expected = {p for p in toc_pages() if term.lower() in _prose(html_dir / f"{p}.html").lower()}
    assert expected, f"no page holds {term!r}: choose another term"
    v = visit()
    page = v.open(f"search.html?q={term}")
    _finished_search(page)
    found = {re.sub(r"\.html.*$", "", href.split("/", 3)[-1])
             for href in page.eval_on_selector_all("#search-results li > a", "links => links.map(a => a.href)")}
    assert expected <= found, f"{term!r}: pages not found: {sorted(expected - found)}"
    results = page.eval_on_selector_all("#search-results li", """items => items.map(li =>
        [li.querySelector('a').href, li.querySelector('p.context')?.innerText || ''])""")
    snippets = [text for _, text in results]
    assert all(s.strip() for s in snippets), f"{term!r}: results without a snippet of the page's text"
    chapters = [text for href, text in results if "/chapters/" in href]
    assert _language_problems(chapters, v.language()) == [], f"{term!r}: chapter snippets in the other language"
    navigation = [s[:80] for s in snippets if re.search(r"\.ipynb|\.pdf|Contents|Binder|Colab", s)]
    assert navigation == [], f"{term!r}: snippets show navigation text: {navigation}"
    assert v.errors == []


def _finished_search(page):
    page.wait_for_selector("#search-results .search-summary", timeout=15000)
    page.wait_for_function("() => !document.querySelector('#search-results .search-summary').textContent.includes('…')")
    page.wait_for_timeout(300)


@pytest.mark.parametrize("first, then", [("zh", "en"), ("en", "zh")])
def test_search_messages_and_snippets_follow_the_language(visit, first, then):
    """The count of results reads as a number in each language, and after a switch of language the
    snippets are in the new one (no search again)."""
    v = visit()
    page = v.open(f"search.html?q=sigmoid&lang={first}")
    _finished_search(page)
    for lang in (first, then):
        if lang != first:
            page.click(f'.book-lang-toggle button[value="{lang}"]')
        summary = page.inner_text("#search-results .search-summary")
        assert "${" not in summary and re.search(r"\d", summary), f"{lang}: {summary!r}"
        assert _language_problems([summary], lang) == []
        results = page.eval_on_selector_all("#search-results li", """items => items.map(li =>
            [li.querySelector('a').href, li.querySelector('p.context')?.innerText || ''])""")
        chapters = [text for href, text in results if "/chapters/" in href]
        assert chapters and all(t.strip() for t in chapters)
        assert _language_problems(chapters, lang) == [], f"{lang}: snippets in the other language"
    assert v.errors == []


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(visit, path):
    assert AXE.is_file(), "axe-core is missing: npm ci (make test installs it)"
    v = visit()
    page = v.open(f"{path}.html")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
        .filter(x => x.impact === 'serious' || x.impact === 'critical')
        .map(x => `${x.impact} ${x.id}: ${x.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`))""")
    assert violations == [], f"{path}: axe-core\n" + "\n".join(violations)


def test_a_dark_system_gets_a_dark_book(visit):
    v = visit(color_scheme="dark")
    page = v.open(f"{CHAPTERS[0]}.html")
    assert page.get_attribute("html", "data-theme") == "dark"
    light = page.evaluate("""() => Array.from(document.querySelectorAll('article .cell_output, article .output'))
        .map(el => getComputedStyle(el).backgroundColor)
        .filter(c => { const v = (c.match(/\\d+(\\.\\d+)?/g) || []).map(Number);
                       return v.length >= 3 && (v.length < 4 || v[3] > 0.1) && (0.2126*v[0] + 0.7152*v[1] + 0.0722*v[2]) > 150; })""")
    assert light == [], f"outputs on light boxes in dark mode: {light[:3]}"
