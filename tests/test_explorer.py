"""actlib.explore: the live widget (matplotlib Agg → ipywidgets.Image) and the static HTML.

`ew` runs over every elementwise activation (conftest.py): the spec's list and whatever actlib
registers, so a missing activation fails here as it does everywhere else.
"""

import ast
import base64
import gc
import hashlib
import itertools
import json
import os
import re
import subprocess
import sys
import warnings
import weakref
from fractions import Fraction
from pathlib import Path
from unittest import mock

import numpy as np
import pytest
from IPython.core.inputtransformer2 import TransformerManager

import actlib
import actlib.explorer
from actlib import explorer_spec as S
from actlib import explorer_static as ST

ROOT = Path(__file__).resolve().parents[1]
BUDGET = 200_000


def data_of(page: str) -> dict:
    """The JSON payload embedded in a static explorer."""
    found = re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def some_value(param: actlib.Param) -> float:
    """A valid, non-default slider value of ``param``."""
    for share in (0.3, 0.7, 0.55, 0.9):
        value = param.low + share * (param.high - param.low)
        if value in param.valid and value != param.default:
            return value
    raise AssertionError("no test value")


def expected(act, x, **kw):
    return np.asarray(act(x, **kw), dtype=float), np.asarray(act.grad(x, **kw), dtype=float)


# --------------------------------------------------------------------------- live widget
def test_slider_move_sets_exact_values_binary_step():
    ex = actlib.explore("binary_step")
    line_f, line_df = ex.lines["binary_step"]
    x = np.linspace(-5, 5, S.LIVE_POINTS)
    for value in (-1.3, 0.4, 2.0, 0.0):
        ex.sliders["threshold"].value = value
        f, df = expected(actlib.binary_step, x, threshold=value)
        assert np.array_equal(line_f.get_xdata(), x)
        assert np.array_equal(line_f.get_ydata(), f)
        assert np.array_equal(line_df.get_ydata(), df)


def test_slider_move_sets_exact_values(ew):
    act = actlib.get(ew)
    ex = actlib.explore(ew)
    x = np.linspace(-5, 5, S.LIVE_POINTS)
    line_f, line_df = ex.lines[ew]
    f, df = expected(act, x)
    assert np.array_equal(line_f.get_ydata(), f) and np.array_equal(line_df.get_ydata(), df)
    for name, param in act.params.items():
        value = some_value(param)
        ex.sliders[name].value = value
        kw = {k: w.value for k, w in ex.controls.items()}
        assert kw[name] == value
        try:
            f, df = expected(act, x, **kw)
        except ValueError:                    # e.g. rrelu lower > upper: the curve is hidden
            assert not line_f.get_visible() and "invalid" in ex.notes.value
        else:
            assert line_f.get_visible()
            assert np.array_equal(line_f.get_ydata(), f) and np.array_equal(line_df.get_ydata(), df)
        ex.reset()
    for name, option in act.options.items():
        if name in ex.controls:
            for choice in option.choices:
                ex.controls[name].value = choice
                f, df = expected(act, x, **{name: choice})
                assert np.array_equal(line_f.get_ydata(), f) and np.array_equal(line_df.get_ydata(), df)


def test_x_range_control_moves_the_grid():
    ex = actlib.explore("sigmoid")
    ex.x_range.value = (-2.0, 8.0)
    line_f, _ = ex.lines["sigmoid"]
    x = np.linspace(-2, 8, S.LIVE_POINTS)
    assert np.array_equal(line_f.get_xdata(), x)
    assert np.array_equal(line_f.get_ydata(), actlib.sigmoid(x))
    assert ex.ax_f.get_xlim() == (-2.0, 8.0)


def test_derivative_switch_hides_and_shows_the_panel():
    ex = actlib.explore("tanh")
    width_on = ex.figure.get_size_inches()[0]
    assert ex.ax_df.get_visible() and ex.lines["tanh"][1].get_visible()
    ex.derivative.value = False
    assert not ex.ax_df.get_visible()
    assert ex.figure.get_size_inches()[0] < width_on
    assert r"\tanh'" not in ex.formula.value
    ex.derivative.value = True
    assert ex.ax_df.get_visible()
    assert ex.figure.get_size_inches()[0] == width_on
    assert r"\tanh'" in ex.formula.value
    assert not actlib.explore("tanh", derivative=False).ax_df.get_visible()


def test_reset_restores_the_start():
    ex = actlib.explore("binary_step", x_range=(-3, 3))
    start = [line.get_ydata().copy() for line in ex.lines["binary_step"]]
    png = bytes(ex.image.value)
    ex.sliders["threshold"].value = 1.7
    ex.x_range.value = (-1.0, 4.0)
    ex.derivative.value = False
    ex.reset_button.click()
    assert ex.sliders["threshold"].value == 0.0
    assert ex.x_range.value == (-3.0, 3.0) and ex.derivative.value is True
    assert all(np.array_equal(line.get_ydata(), s) for line, s in zip(ex.lines["binary_step"], start))
    assert bytes(ex.image.value) == png
    # Reset returns to the values given to explore(), else the registry defaults.
    ex = actlib.explore("binary_step", threshold=1.0)
    ex.sliders["threshold"].value = -2.0
    ex.reset()
    assert ex.sliders["threshold"].value == 1.0


