"""Computed facts for the functions that no chapter teaches, shown with their entries in the reference
appendix (appendix/reference.ipynb): each is a small computation with actlib and numpy whose numbers the
page prints, followed by a sentence in each language that says what they say.

    from actlib.reference_facts import FACTS
    FACTS["soft_shrink"]()        # [table, text]: the L1 proximal operator found by grid search

The helpers compute the numbers; the FACTS functions lay them out.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from .core import SATURATION, get, saturated
from .display import blocks, tex
from .tables import num, table

STEP = 1e-4                                                     # spacing of every grid below
SEARCH = np.union1d(np.arange(-40_000, 40_001) * STEP, [0.0])   # −4 … 4 with 0 itself: the proximal searches
PROX_POINTS = (-2.0, -0.7, -0.3, 0.2, 0.45, 0.6, 1.5)            # the v of the proximal tables


# --------------------------------------------------------------------------- the numbers
def prox_by_search(penalty: Callable[[np.ndarray], np.ndarray], v: float, grid: np.ndarray = SEARCH) -> float:
    """argmin over the points of ``grid`` of ½(x − v)² + penalty(x): a proximal operator, found by brute force."""
    return float(grid[np.argmin(0.5 * (grid - v) ** 2 + penalty(grid))])


def largest_gap(f: Callable, g: Callable, x: np.ndarray) -> tuple[float, float]:
    """(max |f − g| over the points of ``x``, the first x where it is reached)."""
    gap = np.abs(np.asarray(f(x), dtype=float) - np.asarray(g(x), dtype=float))
    i = int(np.argmax(gap))
    return float(gap[i]), float(x[i])


def saturation_start(name: str, x: np.ndarray) -> float:
    """The smallest positive point of the sorted grid ``x`` inside the saturated region of ``name``
    (``actlib.saturated``: |f′| < SATURATION in a tail where f′ → 0)."""
    return float(x[(x > 0) & saturated(get(name), x)].min())


def first_at_or_below(f: Callable, level: float, x: np.ndarray) -> float:
    """The first point of the increasing grid ``x`` where f(x) ≤ ``level``."""
    return float(x[np.argmax(np.asarray(f(x)) <= level)])


# --------------------------------------------------------------------------- the facts
def _proximal(name: str, penalty_tex: str, penalty: Callable, zh_penalty: str, en_penalty: str) -> list:
    act = get(name)
    lam = act.params["threshold"].default
    rows, gap = [], 0.0
    for v in PROX_POINTS:
        found, value = prox_by_search(lambda x: penalty(x, lam), v), float(act(v))
        gap = max(gap, abs(found - value))
        rows.append([num(v, "g"), num(found, ".4f"), num(value, ".4f")])
    header = ["$v$", rf"$\arg\min_x \tfrac12 (x - v)^2 + {penalty_tex}$", f"`{name}(v)`"]
    return [table(header, rows),
            blocks(f"λ = {num(lam, 'g')}，{zh_penalty}。在 −4 到 4、步长 {num(STEP, 'g')} 的网格上逐点搜索，"
                   f"找到的 argmin 与 `{name}(v)` 最多相差 {num(gap, '.2g')}：两者是同一个函数，差别只来自网格。",
                   f"λ = {num(lam, 'g')}, {en_penalty}. Searched point by point on a grid from −4 to 4 with step "
                   f"{num(STEP, 'g')}, the argmin differs from `{name}(v)` by at most {num(gap, '.2g')}: they are one "
                   f"function, and the grid is all that separates them.")]


def hard_shrink_fact() -> list:
    """hardshrink(v) = argmin ½(x − v)² + (λ²/2)·[x ≠ 0], the proximal operator of the L0 penalty."""
    return _proximal("hard_shrink", r"\tfrac{\lambda^2}{2}\,[x \ne 0]", lambda x, lam: lam ** 2 / 2 * (x != 0),
                     "惩罚是 L0 的 (λ²/2)·[x ≠ 0]", "the penalty is the L0 term (λ²/2)·[x ≠ 0]")


def soft_shrink_fact() -> list:
    """softshrink(v) = argmin ½(x − v)² + λ|x|, the proximal operator of the L1 norm."""
    return _proximal("soft_shrink", r"\lambda \lvert x \rvert", lambda x, lam: lam * np.abs(x),
                     "惩罚是 L1 的 λ|x|", "the penalty is the L1 term λ|x|")


def binary_step_fact() -> list:
    """σ(kx) approaches the step H(x) away from 0 as k grows, while its slope at 0, k·σ′(0), grows."""
    sigmoid, step = get("sigmoid"), get("binary_step")
    x = np.arange(-50_000, 50_001) * STEP                        # −5 … 5
    far = x[np.abs(x) >= 0.1 - STEP / 2]
    rows, gaps, slopes = [], [], []
    for k in (1, 10, 100):
        gap, _ = largest_gap(lambda t: sigmoid(k * t), step, far)
        slope = k * float(sigmoid.grad(0.0))
        gaps.append(gap)
        slopes.append(slope)
        rows.append([num(k, "g"), num(gap, ".3g"), num(slope, "g")])
    zeros = int(np.count_nonzero(step.grad(x) == 0))
    header = ["$k$", r"$\max_{\lvert x \rvert \ge 0.1} \lvert \sigma(kx) - H(x) \rvert$",
              r"斜率 $k\,\sigma'(0)$ · slope $k\,\sigma'(0)$"]
    return [table(header, rows),
            blocks(f"`binary_step.grad` 在 −5 到 5 的网格上全部 {zeros:,} 个点都是 0。k 从 1 增大到 100 时，σ(kx) 在 "
                   f"|x| ≥ 0.1 处与阶跃函数的最大差距从 {num(gaps[0], '.3g')} 降到 {num(gaps[-1], '.3g')}，"
                   f"它在 0 处的斜率则从 {num(slopes[0], 'g')} 增大到 {num(slopes[-1], 'g')}：梯度越来越集中在跳变点附近。",
                   f"`binary_step.grad` is 0 at all {zeros:,} points of the grid from −5 to 5. As k grows from 1 to 100, "
                   f"the largest gap between σ(kx) and the step for |x| ≥ 0.1 falls from {num(gaps[0], '.3g')} to "
                   f"{num(gaps[-1], '.3g')}, while its slope at 0 grows from {num(slopes[0], 'g')} to "
                   f"{num(slopes[-1], 'g')}: the gradient gathers ever closer around the jump.")]


def hard_tanh_fact() -> list:
    """The largest gap between hard tanh and tanh, and hardtanh(x) = ReLU(x + 1) − ReLU(x − 1) − 1."""
    hard_tanh, tanh, relu = get("hard_tanh"), get("tanh"), get("relu")
    x = np.arange(-50_000, 50_001) * STEP                        # −5 … 5
    gap, at = largest_gap(hard_tanh, tanh, x)
    error, _ = largest_gap(hard_tanh, lambda t: relu(t + 1) - relu(t - 1) - 1, x)
    same_zh = "逐点完全相同" if error == 0 else f"最多相差 {num(error, '.2g')}，只是舍入误差"
    same_en = "agree at every point" if error == 0 else f"differ by at most {num(error, '.2g')}, a rounding error"
    return [blocks(f"在 −5 到 5、步长 {num(STEP, 'g')} 的网格上：hard tanh 与 tanh 的最大差距是 {num(gap, '.4f')}，"
                   f"出现在 |x| = {num(abs(at), 'g')}，正是折点处；ReLU(x + 1) − ReLU(x − 1) − 1 与 hard tanh {same_zh}。",
                   f"On a grid from −5 to 5 with step {num(STEP, 'g')}: the largest gap between hard tanh and tanh is "
                   f"{num(gap, '.4f')}, at |x| = {num(abs(at), 'g')}, the kinks; ReLU(x + 1) − ReLU(x − 1) − 1 and "
                   f"hard tanh {same_en}.")]


def arctan_fact() -> list:
    """Where the saturated region begins (actlib.saturated) for tanh, softsign and arctan, and f′(10)."""
    names = ("tanh", "softsign", "arctan")
    x = np.arange(-300_000, 300_001) * STEP                      # −30 … 30
    starts = {n: saturation_start(n, x) for n in names}
    slopes = {n: float(get(n).grad(10.0)) for n in names}
    rows = [[f"`{n}`", num(starts[n], ".3f"), num(slopes[n], ".3g")] for n in names]
    header = ["函数 · function", r"饱和区起点 $\lvert x \rvert$ · saturated from $\lvert x \rvert$", "$f'(10)$"]
    ratio = starts["arctan"] / starts["tanh"]
    return [table(header, rows),
            blocks(f"饱和区按本书的定义计算：尾部中 |f′| < {num(SATURATION, 'g')}（`actlib.saturated`，网格步长 "
                   f"{num(STEP, 'g')}）。arctan 的饱和区从 |x| = {num(starts['arctan'], '.3f')} 才开始，"
                   f"是 tanh 的 {num(ratio, '.2f')} 倍；在 x = 10 处，arctan 的导数仍有 {num(slopes['arctan'], '.3g')}，"
                   f"tanh 的只剩 {num(slopes['tanh'], '.3g')}。",
                   f"The saturated region by the book's definition: |f′| < {num(SATURATION, 'g')} in a tail "
                   f"(`actlib.saturated`, grid step {num(STEP, 'g')}). The arctangent's begins only at |x| = "
                   f"{num(starts['arctan'], '.3f')}, {num(ratio, '.2f')} times as far out as tanh's; at x = 10 its "
                   f"slope is still {num(slopes['arctan'], '.3g')}, while tanh's is down to {num(slopes['tanh'], '.3g')}.")]


def gaussian_fact() -> list:
    """Where |f′| of e^{−x²} is largest, and where the response falls to one half and to 1 %."""
    gaussian = get("gaussian")
    x = np.arange(0, 50_001) * STEP                              # 0 … 5
    slope = np.abs(gaussian.grad(x))
    peak = float(x[np.argmax(slope)])
    half, hundredth = (first_at_or_below(gaussian, level, x) for level in (0.5, 0.01))
    rows = [["最陡处 · steepest", num(peak, ".4f"), rf"$\lvert f' \rvert = {tex(slope.max())}$"],
            ["降到一半 · to one half", num(half, ".4f"), f"$f = {tex(gaussian(half))}$"],
            ["降到 1% · to 1%", num(hundredth, ".4f"), f"$f = {tex(gaussian(hundredth))}$"]]
    return [table(["位置 · where", r"$\lvert x \rvert$", "值 · value"], rows),
            blocks(f"在 0 到 5、步长 {num(STEP, 'g')} 的网格上：导数的绝对值在 |x| = {num(peak, '.4f')} 处最大，"
                   f"为 {num(slope.max(), '.4f')}；响应在 |x| = {num(half, '.4f')} 处降到一半，"
                   f"在 |x| = {num(hundredth, '.4f')} 处降到 1%：离 0 稍远，它就几乎不再响应，也几乎没有梯度。",
                   f"On a grid from 0 to 5 with step {num(STEP, 'g')}: the absolute slope is largest at |x| = "
                   f"{num(peak, '.4f')}, where it is {num(slope.max(), '.4f')}; the response falls to a half at |x| = "
                   f"{num(half, '.4f')} and to 1% at |x| = {num(hundredth, '.4f')}: a little way from 0 it hardly "
                   f"responds any more, and hardly passes a gradient.")]


def squareplus_fact() -> list:
    """squareplus and softplus (at its default β = 1) at 0 and their largest gap, for the default β and for
    β = 4 ln²2, which makes them agree at 0 (√β / 2 = ln 2)."""
    squareplus, softplus = get("squareplus"), get("softplus")
    x = np.arange(-300_000, 300_001) * STEP                      # −30 … 30
    betas = (squareplus.params["beta"].default, 4 * math.log(2) ** 2)
    rows, found = [], []
    for beta in betas:
        gap, at = largest_gap(lambda t: squareplus(t, beta=beta), softplus, x)
        found.append((gap, at))
        rows.append([num(beta, ".4g"), num(squareplus(0.0, beta=beta), ".4f"), num(softplus(0.0), ".4f"),
                     num(gap, ".4f"), num(at, ".2f")])
    header = [r"$\beta$", r"$\operatorname{squareplus}(0)$", r"$\operatorname{softplus}(0)$",
              r"最大差距 · largest gap", r"差距最大处 $x$ · at $x$"]
    (gap0, at0), (gap1, at1) = found
    return [table(header, rows),
            blocks(f"softplus 取它的默认参数；网格是 −30 到 30、步长 {num(STEP, 'g')}。默认的 β = {num(betas[0], 'g')} 时，"
                   f"squareplus 在 0 处比 softplus 高出一截，最大差距 {num(gap0, '.4f')} 就在 x = {num(at0, '.2f')} 附近；"
                   f"取 β = 4 ln²2 = {num(betas[1], '.4f')}，两者在 0 处相等，最大差距缩小到 {num(gap1, '.4f')}，"
                   f"出现在 x = {num(at1, '.2f')}。",
                   f"Softplus at its default parameter; the grid runs from −30 to 30 with step {num(STEP, 'g')}. With "
                   f"the default β = {num(betas[0], 'g')}, squareplus sits well above softplus at 0, and the largest "
                   f"gap, {num(gap0, '.4f')}, is near x = {num(at0, '.2f')}; with β = 4 ln²2 = {num(betas[1], '.4f')} "
                   f"the two agree at 0, and the largest gap shrinks to {num(gap1, '.4f')}, at x = {num(at1, '.2f')}.")]


def tanhshrink_fact() -> list:
    """x − tanh x beside x³/3 near the origin, and its slope tanh² x."""
    tanhshrink = get("tanhshrink")
    xs = (0.01, 0.1, 0.5, 1.0, 3.0)
    values = [float(tanhshrink(x)) for x in xs]
    ratios = [v / (x ** 3 / 3) for v, x in zip(values, xs)]
    slopes = [float(tanhshrink.grad(x)) for x in xs]
    rows = [[num(x, "g"), num(v, ".4g"), num(x ** 3 / 3, ".4g"), num(r, ".5f"), num(s, ".4g")]
            for x, v, r, s in zip(xs, values, ratios, slopes)]
    header = ["$x$", r"$x - \tanh x$", "$x^3/3$", "比值 · ratio", r"$\tanh^2 x$"]
    return [table(header, rows),
            blocks(f"x 从 {num(xs[-1], 'g')} 减小到 {num(xs[0], 'g')} 时，比值从 {num(ratios[-1], '.5f')} 趋近 "
                   f"{num(ratios[0], '.5f')}：原点附近 tanhshrink 就是 x³/3。导数在 x = {num(xs[0], 'g')} 处只有 "
                   f"{num(slopes[0], '.4g')}，在 x = {num(xs[-1], 'g')} 处已达 {num(slopes[-1], '.4g')}。",
                   f"As x falls from {num(xs[-1], 'g')} to {num(xs[0], 'g')}, the ratio goes from "
                   f"{num(ratios[-1], '.5f')} to {num(ratios[0], '.5f')}: near the origin tanhshrink is x³/3. Its "
                   f"slope is only {num(slopes[0], '.4g')} at x = {num(xs[0], 'g')}, and already "
                   f"{num(slopes[-1], '.4g')} at x = {num(xs[-1], 'g')}.")]


FACTS: dict[str, Callable[[], list]] = {
    "binary_step": binary_step_fact, "hard_tanh": hard_tanh_fact, "arctan": arctan_fact,
    "hard_shrink": hard_shrink_fact, "soft_shrink": soft_shrink_fact, "tanhshrink": tanhshrink_fact,
    "squareplus": squareplus_fact, "gaussian": gaussian_fact,
}
