"""Step and S-shaped activations: bounded (or one-sided), monotonic, saturating."""

import numpy as np

from ..core import INF, JS, Activation, Param, Properties
from ..frameworks import Differs
from ..numerics import finite, in_blocks, keep_nan, logistic, select, sigmoid_grad, softplus

binary_step = Activation(
    name="binary_step",
    name_zh="阶跃函数",
    name_en="Binary step",
    summary_zh="输入不小于阈值时输出 1，否则输出 0；导数处处为 0，无法用梯度训练。",
    summary_en="Outputs 1 when the input reaches the threshold, else 0; its derivative is 0 everywhere, so gradients cannot train it.",
    about_zh=("阶跃函数（Heaviside 函数）只回答一个问题：输入是否达到阈值 θ？达到就输出 1，否则输出 0。"
              "McCulloch 与 Pitts（1943）的神经元模型和 Rosenblatt（1958）的感知机都用它作输出；"
              "感知机学习规则直接按分类错误更新权重，用不到导数。它的导数在跳变点以外处处为 0，在跳变点处不存在，"
              "所以反向传播从它得不到任何信号。这正是用梯度下降训练的网络改用 sigmoid 的原因："
              "σ(kx) 随 k 增大而逼近阶跃函数，却处处有非零的导数。下表算出 k 越大，σ(kx) 离阶跃函数有多近，"
              "以及它在 0 处的斜率 k/4 随之增大。"),
    about_en=("The binary step (the Heaviside function) answers one question: has the input reached the "
              "threshold θ? If so it outputs 1, otherwise 0. The neuron model of McCulloch and Pitts (1943) and "
              "Rosenblatt's perceptron (1958) use it as their output; the perceptron learning rule updates the "
              "weights from classification errors directly and needs no derivative. The step's derivative is 0 "
              "everywhere except at the jump, where it does not exist, so backpropagation gets no signal through "
              "it. This is why networks trained by gradient descent moved to the sigmoid: σ(kx) approaches the "
              "step as k grows, yet has a nonzero slope everywhere. The table below computes how close σ(kx) "
              "comes for larger k, and how its slope at 0, k/4, grows with it."),
    params={"threshold": Param(0.0, -3.0, 3.0, 0.1, "跳变的位置", "where the step happens")},
    value=lambda x, threshold: keep_nan(x, x >= threshold),
    # The jump has no derivative; like autograd we report 0 there as well.
    derivative=lambda x, threshold: keep_nan(x, 0),
    js=JS(f="return keepNaN(x, x >= threshold ? 1 : 0);", df="return keepNaN(x, 0);"),
    latex=r"H(x) = \begin{cases} 1 & x \ge \theta \\ 0 & x < \theta \end{cases}",
    grad_latex=r"H'(x) = 0 \quad (x \ne \theta)",
    properties=Properties(range=(0, 1), monotonic=True, continuity=-1, zero_centred=False,
                          saturating_left=True, saturating_right=True, identity_near_zero=False,
                          sparse=True, kinks=(0.0,)),
    frameworks={"pytorch": "none", "keras": "none", "tensorflow": "none", "jax": "none"},
)

sigmoid = Activation(
    name="sigmoid",
    name_zh="Sigmoid 函数（Logistic 函数）",
    name_en="Sigmoid (logistic)",
    summary_zh="把任意实数压到 (0, 1)，常作概率输出与门控；两端饱和，导数最大只有 0.25。",
    summary_en="Squashes any real number into (0, 1); used for probabilities and gates; saturates at both ends and its slope is at most 0.25.",
    about_zh=("Sigmoid（Logistic 函数）把任意实数压到 (0, 1)，输出可以读作概率：二分类网络的输出层用它，"
              "配合交叉熵损失时梯度恰为 p − y。LSTM（Hochreiter 与 Schmidhuber，1997）和 GRU（Cho 等，"
              "2014）用它做门控，逐元素决定信息通过多少。它两端饱和、不是零中心的，导数最大也只有 σ′(0)，"
              "远小于 1，深层网络的隐藏层用它会出现梯度消失（Glorot 与 Bengio，2010），"
              "所以隐藏层早已让位给 ReLU 一类函数。"),
    about_en=("The sigmoid (the logistic function) squashes any real number into (0, 1), so its output reads as "
              "a probability: it is the output layer of binary classifiers, where with the cross-entropy loss "
              "the gradient is exactly p − y. LSTM cells (Hochreiter & Schmidhuber, 1997) and GRUs (Cho et al., "
              "2014) use it for their gates, which decide elementwise how much information passes. It saturates "
              "at both ends, is not zero-centred, and its largest slope, σ′(0), is far below 1, so in the hidden "
              "layers of deep networks it causes vanishing gradients (Glorot & Bengio, 2010); hidden layers have "
              "long moved on to the ReLU family."),
    value=logistic,
    derivative=lambda x: sigmoid_grad(x),
    js=JS(f="return logistic(x);", df="return sigmoidGrad(x);"),
    latex=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
    grad_latex=r"\sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)",
    properties=Properties(range=(0, 1), monotonic=True, continuity=INF, zero_centred=False,
                          saturating_left=True, saturating_right=True, identity_near_zero=False),
    frameworks={"pytorch": "torch.nn.Sigmoid()", "keras": "keras.activations.sigmoid",
                "tensorflow": "tf.math.sigmoid", "jax": "jax.nn.sigmoid"},
)


