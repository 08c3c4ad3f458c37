/**
 * Fits a linear mixed model with a residual correlation structure and/or unequal residual
 * variances, as nlme::lme(fixed, random, correlation = corAR1/corCAR1/corCompSymm,
 * weights = varIdent): minimises the profiled criterion of objective.ts over
 * [θ, correlation, log variance ratios] with BOBYQA (θ diagonals ≥ 0; the others unconstrained,
 * as nlme's nlminb works on unconstrained parameters), then reports what summary(),
 * intervals() and anova(type = "marginal") report.
 */
import { bobyqa } from "../../optim";
import { pseudoInverseSymmetric } from "../../numderiv";
import { pf, pt, qnorm } from "../../stats";
import type { ModelFrame } from "../model-frame";
import { conditionalResults } from "./conditional";
import { containmentDf } from "./containment-df";
import type { ResidualLayout } from "./layout";
import { ResidualObjective, thetaTemplate } from "./objective";
import type { CorrelationKind, MarginalF, NlmeVarCorr, ResidualStructureFit, ResidualStructureSpec, VarianceRatio } from "./types";

export interface ResidualFitOptions {
  readonly reml: boolean;
  readonly formula: string;
  readonly structure: ResidualStructureSpec;
  readonly groupName: string;
  readonly onProgress?: (p: { evaluations: number; objective: number }) => void;
  readonly signal?: { cancelled: boolean };
}

export function fitResidualStructure(frame: ModelFrame, layout: ResidualLayout, options: ResidualFitOptions): ResidualStructureFit {
  const kind: CorrelationKind | null = options.structure.correlation ?? null;
  const template = thetaTemplate(frame.random);
  const objective = new ResidualObjective(layout, template, kind, options.structure.varianceBy !== undefined, options.reml);
  const size = objective.size;
  const x0 = new Float64Array(size);
  const lower = new Float64Array(size).fill(-Infinity);
  const upper = new Float64Array(size).fill(Infinity);
  for (let t = 0; t < objective.nTheta; ++t) {
    const diagonal = template.rows[t] === template.cols[t];
    x0[t] = diagonal ? 1 : 0;
    if (diagonal) lower[t] = 0;
  }
  if (kind) {
    x0[objective.nTheta] = objective.unconstrainedOf(kind === "car1" ? 0.2 : 0);
    lower[objective.nTheta] = -30;
    upper[objective.nTheta] = 30;
  }
  for (let k = objective.nTheta + (kind ? 1 : 0); k < size; ++k) {
    lower[k] = -30;
    upper[k] = 30;
  }
  const result = bobyqa((x) => objective.deviance(x), x0, {
    lower, upper,
    rhobeg: 0.5,
    rhoend: 1e-9,
    ftolAbs: 1e-12,
    xtolAbs: 1e-10,
    maxEval: 20_000,
    onEval: (_x, f, evaluations) => {
      if (options.signal?.cancelled) throw new Error("cancelled");
      if (evaluations % 10 === 0) options.onProgress?.({ evaluations, objective: f });
    },
  });
  return summarise(frame, layout, objective, result.x, result, options);
}

