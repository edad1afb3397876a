"""Vector-valued activations along an axis: softmax, log-softmax, softmin, sparsemax, the gated linear units (GLU
family) and the concatenated ReLU.

Every rule gets the input and a checked, non-negative ``axis``; Jacobians have that axis moved to the
last two places, J[..., i, j] = ∂y_i/∂x_j, and the VJPs compute gᵀJ without building J.
"""

import math
from functools import reduce

import numpy as np

from ..core import INF, POSITIVE, Param, VectorActivation
from ..frameworks import Differs
from ..numerics import sigmoid as _sigmoid, sigmoid_grad
from .smooth import _gelu, _gelu_grad, _silu, _silu_grad


# --------------------------------------------------------------------------- softmax and log-softmax
def _shifted(x: np.ndarray, axis: int) -> np.ndarray:
    """z = x − max along ``axis`` (so max z = 0), by the spec's rules where the max is not finite:
    a lane with +∞ entries shares the mass among them (z = 0 there, −∞ elsewhere); a lane that is all
    −∞ or holds a NaN has no softmax (z = NaN). Nothing here computes ∞ − ∞."""
    top = np.max(x, axis=axis, keepdims=True, initial=-np.inf)  # initial: an empty lane is no error
    finite_top = np.isfinite(top)
    z = x - np.where(finite_top, top, 0)
    plus_inf_lane = np.where(x == np.inf, np.zeros_like(x), -np.inf)
    return np.where(finite_top, z, np.where(top == np.inf, plus_inf_lane, np.nan))


