"""Hypothesis fuzzing of actlib.explore and of the Explorer's methods (the project's profile, tests/conftest.py).

1. ``explore`` with each argument fuzzed alone (the names, x_range, derivative, the keywords) and with all of
   them at once either raises TypeError or ValueError whose message starts with "explore:" and names the bad
   argument, or makes an explorer whose mimebundle renders with no warning: the widget view, text/plain, the
   PNG of the start and a static page whose data is finite JSON, for the x range that was asked for;
2. arrays and lists passed as x_range or as parameters are left as they were;
3. a state machine drives one explorer through control moves, x-range moves, the derivative switch, reset,
   update, draw, render_png, the mimebundle (with include / exclude) and close, in any order and more than once:
   open, the figure shows actlib's values at the current controls; closed, the drawing methods raise ValueError
   naming the method, and the static views (``html``, the PNG) stay what they were;
4. ``Explorer(spec)`` takes only a Spec.

FUZZED lists the public functions and methods this reaches (as tests/test_fuzz_coverage.py counts them); the
properties ``values`` and ``html`` and ``_repr_mimebundle_`` (``mime_bundle``) are read in every state-machine step as
well, and every image is encoded by ``canvas_png``.
"""

from __future__ import annotations

import base64
import json
import re
import warnings
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

import actlib
import actlib.explorer
from actlib import explorer_spec as S

FUZZED = {"actlib.explore", "actlib.explorer.explore", "actlib.explorer.Explorer", "actlib.explorer.mime_bundle",
          "actlib.explorer.canvas_png",
          *(f"actlib.explorer.Explorer.{m}" for m in ("reset", "close", "update", "draw", "render_png"))}

EW = [n for n in actlib.names() if isinstance(actlib.get(n), actlib.Activation)]
TUNABLE = [n for n in EW if actlib.get(n).params or actlib.get(n).options]
ALIASES = [n for n in actlib.__all__ if isinstance(getattr(actlib, n), (actlib.Activation, actlib.VectorActivation))
           and n not in actlib.names()]
KEYWORDS = sorted({k for n in EW for k in (*actlib.get(n).params, *actlib.get(n).options)}
                  | {"gamma", "axis", "temperature", "x"})
ENTRY = st.sampled_from([actlib.explore, actlib.explorer.explore])
PNG = b"\x89PNG\r\n\x1a\n"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


# --------------------------------------------------------------------------- strategies
ODD = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.complex_numbers(), st.text(max_size=6),
                st.binary(max_size=4), st.fractions(), st.just(object()), st.just(10 ** 400))
EDGES = st.sampled_from([0.0, -0.0, 5e-324, 1e-320, 1e-7, 1e-6, 0.5, 1.0, 690.0, 700.0, 800.0, 1e6, 1e6 + 1, 1e300,
                         1.8e308, -1e-6, -1.0, -1e6, -1e300, float("inf"), float("-inf"), float("nan")])


def one_name():
    return st.one_of(st.sampled_from(EW), st.sampled_from(EW), st.sampled_from(actlib.names() + ALIASES),
                     st.text(max_size=10), ODD)


def names_arguments():
    few = st.lists(st.sampled_from(EW), min_size=1, max_size=3)
    return st.one_of(st.sampled_from(EW), few, few.map(tuple), st.lists(one_name(), max_size=10),
                     st.lists(one_name(), max_size=4).map(tuple), one_name(),
                     st.sampled_from([set(EW[:2]), {"relu": 1}, np.array(["relu", "tanh"])]))


def pairs():
    """Mostly well-formed (low, high): ordinary, at the edges, and anything at all."""
    ordinary = st.tuples(st.floats(-50, 50), st.floats(1e-3, 60)).map(lambda p: (p[0], p[0] + p[1]))
    edges = st.tuples(EDGES, EDGES)
    anything = st.lists(st.one_of(EDGES, ODD), max_size=3)
    arrays = st.one_of(hnp.arrays(np.float64, st.sampled_from([(2,), (2,), (3,), (2, 1), ()]), elements=EDGES),
                       st.sampled_from([np.array([0, 1], dtype=t) for t in (np.int64, np.float32, np.float16, bool,
                                                                            complex, object, str)]))
    return st.one_of(ordinary, ordinary.map(list), ordinary.map(np.array), edges, anything, anything.map(tuple),
                     arrays)


