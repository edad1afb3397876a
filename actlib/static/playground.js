// The training playground (playground.md, and the chapters' embeds): a small network trained in the
// reader's browser, no kernel. The activations are actlib's (actlibForms, generated from the registry by
// actlib.browser_forms), the training is PlaygroundEngine (playground-engine.js, checked against actlib.nn).
// Every element with data-playground becomes one playground; data-preset names its starting configuration.
// The playground page itself keeps its configuration in the address (?data=spiral&act=relu&…), so a link
// reproduces it; an embed links to the page with its own configuration. Nothing is fetched from anywhere.
(function () {
  "use strict";

  const DATA = {xor: ["异或", "XOR"], circles: ["同心圆", "circles"], moons: ["双月", "moons"],
                spiral: ["双螺旋", "spiral"], taiji: ["太极", "taiji"]};
  const CHOICES = {
    lr: [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3],
    batch: [1, 8, 16, 32, 64, 0],            // 0: the whole training set at once
    l2: [0, 1e-4, 1e-3, 1e-2, 1e-1],
    init: ["xavier", "he", "lecun"],
    opt: ["adam", "sgd"],
  };
  // act is the whole network's activation; per, when set, names one per hidden layer ("relu,tanh,relu").
  const DEFAULTS = {data: "moons", n: 400, noise: 0.1, test: 0.25, seed: 0, layers: 3, units: 8, act: "tanh",
                    per: "", init: "xavier", opt: "adam", lr: 0.01, batch: 32, l2: 0};
  const WORDS = ["data", "act", "per", "init", "opt"];   // the entries that are names, not numbers
  // The chapters' presets: each starts where its lesson shows.
  const PRESETS = {
    "xor-relu": {data: "xor", noise: 0.2, layers: 1, units: 8, act: "relu", init: "he", opt: "adam", lr: 0.03},
    "sigmoid-depth": {data: "circles", noise: 0.05, layers: 6, units: 8, act: "sigmoid", init: "xavier",
                      opt: "sgd", lr: 0.3, batch: 32},
    "dying-relu": {data: "moons", noise: 0.1, layers: 3, units: 8, act: "relu", init: "he", opt: "adam", lr: 0.3},
    "selu-lecun": {data: "spiral", noise: 0.1, layers: 6, units: 8, act: "selu", init: "lecun", opt: "adam",
                   lr: 0.01},
  };
  const GRID = 40;                           // decision-boundary samples per side
  const FRAME_MS = 6;                        // training time per animation frame
  const MAX_EPOCHS = 5000;
  const COLOURS = ["#D55E00", "#0072B2"];     // class 0, class 1 (Okabe–Ito)
  const LAYER_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#B0488F", "#A87600", "#5E5E5E", "#4B6FD1"];

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function bi(zh, en) {                      // a short text in both languages; the book's toggle shows one
    return `<span lang="zh">${esc(zh)}</span><span lang="en"><span class="pg-sep"> · </span>${esc(en)}</span>`;
  }
  function number(value) {
    if (value === 0) return "0";
    const abs = Math.abs(value);
    const text = abs >= 1e4 || abs < 1e-3 ? value.toExponential(2) : String(+value.toPrecision(3));
    return text.replace(/-/g, "\u2212");
  }

  // ---------------------------------------------------------------------------------------- configuration
  function fromAddress(forms) {               // the page's own configuration, from ?key=value (unknown keys kept out)
    const query = new URLSearchParams(window.location.search), out = {};
    if (query.get("preset") && PRESETS[query.get("preset")]) Object.assign(out, PRESETS[query.get("preset")]);
    for (const [key, value] of query) if (key in DEFAULTS) out[key] = WORDS.includes(key) ? value : +value;
    const {params, options} = shared(layerActs(Object.assign({}, DEFAULTS, out), forms), forms);
    for (const name of Object.keys(params)) if (query.has(name)) out[name] = +query.get(name);
    for (const name of Object.keys(options)) if (query.has(name)) out[name] = query.get(name);
    return out;
  }
  function layerActs(c, forms) {              // the activation of each hidden layer
    const per = c.per ? c.per.split(",") : [];
    return per.length === c.layers && per.every((name) => forms[name]) ? per : Array(c.layers).fill(c.act);
  }
  // The parameters and options of the activations in use, one control each: a parameter acts on every layer
  // whose activation has it, over the part of their ranges they share (as actlib.explore's shared sliders).
  function shared(acts, forms) {
    const params = {}, options = {};
    for (const name of new Set(acts)) {
      for (const [key, p] of Object.entries(forms[name].params)) {
        const s = params[key];
        params[key] = s ? {low: Math.max(s.low, p.low), high: Math.min(s.high, p.high), step: Math.min(s.step, p.step),
                           default: s.default} : {low: p.low, high: p.high, step: p.step, default: p.default};
      }
      for (const [key, o] of Object.entries(forms[name].options)) {
        const s = options[key];
        options[key] = s ? {choices: s.choices.filter((v) => o.choices.includes(v)), default: s.default}
          : {choices: o.choices.slice(), default: o.default};
      }
    }
    for (const p of Object.values(params)) p.default = Math.min(p.high, Math.max(p.low, p.default));
    return {params, options};
  }
  function valid(config, forms) {             // every entry inside what its control offers, else the default
    const c = Object.assign({}, DEFAULTS, config);
    if (!(c.data in DATA)) c.data = DEFAULTS.data;
    if (!forms[c.act]) c.act = DEFAULTS.act;
    for (const key of ["init", "opt", "lr", "batch", "l2"]) if (!CHOICES[key].includes(c[key])) c[key] = DEFAULTS[key];
    const clamp = (key, low, high) => { if (!(c[key] >= low && c[key] <= high)) c[key] = DEFAULTS[key]; };
    clamp("layers", 1, 6); clamp("units", 1, 8); clamp("noise", 0, 0.5); clamp("test", 0.1, 0.5);
    clamp("seed", 0, 9999); clamp("n", 100, 800);
    c.layers = Math.round(c.layers); c.units = Math.round(c.units); c.seed = Math.round(c.seed); c.n = Math.round(c.n);
    const per = c.per ? c.per.split(",") : [];
    if (!(per.length === c.layers && per.every((name) => forms[name]))) c.per = "";
    const {params, options} = shared(layerActs(c, forms), forms);
    for (const [name, p] of Object.entries(params)) if (!(c[name] >= p.low && c[name] <= p.high)) c[name] = p.default;
    for (const [name, o] of Object.entries(options)) if (!o.choices.includes(c[name])) c[name] = o.default;
    return c;
  }
  function address(config, forms) {           // the query string that reproduces config
    const query = new URLSearchParams();
    for (const key of Object.keys(DEFAULTS)) query.set(key, String(config[key]));
    const {params, options} = shared(layerActs(config, forms), forms);
    for (const name of [...Object.keys(params), ...Object.keys(options)]) query.set(name, String(config[name]));
    return query.toString();
  }

  // ---------------------------------------------------------------------------------------- one playground
  function playground(root, forms, E) {
    const onPage = root.dataset.playground === "page";
    let config = valid(Object.assign({}, PRESETS[root.dataset.preset] || {}, onPage ? fromAddress(forms) : {}), forms);
    let sets, grid, net, trainer, history, epoch, steps, order, cursor, playing = false, shown = null;

    root.innerHTML = layout(forms);
    const $ = (selector) => root.querySelector(selector);
    const controls = root.querySelectorAll("[data-key]");
    const boundary = $(".pg-boundary"), lossChart = $(".pg-loss"), gradChart = $(".pg-grads"), actChart = $(".pg-act");
    const small = Object.assign(document.createElement("canvas"), {width: GRID, height: GRID});   // one pixel a sample

    function activation(layer) {              // the engine's {f, df, params} for a hidden layer, parameters bound once
      const name = layerActs(config, forms)[layer], form = forms[name], p = {};
      for (const key of form.args) p[key] = config[key];
      return Object.assign(form.bind(p), {name, params: p,
        negativeSlope: name === "leaky_relu" || name === "prelu" ? p.alpha : 0});
    }
    function build() {
      const make = {xor: E.data.xor, circles: E.data.circles, moons: E.data.moons, spiral: E.data.spiral};
      const all = config.data === "taiji" ? E.data.yinYang(config.n, config.seed)
        : make[config.data](config.n, config.noise, config.seed);
      sets = E.data.split(all, config.test, config.seed);
      grid = E.data.grid(all, GRID, 0.1);
      net = new E.Network({sizes: [2, ...Array(config.layers).fill(config.units), 1],
                           activations: Array.from({length: config.layers}, (_, l) => activation(l)),
                           output: "sigmoid", init: config.init, seed: config.seed});
      const opt = config.opt === "adam" ? new E.Adam(config.lr) : new E.SGD(config.lr);
      trainer = new E.Trainer(net, opt, {batchSize: config.batch || null, l2: config.l2, seed: config.seed});
      history = {epochs: [], train: [], test: [], grads: []};
      epoch = steps = cursor = 0;
      order = new Int32Array(sets.train.n);
      record();
      units();
      draw();
    }
    function record() {                       // the figures after `epoch` epochs (once per frame while training)
      const test = net.measure(sets.test, config.l2);
      const train = net.measure(sets.train, config.l2);    // last: the layers keep the training set's z
      history.epochs.push(epoch);
      history.train.push(train.loss);
      history.test.push(test.loss);
      history.grads.push(train.gradNorms);
      history.last = {train, test};
      history.ranges = net.layers.slice(0, -1).map((layer) => quantiles(layer.z, sets.train.n * layer.fanOut));
      history.deadUnits = net.layers.slice(0, -1).map((layer) => deadUnits(layer, sets.train.n));
    }
    function train() {                        // epochs for up to FRAME_MS, then one measurement
      const start = performance.now();
      do wholeEpoch(); while (performance.now() - start < FRAME_MS && epoch < MAX_EPOCHS);
      record();
      if (epoch >= MAX_EPOCHS || !Number.isFinite(history.last.train.loss)) pause();
    }
    function loop() {
      if (!playing) return;
      train();
      draw();
      requestAnimationFrame(loop);
    }
    function play() { playing = true; update(); requestAnimationFrame(loop); }
    function pause() { playing = false; update(); }
    function update() {
      const button = $(".pg-play");
      button.innerHTML = playing ? bi("暂停", "pause") : bi("训练", "train");
      button.setAttribute("aria-pressed", String(playing));
    }

    // ---------------------------------------------------------------- drawing
    function draw() {
      drawBoundary();
      drawLines(lossChart, history.epochs, [history.train, history.test], ["#0072B2", "#D55E00"]);
      const layers = net.layers.length;
      drawLines(gradChart, history.epochs, Array.from({length: layers}, (_, l) => history.grads.map((g) => g[l])),
                LAYER_COLOURS);
      drawActivation();
      const last = history.last;
      $(".pg-epoch").textContent = String(epoch);
      $(".pg-steps").textContent = String(steps);
      $(".pg-train-loss").textContent = number(last.train.loss);
      $(".pg-test-loss").textContent = number(last.test.loss);
      $(".pg-train-acc").textContent = (100 * last.train.accuracy).toFixed(1) + " %";
      $(".pg-test-acc").textContent = (100 * last.test.accuracy).toFixed(1) + " %";
      $(".pg-grad-table").innerHTML = last.train.gradNorms.map((g, l) =>
        `<tr><td><span class="pg-dot" style="background:${LAYER_COLOURS[l % LAYER_COLOURS.length]}"></span>` +
        `${l + 1 < layers ? l + 1 : bi("输出", "output")}</td><td data-grad="${g}">${number(g)}</td>` +
        `<td>${l + 1 < layers ? (100 * last.train.deadShare[l]).toFixed(0) + " %" : ""}</td></tr>`).join("");
      root.querySelectorAll(".pg-unit").forEach((el) => {
        el.classList.toggle("pg-dead", history.deadUnits[+el.dataset.layer][+el.dataset.unit]);
      });
    }
    function drawBoundary() {
      const ctx = boundary.getContext("2d"), size = boundary.width;
      const values = shown ? net.unitOutput(grid.points, grid.n, shown[0], shown[1])
        : net.probabilities(grid.points, grid.n);
      let low = 0, high = 1;
      if (shown) { low = Math.min(...values); high = Math.max(...values); if (!(high > low)) high = low + 1; }
      const image = small.getContext("2d").createImageData(GRID, GRID);
      for (let r = 0; r < GRID; r++) {
        for (let c = 0; c < GRID; c++) {
          const rgb = mix((values[r * GRID + c] - low) / (high - low)), k = 4 * ((GRID - 1 - r) * GRID + c);
          image.data.set(rgb, k);
          image.data[k + 3] = 255;
        }
      }
      small.getContext("2d").putImageData(image, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(small, 0, 0, size, size);
      const [x0, x1] = [grid.xs[0], grid.xs[GRID - 1]], [y0, y1] = [grid.ys[0], grid.ys[GRID - 1]];
      for (const [set, filled] of [[sets.train, true], [sets.test, false]]) {
        for (let i = 0; i < set.n; i++) {
          const x = (set.X[2 * i] - x0) / (x1 - x0) * size, y = (1 - (set.X[2 * i + 1] - y0) / (y1 - y0)) * size;
          ctx.beginPath();
          ctx.arc(x, y, size / 110, 0, 2 * Math.PI);
          ctx.fillStyle = filled ? COLOURS[set.y[i]] : "#ffffff";
          ctx.strokeStyle = filled ? "#ffffff" : COLOURS[set.y[i]];
          ctx.lineWidth = filled ? 0.8 : 1.6;
          ctx.fill(); ctx.stroke();
        }
      }
    }
    function mix(p) {                          // class 0 orange … white … class 1 blue
      const a = [213, 94, 0], b = [0, 114, 178], t = Math.min(1, Math.max(0, p)), w = 1 - 2 * Math.abs(t - 0.5);
      const end = t < 0.5 ? a : b, light = 0.55 + 0.45 * w;
      return end.map((v) => Math.round(v * (1 - light) + 255 * light));
    }
    function chartFrame(canvas) {
      const ctx = canvas.getContext("2d"), w = canvas.width, h = canvas.height;
      ctx.clearRect(0, 0, w, h);
      ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, w, h);
      return {ctx, w, h, left: 44, right: w - 8, top: 8, bottom: h - 20};
    }
    function drawLines(canvas, epochs, series, colours) {   // log-scale lines over the epochs measured
      const f = chartFrame(canvas), ctx = f.ctx, values = series.flat().filter((v) => v > 0 && Number.isFinite(v));
      if (!values.length) return;
      let low = Math.floor(Math.log10(Math.min(...values))), high = Math.ceil(Math.log10(Math.max(...values)));
      if (high - low < 1) high = low + 1;
      const last = Math.max(1, epochs[epochs.length - 1]), x = (i) => f.left + (f.right - f.left) * epochs[i] / last;
      const y = (v) => f.bottom - (f.bottom - f.top) * (Math.log10(v) - low) / (high - low);
      ctx.strokeStyle = "rgba(0,0,0,.12)"; ctx.fillStyle = "#333"; ctx.font = "11px sans-serif"; ctx.lineWidth = 1;
      const step = Math.max(1, Math.ceil((high - low) / 4));
      for (let e = low; e <= high; e += step) {
        ctx.beginPath(); ctx.moveTo(f.left, y(10 ** e)); ctx.lineTo(f.right, y(10 ** e)); ctx.stroke();
        ctx.fillText(`1e${e}`.replace("-", "\u2212"), 4, y(10 ** e) + 4);
      }
      ctx.fillText("0", f.left, f.h - 5);
      ctx.fillText(String(last), f.right - 24, f.h - 5);
      series.forEach((points, s) => {
        ctx.strokeStyle = colours[s % colours.length]; ctx.lineWidth = 2; ctx.beginPath();
        points.forEach((v, i) => { const yy = y(Math.max(v, 10 ** low)); if (i) ctx.lineTo(x(i), yy); else ctx.moveTo(x(i), yy); });
        ctx.stroke();
      });
    }
    function drawActivation() {                // f and f′ of the chosen activation, the layers' z ranges below
      const layer = shown ? shown[0] : 0, a = activation(layer);
      $(".pg-act-name").textContent = a.name + (config.per ? ` (${layer + 1})` : "");
      const f = chartFrame(actChart), ctx = f.ctx, reach = Math.max(3, ...history.ranges.map((r) => Math.max(-r[0], r[1])));
      const lo = -Math.min(reach * 1.1, 30), hi = -lo, xs = Array.from({length: 161}, (_, i) => lo + (hi - lo) * i / 160);
      const fs = xs.map((x) => a.f(x, a.params)), ds = xs.map((x) => a.df(x, a.params));
      const finite = fs.concat(ds).filter(Number.isFinite);
      let ymin = Math.min(...finite, 0), ymax = Math.max(...finite, 1);
      const bands = history.ranges.length, bandTop = f.bottom - 6 * bands;
      const px = (x) => f.left + (f.right - f.left) * (x - lo) / (hi - lo);
      const py = (v) => bandTop - 4 - (bandTop - 4 - f.top) * (v - ymin) / (ymax - ymin);
      ctx.strokeStyle = "rgba(0,0,0,.25)"; ctx.lineWidth = 1;
      ctx.beginPath(); ctx.moveTo(px(0), f.top); ctx.lineTo(px(0), bandTop); ctx.moveTo(f.left, py(0)); ctx.lineTo(f.right, py(0)); ctx.stroke();
      ctx.fillStyle = "#333"; ctx.font = "11px sans-serif";
      ctx.fillText(number(lo), f.left - 4, f.h - 5); ctx.fillText(number(hi), f.right - 22, f.h - 5);
      ctx.fillText(number(ymax), 4, f.top + 8); ctx.fillText(number(ymin), 4, bandTop - 4);
      for (const [values, dash, colour] of [[fs, [], "#0072B2"], [ds, [5, 4], "#D55E00"]]) {
        ctx.setLineDash(dash); ctx.strokeStyle = colour; ctx.lineWidth = 2; ctx.beginPath();
        values.forEach((v, i) => { if (i) ctx.lineTo(px(xs[i]), py(v)); else ctx.moveTo(px(xs[i]), py(v)); });
        ctx.stroke();
      }
      ctx.setLineDash([]);
      history.ranges.forEach((r, l) => {         // where the middle 90 % of layer l's z lie
        ctx.fillStyle = LAYER_COLOURS[l % LAYER_COLOURS.length];
        ctx.fillRect(px(Math.max(lo, r[0])), bandTop + 6 * l + 1, Math.max(2, px(Math.min(hi, r[1])) - px(Math.max(lo, r[0]))), 4);
      });
    }

    // ---------------------------------------------------------------- controls
    function units() {                          // one button per hidden unit: hover or focus shows its output
      $(".pg-net").innerHTML = Array.from({length: config.layers}, (_, l) =>
        `<div class="pg-layer"><span class="pg-layer-name">${l + 1}</span>` + Array.from({length: config.units}, (_, u) =>
          `<button type="button" class="pg-unit" data-layer="${l}" data-unit="${u}" ` +
          `data-zh-aria-label="第 ${l + 1} 层第 ${u + 1} 个单元的输出" data-en-aria-label="output of unit ${u + 1} of layer ${l + 1}" ` +
          `aria-label="output of unit ${u + 1} of layer ${l + 1}"></button>`).join("") + "</div>").join("");
      translate(root);
    }
    function showUnit(el) {
      shown = el ? [+el.dataset.layer, +el.dataset.unit] : null;
      $(".pg-showing").innerHTML = shown ? bi(`第 ${shown[0] + 1} 层第 ${shown[1] + 1} 个单元的输出`,
                                               `output of unit ${shown[1] + 1} of layer ${shown[0] + 1}`)
        : bi("预测：类别 1 的概率", "prediction: probability of class 1");
      drawBoundary();
      drawActivation();
    }
    $(".pg-net").addEventListener("pointerover", (e) => showUnit(e.target.closest(".pg-unit")));
    $(".pg-net").addEventListener("pointerleave", () => showUnit(null));
    $(".pg-net").addEventListener("focusin", (e) => showUnit(e.target.closest(".pg-unit")));
    $(".pg-net").addEventListener("focusout", () => showUnit(null));

    function paramControls() {                  // the layers' activations, and one control per shared parameter
      const acts = layerActs(config, forms), form = shared(acts, forms), names = Object.keys(forms);
      $(".pg-per").innerHTML = config.per ? acts.map((act, l) =>
        `<label>${bi(`第 ${l + 1} 层`, `layer ${l + 1}`)} <select data-layer="${l}">` +
        names.map((n) => `<option${n === act ? " selected" : ""}>${esc(n)}</option>`).join("") + "</select></label>").join("") : "";
      root.querySelectorAll(".pg-per select").forEach((el) => el.addEventListener("change", () => {
        const per = layerActs(config, forms).slice();
        per[+el.dataset.layer] = el.value;
        config.per = per.join(",");
        changed(true);
      }));
      $(".pg-params").innerHTML = Object.entries(form.params).map(([name, p]) =>
        `<label>${esc(name)} <input type="range" data-key="${name}" data-param="1" min="${p.low}" max="${p.high}" ` +
        `step="${p.step}" value="${config[name]}"><output>${number(config[name])}</output></label>`).join("") +
        Object.entries(form.options).map(([name, o]) =>
          `<label>${esc(name)} <select data-key="${name}" data-param="1">` +
          o.choices.map((v) => `<option${v === config[name] ? " selected" : ""}>${esc(v)}</option>`).join("") +
          "</select></label>").join("");
      root.querySelectorAll("[data-param]").forEach(listen);
    }
    function show() {                            // the controls at config
      root.querySelectorAll("[data-key]").forEach((el) => {
        const value = config[el.dataset.key];
        if (el.tagName === "SELECT") el.value = String(value);
        else el.value = String(value);
        const out = el.parentElement.querySelector("output");
        if (out) out.textContent = number(value);
      });
      $(".pg-each").checked = Boolean(config.per);
      if (onPage) history_replace();
      $(".pg-link").href = (onPage ? "" : root.dataset.page || "") + "?" + address(config, forms);
    }
    function history_replace() {
      const query = new URLSearchParams(address(config, forms)), lang = new URLSearchParams(window.location.search).get("lang");
      if (lang) query.set("lang", lang);
      window.history.replaceState(null, "", "?" + query.toString());
    }
    function changed(activations) {            // a control moved: the configuration, its controls, a new network
      if (config.per) {                         // one activation per layer, as many as there are layers
        const per = config.per.split(","), fill = per[per.length - 1];
        config.per = Array.from({length: config.layers}, (_, l) => per[l] || fill).join(",");
      }
      const before = Object.keys(shared(layerActs(config, forms), forms).params).join();
      config = valid(config, forms);
      if (activations || before !== Object.keys(shared(layerActs(config, forms), forms).params).join()) paramControls();
      show();
      build();
    }
    function listen(el) {
      el.addEventListener(el.tagName === "SELECT" ? "change" : "input", () => {
        const key = el.dataset.key, raw = el.value;
        config[key] = el.tagName === "SELECT" && !/^[-\d.e]+$/.test(raw) ? raw : +raw;
        if (key === "act" && config.per) config.per = Array(config.layers).fill(config.act).join(",");
        changed(key === "act" || key === "layers");
      });
    }
    controls.forEach(listen);
    $(".pg-each").addEventListener("change", (e) => {
      config.per = e.target.checked ? Array(config.layers).fill(config.act).join(",") : "";
      changed(true);
    });
    $(".pg-play").addEventListener("click", () => (playing ? pause() : play()));
    $(".pg-one-epoch").addEventListener("click", () => { pause(); train1(); });
    $(".pg-one-step").addEventListener("click", () => { pause(); step1(); });
    $(".pg-reset").addEventListener("click", () => { pause(); build(); });
    function wholeEpoch() {                     // one epoch in a fresh order (Trainer.epoch); a part-done one is left
      trainer.epoch(sets.train);
      cursor = 0;
      epoch += 1;
      steps += Math.ceil(sets.train.n / (config.batch || sets.train.n));
    }
    function train1() {                         // the rest of this epoch's batches, or a whole epoch
      if (cursor > 0) while (cursor > 0) step1(false);
      else wholeEpoch();
      record(); draw();
    }
    function step1(redraw = true) {             // one optimiser step on the next batch of this epoch's order
      const n = sets.train.n, size = Math.min(config.batch || n, n);
      if (cursor === 0) trainer.rng.permutation(n, order);
      trainer.step(sets.train, order.subarray(cursor, Math.min(n, cursor + size)));
      steps += 1;
      cursor += size;
      if (cursor >= n) { cursor = 0; epoch += 1; }
      if (redraw) { record(); draw(); }
    }
    document.addEventListener("book-lang", () => translate(root));

    paramControls();
    show();
    build();
    update();
    root.dataset.ready = "1";
    return {get epoch() { return epoch; }, get history() { return history; }, play, pause, train: train1, step: step1};
  }

  function deadUnits(layer, rows) {          // per unit: f′(z) = 0 on every row of the last forward pass
    const width = layer.fanOut, dead = Array(width).fill(true);
    for (let k = 0; k < rows * width; k++) if (layer.slope[k] !== 0) dead[k % width] = false;
    return dead;
  }
  function quantiles(z, count) {              // the 5 % and 95 % points of the first `count` entries of z
    const sorted = Float64Array.from(z.subarray(0, count)).sort();
    return [sorted[Math.floor(0.05 * (count - 1))], sorted[Math.ceil(0.95 * (count - 1))]];
  }
  function translate(scope) {                 // aria-labels and option texts, in the book's language
    const lang = document.documentElement.getAttribute("data-book-lang") || "both";
    const pick = (zh, en) => (lang === "zh" ? zh : lang === "en" ? en : `${zh} · ${en}`);
    scope.querySelectorAll("[data-zh-aria-label]").forEach((el) => {
      el.setAttribute("aria-label", pick(el.getAttribute("data-zh-aria-label"), el.getAttribute("data-en-aria-label")));
    });
    scope.querySelectorAll("option[data-zh]").forEach((el) => { el.textContent = pick(el.dataset.zh, el.dataset.en); });
  }

  function select(key, values, label) {        // values: [value, text] or [value, [中文, English]]
    return `<label>${label} <select data-key="${key}">` + values.map(([value, text]) => Array.isArray(text)
      ? `<option value="${esc(value)}" data-zh="${esc(text[0])}" data-en="${esc(text[1])}">${esc(text[1])}</option>`
      : `<option value="${esc(value)}">${esc(text)}</option>`).join("") + "</select></label>";
  }
  function range(key, low, high, step, label) {
    return `<label>${label} <input type="range" data-key="${key}" min="${low}" max="${high}" step="${step}"><output></output></label>`;
  }
  function layout(forms) {
    const acts = Object.keys(forms).map((name) => [name, esc(name)]);
    const plain = (values) => values.map((v) => [v, String(v)]);
    return `<div class="pg-grid">
<fieldset class="pg-box"><legend>${bi("数据", "Data")}</legend>
${select("data", Object.entries(DATA), bi("数据集", "data set"))}
${range("noise", 0, 0.5, 0.05, bi("噪声", "noise"))}
${range("test", 0.1, 0.5, 0.05, bi("测试集比例", "test share"))}
${range("n", 100, 800, 100, bi("点数", "points"))}
${range("seed", 0, 20, 1, bi("种子", "seed"))}
</fieldset>
<fieldset class="pg-box"><legend>${bi("网络", "Network")}</legend>
${range("layers", 1, 6, 1, bi("隐藏层数", "hidden layers"))}
${range("units", 1, 8, 1, bi("每层单元数", "units per layer"))}
${select("act", acts, bi("激活函数", "activation"))}
<label><input type="checkbox" class="pg-each"> ${bi("每层分别选择", "one per layer")}</label>
<div class="pg-per"></div>
<div class="pg-params"></div>
${select("init", plain(CHOICES.init), bi("初始化", "initialisation"))}
</fieldset>
<fieldset class="pg-box"><legend>${bi("训练", "Training")}</legend>
${select("opt", [["adam", "Adam"], ["sgd", "SGD"]], bi("优化器", "optimiser"))}
${select("lr", plain(CHOICES.lr), bi("学习率", "learning rate"))}
${select("batch", CHOICES.batch.map((v) => [v, v ? String(v) : ["全部", "all"]]), bi("批大小", "batch size"))}
${select("l2", plain(CHOICES.l2), "L2 λ")}
<div class="pg-buttons"><button type="button" class="pg-play" aria-pressed="false"></button>
<button type="button" class="pg-one-step">${bi("一步", "one step")}</button>
<button type="button" class="pg-one-epoch">${bi("一轮", "one epoch")}</button>
<button type="button" class="pg-reset">${bi("重置", "reset")}</button></div>
<p class="pg-figures">${bi("轮", "epoch")} <b class="pg-epoch">0</b> · ${bi("步", "steps")} <b class="pg-steps">0</b><br>
${bi("训练损失", "train loss")} <b class="pg-train-loss"></b> · ${bi("测试损失", "test loss")} <b class="pg-test-loss"></b><br>
${bi("训练准确率", "train accuracy")} <b class="pg-train-acc"></b> · ${bi("测试准确率", "test accuracy")} <b class="pg-test-acc"></b></p>
<p><a class="pg-link">${bi("本配置的链接", "link to this configuration")}</a></p>
</fieldset>
</div>
<div class="pg-views">
<figure class="pg-view"><figcaption class="pg-showing">${bi("预测：类别 1 的概率", "prediction: probability of class 1")}</figcaption>
<canvas class="pg-boundary" width="360" height="360" role="img" data-zh-aria-label="决策边界与数据点（实心为训练集，空心为测试集）"
 data-en-aria-label="decision boundary and the points (filled: training set, hollow: test set)"></canvas>
<div class="pg-net" role="group" data-zh-aria-label="隐藏单元" data-en-aria-label="hidden units"></div></figure>
<figure class="pg-view"><figcaption>${bi("损失（对数坐标）", "loss (log scale)")}: <span class="pg-key" style="--k:#0072B2">${bi("训练", "train")}</span>
<span class="pg-key" style="--k:#D55E00">${bi("测试", "test")}</span></figcaption>
<canvas class="pg-loss" width="360" height="150" role="img" data-zh-aria-label="训练与测试损失随训练轮数的变化" data-en-aria-label="training and test loss over the epochs"></canvas>
<figcaption>${bi("各层权重梯度的范数 ‖∂L/∂W‖（对数坐标）", "gradient norm ‖∂L/∂W‖ of each layer (log scale)")}</figcaption>
<canvas class="pg-grads" width="360" height="150" role="img" data-zh-aria-label="各层权重梯度的范数随训练轮数的变化" data-en-aria-label="each layer's gradient norm over the epochs"></canvas>
<table class="pg-table"><thead><tr><th>${bi("层", "layer")}</th><th>‖∂L/∂W‖</th><th>${bi("死单元", "dead units")}</th></tr></thead>
<tbody class="pg-grad-table"></tbody></table></figure>
<figure class="pg-view"><figcaption><code class="pg-act-name"></code> ${bi("激活函数 f（实线）与 f′（虚线）；下方色条：各层 90 % 的预激活所在的区间",
  "activation f (solid) and f′ (dashed); bars below: where 90 % of each layer's pre-activations lie")}</figcaption>
<canvas class="pg-act" width="360" height="180" role="img" data-zh-aria-label="所选激活函数及其导数，以及各层预激活的范围" data-en-aria-label="the chosen activation and its derivative, with each layer's range of pre-activations"></canvas></figure>
</div>`;
  }

  function start() {
    if (typeof actlibForms === "undefined" || !window.PlaygroundEngine) return;
    document.querySelectorAll("[data-playground]").forEach((root) => {
      if (!root.dataset.ready) root.playground = playground(root, actlibForms, window.PlaygroundEngine);
      translate(root);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
