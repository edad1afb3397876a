"""Bad input gets a clear error: TypeError naming the type, ValueError naming the parameter.

Every message also names the function (spec: "keep messages naming the function and the problem").
Parameter validity comes from the spec's table in reference.py, not from actlib's declarations.
"""

import decimal
import math
import re

import actlib
import numpy as np
import pytest

from reference import GATES, SPEC_PARAMS

GOOD = np.array([0.5, -1.0, 2.0, -3.0])

BAD_INPUTS = {
    "str": ("1.0", ["str"]),
    "bytes": (b"1.0", ["bytes"]),
    "object-array": (np.array([1.0, None], dtype=object), ["object"]),
    "complex": (1 + 2j, ["complex"]),
    "complex-array": (np.array([1 + 0j, 2j]), ["complex"]),
    "ragged": ([[1.0, 2.0], [3.0]], ["ragged", "rectangular", "list"]),
    "longdouble": (np.ones(4, dtype=np.longdouble), ["longdouble", "float128", "float96"]),
    "None": (None, ["NoneType"]),
    "list-with-None": ([1.0, None, 2.0, 3.0], ["NoneType"]),
    "Decimal": (decimal.Decimal("0.5"), ["Decimal"]),
    "datetime64": (np.array(["2024-01-01"] * 4, dtype="datetime64[D]"), ["datetime64"]),
    "timedelta64": (np.array([1, 2, 3, 4], dtype="timedelta64[s]"), ["timedelta64"]),
    "np.str_": (np.str_("0.5"), ["str"]),
}


class Unreadable:
    """Stands for a tensor on another device: NumPy cannot read it."""

    def __array__(self, dtype=None, copy=None):
        raise RuntimeError("this tensor lives on another device")


def _calls(act):
    """Every entry point of an activation, each as f(x, **params)."""
    if isinstance(act, actlib.VectorActivation):
        g = np.ones(act(GOOD).shape)  # 2 for the GLU family, 8 for crelu, else 4
        return {"value": act, "jacobian": act.jacobian, "vjp": lambda x, *a, **p: act.vjp(x, g, *a, **p)}
    return {"value": act, "grad": act.grad}


def _raises(exc, call, *words, **kwargs):
    """call() raises ``exc`` whose message contains every one of ``words`` (any of a list)."""
    with pytest.raises(exc) as info:
        call(**kwargs)
    message = str(info.value)
    for word in words:
        options = word if isinstance(word, list) else [word]
        assert any(o.lower() in message.lower() for o in options), f"{message!r} should name {options}"
    return message


@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_bad_input_type(name, kind):
    x, words = BAD_INPUTS[kind]
    act = actlib.get(name)
    for method, call in _calls(act).items():
        _raises(TypeError, lambda: call(x), words, name)


def test_an_object_numpy_cannot_read_is_a_type_error(name):
    """Whatever its __array__ raises becomes a TypeError naming the function and the type."""
    for call in _calls(actlib.get(name)).values():
        _raises(TypeError, lambda: call(Unreadable()), "Unreadable", name)


def test_python_ints_beyond_float64(name):
    """Ints of any size are computed as float64; one beyond float64's range is a ValueError (not inf: an exact
    integer has no infinite value, and a lane of a vector function could not be shared out by it)."""
    for call in _calls(actlib.get(name)).values():
        for huge in (10**400, [1, -(10**400), 2, 3]):
            _raises(ValueError, lambda: call(huge), "float64", name)


def test_vjp_checks_its_upstream_gradient(vec):
    act = actlib.get(vec)
    _raises(TypeError, lambda: act.vjp(GOOD, "abc"), ["str"], vec)
    _raises(TypeError, lambda: act.vjp(GOOD, np.array([1j, 2, 3, 4])), ["complex"], vec)


