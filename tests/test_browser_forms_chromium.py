"""The browser forms of the activations (actlib.browser_forms.script()) in headless Chromium, against actlib.

Every elementwise activation, at several parameter sets, on a grid of 2,001 points over [−30, 30] and the
extremes: f and f′ from the script agree with actlib's float64 values by the rule of ``disagreements``.
Chromium as the other browser tests find it (tests/conftest.py's ``browser``); these tests never skip.
"""

import json
import math

import numpy as np
import pytest

import actlib
from actlib import browser_forms
from actlib.browser_forms import elementwise, spec
from browsing import scripts_page

EXTREMES = [0.0, -0.0, 5e-324, -5e-324, 1e-300, -1e-300, 1e-8, -1e-8, 1.0, -1.0, 700.0, -700.0, 710.0, -710.0,
            1e300, -1e300, math.inf, -math.inf, math.nan]
X = np.concatenate([np.linspace(-30, 30, 2001), EXTREMES])
ULPS = 4                        # the error allowed, in ulp of actlib's value, where f is well conditioned
# Values of the options without choices to try beside their default (general_relu's cap).
OPTION_VALUES = {"max_value": (0.0, 6.0)}
NAMES = [n for n in actlib.names() if isinstance(actlib.get(n), actlib.Activation)]


def parameter_sets(act) -> list[dict]:
    """{} (the defaults, filled in by the script), every parameter at its slider's low end, at its high end and
    in the middle; then each choice (or each value of OPTION_VALUES) of every option the form takes."""
    sets = [{}]
    if act.params:
        sets += [{key: pick(p) for key, p in act.params.items()}
                 for pick in (lambda p: p.low, lambda p: p.high, lambda p: (p.low + p.high) / 2)]
    for key in act.js.options:
        option = act.options[key]
        values = option.choices if option.choices is not None else OPTION_VALUES[key]
        sets += [{key: value} for value in values if value != option.default]
    return sets


CASES = [(act.name, params) for act in elementwise() for params in parameter_sets(act)]


def condition(rule, x: np.ndarray) -> np.ndarray:
    """|x·g′(x)/g(x)| for g = ``rule`` (float64), g′ by a central difference over x(1 ± 2⁻²⁰); 0 where x or g(x)
    is 0 or not finite, or where the difference has no width (subnormal x)."""
    with np.errstate(all="ignore"):
        up, down = x * (1 + 2.0 ** -20), x * (1 - 2.0 ** -20)
        slope = (rule(up) - rule(down)) / (up - down)
        kappa = np.abs(x * slope / rule(x))
    return np.where(np.isfinite(kappa), kappa, 0.0)


def disagreements(got: np.ndarray, want: np.ndarray, kappa: np.ndarray) -> np.ndarray:
    """Where the browser's ``got`` is not actlib's ``want``.

    Where actlib gives NaN, ±inf or ±0 the browser must give the same (zero's sign is checked apart, where actlib
    documents it). Elsewhere the error may be ULPS ulp of ``want``, or ULPS·κ ulp where that is larger, κ the
    condition number |x·g′(x)/g(x)| of the function at x. A form that computes the function exactly at an x moved
    by one rounding, x(1 + δ) with |δ| ≤ 2⁻⁵³, is off by κ·|δ| relative to the value, so ULPS·κ ulp allows a few
    such roundings on the way (x/√2 inside erfc, the sum of GELU′ near its root, where κ is large); it is no
    more than the input itself can resolve, and far less than a wrong formula, branch or convention gives.
    """
    exact = np.isnan(want) | np.isinf(want) | (want == 0)
    with np.errstate(all="ignore"):
        error = np.abs(got - want) / np.spacing(np.abs(want))
    same = np.where(exact, (got == want) | (np.isnan(got) & np.isnan(want)),
                    error <= np.maximum(ULPS, ULPS * kappa))
    return ~same


