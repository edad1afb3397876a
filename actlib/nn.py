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
    Gated   a = u ⊙ g(v) for the halves z = [u; v] of its input (2k units in, k out), with the gate g of
            a gated linear unit: glu (σ), reglu (ReLU), geglu (GELU) or swiglu (SiLU)

followed by an output head that turns the last scores z into a loss L (mean over the rows):

    sigmoid   p = σ(z),        binary cross-entropy,   ∂L/∂z = (p − y)/n
    softmax   p = softmax(z),  cross-entropy,          ∂L/∂z = (p − y)/n   (y one-hot)
    identity  ŷ = z,           mean squared error,     ∂L/∂z = 2(z − y)/(n·k)

Backpropagation multiplies by f′ = ``actlib.get(name).grad``, the very derivatives the book
plots (a gated layer takes the vector-Jacobian product ``actlib.get(name).vjp``). Everything is
float64 and reproducible: one seeded numpy Generator draws the initial weights and then shuffles
the minibatches.

Every public function and method checks its arguments before it computes: a wrong type raises
TypeError, a value that is not allowed raises ValueError (NaN or ±inf in the data, with the first
such row; a label out of range; a shape that does not fit; an empty array), each message naming
the function and the argument. A result that overflows (finite input, but scores, a loss or
gradients that are not finite) raises ValueError too, never a warning or a NaN. ``fit`` stops
with :class:`DivergenceError` when training makes the loss or a gradient non-finite.
"""

from __future__ import annotations

import copy
import math
import numbers
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, NoReturn, Sequence

import numpy as np
from threadpoolctl import threadpool_limits

from .checks import choice, describe, finite, first_bad_row, integer, matrix, real, real_array
from .core import POSITIVE, REALS, Activation, Interval, VectorActivation, get

MAX_WEIGHTS = 10**7   # the most weights mlp() draws for one network (80 MB of float64); larger sizes are refused
MAX_STD = 1e300       # the largest initial standard deviation: weights drawn from N(0, σ²) stay finite below it
_QUIET = {"over": "ignore", "invalid": "ignore", "divide": "ignore"}   # results are checked for NaN/±inf instead


def _finite_rows(who: str, name: str, out: np.ndarray, cause: str) -> np.ndarray:
    """``out`` (one row per row of the argument ``name``); ValueError naming its first non-finite row."""
    row = first_bad_row(out)
    if row is not None:
        raise ValueError(f"{who}: row {row} of {name} gives a result that is not finite (overflow); {cause}")
    return out


def _finite_gradients(who: str, arrays: list[np.ndarray], cause: str) -> None:
    if not all(np.isfinite(a).all() for a in arrays):
        raise ValueError(f"{who}: the gradients are not finite (overflow); {cause}")


def _finite_loss(who: str, loss: float, cause: str) -> float:
    if not math.isfinite(loss):
        raise ValueError(f"{who}: the loss is not finite ({loss}, overflow); {cause}")
    return loss


def _upstream(who: str, g: Any, shape: tuple[int, int] | None) -> np.ndarray:
    """g = ∂L/∂(output) of a layer: finite, with the shape of the output of its last forward pass."""
    if shape is None:
        raise ValueError(f"{who}: no forward pass yet; call forward() first, then backward(g)")
    g = matrix(who, "g", g)
    if g.shape != shape:
        raise ValueError(f"{who}: g must have the shape of the last forward pass's output, {shape}; got {g.shape}")
    return g


# --------------------------------------------------------------------------- layers


@dataclass(eq=False)
class Dense:
    """The affine map z = x W + b, with W of shape (n_in, n_out) and b of shape (n_out,).

    W and b are copied (as float64): training updates the copies, never the arrays passed in.
    """

    W: np.ndarray
    b: np.ndarray
    grads: dict[str, np.ndarray] = field(default_factory=dict, init=False, repr=False)
    x: np.ndarray | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        W = matrix("Dense", "W", self.W)
        b = finite("Dense", "b", real_array("Dense", "b", self.b))
        if b.shape != (W.shape[1],):
            raise ValueError(f"Dense: b must have shape ({W.shape[1]},), one bias per column of W; got shape {b.shape}")
        self.W, self.b = W.copy(), b.copy()

    @property
    def params(self) -> dict[str, np.ndarray]:
        return {"W": self.W, "b": self.b}

    def forward(self, x: Any) -> np.ndarray:
        """z = x W + b for x of shape (rows, n_in)."""
        x = matrix("Dense.forward", "x", x, self.W.shape[0])
        with np.errstate(**_QUIET):
            z = self._forward(x)
        return _finite_rows("Dense.forward", "x", z, "x or W is too large")

    def backward(self, g: Any) -> np.ndarray:
        """From g = ∂L/∂z: ∂L/∂W = xᵀ g, ∂L/∂b = Σ_rows g; returns ∂L/∂x = g Wᵀ."""
        who = "Dense.backward"
        g = _upstream(who, g, None if self.x is None else (len(self.x), self.W.shape[1]))
        with np.errstate(**_QUIET):
            dx = self._backward(g)
        _finite_gradients(who, [dx, *self.grads.values()], "g, x or W is too large")
        return dx

    def _forward(self, x: np.ndarray) -> np.ndarray:
        self.x = x
        return x @ self.W + self.b

    def _backward(self, g: np.ndarray) -> np.ndarray:
        self.grads = {"W": self.x.T @ g, "b": g.sum(axis=0)}
        return g @ self.W.T


def _elementwise(who: str, name: Any) -> Activation:
    """The registered elementwise activation ``name``."""
    if not isinstance(name, str):
        raise TypeError(f"{who}: an activation name must be a str such as 'relu', got {describe(name)}")
    try:
        act = get(name)
    except KeyError:
        raise ValueError(f"{who}: unknown activation name {name!r}; actlib.names() lists them all") from None
    if not isinstance(act, Activation):
        hint = f"nn.Gated({name!r}) for a gated layer" if act.name in GATES else "output='softmax' for a softmax output"
        raise ValueError(f"{who}: the activation name {name!r} is vector-valued; a hidden layer needs an elementwise "
                         f"activation (use {hint})")
    return act


def _shape(value: Any) -> tuple[int, ...]:
    """The shape of a parameter value; () for one numpy cannot shape (the activation's own check rejects it)."""
    try:
        return np.shape(value)
    except ValueError:
        return ()


def _per_unit(who: str, act: Activation, kwargs: dict, units: int) -> None:
    """Every array-valued parameter has one value per unit: shape (units,)."""
    for key, value in kwargs.items():
        if _shape(value) not in ((), (units,)):
            raise ValueError(f"{who}: {act.name}'s {key} must be one number (shared) or have shape ({units},), "
                             f"one per unit; got shape {_shape(value)}")


def _checked_activation(who: str, name: Any, kwargs: dict, units: int | None = None) -> Activation:
    """The activation ``name`` once its keywords are known to be valid: known names, allowed values, and
    arrays with one value per unit (``units`` of them when given, else all of one length)."""
    act = _elementwise(who, name)
    if not all(isinstance(key, str) for key in kwargs):
        raise TypeError(f"{who}: {name}'s keywords must be str names, got {list(kwargs)!r:.60}")
    lengths = [_shape(value) for value in kwargs.values() if len(_shape(value)) == 1]
    if units is None:
        units = lengths[0][0] if lengths else 1
    if units == 0:
        key = next(key for key, value in kwargs.items() if _shape(value) == (0,))
        raise ValueError(f"{who}: {name}'s {key} must hold one value per unit, got an empty array")
    _per_unit(who, act, kwargs, units)
    # a Generator passed for rrelu is copied for the check, so checking draws nothing from it
    probe = {k: copy.deepcopy(v) if isinstance(v, np.random.Generator) else v for k, v in kwargs.items()}
    try:
        act(np.zeros(units) if lengths else 0.0, **probe)   # no allocation beyond the arrays given
    except (TypeError, ValueError) as error:
        raise type(error)(f"{who}: {error}") from None
    return act


class _ActivationLayer:
    """What the hidden activation layers share: the activation ``fn`` names them, and they learn nothing
    (PReLU, which learns α, overrides ``params``)."""

    fn: Activation | VectorActivation

    @property
    def name(self) -> str:
        return self.fn.name

    @property
    def params(self) -> dict[str, np.ndarray]:
        return {}


class Act(_ActivationLayer):
    """a = f(z) for a registered elementwise activation f; backward: ∂L/∂z = ∂L/∂a · f′(z).

    A parameter may be an array with one value per unit (shape (units,)). A random activation
    (rrelu with ``training=True, rng=generator``) draws its slopes from ``rng`` in the forward
    pass; f′(z) replays the same draws from a copy of the generator taken just before, so the
    backward pass uses the slopes the forward pass applied.
    """

    def __init__(self, name: str, **kwargs: Any) -> None:
        self.fn = _checked_activation(type(self).__name__, name, kwargs)
        self.kwargs = kwargs
        self.grads: dict[str, np.ndarray] = {}
        self.z = self.a = None
        self._draws: np.random.Generator | None = None  # the rng as it was before the last forward pass

    def slope(self) -> np.ndarray:
        """f′(z) at the last forward pass; where it is 0 no gradient gets through."""
        if self.z is None:
            raise ValueError(f"{type(self).__name__}.slope: no forward pass yet; call forward(z) first")
        return self._slope()

    def forward(self, z: Any) -> np.ndarray:
        """a = f(z) for z of shape (rows, units); units is fixed by a per-unit parameter, if there is one."""
        who = f"{type(self).__name__}.forward"
        z = matrix(who, "z", z, next((len(v) for v in self.kwargs.values() if len(_shape(v)) == 1), None))
        with np.errstate(**_QUIET):
            a = self._forward(z)
        return _finite_rows(who, "z", a, f"z is too large for {self.name}")

    def backward(self, g: Any) -> np.ndarray:
        """∂L/∂z = g · f′(z) for g = ∂L/∂a of the last forward pass."""
        who = f"{type(self).__name__}.backward"
        g = _upstream(who, g, None if self.z is None else self.z.shape)
        with np.errstate(**_QUIET):
            dz = self._backward(g)
        _finite_gradients(who, [dz, *self.grads.values()], "g or z is too large")
        return dz

    def _slope(self) -> np.ndarray:
        if self._draws is None:
            return self.fn.grad(self.z, **self.kwargs)
        return self.fn.grad(self.z, **{**self.kwargs, "rng": copy.deepcopy(self._draws)})

    def _forward(self, z: np.ndarray) -> np.ndarray:
        self.z = z
        rng = self.kwargs.get("rng")
        self._draws = copy.deepcopy(rng) if isinstance(rng, np.random.Generator) else None
        self.a = self.fn(z, **self.kwargs)
        return self.a

    def _backward(self, g: np.ndarray) -> np.ndarray:
        return g * self._slope()

    def _dead_units(self) -> np.ndarray:
        """Per unit: True where f′(z) = 0 on every row of the last forward pass."""
        return np.all(self._slope() == 0, axis=0)


class PReLU(Act):
    """PReLU with a learnable slope α: a shared scalar, or an array with one slope per unit.

    a = z for z > 0 and α z for z ≤ 0, so ∂a/∂z = 1 or α (the registry's prelu.grad) and
    ∂a/∂α = 0 or z, i.e. ∂a/∂α = min(z, 0). Hence ∂L/∂α = Σ g · min(z, 0), summed over the
    rows, and over the units as well when α is shared. α is copied: training updates the copy.
    """

    def __init__(self, units: int, alpha: float | Sequence[float] = 0.25) -> None:
        units = integer("PReLU", "units", units, 1)
        _checked_activation("PReLU", "prelu", {"alpha": alpha}, units)
        super().__init__("prelu", alpha=np.array(alpha, dtype=np.float64))  # updated in place by the optimiser

    @property
    def alpha(self) -> np.ndarray:
        return self.kwargs["alpha"]

    @property
    def params(self) -> dict[str, np.ndarray]:
        return {"alpha": self.alpha}

    def _backward(self, g: np.ndarray) -> np.ndarray:
        per_unit = (g * np.minimum(self.z, 0)).sum(axis=0)
        self.grads = {"alpha": per_unit if self.alpha.ndim else per_unit.sum()}
        return super()._backward(g)


GATES = ("glu", "reglu", "geglu", "swiglu")   # the gated linear units a Gated layer takes


def _checked_gate(who: str, name: Any, kwargs: dict) -> VectorActivation:
    """The gated linear unit ``name`` (one of GATES) once its keywords are known to be valid."""
    allowed = ", ".join(GATES)
    if not isinstance(name, str):
        raise TypeError(f"{who}: a gate name must be a str, one of {allowed}; got {describe(name)}")
    if name not in GATES:
        known = _registered(name)
        kind = ("an elementwise activation (Act takes it)" if isinstance(known, Activation)
                else "not a gated linear unit" if known else "not a registered activation")
        raise ValueError(f"{who}: the gate name must be one of {allowed}; {name!r:.40} is {kind}")
    act = get(name)
    unknown = [key for key in kwargs if key not in act.params]
    if unknown:
        takes = ", ".join(act.params) or "no keywords (its gate has no parameters, and it acts along the units, axis 1)"
        raise TypeError(f"{who}: unexpected keyword {unknown[0]!r} for {name}; it takes {takes}")
    try:
        act(np.zeros((1, 2)), **kwargs)
    except (TypeError, ValueError) as error:
        raise type(error)(f"{who}: {error}") from None
    return act


def _registered(name: str) -> Activation | VectorActivation | None:
    """The activation registered as ``name``, None if there is none."""
    try:
        return get(name)
    except KeyError:
        return None


class Gated(_ActivationLayer):
    """A gated linear unit as a layer: a = u ⊙ g(v) for the halves z = [u; v] of its input, so a batch of
    2k units gives k. g is the gate of ``name``: glu σ, reglu ReLU, geglu GELU (exact), swiglu SiLU
    (Shazeer 2020). Forward is ``actlib.get(name)`` along the units, backward its ``vjp``:
    ∂L/∂u = g_a ⊙ g(v), ∂L/∂v = g_a ⊙ u ⊙ g′(v) for g_a = ∂L/∂a.

    In a network the Dense before it gives 2k units (u and v are two linear maps of the same input)
    and the layer after it takes k: ``nn.mlp([d, k, d_out], "swiglu")`` builds d → 2k → k → d_out.
    """

    def __init__(self, name: str, **kwargs: Any) -> None:
        self.fn = _checked_gate(type(self).__name__, name, kwargs)
        self.kwargs = kwargs
        self.grads: dict[str, np.ndarray] = {}
        self.z = self.a = None

    def __repr__(self) -> str:
        keywords = "".join(f", {key}={value!r}" for key, value in self.kwargs.items())
        return f"Gated({self.name!r}{keywords})"

    def forward(self, z: Any) -> np.ndarray:
        """a = u ⊙ g(v) for z = [u; v] of shape (rows, 2k): shape (rows, k)."""
        who = "Gated.forward"
        z = matrix(who, "z", z)
        if z.shape[1] % 2:
            raise ValueError(f"{who}: z must have an even number of columns, the halves u and v of the gate; "
                             f"got shape {z.shape}")
        with np.errstate(**_QUIET):
            a = self._forward(z)
        return _finite_rows(who, "z", a, f"z is too large for {self.name}")

    def backward(self, g: Any) -> np.ndarray:
        """∂L/∂z = [g ⊙ g(v); g ⊙ u ⊙ g′(v)] for g = ∂L/∂a of the last forward pass, by the gate's vjp."""
        who = "Gated.backward"
        g = _upstream(who, g, None if self.a is None else self.a.shape)
        with np.errstate(**_QUIET):
            dz = self._backward(g)
        _finite_gradients(who, [dz], "g or z is too large")
        return dz

    def _forward(self, z: np.ndarray) -> np.ndarray:
        self.z = z
        self.a = self.fn(z, axis=1, **self.kwargs)
        return self.a

    def _backward(self, g: np.ndarray) -> np.ndarray:
        return self.fn.vjp(self.z, g, axis=1, **self.kwargs)

    def _dead_units(self) -> np.ndarray:
        """Per output unit: True where neither half passes a gradient on any row (g(v) = 0 and u ⊙ g′(v) = 0);
        the two halves of the vjp of ones are exactly these two partial derivatives."""
        u_part, v_part = np.split(self.fn.vjp(self.z, np.ones_like(self.a), axis=1, **self.kwargs), 2, axis=1)
        return np.all((u_part == 0) & (v_part == 0), axis=0)


# --------------------------------------------------------------------------- output heads


def _class_labels(who: str, name: str, y: Any, n: int, classes: int) -> np.ndarray:
    """y as integer labels of shape (n,), each in 0 … classes − 1."""
    y = _rows(who, name, y, n)
    if y.shape not in ((n,), (n, 1)):
        raise ValueError(f"{who}: {name} must hold one class label per row, shape ({n},); got shape {y.shape}")
    y = y.reshape(n)
    bad = (y != np.round(y)) | (y < 0) | (y >= classes)
    if bad.any():
        row = int(np.argmax(bad))
        raise ValueError(f"{who}: {name} holds a label out of range in row {row}: {y[row]!r}; "
                         f"the labels are the integers 0 … {classes - 1}")
    return y.astype(np.int64)


def _rows(who: str, name: str, y: Any, n: int) -> np.ndarray:
    """y as a finite float64 array with n rows."""
    y = real_array(who, name, y)
    if y.ndim == 0 or len(y) != n:
        raise ValueError(f"{who}: {name} must have {n} rows, one per row of X; got {len(y) if y.ndim else 0}")
    return finite(who, name, y)


class Head(ABC):
    """An output head: scores z of shape (rows, k) give predictions and, with targets t as
    ``targets`` makes them, the loss L (a mean over the rows) and ∂L/∂z. SigmoidBCE, SoftmaxCE
    and IdentityMSE are the heads; Head itself is abstract. The public methods check their
    arguments, then run the formulas (the underscored methods, which the network calls on data
    it has already checked)."""

    name: str
    units: tuple[int, int | None]      # (least, most) outputs; None: no upper limit
    rule: str                          # what a valid row of t holds

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"

    def _check_units(self, who: str, name: str, k: int) -> None:
        least, most = self.units
        if k < least or (most is not None and k > most):
            wanted = f"exactly {least} unit" if least == most else f"at least {least} units"
            raise ValueError(f"{who}: a {self.name} output (head) has {wanted}, got {name} = {k}")

    def targets(self, y: Any, n: int, k: int) -> np.ndarray:
        """The targets t of shape (n, k) for the labels or values y of n rows (n · k ≤ MAX_WEIGHTS)."""
        who = f"{type(self).__name__}.targets"
        n = integer(who, "n", n, 1)
        k = integer(who, "k", k, 1)
        self._check_units(who, "k", k)
        if n * k > MAX_WEIGHTS:
            raise ValueError(f"{who}: n · k must be at most MAX_WEIGHTS = {MAX_WEIGHTS:.0e}, got {n * k}")
        return self._targets(who, "y", y, n, k)

    def _scores(self, who: str, z: Any) -> np.ndarray:
        z = matrix(who, "z", z)
        self._check_units(who, "the number of columns of z", z.shape[1])
        return z

    def _scores_and_targets(self, who: str, z: Any, t: Any) -> tuple[np.ndarray, np.ndarray]:
        z = self._scores(who, z)
        t = finite(who, "t", real_array(who, "t", t))
        if t.shape != z.shape:
            raise ValueError(f"{who}: t must have the shape of z, {z.shape}; got {t.shape}")
        bad = self._bad_targets(t)
        if bad.any():
            raise ValueError(f"{who}: each row of t must hold {self.rule}; row {int(np.argmax(bad))} does not")
        return z, t

    def _bad_targets(self, t: np.ndarray) -> np.ndarray:
        """Per row of t: True where it is not a valid target row."""
        return np.zeros(len(t), dtype=bool)

    @abstractmethod
    def _targets(self, who: str, name: str, y: Any, n: int, k: int) -> np.ndarray:
        """The labels or values y (``name`` in the messages of ``who``) as targets of shape (n, k)."""

    @abstractmethod
    def _loss(self, z: np.ndarray, t: np.ndarray) -> float:
        """L, a mean over the rows."""

    @abstractmethod
    def _grad(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        """∂L/∂z."""

    @abstractmethod
    def _predict(self, z: np.ndarray) -> np.ndarray:
        """Class labels, or the values of a regression."""

    @abstractmethod
    def _accuracy(self, z: np.ndarray, t: np.ndarray) -> float:
        """Share of rows classified right (NaN for a regression)."""

    def loss(self, z: Any, t: Any) -> float:
        """The loss L, a mean over the rows."""
        who = f"{type(self).__name__}.loss"
        z, t = self._scores_and_targets(who, z, t)
        with np.errstate(**_QUIET):
            return _finite_loss(who, self._loss(z, t), "z or t is too large")

    def grad(self, z: Any, t: Any) -> np.ndarray:
        """∂L/∂z, the shape of z."""
        who = f"{type(self).__name__}.grad"
        z, t = self._scores_and_targets(who, z, t)
        with np.errstate(**_QUIET):
            g = self._grad(z, t)
        _finite_gradients(who, [g], "z or t is too large")
        return g

    def accuracy(self, z: Any, t: Any) -> float:
        """Share of rows classified right."""
        return self._accuracy(*self._scores_and_targets(f"{type(self).__name__}.accuracy", z, t))

    def proba(self, z: Any) -> np.ndarray:
        """The class probabilities."""
        return self._proba(self._scores(f"{type(self).__name__}.proba", z))

    def predict(self, z: Any) -> np.ndarray:
        """The class labels (the values for a regression)."""
        return self._predict(self._scores(f"{type(self).__name__}.predict", z))


class SigmoidBCE(Head):
    """One output: p = σ(z) and L = −mean[y log σ(z) + (1 − y) log σ(−z)] (log σ kept stable)."""

    name, units, rule = "sigmoid", (1, 1), "0 or 1 (a class label)"

    def _targets(self, who: str, name: str, y: Any, n: int, k: int) -> np.ndarray:
        return _class_labels(who, name, y, n, 2).reshape(n, 1).astype(np.float64)

    def _bad_targets(self, t: np.ndarray) -> np.ndarray:
        return ~np.isin(t[:, 0], (0.0, 1.0))

    def _loss(self, z: np.ndarray, t: np.ndarray) -> float:
        log_sigmoid = get("log_sigmoid")
        return float(-np.mean(t * log_sigmoid(z) + (1 - t) * log_sigmoid(-z)))

    def _grad(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return (get("sigmoid")(z) - t) / len(z)

    def _proba(self, z: np.ndarray) -> np.ndarray:
        return get("sigmoid")(z[:, 0])

    def _predict(self, z: np.ndarray) -> np.ndarray:
        return (z[:, 0] > 0).astype(np.int64)

    def _accuracy(self, z: np.ndarray, t: np.ndarray) -> float:
        return float(np.mean(self._predict(z) == t[:, 0]))


class SoftmaxCE(Head):
    """k outputs: log p = log_softmax(z) = z − max z − log Σ e^{z − max z}, L = −mean Σ y log p."""

    name, units, rule = "softmax", (2, None), "one 1 and otherwise 0 (a one-hot class label)"

    def _targets(self, who: str, name: str, y: Any, n: int, k: int) -> np.ndarray:
        t = np.zeros((n, k))
        t[np.arange(n), _class_labels(who, name, y, n, k)] = 1.0
        return t

    def _bad_targets(self, t: np.ndarray) -> np.ndarray:
        return ~(np.isin(t, (0.0, 1.0)).all(axis=1) & (t.sum(axis=1) == 1))

    def _loss(self, z: np.ndarray, t: np.ndarray) -> float:
        # only the log p of the true class counts: 0 · log p is left out (it would be NaN where log p = −∞)
        log_p = get("log_softmax")(z, axis=1)
        return float(-np.mean(np.sum(np.where(t > 0, t * log_p, 0.0), axis=1)))

    def _grad(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return (self._proba(z) - t) / len(z)

    def _proba(self, z: np.ndarray) -> np.ndarray:
        return np.exp(get("log_softmax")(z, axis=1))

    def _predict(self, z: np.ndarray) -> np.ndarray:
        return np.argmax(z, axis=1)

    def _accuracy(self, z: np.ndarray, t: np.ndarray) -> float:
        return float(np.mean(self._predict(z) == t.argmax(axis=1)))


class IdentityMSE(Head):
    """k outputs used as they are: ŷ = z and L = mean over all entries of (z − y)²."""

    name, units, rule = "identity", (1, None), "finite numbers"

    def _targets(self, who: str, name: str, y: Any, n: int, k: int) -> np.ndarray:
        y = _rows(who, name, y, n)
        if y.shape == (n,) and k == 1:
            return y.reshape(n, 1)
        if y.shape != (n, k):
            raise ValueError(f"{who}: {name} must have shape ({n}, {k}) to match the {k} outputs; got {y.shape}")
        return y

    def proba(self, z: Any) -> np.ndarray:
        """A regression has no class probabilities: always ValueError."""
        raise ValueError("IdentityMSE.proba: a regression output (identity) has no class probabilities")

    def _loss(self, z: np.ndarray, t: np.ndarray) -> float:
        return float(np.mean((z - t) ** 2))

    def _grad(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        return 2 * (z - t) / z.size

    def _predict(self, z: np.ndarray) -> np.ndarray:
        return z[:, 0] if z.shape[1] == 1 else z

    def _accuracy(self, z: np.ndarray, t: np.ndarray) -> float:
        return math.nan  # a regression has no accuracy


HEADS = {"sigmoid": SigmoidBCE, "softmax": SoftmaxCE, "identity": IdentityMSE}


# --------------------------------------------------------------------------- optimisers


_UNIT = Interval(0.0, 1.0, low_closed=True)  # [0, 1): momentum and Adam's betas


def _step_arguments(who: str, params: Any, grads: Any) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """params: distinct, writeable, finite float64 arrays; grads: finite arrays of the same shapes."""
    if not isinstance(params, (list, tuple)) or not all(
            isinstance(p, np.ndarray) and p.dtype == np.float64 for p in params):
        raise TypeError(f"{who}: params must be a list of float64 numpy arrays (they are updated in place), "
                        f"got {describe(params)}")
    if not isinstance(grads, (list, tuple)):
        raise TypeError(f"{who}: grads must be a list of arrays, one per parameter, got {describe(grads)}")
    if len(grads) != len(params):
        raise ValueError(f"{who}: grads must hold one array per parameter: params has {len(params)}, "
                         f"grads {len(grads)}")
    if len({id(p) for p in params}) != len(params):
        raise ValueError(f"{who}: params must not hold the same array twice")
    checked = []
    for i, (p, g) in enumerate(zip(params, grads)):
        g = finite(who, f"grads[{i}]", real_array(who, f"grads[{i}]", g))
        if g.shape != p.shape:
            raise ValueError(f"{who}: grads[{i}] must have the shape of params[{i}], {p.shape}; got {g.shape}")
        if not p.flags.writeable:
            raise ValueError(f"{who}: params[{i}] is read-only; the step updates it in place")
        finite(who, f"params[{i}]", p)
        checked.append(g)
    return list(params), checked


class Optimiser(ABC):
    """An optimiser: SGD or Adam (Optimiser itself is abstract). ``step`` checks its arguments,
    then runs ``_apply``, which fit() calls on gradients it has checked."""

    @abstractmethod
    def _state(self) -> list[np.ndarray]:
        """One state array per parameter (empty before the first step)."""

    @abstractmethod
    def _deltas(self, params: list[np.ndarray], grads: list[np.ndarray]) -> list[np.ndarray]:
        """The changes Δθ of one step (advancing the state)."""

    def _check_state(self, who: str, params: list[np.ndarray]) -> None:
        state, name = self._state(), type(self).__name__
        if state and [s.shape for s in state] != [p.shape for p in params]:
            raise ValueError(f"{who}: the optimizer ({name}) has already updated params of other shapes (another "
                             f"network?); use a new {name}() for each network")

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        """Update every parameter in place from its gradient; no parameter moves if a result would not be finite."""
        who = f"{type(self).__name__}.step"
        params, grads = _step_arguments(who, params, grads)
        self._check_state(who, params)
        bad = self._apply(params, grads)
        if bad is not None:
            raise ValueError(f"{who}: the step would make params[{bad}] non-finite (overflow); nothing was "
                             f"updated: lr or the gradients are too large")

    def _apply(self, params: list[np.ndarray], grads: list[np.ndarray]) -> int | None:
        """θ ← θ − Δθ for every parameter, unless one result is not finite: then its index, nothing moved."""
        with np.errstate(**_QUIET):
            new = [p - d for p, d in zip(params, self._deltas(params, grads))]
        bad = next((i for i, q in enumerate(new) if not np.isfinite(q).all()), None)
        if bad is None:
            for p, q in zip(params, new):
                p[...] = q
        return bad


@dataclass
class SGD(Optimiser):
    """v ← μ v + ∇θ,  θ ← θ − lr · v  (PyTorch's form; momentum μ = 0 is plain gradient descent)."""

    lr: float = 0.1
    momentum: float = 0.0
    velocity: list[np.ndarray] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.lr = real("SGD", "lr", self.lr, POSITIVE)
        self.momentum = real("SGD", "momentum", self.momentum, _UNIT)

    def _state(self) -> list[np.ndarray]:
        return self.velocity

    def _deltas(self, params: list[np.ndarray], grads: list[np.ndarray]) -> list[np.ndarray]:
        if not self.velocity:
            self.velocity = [np.zeros_like(p) for p in params]
        for g, v in zip(grads, self.velocity):
            v *= self.momentum
            v += g
        return [self.lr * v for v in self.velocity]


@dataclass
class Adam(Optimiser):
    """Adam (Kingma & Ba 2015): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − lr · m̂ / (√v̂ + ε),
    with the bias corrections m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ)."""

    lr: float = 0.001
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    t: int = field(default=0, init=False, repr=False, compare=False)
    m: list[np.ndarray] = field(default_factory=list, init=False, repr=False, compare=False)
    v: list[np.ndarray] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.lr = real("Adam", "lr", self.lr, POSITIVE)
        self.beta1 = real("Adam", "beta1", self.beta1, _UNIT)
        self.beta2 = real("Adam", "beta2", self.beta2, _UNIT)
        self.eps = real("Adam", "eps", self.eps, POSITIVE)

    def _state(self) -> list[np.ndarray]:
        return self.m

    def _deltas(self, params: list[np.ndarray], grads: list[np.ndarray]) -> list[np.ndarray]:
        if not self.m:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        deltas = []
        for g, m, v in zip(grads, self.m, self.v):
            m += (1 - self.beta1) * (g - m)
            v += (1 - self.beta2) * (g * g - v)
            m_hat = m / (1 - self.beta1**self.t)
            v_hat = v / (1 - self.beta2**self.t)
            deltas.append(self.lr * m_hat / (np.sqrt(v_hat) + self.eps))
        return deltas


# --------------------------------------------------------------------------- initialisation

INITS = ("xavier", "glorot", "he", "kaiming", "lecun")


def _initialiser(who: str, init: Any) -> str | float:
    """init checked: one of INITS, or a standard deviation 0 < σ ≤ MAX_STD."""
    if isinstance(init, str):
        return choice(who, "init", init, INITS)
    if isinstance(init, (bool, np.bool_)) or not isinstance(init, numbers.Real):
        raise TypeError(f"{who}: init must be one of {', '.join(INITS)} or a standard deviation (a number > 0), "
                        f"got {describe(init)}")
    return real(who, "init (a standard deviation)", init, Interval(0.0, MAX_STD, high_closed=True))


def init_std(init: str | float, fan_in: int, fan_out: int, slope: float = 0.0) -> float:
    """The standard deviation σ of the N(0, σ²) initial weights of a layer.

    xavier / glorot   σ² = 2 / (fan_in + fan_out)        Glorot & Bengio (2010), for tanh
    he / kaiming      σ² = 2 / ((1 + a²) · fan_in)       He et al. (2015); a = negative slope
                                                          of a following leaky ReLU / PReLU
    lecun             σ² = 1 / fan_in                    LeCun et al. (1998), SELU's choice
    a number          σ  = that number (0 < σ ≤ MAX_STD)  normal(std)

    fan_in and fan_out are integers from 1 to MAX_WEIGHTS, slope any finite number.
    """
    who = "init_std"
    init = _initialiser(who, init)
    fan_in = integer(who, "fan_in", fan_in, 1, MAX_WEIGHTS)
    fan_out = integer(who, "fan_out", fan_out, 1, MAX_WEIGHTS)
    slope = real(who, "slope", slope, REALS)
    if not isinstance(init, str):
        return init
    if init in ("xavier", "glorot"):
        return math.sqrt(2 / (fan_in + fan_out))
    if init in ("he", "kaiming"):
        gain = 1 + slope * slope
        if math.isinf(gain):                       # |a| > 1e154: a² overflows, σ ≈ √(2/fan_in) / |a|
            return math.sqrt(2 / fan_in) / abs(slope)
        return math.sqrt(2 / (gain * fan_in))
    return math.sqrt(1 / fan_in)


def _negative_slope(layer: Act | Gated) -> float:
    """a of a leaky ReLU / PReLU layer (its mean if one per unit), 0 for any other activation."""
    if layer.name not in ("leaky_relu", "prelu"):
        return 0.0
    return float(np.mean(layer.kwargs.get("alpha", layer.fn.params["alpha"].default)))


# --------------------------------------------------------------------------- the network


class DivergenceError(FloatingPointError):
    """fit() stopped: in ``epoch`` (1, 2, …) the loss or a gradient stopped being finite.

    ``history`` holds what was measured before, epochs 0 … epoch − 1; the network keeps the
    weights of its last finite step. A smaller learning rate is the usual cure.
    """

    def __init__(self, message: str, epoch: int, history: History) -> None:
        if not isinstance(message, str):
            raise TypeError(f"DivergenceError: message must be a str, got {describe(message)}")
        epoch = integer("DivergenceError", "epoch", epoch, 1)
        if not isinstance(history, History):
            raise TypeError(f"DivergenceError: history must be a History, got {describe(history)}")
        super().__init__(message)
        self.epoch = epoch
        self.history = history


@dataclass(eq=False)
class History:
    """What fit() measured on the whole training set, before training (index 0) and after each epoch.

    loss, accuracy            one number per epoch (accuracy is NaN for the identity output)
    grad_norms                ‖∂L/∂W‖ of every Dense layer, input side first
    dead_share                share of dead units (f′(z) = 0 on every row; for a Gated layer, no gradient
                              through either half) of every hidden layer
    alphas                    α of every PReLU layer (a copy per epoch)
    val_loss, val_accuracy    the same on the validation set, when one is given

    ``History()`` is empty; fit() fills it.
    """

    loss: list[float] = field(default_factory=list, init=False)
    accuracy: list[float] = field(default_factory=list, init=False)
    grad_norms: list[np.ndarray] = field(default_factory=list, init=False)
    dead_share: list[np.ndarray] = field(default_factory=list, init=False)
    alphas: list[list[np.ndarray]] = field(default_factory=list, init=False)
    val_loss: list[float] = field(default_factory=list, init=False)
    val_accuracy: list[float] = field(default_factory=list, init=False)

    def alpha(self, layer: int = 0) -> np.ndarray:
        """α of PReLU layer ``layer`` (0 is the one nearest the input) over the epochs: shape
        (epochs + 1,) for a shared α, (epochs + 1, units) for one per unit."""
        who = "History.alpha"
        layer = integer(who, "layer", layer, 0)
        if not self.alphas:
            raise ValueError(f"{who}: nothing recorded yet; MLP.fit() returns a filled History")
        count = len(self.alphas[0])
        if layer >= count:
            raise ValueError(f"{who}: layer must be less than the number of PReLU layers ({count}); got {layer}")
        return np.array([alphas[layer] for alphas in self.alphas])


def _generator(who: str, seed: Any) -> np.random.Generator:
    """A numpy Generator: a new one seeded by an int ≥ 0, or the Generator given (used as it is)."""
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"{who}: seed must be an int ≥ 0 or a numpy Generator, got {describe(seed)}")
    return np.random.default_rng(integer(who, "seed", seed, 0))


def _layer_list(who: str, layers: Any) -> list:
    """layers checked: a non-empty list of distinct Dense / Act / Gated layers with at least one Dense."""
    if not isinstance(layers, (list, tuple)):
        raise TypeError(f"{who}: layers must be a list of Dense, Act and Gated layers, got {describe(layers)}")
    for i, layer in enumerate(layers):
        if not isinstance(layer, (Dense, Act, Gated)):
            raise TypeError(f"{who}: layers[{i}] must be a Dense, Act, PReLU or Gated layer, got {describe(layer)}")
    if not any(isinstance(layer, Dense) for layer in layers):
        raise ValueError(f"{who}: layers must hold at least one Dense layer")
    if len({id(layer) for layer in layers}) != len(layers):
        raise ValueError(f"{who}: each layer may appear once in layers (it keeps its own forward pass); "
                         f"make a new layer for each place")
    return list(layers)


class MLP:
    """A stack of layers and an output head; ``seed`` (an int ≥ 0 or a Generator) shuffles the minibatches.

    The widths must chain: each Dense takes as many inputs as the layer before it gives, a
    per-unit activation parameter has one value per unit, a Gated layer takes an even width and
    gives half of it, and the last width suits the head.
    """

    def __init__(self, layers: list, head: Head, seed: int | np.random.Generator = 0) -> None:
        who = "MLP"
        layers = _layer_list(who, layers)
        if not isinstance(head, Head):
            hint = " (an instance: add the parentheses)" if isinstance(head, type) else ""
            raise TypeError(f"{who}: head must be SigmoidBCE(), SoftmaxCE() or IdentityMSE(){hint}, "
                            f"got {describe(head)}")
        dense = [layer for layer in layers if isinstance(layer, Dense)]
        width = dense[0].W.shape[0]
        for i, layer in enumerate(layers):
            if isinstance(layer, Act):
                _per_unit(f"{who}: layers[{i}]", layer.fn, layer.kwargs, width)
            elif isinstance(layer, Gated):
                if width % 2:
                    raise ValueError(f"{who}: layers[{i}] ({layer!r}) takes an even width, the halves of its gate, "
                                     f"but the layer before it gives {width}")
                width //= 2
            elif layer.W.shape[0] != width:
                raise ValueError(f"{who}: layers[{i}] takes {layer.W.shape[0]} inputs, but the layer before it "
                                 f"gives {width}")
            else:
                width = layer.W.shape[1]
        head._check_units(who, "the width of the last layer in layers", width)
        self.rng = _generator(who, seed)
        self.layers = layers
        self.head = head
        self.dense = dense
        self.hidden = [layer for layer in layers if isinstance(layer, (Act, Gated))]

    def __repr__(self) -> str:
        """The widths as mlp() takes them (a gated layer's is its output width, half the Dense before it)."""
        sizes = [self.dense[0].W.shape[0]]
        for layer in self.layers:
            if isinstance(layer, Dense):
                sizes.append(layer.W.shape[1])
            elif isinstance(layer, Gated):
                sizes[-1] //= 2
        acts = ", ".join(f"{layer.name} (gated)" if isinstance(layer, Gated) else layer.name for layer in self.hidden)
        return f"<MLP {'-'.join(map(str, sizes))}, hidden: {acts or 'none'}, output: {self.head.name}>"

    @property
    def parameters(self) -> list[np.ndarray]:
        """Every learnable array, in layer order (updated in place by the optimiser)."""
        return [p for layer in self.layers for p in layer.params.values()]

    @property
    def gradients(self) -> list[np.ndarray]:
        """∂L/∂θ for every array of ``parameters``, from the last backward pass."""
        if not all(layer.grads for layer in self.layers if layer.params):
            raise ValueError("MLP.gradients: no backward pass yet; call backward(X, y) first")
        return [layer.grads[key] for layer in self.layers for key in layer.params]

    # ----------------------------------------------------------------- checked arguments

    def _inputs(self, who: str, X: Any, name: str = "X") -> np.ndarray:
        return matrix(who, name, X, self.dense[0].W.shape[0])

    def _targets(self, who: str, X: np.ndarray, y: Any, name: str = "y") -> np.ndarray:
        return self.head._targets(who, name, y, len(X), self.dense[-1].W.shape[1])

    def _scores(self, who: str, X: np.ndarray) -> np.ndarray:
        """The forward pass on checked X; ValueError for the first row whose scores overflow."""
        with np.errstate(**_QUIET):
            z = self._forward(X)
        return _finite_rows(who, "X", z, "X or the weights are too large")

    def _checked_backward(self, who: str, X: Any, y: Any) -> float:
        X = self._inputs(who, X)
        t = self._targets(who, X, y)
        with np.errstate(**_QUIET):
            loss, z = self._backward(X, t)
        _finite_rows(who, "X", z, "X or the weights are too large")
        _finite_loss(who, loss, "X, y or the weights are too large")
        _finite_gradients(who, self.gradients, "X, y or the weights are too large")
        return loss

    # ----------------------------------------------------------------- the passes

    def _forward(self, X: np.ndarray) -> np.ndarray:
        out = X
        for layer in self.layers:
            out = layer._forward(out)
        return out

    def _backward(self, X: np.ndarray, t: np.ndarray) -> tuple[float, np.ndarray]:
        """Forward and back on checked X and targets t: fills every layer's grads; (L, scores z)."""
        z = self._forward(X)
        g = self.head._grad(z, t)
        for layer in reversed(self.layers):
            g = layer._backward(g)
        return self.head._loss(z, t), z

    # ----------------------------------------------------------------- public methods

    def forward(self, X: Any) -> np.ndarray:
        """The output scores z (logits) of the last layer, one row per row of X."""
        return self._scores("MLP.forward", self._inputs("MLP.forward", X))

    def backward(self, X: Any, y: Any) -> float:
        """Forward and back: fills every layer's ``grads`` with ∂L/∂θ and returns L."""
        return self._checked_backward("MLP.backward", X, y)

    def loss(self, X: Any, y: Any) -> float:
        """The loss L on X, y (a mean over the rows)."""
        who = "MLP.loss"
        X = self._inputs(who, X)
        t = self._targets(who, X, y)
        z = self._scores(who, X)
        with np.errstate(**_QUIET):
            return _finite_loss(who, self.head._loss(z, t), "X, y or the weights are too large")

    def predict(self, X: Any) -> np.ndarray:
        """Class labels (sigmoid, softmax) or the predicted values (identity)."""
        return self.head._predict(self._scores("MLP.predict", self._inputs("MLP.predict", X)))

    def predict_proba(self, X: Any) -> np.ndarray:
        """P(y = 1) per row for a sigmoid output, the class probabilities for a softmax output."""
        who = "MLP.predict_proba"
        if isinstance(self.head, IdentityMSE):
            raise ValueError(f"{who}: a regression output (identity) has no class probabilities; use predict")
        return self.head._proba(self._scores(who, self._inputs(who, X)))

    def accuracy(self, X: Any, y: Any) -> float:
        """Share of rows classified right (NaN for the identity output)."""
        who = "MLP.accuracy"
        X = self._inputs(who, X)
        t = self._targets(who, X, y)
        return self.head._accuracy(self._scores(who, X), t)

    def gradient_norms(self, X: Any, y: Any) -> np.ndarray:
        """‖∂L/∂W‖ (Frobenius) of every Dense layer, input side first: where gradients vanish."""
        self._checked_backward("MLP.gradient_norms", X, y)
        return self._norms()

    def dead_share(self, X: Any) -> np.ndarray:
        """Per hidden layer, the share of units with f′(z) = 0 on every row of X (dead units); for a Gated
        layer, of output units that pass no gradient to either half on any row."""
        self._scores("MLP.dead_share", self._inputs("MLP.dead_share", X))
        return self._dead()

    def trace(self, X: Any) -> list[tuple[np.ndarray, np.ndarray]]:
        """(z, a): the pre-activations and activations of every hidden layer, input side first (for a Gated
        layer z = [u; v] has twice the columns of a)."""
        self._scores("MLP.trace", self._inputs("MLP.trace", X))
        return [(layer.z, layer.a) for layer in self.hidden]

    def _norms(self) -> np.ndarray:
        return np.array([np.linalg.norm(layer.grads["W"]) for layer in self.dense])

    def _dead(self) -> np.ndarray:
        return np.array([np.mean(layer._dead_units()) for layer in self.hidden])

    # ----------------------------------------------------------------- training

    def fit(self, X: Any, y: Any, epochs: int = 100, batch_size: int | None = 32,
            optimizer: Optimiser | None = None, validation: tuple[Any, Any] | None = None) -> History:
        """Minibatch training; returns the History (measured before training and after every epoch).

        Each epoch shuffles the rows with the network's generator and takes one optimiser step
        per batch of ``batch_size`` rows (≥ 1; None, or more than the number of rows: the whole set at
        once, as Keras and PyTorch take it).
        The default optimiser is Adam(). ``validation`` is None or a pair (X_val, y_val).
        Raises DivergenceError (a FloatingPointError) as soon as the loss or a gradient stops
        being finite; the error carries the History measured until then.
        The small matrix products run on one BLAS thread: more threads only wait on each other.
        """
        who = "MLP.fit"
        X = self._inputs(who, X)
        t = self._targets(who, X, y)
        epochs = integer(who, "epochs", epochs, 1)
        batch = len(X) if batch_size is None else min(integer(who, "batch_size (None: all rows at once)",
                                                               batch_size, 1), len(X))
        if optimizer is None:
            optimizer = Adam()
        elif not isinstance(optimizer, Optimiser):
            raise TypeError(f"{who}: optimizer must be an SGD or Adam instance such as nn.Adam(0.01), "
                            f"or None for Adam(); got {describe(optimizer)}")
        optimizer._check_state(who, self.parameters)
        validation = self._validation(who, validation)
        with threadpool_limits(limits=1, user_api="blas"), np.errstate(**_QUIET):
            return self._fit(X, t, epochs, batch, optimizer, validation)

    def _validation(self, who: str, validation: Any) -> tuple[np.ndarray, np.ndarray] | None:
        if validation is None:
            return None
        if not isinstance(validation, (tuple, list)) or len(validation) != 2:
            raise TypeError(f"{who}: validation must be None or a pair (X_val, y_val), got {describe(validation)}")
        X = self._inputs(who, validation[0], "validation X")
        return X, self._targets(who, X, validation[1], "validation y")

    def _fit(self, X: np.ndarray, t: np.ndarray, epochs: int, batch: int, optimizer: Optimiser,
             validation: tuple[np.ndarray, np.ndarray] | None) -> History:
        history = History()
        self._record(history, X, t, validation, 0, optimizer)
        for epoch in range(1, epochs + 1):
            order = self.rng.permutation(len(X))
            for start in range(0, len(X), batch):
                rows = order[start:start + batch]
                loss, _ = self._backward(X[rows], t[rows])
                if not math.isfinite(loss):
                    self._diverged(epoch, f"the loss of a batch ({loss})", history, optimizer)
                grads = self.gradients
                if not all(np.isfinite(g).all() for g in grads):
                    self._diverged(epoch, "a gradient of a batch", history, optimizer)
                if optimizer._apply(self.parameters, grads) is not None:
                    self._diverged(epoch, "a weight after the optimiser's step", history, optimizer)
            self._record(history, X, t, validation, epoch, optimizer)
        return history

    def _record(self, history: History, X: np.ndarray, t: np.ndarray,
                validation: tuple[np.ndarray, np.ndarray] | None, epoch: int, optimizer: Optimiser) -> None:
        """Append the measurements of this epoch, all from one forward and backward pass (one more
        forward pass for the validation set), unless one of them is not finite."""
        loss, z = self._backward(X, t)
        norms, dead = self._norms(), self._dead()
        values = {"the largest score": np.abs(z).max(), "the loss": loss, "a gradient norm": norms.max()}
        if validation is not None:                 # after _dead(): this pass replaces every layer's z
            z_val = self._forward(validation[0])
            values["the validation loss"] = self.head._loss(z_val, validation[1])
        for what, value in values.items():
            if not math.isfinite(value):
                if epoch == 0:
                    raise ValueError(f"MLP.fit: before training, {what} is not finite ({value}, overflow); "
                                     f"X, y (or validation) are too large for this network's weights")
                self._diverged(epoch, f"{what} on the whole set ({value})", history, optimizer)
        history.loss.append(loss)
        history.accuracy.append(self.head._accuracy(z, t))
        history.grad_norms.append(norms)
        history.dead_share.append(dead)
        history.alphas.append([layer.alpha.copy() for layer in self.layers if isinstance(layer, PReLU)])
        if validation is not None:
            history.val_loss.append(values["the validation loss"])
            history.val_accuracy.append(self.head._accuracy(z_val, validation[1]))

    def _diverged(self, epoch: int, what: str, history: History, optimizer: Optimiser) -> NoReturn:
        raise DivergenceError(
            f"MLP.fit: training diverged in epoch {epoch}: {what} is not finite. The network keeps the weights "
            f"of its last finite step, and the error's history holds epochs 0 … {epoch - 1}. Try a smaller "
            f"learning rate than lr = {optimizer.lr:g}, e.g. {type(optimizer).__name__}({optimizer.lr / 10:g})",
            epoch, history)


def _hidden_specs(activation: Any, count: int) -> list[tuple[str, dict]]:
    """One (name, keywords) per hidden layer from a name, a (name, keywords) pair, or a list of those."""
    def spec(item: Any) -> tuple[str, dict]:
        if isinstance(item, str):
            return item, {}
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], dict):
            return item
        raise TypeError(f"mlp: an activation is a name or a (name, {{keyword: value}}) pair, got {describe(item)}")

    if isinstance(activation, (str, tuple)):
        name, kwargs = spec(activation)
        _checked_hidden("mlp (activation)", name, kwargs)   # checked even when there is no hidden layer
        return [(name, kwargs)] * count
    if not isinstance(activation, list):
        raise TypeError(f"mlp: activation must be a name, a (name, keywords) pair or a list of them, "
                        f"got {describe(activation)}")
    if len(activation) != count:
        raise ValueError(f"mlp: {len(activation)} activations given for {count} hidden layers")
    return [spec(item) for item in activation]


def _checked_hidden(who: str, name: Any, kwargs: dict, units: int | None = None) -> Activation | VectorActivation:
    """The activation of a hidden layer: a gate (one of GATES) or an elementwise activation, checked."""
    if isinstance(name, str) and name in GATES:
        return _checked_gate(who, name, kwargs)
    return _checked_activation(who, name, kwargs, units)


def _hidden_layer(name: str, kwargs: dict, units: int) -> Act | Gated:
    """The hidden layer mlp() makes for a checked (name, keywords) of ``units`` units."""
    if name in GATES:
        return Gated(name, **kwargs)
    return PReLU(units, **kwargs) if name == "prelu" else Act(name, **kwargs)


def _check_weights(who: str, sizes: list[int], fan_outs: list[int]) -> None:
    """At most MAX_WEIGHTS weights in the Dense layers of shapes (sizes[i], fan_outs[i])."""
    if sum(a * b for a, b in zip(sizes, fan_outs)) > MAX_WEIGHTS:
        raise ValueError(f"{who}: sizes {sizes!r:.60} ask for more than MAX_WEIGHTS = {MAX_WEIGHTS:.0e} weights "
                         f"(80 MB of float64)")


def _sizes(who: str, sizes: Any) -> list[int]:
    """sizes checked: at least two widths ≥ 1."""
    if not isinstance(sizes, (list, tuple)):
        raise TypeError(f"{who}: sizes must be a list of layer widths [inputs, hidden…, outputs], "
                        f"got {describe(sizes)}")
    if len(sizes) < 2:
        raise ValueError(f"{who}: sizes must list at least two widths [inputs, …, outputs], got {sizes!r:.60}")
    return [integer(who, f"sizes[{i}]", width, 1) for i, width in enumerate(sizes)]


def mlp(sizes: Sequence[int], activation: Any = "tanh", output: str = "sigmoid", init: str | float = "xavier",
        bias: float = 0.0, seed: int | np.random.Generator = 0) -> MLP:
    """A fully connected network with layer widths ``sizes`` = [inputs, hidden…, outputs].

    sizes       two or more integers ≥ 1, with at most MAX_WEIGHTS weights in all
    activation  for the hidden layers: a registered elementwise name ("relu"), a pair with
                keywords ("leaky_relu", {"alpha": 0.2}), or a list with one per hidden layer;
                "prelu" learns its alpha: a number is one shared slope, an array of the layer's
                width one slope per unit, e.g. ("prelu", {"alpha": np.full(16, 0.25)});
                a gate (glu, reglu, geglu, swiglu) makes a Gated layer whose width k is its output:
                the Dense before it gives 2k units, the halves u and v of u ⊙ g(v)
    output      "sigmoid" (one output, labels 0/1), "softmax" (k ≥ 2 outputs, labels 0 … k−1)
                or "identity" (regression, mean squared error)
    init        "xavier"/"glorot", "he"/"kaiming", "lecun" or a standard deviation; see init_std
                (with each Dense layer's own fan_in and fan_out)
    bias        the hidden layers' initial biases, a finite number (a large negative value kills ReLU units)
    seed        an int ≥ 0 or a Generator: draws the weights, then shuffles the minibatches in fit()
    """
    who = "mlp"
    sizes = _sizes(who, sizes)
    specs = _hidden_specs(activation, len(sizes) - 2)
    for width, (name, kwargs) in zip(sizes[1:-1], specs):
        _checked_hidden("mlp (activation)", name, kwargs, width)
    fan_outs = [2 * width if name in GATES else width for width, (name, _) in zip(sizes[1:-1], specs)] + sizes[-1:]
    _check_weights(who, sizes, fan_outs)
    head = HEADS[choice(who, "output", output, tuple(HEADS))]()
    head._check_units(who, "sizes[-1]", sizes[-1])
    init = _initialiser(who, init)
    bias = real(who, "bias", bias, REALS)
    rng = _generator(who, seed)
    acts = [_hidden_layer(name, kwargs, width) for width, (name, kwargs) in zip(sizes[1:-1], specs)]
    layers: list = []
    for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], fan_outs)):
        hidden = i < len(acts)
        std = init_std(init, fan_in, fan_out, _negative_slope(acts[i]) if hidden else 0.0)
        layers.append(Dense(rng.normal(0.0, std, (fan_in, fan_out)), np.full(fan_out, bias if hidden else 0.0)))
        if hidden:
            layers.append(acts[i])
    return MLP(layers, head, rng)
