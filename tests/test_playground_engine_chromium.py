"""The playground's training engine (actlib/static/playground-engine.js) in headless Chromium.

The engine is loaded into a blank page. Its training is checked against actlib.nn from the same
initial weights (drawn in Python by nn.mlp), its gradients against central differences of its own
loss, its generator against an independent Python mulberry32, and its data sets against the
definitions of actlib.data. The activations are written here, small and plainly right, so these
tests do not depend on the activations' browser forms.
"""

import copy
import math
from pathlib import Path

import numpy as np
import pytest

import actlib
from actlib import data, nn
from browsing import scripts_page

ENGINE = Path(actlib.__file__).parent / "static" / "playground-engine.js"

# Test-side JavaScript: four activations, a data set from Python lists, and a run of training steps.
HELPERS = r"""
window.testActivations = {
  tanh: {f: (x) => Math.tanh(x), df: (x) => 1 - Math.tanh(x) ** 2, params: {}},
  relu: {f: (x) => (x > 0 ? x : 0), df: (x) => (x > 0 ? 1 : 0), params: {}},
  sigmoid: {f: (x) => 1 / (1 + Math.exp(-x)), df: (x) => Math.exp(-x) / (1 + Math.exp(-x)) ** 2, params: {}},
  elu: {f: (x, p) => (x > 0 ? x : p.alpha * Math.expm1(x)), df: (x, p) => (x > 0 ? 1 : p.alpha * Math.exp(x)),
        params: {alpha: 1}},
};

window.testSet = (X, y) => ({X: Float64Array.from(X.flat()), y: Int32Array.from(y), n: y.length, d: X[0].length});

window.testNetwork = (spec) => new PlaygroundEngine.Network({
  sizes: spec.sizes, activations: spec.acts.map((name) => testActivations[name]), output: spec.output,
  weights: spec.weights,
});

window.testOptimizer = ({kind, lr, momentum}) =>
  kind === "adam" ? new PlaygroundEngine.Adam(lr) : new PlaygroundEngine.SGD(lr, momentum);

// One epoch per row order in spec.orders (the trainer shuffles with these orders instead of its own);
// the measurements before training and after each epoch, and the weights after each epoch listed in keep.
window.testTraining = (spec) => {
  const net = testNetwork(spec), set = testSet(spec.X, spec.y), orders = spec.orders.slice();
  const trainer = new PlaygroundEngine.Trainer(net, testOptimizer(spec.optimizer), {batchSize: spec.batchSize});
  trainer.rng = {permutation: (n, order) => (order.set(orders.shift()), order)};
  const measures = [net.measure(set)], weights = {};
  spec.orders.forEach((_, i) => {
    trainer.epoch(set);
    measures.push(net.measure(set));
    if (spec.keep.includes(i + 1)) weights[i + 1] = net.weights();
  });
  return {measures, weights};
};

// ∂L/∂θ of the engine and the central difference (L(θ + h) − L(θ − h)) / 2h of its loss, for every
// weight and bias.
window.testGradients = (spec) => {
  const net = testNetwork(spec), set = testSet(spec.X, spec.y), h = 1e-6;
  const loss = () => net.lossAndGradients(set.X, set.y, set.n, spec.l2);
  loss();
  const analytic = net.parameters().flatMap(([, g]) => Array.from(g));
  const numeric = [];
  for (const [p] of net.parameters()) {
    for (let k = 0; k < p.length; k++) {
      const keep = p[k];
      p[k] = keep + h;
      const up = loss();
      p[k] = keep - h;
      const down = loss();
      p[k] = keep;
      numeric.push((up - down) / (2 * h));
    }
  }
  return {analytic, numeric};
};
"""


@pytest.fixture(scope="module")
def page(browser):
    with scripts_page(browser, ENGINE.read_text(encoding="utf-8"), HELPERS) as tab:
        yield tab


def js(page, expression: str, arg=None):
    """The value of a JavaScript expression (a function of `arg`) in the page."""
    return page.evaluate(f"(arg) => {expression}", arg)


