"""Hypothesis fuzzing of every public callable of actlib.nn and actlib.data.

Each argument in turn gets values of every kind (None, bools, numpy scalars, huge, tiny and
non-finite numbers, strings, containers, generators, arrays of every dtype and shape holding
NaN and ±inf) while the other arguments stay valid. The rules each argument is documented to
follow are restated here as small predicates, and the outcome must be the one they call for:
TypeError or ValueError whose message starts with the function and names the argument, or a
result that agrees with a reference written here (numpy formulas, mpmath, the geometry of the
data sets). No call may warn or change the arrays it is given.

Further properties over random networks and data: gradients against central finite
differences, training against a hand-written numpy loop, a batch against its rows one by one,
f′ against the derivative written out, and the data sets against their geometry and seeds.
"""

from __future__ import annotations

import copy
import math
import numbers
import warnings
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Callable

import mpmath
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.special import erf

import actlib
from actlib import data, nn

from test_nn import numeric_gradient

FUZZED = {
    "actlib.nn.mlp", "actlib.nn.init_std",
    "actlib.nn.MLP", "actlib.nn.MLP.fit", "actlib.nn.MLP.forward", "actlib.nn.MLP.backward", "actlib.nn.MLP.loss",
    "actlib.nn.MLP.predict", "actlib.nn.MLP.predict_proba", "actlib.nn.MLP.accuracy", "actlib.nn.MLP.gradient_norms",
    "actlib.nn.MLP.dead_share", "actlib.nn.MLP.trace",
    "actlib.nn.Dense", "actlib.nn.Dense.forward", "actlib.nn.Dense.backward",
    "actlib.nn.Act", "actlib.nn.Act.forward", "actlib.nn.Act.backward", "actlib.nn.Act.slope", "actlib.nn.PReLU",
    "actlib.nn.Gated", "actlib.nn.Gated.forward", "actlib.nn.Gated.backward",
    "actlib.nn.Head", "actlib.nn.Head.targets", "actlib.nn.Head.loss", "actlib.nn.Head.grad", "actlib.nn.Head.accuracy",
    "actlib.nn.Head.proba", "actlib.nn.Head.predict", "actlib.nn.SigmoidBCE", "actlib.nn.SoftmaxCE",
    "actlib.nn.IdentityMSE", "actlib.nn.IdentityMSE.proba",
    "actlib.nn.Optimiser", "actlib.nn.Optimiser.step", "actlib.nn.SGD", "actlib.nn.Adam",
    "actlib.nn.History", "actlib.nn.History.alpha",
    "actlib.data.xor", "actlib.data.yin_yang", "actlib.data.yin_yang_label", "actlib.data.moons",
    "actlib.data.circles", "actlib.data.spiral", "actlib.data.digits", "actlib.data.grid",
}
# A method inherited by several classes is one callable, fuzzed through each of them: Act.forward
# through Act and PReLU, Head.loss through the three heads, Optimiser.step through SGD and Adam.

OK, EITHER, INVALID, ANY = "ok", "either", "invalid", "any"
# EITHER: a result or ValueError; INVALID: TypeError or ValueError; ANY: a result, TypeError or ValueError
ROWS = 8
X8, Y8 = data.xor(ROWS, noise=0.3, seed=0)


# --------------------------------------------------------------------------- calling


def quiet(call: Callable[[], Any]) -> tuple[str, Any]:
    """("value", result) or ("error", the exception); fails on any warning the call gives."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            outcome = "value", call()
        except Exception as error:  # noqa: BLE001 (judged by the caller)
            outcome = "error", error
    assert not caught, f"warned: {[str(w.message) for w in caught]}"
    return outcome


def same(a: Any, b: Any) -> bool:
    """a still equals its earlier deep copy b: arrays (NaN equal to NaN), lists, tuples and dicts of them."""
    if isinstance(a, np.ndarray):
        if not (isinstance(b, np.ndarray) and a.dtype == b.dtype and a.shape == b.shape):
            return False
        if a.dtype.kind in "biufc":
            return np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
        return repr(a.tolist()) == repr(b.tolist())          # object and str arrays (NaN equal to NaN)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return True  # numbers and strings cannot change in place; other objects are not compared


def quietly(make: Callable[[], Any]) -> Any:
    """make() with numpy's warnings off: the test's own casts (NaN to int, 1e308 to float16)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return make()


# --------------------------------------------------------------------------- values


WILD = [None, True, False, np.True_, 0, 1, -1, 2, 3, 8, 2**31, 2**63, 10**12, 10**400, np.int8(-3), np.int64(5),
        np.uint64(2**63), 0.0, -0.0, 0.5, 1.0, 2.5, -1e-300, 5e-324, 1e300, 1e308, -1e308, math.inf, -math.inf,
        math.nan, np.float32(0.25), np.float16(2.0), np.longdouble(0.5), "1", "", b"1", "relu", "adam", 1 + 1j,
        [1], [1, 2], (1, 2), {}, object(), np.array(1.0), np.array([1.0, 2.0]), Fraction(1, 2), Decimal("0.5")]
wild = st.one_of(st.sampled_from(WILD), st.builds(np.random.default_rng, st.integers(0, 9)))
EDGES = [0.0, -0.0, 1.0, -1.0, 5e-324, 1e-300, 1e150, -1e200, 1e308, -1e308, math.inf, -math.inf, math.nan]
moderate = st.floats(-5, 5, allow_nan=False)
element = st.one_of(moderate, moderate, moderate, st.sampled_from(EDGES))
DTYPES = [np.float64] * 6 + [np.float32, np.float16, np.longdouble, np.int64, np.uint8, np.bool_,
                             np.complex128, np.object_, np.str_]


@st.composite
def arrays(draw, shapes, elements=element, dtypes=DTYPES):
    """An array (or, now and then, the nested list of one) of a shape from ``shapes``."""
    shape = draw(shapes)
    values = draw(st.lists(elements, min_size=math.prod(shape), max_size=math.prod(shape)))
    dtype = draw(st.sampled_from(dtypes))
    array = quietly(lambda: np.array(values, dtype=np.float64).reshape(shape).astype(dtype))
    return array.tolist() if draw(st.integers(0, 5)) == 0 and array.ndim else array


def shapes(rows=(0, 1, 2, 5, ROWS), columns=(0, 1, 2, 3)):
    odd = st.sampled_from([(), (3,), (0,), (2, 2, 2)])
    return st.one_of(st.tuples(st.sampled_from(rows), st.sampled_from(columns)), odd)


RAGGED = [[1.0, 2.0], [3.0]]


def array_values(shape_strategy, elements=element):
    return st.one_of(arrays(shape_strategy, elements), arrays(shape_strategy, elements), wild, st.just(RAGGED))


def ints(low, high):
    return st.one_of(st.integers(low, high), wild)


def reals(low, high):
    return st.one_of(st.floats(low, high, allow_nan=False), wild)


# --------------------------------------------------------------------------- the documented rules


def int_rule(low: int, high: int | None = None) -> Callable[[Any], Any]:
    """An int (Python or numpy, not a bool) from low to high."""
    def rule(v):
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Integral):
            return TypeError
        return OK if low <= v and (high is None or v <= high) else ValueError
    return rule


def real_rule(low: float, high: float, low_closed: bool = False, high_closed: bool = False) -> Callable[[Any], Any]:
    """A real number (Python or numpy, not a bool) in the interval; NaN never is."""
    def rule(v):
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Real):
            return TypeError
        try:
            x = float(v)
        except OverflowError:
            return ValueError
        above = x >= low if low_closed else x > low
        below = x <= high if high_closed else x < high
        return OK if above and below else ValueError
    return rule


FINITE = real_rule(-math.inf, math.inf)
POSITIVE = real_rule(0.0, math.inf)


def as_real(v: Any) -> np.ndarray | None:
    """v as a float64 array when it holds bools, ints or float16/32/64 numbers; None otherwise."""
    if v is None or isinstance(v, (str, bytes)):
        return None
    try:
        a = np.asarray(v)
    except (ValueError, TypeError):
        return None
    if a.dtype.kind in "biu" or a.dtype.type in (np.float16, np.float32, np.float64):
        return quietly(lambda: a.astype(np.float64))
    return None


HUGE = 1e100   # finite inputs beyond it may overflow inside a network: a result or ValueError


def matrix_rule(columns: int | None = None, huge: float = math.inf) -> Callable[[Any], Any]:
    """Finite real numbers of shape (rows ≥ 1, columns)."""
    def rule(v):
        a = as_real(v)
        if a is None:
            return TypeError
        if a.ndim != 2 or 0 in a.shape or (columns is not None and a.shape[1] != columns):
            return ValueError
        if not np.isfinite(a).all():
            return ValueError
        return EITHER if np.abs(a).max() > huge else OK
    return rule


def labels_rule(n: int, classes: int) -> Callable[[Any], Any]:
    """One class label per row: shape (n,) or (n, 1), the integers 0 … classes − 1."""
    def rule(v):
        a = as_real(v)
        if a is None:
            return TypeError
        if a.ndim == 0 or len(a) != n or a.shape not in ((n,), (n, 1)):
            return ValueError
        return OK if np.isin(a, np.arange(classes)).all() else ValueError
    return rule


def values_rule(shape: tuple[int, ...]) -> Callable[[Any], Any]:
    """Finite real numbers of exactly this shape."""
    def rule(v):
        a = as_real(v)
        if a is None:
            return TypeError
        return OK if a.shape == shape and np.isfinite(a).all() else ValueError
    return rule


