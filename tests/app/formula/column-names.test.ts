// Any column name works in a formula (issue 15): quoting round trips for hostile names, the
// builder's formula and the R code for such names as R reads and fits them (R's output stored in
// tests/fixtures/column-names/r-output.json by make.R, from inputs.json made by make-inputs.ts),
// renames that follow a column through formulas and specs, and patsy's Q("…") in Python code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  columnsInFormulaText,
  displayTerm,
  parseExpression,
  parseFormula,
  quoteName,
  renameColumnInText,
  rQuoteName,
  unquoteName,
} from "../../../app/formula";
import { parseCsv } from "../../../app/data";
import { runFit, runFitWithFrame } from "../../../app/engine/run-fit";
import { toFitView } from "../../../app/model-spec/to-fit-view";
import { anovaTable, fitStatisticsTable, fixedEffectsTable, randomEffectsTable } from "../../../app/report";
import type { LmmFit } from "../../../app/engine/lmm/types";
import { builderEdit, builderToFormula, EMPTY_BUILDER, formulaToBuilder, modelUsesColumn, renameColumnInPosthoc, renameColumnInSpec, unknownColumnProblem, variablesOf } from "../../../app/model-spec";
import type { ModelSpec } from "../../../app/model-spec";
import { pythonCode } from "../../../app/code-gen";
import { CASES, builtFormula, caseCsv, caseRCode } from "../../fixtures/column-names/cases";

const dir = fileURLToPath(new URL("../../fixtures/column-names/", import.meta.url));
const sleepstudy = readFileSync(fileURLToPath(new URL("../../fixtures/reference/data/sleepstudy.csv", import.meta.url)), "utf8");

const HOSTILE = [
  "Reaction time (ms)", "Subject ID", "Days of sleep deprivation", "a-b", "x+y", "100 m", "2nd", "_id", ".5x", "naïve", "Größe", "名前",
  "it's", 'say "hi"', "back`tick", "back\\slash", "\\`", "``", "a\nb", "tab\there", "if", "else", "function", "TRUE", "NA", "Inf", "...", "..1", ".",
  "log", "I", "exp", "poly", "offset", "cbind", "a:b", "a/b", "a|b", "a||b", "(x)", "~", "x^2", "1", "0", "a,b", "a=b", "é", " lead",
];

test("every hostile name comes back from quoteName through the parser, in the outcome, a term, a slope and a grouping factor", () => {
  for (const name of HOSTILE) {
    const q = quoteName(name);
    const formula = parseFormula(`${q} ~ ${q} + (${q} | ${q})`);
    assert.deepEqual(columnsInFormulaText(`${q} ~ ${q} + (${q} | ${q})`), [name], `formula of ${JSON.stringify(name)}`);
    assert.equal(formula.response?.kind, "expression");
    const expr = parseExpression(q);
    assert.deepEqual(expr, { kind: "column", name, span: expr.span }, `expression ${q}`);
    assert.equal(unquoteName(q), name);
    assert.equal(displayTerm(`${q}:${q}`), `${name}:${name}`);
    assert.equal(unquoteName(rQuoteName(name)), name);
  }
});

test("syntactic names stay bare; others are quoted with R's escapes", () => {
  assert.equal(quoteName("Days"), "Days");
  assert.equal(quoteName("log"), "log");
  assert.equal(quoteName("I"), "I");
  assert.equal(quoteName("if"), "`if`");
  assert.equal(quoteName("Reaction time (ms)"), "`Reaction time (ms)`");
  assert.equal(quoteName("back`tick"), "`back\\`tick`");
  assert.equal(quoteName("back\\slash"), "`back\\\\slash`");
  assert.equal(rQuoteName("名前"), "`名前`");
  assert.equal(quoteName("名前"), "名前");
});

test("clicked hostile columns build a formula that parses back to the same columns and builder", () => {
  for (const c of CASES) {
    const text = builtFormula(c);
    const parsed = formulaToBuilder(text);
    assert.ok(parsed.ok, `${c.id}: ${text}`);
    if (!parsed.ok) continue;
    assert.equal(builderToFormula(parsed.model), text);
    assert.deepEqual(variablesOf(parsed.model), [c.outcome, c.days, c.subject]);
    assert.equal(unknownColumnProblem(parsed.model, text, [c.outcome, c.days, c.subject]), null);
  }
  const m = formulaToBuilder("`Reaction time` ~ Days + (1 | Subject)");
  assert.ok(m.ok);
  if (m.ok) assert.match(unknownColumnProblem(m.model, "`Reaction time` ~ Days + (1 | Subject)", ["Reaction time (ms)", "Days", "Subject"])!.message, /There is no column 'Reaction time' \(position 1\); did you mean 'Reaction time \(ms\)'\?/);
});

