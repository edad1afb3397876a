"""The registry machinery: parameters, properties, activations and input checks.

Every activation is one object that holds its value, its derivative, its parameters and
its metadata side by side. Creating an :class:`Activation` (or :class:`VectorActivation`)
registers it, so a new function needs no edit anywhere else.

A call checks all its arguments before it computes anything: TypeError for a wrong kind of value,
ValueError for a value outside what is allowed (a range, a shape), each message naming the function,
the argument and what is allowed. It then computes in the working dtype (:func:`working_dtype`).
"""

from __future__ import annotations

import contextlib
import math
import numbers
import operator
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

    def __contains__(self, value: float | np.ndarray) -> bool:
        """``value`` (a number, or every entry of an array) lies in the set; NaN lies in none."""
        above = value >= self.low if self.low_closed else value > self.low
        below = value <= self.high if self.high_closed else value < self.high
        return bool(np.all(above & below)) if isinstance(value, np.ndarray) else bool(above and below)

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
    """A keyword that is not a slider parameter (a choice, a flag, an axis, a cap) with its default and allowed values.

    ``check(who, name, value)`` returns the value to use or raises TypeError/ValueError; without it, the value
    must be one of ``choices`` (of the same kind: True, not 1) when there are choices.
    """

    default: Any
    choices: tuple | None
    doc_zh: str
    doc_en: str
    check: Callable[[str, str, Any], Any] | None = None


@dataclass(frozen=True)
class JS:
    """The browser form of an elementwise activation: the JavaScript bodies of f and f′ for one number.

    ``f`` and ``df`` are function bodies that ``return`` f(x) and f′(x); in scope are ``x``, every parameter by
    its Python name (``alpha``, ``beta``, ``threshold``, …), the options named in ``options`` (a string stays a
    string, None is null) and the shared helpers of the prelude, actlib/static/forms-prelude.js. Any other
    option is held at its default (RReLU's form is its eval form). actlib/browser_forms.py assembles them.
    """

    f: str
    df: str
    options: tuple[str, ...] = ()


# --------------------------------------------------------------------------- properties
class _Bounds:
    """The field Properties.range. A bound may be given as a function of no argument (a minimum that takes
    root-finding): it is computed when the range is first read and kept, so importing actlib computes none."""

    def __set_name__(self, owner, name):
        self.slot = "_" + name

    def __get__(self, obj, owner=None):
        if obj is None:
            raise AttributeError("range")          # the field has no default
        bounds = obj.__dict__[self.slot]
        if any(map(callable, bounds)):
            bounds = obj.__dict__[self.slot] = tuple(float(b()) if callable(b) else b for b in bounds)
        return bounds

    def __set__(self, obj, value):
        obj.__dict__[self.slot] = tuple(value)


@dataclass(frozen=True)
class Properties:
    """Shape facts of an elementwise activation at its default parameters.

    range:              (inf f, sup f) over the real line; ±INF when unbounded (a bound may be a function of
                        no argument that computes it, called on first read)
    monotonic:          f is non-decreasing everywhere
    continuity:         k such that f is C^k; -1 when f jumps, INF when smooth
    zero_centred:       f is odd, f(−x) = −f(x), so its outputs balance around 0
    saturating_left:    f′(x) → 0 as x → −∞        (saturating_right: as x → +∞)
    identity_near_zero: f(0) = 0 and f′(0) = 1
    sparse:             f(x) = 0 exactly on a half-line (a share of units output 0)
    kinks:              points where f or one of its derivatives jumps
    """

    range: tuple[float, float] = _Bounds()
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


