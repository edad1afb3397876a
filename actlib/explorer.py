"""``actlib.explore``: the interactive explorer of one or several activation functions.

    ex = actlib.explore("elu")                          # f and f′, a slider for alpha
    ex = actlib.explore(["relu", "leaky_relu", "elu"])  # overlaid; the alpha slider moves both
    ex = actlib.explore("leaky_relu", x_range=(-3, 3), derivative=False, alpha=0.2)

The result shows itself three ways (``Explorer._repr_mimebundle_``):

* in a kernel (JupyterLab 4, Notebook 7, VS Code) as a live ipywidgets 8 widget: sliders from
  each parameter's ``Param`` range, an x-range slider, a derivative switch, a reset button, the
  formula at the current values, and one matplotlib figure (two panels, f and f′, with the
  saturated regions shaded: ``actlib.saturated``, |f′| < ``actlib.SATURATION`` in a tail where
  f′ → 0) drawn with the Agg canvas into an ``ipywidgets.Image``.
  A move only updates line data and redraws that figure; no pyplot figure is ever created, and
  no ``ipywidgets.Output`` is used (nbval does not capture Output widgets). The figure exists
  only while it is used: it is released once the starting image is rendered (an explorer that
  is only displayed keeps its PNG, its compressed HTML and its widgets, a few hundred kB) and
  made again, at the current values, on the first move of a control;
* without a kernel (the HTML book) as ``text/html``: curves precomputed by actlib for a grid of
  parameter values and a small inline script that redraws them (``explorer_static.py``);
* as ``image/png`` of the starting state, and a one-line ``text/plain``.

matplotlib and ipywidgets are imported here, when an explorer is first made, never by
``import actlib``.
"""

from __future__ import annotations

import base64
import contextlib
import gc
import html
import io
import math
import zlib
from typing import Any

import numpy as np

from . import explorer_spec as S

FIG_DPI = 144              # pixels per inch of the PNG (sharp on high-density screens) ...
CSS_DPI = 100              # ... shown at 100 CSS pixels per inch
PANEL_IN = (4.4, 2.9)       # one panel (inches, axes and their labels)
BAND_IN = 0.25              # per legend row


def explore(name_or_names: Any, x_range: Any = (-5, 5), derivative: bool = True, **params: Any) -> "Explorer":
    """Explore one activation (a name) or several overlaid (a list of names).

    name_or_names: a registered name (``actlib.names()``, aliases too) or a list or tuple of up
                to 8 distinct ones (one colour each), of elementwise functions
    x_range:    (low, high), the x interval shown at the start (a slider changes it in the live
                widget); a list, tuple or 1-d array of two real numbers, low < high
    derivative: show f′ in a second panel at the start (a switch toggles it); True or False
    params:     starting values of parameters or options (``alpha=0.2``, ``approximate="tanh"``);
                a parameter acts on every shown function that takes it. Reset returns to these
                values (the registry defaults for the ones not given).

    A slider shared by several functions spans the part of their ranges they have in common,
    starts at the first function's default (at the nearer end of the slider if the default lies
    off it: general_relu's α = 0 beside celu's range [0.05, 3]), and says which functions it moves. The static HTML
    (no kernel) holds curves for 41 evenly spaced slider positions plus the start and the
    defaults (21 per slider, every combination, for a function with two parameters such as
    rrelu), and shows the starting state of this call (later moves of the live controls do not
    change it). The y-axes frame the curves at the current values and stay put while the curves
    still fill half of them (``explorer_spec.y_view``).

    What is refused, because it could not be drawn or could not be reached again:

    * a starting parameter off its slider (``Param.low`` … ``Param.high``, the common part when
      shared): the slider could not return to it, and far outside (softplus β = 5e-324, leaky
      ReLU α = −1e308) the curves overflow. Call the function itself for such values;
    * an x_range beyond ±1e6 or narrower than 1e-6 · max(1, |low|, |high|): wider, its width
      overflows (±1e308); narrower, the points crowd the float spacing (0 to 1e-320);
    * an x_range on which a curve at the start exceeds 1e300 or is infinite (exponential beyond
      x ≈ 690): its y-axis cannot be drawn;
    * an option that is not a plain value (None, bool, number, str), so no random generator:
      the explorer draws fixed curves (rrelu's eval mode).

    Every argument is checked before anything is computed or drawn. TypeError for a wrong type
    (a name that is not a str, a vector-valued activation such as softmax or GLU, a keyword no
    shown function takes, an x_range that is not two numbers, a derivative that is not a bool,
    an array or str as a parameter); ValueError for a wrong value (an unknown name, with close
    matches, an empty, repeated or too long list, an x_range out of the span above, a parameter
    outside its valid set or slider). Each message starts with ``explore:`` and names the
    argument and what is allowed.
    """
    return Explorer(S.build(name_or_names, x_range, derivative, **params))


