"""Memory that explorers keep: how much the process grows over 100 ``actlib.explore`` calls in a row.

Each call is displayed as a notebook displays it (its mimebundle is made: the widget view, the PNG and
the static HTML) and kept, as a notebook's output history and the ipywidgets registry keep it; in the
second case each explorer is closed after it is displayed. The calls cycle through the kinds of
explorer the book makes (EXPLORERS). Every case runs in a fresh Python process, which first makes and
displays one explorer (imports, fonts, caches) and then reads its resident set size (RSS, psutil);
the growth is the RSS after the calls minus that, read again after a full garbage collection.
Goal: below 50 MB for 100 calls.
"""

from __future__ import annotations

import json
import subprocess
import sys

from actlib.display import spans

from . import ROOT, pair

CALLS = 100
GOAL_MB = 50
EXPLORERS = [("elu", {}), (["sigmoid", "tanh"], {}), ("rrelu", {}), ("gelu", {}),
             (["relu", "relu6", "leaky_relu", "elu", "selu"], {"x_range": [-4, 8], "alpha": 0.3})]
CASES = {"kept": ("显示后保留", "displayed and kept"), "closed": ("显示后关闭", "displayed, then closed")}

# Run in the fresh process: argv[1] is the case, argv[2] the number of calls, argv[3] EXPLORERS as JSON.
CHILD = """
import gc, json, sys, time
import psutil
import actlib

case, calls, explorers = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
process = psutil.Process()
actlib.explore("elu")._repr_mimebundle_()
gc.collect()
start = process.memory_info().rss
kept = []
began = time.perf_counter()
for k in range(calls):
    names, keywords = explorers[k % len(explorers)]
    explorer = actlib.explore(names, **keywords)
    explorer._repr_mimebundle_()
    if case == "closed":
        explorer.close()
    kept.append(explorer)
seconds = time.perf_counter() - began
grown = process.memory_info().rss
gc.collect()
collected = process.memory_info().rss
print(json.dumps({"start": start, "grown": grown, "collected": collected, "seconds": seconds}))
"""


def measure(case: str, calls: int = CALLS) -> dict:
    """One case in a fresh process: RSS at the start and its growth over ``calls`` explore calls."""
    done = subprocess.run([sys.executable, "-c", CHILD, case, str(calls), json.dumps(EXPLORERS)], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    raw = json.loads(done.stdout.strip().splitlines()[-1])
    growth = (raw["grown"] - raw["start"]) / 1e6
    return {"case": case, "calls": calls, "start_mb": raw["start"] / 1e6, "growth_mb": growth,
            "after_gc_mb": (raw["collected"] - raw["start"]) / 1e6, "per_call_kb": growth * 1000 / calls,
            "ms_per_call": raw["seconds"] * 1000 / calls}


def run(calls: int = CALLS) -> dict:
    return {"goal_mb": GOAL_MB, "explorers": EXPLORERS, "cases": [measure(case, calls) for case in CASES]}


def _call(names, keywords: dict) -> str:
    shown = [repr(names)] + [f"{k}={tuple(v) if isinstance(v, list) else v!r}" for k, v in keywords.items()]
    return f"`explore({', '.join(shown)})`"


def render(results: dict) -> str:
    goal = results["goal_mb"]
    rows = ["| 情形 · case | 调用 · calls | 起点 RSS MB · start RSS MB | 增长 MB · growth MB | 回收后 MB · after gc MB | "
            "每次 kB · per call kB | 每次耗时 ms · ms per call |", "|---|---:|---:|---:|---:|---:|---:|"]
    for r in results["cases"]:
        zh, en = CASES[r["case"]]
        mark = " ✗" if r["growth_mb"] >= goal else ""
        rows.append(f"| {zh} · {en} | {r['calls']} | {r['start_mb']:.0f} | {r['growth_mb']:.1f}{mark} | "
                    f"{r['after_gc_mb']:.1f} | {r['per_call_kb']:.0f} | {r['ms_per_call']:.0f} |")
    kept = next(r for r in results["cases"] if r["case"] == "kept")
    met = kept["growth_mb"] < goal
    calls = [_call(names, keywords) for names, keywords in results["explorers"]]
    table = spans("**每个进程的内存增长（RSS）**", "**Growth of one process's memory (RSS)**") + "\n\n" + "\n".join(rows)
    zh = (f"依次循环的调用：{'；'.join(calls)}。连续 {kept['calls']} 次显示并保留探索器，进程增长 "
          f"{kept['growth_mb']:.1f} MB（目标 < {goal} MB），{'达标' if met else '未达标'}。")
    en = (f"The calls, in turn: {'; '.join(calls)}. {kept['calls']} explorers displayed and kept grow the "
          f"process by {kept['growth_mb']:.1f} MB (goal < {goal} MB): {'met' if met else 'missed'}.")
    return table + "\n\n" + pair(zh, en)
