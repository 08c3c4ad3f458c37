import { test } from "node:test";
import assert from "node:assert/strict";
import { fitModel } from "../../../app/project";
import {
  csvFileName, formatApaNumber, formatApaP, formatTable, resultTables, tableForClipboard, tableToCsv, type ResultTable,
} from "../../../app/report";
import { sleepstudy, spec } from "../project/sample-projects";

const fit = fitModel(sleepstudy, spec("m", "Reaction ~ Days + (Days | Subject)")).view;
const tables = resultTables(fit);
const byId = (id: string): ResultTable => tables.find((t) => t.id === id)!;

test("a fit gives the fixed-effects, random-effects, ANOVA and fit-statistics tables", () => {
  assert.deepEqual(tables.map((t) => t.id), ["fixed-effects", "random-effects", "anova", "fit-statistics"]);
  const fixed = byId("fixed-effects");
  assert.deepEqual(fixed.columns.map((c) => c.label), ["Term", "Estimate", "Std. Error", "df", "t value", "Pr(>|t|)", "95% CI lower", "95% CI upper"]);
  assert.equal(fixed.rows[1][0], "Days");
  assert.ok(Math.abs((fixed.rows[1][1] as number) - 10.46729) < 1e-4);
  const random = byId("random-effects");
  assert.deepEqual(random.rows.map((r) => [r[0], r[1]]), [["Subject", "(Intercept)"], ["Subject", "Days"], ["Subject", "(Intercept) : Days"], ["Residual", ""]]);
});

test("CSV keeps full precision, quotes what needs quoting, ends lines with CRLF", () => {
  const csv = tableToCsv(byId("fixed-effects"));
  const lines = csv.split("\r\n");
  assert.equal(lines[0], "Term,Estimate,Std. Error,df,t value,Pr(>|t|),95% CI lower,95% CI upper,Term (readable)");
  assert.match(lines[1], /^\(Intercept\),251\.40\d+,.*,Intercept$/);
  assert.match(lines[2], /^Days,10\.4672\d{5,}.*,Days$/);
  assert.equal(lines.at(-1), "");
  const random = tableToCsv(byId("random-effects"));
  assert.match(random, /\r\nResidual,,\d+\.\d+,\d+\.\d+,,\r\n/);
  assert.match(random, /\r\nSubject,\(Intercept\) : Days,,,0\.06\d+,Intercept with Days\r\n/);
  const quoted = tableToCsv({ id: "anova", title: "t", columns: [{ label: "Term", kind: "text" }], rows: [['a "b", c']] });
  assert.equal(quoted, 'Term\r\n"a ""b"", c"\r\n');
});

test("APA numbers: two decimals, p without leading zero and < .001, bounded values without leading zero", () => {
  assert.equal(formatApaP(0.0456), ".046");
  assert.equal(formatApaP(0.00002), "< .001");
  assert.equal(formatApaP(0.5), ".500");
  assert.equal(formatApaNumber(0.0654, "bounded"), ".07");
  assert.equal(formatApaNumber(-0.25, "bounded"), "-.25");
  assert.equal(formatApaNumber(251.40510, "estimate"), "251.41");
  assert.equal(formatApaNumber(17.0, "df"), "17");
  assert.equal(formatApaNumber(17.234, "df"), "17.23");
  assert.equal(formatApaNumber(1763.94, "value"), "1763.94");
  assert.equal(formatApaNumber(1800, "value"), "1,800");
});

test("an APA table uses symbols for headers (italic in HTML) and APA numbers", () => {
  const t = formatTable(byId("fixed-effects"), "apa");
  assert.deepEqual(t.header, ["Term", "b", "SE", "df", "t", "p", "95% CI"]);
  assert.deepEqual(t.rows[1].slice(0, 6), ["Days", "10.47", "1.55", "17.00", "6.77", "< .001"]);
  const html = tableForClipboard(byId("fixed-effects"), "apa").html;
  assert.match(html, /<th[^>]*><i>b<\/i><\/th>/);
  assert.match(html, /<th[^>]*>95% CI<\/th>/, "labels with spaces are not symbols");
});

test("clipboard: tab-separated text and an escaped HTML table with the same cells", () => {
  const clip = tableForClipboard(byId("fixed-effects"));
  const lines = clip.text.trimEnd().split("\n");
  assert.equal(lines[0], "Fixed effects");
  assert.equal(lines[1].split("\t").length, 7);
  assert.match(lines[3], /^Days\t10\.47\t1\.546\t17\.0\t6\.77\t3\.26e-06\t\[7\.206, 13\.729\]$/);
  assert.match(clip.html, /^<table[^>]*>\n<caption[^>]*>Fixed effects<\/caption>/);
  assert.match(clip.html, /<th[^>]*>Pr\(&gt;\|t\|\)<\/th>/);
  assert.match(clip.html, /<td style="[^"]*text-align:left[^"]*">Days<\/td><td style="[^"]*text-align:right[^"]*">10\.47</);
});

test("fit statistics list n, groups, criteria, R² and the fit's state", () => {
  const rows = formatTable(byId("fit-statistics")).rows;
  assert.deepEqual(rows[0], ["Observations", "180"]);
  assert.deepEqual(rows[1], ["Groups: Subject", "18"]);
  assert.ok(rows.some((r) => r[0] === "REML criterion" && /^1743\.6/.test(r[1])));
  assert.ok(rows.some((r) => r[0] === "Marginal R²"));
  assert.deepEqual(rows.at(-1), ["Singular fit", "no"]);
});

test("CSV file names are safe", () => {
  assert.equal(csvFileName("Model 1: slopes/Days", byId("anova")), "Model-1-slopes-Days-anova.csv");
  assert.equal(csvFileName("???", byId("anova")), "model-anova.csv");
});
