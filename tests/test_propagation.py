"""actlib.propagation (chapter 8): the normal expectations against mpmath quadrature of the independent
references in reference.py, the closed forms (ReLU's q/2, He's 2, SELU's fixed point), fixed points and
the edge of chaos against mpmath root finding, the mean-field recursions against their closed forms, the
simulation's backward pass against finite differences of its own forward pass, and the simulation against
the mean field. The framework tables are checked against the frameworks in conformance/test_gains.py.
"""

import math

import numpy as np
import pytest
from mpmath import mp

import actlib
import reference
from actlib import propagation as prop

# (activation, parameters): smooth ones, kinked ones, parameters that change the shape
MOMENT_CASES = [("tanh", {}), ("sigmoid", {}), ("relu", {}), ("leaky_relu", {"alpha": 0.2}), ("elu", {}),
                ("elu", {"alpha": 0.5}), ("selu", {}), ("gelu", {}), ("gelu", {"approximate": "tanh"}),
                ("silu", {}), ("softplus", {"beta": 2.0}), ("identity", {}), ("relu6", {}), ("hard_tanh", {})]
VARIANCES = (1e-3, 0.3, 1.0, 7.0, 100.0)


def reference_moment(name: str, q: float, derivative: bool = False, **params) -> float:
    """E_{z~N(0,q)}[g(z)²], g the mpmath reference of f or f′, by mpmath quadrature cut at the kinks and near 0."""
    ref = reference.ref(name)
    g = ref.deriv if derivative else ref.value
    with mp.workdps(25):
        s = mp.sqrt(q)
        cuts = {mp.mpf(k) / s for k in ref.kinks(**params)} | {0, 1 / s, -1 / s, 3 / s, -3 / s}
        points = [-mp.inf, *sorted(cuts), mp.inf]
        return float(mp.quad(lambda x: g(s * x, **params) ** 2 * mp.exp(-x * x / 2), points) / mp.sqrt(2 * mp.pi))


def _id(case):
    name, params = case
    return name + "".join(f"[{k}={v}]" for k, v in params.items())


# ------------------------------------------------------------------------------ expectations
@pytest.mark.parametrize("case", MOMENT_CASES, ids=[_id(c) for c in MOMENT_CASES])
def test_normal_expectations_match_mpmath(case):
    act, params = case
    qs = np.array(VARIANCES)
    for derivative in (False, True):
        ours = prop.normal_expectation(act, qs, derivative=derivative, **params)
        exact = [reference_moment(act, q, derivative, **params) for q in VARIANCES]
        np.testing.assert_allclose(ours, exact, rtol=1e-12, atol=1e-300, err_msg=f"{act} derivative={derivative}")


@pytest.mark.parametrize("q", [0.01, 1.0, 3.0, 1e4])
def test_closed_forms_of_the_relu_family(q):
    for a in (0.0, 0.2, -0.5):
        assert prop.normal_expectation("leaky_relu", q, alpha=a) == pytest.approx((1 + a * a) * q / 2, rel=1e-13)
        assert prop.normal_expectation("leaky_relu", q, derivative=True, alpha=a) == pytest.approx((1 + a * a) / 2,
                                                                                                   rel=1e-13)
    assert prop.normal_expectation("relu", q) == pytest.approx(q / 2, rel=1e-13)
    assert prop.normal_expectation("identity", q) == pytest.approx(q, rel=1e-13)


def test_expectations_at_variance_zero_are_the_values_at_zero():
    assert prop.normal_expectation("sigmoid", 0.0) == 0.25
    assert prop.normal_expectation("tanh", 0.0, derivative=True) == 1.0
    np.testing.assert_allclose(prop.normal_expectation("relu", [0.0, 2.0]), [0.0, 1.0], rtol=1e-13, atol=0)


def test_the_selu_constants_give_variance_one_at_variance_one():
    """Klambauer et al. (2017) chose α and λ so that E[selu(z)²] = 1 for z ~ N(0, 1)."""
    assert prop.normal_expectation("selu", 1.0) == pytest.approx(1.0, rel=1e-13)
    assert prop.weight_variance_for("selu", 1.0) == pytest.approx(1.0, rel=1e-13)


def test_the_gauss_hermite_rule_is_what_fails_at_a_kink():
    """The chapter's reason for panels: 200-node Gauss–Hermite misses SELU's E[f′²] by far more than rounding."""
    x, w = np.polynomial.hermite_e.hermegauss(200)
    hermite = (w / math.sqrt(2 * math.pi)) @ actlib.selu.grad(x) ** 2
    exact = reference_moment("selu", 1.0, derivative=True)
    assert abs(hermite / exact - 1) > 1e-3
    assert prop.normal_expectation("selu", 1.0, derivative=True) == pytest.approx(exact, rel=1e-13)


