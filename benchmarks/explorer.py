"""Latency and size of actlib.explore, live and static.

  * live update (a slider move in the kernel: f and f′ at 1,001 points for every shown function, the
    Agg draw and the PNG encoding that goes to the ipywidgets.Image), with its parts, and a full
    redraw (x-range change: axes and ticks redrawn too); goal ≤ 30 ms for a slider move;
  * slider latency of the static explorers in every page of the built book that has them (headless Chromium
    from tools/browser.py, the pages served over HTTP with the book's MathJax), driven by real key
    presses and pointer drags: from the reader's event (its timeStamp) to the callback of the next
    animation frame, median and 95th percentile per page, and for a drag also from the move's delivery
    to the page; goals ≤ 8 ms and ≤ 16 ms, on every row. The script's
    own input-handler time is given beside it, and the same protocol on a page with one plain range
    input (BARE) gives the browser's own floor. The book is built into a temporary directory, or
    read from $BOOK_HTML;
  * bytes of the static explorer (its text/html) for single functions and overlays; goal ≤ 200 kB.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

import actlib
from actlib.display import spans
from actlib import explorer_spec as S
from actlib.depth_explorer import MAX_DEPTH, SIGMA_W2
from actlib.explorer_static import payload

from . import ROOT, pair

GOALS = {"live_ms": 30, "static_median_ms": 8, "static_p95_ms": 16, "kB": 200}


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


# In the page: for every input event on an explorer's slider, the time from the reader's event that
# caused it (keydown or pointer move: its timeStamp, when the browser received it) to the next
# animation frame's callback; for a pointer move also from its delivery to the page (the browser holds
# moves until the next frame begins, and delivers them there, before that frame's animation callbacks);
# and the explorer's own input handler time (the listeners on the slider, between a capture listener on
# the document and a bubbling one on the window).
HOOK = """() => {
    window.__latency = {key: [], drag: [], delivered: []}; window.__handler = [];
    let cause = null, delivered = 0, kind = 'key', start = 0;
    for (const type of ['keydown', 'pointermove', 'pointerdown'])
        document.addEventListener(type, e => {
            cause = e.timeStamp; delivered = performance.now(); kind = type === 'keydown' ? 'key' : 'drag';
        }, true);
    document.addEventListener('input', () => {
        start = performance.now();
        const t0 = cause === null ? start : cause, t1 = cause === null ? start : delivered, moved = kind === 'drag';
        const into = window.__latency[kind];
        cause = null;
        requestAnimationFrame(() => {
            const now = performance.now();
            into.push(now - t0);
            if (moved) window.__latency.delivered.push(now - t1);
        });
    }, true);
    window.addEventListener('input', () => window.__handler.push(performance.now() - start));
}"""
PRESSES = 12        # ArrowRight × 12, then ArrowLeft × 12, per slider
GAP_MS = 100        # between two key presses (a reader stepping briskly; a held key repeats every ~33 ms)
DRAG_STEPS = 24     # pointer moves across a slider, GAP_MS / 3 apart
READY_MS = 20_000   # the longest wait for an explorer's formulas to be typeset before its slider moves


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _page_figures(page) -> list[float]:
    page.evaluate(HOOK)
    sliders = page.locator(".actx input[type=range]")
    for i in range(sliders.count()):
        slider = sliders.nth(i)
        slider.scroll_into_view_if_needed()
        slider.focus()
        page.wait_for_timeout(300)
        # Its formulas are typeset in idle time once the explorer comes into view (explorer.js):
        # measured when that is done, as for a reader who looks at the explorer before moving it.
        slider.evaluate("(el, ms) => new Promise(done => { const t0 = performance.now(); (function check() {"
                        " if (el.closest('.actx').dataset.formulas === 'ready' || performance.now() - t0 > ms) done();"
                        " else setTimeout(check, 50); })(); })", READY_MS)
        for key in ("ArrowRight", "ArrowLeft"):
            for _ in range(PRESSES):
                page.keyboard.press(key)
                page.wait_for_timeout(GAP_MS)
        box = slider.bounding_box()
        y = box["y"] + box["height"] / 2
        page.mouse.move(box["x"] + box["width"] / 2, y)
        page.mouse.down()
        for k in range(DRAG_STEPS + 1):
            page.mouse.move(box["x"] + 4 + k * (box["width"] - 8) / DRAG_STEPS, y)
            page.wait_for_timeout(GAP_MS // 3)
        page.mouse.up()
        page.wait_for_timeout(GAP_MS)
    return page.evaluate("[window.__latency, window.__handler]")


def _book(html: Path | None):
    """The built book's HTML directory: ``html``, or a fresh build into a temporary directory."""
    if html is not None:
        return contextlib.nullcontext(html)
    from .book import JUPYTER_BOOK

    @contextlib.contextmanager
    def built():
        with tempfile.TemporaryDirectory() as tmp:
            command = [str(JUPYTER_BOOK), "build", "--warningiserror", "--nitpick", "--keep-going", "--path-output",
                       tmp, str(ROOT)]
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            if done.returncode:
                raise RuntimeError(f"book build failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
            yield Path(tmp) / "_build" / "html"
    return built()


# The floor of this measurement in this browser: one range input and an <output>, nothing else, driven
# the same way. Pointer moves are delivered with the display's frames, so a drag waits up to a frame
# (16.7 ms at 60 Hz) on any page; a key press does not.
BARE = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>range</title></head><body>'
        '<div class="actx" data-formulas="ready"><input type="range" min="0" max="40" value="20" aria-label="x">'
        '<output>20</output></div><script>document.querySelector("input").addEventListener("input", e => '
        '{ document.querySelector("output").textContent = e.target.value; });</script></body></html>')


