"""Hypothesis fuzzing of every public entry point: each call either gives a result or the documented error.

For every registered activation (each entry point: f, f′; f, Jacobian, VJP) and for ``actlib.saturated``,
``actlib.saturating_sides``, ``actlib.get`` and ``actlib.names``, with x over the whole dtype (±max, subnormals,
±inf, NaN) and parameters over their whole valid interval (1e-300, 1e300, float32's tiny and max and the values
just beyond them, float64's max):

1. a bad argument raises the right exception (TypeError for a wrong kind of value, ValueError for a value out of
   range or of the wrong shape) whose message names the function and the argument; anything else is a result;
2. a result agrees with the mpmath references of tests/reference.py, within the tolerances of test_values.py and
   test_vector.py (K + κ ulp, κ the condition number in x);
3. no warning of any kind;
4. no input is changed (x, parameter arrays, grad_output) and no result shares memory with one;
5. an array gives what its elements (its lanes, for a vector activation) give one by one;
6. lists, tuples, Python and numpy scalars, 0-d, masked, read-only, non-contiguous, Fortran-ordered and big-endian
   arrays and ndarray subclasses give what the plain array gives.

The rule for a parameter beyond the input's dtype, as actlib documents it (actlib.core.working_dtype), restated
here on its own: float16 is computed in float32; when every numeric keyword fits the working dtype (0, or a magnitude in
[tiny, max]) it is rounded to it, otherwise the call is computed in float64 and rounded once.
The parameters' valid sets are the spec's (reference.SPEC_PARAMS), not actlib's declarations.
"""

from __future__ import annotations

import decimal
import math
import warnings

import actlib
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from mpmath import mp, mpf

import reference
from reference import GATES, K_ULP, SPEC_OPTIONS, SPEC_PARAMS

EW = [n for n in actlib.names() if isinstance(actlib.get(n), actlib.Activation)]
VEC = [n for n in actlib.names() if isinstance(actlib.get(n), actlib.VectorActivation)]
ALIASES = reference.SPEC_ALIASES
FUZZED = ({f"actlib.{n}" for n in (*EW, *VEC)} | {f"actlib.{n}.grad" for n in EW}     # an alias is the same object
          | {f"actlib.{n}.{m}" for n in VEC for m in ("jacobian", "vjp")}
          | {"actlib.saturated", "actlib.saturating_sides", "actlib.get", "actlib.names"})

DTYPES = [np.float16, np.float32, np.float64]
F32 = np.finfo(np.float32)
F64 = np.finfo(np.float64)
BIG = mpf("1e1000")      # ±inf for the references: beyond any parameter's reach (|p| ≥ 5e-324 and ≤ 1.8e308)
FEWER = settings(max_examples=12)        # the tests that call each entry point a dozen ways per example


# --------------------------------------------------------------------------- strategies
def _edges(dtype) -> list[float]:
    info = np.finfo(dtype)
    magnitudes = [0.0, float(info.smallest_subnormal), float(info.tiny), 1e-8, 0.5, 1.0, 3.0, 30.0, 710.0,
                  float(info.max), math.inf]
    return [s * m for m in magnitudes for s in (1, -1)] + [math.nan]


def x_elements(dtype):
    return st.one_of(hnp.from_dtype(np.dtype(dtype)), st.sampled_from(_edges(dtype)))


def x_arrays(dtype, min_dims=0, max_side=3):
    return hnp.arrays(dtype, hnp.array_shapes(min_dims=min_dims, max_dims=2, min_side=0, max_side=max_side),
                      elements=x_elements(dtype))


def _valid_set(name: str, param: str) -> tuple:
    return SPEC_PARAMS[name][param].valid or reference.REALS


def _inside(valid: tuple, value: float) -> bool:
    low, high, low_closed, high_closed = valid
    return (value >= low if low_closed else value > low) and (value <= high if high_closed else value < high)


_PARAM_EDGES = sorted({s * m for s in (1, -1) for m in (
    0.0, 5e-324, 1e-310, 1e-300, 1e-40, float(np.nextafter(F32.tiny, 0)), float(F32.tiny), 1e-8, 0.01, 0.5, 1.0, 2.0,
    65504.0, 1e5, float(F32.max), float(np.nextafter(F32.max, np.inf, dtype=np.float64)), 1e39, 1e300, float(F64.max))})


def param_values(valid: tuple):
    """Floats over the valid set, its extremes drawn often."""
    low, high, low_closed, high_closed = valid
    edges = [v for v in _PARAM_EDGES if _inside(valid, v)]
    inner = st.floats(low if math.isfinite(low) else None, high if math.isfinite(high) else None,
                      exclude_min=math.isfinite(low) and not low_closed, exclude_max=math.isfinite(high) and not high_closed,
                      allow_nan=False, allow_infinity=False)
    return st.one_of(st.sampled_from(edges), inner)


def _suffix_shapes(shape: tuple[int, ...]):
    """Shapes that broadcast to ``shape``: trailing parts of it, some sides set to 1."""
    def cut(k):
        tail = shape[k:]
        return st.tuples(*[st.sampled_from([side, 1]) for side in tail]) if tail else st.just(())
    return st.integers(0, len(shape)).flatmap(cut)


