/**
 * Python (statsmodels MixedLM) code for the fits it can express: linear mixed models with one
 * grouping factor (random intercept and correlated slopes via re_formula; uncorrelated numeric
 * slopes as variance components), crossed random intercepts (one all-rows group with a variance
 * component per factor), or one nested pair of random intercepts (school/class: groups = school,
 * a variance component for class). Anything else (offsets, poly()) gets a plain reason instead of
 * wrong code.
 */
import type { BuilderModel, RandomGroup } from "../model-spec";
import { unquoteName } from "../formula";
import { builderOf, explicitLevels, isCategorical, modelColumns } from "./columns";
import type { CodeColumn, CodeGenInput, GeneratedCode } from "./types";

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Python keywords and patsy's own names: a column so called is written Q('…'). */
const PY_RESERVED = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield I C Q np Sum Treatment Poly".split(" "),
);
/** A column name in a patsy formula: as it is when it is a Python name, else Q('…'). */
const patsyName = (plain: string) => (IDENT.test(plain) && !PY_RESERVED.has(plain) ? plain : `Q(${innerString(plain)})`);
/** Formula text with each backtick-quoted column written for patsy (`` `a b`:c `` → Q('a b'):c). */
const patsyTerm = (text: string) => text.replace(/`((?:[^`\\]|\\.)*)`/g, (quoted) => patsyName(unquoteName(quoted)));
const pyString = (s: string) => JSON.stringify(s);
/** A string inside a formula string: single-quoted, so the formula needs no escapes. */
const innerString = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
const NUMPY: Record<string, string> = { log: "np.log", log2: "np.log2", log10: "np.log10", exp: "np.exp", sqrt: "np.sqrt", abs: "np.abs" };

interface Random {
  readonly groups: string;
  readonly reFormula: string;
  readonly vc: Readonly<Record<string, string>>;
}

export function pythonCode(input: CodeGenInput): GeneratedCode {
  const model = builderOf(input);
  if (typeof model === "string") return { ok: false, reason: model };
  if (input.spec.family !== "gaussian") {
    return { ok: false, reason: "statsmodels has no maximum-likelihood binomial or Poisson mixed model, nor a negative binomial, Gamma, inverse Gaussian or cumulative link (ordinal) one (only Bayesian approximations), so this fit cannot be reproduced there; use the R code." };
  }
  if (!model.outcome) return { ok: false, reason: "The model has no outcome yet." };
  const unsupported = unsupportedInPython(model);
  if (unsupported) return { ok: false, reason: unsupported };
  const columns = modelColumns(input, model);
  const byName = new Map(columns.map((c) => [c.name, c]));
  let variable: (name: string) => string;
  try {
    variable = (name) => patsyVariable(input, model, byName.get(unquoteName(name)), name);
    const fixed = `${variable(model.outcome)} ~ ${fixedPart(model, variable)}`;
    const random = randomPart(model);
    if (typeof random === "string") return { ok: false, reason: random };
    return { ok: true, code: script(input, columns, fixed, random) };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

/** Parts of R's formula language that statsmodels' MixedLM formulas cannot express. */
function unsupportedInPython(model: BuilderModel): string | null {
  if (model.offsets?.length) {
    return "statsmodels MixedLM has no offset, so this model cannot be written for it; use the R code (or subtract the offset from the outcome in the data).";
  }
  const names = [...model.fixed.flat(), ...model.random.flatMap((g) => g.slopes)];
  if (names.some((n) => /(^|[^A-Za-z0-9._])poly\(/.test(n))) {
    return "patsy has no poly() for numbers (R's orthogonal polynomials), so this model cannot be written for statsmodels; use the R code.";
  }
  return null;
}

function fixedPart(model: BuilderModel, variable: (name: string) => string): string {
  const terms = model.fixed.map((t) => t.map(variable).join(":"));
  if (!model.intercept) terms.unshift("0");
  return terms.length ? terms.join(" + ") : "1";
}

function patsyVariable(input: CodeGenInput, model: BuilderModel, column: CodeColumn | undefined, name: string): string {
  if (!column) return expression(patsyTerm(name));
  const quoted = patsyName(column.name);
  if (!isCategorical(input, model, column)) return quoted;
  const levels = explicitLevels(column);
  const options = [input.spec.contrasts === "sum" ? "Sum" : null, levels ? `levels=[${levels.map(innerString).join(", ")}]` : null].filter((x) => x !== null);
  return column.kind === "categorical" && options.length === 0 ? quoted : `C(${[quoted, ...options].join(", ")})`;
}

/** log(x) → np.log(x); scale() differs between R (sd with n − 1) and patsy, so it is refused. */
function expression(text: string): string {
  if (/\bscale\(/.test(text)) throw new Error("The formula uses scale(), which patsy computes differently from R; scale the column in the data first to use the Python code.");
  return text.replace(/\b(log2|log10|log|exp|sqrt|abs)\(/g, (_, fn: string) => `${NUMPY[fn]}(`);
}

function randomPart(model: BuilderModel): Random | string {
  const groups = model.random;
  if (groups.length === 1) return singleGroup(groups[0]);
  if (groups.every((g) => g.slopes.length === 0 && g.intercept && !/[:/]/.test(g.grouping))) {
    return { groups: "np.ones(len(d))", reFormula: "0", vc: Object.fromEntries(groups.map((g) => [unquoteName(g.grouping), `0 + C(${patsyTerm(g.grouping)})`])) };
  }
  return "statsmodels MixedLM takes one grouping factor; several grouping factors can only be crossed random intercepts (no slopes). Use the R code for this model.";
}

function singleGroup(g: RandomGroup): Random | string {
  const parts = g.grouping.split("/").map((s) => s.trim());
  const plain = parts.map(unquoteName);
  if (g.grouping.includes(":")) return "statsmodels cannot use an interaction (a:b) as the grouping factor directly; make a combined column in the data, or use the R code.";
  if (parts.length === 2) {
    if (g.slopes.length) return "Nested grouping with random slopes cannot be written for statsmodels MixedLM; use the R code.";
    return { groups: `d[${pyString(plain[0])}]`, reFormula: "1", vc: { [plain[1]]: `0 + C(${patsyTerm(parts[1])})` } };
  }
  if (parts.length > 2) return "More than two nested levels cannot be written for statsmodels MixedLM; use the R code.";
  const slopes = g.slopes.map(patsyTerm).join(" + ");
  if (g.correlated || g.slopes.length === 0) {
    return { groups: `d[${pyString(plain[0])}]`, reFormula: g.slopes.length ? `${g.intercept ? "1" : "0"} + ${slopes}` : "1", vc: {} };
  }
  if (g.slopes.some((s) => s.includes(":"))) return "Uncorrelated random slopes of interactions cannot be written for statsmodels MixedLM; use the R code.";
  return { groups: `d[${pyString(plain[0])}]`, reFormula: g.intercept ? "1" : "0", vc: Object.fromEntries(g.slopes.map((s) => [unquoteName(s), `0 + ${patsyTerm(s)}`])) };
}

function script(input: CodeGenInput, columns: readonly CodeColumn[], fixed: string, random: Random): string {
  const used = columns.map((c) => pyString(c.name)).join(", ");
  const vc = Object.entries(random.vc);
  const lines = [
    "import numpy as np",
    "import pandas as pd",
    "import statsmodels.formula.api as smf",
    "",
    `d = pd.read_csv(${pyString(input.fileName)})`,
    `d = d.dropna(subset=[${used}])  # rows with a missing value are left out, as in lme4`,
    "",
    `md = smf.mixedlm(${pyString(fixed)}, d, groups=${random.groups}, re_formula=${pyString(random.reFormula)}${
      vc.length ? `,\n                 vc_formula={${vc.map(([k, v]) => `${pyString(k)}: ${pyString(v)}`).join(", ")}}` : ""
    })`,
    `m = md.fit(reml=${input.spec.method === "REML" ? "True" : "False"})`,
    "print(m.summary())",
  ];
  return lines.join("\n") + "\n";
}
