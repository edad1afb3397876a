"""actlib.nn, the small numpy network of the demonstrations.

Every reference value comes from outside the code under test: central finite differences of
the forward pass for the gradients, formulas written here for the losses and the
initialisers (mpmath where float64 overflows), hand-built networks whose dead units and
gradients are known in advance, gradient descent written out for the divergence test. Bad
input must raise TypeError or ValueError naming the function, the argument and what is allowed.
"""

import math

import mpmath
import numpy as np
import pytest

import actlib
from actlib import data, nn
import reference
from raising import raises

H = 1e-6  # step of the central differences (float64 everywhere)


def numeric_gradient(loss, array: np.ndarray, h: float = H) -> np.ndarray:
    """∂loss/∂array by central differences, one entry at a time (array perturbed in place)."""
    grad = np.zeros(array.shape)
    for index in np.ndindex(array.shape):
        keep = array[index]
        array[index] = keep + h
        up = loss()
        array[index] = keep - h
        down = loss()
        array[index] = keep
        grad[index] = (up - down) / (2 * h)
    return grad


def assert_close(analytic, numeric, what: str) -> None:
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-7, err_msg=what)


def upstream(shape, seed=1) -> np.ndarray:
    """A fixed random ∂L/∂(output): the layer is checked through L = Σ G ⊙ output."""
    return np.random.default_rng(seed).normal(size=shape)


# --------------------------------------------------------------------------- layers


def test_dense_gradients():
    rng = np.random.default_rng(0)
    layer = nn.Dense(rng.normal(size=(3, 4)), rng.normal(size=4))
    x = rng.normal(size=(5, 3))
    G = upstream((5, 4))

    def loss():
        return float(np.sum(G * layer.forward(x)))

    loss()
    dx = layer.backward(G)
    assert_close(dx, numeric_gradient(loss, x), "Dense: ∂L/∂x")
    assert_close(layer.grads["W"], numeric_gradient(loss, layer.W), "Dense: ∂L/∂W")
    assert_close(layer.grads["b"], numeric_gradient(loss, layer.b), "Dense: ∂L/∂b")


ELEMENTWISE = [n for n in actlib.names() if isinstance(actlib.get(n), actlib.Activation)]
# Non-default parameters as well; their kinks move with them (threshold) and are avoided below.
EXTRA = [("leaky_relu", {"alpha": 0.2}), ("prelu", {"alpha": 0.6}), ("elu", {"alpha": 0.5}),
         ("celu", {"alpha": 2.0}), ("softplus", {"beta": 3.0}), ("silu", {"beta": 1.7}),
         ("gelu", {"approximate": "tanh"}), ("squareplus", {"beta": 1.0}),
         ("thresholded_relu", {"threshold": 0.4}), ("soft_shrink", {"threshold": 1.2}),
         ("rrelu", {"lower": 0.1, "upper": 0.3})]
CASES = [(n, {}) for n in ELEMENTWISE] + EXTRA
# Points where a common activation is not differentiable: ReLU-like kinks at 0, clipping at ±1,
# ±3 and 6 (hard_tanh, hard_sigmoid, hard_swish, relu6), shrinkage thresholds at ±0.5.
SUSPECT = {0.0, 0.5, -0.5, 1.0, -1.0, 3.0, -3.0, 6.0}


def smooth_points(kinks, shape=(6, 4), seed=0, gap=0.01) -> np.ndarray:
    """Points in (−7, 7) at least ``gap`` away from every kink (so f is differentiable there)."""
    kinks = np.array(sorted(kinks))
    candidates = np.random.default_rng(seed).uniform(-7, 7, 1000)
    keep = candidates[np.all(np.abs(candidates[:, None] - kinks[None, :]) > gap, axis=1)]
    return keep[:math.prod(shape)].reshape(shape)


@pytest.mark.parametrize("act_name, kwargs", CASES, ids=[n + "".join(f"[{k}={v}]" for k, v in kw.items())
                                                     for n, kw in CASES])
def test_activation_layer_gradient(act_name, kwargs):
    layer = nn.Act(act_name, **kwargs)
    act = actlib.get(act_name)
    kinks = SUSPECT | set(act.properties.kinks)
    kinks |= {s * v for k, v in kwargs.items() if k == "threshold" for s in (1, -1)}
    z = smooth_points(kinks)
    G = upstream(z.shape)

    def loss():
        return float(np.sum(G * layer.forward(z)))

    loss()
    assert_close(layer.backward(G), numeric_gradient(loss, z), f"Act({act_name}, {kwargs}): ∂L/∂z")
    assert layer.params == {}


def test_every_registered_elementwise_activation_is_checked():
    assert set(ELEMENTWISE) <= {name for name, _ in CASES}
    assert "softmax" not in ELEMENTWISE and "relu" in ELEMENTWISE


def test_random_rrelu_backward_uses_the_forward_slopes():
    """In training mode rrelu draws a slope per element; backward must reuse those very slopes."""
    rng = np.random.default_rng(3)
    layer = nn.Act("rrelu", training=True, rng=rng)
    z = -np.linspace(0.5, 3.0, 12).reshape(3, 4)        # all negative: a = slope · z
    a = layer.forward(z)
    slopes = a / z
    assert np.all((0.125 <= slopes) & (slopes <= 1 / 3))
    assert len(np.unique(slopes)) == slopes.size          # really one draw per element
    np.testing.assert_allclose(layer.backward(np.ones_like(z)), slopes, rtol=1e-12)
    np.testing.assert_allclose(layer.slope(), slopes, rtol=1e-12)   # asked twice: the same
    assert not np.allclose(layer.forward(z) / z, slopes)  # the next pass draws new slopes


@pytest.mark.parametrize("alpha", [0.3, [0.1, 0.25, 0.5, -0.2]], ids=["shared", "per_unit"])
def test_prelu_gradients(alpha):
    layer = nn.PReLU(4, alpha=alpha)
    z = smooth_points({0.0}, shape=(6, 4), seed=2)
    G = upstream(z.shape)

    def loss():
        return float(np.sum(G * layer.forward(z)))

    loss()
    dz = layer.backward(G)
    assert_close(dz, numeric_gradient(loss, z), "PReLU: ∂L/∂z")
    d_alpha = layer.grads["alpha"]
    assert np.shape(d_alpha) == np.shape(alpha)
    assert_close(d_alpha, numeric_gradient(loss, layer.alpha), "PReLU: ∂L/∂α")
    # the formula: ∂L/∂α = Σ G · min(z, 0), over the rows (and the units when α is shared)
    per_unit = (G * np.minimum(z, 0)).sum(axis=0)
    assert_close(d_alpha, per_unit if np.ndim(alpha) else per_unit.sum(), "PReLU: ∂L/∂α formula")


def test_prelu_alpha_is_a_copy_and_learns():
    start = np.full(5, 0.25)
    X, y = data.xor(40, seed=0)
    net = nn.mlp([2, 5, 1], ("prelu", {"alpha": start}), seed=0)
    history = net.fit(X, y, epochs=5, optimizer=nn.Adam(0.05))
    assert np.array_equal(start, np.full(5, 0.25))      # the caller's array is untouched
    alphas = history.alpha(0)
    assert alphas.shape == (6, 5)
    assert np.array_equal(alphas[0], start) and not np.array_equal(alphas[-1], start)


# --------------------------------------------------------------------------- output heads


def _log_sigmoid_naive(z):
    return -np.log1p(np.exp(-z))


HEAD_CASES = {
    # name: (outputs, targets(n, rng), reference loss written from the formula)
    "sigmoid": (1, lambda n, rng: rng.integers(0, 2, n),
                lambda z, y: -np.mean(y * _log_sigmoid_naive(z[:, 0]) + (1 - y) * _log_sigmoid_naive(-z[:, 0]))),
    "softmax": (3, lambda n, rng: rng.integers(0, 3, n),
                lambda z, y: -np.mean(np.log(np.exp(z[np.arange(len(y)), y]) / np.exp(z).sum(axis=1)))),
    "identity": (2, lambda n, rng: rng.normal(size=(n, 2)),
                 lambda z, y: np.mean((z - y) ** 2)),
}


