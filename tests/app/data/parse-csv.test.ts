import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseCsv, readCsv, findColumn, type CategoricalColumn, type NumericColumn } from "../../../app/data";
import { MixwellError } from "../../../app/errors";

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/reference/data/${name}`, import.meta.url));

function numeric(table: ReturnType<typeof parseCsv>, name: string): NumericColumn {
  const c = findColumn(table, name);
  assert.equal(c?.kind, "number", `${name} should be numeric`);
  return c as NumericColumn;
}
function categorical(table: ReturnType<typeof parseCsv>, name: string): CategoricalColumn {
  const c = findColumn(table, name);
  assert.equal(c?.kind, "categorical", `${name} should be categorical`);
  return c as CategoricalColumn;
}

test("politeness: 84 rows, types detected, one missing frequency", () => {
  const t = parseCsv(fixture("politeness.csv"));
  assert.equal(t.nrow, 84);
  assert.deepEqual(t.columns.map((c) => c.name), ["subject", "gender", "scenario", "attitude", "frequency"]);
  assert.deepEqual(categorical(t, "subject").levels, ["F1", "F2", "F3", "M3", "M4", "M7"]);
  assert.deepEqual(categorical(t, "attitude").levels, ["inf", "pol"]);
  numeric(t, "scenario");
  const f = numeric(t, "frequency").values;
  assert.equal(f.filter((x) => Number.isNaN(x)).length, 1);
  assert.equal(f[0], 213.3);
});

test("sleepstudy: quoted numbers are numbers unless listed as categorical", () => {
  const plain = parseCsv(fixture("sleepstudy.csv"));
  assert.equal(plain.nrow, 180);
  numeric(plain, "Subject");
  const t = parseCsv(fixture("sleepstudy.csv"), { categorical: ["Subject"] });
  const s = categorical(t, "Subject");
  assert.equal(s.levels.length, 18);
  assert.equal(s.levels[0], "308");
  assert.equal(s.levels[17], "372");
  assert.equal(s.levels[s.codes[0]!], "308");
});

test("numeric factor levels sort numerically like R's factor()", () => {
  const t = parseCsv("x\n10\n2\n1\n2.5\nNA\n", { categorical: ["x"] });
  const x = categorical(t, "x");
  assert.deepEqual(x.levels, ["1", "2", "2.5", "10"]);
  assert.deepEqual(Array.from(x.codes), [3, 1, 0, 2, -1]);
});

test("text levels sort as R does in an English locale (case is a tie-breaker)", () => {
  const t = parseCsv("g\nb\nB\na\nC\nA\n");
  assert.deepEqual(categorical(t, "g").levels, ["a", "A", "b", "B", "C"]);
});

test("NA and empty cells are missing; custom missing markers", () => {
  const t = parseCsv("a,b\n1,x\nNA,\n,y\n");
  assert.deepEqual(Array.from(numeric(t, "a").values).map(String), ["1", "NaN", "NaN"]);
  assert.deepEqual(Array.from(categorical(t, "b").codes), [0, -1, 1]);
  const u = parseCsv("a\n1\n-99\n", { missing: ["-99"] });
  assert.ok(Number.isNaN(numeric(u, "a").values[1]!));
});

test("a column with any text is categorical; numbers keep their text as level", () => {
  const t = parseCsv("a\n1\n2\nn/a\n");
  assert.deepEqual(categorical(t, "a").levels, ["1", "2", "n/a"]);
});

test("scientific notation, signs, Inf", () => {
  const t = parseCsv("a\n1e3\n-2.5\n+.5\nInf\n");
  assert.deepEqual(Array.from(numeric(t, "a").values), [1000, -2.5, 0.5, Infinity]);
});

test("UTF-8 BOM is stripped; Latin-1 falls back with a warning; semicolons detected", () => {
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("name,v\nA,1\n")]);
  assert.equal(parseCsv(bom).columns[0]!.name, "name");
  const latin1 = new Uint8Array([...new TextEncoder().encode("city\n"), 0x4d, 0xfc, 0x6e, 0x63, 0x68, 0x65, 0x6e, 0x0a]);
  const r = readCsv(latin1);
  assert.equal(r.encoding, "latin-1");
  assert.equal((r.table.columns[0] as CategoricalColumn).levels[0], "München");
  assert.equal(r.warnings.length, 1);
  assert.equal(parseCsv("a;b\n1;2\n").columns.length, 2);
});

function throwsReadable(input: string | Uint8Array, pattern: RegExp): void {
  assert.throws(() => parseCsv(input), (e: unknown) => e instanceof MixwellError && pattern.test(e.message));
}

test("bad input gives readable MixwellErrors", () => {
  throwsReadable("", /empty/);
  throwsReadable("  \n\n", /empty/);
  throwsReadable("a,b\n", /no data rows/);
  throwsReadable("a,b\n1,2\n3\n", /Row 3 .* 1 value, but the header has 2 columns/);
  throwsReadable("a,,c\n1,2,3\n", /Column 2 has no name/);
  throwsReadable(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]), /binary/);
  throwsReadable('a,b\n1,"unterminated\n', /never closed/);
  assert.throws(() => parseCsv("a\n1\n", { categorical: ["zz"] }), /'zz'/);
});

test("trailing empty fields from spreadsheet exports are tolerated", () => {
  const t = parseCsv("a,b,\n1,2,\n3,4,\n");
  assert.equal(t.columns.length, 2);
  assert.equal(t.nrow, 2);
});

test("delimiters and decimal marks: tab, semicolon with decimal comma, a chosen delimiter", () => {
  const tsv = readCsv("a\tb\n1.5\tx\n2\ty\n");
  assert.equal(tsv.delimiter, "\t");
  assert.deepEqual(Array.from(numeric(tsv.table, "a").values), [1.5, 2]);
  const euro = readCsv("a;b\n1,5;-0,25\n2;3\n");
  assert.deepEqual([euro.delimiter, euro.decimal], [";", ","]);
  assert.deepEqual(Array.from(numeric(euro.table, "b").values), [-0.25, 3]);
  // Both marks present: not a decimal-comma file; "1,5" stays text.
  const mixed = readCsv("a;b\n1,5;2.5\n");
  assert.equal(mixed.decimal, ".");
  assert.equal(categorical(mixed.table, "a").levels[0], "1,5");
  // A comma-separated file never has decimal commas.
  assert.equal(readCsv('a,b\n"1,5",2\n').decimal, ".");
  const chosen = readCsv("a|b;c\n1|2;3\n", { delimiter: "|" });
  assert.deepEqual(chosen.table.columns.map((c) => c.name), ["a", "b;c"]);
});

test("repeated header names are made unique as R's make.unique(), with a note for each renamed column", () => {
  const r = readCsv("a,a,b,a,a.1\n1,2,3,4,5\n");
  assert.deepEqual(r.table.columns.map((c) => c.name), ["a", "a.2", "b", "a.3", "a.1"]);
  assert.deepEqual(r.warnings, [
    "Columns 1 and 2 are both named 'a'; column 2 is called 'a.2' here.",
    "Columns 1 and 4 are both named 'a'; column 4 is called 'a.3' here.",
  ]);
  assert.deepEqual(readCsv("x,y\n1,2\n").warnings, []);
});
