"""actlib.explore_depth (chapter 8): its curves against closed forms (ReLU) and an mpmath recursion (tanh,
GELU with biases), the stored float32 logs of the static page decoded here, the rules of the y-axes and of
the numbers in the table, the live widget's moves, reset and views, and every argument check."""

import base64
import json
import math
import os
import re
import subprocess
import sys

import numpy as np
import pytest
from mpmath import mp

import actlib
import reference
from kernels import avx2_kernels
from actlib import depth_explorer as D
from actlib import depth_static as DS

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def spec():
    return D.build()


@pytest.fixture(scope="module")
def page(spec):
    html = DS.render(spec)
    data = json.loads(re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.S).group(1))
    return html, data


def decoded(b64: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(b64), dtype="<f4").astype(np.float64).reshape(len(D.SIGMA_W2), D.MAX_DEPTH)


def mp_recursion(name: str, sigma_w2: float, sigma_b2: float, depth: int):
    """q_l and χ_l for l = 1 … depth by mpmath quadrature of the reference definitions, from q_1 = 1."""
    ref = reference.ref(name)
    q, qs, chis = mp.mpf(1), [], []
    with mp.workdps(20):
        for _ in range(depth):
            s = mp.sqrt(q)

            def moment(g):
                return mp.quad(lambda x: g(s * x) ** 2 * mp.exp(-x * x / 2), [-mp.inf, -3, -1, 0, 1, 3, mp.inf]) \
                    / mp.sqrt(2 * mp.pi)
            qs.append(float(q))
            chis.append(float(sigma_w2 * moment(ref.deriv)))
            q = sigma_w2 * moment(ref.value) + sigma_b2
    return np.array(qs), np.array(chis)


# ------------------------------------------------------------------------------ the curves
@pytest.mark.parametrize("position", [0, D.SIGMA_W2.index(2.0), len(D.SIGMA_W2) - 1])
@pytest.mark.parametrize("depth", [1, 2, 37, 100])
def test_relu_curves_are_the_closed_forms(spec, position, depth):
    """ReLU with σ_b² = 0: q_l = (σ_w²/2)^(l−1) and E[δ_l²]/E[δ_L²] = (σ_w²/2)^(L−l)."""
    fn = [a.name for a in spec.acts].index("relu")
    lq, lg = spec.curves(fn, position, depth)
    half = math.log10(D.SIGMA_W2[position] / 2)
    layers = np.arange(1, depth + 1)
    np.testing.assert_allclose(lq, (layers - 1) * half, atol=2e-5)
    np.testing.assert_allclose(lg, (depth - layers) * half, atol=2e-5 * depth)


@pytest.mark.parametrize("act, sigma_w2, sigma_b2", [("tanh", 2.25, 0.05), ("gelu", 4.0, 0.0), ("sigmoid", 16.0, 0.1)])
def test_curves_match_an_mpmath_recursion(act, sigma_w2, sigma_b2):
    spec = D.build([act], depth=6, sigma_w2=sigma_w2, sigma_b2=sigma_b2)
    qs, chis = mp_recursion(act, sigma_w2, sigma_b2, 6)
    lq, lg = spec.curves(0, spec.base, 6)
    np.testing.assert_allclose(10 ** lq, qs, rtol=1e-6)
    want = [np.prod(chis[l:5]) for l in range(6)]
    np.testing.assert_allclose(10 ** lg, want, rtol=1e-6)


def test_the_static_page_stores_float32_logs_of_every_position(spec, page):
    _, data = page
    assert data["sw"][:2] == ["0.25 (σ_w = 0.5)", "0.5 (σ_w = 0.7071)"] and data["max"] == D.MAX_DEPTH
    assert len(data["sw"]) == len(D.SIGMA_W2)
    for fn, act in enumerate(data["acts"]):
        lq, lchi = decoded(act["lq"]), decoded(act["lchi"])
        for position in (0, 9, len(D.SIGMA_W2) - 1):
            mf = actlib.propagation.mean_field(act["name"], D.MAX_DEPTH, D.SIGMA_W2[position])
            np.testing.assert_allclose(lq[position], np.log10(mf.q), rtol=1e-6, atol=1e-6)
            np.testing.assert_allclose(lchi[position], np.log10(mf.chi), rtol=1e-6, atol=1e-6)


