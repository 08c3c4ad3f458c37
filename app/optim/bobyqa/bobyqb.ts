/**
 * BOBYQA's main iteration BOBYQB (Powell 2009, "The BOBYQA algorithm for bound constrained
 * optimization without derivatives", DAMTP 2009/NA06), with NLopt's stopping rules
 * (S. G. Johnson's C port: ftol tested on every improvement of the best value, maxeval before
 * every evaluation). Indices are Powell's (1-based); the control flow follows his labels
 * (20, 60, 90, 190, 210, 230, 360, 650, 680, 720) as cases of a small state machine.
 */
import { altmov, createAltmovWork } from "./altmov";
import { prelim } from "./prelim";
import { createRescueWork, rescue } from "./rescue";
import { createTrsboxWork, trsbox } from "./trsbox";
import { update } from "./update";
import type { BobyqaStatus, Evaluator, Workspace } from "./workspace";

export interface BobyqbResult {
  /** Best point found (scaled variables, 1-based), within the bounds. */
  readonly x: Float64Array;
  readonly f: number;
  readonly status: BobyqaStatus;
}

/** x², written as a product so that rounding matches the Fortran/C reference. */
const sq = (x: number): number => x * x;

type Label = 20 | 60 | 90 | 190 | 210 | 230 | 360 | 650 | 680 | 720;

/** Model value change d·g + ½ dᵀ HQ d (packed HQ), without the implicit PQ part. */
function explicitModelChange(n: number, d: Float64Array, gopt: Float64Array, hq: Float64Array): number {
  let vquad = 0;
  let ih = 0;
  for (let j = 1; j <= n; ++j) {
    vquad += d[j] * gopt[j];
    for (let i = 1; i <= j; ++i) {
      ++ih;
      let temp = d[i] * d[j];
      if (i === j) temp *= 0.5;
      vquad += hq[ih] * temp;
    }
  }
  return vquad;
}

/**
 * Chooses the point KNEW to drop for a trust-region step to XNEW: the largest denominator
 * weighted by (distance/DELTA)⁴. Returns scaden ≤ ½ biglsq as `damaged`.
 */
function pickKnew(
  ws: Workspace,
  beta: number,
  delta: number,
  skip: number,
  from: Float64Array,
): { knew: number; denom: number; damaged: boolean } {
  const { n, npt, zmat, vlag, xpt } = ws;
  const nptm = npt - n - 1;
  const delsq = delta * delta;
  let scaden = 0;
  let biglsq = 0;
  let knew = 0;
  let denom = 0;
  for (let k = 1; k <= npt; ++k) {
    if (k === skip) continue;
    let hdiag = 0;
    for (let jj = 1; jj <= nptm; ++jj) hdiag += zmat[k + jj * npt] * zmat[k + jj * npt];
    const den = beta * hdiag + vlag[k] * vlag[k];
    let distsq = 0;
    for (let j = 1; j <= n; ++j) {
      const t = xpt[k + j * npt] - from[j];
      distsq += t * t;
    }
    const r = distsq / delsq;
    const temp = Math.max(1, r * r);
    if (temp * den > scaden) {
      scaden = temp * den;
      knew = k;
      denom = den;
    }
    biglsq = Math.max(biglsq, temp * (vlag[k] * vlag[k]));
  }
  return { knew, denom, damaged: scaden <= 0.5 * biglsq };
}

