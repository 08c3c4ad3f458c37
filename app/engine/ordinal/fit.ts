/**
 * Fitting a cumulative link mixed model as ordinal::clmm (Christensen 2019, "Cumulative link
 * models for ordinal regression with the R package ordinal"; R/clmm.R clmm.fit.env, R/clmm.ssr.R
 * clmm.fit.ssr, R/derivatives.R deriv12).
 *
 * Parameters as clmm: flexible thresholds α, fixed effects β (no intercept), and per random term
 * the lower-triangular ST (diagonal ≥ 0) with Var(b) = ST·STᵀ. clmm minimises the Laplace (or
 * AGQ) negative log-likelihood with nlminb from clm's estimates and ST = I; we minimise the same
 * function with BOBYQA (bounds on the diagonal of ST) from threshold starts at the marginal
 * cumulative proportions, then polish with one Newton step on the central-difference gradient and
 * Hessian. The standard errors come, as clmm's, from the inverse of the central-difference
 * Hessian (deriv12, step 1e-4) of −logLik, taken for a single scalar random intercept over
 * (α, β, log SD) as clmm.ssr does and otherwise over (α, β, ST) without ST diagonals below 1e-3
 * (clmm's paratBoundary2). The (α, β) block does not depend on how the variance parameters are
 * written at an interior optimum.
 */
import { MixwellError } from "../../errors";
import { bobyqa } from "../../optim";
import { pnorm } from "../../stats";
import { gaussHermite } from "../glmm/gauss-hermite";
import { cumulativeLink, type OrdinalLink } from "./links";
import { OrdinalProblem } from "./problem";
import type { OrdinalCoefficient, OrdinalData, OrdinalFitResult, OrdinalVarCorr } from "./types";

export interface OrdinalFitOptions {
  readonly link?: OrdinalLink;
  /** 1 (default): Laplace; > 1: adaptive Gauss–Hermite with that many points (one scalar random intercept only). */
  readonly nAGQ?: number;
  /** Outcome levels in order (J of them). */
  readonly levels: readonly string[];
  /** Names of X's columns. */
  readonly fixedNames: readonly string[];
  readonly onProgress?: (p: { evaluations: number; objective: number }) => void;
  readonly signal?: { cancelled: boolean };
}

const LARGE = 1e100;
const HESSIAN_STEP = 1e-4;

/** Parameter vector layout: [α, β, per term diag(ST) then its strict lower triangle by columns]. */
function stFromPar(data: OrdinalData, par: ArrayLike<number>): Float64Array[] {
  let at = data.nThresholds + data.p;
  return data.terms.map((t) => {
    const st = new Float64Array(t.k * t.k);
    for (let a = 0; a < t.k; a++) st[a * t.k + a] = par[at++];
    for (let c = 0; c < t.k; c++) for (let r = c + 1; r < t.k; r++) st[c * t.k + r] = par[at++];
    return st;
  });
}

function diagonalMask(data: OrdinalData): boolean[] {
  const mask: boolean[] = new Array(data.nThresholds + data.p).fill(false);
  for (const t of data.terms) {
    for (let a = 0; a < t.k; a++) mask.push(true);
    for (let a = 0; a < (t.k * (t.k - 1)) / 2; a++) mask.push(false);
  }
  return mask;
}

function startingValues(data: OrdinalData, link: ReturnType<typeof cumulativeLink>): Float64Array {
  const J = data.nThresholds + 1;
  const counts = new Float64Array(J);
  for (let i = 0; i < data.n; i++) counts[data.y[i]] += data.weights ? data.weights[i] : 1;
  const total = counts.reduce((a, b) => a + b, 0);
  const par: number[] = [];
  let cum = 0;
  for (let j = 0; j < J - 1; j++) {
    cum += counts[j];
    par.push(link.quantile(cum / total));
  }
  for (let j = 0; j < data.p; j++) par.push(0);
  for (const t of data.terms) {
    for (let a = 0; a < t.k; a++) par.push(1);
    for (let a = 0; a < (t.k * (t.k - 1)) / 2; a++) par.push(0);
  }
  return Float64Array.from(par);
}

