/**
 * The analyses around a fit as report tables and sentences, read from the objects the UI shows:
 * a post-hoc analysis's EmmeansView (marginal means, response-scale means, pairwise comparisons),
 * the design check (grouping factors, random effects against observations), an allFit-style
 * optimiser comparison, and the sentence stating a guided-fix step. Cells hold raw numbers (CSV
 * keeps full precision); formatTable formats them for the PDF and the clipboard.
 */
import type { EmmeansView } from "../api/contract-analysis";
import type { DesignCheck } from "../design-check/types";
import type { OptimizerComparison, SimplificationAction } from "../guided-fix/types";
import type { GuidedStep } from "../project/schema";
import { displayTerm } from "../formula/names";
import { boundColumn, type Cell, type ColumnKind, type ResultTable, type TableColumn } from "./result-tables";

const col = (label: string, kind: ColumnKind, apa?: string): TableColumn => ({ label, kind, ...(apa ? { apa } : {}) });
const num = (v: number): number | null => (Number.isFinite(v) ? v : null);
/** emmeans prints the df of an asymptotic (z) test as Inf. */
const dfCell = (v: number): Cell => (v === Infinity ? "Inf" : num(v));

const ADJUSTMENT_NAMES = { tukey: "Tukey", holm: "Holm", bonferroni: "Bonferroni", none: "none" } as const;
const DF_NAMES = { satterthwaite: "Satterthwaite", "kenward-roger": "Kenward–Roger", asymptotic: "asymptotic (z)" } as const;

/** The adjustment method by name: "Tukey", "Holm", "Bonferroni", "none". */
export function adjustmentName(adjust: keyof typeof ADJUSTMENT_NAMES): string {
  return ADJUSTMENT_NAMES[adjust];
}

export function dfMethodName(method: keyof typeof DF_NAMES): string {
  return DF_NAMES[method];
}

/** "attitude", "attitude by gender": what a post-hoc analysis compares. */
export function posthocLabel(view: EmmeansView): string {
  // Plain names: a column `dose level` reads as dose level (R's backticks only in the R code).
  const names = (xs: readonly string[], sep: string) => xs.map(displayTerm).join(sep);
  const of = view.means.kind === "emtrends" ? `slopes of ${displayTerm(view.means.trendOf ?? "?")} per ${names(view.means.specs, " × ")}` : names(view.means.specs, " × ");
  return view.means.by.length ? `${of} by ${names(view.means.by, ", ")}` : of;
}

const slug = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "");

export function marginalMeansTable(view: EmmeansView): ResultTable {
  const m = view.means;
  const factors = [...m.specs, ...m.by];
  const percent = Math.round(m.level * 100);
  const value = m.kind === "emtrends" ? `${displayTerm(m.trendOf ?? "")}.trend` : "emmean";
  const columns = [
    ...factors.map((f) => col(displayTerm(f), "text")),
    col(value, "estimate", m.kind === "emtrends" ? "b" : "M"),
    col("SE", "estimate", "SE"),
    col("df", "df", "df"),
    boundColumn("lower", `lower ${percent}% CL`, `${percent}% CI LL`),
    boundColumn("upper", `upper ${percent}% CL`, `${percent}% CI UL`),
  ];
  const rows = m.rows.map((r): Cell[] => [...factors.map((f) => r.levels[f] ?? ""), num(r.estimate), num(r.se), dfCell(r.df), num(r.lower), num(r.upper)]);
  const title = `Estimated marginal ${m.kind === "emtrends" ? "trends" : "means"}: ${posthocLabel(view)}`;
  return { id: "marginal-means", title, columns, rows, slug: slug(posthocLabel(view)) };
}

