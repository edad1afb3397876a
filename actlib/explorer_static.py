"""The static (no-kernel) explorer: self-contained HTML with precomputed curves and a small script.

The page holds, for every static state of every shown function (the product of its controls'
grids, see ``explorer_spec``), the values of f and f′ at 201 points computed by actlib, plus the
mask of the saturated points (``actlib.saturated``). States with identical curves share one
stored curve: ``map`` gives, per state, the index of its curve, or −1 − k for a state whose
parameters are invalid, k indexing ``errors`` (a message with ``{name}`` holes for the values).
``actlib/static/explorer.js`` (inlined, with ``explorer.css``) redraws the SVG from them when a
slider moves; it loads nothing from anywhere. Without script the reader sees the server-rendered
default SVG below (the same drawing at the starting values) and no controls.

Encoding (compact and exact at drawing precision): for each function and each of f, f′ the
values of every curve are quantised to 12 bits over that function's [min, max] across its
curves, q = round((v − min) / (max − min) · 4095), and written as two base64-alphabet characters
per value (high 6 bits, low 6 bits). Decoding: v = min + q · (max − min)/4095. The saturation
mask is exact: one bit per point, ``numpy.packbits`` per curve, standard base64.

Every visible text is a pair ``<span lang="zh">…</span><span lang="en">…</span>`` (the book's
language toggle hides one; the " · " between them shows only when both do), and every
attribute a reader hears (aria-label) is given as ``data-zh-…`` / ``data-en-…`` with both
languages as its default.

Output is deterministic: no random ids or timestamps. The root id is a hash of the explore(...)
call, with ``-2``, ``-3``, … appended when the same call is rendered again in the same process.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
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


def root_id(call: str, prefix: str = "actx") -> str:
    """``prefix``-<hash of the call>, with -2, -3, … when the same call is rendered again."""
    digest = hashlib.sha256(call.encode()).hexdigest()[:10]
    _seen[digest] = _seen.get(digest, 0) + 1
    return f"{prefix}-{digest}" + ("" if _seen[digest] == 1 else f"-{_seen[digest]}")


def asset(name: str) -> str:
    return resources.files("actlib").joinpath("static", name).read_text(encoding="utf-8")


# ---------------------------------------------------------------------- encodings
def quantise(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Values as 12-bit codes over [lo, hi]; values outside (±inf included) get the nearest end."""
    scale = QUANT / (hi - lo) if hi > lo else 0.0
    with np.errstate(over="ignore", invalid="ignore"):       # inf − lo, or ±inf · 0 for a flat range
        codes = np.rint((values - lo) * scale)
    return np.clip(np.nan_to_num(codes, nan=0.0, posinf=QUANT, neginf=0.0), 0, QUANT).astype(np.uint16)


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


def bilingual(zh: str, en: str) -> str:
    """A short bilingual text: the Chinese and the English span; " · " between them only in 双语."""
    return (f'<span lang="zh">{html.escape(zh)}</span>'
            f'<span lang="en"><span class="actx-sep"> · </span>{html.escape(en)}</span>')


def bilingual_attr(name: str, zh: str, en: str) -> str:
    """An attribute in both languages: data-zh-/data-en- for the language toggle, both as default."""
    return (f'{name}="{html.escape(zh)} · {html.escape(en)}" data-zh-{name}="{html.escape(zh)}" '
            f'data-en-{name}="{html.escape(en)}"')