def test_overlay_and_a_slider_acts_only_on_functions_that_take_it():
    ex = actlib.explore(["sigmoid", "tanh", "binary_step"])
    assert set(ex.lines) == {"sigmoid", "tanh", "binary_step"}
    assert list(ex.sliders) == ["threshold"]
    before = ex.lines["sigmoid"][0].get_ydata().copy()
    ex.sliders["threshold"].value = 1.5
    x = np.linspace(-5, 5, S.LIVE_POINTS)
    assert np.array_equal(ex.lines["sigmoid"][0].get_ydata(), before)
    assert np.array_equal(ex.lines["binary_step"][0].get_ydata(), actlib.binary_step(x, threshold=1.5))
    colours = {ex.lines[n][0].get_color() for n in ex.lines}
    assert len(colours) == 3
    assert len(ex.figure.legends[0].get_texts()) == 4         # three functions and the saturation key


def test_a_shared_parameter_moves_every_function_that_has_it():
    ex = actlib.explore(["leaky_relu", "elu"])
    assert list(ex.sliders) == ["alpha"]
    slider = ex.sliders["alpha"]
    assert slider.min == 0.0 and slider.max == 2.0     # the common part of [−2, 2] and [0, 3]
    assert slider.value == actlib.leaky_relu.params["alpha"].default    # the first function's default
    slider.value = 0.5
    x = np.linspace(-5, 5, S.LIVE_POINTS)
    assert np.array_equal(ex.lines["leaky_relu"][0].get_ydata(), actlib.leaky_relu(x, alpha=0.5))
    assert np.array_equal(ex.lines["elu"][0].get_ydata(), actlib.elu(x, alpha=0.5))


def test_a_slider_of_an_overlay_names_the_functions_it_moves():
    ex = actlib.explore(["leaky_relu", "elu", "sigmoid"])
    (row,) = [r for r in ex.widget.children if getattr(r, "children", None) and ex.sliders["alpha"] in r.children]
    text = row.children[1].value
    for name in ("leaky_relu", "elu"):
        assert actlib.get(name).name_en in text and actlib.get(name).name_zh in text
    assert actlib.sigmoid.name_en not in text
    label = re.search(r'<label for="[^"]+-c0">(.*?)</label>', ex.html).group(1)
    zh = f"{actlib.leaky_relu.name_zh}、{actlib.elu.name_zh}"
    en = f"{actlib.leaky_relu.name_en}, {actlib.elu.name_en}"
    assert f'<span lang="zh">{zh}</span><span lang="en"><span class="actx-sep"> · </span>{en}</span>' in label
    assert "moves" not in actlib.explore("elu").html and 'class="actx-moves"' not in actlib.explore("elu").html


def test_a_shared_slider_keeps_every_function_in_its_own_range():
    ex = actlib.explore(["silu", "softplus"])      # beta: silu [0, 5], softplus [0.1, 10] and beta > 0
    assert (ex.sliders["beta"].min, ex.sliders["beta"].max) == (0.1, 5.0)
    data = data_of(ex.html)
    assert all(fn["errors"] == [] and min(fn["map"]) >= 0 for fn in data["fns"])


def test_an_invalid_combination_hides_the_curve_and_says_why():
    ex = actlib.explore(["rrelu", "sigmoid"])
    ex.sliders["lower"].value = 0.45                  # above upper = 1/3
    assert not ex.lines["rrelu"][0].get_visible() and ex.lines["sigmoid"][0].get_visible()
    assert "rrelu" in ex.notes.value and "invalid" in ex.notes.value
    ex.sliders["lower"].value = 0.2
    assert ex.lines["rrelu"][0].get_visible() and ex.notes.value == ""


def test_saturation_regions_follow_the_derivative():
    """σ′ = σ(1 − σ) < s exactly where |x| > logit((1 + √(1 − 4s))/2): both tails, nothing between."""
    ex = actlib.explore("sigmoid")
    x = np.linspace(-5, 5, S.LIVE_POINTS)
    p = (1 + np.sqrt(1 - 4 * actlib.SATURATION)) / 2
    mask = np.abs(x) > np.log(p / (1 - p))
    for coll in (ex.ax_f.collections[0], ex.ax_df.collections[0]):   # the shading of f and of f′
        spans = [(p.vertices[:, 0].min(), p.vertices[:, 0].max()) for p in coll.get_paths()]
        assert len(spans) == 2                              # both tails
        inside = np.zeros_like(mask)
        for lo, hi in spans:
            inside |= (x > lo) & (x < hi)
        assert np.array_equal(inside, mask)


def test_one_figure_no_pyplot_figures_and_no_new_figure_per_move():
    import matplotlib.figure
    import matplotlib.pyplot as plt

    plt.close("all")
    ex = actlib.explore(["binary_step", "sigmoid"])
    figure, lines = ex.figure, dict(ex.lines)
    real_init = matplotlib.figure.Figure.__init__
    with mock.patch.object(matplotlib.figure.Figure, "__init__", autospec=True, side_effect=real_init) as made:
        for value in np.linspace(-3, 3, 13):
            ex.sliders["threshold"].value = float(value)
        ex.derivative.value = False
        ex.x_range.value = (-2.0, 2.0)
        ex.reset()
    assert made.call_count == 0
    assert ex.figure is figure and ex.lines == lines
    assert plt.get_fignums() == []


