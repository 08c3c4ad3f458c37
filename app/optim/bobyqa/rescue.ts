/**
 * BOBYQA's RESCUE (Powell 2009, §5): when rounding errors have damaged the denominators of the
 * updating formula, XBASE is moved to XOPT and BMAT, ZMAT are rebuilt from scratch for
 * provisional points along the coordinate directions; original points are then reinstated one
 * by one (UPDATE), and points that stay provisional are evaluated. Indices are Powell's
 * (1-based). PTSAUX(I,J) is ptsaux[I + 2J]. A provisional point is identified by PTSID(K) = p + q/(N+1),
 * p and q being coordinate numbers (0 for none), as in Powell's code.
 */
import { update } from "./update";
import type { Evaluator, Workspace } from "./workspace";

export interface RescueWork {
  readonly ptsaux: Float64Array;
  readonly ptsid: Float64Array;
  /** Length NDIM + NPT. */
  readonly w: Float64Array;
}

export function createRescueWork(n: number, npt: number): RescueWork {
  return {
    ptsaux: new Float64Array(2 * n + 3),
    ptsid: new Float64Array(npt + 1),
    w: new Float64Array(2 * npt + n + 1),
  };
}

/** Splits PTSID(K) into its coordinate numbers p and q. */
function ids(ptsid: number, np: number): [number, number] {
  const ip = Math.trunc(ptsid);
  const iq = Math.trunc(np * ptsid - ip * np);
  return [ip, iq];
}

export interface RescueResult {
  kopt: number;
  /** False if the evaluation limit stopped it before all points were restored. */
  complete: boolean;
}