@pytest.mark.parametrize("head", list(HEAD_CASES))
def test_output_head_loss_and_gradient(head):
    k, make_y, reference = HEAD_CASES[head]
    rng = np.random.default_rng(4)
    n = 7
    z = rng.normal(scale=2.0, size=(n, k))
    y = make_y(n, rng)
    h = nn.HEADS[head]()
    t = h.targets(y, n, k)
    np.testing.assert_allclose(h.loss(z, t), reference(z, y), rtol=1e-12)
    assert_close(h.grad(z, t), numeric_gradient(lambda: h.loss(z, t), z), f"{head}: ∂L/∂z")


@pytest.mark.parametrize("output, sizes, make_y", [
    ("sigmoid", [3, 5, 4, 1], lambda rng, n: rng.integers(0, 2, n)),
    ("softmax", [3, 5, 4, 3], lambda rng, n: rng.integers(0, 3, n)),
    ("identity", [3, 5, 4, 2], lambda rng, n: rng.normal(size=(n, 2))),
])
def test_whole_network_gradient(output, sizes, make_y):
    """Backpropagation through Dense, tanh, PReLU (one α per unit) and each head."""
    rng = np.random.default_rng(5)
    X = rng.normal(size=(8, 3))
    y = make_y(rng, 8)
    net = nn.mlp(sizes, ["tanh", ("prelu", {"alpha": np.array([0.1, 0.2, 0.3, 0.4])})], output=output,
                 bias=0.1, seed=1)
    net.backward(X, y)
    analytic = [g.copy() for g in net.gradients]
    assert len(analytic) == len(net.parameters) == 7      # W, b, W, b, α, W, b
    for i, (param, grad) in enumerate(zip(net.parameters, analytic)):
        assert_close(grad, numeric_gradient(lambda: net.loss(X, y), param), f"parameter {i}")


# --------------------------------------------------------------------------- gated layers


def _gated_reference(name: str, z: np.ndarray) -> np.ndarray:
    """u ⊙ g(v) row by row from the mpmath definitions of tests/reference.py (halves z = [u; v])."""
    return np.array([[float(value) for value in reference.vector_value(name, row.tolist())] for row in z])


@pytest.mark.parametrize("gate", nn.GATES)
def test_gated_forward_matches_mpmath(gate):
    z = smooth_points([0.0], shape=(5, 6), seed=3)
    layer = nn.Gated(gate)
    a = layer.forward(z)
    assert a.shape == (5, 3)
    np.testing.assert_allclose(a, _gated_reference(gate, z), rtol=1e-13, atol=1e-300)


@pytest.mark.parametrize("gate", nn.GATES)
def test_gated_backward_matches_finite_differences(gate):
    z = smooth_points([0.0], shape=(4, 6), seed=4)
    g = upstream((4, 3))
    layer = nn.Gated(gate)
    layer.forward(z)
    dz = layer.backward(g)
    assert_close(dz, numeric_gradient(lambda: float(np.sum(g * _gated_reference(gate, z))), z), f"{gate}: ∂L/∂z")


@pytest.mark.parametrize("gate", nn.GATES)
def test_whole_network_gradient_through_a_gated_layer(gate):
    """Dense → Gated → Dense → tanh → Dense and a softmax head; ReGLU's kink is avoided by the random inputs."""
    rng = np.random.default_rng(6)
    X, y = rng.normal(size=(8, 3)), rng.integers(0, 3, 8)
    net = nn.mlp([3, 4, 2, 3], [gate, "tanh"], output="softmax", bias=0.1, seed=2)
    assert [d.W.shape for d in net.dense] == [(3, 8), (4, 2), (2, 3)]
    net.backward(X, y)
    analytic = [g.copy() for g in net.gradients]
    assert len(analytic) == len(net.parameters) == 6
    for i, (param, grad) in enumerate(zip(net.parameters, analytic)):
        assert_close(grad, numeric_gradient(lambda: net.loss(X, y), param), f"{gate}, parameter {i}")


def test_a_gated_network_is_the_formula_written_out():
    """mlp([3, 2, 1], "swiglu"): p = σ(((X W₁ + b₁) split as [u; v], u ⊙ v σ(v)) W₂ + b₂), in numpy."""
    rng = np.random.default_rng(7)
    X = rng.normal(size=(6, 3))
    net = nn.mlp([3, 2, 1], "swiglu", init="he", seed=0)
    W1, b1, W2, b2 = net.parameters
    u, v = np.split(X @ W1 + b1, 2, axis=1)
    expected = (u * v / (1 + np.exp(-v))) @ W2 + b2
    np.testing.assert_allclose(net.forward(X), expected, rtol=1e-12)
    (z, a), = net.trace(X)
    assert z.shape == (6, 4) and a.shape == (6, 2)


def test_dead_share_of_a_gated_layer():
    """ReGLU unit i passes nothing where v_i ≤ 0 on every row; a sigmoid gate (GLU) never closes fully."""
    X, _ = data.xor(50, noise=0.2, seed=0)                        # |x| < 3
    W = np.array([[1.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, 1.0]])    # u = (x₀, x₀ + x₁), v = (0·x, x₁)
    for name, bias, dead in (("reglu", [0, 0, -100, 0], [0.5]), ("reglu", [0, 0, -100, -100], [1.0]),
                             ("reglu", [0, 0, 1, 0], [0.0]), ("glu", [0, 0, -10, -10], [0.0])):
        layers = [nn.Dense(W, np.array(bias, dtype=float)), nn.Gated(name), nn.Dense(np.ones((2, 1)), np.zeros(1))]
        assert nn.MLP(layers, nn.SigmoidBCE()).dead_share(X).tolist() == dead, (name, bias)


def test_a_gated_network_learns_xor():
    X, y = data.xor(200, noise=0.2, seed=0)
    net = nn.mlp([2, 4, 1], "geglu", init="he", seed=0)
    history = net.fit(X, y, epochs=60, batch_size=32, optimizer=nn.Adam(0.05))
    assert history.loss[-1] < 0.2 * history.loss[0] and history.accuracy[-1] > 0.95


def test_gated_repr():
    net = nn.mlp([64, 13, 10], "swiglu", output="softmax", seed=0)
    assert repr(net) == "<MLP 64-13-10, hidden: swiglu (gated), output: softmax>"
    assert [d.W.shape for d in net.dense] == [(64, 26), (13, 10)]
    assert repr(nn.mlp([2, 3, 4, 1], ["tanh", "glu"])) == "<MLP 2-3-4-1, hidden: tanh, glu (gated), output: sigmoid>"
    assert repr(nn.Gated("geglu")) == "Gated('geglu')"


# --------------------------------------------------------------------------- training


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_xor_is_learned_perfectly(activation):
    X, y = data.xor(200, noise=0.2, seed=0)
    net = nn.mlp([2, 4, 1], activation, seed=0)
    history = net.fit(X, y, epochs=100, optimizer=nn.Adam(0.05))
    assert np.mean(net.predict(X) == y) == 1.0
    assert history.accuracy[-1] == 1.0
    assert history.loss[-1] < history.loss[0] / 10


def test_a_linear_classifier_cannot_learn_xor_but_learns_a_line():
    X, y = data.xor(4, noise=0.0)                       # the bare truth table
    net = nn.mlp([2, 1], seed=0)
    net.fit(X, y, epochs=300, batch_size=None, optimizer=nn.Adam(0.1))
    assert np.mean(net.predict(X) == y) <= 0.75         # no line puts the 4 corners right
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 2))
    y = (X[:, 0] + 2 * X[:, 1] > 0.3).astype(int)
    net = nn.mlp([2, 1], seed=0)
    net.fit(X, y, epochs=200, optimizer=nn.Adam(0.1))
    assert np.mean(net.predict(X) == y) >= 0.98


