"""Seeded toy data for the demonstrations: XOR, the yin-yang (taiji), and scikit-learn's offline sets.

Every generator returns ``X`` (float64, one row per point) and integer labels ``y``; the same
seed gives the same data. Nothing is downloaded: moons and circles are generated, and the
digits ship with scikit-learn.

    X, y = xor(200, noise=0.2, seed=0)
    xx, yy, points = grid(X)                  # net.predict_proba(points).reshape(xx.shape)
"""

from __future__ import annotations

import numbers

import numpy as np
from sklearn.datasets import load_digits, make_circles, make_moons
from sklearn.model_selection import train_test_split

from .core import as_real_array

DOT = 0.2  # radius of the yin-yang's two small dots (the big circle has radius 1)


def _check(n: int, seed: int, noise: float = 0.0) -> None:
    for name, value in (("n", n), ("seed", seed)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if n < 2:
        raise ValueError(f"n must be at least 2 (one point per class), got {n}")
    if isinstance(noise, (bool, np.bool_)) or not isinstance(noise, numbers.Real):
        raise TypeError(f"noise must be a real number, got {type(noise).__name__}")
    if not 0 <= noise < np.inf:
        raise ValueError(f"noise must be a finite number ≥ 0, got {noise!r}")


def xor(n: int = 200, noise: float = 0.2, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The XOR problem: points around the corners (±1, ±1), class 1 where the signs differ.

    The corners are the truth table of XOR with 0 ↦ −1 and 1 ↦ +1; point i sits at corner
    i mod 4, so the classes are balanced, plus Gaussian noise of standard deviation ``noise``.
    ``xor(4, noise=0)`` is the bare truth table.
    """
    _check(n, seed, noise)
    corners = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]])
    which = np.arange(n) % 4
    X = corners[which] + noise * np.random.default_rng(seed).standard_normal((n, 2))
    return X, np.array([0, 1, 1, 0])[which]


def yin_yang_label(X: np.ndarray) -> np.ndarray:
    """The class of each point of the unit disk in the taiji figure.

    Right half 1, left half 0, except the two half-size circles on the y-axis: the upper
    one, centre (0, ½), is class 0 and the lower one, centre (0, −½), class 1 (they make the
    S-shaped border); inside each, a dot of radius DOT has the opposite class.
    """
    upper = np.hypot(X[:, 0], X[:, 1] - 0.5)
    lower = np.hypot(X[:, 0], X[:, 1] + 0.5)
    label = np.where(upper < 0.5, 0, np.where(lower < 0.5, 1, X[:, 0] > 0))
    return np.where(upper < DOT, 1, np.where(lower < DOT, 0, label)).astype(np.int64)


def yin_yang(n: int = 400, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points drawn uniformly from the unit disk, n/2 of each class of the taiji figure.

    Each class is a teardrop with a dot of the other class in its head, so no straight line
    separates them. Points are drawn uniformly (r = √u, θ = 2πv) and kept until each class
    has its quota.
    """
    _check(n, seed)
    rng = np.random.default_rng(seed)
    need = {0: n - n // 2, 1: n // 2}
    parts = []
    while any(need.values()):
        r, theta = np.sqrt(rng.random(2 * n)), 2 * np.pi * rng.random(2 * n)
        points = np.column_stack([r * np.cos(theta), r * np.sin(theta)])
        labels = yin_yang_label(points)
        for c in need:
            take = points[labels == c][:need[c]]
            need[c] -= len(take)
            parts.append((take, np.full(len(take), c)))
    X, y = (np.concatenate(part) for part in zip(*parts))
    order = rng.permutation(n)
    return X[order], y[order]


def moons(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles, scikit-learn's ``make_moons``."""
    _check(n, seed, noise)
    X, y = make_moons(n_samples=n, noise=noise, random_state=seed)
    return X.astype(np.float64), y.astype(np.int64)


def circles(n: int = 200, noise: float = 0.05, factor: float = 0.5, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A circle (class 0) around a smaller one of radius ``factor`` (class 1), scikit-learn's ``make_circles``."""
    _check(n, seed, noise)
    if not (isinstance(factor, (int, float)) and 0 < factor < 1):
        raise ValueError(f"factor must lie in (0, 1), got {factor!r}")
    X, y = make_circles(n_samples=n, noise=noise, factor=factor, random_state=seed)
    return X.astype(np.float64), y.astype(np.int64)


def digits(test_size: float = 0.25, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """scikit-learn's 1797 handwritten digits (8×8 pixels, 10 classes), offline.

    Returns ``X_train, X_test, y_train, y_test``: pixels scaled from 0…16 to [0, 1], one image
    per row (64 columns), split with the class shares kept (stratified) by ``seed``.
    """
    _check(2, seed)
    if not (isinstance(test_size, float) and 0 < test_size < 1):
        raise ValueError(f"test_size must be a float in (0, 1), got {test_size!r}")
    images, labels = load_digits(return_X_y=True)
    return tuple(train_test_split(images / 16.0, labels.astype(np.int64), test_size=test_size,
                                  random_state=seed, stratify=labels))


def grid(X: np.ndarray, steps: int = 200, pad: float = 0.1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A ``steps`` × ``steps`` grid over the 2-D points X, widened by ``pad`` × their range on each side.

    Returns ``xx, yy`` (for contourf) and ``points`` (steps², 2) to feed a model:
    ``plt.contourf(xx, yy, net.predict_proba(points).reshape(xx.shape))``.
    """
    X = as_real_array(X, "grid").astype(np.float64)
    if X.ndim != 2 or X.shape[1] != 2 or len(X) == 0:
        raise ValueError(f"grid: X must hold 2-D points, shape (n, 2); got {X.shape}")
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 2:
        raise ValueError(f"grid: steps must be an integer ≥ 2, got {steps!r}")
    low, high = X.min(axis=0), X.max(axis=0)
    margin = pad * (high - low)
    xs, ys = (np.linspace(lo, hi, steps) for lo, hi in zip(low - margin, high + margin))
    xx, yy = np.meshgrid(xs, ys)
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])
