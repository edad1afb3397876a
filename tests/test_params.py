"""Parameters with behaviour of their own: PReLU's per-channel slopes, RReLU's random slopes; and every parameter at
its extremes: beyond the input's dtype (computed in float64, rounded once), near the ends of float64, and as an
array that gives each entry what its scalar gives. The expected values are mpmath's (tests/reference.py)."""

import actlib
import numpy as np
import pytest
from scipy import stats

import reference
from reference import SPEC_PARAMS, to_mpf, ulp_error

SLOPES = np.array([0.1, 0.25, -0.5])


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.float16], ids=lambda d: np.dtype(d).name)
def test_prelu_one_slope_per_channel(dtype):
    x = np.array([[-2.0, -1.5, 3.0], [4.0, -0.75, -8.0], [-1e4, 2.5, -np.inf]], dtype=dtype)
    y = actlib.prelu(x, alpha=SLOPES)
    g = actlib.prelu.grad(x, alpha=SLOPES)
    assert y.dtype == dtype and g.dtype == dtype and y.shape == x.shape
    r = reference.ref("prelu")
    for (i, c), xv in np.ndenumerate(x):
        exact = r.value(to_mpf(xv), alpha=float(SLOPES[c]))
        assert ulp_error(y[i, c], exact, dtype)[0] <= 1, (xv, SLOPES[c], y[i, c])  # alpha rounded to dtype
        assert ulp_error(g[i, c], r.deriv(to_mpf(xv), alpha=float(SLOPES[c])), dtype)[0] <= 0.5


def test_prelu_slope_column_broadcasts():
    x = np.array([[-1.0, 2.0], [-1.0, -3.0], [5.0, -2.0]])
    y = actlib.prelu(x, alpha=SLOPES[:, None])
    np.testing.assert_array_equal(y, [[-0.1, 2.0], [-0.25, -0.75], [5.0, 1.0]])


def test_prelu_rejects_a_bad_slope_array():
    with pytest.raises(ValueError, match="alpha"):
        actlib.prelu(np.ones(3), alpha=np.array([0.1, np.nan, 0.2]))


X = np.concatenate([-np.geomspace(1e-3, 1e3, 20000), np.geomspace(1e-3, 1e3, 100), [0.0]])
NEG = X < 0


def _train(fn, x=X, seed=11, **kw):
    return fn(x, training=True, rng=np.random.default_rng(seed), **kw)


@pytest.mark.parametrize(("lower", "upper"), [(1 / 8, 1 / 3), (0.2, 0.4), (0.3, 0.3)])
def test_rrelu_training_draws_uniform_slopes(lower, upper):
    kw = {"lower": lower, "upper": upper} if (lower, upper) != (1 / 8, 1 / 3) else {}
    y = _train(actlib.rrelu, **kw)
    np.testing.assert_array_equal(y[~NEG], X[~NEG])  # x ≥ 0 passes through
    a = y[NEG] / X[NEG]
    assert np.all(a >= lower * (1 - 1e-15)) and np.all(a <= upper * (1 + 1e-15))
    if upper > lower:
        assert len(np.unique(a)) > 0.99 * a.size, "one slope per element"
        assert stats.kstest((a - lower) / (upper - lower), "uniform").pvalue > 1e-3


def test_rrelu_training_gradient_uses_the_same_draw():
    y, g = _train(actlib.rrelu), _train(actlib.rrelu.grad)
    np.testing.assert_allclose(g[NEG], y[NEG] / X[NEG], rtol=4e-16)
    np.testing.assert_array_equal(g[X > 0], 1.0)
    assert 1 / 8 <= g[X == 0][0] <= 1 / 3          # at the kink, the drawn slope (PyTorch convention)
    np.testing.assert_array_equal(_train(actlib.rrelu), y)  # same seed, same slopes
    assert not np.array_equal(_train(actlib.rrelu, seed=12)[NEG], y[NEG])