def _elementwise_with_numbers(who: str, act: Any, params: dict[str, Any]) -> None:
    """TypeError unless ``act`` is an elementwise activation; its keywords checked, every parameter one number."""
    if not isinstance(act, Activation):
        kind = (f"{act.name} is vector-valued (it has a Jacobian, not an f′)" if isinstance(act, VectorActivation)
                else f"got {_described(act)}")
        raise TypeError(f"{who}: act must be an elementwise activation such as actlib.sigmoid "
                        f"(actlib.get(name) looks one up); {kind}")
    try:
        bound = act._bind(params)
    except (TypeError, ValueError) as error:
        raise type(error)(f"{who}: {error}") from None
    for key in act.params:
        if isinstance(bound[key], np.ndarray):
            raise ValueError(f"{who}: parameter {key} of {act.name} must be a single number here (one curve), got "
                             f"an array of shape {bound[key].shape}")


def saturating_sides(act: "Activation", **params: Any) -> tuple[bool, bool]:
    """(left, right): whether f′(x) → 0 as x → −∞ (as x → +∞) at these parameters.

    Decided numerically: |f′| ≤ 1e-8 at x = ∓1e10, ∓1e100, ∓1e300. At the default parameters this
    is ``act.properties.saturating_left`` / ``saturating_right`` (tests/test_properties.py).
    """
    _elementwise_with_numbers("saturating_sides", act, params)
    slopes = np.abs(np.asarray(act.grad(np.concatenate([-_FAR, _FAR]), **params), dtype=float))
    return bool(np.all(slopes[:_FAR.size] <= 1e-8)), bool(np.all(slopes[_FAR.size:] <= 1e-8))


