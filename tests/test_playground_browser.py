"""The training playground in the built book (headless Chromium, no kernel): its page and the chapters'
embeds load their own three scripts and nothing from elsewhere, offer exactly the registry's elementwise
activations, keep their configuration in the address, train when asked, show a unit's output on focus,
and each chapter's preset shows its lesson within 50 epochs."""

import re
import pytest

import actlib

OWN_CODE = ("playground-forms.js", "playground-engine.js", "playground.js", "playground.css")


def _ready(page):
    page.wait_for_selector("[data-playground][data-ready]")
    return page


def _epochs(page, count: int, root: str = "[data-playground]"):
    for _ in range(count):
        page.click(f"{root} .pg-one-epoch")


def test_the_page_offers_every_elementwise_activation_and_loads_only_its_own_code(visit, html_dir):
    v = visit()
    page = _ready(v.open("playground.html"))
    offered = page.eval_on_selector_all('select[data-key="act"] option', "options => options.map(o => o.value)")
    assert offered == [n for n in actlib.names() if isinstance(actlib.get(n), actlib.Activation)]
    scripts = page.eval_on_selector_all("script[src]", "s => s.map(x => x.src.split('/').pop().split('?')[0])")
    assert {"playground-forms.js", "playground-engine.js", "playground.js"} <= set(scripts)
    size = sum((html_dir / "_static" / name).stat().st_size for name in OWN_CODE)
    assert size <= 150_000, f"the playground's own code is {size} bytes"
    assert v.errors == [] and v.outside == []


def test_other_pages_do_not_load_it(visit):
    v = visit()
    page = v.open("chapters/05_softmax.html")
    assert not page.eval_on_selector_all("script[src*=playground]", "s => s.length")


def test_the_address_holds_the_configuration(visit):
    v = visit()
    page = _ready(v.open("playground.html"))
    page.select_option('select[data-key="act"]', "elu")
    page.select_option('select[data-key="data"]', "taiji")
    page.eval_on_selector('input[data-key="alpha"]', "el => { el.value = '0.5'; el.dispatchEvent(new Event('input')); }")
    search = page.evaluate("location.search")
    assert "act=elu" in search and "data=taiji" in search and "alpha=0.5" in search
    again = _ready(v.open("playground.html" + search))
    assert again.input_value('select[data-key="act"]') == "elu"
    assert again.input_value('select[data-key="data"]') == "taiji"
    assert again.input_value('input[data-key="alpha"]') == "0.5"
    assert v.errors == []


def test_train_and_pause(visit):
    v = visit()
    page = _ready(v.open("playground.html"))
    page.click(".pg-play")
    page.wait_for_function("() => +document.querySelector('.pg-epoch').textContent >= 5")
    page.click(".pg-play")
    stopped = page.text_content(".pg-epoch")
    page.wait_for_timeout(300)
    assert page.text_content(".pg-epoch") == stopped and page.get_attribute(".pg-play", "aria-pressed") == "false"
    assert v.errors == []


def test_a_unit_shows_its_output_on_focus(visit):
    v = visit()
    page = _ready(v.open("playground.html"))
    before = page.evaluate("document.querySelector('.pg-boundary').toDataURL()")
    page.focus(".pg-unit")
    assert re.search(r"unit 1 of layer 1", page.inner_text(".pg-showing"))
    assert page.evaluate("document.querySelector('.pg-boundary').toDataURL()") != before
    page.focus(".pg-play")
    assert "probability of class 1" in page.inner_text(".pg-showing")


def _controls(page, root) -> dict:
    """The values the embed's controls show: the configuration its chapter's sentence describes."""
    return page.eval_on_selector_all(f"{root} [data-key]", "els => Object.fromEntries(els.map(e => [e.dataset.key, e.value]))")


def _described(page, root, **want):
    """The embed starts with what its chapter's sentence says (depth, width, activation, optimiser, rate)."""
    shown = _controls(page, root)
    assert {key: shown[key] for key in want} == want


def _grad_norms(page, root):
    return [float(x) for x in page.eval_on_selector_all(f"{root} [data-grad]", "cells => cells.map(c => c.dataset.grad)")]


def test_chapter_1_xor_with_relu_reaches_full_training_accuracy(visit):
    v = visit()
    page = _ready(v.open("chapters/01_nonlinearity.html"))
    root = '[data-preset="xor-relu"]'
    _described(page, root, data="xor", layers="1", units="8", act="relu")
    for _ in range(50):
        if page.text_content(f"{root} .pg-train-acc") == "100.0 %":
            break
        _epochs(page, 1, root)
    assert page.text_content(f"{root} .pg-train-acc") == "100.0 %"
    assert v.errors == [] and v.outside == []


