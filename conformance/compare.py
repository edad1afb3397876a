"""Comparing a framework's call form with actlib: inputs, keywords, tolerances and the verdict per point.

The rules, stated once:

- inputs: tests/reference.py's grid for the dtype ([−30, 30] densely, points beside the kinks, ±tiny,
  ±large, ±max, ±∞) with ±0 and NaN added; a vector activation gets lanes of four (ordinary, wide,
  with ±∞, all −∞, NaN, signed zeros).
- NaN in: the value must be NaN; a derivative at NaN is not compared (actlib's is NaN; a framework's
  is the slope of whichever branch its comparison picks, which says nothing about the function).
- the sign of a zero value of an elementwise f is compared where the input is ±0 (it is the sign
  of f(±0)), if the framework gives that sign whatever the array's length (:func:`zero_signs_stable`:
  some kernels, TensorFlow's ReLU and PyTorch's Softshrink among them, give −0 alone and +0 inside a
  longer array, by the vector path they take); elsewhere, and in derivatives, a zero is compared as
  a number.
- subnormal numbers: TensorFlow (so Keras on it) and XLA (JAX) flush them to zero on the CPU. For a
  framework that does (measured, not assumed: :func:`flushes_subnormals`), subnormal inputs are left
  out (±0 stand for them), and for every framework a result below the smallest normal is compared
  in absolute terms, within 4 smallest normals (as tests/reference.py measures actlib).
- elsewhere the framework must be within K_ULP ulp of actlib's result, or within K_ULP ulp of
  min(1, |x|): actlib is within 4 ulp of the exact value (tests/test_values.py), so 8 leaves the
  framework 4; and a framework builds f and f′ from terms of size about min(1, |x|) (σ(x), tanh x,
  eˣ, x itself), whose rounding carries over in full where the result is much smaller: where f or f′
  crosses zero (SiLU′ near −1.28) or decays in a tail (GELU for x ≪ 0).
- where a framework is less accurate than that (LESS_ACCURATE: the case, the reason and the error
  it allows on top), both are compared with the exact value from mpmath (tests/reference.py):
  actlib within its own bound, the framework within the bound above plus that error.
- a point in a Differs statement of the registry is left out here; the statement itself is checked.
- a framework whose results are wrong (WRONG, with the reason) is expected to fail, strictly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any, Callable

import numpy as np

import reference
from actlib.frameworks import CallForm, parse
from adapters import adapter

K_ULP = 8
TINY_UNITS = 4


# --------------------------------------------------------------------------- keywords
def framework_keywords(act, form: CallForm) -> dict[str, Any]:
    """The keywords the framework is called with: the form's literals, and actlib's default for each
    parameter the form passes (``threshold=threshold``)."""
    return form.keywords | {key: act.defaults[param] for key, param in form.passes.items()}


# --------------------------------------------------------------------------- inputs
@cache
def flushes_subnormals(framework: str) -> bool:
    """Whether ``framework`` takes subnormal numbers for zero: the derivative of its ReLU at the smallest
    positive float32 (1 if it is positive, 0 if it is read as 0)."""
    relu = {"pytorch": "torch.nn.functional.relu", "keras": "keras.activations.relu",
            "tensorflow": "tf.nn.relu", "jax": "jax.nn.relu"}[framework]
    form = parse(relu, framework, "flushes_subnormals")
    smallest = np.array([np.finfo(np.float32).smallest_subnormal], dtype=np.float32)
    return bool(adapter(framework).vjp(form, smallest, np.ones_like(smallest))[0] == 0)


def elementwise_inputs(dtype, framework: str) -> np.ndarray:
    x = np.concatenate([reference.grid(dtype), np.array([-0.0, np.nan], dtype=dtype)])
    if flushes_subnormals(framework):
        x = x[~((x != 0) & (np.abs(x) < np.finfo(dtype).tiny))]
    return x


def lanes(dtype) -> np.ndarray:
    """Lanes of four along the last axis: ordinary, wide (softmax's saturation), ±∞, NaN, signed zeros,
    then random ones. A Differs statement about a vector activation names one of the special lanes, which
    the agreement test then leaves out."""
    rng = np.random.default_rng(5)
    inf, nan = np.inf, np.nan
    special = [[1.0, 2.5, 3.25, -1.0], [30.0, -30.0, 0.5, 80.0], [700.0, -700.0, 0.0, 1.0],
               [1e30, -1e30, 0.0, 0.5], [inf, 0.0, 1.0, 2.0], [-inf, 0.0, 1.0, 2.0], [-inf] * 4,
               [inf, inf, 1.0, 0.0], [nan, 1.0, 2.0, 3.0], [-0.0, 0.0, -0.0, 0.0], [0.0, -0.0, 1e-30, -1e-30]]
    with np.errstate(over="ignore"):
        return np.concatenate([np.asarray(special, dtype=dtype), rng.normal(0, 4, (40, 4)).astype(dtype)])


# --------------------------------------------------------------------------- tolerances
@dataclass(frozen=True)
class LessAccurate:
    """The framework's error exceeds the default bound here, for ``why``: ``eps`` machine epsilons of
    absolute error and a relative error ``rel`` are allowed on top (against the exact value);
    ``within`` is the part of the line where it is compared at all (None: everywhere), e.g. where its
    formula does not overflow."""

    why: str
    eps: float = 0
    rel: float = 0
    within: Callable[[np.ndarray], np.ndarray] | None = None


def _below_root_max(x: np.ndarray) -> np.ndarray:
    return np.abs(x) < np.sqrt(np.finfo(x.dtype).max)


_EXP_MINUS_ONE = LessAccurate(eps=2, why="computes e^x − 1 (not expm1), an absolute error of about one ulp of 1 "
                                          "where the result is small")
_SQUAREPLUS = LessAccurate(rel=1, why="computes (x + √(x² + b))/2 as written: for x ≪ 0 the sum cancels, down to 0 "
                                      "where f ≈ b/(4|x|) (an error of up to f itself, relative error 1), and x² "
                                      "overflows beyond √max, where it is not compared", within=_below_root_max)
_X_MINUS_TANH = LessAccurate(eps=2, why="differentiates x − tanh x as 1 − (1 − tanh² x), which cancels near 0 (an "
                                        "absolute error of about one ulp of 1)")

_GELU_FLOAT64 = LessAccurate(
    rel=1e-5, why="its float64 GELU is accurate to about 10⁻⁶ relative (measured here: up to 5·10⁻⁷ for the value, "
                  "7·10⁻⁶ for the derivative), float32's precision, not float64's")
_TANH_FORM = LessAccurate(
    eps=8, why="the tanh form 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))) cancels for x ≪ 0 (absolute error a few ε)")
_TANH_FORM_GRAD = LessAccurate(
    eps=256, why="differentiates the tanh form through sech² = 1 − tanh², which cancels for x ≪ 0 and is multiplied "
                 "by √(2/π)(x + 0.134x³)/2 (measured: up to 160 ε at x ≈ −7); x³ overflows beyond ∛max, where it "
                 "is not compared",
    within=lambda x: np.abs(x) < np.cbrt(np.finfo(x.dtype).max))
_SELU_BRANCH = LessAccurate(
    eps=2, why="computes e^x − 1 (not expm1), and picks the derivative's branch from the output's sign: for "
               "−ε < x < 0, where e^x − 1 rounds to 0, it returns the slope λ of the x > 0 side instead of λα; not "
               "compared there",
    within=lambda x: ~((x < 0) & (x > -np.finfo(x.dtype).eps)))
_WHERE_OVERFLOW = LessAccurate(
    why="jnp.where differentiates every branch: the derivative of (x + 1)²/4, formed as 2(x + 1)/4, overflows near "
        "±max, and 0·∞ reaches the gradient as NaN; not compared beyond max/4",
    within=lambda x: np.abs(x) < np.finfo(x.dtype).max / 4)
_MISH_GRAD = LessAccurate(
    eps=160, why="differentiates tanh(softplus(x)) through sech² = 1 − tanh², whose cancellation costs an absolute "
                 "error growing like |x|·ε as f′ → 1 (measured: up to 120 ε at x ≈ 20)")
_SOFTPLUS_SWITCH = LessAccurate(
    rel=math.exp(-20), why="returns x (and f′ = 1) once βx > threshold = 20, an error of up to e^{−20} ≈ 2·10⁻⁹: "
                           "below float32's resolution, not float64's")
_FLOAT32_SLOPE = LessAccurate(
    rel=2.0**-24, why="the slope is kept in float32 (TensorFlow's LeakyRelu attribute, PyTorch's hardsigmoid backward "
                      "constant 1/6), so in float64 it is float32(α), relative error up to 2^{−24}")
_OVERFLOWING_PRODUCT = LessAccurate(
    why="computes x·relu6(x + 3) before dividing by 6, which overflows beyond max/6, where it is not compared",
    within=lambda x: np.abs(x) < np.finfo(x.dtype).max / 6)

# (activation, framework, "value" | "grad") -> LessAccurate. The reasons were read off the frameworks'
# kernels and are confirmed by the comparison with mpmath the test makes.
LESS_ACCURATE: dict[tuple[str, str, str], LessAccurate] = {
    **{(name, fw, "value"): _EXP_MINUS_ONE for name in ("elu", "selu") for fw in ("keras", "tensorflow")},
    **{("selu", fw, "grad"): _SELU_BRANCH for fw in ("keras", "tensorflow")},
    ("sparse_plus", "jax", "grad"): _WHERE_OVERFLOW,
    **{("squareplus", fw, q): _SQUAREPLUS for fw in ("keras", "jax") for q in ("value", "grad")},
    **{("tanhshrink", fw, "grad"): _X_MINUS_TANH for fw in ("pytorch", "keras")},
    **{("gelu", fw, q): _GELU_FLOAT64 for fw in ("keras", "tensorflow") for q in ("value", "grad")},
    ("gelu", "jax", "value"): _TANH_FORM,
    ("gelu", "jax", "grad"): _TANH_FORM_GRAD,
    **{("mish", fw, "grad"): _MISH_GRAD for fw in ("pytorch", "keras", "jax")},
    **{("softplus", "pytorch", q): _SOFTPLUS_SWITCH for q in ("value", "grad")},
    **{("leaky_relu", fw, q): _FLOAT32_SLOPE for fw in ("keras", "tensorflow") for q in ("value", "grad")},
    ("hard_sigmoid", "pytorch", "grad"): _FLOAT32_SLOPE,
    ("hard_swish", "pytorch", "value"): _OVERFLOWING_PRODUCT,
}


# (activation, framework) -> why the framework's results are wrong, not merely less accurate: its agreement
# tests are expected to fail (strict: they fail the suite once the framework is fixed, so this entry goes).
WRONG: dict[tuple[str, str], str] = {
    ("sparsemax", "keras"): "Keras 3.15's sparsemax (TensorFlow backend) takes τ = (Σ of the cumulative sums over the "
                            "support − 1)/k instead of (the k-th cumulative sum − 1)/k, so it is right only when the "
                            "support has one entry (otherwise its output need not sum to 1), and gives ∞ for "
                            "entries of ±10³⁰",
}


# --------------------------------------------------------------------------- the verdict per point
def close_enough(x: np.ndarray, got: np.ndarray, want: np.ndarray, dtype, eps: float = 0, rel: float = 0) -> np.ndarray:
    """|got − want| ≤ K_ULP·ulp(want) + K_ULP·ulp(min(1, |x|)) + eps·ε + rel·|want| + TINY_UNITS·tiny
    (the rules above), NaN with NaN and ∞ with ∞ of its sign; ``x`` is per point or per lane."""
    info = np.finfo(dtype)
    got, want = got.astype(np.float64), want.astype(np.float64)
    # the size of the terms: min(1, |x|) for an elementwise f; 1 for a lane (probabilities, gates, g)
    size = np.nan_to_num(np.minimum(1, np.abs(x.astype(np.float64))), nan=1) if x.ndim == 1 else np.ones(got.shape)
    with np.errstate(invalid="ignore", over="ignore"):
        bound = (K_ULP * np.spacing(np.abs(want).astype(dtype)).astype(np.float64) + K_ULP * float(info.eps) * size
                 + eps * float(info.eps) + rel * np.abs(want) + TINY_UNITS * float(info.tiny))
        finite = np.isfinite(got) & np.isfinite(want) & (np.abs(got - want) <= bound)
    same_special = (np.isnan(got) & np.isnan(want)) | (np.isinf(got) & (got == want))
    return finite | same_special


def signs_agree(x: np.ndarray, got: np.ndarray, want: np.ndarray) -> np.ndarray:
    """False where x is ±0 and both results are zeros of opposite signs."""
    zero_in = np.broadcast_to(x == 0, got.shape) if x.shape == got.shape else np.zeros(got.shape, bool)
    zeros = (got == 0) & (want == 0)
    return ~(zero_in & zeros & (np.signbit(got) != np.signbit(want)))


def zero_signs_stable(framework: str, form: CallForm, dtype, keywords: dict) -> bool:
    """Whether ``form`` gives f(−0), and f(+0), one sign alone and inside arrays of other lengths."""
    signs = {-0.0: set(), 0.0: set()}
    for n in (1, 2, 3, 8, 17, 64, 1000):
        for zero in signs:
            x = np.full(n, zero, dtype=dtype)
            y = adapter(framework).value(form, x, keywords)
            signs[zero] |= {bool(s) if v == 0 else None for v, s in zip(y.tolist(), np.signbit(y).tolist())}
    return all(len(s) == 1 for s in signs.values())


def agree(x: np.ndarray, got: np.ndarray, want: np.ndarray, dtype, quantity: str, signs: bool = True) -> np.ndarray:
    """The framework's ``got`` agrees with actlib's ``want``, point by point (the rules above); ``signs``:
    whether the sign of f(±0) is compared."""
    close = close_enough(x, got, want, dtype)
    return close & signs_agree(x, got, want) if quantity == "value" and signs else close


def exact(name: str, x: np.ndarray, quantity: str, params: dict) -> np.ndarray:
    """mpmath's f (or f′) at ``x`` rounded to float64 (tests/reference.py)."""
    values, derivs = reference.evaluate(name, x, params)
    return np.array([float(v) for v in (values if quantity == "value" else derivs)])


def describe(x, got, want, bad, limit: int = 6) -> str:
    """The first ``limit`` disagreements: the input (a point, or a lane), the framework's and actlib's result."""
    rows = bad.reshape(len(bad), -1).any(axis=1)
    shown = [f"x={x[i].tolist()!r}: framework {got[i].tolist()!r}, actlib {want[i].tolist()!r}"
             for i in np.flatnonzero(rows)[:limit]]
    return f"{int(rows.sum())} of {len(rows)} inputs disagree: " + "; ".join(shown)