def saturated(act: "Activation", x: Any, **params: Any) -> np.ndarray:
    """Where f saturates on the grid ``x`` (one-dimensional, finite, sorted increasingly): |f′| < SATURATION on a
    run of points that goes on into a tail in which f′ → 0 (``saturating_sides``). A dip of |f′| between the tails
    (SiLU's and GELU's minima) and a small constant slope (leaky ReLU's left side) are not saturation.

    A run at an end of ``x`` counts only if |f′| stays below SATURATION beyond it, checked on
    points spaced geometrically outwards to 10⁶ beyond the end.
    """
    _elementwise_with_numbers("saturated", act, params)
    x = as_real_array(x, "saturated").astype(np.float64)
    if x.ndim != 1:
        raise ValueError(f"saturated: x must be a one-dimensional grid, got shape {x.shape}")
    if not np.all(np.isfinite(x)) or np.any(x[1:] < x[:-1]):
        raise ValueError("saturated: x must be finite and sorted in increasing order")
    low = np.abs(np.asarray(act.grad(x, **params), dtype=float)) < SATURATION     # NaN: not saturated
    mask = np.zeros(x.shape, dtype=bool)
    if x.size == 0:
        return mask
    steps = max(x.size - 1, 1)
    span = float(x[-1]) - float(x[0])
    spacing = (span / steps if span < INF else float(x[-1]) / steps - float(x[0]) / steps) or 1.0
    with np.errstate(over="ignore"):          # beyond ±max the probes are ±inf, where f′ has its limit
        out = np.geomspace(spacing, 1e6 + spacing, 200)
    for side, saturates in zip((-1, 1), saturating_sides(act, **params)):
        edge = x[0] if side < 0 else x[-1]
        with np.errstate(over="ignore"):
            probe = edge + side * out
        beyond = np.abs(np.asarray(act.grad(probe, **params), dtype=float))
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
def _described(value: Any) -> str:
    """``value`` for an error message: its type and a short repr (an int by its size: a huge one has no short repr)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"an int of {value.bit_length()} bits"
    return f"{type(value).__name__} {value!r:.40}"


def _needs_detach(value: Any) -> bool:
    """A torch tensor that requires grad: NumPy cannot read it."""
    return type(value).__module__.partition(".")[0] == "torch" and bool(getattr(value, "requires_grad", False))


def _from_objects(array: np.ndarray, value: Any, who: str, what: str) -> np.ndarray:
    """An object array of real Python numbers (ints of any size, floats, Fractions, numpy scalars) as float64;
    TypeError for anything else in it (None, Decimal, str, …), ValueError for a number beyond float64."""
    out = np.empty(array.shape, np.float64)
    flat = out.reshape(-1)
    for i, item in enumerate(array.flat):
        if not isinstance(item, numbers.Real) or isinstance(item, np.longdouble):
            holder = ("" if array.ndim == 0 else "an object array holding " if isinstance(value, np.ndarray)
                      else f"a {type(value).__name__} holding ")
            raise TypeError(f"{who}: {what} must be real numbers (int, float, bool, or an array of int, bool, "
                            f"float16/32/64), got {holder}{_described(item)}")
        try:
            flat[i] = float(item)
        except OverflowError:
            raise ValueError(f"{who}: {what} holds {_described(item)}, too large for float64 "
                             f"(|{what.split()[-1]}| ≤ {np.finfo(np.float64).max:.6g})") from None
    return out


def _as_array(value: Any, who: str, what: str) -> np.ndarray:
    """``np.asarray(value)`` in native byte order, every way of failing a TypeError naming ``who`` and ``what``
    (a ragged list, an object whose ``__array__`` raises, a torch tensor that requires grad); an object array
    is read by :func:`_from_objects`. Masked arrays are refused: their mask would be lost."""
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{who}: {what} must be real numbers, got {_described(value)}")
    if isinstance(value, np.ma.MaskedArray):
        raise TypeError(f"{who}: {what} must not be a masked array (its mask would be lost); fill it first, "
                        f"e.g. {what.split()[-1]}.filled(0.0)")
    try:
        array = np.asarray(value)
    except Exception as error:  # noqa: BLE001  (whatever __array__ raises)
        handle = what.split()[-1]
        if _needs_detach(value):
            raise TypeError(f"{who}: {what} is a torch tensor that requires grad; actlib computes with NumPy, so "
                            f"pass {handle}.detach() (or {handle}.detach().numpy())") from None
        if isinstance(value, (list, tuple)):
            raise TypeError(f"{who}: {what} must be a rectangular array of real numbers, got a ragged "
                            f"{type(value).__name__} ({error})") from None
        raise TypeError(f"{who}: {what} of type {type(value).__name__} cannot be read as an array of real "
                        f"numbers ({type(error).__name__}: {error})") from None
    if array.dtype.kind == "O":
        return _from_objects(array, value, who, what)
    if not array.dtype.isnative:
        return array.astype(array.dtype.newbyteorder("="))
    return array


def _not_real(array: np.ndarray, value: Any) -> str:
    """What is wrong with an array that is not of real numbers, for an error message."""
    kind = array.dtype.kind
    if kind == "c":
        return "complex numbers"
    if kind == "f":
        return f"{array.dtype} (use float16, float32 or float64)"
    return f"dtype {array.dtype} ({type(value).__name__})"


def as_real_array(x: Any, who: str, what: str = "x") -> np.ndarray:
    """``x`` as a native float16/32/64 ndarray; integers (Python ints of any size too) and bools become float64.

    TypeError naming ``who`` and ``what`` for strings, None, Decimal, complex numbers, datetimes, objects,
    masked arrays and anything NumPy cannot read; ValueError for an int beyond float64. Nothing reaches
    numpy that would fail there with a bare traceback.
    """
    array = _as_array(x, who, what)
    kind = array.dtype.kind
    if kind in "biu":
        return array.astype(np.float64)
    if array.dtype.type in _FLOAT_DTYPES:
        return array
    raise TypeError(f"{who}: {what} must be real numbers (int, bool, float16/32/64), got {_not_real(array, x)}")


def _real_parameter(who: str, what: str, value: Any) -> np.ndarray:
    """A numeric keyword as a float64 array (a copy): a number, a list or an array of numbers, not a bool."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{who}: {what} must be a real number, got bool {value!r}")
    array = _as_array(value, who, what)
    if array.dtype.kind not in "iu" and array.dtype.type not in _FLOAT_DTYPES:
        got = "bools" if array.dtype.kind == "b" else _not_real(array, value)
        raise TypeError(f"{who}: {what} must be a real number (or an array of them), got {got}")
    return array.astype(np.float64)


