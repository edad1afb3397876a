"""Every page of the built book in headless Chromium, served from localhost as a web server would.

For each page: no console error or uncaught exception, no request to any host but the book's own,
the math typeset by MathJax, every image loaded, no widget shown as plain text. Then the language
toggle (default from the browser, choice kept across pages, ``?lang=``, phone width, dark mode),
the search page, and a static explorer inside a chapter.
"""

import re

import pytest

from book import toc_pages

WIDGET_AS_TEXT = re.compile(r"\b(?:VBox|HBox|Box|FloatSlider|IntSlider|Checkbox|Dropdown|Output|Image|Button)\(")
PAGES = [*toc_pages(), "search", "genindex"]


@pytest.mark.parametrize("path", PAGES)
def test_page_is_clean_and_self_contained(visit, path):
    v = visit()
    page = v.open(f"{path}.html")
    assert v.errors == [], f"{path}: console errors\n" + "\n".join(v.errors)
    assert v.outside == [], f"{path}: requests to other hosts\n" + "\n".join(v.outside)

    untypeset = page.evaluate("""() => Array.from(document.querySelectorAll('.math'))
        .filter(m => !m.querySelector('mjx-container')).map(m => m.textContent.slice(0, 60))""")
    assert untypeset == [], f"{path}: math left as TeX: {untypeset[:5]}"

    broken = page.evaluate("""() => Promise.all(Array.from(document.images).map(img => {
        img.loading = 'eager';
        return img.decode().then(() => img.naturalWidth > 0 ? null : img.src, () => img.src);
    })).then(srcs => srcs.filter(Boolean))""")
    assert broken == [], f"{path}: images that do not load: {broken}"

    text = page.inner_text("main") if page.locator("main").count() else page.inner_text("body")
    assert not WIDGET_AS_TEXT.search(text), f"{path}: a widget is shown as plain text"


def test_every_chapter_offers_binder_colab_live_code_download_and_copy(visit):
    v = visit()
    for path in (p for p in PAGES if p.startswith("chapters/")):
        page = v.open(f"{path}.html")
        notebook = path.split("/")[-1] + ".ipynb"
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        assert any("mybinder.org" in h and "urlpath=lab" in h and h.endswith(notebook) for h in hrefs), path
        assert any("colab.research.google.com" in h and h.endswith(notebook) for h in hrefs), path
        assert any(h.endswith(f"_sources/{path}.ipynb") for h in hrefs), f"{path}: no notebook download"
        assert page.locator(".launch-thebe, button.thebe-launch-button, [onclick*='initThebe']").count(), path
        assert page.locator("div.highlight button.copybtn").count(), f"{path}: no copy button on code"
    assert v.outside == [] and v.errors == []


@pytest.mark.parametrize(("locale", "expected"), [("zh-CN", "zh"), ("en-GB", "en"), ("fr-FR", "both")])
def test_language_defaults_to_the_browser(visit, locale, expected):
    v = visit(locale=locale)
    v.open("intro.html")
    assert v.language() == expected
    assert v.shown("zh") == (expected != "en")
    assert v.shown("en") == (expected != "zh")


def test_language_choice_holds_across_pages_and_visits(visit):
    v = visit(locale="zh-CN")
    page = v.open("intro.html")
    assert v.shown("zh") and not v.shown("en")
    page.get_by_role("button", name="English", exact=True).click()
    assert v.language() == "en" and v.shown("en") and not v.shown("zh")
    assert page.get_by_role("button", name="English", exact=True).get_attribute("aria-pressed") == "true"
    v.open(f"{PAGES[1]}.html")                           # the next page
    assert v.language() == "en" and v.shown("en") and not v.shown("zh")
    v.open("intro.html?lang=both")                      # the address overrides ...
    assert v.shown("zh") and v.shown("en")
    v.open(f"{PAGES[1]}.html")                           # ... and is remembered
    assert v.language() == "both"
    assert v.errors == [] and v.outside == []


