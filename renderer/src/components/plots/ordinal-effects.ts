/**
 * An ordinal fit's effect curve (one line per outcome category over a factor's levels; see
 * app/model-spec/ordinal-fit-view.ts) back as the Post hoc tab's category probabilities, so the
 * Plots tab draws the same stacked bars (probabilityPlot).
 */
import type { EffectCurve, FitView } from "../../../../app/model-spec";
import type { OrdinalProbabilities } from "../../../../app/emmeans/types";

export function curveProbabilities(fit: FitView, curve: EffectCurve): OrdinalProbabilities {
  const rows = curve.lines.flatMap((line) =>
    curve.at.map((at, i) => ({
      level: String(at),
      category: line.level ?? "",
      estimate: line.estimate[i],
      // The stacked bars show no intervals; the SE is recoverable from the symmetric z interval.
      se: (line.upper[i] - line.lower[i]) / (2 * 1.959963984540054),
      lower: line.lower[i],
      upper: line.upper[i],
    })),
  );
  return { factor: curve.x, response: fit.responseName, categories: fit.categories ?? curve.lines.map((l) => l.level ?? ""), link: fit.link ?? "logit", level: 0.95, rows, meanClass: [] };
}

/** Numeric predictors of the fit (no probability chart: their effect is the odds ratio). */
export function numericPredictors(fit: FitView): string[] {
  const names = new Set<string>();
  for (const c of fit.termInfo?.columns ?? []) for (const p of c.parts) if (p.kind === "numeric" || p.kind === "poly") names.add(p.kind === "poly" ? p.source : p.variable);
  return [...names];
}
