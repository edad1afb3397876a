"""ReLU-like activations: piecewise linear, the identity (or a shifted copy of it) on the right."""

import numpy as np

from ..core import INF, NONNEGATIVE, Activation, Option, Param, Properties
from ..numerics import finite, keep_nan as _keep_nan, select


def _leaky(x: np.ndarray, alpha) -> np.ndarray:
    """x for x > 0, alpha·x otherwise; with alpha = 0 that side is 0 up to x = −∞ (0·max, never 0·∞).
    A scalar alpha ≤ 1 gives max(x, alpha·x), one > 1 min(x, alpha·x): no mask needed."""
    if np.ndim(alpha) == 0:
        side = np.multiply(finite(x) if alpha == 0 else x, alpha, out=np.empty_like(x))
        return (np.maximum if alpha <= 1 else np.minimum)(x, side, out=side)
    return np.where(x > 0, x, alpha * np.where(alpha == 0, finite(x), x))


def _leaky_grad(x: np.ndarray, alpha) -> np.ndarray:
    """1 for x > 0, alpha for x ≤ 0 (the PyTorch convention at 0), NaN kept."""
    return _keep_nan(x, select(x > 0, 1, alpha, x.dtype) if np.ndim(alpha) == 0 else np.where(x > 0, 1, alpha))


def _rrelu_slope(x: np.ndarray, lower: float, upper: float, training: bool, rng) -> float | np.ndarray:
    """The negative-side slope: the mean (lower + upper)/2, or in training one U(lower, upper) draw per element."""
    if lower > upper:
        raise ValueError(f"rrelu: lower ({lower:g}) must not exceed upper ({upper:g})")
    if rng is not None and not isinstance(rng, np.random.Generator):
        raise TypeError(f"rrelu: rng must be a numpy.random.Generator (np.random.default_rng(seed)), "
                        f"got {type(rng).__name__}")
    if not training:
        return (lower + upper) / 2
    if rng is None:
        raise ValueError("rrelu: training=True draws random slopes and needs rng=np.random.default_rng(seed)")
    return rng.uniform(lower, upper, x.shape).astype(x.dtype)


identity = Activation(
    name="identity",
    name_zh="恒等函数（线性激活）",
    name_en="Identity (linear)",
    summary_zh="原样输出输入，相当于不加激活函数；只用它堆叠的多层网络仍只是一个线性映射。",
    summary_en="Returns the input unchanged, i.e. no activation at all; layers stacked with it collapse into one linear map.",
    # A copy, so the result never aliases the caller's array.
    value=lambda x: x.copy(),
    derivative=lambda x: _keep_nan(x, 1),
    latex=r"f(x) = x",
    grad_latex=r"f'(x) = 1",
    properties=Properties(range=(-INF, INF), monotonic=True, continuity=INF, zero_centred=True,
                          saturating_left=False, saturating_right=False, identity_near_zero=True),
    frameworks={"pytorch": "torch.nn.Identity()", "keras": "keras.activations.linear",
                "tensorflow": "tf.identity", "jax": "none"},
)

relu = Activation(
    name="relu",
    name_zh="ReLU（修正线性单元）",
    name_en="Rectified linear unit (ReLU)",
    summary_zh="负输入输出 0，正输入原样输出：计算便宜、正半轴不饱和、带来稀疏激活，但可能出现神经元死亡。",
    summary_en="Zero for negative inputs, the input itself otherwise: cheap, non-saturating for x > 0 and sparse, but units can die (dying ReLU).",
    value=lambda x: np.maximum(x, 0),
    # PyTorch convention: f′(0) = 0.
    derivative=lambda x: _keep_nan(x, x > 0),
    latex=r"\operatorname{ReLU}(x) = \max(0,\, x)",
    grad_latex=r"\operatorname{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
    properties=Properties(range=(0, INF), monotonic=True, continuity=0, zero_centred=False,
                          saturating_left=True, saturating_right=False, identity_near_zero=False,
                          sparse=True, kinks=(0.0,)),
    frameworks={"pytorch": "torch.nn.ReLU()", "keras": "keras.activations.relu",
                "tensorflow": "tf.nn.relu", "jax": "jax.nn.relu"},
)