def test_the_slider_holds_the_scales_the_chapter_names():
    assert {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 25 / 9} <= set(D.SIGMA_W2)       # §8.1–8.3's σ_w² and tanh's gain²
    assert list(D.SIGMA_W2) == sorted(D.SIGMA_W2) and len(set(map(D._fmt, D.SIGMA_W2))) == len(D.SIGMA_W2)


# ------------------------------------------------------------------------------ axes and numbers
@pytest.mark.parametrize("lo, hi", [(0.0, 0.0), (-0.3, 0.2), (-56.2, 0.0), (0.0, 94.1), (-3.5, 12.7), (-1e-9, 1e-9)])
def test_a_log_view_frames_its_curves_in_whole_decades(lo, hi):
    bottom, top, step = D._log_view(lo, hi)
    assert bottom <= lo - D.PAD and hi + D.PAD <= top
    assert bottom % step == 0 and top % step == 0 and (top - bottom) / step <= D.TICKS
    smaller = [s for s in D.DECADE_STEPS if s < step]
    assert all(math.ceil((hi + D.PAD) / s) - math.floor((lo - D.PAD) / s) > D.TICKS for s in smaller)


def test_a_log_view_stays_while_the_curves_fill_half_of_it():
    view = D._log_view(-10.0, 0.0)
    assert view == (-15, 5, 5)                                 # −10.5 … 0.5 in steps of 5 decades
    assert D._log_view(-12.0, 0.2, view) == view                # still inside, more than half of 20 decades
    assert D._log_view(-9.0, 0.2, view) == (-10, 2, 2)          # less than half: reframed
    assert D._log_view(-16.0, 0.0, view) != view                # outside: reframed


@pytest.mark.parametrize("value, text", [(3.16227766e-5, "3.16 × 10⁻⁵"), (0.0707, "0.0707"), (0.70710678, "0.707"),
                                         (1.0, "1.00"), (12.5, "12.5"), (100.0, "100"), (999.4, "999"),
                                         (999.6, "1.00 × 10³"), (7.84637717e56, "7.85 × 10⁵⁶"),
                                         (1.27e-57, "1.27 × 10⁻⁵⁷"), (0.00999, "9.99 × 10⁻³")])
def test_numbers_in_the_table_have_three_significant_digits(value, text):
    assert D._scientific(math.log10(value)) == text


def test_tick_labels_are_powers_of_ten():
    assert [D._power_of_ten(e) for e in (-15, 0, 5, 10)] == ["10⁻¹⁵", "10⁰", "10⁵", "10¹⁰"]
    assert [DS.x_ticks(end) for end in D.X_ENDS] == [[2, 4, 6, 8, 10], [5, 10, 15, 20], [10, 20, 30, 40, 50],
                                                     [20, 40, 60, 80, 100]]


# ------------------------------------------------------------------------------ the static page
def test_the_static_page_starts_where_the_call_does(spec, page):
    html, _ = page
    assert len(html.encode()) <= 200_000                      # the budget of a static explorer
    assert "http" not in html and 'data-actlib-explorer="depth"' in html
    start = [spec.curves(fn, spec.base, spec.depth) for fn in range(len(spec.acts))]
    cells = re.findall(r'<td class="actd-qL">(.*?)</td><td class="actd-g1">(.*?)</td>', html)
    assert cells == [(D._scientific(lq[-1]), D._scientific(lg[0])) for lq, lg in start]
    relu = [a.name for a in spec.acts].index("relu")
    assert cells[relu] == ("1.00", "1.00")                    # He's σ_w² = 2 keeps ReLU's variance and gradient
    paths = re.findall(r'<svg class="actx-panel actd-pq".*?</svg>', html, re.S)[0]
    assert len(re.findall(r'<path class="actx-curve', paths)) == len(spec.acts)


def test_the_static_page_is_deterministic_and_bilingual():
    one, two = DS.render(D.build(["tanh"], depth=20)), DS.render(D.build(["tanh"], depth=20))
    assert one != two and re.sub(r"actd-[0-9a-f]{10}(-\d+)?", "", one) == re.sub(r"actd-[0-9a-f]{10}(-\d+)?", "", two)
    for label in re.findall(r'\saria-label="([^"]*)"', one):
        assert " · " in label                                  # both languages by default
    assert one.count('<span lang="zh">') == one.count('<span lang="en">') > 3


