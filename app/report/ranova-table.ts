/**
 * lmerTest's ranova table (app/inference/ranova) as a result table: one row per model, the first
 * the fitted model itself ("<none>", shown as "Full model").
 */
import type { RanovaRow } from "../inference/ranova";
import type { Cell, ColumnKind, ResultTable, TableColumn } from "./result-tables";

const col = (label: string, kind: ColumnKind, apa?: string): TableColumn => ({ label, kind, ...(apa ? { apa } : {}) });

export function ranovaTable(rows: readonly RanovaRow[]): ResultTable {
  const columns = [col("Model", "text"), col("npar", "count"), col("logLik", "value"), col("AIC", "value"), col("LRT", "statistic", "χ²"), col("Df", "df", "df"), col("Pr(>Chisq)", "p", "p")];
  const cells = rows.map((r): Cell[] => [r.term === "<none>" ? "Full model" : `Without ${r.term}`, r.npar, r.logLik, r.AIC, r.LRT, r.df, r.p]);
  return { id: "random-effect-tests", title: "Random-effect tests", columns, rows: cells };
}

/** The sentence under the table (and in reports) saying what was tested. */
export function ranovaNote(reml: boolean): string {
  return `Likelihood-ratio tests of each random-effect term (removed, or a random slope reduced to the intercept), as lmerTest's ranova(); ${reml ? "REML fits compare REML log-likelihoods" : "ML log-likelihoods"}; p from χ² with df = parameters removed.`;
}