def _figures(page, name: str) -> dict:
    latency, handler = _page_figures(page)
    row = {"page": name, "explorers": page.locator(".actx").count(),
           "sliders": page.locator(".actx input[type=range]").count(), "handler_ms": statistics.median(handler)}
    for kind, values in latency.items():
        row[kind] = {"events": len(values), "median_ms": statistics.median(values),
                     "p95_ms": quantile(values, 0.95), "max_ms": max(values)}
    return row


def bare(browser) -> dict:
    """The same protocol on a page with one plain range input (BARE): what the browser alone costs."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "range.html").write_text(BARE, encoding="utf-8")
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto((Path(tmp) / "range.html").as_uri(), wait_until="load")
        row = _figures(page, "range")
        page.close()
    return row | {"explorers": 0}


def static(html: Path | None = None) -> tuple[list[dict], dict]:
    """Slider latency in every page of the built book that has explorers (served over HTTP, MathJax as
    the book serves it), with real key presses and pointer drags (Playwright); and the same on BARE."""
    from playwright.sync_api import sync_playwright

    from tools.browser import built_pages, launch, serve, wait_for_typesetting

    rows = []
    with _book(html) as folder, sync_playwright() as p:
        server, url = serve(folder)
        browser = launch(p.chromium)
        try:
            for path in built_pages(folder):
                text = path.read_text(encoding="utf-8")
                if "data-actlib-explorer" not in text or 'type="range"' not in text:
                    continue
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(url + path.relative_to(folder).as_posix(), wait_until="load")
                wait_for_typesetting(page)
                rows.append(_figures(page, path.relative_to(folder).with_suffix("").as_posix()))
                page.close()
            baseline = bare(browser)
        finally:
            browser.close()
            server.shutdown()
    return rows, baseline


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
        curves = sum(f["curves"] for f in payload(ex.spec)["fns"])
        rows.append({"functions": names, "kB": len(ex.html.encode()) / 1000, "states": states, "curves": curves})
    depth = actlib.explore_depth()                   # chapter 8: every σ_w² position × every depth
    positions = len(depth.spec.acts) * len(SIGMA_W2)
    rows.append({"functions": [f"explore_depth({', '.join(a.name for a in depth.spec.acts)})"],
                 "kB": len(depth.html.encode()) / 1000, "states": positions * MAX_DEPTH, "curves": positions})
    return rows


def run() -> dict:
    """Every figure; the static latency on the book built into a temporary directory, or on the
    HTML folder named by $BOOK_HTML (e.g. one built with --path-output)."""
    html = os.environ.get("BOOK_HTML")
    pages, baseline = static(Path(html) if html else None)
    return {"goals": GOALS, "live": live(), "static": pages, "baseline": baseline, "sizes": sizes(),
            "protocol": {"presses": PRESSES, "gap_ms": GAP_MS, "drag_steps": DRAG_STEPS}}


# --------------------------------------------------------------------------- rendering
def _names(row: dict) -> str:
    return " + ".join(row["functions"])


def _mark(value: float, goal: float) -> str:
    return " ✗" if value > goal else ""


def _protocol(p: dict | None) -> str:
    if not p:
        return ""
    return pair(f"每个滑块：按 → 键 {p['presses']} 次、← 键 {p['presses']} 次，每次间隔 {p['gap_ms']} ms；"
                f"再用鼠标拖过整个滑块（{p['drag_steps']} 步）。",
                f"Each slider: → pressed {p['presses']} times and ← {p['presses']} times, {p['gap_ms']} ms apart; "
                f"then a mouse drag across it ({p['drag_steps']} moves).") + "\n\n"


# The rows of the latency table: a drag also from its delivery to the page, the part of its latency the page controls.
_KINDS = (("key", "按键 · keys"), ("drag", "拖动 · drag"), ("delivered", "送达后 · delivered"))


def render(results: dict) -> str:
    g = results["goals"]
    live_rows = ["| 函数 · functions | 拖动滑块 · slider move ms | 曲线 · curves ms | 绘制 · draw ms | "
                 "绘制+PNG · draw+PNG ms | 整图重绘 · full redraw ms | 图像 · image |", "|---|---:|---:|---:|---:|---:|---|"]
    live_rows += [f"| {_names(r)} | {r['slider_ms']:.1f}{_mark(r['slider_ms'], g['live_ms'])} | {r['curves_ms']:.2f} | "
                  f"{r['draw_ms']:.1f} | {r['draw_png_ms']:.1f} | {r['full_redraw_ms']:.1f} | "
                  f"{r['pixels'][0]}×{r['pixels'][1]} px, {r['png_kB']:.0f} kB |" for r in results["live"]]
    static_rows = ["| 页面 · page | 探索器 · explorers | 滑块 · sliders | 输入 · input | 事件 · events | "
                   "中位数 · median ms | p95 ms | 最大 · max ms | 脚本 · handler ms |",
                   "|---|---:|---:|---|---:|---:|---:|---:|---:|"]
    baseline = results.get("baseline")
    for r in results["static"] + ([baseline | {"page": "只有一个滑块的页面 · a page with one range input only"}]
                                  if baseline else []):
        for kind, name in _KINDS:
            k = r[kind]
            static_rows.append(f"| {r['page']} | {r['explorers']} | {r['sliders']} | {name} | {k['events']} | "
                               f"{k['median_ms']:.1f}{_mark(k['median_ms'], g['static_median_ms'])} | "
                               f"{k['p95_ms']:.1f}{_mark(k['p95_ms'], g['static_p95_ms'])} | {k['max_ms']:.0f} | "
                               f"{r['handler_ms']:.2f} |")
    size_rows = ["| 函数 · functions | kB | 状态 · states | 存储的曲线 · stored curves |", "|---|---:|---:|---:|"]
    size_rows += [f"| {_names(r)} | {r['kB']:.1f}{_mark(r['kB'], g['kB'])} | {r['states']} | {r.get('curves', r['states'])} |"
                  for r in results["sizes"]]
    worst_live = max(r["slider_ms"] for r in results["live"])
    worst_median = max(r[k]["median_ms"] for r in results["static"] for k, _ in _KINDS)
    worst_p95 = max(r[k]["p95_ms"] for r in results["static"] for k, _ in _KINDS)
    worst_size = max(r["kB"] for r in results["sizes"])
    verdict = [(worst_live <= g["live_ms"], f"实时更新最慢 {worst_live:.1f} ms（目标 ≤ {g['live_ms']} ms）",
                f"slowest live update {worst_live:.1f} ms (goal ≤ {g['live_ms']} ms)"),
               (worst_median <= g["static_median_ms"] and worst_p95 <= g["static_p95_ms"],
                f"书中页面的滑块从输入到下一帧最慢的中位数 {worst_median:.1f} ms、p95 {worst_p95:.1f} ms"
                f"（目标 ≤ {g['static_median_ms']} ms 与 ≤ {g['static_p95_ms']} ms）",
                f"in the book's pages, slider input to next frame: worst median {worst_median:.1f} ms, worst p95 "
                f"{worst_p95:.1f} ms (goals ≤ {g['static_median_ms']} ms and ≤ {g['static_p95_ms']} ms)"),
               (worst_size <= g["kB"], f"最大的静态探索器 {worst_size:.1f} kB（目标 ≤ {g['kB']} kB）",
                f"largest static explorer {worst_size:.1f} kB (goal ≤ {g['kB']} kB)")]
    zh = "；".join(f"{z}，{'达标' if ok else '未达标'}" for ok, z, _ in verdict) + "。"
    en = "; ".join(f"{e}: {'met' if ok else 'missed'}" for ok, _, e in verdict) + "."
    if baseline:
        floor = baseline["drag"]["p95_ms"]
        zh += (f"浏览器把指针移动留到下一帧开始时才送达页面，这段等待（最多一帧，60 Hz 时 16.7 ms）在任何页面都一样："
               f"只有一个滑块、别无他物的页面上，拖动的 p95 就有 {floor:.1f} ms。")
        en += (f" The browser holds a pointer move until the next frame begins, a wait of up to a frame (16.7 ms at "
               f"60 Hz) that is the same on any page: on a page with one range input and nothing else, the drag p95 "
               f"is {floor:.1f} ms.")
    return "\n\n".join([
        spans("**实时更新（内核中）**", "**Live update (in a kernel)**") + "\n\n" + "\n".join(live_rows),
        spans("**书中页面的滑块延迟（无头 Chromium）**", "**Slider latency in the book's pages (headless Chromium)**")
        + "\n\n" + _protocol(results.get("protocol")) + "\n".join(static_rows),
        spans("**静态探索器大小**", "**Static explorer size**") + "\n\n" + "\n".join(size_rows),
        pair(zh, en)])