def parameter_rule(units: int | None) -> Callable[[Any], Any]:
    """An activation's numeric keyword: one finite real number, or one per unit (``units`` of them;
    None: any number ≥ 1). The activation itself calls a wrong one a TypeError or a ValueError, and
    decides on numbers numpy keeps as objects or in long double (Fraction, Decimal, np.longdouble)."""
    def rule(v):
        if v is None or v is RAGGED or isinstance(v, (str, bytes, bool, np.bool_)):
            return INVALID
        array = np.asarray(v)
        if array.dtype == object or array.dtype == np.longdouble:
            return ANY
        a = as_real(v)
        if a is None or array.dtype.kind == "b" or not np.isfinite(a).all():
            return INVALID
        if a.shape == () or (a.ndim == 1 and len(a) == units if units else a.ndim == 1 and len(a) >= 1):
            return OK
        return INVALID
    return rule


def seed_rule(v):
    return OK if isinstance(v, np.random.Generator) else int_rule(0)(v)


# --------------------------------------------------------------------------- references


def sigmoid(z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-z))


REFERENCE = {   # f(z, **keywords) written out in numpy / scipy
    "relu": lambda z: np.maximum(z, 0.0),
    "tanh": np.tanh,
    "sigmoid": sigmoid,
    "identity": lambda z: z,
    "softplus": lambda z: np.logaddexp(0.0, z),
    "silu": lambda z: z * sigmoid(z),
    "gelu": lambda z: 0.5 * z * (1 + erf(z / math.sqrt(2))),
    "leaky_relu": lambda z, alpha=0.01: np.where(z > 0, z, alpha * z),
    "prelu": lambda z, alpha=0.25: np.where(z > 0, z, alpha * z),
}
DERIVATIVE = {  # f′ written out (PyTorch's convention at a kink: the left slope)
    "relu": lambda z: (z > 0).astype(float),
    "tanh": lambda z: 1 - np.tanh(z) ** 2,
    "sigmoid": lambda z: sigmoid(z) * (1 - sigmoid(z)),
    "softplus": sigmoid,
    "silu": lambda z: sigmoid(z) * (1 + z * (1 - sigmoid(z))),
    "gelu": lambda z: 0.5 * (1 + erf(z / math.sqrt(2))) + z * np.exp(-z * z / 2) / math.sqrt(2 * math.pi),
    "prelu": lambda z, alpha=0.25: np.where(z > 0, 1.0, alpha * np.ones_like(z)),
}
SMOOTH = ["tanh", "sigmoid", "softplus", "silu", "gelu"]
GATE_OF = {"glu": "sigmoid", "reglu": "relu", "geglu": "gelu", "swiglu": "silu"}   # u ⊙ g(v): the gate g


def ref_scores(net: nn.MLP, X: np.ndarray) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
    """The scores and the hidden (z, a) of a network of Dense and Act layers, by the formulas."""
    out, hidden = np.asarray(X, dtype=float), []
    with np.errstate(all="ignore"):
        for layer in net.layers:
            if isinstance(layer, nn.Dense):
                out = out @ layer.W + layer.b
            else:
                z, out = out, REFERENCE[layer.name](out, **layer.kwargs)
                hidden.append((z, out))
    return out, hidden


def ref_loss(head: str, z: np.ndarray, t: np.ndarray) -> float:
    """Binary cross-entropy, cross-entropy or mean squared error, by the formulas (targets as targets() makes them)."""
    if head == "sigmoid":
        return float(np.mean(t * np.logaddexp(0, -z) + (1 - t) * np.logaddexp(0, z)))
    if head == "softmax":
        top = z.max(axis=1, keepdims=True)
        log_p = z - top - np.log(np.exp(z - top).sum(axis=1, keepdims=True))
        return float(-np.mean(log_p[t.astype(bool)]))
    return float(np.mean((z - t) ** 2))


def ref_proba(head: str, z: np.ndarray) -> np.ndarray:
    if head == "sigmoid":
        return sigmoid(z[:, 0])
    with np.errstate(over="ignore"):                 # z − max z may overflow to −∞ (1e308 and −1e308 in a row): e = 0
        e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def ref_grad(head: str, z: np.ndarray, t: np.ndarray) -> np.ndarray:
    """∂L/∂z: (p − t)/n for the two classifiers, 2(z − t)/(n·k) for the mean squared error."""
    if head == "identity":
        return 2 * (z - t) / z.size
    p = sigmoid(z) if head == "sigmoid" else ref_proba(head, z)
    return (p - t) / len(z)


def ref_predict(head: str, z: np.ndarray) -> np.ndarray:
    if head == "sigmoid":
        return (z[:, 0] > 0).astype(int)
    return np.argmax(z, axis=1) if head == "softmax" else (z[:, 0] if z.shape[1] == 1 else z)


def one_hot(y, k):
    return np.eye(k)[np.asarray(y, dtype=int).ravel()]


def close(a, b, what: str, rtol: float = 1e-9) -> None:
    np.testing.assert_allclose(a, b, rtol=rtol, atol=rtol * (1 + np.max(np.abs(b), initial=0.0)), err_msg=what)


def taiji(x: float, y: float) -> int:
    """The yin-yang's class at (x, y): the dots, then the two heads, then the halves."""
    if math.hypot(x, y - 0.5) < data.DOT:
        return 1
    if math.hypot(x, y + 0.5) < data.DOT:
        return 0
    if math.hypot(x, y - 0.5) < 0.5:
        return 0
    if math.hypot(x, y + 0.5) < 0.5:
        return 1
    return int(x > 0)


# --------------------------------------------------------------------------- the cases


@dataclass
class Case:
    target: str                         # the qualified name of the callable, as in FUZZED
    arg: str                            # the argument that gets the drawn values
    values: st.SearchStrategy
    rule: Callable[[Any], Any]          # value → OK, EITHER, INVALID, TypeError or ValueError
    call: Callable[[Any], Any]          # value → result, the other arguments fresh and valid
    check: Callable[[Any, Any], None] | None = None   # (result, value): agrees with the reference
    names: tuple[str, ...] = ()         # what the message may name besides the argument
    allow: tuple[type, ...] = ()        # further documented errors (DivergenceError for fit)
    caller: str = ""                    # how the messages start, when not as the target ("PReLU.forward")

    @property
    def who(self) -> str:
        return self.caller or self.target.split(".", 2)[2]


def relu_net() -> nn.MLP:
    return nn.mlp([2, 3, 1], "relu", init="he", bias=0.1, seed=1)


def check_scores(out, X):
    net, z = out
    if np.abs(as_real(X)).max() <= HUGE:
        close(z, ref_scores(net, X)[0], "MLP.forward")
    assert z.shape == (len(as_real(X)), 1) and np.isfinite(z).all()


def check_predict(out, X):
    net, labels = out
    z = ref_scores(net, X)[0][:, 0]
    clear = np.abs(z) > 1e-9 * (1 + np.abs(z))
    np.testing.assert_array_equal(labels[clear], (z[clear] > 0).astype(int))


def check_proba(out, X):
    net, p = out
    assert p.shape == (len(as_real(X)),) and np.all((0 <= p) & (p <= 1))
    if np.abs(as_real(X)).max() <= HUGE:
        close(p, sigmoid(ref_scores(net, X)[0][:, 0]), "MLP.predict_proba")


def check_trace(out, X):
    net, trace = out
    (z, a), = trace
    if np.abs(as_real(X)).max() <= HUGE:
        (z_ref, a_ref), = ref_scores(net, X)[1]
        close(z, z_ref, "MLP.trace z")
        close(a, a_ref, "MLP.trace a")


def unless_huge(check):
    """check(out, value) where the value is moderate; beyond HUGE only a finite result is asked for."""
    def checked(out, value):
        if np.abs(as_real(value)).max() <= HUGE:
            check(out, value)
    return checked


def check_dead(out, X):
    net, dead = out
    (z, _), = ref_scores(net, X)[1]
    np.testing.assert_array_equal(dead, [np.mean(np.all(z <= 0, axis=0))])   # ReLU: f′ = 0 exactly where z ≤ 0


def check_loss(out, y, X=X8):
    net, loss = out
    z = ref_scores(net, X)[0]
    close(loss, ref_loss("sigmoid", z, np.asarray(y, dtype=float).reshape(-1, 1)), "MLP.loss", rtol=1e-7)


def check_accuracy(out, y, X=X8):
    net, accuracy = out
    z = ref_scores(net, X)[0][:, 0]
    assert accuracy == pytest.approx(np.mean((z > 0) == np.asarray(y).ravel()))


def check_backward(out, y, X=X8):
    """Backpropagation through Dense-ReLU-Dense and the sigmoid head, written out."""
    net, loss = out
    t = np.asarray(y, dtype=float).reshape(-1, 1)
    W1, b1, W2, b2 = net.parameters
    z1 = X @ W1 + b1
    a1 = np.maximum(z1, 0)
    g2 = (sigmoid(a1 @ W2 + b2) - t) / len(X)
    g1 = (g2 @ W2.T) * (z1 > 0)
    for got, want in zip(net.gradients, [X.T @ g1, g1.sum(axis=0), a1.T @ g2, g2.sum(axis=0)]):
        close(got, want, "MLP.backward", rtol=1e-7)