def test_no_output_widget_and_the_image_is_a_png():
    import ipywidgets

    ex = actlib.explore("sigmoid")
    stack, seen = [ex.widget], []
    while stack:
        w = stack.pop()
        seen.append(w)
        stack.extend(getattr(w, "children", ()))
    assert not any(isinstance(w, ipywidgets.Output) for w in seen)
    assert ex.image in seen and ex.image.format == "png"
    assert bytes(ex.image.value).startswith(b"\x89PNG\r\n\x1a\n")


def test_mime_bundle():
    ex = actlib.explore("binary_step")
    data, metadata = ex._repr_mimebundle_()
    assert set(data) == {"text/plain", "text/html", "image/png", "application/vnd.jupyter.widget-view+json"}
    assert data["application/vnd.jupyter.widget-view+json"]["model_id"] == ex.widget.model_id
    assert data["text/plain"] == "<actlib explorer: binary_step; threshold=0; x in [-5, 5]>"
    assert base64.b64decode(data["image/png"]) == ex.png
    assert metadata["image/png"]["width"] > 0
    # The PNG and HTML show the start, whatever the live controls show later.
    ex.sliders["threshold"].value = 2.0
    assert ex._repr_mimebundle_()[0]["text/html"] == data["text/html"]
    assert ex._repr_mimebundle_()[0]["image/png"] == data["image/png"]


def test_import_actlib_stays_light():
    code = ("import sys, actlib; heavy = [m for m in ('matplotlib', 'ipywidgets', 'actlib.explorer', "
            "'actlib.explorer_static') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------- static HTML
def test_static_data_equals_actlib_at_every_grid_point(ew):
    """Every stored curve decodes to actlib's values within half a quantum of the 12-bit code.

    Precision: |decoded − actlib| ≤ (max − min)/4095/2 (+ float rounding), with [min, max] the
    range of that function's f (or f′) over its static states — below 0.03 px on the panels.
    """
    act = actlib.get(ew)
    data = data_of(actlib.explore(ew).html)
    (fn,) = data["fns"]
    n = data["n"]
    x = np.linspace(*data["x"], n)
    controls = [data["controls"][c] for c in fn["controls"]]
    for control in controls:
        if control["kind"] == "param":
            param = act.params[control["name"]]
            assert len(control["values"]) >= (41 if len(controls) == 1 else 21)
            assert param.default in control["values"] and control["values"][control["base"]] == param.default
            assert control["values"][0] == param.low and control["values"][-1] == param.high
    # The states, rebuilt here: every combination of grid positions, the last control fastest.
    grids = [c["values"] if c["kind"] == "param" else c["labels"] for c in controls]
    states = [{c["name"]: v for c, v in zip(controls, combo)} for combo in itertools.product(*grids)]
    assert len(fn["map"]) == len(states)
    count = fn["curves"]
    fq, dq = ST.decode12(fn["fq"]).reshape(count, n), ST.decode12(fn["dq"]).reshape(count, n)
    masks = np.unpackbits(np.frombuffer(base64.b64decode(fn["sat"]), np.uint8).reshape(count, -1), axis=1)
    for kw, k in zip(states, fn["map"]):
        try:
            f, df = expected(act, x, **kw)
        except ValueError as error:
            assert k < 0
            # The stored message is actlib's with a {name} hole wherever a value was written (in full or short).
            pattern = re.escape(fn["errors"][-1 - k]["en"])
            for c, v in kw.items():
                written = f"(?:{re.escape(repr(float(v)))}|{re.escape(f'{v:g}')})"
                pattern = pattern.replace(re.escape(f"{{{c}}}"), written)
            assert re.fullmatch(pattern, str(error).removeprefix(f"{ew}: ")), (pattern, str(error))
            continue
        assert k >= 0
        for q, (lo, hi), exact in ((fq[k], fn["f"], f), (dq[k], fn["df"], df)):
            quantum = (hi - lo) / 4095
            decoded = lo + q * quantum
            assert np.all(np.abs(decoded - exact) <= quantum / 2 * (1 + 1e-9) + 1e-12 * max(1, abs(lo), abs(hi)))
        assert np.array_equal(masks[k, :n].astype(bool), actlib.saturated(act, x, **kw))


def test_static_size_budget(ew):
    page = actlib.explore(ew).html
    assert len(page.encode()) <= BUDGET


def test_static_size_budget_of_overlays():
    elementwise = [n for n in actlib.names() if isinstance(actlib.get(n), actlib.Activation)]
    with_params = [n for n in elementwise if actlib.get(n).params]
    for group in (elementwise[:S.MAX_FUNCTIONS], with_params[:S.MAX_FUNCTIONS], ["sigmoid", "tanh", "binary_step"]):
        assert len(actlib.explore(group).html.encode()) <= BUDGET, group


def test_static_html_is_deterministic():
    ST.reset_ids()
    first = actlib.explore(["sigmoid", "binary_step"], threshold=0.5).html
    ST.reset_ids()
    second = actlib.explore(["sigmoid", "binary_step"], threshold=0.5).html
    assert first == second
    # The same call again in one process gets a distinct id (two on one page), nothing else differs.
    third = actlib.explore(["sigmoid", "binary_step"], threshold=0.5).html
    root = re.search(r'id="(actx-[0-9a-f]+)"', first).group(1)
    assert third != first and third.replace(root + "-2", root) == first
    # And across fresh processes.
    code = ("import hashlib, actlib; print(hashlib.sha256(actlib.explore(['sigmoid', 'binary_step'], "
            "threshold=0.5).html.encode()).hexdigest())")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                           check=True).stdout.strip() for _ in range(2)}
    assert runs == {hashlib.sha256(first.encode()).hexdigest()}


