export { WorkerPool, CancelledError, JobCrashedError, defaultPoolSize, defaultWorkerEntry, errorFromInfo } from "./pool";
export type { WorkerEntry, RunOptions } from "./pool";
export type { JobKind, JobInput, JobOutput } from "./jobs";
export type { JobContext, JobFunction } from "./job-context";
export { runBootstrap, runPbModcomp, shareRanges, type BootstrapRunInput, type PbRunInput, type SplitRunOptions } from "./run-bootstrap";
