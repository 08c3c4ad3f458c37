/**
 * `mixwell fit --data FILE --formula "..." [--ml] [--categorical a,b] [--contrasts sum]
 * [--family gaussian|binomial|poisson] [--link probit] [--nagq N] [--weights COL] [--ddf satterthwaite|kenward-roger] [--profile-ci]
 * [--correlation ar1|car1|cs --time COL --residual-group COL] [--variance-by COL] [--json]`: fit a mixed model to a CSV file
 * and print lme4-style output, or JSON with the reference field names.
 */
import { resolve } from "node:path";
import { MixwellError } from "../../../app/errors";
import { runFit, runFitWithFrame, type FitSpec } from "../../../app/engine/run-fit";
import { formatStandardized, standardizedEffects, withStandardized } from "../../../app/inference/standardize";
import { formatBootstrap } from "../../../app/inference/bootstrap-summary";
import { runBootstrap } from "../../workers/run-bootstrap";
import { useProfileThreads } from "../../workers/profile-threads";
import { bootProgress, cliPool, refitCount, seedOption } from "./cli-pool";
import { fitToJson, formatFitSummary } from "../../../app/report";
import { readTableFile } from "../../data/read-table-file";
import { formatOptions, requireString, type OptionSpec, type ParsedArgs } from "../args";
import type { Command } from "../command";
import { formatResidualFitSummary, residualFitToJson, runResidualFit } from "../../../app/engine/residual-structure";
import { RESIDUAL_OPTIONS, residualSpec } from "./residual-options";
import { FAMILY_LINKS, type GlmmFamilyName } from "../../../app/engine/glmm";
import { FAMILY_OPTION_TEXT, LINK_OPTION_TEXT, familyOption } from "./family-option";
import { runOrdinalCommand } from "./fit-ordinal";

const options = {
  data: { type: "string", required: true, value: "FILE", description: "CSV file with a header row" },
  formula: { type: "string", required: true, value: "FORMULA", description: 'lme4 formula, e.g. "y ~ x + (1 | g)"' },
  ml: { type: "boolean", description: "maximum likelihood instead of REML (linear models)" },
  categorical: { type: "list", value: "COLS", description: "number columns to treat as categories (comma-separated)" },
  contrasts: { type: "string", value: "KIND", description: "coding of categories: treatment (default) or sum" },
  family: { type: "string", value: "FAMILY", description: FAMILY_OPTION_TEXT },
  link: { type: "string", value: "LINK", description: LINK_OPTION_TEXT },
  nagq: { type: "string", value: "N", description: "binomial/poisson: 1 = Laplace (default); 0 = fast approximation (glmer's nAGQ = 0); N > 1 adaptive Gauss-Hermite points (one random intercept)" },
  weights: { type: "string", value: "COL", description: "column of prior weights (binomial: trials for a proportion outcome)" },
  missing: { type: "list", value: "TEXTS", description: 'cell texts meaning missing (default: "NA" and empty)' },
  json: { type: "boolean", description: "print JSON (reference field names) instead of a summary" },
  ddf: { type: "string", value: "METHOD", description: "linear models: denominator df of t and F tests, satterthwaite (default) or kenward-roger (REML only)" },
  "profile-ci": { type: "boolean", description: "add profile-likelihood 95% intervals of the variance components (slower)" },
  boot: { type: "string", value: "N", description: "linear models: add parametric-bootstrap percentile 95% intervals from N refits (as lme4's confint(method = \"boot\"))" },
  seed: { type: "string", value: "S", description: "seed of --boot (a whole number; the same seed repeats a run exactly; default 1)" },
  standardized: { type: "boolean", description: "linear models: add standardized fixed effects and 95% CIs (refit on standardized numeric columns, as effectsize's refit)" },
  ...RESIDUAL_OPTIONS,
  help: { type: "boolean", description: "show this help" },
} satisfies Record<string, OptionSpec>;

/** fit's options, shared by the commands that fit the same model first (ranova, jn). */
export const FIT_OPTIONS = options;