def test_static_html_is_self_contained_and_labelled():
    page = actlib.explore(["sigmoid", "binary_step"]).html
    assert "http" not in page and " src=" not in page and "import(" not in page
    assert "@import" not in page and "url(" not in page
    ids = re.findall(r'<(?:input|select)[^>]* id="([^"]+)"', page)
    assert len(ids) == 2                                     # threshold slider, derivative switch
    for control_id in ids:
        assert f'<label for="{control_id}">' in page
    assert '<input type="range"' in page and '<input type="checkbox"' in page
    for text in ("导数", "derivative", "重置", "reset", "饱和区", "saturation", "函数", "function"):
        assert text in page
    assert page.count("<svg class=\"actx-panel") == 2          # the no-script default drawing
    assert page.count('<path class="actx-curve actx-k') == 4  # two functions × two panels


def test_static_default_drawing_matches_the_start():
    ex = actlib.explore("binary_step", threshold=0.5)
    page, data = ex.html, data_of(ex.html)
    x = np.linspace(*data["x"], data["n"])
    frame = ST._Frame(tuple(data["x"]), S.axis_limits(data["view"]["f"], 1), data["n"])
    assert frame.curve(actlib.binary_step(x, threshold=0.5)) in page
    assert r"x \ge 0.5" in page                           # the formula at the starting value


def test_every_pair_of_a_two_parameter_function_is_stored():
    """rrelu: every (lower, upper) pair of the grids; invalid exactly where lower > upper."""
    ex = actlib.explore("rrelu")
    data = data_of(ex.html)
    (fn,) = data["fns"]
    lower, upper = (data["controls"][c] for c in fn["controls"])
    assert len(lower["values"]) >= 21 and len(upper["values"]) >= 21
    assert len(fn["map"]) == len(lower["values"]) * len(upper["values"])
    pairs = [(lo, up) for lo in lower["values"] for up in upper["values"]]
    assert [k < 0 for k in fn["map"]] == [lo > up for lo, up in pairs]
    # The eval-mode curve depends on (lower + upper)/2 alone: equal means share one stored curve.
    means = {round((lo + up) / 2, 12) for lo, up in pairs if lo <= up}
    assert len(means) <= fn["curves"] <= 1.1 * len(means) < len(pairs) / 2   # (a last-bit tie may split one)
    (error,) = fn["errors"]
    assert error["en"] == "lower ({lower}) must not exceed upper ({upper})"
    assert "不能大于" in error["zh"] and "{lower}" in error["zh"] and "{upper}" in error["zh"]
    assert "one parameter moves at a time" not in ex.html


# --------------------------------------------------------------------------- errors
def test_errors():
    with pytest.raises(ValueError, match=r"actlib\.names\(\)"):
        actlib.explore("sigmoyd")
    with pytest.raises(ValueError, match="did you mean 'sigmoid'"):
        actlib.explore("sigmoyd")
    with pytest.raises(TypeError, match="no shown function takes the keyword 'alpha'"):
        actlib.explore(["sigmoid", "binary_step"], alpha=0.1)
    with pytest.raises(TypeError, match="activation name"):
        actlib.explore(3)
    with pytest.raises(TypeError, match="named by a str"):
        actlib.explore(["tanh", 3])
    with pytest.raises(ValueError, match="at least one"):
        actlib.explore([])
    with pytest.raises(ValueError, match="twice"):
        actlib.explore(["tanh", "tanh"])
    with pytest.raises(ValueError, match="x_range"):
        actlib.explore("tanh", x_range=(2, 1))
    with pytest.raises(TypeError, match="x_range"):
        actlib.explore("tanh", x_range=5)
    with pytest.raises(TypeError, match="derivative"):
        actlib.explore("tanh", derivative="yes")
    with pytest.raises(TypeError, match="threshold"):
        actlib.explore("binary_step", threshold="high")
    with pytest.raises(TypeError, match="single number"):
        actlib.explore("binary_step", threshold=[0.0, 1.0])


def test_invalid_parameter_value_names_the_range():
    with pytest.raises(ValueError, match=r"softplus.*beta"):
        actlib.explore("softplus", beta=0.0)


def test_vector_valued_activation_is_refused(vec):
    with pytest.raises(TypeError, match="elementwise"):
        actlib.explore(vec)


