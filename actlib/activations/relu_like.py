"""ReLU-like activations: piecewise linear, the identity (or a shifted copy of it) on the right."""

import numpy as np

from ..core import INF, JS, NONNEGATIVE, Activation, Option, Param, Properties, check_cap, check_generator
from ..frameworks import Differs
from ..numerics import finite_where_zero, in_blocks, keep_nan as _keep_nan, pick, select


def _leaky(x: np.ndarray, alpha) -> np.ndarray:
    """x for x > 0, alpha·x otherwise; with alpha = 0 that side is 0 up to x = −∞ (0·max, never 0·∞).
    A scalar alpha ≤ 1 gives max(x, alpha·x), one > 1 min(x, alpha·x): no mask needed."""
    if np.ndim(alpha) == 0:
        side = np.multiply(finite_where_zero(x, alpha), alpha, out=np.empty_like(x))
        return (np.maximum if alpha <= 1 else np.minimum)(x, side, out=side)
    return pick(x > 0, x, alpha * finite_where_zero(x, alpha))


def _leaky_grad(x: np.ndarray, alpha) -> np.ndarray:
    """1 for x > 0, alpha for x ≤ 0 (the PyTorch convention at 0), NaN kept."""
    return _keep_nan(x, select(x > 0, 1, alpha, x.dtype) if np.ndim(alpha) == 0 else np.where(x > 0, 1, alpha))


def _midpoint(lower, upper):
    """(lower + upper)/2 for lower, upper ≥ 0, halving each first where their sum would overflow."""
    if np.ndim(lower) == 0 and np.ndim(upper) == 0:
        total = lower + upper
        return total / 2 if total < np.inf else lower / 2 + upper / 2
    total = np.add(lower, upper)
    return np.where(np.isinf(total), np.multiply(lower, 0.5) + np.multiply(upper, 0.5), total / 2)


def _rrelu_slope(x: np.ndarray, lower, upper, training: bool, rng) -> float | np.ndarray:
    """The negative-side slope: the mean (lower + upper)/2, or in training one U(lower, upper) draw per element."""
    if not training:
        return _midpoint(lower, upper)
    return rng.uniform(lower, upper, x.shape).astype(x.dtype)


def _rrelu(x: np.ndarray, lower, upper, training: bool, rng) -> np.ndarray:
    """The leaky ReLU with the slope of _rrelu_slope. A mean slope below the smallest normal (lower + upper < 2·tiny)
    would keep few of its digits: there the negative side is x·(lower + upper)/2, which cannot overflow."""
    y = _leaky(x, _rrelu_slope(x, lower, upper, training, rng))
    if training:
        return y
    total = np.add(lower, upper) if np.ndim(lower) or np.ndim(upper) else lower + upper
    small = (total > 0) & (total < 2 * float(np.finfo(x.dtype).tiny))
    return np.where(small & ~(x > 0), x * total / 2, y) if np.any(small) else y


def _relu(x: np.ndarray) -> np.ndarray:
    """max(x, 0) as np.clip(x, 0, ∞) + 0 (np.clip's fast path; + 0 turns its −0 into the +0 of max(−0, 0))."""
    y = np.clip(x, 0, np.inf, out=np.empty_like(x))
    y += 0.0
    return y


def _thresholded(x: np.ndarray, threshold) -> np.ndarray:
    """max(x, 0)·[x > threshold], in one buffer."""
    y = _relu(x)
    y *= x > threshold
    return y


def _hard_shrink(x: np.ndarray, threshold) -> np.ndarray:
    """x·[|x| > threshold], in one buffer."""
    y = np.abs(x, out=np.empty_like(x))
    return np.multiply(x, y > threshold, out=y)


def _soft_shrink(x: np.ndarray, threshold) -> np.ndarray:
    """x − clip(x, −threshold, threshold), + 0 so that the dead zone gives +0, in one buffer."""
    y = np.clip(x, -threshold, threshold, out=np.empty_like(x))
    np.subtract(x, y, out=y)
    y += 0.0
    return y


def _rrelu_constraint(lower, upper, training: bool, rng) -> None:
    """lower ≤ upper (elementwise for arrays), and a Generator to draw the slopes with in training mode."""
    if np.any(np.greater(lower, upper)):
        raise ValueError(f"rrelu: lower ({lower!r:.40}) must not exceed upper ({upper!r:.40})")
    if training and rng is None:
        raise ValueError("rrelu: training=True draws random slopes and needs rng=np.random.default_rng(seed)")


