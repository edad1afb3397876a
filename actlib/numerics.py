"""Numerically stable kernels shared by the activation definitions (plain ndarrays in, out).

None of them overflows, divides by zero or loses relative accuracy for any finite input (two_square:
for |x| < 1e150); NaN goes through unchanged.
"""

import functools

import numpy as np


def sigmoid(x: np.ndarray) -> np.ndarray:
    """σ(x) = 1 / (1 + e^{−x}), from e^{−|x|} ≤ 1 so nothing overflows."""
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(x: np.ndarray) -> np.ndarray:
    """σ′(x) = σ(x)σ(−x) = e^{−|x|} / (1 + e^{−|x|})², accurate in the tails too."""
    e = np.exp(-np.abs(x))
    return e / (1 + e) ** 2


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


def two_square(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(hi, lo) with hi = fl(x²) and hi + lo = x² exactly (Dekker's product, Veltkamp's split of x into
    halves of 26 bits whose products are exact). float64, |x| < 1e150."""
    c = 134217729.0 * x  # 2^27 + 1
    high = c - (c - x)
    low = x - high
    hi = x * x
    return hi, ((high * high - hi) + 2 * high * low) + low * low


_BLOCK = 1 << 14


def in_float64(rule):
    """An elementwise ``rule`` evaluated in float64 on blocks of 2^14 entries (its temporaries then stay in
    cache), each result rounded once to the input's dtype: float16/32 input gets all its digits."""
    @functools.wraps(rule)
    def run(x: np.ndarray) -> np.ndarray:
        x = np.asarray(x)
        flat = x.astype(np.float64, copy=False).ravel()
        out = np.empty(flat.shape, x.dtype)
        for start in range(0, flat.size, _BLOCK):
            out[start:start + _BLOCK] = rule(flat[start:start + _BLOCK])
        return out.reshape(x.shape)

    return run
