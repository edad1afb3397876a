"""Every "none" of the registry is true: the framework's activation namespaces (vocabulary.SEARCHED) hold
nothing under the activation's name, its aliases or the other names it goes by (vocabulary.ALSO_CALLED),
ignoring case and underscores."""

import pytest

import actlib
from adapters import resolve
from cases import ids, nones
from vocabulary import ALSO_CALLED, SEARCHED

CASES = nones()


def normal(name: str) -> str:
    return name.lower().replace("_", "")


def public_names(namespace: str) -> list[str]:
    return [n for n in dir(resolve(namespace)) if not n.startswith("_")]


@pytest.mark.parametrize(("name", "framework"), CASES, ids=ids(CASES))
def test_a_none_is_true(name, framework):
    act = actlib.get(name)
    wanted = {normal(n) for n in (name, *act.aliases, *ALSO_CALLED.get(name, ()))}
    found = [f"{ns}.{n}" for ns in SEARCHED[framework] for n in public_names(ns) if normal(n) in wanted]
    assert not found, f"{name}: the registry says {framework} has none, but it has {found}"
