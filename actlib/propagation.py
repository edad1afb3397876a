"""Signal propagation through a deep random network (chapter 8): the mean-field variance map, the gain per
layer, and a plain numpy simulation of a wide random network that checks both.

A layer of width n computes z^{l+1} = W^{l+1} f(z^l) + b^{l+1} with W_ij ~ N(0, σ_w²/n) and b_i ~ N(0, σ_b²).
Over the random weights each z^{l+1}_i is a sum of n independent terms, close to normal, so one number per
layer, the variance q_l of its pre-activations, carries the forward signal, and one number per layer, the
gain χ_l, carries the backward one:

    variance map   q_{l+1} = V(q_l) = σ_w² E_{z~N(0, q_l)}[f(z)²] + σ_b²
    gain           χ_l = σ_w² E_{z~N(0, q_l)}[f′(z)²],       E[δ_l²] = χ_l E[δ_{l+1}²]

where δ_l = ∂L/∂z^l. A residual connection, z^{l+1} = z^l + α·(W f(z^l) + b), and a layer normalisation,
which rescales each example's z^l to mean 0 and variance 1 before f, change both (see :func:`mean_field`).

    from actlib import propagation as prop
    prop.variance_map("tanh", 1.0, sigma_w2=2.0)          # V(1) for tanh
    prop.gain("relu", 1.0, sigma_w2=2.0)                  # χ = 1: He initialisation
    prop.fixed_point("tanh", sigma_w2=2.0, sigma_b2=0.1)  # q*
    mf = prop.mean_field("tanh", 50, sigma_w2=2.0)        # mf.q, mf.chi, mf.grad over 50 layers
    sim = prop.simulate("tanh", 50, sigma_w2=2.0)         # the same, measured in a random network

Expectations over N(0, q) are written over the standard normal x = z/√q and computed by Gauss–Legendre
quadrature on panels of [−10, 10] (:func:`normal_expectation`): panels of width 1/2, finer ones where f
changes on its own scale (|z| ≈ 2^k for small k) and a cut at each kink of f (``act.properties.kinks``),
since a polynomial rule cannot follow a kink inside a panel. Gauss–Hermite quadrature, the textbook rule
for normal expectations, is the chapter's first attempt; its errors are measured there.

The framework facts of the chapter (what ``torch.nn.init.calculate_gain`` returns, the scale and mode of
Keras's initialisers, the layers' default initialisations) live in one place, :data:`TORCH_GAINS`,
:data:`KERAS_PRESETS` and :data:`LAYER_DEFAULTS`; conformance/test_gains.py checks them against the frameworks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.polynomial.legendre import leggauss
from threadpoolctl import threadpool_limits

from .checks import integer, real
from .core import NONNEGATIVE, POSITIVE, Activation, get

RANGE = 10.0            # x = z/√q from −RANGE to RANGE; the normal tail beyond holds less than 1e-22
PANEL = 0.5             # the widest panel, in units of x
NODES = 20              # Gauss–Legendre nodes per panel
_T, _V = leggauss(NODES)
_SCALES = 2.0 ** np.arange(-4, 7)           # where an activation changes on its own scale: |z| = 1/16 … 64
MOVES_A_KINK = ("threshold", "max_value")   # parameters that put a kink elsewhere than act.properties.kinks


# --------------------------------------------------------------------------- argument checks
def _activation(who: str, act: Any) -> Activation:
    """``act`` as an elementwise activation: an Activation, or the name of one."""
    if isinstance(act, str):
        try:
            act = get(act)
        except KeyError as error:
            raise ValueError(f"{who}: {error.args[0]}") from None
    if not isinstance(act, Activation):
        raise TypeError(f"{who}: act must be an elementwise activation or its name (actlib.tanh, \"tanh\"), "
                        f"got {type(act).__name__} {act!r:.40}")
    return act


def _parameters(who: str, act: Activation, params: dict) -> dict:
    """``params`` checked by the activation itself (names, ranges), each a single number."""
    for key in MOVES_A_KINK:
        if key in params and key in act.params and params[key] != act.params[key].default:
            raise ValueError(f"{who}: parameter {key} of {act.name} moves a kink away from act.properties.kinks, "
                             f"where the quadrature cuts; only its default {act.params[key].default:g} is supported")
    try:
        act(0.0, **params)
    except (TypeError, ValueError) as error:
        raise type(error)(f"{who}: {error}") from None
    for key, value in params.items():
        if np.ndim(value) != 0:
            raise ValueError(f"{who}: parameter {key} must be a single number here, got shape {np.shape(value)}")
    return params


def _variances(who: str, q: Any) -> np.ndarray:
    """``q`` (a number or an array) as float64 variances: finite and ≥ 0."""
    try:
        array = np.asarray(q)
    except ValueError:                           # a ragged list
        array = np.asarray(None)
    if array.dtype.kind not in "iuf":
        raise TypeError(f"{who}: q must be real numbers (an int, a float or an array of them), got "
                        f"{type(q).__name__} {q!r:.40}")
    array = array.astype(np.float64)
    if not np.all(np.isfinite(array)) or np.any(array < 0):
        raise ValueError(f"{who}: q must hold finite variances ≥ 0, got {q!r:.60}")
    return array


# --------------------------------------------------------------------------- expectations over N(0, q)
def _nodes(act: Activation, q: float) -> tuple[np.ndarray, np.ndarray]:
    """Quadrature nodes z and weights w with Σ w g(z) ≈ E_{z~N(0, q)}[g(z)] for q > 0."""
    s = math.sqrt(q)
    cuts = [0.0, *(k / s for k in act.properties.kinks), *(_SCALES / s), *(-_SCALES / s)]
    edges = np.unique(np.r_[np.arange(-RANGE, RANGE + PANEL / 2, PANEL),
                            [c for c in cuts if abs(c) < RANGE]])
    low, high = edges[:-1, None], edges[1:, None]
    x = (low + high) / 2 + (high - low) / 2 * _T
    w = (high - low) / 2 * _V * np.exp(-x * x / 2) / math.sqrt(2 * math.pi)
    return s * x.ravel(), w.ravel()


def _expect(act: Activation, q: float, params: dict, *gs) -> list[float]:
    """E_{z~N(0, q)}[g(z)²] for each g of ``gs`` (act, act.grad), on one set of nodes; arguments unchecked."""
    if q == 0:
        return [float(g(0.0, **params)) ** 2 for g in gs]
    z, w = _nodes(act, q)
    return [float(w @ np.asarray(g(z, **params), dtype=np.float64) ** 2) for g in gs]


def normal_expectation(act: Any, q: Any, derivative: bool = False, **params) -> float | np.ndarray:
    """E_{z~N(0, q)}[f(z)²], or E[f′(z)²] if ``derivative``; q a variance ≥ 0 or an array of them.

    At q = 0 the normal is the point 0 and the expectation is f(0)² (f′(0)²).
    """
    who = "normal_expectation"
    act = _activation(who, act)
    params = _parameters(who, act, params)
    q = _variances(who, q)
    if not isinstance(derivative, (bool, np.bool_)):
        raise TypeError(f"{who}: derivative must be True or False, got {type(derivative).__name__} {derivative!r:.40}")
    g = act.grad if derivative else act
    out = np.array([_expect(act, float(qi), params, g)[0] for qi in q.ravel()]).reshape(q.shape)
    return float(out) if out.ndim == 0 else out


def variance_map(act: Any, q: Any, sigma_w2: float, sigma_b2: float = 0.0, **params) -> float | np.ndarray:
    """V(q) = σ_w² E_{z~N(0, q)}[f(z)²] + σ_b²: the variance of the next layer's pre-activations."""
    who = "variance_map"
    sigma_w2 = real(who, "sigma_w2", sigma_w2, NONNEGATIVE)
    sigma_b2 = real(who, "sigma_b2", sigma_b2, NONNEGATIVE)
    return sigma_w2 * normal_expectation(act, q, **params) + sigma_b2


