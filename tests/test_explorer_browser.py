"""The static explorer (text/html of actlib.explore) in headless Chromium, with no kernel.

Debian's Chromium at /usr/bin/chromium, driven by Playwright; these tests never skip (CI installs
Chromium; without it they fail). Every test also checks that the page logged no console error or
uncaught exception and requested nothing but its own file.
"""

import json
import re
import sysconfig
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import actlib
from browsing import same_path
from actlib import explorer_spec as S
from actlib import explorer_static as ST



def parametrised() -> str:
    """One function with a slider: ELU or leaky ReLU once they exist, else the binary step."""
    return next(n for n in ("elu", "leaky_relu", "binary_step") if n in actlib.names())


class Page:
    """An explorer page, its data and what the browser reported."""

    def __init__(self, browser, tmp_path, *names, head="", **params):
        ex = actlib.explore(list(names) if len(names) > 1 else names[0], **params)
        self.html = ex.html
        self.data = json.loads(re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>',
                                         self.html, re.S).group(1))
        path = tmp_path / "explorer.html"
        path.write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>explorer</title>'
                        f'<meta name="viewport" content="width=device-width">{head}</head><body>{self.html}</body></html>',
                        encoding="utf-8")
        self.url = path.as_uri()
        self.views = {k: tuple(v) for k, v in self.data["view"].items()}   # the y views the page should show
        self.context = browser.new_context(viewport={"width": 1000, "height": 900})
        self.page = self.context.new_page()
        self.console, self.requests = [], []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(self.url)

    def d(self, selector: str) -> str:
        return self.page.get_attribute(selector, "d")

    def expected_curve(self, fn: int, kind: str, **kw) -> str:
        """The f (or f′) path the page should draw for one shown function, computed here from actlib;
        the y view follows the rule of explorer_spec.y_view from the view shown before."""
        data = self.data
        act = actlib.get(data["fns"][fn]["name"])
        x = np.linspace(*data["x"], data["n"])
        values = act(x, **kw) if kind == "f" else act.grad(x, **kw)
        self.views[kind] = S.y_view(*S.data_range([values], zero=kind == "df"), self.views[kind])
        return ST._Frame(tuple(data["x"]), S.axis_limits(self.views[kind], 1), data["n"]).curve(values)

    def close(self):
        self.context.close()
        assert self.console == []
        assert self.requests[0] == self.url
        assert all(url.startswith("file://") for url in self.requests)   # nothing from any host


@pytest.fixture
def explorer(browser, tmp_path):
    page = Page(browser, tmp_path, parametrised())
    yield page
    page.close()


F = '.actx-pf .actx-curve[data-fn="0"]'
DF = '.actx-pdf .actx-curve[data-fn="0"]'


def test_the_script_takes_over_the_default_drawing(explorer):
    page = explorer.page
    assert page.is_visible(".actx-controls")                  # hidden until the script runs
    (control,) = explorer.data["controls"]
    start = {control["name"]: control["values"][control["base"]]}
    assert same_path(explorer.d(F), explorer.expected_curve(0, "f", **start))
    assert same_path(explorer.d(DF), explorer.expected_curve(0, "df", **start))


def test_keyboard_moves_the_slider_and_the_curve(explorer):
    page = explorer.page
    (control,) = explorer.data["controls"]
    slider = f"#{page.get_attribute('input[type=range]', 'id')}"
    before = explorer.d(F)
    page.focus(slider)
    page.keyboard.press("ArrowRight")
    k = control["base"] + 1
    assert page.input_value(slider) == str(k)
    assert explorer.d(F) != before
    want = {control["name"]: control["values"][k]}
    assert same_path(explorer.d(F), explorer.expected_curve(0, "f", **want))
    assert same_path(explorer.d(DF), explorer.expected_curve(0, "df", **want))
    label = control["labels"][k].replace("-", "−")
    assert page.text_content(f"output[for={slider[1:]}]") == label
    assert page.get_attribute(slider, "aria-valuetext").endswith(f"= {label}")


