"""Smooth activations: softplus, the self-gated family (SiLU, GELU, Mish, hard swish) and other smooth curves."""

import math

import numpy as np
from scipy.optimize import brentq
from scipy.special import lambertw, ndtr

from ..core import INF, NONNEGATIVE, POSITIVE, Activation, Option, Param, Properties
from ..numerics import finite, sigmoid as _sigmoid, sigmoid_grad, softplus as _softplus


def _minimum(value, derivative, low: float, high: float) -> float:
    """min f over the real line, for an f whose only stationary point (a minimum) lies in [low, high]."""
    return float(value(np.float64(brentq(lambda t: derivative(np.float64(t)), low, high, xtol=1e-15))))


softplus = Activation(
    name="softplus",
    name_zh="Softplus（平滑 ReLU）",
    name_en="Softplus",
    summary_zh="ReLU 的光滑版本 log(1+e^{βx})/β：输出恒为正，导数恰好是 σ(βx)；β 越大越接近 ReLU。",
    summary_en="A smooth ReLU, log(1 + e^{βx})/β: always positive, with the sigmoid σ(βx) as its derivative; the larger β, the closer to ReLU.",
    params={"beta": Param(1.0, 0.1, 10.0, 0.1, "陡峭程度：β 越大，拐角越尖、越接近 ReLU",
                          "sharpness: the larger β, the sharper the corner and the closer to ReLU", POSITIVE)},
    # softplus(βx)/β = max(x, 0) + log1p(e^{−|βx|})/β: no cut-over to x, and no βx/β round trip that
    # would overflow for β > 1 and x near the largest float.
    value=lambda x, beta: np.maximum(x, 0) + np.log1p(np.exp(-np.abs(beta * x))) / beta,
    derivative=lambda x, beta: _sigmoid(beta * x),
    latex=r"\operatorname{softplus}(x) = \frac{1}{\beta}\log\bigl(1 + e^{\beta x}\bigr)",
    grad_latex=r"\operatorname{softplus}'(x) = \sigma(\beta x) = \frac{1}{1 + e^{-\beta x}}",
    properties=Properties(range=(0, INF), monotonic=True, continuity=INF, zero_centred=False,
                          saturating_left=True, saturating_right=False, identity_near_zero=False),
    frameworks={"pytorch": "torch.nn.Softplus(beta=1.0, threshold=20.0)", "keras": "keras.activations.softplus",
                "tensorflow": "tf.math.softplus", "jax": "jax.nn.softplus"},
)


