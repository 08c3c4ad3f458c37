/**
 * The fit's problems in plain words, each with a suggestion of what to try: singular fits,
 * convergence, rows and columns that were left out, and the engine's other notes as they are.
 *
 * One source of advice: when the guided fix applies (app/guided-fix/needs-fix), it names the cause
 * from the data and the fit and offers the simpler model, so a singular or non-converged fit's
 * suggestion here points to it instead of giving advice of its own that could disagree. No
 * sentence is said twice (several convergence messages share one suggestion).
 */
import { needsGuidedFix } from "../guided-fix/needs-fix";
import type { FitView } from "./fit-view";

export interface FitAdvice {
  readonly kind: "singular" | "convergence" | "dropped-rows" | "dropped-columns" | "note";
  readonly message: string;
  /** What to try; null for a note that needs no action. */
  readonly suggestion: string | null;
}

const CONVERGENCE_HINT = "Try scaling numeric predictors (scale(x) in the formula), or simplify the random effects (drop a random slope or the correlations).";
/** What a singular or non-converged fit's warning suggests when the guided fix is shown above it. */
export const SEE_GUIDED_FIX = "The Guided fix above names the cause and fits the simpler model it suggests in one click.";

/** A singular fit always gets the guided fix (needsGuidedFix), which names the terms concerned. */
const SINGULAR_MESSAGE =
  "The fit is singular: some random-effect variances are estimated at zero or correlations at ±1, so the random-effects structure is more complex than the data support.";

export function adviceFor(fit: FitView): FitAdvice[] {
  const out: FitAdvice[] = [];
  const guided = needsGuidedFix(fit);
  if (fit.singular) out.push({ kind: "singular", message: SINGULAR_MESSAGE, suggestion: SEE_GUIDED_FIX });
  const convergence = [...new Set(fit.warnings.filter((w) => /converge|Hessian/i.test(w)))];
  if (!fit.converged && convergence.length === 0) convergence.push("The optimizer did not clearly converge: the estimates may not be the best ones.");
  if (convergence.length > 0) {
    // The guided-fix pointer is given once, by the singular line when there is one.
    const suggestion = guided ? (fit.singular ? null : SEE_GUIDED_FIX) : CONVERGENCE_HINT;
    out.push({ kind: "convergence", message: convergence.join(" "), suggestion });
  }
  const said = new Set(out.map((a) => a.message));
  for (const w of fit.warnings) {
    if (said.has(w)) continue;
    said.add(w);
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
