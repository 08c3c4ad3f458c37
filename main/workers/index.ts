export { WorkerPool, CancelledError, JobCrashedError, defaultPoolSize, defaultWorkerEntry, errorFromInfo } from "./pool";
export type { WorkerEntry, RunOptions } from "./pool";
export type { JobKind, JobInput, JobOutput } from "./jobs";
export type { JobContext, JobFunction } from "./job-context";
export { runBootstrap, runPbModcomp, shareRanges, type BootstrapRunInput, type PbRunInput, type SplitRunOptions } from "./run-bootstrap";
export { runSplit, type SplitJobOptions, type SplitPart } from "./split";
export { runComparisonInPool } from "./run-compare-pool";
export { checkOptimizersInPool } from "./run-optimizer-check";
