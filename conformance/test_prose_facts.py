"""The framework facts the chapters state in prose, beyond the registry's entries: each test names the
section whose sentence it backs, so that a sentence and its check change together."""

import inspect
import math
import subprocess
import sys

import jax
import keras
import numpy as np
import optax
import pytest
import tensorflow as tf
import torch

import actlib

LOGITS = np.array([[2.0, -1.0, 0.5, 3.0], [-0.5, 0.0, 4.0, 1.0]])
LABELS = np.array([3, 1])
PROBS = np.array([[0.1, 0.2, 0.3, 0.4], [0.0, 0.5, 0.25, 0.25]])


def cross_entropy(logits, probs):
    """−Σ p log softmax(z), per row, from actlib."""
    return -(probs * actlib.log_softmax(logits, axis=-1)).sum(axis=-1)


def default(callable_, name):
    return inspect.signature(callable_).parameters[name].default


# §2.9: "its tanh is jax.numpy.tanh (jax.nn.tanh is merely an alias)".
def test_jax_nn_tanh_is_jax_numpy_tanh():
    assert jax.nn.tanh is jax.numpy.tanh


# §2.9: "The frameworks compute in float32 by default ... PyTorch prints only 4 decimals by default."
def test_the_frameworks_default_to_float32():
    assert torch.get_default_dtype() == torch.float32
    assert torch.tensor(1.0).dtype == torch.float32
    assert tf.constant(1.0).dtype == tf.float32
    assert keras.config.floatx() == "float32"
    # JAX without the float64 switch the suite turns on (conftest.py): a fresh process.
    code = "import jax.numpy as jnp; print(jnp.asarray(1.0).dtype)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() \
        == "float32"


def test_pytorch_prints_four_decimals():
    assert str(torch.tensor([0.123456789])) == "tensor([0.1235])"


# §2.11: "Keras's LSTM layer ... adds 1 to [the forget-gate bias] by default, unit_forget_bias=True".
def test_keras_lstm_adds_one_to_the_forget_bias_by_default():
    assert default(keras.layers.LSTM.__init__, "unit_forget_bias") is True
    layer = keras.layers.LSTM(3)
    layer.build((None, 5, 2))
    bias = np.asarray(layer.cell.bias)                     # gates i, f, c, o, 3 units each
    assert np.array_equal(bias, np.r_[np.zeros(3), np.ones(3), np.zeros(6)])


# §3.10: "torch.nn.init.kaiming_normal_(w, a=slope, nonlinearity='leaky_relu') does the same [He with the
# slope]; Keras's HeNormal covers only a = 0."
@pytest.mark.parametrize("slope", [0.0, 0.01, 0.25])
def test_kaiming_normal_is_he_with_the_leaky_slope(slope):
    assert torch.nn.init.calculate_gain("leaky_relu", slope) == pytest.approx(math.sqrt(2 / (1 + slope ** 2)), rel=1e-15)
    fan_in = 400
    w = torch.empty(2000, fan_in, dtype=torch.float64)
    torch.nn.init.kaiming_normal_(w, a=slope, nonlinearity="leaky_relu", generator=torch.Generator().manual_seed(0))
    assert w.std().item() == pytest.approx(math.sqrt(2 / ((1 + slope ** 2) * fan_in)), rel=0.01)


def test_keras_he_normal_has_no_slope():
    params = set(inspect.signature(keras.initializers.HeNormal).parameters)
    assert params.isdisjoint({"a", "alpha", "slope", "negative_slope", "nonlinearity", "gain", "scale"}), params
    w = np.asarray(keras.initializers.HeNormal(seed=0)((400, 2000), dtype="float64"))
    assert w.std() == pytest.approx(math.sqrt(2 / 400), rel=0.01)          # He for a = 0: std √(2 / fan_in)


# §5 (the frameworks): "PyTorch's Softmax should be given dim explicitly".
def test_pytorch_softmax_has_no_default_axis_and_warns_without_one():
    assert default(torch.nn.Softmax.__init__, "dim") is None
    with pytest.warns(UserWarning, match="Implicit dimension choice"):
        torch.nn.functional.softmax(torch.zeros(2, 3))


