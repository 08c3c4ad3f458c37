/**
 * The residual structure of an nlme-style fit as label/value rows for reports: what it is, the
 * correlation parameter and the SD ratios with intervals()' approximate 95% limits.
 */
import type { ResidualStructureView } from "../model-spec";

function f(x: number | null): string {
  return x === null ? "–" : x.toFixed(Math.abs(x) < 0.01 && x !== 0 ? 5 : 3);
}

export function residualStructureRows(structure: ResidualStructureView): [string, string][] {
  const rows: [string, string][] = [["Residual structure", `${structure.description} (fitted as nlme::lme; t and F tests with nlme's containment df)`]];
  const c = structure.correlation;
  if (c) rows.push([`Correlation (${c.structure === "cs" ? "Rho" : "Phi"})`, `${f(c.parameter)}, approximate 95% CI [${f(c.lower)}, ${f(c.upper)}]`]);
  for (const r of structure.varianceRatios) {
    rows.push([`SD ratio ${r.level} / ${structure.varianceReference ?? ""}`, `${f(r.ratio)}, approximate 95% CI [${f(r.lower)}, ${f(r.upper)}]`]);
  }
  return rows;
}