def _silu(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    """x·σ(βx). β·x uses finite(x) (β = 0 must not meet ∞); x = −∞ with β > 0 is the limit 0."""
    gate = _sigmoid(beta * finite(x))
    return np.where((x == -np.inf) & (beta > 0), 0, x) * gate


def _silu_grad(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    """σ(t)(1 + t·σ(−t)), t = βx kept finite so that σ(t) = 0 never meets t = −∞."""
    t = finite(beta * finite(x))
    return _sigmoid(t) * (1 + t * _sigmoid(-t))


silu = Activation(
    name="silu",
    aliases=("swish",),
    name_zh="SiLU / Swish（Sigmoid 加权线性单元）",
    name_en="SiLU / Swish (sigmoid-weighted linear unit)",
    summary_zh="x·σ(βx)：用输入自身的 Sigmoid 给它加权；光滑、非单调，负半轴有一个小凹陷，β→∞ 时趋于 ReLU。",
    summary_en="x·σ(βx): the input weighted by its own sigmoid; smooth and non-monotonic with a small dip below zero, tending to ReLU as β → ∞.",
    params={"beta": Param(1.0, 0.0, 5.0, 0.05, "Sigmoid 内的缩放：β = 0 时为 x/2，β → ∞ 时趋于 ReLU",
                          "scale inside the sigmoid: β = 0 gives x/2, β → ∞ tends to ReLU", NONNEGATIVE)},
    value=_silu,
    derivative=_silu_grad,
    latex=r"\operatorname{SiLU}(x) = x\,\sigma(\beta x) = \frac{x}{1 + e^{-\beta x}}",
    grad_latex=r"\operatorname{SiLU}'(x) = \sigma(\beta x)\bigl(1 + \beta x\,\sigma(-\beta x)\bigr)",
    # The minimum sits where 1 + x σ(−x) = 0; there f = x + 1 = −W(1/e), W the Lambert W function.
    properties=Properties(range=(-float(lambertw(1 / math.e).real), INF), monotonic=False, continuity=INF,
                          zero_centred=False, saturating_left=True, saturating_right=False,
                          identity_near_zero=False),
    frameworks={"pytorch": "torch.nn.SiLU()", "keras": "keras.activations.silu (alias swish)",
                "tensorflow": "tf.nn.silu(features, beta=1.0)", "jax": "jax.nn.silu (alias jax.nn.swish)"},
)

_SQRT_2_OVER_PI = math.sqrt(2 / math.pi)
_INV_SQRT_2PI = 1 / math.sqrt(2 * math.pi)
_GELU_TANH_K = 0.044715


def _gelu(x: np.ndarray) -> np.ndarray:
    """x·Φ(x); the factor x is clipped on the left only, so −∞ gives −max·0 = 0 and +∞ stays +∞."""
    return np.maximum(x, -np.finfo(x.dtype).max) * ndtr(x)


def _gelu_grad(x: np.ndarray) -> np.ndarray:
    """Φ(x) + x·φ(x); with x finite, x·φ(x) is max·0 = 0 rather than ∞·0."""
    x = finite(x)
    return ndtr(x) + x * (np.exp(-np.square(x) / 2) * _INV_SQRT_2PI)


def _gelu_tanh_u(x: np.ndarray) -> np.ndarray:
    return _SQRT_2_OVER_PI * x * (1 + _GELU_TANH_K * np.square(x))


def _gelu_tanh(x: np.ndarray) -> np.ndarray:
    """0.5x(1 + tanh u) = x·σ(2u): no cancellation where tanh u ≈ −1."""
    return np.maximum(x, -np.finfo(x.dtype).max) * _sigmoid(2 * _gelu_tanh_u(x))


def _gelu_tanh_grad(x: np.ndarray) -> np.ndarray:
    """σ(2u) + 2x·u′·σ′(2u), since (1 − tanh² u)/2 = 2σ′(2u). Beyond |x| = 1e10 the slope is exactly
    0 or 1 in every dtype; clipping there keeps x·u′ finite (x³ fits float32) so it never meets σ′ = 0 as ∞·0."""
    x = np.clip(x, -1e10, 1e10)
    du = _SQRT_2_OVER_PI * (1 + 3 * _GELU_TANH_K * np.square(x))
    two_u = 2 * _gelu_tanh_u(x)
    return _sigmoid(two_u) + 2 * x * du * sigmoid_grad(two_u)


_GELU = {"none": (_gelu, _gelu_grad), "tanh": (_gelu_tanh, _gelu_tanh_grad)}

gelu = Activation(
    name="gelu",
    name_zh="GELU（高斯误差线性单元）",
    name_en="GELU (Gaussian error linear unit)",
    summary_zh="x·Φ(x)：按标准正态分布函数 Φ 给输入加权；Transformer 的默认激活函数，另有计算更快的 tanh 近似。",
    summary_en="x·Φ(x): the input weighted by the standard normal CDF Φ; the default in Transformers, with a faster tanh approximation.",
    options={"approximate": Option("none", ("none", "tanh"), "Φ 的算法：\"none\" 用精确的误差函数，\"tanh\" 用 tanh 近似",
                                   "how Φ is computed: \"none\" exactly (error function), \"tanh\" by the tanh approximation")},
    value=lambda x, approximate: _GELU[approximate][0](x),
    derivative=lambda x, approximate: _GELU[approximate][1](x),
    latex=(r"\operatorname{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\Bigl(1 + \operatorname{erf}\frac{x}{\sqrt{2}}\Bigr)"
           r"\approx \frac{x}{2}\Bigl(1 + \tanh\Bigl(\sqrt{2/\pi}\,\bigl(x + 0.044715\,x^3\bigr)\Bigr)\Bigr)"),
    grad_latex=r"\operatorname{GELU}'(x) = \Phi(x) + x\,\varphi(x), \quad \varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}",
    properties=Properties(range=(_minimum(_gelu, _gelu_grad, -2.0, 0.0), INF), monotonic=False, continuity=INF,
                          zero_centred=False, saturating_left=True, saturating_right=False,
                          identity_near_zero=False),
    frameworks={"pytorch": "torch.nn.GELU(approximate='none')", "keras": "keras.activations.gelu(x, approximate=False)",
                "tensorflow": "tf.nn.gelu(features, approximate=False)",
                "jax": "jax.nn.gelu(x, approximate=True)  # JAX defaults to the tanh form"},
)


def _mish(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, -np.finfo(x.dtype).max) * np.tanh(_softplus(x))


def _mish_grad(x: np.ndarray) -> np.ndarray:
    """tanh(s) + x·sech²(s)·σ(x), s = softplus(x); sech² s = 4σ′(2s) keeps its digits where tanh s ≈ 1."""
    x = finite(x)
    s = _softplus(x)
    return np.tanh(s) + x * (4 * sigmoid_grad(2 * s)) * _sigmoid(x)


mish = Activation(
    name="mish",
    name_zh="Mish",
    name_en="Mish",
    summary_zh="x·tanh(softplus(x))：与 Swish 相近的光滑非单调函数，负半轴保留少量梯度，右侧无上界。",
    summary_en="x·tanh(softplus(x)): a smooth, non-monotonic cousin of Swish that keeps a little gradient for negative inputs and is unbounded above.",
    value=_mish,
    derivative=_mish_grad,
    latex=r"\operatorname{mish}(x) = x\tanh\bigl(\operatorname{softplus}(x)\bigr) = x\tanh\bigl(\log(1 + e^{x})\bigr)",
    grad_latex=(r"\operatorname{mish}'(x) = \tanh(s) + x\,\operatorname{sech}^2(s)\,\sigma(x), "
                r"\quad s = \operatorname{softplus}(x)"),
    properties=Properties(range=(_minimum(_mish, _mish_grad, -3.0, 0.0), INF), monotonic=False, continuity=INF,
                          zero_centred=False, saturating_left=True, saturating_right=False,
                          identity_near_zero=False),
    frameworks={"pytorch": "torch.nn.Mish()", "keras": "keras.activations.mish", "tensorflow": "none", "jax": "none"},
)


def _hard_swish(x: np.ndarray) -> np.ndarray:
    # x·(relu6(x + 3)/6), not (x·relu6(x + 3))/6, which would overflow near the largest float.
    return np.maximum(x, -np.finfo(x.dtype).max) * (np.clip(x + 3, 0, 6) / 6)


def _hard_swish_grad(x: np.ndarray) -> np.ndarray:
    # PyTorch convention: the middle piece x/3 + 1/2 on the closed interval [−3, 3] (−1/2 at −3, 3/2 at 3).
    return np.where(x < -3, 0, np.where(x > 3, 1, x / 3 + 0.5))


hard_swish = Activation(
    name="hard_swish",
    name_zh="Hard Swish（硬 Swish）",
    name_en="Hard swish",
    summary_zh="把 Swish 中的 Sigmoid 换成 ReLU6(x+3)/6 的分段近似：只需加法、截断和乘法，MobileNetV3 采用了它。",
    summary_en="Swish with the sigmoid replaced by the piecewise-linear ReLU6(x + 3)/6: only an add, a clip and a multiply, as in MobileNetV3.",
    value=_hard_swish,
    derivative=_hard_swish_grad,
    latex=r"\operatorname{hardswish}(x) = x\,\frac{\min\bigl(\max(0,\, x + 3),\, 6\bigr)}{6}",
    grad_latex=(r"\operatorname{hardswish}'(x) = \begin{cases} 0 & x < -3 \\ x/3 + 1/2 & -3 \le x \le 3 \\ "
                r"1 & x > 3 \end{cases}"),
    properties=Properties(range=(_minimum(_hard_swish, _hard_swish_grad, -3.0, 0.0), INF), monotonic=False,
                          continuity=0, zero_centred=False, saturating_left=True, saturating_right=False,
                          identity_near_zero=False, sparse=True, kinks=(-3.0, 3.0)),
    frameworks={"pytorch": "torch.nn.Hardswish()", "keras": "keras.activations.hard_silu (alias hard_swish)",
                "tensorflow": "none", "jax": "jax.nn.hard_silu (alias jax.nn.hard_swish)"},
)

# x − tanh x = (x cosh x − sinh x)/cosh x, and x cosh x − sinh x = Σ_{k≥1} 2k·x^{2k+1}/(2k+1)!: a series of
# positive terms, so no cancellation. 13 terms reach 2^-60 relative on |x| < 2; beyond 2, x − tanh x is
# more than half of x and the direct difference is accurate.
_TANHSHRINK_SERIES = [2 * k / math.factorial(2 * k + 1) for k in range(1, 14)]


def _tanhshrink(x: np.ndarray) -> np.ndarray:
    small = np.abs(x) < 2
    t = np.where(small, x, 0)  # the series only sees |x| < 2
    terms = np.polynomial.polynomial.polyval(np.square(t), np.asarray(_TANHSHRINK_SERIES, dtype=t.dtype))
    series = t * np.square(t) * terms / np.cosh(t)
    return np.where(small, series, x - np.tanh(x))


tanhshrink = Activation(
    name="tanhshrink",
    name_zh="Tanhshrink",
    name_en="Tanhshrink",
    summary_zh="x − tanh x：原点附近约为 x³/3，几乎平坦，远处接近 x ∓ 1；单调且零中心。",
    summary_en="x − tanh x: almost flat near 0, where it behaves like x³/3, and close to x ∓ 1 far out; monotonic and zero-centred.",
    value=_tanhshrink,
    derivative=lambda x: np.square(np.tanh(x)),
    latex=r"\operatorname{tanhshrink}(x) = x - \tanh(x)",
    grad_latex=r"\operatorname{tanhshrink}'(x) = \tanh^2(x)",
    properties=Properties(range=(-INF, INF), monotonic=True, continuity=INF, zero_centred=True,
                          saturating_left=False, saturating_right=False, identity_near_zero=False),
    frameworks={"pytorch": "torch.nn.Tanhshrink()", "keras": "keras.activations.tanh_shrink", "tensorflow": "none",
                "jax": "none"},
)


def _squareplus_parts(x: np.ndarray, beta: float) -> tuple[np.ndarray, np.ndarray]:
    """(f, r) with r = √(x² + β) by hypot (no overflow) and f = (x + r)/2.

    h = (|x| + r)/2 has no cancellation; for x ≥ 0 it is f, and for x < 0 f = (r − |x|)/2 = (β/4)/h.
    h = 0 only when β = 0 and x ≈ 0, where f = 0 as well.
    """
    r = np.hypot(x, np.sqrt(beta))
    h = np.abs(x) / 2 + r / 2
    return np.where(x < 0, beta / 4 / np.where(h > 0, h, 1), h), r


def _squareplus_grad(x: np.ndarray, beta: float) -> np.ndarray:
    """(1 + x/r)/2 = f/r, exact in both branches of f, so it inherits f's lack of cancellation.
    At β = 0 squareplus is ReLU, and 0/0 at x = 0 becomes 0 (PyTorch's ReLU convention)."""
    f, r = _squareplus_parts(finite(x), beta)
    return f / np.where(r > 0, r, 1)


squareplus = Activation(
    name="squareplus",
    name_zh="Squareplus",
    name_en="Squareplus",
    summary_zh="(x + √(x²+β))/2：只用平方根构造的光滑 ReLU，形状与 Softplus 相似，却不需要 exp 和 log。",
    summary_en="(x + √(x² + β))/2: a smooth ReLU built from a square root alone; shaped like softplus, but with no exp or log.",
    params={"beta": Param(4.0, 0.0, 10.0, 0.1, "平滑程度：β = 0 时就是 ReLU，β 越大拐角越圆",
                          "smoothness: β = 0 is exactly ReLU, a larger β rounds the corner more", NONNEGATIVE)},
    value=lambda x, beta: _squareplus_parts(x, beta)[0],
    derivative=_squareplus_grad,
    latex=r"\operatorname{squareplus}(x) = \frac{x + \sqrt{x^2 + \beta}}{2}",
    grad_latex=r"\operatorname{squareplus}'(x) = \frac{1}{2}\Bigl(1 + \frac{x}{\sqrt{x^2 + \beta}}\Bigr)",
    properties=Properties(range=(0, INF), monotonic=True, continuity=INF, zero_centred=False,
                          saturating_left=True, saturating_right=False, identity_near_zero=False),
    frameworks={"pytorch": "none", "keras": "keras.activations.squareplus(x, b=4)", "tensorflow": "none",
                "jax": "jax.nn.squareplus(x, b=4)"},
)

gaussian = Activation(
    name="gaussian",
    name_zh="高斯函数",
    name_en="Gaussian",
    summary_zh="e^{−x²}：钟形曲线，在 0 处取最大值 1，两侧都饱和；常见于径向基函数网络。",
    summary_en="e^{−x²}: a bell curve with its peak 1 at the origin, saturating on both sides; familiar from radial-basis-function networks.",
    value=lambda x: np.exp(-np.square(x)),
    # −2·(x·e^{−x²}) with x finite: x·0 = 0 where e^{−x²} underflows, never ∞·0 (nor −2·max = −∞ first).
    derivative=lambda x: -2 * (finite(x) * np.exp(-np.square(x))),
    latex=r"\operatorname{gaussian}(x) = e^{-x^2}",
    grad_latex=r"\operatorname{gaussian}'(x) = -2x\,e^{-x^2}",
    properties=Properties(range=(0, 1), monotonic=False, continuity=INF, zero_centred=False,
                          saturating_left=True, saturating_right=True, identity_near_zero=False),
    frameworks={"pytorch": "none", "keras": "none", "tensorflow": "none", "jax": "none"},
)
