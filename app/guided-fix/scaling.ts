/**
 * Numeric fixed-effect predictors on awkward scales, lme4's first advice when a fit does not
 * converge or is "nearly unidentifiable … Rescale variables?": an SD above 50 or below 0.02, or a
 * mean more than 10 SDs from zero. When lme4's Hessian check already said the model is nearly
 * unidentifiable and no predictor passes that rule, the looser rule (SD outside [0.5, 2] or a mean
 * beyond 1 SD) names the predictors that scaling would change at all.
 */
import type { ModelFrame } from "../engine/model-frame";
import type { Cause } from "./types";

interface Moments {
  readonly name: string;
  readonly mean: number;
  readonly sd: number;
}

export function poorlyScaledCauses(frame: ModelFrame, unidentifiable: boolean): Cause[] {
  const moments = numericMoments(frame);
  let chosen = moments.filter((m) => m.sd > 50 || m.sd < 0.02 || Math.abs(m.mean) > 10 * m.sd);
  if (chosen.length === 0 && unidentifiable) chosen = moments.filter((m) => m.sd > 2 || m.sd < 0.5 || Math.abs(m.mean) > m.sd);
  return chosen.map((m) => ({
    kind: "poorly-scaled",
    predictor: m.name,
    message: `'${m.name}' has mean ${m.mean.toPrecision(3)} and SD ${m.sd.toPrecision(3)}; predictors on very different scales make the optimisation hard. Centring and scaling it (scale(${m.name})) changes no test, only the units of its coefficient.`,
  }));
}

function numericMoments(frame: ModelFrame): Moments[] {
  const out: Moments[] = [];
  for (const v of Object.values(frame.fixed.variables ?? {})) {
    if (v.kind !== "numeric") continue;
    const n = v.values.length;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += v.values[i];
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (v.values[i] - mean) ** 2;
    const sd = Math.sqrt(ss / (n - 1));
    if (sd > 0) out.push({ name: v.name, mean, sd });
  }
  return out;
}
