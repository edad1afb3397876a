function actlibDepthExplorer(root, data) {
  // The static depth explorer of actlib (see actlib/depth_static.py, which inlines this file).
  // `data` holds log10 q_l and log10 χ_l (float32) for every shown activation and every σ_w² on
  // the slider; moving a slider draws the curves at that σ_w² and depth from them. Nothing is
  // fetched from anywhere.
  "use strict";
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "1";
  var g = data.geom, pw = g.w - g.l - g.r, ph = g.h - g.t - g.b, max = data.max;

  function floats(b64) {                 // little-endian float32 → Float64Array
    var raw = atob(b64), view = new DataView(new ArrayBuffer(raw.length));
    for (var i = 0; i < raw.length; i++) view.setUint8(i, raw.charCodeAt(i));
    var out = new Float64Array(raw.length / 4);
    for (var k = 0; k < out.length; k++) out[k] = view.getFloat32(4 * k, true);
    return out;
  }
  var acts = data.acts.map(function (a, k) {
    return { lq: floats(a.lq), lchi: floats(a.lchi),
             paths: [root.querySelector('.actd-pq [data-fn="' + k + '"]'), root.querySelector('.actd-pg [data-fn="' + k + '"]')],
             cells: [root.querySelectorAll(".actd-qL")[k], root.querySelectorAll(".actd-g1")[k]] };
  });
  var panels = ["q", "g"].map(function (key) {
    var svg = root.querySelector(".actd-p" + key);
    return { ygrid: svg.querySelector(".actd-ygrid"), yticks: svg.querySelector(".actd-yticks"),
             xgrid: svg.querySelector(".actd-xgrid"), xticks: svg.querySelector(".actd-xticks"), view: null, end: 0 };
  });
  var wInput = root.querySelector(".actd-w"), lInput = root.querySelector(".actd-L");

  // ---------------------------------------------------------------- numbers (depth_explorer)
  function curves(act, position, depth) {   // [log10 q_l, log10 E[δ_l²]/E[δ_L²]] for l = 1 … depth
    var lq = act.lq.subarray(position * max, position * max + depth);
    var lchi = act.lchi.subarray(position * max, position * max + max), grad = new Float64Array(depth), sum = 0;
    for (var l = depth - 2; l >= 0; l--) { sum += lchi[l]; grad[l] = sum; }   // gradient_logs
    return [lq, grad];
  }
  function logView(lo, hi, view) {       // log_view: whole decades, kept while the curves fill ≥ keep of it
    if (view && view[0] <= lo && hi <= view[1] && hi - lo >= data.keep * (view[1] - view[0])) return view;
    var step, bottom, top;
    for (var k = 0; k < data.steps.length; k++) {
      step = data.steps[k];
      bottom = Math.floor((lo - data.pad) / step); top = Math.ceil((hi + data.pad) / step);
      if (top - bottom <= data.ticks) break;
    }
    return [bottom * step, top * step, step];
  }
  var SUPER = { "-": "\u207b", "0": "\u2070", "1": "\u00b9", "2": "\u00b2", "3": "\u00b3", "4": "\u2074",
                "5": "\u2075", "6": "\u2076", "7": "\u2077", "8": "\u2078", "9": "\u2079" };
  function powerOfTen(e) { return "10" + String(e).replace(/./g, function (c) { return SUPER[c]; }); }
  function scientific(log10) {           // depth_explorer._scientific
    var parts = Math.pow(10, log10).toExponential(2).split("e"), e = +parts[1];
    if (e < -2 || e > 2) return parts[0] + " \u00d7 " + powerOfTen(e);
    var digits = parts[0].replace(".", "");
    if (e < 0) return "0." + "0".repeat(-e - 1) + digits;
    return digits.slice(0, e + 1) + (e < 2 ? "." + digits.slice(e + 1) : "");
  }
  function xEnd(depth) {
    var ends = Object.keys(data.xticks).map(Number).sort(function (a, b) { return a - b; });
    for (var k = 0; k < ends.length; k++) if (ends[k] >= depth) return ends[k];
    return ends[ends.length - 1];
  }

  // ---------------------------------------------------------------- drawing (depth_static._Frame)
  function px(layer, end) { return g.l + (layer - 1) * pw / (end - 1); }
  function py(v, view) { return g.t + (view[1] - v) * ph / (view[1] - view[0]); }
  function yAxis(panel) {
    var grid = "", ticks = "", right = g.l + pw, view = panel.view;
    for (var e = view[0]; e <= view[1]; e += view[2]) {
      var y = py(e, view).toFixed(1);
      grid += '<line x1="' + g.l + '" x2="' + right + '" y1="' + y + '" y2="' + y + '"/>';
      ticks += '<text x="' + (g.l - 5) + '" y="' + (+y + 4).toFixed(1) + '" text-anchor="end">' + powerOfTen(e) + "</text>";
    }
    panel.ygrid.innerHTML = grid; panel.yticks.innerHTML = ticks;
  }
  function xAxis(panel) {
    var grid = "", ticks = "", bottom = g.t + ph;
    data.xticks[String(panel.end)].forEach(function (t) {
      var x = px(t, panel.end).toFixed(1);
      grid += '<line x1="' + x + '" x2="' + x + '" y1="' + g.t + '" y2="' + bottom + '"/>';
      ticks += '<text x="' + x + '" y="' + (bottom + 15) + '" text-anchor="middle">' + t + "</text>";
    });
    panel.xgrid.innerHTML = grid; panel.xticks.innerHTML = ticks;
  }
  function path(logs, end, view) {
    var pts = new Array(logs.length);
    for (var i = 0; i < logs.length; i++) pts[i] = px(i + 1, end).toFixed(1) + "," + py(logs[i], view).toFixed(1);
    return "M" + pts[0] + (pts.length > 1 ? "L" + pts.slice(1).join(" ") : "");
  }

  function draw(fresh) {
    var position = +wInput.value, depth = +lInput.value, end = xEnd(depth);
    var shown = acts.map(function (act) { return curves(act, position, depth); });
    panels.forEach(function (panel, k) {
      var lo = Infinity, hi = -Infinity;
      shown.forEach(function (c) {
        for (var i = 0; i < c[k].length; i++) { lo = Math.min(lo, c[k][i]); hi = Math.max(hi, c[k][i]); }
      });
      var view = logView(lo, hi, fresh ? null : panel.view);
      if (!panel.view || view[0] !== panel.view[0] || view[1] !== panel.view[1]) { panel.view = view; yAxis(panel); }
      if (end !== panel.end) { panel.end = end; xAxis(panel); }
      acts.forEach(function (act, a) { act.paths[k].setAttribute("d", path(shown[a][k], end, panel.view)); });
    });
    acts.forEach(function (act, a) {
      act.cells[0].textContent = scientific(shown[a][0][depth - 1]);
      act.cells[1].textContent = scientific(shown[a][1][0]);
    });
  }
  function show(input, text) {
    input.setAttribute("aria-valuetext", (input === wInput ? "\u03c3_w\u00b2 = " : "L = ") + text);
    root.querySelector('output[for="' + input.id + '"]').textContent = text;
  }
  wInput.addEventListener("input", function () { show(wInput, data.sw[+wInput.value]); draw(false); });
  lInput.addEventListener("input", function () { show(lInput, lInput.value); draw(false); });
  root.querySelector(".actx-reset").addEventListener("click", function () {
    wInput.value = String(data.base); lInput.value = String(data.depth);
    show(wInput, data.sw[data.base]); show(lInput, String(data.depth));
    draw(true);
  });
  root.querySelector(".actx-controls").removeAttribute("hidden");
  draw(true);
}
