"""Parameters with behaviour of their own: PReLU's per-channel slopes, RReLU's random slopes."""

import actlib
import numpy as np
import pytest
from scipy import stats

import reference
from reference import to_mpf, ulp_error

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