relu6 = Activation(
    name="relu6",
    name_zh="ReLU6",
    name_en="ReLU6",
    summary_zh="输出上限截在 6 的 ReLU；有界的输出适合 8 位定点等低精度推理，MobileNet 中常用。",
    summary_en="ReLU capped at 6; the bounded output suits low-precision (e.g. 8-bit fixed-point) inference, as in MobileNet.",
    value=lambda x: np.clip(x, 0, 6),
    # PyTorch convention (hardtanh backward): slope 0 at both kinks, x = 0 and x = 6.
    derivative=lambda x: _keep_nan(x, (x > 0) & (x < 6)),
    latex=r"\operatorname{ReLU6}(x) = \min\!\bigl(\max(0,\, x),\, 6\bigr)",
    grad_latex=r"\operatorname{ReLU6}'(x) = \begin{cases} 1 & 0 < x < 6 \\ 0 & \text{otherwise} \end{cases}",
    properties=Properties(range=(0, 6), monotonic=True, continuity=0, zero_centred=False,
                          saturating_left=True, saturating_right=True, identity_near_zero=False,
                          sparse=True, kinks=(0.0, 6.0)),
    frameworks={"pytorch": "torch.nn.ReLU6()", "keras": "keras.activations.relu6",
                "tensorflow": "tf.nn.relu6", "jax": "jax.nn.relu6"},
)

leaky_relu = Activation(
    name="leaky_relu",
    name_zh="Leaky ReLU（带泄漏的 ReLU）",
    name_en="Leaky ReLU",
    summary_zh="负半轴保留一个小斜率 α，梯度不会完全为 0，从而缓解神经元死亡。",
    summary_en="Keeps a small slope α for negative inputs, so the gradient never vanishes entirely and units are less likely to die.",
    params={"alpha": Param(0.01, -2.0, 2.0, 0.01, "x ≤ 0 一侧的斜率（α < 0 时不再单调，α = −1 即 |x|）",
                           "the slope for x ≤ 0 (α < 0: no longer monotonic; α = −1 gives |x|)")},
    value=_leaky,
    # PyTorch convention: f′(0) = alpha.
    derivative=_leaky_grad,
    latex=r"\operatorname{LeakyReLU}(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}",
    grad_latex=r"\operatorname{LeakyReLU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}",
    properties=Properties(range=(-INF, INF), monotonic=True, continuity=0, zero_centred=False,
                          saturating_left=False, saturating_right=False, identity_near_zero=False,
                          kinks=(0.0,)),
    frameworks={"pytorch": "torch.nn.LeakyReLU(negative_slope=0.01)",
                "keras": "keras.layers.LeakyReLU(negative_slope=0.3)",
                "tensorflow": "tf.nn.leaky_relu(features, alpha=0.2)",
                "jax": "jax.nn.leaky_relu(x, negative_slope=0.01)"},
)

prelu = Activation(
    name="prelu",
    name_zh="PReLU（参数化 ReLU）",
    name_en="Parametric ReLU (PReLU)",
    summary_zh="公式与 Leaky ReLU 相同，但负半轴斜率 α 是可学习参数，可以每个通道各学一个。",
    summary_en="The leaky ReLU formula with the negative slope α as a learnable parameter, possibly one per channel.",
    params={"alpha": Param(0.25, -2.0, 2.0, 0.01, "x ≤ 0 一侧的斜率（可学习；传入数组则每个通道一个，按广播规则对齐 x）",
                           "the slope for x ≤ 0 (learned; an array gives one per channel, broadcast against x)")},
    # The leaky ReLU formula, f′(0) = alpha included; only the role of alpha differs.
    value=leaky_relu.value,
    derivative=leaky_relu.derivative,
    latex=r"\operatorname{PReLU}(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}",
    grad_latex=r"\operatorname{PReLU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}",
    properties=Properties(range=(-INF, INF), monotonic=True, continuity=0, zero_centred=False,
                          saturating_left=False, saturating_right=False, identity_near_zero=False,
                          kinks=(0.0,)),
    frameworks={"pytorch": "torch.nn.PReLU(num_parameters=1, init=0.25)",
                "keras": "keras.layers.PReLU(alpha_initializer='zeros')",
                "tensorflow": "tf.keras.layers.PReLU(alpha_initializer='zeros')", "jax": "none"},
)