# --------------------------------------------------------------------------- every argument, checked first
REFUSED = [   # (names, keywords, error, words the message holds besides "explore:")
    (3, {}, TypeError, ["name", "int"]),
    ({"relu"}, {}, TypeError, ["name", "set"]),
    (np.array(["relu"]), {}, TypeError, ["name", "ndarray"]),
    (["relu", None], {}, TypeError, ["named by a str", "NoneType"]),
    ("", {}, ValueError, ["no activation named ''"]),
    (["relu", "rleu"], {}, ValueError, ["'rleu'", "did you mean 'relu'"]),
    ([], {}, ValueError, ["at least one"]),
    (("silu", "swish"), {}, ValueError, ["'silu' appears twice in the names", "'silu' and 'swish'"]),
    ([n for n in actlib.names() if isinstance(actlib.get(n), actlib.Activation)][:9], {}, ValueError,
     ["at most 8 names", "got 9"]),
    ("softmax", {}, TypeError, ["softmax is vector-valued"]),
    ("relu", {"x_range": 5}, TypeError, ["x_range", "pair of real numbers"]),
    ("relu", {"x_range": (0, 1, 2)}, TypeError, ["x_range", "pair"]),
    ("relu", {"x_range": ("0", "1")}, TypeError, ["x_range", "real numbers"]),
    ("relu", {"x_range": (False, True)}, TypeError, ["x_range", "real numbers"]),
    ("relu", {"x_range": (1j, 2)}, TypeError, ["x_range", "real numbers"]),
    ("relu", {"x_range": np.zeros((2, 1))}, TypeError, ["x_range", "pair"]),
    ("relu", {"x_range": (2, 1)}, ValueError, ["x_range", "low < high"]),
    ("relu", {"x_range": (1, 1)}, ValueError, ["x_range", "low < high"]),
    ("relu", {"x_range": (np.nan, 1)}, ValueError, ["x_range", "finite"]),
    ("relu", {"x_range": (-np.inf, 1)}, ValueError, ["x_range", "finite"]),
    ("relu", {"x_range": (-10**400, 1)}, ValueError, ["x_range", "[−1e+06, 1e+06]"]),
    ("relu", {"x_range": (0, 2e6)}, ValueError, ["x_range", "[−1e+06, 1e+06]"]),
    ("relu", {"x_range": (1e5, 1e5 + 0.01)}, ValueError, ["x_range", "at least 0.1 wide"]),
    ("relu", {"derivative": 1}, TypeError, ["derivative", "True or False"]),
    ("relu", {"derivative": "yes"}, TypeError, ["derivative"]),
    ("relu", {"derivative": None}, TypeError, ["derivative"]),
    ("relu", {"alpha": 0.1}, TypeError, ["keyword 'alpha'", "relu takes no parameters"]),
    ("leaky_relu", {"alpha": np.nan}, ValueError, ["leaky_relu", "alpha", "(−∞, ∞)"]),
    ("softplus", {"beta": 0.0}, ValueError, ["softplus", "beta", "(0, ∞)"]),
    ("leaky_relu", {"alpha": 3.0}, ValueError, ["alpha must lie on its slider, [-2, 2] for leaky_relu"]),
    ("leaky_relu", {"alpha": [0.1, 0.2]}, TypeError, ["alpha", "single number"]),
    ("leaky_relu", {"alpha": np.array([0.1])}, TypeError, ["alpha", "single number"]),
    ("leaky_relu", {"alpha": True}, TypeError, ["leaky_relu", "alpha", "bool"]),
    ("leaky_relu", {"alpha": "0.2"}, TypeError, ["leaky_relu", "alpha", "str"]),
    ("leaky_relu", {"alpha": None}, TypeError, ["leaky_relu", "alpha", "None"]),
    ("leaky_relu", {"alpha": 0.5j}, TypeError, ["leaky_relu", "alpha", "complex"]),
    (["leaky_relu", "elu"], {"alpha": -0.5}, ValueError, ["elu", "alpha", "[0, ∞)"]),
    (["leaky_relu", "elu"], {"alpha": 2.5}, ValueError,
     ["alpha must lie on its slider, [0, 2], made of the ranges of leaky_relu [-2, 2] and elu [0, 3]"]),
    ("gelu", {"approximate": "exact"}, ValueError, ["gelu", "approximate", "'none' | 'tanh'"]),
    ("gelu", {"approximate": np.array(["tanh"])}, TypeError, ["approximate", "ndarray"]),
    ("rrelu", {"rng": np.random.default_rng(0)}, TypeError, ["rng", "fixed curves", "Generator"]),
    ("rrelu", {"training": True}, ValueError, ["rrelu", "training"]),
    ("rrelu", {"lower": 0.45}, ValueError, ["rrelu", "lower", "upper"]),
    ("general_relu", {"max_value": -1.0}, ValueError, ["general_relu", "max_value"]),
]


@pytest.mark.parametrize(("names", "kw", "error", "words"), REFUSED,
                         ids=[f"{n!r:.24}-{sorted(k)}-{i}" for i, (n, k, _, _) in enumerate(REFUSED)])
def test_a_bad_argument_is_refused_before_anything_is_drawn(names, kw, error, words):
    import matplotlib.figure

    with mock.patch.object(matplotlib.figure.Figure, "__init__", side_effect=AssertionError("drawn")), \
            mock.patch.object(ST, "render", side_effect=AssertionError("rendered")):
        with pytest.raises(error) as raised:
            actlib.explore(names, **kw)
    message = str(raised.value)
    assert message.startswith("explore: ")
    assert all(w in message for w in words), message


