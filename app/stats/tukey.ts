/**
 * Studentized range distribution as R's ptukey/qtukey: the algorithm of Copenhaver & Holland
 * (1988, J. Statist. Comput. Simul. 30, 1–15). ptukey integrates Hartley's form of the range
 * probability (wprob, 12-point Gauss–Legendre on up to 3 intervals) against the density of
 * s/σ with 16-point Gauss–Legendre on unit intervals; qtukey starts from the approximation of
 * Copenhaver & Holland and refines by the secant method to 1e-4 (as R; emmeans' Tukey p-values
 * use ptukey, so that is where accuracy matters).
 */
import { lgamma } from "./gamma";
import { pnorm } from "./normal";

const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;

const XLEG = [
  0.98156063424671925069054909015, 0.904117256370474856678465866119, 0.769902674194304687036893833213,
  0.587317954286617447296702418941, 0.367831498998180193752691536644, 0.125233408511468915472441369464,
];
const ALEG = [
  0.047175336386511827194615961485, 0.106939325995318430960254718194, 0.160078328543346226334652529543,
  0.20316742672306592174906445581, 0.233492536538354808760849898925, 0.249147045813402785000562436043,
];
const XLEGQ = [
  0.98940093499164993259615417345, 0.944575023073232576077988415535, 0.865631202387831743880467897712,
  0.755404408355003033895101194847, 0.617876244402643748446671764049, 0.458016777657227386342419442984,
  0.28160355077925891323046050146, 0.950125098376374401853193354250e-1,
];
const ALEGQ = [
  0.27152459411754094851780572456e-1, 0.622535239386478928628438369944e-1, 0.951585116824927848099251076022e-1,
  0.124628971255533872052476282192, 0.149595988816576732081501730547, 0.16915651939500253818931207903,
  0.182603415044923588866763667969, 0.189450610455068496285396723208,
];

/** P(range of cc standard normals ≤ w)^rr (Hartley's form; R's wprob). */
function wprob(w: number, rr: number, cc: number): number {
  const C1 = -30;
  const C2 = -50;
  const C3 = 60;
  const bb = 8;
  const qsqz = w * 0.5;
  if (qsqz >= bb) return 1;

  // (2Φ(w/2) − 1)^cc: the first term of Hartley's form.
  let prW = 2 * pnorm(qsqz) - 1;
  prW = prW >= Math.exp(C2 / cc) ? Math.pow(prW, cc) : 0;

  // Second term: integral over (w/2, 8) in 2 or 3 equal intervals.
  const wincr = w > 3 ? 2 : 3;
  let blb = qsqz;
  const binc = (bb - qsqz) / wincr;
  let bub = blb + binc;
  let einsum = 0;
  const cc1 = cc - 1;
  for (let wi = 1; wi <= wincr; ++wi) {
    let elsum = 0;
    const a = 0.5 * (bub + blb);
    const b = 0.5 * (bub - blb);
    for (let jj = 1; jj <= 12; ++jj) {
      let j: number;
      let xx: number;
      if (6 < jj) {
        j = 12 - jj + 1;
        xx = XLEG[j - 1];
      } else {
        j = jj;
        xx = -XLEG[j - 1];
      }
      const ac = a + b * xx;
      const qexpo = ac * ac;
      if (qexpo > C3) break;
      const pplus = 2 * pnorm(ac);
      const pminus = 2 * pnorm(ac, true, w);
      let rinsum = pplus * 0.5 - pminus * 0.5;
      if (rinsum >= Math.exp(C1 / cc1)) {
        rinsum = ALEG[j - 1] * Math.exp(-(0.5 * qexpo)) * Math.pow(rinsum, cc1);
        elsum += rinsum;
      }
    }
    elsum *= 2 * b * cc * ONE_OVER_SQRT_2PI;
    einsum += elsum;
    blb = bub;
    bub += binc;
  }
  prW += einsum;
  if (prW <= Math.exp(C1 / rr)) return 0;
  prW = Math.pow(prW, rr);
  return prW >= 1 ? 1 : prW;
}

/**
 * P(Q ≤ q) for the studentized range of nmeans means with df degrees of freedom (nranges
 * independent ranges; 1 for Tukey's HSD), or P(Q > q) if lowerTail is false.
 */
