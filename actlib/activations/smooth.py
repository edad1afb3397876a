"""Smooth activations: softplus, the self-gated family (SiLU, GELU, Mish, hard swish) and other smooth curves."""

import functools
import math
from decimal import Decimal, localcontext

import numpy as np

from ..core import INF, JS, NONNEGATIVE, POSITIVE, Activation, Option, Param, Properties
from ..frameworks import Differs
from ..numerics import (finite, finite_where_zero, in_blocks, in_float64, logistic, no_minus_inf, pick,
                        sigmoid as _sigmoid, sigmoid_grad, sigmoid_pair, softplus as _softplus, two_square)
from .s_shaped import sparse_sigmoid


def _minimum(value, derivative, low: float, high: float):
    """min f over the real line, for an f whose only stationary point (a minimum) lies in [low, high]: a
    function of no argument that finds it (Properties computes a range bound on first read)."""
    def find() -> float:
        from scipy.optimize import brentq

        return float(value(np.float64(brentq(lambda t: derivative(np.float64(t)), low, high, xtol=1e-15))))

    return find


def _silu_minimum() -> float:
    """The minimum sits where 1 + x σ(−x) = 0; there f = x + 1 = −W(1/e), W the Lambert W function."""
    from scipy.special import lambertw

    return -float(lambertw(1 / math.e).real)


softplus = Activation(
    name="softplus",
    name_zh="Softplus（平滑 ReLU）",
    name_en="Softplus",
    summary_zh="ReLU 的光滑版本 log(1+e^{βx})/β：输出恒为正，导数恰好是 σ(βx)；β 越大越接近 ReLU。",
    summary_en="A smooth ReLU, log(1 + e^{βx})/β: always positive, with the sigmoid σ(βx) as its derivative; the larger β, the closer to ReLU.",
    about_zh=("Softplus log(1 + e^{βx})/β 是 ReLU 的光滑版本：处处可微，输出恒为正，导数恰好是 σ(βx)，"
              "β 越大越接近 ReLU。Dugas 等（2001）提出它；Glorot 等（2011）把它与 ReLU 比较，"
              "发现不光滑的 ReLU 反而表现更好。如今它很少用作隐藏层激活，主要用来把网络的输出变成正数，"
              "例如概率模型中的标准差或方差；Mish 和对数 sigmoid 也都由它构成。"),
    about_en=("Softplus, log(1 + e^{βx})/β, is a smooth ReLU: differentiable everywhere, always positive, with "
              "the sigmoid σ(βx) as its derivative; the larger β, the closer to ReLU. Dugas et al. (2001) "
              "introduced it; Glorot et al. (2011) compared it with ReLU and found that ReLU did better despite "
              "its kink. Today it rarely serves in hidden layers; its main use is to make an output positive, "
              "such as a standard deviation or a variance in a probabilistic model, and Mish and the log-sigmoid "
              "are built from it."),
    params={"beta": Param(1.0, 0.1, 10.0, 0.1, "陡峭程度：β 越大，拐角越尖、越接近 ReLU",
                          "sharpness: the larger β, the sharper the corner and the closer to ReLU", POSITIVE)},
    # softplus(βx)/β = max(x, 0) + log1p(e^{−|βx|})/β: no cut-over to x, and no βx/β round trip that
    # would overflow for β > 1 and x near the largest float.
    value=in_blocks(lambda x, beta: np.maximum(x, 0) + np.log1p(np.exp(-np.abs(beta * x))) / beta),
    derivative=lambda x, beta: logistic(beta * x),
    js=JS(f="return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(beta * x))) / beta;",
          df="return logistic(beta * x);"),
    latex=r"\operatorname{softplus}(x) = \frac{1}{\beta}\log\bigl(1 + e^{\beta x}\bigr)",
    grad_latex=r"\operatorname{softplus}'(x) = \sigma(\beta x) = \frac{1}{1 + e^{-\beta x}}",
    properties=Properties(range=(0, INF), monotonic=True, continuity=INF, zero_centred=False,
                          saturating_left=True, saturating_right=False, identity_near_zero=False),
    frameworks={"pytorch": "torch.nn.Softplus(beta=1.0, threshold=20.0)", "keras": "keras.activations.softplus",
                "tensorflow": "tf.math.softplus", "jax": "jax.nn.softplus"},
)


@in_blocks
def _sparse_plus(x: np.ndarray) -> np.ndarray:
    """0 for x ≤ −1, ((x + 1)/2)² between, x from 1 on. clip(x, −1, 1) + 1 is exact near −1 (Sterbenz), so the
    square keeps its digits where the value is tiny; NaN passes through the clip."""
    t = np.clip(x, -1, 1)
    t += 1
    t /= 2
    np.square(t, out=t)
    return pick(x >= 1, x, t)


