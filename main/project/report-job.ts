/** The PDF report, built in a worker (pdfkit's font subsetting takes a moment on a big project). */
import { completePosthoc, type Project } from "../../app/project";
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
  // Post-hoc requests kept after a refit whose tab was not opened again: computed here, as the panel would.
  const project = completePosthoc(input.project);
  context.progress(null, "Writing the PDF report…");
  return buildReportPdf(project, { projectName: input.projectName, numberStyle: input.numberStyle, models: input.models, version });
}
