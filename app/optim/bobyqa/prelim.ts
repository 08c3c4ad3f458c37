/**
 * BOBYQA's PRELIM (Powell 2009, §2): the first NPT interpolation points (XBASE, XBASE ± RHOBEG
 * along each coordinate, then pairs of coordinates), their function values, the initial
 * quadratic model (GOPT at XBASE, HQ, PQ = 0) and the initial BMAT and ZMAT. Indices are
 * Powell's (1-based).
 */
import type { Evaluator, Workspace } from "./workspace";

export interface PrelimResult {
  kopt: number;
  /** False if the evaluation limit stopped the initialization early. */
  complete: boolean;
}

export function prelim(ws: Workspace, x: Float64Array, rhobeg: number, ev: Evaluator): PrelimResult {
  const { n, npt, ndim, xl, xu, xbase, xpt, fval, gopt, hq, pq, bmat, zmat, sl, su } = ws;
  const rhosq = rhobeg * rhobeg;
  const recip = 1 / rhosq;
  const np = n + 1;

  for (let j = 1; j <= n; ++j) {
    xbase[j] = x[j];
    for (let k = 1; k <= npt; ++k) xpt[k + j * npt] = 0;
    for (let i = 1; i <= ndim; ++i) bmat[i + j * ndim] = 0;
  }
  for (let ih = 1; ih <= (n * np) / 2; ++ih) hq[ih] = 0;
  for (let k = 1; k <= npt; ++k) {
    pq[k] = 0;
    for (let j = 1; j <= npt - np; ++j) zmat[k + j * npt] = 0;
  }

  let nf = 0;
  let kopt = 1;
  let fbeg = 0;
  let stepa = 0;
  let stepb = 0;
  let ipt = 0;
  let jpt = 0;
  do {
    // Coordinates of the next initial interpolation point, relative to XBASE, in XPT(NF+1,·).
    const nfm = nf;
    const nfx = nf - n;
    ++nf;
    if (nfm <= 2 * n) {
      if (nfm >= 1 && nfm <= n) {
        stepa = rhobeg;
        if (su[nfm] === 0) stepa = -stepa;
        xpt[nf + nfm * npt] = stepa;
      } else if (nfm > n) {
        stepa = xpt[nf - n + nfx * npt];
        stepb = -rhobeg;
        if (sl[nfx] === 0) stepb = Math.min(2 * rhobeg, su[nfx]);
        if (su[nfx] === 0) stepb = Math.max(-2 * rhobeg, sl[nfx]);
        xpt[nf + nfx * npt] = stepb;
      }
    } else {
      let itemp = Math.trunc((nfm - np) / n);
      jpt = nfm - itemp * n - n;
      ipt = jpt + itemp;
      if (ipt > n) {
        itemp = jpt;
        jpt = ipt - n;
        ipt = itemp;
      }
      xpt[nf + ipt * npt] = xpt[ipt + 1 + ipt * npt];
      xpt[nf + jpt * npt] = xpt[jpt + 1 + jpt * npt];
    }

    for (let j = 1; j <= n; ++j) {
      x[j] = Math.min(Math.max(xl[j], xbase[j] + xpt[nf + j * npt]), xu[j]);
      if (xpt[nf + j * npt] === sl[j]) x[j] = xl[j];
      if (xpt[nf + j * npt] === su[j]) x[j] = xu[j];
    }
    const f = ev.evaluate(x);
    fval[nf] = f;
    if (nf === 1) {
      fbeg = f;
      kopt = 1;
    } else if (f < fval[kopt]) {
      kopt = nf;
    }

    // Nonzero initial elements of BMAT and the quadratic model for NF ≤ 2N+1; the NF-th and
    // (NF−N)-th points may be switched so that the lower value is at the first of them.
    if (nf <= 2 * n + 1) {
      if (nf >= 2 && nf <= n + 1) {
        gopt[nfm] = (f - fbeg) / stepa;
        if (npt < nf + n) {
          bmat[1 + nfm * ndim] = -1 / stepa;
          bmat[nf + nfm * ndim] = 1 / stepa;
          bmat[npt + nfm + nfm * ndim] = -0.5 * rhosq;
        }
      } else if (nf >= n + 2) {
        const ih = (nfx * (nfx + 1)) / 2;
        const temp = (f - fbeg) / stepb;
        const diff = stepb - stepa;
        hq[ih] = (2 * (temp - gopt[nfx])) / diff;
        gopt[nfx] = (gopt[nfx] * stepb - temp * stepa) / diff;
        if (stepa * stepb < 0 && f < fval[nf - n]) {
          fval[nf] = fval[nf - n];
          fval[nf - n] = f;
          if (kopt === nf) kopt = nf - n;
          xpt[nf - n + nfx * npt] = stepb;
          xpt[nf + nfx * npt] = stepa;
        }
        bmat[1 + nfx * ndim] = -(stepa + stepb) / (stepa * stepb);
        bmat[nf + nfx * ndim] = -0.5 / xpt[nf - n + nfx * npt];
        bmat[nf - n + nfx * ndim] = -bmat[1 + nfx * ndim] - bmat[nf + nfx * ndim];
        zmat[1 + nfx * npt] = Math.SQRT2 / (stepa * stepb);
        zmat[nf + nfx * npt] = Math.SQRT1_2 / rhosq;
        zmat[nf - n + nfx * npt] = -zmat[1 + nfx * npt] - zmat[nf + nfx * npt];
      }
    } else {
      // Off-diagonal second derivatives of the Lagrange functions and the initial model.
      const ih = (ipt * (ipt - 1)) / 2 + jpt;
      zmat[1 + nfx * npt] = recip;
      zmat[nf + nfx * npt] = recip;
      zmat[ipt + 1 + nfx * npt] = -recip;
      zmat[jpt + 1 + nfx * npt] = -recip;
      const temp = xpt[nf + ipt * npt] * xpt[nf + jpt * npt];
      hq[ih] = (fbeg - fval[ipt + 1] - fval[jpt + 1] + f) / temp;
    }
    if (ev.evalsExhausted()) return { kopt, complete: false };
  } while (nf < npt);
  return { kopt, complete: true };
}
