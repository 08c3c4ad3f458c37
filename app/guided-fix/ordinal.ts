/**
 * The guided fix of a cumulative link mixed model (ordinal::clmm; app/engine/ordinal). clmm's
 * random-effect parameters are the lower-triangular ST of each term (Var(b) = ST·STᵀ), which the
 * fit reports as variances and correlations; the causes are read from those as diagnose.ts reads
 * them from lme4's θ:
 * - a random slope of a predictor that never changes within its groups (between-group.ts);
 * - an SD below 1e-4 on the latent scale (the engine's singular rule: a diagonal of ST < 1e-4,
 *   whose row is then zero unless it is a correlation at ±1);
 * - a correlation beyond ±0.99 (a diagonal of ST at zero under a non-zero row);
 * - too few groups among those terms; not converged (clmm's max.grad) with poorly scaled
 *   numeric predictors named, clmm's own advice ("Model is nearly unidentifiable … rescale").
 * The simpler models are the LMM's (suggest.ts): clmm fits the same random-effect syntax.
 */
import type { ModelFrame } from "../engine/model-frame";
import type { OrdinalFit } from "../engine/ordinal";
import { betweenGroupSlopeCauses } from "./between-group";
import { describeEffect, fewLevelCauses } from "./diagnose";
import { poorlyScaledCauses } from "./scaling";
import type { Cause } from "./types";

const ZERO_SD = 1e-4;
const PERFECT = 0.99;

export function diagnoseOrdinalFit(fit: OrdinalFit, frame: ModelFrame): Cause[] {
  const causes: Cause[] = betweenGroupSlopeCauses(frame, fit.formula);
  const troubled = new Set<string>();
  const zero = new Set<string>();
  for (const r of fit.varcorr) {
    if (r.kind !== "variance" || (r.sd ?? Math.sqrt(r.value)) >= ZERO_SD) continue;
    troubled.add(r.group);
    zero.add(`${r.group}\u0000${r.name1}`);
    causes.push({
      kind: "zero-variance",
      group: r.group,
      effect: r.name1,
      message: `The variance of ${describeEffect(r.name1)} across '${r.group}' groups is estimated as zero: the data show no variation between groups in it beyond the spread of the ordinal outcome.`,
    });
  }
  const correlated = new Set<string>();
  for (const r of fit.varcorr) {
    if (r.kind !== "correlation" || r.name2 === null || Math.abs(r.value) < PERFECT) continue;
    // The later effect of the pair is the one determined by the earlier (lme4's and clmm's order).
    const key = `${r.group}\u0000${r.name2}`;
    if (zero.has(key) || zero.has(`${r.group}\u0000${r.name1}`) || correlated.has(key)) continue;
    correlated.add(key);
    troubled.add(r.group);
    causes.push({
      kind: "perfect-correlation",
      group: r.group,
      effect: r.name2,
      other: r.name1,
      message: `The correlation between ${describeEffect(r.name1)} and ${describeEffect(r.name2)} across '${r.group}' groups is estimated as ${r.value.toFixed(2)}: the model cannot tell them apart.`,
    });
  }
  causes.push(...fewLevelCauses(troubled, fit.ngroups));
  if (!fit.converged) {
    causes.push({
      kind: "not-converged",
      message: `The optimiser did not converge (largest absolute gradient ${fit.maxGrad.toPrecision(2)}, clmm's max.grad; ${fit.warnings.filter((w) => /converge|Hessian/i.test(w)).join(" ") || "see the warnings"}).`,
    });
  }
  if (!fit.converged || fit.singular) causes.push(...poorlyScaledCauses(frame, false));
  return causes;
}
