/**
 * The runs of an allFit-style check, by name and position, without the engine: the LMM check
 * (all-fit.ts) and the GLMM check (glmm-all-fit.ts) run them, and the worker pool's parallel check
 * (main/workers/run-optimizer-check.ts) starts one part per run and combines them here
 * (agreement.ts), in the main process.
 */
export type GlmmOptimizer = "bobyqa" | "Nelder_Mead" | "nloptwrap";

/** The LMM runs, in the order of the table. */
export const LMM_RUNS: readonly string[] = ["bobyqa (lme4's start)", "Nelder-Mead", "bobyqa (moment start)"];

/** The GLMM runs: each optimiser for both of glmer's stages (glmm-all-fit.ts). */
export const GLMM_RUNS: readonly { readonly name: string; readonly stages: readonly [GlmmOptimizer, GlmmOptimizer] }[] = [
  { name: "bobyqa + Nelder_Mead (glmer's default)", stages: ["bobyqa", "Nelder_Mead"] },
  { name: "bobyqa", stages: ["bobyqa", "bobyqa"] },
  { name: "Nelder_Mead", stages: ["Nelder_Mead", "Nelder_Mead"] },
  { name: "nloptwrap (BOBYQA)", stages: ["nloptwrap", "nloptwrap"] },
];

/** GLMM runs for an nAGQ: with one stage (nAGQ = 0) the default is plain bobyqa, so it is left out. */
export function glmmRuns(nAGQ: number): typeof GLMM_RUNS {
  return nAGQ === 0 ? GLMM_RUNS.slice(1) : GLMM_RUNS;
}

/** SDs on a GLMM's link scale: a zero SD compared with an absolute 1e-4 (agreement.ts). */
export const GLMM_SD_FLOOR = 0.1;

/** The names of the runs a model's check makes, in table order. */
export function optimizerRunNames(spec: { readonly family?: string; readonly nAGQ?: number }): string[] {
  return (spec.family ?? "gaussian") === "gaussian" ? [...LMM_RUNS] : glmmRuns(spec.nAGQ ?? 1).map((r) => r.name);
}
