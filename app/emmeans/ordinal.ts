/**
 * Post hoc for an ordinal (clmm) model, as emmeans on a clmm fit: the probability of each outcome
 * category per level of a factor (emmeans(m, ~ outcome | A, mode = "prob")) and the mean class
 * 1…J (emmeans(m, ~ A, mode = "mean.class")), averaged over the other factors' levels with equal
 * weights, numbers at their mean, random effects at 0; SEs by the delta method and asymptotic (z)
 * intervals (app/engine/ordinal/probabilities.ts). The mean class is also returned as marginal
 * means (df ∞), so the tools that read marginal means (project file, labels) keep working.
 */
import type { DataTable } from "../data/column";
import { MixwellError } from "../errors";
import { ordinalProbabilities, runOrdinalFitWithFrame } from "../engine/ordinal";
import type { FitSpec } from "../engine/run-fit";
import { referenceGrid } from "./reference-grid";
import type { MarginalMeans, OrdinalProbabilities } from "./types";

export type OrdinalMode = "prob" | "mean.class";

export interface OrdinalPosthoc {
  readonly means: Omit<MarginalMeans, "L">;
  readonly ordinal: OrdinalProbabilities;
}

export function runOrdinalPosthoc(table: DataTable, spec: FitSpec, request: { readonly specs: readonly string[]; readonly by?: readonly string[] }): OrdinalPosthoc {
  if (request.specs.length !== 1) throw new MixwellError("Category probabilities of an ordinal model are given for one factor at a time.");
  if (request.by && request.by.length) throw new MixwellError("Category probabilities of an ordinal model are not available by another factor yet; choose one factor.");
  const factor = request.specs[0];
  const { fit, frame } = runOrdinalFitWithFrame(table, {
    formula: spec.formula,
    link: spec.link === "probit" ? "probit" : "logit",
    nAGQ: spec.nAGQ ?? 1,
    categorical: spec.categorical,
    contrasts: spec.contrasts,
    weights: spec.weights,
  });
  const grid = referenceGrid(frame.fixed);
  const all = ordinalProbabilities(fit, frame, factor);
  const rows = all.filter((r) => r.category !== "mean.class");
  const meanClass = all.filter((r) => r.category === "mean.class");
  const covariates: Record<string, number> = {};
  for (const [k, v] of grid.covariates) covariates[k] = v;
  const means: Omit<MarginalMeans, "L"> = {
    kind: "emmeans",
    specs: [factor],
    by: [],
    dfMethod: "asymptotic",
    level: 0.95,
    rows: meanClass.map((r) => ({ levels: { [factor]: r.level }, estimate: r.estimate, se: r.se, df: Infinity, lower: r.lower, upper: r.upper })),
    averagedOver: grid.factors.map((f) => f.name).filter((n) => n !== factor),
    covariates,
  };
  return {
    means,
    ordinal: { factor, response: fit.responseName, categories: [...fit.levels], link: fit.link, level: 0.95, rows, meanClass },
  };
}