def _check_param(who: str, name: str, spec: Param, value: Any, shape: tuple[int, ...] | None) -> float | np.ndarray:
    """``value`` as a float (or a float64 array that broadcasts to ``shape``, the shape of x), inside spec.valid.
    A Python float or int, the common case, is checked without numpy."""
    if type(value) in (float, int):
        try:
            number = float(value)
        except OverflowError:
            raise ValueError(f"{who}: parameter {name} is {_described(value)}, too large for float64") from None
    else:
        array = _real_parameter(who, f"parameter {name}", value)
        if array.ndim:
            if not (np.all(np.isfinite(array)) and array in spec.valid):
                raise ValueError(f"{who}: parameter {name} must lie in {spec.valid}, got {value!r:.60}")
            if shape is not None and _broadcast(array.shape, shape) != tuple(shape):
                raise ValueError(f"{who}: parameter {name} has shape {array.shape}, which does not broadcast to the "
                                 f"shape of x, {tuple(shape)}")
            return array
        number = float(array)
    if not (math.isfinite(number) and number in spec.valid):
        raise ValueError(f"{who}: parameter {name} must lie in {spec.valid}, got {value!r:.60}")
    return number


def _broadcast(*shapes: tuple[int, ...]) -> tuple[int, ...] | None:
    """The broadcast shape, or None where the shapes do not broadcast together."""
    try:
        return np.broadcast_shapes(*shapes)
    except ValueError:
        return None


def _same_choice(value: Any, choice: Any) -> bool:
    """``value`` is ``choice``, of its kind: True, not 1; "tanh", and np.str_("tanh") too."""
    kind = (bool, np.bool_) if isinstance(choice, bool) else type(choice)
    return isinstance(value, kind) and bool(value == choice)


def _check_option(who: str, name: str, spec: Option, value: Any) -> Any:
    if spec.check is not None:
        return spec.check(who, name, value)
    if spec.choices is not None:
        for choice in spec.choices:
            if _same_choice(value, choice):
                return choice
        allowed = " | ".join(repr(c) for c in spec.choices)
        raise ValueError(f"{who}: {name} must be one of {allowed}, got {value!r:.40}")
    return value


def check_axis(who: str, name: str, value: Any) -> int:
    """An axis is an int (a numpy int too), not a bool or a float; its range is checked against x later."""
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{who}: {name} must be an int, got bool {value!r}")
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{who}: {name} must be an int, got {_described(value)}") from None


def check_generator(who: str, name: str, value: Any) -> Any:
    """None or a numpy.random.Generator."""
    if value is not None and not isinstance(value, np.random.Generator):
        raise TypeError(f"{who}: {name} must be a numpy.random.Generator (np.random.default_rng(seed)), "
                        f"got {_described(value)}")
    return value


def check_cap(who: str, name: str, value: Any) -> float | None:
    """None (no cap) or one real number in [0, ∞], as a float."""
    if value is None:
        return None
    array = _real_parameter(who, name, value)
    if array.ndim:
        raise TypeError(f"{who}: {name} must be None or a single real number ≥ 0, got an array of shape {array.shape}")
    if not array >= 0:
        raise ValueError(f"{who}: {name} must be None or lie in [0, ∞], got {value!r:.40}")
    return float(array)


_FLOAT32 = np.dtype(np.float32)
_TINY32, _MAX32 = float(np.finfo(np.float32).tiny), float(np.finfo(np.float32).max)


def _fits_float32(value: float | np.ndarray) -> bool:
    """Every value is representable in float32 without overflow or underflow: ±inf, 0, or a magnitude in
    [tiny, max]."""
    if isinstance(value, float):
        magnitude = abs(value)
        return magnitude == 0 or magnitude == INF or _TINY32 <= magnitude <= _MAX32
    magnitude = np.abs(value)
    return bool(np.all((magnitude == INF) | (magnitude == 0) | ((magnitude >= _TINY32) & (magnitude <= _MAX32))))