@pytest.mark.parametrize(("names", "kw"), [
    (("relu", "tanh"), {}),
    ("leaky_relu", {"alpha": np.float32(0.5), "x_range": np.array([-2.0, 3.0])}),
    ("leaky_relu", {"alpha": np.array(-2.0), "x_range": [np.int64(-1), 4]}),
    ("elu", {"x_range": (Fraction(-1, 3), 1), "derivative": np.False_}),
    ("general_relu", {"max_value": 6, "threshold": 3.0}),
    ("gelu", {"approximate": "tanh"}),
], ids=["tuple", "float32-array", "0d-int64", "fraction-npbool", "hidden-option", "choice"])
def test_numpy_scalars_arrays_and_tuples_are_taken(names, kw):
    ex = actlib.explore(names, **kw)
    lo, hi = (float(v) for v in kw.get("x_range", (-5, 5)))
    assert ex.spec.x_range == (lo, hi) and ex.x_range.value == (lo, hi)
    for key, value in kw.items():
        if key in ex.controls:
            assert ex.controls[key].value == (value if isinstance(value, str) else float(value))


# --------------------------------------------------------------------------- what can be drawn
GRID = np.linspace(-5, 800, S.LIVE_POINTS)
EXP_1E300 = GRID[GRID > 300 * np.log(10)][0]      # the first live point where exp(x) > 1e300
@pytest.mark.parametrize(("which", "kw", "words"), [
    ("softplus", {"beta": 5e-324}, ["beta must lie on its slider, [0.1, 10] for softplus", "(0, ∞)"]),
    ("leaky_relu", {"alpha": -1e308}, ["alpha must lie on its slider, [-2, 2] for leaky_relu"]),
    ("relu", {"x_range": (-1e308, 1e308)}, ["x_range must lie within [−1e+06, 1e+06]"]),
    ("relu", {"x_range": (0, 1e-320)}, ["x_range must be at least 1e-06 wide"]),
    ("exponential", {"x_range": (-5, 800)}, ["x_range: exponential cannot be drawn", "1e+300",
                                             f"x = {EXP_1E300:.4g}"]),
], ids=["softplus-tiny-beta", "leaky-huge-alpha", "x-range-1e308", "x-range-subnormal", "exponential-overflow"])
def test_what_cannot_be_drawn_is_refused_up_front(which, kw, words):
    """These once made an explorer whose display raised OverflowError or 'math domain error'."""
    with pytest.raises(ValueError) as raised:
        actlib.explore(which, **kw)
    assert all(w in str(raised.value) for w in words), str(raised.value)


@pytest.mark.parametrize(("which", "kw"), [
    ("relu", {"x_range": (-1e6, 1e6)}), ("relu", {"x_range": (0, 1e-6)}), ("sigmoid", {"x_range": (1e6 - 1, 1e6)}),
    ("exponential", {"x_range": (-5, 690)}), ("softplus", {"beta": 0.1, "x_range": (-1e6, 1e6)}),
    ("softplus", {"beta": 10.0, "x_range": (-1e6, 1e6)}), ("leaky_relu", {"alpha": -2.0}), ("leaky_relu", {"alpha": 2.0}),
], ids=lambda v: v if isinstance(v, str) else "-".join(f"{k}={v[k]}" for k in v))
def test_the_edges_of_what_is_allowed_are_drawn(which, kw):
    """At the ends of the allowed spans: the mimebundle renders with no warning, the live lines are
    actlib's values, the stored limits are finite, and the default drawing frames the start."""
    act = actlib.get(which)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ex = actlib.explore(which, **kw)
        bundle, _ = ex._repr_mimebundle_()
    params = {k: v for k, v in kw.items() if k != "x_range"}
    x = np.linspace(*ex.spec.x_range, S.LIVE_POINTS)
    line_f, line_df = ex.lines[which]
    assert np.array_equal(line_f.get_ydata(), act(x, **params))
    assert np.array_equal(line_df.get_ydata(), act.grad(x, **params))
    data = data_of(bundle["text/html"])
    (fn,) = data["fns"]
    assert all(np.isfinite(fn["f"] + fn["df"])) and fn["f"][0] <= fn["f"][1]
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG\r\n\x1a\n")


# --------------------------------------------------------------------------- memory
def test_the_figure_is_released_once_the_image_is_rendered():
    """An explorer that is only displayed keeps no figure: the Figure and canvas made for its PNG die
    when explore() returns (no collection needed); a slider move makes them again and redraws."""
    import matplotlib.figure
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    made = []

    def recorded(cls):
        real = cls.__init__

        def record(self, *args, **kwargs):
            real(self, *args, **kwargs)
            made.append(weakref.ref(self))
        return mock.patch.object(cls, "__init__", record)

    with recorded(matplotlib.figure.Figure), recorded(FigureCanvasAgg):
        ex = actlib.explore(["elu", "sigmoid"])
        ex._repr_mimebundle_()
    assert len(made) == 2 and [ref() for ref in made] == [None, None]     # one figure, one canvas: both gone
    assert plt.get_fignums() == []

    png = ex.png
    ex.sliders["alpha"].value = 0.4
    x = np.linspace(-5, 5, S.LIVE_POINTS)
    assert bytes(ex.image.value) != png
    assert np.array_equal(ex.lines["elu"][0].get_ydata(), actlib.elu(x, alpha=0.4))
    ex.reset()
    assert bytes(ex.image.value) == png


