"""The activations as others compute them: SciPy's special functions, plain NumPy, PyTorch.

Each library maps an actlib name to ``(value, derivative)``, two callables from an ndarray to an
ndarray of the same dtype (``None`` where the library has no such thing), at actlib's default
parameters. A name a library lacks is simply absent.

- SciPy: only functions built on a scipy.special ufunc (expit, log_expit, softplus, ndtr); the
  derivative written with the same ufuncs, in the numerically stable way.
- NumPy: the one-liner a reader would type, in its usual form (e.g. 1/(1+exp(−x)),
  s·(1−s) for σ′, logaddexp for softplus). NumPy has no erf, so no GELU.
- PyTorch, when it is installed (it is optional): torch.nn.functional on a zero-copy tensor, one
  thread (torch.set_num_threads(1)), the derivative by autograd (forward and backward, which is
  how one gets f′(x) from x there).

Every call runs under np.errstate(all="ignore"): overflow warnings of the naive forms are not
what is measured (their results are).
"""

from __future__ import annotations

import functools
import math
from typing import Callable

import numpy as np
from scipy import special

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # PyTorch is optional: its column then reads "not installed"
    torch = None

Fn = Callable[[np.ndarray], np.ndarray]

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
RRELU_SLOPE = (1 / 8 + 1 / 3) / 2  # the eval-mode slope of RReLU: the mean of its default bounds
SQRT_2PI = math.sqrt(2 * math.pi)


