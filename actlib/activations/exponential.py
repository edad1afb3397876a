"""Exponential linear units: the identity for x > 0, an exponential that saturates for x ≤ 0.

f(x) = max(x, 0) + α(e^{min(x, 0)} − 1): one side is exactly 0 wherever the other is active, so no mask
is needed; e^x never overflows, and alpha = 0 never meets 0·∞. For the same reason f′ = e^{min(x, 0)/α}
for CELU (it is 1 for x > 0).
"""

import numpy as np

from ..core import INF, JS, NONNEGATIVE, POSITIVE, Activation, Param, Properties
from ..frameworks import Differs
from ..numerics import in_blocks, pick

# Klambauer et al. (2017), the fixed point of zero mean and unit variance.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
# SELU_SCALE·SELU_ALPHA rounded once (the product of the two doubles is 1 ulp off).
_SCALE_ALPHA = 1.7580993408473768599402175208123

elu = Activation(
    name="elu",
    name_zh="ELU（指数线性单元）",
    name_en="Exponential linear unit (ELU)",
    summary_zh="负半轴为 α(eˣ − 1)，平滑地饱和到 −α，使输出均值更接近 0；α = 1 时在 0 处可微。",
    summary_en="α(eˣ − 1) for negative inputs, saturating smoothly at −α and pulling mean outputs towards 0; differentiable at 0 when α = 1.",
    about_zh=("ELU 在正半轴是恒等函数，在负半轴是 α(eˣ − 1)，平滑地饱和到 −α。负值把各层激活值的均值拉向 0，"
              "Clevert 等（2016）认为这能加快学习，负半轴的饱和还让单元对噪声更稳健。α = 1 时它在 0 处连续可微；"
              "它要计算一次指数，比 ReLU 贵。SELU 和 CELU 都是它的变体。"),
    about_en=("ELU is the identity function for x > 0 and α(eˣ − 1) for x ≤ 0, saturating smoothly at −α. Its "
              "negative values pull the mean activation of each layer towards 0, which Clevert et al. (2016) "
              "argue speeds up learning, and the saturation on the left makes units robust to noise. With α = 1 "
              "it is continuously differentiable at 0; the exponential makes it dearer than ReLU. SELU and CELU "
              "are variants of it."),
    params={"alpha": Param(1.0, 0.0, 3.0, 0.05, "负半轴饱和到 −α", "negative inputs saturate at −α", NONNEGATIVE)},
    value=in_blocks(lambda x, alpha: np.maximum(x, 0) + alpha * np.expm1(np.minimum(x, 0))),
    # PyTorch convention: f′(0) = alpha (the x ≤ 0 branch).
    derivative=in_blocks(lambda x, alpha: pick(x > 0, x.dtype.type(1), alpha * np.exp(np.minimum(x, 0)))),
    js=JS(f="return Math.max(x, 0) + alpha * Math.expm1(Math.min(x, 0));",
          df="return x > 0 ? 1 : alpha * Math.exp(Math.min(x, 0));"),
    latex=r"\operatorname{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}",
    grad_latex=r"\operatorname{ELU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha\, e^{x} & x \le 0 \end{cases}",
    properties=Properties(range=(-1, INF), monotonic=True, continuity=1, zero_centred=False,
                          saturating_left=True, saturating_right=False, identity_near_zero=True,
                          kinks=(0.0,)),
    frameworks={"pytorch": "torch.nn.ELU(alpha=1.0)", "keras": "keras.activations.elu(x, alpha=1.0)",
                "tensorflow": "tf.nn.elu", "jax": "jax.nn.elu(x, alpha=1.0)"},
    differences=(Differs(("pytorch", "keras", "tensorflow", "jax"), -0.0, -0.0),),
)


@in_blocks
def _celu(x: np.ndarray, alpha) -> np.ndarray:
    """max(x, 0) + α·expm1(u), u = min(x, 0)/α. For α > 1, u can be subnormal (too few digits) while x is not;
    there, where |u| < eps, α·expm1(u) = x(1 + u/2 + …) rounds to x itself, which is taken instead."""
    m = np.minimum(x, 0)
    u = m / alpha
    left = alpha * np.expm1(u)
    wide = np.greater(alpha, 1)
    if np.any(wide):
        left = np.where(wide & (np.abs(u) < np.finfo(x.dtype).eps), m, left)
    return np.maximum(x, 0) + left


