"""A small numpy multilayer perceptron for the book's demonstrations.

    from actlib import data, nn
    X, y = data.xor(200, noise=0.2, seed=0)
    net = nn.mlp([2, 4, 1], "tanh", output="sigmoid", seed=0)
    history = net.fit(X, y, epochs=100, optimizer=nn.Adam(0.05))
    history.accuracy[-1]

A network is a list of layers, each with ``forward`` and ``backward``:

    Dense   z = x W + b
    Act     a = f(z) for any registered elementwise activation f (keyword parameters allowed)
    PReLU   a = z (z > 0), α z (z ≤ 0) with α learned, one shared or one per unit

followed by an output head that turns the last scores z into a loss L (mean over the rows):

    sigmoid   p = σ(z),        binary cross-entropy,   ∂L/∂z = (p − y)/n
    softmax   p = softmax(z),  cross-entropy,          ∂L/∂z = (p − y)/n   (y one-hot)
    identity  ŷ = z,           mean squared error,     ∂L/∂z = 2(z − y)/(n·k)

Backpropagation multiplies by f′ = ``actlib.get(name).grad``, the very derivatives the book
plots. Everything is float64 and reproducible: one seeded numpy Generator draws the initial
weights and then shuffles the minibatches.
"""

from __future__ import annotations

import copy
import math
import numbers
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
from threadpoolctl import threadpool_limits

from .core import POSITIVE, Activation, Interval, as_real_array, get

# --------------------------------------------------------------------------- layers


@dataclass(eq=False)
class Dense:
    """The affine map z = x W + b, with W of shape (n_in, n_out) and b of shape (n_out,)."""

    W: np.ndarray
    b: np.ndarray
    grads: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    x: np.ndarray | None = field(default=None, repr=False)

    @property
    def params(self) -> dict[str, np.ndarray]:
        return {"W": self.W, "b": self.b}

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.x = x
        return x @ self.W + self.b

    def backward(self, g: np.ndarray) -> np.ndarray:
        """From g = ∂L/∂z: ∂L/∂W = xᵀ g, ∂L/∂b = Σ_rows g; returns ∂L/∂x = g Wᵀ."""
        self.grads = {"W": self.x.T @ g, "b": g.sum(axis=0)}
        return g @ self.W.T


def elementwise(name: str) -> Activation:
    """The registered elementwise activation ``name``; ValueError for unknown or vector-valued names."""
    try:
        act = get(name)
    except KeyError:
        raise ValueError(f"unknown activation {name!r}; actlib.names() lists them all") from None
    if not isinstance(act, Activation):
        raise ValueError(f"{name} is vector-valued; a hidden layer needs an elementwise activation "
                         f"(use output='softmax' for a softmax output)")
    return act


class Act:
    """a = f(z) for a registered elementwise activation f; backward: ∂L/∂z = ∂L/∂a · f′(z).

    A random activation (rrelu with ``training=True, rng=generator``) draws its slopes from
    ``rng`` in the forward pass; f′(z) replays the same draws from a copy of the generator
    taken just before, so the backward pass uses the slopes the forward pass applied.
    """

    def __init__(self, name: str, **kwargs: Any) -> None:
        self.fn = elementwise(name)
        self.kwargs = kwargs
        self.fn(0.0, **kwargs)  # checks the keywords now: TypeError / ValueError naming the parameter
        self.grads: dict[str, np.ndarray] = {}
        self.z = self.a = None
        self._draws: np.random.Generator | None = None  # the rng as it was before the last forward pass

    @property
    def name(self) -> str:
        return self.fn.name

    @property
    def params(self) -> dict[str, np.ndarray]:
        return {}

    def slope(self) -> np.ndarray:
        """f′(z) at the last forward pass; where it is 0 no gradient gets through."""
        if self._draws is None:
            return self.fn.grad(self.z, **self.kwargs)
        return self.fn.grad(self.z, **{**self.kwargs, "rng": copy.deepcopy(self._draws)})

    def forward(self, z: np.ndarray) -> np.ndarray:
        self.z = z
        rng = self.kwargs.get("rng")
        self._draws = copy.deepcopy(rng) if isinstance(rng, np.random.Generator) else None
        self.a = self.fn(z, **self.kwargs)
        return self.a

    def backward(self, g: np.ndarray) -> np.ndarray:
        return g * self.slope()