identity = Activation(
    name="identity",
    name_zh="恒等函数（线性激活）",
    name_en="Identity (linear)",
    summary_zh="原样输出输入，相当于不加激活函数；只用它堆叠的多层网络仍只是一个线性映射。",
    summary_en="Returns the input unchanged, i.e. no activation at all; layers stacked with it collapse into one linear map.",
    about_zh=("恒等函数 f(x) = x 相当于不加激活函数：只用它的多层网络无论多深，都只是一个线性映射。"
              "它的正当位置是输出层：回归网络直接输出实数预测值，分类网络输出 logit，"
              "再由损失函数里的 softmax 或 sigmoid 处理；残差连接中的“捷径”也是恒等函数。"),
    about_en=("The identity function, f(x) = x, amounts to no activation at all: a network that uses only it is "
              "a single linear map, however deep. Its proper place is the output layer: a regression network "
              "outputs its real-valued predictions directly, and a classifier outputs logits that the loss then "
              "passes through a softmax or a sigmoid; the shortcut of a residual connection is the identity "
              "function too."),
    # A copy, so the result never aliases the caller's array.
    value=lambda x: x.copy(),
    derivative=lambda x: _keep_nan(x, 1),
    js=JS(f="return x;", df="return keepNaN(x, 1);"),
    latex=r"f(x) = x",
    grad_latex=r"f'(x) = 1",
    properties=Properties(range=(-INF, INF), monotonic=True, continuity=INF, zero_centred=True,
                          saturating_left=False, saturating_right=False, identity_near_zero=True),
    frameworks={"pytorch": "torch.nn.Identity()", "keras": "keras.activations.linear",
                "tensorflow": "tf.identity", "jax": "jax.nn.identity"},
)

relu = Activation(
    name="relu",
    name_zh="ReLU（修正线性单元）",
    name_en="Rectified linear unit (ReLU)",
    summary_zh="负输入输出 0，正输入原样输出：计算便宜、正半轴不饱和、带来稀疏激活，但可能出现神经元死亡。",
    summary_en="Zero for negative inputs, the input itself otherwise: cheap, non-saturating for x > 0 and sparse, but units can die (dying ReLU).",
    about_zh=("ReLU max(0, x) 把负输入置 0、正输入原样通过：计算便宜，正半轴不饱和，每个负输入都精确地输出 0，"
              "形成稀疏激活。Nair 与 Hinton（2010）在受限玻尔兹曼机中使用它，"
              "Glorot 等（2011）说明它适合训练深层网络；AlexNet（Krizhevsky 等，2012）之后，"
              "它成为卷积网络隐藏层的默认选择，VGG、ResNet 和最初的 Transformer（Vaswani 等，"
              "2017）的前馈层都用它。它的弱点是输出不是零中心的、没有上界，负半轴梯度为 0，可能造成神经元死亡。"),
    about_en=("ReLU, max(0, x), zeroes negative inputs and passes positive ones unchanged: it is cheap, does not "
              "saturate for x > 0, and every negative input gives an exact 0, a sparse activation. Nair and "
              "Hinton (2010) used it in restricted Boltzmann machines and Glorot et al. (2011) showed that it "
              "trains deep networks well; after AlexNet (Krizhevsky et al., 2012) it became the default in the "
              "hidden layers of convolutional networks, and VGG, ResNet and the feed-forward layers of the "
              "original Transformer (Vaswani et al., 2017) all use it. Its weak points are outputs that are "
              "neither zero-centred nor bounded, and a zero gradient for x < 0, which can leave dead neurons "
              "(dying ReLU)."),
    value=_relu,
    # PyTorch convention: f′(0) = 0.
    derivative=lambda x: _keep_nan(x, x > 0),
    js=JS(f="return Math.max(x, 0);", df="return keepNaN(x, x > 0 ? 1 : 0);"),
    latex=r"\operatorname{ReLU}(x) = \max(0,\, x)",
    grad_latex=r"\operatorname{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}",
    properties=Properties(range=(0, INF), monotonic=True, continuity=0, zero_centred=False,
                          saturating_left=True, saturating_right=False, identity_near_zero=False,
                          sparse=True, kinks=(0.0,)),
    frameworks={"pytorch": "torch.nn.ReLU()", "keras": "keras.activations.relu",
                "tensorflow": "tf.nn.relu", "jax": "jax.nn.relu"},
    differences=(Differs("pytorch", -0.0, -0.0),),
)