export function bobyqb(ws: Workspace, x: Float64Array, rhobeg: number, rhoend: number, ev: Evaluator): BobyqbResult {
  const { n, npt, ndim, xl, xu, xbase, xpt, fval, xopt, gopt, hq, pq, bmat, zmat, sl, su, xnew, xalt, d, vlag, w } =
    ws;
  const np = n + 1;
  const nptm = npt - np;
  const nh = (n * np) / 2;
  const tw = createTrsboxWork(n);
  const aw = createAltmovWork(n, npt);
  const rw = createRescueWork(n, npt);

  const init = prelim(ws, x, rhobeg, ev);
  let kopt = init.kopt;
  let xoptsq = 0;
  for (let i = 1; i <= n; ++i) {
    xopt[i] = xpt[kopt + i * npt];
    xoptsq += xopt[i] * xopt[i];
  }
  let status: BobyqaStatus = "rhoend";
  let kbase = 1;

  let rho = rhobeg;
  let delta = rho;
  let nresc = ev.nevals;
  let ntrits = 0;
  let diffa = 0;
  let diffb = 0;
  let diffc = 0;
  let itest = 0;
  let nfsav = ev.nevals;
  let dsq = 0;
  let crvmin = 0;
  let dnorm = 0;
  let distsq = 0;
  let knew = 0;
  let adelt = 0;
  let alpha = 0;
  let cauchy = 0;
  let beta = 0;
  let denom = 0;
  let ratio = 0;
  let f = 0;

  let label: Label = init.complete ? 20 : 720;
  if (!init.complete) status = "maxeval";
  for (;;) {
    switch (label) {
      case 20: {
        // Update GOPT before the first iteration and after a RESCUE that evaluated F.
        if (kopt !== kbase) {
          let ih = 0;
          for (let j = 1; j <= n; ++j) {
            for (let i = 1; i <= j; ++i) {
              ++ih;
              if (i < j) gopt[j] += hq[ih] * xopt[i];
              gopt[i] += hq[ih] * xopt[j];
            }
          }
          if (ev.nevals > npt) {
            for (let k = 1; k <= npt; ++k) {
              let temp = 0;
              for (let j = 1; j <= n; ++j) temp += xpt[k + j * npt] * xopt[j];
              temp *= pq[k];
              for (let i = 1; i <= n; ++i) gopt[i] += temp * xpt[k + i * npt];
            }
          }
        }
        label = 60;
        break;
      }
      case 60: {
        // A trust-region step; if it is shorter than RHO/2, either reduce RHO or improve
        // the geometry (NTRITS = −1).
        const tr = trsbox(n, npt, xpt, xopt, gopt, hq, pq, sl, su, delta, xnew, d, tw);
        dsq = tr.dsq;
        crvmin = tr.crvmin;
        dnorm = Math.min(delta, Math.sqrt(dsq));
        if (dnorm < 0.5 * rho) {
          ntrits = -1;
          distsq = 10 * rho * (10 * rho);
          if (ev.nevals <= nfsav + 2) {
            label = 650;
            break;
          }
          // Is the work with the current RHO complete? Compare the recent model errors with
          // the likely improvements within distance RHO/2 of XOPT.
          const errbig = Math.max(diffa, diffb, diffc);
          const frhosq = rho * 0.125 * rho;
          if (crvmin > 0 && errbig > frhosq * crvmin) {
            label = 650;
            break;
          }
          const bdtol = errbig / rho;
          let improve = false;
          for (let j = 1; j <= n; ++j) {
            let bdtest = bdtol;
            if (xnew[j] === sl[j]) bdtest = tw.gnew[j];
            if (xnew[j] === su[j]) bdtest = -tw.gnew[j];
            if (bdtest < bdtol) {
              let curv = hq[(j + j * j) / 2];
              for (let k = 1; k <= npt; ++k) curv += pq[k] * (xpt[k + j * npt] * xpt[k + j * npt]);
              bdtest += 0.5 * curv * rho;
              if (bdtest < bdtol) {
                improve = true;
                break;
              }
            }
          }
          label = improve ? 650 : 680;
          break;
        }
        ++ntrits;
        label = 90;
        break;
      }
      case 90: {
        // Shift XBASE to XOPT when XOPT is far from XBASE (severe cancellation otherwise).
        if (dsq <= xoptsq * 0.001) {
          shiftBase(ws, xoptsq);
          xoptsq = 0;
        }
        label = ntrits === 0 ? 210 : 230;
        break;
      }
      case 190: {
        nfsav = ev.nevals;
        kbase = kopt;
        const rr = rescue(ws, delta, kopt, rw, ev);
        kopt = rr.kopt;
        xoptsq = 0;
        if (kopt !== kbase) {
          for (let i = 1; i <= n; ++i) {
            xopt[i] = xpt[kopt + i * npt];
            xoptsq += xopt[i] * xopt[i];
          }
        }
        if (!rr.complete) {
          status = "maxeval";
          label = 720;
          break;
        }
        nresc = ev.nevals;
        if (nfsav < ev.nevals) {
          nfsav = ev.nevals;
          label = 20;
          break;
        }
        label = ntrits > 0 ? 60 : 210;
        break;
      }
      case 210: {
        // Geometry step: two candidate positions for the KNEW-th interpolation point.
        const am = altmov(n, npt, xpt, xopt, bmat, zmat, ndim, sl, su, kopt, knew, adelt, xnew, xalt, aw);
        alpha = am.alpha;
        cauchy = am.cauchy;
        for (let i = 1; i <= n; ++i) d[i] = xnew[i] - xopt[i];
        label = 230;
        break;
      }
      case 230: {
        // VLAG and BETA for the current D; XPT(K,·)·D is kept in W(NPT+K) for VQUAD.
        for (let k = 1; k <= npt; ++k) {
          let suma = 0;
          let sumb = 0;
          let sum = 0;
          for (let j = 1; j <= n; ++j) {
            suma += xpt[k + j * npt] * d[j];
            sumb += xpt[k + j * npt] * xopt[j];
            sum += bmat[k + j * ndim] * d[j];
          }
          w[k] = suma * (0.5 * suma + sumb);
          vlag[k] = sum;
          w[npt + k] = suma;
        }
        beta = 0;
        for (let jj = 1; jj <= nptm; ++jj) {
          let sum = 0;
          for (let k = 1; k <= npt; ++k) sum += zmat[k + jj * npt] * w[k];
          beta -= sum * sum;
          for (let k = 1; k <= npt; ++k) vlag[k] += sum * zmat[k + jj * npt];
        }
        dsq = 0;
        let bsum = 0;
        let dx = 0;
        for (let j = 1; j <= n; ++j) {
          dsq += d[j] * d[j];
          let sum = 0;
          for (let k = 1; k <= npt; ++k) sum += w[k] * bmat[k + j * ndim];
          bsum += sum * d[j];
          const jp = npt + j;
          for (let i = 1; i <= n; ++i) sum += bmat[jp + i * ndim] * d[i];
          vlag[jp] = sum;
          bsum += sum * d[j];
          dx += d[j] * xopt[j];
        }
        beta = dx * dx + dsq * (xoptsq + dx + dx + 0.5 * dsq) + beta - bsum;
        vlag[kopt] += 1;

        if (ntrits === 0) {
          // The Cauchy step may give a larger denominator than ALTMOV's XNEW.
          denom = vlag[knew] * vlag[knew] + alpha * beta;
          if (denom < cauchy && cauchy > 0) {
            for (let i = 1; i <= n; ++i) {
              xnew[i] = xalt[i];
              d[i] = xnew[i] - xopt[i];
            }
            cauchy = 0;
            label = 230;
            break;
          }
          if (denom <= 0.5 * (vlag[knew] * vlag[knew])) {
            if (ev.nevals > nresc) {
              label = 190;
              break;
            }
            status = "roundoff";
            label = 720;
            break;
          }
        } else {
          const pk = pickKnew(ws, beta, delta, kopt, xopt);
          knew = pk.knew;
          denom = pk.denom;
          if (pk.damaged) {
            if (ev.nevals > nresc) {
              label = 190;
              break;
            }
            status = "roundoff";
            label = 720;
            break;
          }
        }
        label = 360;
        break;
      }
      case 360: {
        for (let i = 1; i <= n; ++i) {
          x[i] = Math.min(Math.max(xl[i], xbase[i] + xnew[i]), xu[i]);
          if (xnew[i] === sl[i]) x[i] = xl[i];
          if (xnew[i] === su[i]) x[i] = xu[i];
        }
        if (ev.evalsExhausted()) {
          status = "maxeval";
          label = 720;
          break;
        }
        f = ev.evaluate(x);
        if (ntrits === -1) {
          // The final short Newton–Raphson step.
          status = "rhoend";
          if (f < fval[kopt]) return { x: x.slice(), f, status };
          label = 720;
          break;
        }

        // Predicted change of F by the model, and the error of that prediction.
        const fopt = fval[kopt];
        let vquad = explicitModelChange(n, d, gopt, hq);
        for (let k = 1; k <= npt; ++k) vquad += 0.5 * pq[k] * (w[npt + k] * w[npt + k]);
        const diff = f - fopt - vquad;
        diffc = diffb;
        diffb = diffa;
        diffa = Math.abs(diff);
        if (dnorm > rho) nfsav = ev.nevals;

        if (ntrits > 0) {
          // Next DELTA after a trust-region step.
          if (vquad >= 0) {
            status = "roundoff";
            label = 720;
            break;
          }
          ratio = (f - fopt) / vquad;
          if (ratio <= 0.1) delta = Math.min(0.5 * delta, dnorm);
          else if (ratio <= 0.7) delta = Math.max(0.5 * delta, dnorm);
          else delta = Math.max(0.5 * delta, dnorm + dnorm);
          if (delta <= rho * 1.5) delta = rho;

          // Recalculate KNEW and DENOM if the new F is less than FOPT.
          if (f < fopt) {
            const ksav = knew;
            const densav = denom;
            const pk = pickKnew(ws, beta, delta, 0, xnew);
            knew = pk.knew;
            denom = pk.denom;
            if (pk.damaged) {
              knew = ksav;
              denom = densav;
            }
          }
        }

        // Update BMAT, ZMAT and the second-derivative terms so that KNEW can move.
        update(n, npt, bmat, zmat, ndim, vlag, beta, denom, knew, w);
        let ih = 0;
        const pqold = pq[knew];
        pq[knew] = 0;
        for (let i = 1; i <= n; ++i) {
          const temp = pqold * xpt[knew + i * npt];
          for (let j = 1; j <= i; ++j) {
            ++ih;
            hq[ih] += temp * xpt[knew + j * npt];
          }
        }
        for (let jj = 1; jj <= nptm; ++jj) {
          const temp = diff * zmat[knew + jj * npt];
          for (let k = 1; k <= npt; ++k) pq[k] += temp * zmat[k + jj * npt];
        }

        // Include the new point; change GOPT at the old XOPT for the model update.
        fval[knew] = f;
        for (let i = 1; i <= n; ++i) {
          xpt[knew + i * npt] = xnew[i];
          w[i] = bmat[knew + i * ndim];
        }
        let singular = false;
        for (let k = 1; k <= npt; ++k) {
          let suma = 0;
          for (let jj = 1; jj <= nptm; ++jj) suma += zmat[knew + jj * npt] * zmat[k + jj * npt];
          if (!Number.isFinite(suma)) {
            // NLopt (S. G. Johnson): singularity after too many iterations.
            singular = true;
            break;
          }
          let sumb = 0;
          for (let j = 1; j <= n; ++j) sumb += xpt[k + j * npt] * xopt[j];
          const temp = suma * sumb;
          for (let i = 1; i <= n; ++i) w[i] += temp * xpt[k + i * npt];
        }
        if (singular) {
          status = "roundoff";
          label = 720;
          break;
        }
        for (let i = 1; i <= n; ++i) gopt[i] += diff * w[i];

        // Update XOPT, GOPT and KOPT if the new F is less than FOPT.
        if (f < fopt) {
          kopt = knew;
          xoptsq = 0;
          ih = 0;
          for (let j = 1; j <= n; ++j) {
            xopt[j] = xnew[j];
            xoptsq += xopt[j] * xopt[j];
            for (let i = 1; i <= j; ++i) {
              ++ih;
              if (i < j) gopt[j] += hq[ih] * d[i];
              gopt[i] += hq[ih] * d[j];
            }
          }
          for (let k = 1; k <= npt; ++k) {
            let temp = 0;
            for (let j = 1; j <= n; ++j) temp += xpt[k + j * npt] * d[j];
            temp *= pq[k];
            for (let i = 1; i <= n; ++i) gopt[i] += temp * xpt[k + i * npt];
          }
          if (ev.ftolReached(f, fopt)) {
            status = "ftol";
            label = 720;
            break;
          }
        }

        // Least Frobenius norm interpolant: replaces the model if its gradient is much
        // smaller three times running.
        if (ntrits > 0) itest = frobeniusTest(ws, kopt, nh, itest);

        if (ntrits === 0 || f <= fopt + 0.1 * vquad) {
          label = 60;
          break;
        }
        distsq = Math.max(2 * delta * (2 * delta), 10 * rho * (10 * rho));
        label = 650;
        break;
      }
      case 650: {
        // Is some interpolation point too far from the best point?
        knew = 0;
        for (let k = 1; k <= npt; ++k) {
          let sum = 0;
          for (let j = 1; j <= n; ++j) {
            const t = xpt[k + j * npt] - xopt[j];
            sum += t * t;
          }
          if (sum > distsq) {
            knew = k;
            distsq = sum;
          }
        }
        if (knew > 0) {
          const dist = Math.sqrt(distsq);
          if (ntrits === -1) {
            delta = Math.min(0.1 * delta, 0.5 * dist);
            if (delta <= rho * 1.5) delta = rho;
          }
          ntrits = 0;
          adelt = Math.max(Math.min(0.1 * dist, delta), rho);
          dsq = adelt * adelt;
          label = 90;
          break;
        }
        if (ntrits === -1) {
          label = 680;
          break;
        }
        if (ratio > 0 || Math.max(delta, dnorm) > rho) {
          label = 60;
          break;
        }
        label = 680;
        break;
      }
      case 680: {
        // Work with the current RHO is complete: next RHO and DELTA, or finish.
        if (rho > rhoend) {
          delta = 0.5 * rho;
          ratio = rho / rhoend;
          if (ratio <= 16) rho = rhoend;
          else if (ratio <= 250) rho = Math.sqrt(ratio) * rhoend;
          else rho = 0.1 * rho;
          delta = Math.max(delta, rho);
          ntrits = 0;
          nfsav = ev.nevals;
          label = 60;
          break;
        }
        // Another Newton–Raphson step if it is too short to have been tried before.
        if (ntrits === -1) {
          label = 360;
          break;
        }
        label = 720;
        break;
      }
      case 720: {
        for (let i = 1; i <= n; ++i) {
          x[i] = Math.min(Math.max(xl[i], xbase[i] + xopt[i]), xu[i]);
          if (xopt[i] === sl[i]) x[i] = xl[i];
          if (xopt[i] === su[i]) x[i] = xu[i];
        }
        return { x: x.slice(), f: fval[kopt], status };
      }
    }
  }
}

