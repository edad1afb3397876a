"""Independent high-precision references for the activations of spec/ACTIVATIONS.md.

Everything here is written from the mathematical formulas of the spec with mpmath at 50+
significant digits; nothing imports or calls actlib. Also here: the spec's parameter table
(the independent source the registry tests compare against), the input grids, and the
rounding / ulp helpers that measure actlib against these references.

Conventions
- Every reference takes an ``mpf`` x and the parameters as keywords (spec defaults written
  out), and returns an ``mpf``.
- ±inf is evaluated at ±INF_PROXY = ±1e400, beyond float64's range: for every function of
  the spec, f(±1e400) rounded to any float dtype is the limit f(±∞) (and likewise for f′).
- Derivatives at kinks follow the PyTorch autograd conventions stated in the spec.
- Where a formula cancels (x − tanh x near 0, squareplus for x < 0, 1 − σ), a form without
  cancellation or a higher working precision is used, so the 50 digits are all right.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import mpmath
import numpy as np
from mpmath import mp, mpf

mp.dps = 50

INF_PROXY = mpf("1e400")
SQRT2 = mp.sqrt(2)
SQRT_2PI = mp.sqrt(2 * mp.pi)

# Published SELU constants (Klambauer et al. 2017), as the spec and DESIGN.md give them.
SELU_ALPHA = "1.6732632423543772848170429916717"
SELU_SCALE = "1.0507009873554804934193349852946"


def _m(v) -> mpf:
    return v if isinstance(v, mpf) else mpf(v)


# --------------------------------------------------------------------------- building blocks
def sigmoid(x: mpf) -> mpf:
    return 1 / (1 + mp.exp(-x))


def sigmoid_d(x: mpf) -> mpf:
    # σ(x)·σ(−x): both factors are computed directly, no 1 − σ cancellation.
    return sigmoid(x) * sigmoid(-x)


def sech2(x: mpf) -> mpf:
    return 1 / mp.cosh(x) ** 2


def softplus1(x: mpf) -> mpf:
    return mp.log1p(mp.exp(x))


def ncdf(x: mpf) -> mpf:
    """Φ(x). mpmath's erfc overflows internally for |x| ≳ 1e150, so the far tail uses the
    asymptotic series φ(x)/|x|·(1 − 1/x² + 3/x⁴ − 15/x⁶), relative error < 105/x⁸ < 1e-40."""
    if x < -10**6:
        t = 1 / (x * x)
        return npdf(x) / -x * (1 - t + 3 * t**2 - 15 * t**3)
    if x > 10**6:
        return 1 - ncdf(-x)
    return mp.erfc(-x / SQRT2) / 2


def npdf(x: mpf) -> mpf:
    return mp.exp(-x * x / 2) / SQRT_2PI


def _x_minus_tanh(x: mpf) -> mpf:
    """x − tanh x, ≈ x³/3 near 0: computed with enough extra digits to survive the cancellation."""
    if x == 0:
        return mpf(0)
    extra = 10 + max(0, int(-2 * mp.log10(abs(x))))
    with mp.workdps(mp.dps + extra):
        return +(x - mp.tanh(x))


# --------------------------------------------------------------------------- elementwise references
@dataclass(frozen=True)
class Ref:
    """Reference value and derivative of one elementwise activation."""

    value: Callable[..., mpf]
    deriv: Callable[..., mpf]
    kinks: Callable[..., tuple] = lambda **p: ()
    cases: tuple[dict, ...] = ()  # non-default parameter sets the value/derivative tests also run


def _binary_step(x, threshold=0.0):
    return mpf(1) if x >= threshold else mpf(0)


def _hard_sigmoid(x):
    return min(max(mpf(0), x + 3), mpf(6)) / 6


def _relu(x):
    return max(mpf(0), x)


def _leaky(x, alpha):
    return x if x > 0 else _m(alpha) * x


def _leaky_d(x, alpha):
    return mpf(1) if x > 0 else _m(alpha)  # f′(0) = alpha (PyTorch)


def _rrelu_slope(lower, upper):
    return (_m(lower) + _m(upper)) / 2


def _rrelu(x, lower=0.125, upper=1 / 3, training=False):
    assert training is False, "training mode is random; tested by its own properties"
    return x if x > 0 else _rrelu_slope(lower, upper) * x


def _rrelu_d(x, lower=0.125, upper=1 / 3, training=False):
    return mpf(1) if x > 0 else _rrelu_slope(lower, upper)  # PyTorch: f′(0) = the negative slope


def _soft_shrink(x, threshold=0.5):
    t = _m(threshold)
    return x - t if x > t else x + t if x < -t else mpf(0)


def _elu(x, alpha=1.0):
    return x if x > 0 else _m(alpha) * mp.expm1(x)


def _elu_d(x, alpha=1.0):
    return mpf(1) if x > 0 else _m(alpha) * mp.exp(x)  # f′(0) = alpha (PyTorch)


def _celu(x, alpha=1.0):
    a = _m(alpha)
    return max(mpf(0), x) + min(mpf(0), a * mp.expm1(x / a))


def _celu_d(x, alpha=1.0):
    return mpf(1) if x > 0 else mp.exp(x / _m(alpha))  # 1 at 0 (PyTorch)


def _selu(x):
    return mpf(SELU_SCALE) * (x if x > 0 else mpf(SELU_ALPHA) * mp.expm1(x))


def _selu_d(x):
    return mpf(SELU_SCALE) * (1 if x > 0 else mpf(SELU_ALPHA) * mp.exp(x))  # scale·alpha at 0


def _softplus(x, beta=1.0):
    b = _m(beta)
    return softplus1(b * x) / b


def _silu(x, beta=1.0):
    return x * sigmoid(_m(beta) * x)


def _silu_d(x, beta=1.0):
    bx = _m(beta) * x
    return sigmoid(bx) + bx * sigmoid(bx) * sigmoid(-bx)  # product rule, σ′ = σ(t)σ(−t)


_GELU_C = mp.sqrt(2 / mp.pi)
_GELU_K = mpf("0.044715")


def _gelu(x, approximate="none"):
    if approximate == "none":
        return x * ncdf(x)
    u = _GELU_C * (x + _GELU_K * x**3)
    return x * sigmoid(2 * u)  # 0.5x(1 + tanh u) = x·σ(2u), no cancellation for u ≪ 0


def _gelu_d(x, approximate="none"):
    if approximate == "none":
        return ncdf(x) + x * npdf(x)
    u = _GELU_C * (x + _GELU_K * x**3)
    du = _GELU_C * (1 + 3 * _GELU_K * x**2)
    return sigmoid(2 * u) + x / 2 * sech2(u) * du


def _mish(x):
    return x * mp.tanh(softplus1(x))


def _mish_d(x):
    sp = softplus1(x)
    return mp.tanh(sp) + x * sech2(sp) * sigmoid(x)


def _hard_swish(x):
    return x * min(max(mpf(0), x + 3), mpf(6)) / 6


def _hard_swish_d(x):
    # PyTorch 2.x (hardswish_backward): 0 up to −3, x/3 + 1/2 on the open interval (−3, 3), 1 from 3 on.
    return mpf(0) if x <= -3 else x / 3 + mpf(1) / 2 if x < 3 else mpf(1)


def _squareplus(x, beta=4.0):
    b = _m(beta)
    r = mp.sqrt(x * x + b)
    return (x + r) / 2 if x >= 0 else b / (2 * (r - x))


def _squareplus_d(x, beta=4.0):
    b = _m(beta)
    r = mp.sqrt(x * x + b)
    if r == 0:  # β = 0 is ReLU: slope 0 at its kink x = 0 (PyTorch)
        return mpf(0)
    # (1 + x/r)/2, for x < 0 rewritten as b / (2 r (r − x)) to avoid cancellation.
    return (1 + x / r) / 2 if x >= 0 else b / (2 * r * (r - x))


def _general_relu(x, alpha=0.0, threshold=0.0, max_value=None):
    """Keras's relu(x, negative_slope=alpha, max_value, threshold): min(x, m) above θ, α(x − θ) at and below it."""
    t = _m(threshold)
    if x > t:
        return x if max_value is None else min(x, _m(max_value))
    return _m(alpha) * (x - t)