def test_vjp_needs_the_shape_of_the_output(vec):
    """grad_output must have exactly the shape of f(x) (broadcasting would give a wrongly shaped gradient)."""
    act = actlib.get(vec)
    x = np.ones((3, 4))
    shape = act(x).shape
    for wrong in ((4,), (1, shape[1]), (3, 1), (shape[0], shape[1], 1), (shape[1], shape[0]) if shape[0] != shape[1] else (7,)):
        message = _raises(ValueError, lambda: act.vjp(x, np.ones(wrong)), "grad_output", vec)
        assert str(wrong) in message and str(shape) in message, f"{message!r} should name both shapes"


def test_masked_arrays_along_an_axis(vec):
    """A masked entry has no meaning inside a lane: TypeError, for x and for grad_output."""
    act = actlib.get(vec)
    x = np.ma.MaskedArray(GOOD, mask=[False, True, False, False])
    for call in _calls(act).values():
        _raises(TypeError, lambda: call(x), "masked", vec)
    _raises(TypeError, lambda: act.vjp(GOOD, np.ma.MaskedArray(np.ones(act(GOOD).shape))), ["masked"], "grad_output")


def test_unknown_keyword(name):
    for method, call in _calls(actlib.get(name)).items():
        _raises(TypeError, lambda: call(GOOD, bogus_kw=1), "bogus_kw", name)


def test_parameters_are_keywords(name):
    for method, call in _calls(actlib.get(name)).items():
        _raises(TypeError, lambda: call(GOOD, 0.5), "positional", name)


@pytest.mark.parametrize(("fn", "param"), [(n, p) for n, ps in SPEC_PARAMS.items() for p in ps],
                         ids=[f"{n}-{p}" for n, ps in SPEC_PARAMS.items() for p in ps])
def test_a_parameter_array_must_broadcast_to_x(fn, param):
    """ValueError naming the parameter and both shapes, before numpy sees the arrays (a vector function takes one
    number per parameter, for every lane)."""
    act = actlib.get(fn)
    x = np.ones((2, 4))
    value = SPEC_PARAMS[fn][param].default
    wrong = [(3,), (2, 1, 4), (5, 1)] if isinstance(act, actlib.Activation) else [(4,), (1,)]
    for shape in wrong:
        for call in _calls(act).values():
            message = _raises(ValueError, lambda: call(x, **{param: np.full(shape, value)}), param, fn)
            assert str(shape) in message, f"{message!r} should name the shape {shape}"
    if isinstance(act, actlib.Activation):
        for shape in [(4,), (2, 1), (1, 4)]:
            assert act(x, **{param: np.full(shape, value)}).shape == x.shape


@pytest.mark.parametrize(("value", "exc"), [(True, TypeError), (np.array([True, False]), TypeError),
                                            (decimal.Decimal("0.1"), TypeError), (None, TypeError), (1j, TypeError),
                                            (np.ma.MaskedArray([0.1]), TypeError), (10**400, ValueError)],
                         ids=["bool", "bool-array", "Decimal", "None", "complex", "masked", "huge-int"])
def test_bad_parameter_values(value, exc):
    for call in _calls(actlib.leaky_relu).values():
        _raises(exc, lambda: call(GOOD, alpha=value), "alpha", "leaky_relu")


def test_parameters_as_numpy_scalars_arrays_and_lists():
    """A parameter may be any real number: a numpy scalar, a 0-d array, an int of any size that fits, a list."""
    expected = actlib.elu(GOOD, alpha=0.5)
    for alpha in (np.float32(0.5), np.float16(0.5), np.array(0.5), [0.5] * 4, (0.5,) * 4, np.int8(1) / 2):
        np.testing.assert_array_equal(actlib.elu(GOOD, alpha=alpha), expected)
    np.testing.assert_array_equal(actlib.elu(GOOD, alpha=2**64), actlib.elu(GOOD, alpha=2.0**64))


