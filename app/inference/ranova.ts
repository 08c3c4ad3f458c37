/**
 * Likelihood-ratio tests of the random-effect terms, as lmerTest's `ranova(model)` (Kuznetsova,
 * Brockhoff & Christensen 2017, JSS 82(13); lmerTest's R/ranova.R, `get_newforms`, `mk_LRtab`).
 *
 * For each random-effect term (after lme4's expansion of `||` and `/`, as `findbars`):
 * - a term with effects beyond the intercept is reduced, one droppable effect at a time (R's
 *   `drop.scope`, which keeps marginality): `(Days | Subject)` → `(1 | Subject)`, row
 *   "Days in (Days | Subject)"; `(a + b | g)` → `(b | g)` and `(a | g)`;
 * - an intercept-only term is removed: row "(1 | Subject)".
 * Each reduced model is refitted by the same criterion as the model (REML fits compare REML
 * log-likelihoods, as ranova does); a model left without random effects is a linear model whose
 * (REML) log-likelihood is R's `logLik.lm(REML = )`. LRT = 2 (logLik − logLik_reduced), df = the
 * change in the number of parameters, p from χ²(df).
 */
import { MixwellError } from "../errors";
import type { DataTable } from "../data/column";
import { expandFormula, parseFormula, termLabel, type ModelTerms, type RandomTermSpec } from "../formula";
import { formatExpression, formatTerms, type TermNode } from "../formula";
import { buildModelFrame, type ModelFrame } from "../engine/model-frame";
import { fitLmm } from "../engine/lmm";
import type { LmmFit } from "../engine/lmm/types";
import { pchisq } from "../stats";

/** One row of ranova's table; the first row ("<none>") is the model itself. */
export interface RanovaRow {
  readonly term: string;
  readonly npar: number;
  readonly logLik: number;
  readonly AIC: number;
  /** null on the "<none>" row. */
  readonly LRT: number | null;
  readonly df: number | null;
  readonly p: number | null;
}

export interface RanovaOptions {
  readonly categorical?: readonly string[];
  readonly contrasts?: "treatment" | "sum";
  readonly weights?: string;
  readonly signal?: { cancelled: boolean };
}

/** A reduced model: its row name and its formula (null when no random effect is left). */
export interface ReducedModel {
  readonly term: string;
  readonly formula: string | null;
}

/** The reduced models of ranova (reduce.terms = TRUE), in lmerTest's order. */
export function ranovaModels(formulaText: string): ReducedModel[] {
  const parsed = parseFormula(formulaText);
  const expanded = expandFormula(parsed);
  const lhs = expanded.response.kind === "expression" ? formatExpression(expanded.response.expr) : null;
  if (lhs === null) throw new MixwellError("Random-effect tests apply to linear mixed models with one numeric outcome.");
  const fixed = fixedText(expanded.fixed);
  const named = barsOf(parsed.rhs).flatMap((bar) => {
    const specs = expandFormula(parseFormula(`${lhs} ~ ${formatTerms(bar)}`)).random;
    // findbars deparses a term as written, except that `||` is already split into `(0 + x | g)`.
    return specs.map((spec) => ({ spec, name: bar.uncorrelated ? barText(spec) : `(${formatTerms(bar.effects)} | ${spec.groupName})` }));
  });
  const bars = named.map(({ spec }) => barText(spec));
  const models: ReducedModel[] = [];
  named.forEach(({ spec, name }, i) => {
    const others = bars.filter((_, j) => j !== i);
    const formula = (extra: string[]): string | null => {
      // R's update.formula keeps one copy of a repeated term: `(1 | g) + (1 | g)` is `(1 | g)`.
      const all = [...new Set([...others, ...extra])];
      return all.length === 0 ? null : `${lhs} ~ ${[fixed, ...all].join(" + ")}`;
    };
    const scope = dropScope(spec.effects);
    if (scope.length === 0) {
      models.push({ term: name, formula: formula([]) });
      return;
    }
    for (const s of scope) {
      const rest = spec.effects.terms.filter((t) => t !== s);
      const newLhs = rest.length === 0 ? "1" : rest.map((t) => termLabel(spec.effects, t)).join(" + ") + (spec.effects.intercept ? "" : " - 1");
      models.push({ term: `${termLabel(spec.effects, s)} in ${name}`, formula: formula([`(${newLhs} | ${spec.groupName})`]) });
    }
  });
  return models;
}

type BarNode = Extract<TermNode, { kind: "random" }>;

/** The `( … | … )` terms of a right-hand side, in order of appearance (lme4's findbars before expansion). */
function barsOf(node: TermNode): BarNode[] {
  switch (node.kind) {
    case "random":
      return [node];
    case "group":
      return barsOf(node.inner);
    case "operator":
      return node.op === "+" ? [...(node.left ? barsOf(node.left) : []), ...barsOf(node.right)] : [];
    default:
      return [];
  }
}

/**
 * ranova's table for a fitted linear mixed model: the model's own row, then one row per reduced
 * model. `fit` must be the fit of `formula` to `table` with these options.
 */
export function ranova(table: DataTable, formula: string, fit: LmmFit, frame: ModelFrame, options: RanovaOptions = {}): RanovaRow[] {
  const reml = fit.method === "REML";
  const full: RanovaRow = { term: "<none>", npar: fit.df, logLik: fit.logLik, AIC: -2 * fit.logLik + 2 * fit.df, LRT: null, df: null, p: null };
  const rows = [full];
  for (const model of ranovaModels(formula)) {
    if (options.signal?.cancelled) throw new MixwellError("Random-effect tests cancelled.");
    const { logLik, npar } = model.formula === null ? linearModelLogLik(frame, reml) : refit(table, model.formula, reml, fit.nobs, options);
    const LRT = 2 * (fit.logLik - logLik);
    const df = fit.df - npar;
    rows.push({ term: model.term, npar, logLik, AIC: -2 * logLik + 2 * npar, LRT, df, p: df > 0 ? pchisq(Math.max(LRT, 0), df, false) : null });
  }
  return rows;
}

