/** `mixwell describe --data FILE [--json]`: column descriptives of a CSV file. */
import { resolve } from "node:path";
import { describeTable, type ColumnDescription, type TableDescription } from "../../../app/describe";
import { readTableFile } from "../../data/read-table-file";
import { formatOptions, requireString, type OptionSpec } from "../args";
import type { Command } from "../command";

const options = {
  data: { type: "string", required: true, value: "FILE", description: "CSV file with a header row" },
  categorical: { type: "list", value: "COLS", description: "columns to treat as categorical (comma-separated)" },
  missing: { type: "list", value: "TEXTS", description: 'cell texts meaning missing (default: "NA" and empty)' },
  json: { type: "boolean", description: "print JSON instead of a table" },
  help: { type: "boolean", description: "show this help" },
} satisfies Record<string, OptionSpec>;

export const describeCommand: Command = {
  name: "describe",
  summary: "Describe each column of a data file (n, missing, mean, SD, min, max; level counts)",
  usage: `Usage: mixwell describe --data FILE [--json]\n\n${formatOptions(options)}`,
  options,
  async run(args, io) {
    const file = requireString(args, "data");
    const { table, warnings } = await readTableFile(resolve(io.cwd, file), {
      categorical: args.lists.get("categorical"),
      missing: args.lists.get("missing"),
    });
    for (const w of warnings) io.stderr(`mixwell: ${w}\n`);
    const description = describeTable(table);
    io.stdout(args.flags.has("json") ? `${JSON.stringify({ data: file, ...description }, null, 2)}\n` : formatText(description));
    return 0;
  },
};

function formatText(d: TableDescription): string {
  const header = ["column", "type", "n", "missing", "mean", "sd", "min", "max"];
  const rows = d.columns.map(textRow);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const line = (r: readonly string[]) => r.map((c, j) => (j < 2 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join("  ");
  const levels = d.columns
    .filter((c) => c.kind === "categorical")
    .map((c) => `${c.name}: ${c.levels.map((l) => `${l.level} (${l.count})`).join(", ")}`);
  return [`${d.nrow} rows, ${d.columns.length} columns`, "", line(header), ...rows.map(line), "", ...levels, ""].join("\n");
}

function textRow(c: ColumnDescription): string[] {
  if (c.kind === "categorical") {
    return [c.name, `categorical (${c.levels.length} levels)`, String(c.n), String(c.missing), "", "", "", ""];
  }
  return [c.name, "number", String(c.n), String(c.missing), fmt(c.mean), fmt(c.sd), fmt(c.min), fmt(c.max)];
}

function fmt(x: number | null): string {
  return x === null ? "NA" : String(Number(x.toPrecision(7)));
}