def test_setting_the_value_and_dispatching_input_redraws(explorer):
    page = explorer.page
    (control,) = explorer.data["controls"]
    for k in (0, len(control["values"]) - 1, 5):
        before = explorer.d(F)
        page.eval_on_selector("input[type=range]",
                              "(el, k) => { el.value = String(k); el.dispatchEvent(new Event('input', {bubbles: true})); }",
                              k)
        want = {control["name"]: control["values"][k]}
        assert explorer.d(F) != before
        assert same_path(explorer.d(F), explorer.expected_curve(0, "f", **want))


def test_the_derivative_switch_hides_and_shows_f_prime(explorer):
    page = explorer.page
    box = "input.actx-deriv"
    assert page.is_checked(box) and page.is_visible(".actx-pdf") and page.is_visible(".actx-drow")
    page.focus(box)
    page.keyboard.press("Space")
    assert not page.is_checked(box)
    assert page.is_hidden(".actx-pdf") and page.is_hidden(DF) and page.is_hidden(".actx-drow")
    assert page.is_visible(".actx-pf")
    page.click(f"label[for={page.get_attribute(box, 'id')}]")  # the label toggles it too
    assert page.is_checked(box) and page.is_visible(".actx-pdf")


def test_reset_returns_to_the_start(explorer):
    page = explorer.page
    start = explorer.d(F)
    page.focus("input[type=range]")
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
    page.uncheck("input.actx-deriv")
    assert explorer.d(F) != start
    page.click("button.actx-reset")
    assert explorer.d(F) == start and page.is_checked("input.actx-deriv")
    (control,) = explorer.data["controls"]
    assert page.input_value("input[type=range]") == str(control["base"])


def test_controls_are_labelled_in_both_languages(explorer):
    page = explorer.page
    for control in page.query_selector_all(".actx-controls input, .actx-controls select"):
        label = page.query_selector(f"label[for='{control.get_attribute('id')}']")
        assert label is not None and label.text_content().strip()
    derivative = page.text_content(f"label[for={page.get_attribute('input.actx-deriv', 'id')}]")
    assert "导数" in derivative and "derivative" in derivative
    reset = page.text_content("button.actx-reset")
    assert "重置" in reset and "reset" in reset
    assert page.locator('.actx [lang="zh"]').count() >= 4 and page.locator('.actx [lang="en"]').count() >= 4
    name = explorer.data["fns"][0]
    legend = page.text_content(".actx-legend")
    assert name["en"] in legend and name["zh"] in legend


def test_overlay_legend_and_shared_slider(browser, tmp_path):
    page = Page(browser, tmp_path, "sigmoid", "tanh", "binary_step")
    try:
        assert page.page.locator(".actx-legend li").count() == 4    # three functions and the saturation key
        sigmoid_before = page.d(F)
        step = '.actx-pf .actx-curve[data-fn="2"]'
        step_before = page.d(step)
        page.page.focus("input[type=range]")
        page.page.keyboard.press("ArrowRight")
        assert page.d(F) == sigmoid_before and page.d(step) != step_before
    finally:
        page.close()


def test_a_page_without_script_shows_the_default_state(browser, tmp_path):
    name = parametrised()
    html = actlib.explore(name).html
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        path = tmp_path / "noscript.html"
        path.write_text(f'<!doctype html><html><head><meta charset="utf-8"></head><body>{html}</body></html>',
                        encoding="utf-8")
        page.goto(path.as_uri())
        assert page.is_visible(".actx-pf") and page.is_visible(F)
        assert page.is_hidden(".actx-controls")              # no dead controls without script
        assert page.get_attribute(F, "d").startswith("M")
    finally:
        context.close()


