"""Seeded toy data for the demonstrations: XOR, the yin-yang (taiji), the spiral, and scikit-learn's offline sets.

Every generator returns ``X`` (float64, one row per point) and integer labels ``y``; the same
seed gives the same data. Nothing is downloaded: moons and circles are generated, and the
digits ship with scikit-learn.

    X, y = xor(200, noise=0.2, seed=0)
    xx, yy, points = grid(X)                  # net.predict_proba(points).reshape(xx.shape)

Every argument is checked before anything is computed: TypeError for a wrong type, ValueError
for a value that is not allowed, each naming the function and the argument. The limits: n from 2
to MAX_POINTS (a million points, 16 MB: toy data, never a memory hog), seed from 0 to
2³² − 1 (scikit-learn's range), noise from 0 to MAX_NOISE (larger noise would overflow the
points), at most MAX_POINTS grid points (steps ≤ 1000).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from sklearn.datasets import load_digits, make_circles, make_moons
from sklearn.model_selection import train_test_split

from .checks import integer, matrix, real
from .core import NONNEGATIVE, Interval

DOT = 0.2             # radius of the yin-yang's two small dots (the big circle has radius 1)
MAX_POINTS = 10**6    # the most points a generator or a grid makes
MAX_NOISE = 1e300     # noise · N(0, 1) stays finite below it
MAX_SEED = 2**32 - 1  # scikit-learn's random_state takes 0 … 2³² − 1
DIGITS, CLASSES = 1797, 10   # scikit-learn's digits: images and classes
TURNS = 1.75          # turns of each arm of the spiral


def _check(who: str, n: int, seed: int, noise: float = 0.0) -> tuple[int, int, float]:
    """n, seed and noise checked: 2 ≤ n ≤ MAX_POINTS, 0 ≤ seed ≤ MAX_SEED, 0 ≤ noise ≤ MAX_NOISE.

    A noise of −0.0 becomes 0.0: numpy's normal() refuses the scale −0.0 as negative.
    """
    n, seed = integer(who, "n", n, 2, MAX_POINTS), integer(who, "seed", seed, 0, MAX_SEED)
    return n, seed, abs(real(who, "noise", noise, Interval(0.0, MAX_NOISE, low_closed=True, high_closed=True)))


def xor(n: int = 200, noise: float = 0.2, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The XOR problem: points around the corners (±1, ±1), class 1 where the signs differ.

    The corners are the truth table of XOR with 0 ↦ −1 and 1 ↦ +1; point i sits at corner
    i mod 4, so the classes are balanced, plus Gaussian noise of standard deviation ``noise``.
    ``xor(4, noise=0)`` is the bare truth table.
    """
    n, seed, noise = _check("xor", n, seed, noise)
    corners = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]])
    which = np.arange(n) % 4
    X = corners[which] + noise * np.random.default_rng(seed).standard_normal((n, 2))
    return X, np.array([0, 1, 1, 0])[which]


def yin_yang_label(X: Any) -> np.ndarray:
    """The class of each point of the unit disk in the taiji figure (X: finite points, shape (rows, 2)).

    Right half 1, left half 0, except the two half-size circles on the y-axis: the upper
    one, centre (0, ½), is class 0 and the lower one, centre (0, −½), class 1 (they make the
    S-shaped border); inside each, a dot of radius DOT has the opposite class. Points outside
    the disk get the label of the same rule.
    """
    X = matrix("yin_yang_label", "X", X, 2)
    return _taiji(X)


def _taiji(X: np.ndarray) -> np.ndarray:
    """yin_yang_label's rule on squared distances, x² + (y ∓ ½)² against ¼ and DOT²: the same few
    correctly rounded operations in any language (the playground's labels equal these bit for bit)."""
    x, above, below = X[:, 0], X[:, 1] - 0.5, X[:, 1] + 0.5
    upper, lower = x * x + above * above, x * x + below * below
    label = np.where(upper < 0.25, 0, np.where(lower < 0.25, 1, x > 0))
    return np.where(upper < DOT * DOT, 1, np.where(lower < DOT * DOT, 0, label)).astype(np.int64)