def test_displayed_explorers_hold_no_figures():
    import matplotlib.figure

    def figures() -> int:
        gc.collect()
        return sum(isinstance(o, matplotlib.figure.Figure) for o in gc.get_objects())

    before = figures()
    kept = [actlib.explore(n) for n in ("elu", "rrelu", "gelu")]
    for ex in kept:
        ex._repr_mimebundle_()
    assert figures() == before
    kept[0].update()                            # a redraw makes one again, and keeps it
    assert figures() == before + 1
    kept[0].close()
    assert figures() == before


# --------------------------------------------------------------------------- the Explorer's methods
def test_a_closed_explorer_keeps_its_static_views_and_refuses_to_draw():
    ex = actlib.explore("elu")
    page = ex.html
    ex.sliders["alpha"].value = 0.5
    ex.close()
    ex.close()                                  # twice: nothing more happens
    assert ex.values == {"alpha": 0.5}
    data, metadata = ex._repr_mimebundle_()
    assert set(data) == {"text/plain", "text/html", "image/png"}      # no widget view: it is closed
    assert data["text/html"] == page and base64.b64decode(data["image/png"]) == ex.png
    assert metadata["image/png"]["width"] > 0
    for method in ("update", "reset", "draw", "render_png"):
        with pytest.raises(ValueError, match=rf"^Explorer\.{method}: this explorer is closed"):
            getattr(ex, method)()
    with pytest.raises(ValueError, match=r"^Explorer\.figure: this explorer is closed"):
        ex.figure
    ex.sliders["alpha"].value = 1.0               # a closed widget's change redraws nothing
    assert ex._repr_mimebundle_()[0]["image/png"] == data["image/png"]


def test_every_method_works_twice_and_in_any_order_while_open():
    ex = actlib.explore(["leaky_relu", "gelu"], x_range=(-2, 2))
    for _ in range(2):
        ex.update()
        ex.draw()
        png = ex.render_png()
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and bytes(ex.image.value) == png
        ex.reset()
        assert ex.values == {"alpha": 0.01, "approximate": "none"}
        assert ex.html == ex.html and ex._repr_mimebundle_() == ex._repr_mimebundle_()


def test_both_ends_of_the_x_range_together_keep_the_last_range():
    """An empty x range draws no new curves, but the other controls still act."""
    ex = actlib.explore("elu", x_range=(-2, 2))
    ex.x_range.value = (1.0, 1.0)
    ex.derivative.value = False
    assert not ex.ax_df.get_visible() and ex.ax_f.get_xlim() == (-2.0, 2.0)
    ex.sliders["alpha"].value = 0.5
    x = np.linspace(-2, 2, S.LIVE_POINTS)
    assert np.array_equal(ex.lines["elu"][0].get_ydata(), actlib.elu(x, alpha=0.5))


def test_mime_bundle_include_and_exclude():
    ex = actlib.explore("elu")
    data, metadata = ex._repr_mimebundle_(include={"text/plain", "image/png"})
    assert set(data) == {"text/plain", "image/png"} and metadata["image/png"]["width"] > 0
    data, metadata = ex._repr_mimebundle_(exclude=["image/png", "application/vnd.jupyter.widget-view+json"])
    assert set(data) == {"text/plain", "text/html"} and metadata == {}
    for bad in ("text/plain", 3, [1]):
        with pytest.raises(TypeError, match=r"^Explorer\._repr_mimebundle_: include must be None or"):
            ex._repr_mimebundle_(include=bad)
    with pytest.raises(TypeError, match=r"^Explorer\._repr_mimebundle_: exclude"):
        ex._repr_mimebundle_(exclude=b"image/png")


def test_an_explorer_is_made_from_a_spec_only():
    with pytest.raises(TypeError, match=r"^Explorer: spec must be an explorer_spec\.Spec"):
        actlib.explorer.Explorer("elu")


