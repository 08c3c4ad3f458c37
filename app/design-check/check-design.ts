/**
 * checkDesign: what the data allow a mixed model to estimate, before fitting. For each grouping
 * factor its number of groups and rows per group; how grouping factors relate (nested or
 * crossed, and a warning where labels seem reused across clusters — implicit nesting that needs
 * `a/b`); which predictors vary within each grouping factor (only those can have random slopes
 * there); and lme4's identifiability checks (lmer's defaults: check.nlev.gtr.1,
 * check.nobs.vs.nlev, check.nobs.vs.nRE), all in plain words.
 *
 * Implicit nesting cannot be proven from data: we warn when two grouping factors are crossed and
 * their combinations hold repeated rows that no fixed predictor tells apart (replicates of one
 * unit, as Pastes' casks within batches), or at least 5 rows per combination (pupils in classes
 * numbered 1, 2, … in every school).
 */
import type { DataTable } from "../data/column";
import { expandFormula, formatFormula, parseFormula } from "../formula";
import type { ExpandedFormula, RandomTermSpec } from "../formula";
import { buildDesign } from "../engine/model-frame/design";
import { summarizeGrouping, relateGroupings } from "./grouping";
import { modelRows, type ModelRows } from "./model-rows";
import { slopeOptions } from "./slopes";
import type { DesignCheck, DesignFinding, GroupingRelation, RandomTermCount, WithinGroupVariation } from "./types";
import { variesWithinCells, withinGroupVariation } from "./variation";
import type { ModelFamily } from "../engine/families";

export interface DesignCheckOptions {
  readonly categorical?: readonly string[];
  readonly family?: ModelFamily;
}

/** Rows per combination from which reused labels are suspected even when predictors vary inside. */
const MANY_ROWS_PER_CELL = 5;
/** Fewer groups than this give a poorly determined variance (a note, not an error). */
const FEW_LEVELS = 5;

export function checkDesign(table: DataTable, formulaText: string, options: DesignCheckOptions = {}): DesignCheck {
  const formula = parseFormula(formulaText);
  const expanded = expandFormula(formula);
  const rows = modelRows(table, expanded, new Set(options.categorical ?? []));
  const findings: DesignFinding[] = [];
  if (expanded.random.length === 0) {
    findings.push({ severity: "error", message: "The formula has no random-effect term such as (1 | group); a mixed model needs at least one." });
  }
  if (rows.n === 0) findings.push({ severity: "error", message: "No row has values for every variable of the model." });
  else if (rows.dropped > 0) findings.push({ severity: "note", message: `${rows.dropped} of ${table.nrow} rows have a missing value in a model variable and are left out.` });

  const groupings = [...rows.groupings].map(([name, f]) => summarizeGrouping(name, f));
  const predictors = expanded.fixed.variables.map(rows.variableOf);
  const relations = relateAll(rows, predictors, findings);
  const variation = [...rows.groupings].flatMap(([name, f]) => withinGroupVariation(name, f, predictors));
  const randomTerms = expanded.random.map((spec) => countTerm(spec, rows, options.family ?? "gaussian"));
  for (const g of groupings) groupFindings(g.name, g.levels, g.singleRowLevels, rows.n, findings);
  for (const t of randomTerms) termFindings(t, options.family ?? "gaussian", findings);
  slopeFindings(expanded, rows, variation, findings);
  confoundedFindings(expanded, findings);
  const slopes = slopeOptions(formula, expanded, rows);
  return { formula: formatFormula(formula), observations: rows.n, droppedRows: rows.dropped, groupings, relations, variation, randomTerms, findings, slopes };
}

function relateAll(rows: ModelRows, predictors: ReturnType<ModelRows["variableOf"]>[], findings: DesignFinding[]): GroupingRelation[] {
  const entries = [...rows.groupings];
  const relations: GroupingRelation[] = [];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const [a, fa] = entries[i];
      const [b, fb] = entries[j];
      const rel = relateGroupings(a, fa, b, fb);
      relations.push(rel);
      if (rel.kind === "same") findings.push({ severity: "warning", message: `${rel.message}.` });
      const crossed = rel.kind === "crossed" || rel.kind === "partially crossed";
      const replicates = rel.rowsPerCell >= 2 && !variesWithinCells(fa, fb, predictors);
      if (crossed && (replicates || rel.rowsPerCell >= MANY_ROWS_PER_CELL)) {
        // The factor with fewer labels is the one whose labels would be reused (class 1, 2, … in each school).
        const [inner, outer] = fa.levels.length <= fb.levels.length ? [a, b] : [b, a];
        findings.push({ severity: "warning", message: implicitNestingMessage(inner, outer, rel.rowsPerCell) });
      }
    }
  }
  return relations;
}