function summarise(
  frame: ModelFrame,
  layout: ResidualLayout,
  objective: ResidualObjective,
  x: Float64Array,
  result: { evaluations: number; converged: boolean },
  options: ResidualFitOptions,
): ResidualStructureFit {
  const { n, p } = layout;
  const r = p + 1;
  const e = objective.evaluate(x);
  const LS = e.LS;
  const sigma2 = e.pwrss / (options.reml ? n - p : n);
  const sigma = Math.sqrt(sigma2);
  // nlme scales Var(β̂) by pwrss/(n − p) also for ML fits (its varFix), so its SEs and tests do.
  const varScale = e.pwrss / (n - p);
  // β: L_Xᵀ β = l_y; Var(β) = σ² (L_X L_Xᵀ)⁻¹
  const ly = Float64Array.from({ length: p }, (_, i) => LS[p + i * r]);
  const beta = solveUpper(LS, r, p, ly);
  const Linv = new Float64Array(p * p);
  for (let c = 0; c < p; ++c) {
    for (let i = c; i < p; ++i) {
      let v = i === c ? 1 : 0;
      for (let a = c; a < i; ++a) v -= LS[i + a * r] * Linv[a + c * p];
      Linv[i + c * p] = v / LS[i + i * r];
    }
  }
  const vcov = new Float64Array(p * p);
  for (let i = 0; i < p; ++i) {
    for (let j = 0; j < p; ++j) {
      let s = 0;
      for (let a = Math.max(i, j); a < p; ++a) s += Linv[a + i * p] * Linv[a + j * p];
      vcov[i + j * p] = varScale * s;
    }
  }
  const fixed = frame.fixed;
  const df = containmentDf((s, j) => layout.data[s * layout.m + layout.q + j], p, layout.groupStart, fixed.assign, fixed.termLabels.length);
  const fixef = fixed.names.map((term, j) => {
    const se = Math.sqrt(vcov[j + j * p]);
    const statistic = beta[j] / se;
    return { term, estimate: beta[j], se, df: df.columns[j], statistic, p: 2 * pt(-Math.abs(statistic), df.columns[j]) };
  });
  const logLik = -e.deviance / 2;
  const npar = p + objective.size + 1;
  const nobsBic = options.reml ? n - p : n;
  const intervals = approximateIntervals(objective, x);
  const conditional = conditionalResults(frame, layout, objective, x, beta, sigma);
  return {
    kind: "residual-structure",
    formula: options.formula,
    method: options.reml ? "REML" : "ML",
    nobs: n,
    ngroups: { [options.groupName]: layout.groupStart.length - 1 },
    structure: options.structure,
    fixef,
    varcorr: randomVarCorr(frame, objective, x, sigma, options.groupName),
    sigma,
    correlation: intervals.correlation,
    varianceReference: options.structure.varianceBy ? layout.strata[0] : null,
    varianceRatios: intervals.ratios,
    logLik,
    df: npar,
    AIC: -2 * logLik + 2 * npar,
    BIC: -2 * logLik + Math.log(nobsBic) * npar,
    anova: marginalAnova(fixed.termLabels, fixed.assign, beta, vcov, df.terms),
    vcov,
    beta,
    fixedDesign: fixed,
    ranef: conditional.ranef,
    rows: conditional.rows,
    converged: result.converged,
    evaluations: result.evaluations,
    warnings: intervals.warning ? [intervals.warning] : [],
  };
}

function solveUpper(LS: Float64Array, r: number, p: number, rhs: Float64Array): Float64Array {
  const beta = Float64Array.from(rhs);
  for (let i = p - 1; i >= 0; --i) {
    let v = beta[i];
    for (let a = i + 1; a < p; ++a) v -= LS[a + i * r] * beta[a];
    beta[i] = v / LS[i + i * r];
  }
  return beta;
}

/** Σ = σ² ΛθΛθᵀ, as SDs and correlations per term (nlme's VarCorr). */
function randomVarCorr(frame: ModelFrame, objective: ResidualObjective, x: Float64Array, sigma: number, group: string): NlmeVarCorr[] {
  const { q, rows, cols } = objective.template;
  const lambda = new Float64Array(q * q);
  for (let t = 0; t < objective.nTheta; ++t) lambda[rows[t] + cols[t] * q] = x[t];
  const cov = (i: number, j: number): number => {
    let s = 0;
    for (let a = 0; a < q; ++a) s += lambda[i + a * q] * lambda[j + a * q];
    return s * sigma * sigma;
  };
  const out: NlmeVarCorr[] = [];
  let offset = 0;
  for (const term of frame.random) {
    for (let i = 0; i < term.k; ++i) {
      out.push({ group, name1: term.effectNames[i], name2: null, kind: "sd", value: Math.sqrt(cov(offset + i, offset + i)) });
    }
    for (let j = 0; j < term.k; ++j) {
      for (let i = j + 1; i < term.k; ++i) {
        const a = offset + i;
        const b = offset + j;
        const denom = Math.sqrt(cov(a, a) * cov(b, b));
        out.push({ group, name1: term.effectNames[i], name2: term.effectNames[j], kind: "correlation", value: denom > 0 ? cov(a, b) / denom : NaN });
      }
    }
    offset += term.k;
  }
  out.push({ group: "Residual", name1: null, name2: null, kind: "sd", value: sigma });
  return out;
}

/**
 * intervals()'s limits for the correlation parameter and the variance ratios (nlme's apVar):
 * the inverse Hessian of −½·criterion on the unconstrained scale gives a normal interval there,
 * mapped back. Profiling σ out leaves these blocks of the inverse unchanged at the optimum.
 */
