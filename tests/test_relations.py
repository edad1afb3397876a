"""Identities that tie activations to each other: general_relu's special cases, the sparse sigmoid as a rescaled
hard tanh, softmin as softmax of −x and crelu as two ReLUs side by side. Each side is computed by its own
definition, so a change to either one that breaks the identity fails here."""

import actlib
import numpy as np
import pytest

X = np.concatenate([np.arange(-8, 8.001, 1 / 64), [-1e300, 1e300, -np.inf, np.inf, np.nan]])
RNG = np.random.default_rng(3)
LANES = np.round(RNG.uniform(-6, 6, (5, 4, 6)) * 16) / 16


def _same(a, b):
    np.testing.assert_array_equal(np.asarray(a), np.asarray(b))


@pytest.mark.parametrize(("other", "params"), [
    ("relu", {}),
    ("leaky_relu", {"alpha": 0.2}),
    ("thresholded_relu", {"threshold": 1.0}),
    ("relu6", {"max_value": 6.0}),
], ids=["relu", "leaky_relu", "thresholded_relu", "relu6"])
def test_general_relu_holds_the_relu_family(other, params):
    """Keras's relu with one knob turned is ReLU, leaky ReLU, the thresholded ReLU and ReLU6, kinks included."""
    kwargs = {k: v for k, v in params.items() if k != "max_value"}
    target = actlib.get(other)
    _same(actlib.general_relu(X, **params), target(X, **kwargs))
    _same(actlib.general_relu.grad(X, **params), target.grad(X, **kwargs))


def test_a_capped_general_relu_is_hard_tanh_moved_to_zero_and_m():
    """max_value = m clips to [0, m] as hard_tanh clips to [−1, 1]: f(x) = (m/2)·(hardtanh(2x/m − 1) + 1)."""
    for m in (2.0, 0.5, 8.0):
        np.testing.assert_allclose(actlib.general_relu(X, max_value=m), m / 2 * (actlib.hard_tanh(2 * X / m - 1) + 1),
                                   rtol=1e-15, atol=1e-15)


def test_sparse_sigmoid_is_a_rescaled_hard_tanh():
    """sparse_sigmoid(x) = (hardtanh(x) + 1)/2 = hard_sigmoid(3x), slopes 0 at the kinks on both sides."""
    _same(actlib.sparse_sigmoid(X), (actlib.hard_tanh(X) + 1) / 2)
    _same(actlib.sparse_sigmoid.grad(X), actlib.hard_tanh.grad(X) / 2)
    np.testing.assert_allclose(actlib.sparse_sigmoid(X), actlib.hard_sigmoid(3 * X), rtol=1e-15, atol=1e-16)


def test_sparse_plus_meets_relu_outside_the_parabola():
    outside = np.abs(X) >= 1
    _same(actlib.sparse_plus(X)[outside], actlib.relu(X)[outside])


@pytest.mark.parametrize("axis", [0, 1, -1])
def test_softmin_is_softmax_of_minus_x(axis):
    g = RNG.normal(size=LANES.shape)
    _same(actlib.softmin(LANES, axis=axis), actlib.softmax(-LANES, axis=axis))
    _same(actlib.softmin.jacobian(LANES, axis=axis), -actlib.softmax.jacobian(-LANES, axis=axis))
    _same(actlib.softmin.vjp(LANES, g, axis=axis), -actlib.softmax.vjp(-LANES, g, axis=axis))


@pytest.mark.parametrize("axis", [0, 1, -1])
def test_crelu_is_relu_of_x_beside_relu_of_minus_x(axis):
    x = np.concatenate([LANES, np.zeros_like(LANES[:1])])  # zeros: the kink, slope 0 in both halves
    upper, lower = np.split(actlib.crelu(x, axis=axis), 2, axis=axis)
    _same(upper, actlib.relu(x))
    _same(lower, actlib.relu(-x))
    g = RNG.normal(size=actlib.crelu(x, axis=axis).shape)
    g_upper, g_lower = np.split(g, 2, axis=axis)
    np.testing.assert_allclose(actlib.crelu.vjp(x, g, axis=axis),
                               g_upper * actlib.relu.grad(x) - g_lower * actlib.relu.grad(-x), rtol=1e-15, atol=0)
