/**
 * A column renamed in a fit's results and in a post-hoc result (issue 15: a rename changes no
 * data, so the fitted numbers stay valid and only the names they are labelled with change).
 *
 * Results name things as R does: variables by their formula text (`` `Subject ID` ``, `log(x)`,
 * `a:b`), and coefficients by the variable followed by the level it codes (`attitudepol`,
 * `` `gen der`M ``, `poly(x, 2)1`), joined by ':' in interactions. A variable's text is renamed on
 * its tokens (renameColumnInText). A coefficient is renamed part by part: a quoted name ends at its
 * backtick; a plain name runs into its level (`attitudepol`), so the longest column of the model
 * that starts the part says which column it is.
 */
import type { EmmeansView } from "../api/contract-analysis";
import { columnsInFormulaText, quoteName, renameColumnInText, splitInteraction } from "../formula";
import { backtickName, readQuotedName } from "../formula/names";
import type { MarginalMeanRow } from "../emmeans/types";
import type { EffectsView, FitView, RanefView, TermInfoView, TermPartView, VarCorrView } from "./fit-view";
import { describeResidualStructure } from "./residual-fit-view";
import type { ResidualStructureSpec } from "../engine/residual-structure/types";
import type { IntervalRow } from "../engine/lmm/types";
import type { InferenceResults } from "../project/schema";

type Rename = (text: string) => string;

/** The fit's view with column `from` called `to` in every name; the same object when it does not use the column. */
export function renameColumnInFit(view: FitView, from: string, to: string): FitView {
  const columns = columnsInFormulaText(view.formula) ?? [];
  const rs = view.residualStructure?.spec;
  const inResidual = rs !== undefined && [rs.time, rs.group, rs.varianceBy].includes(from);
  if (from === to || (!columns.includes(from) && !inResidual)) return view;
  const name: Rename = (text) => renameColumnInText(text, from, to);
  const coef: Rename = (text) => renameCoefficient(text, from, to, columns);
  const responseName = name(view.responseName);
  const ngroups = Object.fromEntries(Object.entries(view.ngroups).map(([g, n]) => [name(g), n]));
  const renamed: FitView = {
    ...view,
    formula: name(view.formula),
    responseName,
    ngroups,
    fixef: view.fixef.map((f) => ({ ...f, term: coef(f.term) })),
    varcorr: view.varcorr.map((r) => renameVarCorr(r, name, coef)),
    anova: view.anova?.map((a) => ({ ...a, term: name(a.term) })) ?? null,
    ranef: view.ranef.map((b): RanefView => ({ ...b, group: name(b.group), terms: b.terms.map(coef) })),
    effects: renameEffects(view.effects, name, view.responseName, responseName),
    warnings: view.warnings.map((w) => renameInMessage(w, from, to)),
    ...(view.termInfo ? { termInfo: renameTermInfo(view.termInfo, name, coef) } : {}),
  };
  const r = view.residualStructure;
  if (!r) return renamed;
  const spec = renameInResidualSpec(r.spec, from, to);
  return { ...renamed, residualStructure: { ...r, spec, description: describeResidualStructure(spec, Object.keys(ngroups)[0] ?? "") } };
}

/** A post-hoc result with column `from` called `to` in its factor and covariate names. */
export function renameColumnInEmmeans(view: EmmeansView, from: string, to: string): EmmeansView {
  if (from === to) return view;
  const name: Rename = (text) => renameColumnInText(text, from, to);
  const keys = <T>(record: Readonly<Record<string, T>>): Record<string, T> => Object.fromEntries(Object.entries(record).map(([k, v]) => [name(k), v]));
  const { means, ...rest } = view;
  return {
    ...(renameInAnalysis(rest, name) as Omit<EmmeansView, "means">),
    means: {
      ...means,
      ...(means.trendOf !== undefined ? { trendOf: name(means.trendOf) } : {}),
      specs: means.specs.map(name),
      by: means.by.map(name),
      rows: means.rows.map((r): MarginalMeanRow => ({ ...r, levels: keys(r.levels) })),
      averagedOver: means.averagedOver.map(name),
      covariates: keys(means.covariates),
    },
  };
}

/**
 * The comparisons, simple-effect tests and other parts of a post-hoc result, walked as plain data
 * so that parts added later are covered as long as they name variables the same way: a `by`
 * record keyed by variable, an `effect` list of variables, a `factor` or `response` variable.
 */
function renameInAnalysis(value: unknown, name: Rename): unknown {
  if (Array.isArray(value)) return value.map((v) => renameInAnalysis(v, name));
  if (value === null || typeof value !== "object" || ArrayBuffer.isView(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      if (k === "by" && v !== null && typeof v === "object" && !Array.isArray(v)) return [k, Object.fromEntries(Object.entries(v).map(([f, level]) => [name(f), level]))];
      if ((k === "factor" || k === "response") && typeof v === "string") return [k, name(v)];
      if (k === "effect" && Array.isArray(v)) return [k, v.map((f) => (typeof f === "string" ? name(f) : f))];
      return [k, renameInAnalysis(v, name)];
    }),
  );
}

/**
 * The inference run on a fit (random-effect tests, Johnson–Neyman, standardized effects, bootstrap
 * intervals) with column `from` called `to`; `formula` is the fitted formula (before the rename).
 */
