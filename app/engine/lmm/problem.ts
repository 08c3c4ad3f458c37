/**
 * The profiled LMM as a function of θ (Bates et al. 2015, JSS 67(1), eqs. 34 and 41): one
 * pre-allocated blocked factor, evaluated for any θ. fitLmm optimises `objective`; lmerTest-style
 * Satterthwaite inference differentiates `devianceAt` and `vcovBetaAt` numerically.
 */
import type { ModelFrame } from "../model-frame/types";
import { MixwellError } from "../../errors";
import { invertLower } from "../../linalg";
import { BlockedFactor, type Solution } from "./blocked-factor";
import { buildLayout, type BlockedLayout, type TermData } from "./structure";
import { thetaLayout, type ThetaLayout } from "./theta";

/** Objective returned where L is not positive definite: large, finite (optimisers cope with it). */
export const FAILED_OBJECTIVE = 1e15;

export interface LmmSolveResult extends Solution {
  /** Penalised weighted residual sum of squares. */
  readonly pwrss: number;
  /** log|L_Z|² and log|R_X|². */
  readonly ldL2: number;
  readonly ldRX2: number;
}

export interface LmmProblem {
  readonly n: number;
  readonly p: number;
  readonly reml: boolean;
  /** Random-effect terms in lme4's order (θ's order). */
  readonly terms: readonly TermData[];
  readonly theta: ThetaLayout;
  readonly layout: BlockedLayout;
  /** The profiled deviance (ML) or REML criterion at θ; FAILED_OBJECTIVE if L is not positive definite. */
  objective(theta: ArrayLike<number>): number;
  /**
   * −2 log-likelihood (ML) or REML criterion with σ explicit, not profiled out (lmerTest's
   * devfun_vp): ML ldL2 + pwrss/σ² + n log(2πσ²); REML adds ldRX2 and uses n − p.
   */
  devianceAt(theta: ArrayLike<number>, sigma: number): number;
  /** σ² (RₓᵀRₓ)⁻¹ at θ, p × p column-major. */
  vcovBetaAt(theta: ArrayLike<number>, sigma: number): Float64Array;
  /** β̂, û, pwrss and log-determinants at θ. Throws if L is not positive definite. */
  solve(theta: ArrayLike<number>): LmmSolveResult;
  /** σ̂ profiled at θ: √(pwrss / (n or n − p)). */
  sigmaAt(theta: ArrayLike<number>): number;
  /**
   * The factor at the θ of the last update (for conditional variances). `objective` may answer
   * from memory without factoring: call update(θ) before reading the factor.
   */
  readonly factor: BlockedFactor;
  /** Factor at θ unless L already holds exactly that θ; false if not positive definite. */
  update(theta: ArrayLike<number>): boolean;
}

/** Largest dense block (bytes) the engine will allocate for the crossed part of a model. */
const MAX_DENSE_BYTES = 1.5 * 2 ** 30;

function checkSize(layout: BlockedLayout): void {
  const bytes = layout.nt * layout.nt * 8;
  if (bytes <= MAX_DENSE_BYTES) return;
  const crossed = layout.terms.slice(layout.m).map((t) => `'${t.group}' (${t.nl} levels)`).join(", ");
  throw new MixwellError(
    `This model is too large to fit: the random effects ${crossed} are crossed with '${layout.terms[0].group}' ` +
      `and would need a dense matrix of ${(bytes / 2 ** 30).toFixed(1)} GB. ` +
      "Consider fewer levels, or nesting the factors if the design allows it.",
  );
}

export interface LmmProblemOptions {
  /** Use the WebAssembly SIMD kernels where available (default true). */
  readonly simd?: boolean;
}

/**
 * Layouts by frame: runFit builds the problem twice on one frame (the fit, then the inference
 * step), and A = [ZΛ X y]ᵀ[ZΛ X y] does not depend on θ or on REML/ML, so it is built once
 * (≈ 0.25 s for InstEval). Frames are not modified after they are built.
 */
const layouts = new WeakMap<ModelFrame, BlockedLayout>();

function layoutOf(frame: ModelFrame): BlockedLayout {
  let layout = layouts.get(frame);
  if (!layout) layouts.set(frame, (layout = buildLayout(frame)));
  return layout;
}

