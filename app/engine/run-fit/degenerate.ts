/**
 * Models that cannot be fitted meaningfully, refused before the optimiser with a message that
 * says what is wrong in the user's terms (lme4 ends such fits in an error deep inside, or in a
 * residual variance of zero that breaks the Satterthwaite step).
 */
import { MixwellError } from "../../errors";
import { expandFormula, formatExpression, type Formula } from "../../formula";
import type { ModelFrame } from "../model-frame";

/** A gaussian outcome with one value in every row used: nothing varies, so nothing can be estimated. */
export function requireVaryingOutcome(frame: ModelFrame): void {
  const y = frame.y;
  if (y.length === 0) return;
  const first = y[0]!;
  for (let i = 1; i < y.length; i++) if (y[i] !== first) return;
  throw new MixwellError(
    `The outcome '${frame.responseName}' has the same value (${first}) in all ${y.length} rows used, so there is no variation to model. Choose an outcome that varies.`,
  );
}

/** `y ~ y + x`: the outcome as one of its own predictors fits it exactly. */
export function requireOutcomeNotPredictor(formula: Formula): void {
  if (!formula.response || formula.response.kind !== "expression") return;
  const outcome = formatExpression(formula.response.expr);
  const expanded = expandFormula(formula);
  const inFixed = expanded.fixed.variableNames.includes(outcome);
  const inRandom = expanded.random.some((r) => r.effects.variableNames.includes(outcome));
  if (inFixed || inRandom) {
    throw new MixwellError(`The outcome '${outcome}' is also a predictor in the formula; remove it from the predictors (it would explain itself exactly).`);
  }
}
