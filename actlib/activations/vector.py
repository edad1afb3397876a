"""Vector-valued activations along an axis: softmax, log-softmax and the gated linear units (GLU family).

Every rule gets the input and a checked, non-negative ``axis``; Jacobians have that axis moved to the
last two places, J[..., i, j] = ∂y_i/∂x_j, and the VJPs compute gᵀJ without building J.
"""

from functools import reduce

import numpy as np

from ..core import POSITIVE, Param, VectorActivation
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


def _jacobian_of_log(y: np.ndarray) -> np.ndarray:
    """I − 1yᵀ, log-softmax's Jacobian, from softmax values y (lane last): δ_ij − y_j, with 1 − y_i on the
    diagonal computed as Σ_{j≠i} y_j, NaN where y_i is (a lane of one entry has no others to carry it)."""
    jac = np.repeat(-y[..., None, :], y.shape[-1], axis=-2)
    i = np.arange(y.shape[-1])
    jac[..., i, i] = np.where(np.isnan(y), y, _others(y))
    return jac


def _vjp_of_log(y: np.ndarray, g: np.ndarray) -> np.ndarray:
    """gᵀ(I − 1yᵀ) = g − y·Σg (lane last), as g_j(1 − y_j) − y_j·Σ_{i≠j} g_i."""
    return g * _others(y) - y * _others(g)


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
    params={"temperature": Param(1.0, 0.1, 5.0, 0.05, "温度 T：T 越大分布越平均，越小越接近独热（argmax）",
                                 "temperature T: a larger T evens the distribution out, a smaller one approaches one-hot (argmax)",
                                 POSITIVE)},
    value=_softmax,
    jacobian_rule=_softmax_jacobian,
    vjp_rule=_softmax_vjp,
    latex=r"\operatorname{softmax}(x)_i = \frac{e^{x_i/T}}{\sum_j e^{x_j/T}}",
    grad_latex=r"\frac{\partial y_i}{\partial x_j} = \frac{1}{T}\,y_i\,(\delta_{ij} - y_j), \quad J = \frac{\operatorname{diag}(y) - y\,y^{\top}}{T}",
    frameworks={"pytorch": "torch.nn.Softmax(dim=-1)", "keras": "keras.activations.softmax(x, axis=-1)",
                "tensorflow": "tf.nn.softmax(logits, axis=-1)", "jax": "jax.nn.softmax(x, axis=-1)"},
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
    value=_log_softmax,
    jacobian_rule=lambda x, axis: _jacobian_of_log(np.moveaxis(_softmax(x, axis), axis, -1)),
    vjp_rule=_log_softmax_vjp,
    latex=r"\log\operatorname{softmax}(x)_i = x_i - \log\sum_j e^{x_j}",
    grad_latex=r"\frac{\partial y_i}{\partial x_j} = \delta_{ij} - \operatorname{softmax}(x)_j",
    frameworks={"pytorch": "torch.nn.LogSoftmax(dim=-1)", "keras": "keras.activations.log_softmax(x, axis=-1)",
                "tensorflow": "tf.nn.log_softmax(logits, axis=-1)", "jax": "jax.nn.log_softmax(x, axis=-1)"},
)


# --------------------------------------------------------------------------- gated linear units
def _product(*factors: np.ndarray) -> np.ndarray:
    """∏ factors, elementwise, taking its limits where IEEE arithmetic would warn or round through 0 or ∞:
    0 when a factor is 0 and none is infinite (even if the others overflow together), ±∞ when a factor
    is infinite and none is 0 (even if the others underflow together), NaN when a factor is 0 and
    another ±∞ (0·∞ is undefined: NaN without a warning, as for an all −∞ softmax lane) or one is NaN."""
    zero = reduce(np.logical_or, [f == 0 for f in factors])
    infinite = reduce(np.logical_or, [np.isinf(f) for f in factors])
    special = zero | infinite
    value = reduce(np.multiply, [np.where(special, np.sign(f), f) for f in factors])  # signs only where special
    unbounded = np.where(zero | np.isnan(value), np.nan, np.copysign(np.inf, value))
    return np.where(infinite, unbounded, value)