def check_norms(out, y, X=X8):
    net, norms = out
    check_backward((net, None), y, X)
    close(norms, [np.linalg.norm(net.gradients[0]), np.linalg.norm(net.gradients[2])], "MLP.gradient_norms")


def x_with_labels_rule(v):
    """X for a method that is also given the 8 labels Y8: 8 rows."""
    rule = matrix_rule(2, HUGE)(v)
    return rule if rule in (TypeError, ValueError) or len(as_real(v)) == ROWS else ValueError


def with_net(method: str, *args):
    """call(value) for an MLP method on a fresh ReLU network: (net, result)."""
    def call(value):
        net = relu_net()
        return net, getattr(net, method)(*(value if a is None else a for a in args))
    return call


def labels_for(X):
    """Labels of the right length for a drawn X (so that only X can be wrong)."""
    a = as_real(X)
    return np.zeros(len(a) if a is not None and a.ndim else 1, dtype=int)


def fit_call(arg, **fixed):
    """call(value) for fit on a fresh ReLU network with ``arg`` = value: (net, history)."""
    def call(value):
        net = relu_net()
        kwargs = {"X": X8, "y": Y8, "epochs": 1, "batch_size": 4, "optimizer": nn.Adam(0.01), "validation": None,
                  **fixed, arg: value}
        if arg == "X":
            kwargs["y"] = labels_for(value)
        return net, net.fit(kwargs.pop("X"), kwargs.pop("y"), **kwargs)
    return call


def check_history(out, value):
    net, history = out
    assert len(history.loss) == len(history.grad_norms) == len(history.dead_share) >= 2
    assert all(math.isfinite(v) for v in history.loss)
    assert all(np.isfinite(p).all() for p in net.parameters)


def batch_rule(v):
    return OK if v is None else int_rule(1, None)(v)


def optimizer_rule(v):
    """None, or an SGD or Adam that has updated no other network."""
    if v is None:
        return OK
    if isinstance(v, nn.Adam):
        return ValueError if v.m else OK
    if isinstance(v, nn.SGD):
        return ValueError if v.velocity else OK
    return TypeError


def validation_rule(v):
    if v is None:
        return OK
    if not isinstance(v, (tuple, list)) or len(v) != 2:
        return TypeError
    first = matrix_rule(2, HUGE)(v[0])
    if first in (TypeError, ValueError):
        return first
    second = labels_rule(len(as_real(v[0])), 2)(v[1])
    return first if second is OK else second


def used_adam():
    adam = nn.Adam(0.01)
    nn.mlp([2, 5, 1], seed=0).fit(X8, Y8, epochs=1, batch_size=None, optimizer=adam)
    return adam


OPTIMIZERS = st.one_of(wild, st.sampled_from([None, "adam", nn.Adam, nn.SGD]), st.builds(nn.SGD, st.just(0.1)),
                       st.builds(nn.Adam, st.just(0.01)), st.builds(used_adam))
VALIDATION = st.one_of(wild, st.tuples(array_values(shapes(rows=(0, 3))), array_values(shapes(rows=(3,), columns=(1,)))),
                       st.builds(lambda: (X8[:3], Y8[:3])), st.builds(lambda: [X8, Y8]), st.just((X8,)))


def check_validation(out, value):
    assert value is None or len(out[1].val_loss) == 2


def mlp_call(arg):
    """call(value) for mlp([2, 3, 1], "tanh", …) with ``arg`` = value."""
    def call(value):
        return nn.mlp(**{"sizes": [2, 3, 1], "activation": "tanh", arg: value})
    return call


def sizes_rule(v):
    if not isinstance(v, (list, tuple)):
        return TypeError
    if len(v) < 2:
        return ValueError
    for width in v:
        if (rule := int_rule(1)(width)) is not OK:
            return rule
    if sum(int(a) * int(b) for a, b in zip(v, v[1:])) > nn.MAX_WEIGHTS or v[-1] != 1:   # the default output, sigmoid, has 1 unit
        return ValueError
    return OK


def check_sizes(net, sizes):
    assert [d.W.shape for d in net.dense] == list(zip(map(int, sizes[:-1]), map(int, sizes[1:])))


def check_hidden_layer(net, activation):
    """mlp([2, 3, 1], activation): a gate makes a Gated layer after a Dense of 2 × 3 units, anything else 3."""
    item = activation[0] if isinstance(activation, list) else activation
    gated = (item if isinstance(item, str) else item[0]) in nn.GATES
    assert isinstance(net.hidden[0], nn.Gated) == gated
    assert [d.W.shape for d in net.dense] == [(2, 6 if gated else 3), (3, 1)]


ELEMENTWISE = [n for n in actlib.names() if isinstance(actlib.get(n), actlib.Activation)]
NAMES = st.sampled_from(["relu", "tanh", "leaky_relu", "prelu", "rrelu", "swish", "softmax", "glu", "no_such", "", "RELU"])


def activation_spec_rule(item, units=3):
    if isinstance(item, str):
        name, keywords = item, {}
    elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str) and isinstance(item[1], dict):
        name, keywords = item
    else:
        return TypeError
    if name in nn.GATES:                                 # a Gated layer: no keywords
        return TypeError if keywords else OK
    if name not in ELEMENTWISE and name != "swish":      # swish: an alias of silu
        return ValueError
    if not all(isinstance(k, str) for k in keywords) or set(keywords) - {"alpha"} or (
            keywords and name not in ("leaky_relu", "prelu")):
        return TypeError
    return parameter_rule(units)(keywords["alpha"]) if keywords else OK


def activation_rule(v):
    if isinstance(v, (str, tuple)):
        return activation_spec_rule(v)
    if not isinstance(v, list):
        return TypeError
    if len(v) != 1:
        return ValueError
    return activation_spec_rule(v[0])


ACTIVATIONS = st.one_of(wild, NAMES, st.tuples(st.just("leaky_relu"), st.fixed_dictionaries({"alpha": wild})),
                        st.tuples(NAMES, st.dictionaries(st.sampled_from(["alpha", "slope", 1]), st.floats(0, 1), max_size=1)),
                        st.lists(NAMES, max_size=2), st.tuples(NAMES))


def output_rule(v):
    if not isinstance(v, str):
        return TypeError
    return OK if v in ("sigmoid", "identity") else ValueError     # softmax needs 2 outputs, sizes [2, 3, 1] has 1


def init_rule(v):
    if isinstance(v, str):
        return OK if v in nn.INITS else ValueError
    return real_rule(0.0, nn.MAX_STD, high_closed=True)(v)


def check_init_std(result, value, fan_in=7, fan_out=3, slope=0.2):
    a, n, m = mpmath.mpf(slope), mpmath.mpf(fan_in), mpmath.mpf(fan_out)
    if isinstance(value, str):
        expected = {"xavier": mpmath.sqrt(2 / (n + m)), "glorot": mpmath.sqrt(2 / (n + m)),
                    "he": mpmath.sqrt(2 / ((1 + a * a) * n)), "kaiming": mpmath.sqrt(2 / ((1 + a * a) * n)),
                    "lecun": mpmath.sqrt(1 / n)}[value]
    else:
        expected = mpmath.mpf(float(value))
    assert result == pytest.approx(float(expected), rel=1e-14)


def init_std_call(position):
    def call(value):
        args = ["he", 7, 3, 0.2]
        args[position] = value
        return nn.init_std(*args)
    return call


def check_init_std_arg(position):
    def check(result, value):
        args = ["he", 7, 3, 0.2]
        args[position] = value
        fan_in, fan_out, slope = int(args[1]), int(args[2]), float(args[3])
        expected = mpmath.sqrt(2 / ((1 + mpmath.mpf(slope) ** 2) * fan_in))
        assert result == pytest.approx(float(expected), rel=1e-14) and fan_out >= 1
    return check


def layer_pool():
    """Fresh layers; the drawn indices pick from them (an index drawn twice is the same object)."""
    return [nn.Dense(np.ones((2, 3)), np.zeros(3)), nn.Act("tanh"), nn.Dense(np.ones((3, 1)), np.zeros(1)),
            nn.Dense(np.ones((4, 1)), np.zeros(1)), nn.PReLU(3, [0.1, 0.2, 0.3]), nn.Act("leaky_relu", alpha=[0.1, 0.2]),
            "relu", None, nn.Gated("glu"), nn.Dense(np.ones((2, 4)), np.zeros(4))]


LAYER_LISTS = st.one_of(wild, st.lists(st.integers(0, 9), max_size=5), st.just([0, 1, 2]), st.just([0, 4, 2]),
                        st.tuples(st.just(0), st.just(1), st.just(2)), st.just([9, 8, 0, 1, 2]), st.just([0, 8, 2]))


def layers_of(value):
    if not isinstance(value, (list, tuple)) or not all(isinstance(i, int) and not isinstance(i, bool) for i in value):
        return value
    pool = layer_pool()
    return type(value)(pool[i] for i in value)


def layers_rule(value):
    layers = layers_of(value)
    if not isinstance(layers, (list, tuple)):
        return TypeError
    if not all(isinstance(layer, (nn.Dense, nn.Act, nn.Gated)) for layer in layers):
        return TypeError
    dense = [layer for layer in layers if isinstance(layer, nn.Dense)]
    if not dense or len({id(layer) for layer in layers}) != len(layers):
        return ValueError
    width = dense[0].W.shape[0]
    for layer in layers:
        if isinstance(layer, nn.Dense):
            if layer.W.shape[0] != width:
                return ValueError
            width = layer.W.shape[1]
        elif isinstance(layer, nn.Gated):                   # an even width in, half of it out
            if width % 2:
                return ValueError
            width //= 2
        elif any(np.shape(v) not in ((), (width,)) for v in layer.kwargs.values()):
            return ValueError
    return OK if width == 1 else ValueError                 # a sigmoid head


