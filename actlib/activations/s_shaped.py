"""Step and S-shaped activations: bounded (or one-sided), monotonic, saturating."""

import numpy as np

from ..core import INF, Activation, Param, Properties
from ..numerics import finite, in_blocks, keep_nan, logistic, select, sigmoid_grad, softplus

binary_step = Activation(
    name="binary_step",
    name_zh="阶跃函数",
    name_en="Binary step",
    summary_zh="输入不小于阈值时输出 1，否则输出 0；导数处处为 0，无法用梯度训练。",
    summary_en="Outputs 1 when the input reaches the threshold, else 0; its derivative is 0 everywhere, so gradients cannot train it.",
    params={"threshold": Param(0.0, -3.0, 3.0, 0.1, "跳变的位置", "where the step happens")},
    value=lambda x, threshold: keep_nan(x, x >= threshold),
    # The jump has no derivative; like autograd we report 0 there as well.
    derivative=lambda x, threshold: keep_nan(x, 0),
    latex=r"H(x) = \begin{cases} 1 & x \ge \theta \\ 0 & x < \theta \end{cases}",
    grad_latex=r"H'(x) = 0 \quad (x \ne \theta)",
    properties=Properties(range=(0, 1), monotonic=True, continuity=-1, zero_centred=False,
                          saturating_left=True, saturating_right=True, identity_near_zero=False,
                          sparse=True, kinks=(0.0,)),
    frameworks={"pytorch": "torch.heaviside(x - threshold, values=torch.tensor(1.0))", "keras": "none",
                "tensorflow": "none", "jax": "jax.numpy.heaviside(x - threshold, 1.0)"},
)

sigmoid = Activation(
    name="sigmoid",
    name_zh="Sigmoid 函数（逻辑函数）",
    name_en="Sigmoid (logistic)",
    summary_zh="把任意实数压到 (0, 1)，常作概率输出与门控；两端饱和，导数最大只有 0.25。",
    summary_en="Squashes any real number into (0, 1); used for probabilities and gates; saturates at both ends and its slope is at most 0.25.",
    value=logistic,
    derivative=lambda x: sigmoid_grad(x),
    latex=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
    grad_latex=r"\sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)",
    properties=Properties(range=(0, 1), monotonic=True, continuity=INF, zero_centred=False,
                          saturating_left=True, saturating_right=True, identity_near_zero=False),
    frameworks={"pytorch": "torch.nn.Sigmoid()", "keras": "keras.activations.sigmoid",
                "tensorflow": "tf.math.sigmoid", "jax": "jax.nn.sigmoid"},
)

hard_sigmoid = Activation(
    name="hard_sigmoid",
    name_zh="Hard Sigmoid（硬 Sigmoid）",
    name_en="Hard sigmoid",
    summary_zh="Sigmoid 的分段线性近似 ReLU6(x+3)/6，只用加法和截断，适合移动端。",
    summary_en="A piecewise-linear stand-in for the sigmoid, ReLU6(x+3)/6: only an add and a clip, cheap on mobile hardware.",
    value=in_blocks(lambda x: np.clip((x + 3) / 6, 0, 1)),
    # PyTorch convention: slope 0 at the kinks x = ±3.
    derivative=lambda x: keep_nan(x, select(np.abs(x) < 3, 1 / 6, 0, x.dtype)),
    latex=r"\operatorname{hardsigmoid}(x) = \min\!\bigl(\max(0,\, x + 3),\, 6\bigr) / 6",
    grad_latex=r"\operatorname{hardsigmoid}'(x) = \begin{cases} 1/6 & -3 < x < 3 \\ 0 & \text{otherwise} \end{cases}",
    properties=Properties(range=(0, 1), monotonic=True, continuity=0, zero_centred=False,
                          saturating_left=True, saturating_right=True, identity_near_zero=False,
                          sparse=True, kinks=(-3.0, 3.0)),
    frameworks={"pytorch": "torch.nn.Hardsigmoid()", "keras": "keras.activations.hard_sigmoid",
                "tensorflow": "tf.keras.activations.hard_sigmoid  # TF ≥ 2.16 (Keras 3); TF ≤ 2.15 computed clip(0.2x + 0.5, 0, 1)",
                "jax": "jax.nn.hard_sigmoid"},
)

log_sigmoid = Activation(
    name="log_sigmoid",
    name_zh="对数 Sigmoid",
    name_en="Log-sigmoid",
    summary_zh="log σ(x) = −softplus(−x)；直接计算 log(σ(x)) 会在 x 很负时得到 log 0。",
    summary_en="log σ(x) = −softplus(−x); taking log(σ(x)) directly gives log 0 for very negative x.",
    value=in_blocks(lambda x: -softplus(-x)),
    derivative=lambda x: logistic(-x),
    latex=r"\log\sigma(x) = -\log\bigl(1 + e^{-x}\bigr)",
    grad_latex=r"\frac{d}{dx}\log\sigma(x) = \sigma(-x) = 1 - \sigma(x)",
    properties=Properties(range=(-INF, 0), monotonic=True, continuity=INF, zero_centred=False,
                          saturating_left=False, saturating_right=True, identity_near_zero=False),
    frameworks={"pytorch": "torch.nn.LogSigmoid()", "keras": "keras.activations.log_sigmoid",
                "tensorflow": "tf.math.log_sigmoid", "jax": "jax.nn.log_sigmoid"},
)