def _general_relu_d(x, alpha=0.0, threshold=0.0, max_value=None):
    # α at x = θ (the x ≤ θ branch, like leaky ReLU's α at 0), 0 at the cap x = m (like Hardtanh's bounds)
    if x <= threshold:
        return _m(alpha)
    return mpf(1) if max_value is None or x < max_value else mpf(0)


def _general_relu_kinks(alpha=0.0, threshold=0.0, max_value=None):
    return (threshold,) if max_value is None else (threshold, max_value)


def _sparse_plus(x):
    return mpf(0) if x <= -1 else (x + 1) ** 2 / 4 if x < 1 else x


def _sparse_plus_d(x):
    return mpf(0) if x <= -1 else (x + 1) / 2 if x < 1 else mpf(1)


def _both(t):
    return lambda threshold=t: (-threshold, threshold)


ELEMENTWISE: dict[str, Ref] = {
    # s_shaped
    "binary_step": Ref(_binary_step, lambda x, threshold=0.0: mpf(0), lambda threshold=0.0: (threshold,),
                       cases=({"threshold": 1.5}, {"threshold": -0.75})),
    "sigmoid": Ref(sigmoid, sigmoid_d),
    "hard_sigmoid": Ref(_hard_sigmoid, lambda x: mpf(1) / 6 if -3 < x < 3 else mpf(0), lambda: (-3.0, 3.0)),
    "sparse_sigmoid": Ref(lambda x: min(max(mpf(0), (x + 1) / 2), mpf(1)),
                          lambda x: mpf(1) / 2 if -1 < x < 1 else mpf(0), lambda: (-1.0, 1.0)),  # 0 at the kinks
    "log_sigmoid": Ref(lambda x: -softplus1(-x), lambda x: sigmoid(-x)),
    "tanh": Ref(mp.tanh, sech2),
    "hard_tanh": Ref(lambda x: min(max(mpf(-1), x), mpf(1)), lambda x: mpf(1) if -1 < x < 1 else mpf(0),
                     lambda: (-1.0, 1.0)),
    "softsign": Ref(lambda x: x / (1 + abs(x)), lambda x: 1 / (1 + abs(x)) ** 2, lambda: (0.0,)),
    "arctan": Ref(mp.atan, lambda x: 1 / (1 + x * x)),
    # relu_like
    "identity": Ref(lambda x: x, lambda x: mpf(1)),
    "relu": Ref(_relu, lambda x: mpf(1) if x > 0 else mpf(0), lambda: (0.0,)),
    "relu6": Ref(lambda x: min(max(mpf(0), x), mpf(6)), lambda x: mpf(1) if 0 < x < 6 else mpf(0),
                 lambda: (0.0, 6.0)),
    "leaky_relu": Ref(lambda x, alpha=0.01: _leaky(x, alpha), lambda x, alpha=0.01: _leaky_d(x, alpha),
                      lambda alpha=0.01: (0.0,),
                      cases=({"alpha": 0.2}, {"alpha": 0.0}, {"alpha": 1.5}, {"alpha": -0.5})),
    "prelu": Ref(lambda x, alpha=0.25: _leaky(x, alpha), lambda x, alpha=0.25: _leaky_d(x, alpha),
                 lambda alpha=0.25: (0.0,), cases=({"alpha": 0.0}, {"alpha": 0.7})),
    "rrelu": Ref(_rrelu, _rrelu_d, lambda **p: (0.0,),
                 cases=({"lower": 0.1, "upper": 0.5}, {"lower": 0.2, "upper": 0.2})),
    "thresholded_relu": Ref(lambda x, threshold=1.0: x if x > threshold else mpf(0),
                            lambda x, threshold=1.0: mpf(1) if x > threshold else mpf(0),
                            lambda threshold=1.0: (threshold,),
                            cases=({"threshold": 0.0}, {"threshold": 2.5})),
    "general_relu": Ref(_general_relu, _general_relu_d, _general_relu_kinks,
                        cases=({"alpha": 0.2}, {"threshold": 1.5}, {"max_value": 6.0},
                               {"alpha": 0.1, "threshold": 0.5, "max_value": 2.0}, {"threshold": 1.0, "max_value": 0.5})),
    "hard_shrink": Ref(lambda x, threshold=0.5: x if abs(x) > threshold else mpf(0),
                       lambda x, threshold=0.5: mpf(1) if abs(x) > threshold else mpf(0), _both(0.5),
                       cases=({"threshold": 0.0}, {"threshold": 1.25})),
    "soft_shrink": Ref(_soft_shrink, lambda x, threshold=0.5: mpf(1) if abs(x) > threshold else mpf(0),
                       _both(0.5), cases=({"threshold": 0.0}, {"threshold": 1.25})),
    # exponential
    "elu": Ref(_elu, _elu_d, lambda alpha=1.0: (0.0,), cases=({"alpha": 0.0}, {"alpha": 0.5}, {"alpha": 2.5})),
    "celu": Ref(_celu, _celu_d, lambda alpha=1.0: (0.0,), cases=({"alpha": 0.5}, {"alpha": 2.0})),
    "selu": Ref(_selu, _selu_d, lambda: (0.0,)),
    # smooth
    "softplus": Ref(_softplus, lambda x, beta=1.0: sigmoid(_m(beta) * x),
                    cases=({"beta": 0.5}, {"beta": 5.0}, {"beta": 100.0})),
    "sparse_plus": Ref(_sparse_plus, _sparse_plus_d, lambda: (-1.0, 1.0)),
    "silu": Ref(_silu, _silu_d, cases=({"beta": 0.0}, {"beta": 0.5}, {"beta": 2.0})),
    "gelu": Ref(_gelu, _gelu_d, cases=({"approximate": "tanh"},)),
    "mish": Ref(_mish, _mish_d),
    "hard_swish": Ref(_hard_swish, _hard_swish_d, lambda: (-3.0, 3.0)),
    "tanhshrink": Ref(_x_minus_tanh, lambda x: mp.tanh(x) ** 2),
    "squareplus": Ref(_squareplus, _squareplus_d, cases=({"beta": 1.0}, {"beta": 9.0})),
    "gaussian": Ref(lambda x: mp.exp(-x * x), lambda x: -2 * x * mp.exp(-x * x)),
    "exponential": Ref(mp.exp, mp.exp),
}

