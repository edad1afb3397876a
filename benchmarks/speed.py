"""Speed: median time of every elementwise activation and its derivative on 10⁶ values.

Each figure is the median of ``repeats`` calls on the same array (uniform on [−10, 10], seeded);
the contenders of one function (actlib, each peer of peers.py, and np.copy of the array, the
memory-bound floor) take turns within every repeat, so the ratios come from the same moments of a
shared machine. Goal: actlib within 1.5× the fastest peer. And the time ``import actlib`` takes in a fresh
process against ``import numpy`` (goal: at most 3×).

Every miss is explained by two measured figures: the cost of each side in copies of the array (np.copy reads
and writes every entry once, so a formula of k NumPy operations costs about k copies, while PyTorch's
function is one compiled loop), and, where actlib's formula calls a transcendental kernel on every entry
(KERNEL_OF), that NumPy kernel's own time against the peer's whole function, with the loop NumPy dispatches it
to on this CPU (np.lib.introspect.opt_func_info: "baseline" is its plain loop, X86_V3 its AVX2 one).
"""

from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import time
from typing import Callable

import numpy as np
from scipy import special

import actlib

from . import pair, peers
from .accuracy import DTYPES, QUANTITIES, elementwise

GOAL = 1.5  # actlib's time / the fastest peer's
IMPORT_GOAL = 3.0  # import actlib / import numpy, each in a fresh process
IMPORTS = 5  # fresh processes per module; the median is reported
RANGE = (-10.0, 10.0)  # the values: uniform on this interval, seeded


def medians(calls: dict[str, Callable], x: np.ndarray, repeats: int) -> dict[str, float]:
    """Median seconds of each call on ``x``, after one warm-up call each. The calls take turns, in
    forward order on even repeats and backward on odd ones, so none is always first or last."""
    samples: dict[str, list[float]] = {key: [] for key in calls}
    for fn in calls.values():
        fn(x)
    order = list(calls.items())
    enabled = gc.isenabled()
    gc.disable()
    try:
        for repeat in range(repeats):
            for key, fn in order[::-1] if repeat % 2 else order:
                start = time.perf_counter()
                fn(x)
                samples[key].append(time.perf_counter() - start)
    finally:
        if enabled:
            gc.enable()
    return {key: statistics.median(s) for key, s in samples.items()}


def measure(name: str, x: np.ndarray, repeats: int) -> dict:
    """quantity -> {"actlib": s, peer: s, …, "copy": s} for one function on ``x``."""
    act = actlib.get(name)
    out = {}
    for i, quantity in enumerate(QUANTITIES):
        calls = {"actlib": (act, act.grad)[i]}
        calls |= {lib: fns[i] for lib, fns in peers.of(name).items() if fns[i] is not None}
        out[quantity] = medians(calls | {"copy": np.copy}, x, repeats)
    return out


# The transcendental function each formula evaluates on every entry, per function and quantity, as the NumPy or
# SciPy kernel that computes it: its time alone is a floor for a formula built on it. actlib's formulas call these
# kernels (tests/test_benchmarks.py checks it), except GELU's, whose Φ comes from its own Taylor tables, about
# as fast as SciPy's ndtr and more accurate.
KERNEL_OF = {
    ("elu", "value"): "expm1", ("celu", "value"): "expm1", ("selu", "value"): "expm1",
    ("elu", "derivative"): "exp", ("celu", "derivative"): "exp", ("selu", "derivative"): "exp",
    ("sigmoid", "value"): "exp", ("sigmoid", "derivative"): "exp", ("silu", "value"): "exp",
    ("silu", "derivative"): "exp", ("gaussian", "value"): "exp", ("gaussian", "derivative"): "exp",
    ("softplus", "value"): "log1p", ("log_sigmoid", "value"): "log1p", ("mish", "value"): "log1p",
    ("tanh", "value"): "tanh", ("tanh", "derivative"): "exp", ("tanhshrink", "value"): "tanh",
    ("tanhshrink", "derivative"): "tanh", ("arctan", "value"): "arctan",
    ("gelu", "value"): "ndtr", ("gelu", "derivative"): "ndtr",
}
KERNELS = {"exp": np.exp, "expm1": np.expm1, "log1p": np.log1p, "tanh": np.tanh, "arctan": np.arctan,
           "ndtr": special.ndtr}
NUMPY_KERNELS = ("exp", "expm1", "log1p", "tanh", "arctan")  # the ones NumPy dispatches (ndtr is SciPy's)


def kernels(x: np.ndarray, repeats: int) -> dict[str, float]:
    """Median seconds of each NumPy kernel of KERNELS on x (|x| ≤ 10, where none overflows), and np.copy."""
    with np.errstate(all="ignore"):
        return medians(KERNELS | {"copy": np.copy}, x, repeats)


