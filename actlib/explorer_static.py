"""The static (no-kernel) explorer: self-contained HTML with precomputed curves and a small script.

The page holds, for every static state of every shown function (see ``explorer_spec``), the
values of f and f′ at 201 points computed by actlib, plus a mask of the saturated points.
``actlib/static/explorer.js`` (inlined, with ``explorer.css``) redraws the SVG paths from them
when a slider moves; it loads nothing from anywhere. Without script the reader sees the
server-rendered default SVG below (the same drawing at the starting values) and no controls.

Encoding (compact and exact at drawing precision): for each function and each of f, f′ the
values of every state are quantised to 12 bits over that function's [min, max] across its
states, q = round((v − min) / (max − min) · 4095), and written as two base64-alphabet characters
per value (high 6 bits, low 6 bits). The quantum (max − min)/4095 is below a tenth of a pixel
for the 202-pixel-high panels, whose y-limits span at least that range. Decoding:
v = min + q · (max − min)/4095. The saturation mask (|f′| < 0.05) is exact: one bit per point,
``numpy.packbits`` per state, standard base64.

Output is deterministic: no random ids or timestamps. The root id is a hash of the explore(...)
call, with ``-2``, ``-3``, … appended when the same call is rendered again in the same process.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from decimal import Decimal
from importlib import resources
from typing import Any

import numpy as np

from . import explorer_spec as S

QUANT = 4095
B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
GEOM = {"w": 340, "h": 236, "l": 44, "r": 10, "t": 28, "b": 34}   # one panel, in SVG units ≈ CSS px
BUDGET = 200_000        # bytes per explorer; fewer x points are used if a large overlay needs it

_seen: dict[str, int] = {}


def reset_ids() -> None:
    """Forget which explorers were rendered (ids restart as in a fresh process)."""
    _seen.clear()


def _root_id(call: str) -> str:
    digest = hashlib.sha256(call.encode()).hexdigest()[:10]
    _seen[digest] = _seen.get(digest, 0) + 1
    return f"actx-{digest}" + ("" if _seen[digest] == 1 else f"-{_seen[digest]}")


def _asset(name: str) -> str:
    return resources.files("actlib").joinpath("static", name).read_text(encoding="utf-8")


# ---------------------------------------------------------------------- encodings
def quantise(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    scale = QUANT / (hi - lo) if hi > lo else 0.0
    return np.clip(np.rint((values - lo) * scale), 0, QUANT).astype(np.uint16)


def encode12(q: np.ndarray) -> str:
    """12-bit integers as two base64-alphabet characters each (high 6 bits first)."""
    alphabet = np.frombuffer(B64, dtype=np.uint8)
    out = np.empty(2 * q.size, dtype=np.uint8)
    out[0::2] = alphabet[q.ravel() >> 6]
    out[1::2] = alphabet[q.ravel() & 63]
    return out.tobytes().decode("ascii")


def decode12(text: str) -> np.ndarray:
    """Inverse of :func:`encode12` (used by the tests)."""
    lookup = np.zeros(256, dtype=np.uint16)
    lookup[np.frombuffer(B64, dtype=np.uint8)] = np.arange(64, dtype=np.uint16)
    raw = lookup[np.frombuffer(text.encode("ascii"), dtype=np.uint8)]
    return (raw[0::2] << 6) | raw[1::2]


# ---------------------------------------------------------------------- geometry
def nice_ticks(lo: float, hi: float, target: int = 5) -> tuple[list[float], list[str]]:
    """Round tick positions inside [lo, hi] and their labels (with a true minus sign)."""
    raw = (hi - lo) / target
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    decimals = max(0, -Decimal(f"{step:.10g}").as_tuple().exponent)   # as many as the step has: 2.5 → 1
    first = math.ceil(lo / step - 1e-9)
    ticks = [k * step for k in range(first, math.floor(hi / step + 1e-9) + 1)]
    labels = [f"{t:.{decimals}f}".replace("-", "−") for t in ticks]
    labels = ["0" if lab.strip("−0.") == "" else lab for lab in labels]
    return ticks, labels


class _Frame:
    """Pixel mapping of one panel (the same numbers the script uses)."""

    def __init__(self, x_range: tuple[float, float], y_lim: tuple[float, float], n: int):
        g = GEOM
        self.pw, self.ph = g["w"] - g["l"] - g["r"], g["h"] - g["t"] - g["b"]
        self.x_range, self.y_lim, self.n = x_range, y_lim, n
        self.xs = [g["l"] + i * self.pw / (n - 1) for i in range(n)]

    def px(self, x: float) -> float:
        lo, hi = self.x_range
        return GEOM["l"] + (x - lo) / (hi - lo) * self.pw

    def py(self, y: float) -> float:
        lo, hi = self.y_lim
        return GEOM["t"] + (hi - y) * (self.ph / (hi - lo))

    def curve(self, values: np.ndarray) -> str:
        pts = [f"{x:.1f},{self.py(v):.1f}" for x, v in zip(self.xs, values.tolist())]
        return "M" + pts[0] + "L" + " ".join(pts[1:])

    def band(self, fn: int, count: int) -> list[float]:
        """Pixel rows [top, bottom] of function ``fn``'s saturation shading (explorer_spec.band)."""
        y0, y1 = S.band(fn, count)
        return [round(GEOM["t"] + (1 - y1) * self.ph, 1), round(GEOM["t"] + (1 - y0) * self.ph, 1)]

    def shade(self, mask: np.ndarray, band: list[float]) -> str:
        """One closed rectangle per run of saturated points, edges half-way between samples."""
        half = self.pw / (self.n - 1) / 2
        left, right = GEOM["l"], GEOM["l"] + self.pw
        top, bottom = band
        out, i, n = [], 0, mask.size
        while i < n:
            if not mask[i]:
                i += 1
                continue
            j = i
            while j + 1 < n and mask[j + 1]:
                j += 1
            x0, x1 = max(left, self.xs[i] - half), min(right, self.xs[j] + half)
            out.append(f"M{x0:.1f},{top:g}H{x1:.1f}V{bottom:g}H{x0:.1f}Z")
            i = j + 1
        return "".join(out)