def gain(act: Any, q: Any, sigma_w2: float, **params) -> float | np.ndarray:
    """χ(q) = σ_w² E_{z~N(0, q)}[f′(z)²]: the factor by which one layer multiplies E[δ²] on the way back."""
    sigma_w2 = real("gain", "sigma_w2", sigma_w2, NONNEGATIVE)
    return sigma_w2 * normal_expectation(act, q, derivative=True, **params)


def fixed_point(act: Any, sigma_w2: float, sigma_b2: float = 0.0, q0: float = 1.0, rtol: float = 1e-12,
                max_layers: int = 20_000, **params) -> float:
    """q* = V(q*), the variance that layer after layer of V reaches from q0: an attracting fixed point.

    Stops when a layer changes q by less than rtol·q + 1e-14. ValueError when q grows without bound (no fixed
    point above q0) or has not settled after ``max_layers`` layers (at the edge q creeps towards q* by a power
    law; a repelling fixed point is never reached).
    """
    who = "fixed_point"
    act = _activation(who, act)
    params = _parameters(who, act, params)
    sigma_w2 = real(who, "sigma_w2", sigma_w2, NONNEGATIVE)
    sigma_b2 = real(who, "sigma_b2", sigma_b2, NONNEGATIVE)
    q = real(who, "q0", q0, NONNEGATIVE)
    rtol = real(who, "rtol", rtol, POSITIVE)
    max_layers = integer(who, "max_layers", max_layers, 1)
    for _ in range(max_layers):
        nxt = sigma_w2 * _expect(act, q, params, act)[0] + sigma_b2
        if not nxt < 1e300:
            raise ValueError(f"{who}: q grows without bound for {act.name} with sigma_w2={sigma_w2:g}, "
                             f"sigma_b2={sigma_b2:g}: no fixed point above q0={q0:g}")
        if abs(nxt - q) <= rtol * nxt + 1e-14:
            return nxt
        q = nxt
    raise ValueError(f"{who}: q has not settled after {max_layers} layers for {act.name} with sigma_w2={sigma_w2:g}, "
                     f"sigma_b2={sigma_b2:g} (q = {q:.3g}): at the edge it approaches q* by a power law")