relu6 = Activation(
    name="relu6",
    name_zh="ReLU6",
    name_en="ReLU6",
    summary_zh="输出上限截在 6 的 ReLU；有界的输出适合 8 位定点等低精度推理，MobileNet 中常用。",
    summary_en="ReLU capped at 6; the bounded output suits low-precision (e.g. 8-bit fixed-point) inference, as in MobileNet.",
    about_zh=("ReLU6 把 ReLU 的输出截在 6，激活值落在已知区间 [0, 6] 内，"
              "8 位定点数之类的低精度推理因此可以事先定好量化刻度。MobileNet 系列移动端网络（如 MobileNetV2，"
              "Sandler 等，2018）在隐藏层中使用它，hard sigmoid 和 hard swish 也由它构造。"
              "代价是 x > 6 时导数为 0，右侧也饱和了。"),
    about_en=("ReLU6 caps ReLU's output at 6, so activations stay in the known interval [0, 6] and low-precision "
              "inference (8-bit fixed point, say) can fix its quantisation scale in advance. The MobileNet "
              "family of mobile networks (e.g. MobileNetV2, Sandler et al., 2018) uses it in hidden layers, and "
              "the hard sigmoid and hard swish are built from it. The price is a zero slope for x > 6: it "
              "saturates on the right as well."),
    value=lambda x: np.clip(x, 0, 6),
    # PyTorch convention (hardtanh backward): slope 0 at both kinks, x = 0 and x = 6.
    derivative=lambda x: _keep_nan(x, (x > 0) & (x < 6)),
    js=JS(f="return clip(x, 0, 6);", df="return keepNaN(x, x > 0 && x < 6 ? 1 : 0);"),
    latex=r"\operatorname{ReLU6}(x) = \min\!\bigl(\max(0,\, x),\, 6\bigr)",
    grad_latex=r"\operatorname{ReLU6}'(x) = \begin{cases} 1 & 0 < x < 6 \\ 0 & \text{otherwise} \end{cases}",
    properties=Properties(range=(0, 6), monotonic=True, continuity=0, zero_centred=False,
                          saturating_left=True, saturating_right=True, identity_near_zero=False,
                          sparse=True, kinks=(0.0, 6.0)),
    frameworks={"pytorch": "torch.nn.ReLU6()", "keras": "keras.activations.relu6",
                "tensorflow": "tf.nn.relu6", "jax": "jax.nn.relu6"},
    differences=(Differs("jax", -0.0, 0.0),),
)

leaky_relu = Activation(
    name="leaky_relu",
    name_zh="Leaky ReLU（带泄漏的 ReLU）",
    name_en="Leaky ReLU",
    summary_zh="负半轴保留一个小斜率 α，梯度不会完全为 0，从而缓解神经元死亡。",
    summary_en="Keeps a small slope α for negative inputs, so the gradient never vanishes entirely and units are less likely to die.",
    about_zh=("Leaky ReLU 在负半轴保留一个小斜率 α，负输入的梯度不再为 0，从而缓解神经元死亡；"
              "代价是失去了精确的稀疏激活，α 也成了一个要选择的超参数。"
              "Maas 等（2013）在语音识别的声学模型中提出它。各框架的默认斜率并不相同（见下面的框架表），"
              "迁移模型时要把 α 显式写出。"),
    about_en=("The leaky ReLU keeps a small slope α for negative inputs, so their gradient is no longer 0 and "
              "fewer neurons die; the price is that exact sparse activation is lost and α becomes a "
              "hyperparameter to choose. Maas et al. (2013) introduced it in acoustic models for speech "
              "recognition. The frameworks' default slopes differ (see the framework table below), so write α "
              "out when porting a model."),
    params={"alpha": Param(0.01, -2.0, 2.0, 0.01, "x ≤ 0 一侧的斜率（α < 0 时不再单调，α = −1 即 |x|）",
                           "the slope for x ≤ 0 (α < 0: no longer monotonic; α = −1 gives |x|)")},
    value=_leaky,
    # PyTorch convention: f′(0) = alpha.
    derivative=_leaky_grad,
    js=JS(f="return leaky(x, alpha);", df="return keepNaN(x, x > 0 ? 1 : alpha);"),
    latex=r"\operatorname{LeakyReLU}(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}",
    grad_latex=r"\operatorname{LeakyReLU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}",
    properties=Properties(range=(-INF, INF), monotonic=True, continuity=0, zero_centred=False,
                          saturating_left=False, saturating_right=False, identity_near_zero=False,
                          kinks=(0.0,)),
    frameworks={"pytorch": "torch.nn.LeakyReLU(negative_slope=0.01)",
                "keras": ("keras.layers.LeakyReLU(negative_slope=0.3)", "keras.activations.leaky_relu(x, negative_slope=0.2)"),
                "tensorflow": "tf.nn.leaky_relu(features, alpha=0.2)",
                "jax": "jax.nn.leaky_relu(x, negative_slope=0.01)"},
    differences=(Differs("jax", 0.0, 1.0, grad=True), Differs("jax", -0.0, 1.0, grad=True)),
)

