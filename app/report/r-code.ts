/**
 * R code that reproduces a project's models with lme4 (+ lmerTest for Satterthwaite df and
 * p-values): read the data file, set each category's level order (first level = baseline), the
 * contrasts, then lmer()/glmer() with the model's options, summary() and the type III ANOVA.
 */
import { sortLevels } from "../data/csv/levels";
import type { ModelSpec } from "../model-spec/types";
import type { ProjectData } from "../project/schema";

/** What the script needs of a model (app/model-spec's ModelSpec; weights and nAGQ when set). */
export type RModel = Pick<ModelSpec, "name" | "formula" | "family" | "link" | "method" | "contrasts" | "categorical"> & {
  readonly weights?: string;
  readonly nAGQ?: number;
};

/** The script for the data and models (at least the data-reading part when there are no models). */
export function reproduceInR(data: ProjectData | null, models: readonly RModel[]): string {
  const lines = ["library(lme4)", "library(lmerTest)  # Satterthwaite df and p-values for linear mixed models", ""];
  if (data) lines.push(...readDataLines(data), "");
  models.forEach((m, i) => lines.push(...modelLines(m, `m${i + 1}`), ""));
  return lines.join("\n").trimEnd() + "\n";
}

function readDataLines(data: ProjectData): string[] {
  const na = `c(${data.missingCodes.map(rString).join(", ")})`;
  const lines = [`d <- read.csv(${rString(data.fileName)}, na.strings = ${na}, check.names = FALSE)`];
  for (const c of data.table.columns) {
    if (c.kind !== "categorical") continue;
    // Explicit levels keep the user's order (and baseline); long lists only when they differ from R's sort.
    const levels = c.levels.length > 100 && sameAsSorted(c.levels) ? "" : `, levels = c(${c.levels.map(rString).join(", ")})`;
    lines.push(`d[[${rString(c.name)}]] <- factor(d[[${rString(c.name)}]]${levels})`);
  }
  return lines;
}

function sameAsSorted(levels: readonly string[]): boolean {
  const sorted = sortLevels(levels);
  return sorted.every((l, i) => l === levels[i]);
}

function modelLines(s: RModel, variable: string): string[] {
  const lines = [`# ${s.name.replace(/\n/g, " ")}`];
  for (const c of s.categorical) lines.push(`d[[${rString(c)}]] <- factor(d[[${rString(c)}]])`);
  if (s.contrasts === "sum") lines.push('options(contrasts = c("contr.sum", "contr.poly"))');
  else lines.push('options(contrasts = c("contr.treatment", "contr.poly"))');
  const weights = s.weights ? `, weights = ${rName(s.weights)}` : "";
  if (s.family === "gaussian") {
    lines.push(`${variable} <- lmer(${s.formula}, data = d, REML = ${s.method === "ML" ? "FALSE" : "TRUE"}${weights})`);
    lines.push(`summary(${variable})`, `anova(${variable}, type = 3)`);
  } else {
    const link = s.link && s.link !== (s.family === "binomial" ? "logit" : "log") ? `(link = ${rString(s.link)})` : "";
    const nagq = s.nAGQ && s.nAGQ > 1 ? `, nAGQ = ${s.nAGQ}` : "";
    lines.push(`${variable} <- glmer(${s.formula}, data = d, family = ${s.family}${link}${weights}${nagq})`);
    lines.push(`summary(${variable})`);
  }
  return lines;
}

function rString(text: string): string {
  return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

/** A column name as R code: bare when syntactic, else in backticks. */
function rName(name: string): string {
  return /^[A-Za-z.][A-Za-z0-9._]*$/.test(name) ? name : `\`${name.replaceAll("`", "\\`")}\``;
}
