"""The registry lists every activation the four frameworks export (vocabulary.LISTED), or the export is
in vocabulary.NOT_ACTIVATIONS with the reason it is not one."""

import inspect
import warnings

import numpy as np
import pytest

import actlib
from actlib.core import FRAMEWORKS
from actlib.frameworks import forms
from adapters import adapter, resolve
from vocabulary import LISTED, NOT_ACTIVATIONS, PROBED


def _shaped_like_an_activation(framework: str, fn) -> bool:
    """Whether ``fn`` maps a float array of shape (2, 4), given alone, to one float array of rank 2."""
    x = adapter(framework).tensor(np.linspace(-2, 2, 8, dtype=np.float32).reshape(2, 4))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            y = np.asarray(adapter(framework).numpy(fn(x)))
    except Exception:       # noqa: BLE001 — it needs other arguments, or is no function of one array
        return False
    return y.ndim == 2 and y.dtype.kind == "f"


def exports(framework: str) -> dict[str, object]:
    """name -> object for everything LISTED exports that may be an activation."""
    found = {}
    for namespace in LISTED[framework]:
        module = resolve(namespace)
        names = getattr(module, "__all__", None) or [n for n in dir(module) if not n.startswith("_")]
        for name in names:
            obj = getattr(module, name)
            if inspect.ismodule(obj) and name not in NOT_ACTIVATIONS[framework]:
                continue
            if namespace in PROBED and (inspect.isclass(obj) or not _shaped_like_an_activation(framework, obj)):
                continue
            found[name] = obj
    return found


def covered(framework: str) -> set[int]:
    """id() of every object a registry call form names, with its twin (a PyTorch class and its function)."""
    objects = [resolve(form.path) for name in actlib.names() for form in forms(actlib.get(name), framework)]
    if framework == "pytorch":
        functional = resolve("torch.nn.functional")
        classes = {c.__name__.lower(): c for c in vars(resolve("torch.nn.modules.activation")).values()
                   if inspect.isclass(c)}
        twins = []
        for obj in objects:
            name = getattr(obj, "__name__", "").lower()
            twins += [classes.get(name)] + [getattr(functional, n) for n in dir(functional)
                                            if n.rstrip("_").replace("_", "") == name.replace("_", "")]
        objects += [t for t in twins if t is not None]
    return {id(o) for o in objects}


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_exported_activation_is_in_the_registry(framework):
    known = covered(framework)
    missing = sorted(name for name, obj in exports(framework).items()
                     if id(obj) not in known and name not in NOT_ACTIVATIONS[framework])
    assert not missing, (f"{framework} exports activations the registry lacks: {missing} (add them to the registry, "
                         f"or to vocabulary.NOT_ACTIVATIONS with the reason they are not activations)")


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_exclusion_is_exported_and_not_in_the_registry(framework):
    found = exports(framework)
    known = covered(framework)
    stale = sorted(name for name in NOT_ACTIVATIONS[framework] if name not in found or id(found[name]) in known)
    assert not stale, f"{framework}: vocabulary.NOT_ACTIVATIONS lists {stale}, which it does not export or the registry has"