interface ROut {
  id: string;
  names: string[];
  allVars: string[];
  deparsed: string[];
  fixefNames: string[];
  estimate: number[];
  se: number[];
  df: number[];
  sdcor: number[];
  REMLcrit: number;
  dataNames: string[];
}
const inputs = JSON.parse(readFileSync(`${dir}/inputs.json`, "utf8")) as { id: string; formula: string; rCode: string }[];
const rOut = (JSON.parse(readFileSync(`${dir}/r-output.json`, "utf8")) as { cases: ROut[] }).cases;
const close = (a: number, b: number, what: string, rel = 1e-5) => assert.ok(Math.abs(a - b) <= rel * Math.max(Math.abs(b), 1), `${what}: ${a} vs R ${b}`);

for (const c of CASES) {
  test(`R ran Mixwell's code for '${c.outcome}', '${c.days}', '${c.subject}': same columns, R's quoting, and Mixwell's fit equals lme4's`, () => {
    const input = inputs.find((x) => x.id === c.id)!;
    const r = rOut.find((x) => x.id === c.id)!;
    // The code R ran is the code Mixwell writes today, up to the fit (the lines that name columns;
    // the summaries after it change with other features).
    const upToFit = (code: string) => code.slice(0, code.indexOf("\nsummary(m)"));
    assert.equal(builtFormula(c), input.formula);
    assert.match(input.rCode, /\nsummary\(m\)/);
    assert.equal(upToFit(caseRCode(c)), upToFit(input.rCode));
    assert.deepEqual(r.dataNames, r.names, "read.csv(check.names = FALSE) kept the names");
    assert.deepEqual(r.allVars, r.names, "R reads the formula's columns as the names");
    assert.deepEqual(r.names.map(quoteName), r.deparsed, "quoteName is R's deparse(backtick = TRUE)");
    const fit = runFit(parseCsv(caseCsv(c, sleepstudy)), { formula: input.formula, categorical: [c.subject] }) as LmmFit;
    assert.deepEqual(fit.fixef.map((f) => f.term), r.fixefNames, "coefficient names as R's");
    fit.fixef.forEach((f, i) => {
      close(f.estimate, r.estimate[i], `${f.term} estimate`);
      close(f.se, r.se[i], `${f.term} SE`, 1e-4);
      close(f.df!, r.df[i], `${f.term} df`, 1e-3);
    });
    const sds = fit.varcorr.map((v) => (v.kind === "variance" ? v.sd! : v.value));
    sds.forEach((v, i) => close(v, r.sdcor[i], `VarCorr ${i}`, 1e-3));
    close(fit.REMLcrit!, r.REMLcrit, "REML criterion", 1e-7);
  });
}

test("a rename rewrites only the column, quoted as needed, in every place of the formula", () => {
  const f = "`Reaction time (ms)` ~ Days + log(Days) + (Days | `Subject ID`)";
  assert.equal(renameColumnInText(f, "Reaction time (ms)", "RT"), "RT ~ Days + log(Days) + (Days | `Subject ID`)");
  assert.equal(renameColumnInText(f, "Days", "Days of sleep"), "`Reaction time (ms)` ~ `Days of sleep` + log(`Days of sleep`) + (`Days of sleep` | `Subject ID`)");
  assert.equal(renameColumnInText("y ~ log(log) + poly(x, degree = 2)", "log", "if"), "y ~ log(`if`) + poly(x, degree = 2)");
  assert.equal(renameColumnInText("y ~ poly(x, degree = 2)", "degree", "z"), "y ~ poly(x, degree = 2)");
  assert.equal(renameColumnInText("y ~ `x", "x", "z"), "y ~ `x", "text that does not tokenize is left alone");
  assert.equal(renameColumnInText("RT ~ Days", "RT", "Reaction time (ms)"), "`Reaction time (ms)` ~ Days", "undo of a rename");
});

