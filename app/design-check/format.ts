/** Plain-text report of a design check, for the CLI (`mixwell check`) and text exports. */
import type { DesignCheck } from "./types";

export function formatDesignCheck(check: DesignCheck): string {
  const out: string[] = [`Design check for ${check.formula}`, `Rows used: ${check.observations}${check.droppedRows ? ` (${check.droppedRows} left out for missing values)` : ""}`, ""];
  out.push("Grouping factors:");
  for (const g of check.groupings) {
    out.push(`  ${g.name}: ${g.levels} groups, rows per group ${g.minPerLevel}–${g.maxPerLevel} (median ${g.medianPerLevel})`);
  }
  if (check.relations.length) {
    out.push("", "Nesting and crossing:");
    for (const r of check.relations) out.push(`  ${r.message}`);
  }
  if (check.variation.length) {
    out.push("", "Predictors that vary within groups (only these can have random slopes there):");
    const groups = [...new Set(check.variation.map((v) => v.group))];
    for (const g of groups) {
      const rows = check.variation.filter((v) => v.group === g);
      const within = rows.filter((v) => v.varies).map((v) => v.predictor);
      const between = rows.filter((v) => !v.varies).map((v) => v.predictor);
      out.push(`  ${g}: within ${within.length ? within.join(", ") : "(none)"}; constant within each group: ${between.length ? between.join(", ") : "(none)"}`);
    }
  }
  out.push("", "Random effects against observations:");
  for (const t of check.randomTerms) {
    out.push(`  ${t.term}: ${t.k} × ${t.levels} = ${t.effects} random effects for ${t.observations} rows${t.fails ? "  ✗" : ""}`);
  }
  out.push("");
  if (check.findings.length === 0) out.push("No problems found.");
  for (const f of check.findings) out.push(`${f.severity === "error" ? "Error" : f.severity === "warning" ? "Warning" : "Note"}: ${f.message}`);
  return `${out.join("\n")}\n`;
}
