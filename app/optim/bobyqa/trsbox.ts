/**
 * BOBYQA's TRSBOX (Powell 2009, §3): approximately minimises the quadratic model within the
 * trust region ‖d‖ ≤ DELTA around XOPT subject to SL ≤ XOPT + d ≤ SU, by a truncated conjugate
 * gradient method that fixes variables reaching a bound and then, on the trust-region boundary,
 * searches in the 2-D space spanned by d and the gradient (the "alternative iteration").
 * Indices are Powell's (1-based). The control flow follows Powell's labels.
 */

export interface TrsboxWork {
  readonly gnew: Float64Array;
  readonly xbdi: Float64Array;
  readonly s: Float64Array;
  readonly hs: Float64Array;
  readonly hred: Float64Array;
}

export interface TrsboxResult {
  /** Square of the length of XNEW − XOPT. */
  dsq: number;
  /** 0 if d reached the trust-region boundary, else the least curvature seen (−1 if none). */
  crvmin: number;
}

export function createTrsboxWork(n: number): TrsboxWork {
  const v = (): Float64Array => new Float64Array(n + 1);
  return { gnew: v(), xbdi: v(), s: v(), hs: v(), hred: v() };
}

/** HS = (model Hessian) · S, where the Hessian is HQ plus Σ PQ(K) XPT(K,·) XPT(K,·)ᵀ. */
function hessianTimes(
  n: number,
  npt: number,
  xpt: Float64Array,
  hq: Float64Array,
  pq: Float64Array,
  s: Float64Array,
  hs: Float64Array,
): void {
  let ih = 0;
  for (let j = 1; j <= n; ++j) {
    hs[j] = 0;
    for (let i = 1; i <= j; ++i) {
      ++ih;
      if (i < j) hs[j] += hq[ih] * s[i];
      hs[i] += hq[ih] * s[j];
    }
  }
  for (let k = 1; k <= npt; ++k) {
    if (pq[k] !== 0) {
      let temp = 0;
      for (let j = 1; j <= n; ++j) temp += xpt[k + j * npt] * s[j];
      temp *= pq[k];
      for (let i = 1; i <= n; ++i) hs[i] += temp * xpt[k + i * npt];
    }
  }
}

type Label = 20 | 30 | 50 | 90 | 100 | 120 | 150 | 190;

