"""Where exp, the sigmoid and softplus run out of a floating-point format (float16, bfloat16, float32, float64).

    from actlib import precision
    precision.exp_overflow("float16")          # the largest x with a finite exp(x)
    precision.sigmoid_saturation("bfloat16")   # the smallest x with σ(x) = 1 exactly
    precision.boundary(test, "float32", low, high)   # the search every threshold uses

Every threshold is found by bisection over the format's representable numbers, in their order (the
bit patterns read as sign and magnitude), never from a formula. A value "in a format" is the correctly
rounded one, as a kernel that computes in a wider type and rounds its result returns: exp(x) is
evaluated in float64 at the value x (converted exactly) and rounded once to the format (for float64
itself it is NumPy's exp); where a function closes in on a limit (σ(x) → 1, softplus(x) → x) its distance
from the limit (σ(−x), softplus(−x)) is compared with half the gap to the neighbouring number, which is
exact in float64 too. bfloat16 is the ml_dtypes package's, imported when it is first asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from . import numerics

FORMATS = ("float16", "bfloat16", "float32", "float64")


def float_format(dtype: Any, who: str = "float_format") -> np.dtype:
    """The NumPy dtype of ``dtype``, one of :data:`FORMATS` given by name or as a type or dtype; anything
    else raises (TypeError for what is no dtype at all, ValueError for another dtype), naming ``who``."""
    if isinstance(dtype, str) and dtype == "bfloat16":
        import ml_dtypes

        return np.dtype(ml_dtypes.bfloat16)
    try:
        if dtype is None:                      # np.dtype(None) would be float64
            raise TypeError
        resolved = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"{who}: dtype must be one of {', '.join(FORMATS)} (a name, a type or a dtype), "
                        f"got {type(dtype).__name__} {dtype!r:.40}") from None
    if resolved.name not in FORMATS:
        raise ValueError(f"{who}: dtype must be one of {', '.join(FORMATS)}, got {resolved.name}")
    return resolved


def _holds(x: Any, dtype: np.dtype) -> bool:
    """x is a finite number that ``dtype`` represents exactly."""
    with np.errstate(over="ignore"):
        return bool(np.isfinite(float(x)) and float(np.asarray(x, dtype)) == float(x))


def rounded(f: Callable[[np.ndarray], Any], x: Any, dtype: Any) -> np.ndarray:
    """f(x) rounded once to ``dtype``: f evaluated in float64 at x (a value of the format), overflow to ±∞
    and underflow to 0 allowed."""
    dtype = float_format(dtype, "rounded")
    with np.errstate(over="ignore", under="ignore"):
        return np.asarray(f(np.asarray(x, dtype).astype(np.float64))).astype(dtype)


def _sign_bit(dtype: np.dtype) -> int:
    return 1 << (8 * dtype.itemsize - 1)


def _key(x: Any, dtype: np.dtype) -> int:
    """The place of the value x in the format's order: its bit pattern for x ≥ 0, minus its magnitude's
    bit pattern for x < 0 (so −0 and +0 share the place 0)."""
    bits = int(np.asarray(x, dtype).view(f"u{dtype.itemsize}"))
    return -(bits - _sign_bit(dtype)) if bits >= _sign_bit(dtype) else bits


def _value(key: int, dtype: np.dtype) -> float:
    bits = key if key >= 0 else -key + _sign_bit(dtype)
    return float(np.asarray(bits, f"u{dtype.itemsize}").view(dtype))


def neighbour(x: Any, dtype: Any, steps: int = 1) -> float:
    """The representable number ``steps`` places above x in ``dtype`` (below for steps < 0); past the
    largest finite number comes ∞. x must be a finite value of the format."""
    dtype = float_format(dtype, "neighbour")
    if not _holds(x, dtype):
        raise ValueError(f"neighbour: x must be a finite value of {dtype.name}, got {x!r:.40}")
    return _value(_key(x, dtype) + steps, dtype)


def boundary(test: Callable[[float], Any], dtype: Any, low: float, high: float) -> tuple[float, float]:
    """(last, first): the neighbouring values of ``dtype`` where a monotone ``test`` turns from false to
    true, found by bisection over the representable numbers between ``low`` (test false) and ``high``
    (test true), both values of the format."""
    dtype = float_format(dtype, "boundary")
    for name, end, want in (("low", low, False), ("high", high, True)):
        if not _holds(end, dtype):
            raise ValueError(f"boundary: {name} must be a value of {dtype.name}, got {end!r:.40}")
        if bool(test(float(end))) != want:
            raise ValueError(f"boundary: test({name}) must be {want} (test false at low, true at high), "
                             f"got {not want} at {name} = {end!r:.40}")
    below, above = _key(low, dtype), _key(high, dtype)
    if below >= above:
        raise ValueError(f"boundary: low must be below high, got low = {low!r:.40}, high = {high!r:.40}")
    while above - below > 1:
        middle = (below + above) // 2
        if test(_value(middle, dtype)):
            above = middle
        else:
            below = middle
    return _value(below, dtype), _value(above, dtype)


def _largest(dtype: np.dtype) -> float:
    return float(np.finfo(dtype).max)


def exp_overflow(dtype: Any) -> float:
    """The largest x of ``dtype`` whose exp(x) is finite (the next one gives ∞): about log(max)."""
    dtype = float_format(dtype, "exp_overflow")
    return boundary(lambda x: np.isinf(rounded(np.exp, x, dtype)), dtype, 0.0, _largest(dtype))[0]


def exp_subnormal(dtype: Any) -> float:
    """The smallest x of ``dtype`` whose exp(x) is a normal number (≥ the smallest normal, tiny); below it
    exp(x) is subnormal, with fewer significant bits, and further down 0."""
    dtype = float_format(dtype, "exp_subnormal")
    tiny = np.finfo(dtype).tiny
    return boundary(lambda x: rounded(np.exp, x, dtype) >= tiny, dtype, -_largest(dtype), 0.0)[1]


def exp_underflow(dtype: Any) -> float:
    """The smallest x of ``dtype`` whose exp(x) is not 0; below it exp(x) rounds to 0."""
    dtype = float_format(dtype, "exp_underflow")
    return boundary(lambda x: rounded(np.exp, x, dtype) > 0, dtype, -_largest(dtype), 0.0)[1]


def _half_gap(x: float, dtype: np.dtype, steps: int) -> float:
    """Half the gap between x and its neighbour ``steps`` (±1) places away: a number closer to x than that
    rounds to x."""
    return abs(neighbour(x, dtype, steps) - x) / 2


def sigmoid_saturation(dtype: Any) -> float:
    """The smallest x of ``dtype`` whose σ(x) = 1/(1 + e^{−x}) rounds to 1 exactly: where 1 − σ(x) = σ(−x)
    is below half the gap between 1 and the number under it."""
    dtype = float_format(dtype, "sigmoid_saturation")
    gap = _half_gap(1.0, dtype, -1)
    return boundary(lambda x: numerics.sigmoid(np.float64(-x)) < gap, dtype, 0.0, _largest(dtype))[1]


def sigmoid_underflow(dtype: Any) -> float:
    """The smallest x of ``dtype`` whose σ(x) is not 0; below it σ(x) ≈ e^x rounds to 0."""
    dtype = float_format(dtype, "sigmoid_underflow")
    return boundary(lambda x: rounded(numerics.sigmoid, x, dtype) > 0, dtype, -_largest(dtype), 0.0)[1]


def softplus_identity(dtype: Any) -> float:
    """The smallest x > 0 of ``dtype`` whose softplus(x) = log(1 + e^x) rounds to x exactly: where
    softplus(x) − x = softplus(−x) ≈ e^{−x} is below half the gap between x and the number above it."""
    dtype = float_format(dtype, "softplus_identity")
    return boundary(lambda x: numerics.softplus(np.float64(-x)) < _half_gap(x, dtype, 1), dtype, 0.0,
                    _largest(dtype))[1]


def exact_integer_limit(dtype: Any) -> int:
    """The largest N such that ``dtype`` holds every integer 0, 1, …, N exactly: the first number whose
    gap to the next representable one exceeds 1 (2^p for a format with p significant bits; N + 1 is not
    representable)."""
    dtype = float_format(dtype, "exact_integer_limit")
    return int(boundary(lambda x: neighbour(x, dtype) - x > 1, dtype, 1.0, _largest(dtype))[1])