# ------------------------------------------------------------------------------ initialisation
def test_he_and_xavier_come_out_of_the_two_conditions():
    for q in (0.1, 1.0, 10.0):
        assert prop.weight_variance_for("relu", q) == pytest.approx(2.0, rel=1e-13)
        assert prop.critical_weight_variance("relu", q) == pytest.approx(2.0, rel=1e-13)
        assert prop.weight_variance_for("leaky_relu", q, alpha=0.3) == pytest.approx(2 / 1.09, rel=1e-13)
        assert prop.critical_weight_variance("identity", q) == pytest.approx(1.0, rel=1e-13)
    assert prop.critical_weight_variance("tanh", 0.0) == 1.0
    assert prop.weight_variance_for("tanh", 1.0, sigma_b2=0.2) == pytest.approx(
        0.8 / reference_moment("tanh", 1.0), rel=1e-12)


def test_variance_map_and_gain_are_the_scaled_expectations():
    e2, d2 = reference_moment("gelu", 2.0), reference_moment("gelu", 2.0, derivative=True)
    assert prop.variance_map("gelu", 2.0, 1.7, 0.3) == pytest.approx(1.7 * e2 + 0.3, rel=1e-12)
    assert prop.gain("gelu", 2.0, 1.7) == pytest.approx(1.7 * d2, rel=1e-12)


# ------------------------------------------------------------------------------ fixed points, the edge
def test_fixed_point_of_tanh_matches_mpmath_root():
    sigma_w2, sigma_b2 = 2.0, 0.05
    with mp.workdps(20):
        exact = mp.findroot(lambda q: sigma_w2 * reference_moment("tanh", float(q)) + sigma_b2 - q, 0.7)
    assert prop.fixed_point("tanh", sigma_w2, sigma_b2) == pytest.approx(float(exact), rel=1e-10)


def test_fixed_point_of_relu_is_the_closed_form():
    assert prop.fixed_point("relu", 1.5, 0.1) == pytest.approx(0.1 / (1 - 1.5 / 2), rel=1e-10)
    assert prop.fixed_point("relu", 2.0, 0.0, q0=3.7) == pytest.approx(3.7, rel=1e-13)   # every q is fixed


def test_fixed_point_says_when_there_is_none_to_reach():
    with pytest.raises(ValueError, match=r"fixed_point: q grows without bound for relu"):
        prop.fixed_point("relu", 2.5)
    with pytest.raises(ValueError, match=r"fixed_point: q has not settled after 200 layers for tanh"):
        prop.fixed_point("tanh", 1.0, max_layers=200)       # the edge: q creeps to 0 as 1/l


@pytest.mark.parametrize("q_star", [0.01, 0.5, 2.0, 10.0])
def test_edge_of_chaos_points_have_gain_one_at_their_fixed_point(q_star):
    sigma_w2, sigma_b2 = prop.edge_of_chaos("tanh", q_star)
    expected_w2 = 1 / reference_moment("tanh", q_star, derivative=True)
    assert sigma_w2 == pytest.approx(expected_w2, rel=1e-12)
    assert sigma_b2 == pytest.approx(q_star - expected_w2 * reference_moment("tanh", q_star), rel=1e-10, abs=1e-14)
    reached = prop.fixed_point("tanh", float(sigma_w2), float(sigma_b2))
    assert reached == pytest.approx(q_star, rel=1e-8)
    assert prop.gain("tanh", reached, float(sigma_w2)) == pytest.approx(1.0, rel=1e-8)


def test_the_edge_of_relu_is_he_without_biases():
    sigma_w2, sigma_b2 = prop.edge_of_chaos("relu", [0.1, 1.0, 10.0])
    np.testing.assert_allclose(sigma_w2, 2.0, rtol=1e-13)
    np.testing.assert_allclose(sigma_b2, 0.0, atol=1e-12)


# ------------------------------------------------------------------------------ mean field
def test_mean_field_of_relu_is_geometric():
    depth, sigma_w2 = 30, 1.5
    mf = prop.mean_field("relu", depth, sigma_w2, q1=2.0)
    ratio = sigma_w2 / 2
    np.testing.assert_allclose(mf.q, 2.0 * ratio ** np.arange(depth), rtol=1e-12)
    np.testing.assert_allclose(mf.chi, ratio, rtol=1e-13)
    np.testing.assert_allclose(mf.grad, ratio ** np.arange(depth - 1, -1, -1), rtol=1e-12)
    assert mf.grad[-1] == 1.0


