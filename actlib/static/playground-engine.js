// The training engine of the playground: toy data, a small network, its training and its measurements,
// in plain JavaScript (no page, no drawing). It follows actlib.data and actlib.nn formula by formula, so a
// network trained here and one trained by actlib.nn from the same weights agree to rounding.
//
//   const E = PlaygroundEngine, tanh = {f: Math.tanh, df: (x) => 1 - Math.tanh(x) ** 2, params: {}};
//   const set = E.data.moons(200, 0.1, 0);            // {X: Float64Array(2n), y: Int32Array(n), n, d: 2}
//   const net = new E.Network({sizes: [2, 8, 1], activations: [tanh], output: "sigmoid", seed: 0});
//   const trainer = new E.Trainer(net, new E.Adam(0.01), {batchSize: 32, l2: 0, seed: 0});
//   trainer.epoch(set);  net.measure(set)             // {loss, accuracy, gradNorms, deadShare}
//
// An activation is an object {f(x, p), df(x, p), params}: its value and derivative at one number x with the
// parameters p (params, an object such as {alpha: 1}); an optional negativeSlope feeds He's initialisation.
// Every array is row-major: entry (r, j) of a rows × cols matrix is at r · cols + j.
// Bad arguments throw TypeError (wrong type) or RangeError (value not allowed), naming the function and
// the argument.
(function (root) {
  "use strict";

  // ------------------------------------------------------------------------------------------ checks

  function integer(who, name, value, low, high) {
    if (typeof value !== "number" || !Number.isInteger(value)) {
      throw new TypeError(`${who}: ${name} must be an integer, got ${typeof value} ${String(value).slice(0, 40)}`);
    }
    if (value < low || value > high) {
      throw new RangeError(`${who}: ${name} must be an integer from ${low} to ${high}, got ${value}`);
    }
    return value;
  }

  // value in [low, high] (closed ends) or (low, high] / [low, high) / (low, high) as open says.
  function real(who, name, value, low, high, open = "") {
    if (typeof value !== "number") {
      throw new TypeError(`${who}: ${name} must be a number, got ${typeof value} ${String(value).slice(0, 40)}`);
    }
    const above = open.includes("low") ? value > low : value >= low;
    const below = open.includes("high") ? value < high : value <= high;
    if (!(above && below)) {
      const interval = `${open.includes("low") ? "(" : "["}${low}, ${high}${open.includes("high") ? ")" : "]"}`;
      throw new RangeError(`${who}: ${name} must lie in ${interval}, got ${value}`);
    }
    return value;
  }

  function choice(who, name, value, choices) {
    if (!choices.includes(value)) {
      const error = typeof value === "string" ? RangeError : TypeError;
      throw new error(`${who}: ${name} must be one of ${choices.join(", ")}, got ${String(value).slice(0, 40)}`);
    }
    return value;
  }

  const MAX_POINTS = 1e6;       // as actlib.data.MAX_POINTS
  const MAX_NOISE = 1e300;      // as actlib.data.MAX_NOISE
  const MAX_SEED = 2 ** 32 - 1; // a seed is an unsigned 32-bit integer

  function checkData(who, n, noise, seed) {
    integer(who, "n", n, 2, MAX_POINTS);
    real(who, "noise", noise, 0, MAX_NOISE);
    integer(who, "seed", seed, 0, MAX_SEED);
  }

  // ------------------------------------------------------------------------------------------ randomness

  // mulberry32 (Tommy Ettinger, 2017): a 32-bit state advanced by the odd constant 0x6D2B79F5 and mixed
  // by two xor-shift-multiply rounds; uniform() gives k / 2³² in [0, 1). normal() is Box–Muller:
  // z = √(−2 ln u₁) · cos(2π u₂) with u₁ = 1 − uniform() in (0, 1]; its twin √(−2 ln u₁) · sin(2π u₂)
  // is kept for the next call.
  class Random {
    constructor(seed) {
      this.state = integer("Random", "seed", seed, 0, MAX_SEED);
      this.spare = null;
    }

    uniform() {
      this.state = (this.state + 0x6D2B79F5) >>> 0;
      let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }

    normal() {
      if (this.spare !== null) {
        const z = this.spare;
        this.spare = null;
        return z;
      }
      const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
      const angle = 2 * Math.PI * this.uniform();
      this.spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    }

    // The integers 0 … n − 1 in a random order (Fisher–Yates), written into order (an Int32Array).
    permutation(n, order = new Int32Array(n)) {
      for (let i = 0; i < n; i++) order[i] = i;
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(this.uniform() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      return order;
    }
  }

  // ------------------------------------------------------------------------------------------ data

  function dataSet(X, y) {
    return {X, y, n: y.length, d: 2};
  }

  // The points (xs[i], ys[i]) with their labels, plus noise · N(0, 1) in each coordinate (drawn from rng),
  // in a random order when shuffle is true.
  function noisySet(xs, ys, labels, noise, rng, shuffle) {
    const n = labels.length;
    const order = shuffle ? rng.permutation(n) : Int32Array.from(labels, (_, i) => i);
    const X = new Float64Array(2 * n);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      X[2 * i] = xs[order[i]] + noise * rng.normal();
      X[2 * i + 1] = ys[order[i]] + noise * rng.normal();
      y[i] = labels[order[i]];
    }
    return dataSet(X, y);
  }

  // numpy's linspace(start, stop, count, endpoint): start + k · step, and exactly stop last with endpoint.
  function linspace(start, stop, count, endpoint = true) {
    const div = endpoint ? count - 1 : count;
    const step = div > 0 ? (stop - start) / div : 0;
    const points = Float64Array.from({length: count}, (_, k) => start + k * step);
    if (endpoint && count > 1) points[count - 1] = stop;
    return points;
  }

  // XOR: point i at corner i mod 4 of (−1, −1), (−1, 1), (1, −1), (1, 1); class 1 where the signs differ.
  function xor(n = 200, noise = 0.2, seed = 0) {
    checkData("xor", n, noise, seed);
    const xs = Float64Array.from({length: n}, (_, i) => (i % 4 < 2 ? -1 : 1));
    const ys = Float64Array.from({length: n}, (_, i) => (i % 2 ? 1 : -1));
    const labels = Int32Array.from({length: n}, (_, i) => [0, 1, 1, 0][i % 4]);
    return noisySet(xs, ys, labels, noise, new Random(seed), false);
  }

  function concat(a, b) {
    const both = new Float64Array(a.length + b.length);
    both.set(a);
    both.set(b, a.length);
    return both;
  }

  // Two classes from two point lists (class 0 first), shuffled, as scikit-learn builds moons and circles.
  function twoClasses(x0, y0, x1, y1, noise, seed) {
    const labels = Int32Array.from({length: x0.length + x1.length}, (_, i) => (i < x0.length ? 0 : 1));
    return noisySet(concat(x0, x1), concat(y0, y1), labels, noise, new Random(seed), true);
  }

  // scikit-learn's make_circles: ⌊n/2⌋ points on the unit circle (class 0), the rest on the circle of radius
  // factor (class 1), at angles 2πk/m for k = 0 … m − 1.
  function circles(n = 200, noise = 0.05, seed = 0, factor = 0.5) {
    checkData("circles", n, noise, seed);
    real("circles", "factor", factor, 0, 1, "low high");
    const outer = linspace(0, 2 * Math.PI, Math.floor(n / 2), false);
    const inner = linspace(0, 2 * Math.PI, n - Math.floor(n / 2), false);
    return twoClasses(outer.map(Math.cos), outer.map(Math.sin), inner.map((a) => factor * Math.cos(a)),
      inner.map((a) => factor * Math.sin(a)), noise, seed);
  }

  // scikit-learn's make_moons: ⌊n/2⌋ points (cos a, sin a) (class 0) and the rest (1 − cos a, ½ − sin a)
  // (class 1), a evenly spaced from 0 to π.
  function moons(n = 200, noise = 0.1, seed = 0) {
    checkData("moons", n, noise, seed);
    const outer = linspace(0, Math.PI, Math.floor(n / 2));
    const inner = linspace(0, Math.PI, n - Math.floor(n / 2));
    return twoClasses(outer.map(Math.cos), outer.map(Math.sin), inner.map((a) => 1 - Math.cos(a)),
      inner.map((a) => 1 - Math.sin(a) - 0.5), noise, seed);
  }

  const DOT = 0.2; // radius of the taiji's small dots, as actlib.data.DOT

  // actlib.data.yin_yang_label for one point: right half 1, left half 0, except the upper head (centre
  // (0, ½), radius ½) is 0 and the lower head (centre (0, −½)) is 1, each with a dot of radius DOT of the
  // other class.
  function taijiLabel(x, y) {
    const upper = x * x + (y - 0.5) * (y - 0.5);   // squared distances, as actlib.data._taiji
    const lower = x * x + (y + 0.5) * (y + 0.5);
    if (upper < DOT * DOT) return 1;
    if (lower < DOT * DOT) return 0;
    if (upper < 0.25) return 0;
    if (lower < 0.25) return 1;
    return x > 0 ? 1 : 0;
  }

  // n points uniform on the unit disk (r = √u, θ = 2πv), n − ⌊n/2⌋ of class 0 and ⌊n/2⌋ of class 1 by
  // taijiLabel, drawn until each class has its quota, then shuffled.
  function yinYang(n = 400, seed = 0) {
    checkData("yinYang", n, 0, seed);
    const rng = new Random(seed);
    const need = [n - Math.floor(n / 2), Math.floor(n / 2)];
    const xs = new Float64Array(n), ys = new Float64Array(n), labels = new Int32Array(n);
    for (let i = 0; i < n;) {
      const r = Math.sqrt(rng.uniform()), theta = 2 * Math.PI * rng.uniform();
      const x = r * Math.cos(theta), y = r * Math.sin(theta), c = taijiLabel(x, y);
      if (need[c] > 0) {
        need[c] -= 1;
        [xs[i], ys[i], labels[i]] = [x, y, c];
        i++;
      }
    }
    return noisySet(xs, ys, labels, 0, rng, true);
  }

  const TURNS = 1.75; // turns of each spiral arm, as actlib.data.TURNS

  // actlib.data.spiral: point i has class c = i mod 2 and is the k-th (k = ⌊i/2⌋) of the m_c points of its
  // arm; with t = (k + 1)/m_c it lies at radius t and angle 2π · TURNS · t + cπ.
  function spiral(n = 200, noise = 0.1, seed = 0) {
    checkData("spiral", n, noise, seed);
    const labels = Int32Array.from({length: n}, (_, i) => i % 2);
    const perArm = [n - Math.floor(n / 2), Math.floor(n / 2)];
    const t = Float64Array.from(labels, (c, i) => (Math.floor(i / 2) + 1) / perArm[c]);
    const theta = t.map((ti, i) => 2 * Math.PI * TURNS * ti + Math.PI * labels[i]);
    return noisySet(t.map((ti, i) => ti * Math.cos(theta[i])), t.map((ti, i) => ti * Math.sin(theta[i])),
      labels, noise, new Random(seed), false);
  }

  // A seeded shuffle of the rows into a test set of ⌈testShare · n⌉ rows (as scikit-learn counts) and a
  // training set of the rest; both keep at least one row.
  function split(set, testShare = 0.25, seed = 0) {
    real("split", "testShare", testShare, 0, 1, "low high");
    integer("split", "seed", seed, 0, MAX_SEED);
    const testRows = Math.min(Math.max(Math.ceil(testShare * set.n), 1), set.n - 1);
    const order = new Random(seed).permutation(set.n);
    const take = (rows) => dataSet(
      Float64Array.from({length: 2 * rows.length}, (_, k) => set.X[2 * rows[k >> 1] + (k & 1)]),
      Int32Array.from(rows, (r) => set.y[r]));
    return {test: take(order.subarray(0, testRows)), train: take(order.subarray(testRows))};
  }

  // actlib.data.grid: steps × steps points over the box of the set widened by pad × its range on each side,
  // x varying fastest (row r, column c is point r · steps + c at (xs[c], ys[r])).
  function grid(set, steps = 100, pad = 0.1) {
    integer("grid", "steps", steps, 2, 1000);
    real("grid", "pad", pad, 0, MAX_NOISE);
    const axes = [0, 1].map((axis) => {
      let low = Infinity, high = -Infinity;
      for (let i = axis; i < set.X.length; i += 2) [low, high] = [Math.min(low, set.X[i]), Math.max(high, set.X[i])];
      if (!(low < high)) {
        throw new RangeError(`grid: the points must spread along both axes; all have the same ${"xy"[axis]}`);
      }
      return linspace(low - pad * (high - low), high + pad * (high - low), steps);
    });
    const points = new Float64Array(2 * steps * steps);
    for (let k = 0; k < steps * steps; k++) {
      points[2 * k] = axes[0][k % steps];
      points[2 * k + 1] = axes[1][Math.floor(k / steps)];
    }
    return {xs: axes[0], ys: axes[1], points, n: steps * steps};
  }

  // ------------------------------------------------------------------------------------------ the network

  const INITS = ["xavier", "he", "lecun"];
  const MAX_WEIGHTS = 1e7;   // as actlib.nn.MAX_WEIGHTS: the most weights a network holds (80 MB)

  // σ of the N(0, σ²) initial weights, as actlib.nn.init_std: xavier σ² = 2/(fan_in + fan_out),
  // he σ² = 2/((1 + a²) fan_in) with a the negative slope of the activation, lecun σ² = 1/fan_in.
  function initStd(init, fanIn, fanOut, slope = 0) {
    choice("initStd", "init", init, INITS);
    if (init === "xavier") return Math.sqrt(2 / (fanIn + fanOut));
    if (init === "he") return Math.sqrt(2 / ((1 + slope * slope) * fanIn));
    return Math.sqrt(1 / fanIn);
  }

  // log σ(z) = min(z, 0) − log(1 + e^{−|z|}), never overflowing.
  function logSigmoid(z) {
    return Math.min(z, 0) - Math.log1p(Math.exp(-Math.abs(z)));
  }

  // σ(z) = e^{min(z, 0)} / (1 + e^{−|z|}).
  function sigmoid(z) {
    return Math.exp(Math.min(z, 0)) / (1 + Math.exp(-Math.abs(z)));
  }

  // One Dense layer z = x W + b (W: fanIn × fanOut), followed by an activation when it is hidden. The buffers
  // (z, a = f(z), slope = f′(z), the gradients) hold up to `capacity` rows and grow only when more are asked.
  class Layer {
    constructor(fanIn, fanOut, activation) {   // activation: null for the output layer
      Object.assign(this, {fanIn, fanOut, activation, capacity: 0});
      [this.W, this.gW] = [new Float64Array(fanIn * fanOut), new Float64Array(fanIn * fanOut)];
      [this.b, this.gb] = [new Float64Array(fanOut), new Float64Array(fanOut)];
    }

    reserve(rows) {
      if (rows <= this.capacity) return;
      this.capacity = rows;
      this.z = new Float64Array(rows * this.fanOut);
      this.a = this.activation ? new Float64Array(rows * this.fanOut) : this.z;
      this.slope = this.activation ? new Float64Array(rows * this.fanOut) : null;
      this.dx = new Float64Array(rows * this.fanIn);
    }

    // z = x W + b, then a = f(z) and slope = f′(z) for a hidden layer; x has `rows` rows.
    forward(x, rows) {
      this.reserve(rows);
      this.x = x;
      const {W, b, z, fanIn, fanOut} = this;
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < fanOut; j++) {
          let sum = 0;
          for (let i = 0; i < fanIn; i++) sum += x[r * fanIn + i] * W[i * fanOut + j];
          z[r * fanOut + j] = sum + b[j];
        }
      }
      if (this.activation) {
        const {f, df, params} = this.activation;
        for (let k = 0; k < rows * fanOut; k++) {
          this.a[k] = f(z[k], params);
          this.slope[k] = df(z[k], params);
        }
      }
      return this.a;
    }

    // From g = ∂L/∂a: ∂L/∂z = g · f′(z) (in place), ∂L/∂W = xᵀ ∂L/∂z, ∂L/∂b = Σ_rows ∂L/∂z,
    // and ∂L/∂x = ∂L/∂z Wᵀ (skipped when wantDx is false, for the first layer).
    backward(g, rows, wantDx) {
      const {W, gW, gb, x, dx, fanIn, fanOut} = this;
      if (this.activation) for (let k = 0; k < rows * fanOut; k++) g[k] *= this.slope[k];
      for (let i = 0; i < fanIn; i++) {
        for (let j = 0; j < fanOut; j++) {
          let sum = 0;
          for (let r = 0; r < rows; r++) sum += x[r * fanIn + i] * g[r * fanOut + j];
          gW[i * fanOut + j] = sum;
        }
      }
      for (let j = 0; j < fanOut; j++) {
        let sum = 0;
        for (let r = 0; r < rows; r++) sum += g[r * fanOut + j];
        gb[j] = sum;
      }
      if (!wantDx) return null;
      for (let r = 0; r < rows; r++) {
        for (let i = 0; i < fanIn; i++) {
          let sum = 0;
          for (let j = 0; j < fanOut; j++) sum += g[r * fanOut + j] * W[i * fanOut + j];
          dx[r * fanIn + i] = sum;
        }
      }
      return dx;
    }

    // Share of units whose f′(z) is 0 on every one of the rows of the last forward pass.
    deadShare(rows) {
      let dead = 0;
      for (let j = 0; j < this.fanOut; j++) {
        let r = 0;
        while (r < rows && this.slope[r * this.fanOut + j] === 0) r++;
        if (r === rows) dead++;
      }
      return dead / this.fanOut;
    }
  }

  // The output heads, as actlib.nn.SigmoidBCE and SoftmaxCE, on scores z (rows × k) and integer labels y;
  // each returns the loss (a mean over the rows) and writes ∂L/∂z into g.
  const HEADS = {
    // p = σ(z), L = −mean[y log σ(z) + (1 − y) log σ(−z)], ∂L/∂z = (p − y)/n; class 1 where z > 0.
    sigmoid: {
      units: (k) => k === 1,
      unitsRule: "exactly 1 unit",
      lossAndGrad(z, y, rows, g) {
        let sum = 0;
        for (let r = 0; r < rows; r++) {
          sum += y[r] ? logSigmoid(z[r]) : logSigmoid(-z[r]);
          g[r] = (sigmoid(z[r]) - y[r]) / rows;
        }
        return -sum / rows;
      },
      predict: (z, r) => (z[r] > 0 ? 1 : 0),
      proba(z, rows, out) {
        for (let r = 0; r < rows; r++) out[r] = sigmoid(z[r]);
      },
    },
    // log p = z − max z − log Σ e^{z − max z}, L = −mean log p_y, ∂L/∂z = (p − onehot(y))/n;
    // class argmax z.
    softmax: {
      units: (k) => k >= 2,
      unitsRule: "at least 2 units",
      lossAndGrad(z, y, rows, g, k) {
        let sum = 0;
        for (let r = 0; r < rows; r++) {
          const norm = logNormaliser(z, r, k);
          sum += z[r * k + y[r]] - norm;
          for (let j = 0; j < k; j++) g[r * k + j] = (Math.exp(z[r * k + j] - norm) - (j === y[r] ? 1 : 0)) / rows;
        }
        return -sum / rows;
      },
      predict(z, r, k) {
        let best = 0;
        for (let j = 1; j < k; j++) if (z[r * k + j] > z[r * k + best]) best = j;
        return best;
      },
      proba(z, rows, out, k) {
        for (let r = 0; r < rows; r++) {
          const norm = logNormaliser(z, r, k);
          for (let j = 0; j < k; j++) out[r * k + j] = Math.exp(z[r * k + j] - norm);
        }
      },
    },
  };

  // max z + log Σ_j e^{z_j − max z} over row r of z (rows × k): log p_j = z_j minus this.
  function logNormaliser(z, r, k) {
    let top = -Infinity;
    for (let j = 0; j < k; j++) top = Math.max(top, z[r * k + j]);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp(z[r * k + j] - top);
    return top + Math.log(sum);
  }

  function sumOfSquares(array) {
    let sum = 0;
    for (let k = 0; k < array.length; k++) sum += array[k] * array[k];
    return sum;
  }

  function allFinite(array) {
    for (let k = 0; k < array.length; k++) if (!Number.isFinite(array[k])) return false;
    return true;
  }

  // A fully connected network as actlib.nn.mlp builds it. options:
  //   sizes        [inputs, hidden…, outputs], integers ≥ 1
  //   activations  one activation {f, df, params} per hidden layer (or a single one for all of them)
  //   output       "sigmoid" (one output) or "softmax" (≥ 2 outputs)
  //   init         "xavier", "he" or "lecun" (nn.init_std), drawn from Random(seed) layer by layer, row-major
  //   bias         the hidden layers' initial bias (default 0; the output layer's is 0)
  //   weights      instead of drawing: [{W, b}, …] (arrays or typed arrays, row-major), one per Dense layer
  class Network {
    constructor({sizes, activations, output = "sigmoid", init = "xavier", bias = 0, seed = 0, weights = null}) {
      const who = "Network";
      if (!Array.isArray(sizes) || sizes.length < 2) {
        throw new TypeError(`${who}: sizes must be an array of at least two widths [inputs, hidden…, outputs]`);
      }
      sizes.forEach((width, i) => integer(who, `sizes[${i}]`, width, 1, MAX_WEIGHTS));
      if (sizes.slice(1).reduce((sum, width, i) => sum + sizes[i] * width, 0) > MAX_WEIGHTS) {
        throw new RangeError(`${who}: sizes [${sizes}] ask for more than ${MAX_WEIGHTS} weights`);
      }
      const hidden = sizes.length - 2;
      const acts = Array.isArray(activations) ? activations : Array(hidden).fill(activations);
      if (acts.length !== hidden || !acts.every((a) => a && typeof a.f === "function" && typeof a.df === "function")) {
        throw new TypeError(`${who}: activations must be one {f, df, params} per hidden layer (${hidden}), ` +
          "or one for all");
      }
      this.head = HEADS[choice(who, "output", output, Object.keys(HEADS))];
      const outputs = sizes[sizes.length - 1];
      if (!this.head.units(outputs)) {
        throw new RangeError(`${who}: a ${output} output takes ${this.head.unitsRule}, got ${outputs}`);
      }
      choice(who, "init", init, INITS);
      real(who, "bias", bias, -Number.MAX_VALUE, Number.MAX_VALUE);
      this.sizes = sizes.slice();
      this.layers = sizes.slice(1).map((fanOut, i) => new Layer(sizes[i], fanOut, i < hidden ? acts[i] : null));
      if (weights) this.setWeights(weights);
      else this.draw(init, bias, new Random(integer(who, "seed", seed, 0, MAX_SEED)));
      this.outputs = outputs;
      this.grad = new Float64Array(0);
      this.params = this.layers.flatMap((layer) => [[layer.W, layer.gW], [layer.b, layer.gb]]);
    }

    draw(init, bias, rng) {
      for (const layer of this.layers) {
        const slope = layer.activation ? layer.activation.negativeSlope || 0 : 0;
        const std = initStd(init, layer.fanIn, layer.fanOut, slope);
        for (let k = 0; k < layer.W.length; k++) layer.W[k] = std * rng.normal();
        layer.b.fill(layer.activation ? bias : 0);
      }
    }

    setWeights(weights) {
      if (!Array.isArray(weights) || weights.length !== this.layers.length) {
        throw new TypeError(`Network.setWeights: weights must be an array of ${this.layers.length} {W, b}, ` +
          "one per Dense layer");
      }
      weights.forEach(({W, b}, i) => {
        const layer = this.layers[i];
        if (!W || !b || W.length !== layer.W.length || b.length !== layer.b.length || !allFinite(W) || !allFinite(b)) {
          throw new RangeError(`Network.setWeights: weights[${i}] must hold ${layer.fanIn}×${layer.fanOut} finite W ` +
            `and ${layer.fanOut} finite b`);
        }
        layer.W.set(W);
        layer.b.set(b);
      });
    }

    // The weights as plain arrays [{W, b}, …] (a copy).
    weights() {
      return this.layers.map((layer) => ({W: Array.from(layer.W), b: Array.from(layer.b)}));
    }

    // The output scores z (rows × outputs) of the points X (rows × inputs); every layer keeps its z, a, f′(z).
    forward(X, rows) {
      let out = X;
      for (const layer of this.layers) out = layer.forward(out, rows);
      return out;
    }

    // L = head loss + λ/2 · Σ W² over every Dense layer (not the biases), from one forward and one backward
    // pass over the rows of X with labels y; fills every layer's gW (+ λW) and gb.
    lossAndGradients(X, y, rows, l2 = 0) {
      const z = this.forward(X, rows);
      if (this.grad.length < rows * this.outputs) this.grad = new Float64Array(rows * this.outputs);
      let loss = this.head.lossAndGrad(z, y, rows, this.grad, this.outputs);
      let g = this.grad;
      for (let i = this.layers.length - 1; i >= 0; i--) g = this.layers[i].backward(g, rows, i > 0);
      if (l2 > 0) {
        for (const {W, gW} of this.layers) {
          for (let k = 0; k < W.length; k++) {
            loss += 0.5 * l2 * W[k] * W[k];
            gW[k] += l2 * W[k];
          }
        }
      }
      return loss;
    }

    // A data set {X, y, n, d} that fits: d = inputs, X of n · d finite numbers, y of n class labels.
    check(who, set) {
      const classes = Math.max(this.outputs, 2);
      const d = this.sizes[0];
      if (!set || set.d !== d || !set.X || set.X.length !== set.n * d || !set.y || set.y.length !== set.n) {
        throw new TypeError(`${who}: the set must be {X, y, n, d} with d = ${d}, X of n · d numbers, y of n labels`);
      }
      if (!allFinite(set.X)) throw new RangeError(`${who}: the set's X must be finite (no NaN or ±Infinity)`);
      for (let r = 0; r < set.n; r++) {
        if (!(Number.isInteger(set.y[r]) && set.y[r] >= 0 && set.y[r] < classes)) {
          throw new RangeError(`${who}: label ${r} of the set is ${set.y[r]}; ` +
            `the labels are the integers 0 … ${classes - 1}`);
        }
      }
      return set;
    }

    // What actlib.nn's History records, on a whole set from one forward and backward pass: loss, accuracy,
    // ‖∂L/∂W‖ (Frobenius) of every Dense layer input side first, and the share of dead units of every
    // hidden layer (f′(z) = 0 on every row). With l2 > 0 the loss and ∂L/∂W include the penalty λ/2 ΣW².
    measure(set, l2 = 0) {
      this.check("Network.measure", set);
      const loss = this.lossAndGradients(set.X, set.y, set.n, l2);
      const z = this.layers[this.layers.length - 1].z;
      let right = 0;
      for (let r = 0; r < set.n; r++) if (this.head.predict(z, r, this.outputs) === set.y[r]) right++;
      return {
        loss,
        accuracy: right / set.n,
        gradNorms: this.layers.map((layer) => Math.sqrt(sumOfSquares(layer.gW))),
        deadShare: this.layers.slice(0, -1).map((layer) => layer.deadShare(set.n)),
      };
    }

    // The class probabilities of the points (rows × outputs; P(y = 1) alone for a sigmoid output), into out.
    probabilities(points, rows, out = new Float64Array(rows * this.outputs)) {
      this.head.proba(this.forward(points, rows), rows, out, this.outputs);
      return out;
    }

    // The output a = f(z) of unit `unit` of hidden layer `layer` (0 nearest the input) at each point, into out.
    unitOutput(points, rows, layer, unit, out = new Float64Array(rows)) {
      integer("Network.unitOutput", "layer", layer, 0, this.layers.length - 2);
      const width = this.layers[layer].fanOut;
      integer("Network.unitOutput", "unit", unit, 0, width - 1);
      this.forward(points, rows);
      const a = this.layers[layer].a;
      for (let r = 0; r < rows; r++) out[r] = a[r * width + unit];
      return out;
    }

    // Every learnable array with its gradient, [[W, ∂L/∂W], [b, ∂L/∂b], …] input side first (the optimisers'
    // view of the network).
    parameters() {
      return this.params;
    }
  }

  // ------------------------------------------------------------------------------------------ optimisers

  // One zero array per parameter: an optimiser's state.
  function zerosLike(params) {
    return params.map(([p]) => new Float64Array(p.length));
  }

  // actlib.nn.SGD: v ← μ v + g, θ ← θ − lr · v (PyTorch's form; μ = 0 is plain gradient descent).
  class SGD {
    constructor(lr = 0.1, momentum = 0) {
      this.lr = real("SGD", "lr", lr, 0, Infinity, "low high");
      this.momentum = real("SGD", "momentum", momentum, 0, 1, "high");
      this.velocity = null;
    }

    step(network) {
      const params = network.parameters();
      if (!this.velocity) this.velocity = zerosLike(params);
      params.forEach(([p, g], i) => {
        const v = this.velocity[i];
        for (let k = 0; k < p.length; k++) {
          v[k] = v[k] * this.momentum + g[k];
          p[k] -= this.lr * v[k];
        }
      });
    }
  }

  // actlib.nn.Adam (Kingma & Ba 2015): m ← m + (1 − β₁)(g − m), v ← v + (1 − β₂)(g² − v),
  // θ ← θ − lr · m̂ / (√v̂ + ε) with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ).
  class Adam {
    constructor(lr = 0.001, beta1 = 0.9, beta2 = 0.999, eps = 1e-8) {
      this.lr = real("Adam", "lr", lr, 0, Infinity, "low high");
      this.beta1 = real("Adam", "beta1", beta1, 0, 1, "high");
      this.beta2 = real("Adam", "beta2", beta2, 0, 1, "high");
      this.eps = real("Adam", "eps", eps, 0, Infinity, "low high");
      this.t = 0;
      this.m = this.v = null;
    }

    step(network) {
      const params = network.parameters();
      if (!this.m) [this.m, this.v] = [zerosLike(params), zerosLike(params)];
      this.t += 1;
      const fix1 = 1 - this.beta1 ** this.t, fix2 = 1 - this.beta2 ** this.t;
      params.forEach(([p, g], i) => {
        const m = this.m[i], v = this.v[i];
        for (let k = 0; k < p.length; k++) {
          m[k] += (1 - this.beta1) * (g[k] - m[k]);
          v[k] += (1 - this.beta2) * (g[k] * g[k] - v[k]);
          p[k] -= (this.lr * (m[k] / fix1)) / (Math.sqrt(v[k] / fix2) + this.eps);
        }
      });
    }
  }

  // ------------------------------------------------------------------------------------------ training

  // Minibatch training as actlib.nn.MLP.fit: each epoch shuffles the rows (Random(seed)) and takes one
  // optimiser step per batch of batchSize rows (null: the whole set at once); l2 is λ of the penalty λ/2 ΣW².
  class Trainer {
    constructor(network, optimizer, {batchSize = 32, l2 = 0, seed = 0} = {}) {
      if (!(network instanceof Network)) throw new TypeError("Trainer: network must be a PlaygroundEngine.Network");
      if (!(optimizer instanceof SGD || optimizer instanceof Adam)) {
        throw new TypeError("Trainer: optimizer must be a PlaygroundEngine.SGD or PlaygroundEngine.Adam");
      }
      if (batchSize !== null) integer("Trainer", "batchSize (null: all rows)", batchSize, 1, MAX_POINTS);
      this.network = network;
      this.optimizer = optimizer;
      this.batchSize = batchSize;
      this.l2 = real("Trainer", "l2", l2, 0, 1e6);
      this.rng = new Random(integer("Trainer", "seed", seed, 0, MAX_SEED));
      this.batchX = new Float64Array(0);
      this.batchY = new Int32Array(0);
    }

    // One optimiser step on the rows `rows` of the set (indices, taken in this order); returns the batch's loss.
    step(set, rows) {
      this.network.check("Trainer.step", set);
      if (!rows || rows.length < 1 || !Array.from(rows).every((r) => Number.isInteger(r) && r >= 0 && r < set.n)) {
        throw new RangeError(`Trainer.step: rows must be a non-empty list of row indices from 0 to ${set.n - 1}`);
      }
      return this.stepOn(set, rows);
    }

    stepOn(set, rows) {
      const d = set.d, count = rows.length;
      if (this.batchY.length < count) [this.batchX, this.batchY] = [new Float64Array(count * d), new Int32Array(count)];
      for (let k = 0; k < count; k++) {
        for (let i = 0; i < d; i++) this.batchX[k * d + i] = set.X[rows[k] * d + i];
        this.batchY[k] = set.y[rows[k]];
      }
      const loss = this.network.lossAndGradients(this.batchX, this.batchY, count, this.l2);
      this.optimizer.step(this.network);
      return loss;
    }

    // One pass over the set in a fresh random order.
    epoch(set) {
      this.network.check("Trainer.epoch", set);
      if (!this.order || this.order.length !== set.n) this.order = new Int32Array(set.n);
      this.rng.permutation(set.n, this.order);
      const size = this.batchSize === null ? set.n : Math.min(this.batchSize, set.n);
      for (let start = 0; start < set.n; start += size) {
        this.stepOn(set, this.order.subarray(start, start + size));
      }
    }
  }

  root.PlaygroundEngine = {
    Random, Network, SGD, Adam, Trainer, initStd, taijiLabel,
    data: {xor, circles, moons, yinYang, spiral, split, grid},
  };
})(typeof window !== "undefined" ? window : globalThis);
