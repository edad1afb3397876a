"""Latency and size of actlib.explore, live and static.

    .venv/bin/python benchmarks/explorer.py

Prints
  * the median time of one live update (a slider move in the kernel: f and f′ at 1,001 points for
    every shown function, the Agg draw and the PNG encoding that goes to the ipywidgets.Image),
    with its parts, and of a full redraw (x-range change: axes and ticks redrawn too); goal ≤ 30 ms;
  * the median time of one static redraw in headless Chromium (input event → new SVG path data,
    measured in the page with performance.now(), over many slider steps, with and without the
    style/layout that follows); goal ≤ 16 ms;
  * the bytes of the static explorer (the text/html) for a few functions; goal ≤ 200 KB.
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

import actlib
from actlib import explorer_spec as S

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


def ms(seconds: list[float]) -> str:
    return f"{statistics.median(seconds) * 1000:6.2f} ms"


def with_slider() -> list[str]:
    present = actlib.names()
    return [n for n in ("elu", "leaky_relu", "softplus", "silu", "binary_step") if n in present]


def live() -> None:
    print("live update (kernel; 1,001 points per curve, f and f′, Agg draw + PNG encode) — goal ≤ 30 ms")
    cases = [[with_slider()[0]], ["sigmoid", "tanh", with_slider()[-1]]]
    for names in cases:
        ex = actlib.explore(names if len(names) > 1 else names[0])
        name, slider = next(iter(ex.sliders.items()))
        grid = np.linspace(slider.min, slider.max, 101)
        moves, compute, draw, encode = [], [], [], []
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
            from PIL import Image

            w, h = ex.canvas.get_width_height()
            buffer = io.BytesIO()
            Image.frombuffer("RGBA", (w, h), ex.canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB").save(
                buffer, format="png", compress_level=1)
            encode.append(time.perf_counter() - start)
        full = []
        for k in range(30):
            start = time.perf_counter()
            ex.x_range.value = (-5.0 + 0.1 * (k % 10), 5.0)
            full.append(time.perf_counter() - start)
        w, h = ex.canvas.get_width_height()
        print(f"  {' + '.join(names):28s} slider move {ms(moves)}  (curves {ms(compute)}, draw {ms(draw)}, "
              f"PNG {ms(encode)}; {w}×{h} px, {len(ex.image.value) / 1000:.0f} kB)   full redraw {ms(full)}")


def static() -> None:
    from playwright.sync_api import sync_playwright

    print("static redraw (headless Chromium, in-page performance.now()) — goal ≤ 16 ms")
    script = """(k) => {
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
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for names in ([with_slider()[0]], ["sigmoid", "tanh", with_slider()[-1]]):
            html = actlib.explore(names if len(names) > 1 else names[0]).html
            path = Path(tmp) / "explorer.html"
            path.write_text(f'<!doctype html><html><head><meta charset="utf-8"></head><body>{html}</body></html>',
                            encoding="utf-8")
            page = browser.new_page()
            page.goto(path.as_uri())
            script_ms, total_ms, count = page.evaluate(script, 10)
            print(f"  {' + '.join(names):28s} redraw {script_ms:6.2f} ms script, {total_ms:6.2f} ms with style/layout"
                  f"  (median of {count} slider steps)")
            page.close()
        browser.close()


def sizes() -> None:
    print("static explorer size (text/html, UTF-8) — goal ≤ 200 KB")
    elementwise = [n for n in actlib.names() if isinstance(actlib.get(n), actlib.Activation)]
    singles = [n for n in ("sigmoid", "binary_step", "leaky_relu", "elu", "softplus", "silu", "thresholded_relu",
                           "rrelu", "gelu") if n in elementwise]
    groups = [[n] for n in singles]
    groups.append(["sigmoid", "tanh", "binary_step"])
    params = [n for n in elementwise if actlib.get(n).params]
    if len(params) > 1:
        groups.append(params[:S.MAX_FUNCTIONS])
    for names in groups:
        ex = actlib.explore(names if len(names) > 1 else names[0])
        data = ex.html.encode()
        states = sum(len(ex.spec.states(fn)) for fn in range(len(ex.spec.functions)))
        print(f"  {' + '.join(names)[:60]:60s} {len(data) / 1000:7.1f} kB  ({states} stored states)")


if __name__ == "__main__":
    live()
    static()
    sizes()
