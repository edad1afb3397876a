function actlibExplorer(root, data) {
  // The static explorer of actlib (see actlib/explorer_static.py, which inlines this file).
  // `data` holds curves computed by actlib for every slider position; moving a control only
  // picks the stored curve and rewrites SVG path data. Nothing is fetched from anywhere.
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

  var n = data.n, g = data.geom, pw = g.w - g.l - g.r, ph = g.h - g.t - g.b;
  var X = [];
  for (var i = 0; i < n; i++) X.push((g.l + (i * pw) / (n - 1)).toFixed(1));
  var half = pw / (n - 1) / 2, maskStride = Math.ceil(n / 8);
  var cur = data.controls.map(function (c) { return c.base; });
  var base = cur.slice();
  var deriv = root.querySelector(".actx-deriv");
  var note = root.querySelector(".actx-note");
  var inputs = [];                          // control index → its <input> or <select>
  root.querySelectorAll("[data-ctl]").forEach(function (el) { inputs[+el.dataset.ctl] = el; });

  var fns = data.fns.map(function (fn, k) {
    function els(sel) { return root.querySelectorAll(sel + '[data-fn="' + k + '"]'); }
    return {
      spec: fn, fq: decode12(fn.fq), dq: decode12(fn.dq), sat: bytes(fn.sat),
      curveF: root.querySelector('.actx-pf .actx-curve[data-fn="' + k + '"]'),
      curveD: root.querySelector('.actx-pdf .actx-curve[data-fn="' + k + '"]'),
      shades: els(".actx-sat"), tex: els(".actx-tex"), dtex: els(".actx-dtex")
    };
  });

  // The stored state of a function for the current control positions: 0 is the start, then
  // each control's other positions in turn with the remaining controls at the start
  // (explorer_spec.Spec.states). At most one control of a function is off its start.
  function stateIndex(fn) {
    var index = 0, offset = 1, ctl = fn.spec.controls;
    for (var j = 0; j < ctl.length; j++) {
      var c = ctl[j], p = cur[c], b = base[c];
      if (p !== b) index = offset + (p < b ? p : p - 1);
      offset += data.controls[c].labels.length - 1;
    }
    return index;
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

  function formula(parts) {                 // TeX at the current values, without delimiters
    return parts.map(function (p) {
      return typeof p === "number" ? data.controls[p].tex[cur[p]] : p;
    }).join("");
  }
  function mathjax() { return window.MathJax && window.MathJax.typesetPromise ? window.MathJax : null; }
  var raw = false;                          // no MathJax on the page: show the TeX source
  function showRaw(el) { el.classList.add("actx-raw"); el.textContent = el.dataset.tex; }

  var typesetting = null, dirty = [];
  function typeset(elements) {              // MathJax 3 from the page, when there is one
    var mj = mathjax();
    if (!mj) return;
    dirty = dirty.concat(elements);
    if (typesetting) return;
    var batch = dirty; dirty = [];
    if (mj.typesetClear) mj.typesetClear(batch);
    batch.forEach(function (el) { el.textContent = "\\(" + el.dataset.tex + "\\)"; });
    typesetting = mj.typesetPromise(batch).catch(function () {}).then(function () {
      typesetting = null;
      if (dirty.length) typeset([]);
    });
  }

  function draw(formulas) {
    var problems = [], changed = [];
    fns.forEach(function (fn) {
      var s = stateIndex(fn), bad = fn.spec.bad[String(s)];
      if (bad) {
        problems.push(fn.spec.en + ": " + bad);
        fn.curveF.setAttribute("d", ""); fn.curveD.setAttribute("d", "");
        fn.shades.forEach(function (el) { el.setAttribute("d", ""); });
      } else {
        fn.curveF.setAttribute("d", curve(fn.fq, s * n, fn.spec.f, data.ylim.f));
        fn.curveD.setAttribute("d", curve(fn.dq, s * n, fn.spec.df, data.ylim.df));
        var d = shade(fn.sat, s * maskStride, fn.spec.band);
        fn.shades.forEach(function (el) { el.setAttribute("d", d); });
      }
      if (formulas) {
        [[fn.tex, fn.spec.tex], [fn.dtex, fn.spec.dtex]].forEach(function (pair) {
          var text = formula(pair[1]);
          pair[0].forEach(function (el) {
            if (el.dataset.tex === text) return;
            el.dataset.tex = text;
            if (raw) showRaw(el);
            else if (mathjax()) changed.push(el);
            else el.textContent = "\\(" + text + "\\)";   // MathJax may still come and typeset it
          });
        });
      }
    });
    note.textContent = problems.length ? "无效参数 · invalid parameters — " + problems.join("; ") : "";
    if (changed.length) typeset(changed);
  }

  function show(k) {                       // a control's value text
    var c = data.controls[k], el = inputs[k], label = c.labels[cur[k]].replace(/-/g, "\u2212");
    if (c.kind === "param") {
      el.value = String(cur[k]);
      el.setAttribute("aria-valuetext", c.sym + " = " + label);
      var out = root.querySelector('output[for="' + el.id + '"]');
      if (out) out.textContent = label;
    } else {
      el.value = String(cur[k]);
    }
  }

  function move(k, position) {
    cur[k] = position;
    // Static data holds one control off its start at a time, per function: put back the others.
    fns.forEach(function (fn) {
      var ctl = fn.spec.controls;
      if (ctl.indexOf(k) < 0) return;
      ctl.forEach(function (c) { if (c !== k && cur[c] !== base[c]) { cur[c] = base[c]; show(c); } });
    });
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
    setDerivative(data.deriv);
    draw(true);
  });

  root.querySelectorAll(".actx-tex, .actx-dtex").forEach(function (el) {
    var fn = data.fns[+el.dataset.fn];
    el.dataset.tex = formula(el.classList.contains("actx-tex") ? fn.tex : fn.dtex);
  });
  function checkMathJax() {
    if (mathjax()) return;
    raw = true;
    root.querySelectorAll(".actx-tex, .actx-dtex").forEach(showRaw);
  }
  if (document.readyState === "complete") setTimeout(checkMathJax, 0);
  else window.addEventListener("load", checkMathJax);
  root.querySelector(".actx-controls").removeAttribute("hidden");
  setDerivative(deriv.checked);
  draw(false);
}