def dataset(page, call: str):
    """A data set of the engine as numpy arrays: X (n, 2) and y (n,)."""
    got = js(page, f"(({{X, y}}) => ({{X: Array.from(X), y: Array.from(y)}}))(PlaygroundEngine.data.{call})")
    return np.array(got["X"]).reshape(-1, 2), np.array(got["y"])


# --------------------------------------------------------------------------- training against actlib.nn


def problem(output: str, rows: int = 24, seed: int = 3):
    """Random points and labels: two classes for a sigmoid output, three for a softmax one."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(rows, 2))
    classes = 2 if output == "sigmoid" else 3
    return X, np.arange(rows) % classes


def spec_of(net: nn.MLP, acts: list[str], output: str, X: np.ndarray, y: np.ndarray, **more) -> dict:
    """What the page's helpers take: the widths, activations, head and weights of ``net`` (row-major), the data."""
    sizes = [net.dense[0].W.shape[0]] + [layer.W.shape[1] for layer in net.dense]
    return {"sizes": sizes, "acts": acts, "output": output, "X": X.tolist(), "y": y.tolist(),
            "weights": [{"W": layer.W.ravel().tolist(), "b": layer.b.tolist()} for layer in net.dense], **more}


def network(acts: list[str], output: str, seed: int = 0, **options) -> nn.MLP:
    """nn.mlp with 2 inputs, a hidden layer of 5 units per activation, and the output's width (1 or 3)."""
    sizes = [2] + [5] * len(acts) + [1 if output == "sigmoid" else 3]
    return nn.mlp(sizes, [(a, {"alpha": 1.0}) if a == "elu" else a for a in acts], output=output, seed=seed, **options)


OPTIMIZERS = {
    "sgd": ({"kind": "sgd", "lr": 0.1, "momentum": 0.0}, lambda: nn.SGD(0.1)),
    "momentum": ({"kind": "sgd", "lr": 0.1, "momentum": 0.9}, lambda: nn.SGD(0.1, momentum=0.9)),
    "adam": ({"kind": "adam", "lr": 0.01}, lambda: nn.Adam(0.01)),
}
ACTS = ["tanh", "relu", "sigmoid", "elu"]


def assert_same_weights(js_weights: list[dict], net: nn.MLP, what: str) -> None:
    """Every weight and bias within 1e-12 of nn's, relative to the largest entry of its array."""
    for i, (got, layer) in enumerate(zip(js_weights, net.dense)):
        for name, want in (("W", layer.W.ravel()), ("b", layer.b)):
            scale = max(np.abs(want).max(), 1e-300)
            np.testing.assert_allclose(got[name], want, rtol=1e-12, atol=1e-12 * scale,
                                       err_msg=f"{what}: layer {i} {name}")


@pytest.mark.parametrize("optimizer", list(OPTIMIZERS))
@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
@pytest.mark.parametrize("depth", [1, 2, 3])
@pytest.mark.parametrize("act", ACTS)
def test_full_batch_steps_give_nns_weights(page, act, depth, output, optimizer):
    acts = [act] * depth
    X, y = problem(output)
    net = network(acts, output)
    js_optimizer, make = OPTIMIZERS[optimizer]
    spec = spec_of(net, acts, output, X, y, optimizer=js_optimizer, orders=[list(range(len(X)))] * 20, keep=[1, 20],
                   batchSize=None)
    got = js(page, "testTraining(arg).weights", spec)
    python_optimizer = make()
    for step in range(1, 21):
        net.backward(X, y)
        python_optimizer.step(net.parameters, net.gradients)
        if step in (1, 20):
            assert_same_weights(got[str(step)], net, f"{act} ×{depth}, {output}, {optimizer}, step {step}")


