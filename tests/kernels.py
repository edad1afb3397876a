"""The environment that holds NumPy and OpenBLAS to their AVX2 kernels, as on a processor without AVX-512.

Exp, log and sums differ in their last bits between the kernels, so what a notebook or a stored page
shows must not depend on those bits; the tests run it both ways (test_notebooks, test_depth_explorer).
"""

import pytest


def avx2_kernels() -> dict[str, str]:
    """Environment variables that keep NumPy (``NPY_DISABLE_CPU_FEATURES``) and OpenBLAS
    (``OPENBLAS_CORETYPE=Haswell``) to their AVX2 kernels on an x86 processor."""
    from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

    if not __cpu_features__.get("X86_V3"):
        pytest.skip("this processor has no AVX2 to hold the kernels to")
    beyond = [f for f in __cpu_dispatch__[__cpu_dispatch__.index("X86_V3") + 1:] if __cpu_features__[f]]
    return {"OPENBLAS_CORETYPE": "Haswell"} | ({"NPY_DISABLE_CPU_FEATURES": " ".join(beyond)} if beyond else {})
