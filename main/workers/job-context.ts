/** What a job running in a worker thread may do besides compute: report progress. */
export interface JobContext {
  /** fraction in 0..1 (null when unknown) and a short message for the status bar. */
  progress(fraction: number | null, message: string): void;
}

/** A job: structured-clonable input → structured-clonable output, run inside a worker thread. */
export type JobFunction<I, O> = (input: I, context: JobContext) => O | Promise<O>;
