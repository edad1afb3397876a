function actlibExplorer(root, data) {
  // The static explorer of actlib (see actlib/explorer_static.py, which inlines this file).
  // `data` holds curves computed by actlib for every combination of slider positions; moving a
  // control picks the stored curves and rewrites SVG path data. A formula is typeset by MathJax
  // once per value and kept: a step swaps the kept node in, and one not typeset yet is made in
  // idle time, never in the input handler. Nothing is fetched from anywhere.
  "use strict";
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "1";
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  var SIX = new Uint8Array(128);
  for (var a = 0; a < 64; a++) SIX[ALPHABET.charCodeAt(a)] = a;

  function decode12(text) {            // two characters per value, high 6 bits first
    var out = new Uint16Array(text.length >> 1);
    for (var i = 0; i < out.length; i++) {
      out[i] = (SIX[text.charCodeAt(2 * i)] << 6) | SIX[text.charCodeAt(2 * i + 1)];
    }
    return out;
  }
  function bytes(b64) {
    var raw = atob(b64), out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }
  function escape(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function bilingual(zh, en) {         // explorer_static.bilingual
    return '<span lang="zh">' + escape(zh) + '</span><span lang="en"><span class="actx-sep"> · </span>' +
      escape(en) + "</span>";
  }

  data.grid = Math.max.apply(null, data.controls.map(function (c) { return c.labels.length; }).concat([1]));
  var n = data.n, g = data.geom, pw = g.w - g.l - g.r, ph = g.h - g.t - g.b;
  var X = [];
  for (var i = 0; i < n; i++) X.push((g.l + (i * pw) / (n - 1)).toFixed(1));
  var half = pw / (n - 1) / 2, maskStride = Math.ceil(n / 8);
  var cur = data.controls.map(function (c) { return c.base; });
  var base = cur.slice();
  var views = { f: data.view.f, df: data.view.df };
  var deriv = root.querySelector(".actx-deriv");
  var note = root.querySelector(".actx-note");
  var inputs = [];                          // control index → its <input> or <select>
  root.querySelectorAll("[data-ctl]").forEach(function (el) { inputs[+el.dataset.ctl] = el; });
  var panels = {};
  ["f", "df"].forEach(function (key) {
    var svg = root.querySelector(".actx-p" + key);
    panels[key] = { grid: svg.querySelector(".actx-ygrid"), zero: svg.querySelector(".actx-yzero"),
                    ticks: svg.querySelector(".actx-yticks") };
  });

  var fns = data.fns.map(function (fn, k) {
    function els(sel) { return root.querySelectorAll(sel + '[data-fn="' + k + '"]'); }
    return {
      spec: fn, fq: decode12(fn.fq), dq: decode12(fn.dq), sat: bytes(fn.sat),
      curveF: root.querySelector('.actx-pf .actx-curve[data-fn="' + k + '"]'),
      curveD: root.querySelector('.actx-pdf .actx-curve[data-fn="' + k + '"]'),
      shades: els(".actx-sat")
    };
  });

  // The stored curve of a function at the current positions: its state is the row-major index
  // over the function's controls (explorer_spec.Spec.states), `map` gives the curve of a state
  // (or −1 − k for invalid parameters, k indexing `errors`).
  function curveOf(fn, positions) {
    var index = 0;
    fn.spec.controls.forEach(function (c) { index = index * data.controls[c].labels.length + positions[c]; });
    return fn.spec.map[index];
  }

  // ---------------------------------------------------------------- y axes (explorer_spec.y_view)
  function niceStep(span) {
    var raw = span / data.ticks, p = Math.floor(Math.log10(raw)), steps = [1, 2, 2.5, 5, 10], m = 10;
    for (var k = 0; k < steps.length; k++) {
      if (steps[k] * Math.pow(10, p) >= raw * (1 - 1e-12)) { m = steps[k]; break; }
    }
    if (m === 10) { m = 1; p += 1; }
    return [m * Math.pow(10, p), Math.max(0, -p + (m === 2.5 ? 1 : 0))];
  }
  function yView(lo, hi, view) {          // keep `view` while it holds [lo, hi] at fill ≥ keep
    if (view && view[0] <= lo && hi <= view[1] && hi - lo >= data.keep * (view[1] - view[0])) return view;
    var span = hi - lo;
    var pad = span > 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi)) ? data.margin * span : 0.5;
    var sd = niceStep(span + 2 * pad), step = sd[0], d = sd[1];
    var bottom = Math.floor((lo - pad) / step + 1e-9), top = Math.ceil((hi + pad) / step - 1e-9);
    return [+(bottom * step).toFixed(d + 1), +(top * step).toFixed(d + 1), step, d];
  }
  function axis(view) {                   // explorer_spec.axis_limits
    return [view[0], view[0] + (view[1] - view[0]) / data.area];
  }
  function py(v, lim) { return g.t + (lim[1] - v) * (ph / (lim[1] - lim[0])); }
  function yAxis(key) {                   // explorer_static.y_axis
    var view = views[key], lim = axis(view), grid = "", ticks = "", right = g.l + pw;
    for (var k = Math.round(view[0] / view[2]); k <= Math.round(view[1] / view[2]); k++) {
      var t = k * view[2], y = py(t, lim), label = t.toFixed(view[3]).replace("-", "\u2212");
      if (/^[\u22120.]*$/.test(label)) label = "0";
      grid += '<line x1="' + g.l + '" x2="' + right + '" y1="' + y.toFixed(1) + '" y2="' + y.toFixed(1) + '"/>';
      ticks += '<text x="' + (g.l - 5) + '" y="' + (y + 4).toFixed(1) + '" text-anchor="end">' + label + "</text>";
    }
    var zero = lim[0] < 0 && 0 < lim[1] ? '<line x1="' + g.l + '" x2="' + right + '" y1="' + py(0, lim).toFixed(1) +
      '" y2="' + py(0, lim).toFixed(1) + '"/>' : "";
    panels[key].grid.innerHTML = grid; panels[key].ticks.innerHTML = ticks; panels[key].zero.innerHTML = zero;
  }
  function extend(q, start, lim, span) {  // [min, max] of a stored curve, folded into `span`
    var step = (lim[1] - lim[0]) / 4095;
    for (var i = 0; i < n; i++) {
      var v = lim[0] + q[start + i] * step;
      if (v < span[0]) span[0] = v;
      if (v > span[1]) span[1] = v;
    }
  }

  function curve(q, start, lim, ylim) {
    var step = (lim[1] - lim[0]) / 4095, scale = ph / (ylim[1] - ylim[0]);
    var pts = new Array(n);
    for (var i = 0; i < n; i++) {
      var v = lim[0] + q[start + i] * step;
      pts[i] = X[i] + "," + (g.t + (ylim[1] - v) * scale).toFixed(1);
    }
    return "M" + pts[0] + "L" + pts.slice(1).join(" ");
  }

  function shade(mask, start, band) {
    var d = "", i = 0, top = band[0], bottom = band[1], right = g.l + pw;
    function on(k) { return (mask[start + (k >> 3)] >> (7 - (k & 7))) & 1; }
    while (i < n) {
      if (!on(i)) { i++; continue; }
      var j = i;
      while (j + 1 < n && on(j + 1)) j++;
      var x0 = Math.max(g.l, +X[i] - half).toFixed(1), x1 = Math.min(right, +X[j] + half).toFixed(1);
      d += "M" + x0 + "," + top + "H" + x1 + "V" + bottom + "H" + x0 + "Z";
      i = j + 1;
    }
    return d;
  }

  // ---------------------------------------------------------------- formulas
  // Each formula is typeset once more, in idle time, with every control's value in a slot,
  // \class{actx-vK}{value}. A step then changes only the slots whose value changed: each (and its
  // twin in the MathML for screen readers) is replaced by a copy of the value typeset alone, once
  // per position of the control, keeping the spacing MathJax gave the slot in its formula.
  // MathJax never runs in the input handler.
  function mathjax() { return window.MathJax && window.MathJax.typesetPromise ? window.MathJax : null; }
  var raw = false;                          // no MathJax on the page: show the TeX source
  var formulas = [];                        // {el, parts, slots, shown (positions), slotted}
  var fragments = data.controls.map(function () { return new Map(); });   // position → {chtml, mml}
  root.querySelectorAll(".actx-tex, .actx-dtex").forEach(function (el) {
    var fn = data.fns[+el.dataset.fn], parts = el.classList.contains("actx-tex") ? fn.tex : fn.dtex;
    var slots = parts.filter(function (p, i) { return typeof p === "number" && parts.indexOf(p) === i; });
    // A formula without a value in it is never typeset again: it has no slot to fill.
    var item = { el: el, parts: parts, slots: slots, shown: cur.slice(), slotted: slots.length === 0 };
    el.dataset.tex = texAt(item, cur, false);
    formulas.push(item);
  });
  function slotClass(k) { return "actx-v" + k; }
  function texAt(item, positions, slotted) {   // TeX at the given positions, without delimiters
    return item.parts.map(function (p) {
      if (typeof p !== "number") return p;
      var value = data.controls[p].tex[positions[p]];
      return slotted ? "\\class{" + slotClass(p) + "}{" + value + "}" : value;
    }).join("");
  }
  function current(item) {                  // every slot shows the reader's position
    return item.slots.every(function (k) { return item.shown[k] === cur[k]; });
  }
  function showRaw(item) {
    item.el.classList.add("actx-raw"); item.el.textContent = item.el.dataset.tex = texAt(item, cur, false);
    item.shown = cur.slice();
  }
  function slotsIn(node, k) {               // [typeset slots, MathML slots] of control k in `node`
    var match = '[class~="' + slotClass(k) + '"]';
    return [node.querySelectorAll("mjx-math " + match), node.querySelectorAll("mjx-assistive-mml " + match)];
  }
  function copyFor(slot, fragment) {      // the typeset value, spaced as the slot it replaces
    var copy = fragment.cloneNode(true), space = slot.getAttribute("space");
    if (space === null) copy.removeAttribute("space");
    else copy.setAttribute("space", space);
    return copy;
  }
  function refresh(item) {                  // swap in every typeset value the reader's positions need
    var swapped = false;
    item.slots.forEach(function (k) {
      var fragment = fragments[k].get(cur[k]);
      if (item.shown[k] === cur[k] || !fragment) return;
      var found = slotsIn(item.el, k);
      found[0].forEach(function (slot) { slot.replaceWith(copyFor(slot, fragment.chtml)); });
      item.shown[k] = cur[k];
      swapped = true;
    });
    if (swapped) afterPause(item, "speak", function () { spoken(item); });
    // A table (cases) keeps the minimum width it was typeset with: let it fit its new content.
    if (swapped) item.el.querySelectorAll("mjx-mtable").forEach(function (table) { table.style.minWidth = ""; });
    var done = current(item);
    item.el.classList.toggle("actx-stale", !done);   // a slot keeps its old value until the new one is typeset
    if (done) {
      item.el.dataset.tex = texAt(item, cur, false);
      afterPause(item, "measure", function () { focusableIfScrolling(item.el); });
    }
    return done;
  }
  // Work that follows a step (a new frame of its own) waits until the reader has paused, so that it
  // never stands between two steps: once per item and kind, in idle time after PAUSE ms without input.
  var PAUSE = 600;
  function afterPause(item, kind, job) {
    item.pending = item.pending || {};
    if (item.pending[kind]) return;
    item.pending[kind] = true;
    (function attempt() {
      var wait = pageInput.last + PAUSE - performance.now();
      if (wait > 0) return setTimeout(attempt, wait);
      idle(function () {
        if (performance.now() - pageInput.last < PAUSE) return attempt();   // the reader moved again
        item.pending[kind] = false;
        job();
      }, PAUSE);
    })();
  }
  // The MathML a screen reader reads follows once the reader pauses (the slider says its value at once).
  function spoken(item) {
    item.slots.forEach(function (k) {
      var fragment = fragments[k].get(item.shown[k]);
      if (item.spoken[k] === item.shown[k] || !fragment || !fragment.mml) return;
      slotsIn(item.el, k)[1].forEach(function (slot) { slot.replaceWith(copyFor(slot, fragment.mml)); });
      item.spoken[k] = item.shown[k];
    });
  }
  // A formula wider than its row scrolls sideways: then the keyboard can reach and scroll it too.
  // Measured in idle time, never in the input handler (a read of scrollWidth forces a layout).
  function focusableIfScrolling(el) {
    if (el.scrollWidth > el.clientWidth + 1) el.setAttribute("tabindex", "0");
    else el.removeAttribute("tabindex");
  }
  function setFormula(item) {
    if (raw) return showRaw(item);
    if (!mathjax()) { item.el.textContent = "\\(" + texAt(item, cur, false) + "\\)"; item.shown = cur.slice(); return; }
    if (item.slotted ? !refresh(item) : !current(item)) {
      item.el.classList.add("actx-stale");
      pump();
    }
  }

  // Typesetting, one piece per idle period: first what the reader waits for (once the reader's
  // input anywhere on the page has paused), then each formula with its slots and, nearest first,
  // every position of each control, so that stepping and dragging find them ready.
  // root.dataset.formulas says "ready" when nothing is left to do.
  var busy = false, warm = false, QUIET = 120;
  function idle(job, wait) {
    if (window.requestIdleCallback) window.requestIdleCallback(job, wait ? { timeout: wait } : undefined);
    else setTimeout(job, 30);
  }
  function nextJob() {                      // [kind, what, wanted by the reader now]
    var waiting = formulas.filter(function (item) { return !current(item); });
    var unslotted = waiting.filter(function (item) { return !item.slotted; });
    if (unslotted.length) return ["formula", unslotted[0], true];
    for (var w = 0; w < waiting.length; w++) {
      var k = waiting[w].slots.filter(function (c) { return !fragments[c].has(cur[c]); })[0];
      if (k !== undefined) return ["fragment", [k, cur[k]], true];
    }
    if (!warm) return null;
    unslotted = formulas.filter(function (item) { return !item.slotted; });
    if (unslotted.length) return ["formula", unslotted[0], false];
    for (var distance = 0; distance < data.grid; distance++) {
      for (var c = 0; c < data.controls.length; c++) {
        for (var sign = 1; sign >= -1; sign -= 2) {
          var p = cur[c] + sign * distance;
          if (p >= 0 && p < data.controls[c].labels.length && !fragments[c].has(p)) return ["fragment", [c, p], false];
        }
      }
    }
    return null;
  }
  function typeset(tex) {                   // a detached mjx-container for `tex`
    var mj = mathjax();
    return mj.tex2chtmlPromise(tex, { display: false }).then(function (node) {
      if (mj.chtmlStylesheet) mj.chtmlStylesheet();   // CSS for any character not used before
      return node;
    });
  }
  function run(job) {
    if (job[0] === "formula") {
      var item = job[1], positions = cur.slice();
      return typeset(texAt(item, positions, true)).then(function (node) {
        item.el.replaceChildren(node);
        item.slotted = true; item.shown = positions; item.spoken = positions.slice();
        refresh(item);
      });
    }
    var k = job[1][0], position = job[1][1];
    var tex = "\\class{" + slotClass(k) + "}{" + data.controls[k].tex[position] + "}";
    return typeset(tex).then(function (node) {
      var found = slotsIn(node, k);
      fragments[k].set(position, { chtml: found[0][0], mml: found[1][0] });
      formulas.forEach(function (item) { if (item.slotted) refresh(item); });
    });
  }
  function pump() {
    if (busy || raw || !mathjax() || !mathjax().tex2chtmlPromise) return;
    var job = nextJob();
    root.dataset.formulas = job ? "busy" : "ready";
    if (!job) return;
    busy = true;
    idle(function attempt(deadline) {
      var quiet = performance.now() - pageInput.last >= QUIET;
      if (!quiet || (!job[2] && deadline && deadline.timeRemaining() < 12 && !deadline.didTimeout)) {
        return idle(attempt, job[2] ? QUIET * 4 : 0);      // not while the reader is moving a slider
      }
      run(job).then(null, function () {}).then(function () { busy = false; pump(); });
    }, job[2] ? QUIET * 4 : 0);
  }
  function startWarm() {
    if (warm) return;
    warm = true;
    afterLoad(function () {
      var mj = mathjax();
      if (mj && mj.startup && mj.startup.promise) mj.startup.promise.then(pump);
    });
  }
  function afterLoad(job) {                 // MathJax (a deferred script) is there by the load event
    if (document.readyState === "complete") setTimeout(job, 0);
    else window.addEventListener("load", job);
  }
  // The time of the reader's last input anywhere on the page: one set of listeners, shared by its explorers.
  var pageInput = window.actlibPageInput;
  if (!pageInput) {
    pageInput = window.actlibPageInput = { last: 0 };
    ["keydown", "pointermove", "pointerdown", "input", "wheel"].forEach(function (type) {
      document.addEventListener(type, function () { pageInput.last = performance.now(); }, { capture: true, passive: true });
    });
  }
  root.addEventListener("focusin", startWarm);
  root.addEventListener("pointerover", startWarm);
  if (window.IntersectionObserver) {        // or as soon as it comes near the window
    var seen = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { seen.disconnect(); startWarm(); }
    }, { rootMargin: "300px" });
    seen.observe(root);
  }

  // ---------------------------------------------------------------- drawing
  function draw(withFormulas) {
    var problems = [], span = { f: [Infinity, -Infinity], df: [0, 0] }, states = [];
    fns.forEach(function (fn) {
      var s = curveOf(fn, cur);
      states.push(s);
      if (s >= 0) {
        extend(fn.fq, s * n, fn.spec.f, span.f);
        extend(fn.dq, s * n, fn.spec.df, span.df);
      }
    });
    if (span.f[0] <= span.f[1]) {
      ["f", "df"].forEach(function (key) {
        var view = yView(span[key][0], span[key][1], views[key]), old = views[key];
        views[key] = view;
        if (view[0] !== old[0] || view[1] !== old[1]) yAxis(key);
      });
    }
    var fLim = axis(views.f), dLim = axis(views.df);
    fns.forEach(function (fn, k) {
      var s = states[k];
      if (s < 0) {
        var error = fn.spec.errors[-1 - s];
        problems.push([fn.spec.zh + "：" + fill(error.zh), fn.spec.en + ": " + fill(error.en)]);
        fn.curveF.setAttribute("d", ""); fn.curveD.setAttribute("d", "");
        fn.shades.forEach(function (el) { el.setAttribute("d", ""); });
        return;
      }
      fn.curveF.setAttribute("d", curve(fn.fq, s * n, fn.spec.f, fLim));
      fn.curveD.setAttribute("d", curve(fn.dq, s * n, fn.spec.df, dLim));
      var d = shade(fn.sat, s * maskStride, fn.spec.band);
      fn.shades.forEach(function (el) { el.setAttribute("d", d); });
    });
    if (withFormulas) formulas.forEach(setFormula);
    var notes = problems.map(function (p) {
      return "<p>" + bilingual("无效参数：" + p[0], "invalid parameters: " + p[1]) + "</p>";
    }).join("");
    if (notes !== note.innerHTML) note.innerHTML = notes;
  }
  function fill(template) {                 // {name} → the current value of that control
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      for (var k = 0; k < data.controls.length; k++) {
        if (data.controls[k].name === name) return data.controls[k].labels[cur[k]];
      }
      return whole;
    });
  }

  function show(k) {                       // a control's value text
    var c = data.controls[k], el = inputs[k], label = c.labels[cur[k]].replace(/-/g, "\u2212");
    el.value = String(cur[k]);
    if (c.kind === "param") {
      el.setAttribute("aria-valuetext", c.sym + " = " + label);
      var out = root.querySelector('output[for="' + el.id + '"]');
      if (out) out.textContent = label;
    }
  }

  function move(k, position) {
    cur[k] = position;
    show(k);
    draw(true);
  }

  inputs.forEach(function (el, k) {
    el.addEventListener("input", function () { move(k, +el.value); });
    el.addEventListener("change", function () { if (+el.value !== cur[k]) move(k, +el.value); });
  });

  function setDerivative(on) {
    deriv.checked = on;
    root.querySelectorAll(".actx-pdf, .actx-drow").forEach(function (el) {
      el.toggleAttribute("hidden", !on);   // an attribute: SVG elements have no .hidden property
    });
  }
  deriv.addEventListener("change", function () { setDerivative(deriv.checked); });

  root.querySelector(".actx-reset").addEventListener("click", function () {
    cur = base.slice();
    cur.forEach(function (_, k) { show(k); });
    views = { f: data.view.f, df: data.view.df };
    yAxis("f"); yAxis("df");
    setDerivative(data.deriv);
    draw(true);
  });

  function checkMathJax() {
    var mj = mathjax();
    if (mj) {
      if (mj.startup && mj.startup.promise) {
        mj.startup.promise.then(function () { formulas.forEach(function (item) { focusableIfScrolling(item.el); }); });
      }
      return;
    }
    raw = true;
    formulas.forEach(showRaw);
  }
  afterLoad(checkMathJax);
  root.querySelector(".actx-controls").removeAttribute("hidden");
  setDerivative(deriv.checked);
  draw(false);
}