def test_without_mathjax_the_formula_shows_its_tex_source(explorer):
    page = explorer.page
    page.wait_for_function("document.querySelector('.actx-tex').classList.contains('actx-raw')")
    text = page.text_content(".actx-tex")
    assert not text.startswith("\\(") and "=" in text
    page.focus("input[type=range]")
    page.keyboard.press("ArrowRight")
    (control,) = explorer.data["controls"]
    assert control["tex"][control["base"] + 1] in page.text_content(".actx-tex")


def test_with_mathjax_the_formula_is_typeset_and_follows_the_slider(browser, tmp_path):
    """MathJax 3 served from the sphinx-mathjax-offline package, as the book serves it."""
    mathjax = Path(sysconfig.get_paths()["purelib"]) / "sphinx-mathjax-offline/static/mathjax/tex-chtml.js"
    head = ('<script>window.MathJax = {options: {processHtmlClass: "tex2jax_process|mathjax_process|math"}};</script>'
            f'<script defer src="{mathjax.as_uri()}"></script>')
    page = Page(browser, tmp_path, "binary_step", head=head)
    try:
        p = page.page
        p.wait_for_selector(".actx-tex mjx-container")
        before = p.inner_html(".actx-tex")
        p.focus("input[type=range]")
        for _ in range(3):
            p.keyboard.press("ArrowRight")
        typeset_formula(p, ".actx-tex", r"H(x) = \begin{cases} 1 & x \ge 0.45 \\ 0 & x < 0.45 \end{cases}")
        assert p.inner_html(".actx-tex") != before
        spoken(p, "0.45")                                         # the MathML once the reader pauses
        assert not p.query_selector(".actx-raw")
    finally:
        page.close()


MATHJAX = Path(sysconfig.get_paths()["purelib"]) / "sphinx-mathjax-offline/static/mathjax/tex-chtml.js"
WITH_MATHJAX = ('<script>window.MathJax = {options: {processHtmlClass: "tex2jax_process|mathjax_process|math"}};</script>'
                f'<script defer src="{MATHJAX.as_uri()}"></script>')
WITH_MATHJAX_SPY = ('<script>window.MathJax = {options: {processHtmlClass: "tex2jax_process|mathjax_process|math"}, '
                    'startup: {ready() { MathJax.startup.defaultReady(); (SPY)(); }}};</script>'
                    f'<script defer src="{MATHJAX.as_uri()}"></script>')
# Every call of MathJax's typesetting entry points, and whether it ran inside an input event's dispatch.
SPY = """() => {
    window.__calls = [];
    let inInput = false;
    document.addEventListener('input', () => { inInput = true; }, true);
    window.addEventListener('input', () => { inInput = false; });
    for (const name of ['typeset', 'typesetPromise', 'tex2chtml', 'tex2chtmlPromise', 'tex2svg', 'tex2svgPromise']) {
        const real = MathJax[name];
        if (!real) continue;
        MathJax[name] = function (...args) {
            window.__calls.push({name, inInput, tex: typeof args[0] === 'string' ? args[0] : null, t: performance.now()});
            return real.apply(this, args);
        };
    }
}"""
LANGUAGE_CSS = ('<style>html[data-book-lang="zh"] [lang="en"], html[data-book-lang="en"] [lang="zh"]'
                '{display:none !important}</style>')     # the book's rule (_static/language.css)
CJK = re.compile(r"[\u3400-\u9fff]")


WITH_MATHJAX_SPY = f"<script>const SPY = {SPY};</script>" + WITH_MATHJAX_SPY


def typeset_formula(page, selector: str, tex: str):
    """Wait until ``selector`` shows ``tex`` typeset (not stale), the MathML MathJax made of it included."""
    page.wait_for_function("([s, t]) => { const el = document.querySelector(s); return el.dataset.tex === t "
                           "&& !el.classList.contains('actx-stale') && el.querySelector('mjx-container'); }",
                           arg=[selector, tex])


