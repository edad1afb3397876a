"""The registry machinery: parameters, properties, activations and input checks.

Every activation is one object that holds its value, its derivative, its parameters and
its metadata side by side. Creating an :class:`Activation` (or :class:`VectorActivation`)
registers it, so a new function needs no edit anywhere else.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from .frameworks import ROOTS, Differs, check_differences, parse_entry

INF = math.inf
SATURATION = 0.05       # |f′| below this, in a tail where f′ → 0, is saturation (the book's §2.5)
FRAMEWORKS = tuple(ROOTS)     # pytorch, keras, tensorflow, jax: act.frameworks' keys (actlib/frameworks.py)
_FLOAT_DTYPES = (np.float16, np.float32, np.float64)
_REGISTRY: dict[str, "Activation | VectorActivation"] = {}
_ALIASES: dict[str, str] = {}


# --------------------------------------------------------------------------- parameters
@dataclass(frozen=True)
class Interval:
    """The set of valid values of a parameter, e.g. ``Interval(0, INF)`` is (0, ∞)."""

    low: float = -INF
    high: float = INF
    low_closed: bool = False
    high_closed: bool = False

    def __contains__(self, value: float) -> bool:
        above = value >= self.low if self.low_closed else value > self.low
        below = value <= self.high if self.high_closed else value < self.high
        return bool(above and below)

    def __str__(self) -> str:
        def show(v: float) -> str:
            return "∞" if v == INF else "−∞" if v == -INF else f"{v:g}"

        left = "[" if self.low_closed else "("
        right = "]" if self.high_closed else ")"
        return f"{left}{show(self.low)}, {show(self.high)}{right}"


REALS = Interval()
POSITIVE = Interval(0.0, INF)
NONNEGATIVE = Interval(0.0, INF, low_closed=True)


@dataclass(frozen=True)
class Param:
    """A real parameter: default, slider range (low, high, step), bilingual doc, valid set."""

    default: float
    low: float
    high: float
    step: float
    doc_zh: str
    doc_en: str
    valid: Interval = REALS

    def grid(self, count: int = 41) -> np.ndarray:
        """``count`` evenly spaced slider positions from ``low`` to ``high``."""
        return np.linspace(self.low, self.high, count)


@dataclass(frozen=True)
class Option:
    """A non-numeric keyword (a choice, a flag, an axis) with its default and allowed values."""

    default: Any
    choices: tuple | None
    doc_zh: str
    doc_en: str


# --------------------------------------------------------------------------- properties
@dataclass(frozen=True)
class Properties:
    """Shape facts of an elementwise activation at its default parameters.

    range:              (inf f, sup f) over the real line; ±INF when unbounded
    monotonic:          f is non-decreasing everywhere
    continuity:         k such that f is C^k; -1 when f jumps, INF when smooth
    zero_centred:       f is odd, f(−x) = −f(x), so its outputs balance around 0
    saturating_left:    f′(x) → 0 as x → −∞        (saturating_right: as x → +∞)
    identity_near_zero: f(0) = 0 and f′(0) = 1
    sparse:             f(x) = 0 exactly on a half-line (a share of units output 0)
    kinks:              points where f or one of its derivatives jumps
    """

    range: tuple[float, float]
    monotonic: bool
    continuity: float
    zero_centred: bool
    saturating_left: bool
    saturating_right: bool
    identity_near_zero: bool
    sparse: bool = False
    kinks: tuple[float, ...] = ()

    @property
    def bounded(self) -> bool:
        return math.isfinite(self.range[0]) and math.isfinite(self.range[1])


# --------------------------------------------------------------------------- saturation
_FAR = np.array([1e10, 1e100, 1e300])      # where f′ has reached its limit in every registered tail


def saturating_sides(act: "Activation", **params: Any) -> tuple[bool, bool]:
    """(left, right): whether f′(x) → 0 as x → −∞ (as x → +∞) at these parameters.

    Decided numerically: |f′| ≤ 1e-8 at x = ∓1e10, ∓1e100, ∓1e300. At the default parameters this
    is ``act.properties.saturating_left`` / ``saturating_right`` (tests/test_properties.py).
    """
    slopes = np.abs(np.asarray(act.grad(np.concatenate([-_FAR, _FAR]), **params), dtype=float))
    return bool(np.all(slopes[:_FAR.size] <= 1e-8)), bool(np.all(slopes[_FAR.size:] <= 1e-8))


def saturated(act: "Activation", x: Any, **params: Any) -> np.ndarray:
    """Where f saturates on the sorted grid ``x``: |f′| < SATURATION on a run of points that goes on
    into a tail in which f′ → 0 (``saturating_sides``). A dip of |f′| between the tails (SiLU's and
    GELU's minima) and a small constant slope (leaky ReLU's left side) are not saturation.

    A run at an end of ``x`` counts only if |f′| stays below SATURATION beyond it, checked on
    points spaced geometrically outwards to 10⁶ beyond the end.
    """
    x = np.asarray(x, dtype=float)
    low = np.abs(np.asarray(act.grad(x, **params), dtype=float)) < SATURATION     # NaN: not saturated
    mask = np.zeros(x.shape, dtype=bool)
    if x.size == 0:
        return mask
    spacing = (x[-1] - x[0]) / max(x.size - 1, 1) or 1.0
    out = np.geomspace(spacing, 1e6 + spacing, 200)
    for side, saturates in zip((-1, 1), saturating_sides(act, **params)):
        edge = x[0] if side < 0 else x[-1]
        beyond = np.abs(np.asarray(act.grad(edge + side * out, **params), dtype=float))
        if not saturates or not np.all(beyond < SATURATION):
            continue
        run = low if side < 0 else low[::-1]
        length = x.size if run.all() else int(np.argmin(run))     # leading run of True
        if side < 0:
            mask[:length] = True
        else:
            mask[x.size - length:] = True
    return mask


# --------------------------------------------------------------------------- input checks
def as_real_array(x: Any, who: str) -> np.ndarray:
    """``x`` as a float16/32/64 ndarray (integers and bools become float64).

    Raises TypeError naming the type for strings, objects, complex numbers and other
    non-real input, so nothing reaches numpy that would fail with a bare traceback.
    """
    if isinstance(x, (str, bytes)):
        raise TypeError(f"{who}: x must be real numbers, got {type(x).__name__} {x!r:.40}")
    try:
        array = np.asarray(x)
    except (ValueError, TypeError) as error:  # ragged nested lists
        raise TypeError(f"{who}: x must be a rectangular array of real numbers ({error})") from None
    kind = array.dtype.kind
    if kind in "biu":
        return array.astype(np.float64)
    if kind == "f" and array.dtype.type in _FLOAT_DTYPES:
        return array
    what = {"c": "complex numbers", "f": f"{array.dtype} (use float16, float32 or float64)"}
    raise TypeError(
        f"{who}: x must be real numbers (int, bool, float16/32/64), "
        f"got {what.get(kind, f'dtype {array.dtype} ({type(x).__name__})')}"
    )


def _check_param(who: str, name: str, spec: Param, value: Any) -> float | np.ndarray:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating, np.ndarray, list, tuple)):
        raise TypeError(f"{who}: parameter {name} must be a real number, got {type(value).__name__} {value!r:.40}")
    array = np.asarray(value)
    if array.dtype.kind not in "iuf":
        raise TypeError(f"{who}: parameter {name} must be real, got dtype {array.dtype}")
    array = array.astype(np.float64)
    if not np.all(np.isfinite(array)) or not all(v in spec.valid for v in array.ravel().tolist()):
        raise ValueError(f"{who}: parameter {name} must lie in {spec.valid}, got {value!r:.60}")
    return float(array) if array.ndim == 0 else array


def _check_option(who: str, name: str, spec: Option, value: Any) -> Any:
    if spec.choices is not None and value not in spec.choices:
        allowed = " | ".join(repr(c) for c in spec.choices)
        raise ValueError(f"{who}: {name} must be one of {allowed}, got {value!r:.40}")
    return value


# --------------------------------------------------------------------------- activations
@dataclass(eq=False)
class _Base:
    name: str
    name_zh: str
    name_en: str
    summary_zh: str
    summary_en: str
    latex: str
    frameworks: dict[str, str | tuple[str, ...]]     # "none", a call form or a tuple of them (frameworks.py)
    about_zh: str           # what it is and where it is used, a few sentences (the reference appendix)
    about_en: str
    params: dict[str, Param] = field(default_factory=dict)
    options: dict[str, Option] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    differences: tuple[Differs, ...] = ()   # where actlib deliberately gives another result than a framework

    def __post_init__(self) -> None:
        if not isinstance(self.frameworks, dict) or set(self.frameworks) != set(FRAMEWORKS):
            keys = sorted(self.frameworks) if isinstance(self.frameworks, dict) else self.frameworks
            raise ValueError(f"{self.name}: frameworks must have exactly the keys {', '.join(FRAMEWORKS)}, got {keys!r:.80}")
        for key, entry in self.frameworks.items():
            parse_entry(entry, key, self.name, tuple(self.defaults))
        check_differences(self.name, self.frameworks, self.differences, isinstance(self, VectorActivation))
        if not all(isinstance(text, str) and text.strip() for text in (self.about_zh, self.about_en)):
            raise ValueError(f"{self.name}: about_zh and about_en must say, in a few sentences each, what it is "
                             "and where it is used")
        for key in (self.name, *self.aliases):
            if key in _REGISTRY or key in _ALIASES:
                raise ValueError(f"activation name {key!r} is already registered")
        _REGISTRY[self.name] = self
        _ALIASES.update({alias: self.name for alias in self.aliases})

    @property
    def defaults(self) -> dict[str, Any]:
        """Every keyword with its default value."""
        values = {k: p.default for k, p in self.params.items()}
        return values | {k: o.default for k, o in self.options.items()}

    def _bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """The full keyword set, checked: unknown names, types and ranges raise."""
        unknown = set(given) - set(self.params) - set(self.options)
        if unknown:
            known = ", ".join([*self.params, *self.options]) or "none"
            raise TypeError(f"{self.name}: unexpected keyword {sorted(unknown)[0]!r}; it takes: {known}")
        bound = self.defaults
        for key, value in given.items():
            if key in self.params:
                bound[key] = _check_param(self.name, key, self.params[key], value)
            else:
                bound[key] = _check_option(self.name, key, self.options[key], value)
        return bound

    def _evaluate(self, rule: Callable[..., np.ndarray], x: Any, given: dict[str, Any]) -> np.ndarray:
        """Apply ``rule`` to checked input; float16 is computed in float32; dtype and shape kept.

        Overflow to ±inf and underflow to 0 are the correctly rounded results of a finite
        input whose exact value lies beyond the dtype, so those two are not warned about.
        """
        array = as_real_array(x, self.name)
        kwargs = self._bind(given)
        work = array.astype(np.float32) if array.dtype == np.float16 else array
        for key, value in kwargs.items():
            if isinstance(value, np.ndarray):
                kwargs[key] = value.astype(work.dtype)
        with np.errstate(over="ignore", under="ignore"):
            out = np.asarray(rule(work, **kwargs)).astype(array.dtype, copy=False)
        return out[()] if out.ndim == 0 else out

    def __repr__(self) -> str:
        return f"<activation {self.name}: {self.name_en} · {self.name_zh}>"


@dataclass(eq=False, repr=False)
class Activation(_Base):
    """An elementwise activation f with its derivative f′ and its metadata."""

    value: Callable[..., np.ndarray] = None
    derivative: Callable[..., np.ndarray] = None
    grad_latex: str = ""
    properties: Properties = None

    def __call__(self, x: Any, **params: Any) -> np.ndarray:
        """f(x), elementwise; parameters are keyword arguments."""
        return self._evaluate(self.value, x, params)

    def grad(self, x: Any, **params: Any) -> np.ndarray:
        """f′(x) = df/dx, elementwise, same shape and dtype as x."""
        return self._evaluate(self.derivative, x, params)


@dataclass(eq=False, repr=False)
class VectorActivation(_Base):
    """A vector-valued activation along ``axis``, with its Jacobian and a vector-Jacobian product.

    value(x, axis, **params)                 -> y
    jacobian_rule(x, axis, **params)         -> J with J[..., i, j] = ∂y_i/∂x_j (axis moved last)
    vjp_rule(x, g, axis, **params)           -> gᵀJ, the gradient that backpropagation needs
    """

    value: Callable[..., np.ndarray] = None
    jacobian_rule: Callable[..., np.ndarray] = None
    vjp_rule: Callable[..., np.ndarray] = None
    grad_latex: str = ""

    def __post_init__(self) -> None:
        self.options = {"axis": Option(-1, None, "沿哪一个轴计算", "the axis it acts along")} | self.options
        super().__post_init__()

    def _checked_axis(self, x: np.ndarray, axis: Any) -> int:
        if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, (int, np.integer)):
            raise TypeError(f"{self.name}: axis must be an int, got {type(axis).__name__}")
        if x.ndim == 0 or not -x.ndim <= axis < x.ndim:
            raise ValueError(f"{self.name}: axis {axis} is out of range for an input of shape {x.shape}")
        return int(axis) % x.ndim

    def _with_axis(self, rule: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
        def run(x: np.ndarray, axis: int, **kwargs: Any) -> np.ndarray:
            return rule(x, self._checked_axis(x, axis), **kwargs)

        return run

    def __call__(self, x: Any, **params: Any) -> np.ndarray:
        """y = f(x) along ``axis`` (default the last)."""
        return self._evaluate(self._with_axis(self.value), x, params)

    def jacobian(self, x: Any, **params: Any) -> np.ndarray:
        """J[..., i, j] = ∂y_i/∂x_j, with ``axis`` moved to the last two places."""
        return self._evaluate(self._with_axis(self.jacobian_rule), x, params)

    def vjp(self, x: Any, grad_output: Any, **params: Any) -> np.ndarray:
        """∂L/∂x = Jᵀ g for an upstream gradient g = ∂L/∂y (shape of y)."""
        g = as_real_array(grad_output, self.name)

        def rule(x: np.ndarray, axis: int, **kwargs: Any) -> np.ndarray:
            return self.vjp_rule(x, g.astype(x.dtype), axis, **kwargs)

        return self._evaluate(self._with_axis(rule), x, params)


# --------------------------------------------------------------------------- look-up
def names() -> list[str]:
    """Every registered activation name (aliases not repeated), in definition order."""
    return list(_REGISTRY)


def get(name: str) -> Activation | VectorActivation:
    """The activation called ``name`` (or one of its aliases, e.g. ``swish`` → silu)."""
    if not isinstance(name, str):
        raise TypeError(f"get: name must be a str, got {type(name).__name__}")
    key = _ALIASES.get(name, name)
    if key not in _REGISTRY:
        raise KeyError(f"no activation named {name!r}; actlib.names() lists them all")
    return _REGISTRY[key]