export function renameColumnInInference(inference: InferenceResults, formula: string, from: string, to: string): InferenceResults {
  const columns = columnsInFormulaText(formula) ?? [];
  if (from === to || !columns.includes(from)) return inference;
  const name: Rename = (text) => renameColumnInText(text, from, to);
  const coef: Rename = (text) => renameCoefficient(text, from, to, columns);
  const { ranova, johnsonNeyman, standardized, bootstrap, pbTest } = inference;
  const interval = (r: IntervalRow): IntervalRow => ({
    ...r,
    ...(r.term !== undefined ? { term: coef(r.term) } : {}),
    ...(r.group !== undefined && r.group !== "Residual" ? { group: name(r.group) } : {}),
    ...(typeof r.name1 === "string" ? { name1: coef(r.name1) } : {}),
    ...(typeof r.name2 === "string" ? { name2: coef(r.name2) } : {}),
  });
  return {
    ...inference,
    // lmerTest's row names are formula text ("Days in (Days | Subject)"), and "<none>".
    ...(ranova ? { ranova: { ...ranova, rows: ranova.rows.map((r) => (r.term === "<none>" ? r : { ...r, term: name(r.term) })) } } : {}),
    ...(johnsonNeyman ? { johnsonNeyman: { ...johnsonNeyman, x: coef(johnsonNeyman.x), moderator: coef(johnsonNeyman.moderator) } } : {}),
    ...(standardized ? { standardized: standardized.map((e) => ({ ...e, term: coef(e.term) })) } : {}),
    ...(bootstrap ? { bootstrap: { ...bootstrap, ci_boot: bootstrap.ci_boot.map(interval) } } : {}),
    // The smaller model's formula, as its own spec follows the rename (so the pair still matches).
    ...(pbTest ? { pbTest: { ...pbTest, against: { ...pbTest.against, formula: name(pbTest.against.formula) } } } : {}),
  };
}

/**
 * A coefficient name with column `from` called `to`: each ':'-separated part is a variable
 * followed by the level (or polynomial degree) it codes.
 */
export function renameCoefficient(text: string, from: string, to: string, columns: readonly string[]): string {
  if (text === "(Intercept)") return text;
  return splitInteraction(text)
    .map((part) => renamePart(part, from, to, columns))
    .join(":");
}

function renamePart(part: string, from: string, to: string, columns: readonly string[]): string {
  if (part.startsWith("`")) {
    const read = readQuotedName(part, 0);
    return read && read.name === from ? quoteName(to) + part.slice(read.end) : part;
  }
  const plain = columns.filter((c) => quoteName(c) === c && part.startsWith(c) && part[c.length] !== "(");
  const longest = plain.reduce<string | null>((best, c) => (best === null || c.length > best.length ? c : best), null);
  if (longest !== null) return longest === from ? quoteName(to) + part.slice(from.length) : part;
  // A function of columns (log(x), poly(x, 2)1): its tokens, the level after it left alone.
  return part.includes("(") ? renameColumnInText(part, from, to) : part;
}

function renameTermInfo(info: TermInfoView, name: Rename, coef: Rename): TermInfoView {
  const part = (p: TermPartView): TermPartView => (p.kind === "poly" ? { ...p, variable: name(p.variable), source: name(p.source) } : { ...p, variable: name(p.variable) });
  return {
    columns: info.columns.map((c) => ({ name: coef(c.name), term: name(c.term), parts: c.parts.map(part) })),
    factors: Object.fromEntries(Object.entries(info.factors).map(([f, levels]) => [name(f), levels])),
  };
}

function renameVarCorr(r: VarCorrView, name: Rename, coef: Rename): VarCorrView {
  // The residual row is named "Residual" by lme4, whatever the columns are called.
  if (r.group === "Residual" && !r.name1) return r;
  return { ...r, group: name(r.group), name1: r.name1 === null ? null : coef(r.name1), name2: r.name2 === null ? null : coef(r.name2) };
}

function renameEffects(effects: EffectsView, name: Rename, oldResponse: string, newResponse: string): EffectsView {
  const yLabel = effects.yLabel.endsWith(oldResponse) ? effects.yLabel.slice(0, effects.yLabel.length - oldResponse.length) + newResponse : effects.yLabel;
  return {
    ...effects,
    predictors: effects.predictors.map(name),
    factors: effects.factors.map(name),
    curves: effects.curves.map((c) => ({ ...c, x: name(c.x), by: c.by === null ? null : name(c.by) })),
    yLabel,
  };
}

/** The model frame's message on rows left out: "… missing values (frequency: 1, `Subject ID`: 2); 83 of 84 rows were used". */
const MISSING_ROWS = /^(.* left out because of missing values \()(.*)(\); \d+ of \d+ rows were used)$/s;

/**
 * A warning with the column renamed: in the list of variables with missing values, on its tokens;
 * elsewhere only where the name is between backticks, which finds it exactly (a plain name could be a word).
 */
function renameInMessage(message: string, from: string, to: string): string {
  const missing = MISSING_ROWS.exec(message);
  if (missing) return missing[1] + renameColumnInText(missing[2], from, to) + missing[3];
  return quoteName(from) === from ? message : message.split(backtickName(from)).join(quoteName(to));
}

function renameInResidualSpec(spec: ResidualStructureSpec, from: string, to: string): ResidualStructureSpec {
  const renamed = (name: string | undefined) => (name === from ? to : name);
  return {
    ...spec,
    ...(spec.time !== undefined ? { time: renamed(spec.time) } : {}),
    ...(spec.group !== undefined ? { group: renamed(spec.group) } : {}),
    ...(spec.varianceBy !== undefined ? { varianceBy: renamed(spec.varianceBy) } : {}),
  };
}
