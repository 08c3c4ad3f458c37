/** The PDF report, built in a worker (pdfkit's font subsetting takes a moment on a big project). */
import type { Project } from "../../app/project";
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
  context.progress(null, "Writing the PDF report…");
  return buildReportPdf(input.project, { projectName: input.projectName, numberStyle: input.numberStyle, models: input.models, version });
}