prelu = Activation(
    name="prelu",
    name_zh="PReLU（参数化 ReLU）",
    name_en="Parametric ReLU (PReLU)",
    summary_zh="公式与 Leaky ReLU 相同，但负半轴斜率 α 是可学习参数，可以每个通道各学一个。",
    summary_en="The leaky ReLU formula with the negative slope α as a learnable parameter, possibly one per channel.",
    about_zh=("PReLU 的公式与 Leaky ReLU 相同，但负半轴斜率 α 是可学习参数，和权重一起由梯度下降训练，"
              "可以整层共用一个，也可以每个通道一个。He 等（2015）提出它，"
              "并用它和 He 初始化训练出在 ImageNet 分类上超过人类水平的网络。"
              "α 的初始值因框架而异（见下面的框架表）。"),
    about_en=("PReLU has the leaky ReLU's formula, but its negative slope α is a learnable parameter, trained by "
              "gradient descent along with the weights: one shared by a whole layer, or one per channel. He et "
              "al. (2015) introduced it and, together with He initialisation, trained networks that surpassed "
              "human-level accuracy on ImageNet classification. The initial value of α depends on the framework "
              "(see the framework table below)."),
    params={"alpha": Param(0.25, -2.0, 2.0, 0.01, "x ≤ 0 一侧的斜率（可学习；传入数组则每个通道一个，按广播规则对齐 x）",
                           "the slope for x ≤ 0 (learned; an array gives one per channel, broadcast against x)")},
    # The leaky ReLU formula, f′(0) = alpha included; only the role of alpha differs.
    value=leaky_relu.value,
    derivative=leaky_relu.derivative,
    js=leaky_relu.js,
    latex=r"\operatorname{PReLU}(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}",
    grad_latex=r"\operatorname{PReLU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}",
    properties=Properties(range=(-INF, INF), monotonic=True, continuity=0, zero_centred=False,
                          saturating_left=False, saturating_right=False, identity_near_zero=False,
                          kinks=(0.0,)),
    frameworks={"pytorch": "torch.nn.PReLU(num_parameters=1, init=0.25)",
                "keras": "keras.layers.PReLU(alpha_initializer='Zeros', shared_axes=None)",
                "tensorflow": "none", "jax": "none"},
    differences=(Differs("keras", -INF, np.nan),),
)