rrelu = Activation(
    name="rrelu",
    name_zh="RReLU（随机化 Leaky ReLU）",
    name_en="Randomized leaky ReLU (RReLU)",
    summary_zh="训练时负半轴斜率从 U(lower, upper) 中随机抽取，起正则化作用；推理时固定为均值 (lower + upper)/2。",
    summary_en="In training the negative slope is drawn at random from U(lower, upper), which regularises; at inference it is the mean (lower + upper)/2.",
    params={"lower": Param(1 / 8, 0.0, 0.5, 0.01, "随机斜率的下界", "the lower bound of the random slope", NONNEGATIVE),
            "upper": Param(1 / 3, 0.0, 1.0, 0.01, "随机斜率的上界", "the upper bound of the random slope", NONNEGATIVE)},
    options={"training": Option(False, (False, True), "训练模式：每个元素各抽一个斜率",
                                "training mode: one random slope per element"),
             "rng": Option(None, None, "训练模式下抽取斜率用的 numpy 随机数生成器（Generator）",
                           "the numpy Generator that draws the slopes in training mode")},
    value=lambda x, **p: _leaky(x, _rrelu_slope(x, **p)),
    # PyTorch convention: f′(0) = the negative slope (the x ≤ 0 branch). The same rng state draws the
    # same slopes as the value.
    derivative=lambda x, **p: _leaky_grad(x, _rrelu_slope(x, **p)),
    latex=r"\operatorname{RReLU}(x) = \begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases},"
          r"\quad a \sim \mathcal{U}(l, u) \text{ (training)},\ a = \tfrac{l + u}{2} \text{ (eval)}",
    grad_latex=r"\operatorname{RReLU}'(x) = \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}",
    properties=Properties(range=(-INF, INF), monotonic=True, continuity=0, zero_centred=False,
                          saturating_left=False, saturating_right=False, identity_near_zero=False,
                          kinks=(0.0,)),
    frameworks={"pytorch": "torch.nn.RReLU(lower=0.125, upper=0.3333333333333333)", "keras": "none",
                "tensorflow": "none", "jax": "none"},
)

thresholded_relu = Activation(
    name="thresholded_relu",
    name_zh="阈值 ReLU",
    name_en="Thresholded ReLU",
    summary_zh="输入超过阈值 θ 才原样输出，否则输出 0；θ > 0 时在 x = θ 处跳变，函数不连续。",
    summary_en="Passes the input through only above the threshold θ and outputs 0 otherwise; for θ > 0 it jumps at x = θ.",
    params={"threshold": Param(1.0, 0.0, 3.0, 0.05, "阈值 θ：输入必须大于它才能通过", "the threshold θ the input must exceed to pass",
                               NONNEGATIVE)},
    # max(x, 0)·[x > θ] with θ ≥ 0: −∞ gives 0·0, NaN stays NaN.
    value=lambda x, threshold: np.maximum(x, 0) * (x > threshold),
    # PyTorch convention (Threshold backward): slope 0 at x = threshold.
    derivative=lambda x, threshold: _keep_nan(x, x > threshold),
    latex=r"f(x) = \begin{cases} x & x > \theta \\ 0 & x \le \theta \end{cases}",
    grad_latex=r"f'(x) = \begin{cases} 1 & x > \theta \\ 0 & x \le \theta \end{cases}",
    properties=Properties(range=(0, INF), monotonic=True, continuity=-1, zero_centred=False,
                          saturating_left=True, saturating_right=False, identity_near_zero=False,
                          sparse=True, kinks=(1.0,)),
    frameworks={"pytorch": "torch.nn.Threshold(threshold=1.0, value=0.0)  # returns value, not 0, below threshold",
                "keras": "keras.layers.ThresholdedReLU(theta=1.0)  # Keras 2 only, removed in Keras 3",
                "tensorflow": "tf.keras.layers.ThresholdedReLU(theta=1.0)  # TF 2.15 and older", "jax": "none"},
)

