"""Random arrays (Hypothesis) through every function, its derivative, Jacobian and VJP.

float16/32/64, shapes from 0-d to 3-d including empty ones, elements anywhere in the dtype
(extremes, subnormals, ±inf, NaN). For each call: no warning of any kind, dtype and shape kept,
NaN in → NaN out at that position, finite in → no NaN out (elementwise: ±inf in → no NaN either,
the limit is defined). Ints and bools become float64, Python ints of any size within float64 too; a masked
array keeps its mask, a big-endian array gives native results.
"""

import warnings

import actlib
from actlib import numerics
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from reference import GATES

DTYPES = [np.float16, np.float32, np.float64]


def _elements(dtype):
    info = np.finfo(dtype)
    edges = [0.0, -0.0, 1.0, -1.0, np.inf, -np.inf, np.nan, float(info.max), -float(info.max),
             float(info.tiny), -float(info.smallest_subnormal)]
    return st.one_of(hnp.from_dtype(np.dtype(dtype)), st.sampled_from(edges))


@st.composite
def arrays(draw, min_dims=0, even_axis=False):
    """(x, axis): a random float array and a random valid axis (axis None when 0-d)."""
    dtype = draw(st.sampled_from(DTYPES))
    shape = list(draw(hnp.array_shapes(min_dims=min_dims, max_dims=3, min_side=0, max_side=5)))
    axis = draw(st.integers(-len(shape), len(shape) - 1)) if shape else None
    if even_axis:
        shape[axis] -= shape[axis] % 2
    return draw(hnp.arrays(dtype, tuple(shape), elements=_elements(dtype))), axis