def _train(seed, optimizer):
    X, y = data.xor(120, noise=0.3, seed=0)
    net = nn.mlp([2, 6, 1], "relu", seed=seed)
    history = net.fit(X, y, epochs=15, batch_size=16, optimizer=optimizer)
    return net, history


@pytest.mark.parametrize("make_optimizer", [lambda: nn.Adam(0.02), lambda: nn.SGD(0.1, momentum=0.9)],
                         ids=["adam", "sgd"])
def test_training_is_reproducible(make_optimizer):
    net_a, hist_a = _train(7, make_optimizer())
    net_b, hist_b = _train(7, make_optimizer())
    net_c, hist_c = _train(8, make_optimizer())
    assert all(np.array_equal(p, q) for p, q in zip(net_a.parameters, net_b.parameters))
    assert hist_a.loss == hist_b.loss and hist_a.accuracy == hist_b.accuracy
    assert not np.array_equal(net_a.parameters[0], net_c.parameters[0])
    assert hist_a.loss != hist_c.loss


def test_sgd_step_follows_its_formula():
    p = np.array([1.0, -2.0])
    sgd = nn.SGD(lr=0.5, momentum=0.9)
    sgd.step([p], [np.array([0.2, 0.4])])   # v = g
    sgd.step([p], [np.array([0.2, 0.4])])   # v = 0.9 g + g
    np.testing.assert_allclose(p, [1.0 - 0.5 * 0.2 - 0.5 * 1.9 * 0.2, -2.0 - 0.5 * 0.4 - 0.5 * 1.9 * 0.4])


def test_adam_first_step_moves_each_parameter_by_lr():
    """With bias correction, Adam's first step is lr · g/(|g| + ε): lr in the direction of −g."""
    p = np.array([1.0, 1.0, 1.0])
    g = np.array([3.0, -0.5, 1e-3])
    nn.Adam(lr=0.01, eps=1e-8).step([p], [g])
    np.testing.assert_allclose(p, 1 - 0.01 * g / (np.abs(g) + 1e-8), rtol=1e-12)
    np.testing.assert_allclose(p, [0.99, 1.01, 0.99], rtol=1e-6)


def test_history_has_one_entry_per_epoch_and_validation():
    X, y = data.xor(40, seed=1)
    Xv, yv = data.xor(20, seed=2)
    net = nn.mlp([2, 3, 3, 1], "relu", seed=0)
    history = net.fit(X, y, epochs=4, validation=(Xv, yv))
    for series in (history.loss, history.accuracy, history.grad_norms, history.dead_share,
                   history.val_loss, history.val_accuracy):
        assert len(series) == 5
    assert history.grad_norms[0].shape == (3,) and history.dead_share[0].shape == (2,)
    assert history.val_loss[-1] == net.loss(Xv, yv)


# --------------------------------------------------------------------------- initialisation

FAN_IN, FAN_OUT = 800, 600     # 480 000 weights: the sample std is within 0.1 % of σ (1 s.d.)


@pytest.mark.parametrize("init, activation, expected", [
    ("he", "relu", math.sqrt(2 / FAN_IN)),
    ("kaiming", "relu", math.sqrt(2 / FAN_IN)),
    ("he", ("leaky_relu", {"alpha": 0.2}), math.sqrt(2 / ((1 + 0.2**2) * FAN_IN))),
    ("he", ("prelu", {"alpha": 0.25}), math.sqrt(2 / ((1 + 0.25**2) * FAN_IN))),
    ("xavier", "tanh", math.sqrt(2 / (FAN_IN + FAN_OUT))),
    ("glorot", "tanh", math.sqrt(2 / (FAN_IN + FAN_OUT))),
    ("lecun", "selu", math.sqrt(1 / FAN_IN)),
    (0.05, "tanh", 0.05),
])
def test_initial_weights_have_the_formula_std(init, activation, expected):
    net = nn.mlp([FAN_IN, FAN_OUT, 1], activation, init=init, seed=0)
    W = net.dense[0].W
    assert W.shape == (FAN_IN, FAN_OUT)
    assert abs(W.std() / expected - 1) < 0.01
    assert abs(W.mean()) < 0.01 * expected
    assert np.all(net.dense[0].b == 0)
    assert nn.init_std(init, FAN_IN, FAN_OUT, _slope(activation)) == pytest.approx(expected, rel=1e-12)


def _slope(activation):
    return activation[1]["alpha"] if isinstance(activation, tuple) else 0.0


def test_the_three_initialisers_differ():
    """The check above can tell them apart: the three σ differ by far more than the tolerance."""
    stds = [nn.init_std(i, FAN_IN, FAN_OUT) for i in ("he", "xavier", "lecun")]
    assert min(abs(a / b - 1) for a in stds for b in stds if a != b) > 0.05


# --------------------------------------------------------------------------- diagnostics


def _hand_made(bias):
    """2 inputs → 3 ReLU units (W fixed, biases given) → 1 sigmoid output."""
    W1 = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, -1.0]])
    layers = [nn.Dense(W1, np.array(bias, dtype=float)), nn.Act("relu"),
              nn.Dense(np.array([[1.0], [-1.0], [0.5]]), np.zeros(1))]
    return nn.MLP(layers, nn.SigmoidBCE())


def test_dead_share_of_hand_made_networks():
    X, y = data.xor(100, noise=0.2, seed=0)               # all inputs lie within |x| < 3
    assert _hand_made([-100, -100, -100]).dead_share(X).tolist() == [1.0]
    assert _hand_made([0, -100, 0]).dead_share(X).tolist() == pytest.approx([1 / 3])
    assert _hand_made([0, 0, 0]).dead_share(X).tolist() == [0.0]
    assert nn.mlp([2, 8, 1], "relu", bias=-50, seed=0).dead_share(X).tolist() == [1.0]
    # tanh′ > 0 everywhere (stably computed, no underflow to 0 at these inputs): never dead
    assert nn.mlp([2, 8, 1], "tanh", bias=-5, seed=0).dead_share(X).tolist() == [0.0]
    # a leaky ReLU never dies, whatever the bias
    assert nn.mlp([2, 8, 1], ("leaky_relu", {"alpha": 0.01}), bias=-50).dead_share(X).tolist() == [0.0]


def test_a_dead_layer_passes_no_gradient():
    X, y = data.xor(100, noise=0.2, seed=0)
    assert _hand_made([-100, -100, -100]).gradient_norms(X, y).tolist() == [0.0, 0.0]
    norms = _hand_made([0, -100, 0]).gradient_norms(X, y)
    assert norms.shape == (2,) and np.all(norms > 0)


def test_gradient_norms_of_logistic_regression_match_the_formula():
    """For p = σ(Xw + b) and binary cross-entropy, ∂L/∂w = Xᵀ(p − y)/n."""
    X, y = data.xor(60, noise=0.5, seed=3)
    net = nn.mlp([2, 1], seed=4)
    w, b = net.dense[0].W, net.dense[0].b
    p = 1 / (1 + np.exp(-(X @ w + b)[:, 0]))
    expected = np.linalg.norm(X.T @ (p - y) / len(y))
    np.testing.assert_allclose(net.gradient_norms(X, y), [expected], rtol=1e-12)


def test_gradient_norms_match_finite_differences():
    X, y = data.xor(30, noise=0.3, seed=5)
    net = nn.mlp([2, 4, 3, 1], ["tanh", "sigmoid"], seed=6)
    expected = [np.linalg.norm(numeric_gradient(lambda: net.loss(X, y), layer.W)) for layer in net.dense]
    np.testing.assert_allclose(net.gradient_norms(X, y), expected, rtol=1e-6)


