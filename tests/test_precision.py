"""actlib.precision: every threshold against derivations that share nothing with its bisection.

- mpmath at 50 digits: the exact value f(t) at the threshold t and at its neighbour lie on either side
  of the rounding midpoint the threshold is about (max + ulp/2 for overflow, half the smallest
  subnormal for underflow, …), the neighbours taken from np.nextafter or from the format's full list;
- every value of float16 and bfloat16, listed from their 65 536 bit patterns and sorted: the predicate
  evaluated on all of them in float64 (another formula), the boundary read off the list;
- the format's own arithmetic (NumPy's float16, float32 and float64 exp, ml_dtypes's bfloat16 exp): finite at the
  overflow threshold and ∞ one step further, 0 one step below the underflow threshold;
- published values: every integer up to 2048 in float16, 256 in bfloat16, 2^24 in float32, 2^53 in float64.
"""

import subprocess
import sys

import ml_dtypes
import numpy as np
import pytest
from mpmath import mp, mpf

from actlib import precision
from raising import raises

mp.dps = 50

FORMATS = {"float16": np.dtype(np.float16), "bfloat16": np.dtype(ml_dtypes.bfloat16),
           "float32": np.dtype(np.float32), "float64": np.dtype(np.float64)}
NARROW = ["float16", "bfloat16", "float32"]     # the formats whose values come from float64 evaluation
SIXTEEN_BITS = ["float16", "bfloat16"]


def every_value(fmt):
    """All finite values of a 16-bit format, sorted, −0 dropped: from its 65 536 bit patterns."""
    values = np.arange(2 ** 16, dtype=np.uint16).view(FORMATS[fmt])
    return np.unique(values[np.isfinite(values)].astype(np.float64))


def step(x, fmt, direction):
    """The next value of the format after x, towards +∞ (direction 1) or −∞ (−1)."""
    if fmt in SIXTEEN_BITS:
        values = every_value(fmt)
        i = np.searchsorted(values, x)
        assert values[i] == x
        return float(values[i + direction])
    dtype = FORMATS[fmt].type
    return float(np.nextafter(dtype(x), dtype(np.inf * direction)))


def info(fmt):
    return ml_dtypes.finfo(FORMATS[fmt])


def sigmoid(x):
    return 1 / (1 + mp.exp(-mpf(x)))


def softplus(x):
    return mp.log1p(mp.exp(mpf(x)))


# --------------------------------------------------------------------------- mpmath: the rounding midpoints
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_exp_overflow_is_where_exp_passes_max_plus_half_an_ulp(fmt):
    t = precision.exp_overflow(fmt)
    big = mpf(float(info(fmt).max))
    midpoint = big + (big - mpf(step(float(info(fmt).max), fmt, -1))) / 2    # from here on, ∞
    assert mp.exp(t) < midpoint <= mp.exp(step(t, fmt, 1))
    assert abs(t - float(mp.log(big))) <= step(t, fmt, 1) - t           # log(max), to within one step


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_exp_underflow_is_where_exp_passes_half_the_smallest_subnormal(fmt):
    u = precision.exp_underflow(fmt)
    midpoint = mpf(float(info(fmt).smallest_subnormal)) / 2                   # ties go to 0 (even)
    assert mp.exp(step(u, fmt, -1)) <= midpoint < mp.exp(u)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_exp_subnormal_is_where_exp_reaches_the_smallest_normal(fmt):
    s = precision.exp_subnormal(fmt)
    tiny, sub = mpf(float(info(fmt).tiny)), mpf(float(info(fmt).smallest_subnormal))
    midpoint = tiny - sub / 2                 # between the largest subnormal and tiny; a tie goes to tiny
    assert mp.exp(step(s, fmt, -1)) < midpoint <= mp.exp(s)
    assert abs(s - float(mp.log(tiny))) <= s - step(s, fmt, -1)        # log(tiny), to within one step


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_sigmoid_saturation_is_where_sigma_rounds_to_one(fmt):
    t = precision.sigmoid_saturation(fmt)
    midpoint = 1 - (1 - mpf(step(1.0, fmt, -1))) / 2          # between 1 − epsneg and 1; a tie goes to 1
    assert sigmoid(step(t, fmt, -1)) < midpoint <= sigmoid(t)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_sigmoid_underflow_is_where_sigma_passes_half_the_smallest_subnormal(fmt):
    u = precision.sigmoid_underflow(fmt)
    midpoint = mpf(float(info(fmt).smallest_subnormal)) / 2
    assert sigmoid(step(u, fmt, -1)) <= midpoint < sigmoid(u)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_softplus_identity_is_where_softplus_rounds_to_x(fmt):
    t = precision.softplus_identity(fmt)
    below = step(t, fmt, -1)
    assert softplus(t) < t + (mpf(step(t, fmt, 1)) - t) / 2                  # rounds down to t
    assert softplus(below) >= below + (mpf(t) - below) / 2                    # does not round to `below`


@pytest.mark.parametrize(("fmt", "published"), [("float16", 2048), ("bfloat16", 256), ("float32", 2 ** 24),
                                                 ("float64", 2 ** 53)])
def test_exact_integer_limit_is_the_published_one(fmt, published):
    limit = precision.exact_integer_limit(fmt)
    assert limit == published
    dtype = FORMATS[fmt]
    assert float(np.asarray(limit + 1, dtype)) != limit + 1
    near = np.arange(max(0, limit - 4096), limit + 1, dtype=np.int64)
    assert np.array_equal(near.astype(dtype).astype(np.int64), near)


# --------------------------------------------------------------------------- every value of a 16-bit format
def first_true(values, holds):
    return float(values[np.argmax(holds)])