VECTOR = ("softmax", "log_softmax", "softmin", "sparsemax", "glu", "reglu", "geglu", "swiglu", "crelu")
GATES = {"glu": "sigmoid", "reglu": "relu", "geglu": "gelu", "swiglu": "silu"}


# --------------------------------------------------------------------------- the spec's parameter table
@dataclass(frozen=True)
class SpecParam:
    """A parameter as the spec states it; None where the spec does not say."""

    default: float
    low: float | None = None
    high: float | None = None
    step: float | None = None
    valid: tuple | None = None  # (low, high, low_closed, high_closed)


REALS = (-math.inf, math.inf, False, False)
POSITIVE = (0.0, math.inf, False, False)
NONNEGATIVE = (0.0, math.inf, True, False)

SPEC_PARAMS: dict[str, dict[str, SpecParam]] = {
    "binary_step": {"threshold": SpecParam(0.0)},
    "leaky_relu": {"alpha": SpecParam(0.01, -2, 2, 0.01, REALS)},
    "prelu": {"alpha": SpecParam(0.25, -2, 2, 0.01, REALS)},
    "rrelu": {"lower": SpecParam(1 / 8, 0, 0.5, 0.01, NONNEGATIVE), "upper": SpecParam(1 / 3, 0, 1, 0.01, NONNEGATIVE)},
    "thresholded_relu": {"threshold": SpecParam(1.0, 0, 3, 0.05, NONNEGATIVE)},
    # Keras relu(x, negative_slope=0.0, max_value=None, threshold=0.0); its ReLU layer rejects negative values
    "general_relu": {"alpha": SpecParam(0.0, 0, 1, 0.01, NONNEGATIVE), "threshold": SpecParam(0.0, 0, 3, 0.05, NONNEGATIVE)},
    "hard_shrink": {"threshold": SpecParam(0.5, 0, 3, 0.05, NONNEGATIVE)},
    "soft_shrink": {"threshold": SpecParam(0.5, 0, 3, 0.05, NONNEGATIVE)},
    "elu": {"alpha": SpecParam(1.0, 0, 3, 0.05, NONNEGATIVE)},
    "celu": {"alpha": SpecParam(1.0, 0.05, 3, 0.05, POSITIVE)},
    "softplus": {"beta": SpecParam(1.0, 0.1, 10, 0.1, POSITIVE)},
    "silu": {"beta": SpecParam(1.0, 0, 5, 0.05, NONNEGATIVE)},
    "squareplus": {"beta": SpecParam(4.0, 0, 10, 0.1, NONNEGATIVE)},
    "softmax": {"temperature": SpecParam(1.0, 0.1, 5, 0.05, POSITIVE)},
}
# Non-numeric keywords: name -> {option: (default, choices)}; vector ones also take axis (default −1).
SPEC_OPTIONS: dict[str, dict[str, tuple]] = {
    "rrelu": {"training": (False, (False, True)), "rng": (None, None)},
    "gelu": {"approximate": ("none", ("none", "tanh"))},
    "general_relu": {"max_value": (None, None)},
    **{name: {"axis": (-1, None)} for name in VECTOR},
}
SPEC_ALIASES = {"swish": "silu"}
REQUIRED = (*ELEMENTWISE, *VECTOR)