celu = Activation(
    name="celu",
    name_zh="CELU（连续可微的指数线性单元）",
    name_en="Continuously differentiable ELU (CELU)",
    summary_zh="把 ELU 改写为 α(e^{x/α} − 1)：任何 α 下在 0 处都连续可微，α 越小越接近 ReLU。",
    summary_en="ELU rewritten as α(e^{x/α} − 1): continuously differentiable at 0 for every α, and closer to ReLU as α shrinks.",
    about_zh=("CELU 把 ELU 的负半轴改写为 α(e^{x/α} − 1)，导数在 0 处从两侧都等于 1：对任何 α 都连续可微，"
              "而 ELU 只有 α = 1 时才是。Barron（2017）提出这一改写，它还有一个好处：α → 0 时趋于 ReLU，"
              "α → ∞ 时趋于恒等函数。α = 1 时它与 ELU 完全相同。"),
    about_en=("CELU rewrites ELU's negative side as α(e^{x/α} − 1), so that the slope at 0 is 1 from both sides: "
              "it is continuously differentiable for every α, where ELU is so only for α = 1. Barron (2017) "
              "proposed the rewrite, which has a further benefit: it tends to ReLU as α → 0 and to the identity "
              "function as α → ∞. For α = 1 it equals ELU."),
    params={"alpha": Param(1.0, 0.05, 3.0, 0.05, "负半轴饱和到 −α，也决定曲线弯曲的快慢",
                           "negative inputs saturate at −α; it also sets how sharply the curve bends", POSITIVE)},
    value=_celu,
    # f′(0) = 1 from both sides; PyTorch also gives 1.
    derivative=in_blocks(lambda x, alpha: np.exp(np.minimum(x, 0) / alpha)),
    # As _celu: where u is too small to carry digits (α > 1), α·expm1(u) rounds to m itself.
    js=JS(f="""
const m = Math.min(x, 0);
const u = m / alpha;
return Math.max(x, 0) + (alpha > 1 && Math.abs(u) < EPS ? m : alpha * Math.expm1(u));""",
          df="return Math.exp(Math.min(x, 0) / alpha);"),
    latex=r"\operatorname{CELU}(x) = \max(0,\, x) + \min\!\bigl(0,\, \alpha\,(e^{x/\alpha} - 1)\bigr)",
    grad_latex=r"\operatorname{CELU}'(x) = \begin{cases} 1 & x > 0 \\ e^{x/\alpha} & x \le 0 \end{cases}",
    properties=Properties(range=(-1, INF), monotonic=True, continuity=1, zero_centred=False,
                          saturating_left=True, saturating_right=False, identity_near_zero=True,
                          kinks=(0.0,)),
    frameworks={"pytorch": "torch.nn.CELU(alpha=1.0)", "keras": "keras.activations.celu(x, alpha=1.0)",
                "tensorflow": "none", "jax": "jax.nn.celu(x, alpha=1.0)"},
    differences=(Differs("pytorch", -0.0, -0.0),
                 Differs("keras", 0.0, 2.0, grad=True),
                 Differs("keras", -0.0, 2.0, grad=True)),
)

selu = Activation(
    name="selu",
    name_zh="SELU（缩放指数线性单元）",
    name_en="Scaled exponential linear unit (SELU)",
    summary_zh="用固定常数 λ、α 缩放的 ELU：配合 LeCun 正态初始化，各层激活保持零均值、单位方差，网络自归一化。",
    summary_en="ELU scaled by fixed constants λ and α so that, with LeCun-normal initialisation, activations keep zero mean and unit variance: the network is self-normalizing.",
    about_zh=("SELU 是用两个固定常数 λ、α 缩放的 ELU。Klambauer 等（2017）选出这两个常数，"
              "使得在 LeCun 正态初始化下，各层激活值的均值和方差逐层趋向不动点 (0, 1)：网络自归一化，"
              "很深的全连接网络不用批归一化也能训练。这一性质依赖初始化和网络结构（全连接层，"
              "以及与之配套的 alpha dropout），换成卷积或残差结构时未必成立。"),
    about_en=("SELU is ELU scaled by two fixed constants λ and α. Klambauer et al. (2017) chose them so that, "
              "with LeCun-normal initialisation, the mean and variance of the activations move towards the fixed "
              "point (0, 1) layer after layer: the network is self-normalizing, and deep fully connected "
              "networks train without batch normalisation. The property rests on the initialisation and the "
              "architecture (fully connected layers, with alpha dropout as the matching dropout) and need not "
              "hold in convolutional or residual networks."),
    value=in_blocks(lambda x: SELU_SCALE * np.maximum(x, 0) + _SCALE_ALPHA * np.expm1(np.minimum(x, 0))),
    # PyTorch convention: f′(0) = scale·alpha (the x ≤ 0 branch).
    derivative=in_blocks(lambda x: pick(x > 0, x.dtype.type(SELU_SCALE), _SCALE_ALPHA * np.exp(np.minimum(x, 0)))),
    js=JS(f=f"return {SELU_SCALE!r} * Math.max(x, 0) + {_SCALE_ALPHA!r} * Math.expm1(Math.min(x, 0));",
          df=f"return x > 0 ? {SELU_SCALE!r} : {_SCALE_ALPHA!r} * Math.exp(Math.min(x, 0));"),
    latex=r"\operatorname{SELU}(x) = \lambda \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases},"
          r"\quad \lambda \approx 1.0507,\ \alpha \approx 1.6733",
    grad_latex=r"\operatorname{SELU}'(x) = \begin{cases} \lambda & x > 0 \\ \lambda \alpha\, e^{x} & x \le 0 \end{cases}",
    properties=Properties(range=(-_SCALE_ALPHA, INF), monotonic=True, continuity=0, zero_centred=False,
                          saturating_left=True, saturating_right=False, identity_near_zero=False,
                          kinks=(0.0,)),
    frameworks={"pytorch": "torch.nn.SELU()", "keras": "keras.activations.selu",
                "tensorflow": "tf.nn.selu", "jax": "jax.nn.selu"},
    differences=(Differs(("pytorch", "keras", "tensorflow", "jax"), -0.0, -0.0),
                 Differs(("keras", "tensorflow"), 0.0, SELU_SCALE, grad=True),
                 Differs(("keras", "tensorflow"), -0.0, SELU_SCALE, grad=True)),
)
