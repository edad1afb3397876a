"""actlib.data, the seeded toy data of the demonstrations.

Reference values come from the geometry of each set (the XOR truth table, the taiji figure,
the circles of scikit-learn's moons and circles), never from actlib itself.
"""

import math
import socket

import numpy as np
import pytest
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

from actlib import data
from raising import raises

GENERATORS = {
    "xor": lambda n, seed: data.xor(n, seed=seed),
    "yin_yang": lambda n, seed: data.yin_yang(n, seed=seed),
    "moons": lambda n, seed: data.moons(n, seed=seed),
    "circles": lambda n, seed: data.circles(n, seed=seed),
    "spiral": lambda n, seed: data.spiral(n, seed=seed),
}


# --------------------------------------------------------------------------- every generator


@pytest.mark.parametrize("which", list(GENERATORS))
@pytest.mark.parametrize("n", [2, 9, 200])
def test_shapes_dtypes_and_balance(which, n):
    X, y = GENERATORS[which](n, 0)
    assert X.shape == (n, 2) and X.dtype == np.float64
    assert y.shape == (n,) and y.dtype == np.int64
    assert set(np.unique(y)) == {0, 1}
    assert abs(int(np.sum(y == 1)) - int(np.sum(y == 0))) <= n % 2
    assert np.all(np.isfinite(X))


@pytest.mark.parametrize("which", list(GENERATORS))
def test_the_seed_fixes_the_data(which):
    X1, y1 = GENERATORS[which](100, 3)
    X2, y2 = GENERATORS[which](100, 3)
    X3, _ = GENERATORS[which](100, 4)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3)


# --------------------------------------------------------------------------- XOR


def test_xor_without_noise_is_the_truth_table():
    X, y = data.xor(4, noise=0.0)
    bits = (X + 1) / 2                                    # −1 ↦ 0, +1 ↦ 1
    assert set(map(tuple, bits.tolist())) == {(0, 0), (0, 1), (1, 0), (1, 1)}
    np.testing.assert_array_equal(y, np.logical_xor(bits[:, 0], bits[:, 1]))


def test_xor_labels_follow_the_quadrant():
    X, y = data.xor(400, noise=0.2, seed=1)               # 0.2 noise never crosses an axis here
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] < 0).astype(int))
    corners = np.sign(X)
    assert abs(np.std(X - corners) - 0.2) < 0.02         # the noise has the requested spread
    assert np.array_equal(np.bincount(y), [200, 200])


# --------------------------------------------------------------------------- yin-yang


@pytest.mark.parametrize("point, label", [
    ((0.0, 0.5), 1),     # centre of the dot in the upper head: the opposite class of its head
    ((0.0, -0.5), 0),    # centre of the dot in the lower head
    ((0.0, 0.6), 1),     # still inside the upper dot (radius 0.2)
    ((0.0, 0.8), 0),     # upper head (radius 0.5 around (0, 0.5)) outside its dot
    ((0.3, 0.5), 0),     # upper head reaches into the right half
    ((0.0, -0.8), 1),    # lower head outside its dot
    ((-0.3, -0.5), 1),   # lower head reaches into the left half
    ((0.9, 0.0), 1),     # right half, outside both heads
    ((-0.9, 0.0), 0),    # left half, outside both heads
    ((0.6, 0.6), 1),     # right half, outside the upper head: hypot(0.6, 0.1) > 0.5
    ((-0.6, -0.6), 0),
])
def test_yin_yang_labels_at_known_points(point, label):
    assert data.yin_yang_label(np.array([point])).tolist() == [label]


def test_yin_yang_is_antisymmetric():
    """Turning the taiji by half a turn swaps the classes: label(−p) = 1 − label(p)."""
    rng = np.random.default_rng(0)
    P = rng.uniform(-1, 1, (20000, 2))
    P = P[np.hypot(*P.T) < 1]
    np.testing.assert_array_equal(data.yin_yang_label(-P), 1 - data.yin_yang_label(P))


def test_yin_yang_classes_have_equal_areas():
    """Each class is half the disk: the heads and the dots trade equal areas."""
    s = np.linspace(-1, 1, 801)
    xx, yy = np.meshgrid(s, s)
    inside = np.hypot(xx, yy) < 1
    labels = data.yin_yang_label(np.column_stack([xx[inside], yy[inside]]))
    assert abs(labels.mean() - 0.5) < 0.002