/** deriv12: central-difference gradient and Hessian with step δ. */
function deriv12(f: (x: Float64Array) => number, x: Float64Array, delta: number): { g: Float64Array; H: Float64Array; fx: number } {
  const m = x.length;
  const fx = f(x);
  const g = new Float64Array(m);
  const H = new Float64Array(m * m);
  const at = (changes: [number, number][]): number => {
    const y = Float64Array.from(x);
    for (const [j, d] of changes) y[j] += d;
    return f(y);
  };
  for (let j = 0; j < m; j++) {
    const fa = at([[j, delta]]);
    const fs = at([[j, -delta]]);
    H[j * m + j] = (fa - 2 * fx + fs) / (delta * delta);
    g[j] = (fa - fs) / (2 * delta);
    for (let i = 0; i < j; i++) {
      const v =
        (at([[i, delta], [j, delta]]) - at([[i, delta], [j, -delta]]) - at([[i, -delta], [j, delta]]) + at([[i, -delta], [j, -delta]])) /
        (4 * delta * delta);
      H[i * m + j] = v;
      H[j * m + i] = v;
    }
  }
  return { g, H, fx };
}

/** Inverse of a symmetric positive definite matrix by Cholesky; null if it is not positive definite. */
function invertSpd(A: Float64Array, m: number): Float64Array | null {
  const L = Float64Array.from(A);
  for (let j = 0; j < m; j++) {
    let d = L[j * m + j];
    for (let k = 0; k < j; k++) d -= L[k * m + j] ** 2;
    if (!(d > 0)) return null;
    d = Math.sqrt(d);
    L[j * m + j] = d;
    for (let i = j + 1; i < m; i++) {
      let s = L[j * m + i];
      for (let k = 0; k < j; k++) s -= L[k * m + i] * L[k * m + j];
      L[j * m + i] = s / d;
    }
  }
  const inv = new Float64Array(m * m);
  const col = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    col.fill(0);
    col[c] = 1;
    for (let i = 0; i < m; i++) {
      let s = col[i];
      for (let k = 0; k < i; k++) s -= L[k * m + i] * col[k];
      col[i] = s / L[i * m + i];
    }
    for (let i = m - 1; i >= 0; i--) {
      let s = col[i];
      for (let k = i + 1; k < m; k++) s -= L[i * m + k] * col[k];
      col[i] = s / L[i * m + i];
    }
    for (let i = 0; i < m; i++) inv[c * m + i] = col[i];
  }
  return inv;
}

function eigenCondition(H: Float64Array, m: number): number {
  // Power iteration bounds are enough for a diagnostic: λmax by power iteration, λmin from the inverse.
  const inv = invertSpd(H, m);
  if (!inv) return Infinity;
  const power = (A: Float64Array): number => {
    let v = new Float64Array(m).fill(1 / Math.sqrt(m));
    let lambda = 0;
    for (let it = 0; it < 200; it++) {
      const w = new Float64Array(m);
      for (let c = 0; c < m; c++) for (let r = 0; r < m; r++) w[r] += A[c * m + r] * v[c];
      const norm = Math.hypot(...w);
      if (norm === 0) return 0;
      lambda = norm;
      v = w.map((x) => x / norm);
    }
    return lambda;
  };
  return power(H) * power(inv);
}

