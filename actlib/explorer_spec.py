"""What an explorer shows, worked out with numpy alone (no matplotlib, no ipywidgets).

:func:`build` checks the arguments of :func:`actlib.explore` and returns a :class:`Spec`: the
shown functions, one :class:`Control` per parameter name (a slider acts on every shown function
that has that parameter) or per choice option (GELU's ``approximate``), and the slider grids of
the static page. Both the live widget (``explorer.py``) and the static HTML
(``explorer_static.py``) are drawn from it, so they show the same thing.

Static grid of a slider: ``GRID_POSITIONS`` evenly spaced positions from ``Param.low`` to
``Param.high`` (the common part of the ranges when several functions share the parameter), or
``GRID_POSITIONS_SEVERAL`` when a shown function has several controls, plus the starting value
and every owner's default, so the page starts exactly where the live widget does. A function's
static states are the product of its controls' grids (``Spec.states``), so every pair of
positions is drawn.

y-limits (``y_view``): the curves at the current values, padded and snapped outwards to multiples
of a round step; they stay as they are while the curves still fit and fill at least ``KEEP`` of
the panel's height, so a slider step rarely moves the axes. Saturation is ``actlib.saturated``.

What can be drawn is checked before anything is drawn: an x range within ±``X_LIMIT`` and at least
``X_RESOLUTION`` · max(1, |low|, |high|) wide (narrower, the live grid's points crowd the float
spacing and the y-axis shows rounding), starting values on their sliders, and at the start every
curve finite with |f|, |f′| ≤ ``DRAWABLE`` on the x range. At other slider positions a value
beyond ``DRAWABLE`` (only possible for a function that overflows) is left out of the y-limits.
"""

from __future__ import annotations

import difflib
import itertools
import math
import numbers
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from .core import SATURATION, Activation, Option, Param, VectorActivation, get, names as all_names, saturated

STATIC_POINTS = 201     # x samples per curve in the static HTML
LIVE_POINTS = 1001      # x samples per curve in the live figure
GRID_POSITIONS = 41     # evenly spaced slider positions in the static HTML (plus start and defaults)
GRID_POSITIONS_SEVERAL = 21   # ... per control of a function with several (their product is stored)
KEEP = 0.5              # y-limits stay while the curves fill at least this share of the panel height
MARGIN = 0.06           # share of the curves' span added above and below before snapping
TICKS = 6               # y-limits snap to a round step of about 1/TICKS of the padded span
MAX_FUNCTIONS = 8
X_LIMIT = 1e6           # x_range lies within [−X_LIMIT, X_LIMIT] ...
X_RESOLUTION = 1e-6     # ... and is at least X_RESOLUTION · max(1, |low|, |high|) wide
DRAWABLE = 1e300        # |values| above this (or infinite) are off every panel; the start must have none
BAND = 0.045            # height (axes fraction) of each function's saturation strip in an overlay

# Colour-blind-safe (Okabe–Ito based) colours: (on a light page, on a dark page).
PALETTE = (
    ("#0072B2", "#56B4E9"),
    ("#D55E00", "#FF8F4D"),
    ("#009E73", "#3DD9A8"),
    ("#B0488F", "#E69AD0"),
    ("#A87600", "#F2C14E"),
    ("#5E5E5E", "#C8C8C8"),
    ("#4B6FD1", "#9DB5FF"),
    ("#8C2D19", "#F0907A"),
)

# How a parameter is written in formulas (TeX, plain text). Only backslash symbols are
# substituted into the formula; any other parameter is appended as "name = value".
SYMBOLS = {
    "alpha": (r"\alpha", "α"),
    "beta": (r"\beta", "β"),
    "threshold": (r"\theta", "θ"),
    "temperature": ("T", "T"),
    "lower": ("l", "l"),
    "upper": ("u", "u"),
}


def fmt(value: Any) -> str:
    """A grid value as the short ASCII text shown on a slider (``0.025``, ``-1.5``, ``tanh``)."""
    if isinstance(value, str):
        return value
    text = f"{float(value):.4g}"
    return "0" if text == "-0" else text


def tex_value(value: Any) -> str:
    """A value as it is written into a formula: negative numbers in parentheses."""
    if isinstance(value, str):
        return rf"\text{{{value}}}"
    text = fmt(value)
    return f"({text})" if text.startswith("-") else text


