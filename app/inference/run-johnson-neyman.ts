/**
 * Johnson–Neyman intervals from data + model: fit once (no inference step), then the slope of x
 * over the moderator with the model's df method (Satterthwaite, Kenward–Roger, or z for GLMMs and
 * on request), through the same contrast inference as the marginal means (app/emmeans).
 */
import type { DataTable } from "../data/column";
import { MixwellError } from "../errors";
import type { FitSpec } from "../engine/run-fit";
import { fitForEmmeans, modelDfMethod } from "../emmeans/run-emmeans";
import { linearInference } from "../emmeans/inference";
import type { DfMethod } from "../emmeans/types";
import { johnsonNeyman, type JohnsonNeyman } from "./johnson-neyman";

export interface JohnsonNeymanRequest {
  readonly x: string;
  readonly moderator: string;
  /** Default the model's own: Satterthwaite (or Kenward–Roger) for LMMs, asymptotic for GLMMs. */
  readonly df?: DfMethod;
  readonly level?: number;
}

export function runJohnsonNeyman(table: DataTable, spec: FitSpec, request: JohnsonNeymanRequest): JohnsonNeyman & { readonly df: DfMethod } {
  const level = request.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new MixwellError("The confidence level must be between 0 and 1, such as 0.95.");
  const model = fitForEmmeans(table, spec);
  const df = request.df ?? modelDfMethod(model, spec);
  const inf = linearInference(model, df);
  const { names, X, n } = model.frame.fixed;
  const im = names.indexOf(request.moderator);
  if (im < 0) throw new MixwellError(`'${request.moderator}' is not a numeric fixed effect of the model (its fixed effects are ${names.join(", ")}).`);
  const values = X.subarray(im * n, (im + 1) * n);
  return { ...johnsonNeyman({ names, beta: inf.beta, vcov: inf.vcov, df: (l) => inf.df(l) }, request.x, request.moderator, values, level), df };
}