def test_mean_field_with_a_residual_connection_adds_the_branch():
    depth, alpha = 20, 0.3
    mf = prop.mean_field("relu", depth, 2.0, residual=alpha)
    growth = 1 + alpha ** 2                                   # q_{l+1} = q_l + α²·2·q_l/2
    np.testing.assert_allclose(mf.q, growth ** np.arange(depth), rtol=1e-12)
    np.testing.assert_allclose(mf.grad[0], growth ** (depth - 1), rtol=1e-12)


def test_mean_field_with_layer_normalisation_sees_variance_one():
    mf = prop.mean_field("relu", 10, 3.0, q1=4.0, normalise=True)
    np.testing.assert_allclose(mf.q[1:], 1.5, rtol=1e-13)    # V(1) = σ_w²/2 after every normalised layer
    np.testing.assert_allclose(mf.chi, 1.5, rtol=1e-13)      # f always sees variance 1
    factors = mf.grad[:-1] / mf.grad[1:]
    np.testing.assert_allclose(factors, 1.5 / mf.q[:-1], rtol=1e-12)   # χ(1) / q_l
    pre_norm = prop.mean_field("relu", 10, 2.0, residual=1.0, normalise=True)
    np.testing.assert_allclose(pre_norm.q, 1.0 + np.arange(10), rtol=1e-12)   # each block adds V(1) = 1


# ------------------------------------------------------------------------------ simulation
def _loss(act, z1, depth, sigma_w2, readout, **kwargs):
    """Σ g·z^L of the network simulate draws, for the inputs z1."""
    z = prop.simulate(act, depth, sigma_w2, width=z1.shape[1], batch=z1.shape[0], inputs=z1, **kwargs).z[-1]
    return float(np.sum(readout * z))


@pytest.mark.parametrize("options", [{}, {"residual": 0.7}, {"normalise": True},
                                     {"residual": 1.0, "normalise": True, "sigma_b2": 0.3}],
                         ids=["plain", "residual", "layer-norm", "pre-norm"])
def test_simulated_gradient_is_the_derivative_of_the_loss(options):
    """simulate's backward pass against central differences of its own forward pass (the read-out g is the
    standard normal draw of default_rng([seed]) that follows the given inputs, as simulate documents)."""
    seed, depth, width, sigma_w2 = 4, 5, 6, 1.8
    z1 = np.random.default_rng(99).standard_normal((1, width))
    readout = np.random.default_rng([seed]).standard_normal((1, width))
    sim = prop.simulate("tanh", depth, sigma_w2, width=width, batch=1, seed=seed, inputs=z1, **options)
    h, grad = 1e-6, np.empty(width)
    for j in range(width):
        step = np.zeros_like(z1)
        step[0, j] = h
        grad[j] = (_loss("tanh", z1 + step, depth, sigma_w2, readout, seed=seed, **options)
                   - _loss("tanh", z1 - step, depth, sigma_w2, readout, seed=seed, **options)) / (2 * h)
    assert sim.grad[0] == pytest.approx(np.mean(grad ** 2) / np.mean(readout ** 2), rel=1e-7)


# Finite width: every layer's statistics fluctuate by a few per cent around the mean field, ReLU's
# variance most (a random walk, chapter 8, exercise 5); the tolerances are a few of those fluctuations.
@pytest.mark.parametrize("act, sigma_w2, options, rtol_q, rtol_chi", [
    ("tanh", 2.5, {}, 0.1, 0.05), ("relu", 1.5, {}, 0.3, 0.15), ("selu", 1.0, {}, 0.1, 0.05),
    ("tanh", 2.0, {"residual": 0.5, "normalise": True}, 0.05, 0.02)])
def test_simulation_agrees_with_the_mean_field(act, sigma_w2, options, rtol_q, rtol_chi):
    depth = 20
    mf = prop.mean_field(act, depth, sigma_w2, sigma_b2=0.05, **options)
    sim = prop.simulate(act, depth, sigma_w2, sigma_b2=0.05, width=800, batch=16, seed=1, **options)
    np.testing.assert_allclose(sim.q, mf.q, rtol=rtol_q)
    np.testing.assert_allclose(sim.chi, mf.chi, rtol=rtol_chi)
    assert sim.grad[0] == pytest.approx(mf.grad[0], rel=0.2)
    assert sim.grad[-1] == 1.0 and sim.z.shape == (depth, 16, 800)