def test_trace_returns_pre_activations_and_activations():
    X, _ = data.xor(10, seed=0)
    net = nn.mlp([2, 3, 1], "relu", seed=0)
    (z, a), = net.trace(X)
    np.testing.assert_array_equal(z, X @ net.dense[0].W + net.dense[0].b)
    np.testing.assert_array_equal(a, np.maximum(z, 0))


def test_predict_proba_and_repr():
    X, _ = data.xor(10, seed=0)
    net = nn.mlp([2, 4, 3], "tanh", output="softmax", seed=0)
    p = net.predict_proba(X)
    assert p.shape == (10, 3) and np.allclose(p.sum(axis=1), 1)
    np.testing.assert_array_equal(net.predict(X), p.argmax(axis=1))
    assert repr(net) == "<MLP 2-4-3, hidden: tanh, output: softmax>"
    assert repr(nn.mlp([2, 1])) == "<MLP 2-1, hidden: none, output: sigmoid>"


# --------------------------------------------------------------------------- bad input


@pytest.fixture
def small():
    X, y = data.xor(8, seed=0)
    return nn.mlp([2, 3, 1], seed=0), X, y


@pytest.mark.parametrize("X", [np.zeros(4), np.zeros((4, 3)), np.zeros((2, 2, 2))], ids=["1-D", "3 columns", "3-D"])
def test_wrong_input_shape(small, X):
    net, _, _ = small
    with raises(ValueError, "MLP.predict", "X", "shape (rows, 2)"):
        net.predict(X)


def test_non_numeric_input_is_a_type_error(small):
    net, _, y = small
    with raises(TypeError, "MLP.predict", "X", "str"):
        net.predict("abc")
    with raises(TypeError, "MLP.predict", "X", "complex"):
        net.predict(np.ones((2, 2), dtype=complex))
    with raises(TypeError, "MLP.predict", "X", "NoneType"):
        net.predict(None)


@pytest.mark.parametrize("y, words", [
    (np.zeros(5), ["y must have 8 rows", "got 5"]),
    (np.full(8, 2), ["out of range", "row 0", "0 … 1"]),
    (np.full(8, 0.5), ["out of range", "row 0"]),
    (np.zeros((8, 2)), ["one class label per row"]),
    (np.array(["a"] * 8), ["y", "dtype"]),
])
def test_bad_labels(small, y, words):
    net, X, _ = small
    error = TypeError if y.dtype.kind == "U" else ValueError
    with raises(error, "MLP.fit", *words):
        net.fit(X, y, epochs=1, batch_size=None)


def test_softmax_labels_must_be_integers_in_range():
    X, _ = data.xor(6, seed=0)
    net = nn.mlp([2, 3, 3], output="softmax", seed=0)
    with raises(ValueError, "MLP.loss", "y", "row 4", "0 … 2"):
        net.loss(X, [0, 1, 2, 1, 3, 0])
    with raises(ValueError, "MLP.loss", "y", "row 1"):
        net.loss(X, [0, 1.5, 2, 1, 2, 0])
    with raises(ValueError, "MLP.loss", "y", "row 2"):
        net.loss(X, [0, 1, -1, 1, 2, 0])


def test_bad_regression_targets():
    net = nn.mlp([2, 3, 2], output="identity")
    with raises(ValueError, "MLP.loss", "y", "shape (4, 2)"):
        net.loss(np.zeros((4, 2)), np.zeros(4))
    with raises(ValueError, "MLP.predict_proba", "no class probabilities"):
        net.predict_proba(np.zeros((4, 2)))


# One NaN in the data used to turn every weight NaN without a word: every method that reads
# X or y refuses non-finite values, naming itself, the argument and the first bad row.
TAKES_X = ["forward", "predict", "predict_proba", "dead_share", "trace"]
TAKES_XY = ["fit", "backward", "loss", "accuracy", "gradient_norms"]


def _call(net, method, X, y):
    if method == "fit":
        return net.fit(X, y, epochs=2, batch_size=5)
    return getattr(net, method)(*((X, y) if method in TAKES_XY else (X,)))


@pytest.mark.parametrize("method", TAKES_X + TAKES_XY)
@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf], ids=["nan", "inf", "-inf"])
def test_non_finite_X_is_refused_naming_the_row(method, bad):
    X, y = data.xor(20, seed=0)
    X[3, 1] = bad
    net = nn.mlp([2, 3, 1], "relu", seed=0)
    before = [p.copy() for p in net.parameters]
    with raises(ValueError, f"MLP.{method}", "X", "finite", "row 3"):
        _call(net, method, X, y)
    assert all(np.array_equal(p, q) for p, q in zip(before, net.parameters))


@pytest.mark.parametrize("method", TAKES_XY)
@pytest.mark.parametrize("output", ["sigmoid", "identity"])
def test_non_finite_y_is_refused_naming_the_row(method, output):
    X, y = data.xor(20, seed=0)
    y = y.astype(float)
    y[5] = math.nan
    net = nn.mlp([2, 3, 1], "tanh", output=output, seed=0)
    with raises(ValueError, f"MLP.{method}", "y", "finite", "row 5"):
        _call(net, method, X, y)


def test_non_finite_validation_data_is_refused():
    X, y = data.xor(20, seed=0)
    Xv = X.copy()
    Xv[7, 0] = math.nan
    net = nn.mlp([2, 3, 1], seed=0)
    with raises(ValueError, "MLP.fit", "validation X", "row 7"):
        net.fit(X, y, epochs=1, batch_size=None, validation=(Xv, y))
    with raises(ValueError, "MLP.fit", "validation y", "row 0"):
        net.fit(X, y, epochs=1, batch_size=None, validation=(X, np.full(20, math.inf)))


@pytest.mark.parametrize("method", TAKES_X + TAKES_XY)
def test_empty_data_is_refused(method):
    """Zero rows used to give a NaN loss, a RuntimeWarning and '100 % dead units'."""
    net = nn.mlp([2, 3, 1], "relu", seed=0)
    with raises(ValueError, f"MLP.{method}", "X", "at least one row"):
        _call(net, method, np.zeros((0, 2)), np.zeros(0))


def _overflowing():
    """2 → 2 ReLU → 1: x = (1e308, 1e308) gives z = (+inf, +inf) in the hidden layer, then inf − inf = NaN."""
    return nn.MLP([nn.Dense(np.full((2, 2), 10.0), np.zeros(2)), nn.Act("relu"),
                   nn.Dense(np.array([[1.0], [-1.0]]), np.zeros(1))], nn.SigmoidBCE())


def test_overflowing_scores_are_an_error_not_a_nan():
    """Finite inputs that overflow inside the network: ValueError naming the row, no warning."""
    net = _overflowing()
    X = np.array([[0.1, 0.2], [1e308, 1e308], [0.3, 0.4]])
    with raises(ValueError, "MLP.predict", "row 1 of X", "not finite"):
        net.predict(X)
    np.testing.assert_array_equal(net.predict(X[[0, 2]]), [*net.predict(X[[0]]), *net.predict(X[[2]])])


# --------------------------------------------------------------------------- divergence


def _gradient_descent_by_hand(x, y, w, b, lr, epochs):
    """Full-batch gradient descent on L = mean((w x + b − y)²), written out: the losses, one per
    epoch, until the first that is not finite (which ends the list)."""
    losses = []
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(epochs + 1):
            r = w * x + b - y
            losses.append(float(np.mean(r**2)))
            if not math.isfinite(losses[-1]):
                break
            w, b = w - lr * 2 * np.mean(r * x), b - lr * 2 * np.mean(r)
    return losses