tanh = Activation(
    name="tanh",
    name_zh="双曲正切",
    name_en="Hyperbolic tangent",
    summary_zh="输出在 (−1, 1) 且以零为中心，tanh(x) = 2σ(2x) − 1；两端饱和，导数最大为 1。",
    summary_en="Zero-centred output in (−1, 1), tanh(x) = 2σ(2x) − 1; saturates at both ends, slope at most 1.",
    value=lambda x: np.tanh(x),
    # 1 − tanh² loses every digit once tanh rounds to ±1; 4σ′(2x) keeps them.
    derivative=in_blocks(lambda x: 4 * sigmoid_grad(2 * x)),
    latex=r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
    grad_latex=r"\tanh'(x) = 1 - \tanh^2(x)",
    properties=Properties(range=(-1, 1), monotonic=True, continuity=INF, zero_centred=True,
                          saturating_left=True, saturating_right=True, identity_near_zero=True),
    frameworks={"pytorch": "torch.nn.Tanh()", "keras": "keras.activations.tanh",
                "tensorflow": "tf.math.tanh", "jax": "jax.numpy.tanh"},
)

hard_tanh = Activation(
    name="hard_tanh",
    name_zh="Hard Tanh（硬双曲正切）",
    name_en="Hard tanh",
    summary_zh="把输入截断到 [−1, 1]：中间是恒等映射，两侧梯度为 0。",
    summary_en="Clips the input to [−1, 1]: the identity in between, zero gradient outside.",
    value=lambda x: np.clip(x, -1, 1),
    # PyTorch convention: slope 0 at the kinks x = ±1.
    derivative=lambda x: keep_nan(x, np.abs(x) < 1),
    latex=r"\operatorname{hardtanh}(x) = \max\!\bigl(-1,\, \min(1,\, x)\bigr)",
    grad_latex=r"\operatorname{hardtanh}'(x) = \begin{cases} 1 & -1 < x < 1 \\ 0 & \text{otherwise} \end{cases}",
    properties=Properties(range=(-1, 1), monotonic=True, continuity=0, zero_centred=True,
                          saturating_left=True, saturating_right=True, identity_near_zero=True,
                          kinks=(-1.0, 1.0)),
    frameworks={"pytorch": "torch.nn.Hardtanh(min_val=-1.0, max_val=1.0)", "keras": "keras.activations.hard_tanh",
                "tensorflow": "none", "jax": "jax.nn.hard_tanh"},
)

softsign = Activation(
    name="softsign",
    name_zh="Softsign",
    name_en="Softsign",
    summary_zh="x/(1+|x|)：形状像 tanh，但以多项式速度而非指数速度趋近 ±1，饱和更慢。",
    summary_en="x/(1+|x|): tanh-shaped, but it approaches ±1 polynomially rather than exponentially, so it saturates more slowly.",
    value=lambda x: (f := finite(x)) / (1 + np.abs(f)),
    derivative=lambda x: 1 / (1 + np.abs(x)) ** 2,
    latex=r"\operatorname{softsign}(x) = \frac{x}{1 + |x|}",
    grad_latex=r"\operatorname{softsign}'(x) = \frac{1}{(1 + |x|)^2}",
    properties=Properties(range=(-1, 1), monotonic=True, continuity=1, zero_centred=True,
                          saturating_left=True, saturating_right=True, identity_near_zero=True,
                          kinks=(0.0,)),
    frameworks={"pytorch": "torch.nn.Softsign()", "keras": "keras.activations.softsign",
                "tensorflow": "tf.nn.softsign", "jax": "jax.nn.soft_sign"},
)

arctan = Activation(
    name="arctan",
    name_zh="反正切",
    name_en="Arctangent",
    summary_zh="arctan(x) 落在 (−π/2, π/2)，零中心，尾部按 1/x² 衰减，比 tanh 饱和得慢。",
    summary_en="arctan(x) lies in (−π/2, π/2), zero-centred, with a slope that decays like 1/x², more slowly than tanh.",
    value=lambda x: np.arctan(x),
    derivative=lambda x: 1 / (1 + np.square(x)),
    latex=r"\arctan(x)",
    grad_latex=r"\arctan'(x) = \frac{1}{1 + x^2}",
    properties=Properties(range=(-np.pi / 2, np.pi / 2), monotonic=True, continuity=INF, zero_centred=True,
                          saturating_left=True, saturating_right=True, identity_near_zero=True),
    frameworks={"pytorch": "torch.atan(x)", "keras": "keras.ops.arctan(x)",
                "tensorflow": "tf.math.atan", "jax": "jax.numpy.arctan"},
)