def _hard_sigmoid(x: np.ndarray) -> np.ndarray:
    """clip((x + 3)/6, 0, 1), in one buffer."""
    y = np.add(x, 3, out=np.empty_like(x))
    y /= 6
    return np.clip(y, 0, 1, out=y)


hard_sigmoid = Activation(
    name="hard_sigmoid",
    name_zh="Hard Sigmoid（硬 Sigmoid）",
    name_en="Hard sigmoid",
    summary_zh="Sigmoid 的分段线性近似 ReLU6(x+3)/6，只用加法和截断，适合移动端。",
    summary_en="A piecewise-linear stand-in for the sigmoid, ReLU6(x+3)/6: only an add and a clip, cheap on mobile hardware.",
    about_zh=("Hard Sigmoid 用三段直线代替 sigmoid：中间一段斜率为 1/6，两侧截断为 0 和 1。"
              "它只需一次加法、一次乘法和一次截断，没有指数运算，适合手机等算力有限的设备；"
              "MobileNetV3（Howard 等，2019）在挤压-激励（squeeze-and-excitation）模块中用它代替 sigmoid。"
              "各框架的定义并不一致：旧版 Keras 计算的是 clip(0.2x + 0.5, 0, 1)，移植模型时要核对。"),
    about_en=("The hard sigmoid replaces the sigmoid by three straight pieces: slope 1/6 in the middle, clipped "
              "to 0 and 1 on either side. It takes one add, one multiply and one clip and no exponential, which "
              "suits phones and other devices with little compute; MobileNetV3 (Howard et al., 2019) uses it in "
              "place of the sigmoid in its squeeze-and-excitation modules. The frameworks do not agree on its "
              "definition: older Keras computed clip(0.2x + 0.5, 0, 1), so check it when porting a model."),
    value=_hard_sigmoid,
    # PyTorch convention: slope 0 at the kinks x = ±3.
    derivative=lambda x: keep_nan(x, select(np.abs(x) < 3, 1 / 6, 0, x.dtype)),
    js=JS(f="return clip((x + 3) / 6, 0, 1);", df="return keepNaN(x, Math.abs(x) < 3 ? 1 / 6 : 0);"),
    latex=r"\operatorname{hardsigmoid}(x) = \min\!\bigl(\max(0,\, x + 3),\, 6\bigr) / 6",
    grad_latex=r"\operatorname{hardsigmoid}'(x) = \begin{cases} 1/6 & -3 < x < 3 \\ 0 & \text{otherwise} \end{cases}",
    properties=Properties(range=(0, 1), monotonic=True, continuity=0, zero_centred=False,
                          saturating_left=True, saturating_right=True, identity_near_zero=False,
                          sparse=True, kinks=(-3.0, 3.0)),
    frameworks={"pytorch": "torch.nn.Hardsigmoid()", "keras": "keras.activations.hard_sigmoid",
                "tensorflow": "none",
                "jax": "jax.nn.hard_sigmoid"},
)

