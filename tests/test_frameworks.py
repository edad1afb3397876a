"""What each framework calls the activation and its defaults, and actlib's defaults = PyTorch's.

FACTS is written here from the published documentation (as the spec and DESIGN.md §3 record
it), independently of actlib: (activation, framework) -> substrings its framework string must
contain. The SELU constants are checked against the published digits and against the
self-normalizing fixed point solved numerically with mpmath (reference.selu_fixed_point).
"""

import importlib

import actlib
import pytest
from mpmath import mpf

import reference

FACTS = {
    ("leaky_relu", "pytorch"): ["LeakyReLU", "negative_slope=0.01"],
    ("leaky_relu", "keras"): ["LeakyReLU", "negative_slope=0.3"],      # Keras 3 layer default
    ("leaky_relu", "tensorflow"): ["leaky_relu", "alpha=0.2"],          # tf.nn.leaky_relu default
    ("leaky_relu", "jax"): ["leaky_relu", "negative_slope=0.01"],
    ("elu", "pytorch"): ["ELU", "alpha=1.0"],
    ("elu", "keras"): ["elu", "alpha=1.0"],
    ("elu", "jax"): ["elu", "alpha=1.0"],
    ("prelu", "pytorch"): ["PReLU", "init=0.25"],
    ("prelu", "keras"): ["PReLU", "alpha_initializer='zeros'"],
    ("prelu", "tensorflow"): ["PReLU", "alpha_initializer='zeros'"],
    ("thresholded_relu", "keras"): ["ThresholdedReLU", "theta=1.0"],
    ("thresholded_relu", "tensorflow"): ["ThresholdedReLU", "theta=1.0"],
    ("thresholded_relu", "pytorch"): ["Threshold", "threshold=1.0", "value=0.0"],
    ("celu", "pytorch"): ["CELU", "alpha=1.0"],
    ("celu", "keras"): ["celu", "alpha=1.0"],
    ("celu", "jax"): ["celu", "alpha=1.0"],
    ("softplus", "pytorch"): ["Softplus", "beta=1.0", "threshold=20.0"],
    ("rrelu", "pytorch"): ["RReLU", "lower=0.125", "upper=0.3333333333333333"],
    ("hard_shrink", "pytorch"): ["Hardshrink", "lambd=0.5"],
    ("hard_shrink", "keras"): ["hard_shrink", "threshold=0.5"],
    ("soft_shrink", "pytorch"): ["Softshrink", "lambd=0.5"],
    ("soft_shrink", "keras"): ["soft_shrink", "threshold=0.5"],
    ("squareplus", "keras"): ["squareplus", "b=4"],
    ("squareplus", "jax"): ["squareplus", "b=4"],
    ("gelu", "pytorch"): ["GELU", "approximate='none'"],
    ("gelu", "keras"): ["gelu", "approximate=False"],
    ("gelu", "tensorflow"): ["gelu", "approximate=False"],
    ("gelu", "jax"): ["gelu", "approximate=True"],                      # JAX defaults to the tanh form
    ("silu", "tensorflow"): ["silu", "beta=1.0"],
    ("softmax", "pytorch"): ["Softmax", "dim=-1"],
    ("softmax", "keras"): ["softmax", "axis=-1"],
    ("softmax", "tensorflow"): ["softmax", "axis=-1"],
    ("softmax", "jax"): ["softmax", "axis=-1"],
    ("log_softmax", "pytorch"): ["LogSoftmax", "dim=-1"],
    ("glu", "pytorch"): ["GLU", "dim=-1"],
    ("glu", "jax"): ["glu", "axis=-1"],
    ("relu", "pytorch"): ["ReLU"],
    ("selu", "pytorch"): ["SELU"],
}
# The spec's "none": the framework has no such activation.
NONE = [("identity", "jax"), ("prelu", "jax"), ("rrelu", "keras"), ("rrelu", "tensorflow"), ("rrelu", "jax"),
        ("thresholded_relu", "jax"), ("hard_shrink", "tensorflow"), ("hard_shrink", "jax"),
        ("soft_shrink", "tensorflow"), ("soft_shrink", "jax"), ("celu", "tensorflow"), ("mish", "tensorflow"),
        ("mish", "jax"), ("hard_swish", "tensorflow"), ("tanhshrink", "tensorflow"), ("tanhshrink", "jax"),
        ("squareplus", "pytorch"), ("squareplus", "tensorflow"), ("gaussian", "pytorch"), ("gaussian", "keras"),
        ("gaussian", "tensorflow"), ("gaussian", "jax"), ("glu", "tensorflow"),
        *[(g, fw) for g in ("reglu", "geglu", "swiglu") for fw in ("pytorch", "keras", "tensorflow", "jax")]]

# PyTorch's defaults (and the spec's where PyTorch has none); actlib's defaults must equal them.
PYTORCH_DEFAULTS = {
    "leaky_relu": {"alpha": 0.01}, "prelu": {"alpha": 0.25}, "elu": {"alpha": 1.0}, "celu": {"alpha": 1.0},
    "softplus": {"beta": 1.0}, "rrelu": {"lower": 1 / 8, "upper": 1 / 3, "training": False},
    "hard_shrink": {"threshold": 0.5}, "soft_shrink": {"threshold": 0.5}, "thresholded_relu": {"threshold": 1.0},
    "gelu": {"approximate": "none"}, "silu": {"beta": 1.0}, "softmax": {"temperature": 1.0, "axis": -1},
    "squareplus": {"beta": 4.0},  # jax.nn.squareplus / keras b=4 (PyTorch has none)
}


@pytest.mark.parametrize(("fn", "framework"), FACTS, ids=[f"{n}-{f}" for n, f in FACTS])
def test_framework_string_states_the_published_default(fn, framework):
    text = actlib.get(fn).frameworks[framework]
    missing = [s for s in FACTS[fn, framework] if s not in text]
    assert not missing, f"{fn} {framework}: {text!r} lacks {missing}"


@pytest.mark.parametrize(("fn", "framework"), NONE, ids=[f"{n}-{f}" for n, f in NONE])
def test_framework_without_the_activation_says_none(fn, framework):
    assert actlib.get(fn).frameworks[framework].startswith("none")


@pytest.mark.parametrize("fn", PYTORCH_DEFAULTS)
def test_defaults_are_pytorchs(fn):
    defaults = actlib.get(fn).defaults
    for key, value in PYTORCH_DEFAULTS[fn].items():
        assert defaults[key] == value and type(defaults[key]) is type(value), f"{fn}.{key} = {defaults[key]!r}"


def test_selu_published_constants_solve_the_fixed_point():
    alpha, scale = reference.selu_fixed_point()
    assert abs(alpha - mpf(reference.SELU_ALPHA)) < mpf("1e-30")
    assert abs(scale - mpf(reference.SELU_SCALE)) < mpf("1e-30")


def test_selu_module_constants():
    module = importlib.import_module("actlib.activations.exponential")
    assert module.SELU_ALPHA == float(reference.SELU_ALPHA)
    assert module.SELU_SCALE == float(reference.SELU_SCALE)
    alpha, scale = reference.selu_fixed_point()
    assert module.SELU_ALPHA == float(alpha) and module.SELU_SCALE == float(scale)
