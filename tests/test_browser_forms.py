"""The browser forms in Python: every elementwise activation has one, the script lists exactly them, an
activation without one is refused. Their values are checked in Chromium (test_browser_forms_chromium.py)."""

import json
import re

import pytest

import actlib
from actlib import browser_forms
from actlib.core import _REGISTRY, INF, JS, Activation, Option, Properties

ELEMENTWISE = [n for n in actlib.names() if isinstance(actlib.get(n), actlib.Activation)]
BUDGET = 40_000        # bytes of the whole script, prelude included


def trial(**fields):
    """An Activation called probe_js with ``fields`` (js, options) on top of a valid definition."""
    return Activation(name="probe_js", name_zh="试", name_en="trial", summary_zh="试", summary_en="trial",
                      about_zh="试用。", about_en="A trial.", latex="x", grad_latex="1",
                      value=lambda x, **p: x, derivative=lambda x, **p: 1 + 0 * x,
                      properties=Properties((-INF, INF), True, INF, True, False, False, True),
                      frameworks={"pytorch": "none", "keras": "none", "tensorflow": "none", "jax": "none"}, **fields)


@pytest.mark.parametrize("act_name", ELEMENTWISE)
def test_every_elementwise_activation_has_a_browser_form(act_name):
    act = actlib.get(act_name)
    assert isinstance(act.js, JS)
    assert all(isinstance(body, str) and "return" in body for body in (act.js.f, act.js.df))
    assert set(act.js.options) <= set(act.options)


def test_the_script_lists_exactly_the_elementwise_activations():
    listed = re.findall(r'^"(\w+)": form\(', browser_forms.script(), re.M)
    assert listed == ELEMENTWISE
    assert [act.name for act in browser_forms.elementwise()] == ELEMENTWISE


@pytest.mark.parametrize("act_name", ELEMENTWISE)
def test_the_spec_is_the_registrys(act_name):
    act = actlib.get(act_name)
    about = browser_forms.spec(act)
    assert (about["name"], about["name_zh"], about["name_en"]) == (act.name, act.name_zh, act.name_en)
    assert list(about["params"]) == list(act.params)
    for key, p in act.params.items():
        assert about["params"][key] == {"default": p.default, "low": p.low, "high": p.high, "step": p.step,
                                        "doc_zh": p.doc_zh, "doc_en": p.doc_en}
    assert list(about["options"]) == list(act.js.options)
    for key in act.js.options:
        assert about["options"][key]["default"] == act.options[key].default
        assert about["options"][key]["choices"] == act.options[key].choices
    assert about["args"] == [*act.params, *act.js.options]
    assert json.dumps(about, ensure_ascii=False) in browser_forms.script()


def test_options_the_form_does_not_take_stay_at_their_defaults():
    assert browser_forms.spec(actlib.rrelu)["options"] == {}          # the eval form: training=False
    assert browser_forms.spec(actlib.gelu)["options"]["approximate"]["choices"] == ("none", "tanh")


def test_the_script_is_deterministic_small_and_loads_nothing():
    text = browser_forms.script()
    assert text == browser_forms.script()
    assert len(text.encode("utf-8")) < BUDGET
    for reach in ("http:", "https:", "fetch(", "XMLHttpRequest", "import(", "require(", "<script"):
        assert reach not in text


def test_an_activation_without_a_browser_form_is_refused():
    with pytest.raises(TypeError, match=r"probe_js: js must be the browser form of f and f′.*got NoneType"):
        trial()
    with pytest.raises(TypeError, match=r"probe_js: js must be .*got str"):
        trial(js="return x;")
    with pytest.raises(TypeError, match=r"probe_js: js.f and js.df must be JavaScript function bodies"):
        trial(js=JS(f="x", df="return 1;"))
    with pytest.raises(ValueError, match=r"probe_js: js.options names 'approximate', which is not an option"):
        trial(js=JS(f="return x;", df="return 1;", options=("approximate",)),
              options={"mode": Option("a", ("a", "b"), "模式", "the mode")})
    assert "probe_js" not in actlib.names()


def test_an_activation_with_a_browser_form_is_registered_and_listed():
    act = trial(js=JS(f="return x;", df="return keepNaN(x, 1);"))
    try:
        assert re.search(r'^"probe_js": form\(', browser_forms.script(), re.M)
    finally:
        del _REGISTRY[act.name]
