"""The ``frameworks`` and ``differences`` entries as the book's own environment can check them, with no
framework installed: every entry parses, bad ones are refused at registration naming the activation,
actlib's defaults are PyTorch's, every stated difference is one, and the SELU constants.

Whether the entries are true of PyTorch, Keras, TensorFlow and JAX is the conformance suite's job
(``make conformance``, conformance/), in an environment that has them.
"""

import importlib
import math
import tomllib
from pathlib import Path

import numpy as np
import pytest
from mpmath import mpf

import actlib
import reference
from actlib.core import FRAMEWORKS, Activation, Properties
from actlib.frameworks import Differs, actlib_keywords, forms, parse
from tools import locks

NONE = {key: "none" for key in FRAMEWORKS}
ROOT = Path(__file__).resolve().parent.parent


def register(name, frameworks=NONE, differences=()):
    """Try to register a throwaway activation ``name`` with these entries."""
    return Activation(name=name, name_zh="试", name_en="trial", summary_zh="试", summary_en="trial", latex="x",
                      about_zh="试用。", about_en="A trial.",
                      value=lambda x: x, derivative=lambda x: x, grad_latex="1",
                      properties=Properties((-1, 1), True, 0, False, False, False, False),
                      frameworks=frameworks, differences=differences)


def test_every_entry_parses_into_call_forms(name):
    act = actlib.get(name)
    for key in FRAMEWORKS:
        for form in forms(act, key):
            assert form.path.split(".")[0] in ("torch", "keras", "tf", "jax") and form.text == str(form)


def test_a_call_form_is_read_by_its_parts():
    form = parse("keras.activations.threshold(x, threshold=threshold, default_value=0.0)", "keras", "trial")
    assert (form.path, form.called, form.inputs) == ("keras.activations.threshold", True, ("x",))
    assert form.keywords == {"default_value": 0.0} and form.passes == {"threshold": "threshold"}
    bare = parse("tf.nn.relu", "tensorflow", "trial")
    assert (bare.called, bare.inputs, bare.keywords) == (False, (), {})
    assert parse("torch.nn.GELU(approximate='none')", "pytorch", "trial").keywords == {"approximate": "none"}
    assert parse("jax.nn.gelu(x, approximate=True)", "jax", "trial").keywords == {"approximate": True}


@pytest.mark.parametrize(("frameworks", "message"), [
    (NONE | {"pytorch": "torch.nn.ReLU()  # a note"}, "holds no comment"),
    (NONE | {"pytorch": "keras.layers.ReLU()"}, "must start with torch"),
    (NONE | {"jax": "jax"}, "must start with jax."),
    (NONE | {"jax": "jax.numpy.heaviside(x, 1.0)"}, "input placeholder"),
    (NONE | {"jax": "jax.nn.relu(y)"}, "input placeholder"),
    (NONE | {"pytorch": "torch.nn.ELU(alpha=1.0 + 1)"}, "must be a literal"),
    (NONE | {"pytorch": "torch.nn.Threshold(threshold=theta, value=0.0)"}, "passes theta, which is not a parameter"),
    (NONE | {"pytorch": "torch.nn.ReLU(**kw)"}, "no \\*\\*keywords"),
    (NONE | {"pytorch": "torch.nn.ReLU("}, "is not a call form"),
    (NONE | {"pytorch": "torch.nn.ReLU()[0]"}, "dotted path"),
    (NONE | {"keras": ()}, "one or more call forms"),
    (NONE | {"keras": ("keras.activations.relu", "none")}, "no 'none'"),
    (NONE | {"keras": ("keras.activations.relu", "keras.activations.relu")}, "twice"),
    (NONE | {"keras": 3}, "must be a call form"),
    ({k: v for k, v in NONE.items() if k != "jax"}, "exactly the keys"),
    (NONE | {"mxnet": "none"}, "exactly the keys"),
])
def test_a_bad_frameworks_entry_is_refused_naming_the_activation(frameworks, message):
    with pytest.raises(ValueError, match=message) as error:
        register("trial_entry", frameworks)
    assert "trial_entry" in str(error.value)
    assert "trial_entry" not in actlib.names()