function implicitNestingMessage(a: string, b: string, rowsPerCell: number): string {
  return (
    `'${b}' and '${a}' are crossed in the data, with ${rowsPerCell.toFixed(1)} rows per combination on average. ` +
    `If the same ${a} label is reused in different ${b} groups for different units (class 1 of one school is not class 1 of another), ` +
    `the model treats them as one unit: write (1 | ${b}/${a}) or (1 | ${b}:${a}) instead. If they really are the same units, the crossed model is right.`
  );
}

function countTerm(spec: RandomTermSpec, rows: ModelRows, family: string): RandomTermCount {
  const k = buildDesign(spec.effects, spec.effects.variables.map(rows.variableOf), rows.n, "treatment").columns.length;
  const levels = rows.groupings.get(spec.groupName)!.levels.length;
  const effects = k * levels;
  const allowN = family !== "gaussian";
  const fails = levels < 2 || (allowN ? levels > rows.n : levels >= rows.n) || (allowN ? rows.n < effects : rows.n <= effects);
  const lhs = spec.effects.intercept ? ["1", ...spec.effects.variableNames] : ["0", ...spec.effects.variableNames];
  return { term: `(${lhs.join(" + ")} | ${spec.groupName})`, group: spec.groupName, k, levels, effects, observations: rows.n, fails };
}

function groupFindings(name: string, levels: number, singles: number, n: number, findings: DesignFinding[]): void {
  if (levels < 2) findings.push({ severity: "error", message: `'${name}' has only ${levels} group in the rows used; a random effect needs at least two groups.` });
  else if (levels >= n) findings.push({ severity: "error", message: `'${name}' has ${levels} groups for ${n} rows: every group has a single row, so its variance cannot be told apart from the residual variance (lme4's check.nobs.vs.nlev).` });
  else if (levels < FEW_LEVELS) findings.push({ severity: "note", message: `'${name}' has only ${levels} groups; a variance estimated from so few groups is very uncertain (it may come out as zero).` });
  if (singles > 0 && levels < n) findings.push({ severity: "note", message: `${singles} of the ${levels} '${name}' groups have a single row.` });
}

function termFindings(t: RandomTermCount, family: string, findings: DesignFinding[]): void {
  const allowN = family !== "gaussian";
  if (t.levels >= 2 && t.levels < t.observations && (allowN ? t.observations < t.effects : t.observations <= t.effects)) {
    findings.push({
      severity: "error",
      message: `${t.term} has ${t.effects} random effects (${t.k} per group × ${t.levels} groups) for ${t.observations} rows: more random effects than the data allow, so the variances cannot be estimated (lme4's check.nobs.vs.nRE). Use fewer random slopes for '${t.group}'.`,
    });
  }
}

/** A random slope for a predictor that never varies within the grouping factor cannot be estimated. */
function slopeFindings(expanded: ExpandedFormula, rows: ModelRows, variation: readonly WithinGroupVariation[], findings: DesignFinding[]): void {
  for (const spec of expanded.random) {
    const group = rows.groupings.get(spec.groupName)!;
    for (const expr of spec.effects.variables) {
      const v = rows.variableOf(expr);
      const known = variation.find((x) => x.group === spec.groupName && x.predictor === v.name);
      const varies = known ? known.varies : withinGroupVariation(spec.groupName, group, [v])[0].varies;
      if (!varies) {
        findings.push({
          severity: "error",
          message: `'${v.name}' has a random slope by '${spec.groupName}', but it never changes within a ${spec.groupName} group, so there is no slope to estimate per group. Remove it from the ( … | ${spec.groupName}) term.`,
        });
      }
    }
  }
}

/** A grouping factor that is also a fixed effect: its groups' variance and its fixed effects are the same thing. */
function confoundedFindings(expanded: ExpandedFormula, findings: DesignFinding[]): void {
  const fixedNames = new Set(expanded.fixed.variableNames);
  const seen = new Set<string>();
  for (const spec of expanded.random) {
    if (spec.grouping.length !== 1 || seen.has(spec.groupName) || !fixedNames.has(spec.groupName)) continue;
    seen.add(spec.groupName);
    findings.push({
      severity: "warning",
      message: `'${spec.groupName}' is both a fixed effect and a grouping factor: with a fixed effect for each of its levels, no variation is left for the (… | ${spec.groupName}) random effect, whose variance will be estimated as zero. Use it as one or the other.`,
    });
  }
}
