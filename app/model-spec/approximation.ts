/**
 * How a binomial or Poisson model's likelihood is approximated (glmer's nAGQ), in plain words:
 * the choices the model options offer, and the method line of a fit's summary.
 */
import type { FitView } from "./fit-view";

export interface ApproximationChoice {
  readonly nAGQ: number;
  readonly label: string;
}

/** What the model options offer; AGQ only fits a model with a single random intercept (the fit says so otherwise). */
export const APPROXIMATIONS: readonly ApproximationChoice[] = [
  { nAGQ: 1, label: "Laplace (nAGQ = 1)" },
  { nAGQ: 0, label: "Fast, less exact (nAGQ = 0)" },
  { nAGQ: 10, label: "Adaptive Gauss–Hermite, 10 points" },
  { nAGQ: 25, label: "Adaptive Gauss–Hermite, 25 points" },
];

/** One sentence on what the chosen approximation does. */
export function approximationHelp(nAGQ: number): string {
  if (nAGQ === 0) {
    return "nAGQ = 0 estimates the fixed effects inside the iterative fit of the random effects: much faster on large data, but estimates, standard errors and log-likelihood are less exact than Laplace's (glmer's nAGQ = 0).";
  }
  if (nAGQ > 1) return `Adaptive Gauss–Hermite quadrature with ${nAGQ} points: more exact than Laplace, for a model with a single random intercept only.`;
  return "The Laplace approximation: lme4's default for glmer.";
}

/** The fit's method in words, as the results summary shows it. */
export function methodText(fit: Pick<FitView, "method" | "nAGQ">): string {
  if (fit.method === "REML") return "REML";
  if (fit.method === "ML") return "Maximum likelihood";
  if (fit.method === "Laplace") return fit.nAGQ === 0 ? "Maximum likelihood (fast approximation, nAGQ = 0)" : "Maximum likelihood (Laplace approximation)";
  return fit.nAGQ !== undefined ? `Adaptive Gauss–Hermite quadrature (nAGQ = ${fit.nAGQ})` : "Adaptive Gauss–Hermite quadrature";
}