export function ptukey(q: number, nmeans: number, df: number, nranges = 1, lowerTail = true): number {
  const rr = nranges;
  const cc = nmeans;
  if (Number.isNaN(q) || Number.isNaN(rr) || Number.isNaN(cc) || Number.isNaN(df)) return NaN;
  if (q <= 0) return lowerTail ? 0 : 1;
  if (df < 2 || rr < 1 || cc < 2) return NaN;
  if (!Number.isFinite(q)) return lowerTail ? 1 : 0;
  if (df > 25000) {
    const v = wprob(q, rr, cc);
    return lowerTail ? v : 0.5 - v + 0.5;
  }

  // Leading constant of the density of s/σ, on the log scale.
  const f2 = df * 0.5;
  let f2lf = f2 * Math.log(df) - df * Math.LN2 - lgamma(f2);
  const f21 = f2 - 1;
  const ff4 = df * 0.25;
  const ulen = df <= 100 ? 1 : df <= 800 ? 0.5 : df <= 5000 ? 0.25 : 0.125;
  f2lf += Math.log(ulen);

  let ans = 0;
  let otsum = 0;
  for (let i = 1; i <= 50; ++i) {
    otsum = 0;
    const twa1 = (2 * i - 1) * ulen;
    for (let jj = 1; jj <= 16; ++jj) {
      let j: number;
      let t1: number;
      if (8 < jj) {
        j = jj - 8 - 1;
        t1 = f2lf + f21 * Math.log(twa1 + XLEGQ[j] * ulen) - (XLEGQ[j] * ulen + twa1) * ff4;
      } else {
        j = jj - 1;
        t1 = f2lf + f21 * Math.log(twa1 - XLEGQ[j] * ulen) + (XLEGQ[j] * ulen - twa1) * ff4;
      }
      if (t1 >= -30) {
        const qsqz = 8 < jj ? q * Math.sqrt((XLEGQ[j] * ulen + twa1) * 0.5) : q * Math.sqrt((-(XLEGQ[j] * ulen) + twa1) * 0.5);
        otsum += wprob(qsqz, rr, cc) * ALEGQ[j] * Math.exp(t1);
      }
    }
    // Stop when an interval contributes < 1e-14, after at least 1/ulen intervals.
    if (i * ulen >= 1 && otsum <= 1e-14) break;
    ans += otsum;
  }
  if (ans > 1) ans = 1;
  return lowerTail ? ans : 0.5 - ans + 0.5;
}

/** Copenhaver & Holland's initial approximation to the quantile (R's qinv). */
function qinv(p: number, c: number, v: number): number {
  const p0 = 0.322232421088;
  const q0 = 0.99348462606e-1;
  const p1 = -1.0;
  const q1 = 0.588581570495;
  const p2 = -0.342242088547;
  const q2 = 0.531103462366;
  const p3 = -0.204231210125;
  const q3 = 0.10353775285;
  const p4 = -0.453642210148e-4;
  const q4 = 0.38560700634e-2;
  const c1 = 0.8832;
  const c2 = 0.2368;
  const c3 = 1.214;
  const c4 = 1.208;
  const c5 = 1.4142;
  const vmax = 120;
  const ps = 0.5 - 0.5 * p;
  const yi = Math.sqrt(Math.log(1 / (ps * ps)));
  let t = yi + ((((yi * p4 + p3) * yi + p2) * yi + p1) * yi + p0) / ((((yi * q4 + q3) * yi + q2) * yi + q1) * yi + q0);
  if (v < vmax) t += (t * t * t + t) / v / 4;
  let q = c1 - c2 * t;
  if (v < vmax) q += -c3 / v + (c4 * t) / v;
  return t * (q * Math.log(c - 1) + c5);
}

/** Quantile of the studentized range: q with P(Q ≤ q) = p (or P(Q > q) = p if lowerTail is false). */
export function qtukey(p: number, nmeans: number, df: number, nranges = 1, lowerTail = true): number {
  const rr = nranges;
  const cc = nmeans;
  if (Number.isNaN(p) || Number.isNaN(rr) || Number.isNaN(cc) || Number.isNaN(df)) return NaN;
  if (df < 2 || rr < 1 || cc < 2 || p < 0 || p > 1) return NaN;
  if (p === 0) return lowerTail ? 0 : Infinity;
  if (p === 1) return lowerTail ? Infinity : 0;
  const pl = lowerTail ? p : 0.5 - p + 0.5;

  let x0 = qinv(pl, cc, df);
  let valx0 = ptukey(x0, cc, df, rr) - pl;
  let x1 = valx0 > 0 ? Math.max(0, x0 - 1) : x0 + 1;
  let valx1 = ptukey(x1, cc, df, rr) - pl;
  let ans = 0;
  for (let iter = 1; iter < 50; ++iter) {
    ans = x1 - (valx1 * (x1 - x0)) / (valx1 - valx0);
    valx0 = valx1;
    x0 = x1;
    if (ans < 0) ans = 0;
    valx1 = ptukey(ans, cc, df, rr) - pl;
    x1 = ans;
    if (Math.abs(x1 - x0) < 0.0001) return ans;
  }
  return ans;
}
