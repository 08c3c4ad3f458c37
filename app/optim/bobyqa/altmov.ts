/**
 * BOBYQA's ALTMOV (Powell 2009, §3): a new position XNEW for interpolation point KNEW that keeps
 * the interpolation well conditioned (a large modulus of the KNEW-th Lagrange function), chosen
 * on lines through XOPT and another interpolation point, and an alternative XALT from a
 * constrained Cauchy step of that Lagrange function. Indices are Powell's (1-based).
 */

export interface AltmovWork {
  readonly glag: Float64Array;
  readonly hcol: Float64Array;
  /** Length 2N: the constrained Cauchy step, then the downhill XALT. */
  readonly w: Float64Array;
}

export interface AltmovResult {
  /** The KNEW-th diagonal element of H. */
  alpha: number;
  /** Square of the KNEW-th Lagrange function at XALT (0 if XALT was not calculated). */
  cauchy: number;
}

export function createAltmovWork(n: number, npt: number): AltmovWork {
  return { glag: new Float64Array(n + 1), hcol: new Float64Array(npt + 1), w: new Float64Array(2 * n + 1) };
}

export function altmov(
  n: number,
  npt: number,
  xpt: Float64Array,
  xopt: Float64Array,
  bmat: Float64Array,
  zmat: Float64Array,
  ndim: number,
  sl: Float64Array,
  su: Float64Array,
  kopt: number,
  knew: number,
  adelt: number,
  xnew: Float64Array,
  xalt: Float64Array,
  work: AltmovWork,
): AltmovResult {
  const { glag, hcol, w } = work;
  const konst = 1 + Math.SQRT2;

  // Leading NPT elements of the KNEW-th column of H.
  for (let k = 1; k <= npt; ++k) hcol[k] = 0;
  for (let j = 1; j <= npt - n - 1; ++j) {
    const temp = zmat[knew + j * npt];
    for (let k = 1; k <= npt; ++k) hcol[k] += temp * zmat[k + j * npt];
  }
  const alpha = hcol[knew];
  const ha = 0.5 * alpha;

  // Gradient of the KNEW-th Lagrange function at XOPT.
  for (let i = 1; i <= n; ++i) glag[i] = bmat[knew + i * ndim];
  for (let k = 1; k <= npt; ++k) {
    let temp = 0;
    for (let j = 1; j <= n; ++j) temp += xpt[k + j * npt] * xopt[j];
    temp *= hcol[k];
    for (let i = 1; i <= n; ++i) glag[i] += temp * xpt[k + i * npt];
  }

  // Search for a large denominator along the lines through XOPT and another point.
  let presav = 0;
  let ksav = 0;
  let stpsav = 0;
  let ibdsav = 0;
  for (let k = 1; k <= npt; ++k) {
    if (k === kopt) continue;
    let dderiv = 0;
    let distsq = 0;
    for (let i = 1; i <= n; ++i) {
      const temp = xpt[k + i * npt] - xopt[i];
      dderiv += glag[i] * temp;
      distsq += temp * temp;
    }
    let subd = adelt / Math.sqrt(distsq);
    let slbd = -subd;
    let ilbd = 0;
    let iubd = 0;
    const sumin = Math.min(1, subd);

    // Revise SLBD and SUBD because of the bounds in SL and SU.
    for (let i = 1; i <= n; ++i) {
      const temp = xpt[k + i * npt] - xopt[i];
      if (temp > 0) {
        if (slbd * temp < sl[i] - xopt[i]) {
          slbd = (sl[i] - xopt[i]) / temp;
          ilbd = -i;
        }
        if (subd * temp > su[i] - xopt[i]) {
          subd = Math.max(sumin, (su[i] - xopt[i]) / temp);
          iubd = i;
        }
      } else if (temp < 0) {
        if (slbd * temp > su[i] - xopt[i]) {
          slbd = (su[i] - xopt[i]) / temp;
          ilbd = i;
        }
        if (subd * temp < sl[i] - xopt[i]) {
          subd = Math.max(sumin, (sl[i] - xopt[i]) / temp);
          iubd = -i;
        }
      }
    }

    let step: number;
    let vlag: number;
    let isbd: number;
    if (k === knew) {
      // The other point on the line is KNEW itself.
      const diff = dderiv - 1;
      step = slbd;
      vlag = slbd * (dderiv - slbd * diff);
      isbd = ilbd;
      const temp = subd * (dderiv - subd * diff);
      if (Math.abs(temp) > Math.abs(vlag)) {
        step = subd;
        vlag = temp;
        isbd = iubd;
      }
      const tempd = 0.5 * dderiv;
      const tempa = tempd - diff * slbd;
      const tempb = tempd - diff * subd;
      if (tempa * tempb < 0) {
        const t = (tempd * tempd) / diff;
        if (Math.abs(t) > Math.abs(vlag)) {
          step = tempd / diff;
          vlag = t;
          isbd = 0;
        }
      }
    } else {
      step = slbd;
      vlag = slbd * (1 - slbd);
      isbd = ilbd;
      const temp = subd * (1 - subd);
      if (Math.abs(temp) > Math.abs(vlag)) {
        step = subd;
        vlag = temp;
        isbd = iubd;
      }
      if (subd > 0.5 && Math.abs(vlag) < 0.25) {
        step = 0.5;
        vlag = 0.25;
        isbd = 0;
      }
      vlag *= dderiv;
    }

    const temp = step * (1 - step) * distsq;
    const predsq = vlag * vlag * (vlag * vlag + ha * temp * temp);
    if (predsq > presav) {
      presav = predsq;
      ksav = k;
      stpsav = step;
      ibdsav = isbd;
    }
  }

  // XNEW satisfies the bound constraints exactly.
  for (let i = 1; i <= n; ++i) {
    const temp = xopt[i] + stpsav * (xpt[ksav + i * npt] - xopt[i]);
    xnew[i] = Math.max(sl[i], Math.min(su[i], temp));
  }
  if (ibdsav < 0) xnew[-ibdsav] = sl[-ibdsav];
  if (ibdsav > 0) xnew[ibdsav] = su[ibdsav];

  // Constrained Cauchy step in W, first uphill (IFLAG = 0) then downhill (IFLAG = 1).
  const bigstp = adelt + adelt;
  let cauchy = 0;
  let csave = 0;
  for (let iflag = 0; iflag <= 1; ++iflag) {
    let wfixsq = 0;
    let ggfree = 0;
    for (let i = 1; i <= n; ++i) {
      w[i] = 0;
      const tempa = Math.min(xopt[i] - sl[i], glag[i]);
      const tempb = Math.max(xopt[i] - su[i], glag[i]);
      if (tempa > 0 || tempb < 0) {
        w[i] = bigstp;
        ggfree += glag[i] * glag[i];
      }
    }
    if (ggfree === 0) return { alpha, cauchy: 0 };

    // Investigate whether more components of W can be fixed.
    let step = 0;
    for (;;) {
      const temp = adelt * adelt - wfixsq;
      if (!(temp > 0)) break;
      const wsqsav = wfixsq;
      step = Math.sqrt(temp / ggfree);
      ggfree = 0;
      for (let i = 1; i <= n; ++i) {
        if (w[i] === bigstp) {
          const t = xopt[i] - step * glag[i];
          if (t <= sl[i]) {
            w[i] = sl[i] - xopt[i];
            wfixsq += w[i] * w[i];
          } else if (t >= su[i]) {
            w[i] = su[i] - xopt[i];
            wfixsq += w[i] * w[i];
          } else {
            ggfree += glag[i] * glag[i];
          }
        }
      }
      if (!(wfixsq > wsqsav && ggfree > 0)) break;
    }

    // Remaining free components of W and all of XALT.
    let gw = 0;
    for (let i = 1; i <= n; ++i) {
      if (w[i] === bigstp) {
        w[i] = -step * glag[i];
        xalt[i] = Math.max(sl[i], Math.min(su[i], xopt[i] + w[i]));
      } else if (w[i] === 0) {
        xalt[i] = xopt[i];
      } else if (glag[i] > 0) {
        xalt[i] = sl[i];
      } else {
        xalt[i] = su[i];
      }
      gw += glag[i] * w[i];
    }

    // Curvature of the KNEW-th Lagrange function along W; scale W if that helps.
    let curv = 0;
    for (let k = 1; k <= npt; ++k) {
      let temp = 0;
      for (let j = 1; j <= n; ++j) temp += xpt[k + j * npt] * w[j];
      curv += hcol[k] * temp * temp;
    }
    if (iflag === 1) curv = -curv;
    if (curv > -gw && curv < -konst * gw) {
      const scale = -gw / curv;
      for (let i = 1; i <= n; ++i) {
        xalt[i] = Math.max(sl[i], Math.min(su[i], xopt[i] + scale * w[i]));
      }
      const t = 0.5 * gw * scale;
      cauchy = t * t;
    } else {
      const t = gw + 0.5 * curv;
      cauchy = t * t;
    }

    if (iflag === 0) {
      for (let i = 1; i <= n; ++i) {
        glag[i] = -glag[i];
        w[n + i] = xalt[i];
      }
      csave = cauchy;
    }
  }
  if (csave > cauchy) {
    for (let i = 1; i <= n; ++i) xalt[i] = w[n + i];
    cauchy = csave;
  }
  return { alpha, cauchy };
}