hard_shrink = Activation(
    name="hard_shrink",
    name_zh="硬收缩（Hard Shrink）",
    name_en="Hard shrink",
    summary_zh="绝对值不超过 λ 的输入置 0，其余原样保留：稀疏编码与去噪中的硬阈值操作。",
    summary_en="Zeroes inputs with |x| ≤ λ and keeps the rest unchanged: the hard-thresholding step of sparse coding and denoising.",
    params={"threshold": Param(0.5, 0.0, 3.0, 0.05, "置零区间 [−λ, λ] 的半宽 λ", "the half-width λ of the zeroed band [−λ, λ]",
                               NONNEGATIVE)},
    # x·[|x| > λ]: ±∞ pass (the test is True), NaN stays NaN.
    value=lambda x, threshold: x * (np.abs(x) > threshold),
    # PyTorch convention: slope 0 at x = ±threshold.
    derivative=lambda x, threshold: _keep_nan(x, np.abs(x) > threshold),
    latex=r"\operatorname{hardshrink}(x) = \begin{cases} x & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
    grad_latex=r"\operatorname{hardshrink}'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
    properties=Properties(range=(-INF, INF), monotonic=True, continuity=-1, zero_centred=True,
                          saturating_left=False, saturating_right=False, identity_near_zero=False,
                          kinks=(-0.5, 0.5)),
    frameworks={"pytorch": "torch.nn.Hardshrink(lambd=0.5)", "keras": "keras.activations.hard_shrink(x, threshold=0.5)",
                "tensorflow": "none", "jax": "none"},
)

soft_shrink = Activation(
    name="soft_shrink",
    name_zh="软收缩（Soft Shrink）",
    name_en="Soft shrink",
    summary_zh="把输入向 0 收缩 λ，[−λ, λ] 内的输入置 0；它是 L1 正则（如 LASSO）的近端算子。",
    summary_en="Shrinks the input towards 0 by λ and zeroes [−λ, λ]: the proximal operator of the L1 penalty (as in LASSO).",
    params={"threshold": Param(0.5, 0.0, 3.0, 0.05, "收缩量 λ，也是置零区间的半宽", "the shrinkage λ, also the half-width of the zeroed band",
                               NONNEGATIVE)},
    # x − clip(x, −λ, λ): exactly 0 inside the band, one rounding of x ∓ λ outside.
    value=lambda x, threshold: x - np.clip(x, -threshold, threshold),
    # The same slope as hard shrink, 0 at x = ±threshold (PyTorch convention).
    derivative=hard_shrink.derivative,
    latex=r"\operatorname{softshrink}(x) = \begin{cases} x - \lambda & x > \lambda \\ x + \lambda & x < -\lambda \\ "
          r"0 & |x| \le \lambda \end{cases}",
    grad_latex=r"\operatorname{softshrink}'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
    properties=Properties(range=(-INF, INF), monotonic=True, continuity=0, zero_centred=True,
                          saturating_left=False, saturating_right=False, identity_near_zero=False,
                          kinks=(-0.5, 0.5)),
    frameworks={"pytorch": "torch.nn.Softshrink(lambd=0.5)", "keras": "keras.activations.soft_shrink(x, threshold=0.5)",
                "tensorflow": "none", "jax": "none"},
)
