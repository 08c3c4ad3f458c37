/**
 * The PDF report of a project: title and date, the data summary, then for each model its formula
 * and options, the guided-fix step that made it, the design check, the fixed-effects,
 * random-effects, ANOVA and fit-statistics tables, the warnings, an optimiser comparison, the
 * post-hoc analyses and the diagnostic plots, and finally the R code that reproduces the analysis.
 * Built from the project's stored results — the same objects the UI shows — with the fonts embedded.
 */
import { describeColumn, type ColumnDescription } from "../../describe/describe";
import type { FitView, RanefView } from "../../model-spec/fit-view";
import type { ProjectContent, ProjectData, ProjectModel } from "../../project/schema";
import { tableFromProjectData } from "../../project/convert";
import { formatTable, minusSign, type FormattedTable, type NumberStyle } from "../format-table";
import { formatSignificant } from "../format-number";
import { resultTables } from "../result-tables";
import { formulaText, plainVariableName, termLabeller, termNamesSetting, type TermNames } from "../term-labels";
import { bootstrapRCode, rCode, type CodeColumn } from "../../code-gen";
import { loadReportFonts, type ReportFonts } from "./fonts";
import { caterpillar, normalQq, residualsVsFitted, INK, MAX_POINTS } from "./plots";
import { effectPlot } from "./effect-plot";
import { probabilityPlot } from "./probability-plot";
import { CONTENT, ReportWriter } from "./writer";
import { posthocRCode, writeDesignCheck, writeGuidedStep, writeOptimizerCheck, writePosthoc } from "./analyses";
import { writeInference } from "./inference";
import type { DataTable } from "../../data/column";
import { residualStructureRows } from "../residual-structure-rows";
import { FAMILY_LINKS } from "../../engine/glmm/family";

export interface ReportOptions {
  /** Shown in the title, e.g. the project's file name. */
  readonly projectName?: string;
  readonly date?: Date;
  readonly numberStyle?: NumberStyle;
  /** Readable term names or R's; default: the project's setting (view.settings.termNames), readable. */
  readonly termNames?: TermNames;
  /** Indexes of the models to include (default: all). */
  readonly models?: readonly number[];
  /** Mixwell's version, printed under the title. */
  readonly version?: string;
  readonly fonts?: ReportFonts;
}

export async function buildReportPdf(content: ProjectContent, options: ReportOptions = {}): Promise<Uint8Array> {
  const date = options.date ?? new Date();
  const title = options.projectName ? `Mixwell report: ${options.projectName}` : "Mixwell report";
  const w = new ReportWriter(options.fonts ?? loadReportFonts(), { title, date });
  const style = options.numberStyle ?? "plain";
  const models = options.models ? content.models.filter((_, i) => options.models!.includes(i)) : content.models;
  w.title(title, `Created ${formatDate(date)}${options.version ? ` with Mixwell ${options.version}` : ""}${style === "apa" ? " · APA style" : ""}`);
  const table = content.data ? tableFromProjectData(content.data) : null;
  writeData(w, content.data, table);
  const names = options.termNames ?? termNamesSetting(content.view.settings);
  for (const model of models) writeModel(w, model, style, table, names);
  w.heading("R code to reproduce");
  w.paragraph("The code of the Code tab: run it in R with the data file in the working directory (packages lme4 and lmerTest; emmeans for post-hoc comparisons).", { muted: true });
  w.code(rScript(content.data, models));
  return w.finish(title);
}

/** Each model's R code, as the results' Code tab shows it (app/code-gen). */
function rScript(data: ProjectData | null, models: readonly ProjectModel[]): string {
  const columns: CodeColumn[] = (data?.table.columns ?? []).map((c) =>
    c.kind === "categorical" ? { name: c.name, kind: c.kind, levels: c.levels } : { name: c.name, kind: c.kind },
  );
  const fileName = data?.fileName ?? "data.csv";
  if (models.length === 0) return "# No models in this project.\n";
  return models
    .map((m) => {
      const code = rCode({ spec: m.spec, fileName, columns });
      return `# ${m.spec.name.replace(/\n/g, " ")}\n${code.ok ? code.code + posthocRCode(m.posthoc ?? []) + (m.inference?.bootstrap ? bootstrapRCode(m.inference.bootstrap) : "") : `# ${code.reason}\n`}`;
    })
    .join("\n");
}