def _exp_and_rest(z: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """e = exp(z) for max z = 0, and rest = Σe without one maximal entry, so Σe = 1 + rest and
    log Σe = log1p(rest) keeps the digits of a tiny rest (log of a sum that rounds to 1 would not)."""
    e = np.exp(z)
    top = z == 0
    first_top = top & (np.cumsum(top, axis=axis) == 1)
    return e, np.sum(np.where(first_top, 0, e), axis=axis, keepdims=True)


def _softmax(x: np.ndarray, axis: int, temperature: float = 1.0) -> np.ndarray:
    e, rest = _exp_and_rest(_shifted(x, axis) / temperature, axis)
    return e / (1 + rest)


def _others(v: np.ndarray) -> np.ndarray:
    """Σ_{j≠i} v_j along the last axis, for every i, as (sum before i) + (sum after i).

    For a probability vector this is 1 − v_i without the cancellation where v_i ≈ 1.
    """
    zero = np.zeros_like(v[..., :1])
    before = np.concatenate([zero, np.cumsum(v[..., :-1], axis=-1)], axis=-1)
    after = np.concatenate([np.cumsum(v[..., :0:-1], axis=-1)[..., ::-1], zero], axis=-1)
    return before + after


def _times_others(w: np.ndarray, v: np.ndarray) -> np.ndarray:
    """w ⊙ Σ_{j≠i} v_j (lane last) for any finite v: the sums are taken of v scaled down by a power of two, 2^−⌈log₂ n⌉,
    which keeps them finite, and scaled up after the product, so that 0·(a sum beyond max) is 0, never 0·∞. Both
    scalings are exact for normal numbers, so nothing else changes."""
    q = 2.0 ** -math.ceil(math.log2(max(v.shape[-1], 1)))
    return w * _others(v * q) / q


def _jacobian_of_log(y: np.ndarray) -> np.ndarray:
    """I − 1yᵀ, log-softmax's Jacobian, from softmax values y (lane last): δ_ij − y_j, with 1 − y_i on the
    diagonal computed as Σ_{j≠i} y_j, NaN where y_i is (a lane of one entry has no others to carry it)."""
    jac = np.repeat(-y[..., None, :], y.shape[-1], axis=-2)
    i = np.arange(y.shape[-1])
    jac[..., i, i] = np.where(np.isnan(y), y, _others(y))
    return jac


def _vjp_of_log(y: np.ndarray, g: np.ndarray) -> np.ndarray:
    """gᵀ(I − 1yᵀ) = g − y·Σg (lane last), as g_j(1 − y_j) − y_j·Σ_{i≠j} g_i."""
    return g * _others(y) - _times_others(y, g)


def _softmax_jacobian(x: np.ndarray, axis: int, temperature: float) -> np.ndarray:
    y = np.moveaxis(_softmax(x, axis, temperature), axis, -1)
    # ∂y_i/∂x_j = y_i(δ_ij − y_j)/T: diag(y) times log-softmax's Jacobian, over T.
    return y[..., :, None] * _jacobian_of_log(y) / temperature


def _softmax_vjp(x: np.ndarray, g: np.ndarray, axis: int, temperature: float) -> np.ndarray:
    y, g = (np.moveaxis(v, axis, -1) for v in (_softmax(x, axis, temperature), g))
    # gᵀ diag(y)(I − 1yᵀ)/T = y ⊙ (g − Σ g⊙y)/T
    return np.moveaxis(_vjp_of_log(y, g * y) / temperature, -1, axis)


softmax = VectorActivation(
    name="softmax",
    name_zh="Softmax（归一化指数函数）",
    name_en="Softmax",
    summary_zh="把一组实数变成概率分布：各分量为正且和为 1；温度 T 越高分布越平均，越低越接近 argmax。",
    summary_en="Turns a vector of reals into a probability distribution, positive and summing to 1; a higher temperature T evens it out, a lower one approaches argmax.",
    about_zh=("Softmax 把一组实数（logit）变成概率分布：每个分量为正、总和为 1，最大的输入得到最大的概率。"
              "Bridle（1990）给了它这个名字，把它看作 logistic 函数的多类推广；它是多分类网络的输出层，"
              "与交叉熵配合时梯度为 p − y；Transformer（Vaswani 等，2017）的注意力也用它把打分变成权重。"
              "它具有平移不变性，先减去最大值再计算才数值稳定；温度 T 越高分布越平均，越低越接近 argmax。"),
    about_en=("Softmax turns a vector of reals (logits) into a probability distribution: every entry positive, "
              "the entries summing to 1, the largest input getting the largest probability. Bridle (1990) gave "
              "it its name and saw it as the multi-class generalisation of the logistic function; it is the "
              "output layer of multi-class classifiers, where with the cross-entropy its gradient is p − y, and "
              "the attention of the Transformer (Vaswani et al., 2017) uses it to turn scores into weights. It "
              "is shift invariant, so subtracting the maximum first makes it numerically stable; a higher "
              "temperature T evens the distribution out, a lower one approaches argmax."),
    params={"temperature": Param(1.0, 0.1, 5.0, 0.05, "温度 T：T 越大分布越平均，越小越接近独热（argmax）",
                                 "temperature T: a larger T evens the distribution out, a smaller one approaches one-hot (argmax)",
                                 POSITIVE)},
    value=_softmax,
    jacobian_rule=_softmax_jacobian,
    vjp_rule=_softmax_vjp,
    latex=r"\operatorname{softmax}(x)_i = \frac{e^{x_i/T}}{\sum_j e^{x_j/T}}",
    grad_latex=r"\frac{\partial y_i}{\partial x_j} = \frac{1}{T}\,y_i\,(\delta_{ij} - y_j), \quad J = \frac{\operatorname{diag}(y) - y\,y^{\top}}{T}",
    frameworks={"pytorch": "torch.nn.Softmax(dim=axis)", "keras": "keras.activations.softmax(x, axis=-1)",
                "tensorflow": "tf.nn.softmax(logits, axis=axis)", "jax": "jax.nn.softmax(x, axis=-1)"},
    differences=(Differs(("pytorch", "keras", "tensorflow", "jax"), (INF, 0.0, 1.0, 2.0), (np.nan,) * 4),
                 Differs(("pytorch", "keras", "tensorflow", "jax"), (INF, INF, 1.0, 0.0), (np.nan,) * 4)),
)


def _log_softmax(x: np.ndarray, axis: int) -> np.ndarray:
    z = _shifted(x, axis)
    return z - np.log1p(_exp_and_rest(z, axis)[1])


def _log_softmax_vjp(x: np.ndarray, g: np.ndarray, axis: int) -> np.ndarray:
    y, g = (np.moveaxis(v, axis, -1) for v in (_softmax(x, axis), g))
    return np.moveaxis(_vjp_of_log(y, g), -1, axis)


log_softmax = VectorActivation(
    name="log_softmax",
    name_zh="对数 Softmax",
    name_en="Log-softmax",
    summary_zh="softmax 的对数 x − log Σeˣ，用减去最大值的 log-sum-exp 技巧计算，比先算 softmax 再取对数更数值稳定；常与负对数似然损失搭配。",
    summary_en="The logarithm of softmax, x − log Σ eˣ, computed by the log-sum-exp trick (subtract the max first), more numerically stable than the log of a softmax; pairs with the negative log-likelihood loss.",
    about_zh=("对数 Softmax xᵢ − log Σⱼ exp(xⱼ) 是 softmax 的对数，用对数-求和-指数技巧（先减去最大值）计算，"
              "比先算 softmax 再取对数数值稳定：很小的概率不会变成 log 0。它与负对数似然损失搭配就得到交叉熵，"
              "PyTorch 的 CrossEntropyLoss 内部正是这样计算的；语言模型计算每个词元的对数概率时也用它。"),
    about_en=("The log-softmax, xᵢ − log Σⱼ exp(xⱼ), is the logarithm of softmax, computed by the log-sum-exp "
              "trick (subtract the maximum first), which is more numerically stable than the log of a softmax: a "
              "tiny probability does not become log 0. Paired with the negative log-likelihood loss it gives the "
              "cross-entropy, which is how PyTorch's CrossEntropyLoss computes it; language models use it for "
              "the log-probability of each token."),
    value=_log_softmax,
    jacobian_rule=lambda x, axis: _jacobian_of_log(np.moveaxis(_softmax(x, axis), axis, -1)),
    vjp_rule=_log_softmax_vjp,
    latex=r"\log\operatorname{softmax}(x)_i = x_i - \log\sum_j e^{x_j}",
    grad_latex=r"\frac{\partial y_i}{\partial x_j} = \delta_{ij} - \operatorname{softmax}(x)_j",
    frameworks={"pytorch": "torch.nn.LogSoftmax(dim=axis)", "keras": "keras.activations.log_softmax(x, axis=-1)",
                "tensorflow": "tf.nn.log_softmax(logits, axis=axis)", "jax": "jax.nn.log_softmax(x, axis=-1)"},
    differences=(Differs(("pytorch", "keras", "tensorflow", "jax"), (INF, 0.0, 1.0, 2.0), (np.nan,) * 4),
                 Differs(("pytorch", "keras", "tensorflow", "jax"), (INF, INF, 1.0, 0.0), (np.nan,) * 4)),
)

softmin = VectorActivation(
    name="softmin",
    name_zh="Softmin",
    name_en="Softmin",
    summary_zh="softmin(x) = softmax(−x)：同样输出一个概率分布，但把最大的概率给最小的分量。",
    summary_en="softmin(x) = softmax(−x): a probability distribution again, but with the largest probability on the smallest entry.",
    about_zh=("Softmin 是 softmax 的镜像：取值越小的分量得到的概率越大，适合“代价”或“距离”这类越小越好的打分，"
              "例如按距离对近邻做软加权。它继承 softmax 的全部性质：输出为正、和为 1、平移不变，"
              "雅可比矩阵是 softmax 在 −x 处的雅可比矩阵取负号。四个框架中只有 PyTorch 提供它（torch.nn.Softmin）。"),
    about_en=("Softmin mirrors softmax: the smaller an entry, the larger its probability, which suits scores where lower "
              "is better, such as costs or distances (soft weights over nearest neighbours, for instance). It keeps "
              "every property of softmax, positive outputs summing to 1 and shift invariance, and its Jacobian is "
              "minus softmax's Jacobian at −x. Of the four frameworks only PyTorch provides it (torch.nn.Softmin)."),
    value=lambda x, axis: _softmax(-x, axis),
    jacobian_rule=lambda x, axis: -_softmax_jacobian(-x, axis, 1.0),
    vjp_rule=lambda x, g, axis: -_softmax_vjp(-x, g, axis, 1.0),
    latex=r"\operatorname{softmin}(x)_i = \frac{e^{-x_i}}{\sum_j e^{-x_j}} = \operatorname{softmax}(-x)_i",
    grad_latex=r"\frac{\partial y_i}{\partial x_j} = -y_i\,(\delta_{ij} - y_j)",
    frameworks={"pytorch": "torch.nn.Softmin(dim=axis)", "keras": "none", "tensorflow": "none", "jax": "none"},
    # PyTorch computes ∞ − ∞ in a lane with −∞; actlib gives the limit, all the mass on that entry
    differences=(Differs("pytorch", (-math.inf, 0.0, 1.0, 2.0), (math.nan,) * 4),
                 Differs("pytorch", (-math.inf,) * 4, (math.nan,) * 4)),
)


# --------------------------------------------------------------------------- sparsemax
def _sparsemax_lanes(x: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """(p, support) with the lane axis last: p = max(z − τ, 0), the Euclidean projection of the lane z onto the
    probability simplex, and the mask of its support S = {i: z_i > τ}.

    Sorted decreasingly, z_(1) ≥ z_(2) ≥ …, the support holds the k largest entries, k the largest rank with
    1 + k·z_(k) > z_(1) + … + z_(k); then τ = (Σ_S z_i − 1)/k. The support is found in z = the lane minus its
    maximum (_shifted: no sum overflows; a lane with +∞ entries shares the mass among them, a lane with NaN or
    only −∞ has none: NaN). The support lies in [max − 1, max], so for |max| ≥ 2 the shift is exact (Sterbenz) and
    |τ| ≤ 1 in z, less than in x; for |max| < 2, where the shift may round and |τ| is small anyway, τ is taken in
    the lane's own coordinates. float16 and float32 lanes are computed in float64 and rounded once."""
    lane = np.moveaxis(x.astype(np.float64), axis, -1)
    z = _shifted(lane, -1)
    if z.size == 0:
        return z.astype(x.dtype), np.zeros(z.shape, bool)
    ordered = -np.sort(-z, axis=-1)
    rank = np.arange(1, z.shape[-1] + 1)
    in_support = 1 + rank * ordered > np.cumsum(ordered, axis=-1)          # the first k ranks (False for NaN)
    k = np.maximum(np.sum(in_support, axis=-1, keepdims=True), 1)
    support = z >= np.take_along_axis(ordered, k - 1, axis=-1)             # ties of the k-th largest are in S
    own = np.abs(np.max(lane, axis=-1, keepdims=True, initial=-np.inf)) < 2       # False for ±∞ and NaN
    coordinates = np.where(own, lane, z)
    tau = (np.sum(np.where(support, coordinates, 0), axis=-1, keepdims=True) - 1) / k
    p = np.where(support, np.maximum(coordinates - tau, 0), np.where(np.isnan(z), z, 0))
    return p.astype(x.dtype), support


def _nan_lanes(x_last: np.ndarray, out: np.ndarray) -> np.ndarray:
    """``out`` with every entry of a lane (last axis of x_last, leading axes of out) set to NaN where that lane has
    no value (a NaN, or only −∞)."""
    undefined = np.isnan(x_last).any(-1) | (x_last == -np.inf).all(-1)
    return np.where(undefined.reshape(undefined.shape + (1,) * (out.ndim - undefined.ndim)), np.nan, out)


def _sparsemax_jacobian(x: np.ndarray, axis: int) -> np.ndarray:
    """diag(s) − s sᵀ/|S|, s the support's indicator (lane last)."""
    _, support = _sparsemax_lanes(x, axis)
    s = support.astype(x.dtype)
    size = np.maximum(s.sum(-1, keepdims=True), 1)[..., None]
    jac = s[..., :, None] * np.eye(s.shape[-1], dtype=x.dtype) - s[..., :, None] * s[..., None, :] / size  # no −0
    return _nan_lanes(np.moveaxis(x, axis, -1), jac)


def _sparsemax_vjp(x: np.ndarray, g: np.ndarray, axis: int) -> np.ndarray:
    """gᵀJ = s ⊙ (g − Σ_S g/|S|): the upstream gradient minus its mean over the support, zero off the support. The
    sum is taken of g scaled down by a power of two (see _times_others): a mean of finite numbers is finite."""
    _, support = _sparsemax_lanes(x, axis)
    g = np.moveaxis(g, axis, -1)
    size = np.maximum(support.sum(-1, keepdims=True), 1)
    q = 2.0 ** -math.ceil(math.log2(max(g.shape[-1], 1)))
    mean = np.sum(np.where(support, g * q, 0), axis=-1, keepdims=True) / size / q
    v = _nan_lanes(np.moveaxis(x, axis, -1), np.where(support, g - mean, 0))
    return np.moveaxis(v, -1, axis)


sparsemax = VectorActivation(
    name="sparsemax",
    name_zh="Sparsemax（稀疏 softmax）",
    name_en="Sparsemax",
    summary_zh="把输入投影到概率单纯形上的最近点：像 softmax 一样输出和为 1 的概率，但较小的分量恰好为 0，得到稀疏的分布。",
    summary_en="The nearest point of the probability simplex to the input: probabilities summing to 1 like softmax, but with the small entries exactly 0, a sparse distribution.",
    about_zh=("Sparsemax 由 Martins 与 Astudillo（2016）提出，用来替代注意力机制和多标签分类中的 softmax："
              "它把 x 平移一个阈值 τ 再截去负值，max(x − τ, 0)，τ 的选取使输出之和为 1，"
              "所以只有最大的几个分量得到正概率，其余恰为 0。它分段线性，在支撑集 S（输出为正的分量）不变的区域内，"
              "雅可比矩阵是 diag(s) − s sᵀ/|S|。Keras 3 提供它（keras.activations.sparsemax）。"),
    about_en=("Sparsemax was proposed by Martins and Astudillo (2016) as a replacement for softmax in attention and "
              "multi-label classification: it shifts x by a threshold τ and cuts off the negative part, max(x − τ, 0), "
              "with τ chosen so that the outputs sum to 1; only the few largest entries get a positive probability, the "
              "rest are exactly 0. It is piecewise linear; where its support S (the positive outputs) stays the same, "
              "its Jacobian is diag(s) − s sᵀ/|S|. Keras 3 provides it (keras.activations.sparsemax)."),
    value=lambda x, axis: np.moveaxis(_sparsemax_lanes(x, axis)[0], -1, axis),
    jacobian_rule=_sparsemax_jacobian,
    vjp_rule=_sparsemax_vjp,
    latex=(r"\operatorname{sparsemax}(x)_i = \max(x_i - \tau,\, 0), \quad "
           r"\tau \text{ such that } \textstyle\sum_i \max(x_i - \tau,\, 0) = 1"),
    grad_latex=(r"\frac{\partial y_i}{\partial x_j} = s_i\Bigl(\delta_{ij} - \frac{s_j}{|S|}\Bigr), \quad "
                r"s_i = [\,y_i > 0\,],\ |S| = \textstyle\sum_i s_i"),
    frameworks={"pytorch": "none", "keras": "keras.activations.sparsemax(x, axis=-1)", "tensorflow": "none",
                "jax": "none"},
    # Keras 3.15 takes τ = (Σ of the cumulative sums over the support − 1)/k, wrong for a support of two or more
    # entries: its outputs then do not sum to 1
    differences=(Differs("keras", (1.0, 0.5), (0.25, 0.0)),),
)


# --------------------------------------------------------------------------- gated linear units
def _product(*factors: np.ndarray) -> np.ndarray:
    """∏ factors, elementwise, taking its limits where IEEE arithmetic would warn or round through 0 or ∞:
    0 when a factor is 0 and none is infinite (even if the others overflow together), ±∞ when a factor
    is infinite and none is 0 (even if the others underflow together), NaN when a factor is 0 and
    another ±∞ (0·∞ is undefined: NaN without a warning, as for an all −∞ softmax lane) or one is NaN.
    The finite factors' mantissas are multiplied and their exponents added (frexp), then scaled once (ldexp):
    no partial product overflows or underflows on the way to a product the dtype holds (2·2¹²⁷·0.5 in float32)."""
    zero = reduce(np.logical_or, [f == 0 for f in factors])
    infinite = reduce(np.logical_or, [np.isinf(f) for f in factors])
    special = zero | infinite
    parts = [np.frexp(np.where(special, np.sign(f), f)) for f in factors]  # signs only where special
    value = np.ldexp(reduce(np.multiply, [m for m, _ in parts]), reduce(np.add, [e for _, e in parts]))
    unbounded = np.where(zero | np.isnan(value), np.nan, np.copysign(np.inf, value))
    return np.where(infinite, unbounded, value)


def _gated(name: str, gate, gate_grad) -> dict:
    """value, jacobian_rule, vjp_rule and output_shape of y = a ⊙ gate(b), where [a; b] are the halves of x along
    the axis.

    ∂y_i/∂a_i = gate(b_i), ∂y_i/∂b_i = a_i·gate′(b_i), every other entry of the Jacobian is 0.
    """
    def output_shape(shape, axis):
        size = shape[axis]
        if size % 2:
            raise ValueError(f"{name}: the input has size {size} along axis {axis}, which is odd; "
                             f"it must split into two halves a and b of equal size")
        return shape[:axis] + (size // 2,) + shape[axis + 1:]

    def value(x, axis):
        a, b = np.split(x, 2, axis=axis)
        return _product(a, gate(b))

    def jacobian(x, axis):
        a, b = (np.moveaxis(half, axis, -1) for half in np.split(x, 2, axis=axis))
        m = a.shape[-1]
        jac = np.zeros((*a.shape, 2 * m), dtype=x.dtype)
        i = np.arange(m)
        jac[..., i, i] = gate(b)
        jac[..., i, m + i] = _product(a, gate_grad(b))
        return jac

    def vjp(x, g, axis):
        a, b = np.split(x, 2, axis=axis)
        return np.concatenate([_product(g, gate(b)), _product(g, a, gate_grad(b))], axis=axis)

    return {"value": value, "jacobian_rule": jacobian, "vjp_rule": vjp, "output_shape": output_shape}


def _relu(b: np.ndarray) -> np.ndarray:
    return np.maximum(b, 0)


def _relu_grad(b: np.ndarray) -> np.ndarray:
    # PyTorch convention: slope 0 at the kink b = 0.
    return np.where(np.isnan(b), b, (b > 0).astype(b.dtype))


_JACOBIAN_OF_GATED = (r"\frac{{\partial y_i}}{{\partial a_i}} = {g}(b_i), \quad "
                      r"\frac{{\partial y_i}}{{\partial b_i}} = a_i\,{g}'(b_i) \quad \text{{(other entries 0)}}")

glu = VectorActivation(
    name="glu",
    name_zh="GLU（门控线性单元）",
    name_en="GLU (gated linear unit)",
    summary_zh="沿指定轴把输入一分为二 [a; b]，输出 a ⊙ σ(b)：后一半经 Sigmoid 变成门，决定前一半通过多少。",
    summary_en="Splits the input along the axis into halves [a; b] and outputs a ⊙ σ(b): the second half, through a sigmoid, gates how much of the first passes.",
    about_zh=("GLU 沿指定的轴把输入分成两半 [a; b]，输出 a ⊙ σ(b)：后一半经过 sigmoid 变成门，"
              "逐元素决定前一半通过多少，输出长度是输入的一半。Dauphin 等（2017）在门控卷积语言模型中提出它，"
              "门控的思想来自 LSTM。在网络中 a 和 b 通常是同一输入的两个线性变换；把 sigmoid 换成其他函数，"
              "就得到 ReGLU、GEGLU 和 SwiGLU。"),
    about_en=("GLU splits its input along the axis into halves [a; b] and outputs a ⊙ σ(b): the second half, "
              "through a sigmoid, becomes a gate that decides elementwise how much of the first passes, and the "
              "output is half as long as the input. Dauphin et al. (2017) introduced it in gated convolutional "
              "language models, borrowing the idea of gating from the LSTM. In a network a and b are usually two "
              "linear maps of the same input; other functions in place of the sigmoid give ReGLU, GEGLU and "
              "SwiGLU."),
    **_gated("glu", _sigmoid, sigmoid_grad),
    latex=r"\operatorname{GLU}(x) = a \odot \sigma(b), \quad x = [a;\, b]",
    grad_latex=_JACOBIAN_OF_GATED.format(g=r"\sigma"),
    frameworks={"pytorch": "torch.nn.GLU(dim=-1)", "keras": "keras.activations.glu(x, axis=-1)", "tensorflow": "none",
                "jax": "jax.nn.glu(x, axis=-1)"},
)

reglu = VectorActivation(
    name="reglu",
    name_zh="ReGLU（ReLU 门控线性单元）",
    name_en="ReGLU (ReLU-gated linear unit)",
    summary_zh="GLU 的变体，门函数换成 ReLU：a ⊙ ReLU(b)；b ≤ 0 时门完全关闭，输出恰为 0。",
    summary_en="A GLU variant with a ReLU gate, a ⊙ ReLU(b); for b ≤ 0 the gate is fully closed and the output is exactly 0.",
    about_zh=("ReGLU a ⊙ ReLU(b) 是以 ReLU 为门的 GLU 变体：b ≤ 0 时门完全关闭，输出精确为 0；"
              "b > 0 时门值就是 b 本身，没有上限。"
              "Shazeer（2020）在 T5 的前馈层中比较了它和其他 GLU 变体：参数量和计算量与 ReLU 前馈层相同，"
              "在他的预训练实验中，这些门控前馈层的困惑度都低于 ReLU 前馈层。"),
    about_en=("ReGLU, a ⊙ ReLU(b), is the GLU variant with a ReLU gate: for b ≤ 0 the gate is fully closed and "
              "the output exactly 0; for b > 0 the gate is b itself, with no upper limit. Shazeer (2020) "
              "compared it with the other GLU variants in the feed-forward layers of T5, at the parameter count "
              "and computation of the ReLU layer; in his pre-training runs these gated layers reached a lower "
              "perplexity than the ReLU layer."),
    **_gated("reglu", _relu, _relu_grad),
    latex=r"\operatorname{ReGLU}(x) = a \odot \operatorname{ReLU}(b), \quad x = [a;\, b]",
    grad_latex=_JACOBIAN_OF_GATED.format(g=r"\operatorname{ReLU}"),
    frameworks={"pytorch": "none", "keras": "none", "tensorflow": "none",
                "jax": "none"},
)

geglu = VectorActivation(
    name="geglu",
    name_zh="GEGLU（GELU 门控线性单元）",
    name_en="GEGLU (GELU-gated linear unit)",
    summary_zh="a ⊙ GELU(b)：以精确 GELU 为门的 GLU 变体，用于 Transformer 的前馈层（如 T5 v1.1）。",
    summary_en="a ⊙ GELU(b): a GLU variant gated by the exact GELU, used in Transformer feed-forward layers (e.g. T5 v1.1).",
    about_zh=("GEGLU a ⊙ GELU(b) 以精确的 GELU 为门。在 Shazeer（2020）的实验中，它和 SwiGLU 的困惑度最低；"
              "在 T5（Raffel 等，2020）之后发布的 T5 v1.1 检查点，前馈层用的就是它。GLU 变体比普通前馈层多一个权重矩阵，"
              "Shazeer 为了保持参数量和计算量不变，把隐藏层宽度从 3072 缩小到 2048，即原来的 2/3；"
              "LLaMA（Touvron 等，2023）也取 4d 的 2/3。"),
    about_en=("GEGLU, a ⊙ GELU(b), gates with the exact GELU. In Shazeer's (2020) experiments it and SwiGLU "
              "reached the lowest perplexity, and the T5 v1.1 checkpoints, released after T5 (Raffel et al., "
              "2020), use it in their feed-forward layers. A GLU variant has one weight matrix more than a plain "
              "feed-forward layer; to keep the parameter count and computation, Shazeer cut the hidden width "
              "from 3072 to 2048, that is to 2/3, and LLaMA (Touvron et al., 2023) also takes 2/3 of 4d."),
    **_gated("geglu", _gelu, _gelu_grad),
    latex=r"\operatorname{GEGLU}(x) = a \odot \operatorname{GELU}(b), \quad x = [a;\, b]",
    grad_latex=_JACOBIAN_OF_GATED.format(g=r"\operatorname{GELU}"),
    frameworks={"pytorch": "none", "keras": "none", "tensorflow": "none",
                "jax": "none"},
)

swiglu = VectorActivation(
    name="swiglu",
    name_zh="SwiGLU（Swish 门控线性单元）",
    name_en="SwiGLU (Swish-gated linear unit)",
    summary_zh="a ⊙ SiLU(b)：以 Swish 为门的 GLU 变体，LLaMA、PaLM 等大语言模型的前馈层都采用它。",
    summary_en="a ⊙ SiLU(b): a GLU variant gated by Swish, the feed-forward activation of large language models such as LLaMA and PaLM.",
    about_zh=("SwiGLU a ⊙ SiLU(b) 以 Swish 为门，在 Shazeer（2020）的实验中，它和 GEGLU 的困惑度最低。"
              "大语言模型 PaLM（Chowdhery 等，2023）和 LLaMA（Touvron 等，2023）的前馈层都用它。"
              "各框架没有内置它，通常把一个线性层的输出一分为二，再按上面的公式相乘。"),
    about_en=("SwiGLU, a ⊙ SiLU(b), gates with Swish; in Shazeer's (2020) experiments it and GEGLU reached the "
              "lowest perplexity. The feed-forward layers of the large language models PaLM (Chowdhery et al., "
              "2023) and LLaMA (Touvron et al., 2023) use it. The frameworks have no built-in SwiGLU; it is "
              "usually written as one linear layer's output split in two and multiplied by the formula above."),
    **_gated("swiglu", _silu, _silu_grad),
    latex=r"\operatorname{SwiGLU}(x) = a \odot \operatorname{SiLU}(b), \quad x = [a;\, b]",
    grad_latex=_JACOBIAN_OF_GATED.format(g=r"\operatorname{SiLU}"),
    frameworks={"pytorch": "none", "keras": "none", "tensorflow": "none",
                "jax": "none"},
)


# --------------------------------------------------------------------------- concatenated ReLU
def _crelu(x: np.ndarray, axis: int) -> np.ndarray:
    return np.concatenate([np.maximum(x, 0), np.maximum(-x, 0)], axis=axis)


def _crelu_jacobian(x: np.ndarray, axis: int) -> np.ndarray:
    """J of shape (…, 2n, n), lane last: ∂relu(x_i)/∂x_i = [x_i > 0] in the upper half, ∂relu(−x_i)/∂x_i = −[x_i < 0]
    in the lower one, every other entry 0; slope 0 at x_i = 0 (PyTorch's ReLU convention), NaN where x_i is."""
    x = np.moveaxis(x, axis, -1)
    n = x.shape[-1]
    jac = np.zeros((*x.shape[:-1], 2 * n, n), dtype=x.dtype)
    i = np.arange(n)
    jac[..., i, i] = _relu_grad(x)
    jac[..., n + i, i] = -_relu_grad(-x)
    return jac


def _crelu_vjp(x: np.ndarray, g: np.ndarray, axis: int) -> np.ndarray:
    """gᵀJ = g_a·[x > 0] − g_b·[x < 0], with g = [g_a; g_b] the halves of the upstream gradient along the axis."""
    upper, lower = np.split(g, 2, axis=axis)
    v = np.where(x > 0, upper, 0) - np.where(x < 0, lower, 0)
    return np.where(np.isnan(x), x, v)


crelu = VectorActivation(
    name="crelu",
    name_zh="CReLU（拼接 ReLU）",
    name_en="CReLU (concatenated ReLU)",
    summary_zh="沿指定轴把 ReLU(x) 和 ReLU(−x) 拼接起来：正负两部分都保留下来，输出在这个轴上的长度是输入的两倍。",
    summary_en="Concatenates ReLU(x) and ReLU(−x) along the axis: both the positive and the negative part survive, and the output is twice as long as the input along that axis.",
    about_zh=("CReLU 由 Shang 等（2016）提出：他们发现卷积网络浅层学到的滤波器常常成对出现、彼此近似取负，"
              "于是让每个滤波器同时输出 ReLU(x) 和 ReLU(−x)，用一半的参数得到同样多的通道。"
              "它不丢掉负半轴的信息，而每个输出仍是稀疏激活；代价是下一层的输入通道数翻倍。"
              "雅可比矩阵是 2n × n 的：上半块是 diag([x > 0])，下半块是 −diag([x < 0])。TensorFlow 提供它（tf.nn.crelu）。"),
    about_en=("CReLU was proposed by Shang et al. (2016), who observed that the filters in the lower layers of "
              "convolutional networks often come in pairs of near negatives; each filter then outputs both ReLU(x) "
              "and ReLU(−x), giving as many channels with half the parameters. Nothing on the negative side is lost "
              "while every output stays a sparse activation; the price is twice as many input channels for the next "
              "layer. Its Jacobian is 2n × n: diag([x > 0]) on top of −diag([x < 0]). TensorFlow provides it "
              "(tf.nn.crelu)."),
    value=_crelu,
    jacobian_rule=_crelu_jacobian,
    vjp_rule=_crelu_vjp,
    output_shape=lambda shape, axis: shape[:axis] + (2 * shape[axis],) + shape[axis + 1:],
    latex=r"\operatorname{CReLU}(x) = \bigl[\operatorname{ReLU}(x);\, \operatorname{ReLU}(-x)\bigr]",
    grad_latex=(r"\frac{\partial y_i}{\partial x_i} = [\,x_i > 0\,], \quad \frac{\partial y_{n+i}}{\partial x_i} = "
                r"-[\,x_i < 0\,] \quad \text{(other entries 0)}"),
    frameworks={"pytorch": "none", "keras": "none", "tensorflow": "tf.nn.crelu(features, axis=-1)", "jax": "none"},
)