def weight_variance_for(act: Any, q: float = 1.0, sigma_b2: float = 0.0, **params) -> float:
    """The σ_w² that makes q a fixed point, V(q) = q: (q − σ_b²) / E_{z~N(0, q)}[f(z)²]."""
    who = "weight_variance_for"
    q = real(who, "q", q, POSITIVE)
    sigma_b2 = real(who, "sigma_b2", sigma_b2, NONNEGATIVE)
    if sigma_b2 >= q:
        raise ValueError(f"{who}: sigma_b2 must be below q (the biases alone would exceed it), got {sigma_b2:g} ≥ {q:g}")
    return (q - sigma_b2) / normal_expectation(act, q, **params)


def critical_weight_variance(act: Any, q: float = 1.0, **params) -> float:
    """The σ_w² with gain χ(q) = 1 at the variance q: 1 / E_{z~N(0, q)}[f′(z)²]."""
    q = real("critical_weight_variance", "q", q, NONNEGATIVE)
    return 1.0 / normal_expectation(act, q, derivative=True, **params)


def edge_of_chaos(act: Any, q_star: Any, **params) -> tuple[np.ndarray, np.ndarray]:
    """The points (σ_w², σ_b²) of the order–chaos boundary, one per fixed point q*: those where q* = V(q*) and
    χ(q*) = 1, that is σ_w² = 1 / E[f′(z)²] and σ_b² = q* − σ_w² E[f(z)²] with z ~ N(0, q*).

    A negative σ_b² means that no network with real biases has that q* on the edge.
    """
    who = "edge_of_chaos"
    q_star = _variances(who, q_star)
    sigma_w2 = 1.0 / normal_expectation(act, q_star, derivative=True, **params)
    return sigma_w2, q_star - sigma_w2 * normal_expectation(act, q_star, **params)


