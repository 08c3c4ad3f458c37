/**
 * `mixwell jn --data FILE --formula "..." --x X --moderator M [fit's options] [--df …] [--level P] [--json]`:
 * Johnson–Neyman interval of the slope of a numeric X over a numeric moderator M (the moderator
 * values where the slope differs from 0), and simple slopes at M's mean − SD, mean and mean + SD.
 * JSON: `{ x, moderator, lower, upper, range, significant, df, level, simple_slopes }`.
 */
import { resolve } from "node:path";
import { MixwellError } from "../../../app/errors";
import { runJohnsonNeyman } from "../../../app/inference/run-johnson-neyman";
import { formatJohnsonNeyman } from "../../../app/inference/johnson-neyman-text";
import type { DfMethod } from "../../../app/emmeans";
import { readTableFile } from "../../data/read-table-file";
import { formatOptions, requireString, type OptionSpec } from "../args";
import type { Command } from "../command";
import { FIT_OPTIONS, fitSpec } from "./fit";
import { residualSpec } from "./residual-options";

const options = {
  ...FIT_OPTIONS,
  x: { type: "string", required: true, value: "COL", description: "numeric predictor whose slope is probed" },
  moderator: { type: "string", required: true, value: "COL", description: "numeric moderator (x * moderator must be in the formula)" },
  df: { type: "string", value: "METHOD", description: "df of the slope's test if not the model's: satterthwaite, kenward-roger or asymptotic (z)" },
  level: { type: "string", value: "P", description: "confidence level (default 0.95)" },
} satisfies Record<string, OptionSpec>;

export const jnCommand: Command = {
  name: "jn",
  summary: "Johnson–Neyman interval and simple slopes of a numeric-by-numeric interaction",
  usage: `Usage: mixwell jn --data FILE --formula "y ~ x * m + (1 | g)" --x x --moderator m [--json]\n\n${formatOptions(options)}`,
  options,
  async run(args, io) {
    const spec = fitSpec(args);
    if (residualSpec(args)) throw new MixwellError("Johnson–Neyman intervals are for lme4 models; drop --correlation and --variance-by.");
    const df = args.strings.get("df");
    if (df !== undefined && df !== "satterthwaite" && df !== "kenward-roger" && df !== "asymptotic") throw new MixwellError(`Unknown df method '${df}': use satterthwaite, kenward-roger or asymptotic.`);
    const level = Number(args.strings.get("level") ?? "0.95");
    const { table, warnings } = await readTableFile(resolve(io.cwd, requireString(args, "data")), { missing: args.lists.get("missing") });
    for (const w of warnings) io.stderr(`mixwell: ${w}\n`);
    const jn = runJohnsonNeyman(table, { ...spec, profileCi: false }, { x: requireString(args, "x"), moderator: requireString(args, "moderator"), ...(df ? { df: df as DfMethod } : {}), level });
    const json = { x: jn.x, moderator: jn.moderator, lower: jn.lower, upper: jn.upper, range: jn.range, significant: jn.significant, df: jn.df, level: jn.level, simple_slopes: jn.simpleSlopes.map((s) => ({ ...s, df: Number.isFinite(s.df) ? s.df : null })) };
    io.stdout(args.flags.has("json") ? `${JSON.stringify(json, null, 2)}\n` : formatJohnsonNeyman(jn));
    return 0;
  },
};