def test_the_weights_move(page):
    """The comparison above means something: 20 steps change every layer's weights."""
    X, y = problem("sigmoid")
    net = network(["tanh", "tanh"], "sigmoid")
    spec = spec_of(net, ["tanh", "tanh"], "sigmoid", X, y, optimizer=OPTIMIZERS["adam"][0],
                   orders=[list(range(len(X)))] * 20, keep=[20], batchSize=None)
    got = js(page, "testTraining(arg).weights", spec)
    for after, layer in zip(got["20"], net.dense):
        assert np.abs(np.array(after["W"]) - layer.W.ravel()).min() > 1e-4


@pytest.mark.parametrize("batch", [None, 7])
@pytest.mark.parametrize("act, output, options", [
    ("tanh", "sigmoid", {}),
    ("relu", "softmax", {"init": "he", "bias": -1.0}),     # a negative bias kills some ReLU units
    ("elu", "sigmoid", {"init": "lecun"}),
])
def test_measurements_equal_nns_history(page, act, output, options, batch):
    """fit() shuffles the rows each epoch and takes batches of `batch` rows (40 = 5 · 7 + 5), or all at once;
    the engine's trainer is handed the same orders."""
    acts = [act, act]
    X, y = problem(output, rows=40, seed=5)
    net = network(acts, output, seed=2, **options)
    py_optimizer, epochs = OPTIMIZERS["adam"][1](), 15
    shuffler = copy.deepcopy(net.rng)
    orders = [shuffler.permutation(len(X)).tolist() for _ in range(epochs)]
    spec = spec_of(net, acts, output, X, y, optimizer=OPTIMIZERS["adam"][0], orders=orders, keep=[], batchSize=batch)
    measures = js(page, "testTraining(arg).measures", spec)
    history = net.fit(X, y, epochs=epochs, batch_size=batch, optimizer=py_optimizer)
    assert len(measures) == len(history.loss) == epochs + 1
    np.testing.assert_allclose([m["loss"] for m in measures], history.loss, rtol=1e-12)
    np.testing.assert_array_equal([m["accuracy"] for m in measures], history.accuracy)
    np.testing.assert_allclose([m["gradNorms"] for m in measures], history.grad_norms, rtol=1e-12)
    np.testing.assert_array_equal([m["deadShare"] for m in measures], history.dead_share)
    if act == "relu":
        assert max(max(share) for share in history.dead_share) > 0   # the dead shares are not all 0


@pytest.mark.parametrize("acts, output", [(["tanh"], "sigmoid"), (["sigmoid", "elu"], "softmax"),
                                          (["elu", "tanh", "sigmoid"], "sigmoid")])
@pytest.mark.parametrize("l2", [0.0, 0.3])
def test_gradients_are_central_differences_of_the_loss(page, acts, output, l2):
    X, y = problem(output, rows=12)
    spec = spec_of(network(acts, output, seed=4), acts, output, X, y, l2=l2)
    got = js(page, "testGradients(arg)", spec)
    np.testing.assert_allclose(got["analytic"], got["numeric"], rtol=1e-6, atol=1e-8)


def test_the_l2_penalty_is_half_lambda_times_the_squared_weights(page):
    X, y = problem("sigmoid", rows=12)
    net = network(["tanh"], "sigmoid")
    spec = spec_of(net, ["tanh"], "sigmoid", X, y)
    losses = js(page, """[0, 0.3].map((l2) => {
      const set = testSet(arg.X, arg.y);
      return testNetwork(arg).lossAndGradients(set.X, set.y, set.n, l2);
    })""", spec)
    penalty = 0.15 * sum(float(np.sum(layer.W ** 2)) for layer in net.dense)   # λ/2 ΣW², biases left out
    assert losses[0] == pytest.approx(net.loss(X, y), rel=1e-13)
    assert losses[1] - losses[0] == pytest.approx(penalty, rel=1e-12)