def _halves(name: str, x: np.ndarray, axis: int) -> list[np.ndarray]:
    size = x.shape[axis]
    if size % 2:
        raise ValueError(f"{name}: the input has size {size} along axis {axis}, which is odd; "
                         f"it must split into two halves a and b of equal size")
    return np.split(x, 2, axis=axis)


def _gated(name: str, gate, gate_grad) -> dict:
    """value, jacobian_rule and vjp_rule of y = a ⊙ gate(b), where [a; b] are the halves of x along the axis.

    ∂y_i/∂a_i = gate(b_i), ∂y_i/∂b_i = a_i·gate′(b_i), every other entry of the Jacobian is 0.
    """
    def value(x, axis):
        a, b = _halves(name, x, axis)
        return _product(a, gate(b))

    def jacobian(x, axis):
        a, b = (np.moveaxis(half, axis, -1) for half in _halves(name, x, axis))
        m = a.shape[-1]
        jac = np.zeros((*a.shape, 2 * m), dtype=x.dtype)
        i = np.arange(m)
        jac[..., i, i] = gate(b)
        jac[..., i, m + i] = _product(a, gate_grad(b))
        return jac

    def vjp(x, g, axis):
        a, b = _halves(name, x, axis)
        return np.concatenate([_product(g, gate(b)), _product(g, a, gate_grad(b))], axis=axis)

    return {"value": value, "jacobian_rule": jacobian, "vjp_rule": vjp}


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
    **_gated("reglu", _relu, _relu_grad),
    latex=r"\operatorname{ReGLU}(x) = a \odot \operatorname{ReLU}(b), \quad x = [a;\, b]",
    grad_latex=_JACOBIAN_OF_GATED.format(g=r"\operatorname{ReLU}"),
    frameworks={"pytorch": "none  # a, b = x.chunk(2, -1); a * F.relu(b)", "keras": "none", "tensorflow": "none",
                "jax": "none"},
)

geglu = VectorActivation(
    name="geglu",
    name_zh="GEGLU（GELU 门控线性单元）",
    name_en="GEGLU (GELU-gated linear unit)",
    summary_zh="a ⊙ GELU(b)：以精确 GELU 为门的 GLU 变体，用于 Transformer 的前馈层（如 T5 v1.1）。",
    summary_en="a ⊙ GELU(b): a GLU variant gated by the exact GELU, used in Transformer feed-forward layers (e.g. T5 v1.1).",
    **_gated("geglu", _gelu, _gelu_grad),
    latex=r"\operatorname{GEGLU}(x) = a \odot \operatorname{GELU}(b), \quad x = [a;\, b]",
    grad_latex=_JACOBIAN_OF_GATED.format(g=r"\operatorname{GELU}"),
    frameworks={"pytorch": "none  # a, b = x.chunk(2, -1); a * F.gelu(b)", "keras": "none", "tensorflow": "none",
                "jax": "none"},
)

swiglu = VectorActivation(
    name="swiglu",
    name_zh="SwiGLU（Swish 门控线性单元）",
    name_en="SwiGLU (Swish-gated linear unit)",
    summary_zh="a ⊙ SiLU(b)：以 Swish 为门的 GLU 变体，LLaMA、PaLM 等大语言模型的前馈层都采用它。",
    summary_en="a ⊙ SiLU(b): a GLU variant gated by Swish, the feed-forward activation of large language models such as LLaMA and PaLM.",
    **_gated("swiglu", _silu, _silu_grad),
    latex=r"\operatorname{SwiGLU}(x) = a \odot \operatorname{SiLU}(b), \quad x = [a;\, b]",
    grad_latex=_JACOBIAN_OF_GATED.format(g=r"\operatorname{SiLU}"),
    frameworks={"pytorch": "none  # a, b = x.chunk(2, -1); a * F.silu(b)", "keras": "none", "tensorflow": "none",
                "jax": "none"},
)