sparse_plus = Activation(
    name="sparse_plus",
    name_zh="Sparse plus（稀疏 softplus）",
    name_en="Sparse plus",
    summary_zh="softplus 的分段版本：x ≤ −1 时恰为 0，x ≥ 1 时恰为 x，中间是抛物线 (x+1)²/4；一阶导数连续，导数就是稀疏 Sigmoid。",
    summary_en="A piecewise softplus: exactly 0 for x ≤ −1, exactly x for x ≥ 1 and the parabola (x + 1)²/4 in between; its slope is continuous and is the sparse sigmoid.",
    about_zh=("Sparse plus 是 softplus 的“稀疏孪生”，来自 Blondel 等（2020）的 Fenchel-Young 损失框架：softplus 是 sigmoid 的积分，"
              "sparse plus 是稀疏 Sigmoid 的积分。它在 x ≤ −1 时恰为 0（稀疏激活），在 x ≥ 1 时与 ReLU 重合，"
              "两段之间的抛物线使它连续可微，只有二阶导数在 ±1 处跳变。JAX 和 Keras 3 提供它。"),
    about_en=("Sparse plus is the sparse twin of softplus, from the framework of Fenchel-Young losses of Blondel et al. "
              "(2020): softplus integrates the sigmoid, sparse plus integrates the sparse sigmoid. It is exactly 0 for "
              "x ≤ −1 (a sparse activation) and equals ReLU for x ≥ 1; the parabola between makes it continuously "
              "differentiable, and only its second derivative jumps, at ±1. JAX and Keras 3 provide it."),
    value=_sparse_plus,
    # (x + 1)/2 clipped to [0, 1]: continuous, so the kinks ±1 need no convention (0 at −1, 1 at 1).
    derivative=sparse_sigmoid.value,
    js=JS(f="const t = (clip(x, -1, 1) + 1) / 2;\nreturn x >= 1 ? x : t * t;", df=sparse_sigmoid.js.f),
    latex=(r"\operatorname{sparseplus}(x) = \begin{cases} 0 & x \le -1 \\ (x + 1)^2/4 & -1 < x < 1 \\ x & x \ge 1 "
           r"\end{cases}"),
    grad_latex=r"\operatorname{sparseplus}'(x) = \min\!\bigl(\max\bigl(0,\, (x + 1)/2\bigr),\, 1\bigr) = \operatorname{sparsesigmoid}(x)",
    properties=Properties(range=(0, INF), monotonic=True, continuity=1, zero_centred=False,
                          saturating_left=True, saturating_right=False, identity_near_zero=False,
                          sparse=True, kinks=(-1.0, 1.0)),
    frameworks={"pytorch": "none", "keras": "keras.activations.sparse_plus", "tensorflow": "none",
                "jax": "jax.nn.sparse_plus"},
    # the frameworks' where() meets 0·∞ in the tails; actlib gives the limits 0 and 1
    differences=(Differs(("keras", "jax"), -math.inf, math.nan, grad=True),
                 Differs(("keras", "jax"), math.inf, math.nan, grad=True)),
)


