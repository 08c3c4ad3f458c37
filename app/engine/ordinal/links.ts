/**
 * Inverse links of cumulative link models, as ordinal's pfun/dfun/gfun: the distribution
 * function F of the latent error, its density f = F′ and the density's derivative g = f′
 * (Christensen, ordinal package, R/clm.fit.R setLinks; src/links.c).
 *
 * `probability(a, b)` is P(b < latent ≤ a) = F(a) − F(b) for a > b, computed from the upper
 * tails when both ends are above 0 so that a category far in the upper tail keeps its digits.
 */
import { dnorm, pnormBoth, qnorm } from "../../stats/normal";

export const ORDINAL_LINKS = ["logit", "probit"] as const;
export type OrdinalLink = (typeof ORDINAL_LINKS)[number];

export interface CumulativeLink {
  readonly name: OrdinalLink;
  /** F(x) and 1 − F(x). */
  readonly cdfBoth: (x: number) => [number, number];
  readonly density: (x: number) => number;
  /** f′(x). */
  readonly densityDerivative: (x: number) => number;
  /** F⁻¹(p), for starting thresholds. */
  readonly quantile: (p: number) => number;
}

function logisticBoth(x: number): [number, number] {
  if (x === Infinity) return [1, 0];
  if (x === -Infinity) return [0, 1];
  if (x >= 0) {
    const e = Math.exp(-x);
    return [1 / (1 + e), e / (1 + e)];
  }
  const e = Math.exp(x);
  return [e / (1 + e), 1 / (1 + e)];
}

function logisticDensity(x: number): number {
  if (!Number.isFinite(x)) return 0;
  const e = Math.exp(-Math.abs(x));
  return e / ((1 + e) * (1 + e));
}

function logisticDensityDerivative(x: number): number {
  if (!Number.isFinite(x)) return 0;
  const [F, S] = logisticBoth(x);
  return F * S * (S - F);
}

const LOGIT: CumulativeLink = {
  name: "logit",
  cdfBoth: logisticBoth,
  density: logisticDensity,
  densityDerivative: logisticDensityDerivative,
  quantile: (p) => Math.log(p / (1 - p)),
};

const PROBIT: CumulativeLink = {
  name: "probit",
  cdfBoth: (x) => (x === Infinity ? [1, 0] : x === -Infinity ? [0, 1] : pnormBoth(x)),
  density: (x) => (Number.isFinite(x) ? dnorm(x) : 0),
  densityDerivative: (x) => (Number.isFinite(x) ? -x * dnorm(x) : 0),
  quantile: (p) => qnorm(p),
};

export function cumulativeLink(name: OrdinalLink): CumulativeLink {
  return name === "probit" ? PROBIT : LOGIT;
}

/** F(a) − F(b), a ≥ b (either may be ±∞). */
export function categoryProbability(link: CumulativeLink, a: number, b: number): number {
  const [Fa, Sa] = link.cdfBoth(a);
  const [Fb, Sb] = link.cdfBoth(b);
  return b > 0 ? Sb - Sa : Fa - Fb;
}

/**
 * F, 1 − F, f and f′ at x in one pass (one exp for the logit), into out[0..3]: the inner loop of
 * the conditional modes needs all four at both ends of every row's category.
 */
export function linkTerms(link: CumulativeLink, x: number, out: Float64Array): void {
  if (!Number.isFinite(x)) {
    out[0] = x > 0 ? 1 : 0;
    out[1] = x > 0 ? 0 : 1;
    out[2] = 0;
    out[3] = 0;
    return;
  }
  if (link.name === "logit") {
    const e = Math.exp(-Math.abs(x));
    const big = 1 / (1 + e);
    const small = e / (1 + e);
    const F = x >= 0 ? big : small;
    const S = x >= 0 ? small : big;
    out[0] = F;
    out[1] = S;
    out[2] = F * S;
    out[3] = F * S * (S - F);
    return;
  }
  const [F, S] = pnormBoth(x);
  const f = dnorm(x);
  out[0] = F;
  out[1] = S;
  out[2] = f;
  out[3] = -x * f;
}
