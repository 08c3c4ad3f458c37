/**
 * `mixwell ranova --data FILE --formula "..." [fit's options] [--json]`: likelihood-ratio tests of
 * the random-effect terms, as lmerTest's ranova() (each term removed, or a random slope reduced;
 * REML fits compare REML log-likelihoods). JSON: `{ ranova: [{ term, npar, logLik, AIC, LRT, df, p }] }`.
 */
import { resolve } from "node:path";
import { MixwellError } from "../../../app/errors";
import { runFitWithFrame } from "../../../app/engine/run-fit";
import type { LmmFit } from "../../../app/engine/lmm";
import { formatRanova, ranova } from "../../../app/inference/ranova";
import { readTableFile } from "../../data/read-table-file";
import { formatOptions, requireString } from "../args";
import type { Command } from "../command";
import { FIT_OPTIONS, fitSpec } from "./fit";
import { residualSpec } from "./residual-options";

export const ranovaCommand: Command = {
  name: "ranova",
  summary: "Likelihood-ratio tests of the random-effect terms (as lmerTest's ranova)",
  usage: `Usage: mixwell ranova --data FILE --formula "y ~ x + (x | g)" [--ml] [--json]\n\n${formatOptions(FIT_OPTIONS)}`,
  options: FIT_OPTIONS,
  async run(args, io) {
    const spec = fitSpec(args);
    if ((spec.family ?? "gaussian") !== "gaussian") throw new MixwellError("Random-effect tests (ranova) apply to linear mixed models, as lmerTest's ranova.");
    if (residualSpec(args)) throw new MixwellError("Random-effect tests (ranova) are for lme4 models; drop --correlation and --variance-by.");
    const { table, warnings } = await readTableFile(resolve(io.cwd, requireString(args, "data")), { missing: args.lists.get("missing") });
    for (const w of warnings) io.stderr(`mixwell: ${w}\n`);
    const { fit, frame } = runFitWithFrame(table, { ...spec, inference: false, profileCi: false });
    const rows = ranova(table, spec.formula, fit as LmmFit, frame, { categorical: spec.categorical, contrasts: spec.contrasts, weights: spec.weights });
    io.stdout(args.flags.has("json") ? `${JSON.stringify({ ranova: rows }, null, 2)}\n` : formatRanova(rows, fit.formula));
    return 0;
  },
};
