"""The initialisation facts chapter 8 states, read from actlib.propagation's tables, against PyTorch and Keras:
every gain of TORCH_GAINS (§8.3 "calculate_gain"), σ_w² = gain² for PyTorch's initialisers (§8.3), the
warning and the comment behind the SELU gain (§8.3), Keras's VarianceScaling presets (§8.3 KERAS_PRESETS) and
the layers' default initialisations (§8.3 LAYER_DEFAULTS)."""

import inspect
import math

import keras
import numpy as np
import pytest
import torch

from actlib import propagation as prop

FAN_IN, FAN_OUT = 400, 2000          # 800 000 weights: a variance measured to well within 1 %


def _label(entry) -> str:
    return entry.nonlinearity + ("" if entry.param is None else f"-{entry.param:g}")


@pytest.mark.parametrize("entry", prop.TORCH_GAINS, ids=_label)
def test_calculate_gain_returns_the_gain_the_chapter_states(entry):
    assert torch.nn.init.calculate_gain(entry.nonlinearity, entry.param) == pytest.approx(entry.gain, rel=1e-15)


# §8.3: "initialisers such as kaiming_normal_ draw weights with standard deviation g/√n, so σ_w² = g²".
@pytest.mark.parametrize("entry", prop.TORCH_GAINS, ids=_label)
def test_kaiming_normal_draws_variance_gain_squared_over_fan_in(entry):
    w = torch.empty(FAN_OUT, FAN_IN, dtype=torch.float64)
    slope = 0.01 if entry.param is None else entry.param
    torch.nn.init.kaiming_normal_(w, a=slope, nonlinearity=entry.nonlinearity,
                                  generator=torch.Generator().manual_seed(0))
    assert w.var().item() * FAN_IN == pytest.approx(entry.sigma_w2, rel=0.01)


# §8.3: "its documentation warns that self-normalizing networks should use nonlinearity="linear" instead"
# and "a comment in PyTorch's source says the value was found empirically".
def test_pytorch_documents_the_selu_gain_as_a_trade_off():
    doc = " ".join(torch.nn.init.calculate_gain.__doc__.split())
    assert "Self-Normalizing Neural Networks" in doc
    assert "you should use ``nonlinearity='linear'`` instead of ``nonlinearity='selu'``" in doc
    source = inspect.getsource(torch.nn.init.calculate_gain)
    selu_branch = source[source.index('nonlinearity == "selu"'):]
    assert "empirically" in selu_branch.split("else")[0]


@pytest.mark.parametrize("preset", prop.KERAS_PRESETS, ids=lambda p: p.initializer)
def test_keras_presets_have_the_stated_scale_mode_and_distribution(preset):
    initializer = getattr(keras.initializers, preset.initializer)(seed=0)
    assert isinstance(initializer, keras.initializers.VarianceScaling)
    assert (initializer.scale, initializer.mode, initializer.distribution) == \
        (preset.scale, preset.mode, preset.distribution)
    fan = {"fan_in": FAN_IN, "fan_out": FAN_OUT, "fan_avg": (FAN_IN + FAN_OUT) / 2}[preset.mode]
    w = np.asarray(initializer((FAN_IN, FAN_OUT), dtype="float64"))      # Keras: (fan_in, fan_out)
    assert w.var() * fan == pytest.approx(preset.scale, rel=0.01)      # truncated, yet variance scale/fan


# §8.3 LAYER_DEFAULTS: torch.nn.Linear uses kaiming_uniform_(w, a=math.sqrt(5)), σ_w² = 1/3.
def test_torch_linear_default_is_kaiming_uniform_with_a_root_five(monkeypatch):
    default = next(d for d in prop.LAYER_DEFAULTS if d.framework == "PyTorch")
    calls = []
    original = torch.nn.init.kaiming_uniform_

    def recording(tensor, *args, **kwargs):
        calls.append(kwargs.get("a", args[0] if args else 0))
        return original(tensor, *args, **kwargs)

    monkeypatch.setattr(torch.nn.init, "kaiming_uniform_", recording)
    torch.manual_seed(0)
    layer = torch.nn.Linear(FAN_IN, FAN_OUT, dtype=torch.float64)
    assert calls and calls[0] == pytest.approx(math.sqrt(5), rel=1e-15)
    w = layer.weight.detach()
    assert w.abs().max().item() <= 1 / math.sqrt(FAN_IN)
    assert w.var().item() * FAN_IN == pytest.approx(default.sigma_w2, rel=0.01)


# §8.3 LAYER_DEFAULTS: keras.layers.Dense uses GlorotUniform, σ_w² = 2·fan_in/(fan_in + fan_out), 1 when square.
def test_keras_dense_default_is_glorot_uniform():
    default = next(d for d in prop.LAYER_DEFAULTS if d.framework == "Keras")
    layer = keras.layers.Dense(FAN_IN)
    layer.build((None, FAN_IN))
    assert type(layer.kernel_initializer) is keras.initializers.GlorotUniform
    assert default.initializer == "keras.initializers.GlorotUniform()"
    w = np.asarray(layer.kernel)
    assert w.var() * FAN_IN == pytest.approx(default.sigma_w2, rel=0.01)