def test_rrelu_training_keeps_dtype_and_shape():
    x = X[:600].reshape(20, 30).astype(np.float32)
    for fn in (actlib.rrelu, actlib.rrelu.grad):
        out = _train(fn, x)
        assert out.dtype == np.float32 and out.shape == x.shape


def test_rrelu_eval_mode_is_the_mean_slope():
    y = actlib.rrelu(X, lower=0.1, upper=0.5)
    np.testing.assert_allclose(y[NEG], 0.3 * X[NEG], rtol=1e-15)
    np.testing.assert_array_equal(actlib.rrelu(X, lower=0.1, upper=0.5, training=False), y)


# --------------------------------------------------------------------------- parameters beyond the input's dtype
# float16/32 input: a parameter that does not fit the working dtype (float32; |p| > max or 0 < |p| < tiny) would
# round to ±inf or 0 there, so the call is computed in float64 and rounded once. The expected values are mpmath's.
BEYOND = [
    ("elu", {"alpha": 1e39}, [2.0, -1.0, -1e-30, 0.0]),
    ("celu", {"alpha": 1e39}, [-1.0, -1e30, 3.0]),
    ("leaky_relu", {"alpha": 1e39}, [-1e-30, -1e-10, 5.0]),
    ("prelu", {"alpha": 1e-40}, [-1e30, -1e10, 2.0]),
    ("rrelu", {"lower": 1e39, "upper": 1e39}, [-1e-30, 0.0, 1.0]),
    ("binary_step", {"threshold": 1e-300}, [0.0, 1e-45, -1e-45]),
    ("thresholded_relu", {"threshold": 1e-45}, [1.4e-45, 0.0]),
    ("softplus", {"beta": 1e-300}, [1.0, -1.0, 0.0]),
    ("softplus", {"beta": 1e39}, [-1e-38, 1e-38, 1.0]),
    ("general_relu", {"alpha": 1e-40, "threshold": 1e-41}, [-1e30, 1.0]),
    ("general_relu", {"max_value": 1.5e-45}, [1.4e-45, 1.0]),
    ("soft_shrink", {"threshold": 1e39}, [np.inf, -np.inf, 3e38]),
    ("hard_shrink", {"threshold": 1e-45}, [1.4e-45, -1.4e-45]),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float16], ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize(("fn", "params", "xs"), BEYOND, ids=[f"{n}-{p}" for n, p, _ in BEYOND])
def test_a_parameter_beyond_the_dtype_counts_in_full(fn, params, xs, dtype):
    act = actlib.get(fn)
    with np.errstate(over="ignore", under="ignore"):
        x = np.array(xs, dtype=dtype)
    for which, call in (("value", act), ("derivative", act.grad)):
        got = call(x, **params)
        assert got.dtype == dtype
        failures = reference.accuracy_failures(fn, params, x, got, which)
        assert not failures, f"{fn}{params} {which}:\n" + "\n".join(failures)


def test_the_reported_cases():
    assert actlib.elu(np.float32([2.0]), alpha=1e39)[0] == 2.0
    assert actlib.binary_step(np.float32(0), threshold=1e-300) == 0.0
    np.testing.assert_array_equal(actlib.softmax(np.float32([1.0, 2.0]), temperature=1e-300), [0.0, 1.0])


