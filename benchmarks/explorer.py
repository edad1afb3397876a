"""Latency and size of actlib.explore, live and static.

  * live update (a slider move in the kernel: f and f′ at 1,001 points for every shown function, the
    Agg draw and the PNG encoding that goes to the ipywidgets.Image), with its parts, and a full
    redraw (x-range change: axes and ticks redrawn too); goal ≤ 30 ms for a slider move;
  * static redraw in headless Chromium (input event → new SVG path data, timed in the page with
    performance.now() over many slider steps, with and without the style/layout that follows);
    goal ≤ 16 ms (one frame at 60 Hz);
  * bytes of the static explorer (its text/html) for single functions and overlays; goal ≤ 200 kB.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

import actlib
from actlib import explorer_spec as S

from . import pair

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
GOALS = {"live_ms": 30, "static_ms": 16, "kB": 200}


def median_ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


def with_slider() -> list[str]:
    present = actlib.names()
    return [n for n in ("elu", "leaky_relu", "softplus", "silu", "binary_step") if n in present]


def cases() -> list[list[str]]:
    """One function with a slider, and three overlaid (two without a parameter, one with)."""
    return [[with_slider()[0]], ["sigmoid", "tanh", with_slider()[-1]]]


def _explore(names: list[str]):
    return actlib.explore(names if len(names) > 1 else names[0])


def live() -> list[dict]:
    rows = []
    for names in cases():
        ex = _explore(names)
        slider = next(iter(ex.sliders.values()))
        grid = np.linspace(slider.min, slider.max, 101)
        moves, compute, draw, png = [], [], [], []
        for repeat in range(3):
            for value in grid[::1 if repeat % 2 == 0 else -1]:
                start = time.perf_counter()
                slider.value = float(value)
                moves.append(time.perf_counter() - start)
        x = np.linspace(-5, 5, S.LIVE_POINTS)
        for _ in range(100):
            start = time.perf_counter()
            for fn in range(len(ex.spec.functions)):
                ex.spec.evaluate(fn, x, ex.values)
            compute.append(time.perf_counter() - start)
            start = time.perf_counter()
            ex.draw()
            draw.append(time.perf_counter() - start)
            start = time.perf_counter()
            ex.render_png()
            png.append(time.perf_counter() - start)
        full = []
        for k in range(30):
            start = time.perf_counter()
            ex.x_range.value = (-5.0 + 0.1 * (k % 10), 5.0)
            full.append(time.perf_counter() - start)
        rows.append({"functions": names, "slider_ms": median_ms(moves), "curves_ms": median_ms(compute),
                     "draw_ms": median_ms(draw), "draw_png_ms": median_ms(png), "full_redraw_ms": median_ms(full),
                     "pixels": list(ex.canvas.get_width_height()), "png_kB": len(ex.image.value) / 1000})
    return rows


STEPS = """(k) => {
    const input = document.querySelector('input[type=range]');
    const n = +input.max + 1, script = [], total = [];
    for (let r = 0; r < k; r++) {
        for (let i = 0; i < n; i++) {
            const t0 = performance.now();
            input.value = String(r % 2 ? n - 1 - i : i);
            input.dispatchEvent(new Event('input', {bubbles: true}));
            const t1 = performance.now();
            document.querySelector('.actx-pf').getBoundingClientRect();   // style + layout
            document.body.offsetHeight;
            const t2 = performance.now();
            script.push(t1 - t0); total.push(t2 - t0);
        }
    }
    const median = a => { a.sort((x, y) => x - y); return a[a.length >> 1]; };
    return [median(script), median(total), script.length];
}"""


def static() -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for names in cases():
            path = Path(tmp) / "explorer.html"
            path.write_text(f'<!doctype html><html><head><meta charset="utf-8"></head><body>{_explore(names).html}'
                            "</body></html>", encoding="utf-8")
            page = browser.new_page()
            page.goto(path.as_uri())
            script_ms, total_ms, steps = page.evaluate(STEPS, 10)
            rows.append({"functions": names, "script_ms": script_ms, "layout_ms": total_ms, "steps": steps})
            page.close()
        browser.close()
    return rows


def sizes() -> list[dict]:
    elementwise = [n for n in actlib.names() if isinstance(actlib.get(n), actlib.Activation)]
    singles = [n for n in ("sigmoid", "binary_step", "leaky_relu", "elu", "softplus", "silu", "thresholded_relu",
                           "rrelu", "gelu") if n in elementwise]
    groups = [[n] for n in singles] + [["sigmoid", "tanh", "binary_step"]]
    params = [n for n in elementwise if actlib.get(n).params]
    if len(params) > 1:
        groups.append(params[:S.MAX_FUNCTIONS])
    rows = []
    for names in groups:
        ex = _explore(names)
        states = sum(len(ex.spec.states(fn)) for fn in range(len(ex.spec.functions)))
        rows.append({"functions": names, "kB": len(ex.html.encode()) / 1000, "states": states})
    return rows


def run() -> dict:
    return {"goals": GOALS, "live": live(), "static": static(), "sizes": sizes()}


# --------------------------------------------------------------------------- rendering
def _names(row: dict) -> str:
    return " + ".join(row["functions"])


def _mark(value: float, goal: float) -> str:
    return " ✗" if value > goal else ""


def render(results: dict) -> str:
    g = results["goals"]
    live_rows = ["| 函数 · functions | 拖动滑块 · slider move ms | 曲线 · curves ms | 绘制 · draw ms | "
                 "绘制+PNG · draw+PNG ms | 整图重绘 · full redraw ms | 图像 · image |", "|---|---:|---:|---:|---:|---:|---|"]
    live_rows += [f"| {_names(r)} | {r['slider_ms']:.1f}{_mark(r['slider_ms'], g['live_ms'])} | {r['curves_ms']:.2f} | "
                  f"{r['draw_ms']:.1f} | {r['draw_png_ms']:.1f} | {r['full_redraw_ms']:.1f} | "
                  f"{r['pixels'][0]}×{r['pixels'][1]} px, {r['png_kB']:.0f} kB |" for r in results["live"]]
    static_rows = ["| 函数 · functions | 脚本 · script ms | 含样式与布局 · with style and layout ms | 步数 · steps |",
                   "|---|---:|---:|---:|"]
    static_rows += [f"| {_names(r)} | {r['script_ms']:.2f} | {r['layout_ms']:.2f}{_mark(r['layout_ms'], g['static_ms'])} "
                    f"| {r['steps']} |" for r in results["static"]]
    size_rows = ["| 函数 · functions | kB | 存储的状态 · stored states |", "|---|---:|---:|"]
    size_rows += [f"| {_names(r)} | {r['kB']:.1f}{_mark(r['kB'], g['kB'])} | {r['states']} |" for r in results["sizes"]]
    worst_live = max(r["slider_ms"] for r in results["live"])
    worst_static = max(r["layout_ms"] for r in results["static"])
    worst_size = max(r["kB"] for r in results["sizes"])
    verdict = [(worst_live <= g["live_ms"], f"实时更新最慢 {worst_live:.1f} ms（目标 ≤ {g['live_ms']} ms）",
                f"slowest live update {worst_live:.1f} ms (goal ≤ {g['live_ms']} ms)"),
               (worst_static <= g["static_ms"], f"静态重绘最慢 {worst_static:.2f} ms（目标 ≤ {g['static_ms']} ms）",
                f"slowest static redraw {worst_static:.2f} ms (goal ≤ {g['static_ms']} ms)"),
               (worst_size <= g["kB"], f"最大的静态探索器 {worst_size:.1f} kB（目标 ≤ {g['kB']} kB）",
                f"largest static explorer {worst_size:.1f} kB (goal ≤ {g['kB']} kB)")]
    zh = "；".join(f"{z}，{'达标' if ok else '未达标'}" for ok, z, _ in verdict) + "。"
    en = "; ".join(f"{e}: {'met' if ok else 'missed'}" for ok, _, e in verdict) + "."
    return "\n\n".join([
        "**实时更新（内核中）· Live update (in a kernel)**\n\n" + "\n".join(live_rows),
        "**静态重绘（无头 Chromium）· Static redraw (headless Chromium)**\n\n" + "\n".join(static_rows),
        "**静态探索器大小 · Static explorer size**\n\n" + "\n".join(size_rows),
        pair(zh, en)])