def _outside(valid) -> list[float]:
    low, high, low_closed, high_closed = valid
    out = [math.nan, math.inf, -math.inf]
    if math.isfinite(low):
        out += [low - 1] + ([] if low_closed else [low])
    if math.isfinite(high):
        out += [high + 1] + ([] if high_closed else [high])
    return out


def _inside(valid) -> list[float]:
    low, high, low_closed, _ = valid
    return [low] if low_closed else [low + 0.5] if math.isfinite(low) else [-2.0]


SPEC_VALID = [(n, p, s.valid) for n, ps in SPEC_PARAMS.items() for p, s in ps.items() if s.valid]


@pytest.mark.parametrize(("fn", "param", "valid"), SPEC_VALID, ids=[f"{n}-{p}" for n, p, _ in SPEC_VALID])
def test_parameter_outside_its_valid_set(fn, param, valid):
    act = actlib.get(fn)
    for bad in _outside(valid):
        for call in _calls(act).values():
            _raises(ValueError, lambda: call(GOOD, **{param: bad}), param, fn)
    for good in _inside(valid):  # the edge of a closed interval is allowed (rrelu: lower = upper = 0)
        together = {q: good for q, s in SPEC_PARAMS[fn].items() if s.valid == valid}
        for call in _calls(act).values():
            call(GOOD, **together)


def test_every_declared_parameter_rejects_nan_inf_and_text(name):
    act = actlib.get(name)
    for param in act.params:
        for bad in (math.nan, math.inf, -math.inf):
            _raises(ValueError, lambda: act(GOOD, **{param: bad}), param, name)
        _raises(TypeError, lambda: act(GOOD, **{param: "0.5"}), param, name)


@pytest.mark.parametrize(("fn", "kwargs", "exc", "words"), [
    ("softplus", {"beta": 0.0}, ValueError, ["beta"]),
    ("softplus", {"beta": -1.0}, ValueError, ["beta"]),
    ("softmax", {"temperature": 0.0}, ValueError, ["temperature"]),
    ("softmax", {"temperature": -2.0}, ValueError, ["temperature"]),
    ("celu", {"alpha": 0.0}, ValueError, ["alpha"]),
    ("rrelu", {"lower": 0.3, "upper": 0.2}, ValueError, ["lower", "upper"]),
    ("rrelu", {"training": True}, ValueError, ["rng"]),
    ("rrelu", {"training": True, "rng": 42}, TypeError, ["rng"]),
    ("rrelu", {"training": "yes"}, ValueError, ["training"]),
    ("rrelu", {"training": 1, "rng": np.random.default_rng(0)}, ValueError, ["training"]),
    ("rrelu", {"lower": np.array([0.1, 0.5, 0.1, 0.1]), "upper": 0.3}, ValueError, ["lower", "upper"]),
    ("gelu", {"approximate": "foo"}, ValueError, ["approximate"]),
    ("gelu", {"approximate": True}, ValueError, ["approximate"]),
    ("general_relu", {"max_value": -1.0}, ValueError, ["max_value", "[0, ∞]"]),
    ("general_relu", {"max_value": float("nan")}, ValueError, ["max_value"]),
    ("general_relu", {"max_value": "6"}, TypeError, ["max_value", "str"]),
    ("general_relu", {"max_value": True}, TypeError, ["max_value", "bool"]),
    ("general_relu", {"max_value": [6.0, 6.0]}, TypeError, ["max_value", "shape"]),
    ("general_relu", {"max_value": 10**400}, ValueError, ["max_value", "float64"]),
], ids=lambda v: v if isinstance(v, str) else None)
def test_specific_errors(fn, kwargs, exc, words):
    act = actlib.get(fn)
    for call in _calls(act).values():
        _raises(exc, lambda: call(GOOD, **kwargs), *words, fn)