def documented_zeros(act, grad: bool) -> list[float]:
    """The x at which actlib documents the sign of a zero result of f (f′ with ``grad``): the inputs of its
    ``differences`` where a framework gives a zero of the other sign."""
    rule = act.grad if grad else act
    return [d.x for d in act.differences if d.grad == grad and isinstance(d.x, float) and d.result == 0
            and rule(d.x) == 0]


@pytest.fixture(scope="module")
def page(browser):
    with scripts_page(browser, browser_forms.script()) as tab:
        yield tab


def evaluate(page, name: str, params: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(x as the page received it, f, f′): one evaluation in the page for the whole grid."""
    x, f, df = page.evaluate("""([name, p, xs]) => {
        const form = actlibForms[name];
        return [xs, xs.map(x => form.f(x, p)), xs.map(x => form.df(x, p))];
    }""", [name, params, X.tolist()])
    return tuple(np.asarray(values, dtype=np.float64) for values in (x, f, df))


@pytest.mark.parametrize("case", CASES, ids=[n + "".join(f"[{k}={v}]" for k, v in p.items()) for n, p in CASES])
def test_the_browser_form_gives_actlibs_values(page, case):
    name, params = case
    act = actlib.get(name)
    x, f, df = evaluate(page, name, params)
    assert np.array_equal(np.signbit(x), np.signbit(X)) and np.array_equal(x, X, equal_nan=True)
    for grad, got in ((False, f), (True, df)):
        rule = (lambda t: act.grad(t, **params)) if grad else (lambda t: act(t, **params))
        want = rule(X)
        bad = disagreements(got, want, condition(rule, X))
        label = "f′" if grad else "f"
        assert not bad.any(), (f"{name}{params}: {label} differs at x = {X[bad][:8].tolist()}: browser "
                               f"{got[bad][:8].tolist()}, actlib {want[bad][:8].tolist()}")
        for point in documented_zeros(act, grad):
            i = np.flatnonzero((X == point) & (np.signbit(X) == np.signbit(point)))[0]
            assert np.signbit(got[i]) == np.signbit(want[i]), f"{name}{params}: {label}({point}) has the wrong sign"


def test_the_script_lists_every_elementwise_activation_with_its_spec(page):
    listed = page.evaluate("""() => Object.fromEntries(Object.entries(actlibForms).map(([name, form]) =>
        [name, {name: form.name, name_zh: form.name_zh, name_en: form.name_en, params: form.params,
                options: form.options, args: form.args, f: typeof form.f, df: typeof form.df}]))""")
    assert list(listed) == NAMES
    for act in elementwise():
        assert listed[act.name] == json.loads(json.dumps(spec(act))) | {"f": "function", "df": "function"}


def test_missing_parameters_take_their_defaults_and_given_ones_count(page):
    same, moved = page.evaluate("""() => {
        const leaky = actlibForms.leaky_relu, gelu = actlibForms.gelu;
        return [[leaky.f(-2), leaky.f(-2, {}), leaky.f(-2, {alpha: leaky.params.alpha.default})],
                [leaky.f(-2, {alpha: 0.5}), gelu.f(-1, {approximate: "tanh"}) !== gelu.f(-1)]];
    }""")
    default = -2 * actlib.leaky_relu.params["alpha"].default
    assert same == [default] * 3
    assert moved == [-1.0, True]


@pytest.mark.parametrize("case", CASES, ids=[n + "".join(f"[{k}={v}]" for k, v in p.items()) for n, p in CASES])
def test_bound_forms_give_the_same_values(page, case):
    """bind(p), the parameters fixed once, gives f(x, p) and f′(x, p) bit for bit (the playground's networks use it)."""
    name, params = case
    same = page.evaluate("""([name, p, xs]) => {
        const form = actlibForms[name], bound = form.bind(p);
        return xs.every(x => Object.is(bound.f(x), form.f(x, p)) && Object.is(bound.df(x), form.df(x, p)));
    }""", [name, params, X.tolist()])
    assert same
