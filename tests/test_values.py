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

from reference import accuracy_failures, evaluate, grid, param_grid, ulp_error

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


@pytest.mark.parametrize("which", ["value", "derivative"])
def test_gelu_in_float32_is_rounded_once_from_enough_digits(which):
    # float16/32 GELU and GELU′ sum shorter Taylor series than float64 does (actlib/activations/smooth.py): the
    # float64 they are rounded from must still be close enough that each float32 result is the correctly rounded
    # one, or misses it only where the exact value lies within a hair of a midpoint: half an ulp (of the smallest
    # normal where the result is subnormal), plus that hair.
    xs = grid(np.float32)
    values, derivatives = evaluate("gelu", xs, {})
    got, exact = (actlib.gelu(xs), values) if which == "value" else (actlib.gelu.grad(xs), derivatives)
    errors = [(ulp_error(g, e, np.float32)[0], x) for g, e, x in zip(got, exact, xs.tolist())]
    worst = max(errors)
    assert worst[0] <= 0.501, f"GELU {which} in float32: {worst[0]:.3g} ulp at x = {worst[1]!r}"