def ref(name: str) -> Ref:
    assert name in ELEMENTWISE, f"{name} is not in spec/ACTIVATIONS.md: no reference to test it against"
    return ELEMENTWISE[name]


# --------------------------------------------------------------------------- evaluation with a memo
def to_mpf(x: float) -> mpf:
    """The exact value of a float; ±inf becomes ±INF_PROXY."""
    x = float(x)
    if math.isinf(x):
        return INF_PROXY if x > 0 else -INF_PROXY
    return mpf(x)


_MEMO: dict[tuple, tuple[mpf, mpf]] = {}


def params_key(params: dict) -> tuple:
    return tuple(sorted(params.items()))


def evaluate(name: str, xs, params: dict | None = None) -> tuple[list[mpf], list[mpf]]:
    """Reference values and derivatives of ``name`` at every x of ``xs`` (memoised per point)."""
    params = params or {}
    r = ref(name)
    key = (name, params_key(params))
    values, derivs = [], []
    for x in np.asarray(xs, dtype=np.float64).ravel().tolist():
        hit = _MEMO.get((key, x))
        if hit is None:
            m = to_mpf(x)
            hit = _MEMO[(key, x)] = (r.value(m, **params), r.deriv(m, **params))
        values.append(hit[0])
        derivs.append(hit[1])
    return values, derivs