function formatDate(date: Date): string {
  return date.toLocaleString("en-GB", { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

function writeData(w: ReportWriter, data: ProjectData | null, table: DataTable | null): void {
  w.heading("Data");
  if (!data || !table) return w.paragraph("No data in this project.");
  w.keyValues([
    ["Source", data.fileName],
    ["Size", `${data.table.nrow} rows, ${data.table.columns.length} columns`],
    ["Missing codes", data.missingCodes.map((c) => (c === "" ? "(empty cell)" : `"${c}"`)).join(", ")],
  ]);
  const rows = table.columns.slice(0, 60).map((c) => describeRow(describeColumn(c)));
  const summary: FormattedTable = {
    title: "Columns",
    header: ["Column", "Type", "Missing", "Summary"],
    italicHeader: [false, false, false, false],
    textColumn: [true, true, false, true],
    rows,
  };
  w.table(summary, table.columns.length > 60 ? { caption: `The first 60 of ${table.columns.length} columns.` } : {});
}

function describeRow(d: ColumnDescription): string[] {
  const f = (x: number | null) => (x === null ? "–" : minusSign(formatSignificant(x, 4)));
  if (d.kind === "number") return [d.name, "number", String(d.missing), `mean ${f(d.mean)}, SD ${f(d.sd)}, range ${f(d.min)} to ${f(d.max)}`];
  const shown = d.levels.slice(0, 6).map((l) => l.level).join(", ");
  const more = d.levels.length > 6 ? ", …" : "";
  return [d.name, "category", String(d.missing), `${d.levels.length} levels: ${shown}${more} (baseline ${d.levels[0]?.level ?? "–"})`];
}

function modelOptions(model: ProjectModel, names: TermNames): [string, string][] {
  const s = model.spec;
  const rows: [string, string][] = [["Formula", formulaText(s.formula, names)]];
  if (s.family === "gaussian") rows.push(["Family", "gaussian (linear mixed model)"], ["Method", s.method === "ML" ? "maximum likelihood" : "REML"]);
  else if (s.family === "ordinal") rows.push(["Family", `ordinal (cumulative link), ${s.link ?? "logit"} link`], ["Method", (s.nAGQ ?? 1) > 1 ? `maximum likelihood (adaptive Gauss–Hermite quadrature, nAGQ = ${s.nAGQ})` : "maximum likelihood (Laplace approximation)"]);
  else {
    rows.push(["Family", `${s.family}, ${s.link ?? FAMILY_LINKS[s.family][0]} link`]);
    const q = s.nAGQ ?? 1;
    rows.push(["Method", q === 0 ? "maximum likelihood (fast approximation, nAGQ = 0)" : q > 1 ? `maximum likelihood (adaptive Gauss–Hermite quadrature, nAGQ = ${q})` : "maximum likelihood (Laplace approximation)"]);
  }
  rows.push(["Contrasts", s.contrasts === "sum" ? "sum-to-zero" : "treatment (first level is the baseline)"]);
  if (s.categorical.length) rows.push(["Numbers treated as categories", s.categorical.join(", ")]);
  const fittedAt = model.result?.fittedAt;
  if (fittedAt) rows.push(["Fitted", formatDate(new Date(fittedAt))]);
  return rows;
}

function writeModel(w: ReportWriter, model: ProjectModel, style: NumberStyle, data: DataTable | null, names: TermNames): void {
  w.heading(`Model: ${model.spec.name}`);
  const result = model.result;
  // The results are those of the specification the fit was made from.
  const spec = result ? result.fittedSpec : model.spec;
  w.keyValues(modelOptions({ ...model, spec }, names));
  writeGuidedStep(w, model);
  writeDesignCheck(w, spec, data, style);
  if (!result) return w.paragraph("This model has not been fitted.", { muted: true });
  // A report never mixes data sets: results of other data (edited or replaced since) are left out.
  if (!result.current) return w.paragraph("Left out: this model was fitted on other data (edited or replaced since); refit it to report its results.", { muted: true });
  const fit = result.view;
  if (fit.residualStructure) w.keyValues(residualStructureRows(fit.residualStructure));
  for (const table of resultTables(fit)) w.table(formatTable(table, style, names));
  writeInference(w, model.inference, style, names, fit.termInfo);
  w.heading("Warnings", 2);
  if (fit.warnings.length === 0) w.paragraph("None.");
  else w.bullets(fit.warnings);
  writeOptimizerCheck(w, model, style);
  writePosthoc(w, model.posthoc ?? [], fit.statisticName, style);
  writePlots(w, fit, names);
}

function writePlots(w: ReportWriter, fit: FitView, names: TermNames): void {
  const d = fit.diagnostics;
  const firstBlock = fit.ranef[0];
  if (d.fitted.length === 0 && !firstBlock && fit.effects.curves.length === 0) return;
  w.ensureSpace(240); // keep the heading with the first row of plots
  w.heading("Plots", 2);
  const notes: string[] = [];
  if (d.fitted.length > 0) {
    const half = (CONTENT.width - 16) / 2;
    const thinned = w.block(205, (top) => {
      normalQq(w.doc, { x: CONTENT.left + half + 16, y: top, width: half, height: 190 }, d);
      return residualsVsFitted(w.doc, { x: CONTENT.left, y: top, width: half, height: 190 }, d);
    });
    if (thinned || d.total > d.fitted.length) notes.push(`The scatter plots show ${Math.min(MAX_POINTS, d.fitted.length)} evenly spaced observations of ${d.total}.`);
  }
  if (fit.family === "ordinal") writeProbabilityPlots(w, fit);
  else writeEffectPlots(w, fit);
  for (const block of fit.ranef) {
    if (block.levels.length === 0) continue;
    const left = writeCaterpillars(w, block, termLabeller(fit.termInfo, names));
    if (left > 0) notes.push(`The caterpillar plots of ${plainVariableName(block.group)} show the 20 lowest and 20 highest of ${block.levels.length} levels.`);
  }
  for (const note of notes) w.paragraph(note, { muted: true });
}

/**
 * The caterpillar plots of one grouping factor: a panel per random effect (intercept and each
 * slope), as lme4's dotplot(ranef(m, condVar = TRUE)) draws them, side by side up to three to a row
 * (two to a row beyond) under one title; each panel sorts the levels by its own effect. One effect:
 * one full-width plot with the title of its own. Returns the levels left out.
 */
function writeCaterpillars(w: ReportWriter, block: RanefView, termName: (term: string) => string): number {
  const shown = Math.min(block.levels.length, 40);
  const height = Math.max(140, Math.min(430, 60 + shown * 9));
  const group = plainVariableName(block.group);
  const k = block.terms.length;
  if (k <= 1) {
    return w.block(height + 10, (top) => caterpillar(w.doc, { x: CONTENT.left, y: top, width: CONTENT.width, height }, block, `${group}: ${termName(block.terms[0] ?? "")}`));
  }
  const perRow = k <= 3 ? k : 2;
  const gap = 16;
  const width = (CONTENT.width - gap * (perRow - 1)) / perRow;
  const heading = 14;
  let left = 0;
  for (let first = 0; first < k; first += perRow) {
    const terms = block.terms.slice(first, first + perRow);
    w.block(height + 10 + (first === 0 ? heading : 0), (top) => {
      if (first === 0) {
        w.doc.font("Bold").fontSize(8.5).fillColor(INK).text(`${group}: conditional modes ± 1.96 SD`, CONTENT.left, top, { width: CONTENT.width, align: "center", lineBreak: false });
        top += heading;
      }
      terms.forEach((term, j) => {
        const box = { x: CONTENT.left + j * (width + gap), y: top, width, height };
        left = Math.max(left, caterpillar(w.doc, box, block, undefined, first + j, termName(term)));
      });
    });
  }
  return left;
}

/**
 * The effect of each predictor (as the Plots tab draws it), two to a row. With an interaction of
 * factors, one plot of the first predictor by the other (an interaction plot).
 */
function writeEffectPlots(w: ReportWriter, fit: FitView): void {
  const products = fit.fixef.map((r) => r.term.split(":")).filter((parts) => parts.length > 1);
  const interacts = (x: string, by: string) => products.some((parts) => parts.some((p) => p.startsWith(x)) && parts.some((p) => p.startsWith(by)));
  const interaction = fit.effects.curves.find((c) => c.by !== null && c.xKind === "factor" && interacts(c.x, c.by));
  const curves = [...fit.effects.curves.filter((c) => c.by === null), ...(interaction ? [interaction] : [])];
  const half = (CONTENT.width - 16) / 2;
  for (let i = 0; i < curves.length; i += 2) {
    w.block(205, (top) => {
      curves.slice(i, i + 2).forEach((c, j) => effectPlot(w.doc, { x: CONTENT.left + j * (half + 16), y: top, width: half, height: 190 }, c, fit.effects.yLabel));
    });
  }
}

/**
 * An ordinal fit's effects, as its Plots tab draws them: the probability of each outcome category
 * per level of each factor (stacked bars), two to a row; numeric predictors have their odds ratios.
 */
function writeProbabilityPlots(w: ReportWriter, fit: FitView): void {
  const curves = fit.effects.curves.filter((c) => c.xKind === "factor");
  const half = (CONTENT.width - 16) / 2;
  for (let i = 0; i < curves.length; i += 2) {
    w.block(205, (top) => {
      curves.slice(i, i + 2).forEach((c, j) => probabilityPlot(w.doc, { x: CONTENT.left + j * (half + 16), y: top, width: half, height: 190 }, c, fit.responseName));
    });
  }
  // Under the charts it explains (the caterpillar's notes come after it).
  if (curves.length === 0) return;
  w.paragraph(ordinalPlotsNote(fit.link === "probit" ? "coefficients" : "odds ratios"), { muted: true });
  w.doc.moveDown(0.6); // room between the note and the caterpillar's title
}

/** What the category-probability charts hold (the Plots tab's note, for the page). */
const ordinalPlotsNote = (effects: string) =>
  `Category probabilities: other factors averaged over with equal weights, numeric predictors at their means (their effects are the ${effects} of the fixed-effects table), random effects at 0 (emmeans' mode = "prob"); a stacked bar shows no intervals (the post-hoc category-probability tables give them).`;