export const fitCommand: Command = {
  name: "fit",
  summary: "Fit a mixed model to a data file (lme4 formula; REML or ML; other families by Laplace, glmer.nb for the negative binomial)",
  usage: `Usage: mixwell fit --data FILE --formula "y ~ x + (1 | g)" [--ml] [--json]\n\n${formatOptions(options)}`,
  options,
  async run(args, io) {
    const file = requireString(args, "data");
    if (args.strings.get("family") === "ordinal") return runOrdinalCommand(args, io, file);
    const spec = fitSpec(args);
    // Profile intervals: one thread per variance parameter (main/workers/profile-threads.ts).
    if (spec.profileCi) useProfileThreads();
    const { table, warnings } = await readTableFile(resolve(io.cwd, file), { missing: args.lists.get("missing") });
    for (const w of warnings) io.stderr(`mixwell: ${w}\n`);
    const residual = residualSpec(args);
    if (residual) {
      const fit = runResidualFit(table, { ...spec, residual });
      io.stdout(args.flags.has("json") ? `${JSON.stringify(residualFitToJson(fit), null, 2)}\n` : formatResidualFitSummary(fit));
      return 0;
    }
    if (args.strings.has("boot")) {
      const { nboot, seed } = bootOptions(args);
      if (spec.family !== "gaussian") throw new MixwellError("--boot applies to linear (gaussian) models.");
      const fit = runFit(table, spec);
      // The refits run in worker threads, one share per core (main/workers/run-bootstrap.ts).
      const boot = await cliPool((pool) => runBootstrap(pool, { table, spec, nboot, seed }, { onProgress: bootProgress(io) }));
      const json = { ...fitToJson(fit), ci_boot: boot.ci_boot, boot: { nboot: boot.nboot, seed: boot.seed, failures: boot.failures, non_converged: boot.nonConverged } };
      io.stdout(args.flags.has("json") ? `${JSON.stringify(json, null, 2)}\n` : formatFitSummary(fit) + formatBootstrap(boot));
      return 0;
    }
    if (args.flags.has("standardized")) {
      const { fit, frame } = runFitWithFrame(table, spec);
      const std = standardizedEffects(table, spec, frame);
      io.stdout(args.flags.has("json") ? `${JSON.stringify(withStandardized(fitToJson(fit), std), null, 2)}\n` : formatFitSummary(fit) + formatStandardized(std));
      return 0;
    }
    const fit = runFit(table, spec);
    io.stdout(args.flags.has("json") ? `${JSON.stringify(fitToJson(fit), null, 2)}\n` : formatFitSummary(fit));
    return 0;
  },
};

/** The FitSpec of fit's options (also read by `mixwell ranova` and `mixwell jn`). */
export function fitSpec(args: ParsedArgs): FitSpec {
  const family = familyOption(args);
  const contrasts = args.strings.get("contrasts") ?? "treatment";
  if (contrasts !== "treatment" && contrasts !== "sum") {
    throw new MixwellError(`Unknown contrasts '${contrasts}': use treatment or sum.`);
  }
  if (args.flags.has("ml") && family !== "gaussian") {
    throw new MixwellError("--ml applies to linear (gaussian) models; other families use the Laplace approximation.");
  }
  if (family === "gaussian" && (args.strings.has("link") || args.strings.has("nagq"))) {
    throw new MixwellError("--link and --nagq apply to generalized models (--family binomial, poisson, negative-binomial, gamma or inverse-gaussian).");
  }
  const glmm = family !== "gaussian" ? glmmOptions(args, family) : {};
  const ddf = ddfOption(args, family);
  return {
    formula: requireString(args, "formula"),
    family,
    ...(family === "gaussian" ? { method: args.flags.has("ml") ? "ML" : "REML" } : glmm),
    categorical: args.lists.get("categorical"),
    contrasts,
    weights: args.strings.get("weights"),
    profileCi: args.flags.has("profile-ci"),
    ...(ddf ? { ddf } : {}),
  };
}

/** --ddf satterthwaite|kenward-roger (any case; "kr" for short), linear models only. */
export function ddfOption(args: ParsedArgs, family: string): FitSpec["ddf"] {
  const text = args.strings.get("ddf");
  if (text === undefined) return undefined;
  const name = text.trim().toLowerCase();
  const ddf = name === "satterthwaite" ? "Satterthwaite" : name === "kenward-roger" || name === "kr" ? "Kenward-Roger" : null;
  if (!ddf) throw new MixwellError(`Unknown --ddf '${text}': use satterthwaite or kenward-roger.`);
  if (family !== "gaussian") {
    throw new MixwellError("--ddf applies to linear (gaussian) models; other families use Wald z tests.");
  }
  if (ddf === "Kenward-Roger" && args.flags.has("ml")) {
    throw new MixwellError("Kenward–Roger's method needs a REML fit (as pbkrtest and lmerTest): drop --ml or use --ddf satterthwaite.");
  }
  return ddf;
}

/** --link and --nagq of a generalized model (also read by `mixwell compare`). */
export function glmmOptions(args: ParsedArgs, family: GlmmFamilyName): Pick<FitSpec, "link" | "nAGQ"> {
  const link = args.strings.get("link");
  const links: readonly string[] = FAMILY_LINKS[family];
  if (link !== undefined && !links.includes(link)) {
    throw new MixwellError(`Unknown link '${link}' for the ${family} family: use ${links.join(", ")}.`);
  }
  const nagqText = args.strings.get("nagq");
  const nAGQ = nagqText === undefined ? undefined : Number(nagqText);
  if (nAGQ !== undefined && !(Number.isInteger(nAGQ) && nAGQ >= 0 && nAGQ <= 25)) {
    throw new MixwellError(`--nagq must be a whole number from 0 to 25, not '${nagqText}'.`);
  }
  return { ...(link ? { link: link as FitSpec["link"] } : {}), ...(nAGQ !== undefined ? { nAGQ } : {}) };
}

/** --boot N (10 to 100,000) and --seed S (a whole number, default 1). */
function bootOptions(args: ParsedArgs): { nboot: number; seed: number } {
  return { nboot: refitCount(args, "boot", 10), seed: seedOption(args) };
}