@dataclass
class Control:
    """One slider (a numeric parameter) or one choice (a string option), shared by its owners."""

    name: str
    kind: str                       # "param" or "option"
    owners: tuple[int, ...]         # indices of the shown functions that take it
    doc_zh: str
    doc_en: str
    grid: tuple                     # static positions: floats, or the option's choices
    base: int                       # index of the starting value in grid
    initial: Any                    # starting value (live and static)
    low: float = 0.0                # live slider range and step (params only)
    high: float = 0.0
    step: float = 0.0

    @property
    def symbol(self) -> str:
        """The math symbol shown beside the name ("" when it has none)."""
        return SYMBOLS[self.name][1] if self.kind == "param" and self.name in SYMBOLS else ""

    @property
    def labels(self) -> list[str]:
        return [fmt(v) for v in self.grid]


@dataclass
class Shown:
    """One shown function: its activation, colour and the controls it reads."""

    act: Activation
    color: int
    controls: tuple[int, ...]       # indices into Spec.controls
    fixed: dict[str, Any] = field(default_factory=dict)   # keywords given but not exposed

    @property
    def label_en(self) -> str:
        return self.act.name_en

    @property
    def label_zh(self) -> str:
        return self.act.name_zh


@dataclass
class Spec:
    functions: list[Shown]
    controls: list[Control]
    x_range: tuple[float, float]
    derivative: bool
    call: str                       # the explore(...) call, for text/plain and ids

    # ------------------------------------------------------------------ evaluation
    def kwargs(self, fn: int, values: dict[str, Any]) -> dict[str, Any]:
        """The keywords of function ``fn`` for control values ``values`` (name → value)."""
        shown = self.functions[fn]
        out = dict(shown.fixed)
        for c in shown.controls:
            out[self.controls[c].name] = values[self.controls[c].name]
        return out

    def evaluate(self, fn: int, x: np.ndarray, values: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
        """(f(x), f′(x)) of function ``fn``; ValueError when the values are invalid for it."""
        act = self.functions[fn].act
        kwargs = self.kwargs(fn, values)
        return np.asarray(act(x, **kwargs), dtype=float), np.asarray(act.grad(x, **kwargs), dtype=float)

    @property
    def initial(self) -> dict[str, Any]:
        return {c.name: c.initial for c in self.controls}

    def saturated(self, fn: int, x: np.ndarray, values: dict[str, Any]) -> np.ndarray:
        """Where function ``fn`` saturates at control values ``values`` (``actlib.saturated``)."""
        return saturated(self.functions[fn].act, x, **self.kwargs(fn, values))

    def moves(self, control: int) -> tuple[str, str]:
        """The functions a control moves, (中文, English), when the explorer shows several; else ("", "")."""
        if len(self.functions) < 2:
            return "", ""
        owners = [self.functions[i] for i in self.controls[control].owners]
        return "、".join(o.label_zh for o in owners), ", ".join(o.label_en for o in owners)

    # ------------------------------------------------------------------ static grid
    def states(self, fn: int) -> list[dict[str, int]]:
        """The static states of function ``fn`` (control name → grid index): the product of its
        controls' grids in row-major order (the last control varies fastest), so that the state
        of positions (p₁, …, p_k) is ((p₁·n₂ + p₂)·n₃ + …) + p_k (explorer.js: ``stateIndex``)."""
        names = [self.controls[c].name for c in self.functions[fn].controls]
        sizes = [len(self.controls[c].grid) for c in self.functions[fn].controls]
        return [dict(zip(names, index)) for index in itertools.product(*map(range, sizes))]

    def state_values(self, state: dict[str, int]) -> dict[str, Any]:
        by_name = {c.name: c for c in self.controls}
        return {name: by_name[name].grid[i] for name, i in state.items()}

    def grid_curves(self, fn: int, x: np.ndarray):
        """For every static state of ``fn``: (state, f, f′, saturated) or (state, None, error, None)."""
        for state in self.states(fn):
            values = self.initial | self.state_values(state)
            try:
                f, df = self.evaluate(fn, x, values)
            except ValueError as error:
                yield state, None, str(error), None
            else:
                yield state, f, df, self.saturated(fn, x, values)


def nice_step(span: float, target: int = TICKS) -> tuple[float, int]:
    """The round step (1, 2, 2.5 or 5 × 10^k) at least span/target, and its number of decimals."""
    raw = span / target
    power = math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if m * 10.0 ** power >= raw * (1 - 1e-12):
            break
    if m == 10:
        m, power = 1, power + 1
    return m * 10.0 ** power, max(0, -power + (1 if m == 2.5 else 0))


def y_view(lo: float, hi: float, current: tuple | None = None) -> tuple[float, float, float, int]:
    """(bottom, top, step, decimals): y-limits of the curves' area for curves spanning [lo, hi].

    ``current`` (the view shown) is kept while it holds [lo, hi] and (hi − lo) fills at least KEEP
    of it; otherwise [lo, hi] is padded by MARGIN of its span (±0.5 if it is a point) and
    snapped outwards to multiples of ``nice_step``. Snapping alone fills ≥ 0.53 (> KEEP).
    explorer.js (``yView``) applies the same rule.
    """
    if current is not None and current[0] <= lo and hi <= current[1] and hi - lo >= KEEP * (current[1] - current[0]):
        return current
    span = hi - lo
    pad = MARGIN * span if span > 1e-9 * max(1.0, abs(lo), abs(hi)) else 0.5
    step, decimals = nice_step(span + 2 * pad)
    bottom, top = math.floor((lo - pad) / step + 1e-9), math.ceil((hi + pad) / step - 1e-9)
    return round(bottom * step, decimals + 1), round(top * step, decimals + 1), step, decimals


def y_ticks(view: tuple[float, float, float, int]) -> tuple[list[float], list[str]]:
    """Tick positions (every multiple of the step from bottom to top) and labels (true minus signs)."""
    bottom, top, step, decimals = view
    first, last = round(bottom / step), round(top / step)
    ticks = [k * step for k in range(first, last + 1)]
    labels = [f"{t:.{decimals}f}".replace("-", "−") for t in ticks]
    return ticks, ["0" if lab.strip("−0.") == "" else lab for lab in labels]


def drawable(values: np.ndarray) -> np.ndarray:
    """Where ``values`` can be drawn: finite, with magnitude at most DRAWABLE (so that padding,
    snapping and the pixel mapping of the y-axis cannot overflow)."""
    return np.abs(values) <= DRAWABLE


def data_range(curves: list[np.ndarray], zero: bool) -> tuple[float, float] | None:
    """[min, max] of the drawable values of ``curves`` (and of 0 when ``zero``); None if there are none."""
    finite = [c[drawable(c)] for c in curves]
    finite = [c for c in finite if c.size]
    if not finite:
        return (0.0, 0.0) if zero else None
    lo, hi = min(float(c.min()) for c in finite), max(float(c.max()) for c in finite)
    return (min(lo, 0.0), max(hi, 0.0)) if zero else (lo, hi)


def curve_area(count: int) -> float:
    """The share of a panel's height (from the bottom) the curves may use: all of it for one
    function, else what the saturation strips of an overlay (see :func:`band`) leave free."""
    return 1.0 if count == 1 else band(count - 1, count)[0] - 0.015


def axis_limits(view: tuple, count: int) -> tuple[float, float]:
    """The panel's y-limits: the view, topped up with the strips' headroom (:func:`curve_area`)."""
    return view[0], view[0] + (view[1] - view[0]) / curve_area(count)


def band(fn: int, count: int) -> tuple[float, float]:
    """Vertical extent (axes fraction, 0 = bottom) of function ``fn``'s saturation shading:
    the full height when one function is shown, else a strip per function along the top, in
    headroom that :func:`axis_limits` keeps free of curves."""
    if count == 1:
        return 0.0, 1.0
    height = min(BAND, 0.24 / count)
    return 1 - (fn + 1) * height, 1 - fn * height


def round_out(lo: float, hi: float, digits: int = 5) -> tuple[float, float]:
    """[lo, hi] widened to short decimals (``digits`` significant digits of the span).

    Limits and quantisation ranges are stored in the page, which nbval compares as text; a
    last-bit difference in exp or tanh between two machines must not change them.
    """
    span = hi - lo
    if not span > 0:
        return lo, hi
    step = 10.0 ** (math.floor(math.log10(span)) - digits + 1)
    places = max(0, -math.floor(math.log10(step)))
    return (round(math.floor(lo / step) * step, places + 1), round(math.ceil(hi / step) * step, places + 1))


# ---------------------------------------------------------------------- argument checks
NOT_GIVEN = object()    # a keyword explore was not given (None is a value an option can take)


def _prefixed(error: TypeError | ValueError) -> TypeError | ValueError:
    """An error of actlib ("leaky_relu: parameter alpha …") as explore's ("explore: leaky_relu: …")."""
    return type(error)(f"explore: {error}")


def _shown(value: Any) -> str:
    """``value`` for an error message: its repr, cut to 60 characters."""
    try:
        return repr(value)[:60]
    except ValueError:                       # an int with more digits than Python prints
        return f"a {type(value).__name__} too long to print"


def _resolve(name: Any) -> Activation:
    if isinstance(name, (Activation, VectorActivation)):
        act = name
    elif isinstance(name, str):
        try:
            act = get(name)
        except KeyError:
            close = difflib.get_close_matches(name, all_names(), n=3, cutoff=0.6)
            hint = f" (did you mean {', '.join(map(repr, close))}?)" if close else ""
            raise ValueError(f"explore: no activation named {name!r:.60}{hint}; "
                             "actlib.names() lists them all") from None
    else:
        raise TypeError(f"explore: a function is named by a str (see actlib.names()), "
                        f"got {type(name).__name__} {_shown(name)}")
    if not isinstance(act, Activation):
        raise TypeError(f"explore: {act.name} is vector-valued (it acts along an axis); explore is for "
                        "elementwise functions f: ℝ → ℝ, which it plots with their derivative")
    return act


def _exposed_option(spec: Option) -> bool:
    """Options shown as a choice control: those whose choices are two or more strings."""
    return bool(spec.choices) and len(spec.choices) >= 2 and all(isinstance(c, str) for c in spec.choices)


def _checked_names(name_or_names: Any) -> list[Activation]:
    """The shown functions: one name or a list (or tuple) of up to MAX_FUNCTIONS distinct ones."""
    if isinstance(name_or_names, (str, Activation, VectorActivation)):
        requested = [name_or_names]
    elif isinstance(name_or_names, (list, tuple)):
        requested = list(name_or_names)
    else:
        raise TypeError("explore: give an activation name or a list of names (see actlib.names()), "
                        f"got {type(name_or_names).__name__}")
    if not requested:
        raise ValueError("explore: give at least one activation name")
    acts = [_resolve(n) for n in requested]
    seen = [a.name for a in acts]
    duplicate = next((n for n in seen if seen.count(n) > 1), None)
    if duplicate:
        spelled = sorted({r if isinstance(r, str) else r.name for r, a in zip(requested, acts) if a.name == duplicate})
        also = f" ({' and '.join(map(repr, spelled))} name the same function)" if len(spelled) > 1 else ""
        raise ValueError(f"explore: {duplicate!r} appears twice in the names{also}")
    if len(acts) > MAX_FUNCTIONS:
        raise ValueError(f"explore: at most {MAX_FUNCTIONS} names can be overlaid (one colour each), got {len(acts)}")
    return acts


def _is_real(value: Any) -> bool:
    """An int, float, numpy integer or floating, or Fraction; not a bool, str or complex."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _checked_x_range(x_range: Any) -> tuple[float, float]:
    """(low, high) as floats, inside the span the explorer draws (see :func:`actlib.explore`)."""
    pair = x_range.tolist() if isinstance(x_range, np.ndarray) and x_range.ndim == 1 else x_range
    if not isinstance(pair, (list, tuple)) or len(pair) != 2 or not all(map(_is_real, pair)):
        raise TypeError(f"explore: x_range must be a pair of real numbers (low, high), got {_shown(x_range)}")
    outside = ValueError(f"explore: x_range must lie within [−{X_LIMIT:g}, {X_LIMIT:g}], got {_shown(x_range)}")
    try:
        lo, hi = float(pair[0]), float(pair[1])
    except OverflowError:                    # an int or Fraction beyond the floats
        raise outside from None
    if not (math.isfinite(lo) and math.isfinite(hi)) or not lo < hi:
        raise ValueError(f"explore: x_range must be finite with low < high, got {_shown(x_range)}")
    if max(abs(lo), abs(hi)) > X_LIMIT:
        raise outside
    need = X_RESOLUTION * max(1.0, abs(lo), abs(hi))
    if hi - lo < need:
        raise ValueError(f"explore: x_range must be at least {need:.3g} wide ({X_RESOLUTION:g} × max(1, |low|, "
                         f"|high|)), got ({lo!r}, {hi!r}), {hi - lo:.3g} wide")
    return lo, hi


def _snap(values: Sequence[float], span: float) -> list[float]:
    """Sorted unique values, dropping any within 1e-9·span of a kept one; short decimal forms."""
    out: list[float] = []
    for v in sorted(float(f"{v:.12g}") for v in values):
        if not out or v - out[-1] > 1e-9 * max(span, 1e-300):
            out.append(v)
    return out


def _slider_start(name: str, given: Any, owners: list[Activation], low: float, high: float) -> float:
    """A starting value given to explore: one real number, valid for every owner and on the slider."""
    if isinstance(given, np.ndarray) and given.ndim == 0:
        given = given[()]
    if isinstance(given, (list, tuple, np.ndarray)):
        raise TypeError(f"explore: {name} must be a single number (a slider position), got {_shown(given)}")
    for act in owners:
        try:
            act._bind({name: given})        # type and valid set, in actlib's words
        except (TypeError, ValueError) as error:
            raise _prefixed(error) from None
    value = float(given)
    if not low <= value <= high:
        if len(owners) == 1:
            act = owners[0]
            where = (f"[{low:g}, {high:g}] for {act.name} (actlib.{act.name} itself takes any {name} in "
                     f"{act.params[name].valid})")
        else:
            ranges = " and ".join(f"{a.name} [{a.params[name].low:g}, {a.params[name].high:g}]" for a in owners)
            where = f"[{low:g}, {high:g}], made of the ranges of {ranges}"
        raise ValueError(f"explore: {name} must lie on its slider, {where}; got {value!r}")
    return value


def _param_control(name: str, owners: list[int], acts: list[Activation], given: Any, positions: int) -> Control:
    params: list[Param] = [acts[i].params[name] for i in owners]
    first = params[0]
    # Shared by several functions: the slider spans the ranges they have in common (so each
    # function stays inside its own registry range), or all of them if they do not overlap.
    low, high = max(p.low for p in params), min(p.high for p in params)
    if not low < high:
        low, high = min(p.low for p in params), max(p.high for p in params)
    if given is NOT_GIVEN:            # the first function's default, moved onto the slider if it lies off it
        initial = min(max(first.default, low), high)
    else:
        initial = _slider_start(name, given, [acts[i] for i in owners], low, high)
    defaults = [p.default for p in params if low <= p.default <= high]
    grid = _snap([*np.linspace(low, high, positions), initial, *defaults], high - low)
    base = min(range(len(grid)), key=lambda i: abs(grid[i] - initial))
    grid[base] = initial
    return Control(name=name, kind="param", owners=tuple(owners), doc_zh=first.doc_zh, doc_en=first.doc_en,
                   grid=tuple(grid), base=base, initial=initial, low=low, high=high,
                   step=min(p.step for p in params))


def _checked_option(name: str, given: Any, owners: list[Activation]) -> Any:
    """An option given to explore: a plain value (explore draws fixed curves, so no random
    generator), valid for every owner."""
    if not (given is None or isinstance(given, (str, bool, int, float, np.bool_, np.integer, np.floating))):
        raise TypeError(f"explore: {name} must be None, a bool, a number or a str (explore draws fixed curves), "
                        f"got {type(given).__name__}")
    for act in owners:
        try:
            bound = act._bind({name: given})[name]
        except (TypeError, ValueError) as error:
            raise _prefixed(error) from None
    return bound


def _option_control(name: str, owners: list[int], acts: list[Activation], given: Any, positions: int) -> Control:
    options: list[Option] = [acts[i].options[name] for i in owners]
    first = options[0]
    choices = list(dict.fromkeys(c for o in options for c in o.choices))
    initial = first.default if given is NOT_GIVEN else _checked_option(name, given, [acts[i] for i in owners])
    return Control(name=name, kind="option", owners=tuple(owners), doc_zh=first.doc_zh, doc_en=first.doc_en,
                   grid=tuple(choices), base=choices.index(initial), initial=initial)


def _call_text(names: list[str], x_range: tuple[float, float], derivative: bool, params: dict[str, Any]) -> str:
    shown = repr(names[0]) if len(names) == 1 else repr(names)
    parts = [shown]
    if x_range != (-5.0, 5.0):
        parts.append(f"x_range=({fmt(x_range[0])}, {fmt(x_range[1])})")
    if not derivative:
        parts.append("derivative=False")
    for key in sorted(params):
        value = params[key]
        text = repr(value) if isinstance(value, (str, bool, int, float)) or value is None else type(value).__name__
        parts.append(f"{key}={text}")
    return f"explore({', '.join(parts)})"


def _check_drawable(spec: Spec) -> None:
    """Every function works at the start and stays drawable on the x range (else explore raises,
    not the widget): |f| and |f′| at most DRAWABLE at every point of the live grid."""
    x = np.linspace(*spec.x_range, LIVE_POINTS)
    for fn, shown in enumerate(spec.functions):
        try:
            f, df = spec.evaluate(fn, x, spec.initial)
        except (TypeError, ValueError) as error:      # e.g. rrelu lower > upper, general_relu max_value
            raise _prefixed(error) from None
        far = ~(drawable(f) & drawable(df))
        if far.any():
            raise ValueError(f"explore: x_range: {shown.act.name} cannot be drawn on ({fmt(x[0])}, {fmt(x[-1])}): "
                             f"|f| or |f′| exceeds {DRAWABLE:g} (or is infinite) at x = {fmt(x[far][0])}; "
                             "choose an x_range where it stays smaller")


def build(name_or_names: Any, x_range: Any = (-5, 5), derivative: Any = True, **params: Any) -> Spec:
    """Check the arguments of :func:`actlib.explore` and work out what it shows."""
    acts = _checked_names(name_or_names)
    if not isinstance(derivative, (bool, np.bool_)):
        raise TypeError(f"explore: derivative must be True or False, got {_shown(derivative)}")
    x_lo, x_hi = _checked_x_range(x_range)

    for key in params:
        if not any(key in a.params or key in a.options for a in acts):
            takes = "; ".join(f"{a.name} takes {', '.join([*a.params, *a.options]) or 'no parameters'}"
                              for a in acts)
            raise TypeError(f"explore: no shown function takes the keyword {key!r} ({takes})")

    # One control per parameter name (and per choice option), in order of first appearance.
    order: dict[str, tuple[str, list[int]]] = {}
    for i, act in enumerate(acts):
        for name in act.params:
            order.setdefault(name, ("param", []))[1].append(i)
        for name, option in act.options.items():
            if _exposed_option(option):
                order.setdefault(name, ("option", []))[1].append(i)
    per_function = [sum(i in owners for _, owners in order.values()) for i in range(len(acts))]
    controls: list[Control] = []
    for name, (kind, owners) in order.items():
        if kind == "param" and any(name not in acts[i].params for i in owners):
            raise TypeError(f"explore: {name!r} is a number for some shown functions and a choice for others")
        make = _param_control if kind == "param" else _option_control
        positions = GRID_POSITIONS if all(per_function[i] == 1 for i in owners) else GRID_POSITIONS_SEVERAL
        controls.append(make(name, owners, acts, params.get(name, NOT_GIVEN), positions))

    functions = []
    for i, act in enumerate(acts):
        mine = tuple(k for k, c in enumerate(controls) if i in c.owners)
        fixed = {key: _checked_option(key, value, [act]) for key, value in params.items()
                 if key in act.options and key not in {controls[k].name for k in mine}}
        functions.append(Shown(act=act, color=i, controls=mine, fixed=fixed))

    spec = Spec(functions=functions, controls=controls, x_range=(x_lo, x_hi), derivative=bool(derivative),
                call=_call_text([a.name for a in acts], (x_lo, x_hi), bool(derivative), params))
    _check_drawable(spec)
    return spec


# ---------------------------------------------------------------------- formulas
def formula_parts(tex: str, spec: Spec, fn: int) -> list:
    """``tex`` split into literal text and control indices, to substitute current values.

    A parameter whose TeX symbol (``\\alpha``, ``\\beta``, ``\\theta``) occurs in the formula is
    replaced by its value; any other one is appended as ``\\quad name = value``.
    """
    shown = spec.functions[fn]
    parts: list = [tex]
    tail: list = []
    for c in shown.controls:
        control = spec.controls[c]
        symbol = SYMBOLS.get(control.name, (None,))[0]
        pattern = re.escape(symbol) + r"(?![A-Za-z])" if symbol and symbol.startswith("\\") else None
        if pattern and any(isinstance(p, str) and re.search(pattern, p) for p in parts):
            split: list = []
            for p in parts:
                if isinstance(p, str):
                    pieces = re.split(pattern, p)
                    for k, piece in enumerate(pieces):
                        if k:
                            split.append(c)
                        split.append(piece)
                else:
                    split.append(p)
            parts = split
        else:
            name = symbol if symbol and not symbol.startswith("\\") else rf"\text{{{control.name}}}"
            tail += [rf",\quad {name} = ", c]
    return [p for p in parts + tail if p != ""]


def render_formula(parts: list, spec: Spec, values: dict[str, Any]) -> str:
    return "".join(p if isinstance(p, str) else tex_value(values[spec.controls[p].name]) for p in parts)