def _quiet(fn: Fn | None) -> Fn | None:
    if fn is None:
        return None

    @functools.wraps(fn)
    def run(x: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return fn(x)

    return run


def _pick(condition: np.ndarray, a: float, b: float, x: np.ndarray) -> np.ndarray:
    """a where condition, else b, in x's dtype (np.where of two Python floats would be float64)."""
    return np.where(condition, x.dtype.type(a), x.dtype.type(b))


def _np_sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _np_mish_grad(x):
    t = np.tanh(np.logaddexp(0, x))
    return t + x * (1 - t * t) * _np_sigmoid(x)


_NP_ELU = (lambda x: np.where(x > 0, x, np.expm1(x)), lambda x: np.where(x > 0, 1, np.exp(x)))


SCIPY: dict[str, tuple[Fn, Fn]] = {
    "sigmoid": (special.expit, lambda x: special.expit(x) * special.expit(-x)),
    "log_sigmoid": (special.log_expit, lambda x: special.expit(-x)),
    "softplus": (special.softplus, special.expit),
    "silu": (lambda x: x * special.expit(x), lambda x: special.expit(x) * (1 + x * special.expit(-x))),
    "gelu": (lambda x: x * special.ndtr(x), lambda x: special.ndtr(x) + x * np.exp(-x * x / 2) / SQRT_2PI),
}

NUMPY: dict[str, tuple[Fn, Fn]] = {
    "binary_step": (lambda x: (x >= 0).astype(x.dtype), np.zeros_like),
    "sigmoid": (_np_sigmoid, lambda x: (s := _np_sigmoid(x)) * (1 - s)),
    "hard_sigmoid": (lambda x: np.clip(x / 6 + 0.5, 0, 1), lambda x: _pick(np.abs(x) < 3, 1 / 6, 0, x)),
    "log_sigmoid": (lambda x: -np.logaddexp(0, -x), lambda x: 1 / (1 + np.exp(x))),
    "tanh": (np.tanh, lambda x: 1 - np.tanh(x) ** 2),
    "hard_tanh": (lambda x: np.clip(x, -1, 1), lambda x: (np.abs(x) < 1).astype(x.dtype)),
    "softsign": (lambda x: x / (1 + np.abs(x)), lambda x: 1 / (1 + np.abs(x)) ** 2),
    "arctan": (np.arctan, lambda x: 1 / (1 + x * x)),
    "identity": (np.copy, np.ones_like),
    "relu": (lambda x: np.maximum(x, 0), lambda x: (x > 0).astype(x.dtype)),
    "relu6": (lambda x: np.clip(x, 0, 6), lambda x: ((x > 0) & (x < 6)).astype(x.dtype)),
    "leaky_relu": (lambda x: np.where(x > 0, x, 0.01 * x), lambda x: _pick(x > 0, 1, 0.01, x)),
    "prelu": (lambda x: np.where(x > 0, x, 0.25 * x), lambda x: _pick(x > 0, 1, 0.25, x)),
    "rrelu": (lambda x: np.where(x >= 0, x, RRELU_SLOPE * x), lambda x: _pick(x >= 0, 1, RRELU_SLOPE, x)),
    "thresholded_relu": (lambda x: np.where(x > 1, x, 0), lambda x: (x > 1).astype(x.dtype)),
    "hard_shrink": (lambda x: np.where(np.abs(x) > 0.5, x, 0), lambda x: (np.abs(x) > 0.5).astype(x.dtype)),
    "soft_shrink": (lambda x: np.sign(x) * np.maximum(np.abs(x) - 0.5, 0),
                    lambda x: (np.abs(x) > 0.5).astype(x.dtype)),
    "elu": _NP_ELU,
    "celu": _NP_ELU,  # at its default alpha = 1, CELU is ELU
    "selu": (lambda x: SELU_SCALE * np.where(x > 0, x, SELU_ALPHA * np.expm1(x)),
             lambda x: SELU_SCALE * np.where(x > 0, 1, SELU_ALPHA * np.exp(x))),
    "softplus": (lambda x: np.logaddexp(0, x), _np_sigmoid),
    "silu": (lambda x: x * _np_sigmoid(x), lambda x: (s := _np_sigmoid(x)) * (1 + x * (1 - s))),
    "mish": (lambda x: x * np.tanh(np.logaddexp(0, x)), _np_mish_grad),
    "hard_swish": (lambda x: x * np.clip(x + 3, 0, 6) / 6,
                   lambda x: np.where(x < -3, 0, np.where(x > 3, 1, x / 3 + 0.5))),
    "tanhshrink": (lambda x: x - np.tanh(x), lambda x: np.tanh(x) ** 2),
    "squareplus": (lambda x: (x + np.sqrt(x * x + 4)) / 2, lambda x: (1 + x / np.sqrt(x * x + 4)) / 2),
    "gaussian": (lambda x: np.exp(-x * x), lambda x: -2 * x * np.exp(-x * x)),
}


def _torch_pair(op, differentiable: bool = True) -> tuple[Fn, Fn | None]:
    def value(x: np.ndarray) -> np.ndarray:
        return op(torch.from_numpy(x)).numpy()

    def derivative(x: np.ndarray) -> np.ndarray:
        t = torch.from_numpy(x).requires_grad_()
        y = op(t)
        (g,) = torch.autograd.grad(y, t, torch.ones_like(y))
        return g.numpy()

    return value, derivative if differentiable else None


def _torch_library() -> dict[str, tuple[Fn, Fn | None]]:
    if torch is None:
        return {}
    torch.set_num_threads(1)
    ops = {
        "sigmoid": torch.sigmoid, "hard_sigmoid": F.hardsigmoid, "log_sigmoid": F.logsigmoid,
        "tanh": torch.tanh, "hard_tanh": F.hardtanh, "softsign": F.softsign, "arctan": torch.atan,
        "identity": torch.clone, "relu": F.relu, "relu6": F.relu6, "leaky_relu": F.leaky_relu,
        "prelu": lambda t: F.prelu(t, t.new_full((1,), 0.25)), "rrelu": F.rrelu,
        "thresholded_relu": lambda t: F.threshold(t, 1.0, 0.0), "hard_shrink": F.hardshrink,
        "soft_shrink": F.softshrink, "elu": F.elu, "celu": F.celu, "selu": F.selu, "softplus": F.softplus,
        "silu": F.silu, "gelu": F.gelu, "mish": F.mish, "hard_swish": F.hardswish, "tanhshrink": F.tanhshrink,
    }
    pairs = {name: _torch_pair(op) for name, op in ops.items()}
    pairs["binary_step"] = _torch_pair(lambda t: torch.heaviside(t, t.new_ones(())), differentiable=False)
    return pairs


TORCH = _torch_library()
LIBRARIES: dict[str, dict[str, tuple[Fn, Fn | None]]] = {"SciPy": SCIPY, "NumPy": NUMPY, "PyTorch": TORCH}
INSTALLED = {"SciPy": True, "NumPy": True, "PyTorch": torch is not None}


def of(name: str) -> dict[str, tuple[Fn | None, Fn | None]]:
    """library -> (value, derivative) for every peer library that has ``name``, warnings silenced."""
    found = {}
    for library, table in LIBRARIES.items():
        if name in table:
            value, derivative = table[name]
            found[library] = (_quiet(value), _quiet(derivative))
    return found
