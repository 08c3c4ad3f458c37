/**
 * lme4's adaptive Gauss–Hermite deviance for a model with a single scalar random-effect term
 * (lme4 src/external.cpp glmerAGQ), at the conditional modes û that PIRLS has just found:
 * with devcᵢ(u) = uᵢ² + Σ_{rows of level i} devres (the level's penalized deviance) and
 * sdᵢ = 1/L_ii, mᵢ = Σ_k w_k exp(−½(devcᵢ(ûᵢ + z_k sdᵢ) − devcᵢ(ûᵢ)) − log φ(z_k)) / √(2π), and
 * the deviance is Σᵢ devcᵢ(û) + log|L|² − 2 Σᵢ log mᵢ. As in lme4 it is built on deviance
 * residuals, so −2·logLik of an nAGQ > 1 fit is not on the Laplace fit's scale.
 */
import { FAILED_OBJECTIVE } from "../lmm/problem";
import { gaussHermite } from "./gauss-hermite";
import type { GlmmProblem } from "./problem";

export function agqDeviance(problem: GlmmProblem, nAGQ: number): number {
  const { n, family, y, wt, terms, mu, eta } = problem;
  const term = terms[0];
  const nl = term.nl;
  const lev = term.levelOfRow;
  const D = problem.factorU.diagL[0];
  const devc0 = new Float64Array(nl);
  const devc = new Float64Array(nl);
  const mult = new Float64Array(nl);
  const u0 = problem.u.slice();
  const perLevel = (out: Float64Array, u: Float64Array) => {
    for (let l = 0; l < nl; l++) out[l] = u[l] * u[l];
    for (let r = 0; r < n; r++) out[lev[r]] += family.devResid(y[r], mu[r], wt[r]);
  };
  perLevel(devc0, u0);
  const rule = gaussHermite(nAGQ);
  const uk = new Float64Array(nl);
  const sqrt2pi = Math.sqrt(2 * Math.PI);
  for (let i = 0; i < rule.z.length; i++) {
    const zk = rule.z[i];
    if (zk === 0) {
      // exp(0 − log φ(0)) / √(2π) = 1
      for (let l = 0; l < nl; l++) mult[l] += rule.w[i];
      continue;
    }
    for (let l = 0; l < nl; l++) uk[l] = u0[l] + zk / D[l];
    problem.linPred(uk, eta);
    problem.updateMu();
    perLevel(devc, uk);
    const ldnorm = -0.5 * zk * zk - Math.log(sqrt2pi);
    for (let l = 0; l < nl; l++) mult[l] += (Math.exp(-0.5 * (devc[l] - devc0[l]) - ldnorm) * rule.w[i]) / sqrt2pi;
  }
  problem.linPred(u0, eta);
  problem.updateMu();
  let v = problem.factorU.ldL2();
  for (let l = 0; l < nl; l++) v += devc0[l] - 2 * Math.log(mult[l]);
  return Number.isFinite(v) ? v : FAILED_OBJECTIVE;
}
