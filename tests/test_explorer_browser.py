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

import actlib
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


def same_path(got: str, want: str, tolerance: float = 0.11) -> bool:
    """Two SVG paths with the same commands and coordinates within ``tolerance`` px."""
    if re.sub(r"[-\d.]+", "#", got) != re.sub(r"[-\d.]+", "#", want):
        return False
    a = np.array(re.findall(r"-?\d+(?:\.\d+)?", got), float)
    b = np.array(re.findall(r"-?\d+(?:\.\d+)?", want), float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= tolerance


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
        p.wait_for_function("(b) => document.querySelector('.actx-tex').innerHTML !== b "
                            "&& document.querySelector('.actx-tex mjx-container')", arg=before)
        assert "0.45" in p.get_attribute(".actx-tex", "data-tex")
        assert not p.query_selector(".actx-raw")
    finally:
        page.close()