export function trsbox(
  n: number,
  npt: number,
  xpt: Float64Array,
  xopt: Float64Array,
  gopt: Float64Array,
  hq: Float64Array,
  pq: Float64Array,
  sl: Float64Array,
  su: Float64Array,
  delta: number,
  xnew: Float64Array,
  d: Float64Array,
  work: TrsboxWork,
): TrsboxResult {
  const { gnew, xbdi, s, hs, hred } = work;
  let iterc = 0;
  let nact = 0;
  for (let i = 1; i <= n; ++i) {
    xbdi[i] = 0;
    if (xopt[i] <= sl[i]) {
      if (gopt[i] >= 0) xbdi[i] = -1;
    } else if (xopt[i] >= su[i]) {
      if (gopt[i] <= 0) xbdi[i] = 1;
    }
    if (xbdi[i] !== 0) ++nact;
    d[i] = 0;
    gnew[i] = gopt[i];
  }
  let delsq = delta * delta;
  let qred = 0;
  let crvmin = -1;

  let beta = 0;
  let stepsq = 0;
  let gredsq = 0;
  let itermax = 0;
  let ggsav = 0;
  let itcsav = 0;
  let dredsq = 0;
  let dredg = 0;
  let sredg = 0;
  let angbd = 0;
  let iact = 0;
  let xsav = 0;
  let blen = 0;
  let stplen = 0;
  let sdec = 0;

  let label: Label = 20;
  for (;;) {
    switch (label) {
      case 20:
        beta = 0;
        label = 30;
        break;
      case 30: {
        // Next conjugate-gradient search direction (steepest descent after a restart).
        stepsq = 0;
        for (let i = 1; i <= n; ++i) {
          if (xbdi[i] !== 0) s[i] = 0;
          else if (beta === 0) s[i] = -gnew[i];
          else s[i] = beta * s[i] - gnew[i];
          stepsq += s[i] * s[i];
        }
        if (stepsq === 0) {
          label = 190;
          break;
        }
        if (beta === 0) {
          gredsq = stepsq;
          itermax = iterc + n - nact;
        }
        if (gredsq * delsq <= qred * 1e-4 * qred) {
          label = 190;
          break;
        }
        hessianTimes(n, npt, xpt, hq, pq, s, hs);
        label = 50;
        break;
      }
      case 50: {
        let resid = delsq;
        let ds = 0;
        let shs = 0;
        for (let i = 1; i <= n; ++i) {
          if (xbdi[i] === 0) {
            resid -= d[i] * d[i];
            ds += s[i] * d[i];
            shs += s[i] * hs[i];
          }
        }
        if (resid <= 0) {
          label = 90;
          break;
        }
        const temp = Math.sqrt(stepsq * resid + ds * ds);
        blen = ds < 0 ? (temp - ds) / stepsq : resid / (temp + ds);
        stplen = blen;
        if (shs > 0) stplen = Math.min(blen, gredsq / shs);

        // Reduce STPLEN if necessary to preserve the simple bounds.
        iact = 0;
        for (let i = 1; i <= n; ++i) {
          if (s[i] !== 0) {
            const xsum = xopt[i] + d[i];
            const t = s[i] > 0 ? (su[i] - xsum) / s[i] : (sl[i] - xsum) / s[i];
            if (t < stplen) {
              stplen = t;
              iact = i;
            }
          }
        }

        sdec = 0;
        if (stplen > 0) {
          ++iterc;
          const t = shs / stepsq;
          if (iact === 0 && t > 0) {
            crvmin = Math.min(crvmin, t);
            if (crvmin === -1) crvmin = t;
          }
          ggsav = gredsq;
          gredsq = 0;
          for (let i = 1; i <= n; ++i) {
            gnew[i] += stplen * hs[i];
            if (xbdi[i] === 0) gredsq += gnew[i] * gnew[i];
            d[i] += stplen * s[i];
          }
          sdec = Math.max(stplen * (ggsav - 0.5 * stplen * shs), 0);
          qred += sdec;
        }

        // Restart the conjugate gradient method if it has hit a new bound.
        if (iact > 0) {
          ++nact;
          xbdi[iact] = s[iact] < 0 ? -1 : 1;
          delsq -= d[iact] * d[iact];
          label = delsq <= 0 ? 90 : 20;
          break;
        }
        if (stplen < blen) {
          if (iterc === itermax || sdec <= qred * 0.01) {
            label = 190;
            break;
          }
          beta = gredsq / ggsav;
          label = 30;
          break;
        }
        label = 90;
        break;
      }
      case 90:
        crvmin = 0;
        label = 100;
        break;
      case 100: {
        // Prepare for the alternative iteration on the trust-region boundary.
        if (nact >= n - 1) {
          label = 190;
          break;
        }
        dredsq = 0;
        dredg = 0;
        gredsq = 0;
        for (let i = 1; i <= n; ++i) {
          if (xbdi[i] === 0) {
            dredsq += d[i] * d[i];
            dredg += d[i] * gnew[i];
            gredsq += gnew[i] * gnew[i];
            s[i] = d[i];
          } else {
            s[i] = 0;
          }
        }
        itcsav = iterc;
        hessianTimes(n, npt, xpt, hq, pq, s, hs);
        for (let i = 1; i <= n; ++i) hred[i] = hs[i];
        label = 120;
        break;
      }
      case 120: {
        // Search direction: combination of reduced d and reduced g, orthogonal to d.
        ++iterc;
        let temp = gredsq * dredsq - dredg * dredg;
        if (temp <= qred * 1e-4 * qred) {
          label = 190;
          break;
        }
        temp = Math.sqrt(temp);
        for (let i = 1; i <= n; ++i) {
          s[i] = xbdi[i] === 0 ? (dredg * d[i] - dredsq * gnew[i]) / temp : 0;
        }
        sredg = -temp;

        // Upper bound ANGBD on the tangent of half the angle, from the simple bounds.
        angbd = 1;
        iact = 0;
        let refix = false;
        for (let i = 1; i <= n; ++i) {
          if (xbdi[i] !== 0) continue;
          const tempa = xopt[i] + d[i] - sl[i];
          const tempb = su[i] - xopt[i] - d[i];
          if (tempa <= 0) {
            ++nact;
            xbdi[i] = -1;
            refix = true;
            break;
          } else if (tempb <= 0) {
            ++nact;
            xbdi[i] = 1;
            refix = true;
            break;
          }
          const ssq = d[i] * d[i] + s[i] * s[i];
          let t = ssq - (xopt[i] - sl[i]) * (xopt[i] - sl[i]);
          if (t > 0) {
            t = Math.sqrt(t) - s[i];
            if (angbd * t > tempa) {
              angbd = tempa / t;
              iact = i;
              xsav = -1;
            }
          }
          t = ssq - (su[i] - xopt[i]) * (su[i] - xopt[i]);
          if (t > 0) {
            t = Math.sqrt(t) + s[i];
            if (angbd * t > tempb) {
              angbd = tempb / t;
              iact = i;
              xsav = 1;
            }
          }
        }
        if (refix) {
          label = 100;
          break;
        }
        hessianTimes(n, npt, xpt, hq, pq, s, hs);
        label = 150;
        break;
      }
      case 150: {
        let shs = 0;
        let dhs = 0;
        let dhd = 0;
        for (let i = 1; i <= n; ++i) {
          if (xbdi[i] === 0) {
            shs += s[i] * hs[i];
            dhs += d[i] * hs[i];
            dhd += d[i] * hred[i];
          }
        }
        // Greatest reduction in Q over equally spaced ANGT in [0, ANGBD].
        let redmax = 0;
        let isav = 0;
        let redsav = 0;
        let rdprev = 0;
        let rdnext = 0;
        const iu = Math.trunc(angbd * 17 + 3.1);
        let angt = 0;
        for (let i = 1; i <= iu; ++i) {
          angt = (angbd * i) / iu;
          const sth = (angt + angt) / (1 + angt * angt);
          const temp = shs + angt * (angt * dhd - dhs - dhs);
          const rednew = sth * (angt * dredg - sredg - 0.5 * sth * temp);
          if (rednew > redmax) {
            redmax = rednew;
            isav = i;
            rdprev = redsav;
          } else if (i === isav + 1) {
            rdnext = rednew;
          }
          redsav = rednew;
        }
        if (isav === 0) {
          label = 190;
          break;
        }
        if (isav < iu) {
          const temp = (rdnext - rdprev) / (redmax + redmax - rdprev - rdnext);
          angt = (angbd * (isav + 0.5 * temp)) / iu;
        }
        const cth = (1 - angt * angt) / (1 + angt * angt);
        const sth = (angt + angt) / (1 + angt * angt);
        const temp = shs + angt * (angt * dhd - dhs - dhs);
        sdec = sth * (angt * dredg - sredg - 0.5 * sth * temp);
        if (sdec <= 0) {
          label = 190;
          break;
        }
        dredg = 0;
        gredsq = 0;
        for (let i = 1; i <= n; ++i) {
          gnew[i] = gnew[i] + (cth - 1) * hred[i] + sth * hs[i];
          if (xbdi[i] === 0) {
            d[i] = cth * d[i] + sth * s[i];
            dredg += d[i] * gnew[i];
            gredsq += gnew[i] * gnew[i];
          }
          hred[i] = cth * hred[i] + sth * hs[i];
        }
        qred += sdec;
        if (iact > 0 && isav === iu) {
          ++nact;
          xbdi[iact] = xsav;
          label = 100;
          break;
        }
        label = sdec > qred * 0.01 ? 120 : 190;
        break;
      }
      case 190: {
        // XNEW = XOPT + d, with careful attention to the bounds.
        let dsq = 0;
        for (let i = 1; i <= n; ++i) {
          xnew[i] = Math.max(Math.min(xopt[i] + d[i], su[i]), sl[i]);
          if (xbdi[i] === -1) xnew[i] = sl[i];
          if (xbdi[i] === 1) xnew[i] = su[i];
          d[i] = xnew[i] - xopt[i];
          dsq += d[i] * d[i];
        }
        return { dsq, crvmin };
      }
    }
  }
}
