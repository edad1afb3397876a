"""Run a call form in its framework: resolve its path, apply it to a NumPy array, differentiate it.

One adapter per framework turns NumPy input into the framework's tensors and back. A layer (a class)
is built with the form's keywords and applied in inference mode (a PyTorch module in ``eval()``,
Keras with ``training=False``), where actlib's defaults apply; a function is called with the input
in the form's placeholder position(s) and the form's keywords. Keras runs on its TensorFlow backend.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any, Callable

import numpy as np

from actlib.frameworks import CallForm

MODULES = {"torch": "torch", "keras": "keras", "tf": "tensorflow", "jax": "jax"}


def resolve(path: str) -> Any:
    """The object at a dotted path (``tf.nn.relu``); AttributeError naming the missing part."""
    head, *rest = path.split(".")
    obj = importlib.import_module(MODULES[head])
    name = MODULES[head]
    for part in rest:
        name = f"{name}.{part}"
        if not hasattr(obj, part):
            try:
                importlib.import_module(name)
            except ImportError:
                raise AttributeError(f"{path}: {part!r} does not exist") from None
        obj = getattr(obj, part)
    return obj


def is_layer(obj: Any) -> bool:
    return inspect.isclass(obj)


def signature(obj: Any) -> inspect.Signature | None:
    """The signature of a function, or of a layer's ``__init__`` (``self`` dropped); None for a builtin."""
    try:
        sig = inspect.signature(obj.__init__ if is_layer(obj) else obj)
    except (TypeError, ValueError):
        return None
    params = [p for p in sig.parameters.values() if p.name != "self"]
    return sig.replace(parameters=params)


class Adapter:
    """Evaluate and differentiate call forms of one framework on NumPy arrays."""

    dtypes: tuple[type, ...] = (np.float32, np.float64)

    def tensor(self, x: np.ndarray) -> Any:
        raise NotImplementedError

    def numpy(self, y: Any) -> np.ndarray:
        return np.asarray(y)

    def layer(self, cls: type, keywords: dict, dtype: np.dtype) -> Callable:
        raise NotImplementedError

    def function(self, form: CallForm, keywords: dict) -> Callable:
        """The form as a function of its input tensor."""
        fn = resolve(form.path)
        if is_layer(fn):
            raise TypeError(f"{form}: a layer")
        return lambda t: fn(t, **keywords)

    def callable(self, form: CallForm, dtype: np.dtype, keywords: dict | None = None) -> Callable:
        """``t -> form(t)`` on this framework's tensors; ``keywords`` replace or add to the form's."""
        keywords = form.keywords | (keywords or {})
        obj = resolve(form.path)
        return self.layer(obj, keywords, dtype) if is_layer(obj) else self.function(form, keywords)

    def value(self, form: CallForm, x: np.ndarray, keywords: dict | None = None) -> np.ndarray:
        return self.numpy(self.callable(form, x.dtype, keywords)(self.tensor(x)))

    def vjp(self, form: CallForm, x: np.ndarray, g: np.ndarray, keywords: dict | None = None) -> np.ndarray:
        """gᵀ ∂f/∂x by the framework's automatic differentiation; g = 1 gives f′ of an elementwise f."""
        raise NotImplementedError


class Torch(Adapter):
    def __init__(self):
        import torch
        self.torch = torch

    def tensor(self, x):
        return self.torch.from_numpy(np.array(x))

    def numpy(self, y):
        return y.detach().numpy()

    def layer(self, cls, keywords, dtype):
        module = cls(**keywords).to(getattr(self.torch, np.dtype(dtype).name)).eval()
        return module

    def vjp(self, form, x, g, keywords=None):
        t = self.tensor(x).requires_grad_(True)
        y = self.callable(form, x.dtype, keywords)(t)
        (grad,) = self.torch.autograd.grad(y, t, grad_outputs=self.tensor(g))
        return grad.numpy()


class _TensorFlowBackend(Adapter):
    def __init__(self):
        import tensorflow as tf
        self.tf = tf

    def tensor(self, x):
        return self.tf.constant(x)

    def numpy(self, y):
        return np.asarray(y.numpy() if hasattr(y, "numpy") else y)

    def vjp(self, form, x, g, keywords=None):
        t = self.tensor(x)
        fn = self.callable(form, x.dtype, keywords)
        with self.tf.GradientTape() as tape:
            tape.watch(t)
            y = fn(t)
        grad = tape.gradient(y, t, output_gradients=self.tf.constant(g))
        return self.numpy(grad)


class TensorFlow(_TensorFlowBackend):
    def layer(self, cls, keywords, dtype):
        raise TypeError(f"{cls.__name__}: the TensorFlow column names operations, not layers (tf.keras is Keras)")


class Keras(_TensorFlowBackend):
    def layer(self, cls, keywords, dtype):
        built = cls(**keywords, dtype=np.dtype(dtype).name)
        return lambda t: built(t, training=False)


class Jax(Adapter):
    def __init__(self):
        import jax
        import jax.numpy as jnp
        self.jax, self.jnp = jax, jnp

    def tensor(self, x):
        return self.jnp.asarray(x)

    def layer(self, cls, keywords, dtype):
        raise TypeError(f"{cls.__name__}: jax has no layers")

    def vjp(self, form, x, g, keywords=None):
        _, pullback = self.jax.vjp(self.callable(form, x.dtype, keywords), self.tensor(x))
        return np.asarray(pullback(self.tensor(g))[0])


ADAPTERS = {"pytorch": Torch, "keras": Keras, "tensorflow": TensorFlow, "jax": Jax}
_MADE: dict[str, Adapter] = {}


def adapter(framework: str) -> Adapter:
    """The (shared) adapter of ``framework``."""
    if framework not in _MADE:
        _MADE[framework] = ADAPTERS[framework]()
    return _MADE[framework]
