"""What an explorer shows, worked out with numpy alone (no matplotlib, no ipywidgets).

:func:`build` checks the arguments of :func:`actlib.explore` and returns a :class:`Spec`: the
shown functions, one :class:`Control` per parameter name (a slider acts on every shown function
that has that parameter) or per choice option (GELU's ``approximate``), the slider grids of the
static page and the fixed y-limits. Both the live widget (``explorer.py``) and the static HTML
(``explorer_static.py``) are drawn from it, so they show the same thing.

Static grid of a slider: 41 evenly spaced positions from ``Param.low`` to ``Param.high``
(``Param.grid(41)``; the common part of the ranges when several functions share the parameter), plus
the starting value and every owner's default, so the page starts exactly where the live widget
does. A function with two or more controls (``rrelu``: lower, upper) gets a *star* of states in
the static page: each control over its whole grid while the others stay at their starting
positions (41 + 41 curves instead of 41 × 41); see ``states``.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from .core import Activation, Option, Param, VectorActivation, get, names as all_names

SATURATION = 0.05       # |f′| below this is shaded as saturated
STATIC_POINTS = 201     # x samples per curve in the static HTML
LIVE_POINTS = 1001      # x samples per curve in the live figure
GRID_POSITIONS = 41     # evenly spaced slider positions in the static HTML (plus start and defaults)
MAX_FUNCTIONS = 8
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

    # ------------------------------------------------------------------ static grid
    def states(self, fn: int) -> list[dict[str, int]]:
        """The static states of function ``fn`` (control name → grid index), in storage order.

        State 0 is the start; then, control by control (in the function's order), every other
        grid position of that control with the remaining controls at their start. The page's
        script finds the state with the same rule (see explorer.js: ``stateIndex``).
        """
        shown = self.functions[fn]
        start = {self.controls[c].name: self.controls[c].base for c in shown.controls}
        out = [dict(start)]
        for c in shown.controls:
            control = self.controls[c]
            for i in range(len(control.grid)):
                if i != control.base:
                    out.append(start | {control.name: i})
        return out

    def state_values(self, state: dict[str, int]) -> dict[str, Any]:
        by_name = {c.name: c for c in self.controls}
        return {name: by_name[name].grid[i] for name, i in state.items()}

    def grid_curves(self, fn: int, x: np.ndarray):
        """For every static state of ``fn``: (state, f, f′) or (state, None, error message)."""
        for state in self.states(fn):
            values = self.initial | self.state_values(state)
            try:
                f, df = self.evaluate(fn, x, values)
            except ValueError as error:
                yield state, None, str(error)
            else:
                yield state, f, df

    def y_limits(self, x: np.ndarray) -> tuple[tuple[float, float], tuple[float, float]]:
        """Fixed y-limits of the f and f′ panels: every valid static state of every function fits."""
        f_lo = df_lo = math.inf
        f_hi = df_hi = -math.inf
        for fn in range(len(self.functions)):
            for _, f, df in self.grid_curves(fn, x):
                if f is None:
                    continue
                f, df = f[np.isfinite(f)], df[np.isfinite(df)]
                if f.size:
                    f_lo, f_hi = min(f_lo, float(f.min())), max(f_hi, float(f.max()))
                if df.size:
                    df_lo, df_hi = min(df_lo, float(df.min())), max(df_hi, float(df.max()))
        if not math.isfinite(f_lo):
            f_lo, f_hi = 0.0, 1.0
        if not math.isfinite(df_lo):
            df_lo, df_hi = 0.0, 1.0
        # The derivative panel always shows 0 (saturation is measured against it).
        count = len(self.functions)
        return view_limits(f_lo, f_hi, count), view_limits(min(df_lo, 0.0), max(df_hi, 0.0), count)


def view_limits(lo: float, hi: float, count: int, margin: float = 0.08) -> tuple[float, float]:
    """y-limits showing [lo, hi] with a margin, plus empty headroom for the saturation strips of
    an overlay (see :func:`band`), so that no curve runs under a strip."""
    lo, hi = pad_limits(lo, hi, margin)
    if count > 1:
        hi = lo + (hi - lo) / (band(count - 1, count)[0] - 0.015)
    return round_out(lo, hi)


def tick_top(lim: tuple[float, float], count: int) -> float:
    """The highest y worth a tick label: the top of the curves' area, below the strips."""
    lo, hi = lim
    return hi if count == 1 else lo + (hi - lo) * (band(count - 1, count)[0] - 0.015)


def band(fn: int, count: int) -> tuple[float, float]:
    """Vertical extent (axes fraction, 0 = bottom) of function ``fn``'s saturation shading:
    the full height when one function is shown, else a strip per function along the top, in
    headroom that :func:`view_limits` keeps free of curves."""
    if count == 1:
        return 0.0, 1.0
    height = min(BAND, 0.24 / count)
    return 1 - (fn + 1) * height, 1 - fn * height


def saturated_mask(df: np.ndarray) -> np.ndarray:
    """Where the curve is saturated: |f′| < SATURATION (NaN counts as not saturated)."""
    with np.errstate(invalid="ignore"):
        return np.abs(df) < SATURATION


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


def pad_limits(lo: float, hi: float, margin: float = 0.08) -> tuple[float, float]:
    """[lo, hi] widened by ``margin`` of its span on each side (±0.5 if it is a single value)."""
    span = hi - lo
    if span <= 1e-12 * max(1.0, abs(lo), abs(hi)):
        return lo - 0.5, hi + 0.5
    return lo - margin * span, hi + margin * span


# ---------------------------------------------------------------------- argument checks
def _resolve(name: Any) -> Activation:
    if isinstance(name, (Activation, VectorActivation)):
        act = name
    elif isinstance(name, str):
        try:
            act = get(name)
        except KeyError:
            close = difflib.get_close_matches(name, all_names(), n=3, cutoff=0.6)
            hint = f" (did you mean {', '.join(map(repr, close))}?)" if close else ""
            raise KeyError(f"explore: no activation named {name!r}{hint}; "
                           "actlib.names() lists them all") from None
    else:
        raise TypeError(f"explore: a function is named by a str (see actlib.names()), "
                        f"got {type(name).__name__} {name!r:.40}")
    if not isinstance(act, Activation):
        raise TypeError(f"explore: {act.name} is vector-valued (it acts along an axis); explore is for "
                        "elementwise functions f: ℝ → ℝ, which it plots with their derivative")
    return act


def _exposed_option(spec: Option) -> bool:
    """Options shown as a choice control: those whose choices are two or more strings."""
    return bool(spec.choices) and len(spec.choices) >= 2 and all(isinstance(c, str) for c in spec.choices)


def _checked_x_range(x_range: Any) -> tuple[float, float]:
    try:
        lo, hi = x_range
        lo, hi = float(lo), float(hi)
    except (TypeError, ValueError):
        raise TypeError(f"explore: x_range must be a pair of numbers (low, high), got {x_range!r:.60}") from None
    if isinstance(x_range, str) or not (math.isfinite(lo) and math.isfinite(hi)) or not lo < hi:
        raise ValueError(f"explore: x_range must be finite with low < high, got {x_range!r:.60}")
    return lo, hi


def _snap(values: Sequence[float], span: float) -> list[float]:
    """Sorted unique values, dropping any within 1e-9·span of a kept one; short decimal forms."""
    out: list[float] = []
    for v in sorted(float(f"{v:.12g}") for v in values):
        if not out or v - out[-1] > 1e-9 * max(span, 1e-300):
            out.append(v)
    return out


def _param_control(name: str, owners: list[int], acts: list[Activation], given: Any) -> Control:
    params: list[Param] = [acts[i].params[name] for i in owners]
    first = params[0]
    # Shared by several functions: the slider spans the ranges they have in common (so each
    # function stays inside its own registry range), or all of them if they do not overlap.
    low, high = max(p.low for p in params), min(p.high for p in params)
    if not low < high:
        low, high = min(p.low for p in params), max(p.high for p in params)
    initial = first.default if given is None else given
    if given is not None:
        if np.ndim(given) != 0:
            raise TypeError(f"explore: {name} must be a single number (a slider position), got {given!r:.60}")
        for i in owners:          # ValueError/TypeError from core, naming function and range
            acts[i]._bind({name: given})
        initial = float(given)
        low, high = min(low, initial), max(high, initial)
    defaults = [p.default for p in params if low <= p.default <= high]
    grid = _snap([*np.linspace(low, high, GRID_POSITIONS), initial, *defaults], high - low)
    base = min(range(len(grid)), key=lambda i: abs(grid[i] - initial))
    grid[base] = initial
    return Control(name=name, kind="param", owners=tuple(owners), doc_zh=first.doc_zh, doc_en=first.doc_en,
                   grid=tuple(grid), base=base, initial=initial, low=low, high=high,
                   step=min(p.step for p in params))


def _option_control(name: str, owners: list[int], acts: list[Activation], given: Any) -> Control:
    options: list[Option] = [acts[i].options[name] for i in owners]
    first = options[0]
    choices = list(dict.fromkeys(c for o in options for c in o.choices))
    initial = first.default if given is None else given
    if given is not None:
        for i in owners:
            acts[i]._bind({name: given})
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


def build(name_or_names: Any, x_range: Any = (-5, 5), derivative: Any = True, **params: Any) -> Spec:
    """Check the arguments of :func:`actlib.explore` and work out what it shows."""
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
        raise ValueError(f"explore: {duplicate!r} is listed twice")
    if len(acts) > MAX_FUNCTIONS:
        raise ValueError(f"explore: at most {MAX_FUNCTIONS} functions can be overlaid, got {len(acts)}")
    if not isinstance(derivative, (bool, np.bool_)):
        raise TypeError(f"explore: derivative must be True or False, got {derivative!r:.40}")
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
    controls: list[Control] = []
    for name, (kind, owners) in order.items():
        if kind == "param" and any(name not in acts[i].params for i in owners):
            raise TypeError(f"explore: {name!r} is a number for some shown functions and a choice for others")
        make = _param_control if kind == "param" else _option_control
        controls.append(make(name, owners, acts, params.get(name)))

    functions = []
    for i, act in enumerate(acts):
        mine = tuple(k for k, c in enumerate(controls) if i in c.owners)
        fixed = {}
        for key, value in params.items():
            if key in act.options and key not in {controls[k].name for k in mine}:
                fixed[key] = act._bind({key: value})[key]
        functions.append(Shown(act=act, color=i, controls=mine, fixed=fixed))

    spec = Spec(functions=functions, controls=controls, x_range=(x_lo, x_hi), derivative=bool(derivative),
                call=_call_text(seen, (x_lo, x_hi), bool(derivative), params))
    # Every function must work at the start (an invalid start raises here, not in the widget).
    probe = np.array([x_lo, x_hi])
    for fn in range(len(functions)):
        spec.evaluate(fn, probe, spec.initial)
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