# --------------------------------------------------------------------------- through L layers
@dataclass(frozen=True)
class Propagation:
    """Layer by layer, l = 1 … L (index l − 1): ``q`` the variance of the pre-activations z^l, ``chi`` the gain
    χ_l, ``grad`` the mean squared gradient E[(∂L/∂z^l)²] relative to the last layer's (so grad[-1] = 1), and,
    for a simulation, ``z`` the pre-activations themselves, shape (L, batch, width)."""

    q: np.ndarray
    chi: np.ndarray
    grad: np.ndarray
    z: np.ndarray | None = field(default=None, repr=False)


def _options(who: str, depth: Any, sigma_w2: Any, sigma_b2: Any, q1: Any, residual: Any, normalise: Any):
    depth = integer(who, "depth", depth, 1)
    sigma_w2 = real(who, "sigma_w2", sigma_w2, NONNEGATIVE)
    sigma_b2 = real(who, "sigma_b2", sigma_b2, NONNEGATIVE)
    q1 = real(who, "q1", q1, NONNEGATIVE)
    if residual is not None:
        residual = real(who, "residual", residual, NONNEGATIVE)
    if not isinstance(normalise, (bool, np.bool_)):
        raise TypeError(f"{who}: normalise must be True or False, got {type(normalise).__name__} {normalise!r:.40}")
    return depth, sigma_w2, sigma_b2, q1, residual, bool(normalise)


def _gradient(factors: np.ndarray) -> np.ndarray:
    """E[δ_l²] / E[δ_L²] = Π_{k ≥ l} factors[k] for l = 1 … L (the last factor is not used)."""
    return np.append(np.cumprod(factors[-2::-1])[::-1], 1.0) if factors.size > 1 else np.ones(1)


def mean_field(act: Any, depth: int, sigma_w2: float, sigma_b2: float = 0.0, q1: float = 1.0,
               residual: float | None = None, normalise: bool = False, **params) -> Propagation:
    """The variance map and the gain over ``depth`` layers, starting from Var(z¹) = q1.

    f sees q̂_l = 1 with ``normalise`` (layer normalisation before f), q_l without; its branch adds
    B_l = V(q̂_l) and passes gradients with G_l = χ(q̂_l) / (q_l if normalise else 1) (the normalisation
    divides them by the standard deviation it removed):

        plain                 q_{l+1} = B_l              E[δ_l²] = G_l E[δ_{l+1}²]
        residual=α            q_{l+1} = q_l + α² B_l     E[δ_l²] = (1 + α² G_l) E[δ_{l+1}²]
    """
    who = "mean_field"
    act = _activation(who, act)
    params = _parameters(who, act, params)
    depth, sigma_w2, sigma_b2, q, residual, normalise = _options(who, depth, sigma_w2, sigma_b2, q1, residual,
                                                                 normalise)
    qs, chis, factors = [], [], []
    for _ in range(depth):
        seen = 1.0 if normalise else q
        square, slope = _expect(act, seen, params, act, act.grad)
        branch, chi = sigma_w2 * square + sigma_b2, sigma_w2 * slope
        passed = chi / q if normalise else chi
        qs.append(q)
        chis.append(chi)
        factors.append(passed if residual is None else 1 + residual ** 2 * passed)
        q = branch if residual is None else q + residual ** 2 * branch
    return Propagation(np.array(qs), np.array(chis), _gradient(np.array(factors)))