def test_divergence_stops_fit_and_keeps_the_history():
    """SGD with lr = 50 on a linear regression multiplies the error by about |1 − 2·lr| per step:
    the loss overflows after some 80 epochs. fit stops there, names the epoch, suggests a
    smaller learning rate and hands over what it measured; the weights stay finite."""
    x = np.linspace(-1, 1, 50)[:, None]
    y = 10 * x + 3
    net = nn.mlp([1, 1], output="identity", seed=0)
    w, b = float(net.dense[0].W[0, 0]), float(net.dense[0].b[0])
    expected = _gradient_descent_by_hand(x[:, 0], y[:, 0], w, b, 50.0, 1000)
    assert not math.isfinite(expected[-1]) and len(expected) > 10
    with pytest.raises(nn.DivergenceError) as caught:
        net.fit(x, y, epochs=1000, batch_size=None, optimizer=nn.SGD(lr=50.0))
    error = caught.value
    assert isinstance(error, FloatingPointError)
    assert error.epoch == len(expected) - 1
    np.testing.assert_allclose(error.history.loss, expected[:-1], rtol=1e-6)
    assert len(error.history.grad_norms) == error.epoch
    message = str(error)
    assert f"epoch {error.epoch}" in message and "smaller learning rate" in message and "lr = 50" in message
    assert all(np.isfinite(p).all() for p in net.parameters)


def test_divergence_within_an_epoch_leaves_the_last_finite_weights():
    X, y = data.xor(40, seed=0)
    net = nn.mlp([2, 4, 1], "relu", seed=0)
    with pytest.raises(nn.DivergenceError) as caught:
        net.fit(X, y, epochs=5, batch_size=8, optimizer=nn.Adam(lr=1e300))
    assert caught.value.epoch == 1 and len(caught.value.history.loss) == 1
    assert all(np.isfinite(p).all() for p in net.parameters)


def test_an_overflowing_step_moves_nothing():
    p = np.array([1e308, 1.0])
    with raises(ValueError, "SGD.step", "params[0]", "nothing was updated"):
        nn.SGD(lr=10.0).step([p], [np.array([-1e308, 1.0])])
    np.testing.assert_array_equal(p, [1e308, 1.0])


def test_huge_data_before_training_is_a_value_error():
    X = np.array([[0.0, 1.0], [1e308, 1e308]])
    with raises(ValueError, "MLP.fit", "before training", "X"):
        _overflowing().fit(X, [0, 1], batch_size=None)


# --------------------------------------------------------------------------- arguments


@pytest.mark.parametrize("make, error, words", [
    (lambda: nn.SGD(lr=0), ValueError, ["SGD", "lr must lie in (0, ∞)"]),
    (lambda: nn.SGD(lr=-0.1), ValueError, ["SGD", "lr"]),
    (lambda: nn.SGD(lr=math.nan), ValueError, ["SGD", "lr"]),
    (lambda: nn.SGD(lr=math.inf), ValueError, ["SGD", "lr"]),
    (lambda: nn.SGD(lr=10**400), ValueError, ["SGD", "lr", "too large"]),
    (lambda: nn.Adam(lr=0), ValueError, ["Adam", "lr"]),
    (lambda: nn.SGD(lr="0.1"), TypeError, ["SGD", "lr must be a real number, got str"]),
    (lambda: nn.Adam(lr=None), TypeError, ["Adam", "lr must be a real number, got NoneType"]),
    (lambda: nn.SGD(lr=True), TypeError, ["SGD", "lr"]),
    (lambda: nn.SGD(momentum=1.0), ValueError, ["SGD", "momentum"]),
    (lambda: nn.Adam(beta1=1.0), ValueError, ["Adam", "beta1"]),
    (lambda: nn.Adam(beta2=-0.1), ValueError, ["Adam", "beta2"]),
    (lambda: nn.Adam(eps=0.0), ValueError, ["Adam", "eps"]),
])
def test_bad_optimiser_settings(make, error, words):
    with raises(error, *words):
        make()


def test_numpy_numbers_are_valid_settings():
    assert nn.SGD(lr=np.float32(0.1)).lr == pytest.approx(0.1)
    assert nn.Adam(lr=np.float64(0.01), beta1=np.float32(0.5)).beta1 == 0.5
    assert nn.init_std(np.float32(0.5), 3, 3) == 0.5
    net = nn.mlp([np.int64(2), np.int32(3), np.uint8(1)], seed=np.int16(4), bias=np.float16(0.5))
    assert repr(net) == "<MLP 2-3-1, hidden: tanh, output: sigmoid>" and np.all(net.dense[0].b == 0.5)


def test_optimisers_with_state_compare_by_their_settings():
    a, b = nn.Adam(0.1), nn.Adam(0.1)
    a.step([np.ones(2)], [np.ones(2)])
    assert a == b and a != nn.Adam(0.2)     # comparing arrays of state used to raise


@pytest.mark.parametrize("step", [
    lambda o: o.step(np.ones(2), [np.ones(2)]),
    lambda o: o.step([[1.0, 2.0]], [np.ones(2)]),
    lambda o: o.step([np.ones(2, dtype=np.float32)], [np.ones(2)]),
    lambda o: o.step([np.ones(2)], "g"),
], ids=["array", "list", "float32", "str"])
def test_step_argument_types(step):
    with raises(TypeError, "SGD.step"):
        step(nn.SGD())


@pytest.mark.parametrize("params, grads, words", [
    ([np.ones(2)], [], ["grads", "one array per parameter", "params has 1"]),
    ([np.ones(2)], [np.ones(3)], ["grads[0]", "shape"]),
    ([np.ones(2)], [np.array([1.0, math.nan])], ["grads[0]", "finite"]),
    ([np.array([math.inf, 1.0])], [np.ones(2)], ["params[0]", "finite"]),
])
def test_step_argument_values(params, grads, words):
    with raises(ValueError, "Adam.step", *words):
        nn.Adam().step(params, grads)


def test_step_refuses_read_only_and_repeated_parameters():
    frozen = np.ones(2)
    frozen.flags.writeable = False
    with raises(ValueError, "SGD.step", "params[0]", "read-only"):
        nn.SGD().step([frozen], [np.ones(2)])
    p = np.ones(2)
    with raises(ValueError, "SGD.step", "same array twice"):
        nn.SGD().step([p, p], [np.ones(2), np.ones(2)])


def test_an_optimiser_serves_one_network():
    """Its moments belong to the parameters it updated; another network's are refused."""
    X, y = data.xor(16, seed=0)
    adam = nn.Adam(0.01)
    nn.mlp([2, 3, 1], seed=0).fit(X, y, epochs=1, batch_size=8, optimizer=adam)
    with raises(ValueError, "MLP.fit", "Adam", "other shapes"):
        nn.mlp([2, 5, 1], seed=0).fit(X, y, epochs=1, batch_size=8, optimizer=adam)
    with raises(ValueError, "Adam.step", "other shapes"):
        adam.step([np.ones(4)], [np.ones(4)])


