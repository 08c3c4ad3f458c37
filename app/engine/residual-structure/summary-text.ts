/** Plain-text summary of a residual-structure fit (what `mixwell fit --correlation …` prints), laid out as nlme's summary(). */
import type { ResidualStructureFit } from "./types";

const NAMES = { ar1: "AR(1)", car1: "Continuous AR(1)", cs: "Compound symmetry" } as const;

function f(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return "NA";
  return Math.abs(x) >= 1e-3 || x === 0 ? x.toPrecision(digits).replace(/\.?0+$/, (m) => (m.includes(".") ? "" : m)) : x.toExponential(2);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) => r.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join("  ")).join("\n");
}

export function formatResidualFitSummary(fit: ResidualStructureFit): string {
  const out: string[] = [];
  out.push(`Linear mixed-effects model fit by ${fit.method} (nlme::lme)`);
  out.push(`Formula: ${fit.formula}`);
  const groups = Object.entries(fit.ngroups).map(([g, k]) => `${g}, ${k}`).join("; ");
  out.push(`Number of obs: ${fit.nobs}, groups: ${groups}`);
  out.push("", table([["AIC", "BIC", "logLik"], [f(fit.AIC, 7), f(fit.BIC, 7), f(fit.logLik, 7)]]));
  out.push("", "Random effects:");
  out.push(table([["Group / name", "StdDev / Corr"], ...fit.varcorr.map((r) => [`${r.group} ${r.name1 ?? ""}${r.name2 ? ` : ${r.name2}` : ""}`.trim(), f(r.value)])]));
  if (fit.correlation) {
    const c = fit.correlation;
    const by = fit.structure.time ? ` ~ ${fit.structure.time} | ${fit.structure.group ?? Object.keys(fit.ngroups)[0]}` : ` ~ 1 | ${fit.structure.group ?? Object.keys(fit.ngroups)[0]}`;
    out.push("", `Correlation structure: ${NAMES[c.structure]}, formula${by}`);
    out.push(`  ${c.structure === "cs" ? "Rho" : "Phi"} = ${f(c.parameter)}  (approx. 95% CI ${f(c.lower)} to ${f(c.upper)})`);
  }
  if (fit.varianceReference !== null) {
    out.push("", `Variance function: different SDs per level of ${fit.structure.varianceBy} (ratio to ${fit.varianceReference})`);
    out.push(table([["level", "ratio", "lower", "upper"], ...fit.varianceRatios.map((r) => [r.level, f(r.ratio), f(r.lower), f(r.upper)])]));
  }
  out.push("", "Fixed effects:");
  out.push(table([["", "Value", "Std.Error", "DF", "t-value", "p-value"], ...fit.fixef.map((r) => [r.term, f(r.estimate), f(r.se), String(r.df), f(r.statistic), f(r.p)])]));
  out.push("", "Marginal F tests (anova type = \"marginal\"):");
  out.push(table([["", "numDF", "denDF", "F-value", "p-value"], ...fit.anova.map((r) => [r.term, String(r.numDF), String(r.denDF), f(r.F), f(r.p)])]));
  for (const w of fit.warnings) out.push("", `Note: ${w}`);
  return `${out.join("\n")}\n`;
}
