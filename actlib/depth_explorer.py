"""``actlib.explore_depth``: the forward variance and the backward gradient through L layers of a random
network (chapter 8), with a slider for the weight variance σ_w² and one for the depth L.

    ex = actlib.explore_depth()                                  # ReLU, tanh, SELU, GELU, sigmoid
    ex = actlib.explore_depth(["tanh", "relu"], depth=30, sigma_w2=1.0, sigma_b2=0.05)

For each shown activation and each weight variance σ_w² on the slider (W_ij ~ N(0, σ_w²/n)), the mean-field
recursion of :func:`actlib.propagation.mean_field` gives, layer by layer, the variance q_l of the
pre-activations and the gain χ_l. Neither depends on how many layers follow, so one run of
``MAX_DEPTH`` layers per (activation, σ_w²) serves every depth: at depth L the left panel shows
q_1 … q_L and the right panel the mean squared gradient relative to the last layer's,

    E[δ_l²] / E[δ_L²] = χ_l · χ_{l+1} ⋯ χ_{L−1}        (1 at l = L),

both on a log scale. A table beside them gives q_L and E[δ_1²]/E[δ_L²] at the current values.

The result shows itself as the other explorers do (``actlib.explorer``): a live ipywidgets widget in a
kernel, a self-contained ``text/html`` twin for the HTML book (``depth_static.py``: log10 q_l and log10 χ_l
for every slider position, stored exactly as float32, and a small script), the starting image as
``image/png`` and a one-line ``text/plain``.

y-limits (:func:`_log_view`): whole decades around the curves at the current values, padded by half a
decade, on a step of 1, 2, 5, 10, … decades; they stay while the curves fit and fill at least ``KEEP`` of
the panel. The x-axis runs from layer 1 to the first of ``X_ENDS`` that holds the depth.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from . import propagation as prop
from .checks import integer, real
from .core import Activation, Interval

ACTS = ("relu", "tanh", "selu", "gelu", "sigmoid")
# σ_w² on the slider: 0.25 … 4 by 0.25 (the chapter's 1, 1.5, 2, 2.5, 3, 4 among them), 25/9 = (5/3)² (PyTorch's
# gain for tanh), and 5, 6, 8, 10, 12, 16 (where the sigmoid's gain approaches 1).
SIGMA_W2 = tuple(sorted({*(0.25 * k for k in range(1, 17)), 25 / 9, 5.0, 6.0, 8.0, 10.0, 12.0, 16.0}))
MAX_DEPTH = 100
LOG_DECIMALS = 7         # of the stored log10 q and log10 χ (DepthSpec.logs)
X_ENDS = (10, 20, 50, 100)       # the x-axis ends at the first of these ≥ the depth
KEEP = 0.5                       # y-limits stay while the curves fill at least this share of the panel
PAD = 0.5                        # decades added above and below the curves before snapping
DECADE_STEPS = (1, 2, 5, 10, 20, 50, 100)
TICKS = 6                        # at most this many decade steps on an axis
MAX_FUNCTIONS = 8
BIAS_VARIANCES = Interval(0.0, 1.0, low_closed=True, high_closed=True)


# --------------------------------------------------------------------------- what is shown
@dataclass(frozen=True)
class DepthSpec:
    """The shown activations, the start (σ_w²'s index on the slider, the depth) and σ_b²."""

    acts: tuple[Activation, ...]
    base: int
    depth: int
    sigma_b2: float

    @property
    def call(self) -> str:
        names = ", ".join(repr(a.name) for a in self.acts)
        return (f"explore_depth([{names}], depth={self.depth}, sigma_w2={_fmt(SIGMA_W2[self.base])}, "
                f"sigma_b2={self.sigma_b2:g})")

    @cached_property
    def logs(self) -> tuple[np.ndarray, np.ndarray]:
        """(log10 q, log10 χ), each of shape (activations, slider positions, MAX_DEPTH), float64, to
        LOG_DECIMALS decimals: the digits below are rounding, which differs from one processor to another
        (χ = 1 comes out as 1 on one and one rounding step off on another); the stored page should not."""
        lq = np.empty((len(self.acts), len(SIGMA_W2), MAX_DEPTH))
        lchi = np.empty_like(lq)
        with np.errstate(all="ignore"):           # checked in build: an overflow or a 0 is refused there
            for i, act in enumerate(self.acts):
                for k, sw2 in enumerate(SIGMA_W2):
                    mf = prop.mean_field(act, MAX_DEPTH, sw2, self.sigma_b2)
                    lq[i, k], lchi[i, k] = np.log10(mf.q), np.log10(mf.chi)
        return np.round(lq, LOG_DECIMALS) + 0.0, np.round(lchi, LOG_DECIMALS) + 0.0     # + 0.0: no −0

    def curves(self, fn: int, position: int, depth: int) -> tuple[np.ndarray, np.ndarray]:
        """(log10 q_l, log10 E[δ_l²]/E[δ_L²]) for l = 1 … depth, from the stored logs as the script uses them:
        ``fn`` indexes ``acts``, ``position`` SIGMA_W2."""
        who = "DepthSpec.curves"
        fn = integer(who, "fn", fn, 0, len(self.acts) - 1)
        position = integer(who, "position", position, 0, len(SIGMA_W2) - 1)
        depth = integer(who, "depth", depth, 1, MAX_DEPTH)
        lq, lchi = (a[fn, position].astype(np.float32).astype(np.float64) for a in self.logs)
        return lq[:depth], _gradient_logs(lchi, depth)


def _gradient_logs(lchi: np.ndarray, depth: int) -> np.ndarray:
    """log10 E[δ_l²]/E[δ_L²] = Σ_{k=l}^{L−1} log10 χ_k for l = 1 … L (depth.js: ``curves``)."""
    tail = np.cumsum(lchi[depth - 2::-1])[::-1] if depth > 1 else np.empty(0)
    return np.append(tail, 0.0)


def _fmt(value: float) -> str:
    """A slider value as shown: 4 significant digits (1.414, 1.667, 0.5)."""
    return f"{value:.4g}"


def _shown(sigma_w2: float) -> str:
    """σ_w² as the slider shows it, with the weight scale σ_w beside it: 2 (σ_w = 1.414)."""
    return f"{_fmt(sigma_w2)} (σ_w = {_fmt(math.sqrt(sigma_w2))})"


def _x_end(depth: int) -> int:
    return next(end for end in X_ENDS if end >= depth)


def _log_view(lo: float, hi: float, view: tuple | None = None) -> tuple[int, int, int]:
    """(bottom, top, step) in decades for curves spanning [lo, hi] decades: the smallest step of DECADE_STEPS
    with at most TICKS steps from lo − PAD to hi + PAD, snapped outwards; ``view`` is kept while the curves fit
    it and fill at least KEEP of it (depth.js: ``logView``)."""
    if view is not None and view[0] <= lo and hi <= view[1] and hi - lo >= KEEP * (view[1] - view[0]):
        return view
    for step in DECADE_STEPS:
        bottom, top = math.floor((lo - PAD) / step), math.ceil((hi + PAD) / step)
        if top - bottom <= TICKS:
            break
    return bottom * step, top * step, step


def _power_of_ten(exponent: int) -> str:
    """10 to an integer power as text: 10⁻⁵, 10⁰, 10¹²."""
    return "10" + str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _scientific(log10: float) -> str:
    """10**log10 to 3 significant digits: 0.0707, 0.707, 12.5, 100, 3.16 × 10⁻⁵ (depth.js: ``scientific``)."""
    mantissa, exponent = f"{10.0 ** log10:.2e}".split("e")
    exponent = int(exponent)
    if not -2 <= exponent <= 2:
        return f"{mantissa} × {_power_of_ten(exponent)}"
    digits = mantissa.replace(".", "")
    if exponent < 0:
        return "0." + "0" * (-exponent - 1) + digits
    return digits[:exponent + 1] + ("." + digits[exponent + 1:] if exponent < 2 else "")


# --------------------------------------------------------------------------- checks
def _checked_acts(who: str, acts: Any) -> tuple[Activation, ...]:
    if isinstance(acts, (str, Activation)):
        acts = [acts]
    if not isinstance(acts, (list, tuple)):
        raise TypeError(f"{who}: acts must be an activation name or a list of names (see actlib.names()), "
                        f"got {type(acts).__name__} {acts!r:.40}")
    if not 1 <= len(acts) <= MAX_FUNCTIONS:
        raise ValueError(f"{who}: acts must name 1 to {MAX_FUNCTIONS} activations (one colour each), got {len(acts)}")
    checked = tuple(prop._activation(f"{who}: acts[{i}]", a) for i, a in enumerate(acts))
    names = [a.name for a in checked]
    twice = next((n for n in names if names.count(n) > 1), None)
    if twice:
        raise ValueError(f"{who}: {twice!r} appears twice in acts")
    return checked


def _checked_sigma_w2(who: str, sigma_w2: Any) -> int:
    """The slider position of ``sigma_w2``, which must be one of SIGMA_W2 (to 1e-9)."""
    value = real(who, "sigma_w2", sigma_w2, prop.POSITIVE)
    near = min(range(len(SIGMA_W2)), key=lambda k: abs(SIGMA_W2[k] - value))
    if abs(SIGMA_W2[near] - value) > 1e-9 * SIGMA_W2[near]:
        raise ValueError(f"{who}: sigma_w2 must be one of the slider's values {', '.join(map(_fmt, SIGMA_W2))} "
                         f"(2.778 as 25/9), got {value!r}")
    return near


def build(acts: Any = ACTS, depth: Any = 50, sigma_w2: Any = 2.0, sigma_b2: Any = 0.0) -> DepthSpec:
    """The checked arguments of :func:`explore_depth` as a :class:`DepthSpec`."""
    who = "explore_depth"
    checked = _checked_acts(who, acts)
    depth = integer(who, "depth", depth, 1, MAX_DEPTH)
    base = _checked_sigma_w2(who, sigma_w2)
    spec = DepthSpec(checked, base, depth, real(who, "sigma_b2", sigma_b2, BIAS_VARIANCES))
    for fn, logs in enumerate(zip(*spec.logs)):
        bad = np.flatnonzero(~np.isfinite(np.concatenate(logs, axis=1)).all(axis=1))
        if bad.size:
            raise ValueError(f"{who}: {checked[fn].name} cannot be drawn on a log scale: its variance q or gain χ "
                             f"overflows or reaches 0 within {MAX_DEPTH} layers at sigma_w2 = {_fmt(SIGMA_W2[bad[0]])}")
    return spec


def explore_depth(acts: Any = ACTS, depth: Any = 50, sigma_w2: Any = 2.0, sigma_b2: Any = 0.0) -> "DepthExplorer":
    """Explore how the variance and the gradient travel through ``depth`` layers of a random network.

    acts:     an elementwise activation name (``actlib.names()``) or a list of up to 8 distinct ones
    depth:    the number of layers L at the start, an int from 1 to 100 (a slider changes it)
    sigma_w2: the weight variance at the start, W_ij ~ N(0, σ_w²/n): one of the slider's values ``SIGMA_W2``
              (0.25 … 4 by 0.25, 25/9, 5, 6, 8, 10, 12, 16); 2 is He's initialisation for ReLU
    sigma_b2: the variance of the biases, a real number in [0, 1] (fixed)

    The network starts from Var(z¹) = 1. TypeError for a wrong type, ValueError for a value outside
    what is allowed; each message starts with ``explore_depth:`` and names the argument.
    """
    return DepthExplorer(build(acts, depth, sigma_w2, sigma_b2))


# --------------------------------------------------------------------------- the live widget
FIG_IN = (9.1, 3.6)


class _Figure:
    """One Agg figure: two log-scale panels (q_l, the gradient), a line per activation. No pyplot."""

    def __init__(self, spec: DepthSpec):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        from .explorer_spec import PALETTE
        from .plot import use_cjk_font

        use_cjk_font()
        self.figure = Figure(figsize=FIG_IN, dpi=144, facecolor="white")
        self.canvas = FigureCanvasAgg(self.figure)
        self.axes = self.figure.subplots(1, 2)
        titles = ("前向：预激活的方差 · forward: variance", "反向：梯度 · backward: gradient")
        ylabels = (r"$q_l$", r"$\mathbb{E}[\delta_l^2]\ /\ \mathbb{E}[\delta_L^2]$")
        self.lines = []
        for ax, title, ylabel in zip(self.axes, titles, ylabels):
            ax.set_title(title, loc="left", fontsize=10.5)
            ax.set_ylabel(ylabel, fontsize=11)
            ax.set_yscale("log")
            ax.set_xlabel("层 · layer l", fontsize=10)
            ax.grid(True, color="#000000", alpha=0.08, linewidth=0.8)
            ax.tick_params(labelsize=9)
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
        for fn, act in enumerate(spec.acts):
            color = PALETTE[fn][0]
            self.lines.append(tuple(ax.plot([], [], color=color, linewidth=2.0)[0] for ax in self.axes))
        self.figure.legend([lines[0] for lines in self.lines], [a.name for a in spec.acts], loc="lower center",
                           ncol=len(spec.acts), frameon=False, fontsize=10)
        self.figure.subplots_adjust(left=0.09, right=0.985, top=0.9, bottom=0.25, wspace=0.3)

    def png(self) -> bytes:
        from .explorer import canvas_png

        self.canvas.draw()
        return canvas_png(self.canvas)


class DepthExplorer:
    """The live widget (``widget``) and the static views of one explore_depth(...) call."""

    def __init__(self, spec: DepthSpec):
        import ipywidgets as W

        if not isinstance(spec, DepthSpec):
            raise TypeError(f"DepthExplorer: spec must be a depth_explorer.DepthSpec (actlib.explore_depth makes one), "
                            f"got {type(spec).__name__}")
        self.spec = spec
        self._views: list[tuple | None] = [None, None]
        self._hold = False
        self.sigma_w2 = W.SelectionSlider(options=[(_shown(v), k) for k, v in enumerate(SIGMA_W2)], value=spec.base,
                                          description="σ_w² 权重方差 · weight variance", continuous_update=True,
                                          style={"description_width": "initial"},
                                          layout=W.Layout(width="100%", max_width="440px"))
        self.depth = W.IntSlider(value=spec.depth, min=1, max=MAX_DEPTH, description="L 深度 · depth",
                                 continuous_update=True, style={"description_width": "initial"},
                                 layout=W.Layout(width="100%", max_width="440px"))
        self.reset_button = W.Button(description="重置 · reset", layout=W.Layout(width="auto"))
        self.table = W.HTML()
        self.image = W.Image(format="png", layout=W.Layout(width="100%", height="auto", max_width="910px"))
        for slider in (self.sigma_w2, self.depth):
            slider.observe(self._changed, names="value")
        self.reset_button.on_click(lambda _: self.reset())
        self.widget = W.VBox([W.HBox([self.sigma_w2, self.depth, self.reset_button],
                                     layout=W.Layout(flex_flow="row wrap", align_items="center")),
                              self.image, self.table], layout=W.Layout(max_width="920px"))
        self._figure = _Figure(spec)
        self.update()
        self.png = self.image.value

    @property
    def values(self) -> dict[str, Any]:
        """The current σ_w² and depth."""
        return {"sigma_w2": SIGMA_W2[self.sigma_w2.value], "depth": self.depth.value}

    def curves(self, fn: int) -> tuple[np.ndarray, np.ndarray]:
        """(log10 q_l, log10 E[δ_l²]/E[δ_L²]) of the ``fn``-th activation at the current values."""
        return self.spec.curves(fn, self.sigma_w2.value, self.depth.value)

    def reset(self) -> None:
        """Back to the starting σ_w² and depth; one redraw."""
        self._hold = True
        try:
            self.sigma_w2.value, self.depth.value = self.spec.base, self.spec.depth
        finally:
            self._hold = False
        self._views = [None, None]
        self.update()

    def _changed(self, _change: Any) -> None:
        if not self._hold:
            self.update()

    def update(self) -> None:
        """Redraw the figure and the table for the current values."""
        depth = self.depth.value
        layers = np.arange(1, depth + 1)
        shown = [self.curves(fn) for fn in range(len(self.spec.acts))]
        for panel, ax in enumerate(self._figure.axes):
            logs = np.concatenate([c[panel] for c in shown])
            self._views[panel] = view = _log_view(float(logs.min()), float(logs.max()), self._views[panel])
            ax.set_ylim(10.0 ** view[0], 10.0 ** view[1])
            ax.set_yticks([10.0 ** e for e in range(view[0], view[1] + 1, view[2])])
            ax.set_yticks([], minor=True)
            ax.set_xlim(1, _x_end(depth))
        for lines, logs in zip(self._figure.lines, shown):
            for line, values in zip(lines, logs):
                line.set_data(layers, 10.0 ** values)
        self.table.value = _table_html(self.spec, shown, depth)
        self.image.value = self._figure.png()

    @property
    def html(self) -> str:
        """The static, self-contained HTML of the starting state."""
        from .depth_static import render

        return render(self.spec)

    def __repr__(self) -> str:
        names = ", ".join(a.name for a in self.spec.acts)
        return (f"<actlib depth explorer: {names}; depth={self.spec.depth}, sigma_w2={_fmt(SIGMA_W2[self.spec.base])}, "
                f"sigma_b2={self.spec.sigma_b2:g}>")

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **kwargs: Any):
        """The widget view, text/plain, the static text/html and the starting image/png (see
        ``actlib.explorer.mime_bundle``)."""
        from .explorer import mime_bundle

        return mime_bundle("DepthExplorer._repr_mimebundle_", self.widget,
                           {"text/plain": lambda: repr(self), "text/html": lambda: self.html}, self.png, include, exclude)


def _table_html(spec: DepthSpec, shown: list[tuple[np.ndarray, np.ndarray]], depth: int) -> str:
    """The live table: per activation q_L and E[δ_1²]/E[δ_L²] (both languages on one line)."""
    import html

    rows = "".join(f"<tr><td><code>{a.name}</code></td>"
                   f"<td>{_scientific(lq[-1])}</td><td>{_scientific(lg[0])}</td></tr>"
                   for a, (lq, lg) in zip(spec.acts, shown))
    return (f"<table><thead><tr><th>激活函数 · activation</th><th>q_L（L = {depth}）</th>"
            f"<th>E[δ₁²]/E[δ_L²]</th></tr></thead><tbody>{rows}</tbody></table>")