function approximateIntervals(
  objective: ResidualObjective,
  x: Float64Array,
): { correlation: ResidualStructureFit["correlation"]; ratios: VarianceRatio[]; warning: string | null } {
  const first = objective.nTheta;
  const size = objective.size;
  const z = qnorm(0.975);
  let variances: Float64Array | null = null;
  let warning: string | null = null;
  if (size > first) {
    const H = centralHessian((v) => objective.deviance(v), x);
    const inv = pseudoInverseSymmetric(H);
    variances = new Float64Array(size);
    for (let k = 0; k < size; ++k) variances[k] = 2 * inv.inverse.data[k + k * size];
    if (![...variances].slice(first).every((v) => v > 0)) {
      warning = "The approximate covariance of the variance parameters is not positive definite; their intervals are not shown.";
    }
  }
  const interval = (k: number, map: (u: number) => number): [number, number, number] => {
    const se = variances && variances[k] > 0 ? Math.sqrt(variances[k]) : NaN;
    return [map(x[k]), map(x[k] - z * se), map(x[k] + z * se)];
  };
  let correlation: ResidualStructureFit["correlation"] = null;
  if (objective.kind) {
    const [parameter, lower, upper] = interval(first, (u) => objective.correlationOf(u));
    correlation = { structure: objective.kind, parameter, lower, upper };
  }
  const ratios: VarianceRatio[] = [];
  const start = first + (objective.kind ? 1 : 0);
  for (let k = 0; k < objective.nRatios; ++k) {
    const [ratio, lower, upper] = interval(start + k, Math.exp);
    ratios.push({ level: objective.layout.strata[k + 1], ratio, lower, upper });
  }
  return { correlation, ratios, warning };
}

/**
 * Hessian by central differences with steps 1e-3·max(1, |x_i|): 1 + 2n + 2n(n − 1) evaluations,
 * truncation error O(h²) ≈ 1e-6 relative, ample for interval limits (nlme's own fdHess is coarser).
 */
function centralHessian(f: (x: Float64Array) => number, x0: Float64Array): { rows: number; cols: number; data: Float64Array } {
  const n = x0.length;
  const h = Float64Array.from(x0, (v) => 1e-3 * Math.max(1, Math.abs(v)));
  const x = Float64Array.from(x0);
  const at = (i: number, di: number, j = -1, dj = 0): number => {
    x[i] += di * h[i];
    if (j >= 0) x[j] += dj * h[j];
    const v = f(x);
    x.set(x0);
    return v;
  };
  const f0 = f(x);
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; ++i) {
    data[i + i * n] = (at(i, 1) - 2 * f0 + at(i, -1)) / (h[i] * h[i]);
    for (let j = 0; j < i; ++j) {
      const v = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h[i] * h[j]);
      data[i + j * n] = v;
      data[j + i * n] = v;
    }
  }
  return { rows: n, cols: n, data };
}

/** anova(m, type = "marginal"): Wald F of each term's coefficients, containment denominator df. */
function marginalAnova(labels: readonly string[], assign: Int32Array, beta: Float64Array, vcov: Float64Array, termDf: Float64Array): MarginalF[] {
  const p = beta.length;
  return labels.map((term, t) => {
    const idx: number[] = [];
    for (let j = 0; j < p; ++j) if (assign[j] === t) idx.push(j);
    const k = idx.length;
    const V = new Float64Array(k * k);
    for (let a = 0; a < k; ++a) for (let b = 0; b < k; ++b) V[a + b * k] = vcov[idx[a] + idx[b] * p];
    const ok = k > 0 && choleskyLower(V, k);
    let quad = 0;
    if (ok) {
      // solve L w = β_t; quad = ‖w‖²
      const w = new Float64Array(k);
      for (let i = 0; i < k; ++i) {
        let v = beta[idx[i]];
        for (let a = 0; a < i; ++a) v -= V[i + a * k] * w[a];
        w[i] = v / V[i + i * k];
        quad += w[i] * w[i];
      }
    }
    const F = ok ? quad / k : NaN;
    return { term, numDF: k, denDF: termDf[t], F, p: pf(F, k, termDf[t], false) };
  }).filter((row) => row.numDF > 0);
}

function choleskyLower(A: Float64Array, k: number): boolean {
  for (let j = 0; j < k; ++j) {
    let d = A[j + j * k];
    for (let a = 0; a < j; ++a) d -= A[j + a * k] ** 2;
    if (!(d > 0)) return false;
    const l = Math.sqrt(d);
    A[j + j * k] = l;
    for (let i = j + 1; i < k; ++i) {
      let v = A[i + j * k];
      for (let a = 0; a < j; ++a) v -= A[i + a * k] * A[j + a * k];
      A[i + j * k] = v / l;
    }
  }
  return true;
}
