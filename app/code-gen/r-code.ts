/**
 * R code that reproduces a fit with lme4 + lmerTest from the saved CSV: read.csv, factor() for
 * categorical columns (with the level order where it is not the default), the lmer/glmer call
 * and the summaries Mixwell shows (summary with Satterthwaite tests, type III anova, Wald
 * intervals — with Satterthwaite t quantiles for an LMM, normal for a GLMM — and Nakagawa's R²).
 */
import { builderOf, explicitLevels, isCategorical, modelColumns } from "./columns";
import { rQuoteName } from "../formula";
import type { CodeGenInput, GeneratedCode } from "./types";
import { hasResidualSpec, nlmeRCode } from "./r-code-nlme";
import { rInferenceLines } from "./r-code-inference";
import { FAMILY_LINKS } from "../engine/glmm/family";
import { ordinalCodeOf } from "./r-code-ordinal";
import type { GlmmFamilyName } from "../engine/families";

/** R's family functions (glmer.nb for the negative binomial is its own call). */
const R_FAMILY: Readonly<Record<GlmmFamilyName, string>> = {
  binomial: "binomial",
  poisson: "poisson",
  "negative-binomial": "MASS::negative.binomial",
  gamma: "Gamma",
  "inverse-gaussian": "inverse.gaussian",
};

/** `d$name` needs backticks (with R's escapes) for names that are not syntactic or are reserved (`if`). */
const rName = rQuoteName;
const rString = (s: string) => JSON.stringify(s);

export function rCode(input: CodeGenInput): GeneratedCode {
  const model = builderOf(input);
  if (typeof model === "string") return { ok: false, reason: model };
  const { spec } = input;
  if (spec.family === "ordinal") return ordinalCodeOf(input);
  if (spec.family === "gaussian" && hasResidualSpec(spec.residual)) return nlmeRCode(input, model, spec.residual);
  const lines = ["library(lme4)", ...(spec.family === "gaussian" ? ["library(lmerTest)  # Satterthwaite df and p-values"] : []), ""];
  lines.push(`d <- read.csv(${rString(input.fileName)}, check.names = FALSE, na.strings = c("NA", ""))`);
  for (const c of modelColumns(input, model)) {
    if (!isCategorical(input, model, c)) continue;
    const levels = explicitLevels(c);
    const column = `d$${rName(c.name)}`;
    lines.push(levels ? `${column} <- factor(${column}, levels = c(${levels.map(rString).join(", ")}))` : `${column} <- factor(${column})`);
  }
  if (spec.contrasts === "sum") lines.push(`options(contrasts = c("contr.sum", "contr.poly"))`);
  lines.push("");
  if (spec.family === "gaussian") {
    lines.push(`m <- lmer(${spec.formula}, data = d, REML = ${spec.method === "REML" ? "TRUE" : "FALSE"})`);
    // Kenward–Roger (needs the pbkrtest package): lmerTest's ddf argument; Satterthwaite is its default.
    const kr = spec.ddf === "Kenward-Roger";
    const ddfArg = kr ? `, ddf = "Kenward-Roger"` : "";
    lines.push(
      `summary(m${ddfArg})`,
      `anova(m${ddfArg})  # type III, ${kr ? "Kenward-Roger (needs pbkrtest)" : "Satterthwaite"}`,
      `# 95% intervals with ${kr ? "Kenward-Roger" : "Satterthwaite"} df, as Mixwell shows them`,
      `co <- summary(m${ddfArg})$coefficients`,
      `cbind(lower = co[, "Estimate"] + qt(0.025, co[, "df"]) * co[, "Std. Error"], upper = co[, "Estimate"] + qt(0.975, co[, "df"]) * co[, "Std. Error"])`,
      ...rInferenceLines(input),
    );
  } else {
    const link = spec.link ?? FAMILY_LINKS[spec.family][0];
    const nAGQ = spec.nAGQ !== undefined && spec.nAGQ !== 1 ? `, nAGQ = ${spec.nAGQ}` : "";
    if (spec.family === "negative-binomial") {
      lines.push(`m <- glmer.nb(${spec.formula}, data = d)`, `getME(m, "glmer.nb.theta")  # the negative binomial θ`);
    } else {
      lines.push(`m <- glmer(${spec.formula}, data = d, family = ${R_FAMILY[spec.family]}(link = "${link}")${nAGQ})`);
    }
    lines.push("summary(m)", `confint(m, parm = "beta_", method = "Wald")`);
    if (link === "log") lines.push(`exp(cbind(estimate = fixef(m), confint(m, parm = "beta_", method = "Wald")))  # exp(b): ratios of means, with 95% intervals`);
  }
  if (spec.family === "gaussian" || spec.family === "binomial" || spec.family === "poisson") {
    lines.push("performance::r2_nakagawa(m)  # R², needs the performance package");
  }
  return { ok: true, code: lines.join("\n") + "\n" };
}
