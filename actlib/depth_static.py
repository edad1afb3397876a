"""The static (no-kernel) depth explorer: self-contained HTML with the mean-field logs and a small script.

For every shown activation and every σ_w² on the slider the page holds log10 q_l and log10 χ_l for
l = 1 … MAX_DEPTH as little-endian float32, base64 (``lq`` and ``lchi``, position-major);
``actlib/static/depth.js`` (inlined, with ``explorer.css``) draws the curves at the slider's depth
from them (the gradient as the sums of ``depth_explorer._gradient_logs``), rewrites the y-axes when
``depth_explorer._log_view`` changes them and fills the table. Without script the reader sees the
server-rendered drawing at the starting values and no controls.

Visible texts are ``<span lang="zh">…</span><span lang="en">…</span>`` pairs and aria-labels carry
``data-zh-`` / ``data-en-`` twins, as in the other static explorers (``explorer_static``). Output is
deterministic; the root id is a hash of the explore_depth(...) call.
"""

from __future__ import annotations

import base64
import html

import numpy as np

from . import depth_explorer as D
from .explorer_static import GEOM, asset, bilingual, bilingual_attr, json_for_script, nice_ticks, root_id

# Each panel: its key, its symbol as (text, subscript) pieces, its title in Chinese and in English.
PANELS = (("q", (("q", "l"),), "前向：预激活的方差", "forward: variance"),
          ("g", (("E[δ", "l"), ("²] / E[δ", "L"), ("²]", "")), "反向：梯度", "backward: gradient"))
CSS = (".actd-table{border-collapse:collapse;margin:.3em 0 .2em;font-size:.92em;font-variant-numeric:tabular-nums}"
       ".actd-table th,.actd-table td{padding:.15em .9em .15em 0;text-align:left;border:0}"
       ".actd-table td+td{text-align:right}.actd-table th{font-weight:600}")


class _Frame:
    """Pixels of one panel: x is the layer, 1 … ``end``; y is log10 of the value, over ``view`` (decades)."""

    def __init__(self, end: int, view: tuple[int, int, int]):
        self.pw, self.ph = GEOM["w"] - GEOM["l"] - GEOM["r"], GEOM["h"] - GEOM["t"] - GEOM["b"]
        self.end, self.view = end, view

    def px(self, layer: float) -> float:
        return GEOM["l"] + (layer - 1) * self.pw / (self.end - 1)

    def py(self, log10: float) -> float:
        lo, hi = self.view[0], self.view[1]
        return GEOM["t"] + (hi - log10) * self.ph / (hi - lo)

    def curve(self, logs: np.ndarray) -> str:
        points = [f"{self.px(k + 1):.1f},{self.py(v):.1f}" for k, v in enumerate(logs.tolist())]
        return "M" + points[0] + ("L" + " ".join(points[1:]) if len(points) > 1 else "")


def x_ticks(end: int) -> list[int]:
    """Round layer numbers from 1 to ``end`` (depth.js reads them from the page's data)."""
    return [int(t) for t in nice_ticks(1, end, target=5)[0]]