def _layer_norm(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row of z rescaled to mean 0 and variance 1, and the standard deviations removed."""
    centred = z - z.mean(axis=1, keepdims=True)
    std = np.sqrt((centred ** 2).mean(axis=1, keepdims=True))
    return centred / std, std


def _layer_norm_backward(grad: np.ndarray, normed: np.ndarray, std: np.ndarray) -> np.ndarray:
    """∂L/∂z from ∂L/∂ẑ through ẑ = (z − mean) / std, row by row."""
    return (grad - grad.mean(axis=1, keepdims=True) - normed * (grad * normed).mean(axis=1, keepdims=True)) / std


@lru_cache(maxsize=128)
def _draws(seed: int, layer: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """The standard normal draws behind layer ``layer``'s weights (float32, twice as fast to draw) and biases,
    from their own stream of ``seed``. The last 128 layers' draws are kept (4·width² bytes each), so that
    networks of one seed and width, which share them, are drawn once."""
    rng = np.random.default_rng([seed, layer])
    weights, biases = rng.standard_normal((width, width), dtype=np.float32), rng.standard_normal(width)
    weights.flags.writeable = biases.flags.writeable = False
    return weights, biases


def _weights(seed: int, layer: int, width: int, sigma_w2: float, sigma_b2: float) -> tuple[np.ndarray, np.ndarray]:
    """Layer ``layer``'s W (N(0, σ_w²/n) entries) and b (N(0, σ_b²)): a network of the same seed and width has
    the same weights, up to their scale, whatever its depth, activation and σ's."""
    weights, biases = _draws(seed, layer, width)
    return np.multiply(weights, math.sqrt(sigma_w2 / width), dtype=np.float64), biases * math.sqrt(sigma_b2)


def simulate(act: Any, depth: int, sigma_w2: float, sigma_b2: float = 0.0, q1: float = 1.0, width: int = 500,
             batch: int = 16, seed: int = 0, residual: float | None = None, normalise: bool = False,
             inputs: Any = None, **params) -> Propagation:
    """What :func:`mean_field` predicts, measured in one random network of ``depth`` layers of ``width`` units.

    z¹ is ``inputs`` (shape (batch, width)) or drawn from N(0, q1). Layer l + 1 computes
    z^{l+1} = [z^l +] α·(W^{l+1} f(ẑ^l) + b^{l+1}) with ẑ^l = z^l, or z^l rescaled per example to mean 0 and
    variance 1 (``normalise``), and α = ``residual`` (1 and no z^l without one). The loss is a random linear
    read-out of the last layer, L = Σ g·z^L with g ~ N(0, 1) drawn from ``np.random.default_rng([seed])`` after
    z¹ (when z¹ is drawn), and is backpropagated exactly. ``q`` is the mean of (z^l)² over units and examples,
    ``grad`` the mean of (∂L/∂z^l)² relative to the last layer's, ``chi`` the measured σ_w² mean f′(ẑ^l)².

    Weights and biases come from ``seed``, layer by layer, so two calls with the same seed and width draw the
    same network (its draws are kept: see ``_draws``). The weights are kept for the backward pass:
    8·width²·(depth − 1) bytes (98 MB for 50 layers of 500).
    """
    who = "simulate"
    act = _activation(who, act)
    params = _parameters(who, act, params)
    depth, sigma_w2, sigma_b2, q1, residual, normalise = _options(who, depth, sigma_w2, sigma_b2, q1, residual,
                                                                  normalise)
    width = integer(who, "width", width, 2)
    batch = integer(who, "batch", batch, 1)
    seed = integer(who, "seed", seed, 0)
    with threadpool_limits(limits=1, user_api="blas"):     # small products: more threads only wait
        return _simulate(act, depth, sigma_w2, sigma_b2, q1, width, batch, seed, residual, normalise, inputs,
                         params)


def _simulate(act, depth, sigma_w2, sigma_b2, q1, width, batch, seed, residual, normalise, inputs, params):
    """The forward and the backward pass of :func:`simulate`, its arguments checked (``inputs`` here)."""
    who = "simulate"
    rng = np.random.default_rng([seed])
    if inputs is None:
        z = rng.standard_normal((batch, width)) * math.sqrt(q1)
    else:
        z = np.array(inputs, dtype=np.float64)
        if z.ndim != 2 or z.shape[1] != width or not np.all(np.isfinite(z)):
            raise ValueError(f"{who}: inputs must be a finite array of shape (batch, width={width}), got shape "
                             f"{z.shape}")
    alpha = 1.0 if residual is None else residual
    zs, seen, stds, weights = [z], [], [], []
    for layer in range(1, depth):
        normed, std = _layer_norm(z) if normalise else (z, None)
        W, b = _weights(seed, layer, width, sigma_w2, sigma_b2)
        branch = alpha * (np.asarray(act(normed, **params)) @ W.T + b)
        z = branch if residual is None else z + branch
        seen.append(normed)
        stds.append(std)
        weights.append(W)
        zs.append(z)
    last = zs[-1]
    seen.append(_layer_norm(last)[0] if normalise else last)
    delta = rng.standard_normal(last.shape)
    grads = [np.mean(delta ** 2)]
    for layer in range(depth - 1, 0, -1):
        back = alpha * np.asarray(act.grad(seen[layer - 1], **params)) * (delta @ weights[layer - 1])
        if normalise:
            back = _layer_norm_backward(back, seen[layer - 1], stds[layer - 1])
        delta = back if residual is None else delta + back
        grads.append(np.mean(delta ** 2))
    grad = np.array(grads[::-1])
    chi = np.array([sigma_w2 * np.mean(np.asarray(act.grad(s, **params)) ** 2) for s in seen])
    z = np.array(zs)
    return Propagation(np.mean(z ** 2, axis=(1, 2)), chi, grad / grad[-1], z)


# --------------------------------------------------------------------------- framework facts
@dataclass(frozen=True)
class TorchGain:
    """What ``torch.nn.init.calculate_gain(nonlinearity, param)`` returns, and the actlib activation it is for.

    PyTorch's initialisers draw weights with standard deviation gain/√fan, so σ_w² = gain² (fan = fan_in).
    """

    nonlinearity: str
    param: float | None
    gain: float
    latex: str
    act: str
    act_params: dict = field(default_factory=dict)

    @property
    def sigma_w2(self) -> float:
        return self.gain ** 2


TORCH_GAINS = (
    TorchGain("linear", None, 1.0, "1", "identity"),
    TorchGain("sigmoid", None, 1.0, "1", "sigmoid"),
    TorchGain("tanh", None, 5 / 3, r"5/3", "tanh"),
    TorchGain("relu", None, math.sqrt(2), r"\sqrt{2}", "relu"),
    TorchGain("leaky_relu", None, math.sqrt(2 / (1 + 0.01 ** 2)), r"\sqrt{2/(1 + 0.01^2)}", "leaky_relu",
              {"alpha": 0.01}),
    TorchGain("leaky_relu", 0.2, math.sqrt(2 / (1 + 0.2 ** 2)), r"\sqrt{2/(1 + 0.2^2)}", "leaky_relu",
              {"alpha": 0.2}),
    TorchGain("selu", None, 3 / 4, r"3/4", "selu"),
)


@dataclass(frozen=True)
class KerasPreset:
    """A Keras ``VarianceScaling`` preset: weights of variance scale / fan, fan by ``mode``.

    fan_in, fan_out, or fan_avg = (fan_in + fan_out)/2; in a square layer σ_w² = scale.
    """

    initializer: str
    scale: float
    mode: str
    distribution: str


KERAS_PRESETS = (
    KerasPreset("GlorotNormal", 1.0, "fan_avg", "truncated_normal"),
    KerasPreset("HeNormal", 2.0, "fan_in", "truncated_normal"),
    KerasPreset("LecunNormal", 1.0, "fan_in", "truncated_normal"),
)


@dataclass(frozen=True)
class LayerDefault:
    """The initialisation a framework's dense layer uses when it is given none, and its σ_w² in a square layer."""

    framework: str
    layer: str
    initializer: str
    sigma_w2: float
    latex: str


LAYER_DEFAULTS = (
    # kaiming_uniform_(a=√5): U(−b, b) with b = √(2/(1 + 5))·√(3/fan_in) = 1/√fan_in, variance b²/3.
    LayerDefault("PyTorch", "torch.nn.Linear", "torch.nn.init.kaiming_uniform_(w, a=math.sqrt(5))", 1 / 3, r"1/3"),
    # GlorotUniform: U(−b, b) with b = √(6/(fan_in + fan_out)), variance 2/(fan_in + fan_out).
    LayerDefault("Keras", "keras.layers.Dense", "keras.initializers.GlorotUniform()", 1.0, "1"),
)