rrelu = Activation(
    name="rrelu",
    name_zh="RReLU（随机化 Leaky ReLU）",
    name_en="Randomized leaky ReLU (RReLU)",
    summary_zh="训练时负半轴斜率从 U(lower, upper) 中随机抽取，起正则化作用；推理时固定为均值 (lower + upper)/2。",
    summary_en="In training the negative slope is drawn at random from U(lower, upper), which regularises; at inference it is the mean (lower + upper)/2.",
    about_zh=("RReLU（随机化 Leaky ReLU）在训练时为每个元素从均匀分布 U(l, u) 中随机抽取负半轴的斜率，"
              "推理时改用固定的均值 (l + u)/2；这种随机性起正则化作用，类似于给激活值加噪声。"
              "Xu 等（2015）在比较各种修正单元时提出它，并发现它在小数据集上能减轻过拟合。只有 PyTorch 内置它，"
              "使用时要分清训练模式和推理模式。"),
    about_en=("RReLU (randomized leaky ReLU) draws the negative slope of each element from the uniform "
              "distribution U(l, u) in training and uses the fixed mean (l + u)/2 at inference; the randomness "
              "regularises, much like noise added to the activations. Xu et al. (2015) introduced it in their "
              "comparison of rectified units and found that it reduces overfitting on small data sets. Only "
              "PyTorch has it built in; keep training and inference modes apart when using it."),
    params={"lower": Param(1 / 8, 0.0, 0.5, 0.01, "随机斜率的下界", "the lower bound of the random slope", NONNEGATIVE),
            "upper": Param(1 / 3, 0.0, 1.0, 0.01, "随机斜率的上界", "the upper bound of the random slope", NONNEGATIVE)},
    options={"training": Option(False, (False, True), "训练模式：每个元素各抽一个斜率",
                                "training mode: one random slope per element"),
             "rng": Option(None, None, "训练模式下抽取斜率用的 numpy 随机数生成器（Generator）",
                           "the numpy Generator that draws the slopes in training mode", check_generator)},
    constraint=_rrelu_constraint,
    value=_rrelu,
    # PyTorch convention: f′(0) = the negative slope (the x ≤ 0 branch). The same rng state draws the
    # same slopes as the value.
    derivative=lambda x, **p: _leaky_grad(x, _rrelu_slope(x, **p)),
    # The browser form is the eval form: the mean slope, as _rrelu with training=False.
    js=JS(f="""
const total = lower + upper;
if (total > 0 && total < 2 * TINY && !(x > 0)) return x * total / 2;
return leaky(x, midpoint(lower, upper));""",
          df="return keepNaN(x, x > 0 ? 1 : midpoint(lower, upper));"),
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
    about_zh=("阈值 ReLU 只让大于阈值 θ 的输入原样通过，其余输出 0；θ > 0 时它在 x = θ 处跳变，函数不再连续。"
              "Konda 等（2015）在零偏置自编码器中提出这种阈值单元，用一个固定的阈值代替学出来的负偏置。"
              "Keras 2 把它作为 ThresholdedReLU 层提供，Keras 3 去掉了这个层，改用函数 keras.activations.threshold "
              "或 keras.activations.relu(x, threshold=θ)；"
              "PyTorch 的 Threshold(threshold, value) 在阈值以下返回 value，不一定是 0。"),
    about_en=("The thresholded ReLU passes inputs above the threshold θ unchanged and outputs 0 otherwise; for θ "
              "> 0 it jumps at x = θ and is no longer continuous. Konda et al. (2015) introduced such threshold "
              "units in zero-bias autoencoders, where a fixed threshold takes the place of a learned negative "
              "bias. Keras 2 offered it as the ThresholdedReLU layer; Keras 3 removed the layer and offers the "
              "functions keras.activations.threshold and keras.activations.relu(x, threshold=θ) instead; PyTorch's "
              "Threshold(threshold, value) returns value, not necessarily 0, below the threshold."),
    params={"threshold": Param(1.0, 0.0, 3.0, 0.05, "阈值 θ：输入必须大于它才能通过", "the threshold θ the input must exceed to pass",
                               NONNEGATIVE)},
    # max(x, 0)·[x > θ] with θ ≥ 0: −∞ gives 0·0, NaN stays NaN.
    value=_thresholded,
    # PyTorch convention (Threshold backward): slope 0 at x = threshold.
    derivative=lambda x, threshold: _keep_nan(x, x > threshold),
    js=JS(f="return Math.max(x, 0) * (x > threshold ? 1 : 0);", df="return keepNaN(x, x > threshold ? 1 : 0);"),
    latex=r"f(x) = \begin{cases} x & x > \theta \\ 0 & x \le \theta \end{cases}",
    grad_latex=r"f'(x) = \begin{cases} 1 & x > \theta \\ 0 & x \le \theta \end{cases}",
    properties=Properties(range=(0, INF), monotonic=True, continuity=-1, zero_centred=False,
                          saturating_left=True, saturating_right=False, identity_near_zero=False,
                          sparse=True, kinks=(1.0,)),
    frameworks={"pytorch": "torch.nn.Threshold(threshold=threshold, value=0.0)",
                "keras": ("keras.activations.threshold(x, threshold=threshold, default_value=0.0)",
                          "keras.activations.relu(x, threshold=threshold)"),
                "tensorflow": "none", "jax": "none"},
    differences=(Differs("keras", np.nan, 0.0),),
)