def yin_yang(n: int = 400, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points drawn uniformly from the unit disk, n/2 of each class of the taiji figure.

    Each class is a teardrop with a dot of the other class in its head, so no straight line
    separates them. Points are drawn uniformly (r = √u, θ = 2πv) and kept until each class
    has its quota.
    """
    n, seed, _ = _check("yin_yang", n, seed)
    rng = np.random.default_rng(seed)
    need = {0: n - n // 2, 1: n // 2}
    parts = []
    while any(need.values()):
        r, theta = np.sqrt(rng.random(2 * n)), 2 * np.pi * rng.random(2 * n)
        points = np.column_stack([r * np.cos(theta), r * np.sin(theta)])
        labels = _taiji(points)
        for c in need:
            take = points[labels == c][:need[c]]
            need[c] -= len(take)
            parts.append((take, np.full(len(take), c)))
    X, y = (np.concatenate(part) for part in zip(*parts))
    order = rng.permutation(n)
    return X[order], y[order]


def spiral(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved Archimedean spirals, one arm per class, plus Gaussian noise of standard deviation ``noise``.

    Point i has class c = i mod 2 (so the classes are balanced) and is the k-th (k = ⌊i/2⌋) of the m_c
    points of its arm. With t = (k + 1)/m_c in (0, 1] it lies at radius r = t and angle
    θ = 2π · TURNS · t + c π: each arm winds TURNS times out to radius 1 (r grows in proportion to θ,
    the Archimedean spiral), and the arm of class 1 is the arm of class 0 turned by half a turn.
    """
    n, seed, noise = _check("spiral", n, seed, noise)
    index = np.arange(n)
    label = index % 2
    t = (index // 2 + 1) / np.where(label == 0, n - n // 2, n // 2)
    theta = 2 * np.pi * TURNS * t + np.pi * label
    X = np.column_stack([t * np.cos(theta), t * np.sin(theta)])
    return X + noise * np.random.default_rng(seed).standard_normal((n, 2)), label.astype(np.int64)


def moons(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles, scikit-learn's ``make_moons``."""
    n, seed, noise = _check("moons", n, seed, noise)
    X, y = make_moons(n_samples=n, noise=noise, random_state=seed)
    return X.astype(np.float64), y.astype(np.int64)


def circles(n: int = 200, noise: float = 0.05, factor: float = 0.5, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A circle (class 0) around a smaller one of radius ``factor`` (class 1), scikit-learn's ``make_circles``."""
    n, seed, noise = _check("circles", n, seed, noise)
    factor = real("circles", "factor", factor, Interval(0.0, 1.0))
    X, y = make_circles(n_samples=n, noise=noise, factor=factor, random_state=seed)
    return X.astype(np.float64), y.astype(np.int64)


def digits(test_size: float = 0.25, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """scikit-learn's 1797 handwritten digits (8×8 pixels, 10 classes), offline.

    Returns ``X_train, X_test, y_train, y_test``: pixels scaled from 0…16 to [0, 1], one image
    per row (64 columns), split with the class shares kept (stratified) by ``seed``. The test set
    gets ⌈test_size · 1797⌉ images, which must leave at least one image of each class on both
    sides: 10 to 1787 images, so 9/1797 < test_size ≤ 1787/1797.
    """
    who = "digits"
    test_size = real(who, "test_size", test_size, Interval(0.0, 1.0))
    seed = integer(who, "seed", seed, 0, MAX_SEED)
    if not CLASSES <= math.ceil(test_size * DIGITS) <= DIGITS - CLASSES:
        raise ValueError(f"{who}: test_size must put {CLASSES} to {DIGITS - CLASSES} of the {DIGITS} images in the "
                         f"test set (at least one of each class on both sides), got {test_size!r}: "
                         f"{math.ceil(test_size * DIGITS)} images")
    images, labels = load_digits(return_X_y=True)
    return tuple(train_test_split(images / 16.0, labels.astype(np.int64), test_size=test_size,
                                  random_state=seed, stratify=labels))


def grid(X: Any, steps: int = 200, pad: float = 0.1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A ``steps`` × ``steps`` grid over the 2-D points X, widened by ``pad`` × their range on each side.

    Returns ``xx, yy`` (for contourf) and ``points`` (steps², 2) to feed a model:
    ``plt.contourf(xx, yy, net.predict_proba(points).reshape(xx.shape))``. X: finite points of
    shape (rows, 2) that spread along both axes; steps from 2 to 1000; pad a finite number ≥ 0.
    """
    who = "grid"
    X = matrix(who, "X", X, 2)
    steps = integer(who, "steps", steps, 2, math.isqrt(MAX_POINTS))
    pad = real(who, "pad", pad, NONNEGATIVE)
    low, high = X.min(axis=0), X.max(axis=0)
    if np.any(high == low):
        axis = "xy"[int(np.argmax(high == low))]
        raise ValueError(f"{who}: X must spread along both axes; all its points have the same {axis}")
    with np.errstate(over="ignore", invalid="ignore"):
        margin = pad * (high - low)
        lows, highs = low - margin, high + margin
        finite_box = np.isfinite([lows, highs, highs - lows]).all()
    if not finite_box:
        raise ValueError(f"{who}: the box around X widened by pad = {pad!r} overflows; X or pad is too large")
    xs, ys = (np.linspace(lo, hi, steps) for lo, hi in zip(lows, highs))
    xx, yy = np.meshgrid(xs, ys)
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])