def second_derivative(name: str, x: float, params: dict | None = None) -> mpf:
    """f″(x) by a central difference of the analytic f′ at 50 digits (20 of them survive)."""
    params = params or {}
    m = to_mpf(x)
    h = abs(m) * mpf("1e-20") if m != 0 else mpf("1e-20")
    d = ref(name).deriv
    return (d(m + h, **params) - d(m - h, **params)) / (2 * h)


def condition(x: float, f: mpf, df: mpf) -> float:
    """κ = |x·f′(x)/f(x)|, the relative condition number of evaluating f at x (0 where x·f′ = 0)."""
    m = to_mpf(x)
    if m == 0 or df == 0:
        return 0.0
    if f == 0:
        return math.inf
    return float(abs(m * df / f))


# --------------------------------------------------------------------------- rounding and ulp
_MANTISSA = {np.dtype(np.float16): 11, np.dtype(np.float32): 24, np.dtype(np.float64): 53}


def round_to(value: mpf, dtype) -> np.floating:
    """``value`` correctly rounded to ``dtype`` (to nearest; ±inf on overflow)."""
    dtype = np.dtype(dtype)
    if mp.isinf(value):
        return dtype.type(float(value))
    with mp.workprec(_MANTISSA[dtype]):
        r = +value
    with np.errstate(over="ignore"):
        return dtype.type(float(r))


