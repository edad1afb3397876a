"""f(x) against the mpmath references, in ulp: float64 and float32 on the full grid, float16 lighter.

Allowed error at x, in ulp of the exact value rounded to the dtype:  K + κ(x)  (K from
reference.K_ULP: 4 in float64 and float32, 1 in float16, which is computed wider and rounded once;
every function meets it, and the largest error each one actually reaches is tabulated by
`make bench` in benchmarks/results/latest.md),
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


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_value_matches_reference(ew, dtype):
    xs = grid(dtype)
    got = actlib.get(ew)(xs)
    assert got.dtype == dtype and got.shape == xs.shape
    failures = accuracy_failures(ew, {}, xs, got, "value")
    assert not failures, f"{ew} ({np.dtype(dtype).name}):\n" + "\n".join(failures)


def test_value_with_parameters_matches_reference(ew_params):
    name, params = ew_params
    xs = param_grid()
    got = actlib.get(name)(xs, **params)
    failures = accuracy_failures(name, params, xs, got, "value")
    assert not failures, f"{name} {params}:\n" + "\n".join(failures)