def _decimals(step: float) -> int:
    text = S.fmt(step)
    return len(text.split(".")[1]) if "." in text else 0


class _Drawing:
    """The matplotlib side of an explorer: one Agg figure, two panels (f, f′), a line and a
    saturation shading per shown function, and the legend. No pyplot; nothing global holds it."""

    def __init__(self, spec: S.Spec):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.collections import PolyCollection
        from matplotlib.figure import Figure
        from matplotlib.patches import Patch

        from .plot import use_cjk_font

        use_cjk_font()
        self.layout_state: tuple | None = None
        self.background = None
        self.background_key: tuple | None = None
        self.frame_key: tuple | None = None     # x and y limits, layout: what the background shows
        self.figure = Figure(dpi=FIG_DPI, facecolor="white")
        self.canvas = FigureCanvasAgg(self.figure)
        self.ax_f = self.figure.add_axes((0.1, 0.1, 0.4, 0.8))
        self.ax_df = self.figure.add_axes((0.6, 0.1, 0.35, 0.8), sharex=self.ax_f)
        self.ax_f.set_title("f(x)   函数 · function", loc="left", fontsize=11, y=1.0, pad=7)
        self.ax_df.set_title("f′(x)   导数 · derivative", loc="left", fontsize=11, y=1.0, pad=7)
        self.lines: dict[str, tuple] = {}
        self.shades: list[tuple] = []
        for ax in (self.ax_f, self.ax_df):
            ax.set_xlabel("x", fontsize=11, fontstyle="italic")
            ax.grid(True, color="#000000", alpha=0.08, linewidth=0.8)
            ax.axhline(0, color="#555555", linewidth=0.8, alpha=0.6, zorder=1)
            ax.axvline(0, color="#555555", linewidth=0.8, alpha=0.6, zorder=1)
            ax.tick_params(labelsize=9.5)
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
        handles = []
        for fn, shown in enumerate(spec.functions):
            color = S.PALETTE[shown.color][0]
            label = f"{shown.label_zh} · {shown.label_en}"
            (line_f,) = self.ax_f.plot([], [], color=color, linewidth=2.2, label=label, zorder=3)
            (line_df,) = self.ax_df.plot([], [], color=color, linewidth=2.2, zorder=3)
            self.lines[shown.act.name] = (line_f, line_df)
            y0, y1 = S.band(fn, len(spec.functions))
            shades = []
            for ax in (self.ax_f, self.ax_df):
                coll = PolyCollection([], facecolors=color, alpha=0.13 if y1 - y0 == 1 else 0.5,
                                      edgecolors="none", transform=ax.get_xaxis_transform(), zorder=0)
                ax.add_collection(coll, autolim=False)
                shades.append(coll)
            self.shades.append(tuple(shades))
            handles.append(line_f)
            for artist in (line_f, line_df, *shades):
                artist.set_animated(True)       # drawn over a cached background (blitting)
        handles.append(Patch(facecolor="#777777", alpha=0.3,
                             label=f"饱和区：尾部 |f′| < {S.SATURATION:g} · saturation: tail with |f′| < {S.SATURATION:g}"))
        self.legend_handles = handles
        self.legend = None

    def layout(self, derivative: bool) -> float:
        """Figure size, axes positions and legend for the derivative switch (same figure); the width in inches."""
        panels = 2 if derivative else 1
        width = PANEL_IN[0] * panels + 0.3
        if self.layout_state == (derivative,):
            return width
        self.layout_state = (derivative,)
        per_row = max(1, int(width // 3.6))
        entries = len(self.legend_handles)
        rows = math.ceil(entries / per_row)
        band = 0.06 + BAND_IN * rows
        height = PANEL_IN[1] + band
        self.figure.set_size_inches(width, height)
        left, right, bottom, top = 0.62, 0.18, 0.5, 0.42     # inches around each axes box
        w = (PANEL_IN[0] - left - right) / width
        h = (PANEL_IN[1] - bottom - top) / height
        self.ax_f.set_position((left / width, bottom / height, w, h))
        self.ax_df.set_position(((PANEL_IN[0] + left) / width, bottom / height, w, h))
        self.ax_df.set_visible(derivative)
        if self.legend is not None:
            self.legend.remove()
        self.legend = self.figure.legend(handles=self.legend_handles, loc="upper left",
                                         bbox_to_anchor=(0.1 / width, 1 - 0.08 / height),
                                         ncol=min(entries, per_row), frameon=False, fontsize=10,
                                         handlelength=1.8, columnspacing=1.6, borderaxespad=0)
        return width

    def draw(self, cache: bool = True) -> None:
        """Draw with Agg: axes, ticks and legend come from a cached bitmap unless limits or
        layout changed; the curves and shading (animated artists) are drawn over it. Without
        ``cache`` (a figure drawn once) no bitmap is kept."""
        if self.background is None or self.frame_key != self.background_key:
            self.canvas.draw()                   # everything except the animated artists
            if cache:
                self.background = self.canvas.copy_from_bbox(self.figure.bbox)
                self.background_key = self.frame_key
        else:
            self.canvas.restore_region(self.background)
        for ax, k in ((self.ax_f, 0), (self.ax_df, 1)):
            if not ax.get_visible():
                continue
            for shades in self.shades:
                ax.draw_artist(shades[k])
            for lines in self.lines.values():
                ax.draw_artist(lines[k])

    def png(self, cache: bool = True) -> bytes:
        """Draw (see ``draw``) and encode as PNG (``canvas_png``)."""
        self.draw(cache)
        return canvas_png(self.canvas)


def canvas_png(canvas: Any) -> bytes:
    """What an Agg canvas holds, as PNG: RGB, fast zlib level, no timestamp."""
    from PIL import Image

    width, height = canvas.get_width_height()
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


class Explorer:
    """The live widget (``widget``) and static views of one explore(...) call.

    The matplotlib figure is made when an image is needed and released once the starting image
    is rendered: an explorer that is only displayed holds its PNG, its HTML and its widgets, not
    a figure. The first move of a control makes the figure again (at the current values) and
    keeps it, so later moves only update line data; ``close()`` releases it for good.
    ``figure``, ``canvas``, ``ax_f``, ``ax_df`` and ``lines`` make it too when read.
    """

    def __init__(self, spec: S.Spec):
        import ipywidgets as W

        if not isinstance(spec, S.Spec):
            raise TypeError(f"Explorer: spec must be an explorer_spec.Spec (actlib.explore makes one), "
                            f"got {type(spec).__name__}")
        self.spec = spec
        self._hold = False
        self._closed = False
        self._html: bytes | None = None          # the static HTML, zlib-compressed (a fifth of its size)
        self._drawing: _Drawing | None = None
        self._views: dict[str, tuple | None] = {"f": None, "df": None}   # y views shown (explorer_spec.y_view)
        self._x_shown = spec.x_range             # the slider's x range, or the last one with low < high

        # ---------------------------------------------------------------- controls
        self.controls: dict[str, Any] = {}
        rows = []
        for k, c in enumerate(spec.controls):
            zh, en = spec.moves(k)
            moves = f"— {html.escape(zh)} · {html.escape(en)} " if zh else ""
            doc = W.HTML(f"{moves}<small>{html.escape(c.doc_zh)} · {html.escape(c.doc_en)}</small>")
            if c.kind == "param":
                widget = W.FloatSlider(value=c.initial, min=c.low, max=c.high, step=c.step,
                                       description=f"{c.symbol} {c.name}".strip(), continuous_update=True,
                                       readout_format=f".{max(_decimals(c.step), 1)}f",
                                       style={"description_width": "initial"},
                                       layout=W.Layout(width="100%", max_width="440px"))
            else:
                widget = W.ToggleButtons(options=list(c.grid), value=c.initial, description=c.name,
                                         style={"description_width": "initial", "button_width": "auto"})
            widget.observe(self._changed, names="value")
            self.controls[c.name] = widget
            rows.append(W.HBox([widget, doc], layout=W.Layout(align_items="center", flex_flow="row wrap")))
        self.sliders = {k: w for k, w in self.controls.items() if isinstance(w, W.FloatSlider)}
        lo, hi = spec.x_range
        span = hi - lo
        step = 10 ** math.floor(math.log10(span / 100))
        self.x_range = W.FloatRangeSlider(value=(lo, hi), min=lo - span, max=hi + span, step=step,
                                          description="x 范围 · range", continuous_update=True,
                                          readout_format=f".{max(0, -math.floor(math.log10(step)))}f",
                                          style={"description_width": "initial"},
                                          layout=W.Layout(width="100%", max_width="440px"))
        self.x_range.observe(self._changed, names="value")
        self.derivative = W.Checkbox(value=spec.derivative, description="导数 · derivative f′", indent=False,
                                     layout=W.Layout(width="auto"))
        self.derivative.observe(self._changed, names="value")
        self.reset_button = W.Button(description="重置 · reset", tooltip="回到初始值 · back to the starting values",
                                     layout=W.Layout(width="auto"))
        self.reset_button.on_click(lambda _: self.reset())
        self.formula = W.HTMLMath()
        self.notes = W.HTML()
        self.image = W.Image(format="png", layout=W.Layout(width="100%", height="auto"))
        self.widget = W.VBox(
            [self.formula, *rows,
             W.HBox([self.x_range, self.derivative, self.reset_button],
                    layout=W.Layout(align_items="center", flex_flow="row wrap", grid_gap="4px 16px")),
             self.image, self.notes],
            layout=W.Layout(max_width="920px"))
        with _collected():                       # the starting state (also the image/png output)
            self.png = self._drawn("Explorer").png(cache=False)
            self.image.value = self.png
            self._drawing = None                 # released: its reference cycles are collected on leaving

    # -------------------------------------------------------------------- state
    @property
    def values(self) -> dict[str, Any]:
        """Current control values, name → value (the last ones once closed)."""
        return {name: w.value for name, w in self.controls.items()}

    def reset(self) -> None:
        """Back to the starting values, x range and derivative switch; one redraw."""
        self._check_open("reset")
        self._hold = True
        try:
            for c in self.spec.controls:
                self.controls[c.name].value = c.initial
            self.x_range.value = self.spec.x_range
            self.derivative.value = self.spec.derivative
        finally:
            self._hold = False
        self._views = {"f": None, "df": None}
        self.update()

    def close(self) -> None:
        """Close the widgets (the front end removes their views) and release the figure. Closing
        again does nothing; a closed explorer still shows its static views (``html``, the PNG)."""
        stack = [self.widget]
        while stack:
            widget = stack.pop()
            stack.extend(getattr(widget, "children", ()))
            widget.close()
        self._drawing = None                     # collected with the next full garbage collection
        self._closed = True

    def _check_open(self, method: str) -> None:
        if self._closed:
            raise ValueError(f"Explorer.{method}: this explorer is closed (close() was called); "
                             "actlib.explore(...) makes a new one")

    def _changed(self, _change: Any) -> None:
        if not self._hold and not self._closed:
            self.update()

    # -------------------------------------------------------------------- the figure, on demand
    def _drawn(self, who: str) -> _Drawing:
        """The figure at the current control values; made again if it was released (not once closed)."""
        self._check_open(who)
        if self._drawing is None:
            self._drawing = _Drawing(self.spec)
            self._apply()
        return self._drawing

    @property
    def figure(self):
        """The matplotlib Figure (Agg canvas), at the current values."""
        return self._drawn("figure").figure

    @property
    def canvas(self):
        """Its FigureCanvasAgg."""
        return self._drawn("canvas").canvas

    @property
    def ax_f(self):
        """The panel of f."""
        return self._drawn("ax_f").ax_f

    @property
    def ax_df(self):
        """The panel of f′."""
        return self._drawn("ax_df").ax_df

    @property
    def lines(self) -> dict[str, tuple]:
        """Shown function's name → (line of f, line of f′)."""
        return self._drawn("lines").lines

    # -------------------------------------------------------------------- drawing
    def update(self) -> None:
        """Recompute every curve for the current controls and redraw the one figure."""
        self._check_open("update")
        if self._drawing is not None:
            self._apply()
        self.image.value = self._drawn("update").png()

    def _apply(self) -> None:
        """Bring the figure, the formula and the notes to the current control values (while both
        ends of the x-range slider are together, the curves keep the last x range)."""
        spec, values, drawing = self.spec, self.values, self._drawing
        lo, hi = self.x_range.value
        if hi > lo:
            self._x_shown = (lo, hi)
        x_lo, x_hi = self._x_shown
        x = np.linspace(x_lo, x_hi, S.LIVE_POINTS)
        problems, shown = [], {"f": [], "df": []}
        half = (x_hi - x_lo) / (S.LIVE_POINTS - 1) / 2
        count = len(spec.functions)
        for fn, act in enumerate(spec.functions):
            line_f, line_df = drawing.lines[act.act.name]
            try:
                f, df = spec.evaluate(fn, x, values)
            except ValueError as error:
                problems.append(f"{act.act.name}: {error}")
                for artist in (line_f, line_df, *drawing.shades[fn]):
                    artist.set_visible(False)
                continue
            line_f.set_data(x, f)
            line_df.set_data(x, df)
            shown["f"].append(f)
            shown["df"].append(df)
            y0, y1 = S.band(fn, count)
            verts = [[(x[i] - half, y0), (x[j] + half, y0), (x[j] + half, y1), (x[i] - half, y1)]
                     for i, j in _runs(spec.saturated(fn, x, values))]
            for artist in (line_f, line_df, *drawing.shades[fn]):
                artist.set_visible(True)
            for coll in drawing.shades[fn]:
                coll.set_verts(verts)
        drawing.ax_f.set_xlim(x_lo, x_hi)
        limits = []
        for key, ax in (("f", drawing.ax_f), ("df", drawing.ax_df)):
            span = S.data_range(shown[key], zero=key == "df")
            if span is not None:
                self._views[key] = S.y_view(*span, self._views[key])
            view = self._views[key] or S.y_view(0.0, 1.0)
            ax.set_ylim(*S.axis_limits(view, count))
            ax.set_yticks(S.y_ticks(view)[0])
            limits += list(ax.get_ylim())
        derivative = bool(self.derivative.value)
        self.image.layout.max_width = f"{round(drawing.layout(derivative) * CSS_DPI)}px"
        self._update_formula(values, derivative)
        self.notes.value = ("<b>无效参数 · invalid parameters</b><br>" + "<br>".join(map(html.escape, problems))
                            if problems else "")
        drawing.frame_key = (x_lo, x_hi, *limits, derivative)

    def _update_formula(self, values: dict[str, Any], derivative: bool) -> None:
        rows = []
        for fn, shown in enumerate(self.spec.functions):
            color = S.PALETTE[shown.color][0]
            dot = f'<span style="color:{color};font-size:1.3em">●</span>'
            tex = S.render_formula(S.formula_parts(shown.act.latex, self.spec, fn), self.spec, values)
            row = f"<div>{dot} \\({html.escape(tex, quote=False)}\\)"
            if derivative:
                dtex = S.render_formula(S.formula_parts(shown.act.grad_latex, self.spec, fn), self.spec, values)
                row += f"&emsp;&emsp;\\({html.escape(dtex, quote=False)}\\)"
            rows.append(row + "</div>")
        text = "".join(rows)
        if self.formula.value != text:
            self.formula.value = text

    def draw(self) -> None:
        """Draw the figure at the current values with Agg (see ``render_png``)."""
        self._drawn("draw").draw()

    def render_png(self) -> bytes:
        """The figure at the current values as PNG (fast zlib level; no timestamp)."""
        return self._drawn("render_png").png()

    # -------------------------------------------------------------------- views
    @property
    def html(self) -> str:
        """The static, self-contained HTML of the starting state (made once, kept compressed)."""
        if self._html is None:
            from .explorer_static import render

            self._html = zlib.compress(render(self.spec).encode(), 1)
        return zlib.decompress(self._html).decode()

    def __repr__(self) -> str:
        names = ", ".join(s.act.name for s in self.spec.functions)
        start = ", ".join(f"{c.name}={S.fmt(c.initial)}" for c in self.spec.controls)
        lo, hi = self.spec.x_range
        return f"<actlib explorer: {names}{'; ' + start if start else ''}; x in [{S.fmt(lo)}, {S.fmt(hi)}]>"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **kwargs: Any):
        """The widget view (until closed), text/plain, the static text/html and the starting
        image/png; ``include`` / ``exclude`` (None or a collection of MIME types) filter them."""
        return mime_bundle("Explorer._repr_mimebundle_", self.widget,
                           {"text/plain": lambda: repr(self), "text/html": lambda: self.html}, self.png, include, exclude)


def mime_bundle(who: str, widget: Any, views: dict, png: bytes, include: Any, exclude: Any) -> tuple[dict, dict]:
    """The MIME bundle of an explorer (``who`` names it in errors): the widget's view (until it is closed),
    each of ``views`` (MIME type → a function that makes it) and ``png`` as image/png at 100 CSS pixels per
    inch, filtered by ``include`` / ``exclude`` (None or a collection of MIME types); with its metadata."""
    wanted = _mime_filter(who, include, "include"), _mime_filter(who, exclude, "exclude")

    def keep(mime: str) -> bool:
        return (wanted[0] is None or mime in wanted[0]) and (wanted[1] is None or mime not in wanted[1])

    widget_repr = getattr(widget, "_repr_mimebundle_", None)
    bundle = dict(widget_repr(include=include, exclude=exclude) or {}) if callable(widget_repr) else {}
    bundle = {mime: data for mime, data in bundle.items() if keep(mime)}
    views = views | {"image/png": lambda: base64.b64encode(png).decode("ascii")}
    bundle |= {mime: view() for mime, view in views.items() if keep(mime)}
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    size = {"width": round(width * CSS_DPI / FIG_DPI), "height": round(height * CSS_DPI / FIG_DPI)}
    return bundle, ({"image/png": size} if "image/png" in bundle else {})


def _mime_filter(who: str, types: Any, argument: str) -> frozenset | None:
    """``include`` / ``exclude`` of ``_repr_mimebundle_``: None, or a collection of MIME type strings
    (empty means no filter, as in IPython's formatter)."""
    if types is None:
        return None
    if isinstance(types, (list, tuple, set, frozenset)) and all(isinstance(t, str) for t in types):
        return frozenset(types) or None
    raise TypeError(f"{who}: {argument} must be None or a list, tuple or set of MIME type "
                    f"strings, got {type(types).__name__} {types!r:.60}")


@contextlib.contextmanager
def _collected():
    """Run the block with automatic garbage collection paused, then collect the youngest generation.

    A released figure is thousands of matplotlib objects in reference cycles (about 1.5 MB). Made
    and dropped inside the block they all stay in generation 0, so collecting it frees them at
    once, in a few ms, instead of at some later full collection (about 30 ms here).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.collect(0)


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) index of every run of True in a boolean array."""
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return list(zip(edges[0::2].tolist(), (edges[1::2] - 1).tolist()))