# --------------------------------------------------------------------------- nbval
def test_an_explore_cell_passes_nbval_strict(tmp_path):
    """Executed with nbconvert, then `pytest --nbval` (strict: no sanitize, no ignore tags)."""
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import actlib"),
                nbformat.v4.new_code_cell('actlib.explore("binary_step")'),
                nbformat.v4.new_code_cell('actlib.explore(["sigmoid", "tanh", "binary_step"], derivative=False)')]
    path = tmp_path / "explore.ipynb"
    nbformat.write(nb, path)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", "--inplace", str(path)]
    subprocess.run(run, cwd=tmp_path, env=env, check=True, capture_output=True)
    stored = nbformat.read(path, as_version=4)
    for cell in stored.cells[1:]:
        (out,) = cell.outputs
        assert {"text/html", "text/plain", "image/png"} <= set(out.data)
    result = subprocess.run([sys.executable, "-m", "pytest", "--nbval", "-p", "no:cacheprovider", "-q", str(path)],
                            cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "3 passed" in result.stdout


@pytest.mark.parametrize(("lo", "hi"), [(-5, 5), (-6.3, 6.3), (0, 1), (-0.3, 0.05), (-1.7, 11), (0, 0.0012)])
def test_static_tick_labels_read_as_their_positions(lo, hi):
    """Each axis label, read back as a number, is the position of its tick (2.5 is not shown as "2")."""
    ticks, labels = ST.nice_ticks(lo, hi)
    assert 3 <= len(ticks) <= 11
    for tick, label in zip(ticks, labels):
        assert lo - 1e-9 <= tick <= hi + 1e-9
        assert float(label.replace("−", "-")) == pytest.approx(tick, abs=1e-12), (tick, label)


# --------------------------------------------------------------------------- y-axes of the book's explorers
PYTHON = TransformerManager()     # IPython's own translation of a cell (magics) into Python


def book_explorers() -> list[tuple[str, list, dict]]:
    """Every explore(...) call in the chapters that makes an explorer: (chapter, args, keywords)."""
    calls = []
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            with warnings.catch_warnings():     # a cell's own SyntaxWarning is nbval's business, not ours
                warnings.simplefilter("ignore")
                tree = ast.parse(PYTHON.transform_cell("".join(cell["source"])))   # %pip → Python
            for node in ast.walk(tree):
                name = getattr(node, "func", None)
                if isinstance(node, ast.Call) and getattr(name, "attr", getattr(name, "id", "")) == "explore":
                    args = [ast.literal_eval(a) for a in node.args]
                    kw = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
                    try:
                        S.build(*args, **kw)
                    except (TypeError, ValueError):       # a cell that shows explore's error message
                        continue
                    calls.append((path.stem, args, kw))
    return calls


BOOK = book_explorers()


class Stored:
    """The curves of a static explorer as its script reads them, and the y views it would show."""

    def __init__(self, spec):
        self.spec, self.data = spec, ST.payload(spec)
        n = self.data["n"]
        self.curves = [(ST.decode12(f["fq"]).reshape(-1, n), ST.decode12(f["dq"]).reshape(-1, n))
                       for f in self.data["fns"]]

    def ranges(self, positions: list[int]) -> dict[str, tuple[float, float] | None]:
        shown: dict[str, list] = {"f": [], "df": []}
        named = {c.name: p for c, p in zip(self.spec.controls, positions)}
        for fn, stored in enumerate(self.data["fns"]):
            k = stored["map"][ST.state_index(self.spec, fn, named)]
            if k >= 0:
                shown["f"].append(ST.decoded(self.curves[fn][0][k], stored["f"]))
                shown["df"].append(ST.decoded(self.curves[fn][1][k], stored["df"]))
        return {"f": S.data_range(shown["f"], zero=False), "df": S.data_range(shown["df"], zero=True)}


def fill(span, view) -> float:
    return (span[1] - span[0]) / (view[1] - view[0])


def test_a_snapped_view_frames_any_curves():
    """Snapping alone (no view kept) leaves the curves at least KEEP of the height, inside."""
    rng = np.random.default_rng(3)
    for lo, hi in [(0, 1), (-1, 1), (0.0067, 0.9933), (5.13, 9.13), (-10, 5), (0, 0), (-2e-5, 3e-5),
                   *np.sort(rng.normal(0, 10, (200, 2)) * 10.0 ** rng.integers(-3, 4, (200, 1)), axis=1)]:
        view = S.y_view(lo, hi)
        assert view[0] <= lo and hi <= view[1]
        assert hi == lo or fill((lo, hi), view) > S.KEEP
        ticks, labels = S.y_ticks(view)
        assert ticks[0] == pytest.approx(view[0]) and ticks[-1] == pytest.approx(view[1]) and 3 <= len(ticks) <= 13
        assert all(float(lab.replace("−", "-")) == pytest.approx(t, abs=1e-9 * view[2]) for t, lab in zip(ticks, labels))


@pytest.mark.parametrize(("chapter", "args", "kw"), BOOK, ids=[f"{c}:{a}" for c, a, _ in BOOK])
def test_book_explorers_frame_their_curves_without_jumping(chapter, args, kw):
    """Every state framed (the curves fill ≥ KEEP of the curve area); moving each slider over its
    whole grid and back changes the y-limits of a panel at no more than 15 % of the steps."""
    stored = Stored(S.build(*args, **kw))
    spec = stored.spec
    sizes = [len(c.grid) for c in spec.controls]
    for positions in itertools.product(*map(range, sizes)):
        for key, span in stored.ranges(list(positions)).items():
            if span is not None:
                view = S.y_view(*span)
                assert view[0] <= span[0] and span[1] <= view[1]
                assert span[0] == span[1] or fill(span, view) >= S.KEEP, (key, positions, span, view)
    start = [c.base for c in spec.controls]
    for k, control in enumerate(spec.controls):
        views = {key: tuple(v) for key, v in stored.data["view"].items()}
        path = [*range(control.base, -1, -1), *range(len(control.grid)), *range(len(control.grid) - 1, control.base - 1, -1)]
        steps = changes = 0
        for p in path:
            for key, span in stored.ranges(start[:k] + [p] + start[k + 1:]).items():
                if span is None:
                    continue
                view = S.y_view(*span, views[key])
                assert span[0] == span[1] or fill(span, view) >= S.KEEP
                steps += 1
                changes += view[:2] != views[key][:2]
                views[key] = view
        assert changes <= 0.15 * steps, (control.name, changes, steps)


def test_softplus_fills_its_panel_at_every_beta():
    """The defect: one fixed y-axis for β from 0.1 to 10 left the curve in the bottom third."""
    stored = Stored(S.build(["softplus", "relu"], x_range=(-4, 4)))
    beta = stored.spec.controls[0]
    for p in range(len(beta.grid)):
        span = stored.ranges([p])["f"]
        assert fill(span, S.y_view(*span)) >= 0.6, beta.grid[p]