/** GLMMs: the means through the inverse link (probabilities or rates). */
export function responseMeansTable(view: EmmeansView): ResultTable | null {
  const resp = view.means.response;
  if (!resp) return null;
  const m = view.means;
  const factors = [...m.specs, ...m.by];
  const columns = [...factors.map((f) => col(displayTerm(f), "text")), col(resp.name, "estimate"), col("SE", "estimate", "SE"), boundColumn("lower", "asymp. LCL", `${Math.round(m.level * 100)}% CI LL`), boundColumn("upper", "asymp. UCL", `${Math.round(m.level * 100)}% CI UL`)];
  const rows = m.rows.map((r, i): Cell[] => [...factors.map((f) => r.levels[f] ?? ""), num(resp.rows[i].estimate), num(resp.rows[i].se), num(resp.rows[i].lower), num(resp.rows[i].upper)]);
  return { id: "marginal-means-response", title: `Estimated marginal means on the response scale: ${posthocLabel(view)} (${resp.name}; intervals back-transformed from the ${resp.link} scale)`, columns, rows, slug: slug(posthocLabel(view)) };
}

/** Pairwise comparisons; the title names the adjustment of the p-values. */
export function pairwiseTable(view: EmmeansView, statisticName: "t" | "z"): ResultTable | null {
  const pairs = view.pairs;
  if (!pairs) return null;
  const by = view.means.by;
  const z = statisticName === "z";
  const columns = [
    col("Contrast", "text"),
    ...by.map((f) => col(displayTerm(f), "text")),
    col("Estimate", "estimate"),
    col("SE", "estimate", "SE"),
    col("df", "df", "df"),
    col(z ? "z ratio" : "t ratio", "statistic", z ? "z" : "t"),
    col(`p (${adjustmentName(pairs.adjust)})`, "p", "p"),
    // The intervals are adjusted as the p-values are (emmeans' confint(pairs(…), adjust = …)).
    boundColumn("lower", `lower ${Math.round(pairs.level * 100)}% CL`, `${Math.round(pairs.level * 100)}% CI LL`),
    boundColumn("upper", `upper ${Math.round(pairs.level * 100)}% CL`, `${Math.round(pairs.level * 100)}% CI UL`),
  ];
  const rows = pairs.rows.map((r): Cell[] => [r.contrast, ...by.map((f) => r.by[f] ?? ""), num(r.estimate), num(r.se), dfCell(r.df), num(r.t), num(r.p), num(r.lower), num(r.upper)]);
  const adjusted = pairs.adjust === "none" ? "p-values not adjusted" : `p-values adjusted by the ${adjustmentName(pairs.adjust)} method`;
  return { id: "pairwise-comparisons", title: `Pairwise comparisons: ${posthocLabel(view)} (${adjusted})`, columns, rows, slug: slug(posthocLabel(view)) };
}

/** LMMs: the pairwise differences as standardized effect sizes d = difference / σ (emmeans' eff_size). */
export function effectSizeTable(view: EmmeansView): ResultTable | null {
  const e = view.pairs?.effectSizes;
  if (!e) return null;
  const by = view.means.by;
  const percent = Math.round(e.level * 100);
  const columns = [
    col("Contrast", "text"),
    ...by.map((f) => col(displayTerm(f), "text")),
    col("effect.size", "estimate", "d"),
    col("SE", "estimate", "SE"),
    col("df", "df", "df"),
    boundColumn("lower", `lower ${percent}% CL`, `${percent}% CI LL`),
    boundColumn("upper", `upper ${percent}% CL`, `${percent}% CI UL`),
  ];
  const rows = e.rows.map((r): Cell[] => [r.contrast, ...by.map((f) => r.by[f] ?? ""), num(r.estimate), num(r.se), dfCell(r.df), num(r.lower), num(r.upper)]);
  const edf = e.edf === Infinity ? "∞" : String(Number(e.edf.toPrecision(6)));
  return { id: "effect-sizes", title: `Effect sizes: ${posthocLabel(view)} (d = difference / σ, σ = ${Number(e.sigma.toPrecision(4))}, edf = ${edf}; emmeans' eff_size)`, columns, rows, slug: slug(posthocLabel(view)) };
}

/** What the effect sizes are, in words: σ, its edf and that the intervals are not adjusted. */
export function effectSizeNote(e: NonNullable<NonNullable<EmmeansView["pairs"]>["effectSizes"]>): string {
  const edf = e.edf === Infinity ? "σ treated as known" : `σ's uncertainty as χ² with edf = ${Number(e.edf.toPrecision(6))}${e.edfSource === "df.residual" ? " (df.residual: observations − parameters)" : ""}`;
  return `d = difference / σ, σ = ${Number(e.sigma.toPrecision(4))} (residual SD); ${edf}; intervals not adjusted for multiplicity; emmeans' eff_size`;
}

