"""Accuracy: the largest error in ulp of every elementwise activation and its derivative.

The exact values are the mpmath references of tests/reference.py (50 significant digits, written
from the formulas, independent of actlib); the errors are measured with its ``ulp_error``: in ulp of
the exact value rounded to the dtype, or in units of the smallest normal number where that is 0 or
subnormal. Two figures per function: the largest error on a dense grid of [−30, 30] (every point
of the test suite's grid there, plus ``dense`` evenly spaced ones), and the largest at the
extremes (±subnormals, ±tiny, … ±1e308, ±max, ±∞). At a kink the derivative is a convention (the
test suite checks it), not a quantity with an error, so the kinks are left out of f′.
"""

from __future__ import annotations

import sys

import numpy as np

import actlib
from actlib.display import spans

from . import ROOT, pair, peers

if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))
import reference  # noqa: E402  (tests/reference.py: the test suite's mpmath references)

DTYPES = ("float64", "float32")
LOW, HIGH = -30.0, 30.0  # the dense grid; reference.grid covers the same interval
QUANTITIES = ("value", "derivative")


def elementwise() -> list[str]:
    return [n for n in actlib.names() if isinstance(actlib.get(n), actlib.Activation)]


def points(dtype: str, dense: int) -> tuple[np.ndarray, np.ndarray]:
    """(grid of [−30, 30], extremes) in ``dtype``."""
    extremes = reference.extremes(dtype)
    inside = np.concatenate([reference.grid(dtype), np.linspace(LOW, HIGH, dense).astype(dtype)])
    return np.setdiff1d(inside, extremes), extremes


def worst(got: np.ndarray, exact: list, dtype: str, xs: np.ndarray) -> tuple[float, float]:
    """(largest error in ulp, the x where it occurs)."""
    errors = [reference.ulp_error(g, e, dtype)[0] for g, e in zip(got.tolist(), exact)]
    i = int(np.argmax(errors))
    return errors[i], float(xs[i])


def implementations(name: str) -> dict[str, tuple]:
    act = actlib.get(name)
    return {"actlib": (act, act.grad), **peers.of(name)}


def measure(name: str, dtype: str, dense: int = 6001) -> dict:
    """library -> quantity -> {"grid": (ulp, x), "extremes": (ulp, x)} for one function and dtype."""
    parts = dict(zip(("grid", "extremes"), points(dtype, dense)))
    kinks = np.asarray(reference.ref(name).kinks(), dtype=dtype)
    out: dict = {}
    for library, functions in implementations(name).items():
        for quantity, fn in zip(QUANTITIES, functions):
            if fn is None:
                continue
            for part, xs in parts.items():
                if quantity == "derivative":
                    xs = xs[~np.isin(xs, kinks)]
                exact = reference.evaluate(name, xs)[QUANTITIES.index(quantity)]
                got = np.asarray(fn(xs)).astype(dtype, copy=False)
                out.setdefault(library, {}).setdefault(quantity, {})[part] = worst(got, exact, dtype, xs)
    return out


def run(dense: int = 6001, names: list[str] | None = None) -> dict:
    functions = {}
    for name in names or elementwise():
        if name not in reference.ELEMENTWISE:
            print(f"  {name}: no mpmath reference in tests/reference.py, skipped")
            continue
        functions[name] = {dtype: measure(name, dtype, dense) for dtype in DTYPES}
    sizes = {dtype: [len(p) for p in points(dtype, dense)] for dtype in DTYPES}
    return {"points": sizes, "range": [LOW, HIGH], "digits": reference.mp.dps, "installed": peers.INSTALLED,
            "functions": functions}


# --------------------------------------------------------------------------- rendering
def _ulp(e: float) -> str:
    if e == float("inf"):
        return "∞"
    if e == 0:
        return "0"
    if e >= 1000:  # compact, e.g. 8.6e12, so that the tables fit the page
        mantissa, exponent = f"{e:.1e}".split("e")
        return f"{mantissa}e{int(exponent)}"
    return "<0.01" if e < 0.005 else f"{e:.2f}" if e < 10 else f"{e:.3g}"


def _cell(figures: dict | None, installed: bool) -> str:
    if figures is None:
        return "—" if installed else "未安装 · not installed"
    return f"{_ulp(figures['grid'][0])}/{_ulp(figures['extremes'][0])}"


def table(results: dict, dtype: str, quantity: str) -> str:
    head = "| 函数 · function | actlib | 最差 x · worst x | SciPy | NumPy | PyTorch |"
    rows = [head, "|---|---:|---:|---:|---:|---:|"]
    for name, by_dtype in results["functions"].items():
        r = by_dtype[dtype]
        ours = r["actlib"][quantity]
        cells = [_cell(r.get(lib, {}).get(quantity), results["installed"][lib]) for lib in peers.LIBRARIES]
        error, x = ours["grid"]
        rows.append(f"| {name} | {_cell(ours, True)} | {f'{x:.6g}' if error else '—'} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def behind(results: dict) -> list[str]:
    """Where actlib's largest error on the grid is more than twice, and more than one ulp above, a peer's."""
    out = []
    for name, by_dtype in results["functions"].items():
        for dtype, r in by_dtype.items():
            for quantity in QUANTITIES:
                ours = r["actlib"][quantity]["grid"][0]
                best = min((r[lib][quantity]["grid"][0] for lib in peers.LIBRARIES if quantity in r.get(lib, {})),
                           default=float("inf"))
                if ours > max(2 * best, best + 1):
                    out.append(f"{name} {quantity} {dtype} ({_ulp(ours)} vs {_ulp(best)})")
    return out


def render(results: dict) -> str:
    n64, n32 = results["points"]["float64"], results["points"]["float32"]
    low, high = (f"{v:g}".replace("-", "−") for v in results["range"])
    span = f"[{low}, {high}]"
    parts = [pair(
        f"参考值由 mpmath 以 {results['digits']} 位有效数字计算。每格为“{span} 上的最大误差/极端值处的最大误差”，单位 ulp。"
        f"float64 取 {n64[0]} 个网格点和 {n64[1]} 个极端值，float32 取 {n32[0]} 个和 {n32[1]} 个。"
        f"“最差 x”是 actlib 在 {span} 上误差最大的位置；“—”表示该库没有这个函数（或 actlib 处处精确）。",
        f"The references are computed by mpmath with {results['digits']} significant digits. Each cell reads “largest "
        f"error on {span}/largest error at the extremes”, in ulp. float64 uses {n64[0]} grid points and {n64[1]} "
        f"extremes, float32 {n32[0]} and {n32[1]}. “Worst x” is where actlib's error on {span} is largest; “—” means "
        "the library lacks the function (or that actlib is exact everywhere).")]
    for dtype in DTYPES:
        for quantity, zh in zip(QUANTITIES, ("函数值", "导数")):
            parts.append(f"**{dtype}** {spans(f'**{zh}**', f'**{quantity}**')}\n\n{table(results, dtype, quantity)}")
    lagging = behind(results)
    parts.append(pair(
        f"在 {span} 上，actlib 的最大误差超过最准对照的两倍（且多出一个 ulp 以上）的情形有：" + "；".join(lagging) + "。"
        if lagging else f"在 {span} 上，actlib 的最大误差没有一处超过最准对照的两倍（且多出一个 ulp 以上）。",
        f"On {span}, actlib's largest error is more than twice (and more than one ulp above) that of the most "
        "accurate peer for: " + "; ".join(lagging) + "." if lagging
        else f"On {span}, actlib's largest error is nowhere more than twice (and more than one ulp above) that of the "
        "most accurate peer."))
    return "\n\n".join(parts)
