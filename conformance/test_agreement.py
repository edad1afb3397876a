"""At every call form's stated call, the framework's values and derivatives (its own automatic
differentiation: torch.autograd, jax.vjp, tf.GradientTape) agree with actlib's on the grid, in float32
and float64, by the rules of compare.py; where a framework is less accurate (compare.LESS_ACCURATE),
both are compared with mpmath instead."""

import numpy as np
import pytest

import actlib
import reference
from actlib.frameworks import actlib_keywords
from adapters import adapter
from cases import DTYPES, call_forms, form_of, ids, is_vector
from compare import (LESS_ACCURATE, WRONG, agree, close_enough, describe, elementwise_inputs, exact, framework_keywords,
                     lanes, signs_agree, zero_signs_stable)

CASES = call_forms()


def declared(act, framework: str, dtype, grad: bool) -> list:
    """The inputs of act.differences for ``framework`` in ``dtype``: value statements (which also change the
    derivative there) and, for derivatives, derivative statements."""
    return [d.x for d in act.differences if framework in d.keys and d.dtype in (None, np.dtype(dtype).name)
            and (grad or not d.grad)]


def without(x: np.ndarray, points: list) -> np.ndarray:
    """``x`` (points, or lanes along the first axis) without ``points`` (NaN equal to NaN, −0 to −0 only)."""
    def key(v) -> tuple:
        return tuple(repr(e) for e in np.ravel(np.asarray(v, dtype=x.dtype)).astype(np.float64).tolist())

    drop = {key(p) for p in points}
    return x[[key(row) not in drop for row in x]] if drop else x


def inputs(act, framework: str, dtype, grad: bool) -> np.ndarray:
    x = lanes(dtype) if is_vector(act) else elementwise_inputs(dtype, framework)
    if grad:      # a derivative at NaN is not compared (compare.py)
        x = x[~np.isnan(x.reshape(len(x), -1)).any(axis=1)]
    return without(x, declared(act, framework, dtype, grad))


def check(name, framework, form, quantity, x, got, want, dtype, params, signs=True):
    """Fail unless ``got`` (the framework's) agrees with ``want`` (actlib's), directly or, for a case of
    LESS_ACCURATE, each with mpmath; ``signs``: whether the sign of f(±0) is compared."""
    ok = agree(x, got, want, dtype, quantity, signs)
    case = LESS_ACCURATE.get((name, framework, quantity))
    if case is None:
        assert ok.all(), f"{form} {quantity}s, {np.dtype(dtype).name}: " + describe(x, got, want, ~ok)
        return
    assert x.shape == got.shape, f"{form}: LESS_ACCURATE holds elementwise activations only"
    inside = case.within(x) if case.within else np.ones(x.shape, bool)
    if not inside.all():
        assert not ok[~inside].all(), (f"{form} {quantity}s, {np.dtype(dtype).name}: compare.LESS_ACCURATE leaves "
                                       f"out {x[~inside].tolist()}, but the framework agrees with actlib there")
    check_at = ~ok & inside
    if not check_at.any():
        return
    points = x[check_at]
    truth = exact(name, points, quantity, params)
    own = reference.accuracy_failures(name, params, points, want[check_at], quantity)
    assert not own, f"actlib's {quantity} misses mpmath where {form} differs from it: " + "; ".join(own)
    fine = close_enough(points, got[check_at], truth, dtype, case.eps, case.rel)
    if quantity == "value" and signs:
        fine &= signs_agree(points, got[check_at], truth)
    assert fine.all(), (f"{form} {quantity}s, {np.dtype(dtype).name}, less accurate than actlib ({case.why}); "
                        f"compared with mpmath, it misses by more than the bound + {case.eps} ε + {case.rel:g} relative: "
                        + describe(points, got[check_at], truth, ~fine))


def marked(cases):
    """The cases, those of compare.WRONG marked as expected to fail (strictly) with the reason."""
    return [pytest.param(*case, marks=pytest.mark.xfail(reason=WRONG[case[:2]], strict=True))
            if case[:2] in WRONG else case for case in cases]


def results(name: str, framework: str, index: int, dtype, quantity: str):
    """(x, the framework's result, actlib's, actlib's keywords) for one call form: values, or derivatives
    (f′ of an elementwise f; a vector-Jacobian product with a random upstream gradient for a vector one)."""
    act, form = actlib.get(name), form_of(name, framework, index)
    params, keywords = actlib_keywords(act, form), framework_keywords(act, form)
    x = inputs(act, framework, dtype, grad=quantity == "grad")
    if quantity == "value":
        return x, adapter(framework).value(form, x, keywords), act(x, **params), params
    if is_vector(act):
        g = np.random.default_rng(7).normal(size=act(x, **params).shape).astype(dtype)
        want = act.vjp(x, g, **params)
    else:
        g = np.ones_like(x)
        want = act.grad(x, **params)
    return x, adapter(framework).vjp(form, x, g, keywords), want, params


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize(("name", "framework", "index"), marked(CASES), ids=ids(CASES))
def test_values_agree(name, framework, index, dtype):
    act, form = actlib.get(name), form_of(name, framework, index)
    x, got, want, params = results(name, framework, index, dtype, "value")
    assert got.shape == want.shape and got.dtype == want.dtype, (
        f"{form}: {got.dtype}{got.shape} from {x.dtype}{x.shape}, actlib {want.dtype}{want.shape}")
    signs = not is_vector(act) and zero_signs_stable(framework, form, dtype, framework_keywords(act, form))
    check(name, framework, form, "value", x, got, want, dtype, params, signs)


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize(("name", "framework", "index"), marked(CASES), ids=ids(CASES))
def test_derivatives_agree(name, framework, index, dtype):
    x, got, want, params = results(name, framework, index, dtype, "grad")
    check(name, framework, form_of(name, framework, index), "grad", x, got, want, dtype, params)


@pytest.mark.parametrize("case", LESS_ACCURATE, ids=ids(LESS_ACCURATE))
def test_each_less_accurate_case_is_needed(case):
    """A LESS_ACCURATE entry loosens a comparison: it stays only while the framework still misses the
    default bound somewhere (in one of its forms, in one dtype)."""
    name, framework, quantity = case
    misses = []
    for index in [i for n, fw, i in CASES if (n, fw) == (name, framework)]:
        for dtype in DTYPES:
            x, got, want, _ = results(name, framework, index, dtype, quantity)
            misses.append(not agree(x, got, want, dtype, quantity, signs=False).all())
    assert misses and any(misses), f"{case}: the framework now meets the default bound; drop it from LESS_ACCURATE"