def test_rrelu_reaches_every_pair_and_says_why_a_pair_is_invalid(browser, tmp_path):
    page = Page(browser, tmp_path, "rrelu")
    try:
        p = page.page
        lower, upper = page.data["controls"]
        sliders = p.query_selector_all("input[type=range]")
        sliders[1].focus()
        for _ in range(4):
            p.keyboard.press("ArrowRight")                       # upper up ...
        sliders[0].focus()
        for _ in range(3):
            p.keyboard.press("ArrowRight")                       # ... then lower up: upper stays
        lo, up = lower["base"] + 3, upper["base"] + 4
        assert (p.input_value(f"#{sliders[0].get_attribute('id')}"), p.input_value(f"#{sliders[1].get_attribute('id')}")) \
            == (str(lo), str(up))
        want = {"lower": lower["values"][lo], "upper": upper["values"][up]}
        assert same_path(page.d(F), page.expected_curve(0, "f", **want))
        assert p.text_content(".actx-note") == ""
        # An invalid pair: lower above upper. The curve goes, the note says why, in both languages.
        sliders[1].focus()
        p.keyboard.press("Home")
        assert page.d(F) == ""
        zh, en = p.text_content('.actx-note [lang="zh"]'), p.text_content('.actx-note [lang="en"]')
        assert "无效参数" in zh and "不能大于" in zh and lower["labels"][lo] in zh
        assert "invalid parameters" in en and f"lower ({lower['labels'][lo]}) must not exceed upper (0)" in en
        p.keyboard.press("End")
        assert p.text_content(".actx-note") == "" and page.d(F) != ""
    finally:
        page.close()


READ = """(node) => [[...node.querySelectorAll('mjx-math mjx-c')].map(c => c.className).join(' '),
    node.querySelector('mjx-assistive-mml').textContent]"""
FRESH = f"""(sel) => MathJax.tex2chtmlPromise(document.querySelector(sel).dataset.tex, {{display: false}}).then({READ})"""
SHOWN = f"""(sel) => ({READ})(document.querySelector(sel))"""
# A typeset formula's markup, without the minimum width MathJax gives a table (cases) for the
# content it was typeset with: a table whose values changed is left to fit its content.
WITHOUT_TABLE_WIDTH = """(math) => { math.querySelectorAll('mjx-mtable').forEach(t => t.style.minWidth = '');
    return math.innerHTML; }"""
# The typeset formula without its value slots: a slot of its own (an mrow) gives way to its children
# (its spacing moves onto the first), a slot that is the value's own node loses the class.
UNWRAPPED = """(sel) => { const math = document.querySelector(sel + ' mjx-math').cloneNode(true);
    math.querySelectorAll('[class*="actx-v"]').forEach(slot => {
        const mine = [...slot.classList].find(c => /^actx-v\\d+$/.test(c));
        if (slot.classList.length > 1) {
            slot.classList.remove(mine);
            return;
        }
        if (slot.hasAttribute('space')) slot.firstElementChild.setAttribute('space', slot.getAttribute('space'));
        slot.replaceWith(...slot.childNodes);
    });
    return (WITHOUT_TABLE_WIDTH)(math); }""".replace("WITHOUT_TABLE_WIDTH", WITHOUT_TABLE_WIDTH)
# The width and height of the shown formula and of a fresh typeset of its TeX put in its place.
SIZES = """(sel) => { const el = document.querySelector(sel), shown = el.querySelector('mjx-container');
    const box = n => { const r = n.getBoundingClientRect(); return [r.width, r.height]; };
    return MathJax.tex2chtmlPromise(el.dataset.tex, {display: false}).then(fresh => {
        const before = box(shown);
        shown.replaceWith(fresh); MathJax.chtmlStylesheet();
        const after = box(fresh);
        fresh.replaceWith(shown);
        return [before, after]; }); }"""


