"""PyTorch tensors as actlib's input: a plain CPU tensor (no grad) is read as its NumPy array and gives an ndarray;
one that requires grad, or that NumPy cannot read (bfloat16), is a TypeError that names the function, the argument
and what to pass instead. The same holds for parameters and for a VJP's grad_output."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import actlib

ELEMENTWISE = [n for n in actlib.names() if isinstance(actlib.get(n), actlib.Activation)]
VECTOR = [n for n in actlib.names() if isinstance(actlib.get(n), actlib.VectorActivation)]


def _entry_points(name: str, x: np.ndarray) -> dict:
    act = actlib.get(name)
    if isinstance(act, actlib.VectorActivation):
        g = np.ones(act(x).shape, x.dtype)
        return {"value": act, "jacobian": act.jacobian, "vjp": lambda v, **k: act.vjp(v, g, **k)}
    return {"value": act, "grad": act.grad}


def _same(a, b) -> bool:
    return type(a) is type(b) and np.asarray(a).dtype == np.asarray(b).dtype and np.array_equal(a, b, equal_nan=True)


@pytest.mark.parametrize("name", ELEMENTWISE + VECTOR)
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_a_plain_tensor_is_its_numpy_array(name, data):
    dtype = data.draw(st.sampled_from([np.float32, np.float64, np.int64]))
    elements = hnp.from_dtype(np.dtype(dtype), allow_nan=False) if dtype != np.int64 else st.integers(-1000, 1000)
    x = data.draw(hnp.arrays(dtype, st.sampled_from([(4,), (2, 4)]), elements=elements))
    tensor = torch.from_numpy(x.copy())
    for method, call in _entry_points(name, x).items():
        got = call(tensor)
        assert type(got) is np.ndarray, method
        assert _same(got, call(x)), method
        assert torch.equal(tensor, torch.from_numpy(x)), "the tensor was changed"


@pytest.mark.parametrize("name", ELEMENTWISE + VECTOR)
def test_a_tensor_that_requires_grad_is_a_type_error(name):
    x = torch.ones(2, 4, dtype=torch.float64, requires_grad=True)
    for method, call in _entry_points(name, np.ones((2, 4))).items():
        with pytest.raises(TypeError) as info:
            call(x)
        message = str(info.value)
        assert name in message and "NumPy" in message and "x.detach()" in message, message


@pytest.mark.parametrize("name", ELEMENTWISE + VECTOR)
def test_a_tensor_numpy_cannot_read_is_a_type_error(name):
    for method, call in _entry_points(name, np.ones((2, 4))).items():
        with pytest.raises(TypeError) as info:
            call(torch.ones(2, 4, dtype=torch.bfloat16))
        assert name in str(info.value) and "Tensor" in str(info.value), str(info.value)
        with pytest.raises(TypeError, match="complex"):
            call(torch.ones(2, 4, dtype=torch.complex64))


def test_a_zero_dimensional_tensor_gives_a_numpy_scalar():
    got = actlib.sigmoid(torch.tensor(0.5, dtype=torch.float32))
    assert type(got) is np.float32 and got == actlib.sigmoid(np.float32(0.5))


def test_tensors_as_parameters():
    x = np.array([[-1.0, 2.0, -3.0], [4.0, -5.0, -6.0]])
    alpha = torch.tensor([0.1, 0.2, 0.3], dtype=torch.float64)
    np.testing.assert_array_equal(actlib.prelu(x, alpha=alpha), actlib.prelu(x, alpha=alpha.numpy()))
    np.testing.assert_array_equal(actlib.elu(x, alpha=torch.tensor(0.5)), actlib.elu(x, alpha=0.5))
    with pytest.raises(TypeError, match=r"prelu: parameter alpha .*alpha\.detach\(\)"):
        actlib.prelu(x, alpha=torch.tensor([0.1, 0.2, 0.3], requires_grad=True))


def test_a_tensor_as_grad_output():
    x = np.array([[0.5, -1.0, 2.0, 3.0]])
    g = torch.tensor([[1.0, -2.0, 0.5, 0.25]], dtype=torch.float64)
    np.testing.assert_array_equal(actlib.softmax.vjp(x, g), actlib.softmax.vjp(x, g.numpy()))
    with pytest.raises(TypeError, match=r"softmax: grad_output .*grad_output\.detach\(\)"):
        actlib.softmax.vjp(x, g.clone().requires_grad_(True))


def test_a_detached_tensor_works_and_agrees_with_torch():
    x = torch.linspace(-4, 4, 9, dtype=torch.float64, requires_grad=True)
    np.testing.assert_allclose(actlib.silu(x.detach()), torch.nn.functional.silu(x).detach().numpy(), rtol=1e-15)