def ulp_error(got, exact: mpf, dtype) -> tuple[float, bool]:
    """(error, absolute) — error of ``got`` against ``exact``:

    in ulp of ``exact`` rounded to ``dtype`` when that is a normal number; in units of the
    smallest normal (``absolute`` True) when it is 0 or subnormal; 0 or inf when it overflows
    (exact match required). NaN scores inf.
    """
    dtype = np.dtype(dtype)
    got = float(got)
    if math.isnan(got):
        return math.inf, False
    rounded = round_to(exact, dtype)
    if np.isinf(rounded):
        return (0.0 if got == float(rounded) else math.inf), False
    if math.isinf(got):
        return math.inf, False
    tiny = float(np.finfo(dtype).tiny)
    if abs(float(rounded)) < tiny:
        return float(abs(mpf(got) - exact) / tiny), True
    ulp = mp.ldexp(1, math.frexp(float(rounded))[1] - _MANTISSA[dtype])  # spacing at |rounded|
    return float(abs(mpf(got) - exact) / ulp), False


# K, in ulp, of the allowed error K + κ(x) of values and derivatives. float16 is computed in float32
# (or float64) and rounded once, so it is held to 1 ulp.
K_ULP = {np.float64: 4, np.float32: 4, np.float16: 1}


def accuracy_failures(name: str, params: dict, xs: np.ndarray, got: np.ndarray, which: str,
                      abs_tiny: float = 4) -> list[str]:
    """Points where ``got`` (actlib's f or f′ at ``xs``) misses the reference by more than
    ``K + κ(x)`` ulp (K from K_ULP), κ the condition number of the quantity (|x f′/f| for
    the value, |x f″/f′| for the derivative), or by more than ``abs_tiny`` smallest normals where
    the reference is 0 or subnormal in that dtype. κ is computed only where the error exceeds
    K (it never matters elsewhere)."""
    dtype = xs.dtype
    bound_ulp = K_ULP[dtype.type]
    values, derivs = evaluate(name, xs, params)
    exact = values if which == "value" else derivs
    rows = []
    for i, x in enumerate(xs.tolist()):
        err, absolute = ulp_error(got[i], exact[i], dtype)
        if err <= (abs_tiny if absolute else bound_ulp):
            continue
        if absolute or math.isinf(x) or math.isinf(err):
            kappa = 0.0
        elif which == "value":
            kappa = condition(x, values[i], derivs[i])
        else:
            kappa = condition(x, derivs[i], second_derivative(name, x, params))
        if not absolute and err <= bound_ulp + kappa:
            continue
        unit = "smallest normals" if absolute else f"ulp > {bound_ulp} + κ, κ={kappa:.3g}"
        rows.append((err, f"x={x!r}: got {float(got[i])!r}, exact {mpmath.nstr(exact[i], 20)}, error {err:.3g} {unit}"))
    rows.sort(key=lambda r: -r[0])
    return [f"{len(rows)} of {len(xs)} points fail; worst:"] + [r[1] for r in rows[:8]] if rows else []


# --------------------------------------------------------------------------- grids
def _symmetric(values) -> np.ndarray:
    v = np.asarray(values, dtype=np.float64)
    return np.concatenate([-v[::-1], v])


DENSE = np.arange(-30.0, 30.0 + 1 / 32, 1 / 16)  # dyadic, exact in float16/32/64; holds every spec kink
_NEAR_KINKS = [c + s * d for c in (-6, -3, -1, -0.5, 0.5, 1, 3, 6) for d in (1e-9, 1e-6) for s in (-1, 1)]


