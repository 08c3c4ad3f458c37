/**
 * Wald intervals for fixed effects: β̂ ± t_{df, (1+level)/2} · se with each coefficient's
 * Satterthwaite df (as emmeans/lmerTest-based intervals report for LMMs), or the normal quantile
 * where no df is available (lme4's confint(method = "Wald")).
 */
import type { FixedEffectRow, IntervalRow } from "../engine/lmm/types";
import { qnorm, qt } from "../stats";

export function waldIntervals(fixef: readonly FixedEffectRow[], level = 0.95): IntervalRow[] {
  const tail = (1 - level) / 2;
  return fixef.map((r) => {
    const usable = r.df !== undefined && Number.isFinite(r.df) && r.df > 0;
    const q = usable ? qt(tail, r.df!, false) : qnorm(tail, false);
    return { term: r.term, kind: "fixef", lower: r.estimate - q * r.se, upper: r.estimate + q * r.se };
  });
}