@st.composite
def keywords(draw, name: str, shape: tuple[int, ...], arrays: bool = True) -> dict:
    """Valid keywords for ``name``: every parameter drawn over its valid set (as an array that broadcasts to
    ``shape`` now and then, for an elementwise function), options from their choices."""
    act = actlib.get(name)
    params = SPEC_PARAMS.get(name, {})
    as_array = arrays and isinstance(act, actlib.Activation) and bool(params) and draw(st.integers(0, 3)) == 0
    pshape = draw(_suffix_shapes(shape)) if as_array else ()
    out = {}
    for p in params:
        values = param_values(_valid_set(name, p))
        value = draw(hnp.arrays(np.float64, pshape, elements=values)) if pshape else draw(values)
        out[p] = np.float64(value) if as_array and not pshape else value     # a numpy scalar now and then
    if name == "rrelu":          # lower ≤ upper
        out["lower"], out["upper"] = np.minimum(out["lower"], out["upper"]), np.maximum(out["lower"], out["upper"])
        if not pshape:
            out["lower"], out["upper"] = float(out["lower"]), float(out["upper"])
    if name == "gelu":
        out["approximate"] = draw(st.sampled_from(["none", "tanh"]))
    if name == "general_relu" and draw(st.booleans()):
        out["max_value"] = draw(st.one_of(st.just(math.inf), param_values(reference.NONNEGATIVE)))
    return out


# --------------------------------------------------------------------------- the documented dtype rule
NOT_NUMBERS = ("approximate", "training", "rng")


def _fits(value: float, info) -> bool:
    m = abs(value)
    return m == 0 or m == math.inf or float(info.tiny) <= m <= float(info.max)


def working_dtype(dtype, kw: dict):
    """float64 for float64 input; float32 for float16/32 input, unless a numeric keyword does not fit it."""
    if np.dtype(dtype) == np.float64:
        return np.float64
    numbers = [float(v) for k, value in kw.items() if k not in NOT_NUMBERS and value is not None for v in np.ravel(value)]
    return np.float32 if all(_fits(v, F32) for v in numbers) else np.float64


def reference_keywords(kw: dict, work) -> dict:
    """Each numeric keyword as the computation sees it: rounded to the working dtype."""
    def rounded(v):
        return float(work(v)) if isinstance(v, (float, np.floating)) else v
    return {k: rounded(v) for k, v in kw.items()}


# --------------------------------------------------------------------------- calls and checks
def quiet(f, *args, **kwargs):
    """f(*args, **kwargs) with every warning an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return f(*args, **kwargs)


def _snapshot(*values):
    return [np.array(v, copy=True) if isinstance(v, np.ndarray) else v for v in values]


def _unchanged(before, after) -> bool:
    return all(not isinstance(b, np.ndarray) or (a.dtype == b.dtype and np.array_equal(a, b, equal_nan=True))
               for b, a in zip(before, after))


def _no_alias(result, *inputs) -> bool:
    return not any(isinstance(i, np.ndarray) and np.shares_memory(np.asarray(result), i) for i in inputs)


def _same(a, b) -> bool:
    """Equal as floats, bit for bit: NaN where NaN (of either sign), the sign of every zero."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    numbers = ~np.isnan(a)
    return (a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
            and np.array_equal(np.signbit(a[numbers]), np.signbit(b[numbers])))


def _mp(v: float) -> mpf:
    return BIG if v == math.inf else -BIG if v == -math.inf else mpf(v)


def _element_failure(name, method, x, got, kw, dtype) -> str | None:
    """Why ``got`` is not name's f (or f′) at x within K + κ ulp (4 smallest normals where the exact value is 0 or
    subnormal), or None."""
    if math.isnan(x):
        return None if math.isnan(got) else f"x = NaN gave {got!r}"
    if math.isnan(got):
        return f"x = {x!r} gave NaN"
    r = reference.ref(name)
    values = {k: v for k, v in kw.items() if k != "rng"}
    exact = (r.value if method == "value" else r.deriv)(_mp(x), **values)
    err, absolute = reference.ulp_error(got, exact, dtype)
    bound = K_ULP[np.dtype(dtype).type]
    if err <= (4 if absolute else bound):
        return None
    kappa = 0.0
    if not (absolute or math.isinf(x) or math.isinf(err)):
        f, df = r.value(mpf(x), **values), r.deriv(mpf(x), **values)
        kappa = (reference.condition(x, f, df) if method == "value"
                 else reference.condition(x, df, reference.second_derivative(name, x, values)))
        if err <= bound + kappa:
            return None
    return f"x = {x!r}, {values}: got {got!r}, exact {mp.nstr(exact, 17)}, error {err:.3g} (κ = {kappa:.3g})"


def _entry(act, method):
    return act if method == "value" else getattr(act, method)


def _element_keywords(kw: dict, shape, index) -> dict:
    """The keywords for one element of a broadcast: every parameter array at that element, as a float."""
    return {k: float(np.broadcast_to(v, shape)[index]) if isinstance(v, np.ndarray) else v for k, v in kw.items()}