def quiet(f, *args, **kwargs):
    """f(*args) with every warning an error (also outside pytest's filterwarnings)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return np.asarray(f(*args, **kwargs))


@pytest.mark.parametrize("method", ["value", "grad"])
@given(drawn=arrays())
def test_elementwise(ew, method, drawn):
    x, _ = drawn
    act = actlib.get(ew)
    y = quiet(act if method == "value" else act.grad, x)
    assert y.dtype == x.dtype and y.shape == x.shape
    nan = np.isnan(x)
    assert np.all(np.isnan(y[nan])), "NaN in must give NaN out"
    assert not np.any(np.isnan(y[~nan])), f"no NaN for finite or infinite input: {x[np.isnan(y) & ~nan]}"


def _lanes(a: np.ndarray, axis: int) -> np.ndarray:
    return np.moveaxis(a, axis, -1)


def _lane_checks(x: np.ndarray, out: np.ndarray, axis: int, what: str) -> None:
    """Lane-wise NaN rules for a Jacobian or a VJP (``out`` has the lane axis last or in place)."""
    lanes = _lanes(x, axis)
    nan_lane, finite_lane = np.isnan(lanes).any(-1), np.isfinite(lanes).all(-1)
    out_nan = np.isnan(out).any(axis=tuple(range(lanes.ndim - 1, out.ndim)))  # per lane
    assert np.all(out_nan[nan_lane]), f"{what}: a lane with NaN input must give NaN"
    assert not np.any(out_nan[finite_lane]), f"{what}: NaN for the finite lanes {lanes[out_nan & finite_lane]}"


def _check_value(name: str, x: np.ndarray, y: np.ndarray, axis: int) -> None:
    lanes = _lanes(x, axis)
    n = lanes.shape[-1]
    if name in GATES:
        a, b = lanes[..., : n // 2], lanes[..., n // 2:]
        out = _lanes(y, axis)
        assert out.shape == a.shape
        assert np.all(np.isnan(out[np.isnan(a) | np.isnan(b)])), "NaN in a or b must give NaN"
        assert not np.any(np.isnan(out[np.isfinite(a) & np.isfinite(b)])), "NaN from finite a, b"
        return
    if name == "crelu":  # [relu(x); relu(−x)]: elementwise in each half
        out = _lanes(y, axis)
        assert out.shape == (*lanes.shape[:-1], 2 * n)
        for half in (out[..., :n], out[..., n:]):
            assert np.array_equal(np.isnan(half), np.isnan(lanes)), "NaN exactly where x is NaN"
        return
    assert y.shape == x.shape
    out = _lanes(y, axis)
    assert np.all(np.isnan(out[np.isnan(lanes)])), "NaN in must give NaN out"
    empty = np.inf if name == "softmin" else -np.inf  # a lane of these has no value (softmin(x) = softmax(−x))
    defined = ~np.isnan(lanes).any(-1) & ~(lanes == empty).all(-1)
    assert not np.any(np.isnan(out[defined])), f"NaN from a lane without NaN that is not all {empty}"
    if name == "softmax":
        undefined = (lanes == -np.inf).all(-1) & (n > 0)
        assert np.all(np.isnan(out[undefined])), "an all −inf lane has no softmax: NaN"


@pytest.mark.parametrize("method", ["value", "jacobian", "vjp"])
@given(data=st.data())
def test_vector(vec, method, data):
    act = actlib.get(vec)
    x, axis = data.draw(arrays(min_dims=1, even_axis=vec in GATES))
    y = quiet(act, x, axis=axis)
    assert y.dtype == x.dtype
    if method == "value":
        _check_value(vec, x, y, axis)
        return
    if method == "jacobian":
        out = quiet(act.jacobian, x, axis=axis)
        lanes = _lanes(x, axis)
        assert out.shape == (*lanes.shape[:-1], _lanes(y, axis).shape[-1], lanes.shape[-1])
    else:
        g = data.draw(hnp.arrays(x.dtype, y.shape, elements=st.floats(-100, 100, width=8 * x.dtype.itemsize)))
        out = quiet(act.vjp, x, g, axis=axis)
        assert out.shape == x.shape
        out = _lanes(out, axis)
    assert out.dtype == x.dtype
    _lane_checks(x, out, axis, method)


@pytest.mark.parametrize("given_x", [[1, 2, 3, 4], np.arange(-2, 2, dtype=np.int8), np.array([True, False]),
                                     np.array([0, 7], dtype=np.uint64), [[0, 1], [2, 3]], 3, True],
                         ids=["list", "int8", "bool", "uint64", "nested", "int", "bool-scalar"])
def test_ints_and_bools_become_float64(name, given_x):
    act = actlib.get(name)
    if isinstance(act, actlib.VectorActivation):
        if np.ndim(given_x) == 0:
            given_x = [given_x, given_x]
        calls = [act, act.jacobian, lambda x: act.vjp(x, act(x))]
    else:
        calls = [act, act.grad]
    for call in calls:
        assert quiet(call, given_x).dtype == np.float64


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_scalar_in_scalar_out(ew, dtype):
    act = actlib.get(ew)
    for call in (act, act.grad):
        out = call(dtype(0.25))
        assert np.ndim(out) == 0 and np.asarray(out).dtype == dtype
    assert np.ndim(act(0.25)) == 0 and np.asarray(act(0.25)).dtype == np.float64


@pytest.mark.parametrize("method", ["value", "grad"])
@given(data=st.data())
def test_an_array_gives_what_its_elements_give_one_by_one(ew, method, data):
    """Evaluating a whole array (its NaN, overflow and chunk handling included) changes no element's result."""
    act = actlib.get(ew)
    dtype = data.draw(st.sampled_from(DTYPES))
    size = data.draw(st.sampled_from([3, 40, numerics._BLOCK + 5]))   # across a block boundary as well
    special = data.draw(hnp.arrays(dtype, 40, elements=_elements(dtype)))
    x = np.resize(special, size)
    fn = act if method == "value" else act.grad
    whole = fn(x)
    positions = np.unique(np.r_[np.arange(min(size, 40)), size - 1])
    one_by_one = np.array([fn(x[i:i + 1])[0] for i in positions], dtype=dtype)
    np.testing.assert_array_equal(whole[positions], one_by_one)


@given(drawn=arrays(), data=st.data())
def test_a_masked_array_keeps_its_mask(ew, drawn, data):
    """Elementwise: the result is a masked array with x's mask (a copy); the unmasked entries are those of x's data
    alone; whatever lies under the mask, no warning."""
    x, _ = drawn
    act = actlib.get(ew)
    mask = data.draw(hnp.arrays(np.bool_, x.shape))
    masked = np.ma.MaskedArray(x, mask=mask.copy())
    for fn in (act, act.grad):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            y = fn(masked)
        if x.ndim == 0:
            assert y is np.ma.masked if mask else np.array_equal(y, fn(x), equal_nan=True)
            continue
        assert isinstance(y, np.ma.MaskedArray) and y.dtype == x.dtype
        assert np.array_equal(np.ma.getmaskarray(y), mask) and not np.shares_memory(y.mask, masked.mask)
        np.testing.assert_array_equal(np.asarray(y)[~mask], fn(x)[~mask])


@pytest.mark.parametrize("order", [">", "<"])
def test_either_byte_order_gives_native_results(name, order):
    act = actlib.get(name)
    x = np.array([[0.5, -1.0, 2.0, -3.0], [1e300, -np.inf, 0.0, 7.0]])
    odd = x.astype(x.dtype.newbyteorder(order))
    calls = ([act, act.jacobian, lambda v: act.vjp(v, np.ones(act(x).shape).astype(odd.dtype))]
             if isinstance(act, actlib.VectorActivation) else [act, act.grad])
    for call in calls:
        y = quiet(call, odd)
        assert y.dtype == np.float64 and y.dtype.isnative
        np.testing.assert_array_equal(y, call(x))