def _y_axis(frame: _Frame) -> tuple[str, str]:
    left, right = GEOM["l"], GEOM["l"] + frame.pw
    grid, labels = [], []
    for e in range(frame.view[0], frame.view[1] + 1, frame.view[2]):
        y = frame.py(e)
        grid.append(f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        labels.append(f'<text x="{left - 5}" y="{y + 4:.1f}" text-anchor="end">{D._power_of_ten(e)}</text>')
    return "".join(grid), "".join(labels)


def _x_axis(frame: _Frame) -> tuple[str, str]:
    top, bottom = GEOM["t"], GEOM["t"] + frame.ph
    grid, labels = [], []
    for t in x_ticks(frame.end):
        x = frame.px(t)
        grid.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{bottom}"/>')
        labels.append(f'<text x="{x:.1f}" y="{bottom + 15}" text-anchor="middle">{t}</text>')
    return "".join(grid), "".join(labels)


def _panel(key: str, frame: _Frame, curves: list[np.ndarray]) -> str:
    _, symbol, zh, en = next(p for p in PANELS if p[0] == key)
    g = GEOM
    left, top = g["l"], g["t"]
    ygrid, ylabels = _y_axis(frame)
    xgrid, xlabels = _x_axis(frame)
    paths = "".join(f'<path class="actx-curve actx-k{fn}" data-fn="{fn}" d="{frame.curve(c)}"/>'
                    for fn, c in enumerate(curves))
    fx = "".join(html.escape(text) + (f'<tspan baseline-shift="sub" font-size="70%">{sub}</tspan>' if sub else "")
                 for text, sub in symbol)
    return (f'<svg class="actx-panel actd-p{key}" viewBox="0 0 {g["w"]} {g["h"]}" role="img" '
            f'{bilingual_attr("aria-label", zh, en)}>'
            f'<g class="actx-grid"><g class="actd-ygrid">{ygrid}</g><g class="actd-xgrid">{xgrid}</g></g>{paths}'
            f'<rect class="actx-frame" x="{left}" y="{top}" width="{frame.pw}" height="{frame.ph}"/>'
            f'<g class="actx-ticks"><g class="actd-yticks">{ylabels}</g><g class="actd-xticks">{xlabels}</g></g>'
            f'<text class="actx-axis" x="{left + frame.pw}" y="{g["h"] - 2}" text-anchor="end">l</text>'
            f'<text class="actx-title" x="{left}" y="{top - 9}"><tspan class="actx-fx">{fx}</tspan>'
            f'<tspan dx="8"><tspan lang="zh">{html.escape(zh)}</tspan><tspan lang="en">'
            f'<tspan class="actx-sep"> · </tspan>{html.escape(en)}</tspan></tspan></text></svg>')


def _float32(values: np.ndarray) -> str:
    return base64.b64encode(values.astype("<f4").tobytes()).decode("ascii")


def payload(spec: D.DepthSpec) -> dict:
    """Everything the script needs, as JSON-ready data."""
    lq, lchi = spec.logs
    return {"v": 1, "max": D.MAX_DEPTH, "base": spec.base, "depth": spec.depth, "geom": GEOM,
            "sw": [D._shown(v) for v in D.SIGMA_W2], "keep": D.KEEP, "pad": D.PAD, "steps": list(D.DECADE_STEPS),
            "ticks": D.TICKS, "xticks": {str(end): x_ticks(end) for end in D.X_ENDS},
            "acts": [{"name": a.name, "lq": _float32(lq[i]), "lchi": _float32(lchi[i])} for i, a in enumerate(spec.acts)]}


def _controls(spec: D.DepthSpec, rid: str) -> str:
    sw = D._shown(D.SIGMA_W2[spec.base])
    return (f'<div class="actx-controls" hidden>'
            f'<div class="actx-ctl"><label for="{rid}-w"><b class="actx-sym">σ<sub>w</sub><sup>2</sup></b> '
            f'<small>{bilingual("权重方差：W ~ N(0, σ_w²/n)", "weight variance: W ~ N(0, σ_w²/n)")}</small></label>'
            f'<input type="range" id="{rid}-w" class="actd-w" min="0" max="{len(D.SIGMA_W2) - 1}" step="1" '
            f'value="{spec.base}" aria-valuetext="σ_w² = {sw}"><output for="{rid}-w">{sw}</output></div>'
            f'<div class="actx-ctl"><label for="{rid}-L"><b class="actx-sym">L</b> '
            f'<small>{bilingual("深度（层数）", "depth (layers)")}</small></label>'
            f'<input type="range" id="{rid}-L" class="actd-L" min="1" max="{D.MAX_DEPTH}" step="1" '
            f'value="{spec.depth}" aria-valuetext="L = {spec.depth}"><output for="{rid}-L">{spec.depth}</output>'
            f'<button type="button" class="actx-reset">{bilingual("重置", "reset")}</button></div></div>')


def _legend(spec: D.DepthSpec) -> str:
    items = "".join(f'<li><svg class="actx-swatch" viewBox="0 0 24 12" aria-hidden="true">'
                    f'<line class="actx-curve actx-k{fn}" x1="1" x2="23" y1="6" y2="6"/></svg><code>{a.name}</code></li>'
                    for fn, a in enumerate(spec.acts))
    return f'<ul class="actx-legend">{items}</ul>'


def _table(spec: D.DepthSpec, shown: list[tuple[np.ndarray, np.ndarray]]) -> str:
    rows = "".join(f'<tr><td><span class="actx-dot actx-k{fn}" aria-hidden="true"></span> <code>{a.name}</code></td>'
                   f'<td class="actd-qL">{D._scientific(lq[-1])}</td><td class="actd-g1">{D._scientific(lg[0])}</td></tr>'
                   for fn, (a, (lq, lg)) in enumerate(zip(spec.acts, shown)))
    head = (f'<tr><th>{bilingual("激活函数", "activation")}</th>'
            f'<th>q<sub>L</sub>{bilingual("（末层的方差）", " (variance at the last layer)")}</th>'
            f'<th>E[δ<sub>1</sub>²] / E[δ<sub>L</sub>²]{bilingual("（首层的梯度）", " (gradient at the first layer)")}</th></tr>')
    return f'<table class="actd-table"><thead>{head}</thead><tbody>{rows}</tbody></table>'


def render(spec: D.DepthSpec) -> str:
    """The self-contained HTML of the depth explorer at its starting values."""
    rid = root_id(spec.call, "actd")
    shown = [spec.curves(fn, spec.base, spec.depth) for fn in range(len(spec.acts))]
    end = D._x_end(spec.depth)
    panels = []
    for index, key in enumerate(("q", "g")):
        logs = np.concatenate([c[index] for c in shown])
        frame = _Frame(end, D._log_view(float(logs.min()), float(logs.max())))
        panels.append(_panel(key, frame, [c[index] for c in shown]))
    names = "、".join(a.name for a in spec.acts), ", ".join(a.name for a in spec.acts)
    script = asset("depth.js").strip()
    return "".join([
        f'<div class="actx actd tex2jax_ignore mathjax_ignore" id="{rid}" data-actlib-explorer="depth" '
        f'data-formulas="ready" role="group" '
        f'{bilingual_attr("aria-label", f"深度探索器：{names[0]}", f"Depth explorer: {names[1]}")}>',
        f"<style>{asset('explorer.css')}{CSS}</style>", _legend(spec), _controls(spec, rid),
        f'<div class="actx-plots">{"".join(panels)}</div>', _table(spec, shown),
        f'<script type="application/json" id="{rid}-data">{json_for_script(payload(spec))}</script>',
        f'<script>({script})(document.getElementById("{rid}"),'
        f'JSON.parse(document.getElementById("{rid}-data").textContent));</script></div>'])
