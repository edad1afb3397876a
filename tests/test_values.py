"""f(x) against the mpmath references, in ulp: float64 and float32 on the full grid, float16 lighter.

Allowed error at x, in ulp of the exact value rounded to the dtype:  K + κ(x)  (the few
functions that need more are tabulated in LOOSER below, each with the reason),
with κ(x) = |x·f′(x)/f(x)| the condition number of f (an error of one ulp in an intermediate
such as βx or x + 3 moves the result by κ ulp, so no implementation can promise less).
Where the exact value is 0 or subnormal in the dtype the error is absolute: at most 4 smallest normals.
Where it overflows the dtype, the result must be that infinity exactly.
"""

import actlib
import numpy as np
import pytest

from reference import accuracy_failures, grid, param_grid

DTYPES = [np.float64, np.float32, np.float16]

# K, in ulp. float16 is computed in float32 and rounded once, so it is held to 1 ulp.
K = {np.float64: 4, np.float32: 4, np.float16: 1}

# Functions that need a looser bound than K + κ, with the reason:
#     name -> (extra ulp added to K, factor C on κ, why);  bound = K + extra + C·κ
LOOSER: dict[str, tuple[float, float, str]] = {}


def bound(name: str, dtype) -> tuple[float, float]:
    """(K + extra, C) for ``name`` in ``dtype``."""
    extra, factor, _ = LOOSER.get(name, (0, 1, ""))
    return K[dtype] + extra, factor


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_value_matches_reference(ew, dtype):
    xs = grid(dtype)
    got = actlib.get(ew)(xs)
    assert got.dtype == dtype and got.shape == xs.shape
    failures = accuracy_failures(ew, {}, xs, got, "value", *bound(ew, dtype))
    assert not failures, f"{ew} ({np.dtype(dtype).name}):\n" + "\n".join(failures)


def test_value_with_parameters_matches_reference(ew_params):
    name, params = ew_params
    xs = param_grid()
    got = actlib.get(name)(xs, **params)
    failures = accuracy_failures(name, params, xs, got, "value", *bound(name, np.float64))
    assert not failures, f"{name} {params}:\n" + "\n".join(failures)
