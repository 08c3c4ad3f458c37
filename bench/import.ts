/**
 * Import benchmarks (`npm run bench`, or `tsx bench/import.ts`): the path a file takes from bytes
 * to the grid — CSV parse and type detection (app/data, as the worker runs it), the reply as the
 * browser-mode host frames it (app/api/binary-message: numbers and codes as raw typed-array
 * bytes), the renderer's decoding and check of it (fromWireTable) — and the
 * cost of an edit on a large table. Targets (absolute, this machine): 100,000 rows × 20 columns
 * imported in under 2 s; 1,000,000 rows × 10 columns loads, and a cell edit and a row insert
 * stay well under a second. As a baseline measured in the same run (machine load varies), the
 * time to split the same text into lines and cells with String.split: the ratio says what the
 * CSV rules, type detection and columnar storage cost on top of touching every byte. For
 * comparison, the JSON text of the same table (numbers as (number | null)[]) and its parse and
 * typed copy: the wire format before numbers went binary.
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { applyEdit, fromPlainTable, readCsv, toPlainTable, type DataTable } from "../app/data";
import { decodeMessage, encodeMessage, fromWireTable, toWireTable } from "../app/api";
import { makeCsv } from "./data";

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const value = run();
  return [value, (performance.now() - start) / 1000];
}

interface ImportTiming {
  readonly name: string;
  readonly megabytes: number;
  readonly baseline: number;
  readonly parse: number;
  readonly wire: number;
  readonly renderer: number;
  readonly frameMegabytes: number;
  readonly jsonWire: number;
  readonly jsonRenderer: number;
  readonly jsonMegabytes: number;
  readonly edit: number;
  readonly insertRow: number;
}

function measure(name: string, rows: number, numeric: number, categorical: number): ImportTiming {
  const bytes = makeCsv(rows, numeric, categorical, 7);
  const text = new TextDecoder().decode(bytes);
  const [, baseline] = time(() => text.split("\n").map((line) => line.split(",")));
  const [imported, parse] = time(() => readCsv(bytes));
  const reply = (table: unknown) => ({ type: "result", requestId: "r", result: { ok: true, value: { tableId: "t", table } } });
  const [frame, wire] = time(() => encodeMessage(reply(toWireTable(imported.table))));
  const [copy, renderer] = time(() => fromWireTable((decodeMessage(frame as Uint8Array) as { result: { value: { table: unknown } } }).result.value.table));
  const [json, jsonWire] = time(() => JSON.stringify(reply(toPlainTable(imported.table))));
  const [, jsonRenderer] = time(() => fromPlainTable((JSON.parse(json) as { result: { value: { table: Parameters<typeof fromPlainTable>[0] } } }).result.value.table) as DataTable);
  const [, edit] = time(() => applyEdit(copy, { kind: "setCells", cells: [{ row: rows >> 1, col: 0, text: "1.5" }] }));
  const [, insertRow] = time(() => applyEdit(copy, { kind: "insertRows", at: 10, count: 1 }));
  const mb = (n: number) => n / 1024 ** 2;
  return { name, megabytes: mb(bytes.length), baseline, parse, wire, renderer, frameMegabytes: mb(frame.length), jsonWire, jsonRenderer, jsonMegabytes: mb(json.length), edit, insertRow };
}

const fmt = (s: number) => (s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`);
const results = [measure("100k × 20", 100_000, 10, 10), measure("1M × 10", 1_000_000, 6, 4)];
console.log(`\nimport benchmarks (load average ${loadavg()[0]!.toFixed(1)})`);
for (const r of results) {
  const total = r.parse + r.wire + r.renderer;
  console.log(`import ${r.name} (${r.megabytes.toFixed(1)} MB CSV)`);
  console.log(`  parse + types ${fmt(r.parse)}, wire (binary frame, ${r.frameMegabytes.toFixed(1)} MB) ${fmt(r.wire)}, renderer decode + check ${fmt(r.renderer)}: total ${fmt(total)}`);
  console.log(`  for comparison, JSON wire (${r.jsonMegabytes.toFixed(1)} MB text) ${fmt(r.jsonWire)}, JSON parse + typed copy ${fmt(r.jsonRenderer)}`);
  console.log(`  baseline  String.split of the same text ${fmt(r.baseline)}; parse / baseline = ${(r.parse / r.baseline).toFixed(2)}`);
  console.log(`  edit one cell ${fmt(r.edit)}, insert a row ${fmt(r.insertRow)}`);
  if (r.name.startsWith("100k")) console.log(`  target    import under 2 s: ${total < 2 ? "met" : "NOT met"}`);
}
