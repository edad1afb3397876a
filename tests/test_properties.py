"""Every claim in ``act.properties`` checked numerically, both ways.

A True claim is verified on a dense grid; a False claim needs a counter-example found on that
grid; an observation that is neither (too close to call) fails as well. So flipping any single
property of any activation in the registry makes a test here fail. The evidence is actlib's own
float64 values and derivatives (their accuracy is test_values' and test_derivatives' business);
the claims for the families the spec tabulates are also compared with the spec's table, and the
computed minima with mpmath.
"""

import functools
import math

import actlib
import numpy as np
import pytest
from mpmath import mp, mpf
from scipy.optimize import minimize_scalar

import reference

INF = math.inf
H = 2.0**-10  # dense grid step; the grid holds every spec kink exactly
GRID = np.arange(-30.0, 30.0 + H / 2, H)
_FAR = np.array([31, 40, 50, 100, 700, 1e3, 1e4, 1e6, 1e10, 1e20, 1e100, 1e200, 1e300, 1e308,
                 np.finfo(np.float64).max, INF])
LINE = np.concatenate([-_FAR[::-1], GRID, _FAR])
EPS = np.finfo(np.float64).eps
JUMP = {0: 0.05, 1: 0.05, 2: 0.1}  # smooth variation per grid step stays < max|f^(k+1)|·H ≈ 0.006


@functools.cache
def _samples(name: str):
    act = actlib.get(name)
    return act, act(LINE), act.grad(GRID)


def _props(name):
    return actlib.get(name).properties


# --------------------------------------------------------------------------- range and boundedness
def _extremum(name: str, sign: int) -> float:
    """inf (sign=+1) or sup (sign=−1) of f over LINE, refined by a local search around the best point."""
    act, f, _ = _samples(name)
    values = sign * f
    i = int(np.argmin(values))
    best = float(values[i])
    if abs(LINE[i]) < 30:  # an interior extremum: polish it
        res = minimize_scalar(lambda t: sign * float(act(t)), bounds=(LINE[i - 1], LINE[i + 1]),
                              method="bounded", options={"xatol": 1e-12})
        best = min(best, float(res.fun))
    return sign * best


@pytest.mark.parametrize("side", [0, 1], ids=["inf", "sup"])
def test_range_is_the_infimum_and_supremum(ew, side):
    claimed = _props(ew).range[side]
    observed = _extremum(ew, +1 if side == 0 else -1)
    if math.isinf(claimed):
        assert observed == claimed or abs(observed) >= 1e300 and np.sign(observed) == np.sign(claimed), (
            f"{ew}: claims {'inf' if side == 0 else 'sup'} f = {claimed}, but f stays at {observed}")
    else:
        assert abs(observed - claimed) <= 1e-9 * max(1.0, abs(claimed)), (
            f"{ew}: claims {'inf' if side == 0 else 'sup'} f = {claimed!r}, observed {observed!r}")


def test_bounded(ew):
    _, f, _ = _samples(ew)
    biggest = float(np.max(np.abs(f)))
    if _props(ew).bounded:
        assert biggest < 1e300, f"{ew} claims bounded, but |f| reaches {biggest}"
    else:
        assert biggest >= 1e300, f"{ew} claims unbounded, but |f| ≤ {biggest} everywhere on the grid"


# --------------------------------------------------------------------------- shape
def test_monotonic(ew):
    _, f, _ = _samples(ew)
    with np.errstate(invalid="ignore"):  # inf − inf where f overflows at both ends of a step
        step = np.nan_to_num(np.diff(f), nan=0.0)
    noise = 4 * EPS * np.maximum(np.abs(f[:-1]), np.abs(f[1:]))
    if _props(ew).monotonic:
        bad = np.flatnonzero(step < -noise)
        assert bad.size == 0, f"{ew} claims monotonic but decreases after x = {LINE[bad[:5]]}"
    else:
        drops = np.flatnonzero(step < -np.maximum(1e-9, 10 * noise))
        assert drops.size, f"{ew} claims non-monotonic, but no decrease found on the grid"


def test_zero_centred(ew):
    act, _, _ = _samples(ew)
    xs = LINE[LINE > 0]
    a, b = act(xs), act(-xs)
    with np.errstate(invalid="ignore"):
        gap = np.where(np.isinf(a) & (a == -b), 0.0, np.abs(a + b))
    if _props(ew).zero_centred:
        bad = np.flatnonzero(gap > 4 * EPS * np.abs(a))
        assert bad.size == 0, f"{ew} claims odd, but f(−x) ≠ −f(x) at x = {xs[bad[:5]]}"
    else:
        found = np.flatnonzero(gap > 1e-6 * np.maximum(1.0, np.abs(a)))
        assert found.size, f"{ew} claims not odd, but f(−x) = −f(x) on the whole grid"


_FAR_SLOPES = np.array([1e10, 1e100, 1e300, np.finfo(np.float64).max])