def extremes(dtype) -> np.ndarray:
    """±(smallest subnormal, tiny, 1e-300, 1e-8, …, 700, 1e308, max, inf) as far as ``dtype`` holds them."""
    info = np.finfo(dtype)
    magnitudes = [float(info.smallest_subnormal), float(info.tiny), 1e-310, 1e-300, 1e-200, 1e-100, 1e-20,
                  1e-8, 1e-4, 31.5, 40, 100, 700, 709.7, 710, 745.2, 800, 1e4, 1e10, 1e20, 1e100, 1e200,
                  1e308, float(info.max), math.inf]
    with np.errstate(over="ignore"):
        cast = np.asarray(magnitudes, dtype=dtype)
    cast = cast[cast != 0]
    cast = cast[np.isinf(cast) | (cast <= info.max)]
    return np.unique(_symmetric(cast.astype(np.float64))).astype(dtype)


def grid(dtype) -> np.ndarray:
    """The value/derivative test grid for ``dtype``: [−30, 30] densely, points beside kinks, extremes."""
    dtype = np.dtype(dtype)
    parts = [DENSE, extremes(dtype)]
    if dtype != np.float16:  # full-mantissa points, not only dyadic ones
        rng = np.random.default_rng(20240611 + dtype.itemsize)
        parts += [rng.uniform(-30, 30, 300 if dtype == np.float64 else 200), _NEAR_KINKS]
    return np.unique(np.concatenate([np.asarray(p, dtype=dtype) for p in parts]))


def param_grid() -> np.ndarray:
    """The lighter float64 grid for non-default parameter sets."""
    return np.unique(np.concatenate([np.arange(-30, 30.01, 1 / 8), _NEAR_KINKS, extremes(np.float64)]))


# --------------------------------------------------------------------------- vector-valued references
def softmax(xs, temperature=1.0) -> list[mpf]:
    t = _m(temperature)
    xs = [_m(x) / t for x in xs]
    top = max(xs)
    e = [mp.exp(x - top) for x in xs]
    s = mp.fsum(e)
    return [v / s for v in e]


def log_softmax(xs) -> list[mpf]:
    """x − max − log1p(Σ_{j ≠ argmax} e^{x_j − max}): log Σ of a sum ≈ 1 would lose the tiny terms."""
    xs = [_m(x) for x in xs]
    top = max(xs)
    first = xs.index(top)
    rest = mp.fsum(mp.exp(x - top) for j, x in enumerate(xs) if j != first)
    return [(x - top) - mp.log1p(rest) for x in xs]


def softmax_jacobian(xs, temperature=1.0) -> list[list[mpf]]:
    y = softmax(xs, temperature)
    t = _m(temperature)
    return [[((1 if i == j else 0) * y[i] - y[i] * y[j]) / t for j in range(len(y))] for i in range(len(y))]


def log_softmax_jacobian(xs) -> list[list[mpf]]:
    y = softmax(xs)
    return [[(1 if i == j else 0) - y[j] for j in range(len(y))] for i in range(len(y))]


def softmin(xs) -> list[mpf]:
    return softmax([-_m(x) for x in xs])


def softmin_jacobian(xs) -> list[list[mpf]]:
    """∂softmax(−x)/∂x = −J_softmax(−x)."""
    return [[-v for v in row] for row in softmax_jacobian([-_m(x) for x in xs])]


def sparsemax(xs) -> list[mpf]:
    """max(x − τ, 0), the Euclidean projection onto the probability simplex (Martins & Astudillo 2016, Alg. 1):
    z sorted decreasingly, k the largest rank with 1 + k·z_(k) > z_(1) + … + z_(k), τ = (z_(1) + … + z_(k) − 1)/k.
    The lane is first shifted by its maximum (sparsemax is shift-invariant), so ±INF_PROXY entries meet no
    1 + 1e400 that 50 digits cannot hold."""
    xs = [_m(x) for x in xs]
    top = max(xs)
    z = [x - top for x in xs]
    total = support_sum = mpf(0)
    k = 0
    for rank, v in enumerate(sorted(z, reverse=True), start=1):
        total += v
        if 1 + rank * v > total:
            k, support_sum = rank, total
    tau = (support_sum - 1) / k
    return [max(v - tau, mpf(0)) for v in z]


