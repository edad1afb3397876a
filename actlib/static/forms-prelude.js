// The helpers that the browser forms of the activations share (actlib/browser_forms.py puts this file in
// front of the forms). Each mirrors a kernel of actlib/numerics.py or a careful formula of the definitions,
// for one float64 number x: NaN goes through, no step overflows or divides by zero for a finite x.

const MAX = Number.MAX_VALUE;
const TINY = 2.2250738585072014e-308;          // the smallest normal float64
const EPS = Number.EPSILON;

// y, or NaN where x is NaN (a test such as x > 0 is false for NaN and would hide it): numerics.keep_nan.
function keepNaN(x, y) {
  return x !== x ? x : y;
}

// x held in [low, high] as numpy's clip holds it: NaN and −0 pass unchanged.
function clip(x, low, high) {
  return x < low ? low : x > high ? high : x;
}

// ±inf replaced by ±max (numerics.finite), so a formula whose value at ±max is its limit meets no inf·0.
function finite(x) {
  return clip(x, -MAX, MAX);
}

// x held finite where factor is 0, so that factor·x is 0 there, never 0·∞ (numerics.finite_where_zero).
function finiteWhereZero(x, factor) {
  return factor === 0 ? finite(x) : x;
}

// c[0] + z(c[1] + z(c[2] + …)), by Horner's rule from the last coefficient.
function horner(z, c) {
  let sum = c[c.length - 1];
  for (let k = c.length - 2; k >= 0; k--) sum = sum * z + c[k];
  return sum;
}

// σ(x) = e^{min(x, 0)} / (1 + e^{−|x|}): nothing overflows, relative accuracy down to the subnormals.
function sigmoid(x) {
  return Math.exp(Math.min(x, 0)) / (1 + Math.exp(-Math.abs(x)));
}

// σ(x) = 1 / (1 + e^{−x}), for a σ that is the final result (far left e^{−x} overflows and σ is 0).
function logistic(x) {
  return 1 / (1 + Math.exp(-x));
}

// σ′(x) = e^{−|x|} / (1 + e^{−|x|})², accurate in the tails too.
function sigmoidGrad(x) {
  const e = Math.exp(-Math.abs(x));
  const d = 1 + e;
  return e / (d * d);
}

// tanh x = m/(m + 2) with m = e^{2|x|} − 1 and the sign of x: the error of m is damped by 2/(m + 2) ≤ 1 and
// the rounding of m + 2 is carried into the quotient (Math.tanh is up to 2 ulp off); ±1 from |x| = 22 on.
function tanh(x) {
  const a = Math.abs(x);
  if (!(a < 22)) return x !== x ? x : Math.sign(x);
  if (a < 2 ** -28) return x;
  const m = Math.expm1(2 * a);
  const [d, dl] = twoSum(m, 2);
  const q = m / d;
  const t = q - q * (dl / d);
  return x < 0 ? -t : t;
}