def test_yin_yang_points_lie_in_the_disk_and_carry_their_labels():
    X, y = data.yin_yang(500, seed=2)
    assert np.all(np.hypot(X[:, 0], X[:, 1]) <= 1)
    np.testing.assert_array_equal(y, data.yin_yang_label(X))
    assert np.bincount(y).tolist() == [250, 250]
    # uniform over the disk: about a quarter per quadrant, and half inside radius 1/√2
    quadrant = 2 * (X[:, 0] > 0) + (X[:, 1] > 0)
    assert np.all(np.abs(np.bincount(quadrant, minlength=4) / 500 - 0.25) < 0.06)
    assert abs(np.mean(np.hypot(X[:, 0], X[:, 1]) < math.sqrt(0.5)) - 0.5) < 0.07
    # and the shuffled classes are not sorted
    assert 0 < np.mean(y[:250]) < 1


def test_yin_yang_odd_size():
    _, y = data.yin_yang(401, seed=0)
    assert np.bincount(y).tolist() == [201, 200]


# --------------------------------------------------------------------------- moons, circles


def test_moons_lie_on_two_unit_half_circles():
    X, y = data.moons(100, noise=0.0, seed=0)
    np.testing.assert_allclose(np.hypot(X[y == 0, 0], X[y == 0, 1]), 1)
    np.testing.assert_allclose(np.hypot(X[y == 1, 0] - 1, X[y == 1, 1] - 0.5), 1)
    assert np.all(X[y == 0, 1] >= -1e-12) and np.all(X[y == 1, 1] <= 0.5 + 1e-12)


def test_circles_radii():
    X, y = data.circles(100, noise=0.0, factor=0.3, seed=0)
    r = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(r[y == 0], 1)
    np.testing.assert_allclose(r[y == 1], 0.3)


# --------------------------------------------------------------------------- spiral


