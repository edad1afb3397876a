"""Every call form of the registry names something that exists, with the keywords it has, and states
the defaults the installed framework has (inspect.signature of the function, or of the layer's
``__init__``)."""

import inspect

import pytest

from adapters import is_layer, resolve, signature
from cases import call_forms, form_of, ids

CASES = call_forms()


def _parameters(form):
    obj = resolve(form.path)
    sig = signature(obj)
    assert sig is not None or not (form.keywords or form.passes), (
        f"{form}: {form.path} has no signature to check its keywords against (a builtin): name a layer or a "
        f"Python function instead")
    return obj, sig


@pytest.mark.parametrize(("name", "framework", "index"), CASES, ids=ids(CASES))
def test_the_function_or_layer_and_its_arguments_exist(name, framework, index):
    form = form_of(name, framework, index)
    obj, sig = _parameters(form)
    assert callable(obj), f"{form}: {form.path} is not callable"
    if is_layer(obj):
        assert not form.inputs, f"{form}: a layer is built with keywords only; its input goes to the built layer"
    elif form.called:
        assert len(form.inputs) == 1, f"{form}: a function's form names its input once, first (x, features, …)"
    if sig is None:
        return
    params = sig.parameters
    takes_any = any(p.kind is p.VAR_KEYWORD for p in params.values())
    for key in [*form.keywords, *form.passes]:
        assert key in params or (takes_any and is_layer(obj) and key in ("dtype", "name")), (
            f"{form}: {form.path} has no argument {key!r} (it has: {', '.join(params)})")
    positional = [p for p in params.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    given = set(form.keywords) | set(form.passes) | {p.name for p in positional[:0 if is_layer(obj) else 1]}
    required = [p.name for p in params.values() if p.default is p.empty
                and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    missing = [p for p in required if p not in given]
    assert not missing, f"{form}: {form.path} also requires {missing}, which the form does not give"


@pytest.mark.parametrize(("name", "framework", "index"), CASES, ids=ids(CASES))
def test_each_stated_default_is_the_framework_s(name, framework, index):
    form = form_of(name, framework, index)
    _, sig = _parameters(form)
    if sig is None:
        return
    for key, stated in form.keywords.items():
        param = sig.parameters.get(key)
        if param is None or param.default is param.empty:
            continue            # a required argument: the value the form passes, checked by its results
        actual = param.default
        numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (stated, actual))
        assert stated == actual and (numbers or type(stated) is type(actual)), (
            f"{form}: the registry says {key}={stated!r}, {form.path} defaults to {key}={actual!r}")
