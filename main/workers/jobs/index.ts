/**
 * Every kind of job the worker pool runs, by name. To add one (e.g. "fit"): write
 * jobs/<name>.ts exporting a JobFunction, and add one line here. Its input and output types flow
 * from this table to WorkerPool.run() on the main side.
 *
 * Only worker-entry.ts imports this module at run time; main-side code imports its types only,
 * so the numeric engine is bundled into the worker, not into the main process.
 */
import type { JobFunction } from "../job-context";
import { describeJob } from "./describe";
import { diagnosticJob } from "./diagnostic";
import { compareCheckJob, compareFitJob, compareJob, fitJob } from "./fit";
import { readCsvJob } from "./read-csv";
import { emmeansJob } from "./emmeans";
import { guidedFixJob } from "./guided-fix";
import { guidedOptimizersJob, optimizerRunJob, optimizerThetaJob } from "./guided-optimizers";
import { designCheckJob } from "./design-check";
import { johnsonNeymanJob, ranovaJob, standardizedEffectsJob } from "./ranova";
import { bootstrapShareJob, bootstrapStartJob, pbShareJob, pbStartJob } from "./bootstrap";
import { importTableJob, previewImportJob } from "../../data/import-job";
import { reportJob } from "../../project/report-job";
import { profileParametersJob } from "./profile-parameters";

export const jobs = {
  describe: describeJob,
  readCsv: readCsvJob,
  previewImport: previewImportJob,
  importTable: importTableJob,
  diagnostic: diagnosticJob,
  fit: fitJob,
  compare: compareJob,
  compareCheck: compareCheckJob,
  compareFit: compareFitJob,
  report: reportJob,
  emmeans: emmeansJob,
  guidedFix: guidedFixJob,
  guidedOptimizers: guidedOptimizersJob,
  optimizerTheta: optimizerThetaJob,
  optimizerRun: optimizerRunJob,
  designCheck: designCheckJob,
  ranova: ranovaJob,
  johnsonNeyman: johnsonNeymanJob,
  standardizedEffects: standardizedEffectsJob,
  bootstrapStart: bootstrapStartJob,
  bootstrapShare: bootstrapShareJob,
  pbStart: pbStartJob,
  pbShare: pbShareJob,
  profileParameters: profileParametersJob,
} satisfies Record<string, JobFunction<never, unknown>>;

export type JobTable = typeof jobs;
export type JobKind = keyof JobTable;
export type JobInput<K extends JobKind> = Parameters<JobTable[K]>[0];
export type JobOutput<K extends JobKind> = Awaited<ReturnType<JobTable[K]>>;
