"""f′(x) against the analytic mpmath derivatives, the PyTorch conventions at kinks, and mpmath.diff.

Allowed error at x, in ulp of the exact derivative rounded to the dtype:  K + κ′(x)  (K from
reference.K_ULP: 4 in float64 and float32, 1 in float16, which is computed wider and rounded once;
every function meets it, and the largest error each one actually reaches is tabulated by
`make bench` in benchmarks/results/latest.md),
κ′(x) = |x·f″(x)/f′(x)| the condition number of f′; absolute (4 smallest normals) where f′ is
0 or subnormal. The reference derivatives are themselves checked against mpmath.diff of the
reference values, so a wrong formula in reference.py cannot hide a wrong derivative in actlib.
"""

import math

import actlib
import numpy as np
import pytest
from mpmath import mp, mpf

import reference
from reference import accuracy_failures, grid, param_grid, to_mpf

DTYPES = [np.float64, np.float32, np.float16]


_SCALE_ALPHA = float(mpf(reference.SELU_SCALE) * mpf(reference.SELU_ALPHA))

# The spec's value and derivative AT each kink (PyTorch autograd convention), parameters as given.
KINKS = {
    "binary_step": [({}, 0.0, 1.0, 0.0), ({"threshold": 1.5}, 1.5, 1.0, 0.0)],
    "hard_sigmoid": [({}, -3.0, 0.0, 0.0), ({}, 3.0, 1.0, 0.0)],
    "sparse_sigmoid": [({}, -1.0, 0.0, 0.0), ({}, 1.0, 1.0, 0.0)],
    "sparse_plus": [({}, -1.0, 0.0, 0.0), ({}, 1.0, 1.0, 1.0)],                 # C¹: the slope is continuous
    "hard_tanh": [({}, -1.0, -1.0, 0.0), ({}, 1.0, 1.0, 0.0)],
    "softsign": [({}, 0.0, 0.0, 1.0)],
    "relu": [({}, 0.0, 0.0, 0.0)],
    "relu6": [({}, 0.0, 0.0, 0.0), ({}, 6.0, 6.0, 0.0)],
    "leaky_relu": [({}, 0.0, 0.0, 0.01), ({"alpha": 0.2}, 0.0, 0.0, 0.2)],
    "prelu": [({}, 0.0, 0.0, 0.25)],
    "rrelu": [({}, 0.0, 0.0, (1 / 8 + 1 / 3) / 2)],
    "thresholded_relu": [({}, 1.0, 0.0, 0.0), ({"threshold": 2.5}, 2.5, 0.0, 0.0)],
    "general_relu": [({}, 0.0, 0.0, 0.0), ({"alpha": 0.2}, 0.0, 0.0, 0.2), ({"alpha": 0.1, "threshold": 1.5}, 1.5, 0.0, 0.1),
                     ({"max_value": 6.0}, 6.0, 6.0, 0.0)],                     # α at θ (leaky ReLU), 0 at the cap (Hardtanh)
    "hard_shrink": [({}, -0.5, 0.0, 0.0), ({}, 0.5, 0.0, 0.0)],
    "soft_shrink": [({}, -0.5, 0.0, 0.0), ({}, 0.5, 0.0, 0.0)],
    "elu": [({}, 0.0, 0.0, 1.0), ({"alpha": 0.5}, 0.0, 0.0, 0.5)],
    "celu": [({}, 0.0, 0.0, 1.0), ({"alpha": 2.0}, 0.0, 0.0, 1.0)],
    "selu": [({}, 0.0, 0.0, _SCALE_ALPHA)],
    "hard_swish": [({}, -3.0, 0.0, 0.0), ({}, 3.0, 3.0, 1.0)],
}


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_derivative_matches_reference(ew, dtype):
    xs = grid(dtype)
    got = actlib.get(ew).grad(xs)
    assert got.dtype == dtype and got.shape == xs.shape
    failures = accuracy_failures(ew, {}, xs, got, "deriv")
    assert not failures, f"{ew}′ ({np.dtype(dtype).name}):\n" + "\n".join(failures)


def test_derivative_with_parameters_matches_reference(ew_params):
    name, params = ew_params
    xs = param_grid()
    got = actlib.get(name).grad(xs, **params)
    failures = accuracy_failures(name, params, xs, got, "deriv")
    assert not failures, f"{name}′ {params}:\n" + "\n".join(failures)


@pytest.mark.parametrize(("fn", "params", "x", "value", "slope"),
                         [(n, *k) for n, ks in KINKS.items() for k in ks])
@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_kink_follows_pytorch_convention(fn, params, x, value, slope, dtype):
    act = actlib.get(fn)
    x = np.asarray(x, dtype=dtype)
    assert act(x, **params) == np.asarray(value, dtype=dtype)
    grad = act.grad(x, **params)
    if fn == "selu":  # scale·alpha rounds differently in each dtype: one ulp
        assert abs(float(grad) - slope) <= float(np.spacing(np.asarray(slope, dtype=dtype)))
    else:
        assert grad == np.asarray(slope, dtype=dtype)


def test_kink_table_covers_every_declared_kink(ew):
    """Every kink an activation declares has its convention stated in KINKS above."""
    declared = set(actlib.get(ew).properties.kinks)
    stated = {x for params, x, *_ in KINKS.get(ew, []) if not params}
    assert declared <= stated, f"{ew}: kinks {sorted(declared - stated)} have no stated convention"


def _diff_points(name: str, params: dict) -> list[float]:
    """Points in [−30, 30] and a few further out, at least 1e-3 away from every kink."""
    kinks = reference.ref(name).kinks(**params)
    xs = [*np.linspace(-29.3, 29.7, 53).tolist(), 1e-8, -1e-8, 2.5e-5, -2.5e-5, 55.5, -55.5]
    return [x for x in xs if all(abs(x - k) > 1e-3 for k in kinks)]


def test_reference_derivative_agrees_with_mpmath_diff(ref_case):
    """reference.py's analytic f′ is the derivative of its f (no actlib involved)."""
    name, params = ref_case
    r = reference.ref(name)
    for x in _diff_points(name, params):
        m = to_mpf(x)
        numeric = mp.diff(lambda t: r.value(t, **params), m)
        analytic = r.deriv(m, **params)
        # mp.diff's own error is about 1e-60·|f|: it matters only where f′ is tiny next to f
        slack = mpf("1e-30") * abs(analytic) + mpf("1e-50") * abs(r.value(m, **params))
        assert abs(numeric - analytic) <= slack, (name, params, x, numeric, analytic)


def test_grad_agrees_with_mpmath_diff(ew):
    """actlib's f′ against mpmath.diff of the reference f at default parameters (float64)."""
    r = reference.ref(ew)
    xs = _diff_points(ew, {})
    got = actlib.get(ew).grad(np.asarray(xs))
    numeric = [mp.diff(r.value, to_mpf(x)) for x in xs]
    scale = max(abs(float(d)) for d in numeric)
    bad = [(x, float(g), float(d)) for x, g, d in zip(xs, got.tolist(), numeric)
           if not abs(g - float(d)) <= 1e-12 * max(abs(float(d)), 1e-6 * scale) or math.isnan(g)]
    assert not bad, f"{ew}′ differs from mpmath.diff at (x, got, diff): {bad[:5]}"
