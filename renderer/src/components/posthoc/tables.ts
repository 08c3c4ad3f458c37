/** Rows of the post-hoc tables (marginal means, pairwise comparisons) as results-table cells. */
import type { EmmeansView } from "../../../../app/api";
import { numberColumn, pCell, textCell, zipColumns, type Cell } from "../results/format";

/** df of an asymptotic (z) test is infinite, as emmeans prints it. */
function dfColumn(values: readonly number[]): Cell[] {
  const finite = numberColumn(values.map((d) => (Number.isFinite(d) ? d : null)), 4);
  return values.map((d, i) => (Number.isFinite(d) ? finite[i] : { text: "∞", full: "Inf", numeric: true }));
}

export function meansHeaders(view: EmmeansView): string[] {
  const percent = Math.round(view.means.level * 100);
  return [...view.means.specs, ...view.means.by, "Mean", "SE", "df", `Lower ${percent}%`, `Upper ${percent}%`];
}

export function meansRows(view: EmmeansView): Cell[][] {
  const r = view.means.rows;
  const factors = [...view.means.specs, ...view.means.by];
  return zipColumns([
    ...factors.map((f) => r.map((x) => textCell(x.levels[f]))),
    numberColumn(r.map((x) => x.estimate)),
    numberColumn(r.map((x) => x.se)),
    dfColumn(r.map((x) => x.df)),
    numberColumn(r.map((x) => x.lower)),
    numberColumn(r.map((x) => x.upper)),
  ]);
}

export function pairsHeaders(view: EmmeansView, statistic: "t" | "z"): string[] {
  return ["Contrast", ...view.means.by, "Estimate", "SE", "df", statistic, "p (adjusted)"];
}

export function pairsRows(view: EmmeansView): Cell[][] {
  const r = view.pairs?.rows ?? [];
  return zipColumns([
    r.map((x) => textCell(x.contrast.replace(/ - /g, " − "))),
    ...view.means.by.map((f) => r.map((x) => textCell(x.by[f]))),
    numberColumn(r.map((x) => x.estimate)),
    numberColumn(r.map((x) => x.se)),
    dfColumn(r.map((x) => x.df)),
    numberColumn(r.map((x) => x.t), 3),
    r.map((x) => pCell(x.p)),
  ]);
}
