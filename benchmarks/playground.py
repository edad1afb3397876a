"""The training playground in headless Chromium: epochs per second and frame time while it trains and draws.

The book is built into a temporary directory, or the HTML directory named by ``$BOOK_HTML`` is used. The
playground page is opened with the issue's network (4 hidden layers of 8 tanh units, 400 points of the
moons, Adam, batches of 32), "train" is pressed, and for ``SECONDS`` every animation-frame callback is
timed (the page's requestAnimationFrame is wrapped before its scripts run): the frame time is the work the
page does in a frame, training and drawing; the interval between frames, which cannot be shorter than the
display's (16.7 ms at 60 Hz), is given beside it. The epoch counter is read at the start and the end.
Goals: ≥ 30 epochs per second and a median frame time ≤ 16 ms (the playground trains for about 6 ms of a
frame, then draws).
"""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from tools.browser import launch, serve

from . import ROOT, pair
from .book import JUPYTER_BOOK

CONFIG = "data=moons&n=400&noise=0.1&test=0.25&seed=0&layers=4&units=8&act=tanh&init=xavier&opt=adam&lr=0.01&batch=32&l2=0"
SECONDS = 5
GOALS = {"epochs_per_s": 30, "frame_ms": 16}
WRAP = """(() => {   // time every animation-frame callback of the page
    const raf = window.requestAnimationFrame.bind(window);
    window.__work = [];
    window.requestAnimationFrame = (callback) => raf((now) => {
        const t0 = performance.now(); callback(now); window.__work.push(performance.now() - t0);
    });
})();"""
FRAMES = """(seconds) => new Promise(done => {
    const times = [], start = performance.now(), epoch0 = +document.querySelector('.pg-epoch').textContent;
    window.__work.length = 0;
    (function frame(now) {
        times.push(now);
        if (now - start < seconds * 1000) return requestAnimationFrame(frame);
        const epochs = +document.querySelector('.pg-epoch').textContent - epoch0;
        done({epochs, seconds: (now - start) / 1000, gaps: times.slice(1).map((t, i) => t - times[i]),
              work: window.__work.slice()});
    })(start);
})"""


@contextlib.contextmanager
def _book():
    if os.environ.get("BOOK_HTML"):
        yield Path(os.environ["BOOK_HTML"])
        return
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([str(JUPYTER_BOOK), "build", "--warningiserror", "--nitpick", "--keep-going", "--path-output",
                        tmp, str(ROOT)], cwd=ROOT, check=True, capture_output=True)
        yield Path(tmp) / "_build" / "html"


def run() -> dict:
    from playwright.sync_api import sync_playwright

    with _book() as html, sync_playwright() as p:
        server, url = serve(html)
        browser = launch(p.chromium)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.add_init_script(WRAP)
            page.goto(f"{url}playground.html?{CONFIG}", wait_until="load")
            page.wait_for_selector("[data-playground][data-ready]")
            page.click(".pg-play")
            measured = page.evaluate(FRAMES, SECONDS)
            page.click(".pg-play")
        finally:
            browser.close()
            server.shutdown()
    gaps, work = measured["gaps"], measured["work"]
    return {"goals": GOALS, "config": CONFIG, "epochs_per_s": measured["epochs"] / measured["seconds"],
            "work_median_ms": statistics.median(work), "work_p95_ms": _p95(work),
            "interval_median_ms": statistics.median(gaps), "interval_p95_ms": _p95(gaps), "frames": len(gaps)}


def _p95(values: list[float]) -> float:
    return sorted(values)[round(0.95 * (len(values) - 1))]


def render(results: dict) -> str:
    g = results["goals"]
    rate, median, p95 = results["epochs_per_s"], results["work_median_ms"], results["work_p95_ms"]
    gap, gap95 = results["interval_median_ms"], results["interval_p95_ms"]
    met = rate >= g["epochs_per_s"] and median <= g["frame_ms"]
    zh = (f"4 个 8 单元的 tanh 隐藏层、400 个点：训练时每秒 {rate:.0f} 轮（目标 ≥ {g['epochs_per_s']}）；"
          f"每帧的工作时间（训练加绘图）中位数 {median:.1f} ms、p95 {p95:.1f} ms（目标中位数 ≤ {g['frame_ms']} ms），"
          f"{'达标' if met else '未达标'}。帧间隔中位数 {gap:.1f} ms、p95 {gap95:.1f} ms。")
    en = (f"4 hidden tanh layers of 8 units, 400 points: {rate:.0f} epochs per second while training (goal ≥ "
          f"{g['epochs_per_s']}); work per frame (training and drawing) median {median:.1f} ms and p95 {p95:.1f} ms "
          f"(goal: median ≤ {g['frame_ms']} ms): {'met' if met else 'missed'}. Frame interval median {gap:.1f} ms, "
          f"p95 {gap95:.1f} ms.")
    return pair(zh, en)
