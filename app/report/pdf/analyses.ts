/**
 * The PDF sections around a model's fit: how the model was made (its guided-fix step), the design
 * check of its formula on the project's data, the post-hoc analyses the user ran (as stored: the
 * numbers the UI showed) and an optimiser comparison when one was run.
 */
import type { DataTable } from "../../data/column";
import { checkDesign } from "../../design-check";
import { MixwellError } from "../../errors";
import type { ModelSpec } from "../../model-spec";
import type { PosthocAnalysis, ProjectModel } from "../../project/schema";
import {
  adjustmentName, designFindingSentences, designGroupingsTable, designRandomTermsTable, dfMethodName, guidedStepSentence, optimizerTable,
  posthocTables, withinGroupSentences, effectSizeNote,
} from "../analysis-tables";
import { formatTable, minusSign, type NumberStyle } from "../format-table";
import { displayTerm } from "../../formula/names";
import type { ReportWriter } from "./writer";

export function writeGuidedStep(w: ReportWriter, model: ProjectModel): void {
  if (!model.guidedStep) return;
  w.heading("How this model was made", 2);
  w.paragraph(guidedStepSentence(model.spec.name, model.guidedStep));
}

/** The design check of the fitted formula (or the current one) on the project's data, as before fitting. */
export function writeDesignCheck(w: ReportWriter, spec: ModelSpec, table: DataTable | null, style: NumberStyle): void {
  if (!table || !spec.formula.trim()) return;
  w.heading("Design check", 2);
  let check;
  try {
    check = checkDesign(table, spec.formula, { categorical: spec.categorical, family: spec.family });
  } catch (err) {
    if (!(err instanceof MixwellError)) throw err;
    return w.paragraph(`The design could not be checked: ${err.message}`, { muted: true });
  }
  w.paragraph(`Rows used: ${check.observations}${check.droppedRows ? ` (${check.droppedRows} left out for missing values)` : ""}.`);
  if (check.groupings.length) w.table(formatTable(designGroupingsTable(check), style));
  const relations = check.relations.map((r) => r.message);
  if (relations.length) w.bullets(relations);
  const within = withinGroupSentences(check);
  if (within.length) w.bullets(within);
  if (check.randomTerms.length) w.table(formatTable(designRandomTermsTable(check), style));
  w.bullets(designFindingSentences(check));
}

export function writePosthoc(w: ReportWriter, analyses: readonly PosthocAnalysis[], statisticName: "t" | "z", style: NumberStyle): void {
  if (analyses.length === 0) return;
  w.heading("Post-hoc comparisons", 2);
  for (const a of analyses) {
    const view = a.result;
    if (!view) {
      const by = a.request.by.length ? ` by ${a.request.by.join(", ")}` : "";
      w.paragraph(`Marginal means of ${a.request.specs.join(" × ")}${by} (${adjustmentName(a.request.adjust)} adjustment) were not computed for this fit; open the project and refit the model to see them.`, { muted: true });
      continue;
    }
    for (const table of posthocTables(view, statisticName)) w.table(formatTable(table, style));
    const notes = [
      view.means.averagedOver.length ? `Averaged over ${view.means.averagedOver.map(displayTerm).join(", ")}.` : "",
      Object.keys(view.means.covariates).length
        ? `Covariates held at their means: ${Object.entries(view.means.covariates).map(([k, v]) => `${displayTerm(k)} = ${minusSign(String(Number(v.toPrecision(4))))}`).join(", ")}.`
        : "",
      `Degrees of freedom: ${dfMethodName(view.means.dfMethod)}. Confidence level ${Math.round(view.means.level * 100)}%.`,
      view.pairs?.note ?? "",
      view.pairs?.effectSizes ? `Effect sizes: ${effectSizeNote(view.pairs.effectSizes)}.` : "",
      view.ordinal ? `Ordinal model: probabilities and mean class averaged over the other predictors, random effects at 0; delta-method SEs, asymptotic (z) intervals.` : "",
    ].filter(Boolean);
    w.paragraph(notes.join(" "), { muted: true });
  }
}

export function writeOptimizerCheck(w: ReportWriter, model: ProjectModel, style: NumberStyle): void {
  const check = model.optimizerCheck;
  if (!check) return;
  w.heading("Optimiser check", 2);
  w.table(formatTable(optimizerTable(check), style));
  w.paragraph(check.message, { muted: true });
}

/** R code (package emmeans) for the post-hoc analyses of a model fitted as `m` (app/code-gen; the PDF's R code section). */
export { posthocRCode } from "../../code-gen/r-code-posthoc";