class PReLU(Act):
    """PReLU with a learnable slope α: a shared scalar, or an array with one slope per unit.

    a = z for z > 0 and α z for z ≤ 0, so ∂a/∂z = 1 or α (the registry's prelu.grad) and
    ∂a/∂α = 0 or z, i.e. ∂a/∂α = min(z, 0). Hence ∂L/∂α = Σ g · min(z, 0), summed over the
    rows, and over the units as well when α is shared.
    """

    def __init__(self, units: int, alpha: float | Sequence[float] = 0.25) -> None:
        alpha = np.array(alpha, dtype=np.float64)  # a copy, updated in place by the optimiser
        if alpha.shape not in ((), (units,)):
            raise ValueError(f"prelu: alpha must be a scalar (shared) or have shape ({units},), one per unit; "
                             f"got shape {alpha.shape}")
        super().__init__("prelu", alpha=alpha)

    @property
    def alpha(self) -> np.ndarray:
        return self.kwargs["alpha"]

    @property
    def params(self) -> dict[str, np.ndarray]:
        return {"alpha": self.alpha}

    def backward(self, g: np.ndarray) -> np.ndarray:
        per_unit = (g * np.minimum(self.z, 0)).sum(axis=0)
        self.grads = {"alpha": per_unit if self.alpha.ndim else per_unit.sum()}
        return super().backward(g)


# --------------------------------------------------------------------------- output heads


def _rows(y: Any, n: int, who: str) -> np.ndarray:
    y = as_real_array(y, who)
    if y.shape[:1] != (n,):
        raise ValueError(f"{who}: y has {y.shape[0] if y.ndim else 0} rows but X has {n}")
    return y


def _class_labels(y: Any, n: int, classes: int, who: str) -> np.ndarray:
    """y as integer labels of shape (n,), each in 0 … classes − 1."""
    y = _rows(y, n, who)
    if y.shape not in ((n,), (n, 1)):
        raise ValueError(f"{who}: y must hold one class label per row, shape ({n},); got shape {y.shape}")
    y = y.reshape(n)
    bad = (y != np.round(y)) | (y < 0) | (y >= classes)
    if bad.any():
        raise ValueError(f"{who}: labels out of range: classes are 0 … {classes - 1}, got {y[bad][0]!r}")
    return y.astype(np.int64)