def spoken(p, label: str):
    """Wait until the MathML a screen reader reads of the formula says ``label``."""
    p.wait_for_function("(v) => document.querySelector('.actx-tex mjx-assistive-mml').textContent.includes(v)",
                        arg=label, timeout=5000)


def test_a_step_changes_only_the_value_in_the_formula_and_typesets_nothing_in_the_handler(browser, tmp_path):
    page = Page(browser, tmp_path, "leaky_relu", head=WITH_MATHJAX_SPY)
    try:
        p = page.page
        p.wait_for_selector(".actx-tex mjx-container")
        (control,) = page.data["controls"]
        base = control["base"]
        p.focus("input[type=range]")
        p.wait_for_selector('.actx[data-formulas="ready"]')       # idle time: every position typeset
        container = p.evaluate_handle("document.querySelector('.actx-tex mjx-container')")
        before = p.evaluate("performance.now()")
        p.keyboard.press("ArrowRight")
        tex = rf"\operatorname{{LeakyReLU}}(x) = \begin{{cases}} x & x > 0 \\ {control['tex'][base + 1]} x & x \le 0 \end{{cases}}"
        typeset_formula(p, ".actx-tex", tex)
        calls = p.evaluate("window.__calls")
        assert calls and not any(c["inInput"] for c in calls)    # MathJax never runs in the handler
        value = [c for c in calls if c["tex"] and control["tex"][base + 1] in c["tex"]]
        assert value and value[0]["t"] < before                   # the new value was typeset ahead, in idle time
        # The same container: only the value inside it changed, and it reads as a fresh typeset of the TeX.
        assert p.evaluate("(node) => document.querySelector('.actx-tex mjx-container') === node", container)
        spoken(p, control["labels"][base + 1])                    # the MathML follows in idle time
        for selector in (".actx-tex", ".actx-dtex"):
            assert p.evaluate(SHOWN, selector) == p.evaluate(FRESH, selector)
        p.keyboard.press("End")                                   # far away: shown in the end, still no typesetting in the handler
        far = control["tex"][-1]
        p.wait_for_function("(v) => { const el = document.querySelector('.actx-tex');"
                            " return el.dataset.tex.includes(v + ' x') && !el.classList.contains('actx-stale'); }", arg=far)
        assert not any(c["inInput"] for c in p.evaluate("window.__calls"))
        spoken(p, control["labels"][-1])
        assert p.evaluate(SHOWN, ".actx-tex") == p.evaluate(FRESH, ".actx-tex")
    finally:
        page.close()


# Every change to an explorer made outside the task of an input event (the handler's own), with the
# time since that input: a capturing listener marks the task, a timer (the next task) unmarks it.
CHANGES = """() => { window.__changes = []; let input = 0, inInput = false;
    document.addEventListener('input', () => { input = performance.now(); inInput = true;
        setTimeout(() => { inInput = false; }, 0); }, true);
    new MutationObserver(() => { if (!inInput) window.__changes.push(performance.now() - input); })
        .observe(document.querySelector('.actx'), {subtree: true, childList: true, attributes: true, characterData: true}); }"""


def test_between_two_steps_nothing_changes_the_explorer(browser, tmp_path):
    # A change in idle time asks for a frame of its own; if the reader's next step comes then, it waits
    # for that frame. So what follows a step (the MathML a screen reader reads, whether a formula
    # scrolls) waits until the reader pauses (explorer.js: PAUSE, 600 ms).
    page = Page(browser, tmp_path, "leaky_relu", head=WITH_MATHJAX)
    try:
        p = page.page
        (control,) = page.data["controls"]
        p.focus("input[type=range]")
        p.wait_for_selector('.actx[data-formulas="ready"]')
        p.evaluate(CHANGES)
        for _ in range(8):
            p.keyboard.press("ArrowRight")
            p.wait_for_timeout(150)
        between = [round(ms) for ms in p.evaluate("window.__changes") if ms < 600]
        assert between == [], f"changes {between} ms after a step, before the reader paused"
        spoken(p, control["labels"][control["base"] + 8])          # and after the pause the MathML follows
        assert min(p.evaluate("window.__changes")) >= 600
    finally:
        page.close()


