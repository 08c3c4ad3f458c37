/**
 * The PDF sections of a model's stored inference (analysis-sections.ts): a section's figure (the
 * Johnson–Neyman plot, above its tables as on screen), its titled tables, then the sentences
 * saying what was done.
 */
import type { TermInfoView } from "../../model-spec/fit-view";
import type { InferenceResults } from "../../project/schema";
import { inferenceSections, johnsonNeymanShown } from "../analysis-sections";
import { johnsonNeymanPlot } from "./johnson-neyman-plot";
import { formatTable, type NumberStyle } from "../format-table";
import type { TermNames } from "../term-labels";
import { CONTENT, type ReportWriter } from "./writer";

export function writeInference(w: ReportWriter, inference: InferenceResults | null | undefined, style: NumberStyle, names: TermNames, termInfo?: TermInfoView): void {
  for (const section of inferenceSections(inference, style, termInfo)) {
    if (section.figure) {
      const { jn } = section.figure;
      w.block(255, (top) => johnsonNeymanPlot(w.doc, { x: CONTENT.left, y: top, width: CONTENT.width, height: 230 }, jn, johnsonNeymanShown(jn, style)));
    }
    for (const table of section.tables) w.table(formatTable(table, style, names));
    for (const sentence of section.sentences) w.paragraph(sentence, { muted: true });
  }
}