def y_axis(frame: _Frame, view: tuple) -> tuple[str, str, str]:
    """The y grid lines, the y = 0 line and the y tick labels of a panel (explorer.js: ``yAxis``)."""
    g = GEOM
    left, right = g["l"], g["l"] + frame.pw
    grid, labels = [], []
    for t, lab in zip(*S.y_ticks(view)):
        y = frame.py(t)
        grid.append(f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        labels.append(f'<text x="{left - 5}" y="{y + 4:.1f}" text-anchor="end">{lab}</text>')
    lo, hi = frame.y_lim
    zero = f'<line x1="{left}" x2="{right}" y1="{frame.py(0):.1f}" y2="{frame.py(0):.1f}"/>' if lo < 0 < hi else ""
    return "".join(grid), zero, "".join(labels)


def _panel_svg(key: str, frame: _Frame, view: tuple, title: tuple[str, str, str],
               paths: list[tuple[str, str, int]], hidden: bool) -> str:
    g = GEOM
    left, right, top, bottom = g["l"], g["l"] + frame.pw, g["t"], g["t"] + frame.ph
    name = bilingual_attr("aria-label", f"{title[0]} {title[1]}", f"{title[0]} {title[2]}")
    parts = [f'<svg class="actx-panel actx-p{key}" viewBox="0 0 {g["w"]} {g["h"]}" role="img" {name}'
             f'{" hidden" if hidden else ""}>']
    ygrid, yzero, ylabels = y_axis(frame, view)
    xgrid, xlabels = [], []
    for t, lab in zip(*nice_ticks(*frame.x_range, target=6)):
        x = frame.px(t)
        xgrid.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{bottom}"/>')
        xlabels.append(f'<text x="{x:.1f}" y="{bottom + 15}" text-anchor="middle">{lab}</text>')
    xzero = (f'<line x1="{frame.px(0):.1f}" x2="{frame.px(0):.1f}" y1="{top}" y2="{bottom}"/>'
             if frame.x_range[0] < 0 < frame.x_range[1] else "")
    parts.append(f'<g class="actx-grid"><g class="actx-ygrid">{ygrid}</g>{"".join(xgrid)}</g>')
    parts.append(f'<g class="actx-zero"><g class="actx-yzero">{yzero}</g>{xzero}</g>')
    for cls, d, k in paths:
        parts.append(f'<path class="actx-{cls} actx-k{k}" data-fn="{k}" d="{d}"/>')
    parts.append(f'<rect class="actx-frame" x="{left}" y="{top}" width="{frame.pw}" height="{frame.ph}"/>')
    parts.append(f'<g class="actx-ticks"><g class="actx-yticks">{ylabels}</g>{"".join(xlabels)}</g>')
    parts.append(f'<text class="actx-axis" x="{right}" y="{g["h"] - 2}" text-anchor="end">x</text>')
    parts.append(f'<text class="actx-title" x="{left}" y="{top - 9}"><tspan class="actx-fx">{title[0]}</tspan>'
                 f'<tspan dx="8"><tspan lang="zh">{html.escape(title[1])}</tspan>'
                 f'<tspan lang="en"><tspan class="actx-sep"> · </tspan>{html.escape(title[2])}</tspan></tspan></text>')
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------------- data
POINTS = (S.STATIC_POINTS, 161, 121, 101, 81)   # x samples tried in turn until the page fits BUDGET
# Chinese for the invalid-parameter messages of actlib (English text → Chinese template).
ERRORS_ZH = ((re.compile(r"^(\w+) \((.+?)\) must not exceed (\w+) \((.+?)\)$"), r"\1（\2）不能大于 \3（\4）"),
             (re.compile(r"^parameter (\w+) must lie in (.+), got (.+)$"), r"参数 \1 必须在 \2 内，现为 \3"))


def error_template(message: str, act_name: str, values: dict[str, Any]) -> dict[str, str]:
    """An invalid-parameter message in both languages, with ``{name}`` where a value stood
    (written in full, ``repr``, or short, ``:g``)."""
    text = message.removeprefix(f"{act_name}: ")
    for name, value in values.items():
        if not isinstance(value, str):
            for written in dict.fromkeys((repr(float(value)), f"{value:g}")):
                text = re.sub(rf"(?<![\w.]){re.escape(written)}(?![\w.])", "{" + name + "}", text)
    zh = next((pattern.sub(repl, text) for pattern, repl in ERRORS_ZH if pattern.match(text)), text)
    return {"zh": zh, "en": text}


def decoded(q: np.ndarray, lim: tuple[float, float]) -> np.ndarray:
    """Values of a stored curve as the script reads them."""
    return lim[0] + q * ((lim[1] - lim[0]) / QUANT)


def _function_data(spec: S.Spec, fn: int, x: np.ndarray) -> dict[str, Any]:
    """The stored curves of one function: unique (f, f′, mask) triples, and the state → curve map."""
    shown = spec.functions[fn]
    results = list(spec.grid_curves(fn, x))
    good = [(f, df) for _, f, df, _ in results if f is not None]
    f_lim = S.round_out(*S.data_range([f for f, _ in good], zero=False))
    d_lim = S.round_out(*S.data_range([d for _, d in good], zero=False))
    index: dict[bytes, int] = {}
    fq, dq, sat, errors, mapping = [], [], [], [], []
    for state, f, df, mask in results:
        if f is None:
            error = error_template(df, shown.act.name, spec.state_values(state))
            if error not in errors:
                errors.append(error)
            mapping.append(-1 - errors.index(error))
            continue
        triple = (quantise(f, *f_lim), quantise(df, *d_lim), np.packbits(mask))
        key = b"".join(t.tobytes() for t in triple)
        if key not in index:
            index[key] = len(fq)
            for store, t in zip((fq, dq, sat), triple):
                store.append(t)
        mapping.append(index[key])
    return {
        "name": shown.act.name, "en": shown.label_en, "zh": shown.label_zh, "color": shown.color,
        "controls": list(shown.controls), "curves": len(fq), "map": mapping, "errors": errors,
        "band": _Frame(spec.x_range, (0.0, 1.0), x.size).band(fn, len(spec.functions)),
        "f": list(f_lim), "df": list(d_lim),
        "fq": encode12(np.concatenate(fq)), "dq": encode12(np.concatenate(dq)),
        "sat": base64.b64encode(np.concatenate(sat).tobytes()).decode("ascii"),
        "tex": S.formula_parts(shown.act.latex, spec, fn),
        "dtex": S.formula_parts(shown.act.grad_latex, spec, fn),
    }


def state_index(spec: S.Spec, fn: int, positions: dict[str, int]) -> int:
    """The index of a state in ``Spec.states(fn)`` (row-major over the function's controls)."""
    index = 0
    for c in spec.functions[fn].controls:
        control = spec.controls[c]
        index = index * len(control.grid) + positions[control.name]
    return index


def start_views(spec: S.Spec, fns: list[dict], n: int) -> dict[str, list]:
    """The y views at the start, from the stored curves as the script decodes them."""
    start = {c.name: c.base for c in spec.controls}
    curves: dict[str, list[np.ndarray]] = {"f": [], "df": []}
    for fn, data in enumerate(fns):
        k = data["map"][state_index(spec, fn, start)]
        if k >= 0:
            for key, field in (("f", "fq"), ("df", "dq")):
                q = decode12(data[field])[k * n:(k + 1) * n]
                curves[key].append(decoded(q, tuple(data[key])))
    f_range = S.data_range(curves["f"], zero=False) or (0.0, 1.0)
    return {"f": list(S.y_view(*f_range)), "df": list(S.y_view(*S.data_range(curves["df"], zero=True)))}


def payload(spec: S.Spec, n: int = S.STATIC_POINTS) -> dict[str, Any]:
    """Everything the script needs, as JSON-ready data."""
    x = np.linspace(*spec.x_range, n)
    fns = [_function_data(spec, fn, x) for fn in range(len(spec.functions))]
    controls = [{"name": c.name, "kind": c.kind, "sym": c.symbol or c.name, "base": c.base, "labels": c.labels,
                 "tex": [S.tex_value(v) for v in c.grid], **({"values": list(c.grid)} if c.kind == "param" else {})}
                for c in spec.controls]
    return {"v": 2, "n": n, "x": list(spec.x_range), "deriv": spec.derivative, "geom": GEOM,
            "keep": S.KEEP, "margin": S.MARGIN, "ticks": S.TICKS, "view": start_views(spec, fns, n),
            "area": S.curve_area(len(fns)),
            "controls": controls, "fns": fns}


def json_for_script(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# ---------------------------------------------------------------------- page
def render(spec: S.Spec) -> str:
    """The self-contained HTML of the static explorer at its starting values.

    201 x points per curve; a large overlay of parametrised functions that would exceed BUDGET
    is sampled more coarsely (161, 121, … points) instead.
    """
    rid = root_id(spec.call)
    for n in POINTS:
        page = _render(spec, rid, n)
        if len(page.encode()) <= BUDGET:
            break
    return page


def _legend(spec: S.Spec) -> str:
    items = []
    for fn, shown in enumerate(spec.functions):
        items.append(f'<li><svg class="actx-swatch" viewBox="0 0 24 12" aria-hidden="true">'
                     f'<line class="actx-curve actx-k{fn}" x1="1" x2="23" y1="6" y2="6"/></svg>'
                     f'{bilingual(shown.label_zh, shown.label_en)}</li>')
    items.append('<li><svg class="actx-swatch" viewBox="0 0 24 12" aria-hidden="true">'
                 '<rect class="actx-satkey" x="1" y="0" width="22" height="12"/></svg>'
                 f'{bilingual("饱和区：尾部 |f′| <", "saturation: tail with |f′| <")} {S.SATURATION:g}</li>')
    return f'<ul class="actx-legend">{"".join(items)}</ul>'


def _controls(spec: S.Spec, rid: str) -> str:
    out = []
    for k, c in enumerate(spec.controls):
        cid = f"{rid}-c{k}"
        symbol = f'<b class="actx-sym">{html.escape(c.symbol)}</b> ' if c.symbol else ""
        zh, en = spec.moves(k)
        moves = f' <span class="actx-moves">— {bilingual(zh, en)}</span>' if zh else ""
        label = (f'<label for="{cid}">{symbol}<code>{c.name}</code>{moves} '
                 f'<small>{bilingual(c.doc_zh, c.doc_en)}</small></label>')
        if c.kind == "param":
            value = html.escape(S.fmt(c.grid[c.base]).replace("-", "−"))
            widget = (f'<input type="range" id="{cid}" data-ctl="{k}" min="0" max="{len(c.grid) - 1}" step="1" '
                      f'value="{c.base}" aria-valuetext="{html.escape(c.symbol or c.name)} = {value}">'
                      f'<output id="{cid}-v" for="{cid}">{value}</output>')
        else:
            options = "".join(f'<option value="{i}"{" selected" if i == c.base else ""}>{html.escape(str(v))}</option>'
                              for i, v in enumerate(c.grid))
            widget = f'<select id="{cid}" data-ctl="{k}">{options}</select>'
        out.append(f'<div class="actx-ctl">{label}{widget}</div>')
    did = f"{rid}-d"
    out.append(f'<div class="actx-ctl"><input type="checkbox" id="{did}" class="actx-deriv"'
               f'{" checked" if spec.derivative else ""}><label for="{did}">{bilingual("导数", "derivative")} f′</label>'
               f'<button type="button" class="actx-reset">{bilingual("重置", "reset")}</button></div>')
    return f'<div class="actx-controls" hidden>{"".join(out)}</div>'


def _formulas(spec: S.Spec) -> str:
    rows = []
    for fn, shown in enumerate(spec.functions):
        mark = f'<span class="actx-dot actx-k{fn}" aria-hidden="true"></span>'
        for cls, tex, hidden in (("actx-tex", shown.act.latex, False), ("actx-dtex", shown.act.grad_latex,
                                                                         not spec.derivative)):
            text = S.render_formula(S.formula_parts(tex, spec, fn), spec, spec.initial)
            drow = " actx-drow" if cls == "actx-dtex" else ""
            rows.append(f'<div class="actx-row{drow}"{" hidden" if hidden else ""}>{mark}'
                        f'<span class="{cls} mathjax_process" data-fn="{fn}">\\({html.escape(text, quote=False)}\\)'
                        f'</span></div>')
    return f'<div class="actx-formulas">{"".join(rows)}</div>'


def _render(spec: S.Spec, rid: str, n: int) -> str:
    data = payload(spec, n)
    x = np.linspace(*spec.x_range, n)
    count = len(spec.functions)
    views = {k: tuple(v) for k, v in data["view"].items()}
    frames = {k: _Frame(spec.x_range, S.axis_limits(views[k], count), n) for k in ("f", "df")}
    curves = {"f": [], "df": []}
    shades = []
    for fn in range(count):
        f, df = spec.evaluate(fn, x, spec.initial)
        shades.append(("sat", frames["f"].shade(spec.saturated(fn, x, spec.initial), frames["f"].band(fn, count)), fn))
        curves["f"].append(("curve", frames["f"].curve(f), fn))
        curves["df"].append(("curve", frames["df"].curve(df), fn))

    zh = "、".join(s.label_zh for s in spec.functions)
    en = ", ".join(s.label_en for s in spec.functions)
    bands = " actx-bands" if count > 1 else ""
    out = [f'<div class="actx{bands} tex2jax_ignore mathjax_ignore" id="{rid}" data-actlib-explorer="1" role="group" '
           f'{bilingual_attr("aria-label", f"探索器：{zh}", f"Explorer: {en}")}>',
           f"<style>{asset('explorer.css')}</style>", _legend(spec), _controls(spec, rid), _formulas(spec),
           '<div class="actx-plots">',
           _panel_svg("f", frames["f"], views["f"], ("f(x)", "函数", "function"), shades + curves["f"], False),
           _panel_svg("df", frames["df"], views["df"], ("f′(x)", "导数", "derivative"), shades + curves["df"],
                      not spec.derivative),
           "</div>", '<div class="actx-note" role="status"></div>',
           f'<script type="application/json" id="{rid}-data">{json_for_script(data)}</script>']
    script = asset("explorer.js").strip()
    out.append(f'<script>({script})(document.getElementById("{rid}"),'
               f'JSON.parse(document.getElementById("{rid}-data").textContent));</script>')
    out.append("</div>")
    return "".join(out)