def check_mlp_layers(net, value):
    assert [type(layer) for layer in net.layers] == [type(layer) for layer in layers_of(value)]


def head_rule(v):
    if not isinstance(v, (nn.SigmoidBCE, nn.SoftmaxCE, nn.IdentityMSE)):
        return TypeError
    return ValueError if isinstance(v, nn.SoftmaxCE) else OK      # one output unit: no softmax


HEAD_VALUES = st.one_of(wild, st.sampled_from([nn.SigmoidBCE(), nn.SoftmaxCE(), nn.IdentityMSE(), nn.SigmoidBCE,
                                               "sigmoid"]))


def mlp_of(arg):
    """call(value) for MLP(Dense–tanh–Dense, SigmoidBCE(), 0) with ``arg`` = value."""
    def call(value):
        args = {"layers": [nn.Dense(np.ones((2, 3)), np.zeros(3)), nn.Act("tanh"), nn.Dense(np.ones((3, 1)), np.zeros(1))],
                "head": nn.SigmoidBCE(), "seed": 0, arg: layers_of(value) if arg == "layers" else value}
        return nn.MLP(args["layers"], args["head"], args["seed"])
    return call


def dense_call(which):
    def call(value):
        if which == "W":
            a = as_real(value)
            b = np.zeros(a.shape[1] if a is not None and a.ndim == 2 else 3)
            return nn.Dense(value, b)
        return nn.Dense(np.ones((2, 3)), value)
    return call


def check_dense(layer, value):
    """W and b are float64 copies of what was given."""
    assert layer.W.dtype == layer.b.dtype == np.float64
    if isinstance(value, np.ndarray):
        assert not np.shares_memory(layer.W, value) and not np.shares_memory(layer.b, value)


def a_dense():
    return nn.Dense(np.array([[1.0, -2.0, 0.5], [0.3, 0.0, -1.0]]), np.array([0.1, 0.2, 0.3]))


def dense_forward(value):
    layer = a_dense()
    return layer, layer.forward(value)


def check_dense_forward(out, x):
    layer, z = out
    close(z, as_real(x) @ layer.W + layer.b, "Dense.forward")


def dense_backward(value):
    layer = a_dense()
    layer.forward(X8[:5])
    return layer, layer.backward(value)


def check_dense_backward(out, g):
    layer, dx = out
    g = as_real(g)
    close(dx, g @ layer.W.T, "Dense.backward ∂L/∂x")
    close(layer.grads["W"], X8[:5].T @ g, "Dense.backward ∂L/∂W")
    close(layer.grads["b"], g.sum(axis=0), "Dense.backward ∂L/∂b")


def act_call(kind):
    """Act.forward / backward or PReLU.forward / backward on a fresh layer with 3 units."""
    def call(value):
        layer = nn.Act("tanh") if kind.startswith("Act") else nn.PReLU(3, [0.1, 0.2, 0.3])
        if kind.endswith("forward"):
            return layer, layer.forward(value)
        layer.forward(X8[:5, [0, 1, 0]])
        return layer, layer.backward(value)
    return call


def check_act_forward(out, z):
    layer, a = out
    close(a, REFERENCE[layer.name](as_real(z), **layer.kwargs), f"{layer.name} forward")


def check_act_backward(out, g):
    layer, dz = out
    close(dz, as_real(g) * DERIVATIVE[layer.name](layer.z, **layer.kwargs), f"{layer.name} backward")


def act_name_rule(v):
    if not isinstance(v, str):
        return TypeError
    return OK if v in ELEMENTWISE or v == "swish" else ValueError


def act_keyword(name, keyword):
    def call(value):
        return nn.Act(name, **{keyword: value})
    return call


GATE_NAMES = st.sampled_from([*nn.GATES, "relu", "swish", "softmax", "crelu", "no_such", "", "GLU"])


def gate_name_rule(v):
    if not isinstance(v, str):
        return TypeError
    return OK if v in nn.GATES else ValueError


def check_gate_name(layer, value):
    assert layer.name == value and layer.params == {}


def gated_z_rule(v):
    """Finite real numbers of shape (rows ≥ 1, an even number of columns: the halves u and v)."""
    rule = matrix_rule(None, HUGE)(v)
    if rule in (TypeError, ValueError):
        return rule
    return ValueError if as_real(v).shape[1] % 2 else rule


def gated_call(gate, method):
    """Gated.forward / backward on a fresh layer with the gate ``gate``, 4 units in and 2 out."""
    def call(value):
        layer = nn.Gated(gate)
        if method == "forward":
            return layer, layer.forward(value)
        layer.forward(X8[:5, [0, 1, 1, 0]])
        return layer, layer.backward(value)
    return call


def check_gated_forward(out, z):
    layer, a = out
    u, v = np.split(as_real(z), 2, axis=1)
    close(a, u * REFERENCE[GATE_OF[layer.name]](v), f"{layer.name} forward")


def check_gated_backward(out, g):
    """∂L/∂[u; v] = [g ⊙ g(v), g ⊙ u ⊙ g′(v)]."""
    layer, dz = out
    u, v = np.split(layer.z, 2, axis=1)
    gate, slope, g = REFERENCE[GATE_OF[layer.name]], DERIVATIVE[GATE_OF[layer.name]], as_real(g)
    close(dz, np.hstack([g * gate(v), g * u * slope(v)]), f"{layer.name} backward")


def prelu_call(which):
    def call(value):
        return nn.PReLU(value) if which == "units" else nn.PReLU(3, value)
    return call


def check_prelu(layer, value):
    """α is a float64 copy of what was given."""
    assert layer.alpha.dtype == np.float64 and layer.alpha.shape in ((), (3,))
    np.testing.assert_array_equal(layer.alpha, np.broadcast_to(np.asarray(value, dtype=float), layer.alpha.shape))
    if isinstance(value, np.ndarray):
        assert not np.shares_memory(layer.alpha, value)


HEADS = {"SigmoidBCE": ("sigmoid", 1), "SoftmaxCE": ("softmax", 3), "IdentityMSE": ("identity", 1)}
Y5 = np.array([0, 1, 1, 0, 1])


def head_targets_rule(head, which):
    kind, k = HEADS[head]

    def rule(v):
        n_value, k_value, y = (v, k, Y5) if which == "n" else (5, v, Y5) if which == "k" else (5, k, v)
        for value in (n_value, k_value):
            if (r := int_rule(1)(value)) is not OK:
                return r
        least, most = {"sigmoid": (1, 1), "softmax": (2, None), "identity": (1, None)}[kind]
        if k_value < least or (most and k_value > most) or int(n_value) * int(k_value) > nn.MAX_WEIGHTS:
            return ValueError
        if kind == "identity":
            a = as_real(y)
            if a is None:
                return TypeError
            if a.ndim == 0 or len(a) != n_value or not np.isfinite(a).all():
                return ValueError
            return OK if a.shape in ({(n_value,), (n_value, 1)} if k_value == 1 else {(n_value, k_value)}) else ValueError
        return labels_rule(n_value, 2 if kind == "sigmoid" else k_value)(y)
    return rule


def head_targets_call(head, which):
    kind, k = HEADS[head]

    def call(value):
        args = {"y": Y5, "n": 5, "k": k, which: value}
        return getattr(nn, head)().targets(args["y"], args["n"], args["k"])
    return call


def check_targets(head, which):
    kind, k = HEADS[head]

    def check(t, value):
        y = value if which == "y" else Y5
        kk = value if which == "k" else k
        expected = one_hot(y, kk) if kind == "softmax" else np.asarray(y, dtype=float).reshape(5, -1)
        np.testing.assert_array_equal(t, expected)
    return check


Z5 = {"sigmoid": np.array([[0.5], [-1.0], [2.0], [0.1], [-3.0]]),
      "softmax": np.array([[0.5, 1.0, -1.0], [2.0, 0.0, 0.1], [-1.0, -2.0, 3.0], [0.0, 0.0, 0.5], [1.0, 1.5, 0.2]]),
      "identity": np.array([[0.5], [-1.0], [2.0], [0.1], [-3.0]])}
T5 = {"sigmoid": Y5[:, None].astype(float), "softmax": one_hot([0, 2, 1, 1, 0], 3),
      "identity": np.array([[1.0], [0.0], [-2.0], [0.5], [3.0]])}


def head_z_rule(head):
    kind, k = HEADS[head]
    columns = {"sigmoid": 1, "softmax": None, "identity": None}[kind]

    def rule(v):
        r = matrix_rule(columns, HUGE)(v)
        if r in (TypeError, ValueError) or kind != "softmax":
            return r
        return r if as_real(v).shape[1] >= 2 else ValueError
    return rule


def head_zt_rule(head, which):
    kind, k = HEADS[head]

    def rule(v):
        z, t = (v, T5[kind]) if which == "z" else (Z5[kind], v)
        r = head_z_rule(head)(z)
        if r in (TypeError, ValueError):
            return r
        a = as_real(t)
        if a is None:
            return TypeError
        if not np.isfinite(a).all() or a.shape != as_real(z).shape:
            return ValueError
        if kind == "sigmoid" and not np.isin(a, (0, 1)).all():
            return ValueError
        if kind == "softmax" and not (np.isin(a, (0, 1)).all() and np.all(a.sum(axis=1) == 1)):
            return ValueError
        return r
    return rule


