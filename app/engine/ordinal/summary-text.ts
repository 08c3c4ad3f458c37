/** The text `mixwell fit --family ordinal` prints: clmm's summary layout (random effects, coefficients, thresholds). */
import type { OrdinalFit } from "./run";

const num = (x: number, digits = 4): string => (Number.isFinite(x) ? x.toFixed(digits) : "NA");
const pText = (p: number): string => (p < 2e-16 ? "< 2e-16" : p < 1e-4 ? p.toExponential(2) : p.toFixed(4));

function coefficientLines(rows: OrdinalFit["fixef"], withP: boolean): string[] {
  const width = Math.max(12, ...rows.map((r) => r.name.length));
  const head = `${"".padEnd(width)} ${"Estimate".padStart(10)} ${"Std. Error".padStart(10)} ${"z value".padStart(8)}${withP ? ` ${"Pr(>|z|)".padStart(9)}` : ""}`;
  return [
    head,
    ...rows.map((r) => `${r.name.padEnd(width)} ${num(r.estimate).padStart(10)} ${num(r.se).padStart(10)} ${num(r.statistic, 3).padStart(8)}${withP ? ` ${pText(r.p).padStart(9)}` : ""}`),
  ];
}

export function formatOrdinalSummary(fit: OrdinalFit): string {
  const method = fit.nAGQ > 1 ? `the adaptive Gauss-Hermite quadrature approximation with ${fit.nAGQ} quadrature points` : "the Laplace approximation";
  const lines = [
    `Cumulative Link Mixed Model fitted with ${method}`,
    `formula: ${fit.formula}`,
    "",
    ` link   threshold nobs logLik ${"AIC".padEnd(8)}`,
    ` ${fit.link.padEnd(6)} flexible  ${String(fit.nobs).padEnd(4)} ${fit.logLik.toFixed(2)} ${fit.AIC.toFixed(2)}`,
    "",
    "Random effects:",
    ...fit.varcorr.map((v) =>
      v.kind === "variance"
        ? ` ${v.group.padEnd(10)} ${v.name1.padEnd(12)} variance ${num(v.value)}  sd ${num(v.sd ?? NaN)}`
        : ` ${v.group.padEnd(10)} corr(${v.name1}, ${v.name2}) ${num(v.value, 3)}`,
    ),
    `Number of groups: ${Object.entries(fit.ngroups).map(([g, n]) => `${g} ${n}`).join(", ")}`,
    "",
    "Coefficients:",
    ...(fit.fixef.length > 0 ? coefficientLines(fit.fixef, true) : ["(none)"]),
    "",
    "Threshold coefficients:",
    ...coefficientLines(fit.thresholds, false),
  ];
  if (fit.warnings.length > 0) lines.push("", ...fit.warnings.map((w) => `Note: ${w}`));
  return `${lines.join("\n")}\n`;
}
