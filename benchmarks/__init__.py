"""Benchmarks of actlib and of the book: accuracy, speed, explorer latency and build cost.

    make bench                        # = .venv/bin/python -m benchmarks: accuracy, speed, explorer
    .venv/bin/python -m benchmarks --book     # also a clean book build and `make test` (slow)
    .venv/bin/python -m benchmarks speed      # only the sections named

One module per concern, each with ``run() -> dict`` (JSON-ready figures) and ``render(dict) -> str``
(Markdown tables, with bilingual sentences where a goal is missed):

    accuracy.py   largest error in ulp against the mpmath references of tests/reference.py
    speed.py      median time on 10⁶ values, as ratios to the fastest peer and to np.copy
    explorer.py   live-update and static-redraw latency of actlib.explore, bytes per explorer
    book.py       wall time of a clean book build and of `make test`, bytes per page
    peers.py      the same functions in SciPy, plain NumPy and PyTorch (when installed)

A run prints the tables and writes results/latest.json and results/latest.md; sections not run keep
their previous figures. appendix/benchmarks.md includes parts of latest.md.
"""

from __future__ import annotations

import os
import platform
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def machine() -> dict:
    """What the figures were measured on: cores, CPU model, memory, Python and library versions."""
    import numpy
    import scipy

    from .peers import torch

    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8") if Path("/proc/cpuinfo").exists() else ""
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")),
                 platform.processor() or platform.machine())
    meminfo = Path("/proc/meminfo").read_text(encoding="utf-8") if Path("/proc/meminfo").exists() else ""
    kib = next((int(line.split()[1]) for line in meminfo.splitlines() if line.startswith("MemTotal")), 0)
    flags = next((line.split(":", 1)[1].split() for line in cpuinfo.splitlines() if line.startswith("flags")), [])
    simd = next((s for s in ("avx512f", "avx2", "sse4_2") if s in flags), "unknown")
    return {"cores": os.cpu_count(), "cpu": model, "simd": simd, "memory_gib": round(kib / 2**20, 1),
            "system": f"{platform.system()} {platform.release()}", "python": platform.python_version(),
            "numpy": numpy.__version__, "scipy": scipy.__version__, "torch": torch and torch.__version__}


def render_machine(m: dict) -> str:
    torch = m["torch"] or "未安装 · not installed"
    return "\n".join([
        "| 项目 · item | 值 · value |", "|---|---|",
        f"| CPU | {m['cpu']} |", f"| 最宽的 SIMD 指令集 · widest SIMD | {m['simd']} |",
        f"| 核数 · cores | {m['cores']} |", f"| 内存 · memory | {m['memory_gib']} GiB |",
        f"| 系统 · system | {m['system']} |", f"| Python | {m['python']} |",
        f"| NumPy · SciPy · PyTorch | {m['numpy']} · {m['scipy']} · {torch} |",
    ])


def pair(zh: str, en: str) -> str:
    """A Chinese paragraph and its English twin, in the book's language blocks."""
    return f'<div lang="zh">\n\n{zh}\n\n</div>\n\n<div lang="en">\n\n{en}\n\n</div>'