@pytest.mark.parametrize(("differences", "message"), [
    ((Differs("mxnet", 0.0, 1.0),), "must name frameworks that have"),
    ((Differs("pytorch", 0.0, 1.0),), "must name frameworks that have"),             # PyTorch: "none" here
    ((Differs("jax", 0.0, 1.0, dtype="float16"),), "dtype must be"),
    ((Differs("jax", (0.0, 1.0), 1.0),), "x and result: numbers"),
    ([Differs("jax", 0.0, 1.0)], "must be a tuple of Differs"),
])
def test_a_bad_difference_is_refused_naming_the_activation(differences, message):
    with pytest.raises(ValueError, match=message) as error:
        register("trial_difference", NONE | {"jax": "jax.nn.relu"}, differences)
    assert "trial_difference" in str(error.value)


def test_a_difference_reads_as_a_statement():
    assert str(Differs("pytorch", -0.0, -0.0)) == "f(\u22120) = \u22120"
    assert str(Differs("jax", 0.0, 1.0, grad=True)) == "f′(0) = 1"
    assert str(Differs("keras", math.inf, math.nan, dtype="float32")) == "float32: f(∞) = NaN"
    assert str(Differs("keras", (math.inf, 0.0), (math.nan, math.nan))) == "f(∞, 0) = (NaN, NaN)"


def test_every_stated_difference_is_one(name):
    """actlib's own result at a statement's input is not the framework's stated result."""
    act = actlib.get(name)
    for statement in act.differences:
        x = np.asarray(statement.x, dtype=statement.dtype or np.float64)
        ours = np.asarray(act.grad(x) if statement.grad else act(x), dtype=np.float64)
        stated = np.asarray(statement.result, dtype=np.float64)
        same = (np.isnan(ours) & np.isnan(stated)) | ((ours == stated) & (np.signbit(ours) == np.signbit(stated)))
        assert not same.all(), f"{name}: {statement} is what actlib gives too"


def test_actlib_defaults_are_the_pytorch_forms(name):
    """Each literal of a PyTorch call form that sets one of actlib's parameters is actlib's default."""
    act = actlib.get(name)
    for form in forms(act, "pytorch"):
        for key, value in actlib_keywords(act, form).items():
            default = act.defaults[key]
            assert value == default and type(value) is type(default), (
                f"{name}: {form} sets {key} = {value!r}, actlib's default is {default!r}")


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


def test_the_framework_table_shows_each_form_and_each_difference_with_actlib_s_result():
    from actlib.tables import framework_table

    row = framework_table([actlib.leaky_relu]).data.splitlines()[2]
    cells = [c.strip() for c in row.strip("|").split(" | ")]
    keras = cells[2].split("<br>")
    assert keras == [f"`{form}`" for form in actlib.leaky_relu.frameworks["keras"]]
    jax = cells[4].split("<br>")
    statements = [d for d in actlib.leaky_relu.differences if "jax" in d.keys]
    assert jax[1:] == [f"{d}, actlib: {float(actlib.leaky_relu.grad(d.x)):g}" for d in statements]


def test_the_conformance_environment_is_pinned_and_kept_apart():
    frameworks = locks.pins("requirements-frameworks.txt")
    assert frameworks["torch"] == "2.13.0+cpu" and {"tensorflow-cpu", "keras", "jax", "jaxlib", "pytest"} <= set(frameworks)
    assert frameworks["keras"].startswith("3.")
    book = {dep.split("==")[0].lower(): dep.split("==")[1]
            for dep in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]}
    assert all(frameworks[key] == book[key] for key in ("numpy", "scipy")), "numpy and scipy are the book's pins"
    for name in ("requirements.txt", "requirements-dev.txt"):
        assert not {"torch", "tensorflow", "tensorflow-cpu", "keras", "jax", "jaxlib"} & set(locks.pins(name)), name
