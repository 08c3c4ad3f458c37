/** Contract of Mixwell's derivative-free bound-constrained minimisers (BOBYQA, Nelder–Mead). */

export type Objective = (x: Float64Array) => number;

export interface BoundedMinimizeOptions {
  /** Lower bounds (use -Infinity for none). */
  readonly lower: ArrayLike<number>;
  /** Upper bounds (use Infinity for none). */
  readonly upper: ArrayLike<number>;
  /** Initial trust-region radius (BOBYQA's RHOBEG). */
  readonly rhobeg?: number;
  /** Final trust-region radius (BOBYQA's RHOEND). */
  readonly rhoend?: number;
  readonly maxEval?: number;
  /** Stop when an accepted step changes f by less than this (nlopt's ftol_abs). */
  readonly ftolAbs?: number;
  /** Stop when a step changes every x by less than this (nlopt's xtol_abs). */
  readonly xtolAbs?: number;
  /** Stop when a step changes x by less than this relative amount (nlopt's xtol_rel). */
  readonly xtolRel?: number;
  /** Stop when an accepted step changes f by less than this relative amount (nlopt's ftol_rel). */
  readonly ftolRel?: number;
  /** Called after every evaluation (progress reporting, cancellation by throwing). */
  readonly onEval?: (x: Float64Array, f: number, evaluations: number) => void;
}

export interface MinimizeResult {
  readonly x: Float64Array;
  readonly fval: number;
  readonly evaluations: number;
  readonly converged: boolean;
  /** Why it stopped, in plain words. */
  readonly message: string;
}