sparse_sigmoid = Activation(
    name="sparse_sigmoid",
    name_zh="稀疏 Sigmoid",
    name_en="Sparse sigmoid",
    summary_zh="分段线性的 S 形函数 clip((x+1)/2, 0, 1)：在 [−1, 1] 上线性上升，两侧恰为 0 和 1，它是 sparse plus 的导数。",
    summary_en="The piecewise-linear S-curve clip((x + 1)/2, 0, 1): linear on [−1, 1], exactly 0 and 1 outside, and the derivative of sparse plus.",
    about_zh=("Blondel 等（2020）在 Fenchel-Young 损失的框架里给出稀疏 Sigmoid：它与 sparse plus 的关系，"
              "正如 sigmoid 与 softplus 的关系——前者是后者的导数。它等于 hard_sigmoid(3x)，也等于 (hardtanh(x) + 1)/2，"
              "所以在 |x| ≥ 1 处饱和，输出恰为 0 或 1。JAX 和 Keras 3 都提供它，可用作能完全关上、也能完全打开的门。"),
    about_en=("Blondel et al. (2020) give the sparse sigmoid in their framework of Fenchel-Young losses: it is to sparse "
              "plus what the sigmoid is to softplus, its derivative. It equals hard_sigmoid(3x) and also (hardtanh(x) + 1)/2, "
              "so it saturates for |x| ≥ 1, where its output is exactly 0 or 1. JAX and Keras 3 provide it; it serves as a "
              "gate that can shut and open completely."),
    value=in_blocks(lambda x: np.clip((x + 1) / 2, 0, 1)),
    # Slope 0 at the kinks x = ±1, as PyTorch's hardsigmoid (Keras agrees; JAX's clip gives 1/4 there).
    derivative=lambda x: keep_nan(x, select(np.abs(x) < 1, 1 / 2, 0, x.dtype)),
    js=JS(f="return clip((x + 1) / 2, 0, 1);", df="return keepNaN(x, Math.abs(x) < 1 ? 1 / 2 : 0);"),
    latex=r"\operatorname{sparsesigmoid}(x) = \min\!\bigl(\max\bigl(0,\, (x + 1)/2\bigr),\, 1\bigr)",
    grad_latex=(r"\operatorname{sparsesigmoid}'(x) = \begin{cases} 1/2 & -1 < x < 1 \\ 0 & \text{otherwise} "
                r"\end{cases}"),
    properties=Properties(range=(0, 1), monotonic=True, continuity=0, zero_centred=False,
                          saturating_left=True, saturating_right=True, identity_near_zero=False,
                          sparse=True, kinks=(-1.0, 1.0)),
    frameworks={"pytorch": "none", "keras": "keras.activations.sparse_sigmoid", "tensorflow": "none",
                "jax": "jax.nn.sparse_sigmoid"},
    differences=(Differs("jax", -1.0, 0.25, grad=True), Differs("jax", 1.0, 0.25, grad=True)),
)