def working_dtype(dtype: np.dtype, values: Any) -> np.dtype:
    """The dtype actlib computes in for input of ``dtype`` with keyword values ``values``: float16 in float32;
    float16/32 in float64 when a numeric value (a parameter, a cap) does not fit the working dtype
    (|p| > max, or 0 < |p| < tiny: it would round to ±inf or 0), so that the parameter counts in full; the
    result is then rounded once to ``dtype``. The numeric values are floats and float64 arrays."""
    if dtype == np.float64:
        return dtype
    if all(_fits_float32(v) for v in values if isinstance(v, (float, np.ndarray))):
        return _FLOAT32
    return np.dtype(np.float64)


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
    constraint: Callable[..., None] | None = None   # raises unless the keywords, all given, go together

    def __post_init__(self) -> None:
        self._check_fields()
        for key in (self.name, *self.aliases):
            if key in _REGISTRY or key in _ALIASES:
                raise ValueError(f"activation name {key!r} is already registered")
        _REGISTRY[self.name] = self
        _ALIASES.update({alias: self.name for alias in self.aliases})

    def _check_fields(self) -> None:
        """ValueError (or TypeError) naming the activation for a field that cannot be registered."""
        if not isinstance(self.frameworks, dict) or set(self.frameworks) != set(FRAMEWORKS):
            keys = sorted(self.frameworks) if isinstance(self.frameworks, dict) else self.frameworks
            raise ValueError(f"{self.name}: frameworks must have exactly the keys {', '.join(FRAMEWORKS)}, got {keys!r:.80}")
        for key, entry in self.frameworks.items():
            parse_entry(entry, key, self.name, tuple(self.defaults))
        check_differences(self.name, self.frameworks, self.differences, isinstance(self, VectorActivation))
        if not all(isinstance(text, str) and text.strip() for text in (self.about_zh, self.about_en)):
            raise ValueError(f"{self.name}: about_zh and about_en must say, in a few sentences each, what it is "
                             "and where it is used")

    @property
    def defaults(self) -> dict[str, Any]:
        """Every keyword with its default value."""
        values = {k: p.default for k, p in self.params.items()}
        return values | {k: o.default for k, o in self.options.items()}

    def _bind(self, given: dict[str, Any], shape: tuple[int, ...] | None = None) -> dict[str, Any]:
        """The full keyword set, each one checked: unknown names, types and ranges raise; a parameter array must
        broadcast to ``shape`` (the shape of x) when it is given."""
        unknown = set(given) - set(self.params) - set(self.options)
        if unknown:
            known = ", ".join([*self.params, *self.options]) or "none"
            raise TypeError(f"{self.name}: unexpected keyword {sorted(unknown)[0]!r}; it takes: {known}")
        bound = self.defaults
        for key, value in given.items():
            if key in self.params:
                bound[key] = _check_param(self.name, key, self.params[key], value, shape)
            else:
                bound[key] = _check_option(self.name, key, self.options[key], value)
        return bound

    def _no_positional(self, extra: tuple, takes: str) -> None:
        """TypeError for positional arguments beyond ``takes`` (a parameter passed by position, say)."""
        if extra:
            keywords = ", ".join(f"{k}=…" for k in (*self.params, *self.options))
            rest = f"; its parameters are keywords ({keywords})" if keywords else ", and it takes no parameters"
            raise TypeError(f"{self.name}: the positional arguments are {takes} only{rest}; got {len(extra)} more")

    def _prepare(self, array: np.ndarray, given: dict[str, Any]) -> tuple[np.ndarray, dict[str, Any]]:
        """(x in the working dtype, the checked keywords with their arrays in it); see :func:`working_dtype`."""
        kwargs = self._bind(given, array.shape)
        if self.constraint is not None:
            self.constraint(**kwargs)
        work = working_dtype(array.dtype, kwargs.values())
        for key, value in kwargs.items():
            if isinstance(value, np.ndarray):
                kwargs[key] = value.astype(work)
        return array.astype(work, copy=False), kwargs

    def __repr__(self) -> str:
        return f"<activation {self.name}: {self.name_en} · {self.name_zh}>"


