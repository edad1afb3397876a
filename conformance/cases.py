"""The suite's parameters, read from the registry: every activation, every framework, every call form.

Each test is parametrised by these, so an activation added to the registry is covered with no edit.
"""

from __future__ import annotations

import numpy as np

import actlib
from actlib.core import FRAMEWORKS
from actlib.frameworks import NONE, forms

DTYPES = (np.float32, np.float64)


def is_vector(act) -> bool:
    return isinstance(act, actlib.VectorActivation)


def call_forms() -> list[tuple[str, str, int]]:
    """(activation, framework, index of the call form) for every call form in the registry."""
    return [(name, fw, i) for name in actlib.names() for fw in FRAMEWORKS
            for i, _ in enumerate(forms(actlib.get(name), fw))]


def nones() -> list[tuple[str, str]]:
    """(activation, framework) wherever the registry says "none"."""
    return [(name, fw) for name in actlib.names() for fw in FRAMEWORKS if actlib.get(name).frameworks[fw] == NONE]


def statements() -> list[tuple[str, int, str]]:
    """(activation, index of the Differs statement, framework) for every statement and framework it names."""
    return [(name, i, fw) for name in actlib.names() for i, d in enumerate(actlib.get(name).differences)
            for fw in d.keys]


def ids(cases) -> list[str]:
    return ["-".join(str(part) for part in case) for case in cases]


def form_of(name: str, framework: str, index: int):
    return forms(actlib.get(name), framework)[index]
