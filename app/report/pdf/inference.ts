/** The PDF sections of a model's stored inference (analysis-sections.ts): titled tables, then the sentences saying what was done. */
import type { TermInfoView } from "../../model-spec/fit-view";
import type { InferenceResults } from "../../project/schema";
import { inferenceSections } from "../analysis-sections";
import { formatTable, type NumberStyle } from "../format-table";
import type { TermNames } from "../term-labels";
import type { ReportWriter } from "./writer";

export function writeInference(w: ReportWriter, inference: InferenceResults | null | undefined, style: NumberStyle, names: TermNames, termInfo?: TermInfoView): void {
  for (const section of inferenceSections(inference, style, termInfo)) {
    for (const table of section.tables) w.table(formatTable(table, style, names));
    for (const sentence of section.sentences) w.paragraph(sentence, { muted: true });
  }
}