# --------------------------------------------------------------------------- elementwise: values
@pytest.mark.parametrize("method", ["value", "grad"])
@given(data=st.data())
def test_elementwise_agrees_with_the_reference(ew, method, data):
    """(2)–(5) for f and f′: values within K + κ ulp of mpmath at the parameters as the dtype rule rounds them, no
    warning, inputs untouched, each element alone as in the array."""
    act = actlib.get(ew)
    dtype = data.draw(st.sampled_from(DTYPES))
    x = data.draw(x_arrays(dtype))
    kw = data.draw(keywords(ew, x.shape))
    before = _snapshot(x, *kw.values())
    y = quiet(_entry(act, method), x, **kw)
    assert _unchanged(before, [x, *kw.values()]), "an input was changed"
    assert _no_alias(y, x, *kw.values()), "the result shares memory with an input"
    assert np.asarray(y).dtype == dtype and np.shape(y) == x.shape
    work = working_dtype(dtype, kw)
    failures = []
    for index in np.ndindex(x.shape):
        one = _element_keywords(kw, x.shape, index)
        failure = _element_failure(ew, method, float(x[index]), float(np.asarray(y)[index]),
                                   reference_keywords(one, work), dtype)
        if failure:
            failures.append(failure)
        if working_dtype(dtype, one) == work:     # the same working dtype alone: bit for bit the same
            alone = quiet(_entry(act, method), x[index], **one)
            assert _same(alone, np.asarray(y)[index]), f"x[{index}] alone gives {alone!r}, in the array {y[index]!r}"
    assert not failures, f"{ew}.{method} ({np.dtype(dtype).name}):\n" + "\n".join(failures[:6])


@given(data=st.data())
def test_rrelu_training_draws_between_the_bounds(data):
    """Training mode: one slope per element in [lower, upper] (at their extremes too), and the value is x times the
    slope that the gradient, drawn with the same seed, reports."""
    x = data.draw(x_arrays(np.float64, min_dims=1))
    kw = data.draw(keywords("rrelu", x.shape))
    seed = data.draw(st.integers(0, 2**32 - 1))
    y = quiet(actlib.rrelu, x, training=True, rng=np.random.default_rng(seed), **kw)
    g = quiet(actlib.rrelu.grad, x, training=True, rng=np.random.default_rng(seed), **kw)
    lower, upper = (np.broadcast_to(kw[k], x.shape) for k in ("lower", "upper"))
    with np.errstate(over="ignore"):
        top = np.nextafter(upper, np.inf)                   # U(lower, upper) may round up to upper
    assert np.all((g[x <= 0] >= lower[x <= 0]) & (g[x <= 0] <= top[x <= 0])), "a slope outside [lower, upper]"
    assert np.all(g[x > 0] == 1)
    with np.errstate(over="ignore", invalid="ignore"):
        expected = np.where(x > 0, x, g * np.where(g == 0, np.clip(x, -F64.max, F64.max), x))
    assert _same(np.where(np.isnan(x), np.nan, y), np.where(np.isnan(x), np.nan, expected))


# --------------------------------------------------------------------------- vector: values, Jacobians, VJPs
def _lane_moved(a, axis):
    return np.moveaxis(np.asarray(a), axis, -1)


def _defined_lane(name, lane) -> bool:
    """A lane the references evaluate: finite for the GLU family (a ⊙ g(b) at ±∞ is a product without a limit),
    else no NaN, and not all −∞ (softmin: +∞), which have no distribution."""
    if np.isnan(lane).any():
        return False
    if name in GATES:
        return bool(np.isfinite(lane).all())
    empty = np.inf if name == "softmin" else -np.inf
    return name == "crelu" or not (lane.size and (lane == empty).all())


def _kappas(xm, y, jac) -> list[float]:
    """κ_i = Σ_j |∂y_i/∂x_j · x_j| / |y_i|, the componentwise condition number (0 where y_i = 0)."""
    return [0.0 if y[i] == 0 else float(mp.fsum(abs(jac[i][j] * xm[j]) for j in range(len(xm))) / abs(y[i]))
            for i in range(len(y))]