// log(1 + e^x) = max(x, 0) + log1p(e^{−|x|}).
function softplus(x) {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

// [hi, lo] with x = hi + lo, each of at most 26 bits (Veltkamp's split); |x| < 1e300.
function split(x) {
  const c = 134217729 * x;     // 2^27 + 1
  const high = c - (c - x);
  return [high, x - high];
}

// [p, e] with p = fl(a·b) and a·b = p + e exactly (Dekker's product); |a|, |b| < 1e150.
function twoProduct(a, b) {
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  const p = a * b;
  return [p, ((ah * bh - p) + ah * bl + al * bh) + al * bl];
}

// [s, e] with s = fl(a + b) and a + b = s + e exactly (Knuth's TwoSum).
function twoSum(a, b) {
  const s = a + b;
  const bb = s - a;
  return [s, (a - (s - bb)) + (b - bb)];
}

// [hi, lo] with hi = fl(x²) and hi + lo = x² exactly; |x| < 1e150.
function twoSquare(x) {
  return twoProduct(x, x);
}

// e^{−x²/2} from the exact square: e^{−hi/2}·(1 − lo/2); from a rounded x² it would be off by x²/2 ulp.
function expHalfSquare(x) {
  const [hi, lo] = twoSquare(x);
  const e = Math.exp(-hi / 2);
  return e - e * (lo / 2);
}

// The leaky ReLU: x for x > 0, alpha·x otherwise; with alpha = 0 that side is 0 up to x = −∞.
function leaky(x, alpha) {
  return x > 0 ? x : alpha * finiteWhereZero(x, alpha);
}

// (lower + upper)/2 for lower, upper ≥ 0, halving each first where their sum would overflow.
function midpoint(lower, upper) {
  const total = lower + upper;
  return total < Infinity ? total / 2 : lower / 2 + upper / 2;
}

// The cap m of general_relu: ∞ for null (no cap).
function capOf(maxValue) {
  return maxValue === null ? Infinity : maxValue;
}

// ---------------------------------------------------------------------------------------- erfc and Φ
// The rational approximations of erfc of fdlibm's s_erf.c, each below 2^-57 in relative error on its interval,
// used as erfc uses them there: [0, 0.84375), [0.84375, 1.25), then e^{t²}·erfc(t) on [1.25, 1/0.35) and
// [1/0.35, 28). Their coefficients carry fdlibm's notice:
//   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//   Developed at SunSoft, a Sun Microsystems, Inc. business.
//   Permission to use, copy, modify, and distribute this software is freely granted, provided that this
//   notice is preserved.
const ERX = 8.45062911510467529297e-01;
const PP = [1.28379167095512558561e-01, -3.25042107247001499370e-01, -2.84817495755985104766e-02,
            -5.77027029648944159157e-03, -2.37630166566501626084e-05];
const QQ = [1, 3.97917223959155352819e-01, 6.50222499887672944485e-02, 5.08130628187576562776e-03,
            1.32494738004321644526e-04, -3.96022827877536812320e-06];
const PA = [-2.36211856075265944077e-03, 4.14856118683748331666e-01, -3.72207876035701323847e-01,
            3.18346619901161753674e-01, -1.10894694282396677476e-01, 3.54783043256182359371e-02,
            -2.16637559486879084300e-03];
const QA = [1, 1.06420880400844228286e-01, 5.40397917702171048937e-01, 7.18286544141962662868e-02,
            1.26171219808761642112e-01, 1.36370839120290507362e-02, 1.19844998467991074170e-02];
const RA = [-9.86494403484714822705e-03, -6.93858572707181764372e-01, -1.05586262253232909814e+01,
            -6.23753324503260060396e+01, -1.62396669462573470355e+02, -1.84605092906711035994e+02,
            -8.12874355063065934246e+01, -9.81432934416914548592e+00];
const SA = [1, 1.96512716674392571292e+01, 1.37657754143519042600e+02, 4.34565877475229228821e+02,
            6.45387271733267880336e+02, 4.29008140027567833386e+02, 1.08635005541779435134e+02,
            6.57024977031928170135e+00, -6.04244152148580987438e-02];
const RB = [-9.86494292470009928597e-03, -7.99283237680523006574e-01, -1.77579549177547519889e+01,
            -1.60636384855821916062e+02, -6.37566443368389627722e+02, -1.02509513161107724954e+03,
            -4.83519191608651397019e+02];
const SB = [1, 3.03380607434824582924e+01, 3.25792512996573918826e+02, 1.53672958608443695994e+03,
            3.19985821950859553908e+03, 2.55305040643316442583e+03, 4.74528541206955367215e+02,
            -2.24409524465858183362e+01];
const ERFCX_FROM = 1.25;            // erfcNear below it, erfcx from it on
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const INV_SQRT_2PI_LO = -2.49232720227773e-17;   // 1/√(2π) − INV_SQRT_2PI (mpmath)
const SQRT1_2_LO = -4.833646656726457e-17;       // 1/√2 − Math.SQRT1_2 (mpmath)
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const GAUSS_FAR = 39;               // e^{−x²/2} is 0 in float64 beyond |x| = 39 (and t = 39/√2 < 28)

// erfc(t) for 0 ≤ t < 1.25.
function erfcNear(t) {
  if (t < 0.84375) {
    const z = t * t;
    const y = horner(z, PP) / horner(z, QQ);
    return t < 0.25 ? 1 - (t + t * y) : 0.5 - (t * y + (t - 0.5));
  }
  const s = t - 1;
  return 1 - ERX - horner(s, PA) / horner(s, QA);
}

// erfcx(t) = e^{t²}·erfc(t) for 1.25 ≤ t < 28: e^{R/S − 0.5625}/t, fdlibm's erfc without its e^{−t²}.
function erfcx(t) {
  const z = 1 / (t * t);
  const ratio = t < 1 / 0.35 ? horner(z, RA) / horner(z, SA) : horner(z, RB) / horner(z, SB);
  return Math.exp(ratio - 0.5625) / t;
}

// Φ(x) for x ≤ 0. Near 0, erfc(t)/2 with t = −x/√2 = th + tl in two parts: erfc(th) − tl·erfc′(th), as
// erfc would multiply the rounding of t by up to 2t². Beyond, e^{−x²/2}·erfcx(t)/2 with the square split
// exactly, so that the rounding of x² is not multiplied up by x²/2 (erfcx is well conditioned).
function gaussLower(x) {
  const [t, tl] = twoProduct(-x, Math.SQRT1_2);
  if (t < ERFCX_FROM) return (erfcNear(t) - (tl - x * SQRT1_2_LO) * TWO_OVER_SQRT_PI * Math.exp(-t * t)) / 2;
  const a = Math.min(-x, GAUSS_FAR);
  return expHalfSquare(a) * (erfcx(a * Math.SQRT1_2) / 2);
}

// Φ(x), the standard normal distribution function; 1 − Φ(−x) on the right.
function gaussCdf(x) {
  return x > 0 ? 1 - gaussLower(-x) : gaussLower(x);
}

// GELU′(x) = Φ(x) + xφ(x). Far left both terms share e^{−x²/2}: e^{−x²/2}·(erfcx(t)/2 − a/√(2π)), a = −x.
// Between, the sum cancels on the left (up to its root x ≈ −0.75, as GELU′ itself does), so xφ(x) is formed
// from exact products with 1/√(2π) in two parts, and the rounding errors of the products and of the sum are
// added back before the last rounding. Beyond x = 9 it is 1 in float64, as at 9.
function geluSlope(x) {
  if (-x * Math.SQRT1_2 >= ERFCX_FROM) {
    const a = Math.min(-x, GAUSS_FAR);
    return expHalfSquare(a) * (erfcx(a * Math.SQRT1_2) / 2 - a * INV_SQRT_2PI);
  }
  const c = Math.min(x, 9);
  const e = expHalfSquare(c);
  const [p, pl] = twoProduct(c, INV_SQRT_2PI);       // c/√(2π) = p + pl + c·INV_SQRT_2PI_LO
  const [q, ql] = twoProduct(p, e);                  // xφ = q + ql + (pl + c·INV_SQRT_2PI_LO)·e
  const [s, sl] = twoSum(gaussCdf(c), q);
  return s + (sl + ql + (pl + c * INV_SQRT_2PI_LO) * e);
}

// ---------------------------------------------------------------------------------------- squareplus
// √(x² + β) without overflow: the root of the sum where β ≥ tiny/eps² (an x² that underflows is then below
// eps² of β), hypot(x, √β) where β is smaller or x² overflows.
function radius(x, beta) {
  if (!(beta >= TINY / (EPS * EPS))) return Math.hypot(x, Math.sqrt(beta));
  const r = Math.sqrt(x * x + beta);
  return r === Infinity ? Math.hypot(x, Math.sqrt(beta)) : r;
}

// [f, r]: r = √(x² + β), f = (x + r)/2 with no cancellation: h = (|x| + r)/2 is f for x ≥ 0, and for x < 0
// f = (r − |x|)/2 = (β/h)/4. The sum is halved after it is taken (as |x|/2 + r/2 where it overflows).
function squareplusParts(x, beta) {
  const r = radius(x, beta);
  let h = (Math.abs(x) + r) / 2;
  if (h === Infinity) h = Math.abs(x) / 2 + r / 2;
  return [x < 0 ? beta / (h > 0 ? h : 1) / 4 : h, r];
}