/**
 * An interval bound of a probability: formatted as one (APA: no leading zero), not as an estimate.
 * emmeans' mode = "prob" intervals are asymptotic z intervals on the probability scale (estimate
 * ± z·SE, delta-method SE), so near 0 the lower bound can cross 0 (emmeans prints the negative
 * value). A bound that rounds to zero is shown as ".00", not "−.00"; Full precision and the CSV
 * keep the real value.
 */
const probabilityBound = (bound: "lower" | "upper", label: string, apa: string): TableColumn => ({ ...col(label, "bounded", apa), interval: bound, nonNegative: true });

/** Ordinal models: P(outcome = category) per level of the factor (emmeans' mode = "prob"), asymptotic intervals. */
export function categoryProbabilityTable(view: EmmeansView): ResultTable | null {
  const o = view.ordinal;
  if (!o) return null;
  const percent = Math.round(o.level * 100);
  const columns = [col(displayTerm(o.factor), "text"), col(displayTerm(o.response), "text"), col("prob", "bounded", "P"), col("SE", "bounded", "SE"), probabilityBound("lower", `asymp. LCL ${percent}%`, `${percent}% CI LL`), probabilityBound("upper", `asymp. UCL ${percent}%`, `${percent}% CI UL`)];
  const rows = o.rows.map((r): Cell[] => [r.level, r.category, num(r.estimate), num(r.se), num(r.lower), num(r.upper)]);
  return { id: "category-probabilities", title: `Category probabilities of ${displayTerm(o.response)} by ${displayTerm(o.factor)} (emmeans mode = "prob"; averaged over the other predictors, random effects at 0)`, columns, rows, slug: slug(o.factor) };
}

/** Ordinal models: the expected class 1…J per level of the factor (emmeans' mode = "mean.class"). */
export function meanClassTable(view: EmmeansView): ResultTable | null {
  const o = view.ordinal;
  if (!o) return null;
  const percent = Math.round(o.level * 100);
  const columns = [col(displayTerm(o.factor), "text"), col("mean.class", "estimate", "M"), col("SE", "estimate", "SE"), boundColumn("lower", `asymp. LCL ${percent}%`, `${percent}% CI LL`), boundColumn("upper", `asymp. UCL ${percent}%`, `${percent}% CI UL`)];
  const rows = o.meanClass.map((r): Cell[] => [r.level, num(r.estimate), num(r.se), num(r.lower), num(r.upper)]);
  return { id: "mean-class", title: `Mean class of ${displayTerm(o.response)} (1 to ${o.categories.length}) by ${displayTerm(o.factor)} (emmeans mode = "mean.class")`, columns, rows, slug: slug(o.factor) };
}

/** With 'by': the F tests that the means (or slopes) are equal within each by level (emmeans' joint_tests). */
export function simpleEffectsTable(view: EmmeansView): ResultTable | null {
  const tests = view.tests;
  if (!tests || tests.length === 0) return null;
  const by = Object.keys(tests[0].by);
  const columns = [col("Effect", "text"), ...by.map((f) => col(displayTerm(f), "text")), col("df1", "df", "df1"), col("df2", "df", "df2"), col("F ratio", "statistic", "F"), col("p", "p", "p")];
  const rows = tests.map((t): Cell[] => [t.effect.map(displayTerm).join(":"), ...by.map((f) => t.by[f] ?? ""), num(t.df1), dfCell(t.df2), num(t.F), num(t.p)]);
  return { id: "simple-effects", title: `Simple effects (joint F tests): ${posthocLabel(view)}`, columns, rows, slug: slug(posthocLabel(view)) };
}

/** All tables of one post-hoc analysis, in the order the results view shows them. */
export function posthocTables(view: EmmeansView, statisticName: "t" | "z"): ResultTable[] {
  if (view.ordinal) return [categoryProbabilityTable(view), meanClassTable(view)].filter((t): t is ResultTable => t !== null);
  const tables = [marginalMeansTable(view), responseMeansTable(view), pairwiseTable(view, statisticName), effectSizeTable(view), simpleEffectsTable(view)];
  return tables.filter((t): t is ResultTable => t !== null);
}