log_sigmoid = Activation(
    name="log_sigmoid",
    name_zh="对数 Sigmoid",
    name_en="Log-sigmoid",
    summary_zh="log σ(x) = −softplus(−x)；直接计算 log(σ(x)) 会在 x 很负时得到 log 0。",
    summary_en="log σ(x) = −softplus(−x); taking log(σ(x)) directly gives log 0 for very negative x.",
    about_zh=("对数 Sigmoid log σ(x) = −softplus(−x) 是一个凹函数，值域 (−∞, 0)。它很少放在隐藏层里，"
              "主要出现在损失函数中：从 logit z 直接计算正类样本的二分类交叉熵，得到的正是 −log σ(z)；"
              "word2vec 的负采样目标（Mikolov 等，2013）也是若干 log σ 项之和。先算 σ 再取对数，"
              "在 x 很负时会得到 log 0 = −∞；按 −softplus(−x) 计算，则对所有有限输入都数值稳定。"),
    about_en=("The log-sigmoid, log σ(x) = −softplus(−x), is a concave function with range (−∞, 0). It rarely "
              "serves in hidden layers; it lives in loss functions: the binary cross-entropy of a positive "
              "example, computed from its logit z, is exactly −log σ(z), and the negative-sampling objective of "
              "word2vec (Mikolov et al., 2013) is a sum of log σ terms. Taking σ first and then its logarithm "
              "gives log 0 = −∞ for very negative x; computed as −softplus(−x) it is numerically stable for "
              "every finite input."),
    value=in_blocks(lambda x: -softplus(-x)),
    derivative=lambda x: logistic(-x),
    js=JS(f="return -softplus(-x);", df="return logistic(-x);"),
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
    about_zh=("双曲正切 tanh(x) = 2σ(2x) − 1 把输入压到 (−1, 1)：以零为中心，原点附近近似恒等函数，导数最大为 1。"
              "在 ReLU 普及之前，它是隐藏层的标准选择（LeCun 等（1998）建议使用零中心的激活函数）；"
              "如今它仍是 LSTM 和 GRU 中候选状态与输出所用的激活函数，也常用来把输出限制在 (−1, 1) 内，"
              "例如像素值缩放到这个区间的图像生成网络。它两端饱和，很深的 tanh 网络同样会出现梯度消失。"),
    about_en=("The hyperbolic tangent, tanh(x) = 2σ(2x) − 1, squashes its input into (−1, 1): it is "
              "zero-centred, close to the identity function near the origin, and its slope is at most 1. Before "
              "ReLU spread it was the standard choice for hidden layers (LeCun et al. (1998) recommend "
              "zero-centred activations); today it is still the activation of the candidate state and of the "
              "output in LSTM and GRU cells, and a common way to keep outputs inside (−1, 1), as in image "
              "generators whose pixels are scaled to that interval. It saturates at both ends, so deep tanh "
              "networks suffer from vanishing gradients too."),
    value=lambda x: np.tanh(x),
    # 1 − tanh² loses every digit once tanh rounds to ±1; 4σ′(2x) keeps them.
    derivative=in_blocks(lambda x: 4 * sigmoid_grad(2 * x)),
    js=JS(f="return tanh(x);", df="return 4 * sigmoidGrad(2 * x);"),
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
    summary_zh="把输入截断到 [−1, 1]：中间是恒等函数，两侧梯度为 0。",
    summary_en="Clips the input to [−1, 1]: the identity in between, zero gradient outside.",
    about_zh=("Hard tanh 把输入截断到 [−1, 1]：中间一段是恒等函数，两侧是常数 ±1。它是 tanh 的分段线性近似："
              "两者在原点附近一致，差距在折点 x = ±1 处最大（下面算出）。与 tanh 不同，它不会逐渐饱和："
              "在 (−1, 1) 内导数恒为 1，一出这个区间就精确为 0。它也可以写成两个 ReLU 之差再减 1："
              "ReLU(x + 1) − ReLU(x − 1) − 1，下面在网格上逐点核对。"
              "Collobert 等（2011）的自然语言处理网络因为它计算便宜而采用它；二值化神经网络（Courbariaux 等，"
              "2016）训练时把它的导数（|x| ≤ 1 时为 1，否则为 0）当作符号函数的“直通”梯度。"),
    about_en=("Hard tanh clips its input to [−1, 1]: the identity function in between, the constants ±1 outside. "
              "It is a piecewise-linear approximation of tanh: the two agree near the origin and differ most at "
              "the kinks x = ±1 (computed below). Unlike tanh it does not saturate gradually: its slope is "
              "exactly 1 on (−1, 1) and exactly 0 outside. It is also a difference of two ReLUs, minus 1: ReLU(x "
              "+ 1) − ReLU(x − 1) − 1, which is checked below point by point. The natural-language networks "
              "of Collobert et al. (2011) use it because it is cheap, and binarized neural networks (Courbariaux "
              "et al., 2016) train with its slope (1 for |x| ≤ 1, else 0) as the straight-through gradient of "
              "the sign function."),
    value=lambda x: np.clip(x, -1, 1),
    # PyTorch convention: slope 0 at the kinks x = ±1.
    derivative=lambda x: keep_nan(x, np.abs(x) < 1),
    js=JS(f="return clip(x, -1, 1);", df="return keepNaN(x, Math.abs(x) < 1 ? 1 : 0);"),
    latex=r"\operatorname{hardtanh}(x) = \max\!\bigl(-1,\, \min(1,\, x)\bigr)",
    grad_latex=r"\operatorname{hardtanh}'(x) = \begin{cases} 1 & -1 < x < 1 \\ 0 & \text{otherwise} \end{cases}",
    properties=Properties(range=(-1, 1), monotonic=True, continuity=0, zero_centred=True,
                          saturating_left=True, saturating_right=True, identity_near_zero=True,
                          kinks=(-1.0, 1.0)),
    frameworks={"pytorch": "torch.nn.Hardtanh(min_val=-1.0, max_val=1.0)", "keras": "keras.activations.hard_tanh",
                "tensorflow": "none", "jax": "jax.nn.hard_tanh"},
    differences=(Differs(("keras", "jax"), -1.0, 1.0, grad=True), Differs(("keras", "jax"), 1.0, 1.0, grad=True)),
)