def dispatch(dtype: str) -> dict[str, str]:
    """The loop NumPy runs for each kernel of NUMPY_KERNELS on ``dtype`` on this CPU, e.g. "X86_V3" or "baseline"."""
    info = np.lib.introspect.opt_func_info(func_name="^(" + "|".join(NUMPY_KERNELS) + ")$", signature=f"^{dtype}")
    code = np.dtype(dtype).char * 2                       # its key: "ff" is float32 in, float32 out
    return {kernel: info[kernel][code]["current"].split("(")[0] for kernel in NUMPY_KERNELS}


def import_seconds(module: str) -> float:
    """Median seconds of ``import module`` over IMPORTS fresh interpreters (their start-up not counted)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    return statistics.median(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                                  check=True).stdout) for _ in range(IMPORTS))


def run(size: int = 10**6, repeats: int = 21, names: list[str] | None = None) -> dict:
    base = np.random.default_rng(0).uniform(*RANGE, size)
    functions = {name: {dtype: measure(name, base.astype(dtype), repeats) for dtype in DTYPES}
                 for name in names or elementwise()}
    imports = {module: import_seconds(module) for module in ("numpy", "actlib")}
    return {"size": size, "range": list(RANGE), "repeats": repeats, "goal": GOAL, "installed": peers.INSTALLED,
            "functions": functions, "imports": imports,
            "kernels": {dtype: kernels(base.astype(dtype), repeats) for dtype in DTYPES},
            "dispatch": {dtype: dispatch(dtype) for dtype in DTYPES}}


# --------------------------------------------------------------------------- rendering
def fastest_peer(times: dict) -> tuple[str, float] | None:
    peer_times = {lib: t for lib, t in times.items() if lib in peers.LIBRARIES}
    return min(peer_times.items(), key=lambda item: item[1]) if peer_times else None


def ratios(results: dict) -> list[tuple[float, str, str]]:
    """(actlib ÷ fastest peer, which case, which peer) for every case that has a peer, slowest first."""
    out = []
    for name, by_dtype in results["functions"].items():
        for dtype, by_quantity in by_dtype.items():
            for quantity, times in by_quantity.items():
                best = fastest_peer(times)
                if best:
                    out.append((times["actlib"] / best[1], f"{name} {quantity} {dtype}", best[0]))
    return sorted(out, reverse=True)


def table(results: dict, dtype: str) -> str:
    rows = ["| 函数 · function | 量 · quantity | actlib ms | 最快对照 · fastest peer | ms | actlib ÷ 对照 · actlib ÷ peer "
            "| actlib ÷ np.copy |", "|---|---|---:|---|---:|---:|---:|"]
    for name, by_dtype in results["functions"].items():
        for quantity, times in by_dtype[dtype].items():
            ours = times["actlib"]
            best = fastest_peer(times)
            peer = f"{best[0]} | {best[1] * 1e3:.2f} | {ours / best[1]:.2f}" if best else "— | — | —"
            if best and ours > results["goal"] * best[1]:
                peer += " ✗"
            rows.append(f"| {name} | {quantity} | {ours * 1e3:.2f} | {peer} | {ours / times['copy']:.1f} |")
    return "\n".join(rows)


def render(results: dict) -> str:
    n, goal = results["size"], results["goal"]
    low, high = (f"{v:g}".replace("-", "−") for v in results["range"])
    torch_zh = "" if results["installed"]["PyTorch"] else "本次未安装 PyTorch。"
    torch_en = "" if results["installed"]["PyTorch"] else " PyTorch was not installed for this run."
    parts = [pair(
        f"数组有 {n:,} 个数，在 [{low}, {high}] 上均匀分布；每个时间取 {results['repeats']} 次调用的中位数。{torch_zh}"
        f"目标：actlib 不超过最快对照的 {goal} 倍，未达标处标 ✗。np.copy 是把数组复制一遍的时间，即内存带宽决定的下限。",
        f"The array holds {n:,} values, uniform on [{low}, {high}]; each time is the median of {results['repeats']} "
        f"calls.{torch_en} Goal: actlib within {goal}× the fastest peer; ✗ marks a miss. np.copy is the time to copy "
        "the array once, the floor set by memory bandwidth.")]
    parts += [f"**{dtype}**\n\n{table(results, dtype)}" for dtype in DTYPES]
    cases = ratios(results)
    missed = [c for c in cases if c[0] > goal]
    worst = "；".join(f"{case}（{r:.1f} 倍于 {peer}）" for r, case, peer in missed[:5])
    worst_en = "; ".join(f"{case} ({r:.1f}× {peer})" for r, case, peer in missed[:5])
    parts.append(pair(
        f"有对照的 {len(cases)} 种情形中，{len(missed)} 种未达到 {goal} 倍的目标（上表中标 ✗）。差距最大的是：{worst}。"
        if missed else f"有对照的 {len(cases)} 种情形全部在最快对照的 {goal} 倍以内。",
        f"Of the {len(cases)} cases that have a peer, {len(missed)} miss the {goal}× goal (marked ✗ above). "
        f"The widest gaps: {worst_en}." if missed
        else f"All {len(cases)} cases that have a peer are within {goal}× the fastest peer."))
    if missed and "kernels" in results:
        parts.append(why(results))
    if "imports" in results:
        parts.append(imports_sentence(results["imports"]))
    return "\n\n".join(parts)


def why(results: dict) -> str:
    """One row per miss: both sides in copies of the array, and the NumPy kernel actlib's formula needs."""
    rows = ["| 情形 · case | 对照 · peer | actlib ÷ 对照 · actlib ÷ peer | actlib 折合复制次数 · actlib in copies "
            "| 对照折合复制次数 · peer in copies | 内核 · kernel | 内核 ÷ 对照 · kernel ÷ peer |", "|---|---|---:|---:|---:|---|---:|"]
    for name, by_dtype in results["functions"].items():
        for dtype, by_quantity in by_dtype.items():
            for quantity, times in by_quantity.items():
                best = fastest_peer(times)
                if not best or times["actlib"] <= results["goal"] * best[1]:
                    continue
                copy = times["copy"]
                kernel = KERNEL_OF.get((name, quantity))
                module = "scipy.special" if kernel == "ndtr" else "np"
                cost = f"{module}.{kernel} | {results['kernels'][dtype][kernel] / best[1]:.1f}" if kernel else "— | —"
                rows.append(f"| {name} {quantity} {dtype} | {best[0]} | {times['actlib'] / best[1]:.1f} | "
                            f"{times['actlib'] / copy:.0f} | {best[1] / copy:.0f} | {cost} |")
    loops = {k: {results["dispatch"][d][k] for d in DTYPES} for k in NUMPY_KERNELS}
    plain = [f"np.{k}" for k, used in loops.items() if used == {"baseline"}]
    fast = [f"np.{k}" for k, used in loops.items() if "baseline" not in used]
    vector = "/".join(sorted({loop for used in loops.values() for loop in used} - {"baseline"})) or "—"
    listed, listed_en = "、".join(plain) or "—", ", ".join(plain) or "none"
    fast_zh, fast_en = "、".join(fast) or "—", ", ".join(fast) or "none"
    return "\n\n".join([pair(
        "为什么没有达标：每个未达标的情形，两边各折合几次数组复制（np.copy 把每个数读写一遍；actlib 的公式由若干个 NumPy "
        "运算组成，每个运算都要把数组读写一遍，而 PyTorch 的这些函数除 softsign 和 tanhshrink 外都是单个算子，只走一遍），以及 actlib 的公式在每个数上"
        "都要调用的超越函数内核单独花的时间与对照整个函数之比。据 np.lib.introspect.opt_func_info，在这台处理器上 NumPy 对"
        f" {listed} 运行的是基础循环（baseline），而对 {fast_zh} 运行的是向量化循环（{vector}）。"
        "内核之比大于目标的情形，只用 NumPy 无法达标。",
        "Why each miss misses: both sides in copies of the array (np.copy reads and writes every entry once; actlib's "
        "formula is several NumPy operations, each of which reads and writes the array, while each of these PyTorch "
        "functions but softsign and tanhshrink is a single operator, one pass), and the time of the transcendental "
        "kernel that actlib's formula calls on every entry, on its own, against the peer's whole function. On this "
        "processor, by "
        f"np.lib.introspect.opt_func_info, NumPy runs its baseline loop for {listed_en}, and a vectorised loop "
        f"({vector}) for {fast_en}. Where the kernel alone is beyond the goal, NumPy alone cannot meet it."), "\n".join(rows)])


def imports_sentence(imports: dict) -> str:
    ours, numpy = imports["actlib"], imports["numpy"]
    mark = "" if ours <= IMPORT_GOAL * numpy else " ✗"
    return pair(
        f"在新进程中 import actlib 用 {ours * 1e3:.0f} ms，import numpy 用 {numpy * 1e3:.0f} ms（各取 {IMPORTS} 个进程的"
        f"中位数），之比 {ours / numpy:.1f}{mark}，目标不超过 {IMPORT_GOAL:g}。",
        f"In a fresh process, import actlib takes {ours * 1e3:.0f} ms and import numpy {numpy * 1e3:.0f} ms (medians of "
        f"{IMPORTS} processes each): a ratio of {ours / numpy:.1f}{mark}, against a goal of at most {IMPORT_GOAL:g}.")