/**
 * Objective values remembered per θ (the most recent OBJECTIVE_MEMO): lme4's convergence check
 * evaluates the gradient's points again when it goes on to the Hessian, and each evaluation is
 * a factorisation (≈ 50–100 ms for InstEval).
 */
const OBJECTIVE_MEMO = 64;

export function createLmmProblem(frame: ModelFrame, reml: boolean, options: LmmProblemOptions = {}): LmmProblem {
  const layout = layoutOf(frame);
  checkSize(layout);
  const tl = thetaLayout(layout.terms.map((t) => t.k));
  const factor = new BlockedFactor(layout, tl, options.simd ?? true, true);
  const { n, p, sumLogW } = layout;
  const dof = reml ? n - p : n;
  const twoPi = 2 * Math.PI;
  // A never changes here, so L at the θ it was last factored at can be reused (fitLmm asks for
  // β̂, σ̂ and Var(β̂) at θ̂ in turn). `factor.ok` turns false when L is consumed (condsd).
  const lastTheta = new Float64Array(tl.length).fill(NaN);
  function update(theta: ArrayLike<number>): boolean {
    let same = factor.ok && theta.length === tl.length;
    for (let i = 0; same && i < tl.length; i++) same = theta[i] === lastTheta[i];
    if (same) return true;
    for (let i = 0; i < tl.length; i++) lastTheta[i] = theta[i];
    return factor.update(theta);
  }

  const memo = new Map<string, number>();
  function objective(theta: ArrayLike<number>): number {
    const key = Array.prototype.join.call(theta, ",");
    const known = memo.get(key);
    if (known !== undefined) return known;
    const v = evaluate(theta);
    if (memo.size >= OBJECTIVE_MEMO) memo.delete(memo.keys().next().value as string);
    memo.set(key, v);
    return v;
  }

  function evaluate(theta: ArrayLike<number>): number {
    if (!update(theta)) return FAILED_OBJECTIVE;
    const pwrss = factor.pwrss();
    let v = factor.ldL2() - sumLogW + dof * (1 + Math.log((twoPi * pwrss) / dof));
    if (reml) v += factor.ldRX2();
    return Number.isFinite(v) ? v : FAILED_OBJECTIVE;
  }

  function devianceAt(theta: ArrayLike<number>, sigma: number): number {
    if (!update(theta)) return FAILED_OBJECTIVE;
    const s2 = sigma * sigma;
    let v = factor.ldL2() - sumLogW + factor.pwrss() / s2 + dof * Math.log(twoPi * s2);
    if (reml) v += factor.ldRX2();
    return v;
  }

  function requireFactor(theta: ArrayLike<number>): void {
    if (!update(theta)) {
      throw new Error("The random-effects covariance is not positive definite at these parameters.");
    }
  }

  function vcovBetaAt(theta: ArrayLike<number>, sigma: number): Float64Array {
    requireFactor(theta);
    const { xOff, nt } = layout;
    const inv = new Float64Array(p * p);
    invertLower(factor.tailL, p, nt, xOff + xOff * nt, inv);
    // (L_X L_Xᵀ)⁻¹ = L_X⁻ᵀ L_X⁻¹
    const v = new Float64Array(p * p);
    const s2 = sigma * sigma;
    for (let j = 0; j < p; j++) {
      for (let i = j; i < p; i++) {
        let s = 0;
        for (let r = i; r < p; r++) s += inv[r + i * p] * inv[r + j * p];
        v[i + j * p] = s * s2;
        v[j + i * p] = s * s2;
      }
    }
    return v;
  }

  function solve(theta: ArrayLike<number>): LmmSolveResult {
    requireFactor(theta);
    return { ...factor.solve(), pwrss: factor.pwrss(), ldL2: factor.ldL2(), ldRX2: factor.ldRX2() };
  }

  function sigmaAt(theta: ArrayLike<number>): number {
    requireFactor(theta);
    return Math.sqrt(factor.pwrss() / dof);
  }

  return { n, p, reml, terms: layout.terms, theta: tl, layout, objective, devianceAt, vcovBetaAt, solve, sigmaAt, factor, update };
}