/**
 * Moves XBASE to XOPT (label 90 of BOBYQB): revises BMAT, HQ, XPT, SL, SU, XNEW so that the
 * model and Lagrange functions are unchanged; XOPT becomes zero.
 */
function shiftBase(ws: Workspace, xoptsq: number): void {
  const { n, npt, ndim, xbase, xpt, xopt, hq, pq, bmat, zmat, sl, su, xnew, vlag, w } = ws;
  const nptm = npt - n - 1;
  const fracsq = xoptsq * 0.25;
  let sumpq = 0;
  for (let k = 1; k <= npt; ++k) {
    sumpq += pq[k];
    let sum = -0.5 * xoptsq;
    for (let i = 1; i <= n; ++i) sum += xpt[k + i * npt] * xopt[i];
    w[npt + k] = sum;
    const temp = fracsq - 0.5 * sum;
    for (let i = 1; i <= n; ++i) {
      w[i] = bmat[k + i * ndim];
      vlag[i] = sum * xpt[k + i * npt] + temp * xopt[i];
      const ip = npt + i;
      for (let j = 1; j <= i; ++j) {
        bmat[ip + j * ndim] = bmat[ip + j * ndim] + w[i] * vlag[j] + vlag[i] * w[j];
      }
    }
  }

  // Revisions of BMAT that depend on ZMAT.
  for (let jj = 1; jj <= nptm; ++jj) {
    let sumz = 0;
    let sumw = 0;
    for (let k = 1; k <= npt; ++k) {
      sumz += zmat[k + jj * npt];
      vlag[k] = w[npt + k] * zmat[k + jj * npt];
      sumw += vlag[k];
    }
    for (let j = 1; j <= n; ++j) {
      let sum = (fracsq * sumz - 0.5 * sumw) * xopt[j];
      for (let k = 1; k <= npt; ++k) sum += vlag[k] * xpt[k + j * npt];
      w[j] = sum;
      for (let k = 1; k <= npt; ++k) bmat[k + j * ndim] += sum * zmat[k + jj * npt];
    }
    for (let i = 1; i <= n; ++i) {
      const ip = i + npt;
      const temp = w[i];
      for (let j = 1; j <= i; ++j) bmat[ip + j * ndim] += temp * w[j];
    }
  }

  // Complete the shift, including the second-derivative parameters of the model.
  let ih = 0;
  for (let j = 1; j <= n; ++j) {
    w[j] = -0.5 * sumpq * xopt[j];
    for (let k = 1; k <= npt; ++k) {
      w[j] += pq[k] * xpt[k + j * npt];
      xpt[k + j * npt] -= xopt[j];
    }
    for (let i = 1; i <= j; ++i) {
      ++ih;
      hq[ih] = hq[ih] + w[i] * xopt[j] + xopt[i] * w[j];
      bmat[npt + i + j * ndim] = bmat[npt + j + i * ndim];
    }
  }
  for (let i = 1; i <= n; ++i) {
    xbase[i] += xopt[i];
    xnew[i] -= xopt[i];
    sl[i] -= xopt[i];
    su[i] -= xopt[i];
    xopt[i] = 0;
  }
}