export function designGroupingsTable(check: DesignCheck): ResultTable {
  // "value": whole numbers print as they are in the plain style ("count" is for APA's thousands separator).
  const columns = [col("Grouping factor", "text"), col("Groups", "value"), col("Rows per group: min", "value"), col("median", "value"), col("max", "value"), col("Groups with one row", "value")];
  const rows = check.groupings.map((g): Cell[] => [g.name, g.levels, g.minPerLevel, g.medianPerLevel, g.maxPerLevel, g.singleRowLevels]);
  return { id: "design-groupings", title: "Grouping factors", columns, rows };
}

export function designRandomTermsTable(check: DesignCheck): ResultTable {
  const columns = [col("Random-effect term", "text"), col("Effects per group", "value"), col("Groups", "value"), col("Random effects", "value"), col("Rows", "value"), col("lme4 refuses", "text")];
  const rows = check.randomTerms.map((t): Cell[] => [t.term, t.k, t.levels, t.effects, t.observations, t.fails ? "yes" : "no"]);
  return { id: "design-random-terms", title: "Random effects against observations", columns, rows };
}

/** Per grouping factor: the predictors that vary within its groups (only those can have random slopes there). */
export function withinGroupSentences(check: DesignCheck): string[] {
  const groups = [...new Set(check.variation.map((v) => v.group))];
  return groups.map((g) => {
    const rows = check.variation.filter((v) => v.group === g);
    const within = rows.filter((v) => v.varies).map((v) => v.predictor);
    const between = rows.filter((v) => !v.varies).map((v) => v.predictor);
    const w = within.length ? `${within.join(", ")} ${within.length === 1 ? "varies" : "vary"} within its groups (random slopes possible)` : "no predictor varies within its groups";
    return `${g}: ${w}${between.length ? `; constant within each group: ${between.join(", ")}` : ""}.`;
  });
}

export function designFindingSentences(check: DesignCheck): string[] {
  if (check.findings.length === 0) return ["No problems found."];
  return check.findings.map((f) => `${f.severity === "error" ? "Error" : f.severity === "warning" ? "Warning" : "Note"}: ${f.message}`);
}

/** Criteria to 6 decimals and differences in exponent form, as formatOptimizerComparison (app/guided-fix) prints them. */
export function optimizerTable(c: OptimizerComparison): ResultTable {
  const columns = [col("Optimiser", "text"), col("Criterion", "value"), col("Δ criterion", "value"), col("max |Δβ| / SE", "value"), col("max Δ SD (rel.)", "value"), col("Converged", "text"), col("Agrees", "text")];
  const fixed = (x: number) => (Number.isFinite(x) ? x.toFixed(6) : null);
  const exp = (x: number) => (Number.isFinite(x) ? x.toExponential(1) : null);
  const rows = c.runs.map((r): Cell[] => [r.optimizer, fixed(r.objective), exp(r.objectiveDifference), exp(r.maxBetaDifference), exp(r.maxSdDifference), r.converged ? "yes" : "no", r.agrees ? "yes" : "no"]);
  return { id: "optimizer-check", title: "Refits with other optimisers (as lme4's allFit)", columns, rows };
}

const ACTION_WORDS: Readonly<Record<SimplificationAction, string>> = {
  "drop-correlation": "dropping the correlations between random effects (||)",
  "drop-slope": "dropping a random slope",
  "drop-term": "dropping a random-effect term",
  "centre-scale": "centring and scaling a predictor",
};

/**
 * "Model 2 was derived from Model 1 (y ~ x + (x | g)) by dropping the correlations between
 * random effects (||), giving y ~ x + (x || g): <reason>. Problems found in Model 1: <causes>"
 */
export function guidedStepSentence(modelName: string, step: GuidedStep): string {
  const reason = step.reason.trim() ? `: ${step.reason.trim().replace(/\.$/, "")}` : "";
  const causes = step.causes.length ? ` Problems found in ${step.fromModel}'s fit: ${step.causes.join(" ")}` : "";
  return `${modelName} was derived from ${step.fromModel} (${step.fromFormula}) by ${ACTION_WORDS[step.action]}, giving ${step.formula}${reason}.${causes}`;
}
