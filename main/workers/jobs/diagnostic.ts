/**
 * A job that misbehaves on request, so tests can prove the pool survives crashes, hard exits
 * and endless work (cancellation).
 */
import type { JobContext } from "../job-context";

export type DiagnosticInput =
  | { readonly mode: "echo"; readonly value: string }
  | { readonly mode: "throw"; readonly message: string }
  | { readonly mode: "crash"; readonly message: string }
  | { readonly mode: "exit" }
  | { readonly mode: "spin"; readonly steps: number };

export async function diagnosticJob(input: DiagnosticInput, context: JobContext): Promise<string> {
  switch (input.mode) {
    case "echo":
      return input.value;
    case "throw":
      throw new Error(input.message);
    case "crash":
      // Thrown outside the job's promise chain: an uncaught exception kills the worker.
      setTimeout(() => {
        throw new Error(input.message);
      }, 0);
      return new Promise<string>(() => {});
    case "exit":
      process.exit(3);
    case "spin":
      for (let step = 0; step < input.steps; step++) {
        context.progress(step / input.steps, `step ${step}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return "done";
  }
}