def _bi(zh: str, en: str) -> str:
    """A short bilingual label: Chinese · English, each part marked with its language."""
    return f'<span lang="zh">{html.escape(zh)}</span> · <span lang="en">{html.escape(en)}</span>'


def _panel_svg(rid: str, key: str, frame: _Frame, title: tuple[str, str, str], paths: list[tuple[str, str, int]],
               hidden: bool, count: int) -> str:
    g = GEOM
    left, right, top, bottom = g["l"], g["l"] + frame.pw, g["t"], g["t"] + frame.ph
    parts = [f'<svg class="actx-panel actx-p{key}" viewBox="0 0 {g["w"]} {g["h"]}" role="img" '
             f'aria-labelledby="{rid}-{key}-t"{" hidden" if hidden else ""}>',
             f'<title id="{rid}-{key}-t">{html.escape(title[0])} {html.escape(title[1])} · {html.escape(title[2])}</title>']
    grid, labels = [], []
    yt, yl = nice_ticks(frame.y_lim[0], S.tick_top(frame.y_lim, count))
    for t, lab in zip(yt, yl):
        y = frame.py(t)
        grid.append(f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        labels.append(f'<text x="{left - 5}" y="{y + 4:.1f}" text-anchor="end">{lab}</text>')
    xt, xl = nice_ticks(*frame.x_range, target=6)
    for t, lab in zip(xt, xl):
        x = frame.px(t)
        grid.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{bottom}"/>')
        labels.append(f'<text x="{x:.1f}" y="{bottom + 15}" text-anchor="middle">{lab}</text>')
    parts.append(f'<g class="actx-grid">{"".join(grid)}</g>')
    zero = []
    if frame.y_lim[0] < 0 < frame.y_lim[1]:
        zero.append(f'<line x1="{left}" x2="{right}" y1="{frame.py(0):.1f}" y2="{frame.py(0):.1f}"/>')
    if frame.x_range[0] < 0 < frame.x_range[1]:
        zero.append(f'<line x1="{frame.px(0):.1f}" x2="{frame.px(0):.1f}" y1="{top}" y2="{bottom}"/>')
    parts.append(f'<g class="actx-zero">{"".join(zero)}</g>')
    for cls, d, k in paths:
        parts.append(f'<path class="actx-{cls} actx-k{k}" data-fn="{k}" d="{d}"/>')
    parts.append(f'<rect class="actx-frame" x="{left}" y="{top}" width="{frame.pw}" height="{frame.ph}"/>')
    parts.append(f'<g class="actx-ticks">{"".join(labels)}</g>')
    parts.append(f'<text class="actx-axis" x="{right}" y="{g["h"] - 2}" text-anchor="end">x</text>')
    parts.append(f'<text class="actx-title" x="{left}" y="{top - 9}"><tspan class="actx-fx">{title[0]}</tspan>'
                 f'<tspan dx="8">{html.escape(title[1])} · {html.escape(title[2])}</tspan></text>')
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------------- data
POINTS = (S.STATIC_POINTS, 161, 121, 101, 81)   # x samples tried in turn until the page fits BUDGET


def payload(spec: S.Spec, n: int = S.STATIC_POINTS) -> dict[str, Any]:
    """Everything the script needs, as JSON-ready data."""
    x = np.linspace(*spec.x_range, n)
    f_lim, df_lim = spec.y_limits(x)
    fns = []
    for fn, shown in enumerate(spec.functions):
        curves = list(spec.grid_curves(fn, x))
        good = [(f, df) for _, f, df in curves if f is not None]
        f_lo, f_hi = S.round_out(min(float(f.min()) for f, _ in good), max(float(f.max()) for f, _ in good))
        d_lo, d_hi = S.round_out(min(float(d.min()) for _, d in good), max(float(d.max()) for _, d in good))
        fq, dq, sat, bad = [], [], [], {}
        for k, (state, f, df) in enumerate(curves):
            if f is None:
                bad[str(k)] = df
                f = df = np.full(n, np.nan)
            fq.append(quantise(np.nan_to_num(f, nan=f_lo), f_lo, f_hi))
            dq.append(quantise(np.nan_to_num(df, nan=d_lo), d_lo, d_hi))
            sat.append(np.packbits(S.saturated_mask(df)))
        fns.append({
            "name": shown.act.name, "en": shown.label_en, "zh": shown.label_zh, "color": shown.color,
            "controls": list(shown.controls), "states": len(curves),
            "band": _Frame(spec.x_range, f_lim, n).band(fn, len(spec.functions)),
            "f": [f_lo, f_hi], "df": [d_lo, d_hi],
            "fq": encode12(np.concatenate(fq)), "dq": encode12(np.concatenate(dq)),
            "sat": base64.b64encode(np.concatenate(sat).tobytes()).decode("ascii"), "bad": bad,
            "tex": S.formula_parts(shown.act.latex, spec, fn),
            "dtex": S.formula_parts(shown.act.grad_latex, spec, fn),
        })
    controls = [{"name": c.name, "kind": c.kind, "sym": c.symbol or c.name, "base": c.base, "labels": c.labels,
                 "tex": [S.tex_value(v) for v in c.grid], **({"values": list(c.grid)} if c.kind == "param" else {})}
                for c in spec.controls]
    return {"v": 1, "n": n, "x": list(spec.x_range), "eps": S.SATURATION, "deriv": spec.derivative,
            "geom": GEOM, "ylim": {"f": list(f_lim), "df": list(df_lim)}, "controls": controls, "fns": fns}


def _json_for_script(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# ---------------------------------------------------------------------- page
def render(spec: S.Spec) -> str:
    """The self-contained HTML of the static explorer at its starting values.

    201 x points per curve; a large overlay of parametrised functions that would exceed BUDGET
    is sampled more coarsely (161, 121, … points) instead.
    """
    rid = _root_id(spec.call)
    for n in POINTS:
        page = _render(spec, rid, n)
        if len(page.encode()) <= BUDGET:
            break
    return page


def _render(spec: S.Spec, rid: str, n: int) -> str:
    data = payload(spec, n)
    x = np.linspace(*spec.x_range, n)
    frames = {"f": _Frame(spec.x_range, tuple(data["ylim"]["f"]), n),
              "df": _Frame(spec.x_range, tuple(data["ylim"]["df"]), n)}
    curves = {"f": [], "df": []}
    shades = []
    note: list[str] = []
    count = len(spec.functions)
    for fn, shown in enumerate(spec.functions):
        f, df = spec.evaluate(fn, x, spec.initial)
        shades.append(("sat", frames["f"].shade(S.saturated_mask(df), frames["f"].band(fn, count)), fn))
        curves["f"].append(("curve", frames["f"].curve(f), fn))
        curves["df"].append(("curve", frames["df"].curve(df), fn))

    bands = " actx-bands" if count > 1 else ""
    out = [f'<div class="actx{bands} tex2jax_ignore mathjax_ignore" id="{rid}" data-actlib-explorer="1">',
           f"<style>{_asset('explorer.css')}</style>"]

    legend = []
    for fn, shown in enumerate(spec.functions):
        legend.append(f'<li><svg class="actx-swatch" viewBox="0 0 24 12" aria-hidden="true">'
                      f'<line class="actx-curve actx-k{fn}" x1="1" x2="23" y1="6" y2="6"/></svg>'
                      f'{_bi(shown.label_zh, shown.label_en)}</li>')
    legend.append('<li><svg class="actx-swatch" viewBox="0 0 24 12" aria-hidden="true">'
                  '<rect class="actx-satkey" x="1" y="0" width="22" height="12"/></svg>'
                  f'{_bi("饱和区", "saturation")} |f′| &lt; {S.SATURATION:g}</li>')
    out.append(f'<ul class="actx-legend">{"".join(legend)}</ul>')

    controls = []
    for k, c in enumerate(spec.controls):
        cid = f"{rid}-c{k}"
        symbol = f'<b class="actx-sym">{html.escape(c.symbol)}</b> ' if c.symbol else ""
        label = (f'<label for="{cid}">{symbol}<code>{c.name}</code> '
                 f'<small>{_bi(c.doc_zh, c.doc_en)}</small></label>')
        if c.kind == "param":
            value = html.escape(S.fmt(c.grid[c.base]).replace("-", "−"))
            widget = (f'<input type="range" id="{cid}" data-ctl="{k}" min="0" max="{len(c.grid) - 1}" step="1" '
                      f'value="{c.base}" aria-valuetext="{html.escape(c.symbol or c.name)} = {value}">'
                      f'<output id="{cid}-v" for="{cid}">{value}</output>')
        else:
            options = "".join(f'<option value="{i}"{" selected" if i == c.base else ""}>{html.escape(str(v))}</option>'
                              for i, v in enumerate(c.grid))
            widget = f'<select id="{cid}" data-ctl="{k}">{options}</select>'
        controls.append(f'<div class="actx-ctl">{label}{widget}</div>')
    did = f"{rid}-d"
    controls.append(f'<div class="actx-ctl"><input type="checkbox" id="{did}" class="actx-deriv"'
                    f'{" checked" if spec.derivative else ""}><label for="{did}">{_bi("导数", "derivative")} f′</label>'
                    f'<button type="button" class="actx-reset">{_bi("重置", "reset")}</button></div>')
    if any(len(s.controls) > 1 for s in spec.functions):
        note.append(_bi("静态页面中一次调节一个参数，其余参数回到初始值；在 Jupyter 中运行可自由组合。",
                        "In this static page one parameter moves at a time (the others return to their "
                        "starting values); run the notebook to combine them freely."))
    if note:
        controls.append(f'<p class="actx-hint">{note[0]}</p>')
    out.append(f'<div class="actx-controls" hidden>{"".join(controls)}</div>')

    formulas = []
    for fn, shown in enumerate(spec.functions):
        tex = S.render_formula(S.formula_parts(shown.act.latex, spec, fn), spec, spec.initial)
        dtex = S.render_formula(S.formula_parts(shown.act.grad_latex, spec, fn), spec, spec.initial)
        mark = f'<span class="actx-dot actx-k{fn}" aria-hidden="true"></span>'
        formulas.append(f'<div class="actx-row">{mark}<span class="actx-tex mathjax_process" data-fn="{fn}">'
                        f'\\({html.escape(tex, quote=False)}\\)</span></div>')
        formulas.append(f'<div class="actx-row actx-drow"{"" if spec.derivative else " hidden"}>{mark}'
                        f'<span class="actx-dtex mathjax_process" data-fn="{fn}">\\({html.escape(dtex, quote=False)}\\)</span></div>')
    out.append(f'<div class="actx-formulas">{"".join(formulas)}</div>')

    out.append('<div class="actx-plots">')
    out.append(_panel_svg(rid, "f", frames["f"], ("f(x)", "函数", "function"), shades + curves["f"], False, count))
    out.append(_panel_svg(rid, "df", frames["df"], ("f′(x)", "导数", "derivative"), shades + curves["df"],
                          not spec.derivative, count))
    out.append("</div>")
    out.append('<div class="actx-note" role="status"></div>')
    out.append(f'<script type="application/json" id="{rid}-data">{_json_for_script(data)}</script>')
    script = _asset("explorer.js").strip()
    out.append(f'<script>({script})(document.getElementById("{rid}"),'
               f'JSON.parse(document.getElementById("{rid}-data").textContent));</script>')
    out.append("</div>")
    return "".join(out)