class SigmoidBCE:
    """One output: p = σ(z) and L = −mean[y log σ(z) + (1 − y) log σ(−z)] (log σ kept stable)."""

    name = "sigmoid"

    def targets(self, y: Any, n: int, k: int) -> np.ndarray:
        return _class_labels(y, n, 2, "sigmoid output").reshape(n, 1).astype(np.float64)

    def loss(self, z: np.ndarray, t: np.ndarray) -> float:
        log_sigmoid = get("log_sigmoid")
        return float(-np.mean(t * log_sigmoid(z) + (1 - t) * log_sigmoid(-z)))

    def grad(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return (get("sigmoid")(z) - t) / len(z)

    def proba(self, z: np.ndarray) -> np.ndarray:
        return get("sigmoid")(z[:, 0])

    def predict(self, z: np.ndarray) -> np.ndarray:
        return (z[:, 0] > 0).astype(np.int64)

    def accuracy(self, z: np.ndarray, t: np.ndarray) -> float:
        return float(np.mean(self.predict(z) == t[:, 0]))


class SoftmaxCE:
    """k outputs: log p = log_softmax(z) = z − max z − log Σ e^{z − max z}, L = −mean Σ y log p."""

    name = "softmax"

    def targets(self, y: Any, n: int, k: int) -> np.ndarray:
        return np.eye(k)[_class_labels(y, n, k, "softmax output")]

    def loss(self, z: np.ndarray, t: np.ndarray) -> float:
        return float(-np.mean(np.sum(t * get("log_softmax")(z, axis=1), axis=1)))

    def grad(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return (self.proba(z) - t) / len(z)

    def proba(self, z: np.ndarray) -> np.ndarray:
        return np.exp(get("log_softmax")(z, axis=1))

    def predict(self, z: np.ndarray) -> np.ndarray:
        return np.argmax(z, axis=1)

    def accuracy(self, z: np.ndarray, t: np.ndarray) -> float:
        return float(np.mean(self.predict(z) == t.argmax(axis=1)))


class IdentityMSE:
    """k outputs used as they are: ŷ = z and L = mean over all entries of (z − y)²."""

    name = "identity"

    def targets(self, y: Any, n: int, k: int) -> np.ndarray:
        y = _rows(y, n, "identity output").astype(np.float64)
        if y.shape == (n,) and k == 1:
            return y.reshape(n, 1)
        if y.shape != (n, k):
            raise ValueError(f"identity output: y must have shape ({n}, {k}) to match the {k} outputs; got {y.shape}")
        return y

    def loss(self, z: np.ndarray, t: np.ndarray) -> float:
        return float(np.mean((z - t) ** 2))

    def grad(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return 2 * (z - t) / z.size

    def proba(self, z: np.ndarray) -> np.ndarray:
        raise ValueError("identity output: a regression head has no class probabilities")

    def predict(self, z: np.ndarray) -> np.ndarray:
        return z[:, 0] if z.shape[1] == 1 else z

    def accuracy(self, z: np.ndarray, t: np.ndarray) -> float:
        return math.nan  # a regression has no accuracy


HEADS = {"sigmoid": SigmoidBCE, "softmax": SoftmaxCE, "identity": IdentityMSE}


# --------------------------------------------------------------------------- optimisers


_UNIT = Interval(0.0, 1.0, low_closed=True)  # [0, 1): momentum and Adam's betas


def _check(who: str, name: str, value: Any, valid: Interval) -> None:
    """TypeError for a value that is not a real number (str, bool, None, …), ValueError outside ``valid``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{who}: {name} must be a real number, got {type(value).__name__} {value!r:.40}")
    if value not in valid:
        raise ValueError(f"{who}: {name} must lie in {valid}, got {value!r}")


@dataclass
class SGD:
    """v ← μ v + ∇θ,  θ ← θ − lr · v  (PyTorch's form; momentum μ = 0 is plain gradient descent)."""

    lr: float = 0.1
    momentum: float = 0.0
    velocity: list[np.ndarray] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        _check("SGD", "lr", self.lr, POSITIVE)
        _check("SGD", "momentum", self.momentum, _UNIT)

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        """Update every parameter in place from its gradient."""
        if not self.velocity:
            self.velocity = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, self.velocity):
            v *= self.momentum
            v += g
            p -= self.lr * v


@dataclass
class Adam:
    """Adam (Kingma & Ba 2015): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − lr · m̂ / (√v̂ + ε),
    with the bias corrections m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ)."""

    lr: float = 0.001
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    t: int = field(default=0, repr=False)
    m: list[np.ndarray] = field(default_factory=list, repr=False)
    v: list[np.ndarray] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        _check("Adam", "lr", self.lr, POSITIVE)
        _check("Adam", "beta1", self.beta1, _UNIT)
        _check("Adam", "beta2", self.beta2, _UNIT)
        _check("Adam", "eps", self.eps, POSITIVE)

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        """Update every parameter in place from its gradient."""
        if not self.m:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m += (1 - self.beta1) * (g - m)
            v += (1 - self.beta2) * (g * g - v)
            m_hat = m / (1 - self.beta1**self.t)
            v_hat = v / (1 - self.beta2**self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


# --------------------------------------------------------------------------- initialisation

INITS = ("xavier", "glorot", "he", "kaiming", "lecun")


def init_std(init: str | float, fan_in: int, fan_out: int, slope: float = 0.0) -> float:
    """The standard deviation σ of the N(0, σ²) initial weights of a layer.

    xavier / glorot   σ² = 2 / (fan_in + fan_out)        Glorot & Bengio (2010), for tanh
    he / kaiming      σ² = 2 / ((1 + a²) · fan_in)       He et al. (2015); a = negative slope
                                                          of a following leaky ReLU / PReLU
    lecun             σ² = 1 / fan_in                    LeCun et al. (1998), SELU's choice
    a number          σ  = that number                   normal(std)
    """
    if isinstance(init, numbers.Real) and not isinstance(init, (bool, np.bool_)):
        if not 0 < init < math.inf:
            raise ValueError(f"init: a normal(std) initialisation needs a finite std > 0, got {init!r}")
        return float(init)
    if init in ("xavier", "glorot"):
        return math.sqrt(2 / (fan_in + fan_out))
    if init in ("he", "kaiming"):
        return math.sqrt(2 / ((1 + slope**2) * fan_in))
    if init == "lecun":
        return math.sqrt(1 / fan_in)
    raise ValueError(f"init must be one of {', '.join(INITS)} or a standard deviation (a number), got {init!r}")


def _negative_slope(layer: Act) -> float:
    """a of a leaky ReLU / PReLU layer (its mean if one per unit), 0 for any other activation."""
    if layer.name not in ("leaky_relu", "prelu"):
        return 0.0
    return float(np.mean(layer.kwargs.get("alpha", layer.fn.params["alpha"].default)))


# --------------------------------------------------------------------------- the network


@dataclass
class History:
    """What fit() measured on the whole training set, before training (index 0) and after each epoch.

    loss, accuracy            one number per epoch (accuracy is NaN for the identity output)
    grad_norms                ‖∂L/∂W‖ of every Dense layer, input side first
    dead_share                share of dead units (f′(z) = 0 on every row) of every hidden layer
    alphas                    α of every PReLU layer (a copy per epoch)
    val_loss, val_accuracy    the same on the validation set, when one is given
    """

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    grad_norms: list[np.ndarray] = field(default_factory=list)
    dead_share: list[np.ndarray] = field(default_factory=list)
    alphas: list[list[np.ndarray]] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)

    def alpha(self, layer: int = 0) -> np.ndarray:
        """α of PReLU layer ``layer`` over the epochs: shape (epochs + 1,) or (epochs + 1, units)."""
        return np.array([alphas[layer] for alphas in self.alphas])

    def record(self, net: MLP, X: np.ndarray, y: Any, validation: tuple | None) -> None:
        self.loss.append(net.loss(X, y))
        self.accuracy.append(net.accuracy(X, y))
        self.grad_norms.append(net.gradient_norms(X, y))
        self.dead_share.append(net.dead_share(X))
        self.alphas.append([layer.alpha.copy() for layer in net.layers if isinstance(layer, PReLU)])
        if validation is not None:
            self.val_loss.append(net.loss(*validation))
            self.val_accuracy.append(net.accuracy(*validation))


class MLP:
    """A stack of layers and an output head; ``seed`` (or a Generator) shuffles the minibatches."""

    def __init__(self, layers: list, head: SigmoidBCE | SoftmaxCE | IdentityMSE,
                 seed: int | np.random.Generator = 0) -> None:
        self.layers = layers
        self.head = head
        self.rng = np.random.default_rng(seed)
        self.dense = [layer for layer in layers if isinstance(layer, Dense)]
        self.hidden = [layer for layer in layers if isinstance(layer, Act)]

    def __repr__(self) -> str:
        sizes = [self.dense[0].W.shape[0], *(d.W.shape[1] for d in self.dense)]
        acts = ", ".join(layer.name for layer in self.hidden)
        return f"<MLP {'-'.join(map(str, sizes))}, hidden: {acts or 'none'}, output: {self.head.name}>"

    @property
    def parameters(self) -> list[np.ndarray]:
        """Every learnable array, in layer order (updated in place by the optimiser)."""
        return [p for layer in self.layers for p in layer.params.values()]

    @property
    def gradients(self) -> list[np.ndarray]:
        """∂L/∂θ for every array of ``parameters``, from the last backward pass."""
        return [layer.grads[key] for layer in self.layers for key in layer.params]

    def _inputs(self, X: Any) -> np.ndarray:
        X = as_real_array(X, "MLP").astype(np.float64, copy=False)
        n_in = self.dense[0].W.shape[0]
        if X.ndim != 2 or X.shape[1] != n_in:
            raise ValueError(f"MLP: X must have shape (rows, {n_in}) for this network's {n_in} inputs; got {X.shape}")
        return X

    def _targets(self, X: np.ndarray, y: Any) -> np.ndarray:
        return self.head.targets(y, len(X), self.dense[-1].W.shape[1])

    def forward(self, X: Any) -> np.ndarray:
        """The output scores z (logits) of the last layer, one row per row of X."""
        out = self._inputs(X)
        for layer in self.layers:
            out = layer.forward(out)
        return out

    def backward(self, X: Any, y: Any) -> float:
        """Forward and back: fills every layer's ``grads`` with ∂L/∂θ and returns L."""
        X = self._inputs(X)
        return self._backward(X, self._targets(X, y))

    def _backward(self, X: np.ndarray, t: np.ndarray) -> float:
        z = self.forward(X)
        g = self.head.grad(z, t)
        for layer in reversed(self.layers):
            g = layer.backward(g)
        return self.head.loss(z, t)

    def loss(self, X: Any, y: Any) -> float:
        X = self._inputs(X)
        return self.head.loss(self.forward(X), self._targets(X, y))

    def predict(self, X: Any) -> np.ndarray:
        """Class labels (sigmoid, softmax) or the predicted values (identity)."""
        return self.head.predict(self.forward(X))

    def predict_proba(self, X: Any) -> np.ndarray:
        """P(y = 1) per row for a sigmoid output, the class probabilities for a softmax output."""
        return self.head.proba(self.forward(X))

    def accuracy(self, X: Any, y: Any) -> float:
        """Share of rows classified right (NaN for the identity output)."""
        X = self._inputs(X)
        return self.head.accuracy(self.forward(X), self._targets(X, y))

    def gradient_norms(self, X: Any, y: Any) -> np.ndarray:
        """‖∂L/∂W‖ (Frobenius) of every Dense layer, input side first: where gradients vanish."""
        self.backward(X, y)
        return np.array([np.linalg.norm(layer.grads["W"]) for layer in self.dense])

    def dead_share(self, X: Any) -> np.ndarray:
        """Per hidden layer, the share of units with f′(z) = 0 on every row of X (dead units)."""
        self.forward(X)
        return np.array([np.mean(np.all(layer.slope() == 0, axis=0)) for layer in self.hidden])

    def trace(self, X: Any) -> list[tuple[np.ndarray, np.ndarray]]:
        """(z, a): the pre-activations and activations of every hidden layer, input side first."""
        self.forward(X)
        return [(layer.z, layer.a) for layer in self.hidden]

    def fit(self, X: Any, y: Any, epochs: int = 100, batch_size: int | None = 32,
            optimizer: SGD | Adam | None = None, validation: tuple[Any, Any] | None = None) -> History:
        """Minibatch training; returns the History (measured before training and after every epoch).

        Each epoch shuffles the rows with the network's generator and takes one optimiser step
        per batch of ``batch_size`` rows (None: the whole set). The default optimiser is Adam().
        The small matrix products run on one BLAS thread: more threads only wait on each other.
        """
        with threadpool_limits(limits=1, user_api="blas"):
            return self._fit(X, y, epochs, batch_size, optimizer, validation)

    def _fit(self, X: Any, y: Any, epochs: int, batch_size: int | None, optimizer: SGD | Adam | None,
             validation: tuple[Any, Any] | None) -> History:
        X = self._inputs(X)
        t = self._targets(X, y)
        batch = len(X) if batch_size is None else batch_size
        for name, value in (("epochs", epochs), ("batch_size", batch)):
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
                raise ValueError(f"fit: {name} must be a positive integer, got {value!r}")
        optimizer = Adam() if optimizer is None else optimizer
        history = History()
        history.record(self, X, y, validation)
        for _ in range(epochs):
            order = self.rng.permutation(len(X))
            for start in range(0, len(X), batch):
                rows = order[start:start + batch]
                self._backward(X[rows], t[rows])
                optimizer.step(self.parameters, self.gradients)
            history.record(self, X, y, validation)
        return history


def _hidden_specs(activation: Any, count: int) -> list[tuple[str, dict]]:
    """One (name, keywords) per hidden layer from a name, a (name, keywords) pair, or a list of those."""
    def spec(item: Any) -> tuple[str, dict]:
        if isinstance(item, str):
            return item, {}
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], dict):
            return item
        raise TypeError(f"mlp: an activation is a name or a (name, {{keyword: value}}) pair, got {item!r:.60}")

    if isinstance(activation, (str, tuple)):
        return [spec(activation)] * count
    if not isinstance(activation, list):
        raise TypeError(f"mlp: activation must be a name, a (name, keywords) pair or a list of them, "
                        f"got {type(activation).__name__}")
    if len(activation) != count:
        raise ValueError(f"mlp: {len(activation)} activations given for {count} hidden layers")
    return [spec(item) for item in activation]


def mlp(sizes: Sequence[int], activation: Any = "tanh", output: str = "sigmoid", init: str | float = "xavier",
        bias: float = 0.0, seed: int = 0) -> MLP:
    """A fully connected network with layer widths ``sizes`` = [inputs, hidden…, outputs].

    activation  for the hidden layers: a registered elementwise name ("relu"), a pair with
                keywords ("leaky_relu", {"alpha": 0.2}), or a list with one per hidden layer;
                "prelu" learns its alpha: a number is one shared slope, an array of the layer's
                width one slope per unit, e.g. ("prelu", {"alpha": np.full(16, 0.25)})
    output      "sigmoid" (one output, labels 0/1), "softmax" (k ≥ 2 outputs, labels 0 … k−1)
                or "identity" (regression, mean squared error)
    init        "xavier"/"glorot", "he"/"kaiming", "lecun" or a standard deviation; see init_std
    bias        the hidden layers' initial biases (a large negative value kills ReLU units)
    seed        draws the weights, then shuffles the minibatches in fit()
    """
    if (not isinstance(sizes, (list, tuple)) or len(sizes) < 2
            or not all(isinstance(s, (int, np.integer)) and not isinstance(s, bool) and s >= 1 for s in sizes)):
        raise ValueError(f"mlp: sizes must be a list of at least two positive integers, got {sizes!r:.60}")
    if output not in HEADS:
        raise ValueError(f"mlp: output must be one of {', '.join(HEADS)}, got {output!r}")
    if output == "sigmoid" and sizes[-1] != 1:
        raise ValueError(f"mlp: a sigmoid output has exactly 1 unit, got sizes[-1] = {sizes[-1]}")
    if output == "softmax" and sizes[-1] < 2:
        raise ValueError(f"mlp: a softmax output needs at least 2 units, got sizes[-1] = {sizes[-1]}")
    rng = np.random.default_rng(seed)
    acts = [PReLU(width, **kwargs) if name == "prelu" else Act(name, **kwargs)
            for width, (name, kwargs) in zip(sizes[1:-1], _hidden_specs(activation, len(sizes) - 2))]
    layers: list = []
    for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        hidden = i < len(acts)
        std = init_std(init, fan_in, fan_out, _negative_slope(acts[i]) if hidden else 0.0)
        layers.append(Dense(rng.normal(0.0, std, (fan_in, fan_out)), np.full(fan_out, bias if hidden else 0.0)))
        if hidden:
            layers.append(acts[i])
    return MLP(layers, HEADS[output](), rng)
