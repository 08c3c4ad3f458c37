/**
 * The fit's problems in plain words, each with a suggestion of what to try: singular fits (a
 * variance estimated at zero or a correlation at ±1, naming the term), convergence, rows and
 * columns that were left out, and the engine's other notes as they are.
 */
import type { FitView, VarCorrView } from "./fit-view";

export interface FitAdvice {
  readonly kind: "singular" | "convergence" | "dropped-rows" | "dropped-columns" | "note";
  readonly message: string;
  /** What to try; null for a note that needs no action. */
  readonly suggestion: string | null;
}

const ZERO_SD = 1e-4;
const CONVERGENCE_HINT = "Try scaling numeric predictors (scale(x) in the formula), or simplify the random effects (drop a random slope or the correlations).";

export function adviceFor(fit: FitView): FitAdvice[] {
  const out: FitAdvice[] = [];
  if (fit.singular) out.push(singularAdvice(fit));
  const convergence = fit.warnings.filter((w) => /converge|Hessian/i.test(w));
  if (!fit.converged && convergence.length === 0) convergence.push("The optimizer did not clearly converge: the estimates may not be the best ones.");
  for (const message of convergence) out.push({ kind: "convergence", message, suggestion: CONVERGENCE_HINT });
  for (const w of fit.warnings) {
    if (/singular/i.test(w) && fit.singular) continue;
    if (convergence.includes(w)) continue;
    if (/left out because of missing values|rows? (were|was) (dropped|left out)/i.test(w)) {
      out.push({ kind: "dropped-rows", message: w, suggestion: "Rows with a missing value in any model variable are not used. Check those rows in the Data grid if this is unexpected." });
    } else if (/could not be estimated|linear combination|rank/i.test(w)) {
      out.push({ kind: "dropped-columns", message: w, suggestion: "Some predictors carry the same information (or a combination of levels has no data); remove one of them or the interaction." });
    } else {
      out.push({ kind: "note", message: w, suggestion: null });
    }
  }
  return out;
}

function singularAdvice(fit: FitView): FitAdvice {
  const zero = fit.varcorr.filter((r) => r.kind === "variance" && r.group !== "Residual" && (r.sd ?? Math.sqrt(r.value)) < ZERO_SD);
  const perfect = fit.varcorr.filter((r) => r.kind === "correlation" && Math.abs(r.value) > 0.999);
  const message = "The fit is singular: some random-effect variances are estimated at zero or correlations at ±1, so the random-effects structure is more complex than the data support.";
  const hints: string[] = [];
  for (const r of zero) hints.push(r.name1 === "(Intercept)" ? `remove the random intercept of ${r.group} (its variance is zero)` : `remove the random slope of ${r.name1} by ${r.group} (its variance is zero)`);
  for (const r of perfect) hints.push(`make the slopes of ${r.group} uncorrelated (untick Correlated; the correlation of ${describe(r)} is ${r.value.toFixed(2)})`);
  const suggestion = hints.length ? `Try to ${hints.join("; or ")}.` : "Try a simpler random-effects structure (fewer random slopes, or uncorrelated slopes).";
  return { kind: "singular", message, suggestion };
}

const describe = (r: VarCorrView) => `${r.name1} and ${r.name2}`;