/**
 * Least Frobenius norm interpolant to the current data; its gradient at XOPT goes into
 * VLAG(NPT+I). If its (bound-projected) gradient is much smaller than the model's three times
 * running, the model is replaced by it. Returns the new ITEST.
 */
function frobeniusTest(ws: Workspace, kopt: number, nh: number, itestIn: number): number {
  const { n, npt, ndim, xpt, fval, xopt, gopt, hq, pq, bmat, zmat, sl, su, vlag, w } = ws;
  const nptm = npt - n - 1;
  let itest = itestIn;
  for (let k = 1; k <= npt; ++k) {
    vlag[k] = fval[k] - fval[kopt];
    w[k] = 0;
  }
  for (let j = 1; j <= nptm; ++j) {
    let sum = 0;
    for (let k = 1; k <= npt; ++k) sum += zmat[k + j * npt] * vlag[k];
    for (let k = 1; k <= npt; ++k) w[k] += sum * zmat[k + j * npt];
  }
  for (let k = 1; k <= npt; ++k) {
    let sum = 0;
    for (let j = 1; j <= n; ++j) sum += xpt[k + j * npt] * xopt[j];
    w[k + npt] = w[k];
    w[k] = sum * w[k];
  }
  let gqsq = 0;
  let gisq = 0;
  for (let i = 1; i <= n; ++i) {
    let sum = 0;
    for (let k = 1; k <= npt; ++k) sum = sum + bmat[k + i * ndim] * vlag[k] + xpt[k + i * npt] * w[k];
    if (xopt[i] === sl[i]) {
      gqsq += sq(Math.min(0, gopt[i]));
      gisq += sq(Math.min(0, sum));
    } else if (xopt[i] === su[i]) {
      gqsq += sq(Math.max(0, gopt[i]));
      gisq += sq(Math.max(0, sum));
    } else {
      gqsq += gopt[i] * gopt[i];
      gisq += sum * sum;
    }
    vlag[npt + i] = sum;
  }
  ++itest;
  if (gqsq < 10 * gisq) itest = 0;
  if (itest >= 3) {
    for (let i = 1; i <= Math.max(npt, nh); ++i) {
      if (i <= n) gopt[i] = vlag[npt + i];
      if (i <= npt) pq[i] = w[npt + i];
      if (i <= nh) hq[i] = 0;
      itest = 0;
    }
  }
  return itest;
}