@pytest.mark.parametrize("fmt", SIXTEEN_BITS)
def test_thresholds_agree_with_a_search_over_every_value(fmt):
    dtype, values = FORMATS[fmt], every_value(fmt)
    with np.errstate(over="ignore", under="ignore"):
        exp = np.exp(values).astype(dtype).astype(np.float64)
        sig = (1 / (1 + np.exp(-values))).astype(dtype).astype(np.float64)
        soft = (np.maximum(values, 0) + np.log1p(np.exp(-np.abs(values)))).astype(dtype).astype(np.float64)
    positive = values > 0
    assert precision.exp_overflow(fmt) == float(values[np.isfinite(exp)].max())
    assert precision.exp_underflow(fmt) == first_true(values, exp > 0)
    assert precision.exp_subnormal(fmt) == first_true(values, exp >= float(info(fmt).tiny))
    assert precision.sigmoid_saturation(fmt) == first_true(values, sig == 1)
    assert precision.sigmoid_underflow(fmt) == first_true(values, sig > 0)
    assert precision.softplus_identity(fmt) == first_true(values[positive], soft[positive] == values[positive])
    gaps = np.diff(values)
    assert precision.exact_integer_limit(fmt) == first_true(values[:-1], (values[:-1] >= 1) & (gaps > 1))


# --------------------------------------------------------------------------- the format's own arithmetic
OWN_EXP = ["float16", "bfloat16", "float32", "float64"]


@pytest.mark.parametrize("fmt", OWN_EXP)
def test_the_formats_own_exp_overflows_one_step_past_the_threshold(fmt):
    dtype, t = FORMATS[fmt], precision.exp_overflow(fmt)
    with np.errstate(over="ignore"):
        at, past = np.exp(np.asarray([t, step(t, fmt, 1)], dtype))
    assert at.dtype == dtype and np.isfinite(at) and np.isinf(past)


@pytest.mark.parametrize("fmt", OWN_EXP)
def test_the_formats_own_exp_underflows_one_step_below_the_threshold(fmt):
    dtype, u = FORMATS[fmt], precision.exp_underflow(fmt)
    with np.errstate(under="ignore"):
        below, at = np.exp(np.asarray([step(u, fmt, -1), u], dtype))
    assert below == 0 and at > 0 and at == np.asarray(info(fmt).smallest_subnormal, dtype)


# --------------------------------------------------------------------------- neighbour, boundary
@pytest.mark.parametrize("fmt", ["float16", "float32", "float64"])
def test_neighbour_is_nextafter(fmt):
    dtype = FORMATS[fmt].type
    rng = np.random.default_rng(0)
    xs = np.concatenate([rng.standard_normal(200) * 10.0 ** rng.integers(-4, 4, 200),
                         [0.0, float(np.finfo(dtype).tiny), float(np.finfo(dtype).smallest_subnormal)]])
    for x in xs.astype(dtype):
        for direction in (1, -1):
            assert precision.neighbour(x, fmt, direction) == float(np.nextafter(x, dtype(np.inf * direction)))


def test_neighbour_walks_every_bfloat16_value_and_ends_at_infinity():
    values = every_value("bfloat16")
    picks = np.random.default_rng(1).choice(values.size - 1, 300, replace=False)
    for i in picks:
        assert precision.neighbour(values[i], "bfloat16") == values[i + 1]
        assert precision.neighbour(values[i + 1], "bfloat16", -1) == values[i]
    assert precision.neighbour(values[0], "bfloat16", 3) == values[3]
    assert precision.neighbour(values[-1], "bfloat16") == np.inf


def test_boundary_finds_the_first_value_that_passes_a_test():
    values = every_value("float16")
    last, first = precision.boundary(lambda x: x >= 0.1, "float16", 0.0, 1.0)
    want = values[values >= 0.1].min()
    assert first == want and last == values[values < 0.1].max()
    assert last < 0.1 <= first


# --------------------------------------------------------------------------- input checks and imports
@pytest.mark.parametrize("function", [precision.exp_overflow, precision.exp_underflow, precision.exp_subnormal,
                                      precision.sigmoid_saturation, precision.sigmoid_underflow,
                                      precision.softplus_identity, precision.exact_integer_limit])
def test_a_threshold_takes_only_the_four_formats(function):
    who = function.__name__
    for dtype in (np.int32, "complex64", np.bool_):
        with raises(ValueError, who, "dtype", "float16, bfloat16, float32, float64"):
            function(dtype)
    for dtype in (None, [1, 2], 3.5):
        with raises(TypeError, who, "dtype", "float16, bfloat16, float32, float64"):
            function(dtype)
    assert function(np.float16) == function("float16") == function(np.dtype("float16"))
    assert function(ml_dtypes.bfloat16) == function("bfloat16")


def test_boundary_and_neighbour_check_their_arguments():
    with raises(ValueError, "boundary", "low", "float16"):
        precision.boundary(lambda x: x > 0.5, "float16", 0.1, 1.0)          # 0.1 is no float16
    with raises(ValueError, "boundary", "test(low)", "False"):
        precision.boundary(lambda x: x > 0.5, "float16", 0.75, 1.0)
    with raises(ValueError, "boundary", "test(high)", "True"):
        precision.boundary(lambda x: x > 0.5, "float16", 0.0, 0.25)
    with raises(ValueError, "neighbour", "x", "finite value of float32"):
        precision.neighbour(np.inf, "float32")
    with raises(ValueError, "neighbour", "x", "bfloat16"):
        precision.neighbour(1.001, "bfloat16")


def test_ml_dtypes_is_imported_only_for_bfloat16():
    code = ("import sys; from actlib import precision; precision.exp_overflow('float16'); "
            "print('ml_dtypes' in sys.modules); precision.exp_overflow('bfloat16'); print('ml_dtypes' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]