@in_blocks
def _silu(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    """x·σ(βx) = u / (1 + e^{−βu}), u = x held ≥ −max where β > 0, so that x = −∞ gives the limit −0 (−max·σ(−β·max)
    underflows to −0; where β is so tiny that it does not, −∞ is set to −0 by hand), and u·σ(βu) where e^{−βu}
    overflows. β = 0 gives x/2, at ±∞ too (finite_where_zero: no 0·∞). An array of β computes each entry as its
    scalar would."""
    big = float(np.finfo(x.dtype).max)
    positive = np.greater(beta, 0)
    u = no_minus_inf(x) if np.all(positive) else np.where(positive, no_minus_inf(x), x)
    t = np.multiply(finite_where_zero(u, beta), -beta, out=np.empty_like(u))
    np.exp(t, out=t)
    over = t == np.inf if not t.max(initial=0) < np.inf else None  # the max is NaN if x has one
    t += 1
    y = np.divide(u, t, out=t)
    if over is not None:
        y[over] = u[over] * _sigmoid(np.broadcast_to(beta, y.shape)[over] * u[over])
    faint = positive & (np.asarray(beta, np.float64) * big < 2000)   # max·e^{−β·max} is not below the subnormals
    if np.any(faint):
        y[(x == -np.inf) & faint] = -0.0
    return y


@in_blocks
def _silu_grad(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    """σ(t)(1 + t·σ(−t)), t = βx (0 for β = 0, also at x = ±∞) kept finite so that σ(t) = 0 never meets t = −∞."""
    t = finite(beta * finite_where_zero(x, beta))
    gate, rest = sigmoid_pair(t)                       # σ(t), σ(−t)
    rest *= t
    rest += 1
    rest *= gate
    return rest


silu = Activation(
    name="silu",
    aliases=("swish",),
    name_zh="SiLU / Swish（Sigmoid 加权线性单元）",
    name_en="SiLU / Swish (sigmoid-weighted linear unit)",
    summary_zh="x·σ(βx)：用输入自身的 Sigmoid 给它加权；光滑、非单调，负半轴有一个小凹陷，β→∞ 时趋于 ReLU。",
    summary_en="x·σ(βx): the input weighted by its own sigmoid; smooth and non-monotonic with a small dip below zero, tending to ReLU as β → ∞.",
    about_zh=("SiLU（又名 Swish）x·σ(βx) 用输入自身的 sigmoid 给它加权：光滑、非单调，负半轴有一个小凹陷，"
              "β = 0 时为 x/2，β → ∞ 时趋于 ReLU。"
              "Hendrycks 与 Gimpel（2016）和 Elfwing 等（2018）先后提出 x·σ(x)，"
              "Ramachandran 等（2017）用自动搜索重新找到它，并命名为 Swish。EfficientNet（Tan 与 Le，"
              "2019）等卷积网络采用它；它也是 SwiGLU 的门函数，后者用于 LLaMA 等大语言模型的前馈层。"),
    about_en=("SiLU (also called Swish), x·σ(βx), weights the input by its own sigmoid: smooth and "
              "non-monotonic, with a small dip below zero; β = 0 gives x/2 and β → ∞ tends to ReLU. Hendrycks "
              "and Gimpel (2016) and Elfwing et al. (2018) proposed x·σ(x), and Ramachandran et al. (2017) found "
              "it again by automated search and named it Swish. Convolutional networks such as EfficientNet (Tan "
              "& Le, 2019) use it, and it is the gate of SwiGLU, the feed-forward activation of large language "
              "models such as LLaMA."),
    params={"beta": Param(1.0, 0.0, 5.0, 0.05, "Sigmoid 内的缩放：β = 0 时为 x/2，β → ∞ 时趋于 ReLU",
                          "scale inside the sigmoid: β = 0 gives x/2, β → ∞ tends to ReLU", NONNEGATIVE)},
    value=_silu,
    derivative=_silu_grad,
    # As _silu and _silu_grad.
    js=JS(f="""
if (x === -Infinity && beta > 0 && beta * MAX < 2000) return -0;
const u = beta > 0 ? Math.max(x, -MAX) : x;
const t = Math.exp(finiteWhereZero(u, beta) * -beta);
return t === Infinity ? u * sigmoid(beta * u) : u / (1 + t);""",
          df="const t = finite(beta * finiteWhereZero(x, beta));\nreturn sigmoid(t) * (1 + t * sigmoid(-t));"),
    latex=r"\operatorname{SiLU}(x) = x\,\sigma(\beta x) = \frac{x}{1 + e^{-\beta x}}",
    grad_latex=r"\operatorname{SiLU}'(x) = \sigma(\beta x)\bigl(1 + \beta x\,\sigma(-\beta x)\bigr)",
    properties=Properties(range=(_silu_minimum, INF), monotonic=False, continuity=INF,
                          zero_centred=False, saturating_left=True, saturating_right=False,
                          identity_near_zero=False),
    frameworks={"pytorch": "torch.nn.SiLU()", "keras": ("keras.activations.silu", "keras.activations.swish"),
                "tensorflow": ("tf.nn.silu(features, beta=1.0)", "tf.nn.swish(features, beta=1.0)"),
                "jax": ("jax.nn.silu", "jax.nn.swish")},
    differences=(Differs(("pytorch", "keras", "tensorflow", "jax"), -INF, np.nan),
                 Differs(("pytorch", "keras", "tensorflow", "jax"), INF, np.nan, grad=True)),
)

_SQRT_2_OVER_PI = math.sqrt(2 / math.pi)
_INV_SQRT_2PI = 1 / math.sqrt(2 * math.pi)
_GELU_TANH_K = 0.044715


# Φ and GELU′ to about 1 ulp (scipy's ndtr is up to 10 ulp off near x = −1.3, and ~x² ulp far left).
# On |x| ≤ 9 both come from Taylor series about x_j = j/32, with Φ′ = φ, φ^(k) = (−1)^k He_k φ (Hermite
# polynomials, He_{k+1} = x He_k − k He_{k−1}) and GELU′ = Φ + xφ. The coefficients are computed once with 50
# digits, so the cancellation in Φ + xφ near its root x ≈ −0.75 happens there, not in float64; with |h| ≤ 1/64
# the dropped terms c_k h^k, k ≥ 11, stay below 2^-56 of the value. Beyond x = 9 both are 1 in float64, as at
# x = 9 (1 − 1e-19 and 1 + 1e-17). For float16/32 input 7 terms suffice: the dropped ones stay below 2e-10 of
# the value (1/300 of a float32 ulp). Below x = −9, with erfcx(t) = e^{t²}·erfc(t):
#     Φ(x) = e^{−x²/2}·erfcx(−x/√2)/2,   GELU′(x) = e^{−x²/2}·(erfcx(−x/√2)/2 + x/√(2π)),
# with x² split exactly (x² = hi + lo), since e^{−x²/2} from a rounded x² would be off by x²/2 ulp.
_STEP, _TOP, _TERMS, _TERMS_NARROW = 1 / 32, 9.0, 11, 7


@functools.cache
def _gauss_taylor_tables() -> tuple[np.ndarray, np.ndarray]:
    """Taylor coefficients c_k (k < 11) of Φ and GELU′ about x_j = j/32, |x_j| ≤ 9: shape (2, 11, 577), and the
    low parts of c_0, shape (2, 577); 50 digits, π by Machin's formula π = 16 atan(1/5) − 4 atan(1/239). Φ(x_j)
    for x_j ≤ 0 comes by 25-term Taylor steps from Φ(0) = 1/2 (an absolute error there grows to a relative one
    Φ(0)/Φ(−9) ≈ 4e18 times larger at −9: 50 digits keep 30); x_j > 0 by symmetry: Φ(x) and GELU′(x) are
    1 minus their values at −x, so c_0 ↦ 1 − c_0 and c_k ↦ (−1)^{k+1} c_k. Built on first use (about 80 ms)."""
    def atan_inverse(n: int) -> Decimal:  # atan(1/n) = Σ (−1)^k / ((2k + 1) n^{2k+1})
        total, power, k = Decimal(0), Decimal(1) / n, 0
        while power > Decimal("1e-55"):
            total, power, k = total + (-1) ** k * power / (2 * k + 1), power / (n * n), k + 1
        return total

    with localcontext() as ctx:
        ctx.prec = 50
        inv_sqrt_2pi = 1 / (8 * (4 * atan_inverse(5) - atan_inverse(239))).sqrt()
        step, count = Decimal(_STEP), round(_TOP / _STEP)
        left, cdf = [], Decimal(1) / 2  # coefficients about x = −i·step, i = 0, 1, …, count
        for i in range(count + 1):
            x = -i * step
            pdf = (-x * x / 2).exp() * inv_sqrt_2pi
            hermite = [Decimal(1), x]
            for k in range(1, 25):
                hermite.append(x * hermite[k] - k * hermite[k - 1])
            phi = [(-1) ** k * hermite[k] * pdf / math.factorial(k) for k in range(25)]  # φ^(k)(x)/k!
            cdf_c = [cdf] + [phi[k - 1] / k for k in range(1, 25)]
            left.append((cdf_c[:_TERMS], [cdf_c[k] + x * phi[k] + (phi[k - 1] if k else 0) for k in range(_TERMS)]))
            cdf = functools.reduce(lambda total, c: total * -step + c, cdf_c[::-1])  # Φ(x − step), by Horner

        def mirrored(c: list) -> list:
            return [1 - c[0]] + [(-1) ** (k + 1) * c[k] for k in range(1, _TERMS)]

        rows = [left[-j] if j <= 0 else [mirrored(c) for c in left[j]] for j in range(-count, count + 1)]
        hi = np.array([[[float(c) for c in row[f]] for row in rows] for f in (0, 1)]).transpose(0, 2, 1)
        lo = np.array([[float(row[f][0] - Decimal(float(row[f][0]))) for row in rows] for f in (0, 1)])
    return hi, lo


def _taylor(x: np.ndarray, which: int, terms: int) -> np.ndarray:
    """Φ(x) (which = 0) or GELU′(x) (which = 1) for |x| ≤ 9: c_0 + (c_0,lo + h(c_1 + h(c_2 + … c_{terms−1}))),
    with h = x − x_j exact."""
    j = np.rint(x / _STEP).astype(np.intp)
    h = x - j * _STEP
    j += round(_TOP / _STEP)
    hi, lo = _gauss_taylor_tables()
    coefficients = hi[which][:terms]
    poly = coefficients[-1].take(j)
    for row in coefficients[-2:0:-1]:
        poly *= h
        poly += row.take(j)
    return coefficients[0].take(j) + (lo[which].take(j) + h * poly)


def _gauss_tail(x: np.ndarray, which: int) -> np.ndarray:
    """Φ(x) (which = 0) or GELU′(x) (which = 1) for x < −9 by erfcx (see above); a = −x stops at 40, where
    e^{−a²/2} = 0 in float64 already."""
    from scipy.special import erfcx

    a = np.minimum(-x, 40)
    hi, lo = two_square(a)
    e = np.exp(-hi / 2)
    return (e - e * (lo / 2)) * (erfcx(a * math.sqrt(0.5)) / 2 - which * a * _INV_SQRT_2PI)  # e^{−lo/2} = 1 − lo/2


def _gauss_cdf_or_slope(x: np.ndarray, which: int, terms: int) -> np.ndarray:
    """Φ(x) (which = 0) or GELU′(x) (which = 1): Taylor tables up to x = 9 (their value there beyond),
    erfcx below x = −9 and for NaN."""
    far = np.flatnonzero(~(x >= -_TOP))
    near = np.minimum(x, _TOP)
    near.put(far, 0)
    y = _taylor(near, which, terms)
    y.put(far, _gauss_tail(x.take(far), which))
    return y


def _gelu_value(x: np.ndarray, terms: int = _TERMS) -> np.ndarray:
    """x·Φ(x); the factor x is clipped on the left only, so −∞ gives −max·0 = 0 and +∞ stays +∞."""
    return no_minus_inf(x) * _gauss_cdf_or_slope(x, 0, terms)


def _gelu_slope(x: np.ndarray, terms: int = _TERMS) -> np.ndarray:
    """Φ(x) + x·φ(x), from its own Taylor table on |x| ≤ 9 (see above)."""
    return _gauss_cdf_or_slope(x, 1, terms)


_gelu = in_float64(_gelu_value, narrow=functools.partial(_gelu_value, terms=_TERMS_NARROW))
_gelu_grad = in_float64(_gelu_slope, narrow=functools.partial(_gelu_slope, terms=_TERMS_NARROW))


def _gelu_tanh_u(x: np.ndarray) -> np.ndarray:
    return _SQRT_2_OVER_PI * x * (1 + _GELU_TANH_K * np.square(x))


def _gelu_tanh(x: np.ndarray) -> np.ndarray:
    """0.5x(1 + tanh u) = x·σ(2u): no cancellation where tanh u ≈ −1."""
    return no_minus_inf(x) * _sigmoid(2 * _gelu_tanh_u(x))


def _gelu_tanh_grad(x: np.ndarray) -> np.ndarray:
    """σ(2u) + 2x·u′·σ′(2u), since (1 − tanh² u)/2 = 2σ′(2u). Beyond |x| = 1e10 the slope is exactly
    0 or 1 in every dtype; clipping there keeps x·u′ finite (x³ fits float32) so it never meets σ′ = 0 as ∞·0."""
    x = np.clip(x, -1e10, 1e10)
    du = _SQRT_2_OVER_PI * (1 + 3 * _GELU_TANH_K * np.square(x))
    two_u = 2 * _gelu_tanh_u(x)
    return _sigmoid(two_u) + 2 * x * du * sigmoid_grad(two_u)


_GELU = {"none": (_gelu, _gelu_grad), "tanh": (_gelu_tanh, _gelu_tanh_grad)}
_GELU_TANH_U_JS = f"{_SQRT_2_OVER_PI!r} * x * (1 + {_GELU_TANH_K!r} * (x * x))"     # u of _gelu_tanh_u

gelu = Activation(
    name="gelu",
    name_zh="GELU（高斯误差线性单元）",
    name_en="GELU (Gaussian error linear unit)",
    summary_zh="x·Φ(x)：按标准正态分布函数 Φ 给输入加权；Transformer 的默认激活函数，另有计算更快的 tanh 近似。",
    summary_en="x·Φ(x): the input weighted by the standard normal CDF Φ; the default in Transformers, with a faster tanh approximation.",
    about_zh=("GELU x·Φ(x) 用标准正态分布函数 Φ 给输入加权，"
              "可以看作随机地“保留或丢弃”输入后取期望得到的光滑门控。Hendrycks 与 Gimpel（2016）提出它，"
              "BERT（Devlin 等，2019）及其后的许多语言模型使它成为 Transformer 的默认激活函数。"
              "它有一个常用的 tanh 近似，各框架默认用哪一种并不相同（JAX 默认用近似形式），移植模型时要核对。"),
    about_en=("GELU, x·Φ(x), weights the input by the standard normal distribution function Φ; it can be read as "
              "a smooth gate, the expectation of keeping or dropping the input at random. Hendrycks and Gimpel "
              "(2016) introduced it, and BERT (Devlin et al., 2019) and many later language models made it the "
              "default activation of Transformers. A tanh approximation is in common use, and the frameworks "
              "differ in which form is their default (JAX's is the approximation), so check it when porting a "
              "model."),
    options={"approximate": Option("none", ("none", "tanh"), "Φ 的算法：“none”用精确的误差函数，“tanh”用 tanh 近似",
                                   "how Φ is computed: \"none\" exactly (error function), \"tanh\" by the tanh approximation")},
    value=lambda x, approximate: _GELU[approximate][0](x),
    derivative=lambda x, approximate: _GELU[approximate][1](x),
    # Φ and GELU′ from fdlibm's erfc and erfcx (the prelude), the tanh form as _gelu_tanh and _gelu_tanh_grad.
    js=JS(f=f"""
const left = Math.max(x, -MAX);
return approximate === "tanh" ? left * sigmoid(2 * ({_GELU_TANH_U_JS})) : left * gaussCdf(x);""",
          df=f"""
if (approximate !== "tanh") return geluSlope(x);
x = clip(x, -1e10, 1e10);
const du = {_SQRT_2_OVER_PI!r} * (1 + 3 * {_GELU_TANH_K!r} * (x * x));
const twoU = 2 * ({_GELU_TANH_U_JS});
return sigmoid(twoU) + 2 * x * du * sigmoidGrad(twoU);""",
          options=("approximate",)),
    latex=(r"\operatorname{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\Bigl(1 + \operatorname{erf}\frac{x}{\sqrt{2}}\Bigr)"
           r"\approx \frac{x}{2}\Bigl(1 + \tanh\Bigl(\sqrt{2/\pi}\,\bigl(x + 0.044715\,x^3\bigr)\Bigr)\Bigr)"),
    grad_latex=r"\operatorname{GELU}'(x) = \Phi(x) + x\,\varphi(x), \quad \varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}",
    properties=Properties(range=(_minimum(_gelu, _gelu_grad, -2.0, 0.0), INF), monotonic=False, continuity=INF,
                          zero_centred=False, saturating_left=True, saturating_right=False,
                          identity_near_zero=False),
    frameworks={"pytorch": "torch.nn.GELU(approximate='none')", "keras": "keras.activations.gelu(x, approximate=False)",
                "tensorflow": "tf.nn.gelu(features, approximate=False)",
                "jax": "jax.nn.gelu(x, approximate=True)"},
    differences=(Differs(("pytorch", "keras", "tensorflow", "jax"), -INF, np.nan),
                 Differs(("pytorch", "keras", "tensorflow"), INF, np.nan, grad=True)),
)


def _mish(x: np.ndarray) -> np.ndarray:
    return no_minus_inf(x) * np.tanh(_softplus(x))


@in_float64
def _mish_grad(x: np.ndarray) -> np.ndarray:
    """tanh(s) + x·sech²(s)·σ(x), s = softplus(x), as a rational function of one exponential, in the form that
    keeps its digits on each side of x = −3/4 (tanh s = 1 − 2/w, sech² s = 4(1 + e)²/w², w = (1 + e)² + 1):
        x < −3/4, e = eˣ:    (e/w)·(4(1 + x) + e(6 + 4x + e(4 + e)))/w,   w = 2 + e(2 + e),
        x ≥ −3/4, u = e^{−x}: (1 + 2u + 4x·u²(1 + u)/W)/W,                W = 1 + 2u(1 + u).
    Near the root x ≈ −1.19 the first cancels only as much as mish′ itself (4(1 + x), 6 + 4x are exact there).
    Below x = −700 it is (1 + x)eˣ to a relative 1e-300, taken as g·(g·(1 + x)), g = e^{x/2}, since eˣ can be
    subnormal while mish′ is not. x is held in [−1000, max]: mish′(−1000) is 0 in float64, like the limit."""
    x = np.clip(x, -1000, np.finfo(x.dtype).max)
    left_x = np.minimum(x, -0.75)
    e = np.exp(left_x)
    w = 2 + e * (2 + e)
    left = (e / w) * ((4 * (1 + x) + e * (6 + 4 * x + e * (4 + e))) / w)
    g = np.exp(left_x / 2)
    left = pick(x < -700, g * (g * (1 + x)), left)
    u = np.exp(-np.maximum(x, -0.75))
    big_w = 1 + 2 * u * (1 + u)
    right = (1 + 2 * u + x * (4 * u * u * (1 + u)) / big_w) / big_w
    return pick(x < -0.75, left, right)


mish = Activation(
    name="mish",
    name_zh="Mish",
    name_en="Mish",
    summary_zh="x·tanh(softplus(x))：与 Swish 相近的光滑非单调函数，负半轴保留少量梯度，右侧无上界。",
    summary_en="x·tanh(softplus(x)): a smooth, non-monotonic cousin of Swish that keeps a little gradient for negative inputs and is unbounded above.",
    about_zh=("Mish x·tanh(softplus(x)) 是与 Swish 相近的光滑、非单调函数：负半轴有一个小凹陷，保留少量梯度，"
              "右侧没有上界，左侧饱和到 0。Misra（2020）提出它，YOLOv4（Bochkovskiy 等，"
              "2020）在骨干网络中采用了它。它要计算指数、对数和 tanh，比 ReLU 和 Swish 都贵。"),
    about_en=("Mish, x·tanh(softplus(x)), is a smooth, non-monotonic cousin of Swish: a small dip below zero "
              "that keeps a little gradient, unbounded above, saturating to 0 on the left. Misra (2020) "
              "introduced it, and YOLOv4 (Bochkovskiy et al., 2020) uses it in its backbone. It needs an "
              "exponential, a logarithm and a tanh, which makes it dearer than both ReLU and Swish."),
    value=_mish,
    derivative=_mish_grad,
    # As _mish and _mish_grad, with one branch per side of x = −3/4.
    js=JS(f="return Math.max(x, -MAX) * tanh(softplus(x));",
          df="""
x = clip(x, -1000, MAX);
if (x < -700) {
  const g = Math.exp(x / 2);
  return g * (g * (1 + x));
}
if (x < -0.75) {
  const e = Math.exp(x);
  const w = 2 + e * (2 + e);
  return (e / w) * ((4 * (1 + x) + e * (6 + 4 * x + e * (4 + e))) / w);
}
const u = Math.exp(-x);
const w = 1 + 2 * u * (1 + u);
return (1 + 2 * u + x * (4 * u * u * (1 + u)) / w) / w;"""),
    latex=r"\operatorname{mish}(x) = x\tanh\bigl(\operatorname{softplus}(x)\bigr) = x\tanh\bigl(\log(1 + e^{x})\bigr)",
    grad_latex=(r"\operatorname{mish}'(x) = \tanh(s) + x\,\operatorname{sech}^2(s)\,\sigma(x), "
                r"\quad s = \operatorname{softplus}(x)"),
    properties=Properties(range=(_minimum(_mish, _mish_grad, -3.0, 0.0), INF), monotonic=False, continuity=INF,
                          zero_centred=False, saturating_left=True, saturating_right=False,
                          identity_near_zero=False),
    frameworks={"pytorch": "torch.nn.Mish()", "keras": "keras.activations.mish", "tensorflow": "none", "jax": "jax.nn.mish"},
    differences=(Differs(("pytorch", "keras", "jax"), -INF, np.nan),
                 Differs(("pytorch", "keras", "jax"), INF, np.nan, grad=True)),
)


@in_blocks
def _hard_swish(x: np.ndarray) -> np.ndarray:
    # x·(relu6(x + 3)/6), not (x·relu6(x + 3))/6, which would overflow near the largest float; in one buffer.
    gate = np.add(x, 3, out=np.empty_like(x))
    np.clip(gate, 0, 6, out=gate)
    gate /= 6
    return np.multiply(no_minus_inf(x), gate, out=gate)


@in_blocks
def _hard_swish_grad(x: np.ndarray) -> np.ndarray:
    # PyTorch 2.x convention (hardswish_backward): 0 up to −3, (2x + 3)/6 = x/3 + 1/2 on the open interval
    # (−3, 3), 1 from 3 on. 2x + 3 is exact near its root −3/2, where x/3 + 1/2 would cancel.
    slope = np.multiply(x, 2, out=np.empty_like(x))
    slope += 3
    slope /= 6
    return pick(x <= -3, x.dtype.type(0), pick(x >= 3, x.dtype.type(1), slope))


hard_swish = Activation(
    name="hard_swish",
    name_zh="Hard Swish（硬 Swish）",
    name_en="Hard swish",
    summary_zh="把 Swish 中的 Sigmoid 换成 ReLU6(x+3)/6 的分段近似：只需加法、截断和乘法，MobileNetV3 采用了它。",
    summary_en="Swish with the sigmoid replaced by the piecewise-linear ReLU6(x + 3)/6: only an add, a clip and a multiply, as in MobileNetV3.",
    about_zh=("Hard Swish x·ReLU6(x + 3)/6 把 Swish 中的 sigmoid 换成分段线性的 hard sigmoid，"
              "只需加法、截断和乘法。MobileNetV3（Howard 等，2019）提出它并在网络较深的几层中使用，"
              "以接近 Swish 的精度换来适合移动端的计算量。它在 x ≤ −3 时输出精确的 0，x ≥ 3 时等于 x，"
              "中间一段是抛物线。"),
    about_en=("Hard swish, x·ReLU6(x + 3)/6, replaces Swish's sigmoid with the piecewise-linear hard sigmoid, so "
              "it needs only an add, a clip and a multiply. MobileNetV3 (Howard et al., 2019) introduced it and "
              "uses it in the deeper layers of the network, getting close to Swish's accuracy at a cost that "
              "suits mobile devices. It outputs an exact 0 for x ≤ −3, equals x for x ≥ 3, and is a parabola in "
              "between."),
    value=_hard_swish,
    derivative=_hard_swish_grad,
    js=JS(f="return Math.max(x, -MAX) * (clip(x + 3, 0, 6) / 6);",
          df="return x <= -3 ? 0 : x >= 3 ? 1 : (2 * x + 3) / 6;"),
    latex=r"\operatorname{hardswish}(x) = x\,\frac{\min\bigl(\max(0,\, x + 3),\, 6\bigr)}{6}",
    grad_latex=(r"\operatorname{hardswish}'(x) = \begin{cases} 0 & x \le -3 \\ x/3 + 1/2 & -3 < x < 3 \\ "
                r"1 & x \ge 3 \end{cases}"),
    # the bracket leaves out the kink −3, where the slope is 0 as well (PyTorch convention)
    properties=Properties(range=(_minimum(_hard_swish, _hard_swish_grad, -2.0, 0.0), INF), monotonic=False,
                          continuity=0, zero_centred=False, saturating_left=True, saturating_right=False,
                          identity_near_zero=False, sparse=True, kinks=(-3.0, 3.0)),
    frameworks={"pytorch": "torch.nn.Hardswish()", "keras": ("keras.activations.hard_silu", "keras.activations.hard_swish"),
                "tensorflow": "none", "jax": ("jax.nn.hard_silu", "jax.nn.hard_swish")},
    differences=(Differs(("pytorch", "keras", "jax"), -INF, np.nan), Differs("keras", INF, np.nan, grad=True)),
)

# x − tanh x = (x cosh x − sinh x)/cosh x, and x cosh x − sinh x = Σ_{k≥1} 2k·x^{2k+1}/(2k+1)!: a series of
# positive terms, so no cancellation. 13 terms reach 2^-60 relative on |x| < 2; beyond 2, x − tanh x is
# more than half of x and the direct difference is accurate.
_TANHSHRINK_SERIES = [2 * k / math.factorial(2 * k + 1) for k in range(1, 14)]


@in_blocks
def _tanhshrink(x: np.ndarray) -> np.ndarray:
    """x − tanh x, with the series (see above) by Horner's rule on the entries |x| < 2 only (float32 needs 8
    of its terms: the first one dropped is below 2^-34 of the sum)."""
    y = np.tanh(x, out=np.empty_like(x))
    np.subtract(x, y, out=y)
    small = np.flatnonzero(np.abs(x) < 2)
    t = x.take(small)
    s = np.square(t)
    coefficients = _TANHSHRINK_SERIES if x.dtype == np.float64 else _TANHSHRINK_SERIES[:8]
    poly = np.full_like(s, coefficients[-1])
    for c in coefficients[-2::-1]:
        poly *= s
        poly += c
    poly *= s
    poly *= t
    poly /= np.cosh(t)
    y.put(small, poly)
    return y


tanhshrink = Activation(
    name="tanhshrink",
    name_zh="Tanhshrink",
    name_en="Tanhshrink",
    summary_zh="x − tanh x：原点附近约为 x³/3，几乎平坦，远处接近 x ∓ 1；单调且零中心。",
    summary_en="x − tanh x: almost flat near 0, where it behaves like x³/3, and close to x ∓ 1 far out; monotonic and zero-centred.",
    about_zh=("Tanhshrink 是 x − tanh x，即输入减去它的 tanh。原点附近 tanh x 几乎等于 x，二者之差几乎为 0，"
              "按泰勒展开约为 x³/3（下表算出比值怎样趋近 1）；远离原点时 tanh x 接近 ±1，Tanhshrink 接近 x ∓ 1。"
              "它的导数 tanh²x 在 0 处为 0：与大多数激活函数相反，它在原点附近梯度最小、在两侧梯度最大，"
              "把小输入“收缩”掉，让大输入几乎原样通过，有点像软收缩的光滑版本。它来自 Torch 库的一组收缩函数，"
              "PyTorch 和 Keras 都内置了它，但在知名模型中很少见到。"),
    about_en=("Tanhshrink is x − tanh x, the input minus its tanh. Near the origin tanh x is almost x, so the "
              "difference is almost 0 there, about x³/3 by the Taylor series (the table below computes how the "
              "ratio approaches 1); far from it tanh x is close to ±1 and tanhshrink close to x ∓ 1. Its slope, "
              "tanh²x, is 0 at the origin: unlike most activations it has its smallest gradient near 0 and its "
              "largest in the tails, shrinking small inputs away and passing large ones almost unchanged, "
              "somewhat like a smooth soft shrink. It comes from a set of shrinkage functions in the Torch "
              "library; PyTorch and Keras have it built in, but well-known models rarely use it."),
    value=_tanhshrink,
    derivative=in_blocks(lambda x: np.square(np.tanh(x))),
    # As _tanhshrink: the series of x − tanh x below |x| = 2.
    js=JS(f=f"""
if (!(Math.abs(x) < 2)) return x - tanh(x);
const s = x * x;
return horner(s, {_TANHSHRINK_SERIES!r}) * s * x / Math.cosh(x);""",
          df="const t = tanh(x);\nreturn t * t;"),
    latex=r"\operatorname{tanhshrink}(x) = x - \tanh(x)",
    grad_latex=r"\operatorname{tanhshrink}'(x) = \tanh^2(x)",
    properties=Properties(range=(-INF, INF), monotonic=True, continuity=INF, zero_centred=True,
                          saturating_left=False, saturating_right=False, identity_near_zero=False),
    frameworks={"pytorch": "torch.nn.Tanhshrink()", "keras": "keras.activations.tanh_shrink", "tensorflow": "none",
                "jax": "none"},
    differences=(Differs(("pytorch", "keras"), -0.0, 0.0),),
)


def _squareplus_parts(x: np.ndarray, beta: float) -> tuple[np.ndarray, np.ndarray]:
    """(f, r) with r = √(x² + β) (see _radius, no overflow) and f = (x + r)/2.

    h = (|x| + r)/2 has no cancellation; for x ≥ 0 it is f, and for x < 0 f = (r − |x|)/2 = (β/h)/4 (not (β/4)/h:
    a subnormal β/4 would lose the digits of a normal f). The sum is halved after it is taken, which keeps the
    digits of a subnormal |x| and r, and as |x|/2 + r/2 where it overflows. h = 0 only when β = 0 and x ≈ 0,
    where f = 0 as well.
    """
    r = _radius(x, beta)
    h = np.abs(x)
    h += r
    h /= 2
    if not h.max(initial=0) < np.inf:  # the max is NaN if x has one
        big = np.flatnonzero(h == np.inf)
        h.put(big, np.abs(x.take(big)) / 2 + r.take(big) / 2)
    return pick(x < 0, beta / pick(h > 0, h, x.dtype.type(1)) / 4, h), r


def _radius(x: np.ndarray, beta) -> np.ndarray:
    """√(x² + β) in x's dtype: the square root of the sum where β ≥ tiny/eps² of the dtype (an x² that underflows,
    x² < tiny, is then below eps² of β and loses nothing); hypot(x, √β) where β is smaller or x² overflows. An
    array of β computes each entry as its scalar would."""
    info = np.finfo(x.dtype)
    if np.ndim(beta) == 0:
        beta = x.dtype.type(beta)
        if not beta >= info.tiny / info.eps ** 2:
            return np.hypot(x, np.sqrt(beta))
    r = np.square(x, out=np.empty_like(x))
    r += beta
    np.sqrt(r, out=r)
    if np.ndim(beta):
        return np.where(~(beta >= info.tiny / info.eps ** 2) | (r == np.inf), np.hypot(x, np.sqrt(beta)), r)
    if not r.max(initial=0) < np.inf:  # the max is NaN if x has one
        big = np.flatnonzero(r == np.inf)
        r.put(big, np.hypot(x.take(big), np.sqrt(beta)))
    return r


@in_blocks
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
    about_zh=("Squareplus (x + √(x² + β))/2 是只用乘法、加法和平方根构造的光滑 ReLU：x 很负时按 β/(4|x|) 趋于 0，"
              "x 很大时趋于 x；β = 0 时恰好是 ReLU，β 越大拐角越圆。"
              "Barron（2021）提出它作为 softplus 的代数替代：形状相似，却不需要 exp 和 log，"
              "在没有快速超越函数运算的硬件上更便宜。但两者并不是同一个函数：下表算出它们在 0 处的值和最大差距，"
              "分别取默认的 β 和让两者在 0 处相等的 β。JAX 和 Keras 内置了它（参数 b 就是这里的 β）。"),
    about_en=("Squareplus, (x + √(x² + β))/2, is a smooth ReLU built from multiplications, additions and a "
              "square root alone: it tends to 0 like β/(4|x|) for very negative x and to x for large x; β = 0 is "
              "exactly ReLU, and a larger β rounds the corner more. Barron (2021) proposed it as an algebraic "
              "stand-in for softplus: a similar shape without exp or log, cheaper on hardware without fast "
              "transcendental functions. The two are not the same function, though: the table below computes "
              "their values at 0 and their largest gap, for the default β and for the β that makes them agree at "
              "0. JAX and Keras have it built in (their parameter b is this β)."),
    params={"beta": Param(4.0, 0.0, 10.0, 0.1, "平滑程度：β = 0 时就是 ReLU，β 越大拐角越圆",
                          "smoothness: β = 0 is exactly ReLU, a larger β rounds the corner more", NONNEGATIVE)},
    value=in_blocks(lambda x, beta: _squareplus_parts(x, beta)[0]),
    derivative=_squareplus_grad,
    js=JS(f="return squareplusParts(x, beta)[0];",
          df="const [f, r] = squareplusParts(finite(x), beta);\nreturn f / (r > 0 ? r : 1);"),
    latex=r"\operatorname{squareplus}(x) = \frac{x + \sqrt{x^2 + \beta}}{2}",
    grad_latex=r"\operatorname{squareplus}'(x) = \frac{1}{2}\Bigl(1 + \frac{x}{\sqrt{x^2 + \beta}}\Bigr)",
    properties=Properties(range=(0, INF), monotonic=True, continuity=INF, zero_centred=False,
                          saturating_left=True, saturating_right=False, identity_near_zero=False),
    frameworks={"pytorch": "none", "keras": "keras.activations.squareplus(x, b=4)", "tensorflow": "none",
                "jax": "jax.nn.squareplus(x, b=4)"},
)


def _gaussian_split(x: np.ndarray) -> np.ndarray:
    """e^{−x²} as e^{−hi}·(1 − lo), with x² = hi + lo split exactly: from a rounded x² it would be off by up to
    x² ulp (e^{−lo} = 1 − lo, |lo| ≤ ulp(x²)/2). x is held in [−40, 40], where e^{−x²} is 0 already
    (two_square needs |x| < 1e150)."""
    hi, lo = two_square(np.clip(x, -40, 40))
    e = np.exp(-hi)
    return e - e * lo


def _gaussian_narrow(x: np.ndarray) -> np.ndarray:
    """e^{−x²} for x from float16/32: x² has at most 48 significant bits, so it is exact in float64 (lo = 0)."""
    return np.exp(-np.square(np.clip(x, -40, 40)))


def _gaussian_grad_split(x: np.ndarray) -> np.ndarray:
    """−2x·e^{−x²} = −2·((x·g)·g), g = e^{−x²/2} = e^{−hi/2}·(1 − lo/2) as for the value: no subnormal e^{−x²}
    is multiplied up by x. x is held in [−40, 40]: x·0 = 0 beyond, never ∞·0."""
    t = np.clip(x, -40, 40)
    hi, lo = two_square(t)
    g = np.exp(-hi / 2)
    g -= g * (lo / 2)
    return -2 * ((t * g) * g)


def _gaussian_grad_narrow(x: np.ndarray) -> np.ndarray:
    """As _gaussian_grad_split for x from float16/32, whose x² is exact in float64."""
    t = np.clip(x, -40, 40)
    g = np.exp(-np.square(t) / 2)
    return -2 * ((t * g) * g)


_gaussian = in_float64(_gaussian_split, narrow=_gaussian_narrow)
_gaussian_grad = in_float64(_gaussian_grad_split, narrow=_gaussian_grad_narrow)


gaussian = Activation(
    name="gaussian",
    name_zh="高斯函数",
    name_en="Gaussian",
    summary_zh="e^{−x²}：钟形曲线，在 0 处取最大值 1，两侧都饱和；常见于径向基函数网络。",
    summary_en="e^{−x²}: a bell curve with its peak 1 at the origin, saturating on both sides; familiar from radial-basis-function networks.",
    about_zh=("高斯函数 e^{−x²} 是一条钟形曲线：在 0 处取最大值 1，向两侧迅速衰减到 0，两侧都饱和，而且不单调。"
              "与前面的函数不同，它只对 0 附近的输入有明显的响应，是一个“局部”的单元；"
              "它与标准正态密度 φ 只差缩放：e^{−x²} = √(2π)·φ(√2·x)。"
              "这种局部响应正是径向基函数网络的基础（Broomhead 与 Lowe，1988）："
              "每个隐藏单元对输入到某个中心的距离施加高斯函数。在深层网络中它很少用作逐元素激活，"
              "因为离 0 较远的输入几乎得不到梯度；下表算出它的导数在哪里最大，以及响应降到一半和降到 1% 的位置。"),
    about_en=("The Gaussian, e^{−x²}, is a bell curve: its maximum 1 at 0, falling quickly to 0 on both sides, "
              "saturating on both and not monotonic. Unlike the functions above it responds clearly only to "
              "inputs near 0: it is a local unit, and up to scaling it is the standard normal density φ: e^{−x²} "
              "= √(2π)·φ(√2·x). That local response is the basis of radial-basis-function networks (Broomhead & "
              "Lowe, 1988), where each hidden unit applies a Gaussian to the distance between the input and a "
              "centre. Deep networks rarely use it as an elementwise activation, since inputs far from 0 get "
              "almost no gradient; the table below computes where its slope is largest and where the response "
              "falls to a half and to 1%."),
    value=_gaussian,
    derivative=_gaussian_grad,
    # As _gaussian and _gaussian_grad: the square split exactly.
    js=JS(f="const [hi, lo] = twoSquare(clip(x, -40, 40));\nconst e = Math.exp(-hi);\nreturn e - e * lo;",
          df="const t = clip(x, -40, 40);\nconst g = expHalfSquare(t);\nreturn -2 * ((t * g) * g);"),
    latex=r"\operatorname{gaussian}(x) = e^{-x^2}",
    grad_latex=r"\operatorname{gaussian}'(x) = -2x\,e^{-x^2}",
    properties=Properties(range=(0, 1), monotonic=False, continuity=INF, zero_centred=False,
                          saturating_left=True, saturating_right=True, identity_near_zero=False),
    frameworks={"pytorch": "none", "keras": "none", "tensorflow": "none", "jax": "none"},
)


exponential = Activation(
    name="exponential",
    name_zh="指数函数",
    name_en="Exponential",
    summary_zh="eˣ：输出恒为正、没有上界，导数等于它自己；左侧饱和到 0，右侧增长极快，很快就会上溢。",
    summary_en="eˣ: always positive and unbounded, its own derivative; it saturates towards 0 on the left and grows so fast on the right that it soon overflows.",
    about_zh=("指数函数把任意实数映到正数，常放在需要正值的输出层：例如泊松回归中预测的计数速率，"
              "或概率模型里的尺度、方差参数（网络输出它们的对数）。Keras 把它列为激活函数 keras.activations.exponential，"
              "其他框架直接用 exp。它的导数就是它自己，输入稍大便会上溢为 inf，所以很少用在隐藏层。"),
    about_en=("The exponential maps any real number to a positive one and sits in output layers that need a positive "
              "value: the rate of a Poisson regression, or a scale or variance in a probabilistic model (the network "
              "outputs its logarithm). Keras lists it as an activation, keras.activations.exponential; the other "
              "frameworks use exp directly. It is its own derivative and overflows to inf for moderately large inputs, "
              "so it is rarely used in hidden layers."),
    value=lambda x: np.exp(x),
    derivative=lambda x: np.exp(x),
    js=JS(f="return Math.exp(x);", df="return Math.exp(x);"),
    latex=r"f(x) = e^{x}",
    grad_latex=r"f'(x) = e^{x}",
    properties=Properties(range=(0, INF), monotonic=True, continuity=INF, zero_centred=False,
                          saturating_left=True, saturating_right=False, identity_near_zero=False),
    frameworks={"pytorch": "torch.exp(x)", "keras": "keras.activations.exponential", "tensorflow": "tf.math.exp",
                "jax": "jax.numpy.exp"},
)
