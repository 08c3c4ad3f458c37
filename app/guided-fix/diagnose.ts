/**
 * Name the cause of a singular or non-converged LMM or GLMM fit from θ (lme4's relative
 * covariance factor, one k × k lower-triangular template per term; for a GLMM the SDs themselves):
 * - first, a random slope of a predictor that never changes within its groups (between-group.ts):
 *   the structural cause, whatever the optimiser then reported;
 * - a variance at zero: row a of the template has norm < 1e-4 (SD_a/σ), lme4's isSingular scale;
 * - a correlation at ±1: the diagonal θ_aa < 1e-4 while the row is not zero (effect a is a linear
 *   function of the earlier ones), named by the correlation with |r| > 0.99;
 * - too few levels: a grouping factor with fewer than 5 groups among the terms above;
 * - not converged: numeric predictors on very different scales are named (scaling.ts), since
 *   rescaling is lme4's first advice;
 * - GLMMs also: lme4's "Model is nearly unidentifiable: very large eigenvalue — Rescale
 *   variables?" (named, with the predictors to rescale), a numeric predictor on an awkward scale
 *   next to a singular fit, and complete separation or huge coefficients (separation.ts).
 */
import { isGlmmFit, type MixedFit } from "../engine/run-fit/mixed-fit";
import type { ModelFrame } from "../engine/model-frame";
import { thetaLayout, fillLambda } from "../engine/lmm/theta";
import { betweenGroupSlopeCauses } from "./between-group";
import { nearlyUnidentifiable } from "./needs-fix";
import { poorlyScaledCauses } from "./scaling";
import { separationCauses } from "./separation";
import type { Cause } from "./types";

const ZERO = 1e-4;
const FEW_LEVELS = 5;

export function diagnoseFit(fit: MixedFit, frame: ModelFrame): Cause[] {
  const causes: Cause[] = betweenGroupSlopeCauses(frame, fit.formula);
  const layout = thetaLayout(frame.random.map((t) => t.k));
  const troubled = new Set<string>();
  const noise = isGlmmFit(fit) ? `the ${fit.family} variation of the outcome` : "the residual noise";
  frame.random.forEach((term, t) => {
    const lambda = new Float64Array(term.k * term.k);
    fillLambda(fit.theta, layout, t, lambda);
    for (let a = 0; a < term.k; a++) {
      let norm = 0;
      for (let c = 0; c <= a; c++) norm += lambda[a + c * term.k] ** 2;
      const effect = term.effectNames[a];
      if (Math.sqrt(norm) < ZERO) {
        troubled.add(term.group);
        causes.push({ kind: "zero-variance", group: term.group, effect, message: `The variance of ${describeEffect(effect)} across '${term.group}' groups is estimated as zero: the data show no variation between groups in it beyond ${noise}.` });
      } else if (lambda[a + a * term.k] < ZERO) {
        troubled.add(term.group);
        const other = correlatedWith(fit, term.group, effect);
        causes.push({
          kind: "perfect-correlation",
          group: term.group,
          effect,
          ...(other ? { other: other.name } : {}),
          message: other
            ? `The correlation between ${describeEffect(other.name)} and ${describeEffect(effect)} across '${term.group}' groups is estimated as ${other.r.toFixed(2)}: the model cannot tell them apart.`
            : `${capitalise(describeEffect(effect))} across '${term.group}' groups is perfectly determined by the other effects of that term (a correlation at ±1).`,
        });
      }
    }
  });
  causes.push(...fewLevelCauses(troubled, fit.ngroups));
  if (!fit.converged) causes.push(notConverged(fit));
  const unidentifiable = nearlyUnidentifiable(fit);
  if (unidentifiable) {
    causes.push({ kind: "nearly-unidentifiable", message: "The curvature of the likelihood is extreme in some direction (lme4: \"Model is nearly unidentifiable: very large eigenvalue or eigenvalue ratio — Rescale variables?\"): usually predictors on very different scales." });
  }
  if (!fit.converged || unidentifiable || (isGlmmFit(fit) && fit.singular)) causes.push(...poorlyScaledCauses(frame, unidentifiable));
  if (isGlmmFit(fit)) causes.push(...separationCauses(fit, frame));
  return causes;
}

/** Grouping factors with a variance at zero or a correlation at ±1 and fewer than 5 groups. */
export function fewLevelCauses(troubled: Iterable<string>, ngroups: Readonly<Record<string, number>>): Cause[] {
  const causes: Cause[] = [];
  for (const group of troubled) {
    const levels = ngroups[group];
    if (levels !== undefined && levels < FEW_LEVELS) {
      causes.push({ kind: "few-levels", group, message: `'${group}' has only ${levels} groups, too few to estimate its variances reliably; consider treating it as a fixed effect instead.` });
    }
  }
  return causes;
}

export function describeEffect(effect: string): string {
  return effect === "(Intercept)" ? "the intercept" : `the slope of ${effect}`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function correlatedWith(fit: MixedFit, group: string, effect: string): { name: string; r: number } | null {
  let best: { name: string; r: number } | null = null;
  for (const row of fit.varcorr) {
    if (row.kind !== "correlation" || row.group !== group || Math.abs(row.value) < 0.99) continue;
    const other = row.name1 === effect ? row.name2 : row.name2 === effect ? row.name1 : null;
    if (other && (!best || Math.abs(row.value) > Math.abs(best.r))) best = { name: other, r: row.value };
  }
  return best;
}

function notConverged(fit: MixedFit): Cause {
  return { kind: "not-converged", message: `The optimiser did not converge (${fit.warnings.filter((w) => /converge|optimiser/i.test(w)).join(" ") || "see the warnings"}).` };
}