def derivatives():
    return st.one_of(st.booleans(), st.sampled_from([np.True_, np.False_, 0, 1, 1.0, "yes", None, [True]]), ODD)


def slider_values(name: str):
    """Values for the keyword ``name``: on its sliders, near them, at the float edges, or of any kind."""
    ranges = [a.params[name] for a in map(actlib.get, EW) if name in a.params]
    choices = [c for a in map(actlib.get, EW) if name in a.options for c in (a.options[name].choices or ())]
    inside = [st.floats(p.low, p.high) for p in ranges] + [st.floats(p.low - 1, p.high + 1) for p in ranges]
    return st.one_of(*inside, *([st.sampled_from(choices)] if choices else []), EDGES, ODD,
                     st.lists(st.floats(-1, 1), max_size=2), hnp.arrays(np.float64, st.sampled_from([(), (1,), (2,)]),
                                                                        elements=st.floats(-1, 1)))


@st.composite
def keywords(draw, names: list[str]):
    """Keywords for ``names``: mostly ones they take, sometimes others."""
    theirs = sorted({k for n in names for k in (*actlib.get(n).params, *actlib.get(n).options)})
    pool = st.sampled_from(theirs) if theirs and draw(st.integers(0, 3)) else st.sampled_from(KEYWORDS)
    keys = draw(st.lists(pool, max_size=3, unique=True))
    return {k: draw(slider_values(k)) for k in keys}


# --------------------------------------------------------------------------- checks
def snapshot(value):
    """A copy of the arrays, lists, tuples and dicts in ``value``; any other object is kept as it is."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, (list, tuple)):
        return type(value)(map(snapshot, value))
    if isinstance(value, dict):
        return {k: snapshot(v) for k, v in value.items()}
    return value


def same(before, after) -> bool:
    """``after`` is ``before`` unchanged (arrays: dtype, shape and values, NaN equal to NaN)."""
    if isinstance(before, np.ndarray):
        return (isinstance(after, np.ndarray) and before.dtype == after.dtype and before.shape == after.shape
                and (before.tolist() == after.tolist() if before.dtype.kind in "OUSc"
                     else np.array_equal(before, after, equal_nan=before.dtype.kind == "f")))
    if isinstance(before, (list, tuple)):
        return type(before) is type(after) and len(before) == len(after) and all(map(same, before, after))
    if isinstance(before, dict):
        return before.keys() == after.keys() and all(same(before[k], after[k]) for k in before)
    return before is after or before == after or before != before


def finite_json(text: str):
    def refuse(constant):
        raise AssertionError(f"non-finite number {constant} in the static page")
    return json.loads(text, parse_constant=refuse)


def rendered(ex, x_range) -> None:
    """The mimebundle renders with no warning and shows the x range asked for; then the explorer is closed."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        data, metadata = ex._repr_mimebundle_()
    assert set(data) == {"text/plain", "text/html", "image/png", WIDGET_VIEW}
    assert data["text/plain"].startswith("<actlib explorer: ")
    assert base64.b64decode(data["image/png"]) == ex.png and ex.png.startswith(PNG)
    assert metadata["image/png"]["width"] > 0 and metadata["image/png"]["height"] > 0
    payload = finite_json(re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>',
                                    data["text/html"], re.S).group(1))
    asked = tuple(float(v) for v in (np.asarray(x_range).tolist() if x_range is not None else (-5, 5)))
    assert tuple(payload["x"]) == asked == ex.spec.x_range
    ex.close()


def explored(entry, args: tuple, named: set[str], x_range=None) -> None:
    """Call ``entry(*args)`` (keywords last): an error names one of ``named``; an explorer renders."""
    names, kwargs = args
    kept = {k: snapshot(v) for k, v in kwargs.items()} | {"names": snapshot(names)}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            ex = entry(names, **kwargs)
    except (TypeError, ValueError) as error:
        message = str(error)
        assert message.startswith("explore: "), message
        assert any(n in message for n in named), (named, message)
    else:
        rendered(ex, x_range)
    assert same(kept, {k: kwargs[k] for k in kwargs} | {"names": names}), "an argument was changed"