def head_call(head, method, which=None):
    kind, _ = HEADS[head]

    def call(value):
        h = getattr(nn, head)()
        if method in ("proba", "predict"):
            return getattr(h, method)(value)
        z, t = (value, T5[kind]) if which == "z" else (Z5[kind], value)
        return getattr(h, method)(z, t)
    return call


def check_head(head, method, which=None):
    kind, _ = HEADS[head]

    def check(result, value):
        if method in ("proba", "predict"):
            z = as_real(value)
            expected = ref_proba(kind, z) if method == "proba" else ref_predict(kind, z)
            if np.abs(z).max() <= HUGE:
                close(result, expected, f"{head}.{method}")
            return
        z, t = (as_real(value), T5[kind]) if which == "z" else (Z5[kind], as_real(value))
        if np.abs(z).max() > HUGE:
            return
        if method == "loss":
            close(result, ref_loss(kind, z, t), f"{head}.loss", rtol=1e-7)
        elif method == "grad":
            close(result, ref_grad(kind, z, t), f"{head}.grad")
        elif kind != "identity":
            truth = t[:, 0] if kind == "sigmoid" else t.argmax(axis=1)
            assert result == np.mean(ref_predict(kind, z) == truth)
        else:
            assert math.isnan(result)
    return check


HEAD_CASES = []
for _head, (_kind, _k) in HEADS.items():
    for _which, _values in (("y", array_values(st.sampled_from([(5,), (5, 1), (4,), (5, 2), (), (5, 3)]),
                                              st.sampled_from([0.0, 1.0, 2.0, -1.0, 0.5, math.nan, math.inf]))),
                            ("n", ints(-1, 7)), ("k", ints(-1, 5))):
        HEAD_CASES.append(Case("actlib.nn.Head.targets", _which, _values, head_targets_rule(_head, _which),
                               head_targets_call(_head, _which), check_targets(_head, _which), names=("y", "n", "k"),
                               caller=f"{_head}.targets"))
    _z_values = array_values(shapes(rows=(0, 1, 5), columns=(0, 1, 2, 3)))
    for _method in ("loss", "grad", "accuracy"):
        for _which in ("z", "t"):
            _values = _z_values if _which == "z" else array_values(
                st.sampled_from([(5, _k), (5, _k), (4, _k), (5,), (5, 2)]), st.sampled_from([0.0, 1.0, 0.5, 2.0, math.nan]))
            HEAD_CASES.append(Case(f"actlib.nn.Head.{_method}", _which, _values, head_zt_rule(_head, _which),
                                   head_call(_head, _method, _which), check_head(_head, _method, _which),
                                   names=("z", "t"), caller=f"{_head}.{_method}"))
    for _method in ("proba", "predict"):
        _always = _head == "IdentityMSE" and _method == "proba"     # a regression has no probabilities
        HEAD_CASES.append(Case("actlib.nn.IdentityMSE.proba" if _always else f"actlib.nn.Head.{_method}", "z", _z_values,
                               (lambda v: ValueError) if _always else head_z_rule(_head), head_call(_head, _method),
                               None if _always else check_head(_head, _method), names=("probabilities",),
                               caller=f"{_head}.{_method}"))


START = [np.array([1.0, -2.0]), np.array([[0.5]])]
GRADS = [np.array([0.2, 0.4]), np.array([[-1.0]])]


def step_call(kind, which):
    """call(value): one step of a fresh optimiser; (params before, params after)."""
    def call(value):
        optimiser = nn.SGD(0.1, momentum=0.9) if kind == "SGD" else nn.Adam(0.01)
        params, grads = (value, GRADS) if which == "params" else ([p.copy() for p in START], value)
        before = copy.deepcopy(params)
        optimiser.step(params, grads)
        return before, params
    return call


def step_rule(which):
    def rule(v):
        if which == "params":
            if not isinstance(v, (list, tuple)) or not all(isinstance(p, np.ndarray) and p.dtype == np.float64 for p in v):
                return TypeError
            if len(v) != 2 or len({id(p) for p in v}) != 2:
                return ValueError
            shapes_ok = [p.shape for p in v] == [(2,), (1, 1)]
            return OK if shapes_ok and all(np.isfinite(p).all() and p.flags.writeable for p in v) else ValueError
        if not isinstance(v, (list, tuple)):
            return TypeError
        if len(v) != 2:
            return ValueError
        kinds = [values_rule(shape)(g) for g, shape in zip(v, [(2,), (1, 1)])]
        return next((r for r in kinds if r is not OK), OK)
    return rule


PARAM_LISTS = st.one_of(wild, st.lists(arrays(st.sampled_from([(2,), (1, 1), (3,)]), dtypes=[np.float64, np.float32]),
                                       min_size=0, max_size=3))
GRAD_LISTS = st.one_of(wild, st.lists(array_values(st.sampled_from([(2,), (1, 1), (3,)])), min_size=0, max_size=3),
                       st.tuples(arrays(st.just((2,))), arrays(st.just((1, 1)))))


def check_step(kind, which):
    """The first step by its formula: SGD θ − lr·g (v = g), Adam θ − lr·m̂/(√v̂ + ε) with m̂ = g, v̂ = g²."""
    def check(out, value):
        before, after = out
        grads = [as_real(g) for g in value] if which == "grads" else GRADS
        for p, start, g in zip(after, before, grads):
            with np.errstate(over="ignore"):
                if kind == "SGD":
                    expected = start - 0.1 * g
                else:
                    m, v = (1 - 0.9) * g, (1 - 0.999) * g * g
                    expected = start - 0.01 * (m / (1 - 0.9)) / (np.sqrt(v / (1 - 0.999)) + 1e-8)
            close(p, expected, f"{kind}.step", rtol=1e-12)
    return check


def history_with_prelu():
    net = nn.mlp([2, 3, 3, 1], [("prelu", {"alpha": 0.25}), ("prelu", {"alpha": np.full(3, 0.1)})], seed=0)
    return net.fit(X8, Y8, epochs=2, batch_size=None, optimizer=nn.Adam(0.05))


HISTORY = history_with_prelu()


def check_alpha(result, layer):
    start = [0.25, np.full(3, 0.1)][int(layer)]
    assert result.shape == (3, *np.shape(start))
    np.testing.assert_array_equal(result[0], start)


def data_call(name, which, **base):
    def call(value):
        return getattr(data, name)(**{**base, which: value})
    return call


N_VALUES = st.one_of(st.integers(-2, 300), wild, st.sampled_from([data.MAX_POINTS + 1, 10**12]))
SEED_VALUES = st.one_of(st.integers(-2, 50), wild, st.sampled_from([data.MAX_SEED, data.MAX_SEED + 1]))
NOISE_VALUES = st.one_of(st.floats(0, 2), wild, st.sampled_from([data.MAX_NOISE, 1e301]))
SEED_RULE = int_rule(0, data.MAX_SEED)
NOISE_RULE = real_rule(0.0, data.MAX_NOISE, low_closed=True, high_closed=True)
N_RULE = int_rule(2, data.MAX_POINTS)


def check_points(name, n_of=lambda v: None):
    """Shapes, dtypes, balanced labels 0/1, finite points (and for xor the corner each point comes from)."""
    def check(result, value):
        X, y = result
        n = n_of(value) or len(X)
        assert X.shape == (n, 2) and X.dtype == np.float64 and y.shape == (n,) and y.dtype == np.int64
        assert np.isfinite(X).all() and set(np.unique(y)) == {0, 1} and abs(2 * y.sum() - n) <= 1
        if name == "xor":
            np.testing.assert_array_equal(y, np.array([0, 1, 1, 0])[np.arange(n) % 4])
        if name == "yin_yang":
            assert np.all(np.hypot(*X.T) <= 1) and y.tolist() == [taiji(a, b) for a, b in X]
    return check


def box_is_finite(X, pad):
    """The box around X widened by pad on each side, and its width, are finite."""
    low, high = X.min(axis=0), X.max(axis=0)
    with np.errstate(over="ignore", invalid="ignore"):
        lows, highs = low - pad * (high - low), high + pad * (high - low)
        return bool(np.isfinite([lows, highs, highs - lows]).all())


def digits_rule(v):
    r = real_rule(0.0, 1.0)(v)
    if r is not OK:
        return r
    return OK if 10 <= math.ceil(float(v) * 1797) <= 1787 else ValueError


def check_digits(test_size_of):
    def check(result, value):
        X_train, X_test, y_train, y_test = result
        assert len(X_test) == math.ceil(test_size_of(value) * 1797) and len(X_train) + len(X_test) == 1797
        assert X_train.shape[1] == 64 and set(y_train) == set(y_test) == set(range(10))
    return check


def grid_call(which):
    def call(value):
        args = {"X": GRID_POINTS, "steps": 5, "pad": 0.1, which: value}
        return data.grid(args["X"], steps=args["steps"], pad=args["pad"])
    return call


GRID_POINTS = np.array([[0.0, -1.0], [2.0, 3.0], [1.0, 0.0]])


def grid_x_rule(v):
    """Finite points of shape (rows, 2), spread along both axes, with a finite padded box."""
    r = matrix_rule(2)(v)
    if r is not OK:
        return r
    a = as_real(v)
    return OK if np.all(a.min(axis=0) < a.max(axis=0)) and box_is_finite(a, 0.1) else ValueError


