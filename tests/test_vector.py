"""softmax, log_softmax and the GLU family: values, Jacobians and VJPs against mpmath, and their laws.

Values: error in ulp ≤ K + κᵢ, with κᵢ = Σⱼ |∂yᵢ/∂xⱼ·xⱼ| / |yᵢ| the componentwise condition
number (absolute, 4 smallest normals, where yᵢ is 0 or subnormal; for the GLU family also
where the gate g(b) is subnormal: 4·|a| smallest normals).
Jacobians and VJPs are compared normwise per lane: ‖J − J_ref‖ ≤ 8·eps·(1 + max κ)·S, with
S = max(‖J_ref‖, floor) and at least 4 smallest normals. The floor is what the spec's formulas
can reach: (diag y − y yᵀ)/T cancels where some yᵢ ≈ 1, so for softmax floor = max yᵢ²/T
(times ‖g‖ for the VJP); log_softmax's VJP g − softmax·Σg cancels likewise (floor ‖g‖).
"""

import warnings

import actlib
import numpy as np
import pytest
from mpmath import mp

import reference
from reference import GATES, to_mpf, ulp_error

K = 4
DTYPES = [np.float64, np.float32]
LAYOUTS = [((3, 6), -1), ((6, 4), 0), ((2, 4, 3), 1)]  # (shape, axis): the lane length is even everywhere
PARAMS = {"softmax": [{}, {"temperature": 0.25}, {"temperature": 3.0}]}


def _inputs(shape, dtype, seed, special=True, minus_inf=False) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = np.round(rng.uniform(-30, 30, shape) * 16) / 16  # dyadic, exact in every dtype
    flat = x.reshape(-1)
    if special:
        flat[:3] = [700.0, -700.0, 1e4]
    if minus_inf:
        flat[-1] = -np.inf
    return x.astype(dtype)


def _has_minus_inf(vec) -> bool:
    return vec in ("softmax", "log_softmax", "softmin", "sparsemax")


def _lanes(a, axis):
    a = np.moveaxis(np.asarray(a), axis, -1)
    return a.reshape(-1, a.shape[-1])


def _cases(vec):
    return [(p, shape, axis) for p in PARAMS.get(vec, [{}]) for shape, axis in LAYOUTS]