/** Fits the model; see the module comment. */
export function fitOrdinal(data: OrdinalData, options: OrdinalFitOptions): OrdinalFitResult {
  const linkName = options.link ?? "logit";
  const link = cumulativeLink(linkName);
  const nAGQ = Math.round(options.nAGQ ?? 1);
  const ssr = data.terms.length === 1 && data.terms[0].k === 1;
  if (nAGQ > 1 && !ssr) {
    throw new MixwellError("Adaptive Gauss–Hermite quadrature (nAGQ > 1) needs a single random intercept such as (1 | subject); use nAGQ = 1 (Laplace) for this model.");
  }
  if (nAGQ < 1) throw new MixwellError("nAGQ must be 1 (Laplace) or more (adaptive Gauss–Hermite points).");
  const problem = new OrdinalProblem(data, link);
  const rule = nAGQ > 1 ? gaussHermite(nAGQ) : null;
  let evaluations = 0;
  const nll = (par: ArrayLike<number>): number => {
    if (options.signal?.cancelled) throw new MixwellError("The fit was cancelled.");
    problem.setParameters(par, stFromPar(data, par));
    const v = rule ? problem.agqNll(rule.z, rule.w) : problem.laplaceNll();
    evaluations++;
    return Number.isFinite(v) ? v : LARGE;
  };
  const mask = diagonalMask(data);
  const x0 = startingValues(data, link);
  const lower = mask.map((d) => (d ? 0 : -Infinity));
  const upper = mask.map(() => Infinity);
  const opt = bobyqa(nll, x0, {
    lower,
    upper,
    rhobeg: 0.2,
    rhoend: 1e-7,
    maxEval: 50_000,
    onEval: (_x, f, e) => options.onProgress?.({ evaluations: e, objective: f }),
  });
  let par: Float64Array = Float64Array.from(opt.x);
  let fbest = opt.fval;
  if (fbest >= LARGE) throw new MixwellError("The ordinal model could not be fitted: the likelihood is zero at every parameter value tried.");

  // Hessian parametrisation: clmm.ssr's log SD, or ST without boundary diagonals.
  const nFixed = data.nThresholds + data.p;
  const keep = mask.map((d, j) => !(d && par[j] < 1e-3));
  const toH = (p: Float64Array): Float64Array => {
    const h = Float64Array.from(p.filter((_, j) => keep[j]));
    if (ssr && keep[nFixed]) h[nFixed] = Math.log(p[nFixed]);
    return h;
  };
  const fromH = (h: Float64Array): Float64Array => {
    const p = Float64Array.from(par);
    let c = 0;
    for (let j = 0; j < p.length; j++) if (keep[j]) p[j] = h[c++];
    if (ssr && keep[nFixed]) p[nFixed] = Math.exp(h[nFixed]);
    return p;
  };
  // Each Hessian evaluation starts its Newton iterations from the same modes, so that the
  // differences see the likelihood and not the path the modes took.
  nll(par);
  const uOpt = Float64Array.from(problem.u);
  const fH = (h: Float64Array): number => {
    problem.u.set(uOpt);
    return nll(fromH(h));
  };
  // One Newton step on the central differences polishes BOBYQA's optimum (its remaining error is
  // far below the step that the differences resolve); the Hessian is recomputed only if the step
  // moved the parameters by more than its differences' resolution would ignore.
  let d = deriv12(fH, toH(par), HESSIAN_STEP);
  const m = d.g.length;
  const inv = invertSpd(d.H, m);
  if (inv) {
    const h = toH(par);
    let stepSize = 0;
    for (let r = 0; r < m; r++) {
      let s = 0;
      for (let c = 0; c < m; c++) s += inv[c * m + r] * d.g[c];
      h[r] -= s;
      stepSize = Math.max(stepSize, Math.abs(s));
    }
    const candidate = fromH(h);
    const fc = mask.some((dg, j) => dg && candidate[j] < 0) ? Infinity : nll(candidate);
    if (fc <= fbest) {
      par = candidate;
      fbest = fc;
      uOpt.set(problem.u);
      if (stepSize > 1e-6) d = deriv12(fH, toH(par), HESSIAN_STEP);
    }
  }
  const fitEvaluations = evaluations;
  // The modes and their Hessian at the final parameters (the differences above moved them).
  problem.u.set(uOpt);
  nll(par);
  const st = stFromPar(data, par);
  const effects = problem.randomEffects(st);
  const ranef = data.terms.map((t, ti) => ({ group: t.group, effectNames: t.effectNames, nlev: t.nlev, values: effects.values[ti], condVar: effects.condVar[ti] }));
  return { ...buildResult(data, options, linkName, nAGQ, par, fbest, d, fitEvaluations, opt.converged), ranef };
}