@pytest.mark.parametrize("given_x", [2**64, [2**64, -(2**70), 5], np.array([2**64 - 1], dtype=np.uint64)],
                         ids=["2**64", "list", "uint64"])
def test_python_ints_of_any_size_within_float64(name, given_x):
    act = actlib.get(name)
    if isinstance(act, actlib.VectorActivation):
        given_x = [given_x, 0] if np.ndim(given_x) == 0 else list(np.ravel(given_x)) + [0]
    expected = act(np.array(given_x, dtype=np.float64))
    np.testing.assert_array_equal(quiet(act, given_x), expected)


def test_fractions_are_real_numbers():
    from fractions import Fraction
    np.testing.assert_array_equal(actlib.relu([Fraction(1, 3), Fraction(-2, 7)]), actlib.relu([1 / 3, -2 / 7]))


@given(data=st.data())
def test_vjp_with_grad_output_anywhere_in_the_dtype(vec, data):
    """g up to ±max: no warning and no NaN for a finite x and a finite g (a result beyond the dtype is ±inf); a NaN or
    ±inf in g: no warning either (NaN where ∞ meets 0)."""
    act = actlib.get(vec)
    x, axis = data.draw(arrays(min_dims=1, even_axis=vec in GATES))
    x = np.where(np.isfinite(x), x, 0).astype(x.dtype)
    y = quiet(act, x, axis=axis)
    g = data.draw(hnp.arrays(x.dtype, y.shape, elements=_elements(x.dtype)))
    out = quiet(act.vjp, x, g, axis=axis)
    assert out.shape == x.shape and out.dtype == x.dtype
    if np.isfinite(g).all():
        assert not np.isnan(out).any(), f"NaN from finite x and g: {g}"


@given(data=st.data())
def test_sigmoid_pair_is_sigmoid_of_x_and_of_minus_x(data):
    """One exponential for σ(x) and σ(−x) gives the very numbers of two sigmoid calls (whose accuracy
    test_values checks against mpmath), in every dtype and at the edges."""
    dtype = data.draw(st.sampled_from(DTYPES))
    x = data.draw(hnp.arrays(dtype, data.draw(st.integers(0, 60)), elements=_elements(dtype)))
    with np.errstate(all="ignore"):
        pair = numerics.sigmoid_pair(x)
        expected = numerics.sigmoid(x), numerics.sigmoid(-x)
    for got, want in zip(pair, expected):
        assert got.dtype == dtype
        np.testing.assert_array_equal(got, want)                      # NaN where NaN
        number = ~np.isnan(want)
        assert np.array_equal(np.signbit(got[number]), np.signbit(want[number]))


@given(data=st.data())
def test_pick_is_np_where_bit_for_bit(data):
    """numerics.pick selects by bit operations: the result is np.where's, every NaN payload and signed zero
    included, for arrays and 0-d operands that broadcast, and np.where's own result for mixed dtypes. The
    arrays are long enough for the bit operations (shorter ones go to np.where)."""
    dtype = data.draw(st.sampled_from(DTYPES))
    n = numerics._PICK_BY_BITS_FROM + data.draw(st.integers(0, 50))
    a = data.draw(hnp.arrays(dtype, n, elements=_elements(dtype)))
    b = data.draw(st.one_of(hnp.arrays(dtype, n, elements=_elements(dtype)),
                            hnp.arrays(dtype, (), elements=_elements(dtype))))
    condition = data.draw(hnp.arrays(np.bool_, data.draw(st.sampled_from([n, ()]))))
    for operands in ((a, b), (a[:1].reshape(()), b) if n else (b, b)):
        got, want = numerics.pick(condition, *operands), np.where(condition, *operands)
        assert got.dtype == want.dtype and got.shape == want.shape
        assert got.tobytes() == want.tobytes()
    mixed = numerics.pick(condition, a.astype(np.float64), np.float32(2))
    assert mixed.tobytes() == np.where(condition, a.astype(np.float64), np.float32(2)).tobytes()


@given(x=hnp.arrays(np.float32, st.integers(0, 60), elements=_elements(np.float32)))
def test_gaussians_narrow_path_is_its_split_path_for_float32_input(x):
    """For float16/32 input the Gaussian skips splitting x² (exact in float64 there): bit for bit the same."""
    from actlib.activations import smooth

    wide = x.astype(np.float64)
    for split, narrow in ((smooth._gaussian_split, smooth._gaussian_narrow),
                          (smooth._gaussian_grad_split, smooth._gaussian_grad_narrow)):
        with np.errstate(all="ignore"):
            assert split(wide).tobytes() == narrow(wide).tobytes()
