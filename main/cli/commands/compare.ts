/**
 * `mixwell compare --data FILE --formula "..." --formula "..." [--family binomial|poisson]
 * [--link L] [--nagq 0|1] [--weights COL] [--categorical a,b] [--pb N --seed S] [--json]`: likelihood-ratio
 * test of nested mixed models on the same rows (lme4's anova(m1, m2)) — linear models refitted by ML
 * where fitted by REML, or binomial/Poisson models (glmer), all with one family, link and nAGQ.
 * --pb adds pbkrtest's PBmodcomp parametric-bootstrap p-value of two linear models (worker threads).
 * On tables of POOL_ROWS rows or more the models are fitted in parallel worker threads.
 */
import { resolve } from "node:path";
import { MixwellError } from "../../../app/errors";
import type { FitSpec } from "../../../app/engine/run-fit";
import { runComparison, type ModelComparison } from "../../../app/inference";
import { formatPValue, layoutTable, significanceStars } from "../../../app/report/format-number";
import { readTableFile } from "../../data/read-table-file";
import { formatOptions, requireString, type OptionSpec, type ParsedArgs } from "../args";
import type { Command } from "../command";
import { FAMILY_OPTION_TEXT, familyOption } from "./family-option";
import { glmmOptions } from "./fit";
import { pbSentence, type PbResult } from "../../../app/inference/bootstrap-summary";
import { runPbModcomp } from "../../workers/run-bootstrap";
import { runComparisonInPool } from "../../workers/run-compare-pool";
import { bootProgress, cliPool, refitCount, seedOption } from "./cli-pool";

/** Rows from which the models are fitted in parallel worker threads. */
export const POOL_ROWS = 10_000;

const options = {
  data: { type: "string", required: true, value: "FILE", description: "CSV file with a header row" },
  formula: { type: "list", required: true, value: "FORMULA", description: "lme4 formula of one model; give it once per model (at least two)" },
  categorical: { type: "list", value: "COLS", description: "number columns to treat as categories (comma-separated)" },
  contrasts: { type: "string", value: "KIND", description: "coding of categories: treatment (default) or sum" },
  family: { type: "string", value: "FAMILY", description: `${FAMILY_OPTION_TEXT}; the same for every model` },
  link: { type: "string", value: "LINK", description: "binomial: logit (default), probit or cloglog; poisson: log" },
  nagq: { type: "string", value: "N", description: "binomial/poisson: 1 = Laplace (default); 0 = fast approximation; N > 1 adaptive Gauss-Hermite points" },
  weights: { type: "string", value: "COL", description: "column of prior weights (binomial: trials for a proportion outcome)" },
  missing: { type: "list", value: "TEXTS", description: 'cell texts meaning missing (default: "NA" and empty)' },
  json: { type: "boolean", description: "print JSON instead of a table" },
  pb: { type: "string", value: "N", description: "two linear models: add the parametric-bootstrap p-value from N simulations (pbkrtest's PBmodcomp)" },
  seed: { type: "string", value: "S", description: "seed of --pb (a whole number; the same seed repeats a run exactly; default 1)" },
  help: { type: "boolean", description: "show this help" },
} satisfies Record<string, OptionSpec>;

export const compareCommand: Command = {
  name: "compare",
  summary: "Likelihood-ratio test of nested mixed models, linear or binomial/Poisson (as lme4's anova)",
  usage: `Usage: mixwell compare --data FILE --formula "y ~ 1 + (1 | g)" --formula "y ~ x + (1 | g)" [--family binomial] [--json]\n\n${formatOptions(options)}`,
  options,
  async run(args, io) {
    const file = requireString(args, "data");
    const formulas = formulaList(args);
    if (formulas.length < 2) throw new MixwellError("Give at least two models to compare: --formula \"...\" --formula \"...\".");
    const shared = sharedSpec(args);
    const { table, warnings } = await readTableFile(resolve(io.cwd, file), { missing: args.lists.get("missing") });
    for (const w of warnings) io.stderr(`mixwell: ${w}\n`);
    const specs = formulas.map((formula) => ({ formula, ...shared }));
    const pbOptions = args.strings.has("pb") ? { nsim: refitCount(args, "pb", 1), seed: seedOption(args) } : null;
    if (pbOptions && (formulas.length !== 2 || shared.family !== "gaussian")) throw new MixwellError("--pb compares exactly two linear (gaussian) models, as pbkrtest's PBmodcomp.");
    // Large tables: one model per worker thread (identical results); small ones fit faster here
    // than worker threads start.
    const inPool = pbOptions !== null || table.nrow >= POOL_ROWS;
    const { result, pb } = inPool
      ? await cliPool(async (pool) => ({
          result: await runComparisonInPool(pool, { table, specs }),
          pb: pbOptions ? await runPbModcomp(pool, { table, specs, ...pbOptions }, { onProgress: bootProgress(io) }) : null,
        }))
      : { result: runComparison(table, specs), pb: null };
    const json = pb ? { ...toJson(result), ...pbJson(pb) } : toJson(result);
    io.stdout(args.flags.has("json") ? `${JSON.stringify(json, null, 2)}\n` : formatComparison(result) + (pb ? `\n${formatPb(pb)}` : ""));
    return 0;
  },
};