def _rounded(rule: Callable[..., np.ndarray], work: np.ndarray, kwargs: dict[str, Any], dtype: np.dtype) -> np.ndarray:
    """rule(work, **kwargs) rounded once to ``dtype``. Overflow to ±inf and underflow to 0 are the correctly
    rounded results of a finite input whose exact value lies beyond the dtype, so those two are not warned about."""
    with np.errstate(over="ignore", under="ignore"):
        return np.asarray(rule(work, **kwargs)).astype(dtype, copy=False)


@dataclass(eq=False, repr=False)
class Activation(_Base):
    """An elementwise activation f with its derivative f′ and its metadata.

    x: a number, a (nested) list or an array of int, bool, float16/32/64 (any byte order), or a masked array,
    whose mask the result keeps. Integers and bools are computed as float64, float16 in float32; the result
    has the dtype (native), the shape and, for a masked x, the mask of x. A parameter is a real number or an
    array that broadcasts to the shape of x. See :func:`working_dtype` for a parameter beyond the dtype.

    ``js`` is its browser form, ``JS(f="return …;", df="return …;")`` (see :class:`JS`), kept beside the Python
    definition so that the in-browser playground has every activation; an activation without one is refused.
    """

    value: Callable[..., np.ndarray] = None
    derivative: Callable[..., np.ndarray] = None
    grad_latex: str = ""
    properties: Properties = None
    js: JS = None

    def _check_fields(self) -> None:
        super()._check_fields()
        if not isinstance(self.js, JS):
            raise TypeError(f"{self.name}: js must be the browser form of f and f′, JS(f=\"return …;\", "
                            f"df=\"return …;\") (actlib.core.JS), got {_described(self.js)}")
        if not all(isinstance(body, str) and "return" in body for body in (self.js.f, self.js.df)):
            raise TypeError(f"{self.name}: js.f and js.df must be JavaScript function bodies (str) that return "
                            "the value")
        unknown = set(self.js.options) - set(self.options)
        if unknown:
            raise ValueError(f"{self.name}: js.options names {sorted(unknown)[0]!r}, which is not an option of "
                             f"{self.name} (its options: {', '.join(self.options) or 'none'})")

    def __call__(self, x: Any, *extra: Any, **params: Any) -> np.ndarray:
        """f(x), elementwise; parameters are keyword arguments."""
        return self._apply(self.value, x, extra, params)

    def grad(self, x: Any, *extra: Any, **params: Any) -> np.ndarray:
        """f′(x) = df/dx, elementwise, same shape and dtype as x."""
        return self._apply(self.derivative, x, extra, params)

    def _apply(self, rule: Callable[..., np.ndarray], x: Any, extra: tuple, given: dict[str, Any]) -> np.ndarray:
        self._no_positional(extra, "x")
        mask = np.ma.getmaskarray(x).copy() if isinstance(x, np.ma.MaskedArray) else None
        array = as_real_array(x if mask is None else x.filled(0), self.name)   # under the mask: f(0), never read
        work, kwargs = self._prepare(array, given)
        out = _rounded(rule, work, kwargs, array.dtype)
        if mask is not None:
            out = np.ma.MaskedArray(out, mask=mask)
        return out[()] if out.ndim == 0 else out


def _same_shape(shape: tuple[int, ...], axis: int) -> tuple[int, ...]:
    return shape


