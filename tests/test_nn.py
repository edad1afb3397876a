"""actlib.nn, the small numpy network of the demonstrations.

Every reference value comes from outside the code under test: central finite differences of
the forward pass for the gradients, formulas written here for the losses and the
initialisers, hand-built networks whose dead units and gradients are known in advance.
"""

import math

import numpy as np
import pytest

import actlib
from actlib import data, nn

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


@pytest.fixture(scope="module")
def small():
    X, y = data.xor(8, seed=0)
    return nn.mlp([2, 3, 1], seed=0), X, y


@pytest.mark.parametrize("X, message", [
    (np.zeros(4), r"shape \(rows, 2\)"),
    (np.zeros((4, 3)), r"shape \(rows, 2\)"),
    (np.zeros((2, 2, 2)), r"shape \(rows, 2\)"),
])
def test_wrong_input_shape(small, X, message):
    net, _, _ = small
    with pytest.raises(ValueError, match=message):
        net.predict(X)


def test_non_numeric_input_is_a_type_error(small):
    net, _, y = small
    with pytest.raises(TypeError, match="str"):
        net.predict("abc")
    with pytest.raises(TypeError, match="complex"):
        net.predict(np.ones((2, 2), dtype=complex))


@pytest.mark.parametrize("y, message", [
    (np.zeros(5), "5 rows but X has 8"),
    (np.full(8, 2), "out of range"),
    (np.full(8, 0.5), "out of range"),
    (np.zeros((8, 2)), "one class label per row"),
])
def test_bad_labels(small, y, message):
    net, X, _ = small
    with pytest.raises(ValueError, match=message):
        net.fit(X, y, epochs=1)


def test_bad_regression_targets():
    net = nn.mlp([2, 3, 2], output="identity")
    with pytest.raises(ValueError, match=r"shape \(4, 2\)"):
        net.loss(np.zeros((4, 2)), np.zeros(4))
    with pytest.raises(ValueError, match="no class probabilities"):
        net.predict_proba(np.zeros((4, 2)))


@pytest.mark.parametrize("make, error, message", [
    (lambda: nn.SGD(lr=0), ValueError, r"lr must lie in \(0, ∞\)"),
    (lambda: nn.SGD(lr=-0.1), ValueError, "lr"),
    (lambda: nn.SGD(lr=math.nan), ValueError, "lr"),
    (lambda: nn.SGD(lr=math.inf), ValueError, "lr"),
    (lambda: nn.Adam(lr=0), ValueError, "lr"),
    (lambda: nn.SGD(lr="0.1"), TypeError, "lr must be a real number, got str"),
    (lambda: nn.Adam(lr=None), TypeError, "lr must be a real number, got NoneType"),
    (lambda: nn.SGD(lr=True), TypeError, "lr"),
    (lambda: nn.SGD(momentum=1.0), ValueError, "momentum"),
    (lambda: nn.Adam(beta1=1.0), ValueError, "beta1"),
    (lambda: nn.Adam(beta2=-0.1), ValueError, "beta2"),
    (lambda: nn.Adam(eps=0.0), ValueError, "eps"),
])
def test_bad_optimiser_settings(make, error, message):
    with pytest.raises(error, match=message):
        make()


def test_numpy_numbers_are_valid_settings():
    assert nn.SGD(lr=np.float32(0.1)).lr == pytest.approx(0.1)
    assert nn.Adam(lr=np.float64(0.01), beta1=np.float32(0.5)).beta1 == 0.5
    assert nn.init_std(np.float32(0.5), 3, 3) == 0.5


@pytest.mark.parametrize("call, error, message", [
    (lambda: nn.mlp([2, 3, 1], "no_such_function"), ValueError, "unknown activation 'no_such_function'"),
    (lambda: nn.mlp([2, 3, 1], "softmax"), ValueError, "vector-valued"),
    (lambda: nn.Act("relux"), ValueError, "unknown activation"),
    (lambda: nn.Act(3), TypeError, "name must be a str"),
    (lambda: nn.mlp([2, 3, 1], 3), TypeError, "activation must be a name"),
    (lambda: nn.mlp([2, 3, 1], [("relu",)]), TypeError, "an activation is a name"),
    (lambda: nn.mlp([2, 3, 3, 1], ["relu"]), ValueError, "1 activations given for 2 hidden layers"),
    (lambda: nn.mlp([2, 3, 1], ("leaky_relu", {"slope": 0.1})), TypeError, "unexpected keyword 'slope'"),
    (lambda: nn.mlp([2, 3, 1], ("softplus", {"beta": -1.0})), ValueError, "beta must lie in"),
    (lambda: nn.mlp([2, 3, 1], ("prelu", {"alpha": [0.1, 0.2]})), ValueError, r"shape \(3,\)"),
    (lambda: nn.mlp([2]), ValueError, "at least two positive integers"),
    (lambda: nn.mlp([2, 0, 1]), ValueError, "positive integers"),
    (lambda: nn.mlp([2, 2.5, 1]), ValueError, "positive integers"),
    (lambda: nn.mlp([2, 3, 1], output="relu"), ValueError, "output must be one of sigmoid, softmax, identity"),
    (lambda: nn.mlp([2, 3, 2], output="sigmoid"), ValueError, "exactly 1 unit"),
    (lambda: nn.mlp([2, 3, 1], output="softmax"), ValueError, "at least 2 units"),
    (lambda: nn.mlp([2, 3, 1], init="uniform"), ValueError, "init must be one of"),
    (lambda: nn.mlp([2, 3, 1], init=-1.0), ValueError, "std > 0"),
])
def test_bad_network_definitions(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize("kwargs, message", [
    ({"epochs": 0}, "epochs must be a positive integer"),
    ({"epochs": 2.0}, "epochs"),
    ({"batch_size": 0}, "batch_size must be a positive integer"),
])
def test_bad_fit_arguments(small, kwargs, message):
    net, X, y = small
    with pytest.raises(ValueError, match=message):
        net.fit(X, y, **kwargs)