def pad_rule(v):
    """A finite number ≥ 0 that keeps the padded box finite."""
    r = real_rule(0.0, math.inf, low_closed=True)(v)
    return r if r is not OK or box_is_finite(GRID_POINTS, float(v)) else ValueError


def check_grid(which):
    def check(result, value):
        xx, yy, points = result
        X = as_real(value) if which == "X" else GRID_POINTS
        steps = int(value) if which == "steps" else 5
        pad = float(value) if which == "pad" else 0.1
        low, high = X.min(axis=0), X.max(axis=0)
        margin = pad * (high - low)
        assert xx.shape == yy.shape == (steps, steps) and points.shape == (steps * steps, 2)
        close(xx[0], np.linspace(low[0] - margin[0], high[0] + margin[0], steps), "grid x")
        close(yy[:, 0], np.linspace(low[1] - margin[1], high[1] + margin[1], steps), "grid y")
        np.testing.assert_array_equal(points, np.column_stack([xx.ravel(), yy.ravel()]))
    return check


def check_labels(result, X):
    assert result.dtype == np.int64 and result.tolist() == [taiji(a, b) for a, b in as_real(X)]


X_VALUES = array_values(shapes())
GRID_X = array_values(shapes(rows=(0, 1, 2, 5), columns=(1, 2, 3)), st.one_of(element, st.sampled_from([1e307, -1e307])))
LABELS = array_values(st.sampled_from([(ROWS,), (ROWS, 1), (5,), (ROWS, 2), ()]),
                      st.sampled_from([0.0, 1.0, 2.0, -1.0, 0.5, math.nan, math.inf]))
MLP_X = ("X", "y")   # an X whose rows do not fit may be reported as a mismatch of y
FEW_EPOCHS = st.one_of(st.integers(-2, 3), wild.filter(   # a valid huge epoch count trains as long as asked
    lambda v: not (isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_)) and v > 10)))


def check_output(net, value):
    assert net.head.name == value


def check_finite_weights(net, value):
    assert all(np.isfinite(p).all() for p in net.parameters)


def check_bias(net, value):
    np.testing.assert_array_equal(net.dense[0].b, np.full(3, float(value)))


def check_act_name(layer, value):
    assert layer.name == actlib.get(value).name


def check_shared_alpha(layer, value):
    assert layer.alpha.shape == () and layer.alpha == 0.25


def check_setting(name):
    def check(optimiser, value):
        assert getattr(optimiser, name) == float(value)
    return check


def check_inner_radius(result, factor):
    X, y = result
    close(np.hypot(*X[y == 1].T), np.full(10, float(factor)), "circles: the inner radius")


def grads_rule(shape):
    def rule(v):
        r = values_rule(shape)(v)
        return EITHER if r is OK and np.abs(as_real(v)).max() > HUGE else r
    return rule