def sparsemax_jacobian(xs) -> list[list[mpf]]:
    """diag(s) − s sᵀ/|S|, s_i = [sparsemax(x)_i > 0]."""
    s = [1 if v > 0 else 0 for v in sparsemax(xs)]
    k = sum(s)
    return [[mpf(s[i] * ((1 if i == j else 0) - mpf(s[j]) / k)) for j in range(len(s))] for i in range(len(s))]


def crelu(xs) -> list[mpf]:
    """[ReLU(x); ReLU(−x)]: twice the length of x."""
    xs = [_m(x) for x in xs]
    return [max(mpf(0), x) for x in xs] + [max(mpf(0), -x) for x in xs]


def crelu_jacobian(xs) -> list[list[mpf]]:
    """2n × n: [x_i > 0] at (i, i), −[x_i < 0] at (n + i, i), 0 elsewhere (slope 0 at x_i = 0, as ReLU's)."""
    xs = [_m(x) for x in xs]
    n = len(xs)
    rows = [[mpf(0)] * n for _ in range(2 * n)]
    for i, x in enumerate(xs):
        rows[i][i] = mpf(1) if x > 0 else mpf(0)
        rows[n + i][i] = mpf(-1) if x < 0 else mpf(0)
    return rows


def glu(name: str, xs) -> list[mpf]:
    """a ⊙ g(b) with a the first half, b the second half of ``xs``."""
    xs = [_m(x) for x in xs]
    h = len(xs) // 2
    gate = ELEMENTWISE[GATES[name]].value
    return [xs[i] * gate(xs[h + i]) for i in range(h)]


def glu_jacobian(name: str, xs) -> list[list[mpf]]:
    xs = [_m(x) for x in xs]
    h = len(xs) // 2
    g = ELEMENTWISE[GATES[name]]
    rows = []
    for i in range(h):
        row = [mpf(0)] * (2 * h)
        row[i] = g.value(xs[h + i])
        row[h + i] = xs[i] * g.deriv(xs[h + i])
        rows.append(row)
    return rows


_VECTOR_REFERENCES = {"softmax": (softmax, softmax_jacobian), "log_softmax": (log_softmax, log_softmax_jacobian),
                      "softmin": (softmin, softmin_jacobian), "sparsemax": (sparsemax, sparsemax_jacobian),
                      "crelu": (crelu, crelu_jacobian)}


def vector_value(name: str, xs, **params) -> list[mpf]:
    if name in GATES:
        return glu(name, xs)
    return _VECTOR_REFERENCES[name][0](xs, **params)


def vector_jacobian(name: str, xs, **params) -> list[list[mpf]]:
    if name in GATES:
        return glu_jacobian(name, xs)
    return _VECTOR_REFERENCES[name][1](xs, **params)


# --------------------------------------------------------------------------- SELU fixed point
def selu_fixed_point() -> tuple[mpf, mpf]:
    """(alpha, scale) solving the self-normalizing conditions for z ~ N(0, 1):
    E[selu(z)] = 0 and E[selu(z)²] = 1, by numerical integration and mpmath.findroot."""
    pos1 = mp.quad(lambda z: z * npdf(z), [0, mp.inf])
    pos2 = mp.quad(lambda z: z * z * npdf(z), [0, mp.inf])
    neg1 = mp.quad(lambda z: mp.expm1(z) * npdf(z), [-mp.inf, 0])
    neg2 = mp.quad(lambda z: mp.expm1(z) ** 2 * npdf(z), [-mp.inf, 0])

    def conditions(alpha, scale):
        return scale * (pos1 + alpha * neg1), scale**2 * (pos2 + alpha**2 * neg2) - 1

    alpha, scale = mp.findroot(conditions, (mpf("1.6"), mpf("1.0")))
    return alpha, scale