def test_simulation_is_reproducible_and_shares_weights_across_activations():
    a = prop.simulate("relu", 4, 2.0, width=10, batch=3, seed=2)
    b = prop.simulate("relu", 4, 2.0, width=10, batch=3, seed=2)
    assert np.array_equal(a.z, b.z) and np.array_equal(a.grad, b.grad)
    # identity with the same seed: z² = (W z¹) with the very same W, scaled by σ_w
    lin1 = prop.simulate("identity", 2, 1.0, width=10, batch=3, seed=2).z
    lin4 = prop.simulate("identity", 2, 4.0, width=10, batch=3, seed=2).z
    np.testing.assert_allclose(lin4[1], 2 * lin1[1], rtol=1e-13)


# ------------------------------------------------------------------------------ the framework tables
def test_the_framework_tables_are_consistent():
    for entry in prop.TORCH_GAINS:
        actlib.get(entry.act)
        assert entry.sigma_w2 == entry.gain ** 2
        if entry.nonlinearity == "leaky_relu":
            assert entry.act_params["alpha"] == (0.01 if entry.param is None else entry.param)
    assert {p.mode for p in prop.KERAS_PRESETS} <= {"fan_in", "fan_out", "fan_avg"}
    assert [d.sigma_w2 for d in prop.LAYER_DEFAULTS] == [1 / 3, 1.0]


# ------------------------------------------------------------------------------ bad input
@pytest.mark.parametrize("call, error, message", [
    (lambda: prop.normal_expectation("softmax", 1.0), TypeError, r"normal_expectation: act must be an elementwise"),
    (lambda: prop.normal_expectation(3, 1.0), TypeError, r"normal_expectation: act must be .* got int 3"),
    (lambda: prop.normal_expectation("nope", 1.0), ValueError, r"normal_expectation: no activation named 'nope'"),
    (lambda: prop.normal_expectation("tanh", -1.0), ValueError, r"normal_expectation: q must hold finite variances"),
    (lambda: prop.normal_expectation("tanh", [1.0, np.nan]), ValueError, r"normal_expectation: q must hold finite"),
    (lambda: prop.normal_expectation("tanh", "1"), TypeError, r"normal_expectation: q must be real numbers"),
    (lambda: prop.normal_expectation("tanh", [True]), TypeError, r"normal_expectation: q must be real numbers"),
    (lambda: prop.normal_expectation("tanh", 1j), TypeError, r"normal_expectation: q must be real numbers"),
    (lambda: prop.normal_expectation("tanh", 1.0, derivative=1), TypeError, r"derivative must be True or False"),
    (lambda: prop.normal_expectation("elu", 1.0, alpha=-1.0), ValueError, r"normal_expectation: .*alpha"),
    (lambda: prop.normal_expectation("thresholded_relu", 1.0, threshold=2.0), ValueError,
     r"parameter threshold of thresholded_relu moves a kink"),
    (lambda: prop.variance_map("tanh", 1.0, -2.0), ValueError, r"variance_map: sigma_w2 must lie in \[0, ∞\), got -2.0"),
    (lambda: prop.gain("tanh", 1.0, True), TypeError, r"gain: sigma_w2 must be a real number, got bool"),
    (lambda: prop.fixed_point("tanh", 2.0, q0=math.inf), ValueError, r"fixed_point: q0 must lie in \[0, ∞\), got inf"),
    (lambda: prop.weight_variance_for("tanh", 1.0, sigma_b2=1.5), ValueError, r"sigma_b2 must be below q"),
    (lambda: prop.mean_field("tanh", 0, 1.0), ValueError, r"mean_field: depth must be an integer ≥ 1, got 0"),
    (lambda: prop.mean_field("tanh", 3.0, 1.0), TypeError, r"mean_field: depth must be an int"),
    (lambda: prop.mean_field("tanh", 3, 1.0, normalise="yes"), TypeError, r"normalise must be True or False"),
    (lambda: prop.mean_field("tanh", 3, 1.0, residual=-1.0), ValueError, r"mean_field: residual must lie in \[0, ∞\), got -1.0"),
    (lambda: prop.simulate("tanh", 3, 1.0, width=1), ValueError, r"simulate: width must be an integer ≥ 2, got 1"),
    (lambda: prop.simulate("tanh", 3, 1.0, width=4, inputs=np.ones((2, 5))), ValueError,
     r"simulate: inputs must be a finite array of shape \(batch, width=4\)"),
])
def test_bad_input_names_the_function_and_the_argument(call, error, message):
    with pytest.raises(error, match=message):
        call()
