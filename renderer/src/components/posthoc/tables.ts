/**
 * The post-hoc tables on screen: the report's tables (app/report: marginal means, response-scale
 * means, pairwise comparisons, effect sizes, simple effects, category probabilities) formatted by
 * formatTable in the project's number style, so the screen, the Copy buttons, the PDF and the text
 * report show the same strings. Full precision stays in each cell's title (hover, "Full precision").
 */
import type { EmmeansView } from "../../../../app/api";
import {
  categoryProbabilityTable, effectSizeTable, formatTable, marginalMeansTable, meanClassTable, pairwiseTable, responseMeansTable, simpleEffectsTable,
  type NumberStyle, type ResultTable,
} from "../../../../app/report";
import type { Cell } from "../results/format";
import { displayTerm } from "../../../../app/formula";

export interface ShownTable {
  /** The table's accessible name and caption. */
  readonly caption: string;
  readonly headers: readonly string[];
  readonly italicHeader: readonly boolean[];
  readonly rows: Cell[][];
}

/** A report table as formatTable shows it (the PDF's strings; contrasts as emmeans labels them, "inf - pol"). */
export function shownTable(table: ResultTable, caption: string, style: NumberStyle): ShownTable {
  const t = formatTable(table, style);
  const rows = t.rows.map((r, i) => r.map((text, j): Cell => (t.textColumn[j] ? { text } : { text, full: t.full?.[i][j] || undefined, numeric: true })));
  return { caption, headers: t.header, italicHeader: t.italicHeader, rows };
}

export interface PosthocTables {
  readonly means: ShownTable | null;
  readonly response: ShownTable | null;
  readonly tests: ShownTable | null;
  readonly pairs: ShownTable | null;
  readonly effectSizes: ShownTable | null;
  readonly probabilities: ShownTable | null;
  readonly meanClass: ShownTable | null;
}

export function posthocShown(view: EmmeansView, statisticName: "t" | "z", style: NumberStyle): PosthocTables {
  const show = (table: ResultTable | null, caption: string) => (table ? shownTable(table, caption, style) : null);
  if (view.ordinal) {
    return {
      means: null, response: null, tests: null, pairs: null, effectSizes: null,
      probabilities: show(categoryProbabilityTable(view), "Category probabilities"),
      meanClass: show(meanClassTable(view), "Mean class"),
    };
  }
  const trend = view.means.kind === "emtrends" ? view.means.trendOf : undefined;
  return {
    means: show(marginalMeansTable(view), trend ? `Slopes of ${displayTerm(trend)}` : "Estimated marginal means"),
    response: show(responseMeansTable(view), "Marginal means on the response scale"),
    tests: show(simpleEffectsTable(view), "Simple effects"),
    pairs: show(pairwiseTable(view, statisticName), "Pairwise comparisons"),
    effectSizes: show(effectSizeTable(view), "Effect sizes"),
    probabilities: null,
    meanClass: null,
  };
}