@pytest.mark.parametrize("call, error, words", [
    (lambda: nn.mlp([2, 3, 1], "no_such_function"), ValueError, ["mlp", "unknown activation name 'no_such_function'"]),
    (lambda: nn.mlp([2, 1], "no_such_function"), ValueError, ["mlp", "unknown activation"]),
    (lambda: nn.mlp([2, 3, 1], "softmax"), ValueError, ["mlp", "vector-valued"]),
    (lambda: nn.mlp([2, 3, 1], 3), TypeError, ["mlp", "activation must be a name"]),
    (lambda: nn.mlp([2, 3, 1], [("relu",)]), TypeError, ["mlp", "an activation is a name"]),
    (lambda: nn.mlp([2, 3, 3, 1], ["relu"]), ValueError, ["mlp", "1 activations given for 2 hidden layers"]),
    (lambda: nn.mlp([2, 3, 1], ("leaky_relu", {"slope": 0.1})), TypeError, ["mlp", "activation", "'slope'"]),
    (lambda: nn.mlp([2, 3, 1], ("leaky_relu", {1: 0.1})), TypeError, ["mlp", "keywords must be str"]),
    (lambda: nn.mlp([2, 3, 1], ("softplus", {"beta": -1.0})), ValueError, ["mlp", "beta must lie in"]),
    (lambda: nn.mlp([2, 3, 1], ("prelu", {"alpha": [0.1, 0.2]})), ValueError, ["mlp", "alpha", "shape (3,)"]),
    (lambda: nn.mlp([2, 3, 1], ("leaky_relu", {"alpha": [0.1, 0.2]})), ValueError, ["mlp", "alpha", "shape (3,)"]),
    (lambda: nn.mlp([2, 3, 1], ("prelu", {"alpha": "0.2"})), TypeError, ["mlp", "alpha"]),
    (lambda: nn.mlp([2]), ValueError, ["mlp", "sizes", "at least two"]),
    (lambda: nn.mlp("2-3-1"), TypeError, ["mlp", "sizes must be a list"]),
    (lambda: nn.mlp([2, 0, 1]), ValueError, ["mlp", "sizes[1] must be an integer ≥ 1, got 0"]),
    (lambda: nn.mlp([2, -3, 1]), ValueError, ["mlp", "sizes[1]"]),
    (lambda: nn.mlp([2, 2.5, 1]), TypeError, ["mlp", "sizes[1] must be an int, got float"]),
    (lambda: nn.mlp([2, True, 1]), TypeError, ["mlp", "sizes[1]", "bool"]),
    (lambda: nn.mlp([2, "3", 1]), TypeError, ["mlp", "sizes[1]", "str"]),
    (lambda: nn.mlp([2, 10**6, 10**6, 1]), ValueError, ["mlp", "sizes", "MAX_WEIGHTS"]),
    (lambda: nn.mlp([2, 2300, 2300, 1], "swiglu"), ValueError, ["mlp", "sizes", "MAX_WEIGHTS"]),   # 2 × 2300 per gate
    (lambda: nn.mlp([2, 3, 1], ("swiglu", {"beta": 1.0})), TypeError,
     ["mlp (activation)", "unexpected keyword 'beta' for swiglu", "no keywords"]),
    (lambda: nn.mlp([2, 1], ("glu", {"axis": 0})), TypeError, ["mlp (activation)", "'axis'", "axis 1"]),
    (lambda: nn.mlp([2, 3, 1], output="relu"), ValueError, ["mlp", "output must be one of sigmoid, softmax, identity"]),
    (lambda: nn.mlp([2, 3, 1], output=None), TypeError, ["mlp", "output"]),
    (lambda: nn.mlp([2, 3, 2], output="sigmoid"), ValueError, ["mlp", "exactly 1 unit"]),
    (lambda: nn.mlp([2, 3, 1], output="softmax"), ValueError, ["mlp", "at least 2 units"]),
    (lambda: nn.mlp([2, 3, 1], init="uniform"), ValueError, ["mlp", "init must be one of"]),
    (lambda: nn.mlp([2, 3, 1], init=-1.0), ValueError, ["mlp", "init (a standard deviation) must lie in"]),
    (lambda: nn.mlp([2, 3, 1], init=1e301), ValueError, ["mlp", "init"]),
    (lambda: nn.mlp([2, 3, 1], init=math.nan), ValueError, ["mlp", "init"]),
    (lambda: nn.mlp([2, 3, 1], init=True), TypeError, ["mlp", "init", "bool"]),
    (lambda: nn.mlp([2, 3, 1], init=None), TypeError, ["mlp", "init"]),
    (lambda: nn.mlp([2, 3, 1], bias="0"), TypeError, ["mlp", "bias", "str"]),
    (lambda: nn.mlp([2, 3, 1], bias=None), TypeError, ["mlp", "bias"]),
    (lambda: nn.mlp([2, 3, 1], bias=math.nan), ValueError, ["mlp", "bias"]),
    (lambda: nn.mlp([2, 3, 1], bias=-math.inf), ValueError, ["mlp", "bias"]),
    (lambda: nn.mlp([2, 3, 1], seed=1.5), TypeError, ["mlp", "seed", "Generator"]),
    (lambda: nn.mlp([2, 3, 1], seed="0"), TypeError, ["mlp", "seed"]),
    (lambda: nn.mlp([2, 3, 1], seed=-1), ValueError, ["mlp", "seed"]),
])
def test_bad_network_definitions(call, error, words):
    with raises(error, *words):
        call()


@pytest.mark.parametrize("call, error, words", [
    (lambda: nn.Act(3), TypeError, ["Act", "activation name must be a str"]),
    (lambda: nn.Act("relux"), ValueError, ["Act", "unknown activation"]),
    (lambda: nn.Act("log_softmax"), ValueError, ["Act", "vector-valued", "output='softmax'"]),
    (lambda: nn.Act("swiglu"), ValueError, ["Act", "vector-valued", "nn.Gated('swiglu')"]),
    (lambda: nn.Gated(3), TypeError, ["Gated", "gate name must be a str", "glu, reglu, geglu, swiglu", "int"]),
    (lambda: nn.Gated("relu"), ValueError, ["Gated", "glu, reglu, geglu, swiglu", "'relu' is an elementwise", "Act"]),
    (lambda: nn.Gated("softmax"), ValueError, ["Gated", "glu, reglu, geglu, swiglu", "not a gated linear unit"]),
    (lambda: nn.Gated("SwiGLU"), ValueError, ["Gated", "glu, reglu, geglu, swiglu", "not a registered"]),
    (lambda: nn.Gated("glu", axis=0), TypeError, ["Gated", "'axis'", "glu", "no keywords", "axis 1"]),
    (lambda: nn.Gated("geglu", approximate="tanh"), TypeError, ["Gated", "'approximate'", "geglu"]),
    (lambda: nn.Gated("glu").forward(np.ones((2, 3))), ValueError, ["Gated.forward", "z", "even number of columns",
                                                                    "(2, 3)"]),
    (lambda: nn.Gated("glu").forward(np.ones(4)), ValueError, ["Gated.forward", "z", "2-D"]),
    (lambda: nn.Gated("glu").forward("z"), TypeError, ["Gated.forward", "z", "str"]),
    (lambda: nn.Gated("glu").forward([[1.0, math.inf]]), ValueError, ["Gated.forward", "z", "row 0"]),
    (lambda: nn.Gated("swiglu").forward([[1.0, 1.0], [1e200, 1e200]]), ValueError,
     ["Gated.forward", "row 1 of z", "not finite", "swiglu"]),
    (lambda: nn.Gated("glu").backward(np.ones((2, 1))), ValueError, ["Gated.backward", "forward"]),
    (lambda: _gated_after([[1.0, 2.0]]).backward(np.ones((1, 2))), ValueError, ["Gated.backward", "g", "(1, 1)"]),
    (lambda: _gated_after([[1e200, 1.0]]).backward([[1e200]]), ValueError, ["Gated.backward", "gradients", "not finite"]),
    (lambda: nn.Act("leaky_relu", slope=0.1), TypeError, ["Act", "'slope'"]),
    (lambda: nn.Act("leaky_relu", alpha="0.1"), TypeError, ["Act", "alpha"]),
    (lambda: nn.Act("leaky_relu", alpha=math.nan), ValueError, ["Act", "alpha"]),
    (lambda: nn.Act("leaky_relu", alpha=np.ones((2, 2))), ValueError, ["Act", "alpha", "(2, 2)"]),
    (lambda: nn.Act("leaky_relu", alpha=np.ones(3)).forward(np.ones((2, 4))), ValueError,
     ["Act.forward", "z", "(rows, 3)"]),
    (lambda: nn.Act("tanh").forward(np.ones(3)), ValueError, ["Act.forward", "z", "2-D"]),
    (lambda: nn.Act("tanh").forward([[1.0, math.nan]]), ValueError, ["Act.forward", "z", "row 0"]),
    (lambda: nn.Act("exponential").forward([[1.0], [1000.0]]), ValueError, ["Act.forward", "row 1 of z", "not finite"]),
    (lambda: nn.Act("tanh").backward(np.ones((2, 2))), ValueError, ["Act.backward", "forward"]),
    (lambda: nn.Act("tanh").slope(), ValueError, ["Act.slope", "forward"]),
    (lambda: nn.PReLU(3, alpha="0.25"), TypeError, ["PReLU", "alpha"]),
    (lambda: nn.PReLU(3, alpha=None), TypeError, ["PReLU", "alpha"]),
    (lambda: nn.PReLU(3, alpha=[0.1, 0.2]), ValueError, ["PReLU", "alpha", "shape (3,)"]),
    (lambda: nn.PReLU(3, alpha=math.inf), ValueError, ["PReLU", "alpha"]),
    (lambda: nn.PReLU(True), TypeError, ["PReLU", "units", "bool"]),
    (lambda: nn.PReLU(3.0), TypeError, ["PReLU", "units", "float"]),
    (lambda: nn.PReLU(0), ValueError, ["PReLU", "units"]),
    (lambda: nn.PReLU(2, alpha=[0.1, 0.2]).forward(np.ones((1, 3))), ValueError, ["PReLU.forward", "z", "(rows, 2)"]),
    (lambda: nn.Dense("W", np.zeros(3)), TypeError, ["Dense", "W", "str"]),
    (lambda: nn.Dense(np.zeros(3), np.zeros(3)), ValueError, ["Dense", "W", "2-D"]),
    (lambda: nn.Dense(np.zeros((0, 3)), np.zeros(3)), ValueError, ["Dense", "W", "at least one row"]),
    (lambda: nn.Dense([[1.0, math.nan]], np.zeros(2)), ValueError, ["Dense", "W", "row 0"]),
    (lambda: nn.Dense(np.zeros((2, 3)), np.zeros(2)), ValueError, ["Dense", "b", "shape (3,)"]),
    (lambda: nn.Dense(np.zeros((2, 3)), [0, 0, math.inf]), ValueError, ["Dense", "b", "finite"]),
    (lambda: nn.Dense(np.zeros((2, 3)), None), TypeError, ["Dense", "b"]),
    (lambda: nn.Dense(np.zeros((2, 3)), np.zeros(3)).forward(np.zeros((4, 3))), ValueError,
     ["Dense.forward", "x", "(rows, 2)"]),
    (lambda: nn.Dense(np.full((2, 1), 1e308), np.zeros(1)).forward([[1.0, 1.0]]), ValueError,
     ["Dense.forward", "row 0 of x", "not finite"]),
    (lambda: nn.Dense(np.zeros((2, 3)), np.zeros(3)).backward(np.zeros((4, 3))), ValueError,
     ["Dense.backward", "forward"]),
])
def test_bad_layers(call, error, words):
    with raises(error, *words):
        call()