def test_chapter_2_deep_sigmoid_gradient_vanishes_towards_the_input(visit):
    v = visit()
    page = _ready(v.open("chapters/02_sigmoid_tanh.html"))
    root = '[data-preset="sigmoid-depth"]'
    _described(page, root, layers="6", act="sigmoid", init="xavier", opt="sgd")
    ratios = []
    for _ in range(50):
        _epochs(page, 1, root)
        norms = _grad_norms(page, root)
        ratios.append(norms[0] / norms[-1])
    assert len(norms) == 7 and max(ratios) <= 1e-2        # 6 hidden layers and the output; ≥ 100× below
    assert v.errors == []


def test_chapter_3_a_large_learning_rate_kills_relu_units(visit):
    v = visit()
    page = _ready(v.open("chapters/03_relu_family.html"))
    root = '[data-preset="dying-relu"]'
    _described(page, root, layers="3", act="relu", opt="adam", lr="0.3")
    _epochs(page, 50, root)
    assert page.locator(f"{root} .pg-unit.pg-dead").count() > 0
    shares = page.eval_on_selector_all(f"{root} .pg-grad-table tr td:nth-child(3)", "c => c.map(x => x.textContent)")
    assert any(s.endswith("%") and s != "0 %" for s in shares)
    assert v.errors == []


@pytest.mark.parametrize("lang, words", [("zh", "训练"), ("en", "train")])
def test_the_controls_follow_the_language(visit, lang, words):
    v = visit()
    page = _ready(v.open(f"playground.html?lang={lang}"))
    assert words in page.inner_text(".pg-play")
    option = page.eval_on_selector('select[data-key="data"] option[value="xor"]', "o => o.textContent")
    assert option == ("异或" if lang == "zh" else "XOR")
    label = page.get_attribute(".pg-boundary", "aria-label")
    assert (re.search(r"[\u4e00-\u9fff]", label) is not None) == (lang == "zh")


def test_one_activation_per_layer(visit):
    """"One per layer" gives each hidden layer its own select; the address keeps them, a shared parameter
    acts on every layer that has it, and the chart shows the activation of the layer whose unit has focus."""
    v = visit()
    page = _ready(v.open("playground.html?layers=3&act=tanh"))
    page.check(".pg-each")
    assert page.locator(".pg-per select").count() == 3
    page.select_option('.pg-per select[data-layer="1"]', "leaky_relu")
    page.select_option('.pg-per select[data-layer="2"]', "elu")
    search = page.evaluate("location.search")
    assert "per=tanh%2Cleaky_relu%2Celu" in search and "alpha=" in search
    again = _ready(v.open("playground.html" + search))
    assert [again.input_value(f'.pg-per select[data-layer="{l}"]') for l in range(3)] == ["tanh", "leaky_relu", "elu"]
    assert again.locator('.pg-params input[data-key="alpha"]').count() == 1    # one alpha for both
    again.focus('.pg-unit[data-layer="2"]')
    assert again.text_content(".pg-act-name") == "elu (3)"
    _epochs(again, 3)
    assert again.text_content(".pg-epoch") == "3"
    again.uncheck(".pg-each")
    assert again.locator(".pg-per select").count() == 0 and "per=&" in again.evaluate("location.search")
    assert v.errors == []


def test_one_step_is_one_batch(visit):
    """"One step" takes one optimiser step on the next batch: 300 training rows in batches of 32 make 10 steps
    an epoch, so nine steps leave the epoch at 0 and the tenth ends it; "one epoch" then runs a whole one."""
    v = visit()
    page = _ready(v.open("playground.html?n=400&test=0.25&batch=32"))
    loss = page.text_content(".pg-train-loss")
    for _ in range(9):
        page.click(".pg-one-step")
    assert (page.text_content(".pg-steps"), page.text_content(".pg-epoch")) == ("9", "0")
    assert page.text_content(".pg-train-loss") != loss
    page.click(".pg-one-step")
    assert (page.text_content(".pg-steps"), page.text_content(".pg-epoch")) == ("10", "1")
    page.click(".pg-one-epoch")
    assert (page.text_content(".pg-steps"), page.text_content(".pg-epoch")) == ("20", "2")
    assert v.errors == []
