/**
 * A stored parametric-bootstrap comparison (pbkrtest's PBmodcomp, kept with the larger model as
 * app/project's StoredPbTest) as a report section: one line with the p-values, the LRT and its df,
 * naming the smaller model, then the sentence saying what was done (simulations, seed, counts).
 * No table: the comparison table itself is not part of a model's report.
 */
import { pbSentence, type PbResult } from "../inference/bootstrap-summary";
import type { StoredPbTest } from "../project/schema";
import { formatPValue } from "./format-number";
import { formulaText } from "./term-labels";

/** The χ² p-value, LRT and df beside the PB p-value (the Comparison tab and the report). */
export function pbDetails(pb: PbResult): string {
  return `χ² p = ${formatPValue(pb.chisq_p)}, LRT = ${pb.lrt.toFixed(2)}, df = ${pb.df}`;
}

/** The line stating the result, as the Comparison tab shows it, naming the smaller model. */
export function pbTestLine(test: StoredPbTest): string {
  const { against, result: pb } = test;
  return `Parametric bootstrap test against ${against.name} (${formulaText(against.formula)}): PB p = ${formatPValue(pb.pb_p)} (${pbDetails(pb)}).`;
}

/** The report section's sentences: the result line, then how it was obtained. */
export function pbTestSentences(test: StoredPbTest): readonly string[] {
  return [pbTestLine(test), pbSentence(test.result)];
}
