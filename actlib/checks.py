"""Argument checks shared by ``actlib.nn`` and ``actlib.data``.

Each check returns the value in the form the caller computes with (an int, a float, a float64
array) or raises TypeError for a wrong type and ValueError for a value outside what is allowed.
Every message starts with the function (``who``), names the argument and says what is allowed:

    integer("xor", "n", 1.5, low=2)   TypeError:  xor: n must be an int, got float 1.5
    real("SGD", "lr", 0, POSITIVE)     ValueError: SGD: lr must lie in (0, ∞), got 0
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from .core import Interval

_FLOATS = (np.float16, np.float32, np.float64)


def describe(value: Any) -> str:
    """The type and a short repr of ``value``, for error messages."""
    return f"{type(value).__name__} {value!r:.40}"


def integer(who: str, name: str, value: Any, low: int, high: int | None = None) -> int:
    """``value`` as an int: a Python or numpy integer, not a bool, with low ≤ value ≤ high."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{who}: {name} must be an int, got {describe(value)}")
    value = int(value)
    if value < low or (high is not None and value > high):
        allowed = f"≥ {low}" if high is None else f"from {low} to {high}"
        raise ValueError(f"{who}: {name} must be an integer {allowed}, got {value}")
    return value


def real(who: str, name: str, value: Any, valid: Interval) -> float:
    """``value`` as a float: a Python or numpy real number, not a bool, lying in ``valid``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{who}: {name} must be a real number, got {describe(value)}")
    try:
        number = float(value)
    except OverflowError:
        raise ValueError(f"{who}: {name} must lie in {valid}, got an int too large for a float") from None
    if number not in valid:
        raise ValueError(f"{who}: {name} must lie in {valid}, got {value!r}")
    return number


def choice(who: str, name: str, value: Any, choices: tuple[str, ...]) -> str:
    """``value``, a str that is one of ``choices``."""
    allowed = ", ".join(choices)
    if not isinstance(value, str):
        raise TypeError(f"{who}: {name} must be one of {allowed} (a str), got {describe(value)}")
    if value not in choices:
        raise ValueError(f"{who}: {name} must be one of {allowed}, got {value!r:.40}")
    return value


def real_array(who: str, name: str, value: Any) -> np.ndarray:
    """``value`` as a float64 array; TypeError unless it holds bools, ints or float16/32/64 numbers."""
    allowed = "real numbers (bool, int, float16/32/64)"
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{who}: {name} must hold {allowed}, got {describe(value)}")
    try:
        array = np.asarray(value)
    except (ValueError, TypeError):
        raise TypeError(f"{who}: {name} must be a rectangular array of {allowed}") from None
    if array.dtype.kind not in "biu" and array.dtype.type not in _FLOATS:
        raise TypeError(f"{who}: {name} must hold {allowed}, got dtype {array.dtype}")
    return array.astype(np.float64, copy=False)


def first_bad_row(array: np.ndarray) -> int | None:
    """The index of the first row (along axis 0) holding NaN or ±inf, None when all is finite."""
    bad = ~np.isfinite(array.reshape(len(array), -1)).all(axis=1)
    return int(np.argmax(bad)) if bad.any() else None


def finite(who: str, name: str, array: np.ndarray) -> np.ndarray:
    """``array`` itself; ValueError naming the first row that holds NaN or ±inf."""
    row = first_bad_row(array) if array.ndim else (None if np.isfinite(array) else 0)
    if row is not None:
        shown = (array[row] if array.ndim else array).tolist()
        raise ValueError(f"{who}: {name} must be finite (no NaN or ±inf); row {row} holds {shown!r:.60}")
    return array


def matrix(who: str, name: str, value: Any, columns: int | None = None) -> np.ndarray:
    """``value`` as a finite float64 array of shape (rows ≥ 1, ``columns``), any columns ≥ 1 if None."""
    array = real_array(who, name, value)
    wanted = f"(rows, {columns})" if columns is not None else "(rows, columns)"
    if array.ndim != 2 or (columns is not None and array.shape[1] != columns) or array.shape[1] == 0:
        raise ValueError(f"{who}: {name} must be a 2-D array of shape {wanted}; got shape {array.shape}")
    if len(array) == 0:
        raise ValueError(f"{who}: {name} must have at least one row, got shape {array.shape}")
    return finite(who, name, array)