/** Everything but the formula, the same for every model: family, link, nAGQ, weights, coding. */
function sharedSpec(args: ParsedArgs): Omit<FitSpec, "formula"> {
  const contrasts = args.strings.get("contrasts") ?? "treatment";
  if (contrasts !== "treatment" && contrasts !== "sum") throw new MixwellError(`Unknown contrasts '${contrasts}': use treatment or sum.`);
  const family = familyOption(args);
  if (family === "gaussian" && (args.strings.has("link") || args.strings.has("nagq"))) {
    throw new MixwellError("--link and --nagq apply to generalized models (--family binomial, poisson, negative-binomial, gamma or inverse-gaussian).");
  }
  return {
    family,
    ...(family === "gaussian" ? {} : glmmOptions(args, family)),
    categorical: args.lists.get("categorical"),
    contrasts,
    ...(args.strings.has("weights") ? { weights: args.strings.get("weights") } : {}),
  };
}

/**
 * The --formula values. The list option also splits on commas, and a formula may hold one
 * (`poly(x, 2)`, `cbind(successes, failures) ~ …`): a piece continues the formula before it while
 * that one has an unclosed parenthesis or no "~" yet.
 */
function formulaList(args: ParsedArgs): string[] {
  const out: string[] = [];
  const unfinished = (f: string) => !f.includes("~") || (f.match(/\(/g)?.length ?? 0) > (f.match(/\)/g)?.length ?? 0);
  for (const piece of args.lists.get("formula") ?? []) {
    if (out.length > 0 && unfinished(out[out.length - 1])) out[out.length - 1] += `, ${piece.trim()}`;
    else out.push(piece);
  }
  return out;
}

function finite(x: number | undefined): number | null {
  return x !== undefined && Number.isFinite(x) ? x : null;
}

function toJson(r: ModelComparison) {
  return {
    refitted_ML: r.refitted,
    models: r.rows.map((row) => ({
      formula: row.formula,
      npar: row.npar,
      AIC: finite(row.AIC),
      BIC: finite(row.BIC),
      logLik: finite(row.logLik),
      deviance: finite(row.deviance),
      Chisq: finite(row.Chisq),
      Df: row.Df ?? null,
      p: finite(row.p),
    })),
    notes: r.notes,
  };
}

/** JSON of the PB test: `pb_p`, and how it was obtained (counts as pbkrtest's samples). */
function pbJson(pb: PbResult) {
  return {
    pb_p: pb.pb_p,
    pb: { nsim: pb.nsim, seed: pb.seed, LRT: pb.lrt, df: pb.df, chisq_p: pb.chisq_p, used: pb.used, extreme: pb.extreme, non_positive: pb.nonPositive, non_converged: pb.nonConverged, failures: pb.failures },
  };
}

/** PBmodcomp's two-row table and the sentence saying what was done. */
function formatPb(pb: PbResult): string {
  const rows = layoutTable([
    ["", "stat", "df", "p.value"],
    ["LRT", pb.lrt.toFixed(4), String(pb.df), formatPValue(pb.chisq_p)],
    ["PBtest", pb.lrt.toFixed(4), "", formatPValue(pb.pb_p)],
  ]);
  return [...rows, "", pbSentence(pb), ""].join("\n");
}

function formatComparison(r: ModelComparison): string {
  const names = r.rows.map((_, i) => `model ${i + 1}`);
  const fixed = (x: number | undefined, d: number) => (x === undefined || !Number.isFinite(x) ? "" : x.toFixed(d));
  const table = layoutTable([
    ["", "npar", "AIC", "BIC", "logLik", "deviance", "Chisq", "Df", "Pr(>Chisq)", ""],
    ...r.rows.map((row, i) => [
      names[i],
      String(row.npar),
      fixed(row.AIC, 2),
      fixed(row.BIC, 2),
      fixed(row.logLik, 2),
      fixed(row.deviance, 2),
      fixed(row.Chisq, 4),
      row.Df === undefined ? "" : String(row.Df),
      row.p === undefined ? "" : formatPValue(row.p),
      significanceStars(row.p),
    ]),
  ]);
  const lines = [
    ...(r.refitted ? ["Refitting model(s) with ML (instead of REML)", ""] : []),
    "Models:",
    ...r.rows.map((row, i) => `${names[i]}: ${row.formula}`),
    "",
    ...table,
    "---",
    "Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1",
  ];
  if (r.notes.length > 0) lines.push("", "Notes:", ...r.notes.map((n) => `  - ${n}`));
  return lines.join("\n") + "\n";
}
