/** Johnson–Neyman results in words and a small table (CLI text output and the text report). */
import type { JohnsonNeyman } from "./johnson-neyman";

const f = (x: number, d = 4) => (Number.isFinite(x) ? x.toFixed(d) : "Inf");
/** In a sentence a reader sees (screen, PDF): a true minus sign (U+2212), as in the tables. */
const w = (x: number) => f(x).replace(/^-/, "−");

/** The four numbers of the sentence as shown: the bounds and the moderator's observed range. */
export interface JohnsonNeymanNumbers {
  readonly lower: string;
  readonly upper: string;
  readonly min: string;
  readonly max: string;
}

/** To 4 decimals (the CLI's `jn` table); the reports pass their bounds table's cells instead. */
const fourDecimals = (jn: JohnsonNeyman): JohnsonNeymanNumbers => ({ lower: w(jn.lower ?? NaN), upper: w(jn.upper ?? NaN), min: w(jn.range[0]), max: w(jn.range[1]) });

/** One sentence: where the slope of x differs from 0, relative to the moderator's observed range. */
export function johnsonNeymanSentence(jn: JohnsonNeyman, shown: JohnsonNeymanNumbers = fourDecimals(jn)): string {
  const pct = Math.round(jn.level * 100);
  const lead = `The slope of ${jn.x} differs from 0 (${pct}% level)`;
  const rangeText = `the observed range of ${jn.moderator} is [${shown.min}, ${shown.max}]`;
  switch (jn.significant) {
    case "everywhere":
      return `${lead} at every value of ${jn.moderator} (no Johnson–Neyman bounds); ${rangeText}.`;
    case "nowhere":
      return `${lead} at no value of ${jn.moderator}; ${rangeText}.`;
    case "outside":
      return `${lead} when ${jn.moderator} is below ${shown.lower} or above ${shown.upper}; ${rangeText}.`;
    case "inside":
      return `${lead} when ${jn.moderator} is between ${shown.lower} and ${shown.upper}; ${rangeText}.`;
  }
}

export function formatJohnsonNeyman(jn: JohnsonNeyman): string {
  const header = [jn.moderator, "slope", "SE", "df", "t", "p", "lower", "upper"];
  const rows = jn.simpleSlopes.map((s) => [f(s.at), f(s.estimate), f(s.se), Number.isFinite(s.df) ? s.df.toFixed(2) : "Inf", f(s.statistic, 3), s.p < 1e-4 ? s.p.toExponential(2) : s.p.toFixed(4), f(s.lower), f(s.upper)]);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (r: readonly string[]) => r.map((c, j) => c.padStart(widths[j])).join("  ");
  return [
    `Johnson–Neyman interval: ${jn.lower === null ? "none" : `[${f(jn.lower)}, ${f(jn.upper!)}]`}`,
    johnsonNeymanSentence(jn),
    "",
    `Simple slopes of ${jn.x} at ${jn.moderator} = mean − SD, mean, mean + SD:`,
    line(header),
    ...rows.map(line),
    "",
  ].join("\n");
}