export function rescue(ws: Workspace, delta: number, koptIn: number, rw: RescueWork, ev: Evaluator): RescueResult {
  const { n, npt, ndim, xl, xu, xbase, xpt, fval, xopt, gopt, hq, pq, bmat, zmat, sl, su, vlag } = ws;
  const { ptsaux, ptsid, w } = rw;
  let kopt = koptIn;
  const np = n + 1;
  const sfrac = 0.5 / np;
  const nptm = npt - np;

  // Shift the points so that XOPT becomes the origin; squared distances go to W(NDIM+K).
  let sumpq = 0;
  let winc = 0;
  for (let k = 1; k <= npt; ++k) {
    let distsq = 0;
    for (let j = 1; j <= n; ++j) {
      xpt[k + j * npt] -= xopt[j];
      distsq += xpt[k + j * npt] * xpt[k + j * npt];
    }
    sumpq += pq[k];
    w[ndim + k] = distsq;
    winc = Math.max(winc, distsq);
    for (let j = 1; j <= nptm; ++j) zmat[k + j * npt] = 0;
  }

  // HQ and PQ define the second derivatives after XBASE is shifted to the centre.
  let ih = 0;
  for (let j = 1; j <= n; ++j) {
    w[j] = 0.5 * sumpq * xopt[j];
    for (let k = 1; k <= npt; ++k) w[j] += pq[k] * xpt[k + j * npt];
    for (let i = 1; i <= j; ++i) {
      ++ih;
      hq[ih] = hq[ih] + w[i] * xopt[j] + w[j] * xopt[i];
    }
  }

  // Shift XBASE, SL, SU and XOPT; zero BMAT; set PTSAUX.
  for (let j = 1; j <= n; ++j) {
    xbase[j] += xopt[j];
    sl[j] -= xopt[j];
    su[j] -= xopt[j];
    xopt[j] = 0;
    ptsaux[1 + 2 * j] = Math.min(delta, su[j]);
    ptsaux[2 + 2 * j] = Math.max(-delta, sl[j]);
    if (ptsaux[1 + 2 * j] + ptsaux[2 + 2 * j] < 0) {
      const t = ptsaux[1 + 2 * j];
      ptsaux[1 + 2 * j] = ptsaux[2 + 2 * j];
      ptsaux[2 + 2 * j] = t;
    }
    if (Math.abs(ptsaux[2 + 2 * j]) < 0.5 * Math.abs(ptsaux[1 + 2 * j])) {
      ptsaux[2 + 2 * j] = 0.5 * ptsaux[1 + 2 * j];
    }
    for (let i = 1; i <= ndim; ++i) bmat[i + j * ndim] = 0;
  }
  const fbase = fval[kopt];

  // Identifiers of the provisional points along coordinate directions from XOPT, with the
  // corresponding nonzero elements of BMAT and ZMAT.
  ptsid[1] = sfrac;
  for (let j = 1; j <= n; ++j) {
    const jp = j + 1;
    const jpn = jp + n;
    ptsid[jp] = j + sfrac;
    if (jpn <= npt) {
      ptsid[jpn] = j / np + sfrac;
      const temp = 1 / (ptsaux[1 + 2 * j] - ptsaux[2 + 2 * j]);
      bmat[jp + j * ndim] = -temp + 1 / ptsaux[1 + 2 * j];
      bmat[jpn + j * ndim] = temp + 1 / ptsaux[2 + 2 * j];
      bmat[1 + j * ndim] = -bmat[jp + j * ndim] - bmat[jpn + j * ndim];
      zmat[1 + j * npt] = Math.SQRT2 / Math.abs(ptsaux[1 + 2 * j] * ptsaux[2 + 2 * j]);
      zmat[jp + j * npt] = zmat[1 + j * npt] * ptsaux[2 + 2 * j] * temp;
      zmat[jpn + j * npt] = -zmat[1 + j * npt] * ptsaux[1 + 2 * j] * temp;
    } else {
      bmat[1 + j * ndim] = -1 / ptsaux[1 + 2 * j];
      bmat[jp + j * ndim] = 1 / ptsaux[1 + 2 * j];
      bmat[j + npt + j * ndim] = -0.5 * (ptsaux[1 + 2 * j] * ptsaux[1 + 2 * j]);
    }
  }

  // Remaining identifiers with their nonzero elements of ZMAT.
  if (npt >= n + np) {
    for (let k = 2 * np; k <= npt; ++k) {
      const iw = Math.trunc((k - np - 0.5) / n);
      const ip = k - np - iw * n;
      let iq = ip + iw;
      if (iq > n) iq -= n;
      ptsid[k] = ip + iq / np + sfrac;
      const temp = 1 / (ptsaux[1 + 2 * ip] * ptsaux[1 + 2 * iq]);
      zmat[1 + (k - np) * npt] = temp;
      zmat[ip + 1 + (k - np) * npt] = -temp;
      zmat[iq + 1 + (k - np) * npt] = -temp;
      zmat[k + (k - np) * npt] = temp;
    }
  }

  let nrem = npt;
  let kold = 1;
  let knew = kopt;
  let beta = 0;
  let denom = 0;
  let allReinstated = false;

  // Reinstate original points: each pass exchanges PTSID(KOLD) with PTSID(KNEW) (label 80),
  // then picks the next original point (label 120).
  let exchange = true;
  for (;;) {
    if (exchange) {
      for (let j = 1; j <= n; ++j) {
        const t = bmat[kold + j * ndim];
        bmat[kold + j * ndim] = bmat[knew + j * ndim];
        bmat[knew + j * ndim] = t;
      }
      for (let j = 1; j <= nptm; ++j) {
        const t = zmat[kold + j * npt];
        zmat[kold + j * npt] = zmat[knew + j * npt];
        zmat[knew + j * npt] = t;
      }
      ptsid[kold] = ptsid[knew];
      ptsid[knew] = 0;
      w[ndim + knew] = 0;
      --nrem;
      if (knew !== kopt) {
        const t = vlag[kold];
        vlag[kold] = vlag[knew];
        vlag[knew] = t;
        update(n, npt, bmat, zmat, ndim, vlag, beta, denom, knew, w);
        if (nrem === 0) {
          allReinstated = true;
          break;
        }
        for (let k = 1; k <= npt; ++k) w[ndim + k] = Math.abs(w[ndim + k]);
      }
    }
    exchange = false;

    // Label 120: the original point KNEW closest to XOPT not yet tried.
    let dsqmin = 0;
    for (let k = 1; k <= npt; ++k) {
      if (w[ndim + k] > 0 && (dsqmin === 0 || w[ndim + k] < dsqmin)) {
        knew = k;
        dsqmin = w[ndim + k];
      }
    }
    if (dsqmin === 0) break;

    // The W-vector of the chosen original point.
    for (let j = 1; j <= n; ++j) w[npt + j] = xpt[knew + j * npt];
    for (let k = 1; k <= npt; ++k) {
      let sum = 0;
      if (k === kopt) {
        // sum stays zero
      } else if (ptsid[k] === 0) {
        for (let j = 1; j <= n; ++j) sum += w[npt + j] * xpt[k + j * npt];
      } else {
        const [ip, iq] = ids(ptsid[k], np);
        if (ip > 0) sum = w[npt + ip] * ptsaux[1 + 2 * ip];
        if (iq > 0) {
          const iw = ip === 0 ? 2 : 1;
          sum += w[npt + iq] * ptsaux[iw + 2 * iq];
        }
      }
      w[k] = 0.5 * sum * sum;
    }

    // VLAG and BETA for reinstating XPT(KNEW,·).
    for (let k = 1; k <= npt; ++k) {
      let sum = 0;
      for (let j = 1; j <= n; ++j) sum += bmat[k + j * ndim] * w[npt + j];
      vlag[k] = sum;
    }
    beta = 0;
    for (let j = 1; j <= nptm; ++j) {
      let sum = 0;
      for (let k = 1; k <= npt; ++k) sum += zmat[k + j * npt] * w[k];
      beta -= sum * sum;
      for (let k = 1; k <= npt; ++k) vlag[k] += sum * zmat[k + j * npt];
    }
    let bsum = 0;
    let distsq = 0;
    for (let j = 1; j <= n; ++j) {
      let sum = 0;
      for (let k = 1; k <= npt; ++k) sum += bmat[k + j * ndim] * w[k];
      const jp = j + npt;
      bsum += sum * w[jp];
      for (let ip = npt + 1; ip <= ndim; ++ip) sum += bmat[ip + j * ndim] * w[ip];
      bsum += sum * w[jp];
      vlag[jp] = sum;
      distsq += xpt[knew + j * npt] * xpt[knew + j * npt];
    }
    beta = 0.5 * distsq * distsq + beta - bsum;
    vlag[kopt] += 1;

    // KOLD: the provisional point to delete, avoiding a small denominator in UPDATE.
    denom = 0;
    let vlmxsq = 0;
    for (let k = 1; k <= npt; ++k) {
      if (ptsid[k] !== 0) {
        let hdiag = 0;
        for (let j = 1; j <= nptm; ++j) hdiag += zmat[k + j * npt] * zmat[k + j * npt];
        const den = beta * hdiag + vlag[k] * vlag[k];
        if (den > denom) {
          kold = k;
          denom = den;
        }
      }
      vlmxsq = Math.max(vlmxsq, vlag[k] * vlag[k]);
    }
    if (denom <= vlmxsq * 0.01) {
      w[ndim + knew] = -w[ndim + knew] - winc;
      continue;
    }
    exchange = true;
  }
  if (allReinstated) return { kopt, complete: true };

  // Label 260: evaluate F at the provisional points that remain, updating the model.
  for (let kpt = 1; kpt <= npt; ++kpt) {
    if (ptsid[kpt] === 0) continue;
    if (ev.evalsExhausted()) return { kopt, complete: false };
    ih = 0;
    for (let j = 1; j <= n; ++j) {
      w[j] = xpt[kpt + j * npt];
      xpt[kpt + j * npt] = 0;
      const temp = pq[kpt] * w[j];
      for (let i = 1; i <= j; ++i) {
        ++ih;
        hq[ih] += temp * w[i];
      }
    }
    pq[kpt] = 0;
    const [ip, iq] = ids(ptsid[kpt], np);
    let xp = 0;
    let xq = 0;
    if (ip > 0) {
      xp = ptsaux[1 + 2 * ip];
      xpt[kpt + ip * npt] = xp;
    }
    if (iq > 0) {
      xq = ip === 0 ? ptsaux[2 + 2 * iq] : ptsaux[1 + 2 * iq];
      xpt[kpt + iq * npt] = xq;
    }

    // VQUAD: the current model at the new point.
    let vquad = fbase;
    let ihp = 0;
    if (ip > 0) {
      ihp = (ip + ip * ip) / 2;
      vquad += xp * (gopt[ip] + 0.5 * xp * hq[ihp]);
    }
    if (iq > 0) {
      const ihq = (iq + iq * iq) / 2;
      vquad += xq * (gopt[iq] + 0.5 * xq * hq[ihq]);
      if (ip > 0) {
        const iw = Math.max(ihp, ihq) - Math.abs(ip - iq);
        vquad += xp * xq * hq[iw];
      }
    }
    for (let k = 1; k <= npt; ++k) {
      let temp = 0;
      if (ip > 0) temp += xp * xpt[k + ip * npt];
      if (iq > 0) temp += xq * xpt[k + iq * npt];
      vquad += 0.5 * pq[k] * temp * temp;
    }

    // F at the new point; DIFF multiplies the KPT-th Lagrange function in the model update.
    for (let i = 1; i <= n; ++i) {
      w[i] = Math.min(Math.max(xl[i], xbase[i] + xpt[kpt + i * npt]), xu[i]);
      if (xpt[kpt + i * npt] === sl[i]) w[i] = xl[i];
      if (xpt[kpt + i * npt] === su[i]) w[i] = xu[i];
    }
    const f = ev.evaluate(w);
    fval[kpt] = f;
    if (f < fval[kopt]) kopt = kpt;
    if (ev.evalsExhausted()) return { kopt, complete: false };
    const diff = f - vquad;

    for (let i = 1; i <= n; ++i) gopt[i] += diff * bmat[kpt + i * ndim];
    for (let k = 1; k <= npt; ++k) {
      let sum = 0;
      for (let j = 1; j <= nptm; ++j) sum += zmat[k + j * npt] * zmat[kpt + j * npt];
      const temp = diff * sum;
      if (ptsid[k] === 0) {
        pq[k] += temp;
      } else {
        const [kp, kq] = ids(ptsid[k], np);
        const ihq = (kq * kq + kq) / 2;
        if (kp === 0) {
          hq[ihq] += temp * (ptsaux[2 + 2 * kq] * ptsaux[2 + 2 * kq]);
        } else {
          const ihp2 = (kp * kp + kp) / 2;
          hq[ihp2] += temp * (ptsaux[1 + 2 * kp] * ptsaux[1 + 2 * kp]);
          if (kq > 0) {
            hq[ihq] += temp * (ptsaux[1 + 2 * kq] * ptsaux[1 + 2 * kq]);
            const iw = Math.max(ihp2, ihq) - Math.abs(kq - kp);
            hq[iw] += temp * ptsaux[1 + 2 * kp] * ptsaux[1 + 2 * kq];
          }
        }
      }
    }
    ptsid[kpt] = 0;
  }
  return { kopt, complete: true };
}