CASES = [
    # ------------------------------------------------------------------ mlp, init_std
    Case("actlib.nn.mlp", "sizes", st.one_of(wild, st.lists(st.one_of(st.integers(-1, 5), wild), max_size=4),
                                             st.sampled_from([[2, 4000, 4000, 1], (2, 50, 1), [2, 1000, 1000, 1]])),
         sizes_rule, mlp_call("sizes"), check_sizes),
    Case("actlib.nn.mlp", "activation", ACTIVATIONS, activation_rule, mlp_call("activation"), check_hidden_layer),
    Case("actlib.nn.mlp", "output", st.one_of(wild, st.sampled_from(["sigmoid", "softmax", "identity", "relu", "Sigmoid"])),
         output_rule, mlp_call("output"), check_output),
    Case("actlib.nn.mlp", "init", st.one_of(wild, st.sampled_from([*nn.INITS, "uniform", nn.MAX_STD, 1e301]),
                                            st.floats(-1, 1e5)), init_rule, mlp_call("init"), check_finite_weights),
    Case("actlib.nn.mlp", "bias", st.one_of(wild, st.floats(-1e308, 1e308)), FINITE, mlp_call("bias"), check_bias),
    Case("actlib.nn.mlp", "seed", st.one_of(wild, st.integers(-2, 2**70)), seed_rule, mlp_call("seed"),
         check_finite_weights),
    Case("actlib.nn.init_std", "init", st.one_of(wild, st.sampled_from([*nn.INITS, "normal"]), st.floats(-1, 10)),
         init_rule, init_std_call(0), check_init_std),
    Case("actlib.nn.init_std", "fan_in", ints(-1, 100), int_rule(1, nn.MAX_WEIGHTS), init_std_call(1),
         check_init_std_arg(1)),
    Case("actlib.nn.init_std", "fan_out", ints(-1, 100), int_rule(1, nn.MAX_WEIGHTS), init_std_call(2),
         check_init_std_arg(2)),
    Case("actlib.nn.init_std", "slope", reals(-1e300, 1e300), FINITE, init_std_call(3), check_init_std_arg(3)),
    # ------------------------------------------------------------------ MLP
    Case("actlib.nn.MLP", "layers", LAYER_LISTS, layers_rule, mlp_of("layers"), check_mlp_layers),
    Case("actlib.nn.MLP", "head", HEAD_VALUES, head_rule, mlp_of("head")),
    Case("actlib.nn.MLP", "seed", st.one_of(wild, st.integers(-2, 100)), seed_rule, mlp_of("seed")),
    Case("actlib.nn.MLP.fit", "X", array_values(shapes(rows=(0, 1, 5, ROWS))), matrix_rule(2, HUGE),
         fit_call("X", batch_size=None), check_history, names=MLP_X, allow=(nn.DivergenceError,)),
    Case("actlib.nn.MLP.fit", "y", LABELS, labels_rule(ROWS, 2), fit_call("y"), check_history),
    Case("actlib.nn.MLP.fit", "epochs", FEW_EPOCHS, int_rule(1), fit_call("epochs"), check_history),
    Case("actlib.nn.MLP.fit", "batch_size", st.one_of(ints(-1, 10), st.none()), batch_rule, fit_call("batch_size"),
         check_history),
    Case("actlib.nn.MLP.fit", "optimizer", OPTIMIZERS, optimizer_rule, fit_call("optimizer"), check_history),
    Case("actlib.nn.MLP.fit", "validation", VALIDATION, validation_rule, fit_call("validation"), check_validation,
         allow=(nn.DivergenceError,)),
    Case("actlib.nn.MLP.forward", "X", X_VALUES, matrix_rule(2, HUGE), with_net("forward", None), check_scores),
    Case("actlib.nn.MLP.predict", "X", X_VALUES, matrix_rule(2, HUGE), with_net("predict", None),
         unless_huge(check_predict)),
    Case("actlib.nn.MLP.predict_proba", "X", X_VALUES, matrix_rule(2, HUGE), with_net("predict_proba", None),
         check_proba),
    Case("actlib.nn.MLP.dead_share", "X", X_VALUES, matrix_rule(2, HUGE), with_net("dead_share", None),
         unless_huge(check_dead)),
    Case("actlib.nn.MLP.trace", "X", X_VALUES, matrix_rule(2, HUGE), with_net("trace", None), check_trace),
    *[Case(f"actlib.nn.MLP.{method}", "y", LABELS, labels_rule(ROWS, 2), with_net(method, X8, None), check)
      for method, check in (("backward", check_backward), ("loss", check_loss), ("accuracy", check_accuracy),
                            ("gradient_norms", check_norms))],
    *[Case(f"actlib.nn.MLP.{method}", "X", X_VALUES, x_with_labels_rule, with_net(method, None, Y8),
           unless_huge(lambda out, X, check=check: check(out, Y8, as_real(X))), names=MLP_X)
      for method, check in (("backward", check_backward), ("loss", check_loss), ("accuracy", check_accuracy),
                            ("gradient_norms", check_norms))],
    # ------------------------------------------------------------------ layers
    Case("actlib.nn.Dense", "W", array_values(shapes(rows=(0, 1, 2), columns=(0, 1, 3))), matrix_rule(), dense_call("W"),
         check_dense),
    Case("actlib.nn.Dense", "b", array_values(st.sampled_from([(3,), (3,), (2,), (), (1, 3)])), values_rule((3,)),
         dense_call("b"), check_dense),
    Case("actlib.nn.Dense.forward", "x", array_values(shapes(columns=(1, 2, 3))), matrix_rule(2, HUGE), dense_forward,
         unless_huge(check_dense_forward)),
    Case("actlib.nn.Dense.backward", "g", array_values(st.sampled_from([(5, 3), (5, 3), (4, 3), (5, 2), (3,)])),
         grads_rule((5, 3)), dense_backward, unless_huge(check_dense_backward)),
    Case("actlib.nn.Act", "name", st.one_of(wild, NAMES), act_name_rule, nn.Act, check_act_name),
    Case("actlib.nn.Act", "alpha", st.one_of(wild, arrays(st.sampled_from([(3,), (0,), (2, 2)]))), parameter_rule(None),
         act_keyword("leaky_relu", "alpha")),
    Case("actlib.nn.Act.forward", "z", array_values(shapes(columns=(1, 3))), matrix_rule(), act_call("Act.forward"),
         check_act_forward),
    Case("actlib.nn.Act.backward", "g", array_values(st.sampled_from([(5, 3), (5, 3), (5, 2), (4, 3), ()])),
         values_rule((5, 3)), act_call("Act.backward"), check_act_backward),
    Case("actlib.nn.PReLU", "units", ints(-1, 6), int_rule(1), prelu_call("units"), check_shared_alpha),
    Case("actlib.nn.PReLU", "alpha", st.one_of(wild, arrays(st.sampled_from([(3,), (2,), (1, 3)]))), parameter_rule(3),
         prelu_call("alpha"), check_prelu),
    Case("actlib.nn.Act.forward", "z", array_values(shapes(columns=(1, 3))), matrix_rule(3), act_call("PReLU.forward"),
         check_act_forward, caller="PReLU.forward"),
    Case("actlib.nn.Act.backward", "g", array_values(st.sampled_from([(5, 3), (5, 3), (5, 2), ()])),
         grads_rule((5, 3)), act_call("PReLU.backward"), unless_huge(check_act_backward), caller="PReLU.backward"),
    Case("actlib.nn.Gated", "name", st.one_of(wild, GATE_NAMES), gate_name_rule, nn.Gated, check_gate_name),
    *[Case("actlib.nn.Gated.forward", "z", array_values(shapes(columns=(1, 2, 3, 4))), gated_z_rule,
           gated_call(gate, "forward"), unless_huge(check_gated_forward)) for gate in nn.GATES],
    *[Case("actlib.nn.Gated.backward", "g", array_values(st.sampled_from([(5, 2), (5, 2), (5, 4), (4, 2), ()])),
           grads_rule((5, 2)), gated_call(gate, "backward"), unless_huge(check_gated_backward)) for gate in nn.GATES],
    # ------------------------------------------------------------------ heads, optimisers, History
    *HEAD_CASES,
    Case("actlib.nn.SGD", "lr", reals(-1, 10), POSITIVE, lambda v: nn.SGD(lr=v), check_setting("lr")),
    Case("actlib.nn.SGD", "momentum", reals(-1, 2), real_rule(0, 1, low_closed=True), lambda v: nn.SGD(momentum=v),
         check_setting("momentum")),
    Case("actlib.nn.Adam", "lr", reals(-1, 10), POSITIVE, lambda v: nn.Adam(lr=v), check_setting("lr")),
    Case("actlib.nn.Adam", "beta1", reals(-1, 2), real_rule(0, 1, low_closed=True), lambda v: nn.Adam(beta1=v),
         check_setting("beta1")),
    Case("actlib.nn.Adam", "beta2", reals(-1, 2), real_rule(0, 1, low_closed=True), lambda v: nn.Adam(beta2=v),
         check_setting("beta2")),
    Case("actlib.nn.Adam", "eps", reals(-1, 1), POSITIVE, lambda v: nn.Adam(eps=v), check_setting("eps")),
    *[Case("actlib.nn.Optimiser.step", which, PARAM_LISTS if which == "params" else GRAD_LISTS, step_rule(which),
           step_call(kind, which), check_step(kind, which), caller=f"{kind}.step")
      for kind in ("SGD", "Adam") for which in ("params", "grads")],
    Case("actlib.nn.History.alpha", "layer", ints(-2, 4), int_rule(0, 1), HISTORY.alpha, check_alpha),
    # ------------------------------------------------------------------ data
    Case("actlib.data.xor", "n", st.one_of(N_VALUES, st.just(data.MAX_POINTS)), N_RULE, data_call("xor", "n"),
         check_points("xor", int)),
    Case("actlib.data.xor", "noise", NOISE_VALUES, NOISE_RULE, data_call("xor", "noise", n=20), check_points("xor")),
    Case("actlib.data.xor", "seed", SEED_VALUES, SEED_RULE, data_call("xor", "seed", n=20), check_points("xor")),
    Case("actlib.data.yin_yang", "n", N_VALUES, N_RULE, data_call("yin_yang", "n"), check_points("yin_yang", int)),
    Case("actlib.data.yin_yang", "seed", SEED_VALUES, SEED_RULE, data_call("yin_yang", "seed", n=30),
         check_points("yin_yang")),
    Case("actlib.data.yin_yang_label", "X", array_values(shapes(rows=(0, 1, 5)), st.one_of(element, st.floats(-2, 2))),
         matrix_rule(2), data.yin_yang_label, check_labels),
    Case("actlib.data.moons", "n", N_VALUES, N_RULE, data_call("moons", "n"), check_points("moons", int)),
    Case("actlib.data.moons", "noise", NOISE_VALUES, NOISE_RULE, data_call("moons", "noise", n=20), check_points("moons")),
    Case("actlib.data.moons", "seed", SEED_VALUES, SEED_RULE, data_call("moons", "seed", n=20), check_points("moons")),
    Case("actlib.data.circles", "n", N_VALUES, N_RULE, data_call("circles", "n"), check_points("circles", int)),
    Case("actlib.data.circles", "noise", NOISE_VALUES, NOISE_RULE, data_call("circles", "noise", n=20),
         check_points("circles")),
    Case("actlib.data.circles", "factor", reals(-1, 2), real_rule(0, 1), data_call("circles", "factor", n=20, noise=0.0),
         check_inner_radius),
    Case("actlib.data.circles", "seed", SEED_VALUES, SEED_RULE, data_call("circles", "seed", n=20),
         check_points("circles")),
    Case("actlib.data.spiral", "n", N_VALUES, N_RULE, data_call("spiral", "n"), check_points("spiral", int)),
    Case("actlib.data.spiral", "noise", NOISE_VALUES, NOISE_RULE, data_call("spiral", "noise", n=20),
         check_points("spiral")),
    Case("actlib.data.spiral", "seed", SEED_VALUES, SEED_RULE, data_call("spiral", "seed", n=20),
         check_points("spiral")),
    Case("actlib.data.digits", "test_size", st.one_of(wild, st.floats(0, 1), st.sampled_from([9 / 1797, 10 / 1797])),
         digits_rule, data_call("digits", "test_size"), check_digits(float)),
    Case("actlib.data.digits", "seed", SEED_VALUES, SEED_RULE, data_call("digits", "seed"), check_digits(lambda v: 0.25)),
    Case("actlib.data.grid", "X", GRID_X, grid_x_rule, grid_call("X"), check_grid("X")),
    Case("actlib.data.grid", "steps", st.one_of(ints(-1, 40), st.sampled_from([1000, 1001, 10**9])), int_rule(2, 1000),
         grid_call("steps"), check_grid("steps")),
    Case("actlib.data.grid", "pad", st.one_of(reals(-1, 10), st.sampled_from([1e300, 1e308])), pad_rule,
         grid_call("pad"), check_grid("pad")),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.who}({c.arg})" for c in CASES])
@given(drawn=st.data())
def test_argument(case, drawn):
    value = drawn.draw(case.values, label=case.arg)
    expected = case.rule(value)
    kept = copy.deepcopy(value)
    kind, result = quiet(lambda: case.call(value))
    assert same(value, kept) or case.target.endswith(".step") and case.arg == "params", "the argument was changed"
    if kind == "error":
        allowed = {OK: (), EITHER: (ValueError,), INVALID: (TypeError, ValueError), ANY: (TypeError, ValueError)}
        assert isinstance(result, allowed.get(expected, (expected,)) + case.allow), \
            f"{type(result).__name__}: {result} for {value!r:.80}; the rules call for {expected}"
        message = str(result)
        assert message.startswith(case.who), f"the message does not start with {case.who}: {message}"
        if isinstance(result, nn.DivergenceError):
            assert "learning rate" in message
        else:
            assert any(name in message for name in (case.arg, *case.names)), f"{case.arg} is not named: {message}"
    else:
        assert expected in (OK, EITHER, ANY), f"accepted {value!r:.80}, but the rules call for {expected}"
        if case.check is not None:
            case.check(result, value)


# --------------------------------------------------------------------------- properties


@st.composite
def networks(draw, activations=SMOOTH, max_hidden=2):
    """(net, X, y, head): a small random network, inputs in [−2, 2] and fitting targets."""
    n_in = draw(st.integers(1, 3))
    hidden = draw(st.lists(st.integers(1, 4), max_size=max_hidden))
    head = draw(st.sampled_from(["sigmoid", "softmax", "identity"]))
    k = {"sigmoid": 1, "softmax": draw(st.integers(2, 3)), "identity": draw(st.integers(1, 2))}[head]
    acts = [draw(st.sampled_from(activations)) for _ in hidden]
    net = nn.mlp([n_in, *hidden, k], acts, output=head, init=draw(st.sampled_from(["xavier", "he", 0.7])),
                 bias=draw(st.floats(-0.5, 0.5)), seed=draw(st.integers(0, 1000)))
    n = draw(st.integers(1, 6))
    X = np.array(draw(st.lists(st.floats(-2, 2), min_size=n * n_in, max_size=n * n_in))).reshape(n, n_in)
    if head == "identity":
        y = np.array(draw(st.lists(st.floats(-2, 2), min_size=n * k, max_size=n * k))).reshape(n, k)
    else:
        y = np.array(draw(st.lists(st.integers(0, max(k, 2) - 1), min_size=n, max_size=n)))
    return net, X, y, head