def _kappa(x_m, y_m, jac_m, i):
    if y_m[i] == 0:
        return 0.0
    return float(mp.fsum(abs(jac_m[i][j] * x_m[j]) for j in range(len(x_m))) / abs(y_m[i]))


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_value_matches_reference(vec, dtype):
    act = actlib.get(vec)
    bad = []
    for n, (params, shape, axis) in enumerate(_cases(vec)):
        x = _inputs(shape, dtype, n, minus_inf=_has_minus_inf(vec))
        y = act(x, axis=axis, **params)
        assert y.dtype == dtype
        for xl, yl in zip(_lanes(x, axis), _lanes(y, axis)):
            xm = [to_mpf(v) for v in xl]
            exact = reference.vector_value(vec, xm, **params)
            jac = reference.vector_jacobian(vec, xm, **params)
            assert len(yl) == len(exact)
            for i, (got, ex) in enumerate(zip(yl, exact)):
                err, absolute = ulp_error(got, ex, dtype)
                limit = 4 if absolute else K + _kappa(xm, exact, jac, i)
                if vec in GATES and abs(float(ex)) > 0:
                    gate = reference.ELEMENTWISE[GATES[vec]].value(xm[len(xm) // 2 + i])
                    if abs(reference.round_to(gate, dtype)) < np.finfo(dtype).tiny:  # a subnormal gate
                        absolute, limit = True, 4 * abs(float(xm[i]))
                        err = float(abs(to_mpf(float(got)) - ex)) / float(np.finfo(dtype).tiny)
                if err > limit:
                    bad.append(f"{params} lane {xl.tolist()} [{i}]: got {got!r}, exact {mp.nstr(ex, 17)}, "
                               f"{err:.3g} > {limit:.3g}")
    assert not bad, f"{vec}: {len(bad)} wrong, e.g.\n" + "\n".join(bad[:6])


def _normwise(vec, x, axis, params, got_lanes, rows_of, g=None):
    """Lanes whose ``got`` misses ``rows_of(x_m)`` (an mpmath matrix) normwise (see the module doc)."""
    dtype = x.dtype
    eps, tiny = float(np.finfo(dtype).eps), float(np.finfo(dtype).tiny)
    g_lanes = iter(_lanes(g, axis)) if g is not None else None
    bad = []
    for xl, gl in zip(_lanes(x, axis), got_lanes):
        xm = [to_mpf(v) for v in xl]
        exact = np.array([[float(v) for v in row] for row in rows_of(xm)], dtype=np.float64)
        y = reference.vector_value(vec, xm, **params)
        jac = reference.vector_jacobian(vec, xm, **params)
        kappa = max(_kappa(xm, y, jac, i) for i in range(len(y)))
        g_norm = float(np.max(np.abs(next(g_lanes)))) if g_lanes else 1.0
        floor = {"softmax": float(max(y)) ** 2 / params.get("temperature", 1.0) * g_norm,
                 "softmin": float(max(y)) ** 2 * g_norm,
                 "log_softmax": g_norm if g_lanes else 0.0}.get(vec, 0.0)
        allowed = max(8 * eps * (1 + kappa) * max(np.max(np.abs(exact)), floor), 4 * tiny)
        err = np.max(np.abs(gl.astype(np.float64) - exact))
        if not err <= allowed:
            bad.append(f"lane {xl.tolist()}: error {err:.3g}, allowed {allowed:.3g}")
    return bad


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_jacobian_matches_reference(vec, dtype):
    act = actlib.get(vec)
    bad = []
    for n, (params, shape, axis) in enumerate(_cases(vec)):
        x = _inputs(shape, dtype, 100 + n, minus_inf=_has_minus_inf(vec))
        jac = act.jacobian(x, axis=axis, **params)
        lanes = _lanes(x, axis)
        m = act(x, axis=axis, **params).shape[axis]  # half the lane for the GLU family, twice it for crelu
        assert jac.dtype == dtype
        assert jac.shape == (*np.moveaxis(x, axis, -1).shape[:-1], m, lanes.shape[1])
        got = jac.reshape(-1, m, lanes.shape[1])
        bad += _normwise(vec, x, axis, params, got, lambda xm: reference.vector_jacobian(vec, xm, **params))
    assert not bad, f"{vec}: " + "\n".join(bad[:6])


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_vjp_matches_reference(vec, dtype):
    act = actlib.get(vec)
    bad = []
    for n, (params, shape, axis) in enumerate(_cases(vec)):
        x = _inputs(shape, dtype, 200 + n, minus_inf=_has_minus_inf(vec))
        g = np.random.default_rng(n).uniform(-2, 2, act(x, axis=axis, **params).shape).astype(dtype)
        v = act.vjp(x, g, axis=axis, **params)
        assert v.dtype == dtype and v.shape == x.shape
        g_lanes = iter(_lanes(g, axis))

        def gT_J(xm):
            gl = next(g_lanes)
            jac = reference.vector_jacobian(vec, xm, **params)
            return [[mp.fsum(to_mpf(gl[i]) * jac[i][j] for i in range(len(jac))) for j in range(len(xm))]]

        bad += _normwise(vec, x, axis, params, [row[None, :] for row in _lanes(v, axis)], gT_J, g)
    assert not bad, f"{vec}: " + "\n".join(bad[:6])


def test_reference_jacobian_is_the_derivative_of_the_reference():
    """reference.py's Jacobians agree with central differences of its values (no actlib). No entry of x sits
    where a function has no derivative (0 for the ReLU gates and crelu, τ for sparsemax: here τ = 2.125)."""
    x = [to_mpf(v) for v in (-1.5, 0.25, 2.25, -0.75, 3.0, 0.5)]
    h = mp.mpf("1e-20")
    for name in reference.VECTOR:
        jac = reference.vector_jacobian(name, x)
        for j in range(len(x)):
            up = reference.vector_value(name, [v + h * (k == j) for k, v in enumerate(x)])
            down = reference.vector_value(name, [v - h * (k == j) for k, v in enumerate(x)])
            for i in range(len(up)):
                assert abs((up[i] - down[i]) / (2 * h) - jac[i][j]) < mp.mpf("1e-30"), (name, i, j)


# --------------------------------------------------------------------------- laws (float64 relations)
RNG = np.random.default_rng(7)
X = RNG.uniform(-8, 8, (4, 6))


def test_jacobian_matches_central_differences_of_the_values(vec):
    act = actlib.get(vec)
    h = 1e-6
    jac = act.jacobian(X)
    for j in range(X.shape[1]):
        e = np.zeros(X.shape[1])
        e[j] = h
        fd = (act(X + e) - act(X - e)) / (2 * h)
        np.testing.assert_allclose(jac[..., j], fd, rtol=1e-6, atol=1e-8, err_msg=f"column {j}")


def test_vjp_is_g_times_jacobian(vec):
    act = actlib.get(vec)
    for axis in (0, 1, -1):
        g = RNG.normal(size=act(X, axis=axis).shape)
        jac = act.jacobian(X, axis=axis)
        expected = np.moveaxis(np.einsum("...i,...ij->...j", np.moveaxis(g, axis, -1), jac), -1, axis)
        np.testing.assert_allclose(act.vjp(X, g, axis=axis), expected, rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_softmax_sums_to_one(dtype):
    x = _inputs((20, 7), dtype, 3)
    for axis in (0, 1):
        total = actlib.softmax(x, axis=axis).astype(np.float64).sum(axis=axis)
        assert np.all(np.abs(total - 1) <= 8 * np.finfo(dtype).eps)


@pytest.mark.parametrize("fn", ["softmax", "log_softmax"])
@pytest.mark.parametrize("shift", [700.5, 1024.0, -4096.0])
def test_shift_invariance(fn, shift):
    """f(x + c) = f(x); allowed: K ulp plus the condition number at x + c (≤ 2·max|x + c|)."""
    act = actlib.get(fn)
    x = _inputs((4, 6), np.float64, 4, special=False)  # x + shift is exact
    a, b = act(x), act(x + shift)
    eps = np.finfo(np.float64).eps
    big = np.max(np.abs(x + shift), axis=-1, keepdims=True)
    tol = (K * np.abs(a) + 2 * big * (np.abs(a) if fn == "softmax" else 1)) * eps + 4 * np.finfo(np.float64).tiny
    assert np.all(np.abs(a - b) <= tol), np.max(np.abs(a - b) / tol)


@pytest.mark.parametrize("temperature", [0.25, 0.5, 2.0, 4.0])
def test_temperature_divides_the_logits(temperature):
    x = _inputs((4, 6), np.float64, 5, special=False)
    np.testing.assert_allclose(actlib.softmax(x, temperature=temperature), actlib.softmax(x / temperature),
                               rtol=1e-14, atol=1e-300)
    jac = actlib.softmax.jacobian(x, temperature=temperature)
    np.testing.assert_allclose(jac, actlib.softmax.jacobian(x / temperature) / temperature, rtol=1e-13, atol=1e-300)


def test_temperature_limits():
    x = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(actlib.softmax(x, temperature=1e6), np.full(3, 1 / 3), rtol=1e-5)
    cold = actlib.softmax(x, temperature=0.01)
    assert cold[2] == 1.0 and np.all(cold[:2] < 1e-40)


def _silently(f, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return f(*args, **kwargs)


def test_softmax_infinite_entries():
    sm = actlib.softmax
    out = _silently(sm, np.array([-np.inf, 0.0, 1.0]))
    assert out[0] == 0.0
    np.testing.assert_allclose(out[1:], [float(reference.sigmoid(-1)), float(reference.sigmoid(1))], rtol=1e-15)
    np.testing.assert_array_equal(_silently(sm, np.array([np.inf, 1.0, np.inf, -np.inf])), [0.5, 0, 0.5, 0])
    np.testing.assert_array_equal(_silently(sm, np.array([np.inf, -np.inf])), [1.0, 0.0])
    assert np.all(np.isnan(_silently(sm, np.full((2, 3), -np.inf))))
    grads = _silently(sm.jacobian, np.array([-np.inf, 0.0, 0.0]))
    np.testing.assert_allclose(grads, [[0, 0, 0], [0, 0.25, -0.25], [0, -0.25, 0.25]], atol=1e-16)


def test_log_softmax_infinite_entries():
    out = _silently(actlib.log_softmax, np.array([-np.inf, 0.0, 0.0]))
    assert out[0] == -np.inf
    np.testing.assert_allclose(out[1:], -np.log(2), rtol=1e-15)
    np.testing.assert_allclose(_silently(actlib.log_softmax, np.array([np.inf, 1.0, np.inf])), [-np.log(2), -np.inf, -np.log(2)])


def test_softmin_and_sparsemax_infinite_entries():
    """softmin mirrors softmax's rules (−∞ entries share the mass, a lane of +∞ has none); sparsemax gives +∞ entries
    equal shares, −∞ entries 0, and a lane of −∞ no value."""
    np.testing.assert_array_equal(_silently(actlib.softmin, np.array([-np.inf, 1.0, -np.inf, np.inf])), [0.5, 0, 0.5, 0])
    assert np.all(np.isnan(_silently(actlib.softmin, np.full((2, 3), np.inf))))
    np.testing.assert_array_equal(_silently(actlib.sparsemax, np.array([np.inf, 1.0, np.inf, -np.inf])), [0.5, 0, 0.5, 0])
    np.testing.assert_array_equal(_silently(actlib.sparsemax, np.array([-np.inf, 0.25, 0.0])), [0, 0.625, 0.375])
    assert np.all(np.isnan(_silently(actlib.sparsemax, np.full((2, 3), -np.inf))))


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_sparsemax_with_several_entries_in_the_support(dtype):
    """Lanes of close entries, so that the support holds from one to all of them (the random lanes above mostly
    give a one-hot output): values within K + κ ulp of mpmath, outputs summing to 1, Jacobian normwise."""
    spread = np.geomspace(0.1, 4, 60)[:, None]              # lanes from nearly equal entries to far apart ones
    x = (np.round(np.random.default_rng(12).uniform(-1, 1, (60, 6)) * spread * 64) / 64).astype(dtype)
    y = actlib.sparsemax(x)
    sizes = {int(np.sum(lane > 0)) for lane in y}
    assert sizes == {1, 2, 3, 4, 5, 6}, f"support sizes {sorted(sizes)}"
    assert np.all(y >= 0) and np.all(np.abs(y.astype(np.float64).sum(-1) - 1) <= 8 * np.finfo(dtype).eps)
    bad = []
    for xl, yl in zip(x, y):
        xm = [to_mpf(v) for v in xl]
        exact, jac = reference.sparsemax(xm), reference.sparsemax_jacobian(xm)
        for i, (got, ex) in enumerate(zip(yl, exact)):
            err, absolute = ulp_error(got, ex, dtype)
            if err > (4 if absolute else K + _kappa(xm, exact, jac, i)):
                bad.append(f"{xl.tolist()} [{i}]: got {got!r}, exact {mp.nstr(ex, 17)}, {err:.3g} ulp")
    bad += _normwise("sparsemax", x, -1, {}, actlib.sparsemax.jacobian(x), reference.sparsemax_jacobian)
    assert not bad, "\n".join(bad[:6])


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_log_softmax_is_log_of_softmax(dtype):
    x = _inputs((6, 5), dtype, 6, special=False)
    got = actlib.log_softmax(x)
    for xl, gl in zip(x, got):
        xm = [to_mpf(v) for v in xl]
        with mp.workdps(mp.dps + 60):  # 1 − max softmax ≥ e^-60 here: log(softmax) keeps 50 digits
            exact = [+mp.log(v) for v in reference.softmax(xm)]
        jac = reference.log_softmax_jacobian(xm)
        for i, (g, e) in enumerate(zip(gl, exact)):
            err, absolute = ulp_error(g, e, dtype)
            assert err <= K + _kappa(xm, exact, jac, i), (xl, g, e, err)
    # exp turns an absolute error of a few ulp of |log p| into that relative error of p
    p = actlib.softmax(x)
    assert np.all(np.abs(np.exp(got) - p) <= (8 + 2 * np.abs(got)) * np.finfo(dtype).eps * p)


@pytest.mark.parametrize("dtype", DTYPES, ids=lambda d: np.dtype(d).name)
def test_two_class_softmax_is_sigmoid_of_difference(dtype):
    pairs = _inputs((200, 2), dtype, 8, special=False)
    p = actlib.softmax(pairs)[:, 0]
    d = pairs[:, 0] - pairs[:, 1]  # exact: dyadic inputs
    for (a, b), pi, di in zip(pairs, p, d):
        err, absolute = ulp_error(pi, reference.sigmoid(to_mpf(di)), dtype)
        kappa = (abs(float(a)) + abs(float(b))) * float(reference.sigmoid(-to_mpf(di)))  # of σ(a − b) in (a, b)
        assert err <= (4 if absolute else K + kappa), (a, b, pi)
    np.testing.assert_allclose(p, actlib.sigmoid(d), rtol=8 * np.finfo(dtype).eps * 8, atol=np.finfo(dtype).tiny)


@pytest.mark.parametrize("fn", sorted(GATES))
def test_glu_is_first_half_times_gate_of_second(fn):
    gate = actlib.get(GATES[fn])
    for axis in (0, 1, -1):
        x = _inputs((4, 6, 2), np.float64, 9, special=False)
        a, b = np.split(x, 2, axis=axis)
        np.testing.assert_allclose(actlib.get(fn)(x, axis=axis), a * gate(b), rtol=1e-15, atol=1e-300)
