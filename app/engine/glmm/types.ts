/**
 * The result of a generalized linear mixed-model fit (binomial, Poisson), parallel to LmmFit:
 * same field names where the quantity is the same (tests/fixtures/reference/README.md), read by
 * the UI, the CLI and the exports alike. There is no residual variance (σ = 1).
 */
import type { FixedEffectRow, RanefBlock, VarCorrRow } from "../lmm/types";
import type { GlmmFamilyName, LinkName } from "./family";

export interface OverdispersionCheck {
  /** Σ Pearson residuals² (performance::check_overdispersion's chisq). */
  readonly chisq: number;
  /** Residual degrees of freedom: nobs − number of parameters. */
  readonly rdf: number;
  /** chisq / rdf; well above 1 means overdispersion. */
  readonly ratio: number;
  /** P(χ²_rdf > chisq). */
  readonly p: number;
}

export interface GlmmFit {
  readonly family: GlmmFamilyName;
  readonly link: LinkName;
  /** Laplace (nAGQ = 1, or 0: glmer's fast one-stage fit with β inside PIRLS) or adaptive Gauss–Hermite quadrature (nAGQ > 1). */
  readonly method: "Laplace" | "AGQ";
  readonly nAGQ: number;
  readonly formula: string;
  readonly responseName: string;
  readonly nobs: number;
  readonly ngroups: Readonly<Record<string, number>>;
  /** lme4's sigma(): √(pwrss/n) for families with a dispersion (negative binomial, Gamma, inverse Gaussian); absent (1) otherwise. */
  readonly sigma?: number;
  /** Negative binomial: θ of the final refit (lme4's getME(m, "glmer.nb.theta")). */
  readonly nbTheta?: number;
  /** statistic is z (lme4 labels it t for families with a dispersion, but tests it against the normal); p is the two-sided Wald p-value. */
  readonly fixef: readonly FixedEffectRow[];
  readonly beta: Float64Array;
  /** lme4's vcov(): 2·H⁻¹ restricted to β, H the finite-difference Hessian of the deviance in (θ, β); (R_XᵀR_X)⁻¹ for nAGQ = 0. */
  readonly vcovBeta: Float64Array;
  /** Random-effect variances and correlations (no Residual row). */
  readonly varcorr: readonly VarCorrRow[];
  readonly theta: readonly number[];
  readonly logLik: number;
  /** Number of parameters: p + length(θ). */
  readonly df: number;
  readonly AIC: number;
  readonly BIC: number;
  /** lme4's deviance(): Σ deviance residuals, relative to the saturated model. */
  readonly deviance: number;
  /** −2·logLik: the optimised objective. */
  readonly minus2LogLik: number;
  readonly singular: boolean;
  readonly converged: boolean;
  readonly ranef: readonly RanefBlock[];
  /** Fitted values on the response scale (probabilities, expected counts). */
  readonly fitted: Float64Array;
  /** Linear predictor Xβ + Zb. */
  readonly linearPredictor: Float64Array;
  /** Deviance residuals (lme4's residuals() default). */
  readonly residuals: Float64Array;
  readonly pearsonResiduals: Float64Array;
  /** Poisson fits only. */
  readonly overdispersion?: OverdispersionCheck;
  readonly r2_marginal?: number;
  readonly r2_conditional?: number;
  /** Plain-words warnings (separation, convergence, singular fit, dropped rows/columns). */
  readonly warnings: readonly string[];
  readonly optimizer: { readonly evaluations: number; readonly objective: number };
}
