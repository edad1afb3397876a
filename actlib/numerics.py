"""Numerically stable kernels shared by the activation definitions (plain ndarrays in, out).

None of them divides by zero or loses relative accuracy for any finite input (two_square: for |x| < 1e150),
and none overflows except logistic, to its limit (see there); NaN goes through unchanged.
"""

import functools

import numpy as np


def sigmoid(x: np.ndarray) -> np.ndarray:
    """σ(x) = e^{min(x, 0)} / (1 + e^{−|x|}): both exponentials ≤ 1, so nothing overflows and σ keeps its
    relative accuracy down to the subnormals (needed where σ is then multiplied by a large x). One exponential
    serves both: e^{min(x, 0)} is e^{−|x|} for x < 0 and 1 otherwise."""
    far, near = _sigmoid_sides(x)
    return pick(x < 0, far, near)


def sigmoid_pair(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(σ(x), σ(−x)), the same numbers as sigmoid(x) and sigmoid(−x), from one exponential."""
    far, near = _sigmoid_sides(x)
    left = x < 0
    return pick(left, far, near), pick(left, near, far)


def _sigmoid_sides(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(σ(−|x|), σ(|x|)) = (e/(1 + e), 1/(1 + e)), e = e^{−|x|}."""
    e = np.abs(x, out=np.empty_like(x))
    np.negative(e, out=e)
    np.exp(e, out=e)
    d = np.add(e, 1, out=np.empty_like(e))
    return np.divide(e, d, out=e), np.divide(1, d, out=d)


def logistic(x: np.ndarray) -> np.ndarray:
    """σ(x) = 1 / (1 + e^{−x}) in one buffer, for a σ that is the final result: far left e^{−x} overflows
    and σ becomes 0 where it is below the smallest normal anyway (the caller ignores that overflow:
    actlib evaluates under np.errstate(over="ignore"))."""
    t = np.negative(x, out=np.empty_like(x))
    np.exp(t, out=t)
    t += 1
    return np.divide(1, t, out=t)


def sigmoid_grad(x: np.ndarray) -> np.ndarray:
    """σ′(x) = σ(x)σ(−x) = e^{−|x|} / (1 + e^{−|x|})², accurate in the tails too."""
    e = np.abs(x, out=np.empty_like(x))
    np.negative(e, out=e)
    np.exp(e, out=e)
    d = np.add(e, 1, out=np.empty_like(e))
    np.square(d, out=d)
    return np.divide(e, d, out=e)


def softplus(x: np.ndarray) -> np.ndarray:
    """log(1 + e^x) = max(x, 0) + log1p(e^{−|x|})."""
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


def finite(x: np.ndarray) -> np.ndarray:
    """±inf replaced by the largest finite value of the dtype (NaN kept).

    For a formula whose value at ±max already equals its limit at ±∞, this avoids the
    inf·0 and inf/inf forms that would otherwise give NaN.
    """
    big = np.finfo(x.dtype).max
    return np.clip(x, -big, big)


def no_minus_inf(x: np.ndarray) -> np.ndarray:
    """max(x, −max): −∞ raised to the most negative finite value, everything else (NaN, +∞) kept. As np.clip
    with an infinite upper bound, the fast path of np.clip (np.maximum with a number is four times slower in
    float32)."""
    return np.clip(x, -np.finfo(x.dtype).max, np.inf)


def finite_where_zero(x: np.ndarray, factor) -> np.ndarray:
    """``x`` with ±inf held at ±max (finite) where ``factor`` is 0, so that factor·x is 0 there, never 0·∞ = NaN,
    and stays ±∞ where factor ≠ 0 (a tiny factor times ±max would not)."""
    if np.ndim(factor) == 0:
        return finite(x) if factor == 0 else x
    return np.where(np.equal(factor, 0), finite(x), x)


def keep_nan(x: np.ndarray, y) -> np.ndarray:
    """``y`` as a new array of x's dtype (shape: x and y broadcast), with NaN wherever x is NaN (a test such as
    x > 0 is False for NaN and would hide it). The NaN positions are looked up only when x has one (x.min() is
    then NaN)."""
    out = np.empty(np.broadcast_shapes(x.shape, np.shape(y)), x.dtype)
    out[...] = y
    if np.isnan(x.min(initial=np.inf)):
        np.copyto(out, x, where=np.isnan(x))
    return out


_SAME_SIZE_INT = {8: np.int64, 4: np.int32, 2: np.int16}
_PICK_BY_BITS_FROM = 4096   # entries: below, np.where's single call is faster


def pick(condition: np.ndarray, if_true, if_false) -> np.ndarray:
    """np.where(condition, if_true, if_false) for floats of one dtype (arrays, or a number as a 0-d array of
    that dtype), by bit operations: b ^ ((a ^ b) & mask), mask all ones where condition. It has no branch per
    element, so a condition that changes at random costs nothing extra (np.where slows down four- to tenfold).
    Operands of two dtypes go to np.where, which promotes them, and so do small arrays, where np.where's
    one call costs less than pick's five."""
    if_true, if_false = np.asarray(if_true), np.asarray(if_false)
    if (if_true.dtype != if_false.dtype or if_true.dtype.itemsize not in _SAME_SIZE_INT
            or max(np.size(condition), if_true.size, if_false.size) < _PICK_BY_BITS_FROM):
        return np.where(condition, if_true, if_false)
    as_int = _SAME_SIZE_INT[if_true.dtype.itemsize]
    mask = np.asarray(condition).astype(as_int)
    np.negative(mask, out=mask)
    shape = np.broadcast_shapes(mask.shape, if_true.shape, if_false.shape)
    bits = np.bitwise_xor(if_true.view(as_int), if_false.view(as_int), out=np.empty(shape, as_int))
    bits &= mask
    bits ^= if_false.view(as_int)
    return bits.view(if_true.dtype)


def select(condition: np.ndarray, if_true: float, if_false: float, dtype) -> np.ndarray:
    """if_true where condition, else if_false, in ``dtype``: a look-up in a two-entry table, which avoids the
    branch per element of np.where."""
    return np.array([if_false, if_true], dtype).take(condition.view(np.int8))


def two_square(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(hi, lo) with hi = fl(x²) and hi + lo = x² exactly (Dekker's product, Veltkamp's split of x into
    halves of 26 bits whose products are exact). float64, |x| < 1e150."""
    c = 134217729.0 * x  # 2^27 + 1
    high = c - (c - x)
    low = x - high
    hi = x * x
    return hi, ((high * high - hi) + 2 * high * low) + low * low


_BLOCK = 1 << 16


def _by_blocks(rule, x: np.ndarray, dtype, params: dict) -> np.ndarray:
    """rule(block, **params) on blocks of 2^16 entries of x (flattened, converted to ``dtype``), each result
    stored in x's dtype and shape."""
    flat = x.astype(dtype, copy=False).ravel()
    out = np.empty(flat.shape, x.dtype)
    for start in range(0, flat.size, _BLOCK):
        out[start:start + _BLOCK] = rule(flat[start:start + _BLOCK], **params)
    return out.reshape(x.shape)


def in_float64(rule, narrow=None):
    """An elementwise ``rule`` evaluated in float64 on blocks of 2^16 entries (its temporaries then stay in
    cache), each result rounded once to the input's dtype: float16/32 input gets all its digits. ``narrow``, if
    given, replaces ``rule`` for float16/32 input, where a shortcut is exact (x² of a float32 x, in float64)."""
    @functools.wraps(rule)
    def run(x: np.ndarray) -> np.ndarray:
        x = np.asarray(x)
        return _by_blocks(rule if narrow is None or x.dtype == np.float64 else narrow, x, np.float64, {})

    return run


def in_blocks(rule):
    """An elementwise ``rule`` evaluated in the input's dtype on blocks of 2^16 entries, so that the temporaries
    of a formula of many steps stay in cache (about twice as fast on 10⁶ float64 entries); all at once when a
    parameter is an array (it broadcasts against x)."""
    @functools.wraps(rule)
    def run(x: np.ndarray, **params) -> np.ndarray:
        x = np.asarray(x)
        if any(np.ndim(value) for value in params.values()):
            return rule(x, **params)
        return _by_blocks(rule, x, x.dtype, params)

    return run