hard_shrink = Activation(
    name="hard_shrink",
    name_zh="硬收缩（Hard Shrink）",
    name_en="Hard shrink",
    summary_zh="绝对值不超过 λ 的输入置 0，其余原样保留：稀疏编码与去噪中的硬阈值操作。",
    summary_en="Zeroes inputs with |x| ≤ λ and keeps the rest unchanged: the hard-thresholding step of sparse coding and denoising.",
    about_zh=("硬收缩把绝对值不超过 λ 的输入置 0，其余原样保留，也就是统计与信号处理中的“硬阈值”。"
              "它回答这样一个问题：除了平方误差，每保留一个非零值还要付出固定的代价 λ²/2，"
              "那么最好的 x 是什么？答案就是硬收缩：它是 L0 惩罚的近端算子，"
              "hardshrink(v) = argmin_x ½(x − v)² + (λ²/2)·[x ≠ 0]，下表用网格搜索直接求出这个 argmin 来核对。"
              "与软收缩相比，它不改动保留下来的值，但在 ±λ 处跳变，函数不连续，跳变点以外的导数不是 0 就是 1。"
              "Donoho 与 Johnstone（1994）的小波去噪把硬阈值和软阈值放在一起研究；在网络中，"
              "需要让小输入精确地变成 0 时（例如稀疏编码）会用到它。"),
    about_en=("Hard shrink zeroes inputs with |x| ≤ λ and keeps the rest unchanged: the hard thresholding of "
              "statistics and signal processing. It answers a question: if, on top of the squared error, every "
              "nonzero value kept costs a fixed λ²/2, what is the best x? Hard shrink is the answer: it is the "
              "proximal operator of the L0 penalty, hardshrink(v) = argmin_x ½(x − v)² + (λ²/2)·[x ≠ 0], which "
              "the table below checks by finding that argmin with a grid search. Unlike soft shrink it leaves "
              "the values it keeps untouched, but it jumps at ±λ, so it is discontinuous, with a slope of 0 or 1 "
              "away from the jumps. The wavelet denoising of Donoho and Johnstone (1994) studies hard and soft "
              "thresholding side by side; networks use it where small inputs must become exact zeros, as in "
              "sparse coding."),
    params={"threshold": Param(0.5, 0.0, 3.0, 0.05, "置零区间 [−λ, λ] 的半宽 λ", "the half-width λ of the zeroed band [−λ, λ]",
                               NONNEGATIVE)},
    # x·[|x| > λ]: ±∞ pass (the test is True), NaN stays NaN.
    value=_hard_shrink,
    # PyTorch convention: slope 0 at x = ±threshold.
    derivative=lambda x, threshold: _keep_nan(x, np.abs(x) > threshold),
    js=JS(f="return x * (Math.abs(x) > threshold ? 1 : 0);", df="return keepNaN(x, Math.abs(x) > threshold ? 1 : 0);"),
    latex=r"\operatorname{hardshrink}(x) = \begin{cases} x & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
    grad_latex=r"\operatorname{hardshrink}'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
    properties=Properties(range=(-INF, INF), monotonic=True, continuity=-1, zero_centred=True,
                          saturating_left=False, saturating_right=False, identity_near_zero=False,
                          kinks=(-0.5, 0.5)),
    frameworks={"pytorch": "torch.nn.Hardshrink(lambd=0.5)", "keras": "keras.activations.hard_shrink(x, threshold=0.5)",
                "tensorflow": "none", "jax": "none"},
    differences=(Differs(("pytorch", "keras"), -0.0, 0.0), Differs("keras", np.nan, 0.0)),
)

