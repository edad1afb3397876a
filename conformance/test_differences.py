"""Every statement of ``act.differences`` is true: at its input, each of the framework's call forms gives
the stated result (in the stated dtype, or in float32 and float64), and actlib gives another."""

import numpy as np
import pytest

import actlib
from actlib.frameworks import actlib_keywords, forms
from adapters import adapter
from cases import DTYPES, ids, statements
from compare import close_enough, flushes_subnormals, framework_keywords, zero_signs_stable

CASES = statements()


def same(x, got, want, dtype) -> bool:
    """Equal as the statement means it: NaN for NaN, a zero of the same sign, else within the suite's bound."""
    got, want = np.asarray(got, dtype=np.float64), np.asarray(want, dtype=np.float64)
    zeros = (got == 0) & (want == 0)
    return bool(np.all(close_enough(x, got, want, dtype) & (~zeros | (np.signbit(got) == np.signbit(want)))))


@pytest.mark.parametrize(("name", "index", "framework"), CASES, ids=ids(CASES))
def test_a_stated_difference_holds(name, index, framework):
    act = actlib.get(name)
    statement = act.differences[index]
    for dtype in [d for d in DTYPES if statement.dtype in (None, np.dtype(d).name)]:
        x = np.asarray(statement.x, dtype=dtype)[None]          # one point, or one lane
        assert not (flushes_subnormals(framework) and np.any((x != 0) & (np.abs(x) < np.finfo(dtype).tiny))), (
            f"{name}: {statement} is at a subnormal input, which {framework} reads as 0")
        want = np.asarray(statement.result, dtype=np.float64)[None]
        for form in forms(act, framework):
            params = actlib_keywords(act, form)
            if not statement.grad and np.all(want == 0):
                assert zero_signs_stable(framework, form, dtype, framework_keywords(act, form)), (
                    f"{name}: {statement}, but {form} gives that zero's sign by the array's length")
            if statement.grad:
                got = adapter(framework).vjp(form, x, np.ones_like(x), framework_keywords(act, form))
                ours = act.grad(x, **params)
            else:
                got = adapter(framework).value(form, x, framework_keywords(act, form))
                ours = act(x, **params)
            where = f"{name}: {framework} {form}, {np.dtype(dtype).name}"
            assert same(x, got, want, dtype), f"{where}: the registry says {statement}, the framework gives {got[0].tolist()}"
            assert not same(x, ours, want, dtype), f"{where}: {statement} is no difference, actlib gives it too"