def test_the_static_page_is_the_same_with_avx2_kernels():
    # χ = 1 (ReLU at σ_w² = 2) is 1 with one kernel and a rounding step off with the other; the stored
    # logs are rounded, so the page the chapter stores (and nbval compares) is the same on both.
    make = "import actlib; print(actlib.explore_depth(depth=50).html)"
    pages = [subprocess.run([sys.executable, "-c", make], env=os.environ | env, capture_output=True, text=True,
                            check=True).stdout for env in ({}, avx2_kernels())]
    assert len(pages[0]) > 100_000 and pages[0] == pages[1]


# ------------------------------------------------------------------------------ the live widget
def test_the_live_widget_moves_resets_and_shows_itself():
    ex = actlib.explore_depth(["relu", "tanh"], depth=10, sigma_w2=1.0)
    start = ex.png
    line_q = ex._figure.lines[0][0]
    np.testing.assert_allclose(line_q.get_ydata(), 0.5 ** np.arange(10), rtol=1e-5)   # ReLU at σ_w² = 1
    ex.depth.value = 30
    ex.sigma_w2.value = D.SIGMA_W2.index(4.0)
    np.testing.assert_allclose(line_q.get_ydata(), 2.0 ** np.arange(30), rtol=1e-5)
    assert "<td><code>relu</code></td><td>5.37 × 10⁸</td><td>5.37 × 10⁸</td>" in ex.table.value   # 2^29 both
    assert ex.values == {"sigma_w2": 4.0, "depth": 30} and ex.image.value != start
    ex.reset()
    assert ex.values == {"sigma_w2": 1.0, "depth": 10}
    np.testing.assert_allclose(line_q.get_ydata(), 0.5 ** np.arange(10), rtol=1e-5)
    bundle, meta = ex._repr_mimebundle_()
    assert {WIDGET_VIEW, "text/plain", "text/html", "image/png"} <= set(bundle)
    assert base64.b64decode(bundle["image/png"]) == start and meta["image/png"]["width"] > 600
    assert bundle["text/plain"].startswith("<actlib depth explorer: relu, tanh; depth=10, sigma_w2=1,")
    assert set(ex._repr_mimebundle_(include={"text/html"})[0]) == {"text/html"}


# ------------------------------------------------------------------------------ arguments
@pytest.mark.parametrize("kwargs, error, words", [
    ({"acts": "softmax"}, TypeError, "elementwise"),
    ({"acts": "no_such"}, ValueError, "no_such"),
    ({"acts": 3}, TypeError, "acts must be an activation name or a list"),
    ({"acts": []}, ValueError, "1 to 8"),
    ({"acts": ["relu", "relu"]}, ValueError, "'relu' appears twice"),
    ({"acts": ["binary_step"]}, ValueError, "binary_step cannot be drawn on a log scale"),
    ({"acts": ["exponential"]}, ValueError, "exponential cannot be drawn on a log scale"),
    ({"depth": 0}, ValueError, "depth must be an integer from 1 to 100"),
    ({"depth": 101}, ValueError, "depth must be an integer from 1 to 100"),
    ({"depth": 2.0}, TypeError, "depth must be an int"),
    ({"sigma_w2": 1.23}, ValueError, "sigma_w2 must be one of the slider's values 0.25, 0.5, 0.75"),
    ({"sigma_w2": "1"}, TypeError, "sigma_w2 must be a real number"),
    ({"sigma_w2": -1.0}, ValueError, "sigma_w2 must lie in (0, ∞)"),
    ({"sigma_b2": 2.0}, ValueError, "sigma_b2 must lie in [0, 1]"),
    ({"sigma_b2": None}, TypeError, "sigma_b2 must be a real number"),
])
def test_bad_arguments_are_refused_with_a_message(kwargs, error, words):
    with pytest.raises(error) as raised:
        actlib.explore_depth(**kwargs)
    assert str(raised.value).startswith("explore_depth: ") and words in str(raised.value)


def test_a_depth_explorer_is_made_from_a_spec_only():
    with pytest.raises(TypeError, match="DepthExplorer: spec must be a depth_explorer.DepthSpec"):
        D.DepthExplorer("relu")