@pytest.mark.parametrize("side", ["left", "right"])
def test_saturating(ew, side):
    act = actlib.get(ew)
    xs = _FAR_SLOPES * (-1 if side == "left" else 1)
    slopes = np.abs(act.grad(xs))
    if getattr(_props(ew), f"saturating_{side}"):
        assert np.all(slopes <= 1e-8), f"{ew} claims f′ → 0 on the {side}, but f′({xs}) = {slopes}"
    else:
        assert np.all(slopes >= 1e-3), f"{ew} claims no saturation on the {side}, but f′({xs}) = {slopes}"


def test_identity_near_zero(ew):
    act = actlib.get(ew)
    f0, g0 = float(act(0.0)), float(act.grad(0.0))
    g_near = act.grad(np.array([-1e-6, 1e-6]))
    if _props(ew).identity_near_zero:
        assert f0 == 0 and abs(g0 - 1) <= 1e-12 and np.all(np.abs(g_near - 1) <= 1e-5), (
            f"{ew} claims f(0) = 0, f′(0) = 1, but f(0) = {f0}, f′(0) = {g0}, f′(±1e-6) = {g_near}")
    else:
        assert abs(f0) > 1e-12 or abs(g0 - 1) > 1e-6 or np.any(np.abs(g_near - 1) > 1e-3), (
            f"{ew} claims not identity near 0, but f(0) = {f0}, f′(0) = {g0}, f′(±1e-6) = {g_near}")


def test_sparse(ew):
    _, f, _ = _samples(ew)
    zero_left = bool(np.all(f[LINE <= -20] == 0))
    zero_right = bool(np.all(f[LINE >= 20] == 0))
    if _props(ew).sparse:
        assert zero_left or zero_right, f"{ew} claims sparse, but f ≠ 0 somewhere beyond ±20 on both sides"
    else:
        assert not (zero_left or zero_right), f"{ew} claims not sparse, but f = 0 exactly on a half-line"


# --------------------------------------------------------------------------- continuity and kinks
@functools.cache
def _jumps(name: str) -> dict[int, np.ndarray]:
    """Where f (order 0), f′ (order 1) and f″ (order 2, from differences of f′) jump on GRID: by more than JUMP
    times the size of the values there, at least 1 (eˣ grows by the factor e^H per step, which is no jump)."""
    _, _, g = _samples(name)
    f = actlib.get(name)(GRID)
    s2 = np.diff(g) / H

    def jumps(v: np.ndarray, order: int) -> np.ndarray:
        return np.abs(np.diff(v)) > JUMP[order] * np.maximum(1, np.maximum(np.abs(v[:-1]), np.abs(v[1:])))

    mid = GRID[:-1] + H / 2
    return {0: mid[jumps(f, 0)], 1: mid[jumps(g, 1)], 2: GRID[1:-1][jumps(s2, 2)]}


def _observed_continuity(name: str) -> float:
    jumps = _jumps(name)
    return next((order - 1 for order in (0, 1, 2) if jumps[order].size), INF)


def _clusters(points: np.ndarray) -> list[float]:
    points = np.sort(points)
    out: list[list[float]] = []
    for p in points.tolist():
        if out and p - out[-1][-1] <= 4 * H:
            out[-1].append(p)
        else:
            out.append([p])
    return [float(np.median(c)) for c in out]


def test_continuity_order(ew):
    """C^k: f, …, f^(k) continuous and f^(k+1) jumps somewhere (−1: f jumps; INF: none up to f″)."""
    claimed, observed = _props(ew).continuity, _observed_continuity(ew)
    assert claimed == observed, (f"{ew} claims continuity {claimed}, observed {observed} "
                                 f"(jumps of f, f′, f″ at {[_clusters(j) for j in _jumps(ew).values()]})")


def test_kinks(ew):
    """The declared kinks are exactly the points where f, f′ or f″ jumps."""
    found = _clusters(np.concatenate(list(_jumps(ew).values())))
    declared = list(_props(ew).kinks)
    missing = [k for k in declared if not any(abs(k - p) <= 4 * H for p in found)]
    extra = [p for p in found if not any(abs(k - p) <= 4 * H for k in declared)]
    assert not missing and not extra, f"{ew}: declared kinks {missing} show no jump; jumps at {extra} not declared"


# --------------------------------------------------------------------------- the spec's own table
def _min_of(name: str, guess: float) -> float:
    """min f, where f′ = 0, from the mpmath reference."""
    r = reference.ref(name)
    return float(r.value(mp.findroot(r.deriv, mpf(guess))))