@pytest.mark.parametrize("fn", sorted(GATES))
def test_glu_odd_size(fn):
    act = actlib.get(fn)
    for shape, axis in (((5,), -1), ((4, 3), 1), ((3, 4), 0)):
        x = np.ones(shape)
        size = str(shape[axis])
        for method, call in _calls(act).items():
            if method == "vjp":
                call = lambda x, axis: act.vjp(x, np.ones((*shape[:axis], 1, *shape[axis + 1:])), axis=axis)
            message = _raises(ValueError, lambda: call(x, axis=axis), fn)
            assert re.search(rf"\b{size}\b", message), f"{message!r} should name the size {size}"
    assert act(np.ones((4, 3)), axis=0).shape == (2, 3)  # even along the chosen axis is fine


def test_crelu_vjp_needs_the_shape_of_its_output():
    """crelu doubles the axis it acts along, so its upstream gradient is twice as long there as x."""
    x = np.ones((3, 4))
    message = _raises(ValueError, lambda: actlib.crelu.vjp(x, np.ones((3, 4)), axis=0), "crelu", "grad_output")
    assert "(6, 4)" in message, f"{message!r} should name the shape it needs"
    assert actlib.crelu.vjp(x, np.ones((6, 4)), axis=0).shape == x.shape


@pytest.mark.parametrize(("x", "axis", "exc"), [
    (np.ones((2, 4)), 2, ValueError), (np.ones((2, 4)), -3, ValueError), (np.ones(4), 1, ValueError),
    (np.float64(1.0), -1, ValueError), (np.ones((2, 4)), 1.0, TypeError), (np.ones((2, 4)), True, TypeError),
    (np.ones((2, 4)), "1", TypeError), (np.ones((2, 4)), None, TypeError),
    (np.ones((2, 4)), np.float64(1.0), TypeError), (np.ones((2, 4)), np.int64(2), ValueError),
], ids=["too-big", "too-negative", "1d-axis1", "0d", "float", "bool", "str", "none", "np-float", "np-int-too-big"])
def test_bad_axis(vec, x, axis, exc):
    act = actlib.get(vec)
    for method, call in _calls(act).items():
        if method == "vjp":
            call = lambda x, axis: act.vjp(x, np.ones(np.shape(x)), axis=axis)
        _raises(exc, lambda: call(x, axis=axis), "axis", vec)


def test_axis_as_a_numpy_int():
    np.testing.assert_array_equal(actlib.softmax(GOOD[None, :], axis=np.int64(1)), actlib.softmax(GOOD[None, :], axis=1))


def test_get_rejects_bad_names():
    with pytest.raises(KeyError, match="no_such_activation"):
        actlib.get("no_such_activation")
    for bad in (3, None, b"relu", actlib.relu):
        _raises(TypeError, lambda: actlib.get(bad), "get", "name", "str")


@pytest.mark.parametrize("helper", ["saturated", "saturating_sides"])
def test_saturation_helpers_check_their_arguments(helper):
    fn = getattr(actlib, helper)
    grid = (np.linspace(-5, 5, 11),) if helper == "saturated" else ()
    for act in ("sigmoid", actlib.softmax, None):
        _raises(TypeError, lambda: fn(act, *grid), helper, "act")
    _raises(ValueError, lambda: fn(actlib.elu, *grid, alpha=-1.0), helper, "elu", "alpha")
    _raises(ValueError, lambda: fn(actlib.prelu, *grid, alpha=np.array([0.1, 0.2])), helper, "alpha", "single")
    _raises(TypeError, lambda: fn(actlib.elu, *grid, bogus=1), helper, "bogus")


@pytest.mark.parametrize("grid", [[3.0, -5.0, 1.0], [[-1.0, 1.0]], [0.0, math.nan], [-math.inf, 0.0, 1.0], 2.0],
                         ids=["unsorted", "2d", "nan", "inf", "scalar"])
def test_saturated_needs_a_sorted_finite_grid(grid):
    _raises(ValueError, lambda: actlib.saturated(actlib.sigmoid, grid), "saturated", "x")