def _vector_failure(name, method, lane, got, kw, dtype, g=None) -> str | None:
    """Why ``got`` (one lane of f, its Jacobian or gᵀJ) misses the reference, or None. Values: K + κ_i ulp per entry
    (4 smallest normals where exact is 0 or subnormal); Jacobians and VJPs normwise, 8·eps·(1 + max κ) times the
    larger of the exact norm and the floor that (diag y − y yᵀ)/T can reach where some y_i ≈ 1 (test_vector.py).
    A GLU gate g(b) that is subnormal carries few digits, which a large a multiplies: 4·|a| smallest normals more;
    softmax's subnormal products y_i·y_j (and g·y) are off by up to a subnormal ulp before the division by T:
    8 smallest subnormals/T more. Sparsemax's threshold τ = (Σ_S x_i − 1)/k holds a constant, 1, whose rounding κ
    (a perturbation of x) does not count: 4·eps·(1 + Σ|x_i|) more for its values, and its VJP s ⊙ (g − mean_S g)
    cancels where g is nearly constant on the support: the floor ‖g‖."""
    # (diag y − y yᵀ)/T cancels to 0 in gᵀJ for a constant g: the digits it loses, 1/T magnifies; so more of them
    digits = mp.dps + max(0, math.ceil(-math.log10(kw.get("temperature", 1.0))))
    with mp.workdps(digits):
        xm = [_mp(float(v)) for v in lane]
        y = reference.vector_value(name, xm, **kw)
        jac = reference.vector_jacobian(name, xm, **kw)
        gm = [mpf(float(v)) for v in g] if method == "vjp" else []
        gT_J = [[mp.fsum(gm[i] * jac[i][j] for i in range(len(jac))) for j in range(len(xm))]] if gm else []
    kappa = _kappas(xm, y, jac)
    eps, tiny = float(np.finfo(dtype).eps), float(np.finfo(dtype).tiny)
    if name in GATES:                                     # per output entry
        slack = 4 * tiny * np.abs(lane[:lane.size // 2].astype(np.float64))
    elif name == "sparsemax":
        slack = np.full(len(y), 4 * eps * (1 + sum(abs(float(v)) for v in lane)))
    else:
        slack = np.zeros(len(y))
    g_norm = float(np.max(np.abs(g.astype(np.float64)), initial=0)) if method == "vjp" else 1.0
    if method == "value":
        bad = []
        for i, (v, e) in enumerate(zip(got, y)):
            err, absolute = reference.ulp_error(float(v), e, dtype)
            if err > (4 if absolute else K_ULP[np.dtype(dtype).type] + kappa[i]) \
                    and not abs(float(v) - float(e)) <= slack[i]:
                bad.append(i)
        return f"lane {lane.tolist()}: entries {bad} of {got.tolist()}" if bad else None
    exact = gT_J if method == "vjp" else jac
    exact = np.array([[float(v) for v in row] for row in exact], dtype=np.float64).reshape(np.shape(got))
    with np.errstate(over="ignore"):
        rounded = exact.astype(dtype)
    beyond = np.isinf(rounded)                            # the exact entry overflows the dtype: got must be that ±∞
    if not np.array_equal(np.asarray(got)[beyond], rounded[beyond]):
        return f"lane {lane.tolist()}: {np.asarray(got)[beyond]} where the exact entries overflow"
    got, exact = np.where(beyond, 0, got), np.where(beyond, 0, exact)
    top = float(max(y, default=0)) if name in ("softmax", "softmin") else 0.0      # a probability
    floor = {"softmax": top ** 2 / kw.get("temperature", 1.0), "softmin": top ** 2,
             "log_softmax": 1.0 if method == "vjp" else 0.0,
             "sparsemax": 1.0 if method == "vjp" else 0.0}.get(name, 0.0) * g_norm
    scale = max(float(np.max(np.abs(exact), initial=0)), floor)
    allowed = (max(8 * eps * (1 + max(kappa, default=0)) * scale if scale else 0.0, 4 * tiny)
               + (float(np.max(slack, initial=0)) * g_norm if g_norm else 0.0))
    if name == "softmax":
        allowed += 8 * float(np.finfo(dtype).smallest_subnormal) / kw.get("temperature", 1.0)
    with np.errstate(invalid="ignore", over="ignore"):
        err = float(np.max(np.abs(np.asarray(got, np.float64) - exact), initial=0))
    return None if err <= allowed else f"lane {lane.tolist()}: error {err:.3g} > {allowed:.3g}"


@st.composite
def vector_input(draw, name: str, finite: bool = False):
    dtype = draw(st.sampled_from(DTYPES))
    elements = hnp.from_dtype(np.dtype(dtype), allow_nan=False, allow_infinity=False) if finite else x_elements(dtype)
    shape = list(draw(hnp.array_shapes(min_dims=1, max_dims=2, min_side=0, max_side=4)))
    axis = draw(st.integers(-len(shape), len(shape) - 1))
    if name in GATES:
        shape[axis] -= shape[axis] % 2
    return draw(hnp.arrays(dtype, tuple(shape), elements=elements)), axis


@pytest.mark.parametrize("method", ["value", "jacobian", "vjp"])
@given(data=st.data())
def test_vector_agrees_with_the_reference(vec, method, data):
    """(2)–(5) for a vector activation: every lane within tolerance of mpmath, no warning, inputs untouched,
    each lane alone as in the array."""
    act = actlib.get(vec)
    x, axis = data.draw(vector_input(vec, finite=method != "value"))
    kw = data.draw(keywords(vec, x.shape))
    y = quiet(act, x, axis=axis, **kw)
    args = [x]
    if method == "vjp":       # g anywhere in the dtype (±max, subnormals, ±∞, NaN), often of moderate size
        moderate = st.floats(-4, 4, width=8 * x.dtype.itemsize)
        args.append(data.draw(hnp.arrays(x.dtype, y.shape, elements=st.one_of(moderate, x_elements(x.dtype)))))
    before = _snapshot(*args)
    out = quiet(_entry(act, method), *args, axis=axis, **kw)
    assert _unchanged(before, args), "an input was changed"
    assert _no_alias(out, *args), "the result shares memory with an input"
    assert out.dtype == x.dtype
    if x.size == 0:
        return
    work = working_dtype(x.dtype.type, kw)
    ref_kw = reference_keywords(kw, work)
    lanes = _lane_moved(x, axis).reshape(-1, x.shape[axis])
    if method == "jacobian":
        got = out.reshape(lanes.shape[0], *out.shape[-2:])
    else:
        got = _lane_moved(out, axis).reshape(lanes.shape[0], -1)
    g_lanes = _lane_moved(args[-1], axis).reshape(lanes.shape[0], -1) if method == "vjp" else [None] * len(lanes)
    failures = []
    for lane, got_lane, g_lane in zip(lanes, got, g_lanes):
        if _defined_lane(vec, lane) and (g_lane is None or np.isfinite(g_lane).all()):   # NaN, ±∞ in g: no warning
            failure = _vector_failure(vec, method, lane, got_lane, ref_kw, x.dtype, g_lane)
            failures += [failure] if failure else []
        alone = quiet(_entry(act, method), *([lane] if g_lane is None else [lane, g_lane]), **kw)
        assert _same(alone.reshape(got_lane.shape), got_lane), f"lane {lane.tolist()} alone gives another result"
    assert not failures, f"{vec}.{method} ({x.dtype}, axis {axis}):\n" + "\n".join(failures[:6])


# --------------------------------------------------------------------------- (6) kinds of input
class _Sub(np.ndarray):
    """An ndarray subclass the way a library would write one."""


def _presentations(x: np.ndarray) -> dict:
    """x as other kinds of input, each with the plain ndarray it must behave as."""
    native = x.copy()
    readonly = x.copy()
    readonly.setflags(write=False)
    out = {"read-only": (readonly, native), "big-endian": (x.astype(x.dtype.newbyteorder(">")), native),
           "subclass": (native.view(_Sub), native)}
    if x.ndim:
        out["fortran"] = (np.asfortranarray(x), native)
        wide = np.asarray(x.tolist(), dtype=np.float64)
        strided = np.zeros(x.shape[:-1] + (2 * x.shape[-1],), x.dtype)
        strided[..., ::2] = x
        out.update({"list": (x.tolist(), wide), "tuple": (tuple(tuple(r) if isinstance(r, list) else r for r in x.tolist()), wide),
                    "non-contiguous": (strided[..., ::2], native)})
    if x.ndim == 2:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PendingDeprecationWarning)
            out["matrix"] = (np.asmatrix(native), native)
    if x.size:
        first = x.reshape(-1)[:1]
        out.update({"numpy-scalar": (first[0], first.reshape(())), "0-d": (first.reshape(()), first.reshape(())),
                    "python-float": (float(first[0]), first.astype(np.float64).reshape(()))})
    return out


INTEGERS = [np.int8, np.uint8, np.int64, np.uint64, np.bool_]


@pytest.mark.parametrize("method", ["value", "grad"])
@FEWER
@given(data=st.data())
def test_elementwise_kinds_of_input(ew, method, data):
    """(6): every kind of x as its plain ndarray (integers and bools: as float64); a masked x keeps its mask."""
    act = actlib.get(ew)
    call = _entry(act, method)
    dtype = data.draw(st.sampled_from(DTYPES))
    x = data.draw(x_arrays(dtype))
    kw = data.draw(keywords(ew, (), arrays=False))
    ints = data.draw(hnp.arrays(st.sampled_from(INTEGERS), hnp.array_shapes(min_dims=0, max_dims=2, max_side=3)))
    assert _same(quiet(call, ints, **kw), quiet(call, ints.astype(np.float64), **kw)), ints.dtype
    assert _same(quiet(call, ints.tolist(), **kw), quiet(call, ints.astype(np.float64), **kw)), ints.dtype
    for kind, (given_x, plain) in _presentations(x).items():
        expected = quiet(call, plain, **kw)
        before = _snapshot(given_x)
        got = quiet(call, given_x, **kw)
        assert _unchanged(before, [given_x]), kind
        assert type(got) is type(expected) and np.asarray(got).dtype == np.asarray(expected).dtype, kind
        assert _same(got, expected), f"{kind}: {got!r} ≠ {expected!r}"
        assert np.ndim(got) == 0 or np.asarray(got).flags.writeable, kind
    mask = data.draw(hnp.arrays(np.bool_, x.shape))
    masked = np.ma.MaskedArray(x.copy(), mask=mask.copy())
    got = quiet(call, masked, **kw)
    expected = quiet(call, x, **kw)
    if x.ndim == 0:
        assert (got is np.ma.masked) if mask else _same(got, expected)
    else:
        assert isinstance(got, np.ma.MaskedArray) and np.array_equal(np.ma.getmaskarray(got), mask)
        assert _same(np.asarray(got)[~mask], expected[~mask]), "the unmasked entries"
        assert np.array_equal(masked.mask, mask) and not np.shares_memory(got.mask, masked.mask)


def test_python_ints_of_any_size():
    """As float64: 2**64 is exactly representable, 10**400 is beyond float64 (ValueError)."""
    for act in (actlib.relu, actlib.sigmoid):
        assert quiet(act, 2**64) == quiet(act, np.float64(2.0**64))
        assert _same(quiet(act, [2**64, -(2**70), 3]), quiet(act, np.array([2.0**64, -(2.0**70), 3.0])))
        for huge in (10**400, [1, -(10**400)]):
            _raises(ValueError, act, (huge,), {}, [act.name, "float64"])


@pytest.mark.parametrize("method", ["value", "jacobian", "vjp"])
@FEWER
@given(data=st.data())
def test_vector_kinds_of_input(vec, method, data):
    act = actlib.get(vec)
    x, axis = data.draw(vector_input(vec))
    kw = data.draw(keywords(vec, x.shape))
    g = np.ones(quiet(act, x, axis=axis, **kw).shape, x.dtype)
    kinds = {k: v for k, v in _presentations(x).items() if np.shape(v[1]) == x.shape}

    def run(given_x):
        return quiet(_entry(act, method), *([given_x] if method != "vjp" else [given_x, g]), axis=axis, **kw)

    for kind, (given_x, plain) in kinds.items():
        got, expected = run(given_x), run(plain)
        assert type(got) is np.ndarray and got.dtype == expected.dtype and _same(got, expected), kind
    _raises(TypeError, run, (np.ma.MaskedArray(x),), {}, [vec, "masked"])
    if method == "vjp":
        for kind, (given_g, plain) in _presentations(g).items():
            if np.shape(plain) == g.shape:
                assert _same(quiet(act.vjp, x, given_g, axis=axis, **kw), quiet(act.vjp, x, plain, axis=axis, **kw))


# --------------------------------------------------------------------------- (1) the documented errors
def _raises(exc, call, args, kwargs, words):
    """call(*args, **kwargs) raises ``exc`` (TypeError or ValueError, no other exception and no warning), and its
    message holds each of ``words`` (a list: any one of them)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises((TypeError, ValueError)) as info:
            call(*args, **kwargs)
    assert isinstance(info.value, exc), f"{type(info.value).__name__} instead of {exc.__name__}: {info.value}"
    message = str(info.value).lower()
    for word in words:
        options = word if isinstance(word, list) else [word]
        assert any(w.lower() in message for w in options), f"{str(info.value)!r} does not name {options}"


class _Unreadable:
    """An object whose __array__ raises, as a GPU tensor's or a lazy array's does."""

    def __array__(self, dtype=None, copy=None):
        raise RuntimeError("cannot be read on this device")


BAD_X = {
    "str": ("1.5", TypeError), "bytes": (b"1", TypeError), "np.str_": (np.str_("0.5"), TypeError),
    "None": (None, TypeError), "Decimal": (decimal.Decimal("0.5"), TypeError), "complex": (1j, TypeError),
    "complex-array": (np.array([1.0, 2j]), TypeError), "datetime": (np.array(["2024-01-01"], "datetime64[D]"), TypeError),
    "timedelta": (np.array([3], "timedelta64[s]"), TypeError), "object": (object(), TypeError),
    "dict": ({"x": 1.0}, TypeError), "list-with-None": ([1.0, None], TypeError), "ragged": ([[1.0], [1.0, 2.0]], TypeError),
    "longdouble": (np.ones(2, np.longdouble), TypeError), "unreadable": (_Unreadable(), TypeError),
    "strings": (np.array(["1", "2"]), TypeError), "structured": (np.zeros(2, "f8,f8"), TypeError),
    "huge-int": (10**400, ValueError), "list-with-huge-int": ([1.0, 10**400], ValueError),
}
BAD_VALUES = {        # a numeric keyword's bad values and their exception, whatever its valid set
    "str": ("0.5", TypeError), "None": (None, TypeError), "bool": (True, TypeError), "np.bool_": (np.False_, TypeError),
    "bool-array": (np.array([True]), TypeError), "complex": (0.5 + 1j, TypeError),
    "Decimal": (decimal.Decimal("0.5"), TypeError), "object": (object(), TypeError), "strings": (["a"], TypeError),
    "masked": (np.ma.MaskedArray([0.5], mask=[True]), TypeError), "longdouble": (np.longdouble(0.5), TypeError),
    "unreadable": (_Unreadable(), TypeError), "nan": (math.nan, ValueError), "inf": (math.inf, ValueError),
    "-inf": (-math.inf, ValueError), "huge-int": (10**400, ValueError),
}


def _outside(valid: tuple) -> list[float]:
    low, high, low_closed, high_closed = valid
    out = []
    if math.isfinite(low):
        out += [float(np.nextafter(low, -np.inf)), low - 1, -1e300] + ([] if low_closed else [low])
    if math.isfinite(high):
        out += [float(np.nextafter(high, np.inf)), high + 1, 1e300] + ([] if high_closed else [high])
    return out


def _calls(name: str, x, g=None) -> dict:
    act = actlib.get(name)
    if isinstance(act, actlib.VectorActivation):
        g = np.ones(act(x).shape) if g is None else g
        return {"value": act, "jacobian": act.jacobian, "vjp": lambda x_, *a, **k: act.vjp(x_, g, *a, **k)}
    return {"value": act, "grad": act.grad}


GOOD = np.array([[0.5, -1.0, 2.0, -3.0], [4.0, 0.0, -0.25, 1.0]])


@given(data=st.data())
def test_bad_arguments_raise_the_documented_error(name, data):
    """(1): one bad argument at a time, of every kind, in every entry point."""
    calls = _calls(name, GOOD)
    method = data.draw(st.sampled_from(sorted(calls)))
    call = calls[method]
    kw = data.draw(keywords(name, GOOD.shape))
    params = SPEC_PARAMS.get(name, {})
    wrongs = ["x", "keyword", "positional", *(["param", "param-outside", "param-shape"] if params else []),
              *sorted(k for k in SPEC_OPTIONS.get(name, {}))]
    wrong = data.draw(st.sampled_from(wrongs))
    if wrong == "x":
        kind = data.draw(st.sampled_from(sorted(BAD_X)))
        value, exc = BAD_X[kind]
        _raises(exc, call, (value,), kw, [f"{name}: x "])
    elif wrong == "keyword":
        _raises(TypeError, call, (GOOD,), {**kw, "bogus": 1.0}, [name, "bogus"])
    elif wrong == "positional":
        _raises(TypeError, call, (GOOD, 0.5), kw, [name, "positional"])
    elif wrong.startswith("param"):
        p = data.draw(st.sampled_from(sorted(params)))
        if wrong == "param":
            kind = data.draw(st.sampled_from(sorted(BAD_VALUES)))
            bad, exc = BAD_VALUES[kind]
        elif wrong == "param-outside":
            bad, exc = data.draw(st.sampled_from(_outside(_valid_set(name, p)) or [math.nan])), ValueError
            if data.draw(st.booleans()):      # one bad entry in an array of good ones
                bad = np.where(np.arange(GOOD.shape[1]) == 1, bad, float(np.ravel(kw[p])[0]))
        else:
            shape = data.draw(st.sampled_from([(3,), (2, 1, 4), (5, 1)] + ([(4,), (1, 1)] if name in VEC else [])))
            bad, exc = np.full(shape, SPEC_PARAMS[name][p].default), ValueError
        _raises(exc, call, (GOOD,), {**kw, p: bad}, [f"{name}: parameter {p} "])
    else:
        _bad_option(name, wrong, call, kw, data)


def _bad_option(name, option, call, kw, data):
    if option == "axis":
        bad = data.draw(st.sampled_from([2, -3, 100, 1.0, "0", None, True, np.float64(0.0), [0]]))
        exc = ValueError if isinstance(bad, int) and not isinstance(bad, bool) else TypeError
        _raises(exc, call, (GOOD,), {**kw, "axis": bad}, [f"{name}: axis "])
    elif option in ("approximate", "training"):
        bad = data.draw(st.sampled_from(["exact", 1, 0.0, None, ["tanh"], np.array([True]), "True"]))
        _raises(ValueError, call, (GOOD,), {**kw, option: bad}, [f"{name}: {option} "])
    elif option == "rng":
        bad = data.draw(st.sampled_from([42, np.random.RandomState(0), "seed", 1.5]))
        _raises(TypeError, call, (GOOD,), {**kw, "training": True, "rng": bad}, [f"{name}: rng "])
        _raises(ValueError, call, (GOOD,), {**kw, "training": True}, [name, "rng"])
        if np.any(np.less(kw["lower"], kw["upper"])):
            _raises(ValueError, call, (GOOD,), {**kw, "lower": kw["upper"], "upper": kw["lower"]}, [name, "lower"])
    elif option == "max_value":
        kind = data.draw(st.sampled_from(sorted(BAD_VALUES) + ["negative", "array"]))
        bad, exc = {"negative": (-1e-300, ValueError), "array": ([1.0, 2.0], TypeError), "inf": (math.inf, None),
                    "None": (None, None)}.get(kind, BAD_VALUES.get(kind))
        if exc is None:                        # None and ∞: no cap
            assert _same(quiet(call, GOOD, **{**kw, "max_value": bad}), quiet(call, GOOD, **{**kw, "max_value": None}))
        else:
            _raises(exc, call, (GOOD,), {**kw, "max_value": bad}, [f"{name}: max_value "])


@given(data=st.data())
def test_bad_grad_output(vec, data):
    act = actlib.get(vec)
    x, axis = data.draw(vector_input(vec, finite=True))
    shape = quiet(act, x, axis=axis).shape
    other = data.draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=5).filter(lambda s: s != shape))
    _raises(ValueError, act.vjp, (x, np.ones(other)), {"axis": axis}, [f"{vec}: grad_output ", str(shape), str(other)])
    kind = data.draw(st.sampled_from(sorted(k for k in BAD_X if BAD_X[k][1] is TypeError) + ["masked"]))
    value = np.ma.MaskedArray(np.ones(shape)) if kind == "masked" else BAD_X[kind][0]
    _raises(TypeError, act.vjp, (x, value), {"axis": axis}, [f"{vec}: grad_output "])


@pytest.mark.parametrize("gated", sorted(GATES))
def test_an_odd_lane_has_no_halves(gated):
    act = actlib.get(gated)
    for call in _calls(gated, np.ones(4), np.ones(1)).values():
        _raises(ValueError, call, (np.ones((3, 5)),), {"axis": -1}, [gated, "odd", "size 5"])
        _raises(ValueError, call, (np.ones((3, 5)),), {"axis": 0}, [gated, "odd", "size 3"])
    assert act(np.ones((2, 5)), axis=0).shape == (1, 5)


# --------------------------------------------------------------------------- saturated, saturating_sides, get, names
@st.composite
def grids(draw):
    values = draw(hnp.arrays(np.float64, st.integers(0, 12), elements=hnp.from_dtype(np.dtype(np.float64), allow_nan=False,
                                                                                   allow_infinity=False)))
    return np.sort(values)


@FEWER
@given(data=st.data())
def test_saturated(ew, data):
    """A bool mask of x's shape: a leading run (on a side where f′ → 0) and a trailing one, and |f′| (mpmath) below
    actlib.SATURATION wherever it is set; inputs untouched, no warning."""
    act = actlib.get(ew)
    x = data.draw(grids())
    given_x = x.tolist() if data.draw(st.booleans()) else x
    kw = data.draw(keywords(ew, (), arrays=False))
    kw.pop("rng", None)
    before = _snapshot(given_x)
    mask = quiet(actlib.saturated, act, given_x, **kw)
    assert _unchanged(before, [given_x])
    assert isinstance(mask, np.ndarray) and mask.dtype == bool and mask.shape == np.shape(given_x)
    left, right = quiet(actlib.saturating_sides, act, **kw)
    lead = int(np.argmin(mask)) if not mask.all() else mask.size
    trail = int(np.argmin(mask[::-1])) if not mask.all() else mask.size
    assert mask[lead:mask.size - trail].sum() == 0 or mask.all(), "a run in the middle"
    assert (lead == 0 or left or mask.all()) and (trail == 0 or right or mask.all()), "a run on a side that does not saturate"
    r = reference.ref(ew)
    for v in np.asarray(given_x, np.float64)[mask]:
        slope = abs(r.deriv(mpf(float(v)), **reference_keywords(kw, np.float64)))
        assert slope < actlib.SATURATION * (1 + 1e-12) + 1e-300, f"marked at x = {v}, where |f′| = {float(slope)}"


@given(data=st.data())
def test_saturating_sides(ew, data):
    """(left, right) as bools; each True side has |f′| (mpmath) ≤ 1e-8 far out on it (at ∓1e300)."""
    act = actlib.get(ew)
    kw = data.draw(keywords(ew, (), arrays=False))
    kw.pop("rng", None)
    sides = quiet(actlib.saturating_sides, act, **kw)
    assert isinstance(sides, tuple) and len(sides) == 2 and all(type(s) is bool for s in sides)
    r = reference.ref(ew)
    for saturates, side in zip(sides, (-1, 1)):
        slopes = [abs(r.deriv(mpf(side * far), **kw)) for far in (1e10, 1e100, 1e300)]
        assert saturates == all(s <= 1e-8 for s in slopes), f"side {side}: |f′| = {[float(s) for s in slopes]}"


BAD_ACTS = {"str": "sigmoid", "None": None, "function": np.tanh, "vector": actlib.softmax, "int": 3}


@pytest.mark.parametrize("helper", ["saturated", "saturating_sides"])
@given(data=st.data())
def test_saturation_helpers_reject_bad_arguments(helper, data):
    fn = getattr(actlib, helper)
    args = (np.linspace(-5, 5, 11),) if helper == "saturated" else ()
    bad_act = BAD_ACTS[data.draw(st.sampled_from(sorted(BAD_ACTS)))]
    _raises(TypeError, fn, (bad_act, *args), {}, [f"{helper}: act "])
    name = data.draw(st.sampled_from([n for n in EW if SPEC_PARAMS.get(n)]))
    act = actlib.get(name)
    p = data.draw(st.sampled_from(sorted(SPEC_PARAMS[name])))
    _raises(ValueError, fn, (act, *args), {p: math.nan}, [helper, name, p])
    _raises(ValueError, fn, (act, *args), {p: [SPEC_PARAMS[name][p].default] * 2}, [helper, p])
    _raises(TypeError, fn, (act, *args), {"bogus": 1}, [helper, "bogus"])
    if helper == "saturated":
        grid = data.draw(st.sampled_from([[3.0, 1.0, 2.0], [0.0, math.nan], [-math.inf, 0.0], [[1.0, 2.0]], 5.0]))
        _raises(ValueError, fn, (act, grid), {}, [f"{helper}: x "])
        value, exc = BAD_X[data.draw(st.sampled_from(sorted(BAD_X)))]
        _raises(exc, fn, (act, value), {}, [f"{helper}: x "])


@given(name=st.one_of(st.sampled_from(actlib.names() + sorted(ALIASES)), st.text(max_size=12)))
def test_get(name):
    if name in actlib.names() or name in ALIASES:
        act = quiet(actlib.get, name)
        assert act is actlib.get(ALIASES.get(name, name)) and act is getattr(actlib, name)
    else:
        with pytest.raises(KeyError, match="actlib.names"):
            actlib.get(name)


@given(bad=st.one_of(st.none(), st.integers(), st.floats(), st.binary(max_size=4), st.lists(st.text(max_size=3)),
                     st.sampled_from([actlib.relu, np.str_, b"relu"])))
def test_get_rejects_a_name_that_is_not_a_str(bad):
    _raises(TypeError, actlib.get, (bad,), {}, ["get", "name", "str"])


def test_names():
    names = quiet(actlib.names)
    assert isinstance(names, list) and names and all(isinstance(n, str) for n in names)
    assert len(set(names)) == len(names) and not set(names) & set(ALIASES)
    assert [actlib.get(n).name for n in names] == names
    names.append("not_an_activation")
    assert "not_an_activation" not in actlib.names(), "names() hands out the registry itself"