def test_probabilities_and_unit_outputs_equal_nns(page):
    X, y = problem("softmax", rows=12)
    acts = ["relu", "tanh"]
    net = network(acts, "softmax", seed=6)
    points = data.grid(X, steps=9)[2]
    spec = spec_of(net, acts, "softmax", X, y, points=points.ravel().tolist())
    got = js(page, """(() => {
      const net = testNetwork(arg), points = Float64Array.from(arg.points), rows = points.length / 2;
      return {proba: Array.from(net.probabilities(points, rows)),
              units: [0, 1].map((layer) => [0, 4].map((unit) => Array.from(net.unitOutput(points, rows, layer, unit))))};
    })()""", spec)
    np.testing.assert_allclose(np.array(got["proba"]).reshape(-1, 3), net.predict_proba(points), rtol=1e-13, atol=1e-16)
    trace = net.trace(points)
    for layer in (0, 1):
        for k, unit in enumerate((0, 4)):
            np.testing.assert_allclose(got["units"][layer][k], trace[layer][1][:, unit], rtol=1e-13, atol=1e-16)


@pytest.mark.parametrize("init", ["xavier", "he", "lecun"])
@pytest.mark.parametrize("slope", [0.0, 0.2])
def test_a_drawn_network_has_nns_initial_spread(page, init, slope):
    """Weights drawn by the engine have the standard deviations of nn.init_std (He's with the negative slope
    of a leaky ReLU), and the biases are 0."""
    std, biases = js(page, """(() => {
      const leaky = {f: (x, p) => (x > 0 ? x : p.alpha * x), df: (x, p) => (x > 0 ? 1 : p.alpha),
                     params: {alpha: arg.slope}, negativeSlope: arg.slope};
      const net = new PlaygroundEngine.Network({sizes: [200, 300, 1], activations: leaky, init: arg.init, seed: 1});
      const W = net.layers[0].W;
      return [Math.sqrt(W.reduce((s, w) => s + w * w, 0) / W.length), Array.from(net.layers[0].b)];
    })()""", {"init": init, "slope": slope})
    assert std == pytest.approx(nn.init_std(init, 200, 300, slope), rel=0.01)
    assert biases == [0.0] * 300


def test_buffers_are_reused(page):
    """After the first epoch, training and measuring allocate no new arrays in the layers."""
    same = js(page, """(() => {
      const E = PlaygroundEngine, set = E.data.spiral(100, 0.1, 0);
      const net = new E.Network({sizes: [2, 6, 6, 1], activations: testActivations.relu, seed: 0});
      const trainer = new E.Trainer(net, new E.SGD(0.1, 0.9), {batchSize: 16});
      trainer.epoch(set);
      net.measure(set);
      const arrays = () => net.layers.flatMap((l) => [l.z, l.a, l.slope, l.dx, l.W, l.gW]).concat([net.grad, trainer.batchX]);
      const before = arrays();
      for (let epoch = 0; epoch < 5; epoch++) { trainer.epoch(set); net.measure(set); }
      return arrays().every((array, i) => array === before[i]);
    })()""")
    assert same


def test_training_learns_xor(page):
    """A real run: minibatch Adam on the engine's own XOR set reaches full training accuracy."""
    accuracy = js(page, """(() => {
      const E = PlaygroundEngine, set = E.data.xor(200, 0.1, 0);
      const net = new E.Network({sizes: [2, 8, 1], activations: testActivations.tanh, seed: 0});
      const trainer = new E.Trainer(net, new E.Adam(0.05), {batchSize: 32, seed: 0});
      for (let epoch = 0; epoch < 100; epoch++) trainer.epoch(set);
      return net.measure(set).accuracy;
    })()""")
    assert accuracy == 1.0


def test_epochs_per_second(page):
    """Printed, not asserted: a 4 × 8 tanh network on 400 points, full batch."""
    seconds, epochs = js(page, """(() => {
      const E = PlaygroundEngine, set = E.data.moons(400, 0.1, 0);
      const net = new E.Network({sizes: [2, 8, 8, 8, 8, 1], activations: testActivations.tanh, seed: 0});
      const trainer = new E.Trainer(net, new E.Adam(0.01), {batchSize: null});
      const start = performance.now();
      let epochs = 0;
      while (performance.now() - start < 1000) { trainer.epoch(set); epochs++; }
      return [(performance.now() - start) / 1000, epochs];
    })()""")
    print(f"\nplayground engine: {epochs / seconds:.0f} epochs per second (4 × 8 tanh, 400 points, full batch)")
    assert epochs > 0