def test_a_formula_without_a_value_is_not_typeset_again(browser, tmp_path):
    page = Page(browser, tmp_path, "sigmoid", "leaky_relu", head=WITH_MATHJAX_SPY)
    try:
        p = page.page
        p.focus("input[type=range]")
        p.wait_for_selector('.actx[data-formulas="ready"]')
        typeset = [c["tex"] for c in p.evaluate("window.__calls") if c["tex"]]
        assert any("LeakyReLU" in t for t in typeset)            # the formula with α, in its slotted form
        assert not any(r"\sigma" in t for t in typeset)          # the page's own typeset of σ is kept
    finally:
        page.close()


# Steps per slider: RReLU's l and u in one formula; leaky ReLU's α from 0.01 to a negative value,
# written in parentheses (a slot that was a number becomes a group), and back.
MOVES = {"rrelu": [(1, "ArrowRight", 3), (0, "ArrowRight", 2), (1, "ArrowLeft", 1)],
         "leaky_relu": [(0, "Home", 1), (0, "ArrowRight", 1), (0, "End", 1)]}


@pytest.mark.parametrize("function", MOVES)
def test_a_formula_with_swapped_values_is_laid_out_as_a_fresh_typeset(browser, tmp_path, function):
    """Spacing and structure: after each move, the typeset formula without its value slots is node
    for node what MathJax makes of the plain TeX it shows."""
    page = Page(browser, tmp_path, function, head=WITH_MATHJAX_SPY)
    try:
        p = page.page
        p.wait_for_selector(".actx-tex mjx-container")
        sliders = p.query_selector_all("input[type=range]")
        for index, key, times in MOVES[function]:
            sliders[index].focus()
            for _ in range(times):
                p.keyboard.press(key)
            p.wait_for_function("() => [...document.querySelectorAll('.actx-tex, .actx-dtex')]"
                                ".every(el => !el.classList.contains('actx-stale') && el.querySelector('mjx-container'))")
            for selector in (".actx-tex", ".actx-dtex"):
                fresh = p.evaluate(f"(sel) => MathJax.tex2chtmlPromise(document.querySelector(sel).dataset.tex, "
                                   f"{{display: false}}).then(n => ({WITHOUT_TABLE_WIDTH})(n.querySelector('mjx-math')))",
                                   selector)
                assert p.evaluate(UNWRAPPED, selector) == fresh
                p.wait_for_function(f"(sel) => ({FRESH})(sel).then(want => JSON.stringify(want) === "
                                    f"JSON.stringify(({SHOWN})(sel)))", arg=selector, timeout=5000)
                shown, typeset = p.evaluate(SIZES, selector)
                assert shown == pytest.approx(typeset, abs=0.5)      # px: the same width and height
    finally:
        page.close()