softsign = Activation(
    name="softsign",
    name_zh="Softsign",
    name_en="Softsign",
    summary_zh="x/(1+|x|)：形状像 tanh，但以多项式速度而非指数速度趋近 ±1，饱和更慢。",
    summary_en="x/(1+|x|): tanh-shaped, but it approaches ±1 polynomially rather than exponentially, so it saturates more slowly.",
    about_zh=("Softsign x/(1 + |x|) 的形状与 tanh 相似，也以零为中心、值域 (−1, 1)，"
              "但它按 1/|x| 的多项式速度趋近 ±1，导数按 1/x² 衰减，而不是指数衰减，所以饱和来得更晚、也更平缓。"
              "Glorot 与 Bengio（2010）在深层网络中比较过它与 tanh，发现用它的各层饱和得更少。"
              "它在 0 处只有一阶连续导数，计算只需一次除法；主流模型中用得不多。"),
    about_en=("Softsign, x/(1 + |x|), is shaped like tanh, also zero-centred with range (−1, 1), but it "
              "approaches ±1 polynomially, like 1/|x|, and its slope decays like 1/x² instead of exponentially, "
              "so saturation comes later and more gently. Glorot and Bengio (2010) compared it with tanh in deep "
              "networks and found that its layers saturate less. It is only once continuously differentiable at "
              "0 and costs a single division; mainstream models rarely use it."),
    value=in_blocks(lambda x: (f := finite(x)) / (1 + np.abs(f))),
    derivative=in_blocks(lambda x: 1 / np.square(1 + np.abs(x))),      # np.square: a 0-d x squares as an array does
    js=JS(f="const f = finite(x);\nreturn f / (1 + Math.abs(f));",
          df="const d = 1 + Math.abs(x);\nreturn 1 / (d * d);"),
    latex=r"\operatorname{softsign}(x) = \frac{x}{1 + |x|}",
    grad_latex=r"\operatorname{softsign}'(x) = \frac{1}{(1 + |x|)^2}",
    properties=Properties(range=(-1, 1), monotonic=True, continuity=1, zero_centred=True,
                          saturating_left=True, saturating_right=True, identity_near_zero=True,
                          kinks=(0.0,)),
    frameworks={"pytorch": "torch.nn.Softsign()", "keras": "keras.activations.softsign",
                "tensorflow": "tf.nn.softsign", "jax": "jax.nn.soft_sign"},
    differences=(Differs(("pytorch", "keras", "tensorflow", "jax"), -INF, np.nan),
                 Differs(("pytorch", "keras", "tensorflow", "jax"), INF, np.nan)),
)

arctan = Activation(
    name="arctan",
    name_zh="反正切",
    name_en="Arctangent",
    summary_zh="arctan(x) 落在 (−π/2, π/2)，零中心，尾部按 1/x² 衰减，比 tanh 饱和得慢。",
    summary_en="arctan(x) lies in (−π/2, π/2), zero-centred, with a slope that decays like 1/x², more slowly than tanh.",
    about_zh=("反正切 arctan(x) 是又一个 S 形函数：零中心、单调、值域 (−π/2, π/2)，原点附近近似恒等函数，"
              "导数 1/(1 + x²) 在 0 处为 1。和 tanh 相比，它的导数按 1/x² 而不是指数衰减，所以饱和得晚得多："
              "按本书的饱和定义（尾部 |f′| 小于阈值），tanh 离原点不远就进入饱和区，arctan 要到远得多的地方；"
              "下表用 actlib.saturated 算出几个 S 形函数饱和区的起点。"
              "它和 softsign 一样属于尾部按多项式衰减的 S 形函数；若想要值域 (−1, 1)，可以用 (2/π)·arctan(πx/2)，"
              "它在 0 处的斜率仍是 1。实际网络很少用它作隐藏层激活，各框架也只把它当作普通的数学函数提供。"),
    about_en=("The arctangent, arctan(x), is one more S-shaped function: zero-centred and monotonic, with range "
              "(−π/2, π/2), close to the identity function near the origin, its slope 1/(1 + x²) equal to 1 at "
              "0. Its slope decays like 1/x² rather than exponentially, so it saturates much later than tanh: by "
              "the book's definition of saturation (|f′| below the threshold in a tail), tanh enters its "
              "saturated region not far from the origin and arctan only much further out; the table below "
              "computes, with actlib.saturated, where the saturated region of a few S-shaped functions begins. "
              "Like softsign it is an S-shape whose tails decay polynomially; (2/π)·arctan(πx/2) rescales it to "
              "the range (−1, 1) and keeps the slope 1 at 0. Networks rarely use it as a hidden activation, and "
              "the frameworks offer it only as an ordinary mathematical function."),
    value=lambda x: np.arctan(x),
    derivative=in_blocks(lambda x: 1 / (1 + np.square(x))),
    js=JS(f="return Math.atan(x);", df="return 1 / (1 + x * x);"),
    latex=r"\arctan(x)",
    grad_latex=r"\arctan'(x) = \frac{1}{1 + x^2}",
    properties=Properties(range=(-np.pi / 2, np.pi / 2), monotonic=True, continuity=INF, zero_centred=True,
                          saturating_left=True, saturating_right=True, identity_near_zero=True),
    frameworks={"pytorch": "torch.atan(x)", "keras": "keras.ops.arctan(x)",
                "tensorflow": "tf.math.atan", "jax": "jax.numpy.arctan"},
)