function refit(table: DataTable, formula: string, reml: boolean, nobs: number, options: RanovaOptions): { logLik: number; npar: number } {
  const parsed = parseFormula(formula);
  const frame = buildModelFrame(table, parsed, { categorical: options.categorical, contrasts: options.contrasts, family: "gaussian", weights: options.weights });
  if (frame.n !== nobs) {
    throw new MixwellError(`The number of rows used changes from ${nobs} to ${frame.n} without a random-effect term (missing values in a grouping column or slope): remove those rows first.`);
  }
  const fit = fitLmm(frame, { reml, formula, signal: options.signal });
  return { logLik: fit.logLik, npar: fit.df };
}

/** Fixed part as text: R's term labels, `0 +` without an intercept, offsets kept. */
function fixedText(terms: ModelTerms): string {
  const parts = [terms.intercept ? "1" : "0", ...terms.terms.map((t) => termLabel(terms, t)), ...terms.offsets.map((o) => `offset(${formatExpression(o)})`)];
  return parts.join(" + ");
}

/** A random-effect term as lme4's findbars deparses it: `(1 | g)`, `(Days | g)`, `(0 + Days | g)`. */
function barText(spec: RandomTermSpec): string {
  const labels = spec.effects.terms.map((t) => termLabel(spec.effects, t));
  const effects = labels.length === 0 ? (spec.effects.intercept ? "1" : "0") : spec.effects.intercept ? labels.join(" + ") : `0 + ${labels.join(" + ")}`;
  return `(${effects} | ${spec.groupName})`;
}

/** R's drop.scope: the terms not contained in another term (marginality). */
function dropScope(terms: ModelTerms): ModelTerms["terms"] {
  const list = terms.terms;
  return list.filter((t) => !list.some((u) => u !== t && u.length > t.length && t.every((v) => u.includes(v))));
}

/**
 * Log-likelihood of the linear model y ~ X (prior weights w), as R's logLik.lm: with REML, N − p
 * in place of N and minus log|det R| of the weighted X's QR (= ½ log det XᵀWX).
 */
export function linearModelLogLik(frame: ModelFrame, reml: boolean): { logLik: number; npar: number } {
  const { X, n, p } = frame.fixed;
  const w = frame.weights;
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    for (let r = 0; r < n; r++) xty[a] += (w ? w[r] : 1) * X[r + a * n] * frame.y[r];
    for (let b = 0; b <= a; b++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += (w ? w[r] : 1) * X[r + a * n] * X[r + b * n];
      xtx[a + b * p] = s;
    }
  }
  const L = cholesky(xtx, p);
  const beta = solveNormal(L, xty, p);
  let rss = 0;
  let logW = 0;
  for (let r = 0; r < n; r++) {
    let fitted = 0;
    for (let c = 0; c < p; c++) fitted += X[r + c * n] * beta[c];
    const wr = w ? w[r] : 1;
    rss += wr * (frame.y[r] - fitted) ** 2;
    logW += Math.log(wr);
  }
  const N = reml ? n - p : n;
  let logLik = 0.5 * (logW - N * (Math.log(2 * Math.PI) + 1 - Math.log(N) + Math.log(rss)));
  if (reml) for (let c = 0; c < p; c++) logLik -= Math.log(L[c + c * p]);
  return { logLik, npar: p + 1 };
}

function cholesky(a: Float64Array, p: number): Float64Array {
  const L = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = a[j + j * p];
    for (let k = 0; k < j; k++) d -= L[j + k * p] ** 2;
    if (!(d > 0)) throw new MixwellError("The fixed-effect columns are linearly dependent, so the model without random effects cannot be fitted.");
    const ljj = Math.sqrt(d);
    L[j + j * p] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i + j * p];
      for (let k = 0; k < j; k++) s -= L[i + k * p] * L[j + k * p];
      L[i + j * p] = s / ljj;
    }
  }
  return L;
}

function solveNormal(L: Float64Array, b: Float64Array, p: number): Float64Array {
  const z = Float64Array.from(b);
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < i; k++) z[i] -= L[i + k * p] * z[k];
    z[i] /= L[i + i * p];
  }
  for (let i = p - 1; i >= 0; i--) {
    for (let k = i + 1; k < p; k++) z[i] -= L[k + i * p] * z[k];
    z[i] /= L[i + i * p];
  }
  return z;
}

/** ranova's table as text, in R's layout. */
export function formatRanova(rows: readonly RanovaRow[], formula: string): string {
  const cells = rows.map((r) => [
    r.term,
    String(r.npar),
    r.logLik.toFixed(2),
    r.AIC.toFixed(2),
    r.LRT === null ? "" : r.LRT.toFixed(3),
    r.df === null ? "" : String(r.df),
    r.p === null ? "" : r.p < 2.2e-16 ? "< 2.2e-16" : r.p < 1e-4 ? r.p.toExponential(3) : r.p.toPrecision(4),
  ]);
  const header = ["", "npar", "logLik", "AIC", "LRT", "Df", "Pr(>Chisq)"];
  const widths = header.map((h, j) => Math.max(h.length, ...cells.map((c) => c[j].length)));
  const line = (c: readonly string[]) => c.map((x, j) => (j === 0 ? x.padEnd(widths[j]) : x.padStart(widths[j]))).join("  ").trimEnd();
  return ["ANOVA-like table for random-effects: Single term deletions", "", `Model: ${formula}`, line(header), ...cells.map(line), ""].join("\n");
}