def shown_names(names) -> set[str]:
    """The strings in ``names`` and the functions they name (a message may use either)."""
    listed = names if isinstance(names, (list, tuple)) else [names]
    found = {n for n in listed if isinstance(n, str)}
    for n in list(found):
        try:
            found.add(actlib.get(n).name)
        except (KeyError, TypeError, ValueError):
            pass
    return found


# --------------------------------------------------------------------------- explore, one argument at a time
@given(entry=ENTRY, names=names_arguments())
def test_names(entry, names):
    explored(entry, (names, {}), {"name"} | shown_names(names))


@given(entry=ENTRY, name=st.sampled_from(EW), x_range=pairs())
def test_x_range(entry, name, x_range):
    explored(entry, (name, {"x_range": x_range}), {"x_range"}, x_range)


@given(entry=ENTRY, name=st.sampled_from(EW), derivative=derivatives())
def test_derivative(entry, name, derivative):
    explored(entry, (name, {"derivative": derivative}), {"derivative"})


@given(entry=ENTRY, data=st.data())
def test_parameters(entry, data):
    names = data.draw(st.lists(st.sampled_from(TUNABLE), min_size=1, max_size=3, unique=True))
    params = data.draw(keywords(names))
    explored(entry, (names if len(names) > 1 else names[0], params), set(params))


@given(entry=ENTRY, names=names_arguments(), x_range=st.one_of(st.none(), pairs()), derivative=derivatives(),
       data=st.data())
def test_every_argument_at_once(entry, names, x_range, derivative, data):
    listed = [n for n in (names if isinstance(names, (list, tuple)) else [names]) if isinstance(n, str) and n in EW]
    params = data.draw(keywords(listed or ["relu"]))
    kwargs = {"derivative": derivative, **params} | ({} if x_range is None else {"x_range": x_range})
    explored(entry, (names, kwargs), {"name", "x_range", "derivative", *params} | shown_names(names), x_range)


@given(spec=st.one_of(ODD, st.sampled_from(EW), st.builds(dict)))
def test_an_explorer_is_made_from_a_spec_only(spec):
    try:
        actlib.explorer.Explorer(spec)
    except TypeError as error:
        assert str(error).startswith("Explorer: spec must be an explorer_spec.Spec")
    else:
        raise AssertionError("Explorer took something that is not a Spec")


# --------------------------------------------------------------------------- the Explorer's methods
MACHINE_CASES = ["elu", ["leaky_relu", "elu"], ["rrelu", "sigmoid"], "gelu", ["softplus", "silu", "relu"],
                 "binary_step", "tanh"]
DRAWING = ("update", "reset", "draw", "render_png")
MIME_SETS = st.one_of(st.none(), st.sets(st.sampled_from(["text/plain", "text/html", "image/png", WIDGET_VIEW])),
                      st.lists(st.sampled_from(["text/plain", "image/png"])), ODD)


