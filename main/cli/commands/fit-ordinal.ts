/**
 * `mixwell fit --family ordinal [--link logit|probit] [--nagq N]`: a cumulative link mixed model
 * as ordinal::clmm; the outcome is a column of ordered categories (its level order, or numbers
 * listed in --categorical). JSON: tests/fixtures/reference-ordinal's fields (thresholds, fixef, varcorr, logLik)
 * and the conditional modes `ranef` with the LMM JSON's fields.
 */
import { resolve } from "node:path";
import { MixwellError } from "../../../app/errors";
import { ORDINAL_LINKS, formatOrdinalSummary, ordinalFitToJson, runOrdinalFit, type OrdinalLink } from "../../../app/engine/ordinal";
import { readTableFile } from "../../data/read-table-file";
import { requireString, type ParsedArgs } from "../args";
import type { CliIO } from "../command";

function ordinalLink(args: ParsedArgs): OrdinalLink {
  const link = args.strings.get("link") ?? "logit";
  if (!(ORDINAL_LINKS as readonly string[]).includes(link)) {
    throw new MixwellError(`Unknown link '${link}' for the ordinal family: use ${ORDINAL_LINKS.join(", ")}.`);
  }
  return link as OrdinalLink;
}

function ordinalNagq(args: ParsedArgs): number {
  const text = args.strings.get("nagq");
  if (text === undefined) return 1;
  const n = Number(text);
  if (!(Number.isInteger(n) && n >= 1 && n <= 25)) throw new MixwellError(`--nagq must be a whole number from 1 to 25 for ordinal models, not '${text}'.`);
  return n;
}

export async function runOrdinalCommand(args: ParsedArgs, io: CliIO, file: string): Promise<number> {
  for (const option of ["ml", "ddf", "profile-ci", "correlation", "variance-by"]) {
    if (args.flags.has(option) || args.strings.has(option)) throw new MixwellError(`--${option} does not apply to ordinal models.`);
  }
  const contrasts = args.strings.get("contrasts") ?? "treatment";
  if (contrasts !== "treatment" && contrasts !== "sum") throw new MixwellError(`Unknown contrasts '${contrasts}': use treatment or sum.`);
  const spec = {
    formula: requireString(args, "formula"),
    link: ordinalLink(args),
    nAGQ: ordinalNagq(args),
    categorical: args.lists.get("categorical"),
    contrasts,
    weights: args.strings.get("weights"),
  } as const;
  const { table, warnings } = await readTableFile(resolve(io.cwd, file), { missing: args.lists.get("missing") });
  for (const w of warnings) io.stderr(`mixwell: ${w}\n`);
  const fit = runOrdinalFit(table, spec);
  io.stdout(args.flags.has("json") ? `${JSON.stringify(ordinalFitToJson(fit), null, 2)}\n` : formatOrdinalSummary(fit));
  return 0;
}