@dataclass(eq=False, repr=False)
class VectorActivation(_Base):
    """A vector-valued activation along ``axis``, with its Jacobian and a vector-Jacobian product.

    value(x, axis, **params)                 -> y
    jacobian_rule(x, axis, **params)         -> J with J[..., i, j] = ∂y_i/∂x_j (axis moved last)
    vjp_rule(x, g, axis, **params)           -> gᵀJ, the gradient that backpropagation needs
    output_shape(shape, axis)                -> the shape of y for x of ``shape`` (ValueError where there is none)

    x as for :class:`Activation`, except masked arrays (a masked entry has no meaning inside a lane); every
    parameter is a single number, applied to every lane.
    """

    value: Callable[..., np.ndarray] = None
    jacobian_rule: Callable[..., np.ndarray] = None
    vjp_rule: Callable[..., np.ndarray] = None
    output_shape: Callable[[tuple[int, ...], int], tuple[int, ...]] = _same_shape
    grad_latex: str = ""

    def __post_init__(self) -> None:
        self.options = {"axis": Option(-1, None, "沿哪一个轴计算", "the axis it acts along", check_axis)} | self.options
        super().__post_init__()

    def _bind(self, given: dict[str, Any], shape: tuple[int, ...] | None = None) -> dict[str, Any]:
        bound = super()._bind(given)
        for key in self.params:
            if isinstance(bound[key], np.ndarray):
                raise ValueError(f"{self.name}: parameter {key} must be a single number (it applies to every lane), "
                                 f"got an array of shape {bound[key].shape}")
        return bound

    def _lanes(self, x: Any, given: dict[str, Any]) -> tuple[np.ndarray, np.ndarray, dict[str, Any], tuple]:
        """(x, x in the working dtype, the keywords with a checked non-negative axis, the shape of y)."""
        if isinstance(x, np.ma.MaskedArray):
            raise TypeError(f"{self.name}: masked arrays are not supported along an axis (a masked entry has no "
                            f"meaning inside a lane); fill them first, e.g. x.filled(value)")
        array = as_real_array(x, self.name)
        work, kwargs = self._prepare(array, given)
        axis = kwargs["axis"]
        if not -array.ndim <= axis < array.ndim:
            raise ValueError(f"{self.name}: axis {axis} is out of range for an input of shape {array.shape}")
        kwargs["axis"] = axis % array.ndim
        return array, work, kwargs, self.output_shape(array.shape, kwargs["axis"])

    def _result(self, rule: Callable[..., np.ndarray], x: Any, extra: tuple, given: dict[str, Any]) -> np.ndarray:
        self._no_positional(extra, "x")
        array, work, kwargs, _ = self._lanes(x, given)
        return _rounded(rule, work, kwargs, array.dtype)

    def __call__(self, x: Any, *extra: Any, **params: Any) -> np.ndarray:
        """y = f(x) along ``axis`` (default the last)."""
        return self._result(self.value, x, extra, params)

    def jacobian(self, x: Any, *extra: Any, **params: Any) -> np.ndarray:
        """J[..., i, j] = ∂y_i/∂x_j, with ``axis`` moved to the last two places."""
        return self._result(self.jacobian_rule, x, extra, params)

    def vjp(self, x: Any, grad_output: Any, *extra: Any, **params: Any) -> np.ndarray:
        """∂L/∂x = Jᵀ g for an upstream gradient g = ∂L/∂y, of exactly the shape of y (computed in x's working dtype).
        A NaN or ±∞ in g gives NaN (or ±∞) where IEEE arithmetic puts it (∞·0 is NaN), without a warning."""
        self._no_positional(extra, "x and grad_output")
        array, work, kwargs, shape = self._lanes(x, params)
        g = as_real_array(grad_output, self.name, "grad_output")
        if g.shape != shape:
            raise ValueError(f"{self.name}: grad_output has shape {g.shape}; it must have the shape of "
                             f"{self.name}(x), {shape}")
        with contextlib.nullcontext() if np.isfinite(g).all() else np.errstate(invalid="ignore"):
            return _rounded(lambda x, **kw: self.vjp_rule(x, g.astype(x.dtype, copy=False), **kw), work, kwargs,
                            array.dtype)


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
