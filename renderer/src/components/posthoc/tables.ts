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
  const value = view.means.kind === "emtrends" ? `Slope of ${view.means.trendOf ?? ""}` : "Mean";
  return [...view.means.specs, ...view.means.by, value, "SE", "df", `Lower ${percent}%`, `Upper ${percent}%`];
}

/** GLMMs: the means through the inverse link (probabilities or rates), as emmeans' type = "response". */
export function responseHeaders(view: EmmeansView): string[] {
  const percent = Math.round(view.means.level * 100);
  const name = view.means.response?.name === "prob" ? "Probability" : "Rate";
  return [...view.means.specs, ...view.means.by, name, "SE", `Lower ${percent}%`, `Upper ${percent}%`];
}

/** One column per factor of the means (specs, then by): each row's level. */
function levelColumns(view: EmmeansView): Cell[][] {
  const r = view.means.rows;
  return [...view.means.specs, ...view.means.by].map((f) => r.map((x) => textCell(x.levels[f])));
}

export function responseRows(view: EmmeansView): Cell[][] {
  const resp = view.means.response?.rows ?? [];
  return zipColumns([
    ...levelColumns(view),
    numberColumn(resp.map((x) => x.estimate)),
    numberColumn(resp.map((x) => x.se)),
    numberColumn(resp.map((x) => x.lower)),
    numberColumn(resp.map((x) => x.upper)),
  ]);
}

/** Simple effects: one F test per level of the by factor (emmeans' joint_tests). */
export function testsHeaders(view: EmmeansView): string[] {
  return ["Effect", ...view.means.by, "df1", "df2", "F", "p"];
}

export function testsRows(view: EmmeansView): Cell[][] {
  const t = view.tests ?? [];
  return zipColumns([
    t.map((x) => textCell(x.effect.join(":"))),
    ...view.means.by.map((f) => t.map((x) => textCell(x.by[f]))),
    t.map((x) => textCell(String(x.df1))),
    dfColumn(t.map((x) => x.df2)),
    numberColumn(t.map((x) => x.F), 3),
    t.map((x) => pCell(x.p)),
  ]);
}

export function meansRows(view: EmmeansView): Cell[][] {
  const r = view.means.rows;
  return zipColumns([
    ...levelColumns(view),
    numberColumn(r.map((x) => x.estimate)),
    numberColumn(r.map((x) => x.se)),
    dfColumn(r.map((x) => x.df)),
    numberColumn(r.map((x) => x.lower)),
    numberColumn(r.map((x) => x.upper)),
  ]);
}

/** Lower and upper bounds as "[a, b]", sharing their decimals; the full values on hover. */
function intervalColumn(lower: readonly number[], upper: readonly number[]): Cell[] {
  const both = numberColumn([...lower, ...upper]);
  return lower.map((lo, i) => ({ text: `[${both[i].text}, ${both[lower.length + i].text}]`, full: `${lo}, ${upper[i]}`, numeric: true }));
}

export function pairsHeaders(view: EmmeansView, statistic: "t" | "z"): string[] {
  const percent = Math.round((view.pairs?.level ?? view.means.level) * 100);
  return ["Contrast", ...view.means.by, "Estimate", "SE", "df", statistic, "p (adjusted)", `${percent}% CI (adjusted)`];
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
    intervalColumn(r.map((x) => x.lower), r.map((x) => x.upper)),
  ]);
}
