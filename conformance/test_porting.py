"""The framework facts of chapter 7's porting pitfalls (§7.4), against the installed frameworks: in-place
ReLU, the dense layers' default biases and the gain behind torch.nn.Linear's default, the initialisers that
reproduce Keras's Dense in PyTorch, and the two forms of GELU. The weight initialisations themselves (§8.3,
actlib.propagation.LAYER_DEFAULTS) are checked in test_gains.py."""

import inspect
import math

import jax
import keras
import numpy as np
import pytest
import torch

import actlib

FAN_IN, FAN_OUT = 400, 2000          # 800 000 weights: a variance measured to well within 1 %
GRID = np.linspace(-6, 6, 120_001)   # the grid of §7.4's GELU comparison


def default(callable_, name):
    return inspect.signature(callable_).parameters[name].default


# §7.4: "PyTorch writes the ReLU two ways: the module torch.nn.ReLU() ..., the function
# torch.nn.functional.relu(x) ..., and both compute the same function. Both take inplace, False by default".
def test_relu_module_and_function_compute_the_same_and_default_to_out_of_place():
    assert default(torch.nn.ReLU.__init__, "inplace") is False
    assert default(torch.nn.functional.relu, "inplace") is False
    t = torch.linspace(-3, 3, 61, dtype=torch.float64)
    before = t.clone()
    assert torch.equal(torch.nn.ReLU()(t), torch.nn.functional.relu(t))
    assert torch.equal(t, before)


# §7.4: "with True the result is written back into the memory of the input tensor ... here f(z) + z became
# 2f(z), and PyTorch raises no error, because the backward pass of a linear layer does not need the layer's
# own output z."
@pytest.mark.parametrize("relu", [lambda z: torch.nn.ReLU(inplace=True)(z),
                                  lambda z: torch.nn.functional.relu(z, inplace=True)], ids=["module", "function"])
def test_in_place_relu_overwrites_the_skip_branch_silently(relu):
    layer = torch.nn.Linear(8, 8, dtype=torch.float64)
    x = torch.randn(32, 8, dtype=torch.float64, generator=torch.Generator().manual_seed(0), requires_grad=True)
    z = layer(x)
    meant = torch.relu(z) + z
    out = relu(z) + z
    assert torch.equal(out, 2 * torch.relu(layer(x)))
    assert (out != meant).any()
    out.sum().backward()                                   # no error
    assert x.grad is not None


# §7.4: "Only when the overwritten tensor is one that an operation saved for its backward pass (the sigmoid
# saves its output, for instance) does PyTorch raise an error during the backward pass, saying that a
# variable 'has been modified by an inplace operation'."
def test_in_place_relu_over_a_saved_tensor_fails_in_the_backward_pass():
    x = torch.randn(32, 8, dtype=torch.float64, generator=torch.Generator().manual_seed(0), requires_grad=True)
    s = torch.sigmoid(x)
    torch.nn.functional.relu(s, inplace=True)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        s.sum().backward()


# §7.4: "a = √5 enters the gain formula g = √(2/(1 + a²)) as if it were a leaky ReLU's negative slope, and the
# weights are drawn uniformly from (−b, b) with b = g·√(3/n_in)".
def test_the_gain_behind_torch_linear_is_the_leaky_relu_gain_of_slope_root_five():
    gain = torch.nn.init.calculate_gain("leaky_relu", math.sqrt(5))
    assert gain == pytest.approx(math.sqrt(2 / (1 + 5)), rel=1e-15)
    w = torch.empty(FAN_OUT, FAN_IN, dtype=torch.float64)
    torch.nn.init.kaiming_uniform_(w, a=math.sqrt(5), generator=torch.Generator().manual_seed(0))
    bound = gain * math.sqrt(3 / FAN_IN)
    assert w.abs().max().item() <= bound
    assert w.abs().max().item() == pytest.approx(bound, rel=1e-3)         # the whole interval is used


# §7.4: "PyTorch draws [the biases] uniformly from (−1/√n_in, 1/√n_in) as well, Keras starts them at 0."
def test_torch_linear_bias_is_uniform_within_one_over_root_fan_in():
    torch.manual_seed(0)
    bias = torch.nn.Linear(FAN_IN, 200_000, dtype=torch.float64).bias.detach()
    bound = 1 / math.sqrt(FAN_IN)
    assert bias.abs().max().item() <= bound
    assert bias.abs().max().item() == pytest.approx(bound, rel=1e-3)
    assert bias.var().item() == pytest.approx(bound ** 2 / 3, rel=0.01)   # uniform: variance b²/3


def test_keras_dense_bias_starts_at_zero():
    assert default(keras.layers.Dense.__init__, "bias_initializer") == "zeros"
    layer = keras.layers.Dense(FAN_OUT)
    layer.build((None, FAN_IN))
    assert not np.asarray(layer.bias).any()


# §7.4: "to reproduce Keras's Dense in PyTorch, write torch.nn.init.xavier_uniform_(layer.weight) and
# torch.nn.init.zeros_(layer.bias)".
def test_xavier_uniform_and_zeros_reproduce_keras_dense_in_pytorch():
    layer = torch.nn.Linear(FAN_IN, FAN_OUT, dtype=torch.float64)
    torch.nn.init.xavier_uniform_(layer.weight, generator=torch.Generator().manual_seed(0))
    torch.nn.init.zeros_(layer.bias)
    dense = keras.layers.Dense(FAN_OUT, dtype="float64")
    dense.build((None, FAN_IN))
    torch_w, keras_w = layer.weight.detach().numpy(), np.asarray(dense.kernel)
    assert torch_w.shape == keras_w.T.shape                 # PyTorch (out, in), Keras (in, out)
    bound = math.sqrt(6 / (FAN_IN + FAN_OUT))               # Glorot uniform
    for w in (torch_w, keras_w):
        assert np.abs(w).max() <= bound
        assert np.abs(w).max() == pytest.approx(bound, rel=1e-3)
        assert w.var() == pytest.approx(bound ** 2 / 3, rel=0.01)
    assert not layer.bias.detach().numpy().any() and not np.asarray(dense.bias).any()


# §7.4: JAX's default GELU is the tanh form, PyTorch's the exact form, and they differ by the gap the
# chapter computes with actlib.gelu's two forms.
def test_jax_and_pytorch_default_gelus_differ_by_the_computed_gap():
    torch_default = torch.nn.GELU()(torch.from_numpy(GRID)).numpy()
    jax_default = np.asarray(jax.nn.gelu(GRID))
    assert np.abs(jax_default - torch_default).max() == pytest.approx(
        np.abs(actlib.gelu(GRID) - actlib.gelu(GRID, approximate="tanh")).max(), rel=1e-9)
    np.testing.assert_allclose(torch.nn.GELU(approximate="tanh")(torch.from_numpy(GRID)).numpy(), jax_default,
                               rtol=1e-12, atol=1e-14)      # the far left tail: 1 − tanh cancels


# §7.4: the Transformers library's gelu_new (NewGELUActivation) is
# 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))); "a GPT-2 taken from there into plain PyTorch needs
# nn.GELU(approximate="tanh"); nn.GELU() would be another function".
def test_gelu_new_is_pytorchs_tanh_form_and_not_its_default():
    x = torch.from_numpy(GRID)
    gelu_new = 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))
    torch.testing.assert_close(torch.nn.GELU(approximate="tanh")(x), gelu_new, rtol=1e-12, atol=1e-15)
    assert not torch.allclose(torch.nn.GELU()(x).float(), gelu_new.float())
