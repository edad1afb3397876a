"""The framework facts of chapter 5's low-precision sections (§5.12, §5.13), checked on the CPU: what
PyTorch's autocast does with a matrix product, softmax, log-softmax and the cross-entropy; that PyTorch's
16-bit softmax is the float32 one rounded once; where PyTorch's 16-bit exp, sigmoid and softplus give up
(the thresholds actlib.precision finds); Keras's mixed_bfloat16 policy; JAX's dtypes."""

import keras
import jax
import jax.numpy as jnp
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from actlib import precision

LOW = {"bfloat16": torch.bfloat16, "float16": torch.float16}


def section_logits():
    """The logits of §5.13: 8 rows over a vocabulary of 32 000, normal with standard deviation 3 (its seed)."""
    return 3.0 * np.random.default_rng(6).standard_normal((8, 32_000))


# §5.13: "Inside torch.autocast("cpu", dtype=torch.bfloat16) (and likewise with float16), a matrix product comes
# out in bfloat16; torch.softmax and torch.log_softmax are not promoted to float32 ...; cross_entropy computes in
# float32 and returns float32, exactly what it gives for the logits converted to float32 first. For float32
# probabilities: torch.softmax(x, dim=-1, dtype=torch.float32)."
@pytest.mark.parametrize("name", LOW)
def test_autocast_on_the_cpu(name):
    low = LOW[name]
    generator = torch.Generator().manual_seed(0)
    x, w = torch.randn(4, 16, generator=generator), torch.randn(16, 10, generator=generator)
    labels = torch.tensor([1, 0, 9, 3])
    with torch.autocast("cpu", dtype=low):
        logits = x @ w
        assert logits.dtype == low
        assert torch.softmax(logits, dim=-1).dtype == low
        assert torch.log_softmax(logits, dim=-1).dtype == low
        assert torch.nn.Softmax(dim=-1)(logits).dtype == low
        loss = F.cross_entropy(logits, labels, reduction="none")
        assert torch.softmax(logits, dim=-1, dtype=torch.float32).dtype == torch.float32
    assert loss.dtype == torch.float32
    assert torch.equal(loss, F.cross_entropy(logits.float(), labels, reduction="none"))


# §5.13: "PyTorch's CPU softmax of bfloat16 and float16 input is the 'float32 inside, rounded once' way: on this
# section's logits its output is, bit for bit, the float32 softmax rounded to the format."
@pytest.mark.parametrize("name", LOW)
def test_pytorch_16_bit_softmax_is_the_float32_one_rounded_once(name):
    stored = torch.from_numpy(section_logits()).to(LOW[name])
    assert torch.equal(torch.softmax(stored, dim=-1), torch.softmax(stored.float(), dim=-1).to(LOW[name]))


# §5.12: "PyTorch's float16 and bfloat16 torch.exp overflow and underflow at the same places as in the table, and
# its torch.sigmoid and softplus reach 1 and x there too."
@pytest.mark.parametrize("name", LOW)
def test_pytorch_16_bit_functions_give_up_at_the_tables_thresholds(name):
    def at(*xs):
        return torch.tensor(xs, dtype=LOW[name])

    def below(x):
        return precision.neighbour(x, name, -1)

    top = precision.exp_overflow(name)
    assert torch.isfinite(torch.exp(at(top))).all() and torch.isinf(torch.exp(at(precision.neighbour(top, name)))).all()
    bottom = precision.exp_underflow(name)
    assert torch.exp(at(below(bottom))).item() == 0 < torch.exp(at(bottom)).item()
    one = precision.sigmoid_saturation(name)
    assert torch.sigmoid(at(below(one))).item() < 1 == torch.sigmoid(at(one)).item()
    same = precision.softplus_identity(name)
    x = at(below(same), same)
    assert F.softplus(x).tolist() != x.tolist() and F.softplus(x)[1] == x[1]


# §5.13: "Keras's mixed_bfloat16 policy makes a layer compute in bfloat16 and keep its weights in float32; so
# keras.layers.Activation("softmax") outputs bfloat16 too, unless the layer is created with dtype="float32"."
def test_keras_mixed_bfloat16_policy():
    previous = keras.mixed_precision.global_policy()
    keras.mixed_precision.set_global_policy("mixed_bfloat16")
    try:
        dense, softmax, softmax32 = (keras.layers.Dense(5), keras.layers.Activation("softmax"),
                                     keras.layers.Activation("softmax", dtype="float32"))
        hidden = dense(np.ones((2, 3), np.float32))
        assert (dense.compute_dtype, dense.variable_dtype, dense.kernel.dtype) == ("bfloat16", "float32", "float32")
        assert keras.backend.standardize_dtype(hidden.dtype) == "bfloat16"
        assert keras.backend.standardize_dtype(softmax(hidden).dtype) == "bfloat16"
        assert keras.backend.standardize_dtype(softmax32(hidden).dtype) == "float32"
    finally:
        keras.mixed_precision.set_global_policy(previous)


# §5.13: "JAX's jax.nn.softmax and jax.nn.log_softmax return bfloat16 for bfloat16 input."
def test_jax_softmax_keeps_bfloat16():
    x = jnp.asarray(section_logits()[0], dtype=jnp.bfloat16)
    assert jax.nn.softmax(x).dtype == jnp.bfloat16
    assert jax.nn.log_softmax(x).dtype == jnp.bfloat16