# --------------------------------------------------------------------------- randomness


def mulberry32(seed: int, count: int) -> list[float]:
    """The first ``count`` numbers of mulberry32, in Python's unbounded integers held to 32 bits."""
    out, state, mask = [], seed, 0xFFFFFFFF
    for _ in range(count):
        state = (state + 0x6D2B79F5) & mask
        t = ((state ^ (state >> 15)) * (state | 1)) & mask
        t = ((t + (((t ^ (t >> 7)) * (t | 61)) & mask)) & mask) ^ t
        out.append((t ^ (t >> 14)) / 2**32)
    return out


@pytest.mark.parametrize("seed", [0, 1, 12345, 2**32 - 1])
def test_uniforms_are_mulberry32(page, seed):
    got = js(page, "(() => { const r = new PlaygroundEngine.Random(arg); return Array.from({length: 50}, () => r.uniform()); })()",
             seed)
    assert got == mulberry32(seed, 50)


def test_normals_are_box_muller_of_the_uniforms(page):
    got = js(page, "(() => { const r = new PlaygroundEngine.Random(7); return Array.from({length: 6}, () => r.normal()); })()")
    u = mulberry32(7, 6)
    want = []
    for u1, u2 in zip(u[::2], u[1::2]):
        radius = math.sqrt(-2 * math.log(1 - u1))
        want += [radius * math.cos(2 * math.pi * u2), radius * math.sin(2 * math.pi * u2)]
    np.testing.assert_allclose(got, want, rtol=1e-14)
    many = np.array(js(page, "(() => { const r = new PlaygroundEngine.Random(3); return Array.from({length: 100000}, () => r.normal()); })()"))
    assert abs(many.mean()) < 0.01 and abs(many.std() - 1) < 0.01


def test_a_permutation_holds_every_index_once(page):
    orders = js(page, "[1, 2].map((s) => Array.from(new PlaygroundEngine.Random(s).permutation(100)))")
    assert all(sorted(order) == list(range(100)) for order in orders)
    assert orders[0] != orders[1] and orders[0] != list(range(100))


# --------------------------------------------------------------------------- data against actlib.data


