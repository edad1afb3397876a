"""Build cost: wall time of a clean book build and of `make test`, and the bytes of every built page.

The build is `make book`'s command with ``--path-output`` pointing at a fresh temporary directory:
no execution cache, so every notebook runs, as on a fresh machine, and the repository's own _build
is left alone. A page's bytes are its HTML plus the images it shows; the theme, MathJax and the
other files of _static are fetched once for the whole book and are counted apart.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import ROOT, pair

GOALS = {"build_s": 5 * 60, "test_s": 15 * 60, "notebook_s": 60}
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")
IMAGE = re.compile(r'<img[^>]*\bsrc="([^":]+)"')
EXECUTED = re.compile(r"([^/\s]+)\.ipynb: Executed notebook in ([0-9.]+) seconds")  # MyST-NB's line per notebook


def folder_bytes(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def pages(html: Path) -> list[dict]:
    rows = []
    for page in sorted(html.rglob("*.html")):
        if "_static" in page.relative_to(html).parts:
            continue  # the theme's template fragments, not pages
        images = {(page.parent / src).resolve() for src in IMAGE.findall(page.read_text(encoding="utf-8"))}
        rows.append({"page": str(page.relative_to(html)), "html_bytes": page.stat().st_size,
                     "image_bytes": sum(f.stat().st_size for f in images if f.is_file())})
    return rows


def build() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        command = [str(JUPYTER_BOOK), "build", "--warningiserror", "--nitpick", "--keep-going", "--path-output", tmp,
                   str(ROOT)]
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if done.returncode:
            raise RuntimeError(f"book build failed (exit {done.returncode}):\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
        html = Path(tmp) / "_build" / "html"
        notebooks = {name: float(s) for name, s in EXECUTED.findall(done.stdout + done.stderr)}
        return {"build_s": seconds, "notebooks": notebooks, "pages": pages(html),
                "static_bytes": folder_bytes(html / "_static"), "total_bytes": folder_bytes(html)}


def suite() -> dict:
    start = time.perf_counter()
    done = subprocess.run(["make", "test"], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    summary = (done.stdout.strip().splitlines() or [""])[-1].strip("= ")
    return {"test_s": seconds, "exit": done.returncode, "summary": summary}


def run() -> dict:
    return {"goals": GOALS} | build()


def run_suite() -> dict:
    return {"goals": GOALS} | suite()


# --------------------------------------------------------------------------- rendering
def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} min ({seconds:.0f} s)"


def render(results: dict) -> str:
    goal = results["goals"]["build_s"]
    rows = ["| 页面 · page | HTML kB | 图片 · images kB | 合计 · total kB |", "|---|---:|---:|---:|"]
    rows += [f"| {p['page']} | {p['html_bytes'] / 1000:.1f} | {p['image_bytes'] / 1000:.1f} | "
             f"{(p['html_bytes'] + p['image_bytes']) / 1000:.1f} |" for p in results["pages"]]
    ok = results["build_s"] <= goal
    notebooks, nb_goal = results["notebooks"], results["goals"]["notebook_s"]
    slow = [name for name, seconds in notebooks.items() if seconds > nb_goal]
    times = ["| 笔记本 · notebook | 执行 · run s |", "|---|---:|"]
    times += [f"| {name} | {seconds:.1f} |" for name, seconds in sorted(notebooks.items())]
    verdict = pair(
        f"干净构建整本书用时 {_minutes(results['build_s'])}，目标 ≤ {goal // 60} 分钟，{'达标' if ok else '未达标'}；"
        f"其中执行 {len(notebooks)} 个笔记本共用 {sum(notebooks.values()):.0f} s，"
        f"每个笔记本的目标 ≤ {nb_goal} s：{'都达标' if not slow else '未达标的有 ' + '、'.join(slow)}。"
        f"全书共 {results['total_bytes'] / 1e6:.1f} MB，其中 _static（主题、MathJax 等，整本书只下载一次）"
        f"占 {results['static_bytes'] / 1e6:.1f} MB。",
        f"A clean build of the whole book took {_minutes(results['build_s'])}; goal ≤ {goal // 60} min: "
        f"{'met' if ok else 'missed'}; running its {len(notebooks)} notebooks took {sum(notebooks.values()):.0f} s "
        f"of that, goal ≤ {nb_goal} s each: {'all met' if not slow else 'missed by ' + ', '.join(slow)}. "
        f"The book is {results['total_bytes'] / 1e6:.1f} MB in all, of which _static "
        f"(theme, MathJax and the like, fetched once for the whole book) is {results['static_bytes'] / 1e6:.1f} MB.")
    return verdict + "\n\n" + "\n".join(times) + "\n\n" + "\n".join(rows)


def render_suite(results: dict) -> str:
    goal = results["goals"]["test_s"]
    ok = results["test_s"] <= goal
    passed = "通过" if results["exit"] == 0 else f"失败（退出码 {results['exit']}）"
    passed_en = "passed" if results["exit"] == 0 else f"failed (exit {results['exit']})"
    return pair(
        f"`make test` 用时 {_minutes(results['test_s'])}，目标 ≤ {goal // 60} 分钟，{'达标' if ok else '未达标'}；"
        f"测试{passed}：{results['summary']}。",
        f"`make test` took {_minutes(results['test_s'])}; goal ≤ {goal // 60} min: {'met' if ok else 'missed'}; "
        f"the tests {passed_en}: {results['summary']}.")