_SELU_MIN = -float(mpf(reference.SELU_SCALE) * mpf(reference.SELU_ALPHA))
_LEAKY = ((-INF, INF), True, 0, False, False, False, False, False, (0.0,))
# name: (range, monotonic, continuity, zero_centred, sat. left, sat. right, identity near 0, sparse, kinks)
SPEC_PROPERTIES = {
    "identity": ((-INF, INF), True, INF, True, False, False, True, False, ()),
    "relu": ((0, INF), True, 0, False, True, False, False, True, (0.0,)),
    "relu6": ((0, 6), True, 0, False, True, True, False, True, (0.0, 6.0)),
    "leaky_relu": _LEAKY, "prelu": _LEAKY, "rrelu": _LEAKY,
    "thresholded_relu": ((0, INF), True, -1, False, True, False, False, True, (1.0,)),
    "hard_shrink": ((-INF, INF), True, -1, True, False, False, False, False, (-0.5, 0.5)),
    "soft_shrink": ((-INF, INF), True, 0, True, False, False, False, False, (-0.5, 0.5)),
    "elu": ((-1, INF), True, 1, False, True, False, True, False, (0.0,)),
    "celu": ((-1, INF), True, 1, False, True, False, True, False, (0.0,)),
    "selu": ((_SELU_MIN, INF), True, 0, False, True, False, False, False, (0.0,)),
    "softplus": ((0, INF), True, INF, False, True, False, False, False, ()),
    "silu": ((-float(mp.lambertw(1 / mp.e).real), INF), False, INF, False, True, False, False, False, ()),
    "gelu": ((_min_of("gelu", -0.75), INF), False, INF, False, True, False, False, False, ()),
    "mish": ((_min_of("mish", -1.2), INF), False, INF, False, True, False, False, False, ()),
    "hard_swish": ((-0.375, INF), False, 0, False, True, False, False, True, (-3.0, 3.0)),
    "tanhshrink": ((-INF, INF), True, INF, True, False, False, False, False, ()),
    "squareplus": ((0, INF), True, INF, False, True, False, False, False, ()),
    "gaussian": ((0, 1), False, INF, False, True, True, False, False, ()),
}
_FIELDS = ("range", "monotonic", "continuity", "zero_centred", "saturating_left", "saturating_right",
           "identity_near_zero", "sparse", "kinks")


@pytest.mark.parametrize("fn", sorted(SPEC_PROPERTIES))
def test_properties_match_the_spec(fn):
    props = actlib.get(fn).properties
    wrong = []
    for field, expected in zip(_FIELDS, SPEC_PROPERTIES[fn]):
        got = getattr(props, field)
        if field == "range":
            ok = all(g == e or abs(g - e) <= 1e-12 * max(1, abs(e)) for g, e in zip(got, expected))
        elif field == "kinks":
            ok = sorted(got) == sorted(expected)
        else:
            ok = got == expected
        if not ok:
            wrong.append(f"{field}: {got!r}, spec says {expected!r}")
    assert not wrong, f"{fn}: " + "; ".join(wrong)


# --------------------------------------------------------------------------- saturation (actlib.saturated)
@pytest.mark.parametrize("side", ["left", "right"])
def test_saturated_sides_are_the_properties_at_the_defaults(ew, side):
    """actlib.saturating_sides (what the explorers shade) agrees with Properties.saturating_*."""
    act = actlib.get(ew)
    left, right = actlib.saturating_sides(act)
    assert (left if side == "left" else right) == getattr(act.properties, f"saturating_{side}")


@pytest.mark.parametrize("side", ["left", "right"])
def test_saturation_is_shaded_only_on_a_saturating_side(ew, side):
    """On [−30, 30] the saturated mask reaches an end exactly where the property says f′ → 0 there,
    and every saturated point has |f′| < actlib.SATURATION."""
    act = actlib.get(ew)
    mask = actlib.saturated(act, GRID)
    _, _, g = _samples(ew)
    assert np.all(np.abs(g[mask]) < actlib.SATURATION)
    end = mask[0] if side == "left" else mask[-1]
    assert bool(end) == getattr(act.properties, f"saturating_{side}")


def test_saturation_is_a_tail_not_a_dip():
    """SiLU's and GELU's minima of f′ (|f′| small near x ≈ −1.28 and x ≈ −0.75) and leaky ReLU's
    constant slope 0.01 are not saturation; the sigmoid's tails are, from |x| = logit(p) with
    σ(1 − σ) = s at p = (1 + √(1 − 4s))/2 (s = actlib.SATURATION)."""
    for name, dip in (("silu", -1.28), ("gelu", -0.75)):
        act = actlib.get(name)
        assert abs(float(act.grad(dip))) < actlib.SATURATION
        assert not actlib.saturated(act, GRID)[np.abs(GRID - dip) < 0.5].any()
    assert not actlib.saturated(actlib.leaky_relu, GRID).any()
    p = (1 + math.sqrt(1 - 4 * actlib.SATURATION)) / 2
    edge = math.log(p / (1 - p))
    mask = actlib.saturated(actlib.sigmoid, GRID)
    far = np.abs(np.abs(GRID) - edge) > 1e-9
    assert np.array_equal(mask[far], np.abs(GRID[far]) > edge)


def test_saturation_follows_the_parameters():
    """Leaky ReLU with α = 0 is the ReLU, saturated on the left; SiLU with β = 0 is x/2, nowhere."""
    assert actlib.saturating_sides(actlib.leaky_relu, alpha=0.0) == (True, False)
    assert actlib.saturated(actlib.leaky_relu, GRID, alpha=0.0)[GRID < 0].all()
    assert actlib.saturating_sides(actlib.silu, beta=0.0) == (False, False)
    assert not actlib.saturated(actlib.silu, GRID, beta=0.0).any()
