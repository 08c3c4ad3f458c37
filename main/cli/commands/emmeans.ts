/**
 * `mixwell emmeans --data FILE --formula "..." --specs a[,b] [--by c] [--trend x] [--adjust tukey]
 * [--ddf satterthwaite|kenward-roger] [--df …] [--json]`: estimated marginal means (or simple
 * slopes of a numeric predictor with --trend) and pairwise comparisons, as R's emmeans. The df
 * method follows the model's (--ddf, as `mixwell fit`) unless --df names another. Linear models'
 * comparisons also as effect sizes (eff_size, --edf). `--family ordinal [--mode prob|mean.class]`:
 * an ordinal (clmm) model's category probabilities and mean class per level of --specs.
 */
import { resolve } from "node:path";
import { MixwellError } from "../../../app/errors";
import { formatMarginalMeans, formatOrdinalProbabilities, formatPairwise, formatSimpleEffectTests, parseAdjustment, runEmmeans, runOrdinalPosthoc, type DfMethod, type EmmeansResult, type OrdinalMode } from "../../../app/emmeans";
import { readTableFile } from "../../data/read-table-file";
import { formatOptions, requireString, type OptionSpec, type ParsedArgs } from "../args";
import type { CliIO, Command } from "../command";
import { FAMILY_OPTION_TEXT, familyOption } from "./family-option";
import { ddfOption, glmmOptions } from "./fit";

const options = {
  data: { type: "string", required: true, value: "FILE", description: "CSV file with a header row" },
  formula: { type: "string", required: true, value: "FORMULA", description: 'lme4 formula, e.g. "y ~ a * b + (1 | g)"' },
  specs: { type: "list", required: true, value: "FACTORS", description: "categorical predictors whose means are wanted (comma-separated)" },
  by: { type: "list", value: "FACTORS", description: "compare within each level of these (simple effects)" },
  trend: { type: "string", value: "COL", description: "numeric predictor: estimate its slope per cell (simple slopes) instead of means" },
  adjust: { type: "string", value: "METHOD", description: "pairwise comparisons adjusted by tukey, holm, bonferroni or none" },
  joint: { type: "boolean", description: "also F tests of the specs' effect within each --by group (emmeans' joint_tests)" },
  ddf: { type: "string", value: "METHOD", description: "linear models: the model's df method, satterthwaite (default) or kenward-roger (REML only), as in `mixwell fit`" },
  df: { type: "string", value: "METHOD", description: "LMM: df of the means and comparisons if not the model's (--ddf): satterthwaite or kenward-roger; GLMMs use asymptotic z tests" },
  family: { type: "string", value: "FAMILY", description: FAMILY_OPTION_TEXT },
  link: { type: "string", value: "LINK", description: "binomial: logit (default), probit or cloglog; poisson: log" },
  nagq: { type: "string", value: "N", description: "binomial/Poisson: 1 (default, Laplace), 0 (fast) or more adaptive quadrature points" },
  level: { type: "string", value: "P", description: "confidence level (default 0.95)" },
  mode: { type: "string", value: "MODE", description: "ordinal models: prob (category probabilities), mean.class or both (default), as emmeans' mode" },
  edf: { type: "string", value: "N", description: "linear models: equivalent df of σ for the pairwise effect sizes (emmeans' eff_size edf; default df.residual)" },
  ml: { type: "boolean", description: "fit by maximum likelihood instead of REML" },
  categorical: { type: "list", value: "COLS", description: "number columns to treat as categories (comma-separated)" },
  contrasts: { type: "string", value: "KIND", description: "coding of categories: treatment (default) or sum" },
  missing: { type: "list", value: "TEXTS", description: 'cell texts meaning missing (default: "NA" and empty)' },
  json: { type: "boolean", description: "print JSON instead of tables" },
  help: { type: "boolean", description: "show this help" },
} satisfies Record<string, OptionSpec>;