def test_backward_needs_the_shape_of_the_last_output():
    layer = nn.Dense(np.ones((2, 3)), np.zeros(3))
    layer.forward(np.ones((4, 2)))
    with raises(ValueError, "Dense.backward", "g", "(4, 3)"):
        layer.backward(np.ones((4, 2)))


def test_layers_copy_the_arrays_they_are_given():
    """Training updates the layer's own W, b and α, never the caller's arrays."""
    W, b, alpha = np.ones((2, 3)), np.zeros(3), np.full(3, 0.25)
    layers = [nn.Dense(W, b), nn.PReLU(3, alpha), nn.Dense(np.ones((3, 1)), np.zeros(1))]
    X, y = data.xor(16, seed=0)
    nn.MLP(layers, nn.SigmoidBCE()).fit(X, y, epochs=2, batch_size=4, optimizer=nn.SGD(0.5))
    assert np.array_equal(W, np.ones((2, 3))) and np.array_equal(b, np.zeros(3))
    assert np.array_equal(alpha, np.full(3, 0.25))
    assert not np.array_equal(layers[0].W, W)


def test_checking_an_rrelu_layer_draws_nothing_from_its_generator():
    rng = np.random.default_rng(5)
    nn.Act("rrelu", training=True, rng=rng)
    assert rng.random() == np.random.default_rng(5).random()


def _gated_after(z, gate="swiglu"):
    """A Gated layer after one forward pass of z."""
    layer = nn.Gated(gate)
    layer.forward(z)
    return layer


def _dense(n_in, n_out):
    return nn.Dense(np.ones((n_in, n_out)), np.zeros(n_out))


@pytest.mark.parametrize("make, error, words", [
    (lambda: ("layers", nn.SigmoidBCE()), TypeError, ["MLP", "layers must be a list"]),
    (lambda: ([], nn.SigmoidBCE()), ValueError, ["MLP", "layers", "Dense"]),
    (lambda: ([nn.Act("relu")], nn.SigmoidBCE()), ValueError, ["MLP", "layers", "Dense"]),
    (lambda: ([_dense(2, 1), "relu"], nn.SigmoidBCE()), TypeError, ["MLP", "layers[1]"]),
    (lambda: ([_dense(2, 3), _dense(4, 1)], nn.SigmoidBCE()), ValueError, ["MLP", "layers[1] takes 4 inputs", "gives 3"]),
    (lambda: ([_dense(2, 3), nn.Act("leaky_relu", alpha=[0.1, 0.2]), _dense(3, 1)], nn.SigmoidBCE()), ValueError,
     ["MLP", "layers[1]", "shape (3,)"]),
    (lambda: ([_dense(2, 3), nn.Gated("glu"), _dense(1, 1)], nn.SigmoidBCE()), ValueError,
     ["MLP", "layers[1]", "Gated('glu')", "even width", "gives 3"]),
    (lambda: ([_dense(2, 4), nn.Gated("glu"), _dense(4, 1)], nn.SigmoidBCE()), ValueError,
     ["MLP", "layers[2] takes 4 inputs", "gives 2"]),
    (lambda: ([_dense(2, 4), nn.Gated("glu")], nn.SigmoidBCE()), ValueError, ["MLP", "exactly 1 unit", "got", "2"]),
    (lambda: ([_dense(2, 2)], nn.SigmoidBCE()), ValueError, ["MLP", "layers", "exactly 1 unit"]),
    (lambda: ([_dense(2, 1)], nn.SoftmaxCE()), ValueError, ["MLP", "layers", "at least 2 units"]),
    (lambda: ([_dense(2, 1)], nn.SigmoidBCE), TypeError, ["MLP", "head", "instance"]),
    (lambda: ([_dense(2, 1)], "sigmoid"), TypeError, ["MLP", "head"]),
])
def test_bad_hand_built_networks(make, error, words):
    with raises(error, *words):
        nn.MLP(*make())


def test_a_layer_may_appear_only_once():
    """The same Act twice kept only its last forward pass, so backward used the wrong z."""
    act = nn.Act("tanh")
    layers = [nn.Dense(np.ones((2, 2)), np.zeros(2)), act, nn.Dense(np.ones((2, 2)), np.zeros(2)), act,
              nn.Dense(np.ones((2, 1)), np.zeros(1))]
    with raises(ValueError, "MLP", "once"):
        nn.MLP(layers, nn.SigmoidBCE())


def test_state_errors_before_any_pass():
    net = nn.mlp([2, 3, 1], seed=0)
    with raises(ValueError, "MLP.gradients", "backward"):
        net.gradients
    with raises(ValueError, "History.alpha", "nothing recorded"):
        nn.History().alpha()
    X, y = data.xor(8, seed=0)
    history = nn.mlp([2, 3, 1], "prelu", seed=0).fit(X, y, epochs=1, batch_size=None)
    assert history.alpha(0).shape == (2,)
    with raises(ValueError, "History.alpha", "layer", "(1)"):
        history.alpha(1)
    with raises(TypeError, "History.alpha", "layer"):
        history.alpha("0")
    with raises(TypeError, "History", "loss"):
        nn.History(loss=[1.0])