class ExplorerMachine(RuleBasedStateMachine):
    """One explorer, driven like a reader (and a program) would, in any order."""

    @initialize(names=st.sampled_from(MACHINE_CASES), derivative=st.booleans())
    def make(self, names, derivative):
        self.ex = actlib.explore(names, derivative=derivative)
        self.page, self.png, self.closed = self.ex.html, self.ex.png, False
        self.x_shown = self.ex.spec.x_range      # what the curves span: the slider's range, or its last proper one

    def teardown(self):
        if hasattr(self, "ex"):
            self.ex.close()

    def show_actlib_values(self) -> None:
        """The live lines are actlib's f and f′ at the current controls (hidden where invalid)."""
        ex = self.ex
        if self.closed:
            return
        lo, hi = ex.x_range.value
        if hi > lo:
            self.x_shown = (lo, hi)
        x = np.linspace(*self.x_shown, S.LIVE_POINTS)
        for shown in ex.spec.functions:
            act = shown.act
            kw = {k: v for k, v in ex.values.items() if k in act.params or k in act.options}
            line_f, line_df = ex.lines[act.name]
            try:
                f, df = act(x, **kw), act.grad(x, **kw)
            except ValueError:                          # e.g. rrelu with lower > upper
                assert not line_f.get_visible() and act.name in ex.notes.value
                continue
            assert line_f.get_visible() and np.array_equal(line_f.get_xdata(), x)
            assert np.array_equal(line_f.get_ydata(), f) and np.array_equal(line_df.get_ydata(), df)

    @precondition(lambda self: bool(self.ex.controls))
    @rule(data=st.data())
    def move_a_control(self, data):
        name = data.draw(st.sampled_from(sorted(self.ex.controls)))
        widget = self.ex.controls[name]
        widget.value = (data.draw(st.floats(widget.min, widget.max)) if name in self.ex.sliders
                        else data.draw(st.sampled_from(list(widget.options))))
        self.show_actlib_values()

    @rule(share=st.floats(0, 1), width=st.floats(0, 1))
    def move_the_x_range(self, share, width):
        slider = self.ex.x_range
        lo = slider.min + share * (slider.max - slider.min)
        self.ex.x_range.value = (lo, min(slider.max, lo + width * (slider.max - slider.min)))
        self.show_actlib_values()

    @rule()
    def switch_the_derivative(self):
        self.ex.derivative.value = not self.ex.derivative.value
        if not self.closed:
            assert self.ex.ax_df.get_visible() == self.ex.derivative.value
        self.show_actlib_values()

    @rule(method=st.sampled_from(DRAWING))
    def draw_again(self, method):
        if self.closed:
            try:
                getattr(self.ex, method)()
            except ValueError as error:
                assert str(error).startswith(f"Explorer.{method}: this explorer is closed")
            else:
                raise AssertionError(f"a closed explorer's {method} ran")
            return
        result = getattr(self.ex, method)()
        if method == "render_png":
            assert result.startswith(PNG)
        if method == "reset":
            self.x_shown = self.ex.spec.x_range
            assert self.ex.values == {c.name: c.initial for c in self.ex.spec.controls}
            assert self.ex.x_range.value == self.ex.spec.x_range
            assert bytes(self.ex.image.value) == self.png
        self.show_actlib_values()

    @rule(include=MIME_SETS, exclude=MIME_SETS)
    def display(self, include, exclude):
        try:
            data, metadata = self.ex._repr_mimebundle_(include=include, exclude=exclude)
        except TypeError as error:
            assert str(error).startswith("Explorer._repr_mimebundle_: "), str(error)
            assert re.match(r"Explorer\._repr_mimebundle_: (include|exclude) must be None or", str(error))
            return
        every = {"text/plain", "text/html", "image/png"} | (set() if self.closed else {WIDGET_VIEW})
        wanted = {m for m in every if (not include or m in include) and (not exclude or m not in exclude)}
        assert set(data) == wanted and set(metadata) == wanted & {"image/png"}
        assert data.get("text/html", self.page) == self.page
        assert base64.b64decode(data.get("image/png", base64.b64encode(self.png))) == self.png

    @rule()
    def close(self):
        self.ex.close()
        self.closed = True

    @invariant()
    def static_views_stay(self):
        if hasattr(self, "ex"):
            assert self.ex.html == self.page and self.ex.png == self.png
            assert set(self.ex.values) == {c.name for c in self.ex.spec.controls}


ExplorerMachine.TestCase.settings = settings(stateful_step_count=8)
TestExplorerMethods = ExplorerMachine.TestCase


@given(value=st.one_of(st.floats(-3, 3), EDGES), times=st.integers(1, 3))
def test_reset_and_close_twice_after_any_start(value, times):
    """explore(binary_step, threshold=…) at any value: refused off the slider, else reset returns to it."""
    try:
        ex = actlib.explore("binary_step", threshold=value)
    except ValueError as error:
        assert str(error).startswith("explore: ") and "threshold" in str(error)
        assert not -3 <= value <= 3
        return
    start = bytes(ex.image.value)
    for _ in range(times):
        ex.sliders["threshold"].value = 0.0 if value else 1.0
        ex.reset()
        assert ex.values == {"threshold": value} and bytes(ex.image.value) == start == ex.png
    for _ in range(times):
        ex.close()
    assert ex.values == {"threshold": value}


def test_fractions_are_real_numbers_too():
    ex = actlib.explore("leaky_relu", x_range=(Fraction(-1, 2), 2), alpha=Fraction(1, 4))
    assert ex.spec.x_range == (-0.5, 2.0) and ex.values == {"alpha": 0.25}
    ex.close()