function buildResult(
  data: OrdinalData,
  options: OrdinalFitOptions,
  linkName: OrdinalLink,
  nAGQ: number,
  par: Float64Array,
  fbest: number,
  d: { g: Float64Array; H: Float64Array },
  evaluations: number,
  converged: boolean,
): Omit<OrdinalFitResult, "ranef"> {
  const m = d.g.length;
  const nFixed = data.nThresholds + data.p;
  const inv = invertSpd(d.H, m);
  const warnings: string[] = [];
  if (!inv) warnings.push("The Hessian of the log-likelihood is not positive definite, so standard errors are not available; the model may be too complex for the data.");
  const vcov = new Float64Array(nFixed * nFixed);
  for (let c = 0; c < nFixed; c++) for (let r = 0; r < nFixed; r++) vcov[c * nFixed + r] = inv ? inv[c * m + r] : NaN;
  const coefficient = (j: number, name: string): OrdinalCoefficient => {
    const se = Math.sqrt(vcov[j * nFixed + j]);
    const statistic = par[j] / se;
    return { name, estimate: par[j], se, statistic, p: 2 * pnorm(-Math.abs(statistic)) };
  };
  const lv = options.levels;
  const thresholds = Array.from({ length: data.nThresholds }, (_, j) => coefficient(j, `${lv[j]}|${lv[j + 1]}`));
  const fixef = options.fixedNames.map((name, j) => coefficient(data.nThresholds + j, name));
  const st = stFromPar(data, par);
  const varcorr: OrdinalVarCorr[] = [];
  let singular = false;
  data.terms.forEach((t, ti) => {
    const S = st[ti];
    const V = (a: number, b: number): number => {
      let s = 0;
      for (let c = 0; c <= Math.min(a, b); c++) s += S[c * t.k + a] * S[c * t.k + b];
      return s;
    };
    for (let a = 0; a < t.k; a++) {
      if (S[a * t.k + a] < 1e-4) singular = true;
      varcorr.push({ group: t.group, name1: t.effectNames[a], name2: null, kind: "variance", value: V(a, a), sd: Math.sqrt(V(a, a)) });
    }
    for (let a = 0; a < t.k; a++) {
      for (let b = a + 1; b < t.k; b++) {
        const r = V(a, b) / Math.sqrt(V(a, a) * V(b, b));
        varcorr.push({ group: t.group, name1: t.effectNames[a], name2: t.effectNames[b], kind: "correlation", value: Number.isFinite(r) ? r : 0, sd: null });
      }
    }
  });
  const df = par.length;
  const logLik = -fbest;
  const maxGrad = d.g.reduce((a, g) => Math.max(a, Math.abs(g)), 0);
  if (singular) warnings.push("A random-effect standard deviation is estimated at (or near) zero: the fit is singular.");
  const ngroups: Record<string, number> = {};
  for (const t of data.terms) ngroups[t.group] = t.nlev;
  const nobs = data.weights ? data.weights.reduce((a, w) => a + w, 0) : data.n;
  return {
    link: linkName,
    nAGQ,
    levels: lv,
    thresholds,
    fixef,
    varcorr,
    logLik,
    df,
    AIC: -2 * logLik + 2 * df,
    nobs,
    ngroups,
    vcov,
    maxGrad,
    condH: inv ? eigenCondition(d.H, m) : Infinity,
    evaluations,
    converged,
    singular,
    warnings,
  };
}
