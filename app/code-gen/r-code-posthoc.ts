/**
 * R code (package emmeans) for post-hoc analyses of a model fitted as `m` by the Code tab's code:
 * marginal means or trends with the df method used, pairwise comparisons with their adjustment and
 * intervals, emmeans' eff_size with the σ and edf the effect sizes used, the simple effects; for
 * an ordinal (clmm) model the category probabilities and the mean class. Shown under the Post hoc
 * tables and in the PDF's R code section.
 */
import { displayTerm } from "../formula/names";
import type { PosthocAnalysis } from "../project/schema";

/** A name as R code: quoted in backticks unless syntactic (a name that already has R's backticks is read plain first). */
const rName = (text: string) => {
  const name = displayTerm(text);
  return /^[A-Za-z.][A-Za-z0-9._]*$/.test(name) ? name : `\`${name.replace(/`/g, "\\`")}\``;
};

/** emmeans' eff_size with the σ and edf the effect sizes used (linear models with pairwise comparisons). */
function effectSizeRCode(a: PosthocAnalysis): string[] {
  const e = a.result?.pairs?.effectSizes;
  if (!e) return [];
  const edf = e.edfSource === "user" ? (e.edf === Infinity ? "Inf" : String(e.edf)) : "df.residual(m)";
  return [`eff_size(emm, sigma = sigma(m), edf = ${edf}) # d = difference / residual SD`];
}

/** R code (package emmeans) for the post-hoc analyses of a model fitted as `m` by the Code tab's code. */
export function posthocRCode(analyses: readonly PosthocAnalysis[]): string {
  if (analyses.length === 0) return "";
  const lines = ["# Post-hoc comparisons", "library(emmeans)"];
  for (const a of analyses) {
    const o = a.result?.ordinal;
    if (o) {
      // clmm fits: category probabilities and the mean class (emmeans' ordinal modes).
      lines.push(`emmeans(m, ~ ${rName(o.response)} | ${rName(o.factor)}, mode = "prob")`, `emmeans(m, ~ ${rName(o.factor)}, mode = "mean.class")`);
      continue;
    }
    const by = a.request.by.length ? ` | ${a.request.by.map(rName).join(" + ")}` : "";
    const df = a.result?.means.dfMethod ?? a.request.df;
    const lmerDf = df === "satterthwaite" || df === "kenward-roger" ? `, lmer.df = "${df}"` : "";
    const response = a.result?.means.response ? ", type = \"response\"" : "";
    const trend = a.request.trendOf ? `, var = "${displayTerm(a.request.trendOf).replace(/"/g, '\\"')}"` : "";
    lines.push(
      `emm <- ${trend ? "emtrends" : "emmeans"}(m, ~ ${a.request.specs.map(rName).join(" * ")}${by}${trend}${lmerDf})`,
      `summary(emm${response})`,
      `summary(pairs(emm), adjust = "${a.request.adjust}", infer = c(TRUE, TRUE)${response})`,
      ...effectSizeRCode(a),
      ...(a.request.by.length ? ['test(contrast(emm, "consec"), joint = TRUE) # simple effects'] : []),
    );
  }
  return `${lines.join("\n")}\n`;
}