soft_shrink = Activation(
    name="soft_shrink",
    name_zh="软收缩（Soft Shrink）",
    name_en="Soft shrink",
    summary_zh="把输入向 0 收缩 λ，[−λ, λ] 内的输入置 0；它是 L1 正则（如 LASSO）的近端算子。",
    summary_en="Shrinks the input towards 0 by λ and zeroes [−λ, λ]: the proximal operator of the L1 penalty (as in LASSO).",
    about_zh=("软收缩把输入向 0 拉近 λ：|x| > λ 时输出 x − λ·sign(x)，[−λ, λ] 内输出 0。它是 L1 范数的近端算子，"
              "softshrink(v) = argmin_x ½(x − v)² + λ|x|，即“既要接近 v、又要绝对值小”的最优折中，"
              "下表用网格搜索求出这个 argmin 来核对。正因如此，它是求解 LASSO（Tibshirani，"
              "1996）一类问题的迭代软阈值算法 ISTA（Daubechies 等，2004）的核心一步；"
              "Gregor 与 LeCun（2010）把 ISTA 展开成网络（LISTA），软收缩就是它的激活函数；"
              "小波去噪中的软阈值（Donoho 与 Johnstone，1994）也是它。与硬收缩不同，它是连续的，"
              "只在 ±λ 处有折点，但保留下来的值都被缩小了 λ。"),
    about_en=("Soft shrink pulls its input towards 0 by λ: x − λ·sign(x) for |x| > λ, and 0 on [−λ, λ]. It is "
              "the proximal operator of the L1 norm, softshrink(v) = argmin_x ½(x − v)² + λ|x|: the best "
              "compromise between staying close to v and having a small absolute value, which the table below "
              "checks by finding that argmin with a grid search. That makes it the core step of ISTA, the "
              "iterative soft-thresholding algorithm (Daubechies et al., 2004) for LASSO-type problems "
              "(Tibshirani, 1996); Gregor and LeCun (2010) unrolled ISTA into a network (LISTA) whose activation "
              "function is soft shrink, and the soft thresholding of wavelet denoising (Donoho & Johnstone, "
              "1994) is the same function. Unlike hard shrink it is continuous, with kinks at ±λ only, but every "
              "value it keeps is shrunk by λ."),
    params={"threshold": Param(0.5, 0.0, 3.0, 0.05, "收缩量 λ，也是置零区间的半宽", "the shrinkage λ, also the half-width of the zeroed band",
                               NONNEGATIVE)},
    # x − clip(x, −λ, λ): exactly 0 inside the band (+0, also at x = −0), one rounding of x ∓ λ outside.
    value=_soft_shrink,
    # The same slope as hard shrink, 0 at x = ±threshold (PyTorch convention).
    derivative=hard_shrink.derivative,
    js=JS(f="return x - clip(x, -threshold, threshold) + 0;", df=hard_shrink.js.df),
    latex=r"\operatorname{softshrink}(x) = \begin{cases} x - \lambda & x > \lambda \\ x + \lambda & x < -\lambda \\ "
          r"0 & |x| \le \lambda \end{cases}",
    grad_latex=r"\operatorname{softshrink}'(x) = \begin{cases} 1 & |x| > \lambda \\ 0 & |x| \le \lambda \end{cases}",
    properties=Properties(range=(-INF, INF), monotonic=True, continuity=0, zero_centred=True,
                          saturating_left=False, saturating_right=False, identity_near_zero=False,
                          kinks=(-0.5, 0.5)),
    frameworks={"pytorch": "torch.nn.Softshrink(lambd=0.5)", "keras": "keras.activations.soft_shrink(x, threshold=0.5)",
                "tensorflow": "none", "jax": "none"},
    differences=(Differs("keras", np.nan, 0.0),),
)


def _cap(max_value: float | None) -> float:
    """The cap m of general_relu (checked by check_cap): ∞ for None."""
    return np.inf if max_value is None else max_value


def _slope_times_gap(alpha, t: np.ndarray, threshold) -> np.ndarray:
    """α(t − θ), +0 rather than −0. A θ this close to the largest float could make t − θ overflow for a finite
    t ≥ −max, so for such a θ it is 2·α(t/2 − θ/2): the same roundings (halving is exact at that size) without the
    overflow."""
    info = np.finfo(t.dtype)
    far = np.greater_equal(threshold, info.max * info.eps / 8)
    if not np.any(far):
        return alpha * (t - threshold) + 0.0
    halved = 2 * (alpha * (t / 2 - threshold / 2)) + 0.0
    return halved if np.all(far) else np.where(far, halved, alpha * (t - threshold) + 0.0)


def _general_relu(x: np.ndarray, alpha: float, threshold: float, max_value) -> np.ndarray:
    """min(x, m) for x > θ, α(x − θ) for x ≤ θ; where alpha = 0 that side is 0 up to x = −∞ (0·max, never
    0·∞)."""
    below = _slope_times_gap(alpha, finite_where_zero(x, alpha), threshold)
    return pick(x > threshold, np.minimum(x, _cap(max_value)), below)


def _general_relu_grad(x: np.ndarray, alpha: float, threshold: float, max_value) -> np.ndarray:
    """1 on θ < x < m, 0 on x ≥ m (x > θ), α on x ≤ θ: PyTorch's conventions, slope α at θ as leaky ReLU's
    at 0 and slope 0 at the cap as Hardtanh's. (Keras, TensorFlow backend: 0 at θ ≠ 0 and 1 at m.)"""
    cap = _cap(max_value)
    inside = 1 if cap == np.inf else select(x < cap, 1, 0, x.dtype)   # no cap: slope 1 up to x = +∞
    return _keep_nan(x, np.where(x > threshold, inside, alpha))