def test_y_axis_follows_the_rule_of_explorer_spec(browser, tmp_path):
    """softplus with ReLU: stepping β up, the tick labels are those of explorer_spec.y_view."""
    page = Page(browser, tmp_path, "softplus", "relu", x_range=(-4, 4))
    try:
        p = page.page
        (beta,) = page.data["controls"]
        spec = actlib.explore(["softplus", "relu"], x_range=(-4, 4)).spec
        x = np.linspace(*page.data["x"], page.data["n"])
        view = tuple(page.data["view"]["f"])
        p.focus("input[type=range]")
        seen = set()
        for k in range(beta["base"] + 1, len(beta["values"])):
            p.keyboard.press("ArrowRight")
            curves = [spec.evaluate(fn, x, {"beta": beta["values"][k]})[0] for fn in range(2)]
            view = S.y_view(*S.data_range(curves, zero=False), view)
            labels = p.eval_on_selector_all(".actx-pf .actx-yticks text", "els => els.map(e => e.textContent)")
            assert labels == S.y_ticks(view)[1], beta["values"][k]
            seen.add(view[:2])
        assert len(seen) >= 1
        p.click("button.actx-reset")
        assert p.eval_on_selector_all(".actx-pf .actx-yticks text", "els => els.map(e => e.textContent)") \
            == S.y_ticks(tuple(page.data["view"]["f"]))[1]
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["zh", "en", "both"])
def test_one_language_at_a_time(browser, tmp_path, lang):
    head = LANGUAGE_CSS + f'<script>document.documentElement.dataset.bookLang = "{lang}";</script>'
    page = Page(browser, tmp_path, "rrelu", "leaky_relu", head=head)
    try:
        p = page.page
        p.keyboard.press("Tab")                                        # something to say in the note:
        p.eval_on_selector("input[type=range]", "el => { el.value = el.max; el.dispatchEvent(new Event('input')); }")
        text = p.inner_text(".actx")
        english = ("derivative", "reset", "function", "saturation", "invalid parameters", "lower bound")
        chinese = ("导数", "重置", "函数", "饱和区", "无效参数", "下界")
        assert "invalid parameters" in p.text_content(".actx-note")
        if lang == "en":
            assert not CJK.search(text), CJK.findall(text)[:10]
            assert all(w in text for w in english) and " · " not in text
        elif lang == "zh":
            assert not any(w in text for w in english), text
            assert all(w in text for w in chinese) and " · " not in text
        else:
            assert all(w in text for w in english + chinese) and "导数 · derivative" in text
        for el in p.query_selector_all(".actx [aria-label]"):          # attributes: both, and each for the toggle
            zh, en = el.get_attribute("data-zh-aria-label"), el.get_attribute("data-en-aria-label")
            assert zh and en and CJK.search(zh) and not CJK.search(en)
            assert el.get_attribute("aria-label") == f"{zh} · {en}"
    finally:
        page.close()


def test_explorer_is_a_labelled_group_and_works_from_the_keyboard(browser, tmp_path):
    page = Page(browser, tmp_path, "leaky_relu", "elu")
    try:
        p = page.page
        root = p.query_selector(".actx")
        assert root.get_attribute("role") == "group"
        assert "Leaky ReLU" in root.get_attribute("data-en-aria-label") and "ELU" in root.get_attribute("data-en-aria-label")
        for svg in p.query_selector_all("svg.actx-panel"):
            assert svg.get_attribute("role") == "img" and svg.get_attribute("aria-label")
        (slider,) = p.query_selector_all("input[type=range]")
        label = p.text_content(f"label[for={slider.get_attribute('id')}]")
        assert actlib.leaky_relu.name_en in label and actlib.elu.name_en in label   # the curves it moves
        start = page.d(F)
        p.keyboard.press("Tab")
        assert p.evaluate("document.activeElement.type") == "range"
        outline = p.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none"                                            # focus is visible
        p.keyboard.press("ArrowRight")
        assert page.d(F) != start
        p.keyboard.press("Tab")
        assert p.evaluate("document.activeElement.classList.contains('actx-deriv')")
        p.keyboard.press("Space")
        assert p.is_hidden(".actx-pdf")
        p.keyboard.press("Tab")
        assert p.evaluate("document.activeElement.classList.contains('actx-reset')")
        p.keyboard.press("Enter")
        assert page.d(F) == start and p.is_visible(".actx-pdf")
    finally:
        page.close()


AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_finds_nothing_serious(browser, tmp_path, theme):
    """axe-core on a page with two copies of one explorer (ids stay unique) and an overlay."""
    assert AXE.is_file(), "axe-core is missing: npm ci"
    style = ("<style>html[data-theme=dark]{--pst-color-background:#121212;--pst-color-text-base:#ced6dd;"
             "--pst-color-border:#48566b} html[data-theme=dark] body{background:#121212;color:#ced6dd}</style>")
    head = style + f'<script>document.documentElement.dataset.theme = "{theme}";</script>'
    ex = actlib.explore(["relu", "leaky_relu", "elu"])
    page = Page(browser, tmp_path, "rrelu", head=head + f'<script src="{AXE.as_uri()}"></script>')
    try:
        p = page.page
        p.evaluate("(html) => document.body.insertAdjacentHTML('beforeend', html)", ex.html + ex.html.replace("actx-", "actx-", 1))
        found = p.evaluate("""() => axe.run(document.querySelector('body'), {resultTypes: ['violations']}).then(r =>
            r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))""")
        assert found == []
        if theme == "dark":   # the dark palette, and text in the theme's colour
            assert p.eval_on_selector(F, "el => getComputedStyle(el).stroke") == "rgb(86, 180, 233)"
            assert p.eval_on_selector(".actx", "el => getComputedStyle(el).color") == "rgb(206, 214, 221)"
    finally:
        page.close()


def test_a_bare_page_is_light_even_on_a_dark_system(browser, tmp_path):
    context = browser.new_context(color_scheme="dark")
    try:
        p = context.new_page()
        path = tmp_path / "bare.html"
        path.write_text(f'<!doctype html><html><head><meta charset="utf-8"></head><body>{actlib.explore("elu").html}'
                        "</body></html>", encoding="utf-8")
        p.goto(path.as_uri())
        assert p.eval_on_selector(F, "el => getComputedStyle(el).stroke") == "rgb(0, 114, 178)"
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_formulas_scroll_and_panels_fit_the_column(browser, tmp_path, width):
    names = ["rrelu", "gelu", "mish", "silu"]
    html = "".join(actlib.explore(n).html for n in names)
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        p = context.new_page()
        path = tmp_path / "narrow.html"
        path.write_text(f'<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" '
                        f'content="width=device-width">{WITH_MATHJAX}</head><body style="margin:0 16px">'
                        f'<main style="max-width:{min(width - 32, 760)}px">{html}</main></body></html>', encoding="utf-8")
        p.goto(path.as_uri())
        p.wait_for_function("document.querySelectorAll('.actx-tex mjx-container').length === 4")
        assert p.evaluate("document.documentElement.scrollWidth") <= width     # no horizontal page overflow
        column = p.evaluate("document.querySelector('main').getBoundingClientRect().right")
        for panel in p.query_selector_all("svg.actx-panel:not([hidden])"):
            assert panel.bounding_box()["x"] + panel.bounding_box()["width"] <= column + 0.5
        cut = p.evaluate("""() => [...document.querySelectorAll('.actx-tex, .actx-dtex')].filter(el => {
            if (el.scrollWidth <= el.clientWidth + 1) return false;          // fits
            el.scrollLeft = 40;
            return getComputedStyle(el).overflowX !== 'auto' || el.scrollLeft === 0;
        }).map(el => el.dataset.tex)""")
        assert cut == []
        unreachable = """() => [...document.querySelectorAll('.actx-tex, .actx-dtex')]
            .filter(el => el.scrollWidth > el.clientWidth + 1 && el.tabIndex < 0).map(el => el.dataset.tex)"""
        try:       # measured in idle time once the reader is still (explorer.js: afterPause)
            p.wait_for_function(f"({unreachable})().length === 0", timeout=5000)
        except PlaywrightTimeout:
            pytest.fail(f"a formula that scrolls cannot be reached from the keyboard: {p.evaluate(unreachable)}")
        if width == 390:   # the RReLU formula is wider than a phone: it scrolls
            assert p.evaluate("(() => { const el = document.querySelector('.actx-tex'); return el.scrollWidth > el.clientWidth; })()")
    finally:
        context.close()
