/**
 * `mixwell check --data FILE --formula "..." [--categorical a,b] [--family F] [--json]`: the design
 * check (grouping factors, nesting and crossing, within-group predictors, random effects against
 * observations) from the data alone, before fitting.
 */
import { resolve } from "node:path";
import { checkDesign, formatDesignCheck } from "../../../app/design-check";
import { readTableFile } from "../../data/read-table-file";
import { formatOptions, requireString, type OptionSpec } from "../args";
import type { Command } from "../command";
import { FAMILY_OPTION_TEXT, familyOption } from "./family-option";

const options = {
  data: { type: "string", required: true, value: "FILE", description: "CSV file with a header row" },
  formula: { type: "string", required: true, value: "FORMULA", description: 'lme4 formula, e.g. "y ~ x + (1 | g)"' },
  categorical: { type: "list", value: "COLS", description: "number columns to treat as categories (comma-separated)" },
  family: { type: "string", value: "FAMILY", description: FAMILY_OPTION_TEXT },
  missing: { type: "list", value: "TEXTS", description: 'cell texts meaning missing (default: "NA" and empty)' },
  json: { type: "boolean", description: "print JSON instead of text" },
  help: { type: "boolean", description: "show this help" },
} satisfies Record<string, OptionSpec>;

export const checkCommand: Command = {
  name: "check",
  summary: "Check a model's design from the data before fitting (groups, nesting, slopes, identifiability)",
  usage: `Usage: mixwell check --data FILE --formula "y ~ x + (1 | g)" [--json]\n\n${formatOptions(options)}`,
  options,
  async run(args, io) {
    const family = familyOption(args);
    const { table, warnings } = await readTableFile(resolve(io.cwd, requireString(args, "data")), { missing: args.lists.get("missing") });
    for (const w of warnings) io.stderr(`mixwell: ${w}\n`);
    const check = checkDesign(table, requireString(args, "formula"), { categorical: args.lists.get("categorical"), family });
    io.stdout(args.flags.has("json") ? `${JSON.stringify(check, null, 2)}\n` : formatDesignCheck(check));
    return check.findings.some((f) => f.severity === "error") ? 2 : 0;
  },
};
