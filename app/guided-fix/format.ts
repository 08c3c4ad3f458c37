/** Plain-text reports of the guided fix: the simplification steps and the optimiser comparison. */
import type { OptimizerComparison, SimplificationLog } from "./types";

export function formatSimplificationLog(log: SimplificationLog): string {
  const out: string[] = [];
  log.steps.forEach((s, i) => {
    const state = [s.singular ? "singular" : "not singular", s.converged ? "converged" : "not converged"].join(", ");
    out.push(`Step ${i + 1}: ${s.formula}  (${state}; criterion ${s.objective.toFixed(4)})`);
    for (const c of s.causes) out.push(`  - ${c.message}`);
    if (s.applied) out.push(`  → ${s.applied.reason}.`);
  });
  out.push(log.resolved ? `Final model: ${log.finalFormula}` : `No simpler model removed the problem; last model tried: ${log.finalFormula}`);
  return `${out.join("\n")}\n`;
}

export function formatOptimizerComparison(c: OptimizerComparison): string {
  const head = ["optimiser", "criterion", "Δcriterion", "max Δβ/SE", "max ΔSD (rel.)", "converged", "agrees"];
  const rows = c.runs.map((r) => [r.optimizer, r.objective.toFixed(6), r.objectiveDifference.toExponential(1), r.maxBetaDifference.toExponential(1), r.maxSdDifference.toExponential(1), r.converged ? "yes" : "no", r.agrees ? "yes" : "NO"]);
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((x, j) => (j === 0 ? x.padEnd(widths[j]) : x.padStart(widths[j]))).join("  ");
  return `${[line(head), ...rows.map(line), "", c.message].join("\n")}\n`;
}