@pytest.mark.parametrize("n", [2, 3, 9, 200])
def test_spiral_arms_are_archimedean(n):
    """Without noise each point lies on r = θ / (2π · 1.75) of its arm, evenly spaced out to r = 1."""
    X, y = data.spiral(n, noise=0.0)
    r, angle = np.hypot(X[:, 0], X[:, 1]), np.arctan2(X[:, 1], X[:, 0])
    for c, count in ((0, n - n // 2), (1, n // 2)):
        np.testing.assert_allclose(r[y == c], np.arange(1, count + 1) / count, rtol=1e-12)
        # the angle, unwrapped: 3.5π r, plus π on the arm of class 1
        turn = (angle[y == c] - 3.5 * math.pi * r[y == c] - c * math.pi) / (2 * math.pi)
        np.testing.assert_allclose(turn, np.round(turn), atol=1e-12)
    np.testing.assert_array_equal(y, np.arange(n) % 2)


def test_spiral_arms_are_a_half_turn_apart():
    X, y = data.spiral(100, noise=0.0)
    np.testing.assert_allclose(X[y == 1], -X[y == 0], atol=1e-15)


def test_spiral_noise_has_the_requested_spread():
    clean, _ = data.spiral(4000, noise=0.0)
    noisy, _ = data.spiral(4000, noise=0.1, seed=5)
    assert abs(np.std(noisy - clean) - 0.1) < 0.005
    assert abs(np.mean(noisy - clean)) < 0.005


# --------------------------------------------------------------------------- digits


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails: the data must come from disk."""
    def refuse(*args, **kwargs):
        raise OSError("network access attempted in an offline test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_digits_load_offline(no_network):
    X_train, X_test, y_train, y_test = data.digits(test_size=0.25, seed=0)
    assert len(X_train) + len(X_test) == 1797
    assert len(X_test) == math.ceil(0.25 * 1797)
    assert X_train.shape[1] == X_test.shape[1] == 64
    assert X_train.min() == 0.0 and X_train.max() == 1.0              # 0 … 16 scaled by 1/16
    assert np.all(np.isin(np.round(X_train * 16, 9), np.arange(17)))
    assert y_train.dtype == np.int64 and set(y_train) == set(y_test) == set(range(10))
    # stratified: each class keeps its share in the test set (within one image)
    counts = np.bincount(np.concatenate([y_train, y_test]), minlength=10)
    assert np.all(np.abs(np.bincount(y_test, minlength=10) - counts * len(X_test) / 1797) <= 1)


def test_digits_split_is_seeded(no_network):
    a = data.digits(seed=1)
    b = data.digits(seed=1)
    c = data.digits(seed=2)
    assert all(np.array_equal(p, q) for p, q in zip(a, b))
    assert not np.array_equal(a[3], c[3])


# --------------------------------------------------------------------------- grid


def test_grid_covers_the_padded_box():
    X = np.array([[0.0, -1.0], [2.0, 3.0], [1.0, 0.0]])
    xx, yy, points = data.grid(X, steps=5, pad=0.1)
    assert xx.shape == yy.shape == (5, 5) and points.shape == (25, 2)
    # x from 0 − 0.1·2 to 2 + 0.1·2, y from −1 − 0.1·4 to 3 + 0.1·4, five steps each
    np.testing.assert_allclose(xx[0], [-0.2, 0.4, 1.0, 1.6, 2.2])
    np.testing.assert_allclose(yy[:, 0], [-1.4, -0.2, 1.0, 2.2, 3.4])
    np.testing.assert_array_equal(points[:, 0], xx.ravel())
    np.testing.assert_array_equal(points[:, 1], yy.ravel())
    # a model's values on the points reshape back onto the grid
    np.testing.assert_array_equal((points[:, 0] + points[:, 1]).reshape(xx.shape), xx + yy)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("call, error, words", [
    (lambda: data.xor(1), ValueError, ["xor", "n must be an integer from 2 to 1000000, got 1"]),
    (lambda: data.yin_yang(0), ValueError, ["yin_yang", "n"]),
    (lambda: data.moons(10**12), ValueError, ["moons", "n", "1000000"]),      # refused, never allocated
    (lambda: data.circles(data.MAX_POINTS + 1), ValueError, ["circles", "n"]),
    (lambda: data.xor(10.0), TypeError, ["xor", "n must be an int, got float"]),
    (lambda: data.xor("10"), TypeError, ["xor", "n must be an int, got str"]),
    (lambda: data.xor(True), TypeError, ["xor", "n", "bool"]),
    (lambda: data.yin_yang(10, seed=1.5), TypeError, ["yin_yang", "seed must be an int"]),
    (lambda: data.moons(10, seed=None), TypeError, ["moons", "seed must be an int"]),
    (lambda: data.xor(10, seed=-1), ValueError, ["xor", "seed"]),
    (lambda: data.moons(10, seed=2**32), ValueError, ["moons", "seed", "4294967295"]),
    (lambda: data.xor(10, noise=-0.1), ValueError, ["xor", "noise must lie in [0, 1e+300]"]),
    (lambda: data.xor(10, noise=math.nan), ValueError, ["xor", "noise"]),
    (lambda: data.moons(10, noise=math.inf), ValueError, ["moons", "noise"]),
    (lambda: data.circles(10, noise=1e301), ValueError, ["circles", "noise"]),
    (lambda: data.xor(10, noise="0.1"), TypeError, ["xor", "noise must be a real number, got str"]),
    (lambda: data.xor(10, noise=False), TypeError, ["xor", "noise", "bool"]),
    (lambda: data.spiral(1), ValueError, ["spiral", "n must be an integer from 2 to 1000000, got 1"]),
    (lambda: data.spiral(10, noise=-1.0), ValueError, ["spiral", "noise must lie in [0, 1e+300]"]),
    (lambda: data.spiral(10, seed=2**32), ValueError, ["spiral", "seed", "4294967295"]),
    (lambda: data.spiral(10.0), TypeError, ["spiral", "n must be an int, got float"]),
    (lambda: data.spiral(10, noise="0.1"), TypeError, ["spiral", "noise must be a real number, got str"]),
    (lambda: data.circles(10, factor=1.0), ValueError, ["circles", "factor must lie in (0, 1)"]),
    (lambda: data.circles(10, factor=math.nan), ValueError, ["circles", "factor"]),
    (lambda: data.circles(10, factor=True), TypeError, ["circles", "factor", "bool"]),
    (lambda: data.circles(10, factor="0.5"), TypeError, ["circles", "factor", "str"]),
    (lambda: data.digits(test_size=0.0), ValueError, ["digits", "test_size"]),
    (lambda: data.digits(test_size=1), ValueError, ["digits", "test_size"]),
    (lambda: data.digits(test_size=0.001), ValueError, ["digits", "test_size", "10 to 1787"]),
    (lambda: data.digits(test_size="0.2"), TypeError, ["digits", "test_size"]),
    (lambda: data.digits(seed=2.0), TypeError, ["digits", "seed"]),
    (lambda: data.digits(seed=2**32), ValueError, ["digits", "seed"]),
    (lambda: data.grid(np.zeros((4, 3))), ValueError, ["grid", "X", "shape (rows, 2)"]),
    (lambda: data.grid(np.zeros((0, 2))), ValueError, ["grid", "X", "at least one row"]),
    (lambda: data.grid([[0.0, 1.0], [math.nan, 2.0]]), ValueError, ["grid", "X", "finite", "row 1"]),
    (lambda: data.grid([[0.0, 1.0], [1.0, 1.0]]), ValueError, ["grid", "X", "same y"]),
    (lambda: data.grid(np.eye(2), steps=1), ValueError, ["grid", "steps must be an integer from 2 to 1000"]),
    (lambda: data.grid(np.eye(2), steps=10**6), ValueError, ["grid", "steps"]),
    (lambda: data.grid(np.eye(2), steps=5.0), TypeError, ["grid", "steps", "float"]),
    (lambda: data.grid(np.eye(2), pad=-0.5), ValueError, ["grid", "pad"]),
    (lambda: data.grid(np.eye(2), pad=math.inf), ValueError, ["grid", "pad"]),
    (lambda: data.grid(np.eye(2), pad="0.1"), TypeError, ["grid", "pad", "str"]),
    (lambda: data.grid(np.eye(2) * 1e307, pad=100.0), ValueError, ["grid", "pad", "overflows"]),
    (lambda: data.grid("points"), TypeError, ["grid", "X", "str"]),
    (lambda: data.yin_yang_label([[0.0, math.inf]]), ValueError, ["yin_yang_label", "X", "row 0"]),
    (lambda: data.yin_yang_label([0.0, 0.5]), ValueError, ["yin_yang_label", "X", "shape (rows, 2)"]),
    (lambda: data.yin_yang_label(None), TypeError, ["yin_yang_label", "X"]),
])
def test_bad_input(call, error, words):
    with raises(error, *words):
        call()


def test_numpy_numbers_are_valid_input():
    X, _ = data.xor(np.int64(8), noise=np.float32(0.1), seed=np.int32(1))
    assert X.shape == (8, 2)
    X, y = data.circles(np.uint16(20), factor=np.float32(0.25), noise=0.0, seed=np.uint8(3))
    np.testing.assert_allclose(np.hypot(*X[y == 1].T), 0.25, rtol=1e-7)


def test_the_limits_themselves_are_valid():
    X, y = data.xor(data.MAX_POINTS, seed=data.MAX_SEED)
    assert X.shape == (data.MAX_POINTS, 2) and np.all(np.isfinite(X))
    X, _ = data.xor(8, noise=data.MAX_NOISE, seed=0)
    assert np.all(np.isfinite(X))
    xx, _, points = data.grid(np.eye(2), steps=1000)
    assert xx.shape == (1000, 1000) and len(points) == data.MAX_POINTS


def test_digits_test_size_limits_are_scikit_learns():
    """The stratified split needs one image of each of the 10 classes on both sides; scikit-learn
    itself refuses just beyond the limits that digits states."""
    images, labels = load_digits(return_X_y=True)
    for inside, outside in ((10 / 1797, 9 / 1797), (1787 / 1797, 1788 / 1797)):
        X_train, X_test, _, _ = data.digits(test_size=inside)
        assert len(X_test) == math.ceil(inside * 1797) and len(X_train) + len(X_test) == 1797
        with pytest.raises(ValueError, match="number of classes"):
            train_test_split(images, labels, test_size=outside, stratify=labels, random_state=0)
        with raises(ValueError, "digits", "test_size"):
            data.digits(test_size=outside)


def test_labels_are_not_made_up_for_non_finite_points():
    """NaN used to be labelled 0 without a word."""
    with raises(ValueError, "yin_yang_label", "row 1"):
        data.yin_yang_label(np.array([[0.1, 0.1], [math.nan, 0.0]]))


def test_grid_leaves_its_points_alone():
    X = np.array([[0.0, -1.0], [2.0, 3.0]])
    kept = X.copy()
    data.grid(X, steps=3)
    data.yin_yang_label(X)
    np.testing.assert_array_equal(X, kept)