test("a rename follows into the spec's categorical list, residual structure and post-hoc requests; other specs are untouched", () => {
  const spec: ModelSpec = {
    name: "m",
    formula: "RT ~ cond * Days + (1 | `Subject ID`)",
    family: "gaussian",
    method: "REML",
    contrasts: "treatment",
    categorical: ["cond", "Subject ID"],
    residual: { correlation: "ar1", time: "Days", group: "Subject ID" },
  };
  const r = renameColumnInSpec(spec, "Subject ID", "id");
  assert.equal(r.formula, "RT ~ cond * Days + (1 | id)");
  assert.deepEqual(r.categorical, ["cond", "id"]);
  assert.deepEqual(r.residual, { correlation: "ar1", time: "Days", group: "id" });
  assert.equal(renameColumnInSpec(spec, "other", "x"), spec);
  const request = { specs: ["cond"], by: ["Days"], adjust: "tukey", df: null } as const;
  // Requests name factors as the fit does (formula text): the new name is quoted as R needs, and back.
  const renamed = renameColumnInPosthoc(request, "cond", "Condition (A/B)");
  assert.deepEqual(renamed, { ...request, specs: ["`Condition (A/B)`"] });
  assert.deepEqual(renameColumnInPosthoc(renamed, "Condition (A/B)", "cond"), request);
  assert.equal(renameColumnInPosthoc(request, "x", "y"), request);
});

test("Python code writes non-Python names as patsy's Q('…') and looks the columns up by their plain names", () => {
  const formula = builtFormula(CASES[0]);
  const py = pythonCode({
    spec: { name: "m", formula, family: "gaussian", method: "REML", contrasts: "treatment", categorical: [] },
    fileName: "sleep.csv",
    columns: [
      { name: "Reaction time (ms)", kind: "number" },
      { name: "Days of sleep deprivation", kind: "number" },
      { name: "Subject ID", kind: "categorical" },
    ],
  });
  assert.ok(py.ok, py.ok ? "" : py.reason);
  if (!py.ok) return;
  assert.match(py.code, /smf\.mixedlm\("Q\('Reaction time \(ms\)'\) ~ Q\('Days of sleep deprivation'\)", d, groups=d\["Subject ID"\], re_formula="1 \+ Q\('Days of sleep deprivation'\)"\)/);
  assert.match(py.code, /dropna\(subset=\["Reaction time \(ms\)", "Days of sleep deprivation", "Subject ID"\]\)/);
  let m = builderEdit.setOutcome(EMPTY_BUILDER, quoteName("if"));
  m = builderEdit.addMainEffects(m, [quoteName("I")]);
  m = builderEdit.addGroups(m, [quoteName("g")]);
  const py2 = pythonCode({
    spec: { name: "m", formula: builderToFormula(m), family: "gaussian", method: "REML", contrasts: "treatment", categorical: [] },
    fileName: "x.csv",
    columns: [{ name: "if", kind: "number" }, { name: "I", kind: "number" }, { name: "g", kind: "categorical" }],
  });
  assert.ok(py2.ok);
  if (py2.ok) assert.match(py2.code, /"Q\('if'\) ~ Q\('I'\)"/);
});

test("modelUsesColumn: a column named in the formula (also inside log()) or the residual structure, not one only listed as categorical", () => {
  const spec: ModelSpec = { name: "m", formula: "RT ~ log(`Days of x`) + (1 | id)", family: "gaussian", method: "REML", contrasts: "treatment", categorical: ["cond"] };
  assert.equal(modelUsesColumn(spec, "Days of x"), true);
  assert.equal(modelUsesColumn(spec, "id"), true);
  assert.equal(modelUsesColumn(spec, "log"), false);
  assert.equal(modelUsesColumn(spec, "cond"), false);
  assert.equal(modelUsesColumn({ ...spec, residual: { correlation: "ar1", time: "t" } }, "t"), true);
});

test("result tables (screen, PDF, CSV) show plain column names, without R's backticks", () => {
  const c = CASES[0];
  const { fit, frame } = runFitWithFrame(parseCsv(caseCsv(c, sleepstudy)), { formula: builtFormula(c), categorical: [c.subject] });
  const view = toFitView(fit, frame, 0);
  assert.deepEqual(fixedEffectsTable(view).rows.map((r) => r[0]), ["(Intercept)", "Days of sleep deprivation"]);
  assert.deepEqual(anovaTable(view).rows.map((r) => r[0]), ["Days of sleep deprivation"]);
  const random = randomEffectsTable(view).rows.map((r) => `${r[0]}|${r[1]}`);
  assert.deepEqual(random, ["Subject ID|(Intercept)", "Subject ID|Days of sleep deprivation", "Subject ID|(Intercept) : Days of sleep deprivation", "Residual|"]);
  assert.ok(fitStatisticsTable(view).rows.some((r) => r[0] === "Groups: Subject ID"));
});