@pytest.mark.parametrize("call, error, words", [
    (lambda: nn.init_std(None, 3, 3), TypeError, ["init_std", "init"]),
    (lambda: nn.init_std("he", 0, 3), ValueError, ["init_std", "fan_in"]),
    (lambda: nn.init_std("he", 3, 2.0), TypeError, ["init_std", "fan_out", "float"]),
    (lambda: nn.init_std("he", True, 3), TypeError, ["init_std", "fan_in", "bool"]),
    (lambda: nn.init_std("he", 10**8, 3), ValueError, ["init_std", "fan_in", "10000000"]),
    (lambda: nn.init_std("he", 3, 3, "0.1"), TypeError, ["init_std", "slope"]),
    (lambda: nn.init_std("he", 3, 3, math.inf), ValueError, ["init_std", "slope"]),
])
def test_bad_init_std_arguments(call, error, words):
    with raises(error, *words):
        call()


def test_init_std_for_a_huge_slope():
    """a² overflows for |a| > 1.3e154 (it raised OverflowError); σ = √(2 / ((1 + a²) n)) is still tiny and exact."""
    for slope in (1e200, -1e300):
        expected = mpmath.sqrt(2 / ((1 + mpmath.mpf(slope) ** 2) * 7))
        assert nn.init_std("he", 7, 3, slope) == pytest.approx(float(expected), rel=1e-15)


@pytest.mark.parametrize("kwargs, error, words", [
    ({"epochs": 0}, ValueError, ["epochs must be an integer ≥ 1, got 0"]),
    ({"epochs": -3}, ValueError, ["epochs"]),
    ({"epochs": 2.0}, TypeError, ["epochs must be an int, got float"]),
    ({"epochs": True}, TypeError, ["epochs", "bool"]),
    ({"epochs": None}, TypeError, ["epochs"]),
    ({"batch_size": 0}, ValueError, ["batch_size (None: all rows at once) must be an integer ≥ 1, got 0"]),
    ({"batch_size": 4.0}, TypeError, ["batch_size", "float"]),
    ({"optimizer": "adam"}, TypeError, ["optimizer must be an SGD or Adam instance", "nn.Adam(0.01)", "str"]),
    ({"optimizer": nn.Adam}, TypeError, ["optimizer"]),
    ({"validation": "test"}, TypeError, ["validation must be None or a pair"]),
    ({"validation": (np.zeros((3, 2)),)}, TypeError, ["validation"]),
    ({"validation": (np.zeros((3, 1)), np.zeros(3))}, ValueError, ["validation X", "(rows, 2)"]),
    ({"validation": (np.zeros((3, 2)), np.zeros(2))}, ValueError, ["validation y", "3 rows"]),
])
def test_bad_fit_arguments(small, kwargs, error, words):
    """Every argument is checked before anything is computed: the weights and the generator stay as they were."""
    net, X, y = small
    weights, state = [p.copy() for p in net.parameters], net.rng.bit_generator.state
    with raises(error, "MLP.fit", *words):
        net.fit(X, y, **{"batch_size": None, **kwargs})
    assert all(np.array_equal(p, q) for p, q in zip(weights, net.parameters))
    assert net.rng.bit_generator.state == state


@pytest.mark.parametrize("head, call, error, words", [
    (nn.SigmoidBCE(), lambda h: h.loss(np.zeros((3, 2)), np.zeros((3, 2))), ValueError, ["SigmoidBCE.loss", "exactly 1 unit"]),
    (nn.SigmoidBCE(), lambda h: h.loss(np.zeros((3, 1)), np.zeros((2, 1))), ValueError, ["SigmoidBCE.loss", "t", "(3, 1)"]),
    (nn.SigmoidBCE(), lambda h: h.grad(np.zeros((3, 1)), np.full((3, 1), 0.5)), ValueError, ["SigmoidBCE.grad", "t", "row 0"]),
    (nn.SigmoidBCE(), lambda h: h.predict([[math.nan]]), ValueError, ["SigmoidBCE.predict", "z", "row 0"]),
    (nn.SigmoidBCE(), lambda h: h.proba("z"), TypeError, ["SigmoidBCE.proba", "z"]),
    (nn.SoftmaxCE(), lambda h: h.accuracy(np.zeros((2, 3)), [[1, 1, 0], [0, 0, 1]]), ValueError,
     ["SoftmaxCE.accuracy", "t", "one-hot", "row 0"]),
    (nn.SoftmaxCE(), lambda h: h.targets([0, 1, 5], 3, 3), ValueError, ["SoftmaxCE.targets", "y", "row 2", "0 … 2"]),
    (nn.SoftmaxCE(), lambda h: h.targets([0, 1, 2], 3, 10**8), ValueError, ["SoftmaxCE.targets", "MAX_WEIGHTS"]),
    (nn.SoftmaxCE(), lambda h: h.targets([0, 1, 1], 3, 1), ValueError, ["SoftmaxCE.targets", "k", "at least 2"]),
    (nn.SoftmaxCE(), lambda h: h.targets([0, 1, 1], 0, 3), ValueError, ["SoftmaxCE.targets", "n"]),
    (nn.SoftmaxCE(), lambda h: h.targets([0, 1, 1], 3, True), TypeError, ["SoftmaxCE.targets", "k", "bool"]),
    (nn.IdentityMSE(), lambda h: h.targets(np.zeros(3), 3, 2), ValueError, ["IdentityMSE.targets", "y", "(3, 2)"]),
    (nn.IdentityMSE(), lambda h: h.proba(np.zeros((3, 1))), ValueError, ["IdentityMSE.proba", "no class probabilities"]),
    (nn.IdentityMSE(), lambda h: h.loss([[1e308]], [[-1e308]]), ValueError, ["IdentityMSE.loss", "not finite"]),
])
def test_bad_head_arguments(head, call, error, words):
    with raises(error, *words):
        call(head)


def test_softmax_loss_of_extreme_finite_scores():
    """log p = −∞ for a wrong class used to give 0 · (−∞) = NaN; the loss is −log p of the true class."""
    z = np.array([[-1e308, 1e308], [1e308, -1e308]])
    t = np.array([[0.0, 1.0], [1.0, 0.0]])
    assert nn.SoftmaxCE().loss(z, t) == 0.0
    np.testing.assert_array_equal(nn.SoftmaxCE().grad(z, t), [[0.0, 0.0], [0.0, 0.0]])


@pytest.mark.parametrize("args, error, words", [
    ((3, 1, nn.History()), TypeError, ["DivergenceError", "message"]),
    (("m", 0, nn.History()), ValueError, ["DivergenceError", "epoch"]),
    (("m", 1, None), TypeError, ["DivergenceError", "history"]),
])
def test_bad_divergence_error_arguments(args, error, words):
    with raises(error, *words):
        nn.DivergenceError(*args)


def test_a_batch_larger_than_the_data_is_the_whole_set():
    """As in Keras and PyTorch: batch_size=32 on 8 rows trains on all 8 at once, like batch_size=None."""
    X = np.linspace(-1, 1, 16).reshape(8, 2)
    y = np.array([0, 1, 0, 1, 1, 0, 1, 0])
    whole, big = (nn.mlp([2, 3, 1], seed=4) for _ in range(2))
    whole.fit(X, y, epochs=3, batch_size=None, optimizer=nn.SGD(0.1))
    big.fit(X, y, epochs=3, batch_size=32, optimizer=nn.SGD(0.1))
    assert all(np.array_equal(a, b) for a, b in zip(whole.parameters, big.parameters))
