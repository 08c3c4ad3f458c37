/**
 * R code for a linear mixed model with a residual structure: nlme::lme with corAR1 / corCAR1 /
 * corCompSymm and varIdent, then what Mixwell shows (summary with containment df, intervals()
 * for Phi and the variance ratios, anova(type = "marginal")).
 */
import { rQuoteName } from "../formula";
import type { BuilderModel } from "../model-spec";
import type { ResidualStructureSpec } from "../engine/residual-structure/types";
import { explicitLevels, isCategorical, modelColumns } from "./columns";
import type { CodeGenInput, GeneratedCode } from "./types";

// Plain column names (residual structure, d$…) as R needs them (backticks with R's escapes;
// reserved words such as `if` quoted).
const rName = rQuoteName;
const rString = (s: string) => JSON.stringify(s);
const CORRELATION = { ar1: "corAR1", car1: "corCAR1", cs: "corCompSymm" } as const;

export function hasResidualSpec(residual: ResidualStructureSpec | undefined): residual is ResidualStructureSpec {
  return !!residual && (residual.correlation !== undefined || residual.varianceBy !== undefined);
}

export function nlmeRCode(input: CodeGenInput, model: BuilderModel, residual: ResidualStructureSpec): GeneratedCode {
  if (model.random.length !== 1 || !model.outcome) {
    return { ok: false, reason: "A residual structure needs the random effects of one grouping factor; nlme's lme code is written for that case." };
  }
  const group = model.random[0];
  // The builder model's names are already written as in a formula (quoted as R quotes them).
  const fixedTerms = model.fixed.map((t) => t.join(":"));
  const fixed = `${model.outcome} ~ ${[model.intercept ? "1" : "0", ...fixedTerms].filter((t, i) => i > 0 || t !== "1" || fixedTerms.length === 0).join(" + ")}`;
  const effects = [group.intercept ? "1" : "0", ...group.slopes];
  const grouping = group.grouping;
  const randomEffects = effects.length === 1 ? `~ ${effects[0]} | ${grouping}` : `~ ${effects.filter((e, i) => i > 0 || e !== "1").join(" + ")} | ${grouping}`;
  const random = group.correlated || effects.length <= 2 ? randomEffects : `list(${grouping} = pdDiag(~ ${effects.filter((e, i) => i > 0 || e !== "1").join(" + ")}))`;
  const args = [`fixed = ${fixed}`, `random = ${random}`, "data = d", `method = "${input.spec.method}"`];
  if (residual.correlation) {
    const within = residual.group ? `${grouping}/${rName(residual.group)}` : grouping;
    const covariate = residual.correlation === "cs" ? "1" : rName(residual.time ?? "time");
    args.push(`correlation = ${CORRELATION[residual.correlation]}(form = ~ ${covariate} | ${within})`);
  }
  if (residual.varianceBy) args.push(`weights = varIdent(form = ~ 1 | ${rName(residual.varianceBy)})`);
  const lines = ["library(nlme)", ""];
  // nlme's lme() rebuilds its formulas from deparsed names without backticks (asOneFormula), so it
  // cannot read a column whose name needs quoting: say so where the code would fail.
  if (/`/.test(args.join(" "))) {
    lines.push("# Note: nlme cannot use column names that need `backticks` (spaces, symbols, reserved words);", "# rename those columns in the CSV (or with names(d) <- make.names(names(d))) before running lme().", "");
  }
  lines.push(`d <- read.csv(${rString(input.fileName)}, check.names = FALSE, na.strings = c("NA", ""))`);
  for (const c of modelColumns(input, model)) {
    if (!isCategorical(input, model, c)) continue;
    const levels = explicitLevels(c);
    const column = `d$${rName(c.name)}`;
    lines.push(levels ? `${column} <- factor(${column}, levels = c(${levels.map(rString).join(", ")}))` : `${column} <- factor(${column})`);
  }
  if (input.spec.contrasts === "sum") lines.push(`options(contrasts = c("contr.sum", "contr.poly"))`);
  lines.push("", `m <- lme(${args.join(",\n         ")})`);
  lines.push(
    "summary(m)  # t tests with nlme's containment df",
    `intervals(m, which = "var-cov")  # Phi and variance ratios with approximate 95% limits`,
    `anova(m, type = "marginal")  # F tests as Mixwell shows them`,
  );
  return { ok: true, code: lines.join("\n") + "\n" };
}