def test_language_is_set_before_the_body_is_drawn(visit):
    """No flash of the wrong language: the choice is on <html> before DOMContentLoaded fires."""
    v = visit(locale="en-US")
    v.context.add_init_script("""document.addEventListener('DOMContentLoaded', () => {
        window.__langAtDomReady = document.documentElement.getAttribute('data-book-lang'); });""")
    page = v.open("intro.html?lang=zh")
    assert page.evaluate("window.__langAtDomReady") == "zh"


def test_toggle_fits_a_phone_and_reads_in_dark_mode(visit):
    v = visit(viewport={"width": 390, "height": 844}, locale="zh-CN", color_scheme="dark")
    page = v.open(f"{PAGES[1]}.html")
    for item in page.locator(".book-lang-toggle, .article-header-buttons > *:visible").all():
        box = item.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, "the page header overflows a phone"
    page.evaluate("document.documentElement.dataset.theme = 'dark'")
    colours = page.eval_on_selector_all(".book-lang-toggle button", """buttons => buttons.map(b => {
        const s = getComputedStyle(b); return [s.color, s.backgroundColor]; })""")

    def luminance(css):
        r, g, b = (int(c) for c in re.findall(r"\d+", css)[:3])
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255

    unpressed = [c for c, b in colours[1:]]          # zh is pressed; the others show plain text
    assert all(luminance(c) > 0.6 for c in unpressed), f"dark-mode labels too dark: {unpressed}"


def test_search_finds_a_chapter(visit):
    v = visit()
    page = v.open("search.html?q=sigmoid")
    page.wait_for_selector("#search-results li", timeout=15000)
    links = page.eval_on_selector_all("#search-results li a", "links => links.map(a => a.href)")
    assert any("02_sigmoid_tanh" in link for link in links), links
    assert v.errors == [] and v.outside == []


def test_explorers_out_of_view_cost_no_rendering_and_share_one_set_of_listeners(visit):
    # 32 explorers on one page: those out of view are skipped by the browser's rendering
    # (content-visibility: auto) until the reader scrolls to them or prints the page, and they listen for the reader's
    # input through one set of document listeners, not one each.
    page = visit().open("appendix/reference.html")
    explorers = page.locator(".actx")
    last = explorers.last
    rendered = "el => el.querySelector('svg').checkVisibility({contentVisibilityAuto: true})"
    assert explorers.count() > 20 and not last.evaluate(rendered)
    page.emulate_media(media="print")                          # a printed page shows every explorer
    page.wait_for_timeout(200)
    assert last.evaluate(rendered)
    page.emulate_media(media="screen")
    last.scroll_into_view_if_needed()
    page.wait_for_timeout(200)
    assert last.evaluate(rendered)
    cdp = page.context.new_cdp_session(page)
    document = cdp.send("Runtime.evaluate", {"expression": "document"})["result"]["objectId"]
    listeners = cdp.send("DOMDebugger.getEventListeners", {"objectId": document})["listeners"]
    wheel = [entry for entry in listeners if entry["type"] == "wheel" and entry["useCapture"]]
    assert len(wheel) == 1, f"{len(wheel)} capturing wheel listeners on the document"


def test_a_static_explorer_in_a_chapter_follows_its_slider(visit):
    v = visit()
    with_slider = "[data-actlib-explorer]:has(input[type=range])"
    chapter = next(p for p in PAGES if p.startswith("chapters/") and v.open(f"{p}.html").locator(with_slider).count())
    page = v.page
    explorer = page.locator(with_slider).first
    explorer.scroll_into_view_if_needed()
    curve = explorer.locator("path.actx-curve").first
    before = curve.get_attribute("d")
    explorer.locator("input[type=range]").first.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    assert curve.get_attribute("d") != before, f"{chapter}: the slider does not move the curve"
    derivative = explorer.locator("svg.actx-pdf")
    assert derivative.is_visible()
    explorer.locator("input.actx-deriv").uncheck()
    assert not derivative.is_visible()
    assert v.errors == [] and v.outside == []