def assert_gradients_match_finite_differences(drawn):
    net, X, y, head = drawn
    kept = X.copy(), y.copy()
    kind, loss = quiet(lambda: net.backward(X, y))
    assert kind == "value", loss
    analytic = [g.copy() for g in net.gradients]
    for param, grad in zip(net.parameters, analytic):
        np.testing.assert_allclose(grad, numeric_gradient(lambda: net.loss(X, y), param), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(net.gradient_norms(X, y), [np.linalg.norm(g) for g, p in zip(analytic, net.parameters)
                                                          if p.ndim == 2], rtol=1e-12)
    assert np.array_equal(X, kept[0]) and np.array_equal(y, kept[1])


@given(drawn=networks())
def test_gradients_match_finite_differences(drawn):
    """MLP.backward, MLP.gradient_norms and, through them, every layer's and head's backward pass."""
    assert_gradients_match_finite_differences(drawn)


@given(drawn=networks(activations=["glu", "geglu", "swiglu", "tanh"]))
def test_gradients_through_gated_layers_match_finite_differences(drawn):
    """The same through Gated layers, whose backward pass is the gate's vjp (ReGLU's kink left out)."""
    assert_gradients_match_finite_differences(drawn)


def hand_training(W1, b1, W2, b2, X, t, head, optimiser, orders, batch):
    """The same training written out: Dense–tanh–Dense and the head's ∂L/∂z, minibatches in the given
    orders, the optimiser's formula. Returns the parameters and the loss on all rows after each epoch."""
    params = [W1.copy(), b1.copy(), W2.copy(), b2.copy()]
    state = [[np.zeros_like(p) for p in params], [np.zeros_like(p) for p in params]]
    losses, step = [], 0

    def full_loss():
        return ref_loss(head, np.tanh(X @ params[0] + params[1]) @ params[2] + params[3], t)

    losses.append(full_loss())
    for order in orders:
        for start in range(0, len(X), batch):
            rows = order[start:start + batch]
            x, tt = X[rows], t[rows]
            a = np.tanh(x @ params[0] + params[1])
            g2 = ref_grad(head, a @ params[2] + params[3], tt)
            g1 = (g2 @ params[2].T) * (1 - a * a)
            grads = [x.T @ g1, g1.sum(axis=0), a.T @ g2, g2.sum(axis=0)]
            step += 1
            for p, g, s1, s2 in zip(params, grads, *state):
                if isinstance(optimiser, nn.SGD):
                    s1[...] = optimiser.momentum * s1 + g
                    p -= optimiser.lr * s1
                else:
                    s1[...] = optimiser.beta1 * s1 + (1 - optimiser.beta1) * g
                    s2[...] = optimiser.beta2 * s2 + (1 - optimiser.beta2) * g * g
                    m_hat, v_hat = s1 / (1 - optimiser.beta1**step), s2 / (1 - optimiser.beta2**step)
                    p -= optimiser.lr * m_hat / (np.sqrt(v_hat) + optimiser.eps)
        losses.append(full_loss())
    return params, losses


@given(drawn=networks(activations=["tanh"], max_hidden=1), epochs=st.integers(1, 3), batch=st.integers(1, 6),
       optimiser=st.one_of(st.builds(nn.SGD, st.floats(0.01, 0.5), st.floats(0, 0.9)),
                           st.builds(nn.Adam, st.floats(1e-3, 0.1), st.floats(0, 0.9), st.floats(0.9, 0.999))))
def test_training_matches_a_hand_written_loop(drawn, epochs, batch, optimiser):
    net, X, y, head = drawn
    if len(net.dense) != 2:
        return    # no hidden layer: nothing to write out beyond the test above
    batch = min(batch, len(X))
    t = net.head.targets(y, len(X), net.dense[-1].W.shape[1])
    start = [p.copy() for p in net.parameters]
    orders = [r.permutation(len(X)) for r in [copy.deepcopy(net.rng)] for _ in range(epochs)]
    expected, losses = hand_training(*start, X, t, head, copy.deepcopy(optimiser), orders, batch)
    kind, history = quiet(lambda: net.fit(X, y, epochs=epochs, batch_size=batch, optimizer=optimiser))
    assert kind == "value", history
    for got, want in zip(net.parameters, expected):
        np.testing.assert_allclose(got, want, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(history.loss, losses, rtol=1e-7, atol=1e-12)


@given(drawn=networks(activations=["relu", "tanh", "leaky_relu", "sigmoid", "softplus"]))
def test_a_batch_gives_what_its_rows_give(drawn):
    net, X, _, head = drawn
    rows = range(len(X))
    kind, z = quiet(lambda: net.forward(X))
    assert kind == "value", z
    scale = 1e-12 * (1 + np.abs(z).max())
    np.testing.assert_allclose(np.vstack([net.forward(X[i:i + 1]) for i in rows]), z, rtol=1e-12, atol=scale)
    for (z_b, a_b), *per_row in zip(net.trace(X), *[net.trace(X[i:i + 1]) for i in rows]):
        np.testing.assert_allclose(np.vstack([zr for zr, _ in per_row]), z_b, rtol=1e-12, atol=scale)
        np.testing.assert_allclose(np.vstack([ar for _, ar in per_row]), a_b, rtol=1e-12, atol=scale)
    predicted = net.predict(X)
    one_by_one = np.concatenate([net.predict(X[i:i + 1]) for i in rows])
    if head == "identity":
        np.testing.assert_allclose(one_by_one, predicted, rtol=1e-12, atol=scale)
    else:
        top = np.sort(z, axis=1)
        margin = np.abs(z[:, 0]) if head == "sigmoid" else top[:, -1] - top[:, -2]
        clear = margin > 1e-9
        np.testing.assert_array_equal(one_by_one[clear], predicted[clear])
        p = net.predict_proba(X)
        np.testing.assert_allclose(np.concatenate([net.predict_proba(X[i:i + 1]) for i in rows]), p, rtol=1e-10)
    for layer in (net.dense[0], *net.hidden[:1]):
        x = X if isinstance(layer, nn.Dense) else net.trace(X)[0][0]
        np.testing.assert_allclose(np.vstack([layer.forward(x[i:i + 1]) for i in rows]), layer.forward(x),
                                   rtol=1e-12, atol=scale)


@given(z=st.lists(st.floats(-30, 30), min_size=1, max_size=12), name=st.sampled_from([*SMOOTH, "relu", "prelu"]))
def test_slope_is_the_derivative(z, name):
    """Act.slope and PReLU.slope: f′ at the last forward pass, by the formula written out."""
    z = np.array(z)[None, :]
    layer = nn.PReLU(z.shape[1], np.linspace(-0.5, 0.5, z.shape[1])) if name == "prelu" else nn.Act(name)
    kept = z.copy()
    layer.forward(z)
    kind, slope = quiet(layer.slope)
    assert kind == "value", slope
    keywords = {"alpha": layer.alpha} if name == "prelu" else {}
    np.testing.assert_allclose(slope, DERIVATIVE[name](z, **keywords), rtol=1e-9, atol=1e-15)
    assert np.array_equal(z, kept)


@given(name=st.sampled_from(["xor", "yin_yang", "moons", "circles"]), n=st.integers(2, 200), seed=st.integers(0, 2**32 - 1))
def test_data_are_fixed_by_their_seed(name, n, seed):
    make = getattr(data, name)
    (X1, y1), (X2, y2) = quiet(lambda: make(n, seed=seed))[1], make(n, seed=seed)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    check_points(name)((X1, y1), None)
    if name in ("moons", "circles"):                         # noise 0: the points lie on the figure
        X, y = make(n, noise=0.0, seed=seed)
        inner = np.hypot(X[y == 1, 0], X[y == 1, 1]) if name == "circles" else np.hypot(X[y == 1, 0] - 1, X[y == 1, 1] - 0.5)
        np.testing.assert_allclose(inner, 0.5 if name == "circles" else 1.0)


CONSTRUCTORS = {"actlib.nn.History": nn.History, "actlib.nn.SigmoidBCE": nn.SigmoidBCE,
                "actlib.nn.SoftmaxCE": nn.SoftmaxCE, "actlib.nn.IdentityMSE": nn.IdentityMSE}
ABSTRACT = {"actlib.nn.Head": nn.Head, "actlib.nn.Optimiser": nn.Optimiser}
SLOPES = {"Act.slope": lambda: nn.Act("tanh"), "PReLU.slope": lambda: nn.PReLU(2)}   # actlib.nn.Act.slope


@pytest.mark.parametrize("target", sorted(CONSTRUCTORS))
@given(value=wild)
def test_constructors_without_arguments(target, value):
    """They make an empty History or a head; an argument is a TypeError naming the class."""
    make = CONSTRUCTORS[target]
    assert quiet(make)[0] == "value"
    kind, error = quiet(lambda: make(value))
    assert kind == "error" and isinstance(error, TypeError) and target.rsplit(".", 1)[1] in str(error), error


@pytest.mark.parametrize("target", sorted(ABSTRACT))
def test_abstract_classes_cannot_be_made(target):
    kind, error = quiet(ABSTRACT[target])
    assert kind == "error" and isinstance(error, TypeError) and target.rsplit(".", 1)[1] in str(error), error


@pytest.mark.parametrize("who", sorted(SLOPES))
def test_slope_before_any_forward_pass(who):
    kind, error = quiet(SLOPES[who]().slope)
    assert kind == "error" and isinstance(error, ValueError), error
    assert str(error).startswith(who) and "forward" in str(error)


def test_fuzzed_lists_exactly_what_is_fuzzed_here():
    assert FUZZED == {case.target for case in CASES} | set(CONSTRUCTORS) | set(ABSTRACT) | {"actlib.nn.Act.slope"}
