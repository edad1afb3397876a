"""The fuzz suites together reach every public callable of actlib, actlib.nn, actlib.data and the explorers.

Each of tests/test_fuzz_*.py names what it fuzzes in a set FUZZED ("actlib.relu.grad",
"actlib.nn.MLP.fit", …); a function, class or method added to the public API without a fuzz test
fails here. Public: defined in the module, name not starting with "_". The classes that define
an activation (Param, Interval, Option, Properties, Activation, VectorActivation) are checked when an
activation is created (tests/test_registry.py) and are not fuzzed; their instances' calls are.
"""

import inspect

import actlib
import actlib.data
import actlib.depth_explorer
import actlib.explorer
import actlib.nn

import test_fuzz_activations
import test_fuzz_depth_explorer
import test_fuzz_explorer
import test_fuzz_nn

DEFINITIONS = {"Activation", "VectorActivation", "Param", "Interval", "Option", "Properties"}


def entry_points(act) -> list[str]:
    methods = ("jacobian", "vjp") if isinstance(act, actlib.VectorActivation) else ("grad",)
    return [f"actlib.{act.name}", *(f"actlib.{act.name}.{m}" for m in methods)]


def public(module) -> set[str]:
    """Every public function and class defined in ``module``, and every public method of those classes
    (properties take no argument: they are read where the methods are fuzzed)."""
    found = set()
    for name, obj in vars(module).items():
        if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
            continue
        if inspect.isfunction(obj):
            found.add(f"{module.__name__}.{name}")
        elif inspect.isclass(obj) and not issubclass(obj, BaseException):
            found.add(f"{module.__name__}.{name}")
            found |= {f"{module.__name__}.{name}.{m}" for m, v in vars(obj).items()
                      if not m.startswith("_") and inspect.isfunction(v)}
    return found


def api() -> set[str]:
    kinds = (actlib.Activation, actlib.VectorActivation)
    top = {f"actlib.{n}" for n in actlib.__all__ if n not in DEFINITIONS and callable(getattr(actlib, n))
           and not isinstance(getattr(actlib, n), kinds)}     # activations and their aliases: below
    activations = {e for n in actlib.names() for e in entry_points(actlib.get(n))}
    return (top | activations | public(actlib.nn) | public(actlib.data) | public(actlib.explorer)
            | public(actlib.depth_explorer))


FUZZED = test_fuzz_activations.FUZZED | test_fuzz_nn.FUZZED | test_fuzz_explorer.FUZZED | test_fuzz_depth_explorer.FUZZED


def test_every_public_callable_is_fuzzed():
    missing = sorted(api() - FUZZED)
    assert not missing, f"no fuzz test for: {missing}"


def test_the_fuzz_suites_name_only_what_exists():
    assert not sorted(FUZZED - api()), "FUZZED names a callable that is not public API"