# --------------------------------------------------------------------------- formulas in the parameters
@pytest.mark.parametrize(("fn", "params", "xs"), [
    ("rrelu", {"lower": 1e308, "upper": 1e308}, [0.0, -1e-300, 2.0]),        # (lower + upper)/2 overflows
    ("rrelu", {"lower": 1.7e308, "upper": 1.79e308}, [-1e-300, 0.0]),
    ("rrelu", {"lower": 0.0, "upper": 5e-324}, [-9007199254740991.0]),     # the mean slope is below 5e-324
    ("general_relu", {"alpha": 0.25, "threshold": 1e308}, [-1e308, 0.0, -np.inf]),   # x − θ overflows
    ("celu", {"alpha": 1e300}, [-1e-10, -1e-200, -1.0]),       # x/α is subnormal: few digits
    ("squareplus", {"beta": 5e-324}, [-1e-170, -1e-300, 0.0]),   # β/4 is below 5e-324
    ("squareplus", {"beta": 0.0}, [5e-324, 1e-310, -5e-324]),    # |x|/2 + r/2 rounds away a subnormal x
    ("silu", {"beta": 5e-324}, [-np.inf, np.inf, -1e300]),       # limits at ±∞ with a tiny β
], ids=lambda v: v if isinstance(v, str) else None)
def test_extreme_parameters_in_float64(fn, params, xs):
    act = actlib.get(fn)
    x = np.array(xs)
    for which, call in (("value", act), ("derivative", act.grad)):
        failures = reference.accuracy_failures(fn, params, x, call(x, **params), which)
        assert not failures, f"{fn}{params} {which}:\n" + "\n".join(failures)


def test_rrelu_training_with_huge_bounds():
    y = actlib.rrelu(np.array([-1e-300, 0.0]), lower=1e308, upper=1.7e308, training=True, rng=np.random.default_rng(1))
    assert -1.7e8 <= y[0] <= -1e8 and y[1] == 0.0


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=lambda d: np.dtype(d).name)
def test_a_parameter_array_beyond_the_dtype(dtype):
    """One slope beyond float32 puts the whole call in float64; each element as mpmath has it."""
    x = np.array([[-1.0, -1e-30], [-2.0, 3.0]], dtype=dtype)
    alpha = np.array([0.25, 1e39])
    y = actlib.prelu(x, alpha=alpha)
    assert y.dtype == dtype
    r = reference.ref("prelu")
    for (i, c), xv in np.ndenumerate(x):
        assert ulp_error(y[i, c], r.value(to_mpf(xv), alpha=float(alpha[c])), dtype)[0] <= 1, (xv, alpha[c], y[i, c])


EDGES = sorted({s * m for s in (1, -1) for m in (0.0, 5e-324, 1e-300, 1e-40, 1e-8, 0.5, 1.0, 2.0, 1e5, 3.5e38, 1e300)})


def _bitwise(a, b) -> bool:
    """Equal, NaN where NaN, and every zero of the same sign."""
    numbers = ~np.isnan(a)
    return np.array_equal(a, b, equal_nan=True) and np.array_equal(np.signbit(a[numbers]), np.signbit(b[numbers]))


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.float16], ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize(("fn", "param"), [(n, p) for n, ps in SPEC_PARAMS.items() for p in ps
                                           if isinstance(actlib.get(n), actlib.Activation)],
                         ids=lambda v: v if isinstance(v, str) else None)
def test_a_parameter_array_gives_each_entry_what_its_scalar_gives(fn, param, dtype):
    """An array of a parameter takes no other path than the scalar: each entry bit for bit the same."""
    act = actlib.get(fn)
    info = np.finfo(dtype)
    x = np.array([0.0, -0.0, info.smallest_subnormal, -info.tiny, 1e-8, -0.5, 1.0, -3.0, 30.0, -710.0, info.max,
                  -info.max, np.inf, -np.inf, np.nan], dtype=dtype)
    low, high, low_closed, high_closed = SPEC_PARAMS[fn][param].valid or reference.REALS
    for value in EDGES:
        if not ((value >= low if low_closed else value > low) and (value <= high if high_closed else value < high)):
            continue
        given = {param: value}
        if fn == "rrelu":   # lower ≤ upper
            given = {"lower": min(value, 0.125), "upper": max(value, 0.125)}
        for call in (act, act.grad):
            as_arrays = {k: np.full(x.shape, v) for k, v in given.items()}
            assert _bitwise(call(x, **given), call(x, **as_arrays)), (given, call)