# §5 (cross-entropy from logits): every loss of the table takes logits and equals −Σ p log softmax(z);
# Keras's assumes probabilities unless from_logits=True.
def test_the_losses_from_logits():
    want_labels = cross_entropy(LOGITS, np.eye(4)[LABELS])
    want_probs = cross_entropy(LOGITS, PROBS)
    logits = torch.from_numpy(LOGITS)
    loss = torch.nn.CrossEntropyLoss(reduction="none")
    np.testing.assert_allclose(loss(logits, torch.from_numpy(LABELS)).numpy(), want_labels, rtol=1e-12)
    np.testing.assert_allclose(loss(logits, torch.from_numpy(PROBS)).numpy(), want_probs, rtol=1e-12)
    for cls in (keras.losses.CategoricalCrossentropy, keras.losses.SparseCategoricalCrossentropy):
        assert default(cls.__init__, "from_logits") is False
    np.testing.assert_allclose(
        keras.losses.CategoricalCrossentropy(from_logits=True, reduction=None)(PROBS, LOGITS), want_probs, rtol=1e-6)
    np.testing.assert_allclose(
        keras.losses.SparseCategoricalCrossentropy(from_logits=True, reduction=None)(LABELS, LOGITS), want_labels,
        rtol=1e-6)
    np.testing.assert_allclose(tf.nn.softmax_cross_entropy_with_logits(PROBS, LOGITS).numpy(), want_probs, rtol=1e-12)
    np.testing.assert_allclose(tf.nn.sparse_softmax_cross_entropy_with_logits(LABELS, LOGITS).numpy(), want_labels,
                               rtol=1e-12)
    np.testing.assert_allclose(optax.softmax_cross_entropy(LOGITS, PROBS), want_probs, rtol=1e-12)
    np.testing.assert_allclose(optax.softmax_cross_entropy_with_integer_labels(LOGITS, LABELS), want_labels,
                               rtol=1e-12)


# §7 (porting): every call of the chapter's snippets exists with the keywords written there and computes
# the exact GELU and the leaky ReLU with slope 0.01.
def test_the_porting_snippets_compute_what_they_say():
    x = np.linspace(-5, 5, 101)
    gelu, leaky = actlib.gelu(x), actlib.leaky_relu(x, alpha=0.01)
    t = torch.from_numpy(x)
    got = {
        "torch GELU": torch.nn.GELU(approximate="none")(t).numpy(),
        "torch LeakyReLU": torch.nn.LeakyReLU(negative_slope=0.01)(t).numpy(),
        "keras gelu": np.asarray(keras.activations.gelu(x, approximate=False)),
        "keras LeakyReLU": np.asarray(keras.layers.LeakyReLU(negative_slope=0.01)(x)),
        "tf gelu": tf.nn.gelu(x, approximate=False).numpy(),
        "tf leaky_relu": tf.nn.leaky_relu(x, alpha=0.01).numpy(),
        "jax gelu": np.asarray(jax.nn.gelu(x, approximate=False)),
        "jax leaky_relu": np.asarray(jax.nn.leaky_relu(x, negative_slope=0.01)),
    }
    for name, values in got.items():
        want = gelu if "gelu" in name.lower() else leaky
        np.testing.assert_allclose(values, want, rtol=1e-6, atol=1e-12, err_msg=name)


# §3.5: "Keras ... shared_axes=None learns one [α] per input element ..., and one per channel takes
# shared_axes=[1, 2] (images)"; PyTorch's num_parameters=1 shares one across the layer.
def test_prelu_alpha_counts():
    per_element, per_channel = keras.layers.PReLU(), keras.layers.PReLU(shared_axes=[1, 2])
    per_element.build((None, 4, 5, 3))
    per_channel.build((None, 4, 5, 3))
    assert tuple(per_element.alpha.shape) == (4, 5, 3)
    assert tuple(per_channel.alpha.shape) == (1, 1, 3)
    assert tuple(torch.nn.PReLU().weight.shape) == (1,)


# §3.7: "Keras 3 removed the layer; its replacements are the functions keras.activations.threshold ... and
# keras.activations.relu(x, threshold=θ)".
def test_keras_3_has_no_thresholded_relu_layer_but_its_functions():
    assert not hasattr(keras.layers, "ThresholdedReLU")
    x = np.array([-2.0, 0.5, 1.0, 1.5, 3.0])
    want = actlib.thresholded_relu(x, threshold=1.0)
    np.testing.assert_array_equal(np.asarray(keras.activations.threshold(x, 1.0, 0.0)), want)
    # relu(threshold=θ) keeps x = θ itself (x ≥ θ passes); away from θ it is the thresholded ReLU.
    np.testing.assert_array_equal(np.asarray(keras.activations.relu(x[x != 1.0], threshold=1.0)), want[x != 1.0])


def test_appendix_speed_pytorchs_functions_are_one_operator_each_but_two():
    """Appendix 精度与速度, the "why each miss" paragraph: each PyTorch peer of the speed benchmark is a single
    operator (one pass over the array) as torch.profiler records its call, except softsign and tanhshrink."""
    from torch.profiler import ProfilerActivity, profile

    from benchmarks import peers

    bookkeeping = {"aten::lift_fresh", "aten::detach", "aten::to", "aten::resolve_conj", "aten::resolve_neg",
                   "aten::new_full", "aten::new_ones"}       # the zero-copy wrap, and a parameter made once
    x = np.linspace(-3, 3, 101, dtype=np.float32)
    composed = set()
    for name, (value, _) in peers.TORCH.items():
        with profile(activities=[ProfilerActivity.CPU]) as prof:
            value(x)
        kernels = [e.name for e in prof.events() if e.cpu_parent is None and e.name not in bookkeeping]
        assert kernels, name
        if len(kernels) > 1:
            composed.add(name)
    assert composed == {"softsign", "tanhshrink"}
