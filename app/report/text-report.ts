/**
 * The project report as plain text (`mixwell report --text`): for each model its formula, the
 * guided-fix step that made it, the design check, the result tables, the warnings, an optimiser
 * comparison and the post-hoc analyses — the PDF report's content, from the same stored result
 * objects, with tables laid out in columns.
 */
import type { DataTable } from "../data/column";
import { checkDesign, formatDesignCheck } from "../design-check";
import { MixwellError } from "../errors";
import { tableFromProjectData } from "../project/convert";
import type { ProjectContent, ProjectModel } from "../project/schema";
import { adjustmentName, dfMethodName, guidedStepSentence, optimizerTable, posthocTables } from "./analysis-tables";
import { layoutTable } from "./format-number";
import { formatTable, type NumberStyle } from "./format-table";
import { resultTables, type ResultTable } from "./result-tables";
import { DEFAULT_TERM_NAMES, formulaText, termNamesSetting, type TermNames } from "./term-labels";
import { inferenceSections } from "./analysis-sections";

function tableText(table: ResultTable, style: NumberStyle, names: TermNames = DEFAULT_TERM_NAMES): string[] {
  const t = formatTable(table, style, names);
  const text = t.textColumn.reduce((n, isText, j) => (isText && j === n ? n + 1 : n), 0);
  return [t.title, ...layoutTable([t.header, ...t.rows], Math.max(1, text)).map((l) => `  ${l}`), ""];
}

function designText(model: ProjectModel, table: DataTable | null): string[] {
  const spec = model.result?.fittedSpec ?? model.spec;
  if (!table || !spec.formula.trim()) return [];
  try {
    return [formatDesignCheck(checkDesign(table, spec.formula, { categorical: spec.categorical, family: spec.family })).trimEnd(), ""];
  } catch (err) {
    if (err instanceof MixwellError) return [`The design could not be checked: ${err.message}`, ""];
    throw err;
  }
}

function posthocText(model: ProjectModel, statisticName: "t" | "z", style: NumberStyle): string[] {
  const out: string[] = [];
  for (const a of model.posthoc ?? []) {
    if (!a.result) {
      out.push(`Marginal means of ${a.request.specs.join(" × ")} (${adjustmentName(a.request.adjust)}): not computed for this fit.`, "");
      continue;
    }
    for (const table of posthocTables(a.result, statisticName)) out.push(...tableText(table, style));
    const m = a.result.means;
    if (m.averagedOver.length) out.push(`Averaged over ${m.averagedOver.join(", ")}.`);
    out.push(`Degrees of freedom: ${dfMethodName(m.dfMethod)}. Confidence level ${Math.round(m.level * 100)}%.`);
    if (a.result.pairs) out.push(a.result.pairs.note);
    out.push("");
  }
  return out;
}

export function modelReportText(model: ProjectModel, table: DataTable | null, style: NumberStyle = "plain", names: TermNames = DEFAULT_TERM_NAMES): string {
  const out = [`Model: ${model.spec.name}`, `Formula: ${formulaText((model.result?.fittedSpec ?? model.spec).formula, names)}`, ""];
  if (model.guidedStep) out.push(guidedStepSentence(model.spec.name, model.guidedStep), "");
  out.push(...designText(model, table));
  const result = model.result;
  if (!result) return [...out, "This model has not been fitted.", ""].join("\n");
  // A report never mixes data sets: results of other data (edited or replaced since) are left out.
  if (!result.current) return [...out, "Left out: this model was fitted on other data (edited or replaced since); refit it to report its results.", ""].join("\n");
  for (const t of resultTables(result.view)) out.push(...tableText(t, style, names));
  for (const section of inferenceSections(model.inference, style, result.view.termInfo)) out.push(...section.tables.flatMap((t) => tableText(t, style, names)), ...section.sentences, "");
  out.push("Warnings:", ...(result.view.warnings.length ? result.view.warnings.map((w) => `  - ${w}`) : ["  none"]), "");
  if (model.optimizerCheck) out.push(...tableText(optimizerTable(model.optimizerCheck), style), model.optimizerCheck.message, "");
  out.push(...posthocText(model, result.view.statisticName, style));
  return out.join("\n");
}

/** The whole project's report as text. */
export function buildReportText(content: ProjectContent, options: { projectName?: string; numberStyle?: NumberStyle; termNames?: TermNames } = {}): string {
  const table = content.data ? tableFromProjectData(content.data) : null;
  const head = [options.projectName ? `Mixwell report: ${options.projectName}` : "Mixwell report", ""];
  if (content.data) head.push(`Data: ${content.data.fileName}, ${content.data.table.nrow} rows, ${content.data.table.columns.length} columns`, "");
  const names = options.termNames ?? termNamesSetting(content.view.settings);
  const body = content.models.map((m) => modelReportText(m, table, options.numberStyle ?? "plain", names));
  return `${[...head, ...body].join("\n").trimEnd()}\n`;
}
