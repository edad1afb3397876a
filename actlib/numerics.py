"""Numerically stable kernels shared by the activation definitions (plain ndarrays in, out).

None of them overflows, divides by zero or loses relative accuracy for any finite input;
NaN goes through unchanged.
"""

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