general_relu = Activation(
    name="general_relu",
    name_zh="广义 ReLU（Keras 的 relu）",
    name_en="Generalised ReLU (Keras relu)",
    summary_zh="阈值 θ 以上输出 min(x, m)，以下输出 α(x − θ)：一个函数包含 ReLU、Leaky ReLU、阈值 ReLU 和带上限的 ReLU（如 ReLU6）。",
    summary_en="min(x, m) above the threshold θ and α(x − θ) below it: one function that holds ReLU, leaky ReLU, the thresholded ReLU and capped ReLUs such as ReLU6.",
    about_zh=("这是 Keras 的 keras.activations.relu(x, negative_slope, max_value, threshold) 的完整形式，三个参数默认都关闭，"
              "此时它就是 ReLU。负半轴斜率 α 得到 Leaky ReLU，阈值 θ 得到阈值 ReLU，上限 m 得到带上限的 ReLU："
              "m = 6 即 ReLU6，Hannun 等（2014）的语音识别模型 Deep Speech 用的是 m = 20。"
              "PyTorch 没有对应的单个函数；α = 0、θ = 0 时它是 torch.nn.Hardtanh(min_val=0, max_val=m)，"
              "与本书的 hard_tanh 是同一种截断，只是区间换成了 [0, m]。"),
    about_en=("This is the full form of Keras's keras.activations.relu(x, negative_slope, max_value, threshold); all "
              "three are off by default, and then it is ReLU. A negative slope α gives leaky ReLU, a threshold θ the "
              "thresholded ReLU, and a cap m a capped ReLU: m = 6 is ReLU6, and the Deep Speech recognition model of "
              "Hannun et al. (2014) used m = 20. PyTorch has no single function for it; with α = 0 and θ = 0 it is "
              "torch.nn.Hardtanh(min_val=0, max_val=m), the clipping of the book's hard_tanh with the interval [0, m]."),
    params={"alpha": Param(0.0, 0.0, 1.0, 0.01, "x ≤ θ 一侧的斜率 α（Keras 的 negative_slope）",
                           "the slope α for x ≤ θ (Keras's negative_slope)", NONNEGATIVE),
            "threshold": Param(0.0, 0.0, 3.0, 0.05, "阈值 θ：x ≤ θ 时输出 α(x − θ)，x > θ 时输出 min(x, m)",
                               "the threshold θ: α(x − θ) for x ≤ θ, min(x, m) above it", NONNEGATIVE)},
    options={"max_value": Option(None, None, "输出上限 m（不小于 0 的数；None 表示不设上限）",
                                 "the cap m on the output (a number ≥ 0; None: no cap)", check_cap)},
    value=_general_relu,
    derivative=_general_relu_grad,
    # As _general_relu (with _slope_times_gap) and _general_relu_grad.
    js=JS(f="""
const t = finiteWhereZero(x, alpha);
const below = threshold >= MAX * EPS / 8 ? 2 * (alpha * (t / 2 - threshold / 2)) + 0 : alpha * (t - threshold) + 0;
return x > threshold ? Math.min(x, capOf(max_value)) : below;""",
          df="""
const inside = capOf(max_value) === Infinity || x < max_value ? 1 : 0;
return keepNaN(x, x > threshold ? inside : alpha);""",
          options=("max_value",)),
    latex=(r"f(x) = \begin{cases} \min(x,\, m) & x > \theta \\ \alpha\,(x - \theta) & x \le \theta \end{cases},"
           r"\quad m = \infty \text{ without a cap}"),
    grad_latex=(r"f'(x) = \begin{cases} 1 & \theta < x < m \\ 0 & x > \theta,\ x \ge m \\ \alpha & x \le \theta "
                r"\end{cases}"),
    # At the defaults (α = 0, θ = 0, no cap) this is ReLU.
    properties=Properties(range=(0, INF), monotonic=True, continuity=0, zero_centred=False,
                          saturating_left=True, saturating_right=False, identity_near_zero=False,
                          sparse=True, kinks=(0.0,)),
    frameworks={"pytorch": "none",
                "keras": "keras.activations.relu(x, negative_slope=0.0, max_value=None, threshold=0.0)",
                "tensorflow": "none", "jax": "none"},
)
