/**
 * Name the cause of a singular or non-converged LMM fit from θ (lme4's relative covariance
 * factor, one k × k lower-triangular template per term):
 * - a variance at zero: row a of the template has norm < 1e-4 (SD_a/σ), lme4's isSingular scale;
 * - a correlation at ±1: the diagonal θ_aa < 1e-4 while the row is not zero (effect a is a linear
 *   function of the earlier ones), named by the correlation with |r| > 0.99;
 * - too few levels: a grouping factor with fewer than 5 groups among the terms above;
 * - not converged: numeric predictors on very different scales (SD above 50 or below 0.02, or a
 *   mean more than 10 SDs from zero) are named, since rescaling is lme4's first advice.
 */
import type { LmmFit } from "../engine/lmm/types";
import type { ModelFrame } from "../engine/model-frame";
import { thetaLayout, fillLambda } from "../engine/lmm/theta";
import type { Cause } from "./types";

const ZERO = 1e-4;
const FEW_LEVELS = 5;

export function diagnoseFit(fit: LmmFit, frame: ModelFrame): Cause[] {
  const causes: Cause[] = [];
  const layout = thetaLayout(frame.random.map((t) => t.k));
  const troubled = new Set<string>();
  frame.random.forEach((term, t) => {
    const lambda = new Float64Array(term.k * term.k);
    fillLambda(fit.theta, layout, t, lambda);
    for (let a = 0; a < term.k; a++) {
      let norm = 0;
      for (let c = 0; c <= a; c++) norm += lambda[a + c * term.k] ** 2;
      const effect = term.effectNames[a];
      if (Math.sqrt(norm) < ZERO) {
        troubled.add(term.group);
        causes.push({ kind: "zero-variance", group: term.group, effect, message: `The variance of ${describeEffect(effect)} across '${term.group}' groups is estimated as zero: the data show no variation between groups in it beyond the residual noise.` });
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
  for (const group of troubled) {
    const levels = fit.ngroups[group];
    if (levels !== undefined && levels < FEW_LEVELS) {
      causes.push({ kind: "few-levels", group, message: `'${group}' has only ${levels} groups, too few to estimate its variances reliably; consider treating it as a fixed effect instead.` });
    }
  }
  if (!fit.converged) causes.push(...convergenceCauses(fit, frame));
  return causes;
}

function describeEffect(effect: string): string {
  return effect === "(Intercept)" ? "the intercept" : `the slope of ${effect}`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function correlatedWith(fit: LmmFit, group: string, effect: string): { name: string; r: number } | null {
  let best: { name: string; r: number } | null = null;
  for (const row of fit.varcorr) {
    if (row.kind !== "correlation" || row.group !== group || Math.abs(row.value) < 0.99) continue;
    const other = row.name1 === effect ? row.name2 : row.name2 === effect ? row.name1 : null;
    if (other && (!best || Math.abs(row.value) > Math.abs(best.r))) best = { name: other, r: row.value };
  }
  return best;
}

function convergenceCauses(fit: LmmFit, frame: ModelFrame): Cause[] {
  const causes: Cause[] = [{ kind: "not-converged", message: `The optimiser did not converge (${fit.warnings.filter((w) => /converge|optimiser/i.test(w)).join(" ") || "see the warnings"}).` }];
  for (const v of Object.values(frame.fixed.variables ?? {})) {
    if (v.kind !== "numeric") continue;
    const n = v.values.length;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += v.values[i];
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (v.values[i] - mean) ** 2;
    const sd = Math.sqrt(ss / (n - 1));
    if (sd > 50 || sd < 0.02 || Math.abs(mean) > 10 * sd) {
      causes.push({ kind: "poorly-scaled", predictor: v.name, message: `'${v.name}' has mean ${mean.toPrecision(3)} and SD ${sd.toPrecision(3)}; predictors on very different scales make the optimisation hard. Centring and scaling it (scale(${v.name})) changes no test, only the units of its coefficient.` });
    }
  }
  return causes;
}