def sorted_rows(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    rows = np.column_stack([X, y])
    return rows[np.lexsort(rows.T[::-1])]


@pytest.mark.parametrize("n", [2, 3, 9, 200])
@pytest.mark.parametrize("which", ["xor", "spiral"])
def test_xor_and_spiral_without_noise_are_actlibs(page, which, n):
    X, y = dataset(page, f"{which}({n}, 0, 0)")
    want_X, want_y = getattr(data, which)(n, noise=0.0)
    np.testing.assert_allclose(X, want_X, rtol=0, atol=1e-15)
    np.testing.assert_array_equal(y, want_y)


@pytest.mark.parametrize("n", [2, 3, 9, 200])
@pytest.mark.parametrize("which", ["moons", "circles"])
def test_moons_and_circles_without_noise_are_scikit_learns(page, which, n):
    """The same points and labels; the shuffled order is the engine's own."""
    X, y = dataset(page, f"{which}({n}, 0, 1)")
    want_X, want_y = getattr(data, which)(n, noise=0.0, seed=1)
    np.testing.assert_allclose(sorted_rows(X, y), sorted_rows(want_X, want_y), rtol=0, atol=1e-15)
    assert not np.array_equal(y, np.sort(y)) or n < 9   # the rows are shuffled


def test_circles_take_the_inner_radius(page):
    X, y = dataset(page, "circles(100, 0, 0, 0.3)")
    np.testing.assert_allclose(np.hypot(*X[y == 1].T), 0.3, rtol=1e-15)
    np.testing.assert_allclose(np.hypot(*X[y == 0].T), 1, rtol=1e-15)


@pytest.mark.parametrize("which, noise", [("xor", 0.2), ("spiral", 0.1), ("moons", 0.1), ("circles", 0.05)])
def test_noise_balance_and_ranges_are_actlibs(page, which, noise):
    X, y = dataset(page, f"{which}(4000, {noise}, 2)")
    want_X, want_y = getattr(data, which)(4000, noise=noise, seed=2)
    np.testing.assert_array_equal(np.bincount(y), np.bincount(want_y))
    for c in (0, 1):   # per class: the same centre and spread, to sampling error
        np.testing.assert_allclose(X[y == c].mean(axis=0), want_X[want_y == c].mean(axis=0), atol=0.05)
        np.testing.assert_allclose(X[y == c].std(axis=0), want_X[want_y == c].std(axis=0), rtol=0.05)
    if which in ("xor", "spiral"):   # unshuffled: the noise is what was added to the clean points
        clean, _ = getattr(data, which)(4000, noise=0.0)
        assert abs(np.std(X - clean) - noise) < 0.05 * noise


BORDERS = [((0.0, 0.5), 0.5), ((0.0, -0.5), 0.5), ((0.0, 0.5), data.DOT), ((0.0, -0.5), data.DOT)]


def near_the_borders(gaps=(1e-12, 1e-15, 2.2e-16)) -> np.ndarray:
    """Points ``gap`` inside and outside the circles of the two heads and the two dots, down to an ulp."""
    angle = np.linspace(0, 2 * np.pi, 400)
    return np.vstack([np.column_stack([(radius + side) * np.cos(angle), centre[1] + (radius + side) * np.sin(angle)])
                      for centre, radius in BORDERS for gap in gaps for side in (-gap, 0.0, gap)])


def test_taiji_labels_are_actlibs(page):
    """On a grid, at and a few ulps around every border, and at random points: every label the same (both sides
    compare squared distances, the same correctly rounded operations)."""
    s = np.linspace(-1.2, 1.2, 121)
    points = np.vstack([np.column_stack([a.ravel(), b.ravel()]) for a, b in [np.meshgrid(s, s)]]
                       + [near_the_borders(), np.random.default_rng(0).uniform(-1, 1, (3000, 2))])
    got = js(page, "arg.map(([x, y]) => PlaygroundEngine.taijiLabel(x, y))", points.tolist())
    np.testing.assert_array_equal(got, data.yin_yang_label(points))


@pytest.mark.parametrize("n, seed", [(2, 0), (401, 3), (1000, 8)])
def test_yin_yang_points_lie_in_the_disk_with_actlibs_labels(page, n, seed):
    X, y = dataset(page, f"yinYang({n}, {seed})")
    assert np.all(np.hypot(*X.T) <= 1)
    np.testing.assert_array_equal(y, data.yin_yang_label(X))
    np.testing.assert_array_equal(np.bincount(y), np.bincount(data.yin_yang(n, seed=seed)[1]))


def test_the_seed_fixes_the_data(page):
    got = js(page, """["xor", "spiral", "moons", "circles"].map((name) => [0, 0, 1].map((seed) =>
      Array.from(PlaygroundEngine.data[name](50, 0.1, seed).X)))""")
    for first, again, other in got:
        assert first == again and first != other


def test_split_is_a_seeded_partition(page):
    got = js(page, """[5, 5, 6].map((seed) => {
      const set = PlaygroundEngine.data.spiral(101, 0.1, 0), {train, test} = PlaygroundEngine.data.split(set, 0.25, seed);
      return {X: Array.from(set.X), y: Array.from(set.y), train: [Array.from(train.X), Array.from(train.y)],
              test: [Array.from(test.X), Array.from(test.y)]};
    })""")
    first, again, other = got
    assert len(first["test"][1]) == math.ceil(0.25 * 101) and len(first["train"][1]) == 101 - 26
    parts = [np.array(part[0]).reshape(-1, 2) for part in (first["train"], first["test"])]
    labels = [np.array(part[1]) for part in (first["train"], first["test"])]
    np.testing.assert_array_equal(sorted_rows(np.vstack(parts), np.concatenate(labels)),
                                  sorted_rows(np.array(first["X"]).reshape(-1, 2), np.array(first["y"])))
    assert first == again and first["test"] != other["test"]


def test_grid_is_actlibs(page):
    X, _ = data.moons(50, seed=0)
    got = js(page, """(() => {
      const set = {X: Float64Array.from(arg.flat()), y: new Int32Array(arg.length), n: arg.length, d: 2};
      return Array.from(PlaygroundEngine.data.grid(set, 7, 0.2).points);
    })()""", X.tolist())
    np.testing.assert_allclose(np.array(got).reshape(-1, 2), data.grid(X, steps=7, pad=0.2)[2], rtol=1e-15, atol=1e-15)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("call, error, words", [
    ("PlaygroundEngine.data.xor(1, 0.2, 0)", "RangeError", ["xor", "n must be an integer from 2 to 1000000, got 1"]),
    ("PlaygroundEngine.data.spiral(10.5, 0.1, 0)", "TypeError", ["spiral", "n must be an integer"]),
    ("PlaygroundEngine.data.moons(10, -0.1, 0)", "RangeError", ["moons", "noise must lie in [0, 1e+300]"]),
    ("PlaygroundEngine.data.circles(10, 0.1, 0, 1)", "RangeError", ["circles", "factor must lie in (0, 1)"]),
    ("PlaygroundEngine.data.yinYang(10, -1)", "RangeError", ["yinYang", "seed"]),
    ("PlaygroundEngine.data.xor(10, '0.1', 0)", "TypeError", ["xor", "noise must be a number, got string"]),
    ("PlaygroundEngine.data.split(PlaygroundEngine.data.xor(8, 0, 0), 1)", "RangeError", ["split", "testShare"]),
    ("new PlaygroundEngine.Network({sizes: [2, 3, 1], activations: testActivations.tanh, output: 'tanh'})",
     "RangeError", ["Network", "output must be one of sigmoid, softmax"]),
    ("new PlaygroundEngine.Network({sizes: [2, 3, 1], activations: testActivations.tanh, output: 'softmax'})",
     "RangeError", ["Network", "softmax output takes at least 2 units, got 1"]),
    ("new PlaygroundEngine.Network({sizes: [2, 3, 1], activations: [], output: 'sigmoid'})",
     "TypeError", ["Network", "activations"]),
    ("new PlaygroundEngine.Network({sizes: [2, 3, 1], activations: testActivations.tanh, init: 'zeros'})",
     "RangeError", ["Network", "init must be one of xavier, he, lecun"]),
    ("new PlaygroundEngine.SGD(0)", "RangeError", ["SGD", "lr must lie in (0, Infinity)"]),
    ("new PlaygroundEngine.SGD(0.1, 1)", "RangeError", ["SGD", "momentum must lie in [0, 1)"]),
    ("new PlaygroundEngine.Adam(0.1, 0.9, 1)", "RangeError", ["Adam", "beta2"]),
    ("(() => { const net = new PlaygroundEngine.Network({sizes: [2, 1], activations: []});"
     " net.measure({X: new Float64Array(4), y: Int32Array.of(0, 2), n: 2, d: 2}); })()",
     "RangeError", ["Network.measure", "label 1", "0 … 1"]),
    ("(() => { const net = new PlaygroundEngine.Network({sizes: [2, 1], activations: []});"
     " new PlaygroundEngine.Trainer(net, new PlaygroundEngine.SGD()).step(PlaygroundEngine.data.xor(4, 0, 0), [0, 4]); })()",
     "RangeError", ["Trainer.step", "rows", "0 to 3"]),
])
def test_bad_input(page, call, error, words):
    got = js(page, f"(() => {{ try {{ {call}; return null; }} catch (e) {{ return [e.name, e.message]; }} }})()")
    assert got is not None and got[0] == error
    assert all(word in got[1] for word in words), got[1]
