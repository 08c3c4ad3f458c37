/** The PDF report, built in a worker (pdfkit's font subsetting takes a moment on a big project). */
import { completePosthoc, type Project } from "../../app/project";
import { reportModels } from "../../app/project/report-models";
import type { NumberStyle } from "../../app/report";
import { buildReportPdf } from "../../app/report/pdf";
import type { JobContext } from "../workers/job-context";
import { version } from "../version";

export interface ReportJobInput {
  readonly project: Project;
  readonly projectName: string;
  readonly numberStyle: NumberStyle;
  readonly models?: readonly number[];
}

export async function reportJob(input: ReportJobInput, context: JobContext): Promise<Uint8Array> {
  // Only the chosen models; those fitted on other data (or not fitted) are refitted first, never printed stale.
  const chosen = reportModels(input.project, input.models, (name) => context.progress(null, `Refitting ${name} for the report…`));
  // Post-hoc requests kept after a refit whose tab was not opened again: computed here, as the panel would.
  const project = completePosthoc(chosen);
  context.progress(null, "Writing the PDF report…");
  return buildReportPdf(project, { projectName: input.projectName, numberStyle: input.numberStyle, version });
}
