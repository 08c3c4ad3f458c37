/**
 * API types of the parametric bootstrap (app/inference/bootstrap.ts, pb-modcomp.ts), run in all
 * worker threads at once (main/workers/run-bootstrap.ts): percentile intervals of a fitted linear
 * mixed model (lme4's confint(method = "boot")), and the PB p-value of two nested models
 * (pbkrtest's PBmodcomp). Progress messages read "312 of 1000 refits"; cancel stops every share.
 */
import type { BootstrapResult, PbResult } from "../inference/bootstrap-summary";
import type { FitModelSpec } from "./contract";

/** Refits allowed in one request (validate-bootstrap.ts). */
export const MAX_REFITS = 100_000;

export interface BootstrapApiRequest {
  readonly tableId: string;
  readonly spec: FitModelSpec;
  /** Refits, 1 … MAX_REFITS (intervals need at least 10 that succeed). */
  readonly nboot: number;
  /** Any whole number; the same seed repeats a run exactly. */
  readonly seed: number;
}

export interface PbModcompApiRequest {
  readonly tableId: string;
  /** The two models to compare (either order; the one with fewer parameters is the null model). */
  readonly specs: readonly FitModelSpec[];
  readonly nsim: number;
  readonly seed: number;
}

export interface BootstrapApiMethods {
  /** Parametric-bootstrap percentile intervals of a linear mixed model (lme4's bootMer/confint). */
  bootstrap: { request: BootstrapApiRequest; response: BootstrapResult };
  /** Parametric-bootstrap p-value of two nested linear mixed models (pbkrtest's PBmodcomp). */
  pbModcomp: { request: PbModcompApiRequest; response: PbResult };
}

export type { BootstrapResult, PbResult };