export const emmeansCommand: Command = {
  name: "emmeans",
  summary: "Estimated marginal means, simple slopes and pairwise comparisons (as R's emmeans)",
  usage: `Usage: mixwell emmeans --data FILE --formula "y ~ a * b + (1 | g)" --specs a [--by b] [--adjust tukey] [--json]\n\n${formatOptions(options)}`,
  options,
  async run(args, io) {
    if (args.strings.get("family") === "ordinal") return runOrdinal(args, io);
    if (args.strings.has("mode")) throw new MixwellError("--mode applies to ordinal models (--family ordinal).");
    const family = familyOption(args);
    const df = args.strings.get("df");
    if (df !== undefined && df !== "satterthwaite" && df !== "kenward-roger" && df !== "asymptotic") throw new MixwellError(`Unknown df method '${df}': use satterthwaite or kenward-roger.`);
    const ddf = ddfOption(args, family);
    const contrasts = args.strings.get("contrasts") ?? "treatment";
    if (contrasts !== "treatment" && contrasts !== "sum") throw new MixwellError(`Unknown contrasts '${contrasts}': use treatment or sum.`);
    const level = Number(args.strings.get("level") ?? "0.95");
    if (!(level > 0 && level < 1)) throw new MixwellError("--level must be a number between 0 and 1, such as 0.95.");
    const adjust = args.strings.get("adjust");
    const edfText = args.strings.get("edf");
    const edf = edfText === undefined ? undefined : edfText === "Inf" ? Infinity : Number(edfText);
    if (edf !== undefined && !(edf > 0)) throw new MixwellError("--edf must be a positive number (or Inf), such as 76.");
    const { table, warnings } = await readTableFile(resolve(io.cwd, requireString(args, "data")), { missing: args.lists.get("missing") });
    for (const w of warnings) io.stderr(`mixwell: ${w}\n`);
    const result = runEmmeans(
      table,
      {
        formula: requireString(args, "formula"),
        family,
        ...(family === "gaussian" ? { method: args.flags.has("ml") ? "ML" : "REML", ...(ddf ? { ddf } : {}) } : glmmOptions(args, family)),
        categorical: args.lists.get("categorical"),
        contrasts,
      },
      { specs: args.lists.get("specs") ?? [], by: args.lists.get("by"), trendOf: args.strings.get("trend"), ...(df ? { df: df as DfMethod } : {}), adjust: adjust === undefined ? undefined : parseAdjustment(adjust), level, jointTests: args.flags.has("joint"), ...(edf !== undefined ? { edf } : {}) },
    );
    io.stdout(args.flags.has("json") ? `${JSON.stringify(toJson(result), null, 2)}\n` : formatMarginalMeans(result.means) + (result.pairs ? `\n${formatPairwise(result.pairs)}` : "") + (result.tests ? `\n${formatSimpleEffectTests(result.tests)}` : ""));
    return 0;
  },
};

function toJson(result: EmmeansResult) {
  const { L: _L, ...means } = result.means;
  return { means, ...(result.tests ? { tests: result.tests } : {}), ...(result.pairs ? { pairs: { adjust: result.pairs.adjust, level: result.pairs.level, note: result.pairs.note, rows: result.pairs.rows, ...(result.pairs.effectSizes ? { effect_sizes: result.pairs.effectSizes } : {}) } } : {}) };
}

/** `--family ordinal`: category probabilities and/or the mean class of one factor (emmeans' mode = "prob" / "mean.class"). */
async function runOrdinal(args: ParsedArgs, io: CliIO): Promise<number> {
  for (const option of ["adjust", "df", "ddf", "trend", "edf", "ml", "joint", "level"]) {
    if (args.flags.has(option) || args.strings.has(option)) throw new MixwellError(`--${option} does not apply to ordinal models; they give category probabilities and the mean class (--mode).`);
  }
  const modeText = args.strings.get("mode");
  if (modeText !== undefined && modeText !== "prob" && modeText !== "mean.class") throw new MixwellError(`Unknown mode '${modeText}': use prob or mean.class.`);
  const modes: OrdinalMode[] = modeText ? [modeText] : ["prob", "mean.class"];
  const link = args.strings.get("link") ?? "logit";
  if (link !== "logit" && link !== "probit") throw new MixwellError(`Unknown link '${link}' for the ordinal family: use logit, probit.`);
  const nAGQ = Number(args.strings.get("nagq") ?? "1");
  if (!(Number.isInteger(nAGQ) && nAGQ >= 1 && nAGQ <= 25)) throw new MixwellError("--nagq must be a whole number from 1 to 25 for ordinal models.");
  const contrasts = args.strings.get("contrasts") ?? "treatment";
  if (contrasts !== "treatment" && contrasts !== "sum") throw new MixwellError(`Unknown contrasts '${contrasts}': use treatment or sum.`);
  const { table, warnings } = await readTableFile(resolve(io.cwd, requireString(args, "data")), { missing: args.lists.get("missing") });
  for (const w of warnings) io.stderr(`mixwell: ${w}\n`);
  const { ordinal } = runOrdinalPosthoc(table, { formula: requireString(args, "formula"), family: "ordinal", link, nAGQ, categorical: args.lists.get("categorical"), contrasts }, { specs: args.lists.get("specs") ?? [], by: args.lists.get("by") });
  if (args.flags.has("json")) {
    const json = { factor: ordinal.factor, response: ordinal.response, categories: ordinal.categories, ...(modes.includes("prob") ? { prob: ordinal.rows } : {}), ...(modes.includes("mean.class") ? { mean_class: ordinal.meanClass } : {}) };
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else io.stdout(formatOrdinalProbabilities(ordinal, modes));
  return 0;
}
