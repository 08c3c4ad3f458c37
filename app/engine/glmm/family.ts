/**
 * GLM families and links as R's `binomial()` / `poisson()` / `Gamma()` / `inverse.gaussian()` and
 * MASS's `negative.binomial(θ)` family objects define them
 * (R src/library/stats/R/family.R and src/library/stats/src/family.c): the inverse link and its
 * derivative with R's clamping (the logit as lme4's glmResp computes it, see below), the variance function, deviance residuals, the starting μ
 * (`mustart`) and −2·log-likelihood (the family's `aic`, which glmer's Laplace deviance adds).
 * Binomial responses arrive as proportions y with weights w = trials (× prior weights), as R's
 * binomial()$initialize leaves them.
 */
import { dnorm, pnorm, qnorm } from "../../stats";
import { bd0, lgamma, stirlerr } from "../../stats/gamma";

import type { GlmmFamilyName } from "../families";

export type { GlmmFamilyName };
export const LINK_NAMES = ["logit", "probit", "cloglog", "log", "inverse", "identity", "1/mu^2"] as const;
export type LinkName = (typeof LINK_NAMES)[number];

/**
 * Families with a scale (lme4's useSc, !hasNoScale: Gamma, inverse Gaussian): sigma() ≠ 1,
 * t values, VarCorr scaled by σ², a Residual row, one more parameter. The negative binomial has
 * no scale in lme4 (its θ is counted as a parameter separately, npar.merMod).
 */
export function hasDispersion(name: string): boolean {
  return name === "gamma" || name === "inverse-gaussian";
}

export interface Link {
  readonly name: LinkName;
  readonly linkfun: (mu: number) => number;
  readonly linkinv: (eta: number) => number;
  /** dμ/dη. */
  readonly muEta: (eta: number) => number;
}

export interface Family {
  readonly name: GlmmFamilyName;
  readonly link: Link;
  readonly variance: (mu: number) => number;
  /** Unit deviance times the weight: one row's contribution to the deviance. */
  readonly devResid: (y: number, mu: number, w: number) => number;
  /** R's `mustart` from `initialize`. */
  readonly muStart: (y: number, w: number) => number;
  /** −2 log p(yᵢ | μᵢ) for one row (the family's `aic` summand). */
  readonly minus2LogLik: (y: number, mu: number, w: number) => number;
  /**
   * The family's whole `aic(y, n, mu, wt, dev)` where it is not a sum over rows: Gamma and
   * inverse Gaussian plug in the dispersion dev / Σwt (and add 2, as R's families do).
   */
  readonly aic?: (y: Float64Array, mu: Float64Array, wt: Float64Array, dev: number) => number;
  /** Negative binomial only: θ of MASS's negative.binomial(θ). */
  readonly nbTheta?: number;
}

const EPS = 2.220446049250313e-16;
/** −qnorm(DBL_EPSILON), R's probit clamp. */
const PROBIT_THRESH = 8.125890664701906;
const LN_2PI = 1.8378770664093453;

const logit: Link = {
  name: "logit",
  linkfun: (mu) => Math.log(mu / (1 - mu)),
  // lme4's glmResp (not R's binomial()): plogis clamped to [ε, 1 − ε] and max(dlogis, ε), with no
  // |η| > 30 cut-off; a separated fit's η of 30–36 keeps moving μ there (R: glmResp$new(...)$updateMu).
  linkinv: (eta) => Math.min(Math.max(1 / (1 + Math.exp(-eta)), EPS), 1 - EPS),
  muEta: (eta) => {
    const e = Math.exp(-Math.abs(eta));
    const f = 1 + e;
    return Math.max(e / (f * f), EPS);
  },
};

const probit: Link = {
  name: "probit",
  linkfun: (mu) => qnorm(mu),
  linkinv: (eta) => pnorm(Math.min(Math.max(eta, -PROBIT_THRESH), PROBIT_THRESH)),
  muEta: (eta) => Math.max(dnorm(eta), EPS),
};

const cloglog: Link = {
  name: "cloglog",
  linkfun: (mu) => Math.log(-Math.log(1 - mu)),
  linkinv: (eta) => Math.max(Math.min(-Math.expm1(-Math.exp(eta)), 1 - EPS), EPS),
  muEta: (eta) => {
    const e = Math.min(eta, 700);
    return Math.max(Math.exp(e) * Math.exp(-Math.exp(e)), EPS);
  },
};

const logLink: Link = {
  name: "log",
  linkfun: (mu) => Math.log(mu),
  linkinv: (eta) => Math.max(Math.exp(eta), EPS),
  muEta: (eta) => Math.max(Math.exp(eta), EPS),
};

/** y log(y/μ), 0 at y = 0 (R's y_log_y). */
function yLogY(y: number, mu: number): number {
  return y !== 0 ? y * Math.log(y / mu) : 0;
}

/** log dbinom(x; n, p) by Loader's saddle point (R's dbinom_raw, log = TRUE). */
export function logDbinom(x: number, n: number, p: number): number {
  const q = 1 - p;
  if (p === 0) return x === 0 ? 0 : -Infinity;
  if (q === 0) return x === n ? 0 : -Infinity;
  if (x === 0) {
    if (n === 0) return 0;
    return p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q);
  }
  if (x === n) return q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p);
  if (x < 0 || x > n) return -Infinity;
  const lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  const lf = LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return lc - 0.5 * lf;
}

/** log dpois(x; λ) (R's dpois_raw, log = TRUE). */
export function logDpois(x: number, lambda: number): number {
  if (lambda === 0) return x === 0 ? 0 : -Infinity;
  if (x < 0) return -Infinity;
  if (x === 0) return -lambda;
  return -stirlerr(x) - bd0(x, lambda) - 0.5 * (LN_2PI + Math.log(x));
}

function binomial(link: Link): Family {
  return {
    name: "binomial",
    link,
    variance: (mu) => mu * (1 - mu),
    devResid: (y, mu, w) => 2 * w * (yLogY(y, mu) + yLogY(1 - y, 1 - mu)),
    muStart: (y, w) => (w * y + 0.5) / (w + 1),
    // R: m = weights (trials); (wt/m)·dbinom(round(m·y), round(m), μ) with wt/m = 1.
    minus2LogLik: (y, mu, w) => (w > 0 ? -2 * logDbinom(Math.round(w * y), Math.round(w), mu) : 0),
  };
}

function poisson(link: Link): Family {
  return {
    name: "poisson",
    link,
    variance: (mu) => mu,
    devResid: (y, mu, w) => {
      const r = y > 0 ? y * Math.log(y / mu) - (y - mu) : mu;
      return 2 * w * r;
    },
    muStart: (y) => y + 0.1,
    minus2LogLik: (y, mu, w) => -2 * w * logDpois(y, mu),
  };
}

// R's make.link("inverse"), ("identity"), ("1/mu^2"): no clamping.
const inverseLink: Link = {
  name: "inverse",
  linkfun: (mu) => 1 / mu,
  linkinv: (eta) => 1 / eta,
  muEta: (eta) => -1 / (eta * eta),
};

const identityLink: Link = {
  name: "identity",
  linkfun: (mu) => mu,
  linkinv: (eta) => eta,
  muEta: () => 1,
};

const inverseSquareLink: Link = {
  name: "1/mu^2",
  linkfun: (mu) => 1 / (mu * mu),
  linkinv: (eta) => 1 / Math.sqrt(eta),
  muEta: (eta) => -1 / (2 * Math.pow(eta, 1.5)),
};

/** log dgamma(y; shape, scale) as R's dgamma(log = TRUE) (Loader's dpois_raw form). */
export function logDgamma(y: number, shape: number, scale: number): number {
  if (y < 0) return -Infinity;
  if (y === 0) return shape < 1 ? Infinity : shape > 1 ? -Infinity : -Math.log(scale);
  if (shape < 1) return logDpois(shape, y / scale) + Math.log(shape / y);
  return logDpois(shape - 1, y / scale) - Math.log(scale);
}

/** MASS's negative.binomial(θ): variance μ + μ²/θ, start y + (y = 0)/6. */
function negativeBinomial(link: Link, theta: number): Family {
  const lgTheta = lgamma(theta);
  return {
    name: "negative-binomial",
    link,
    nbTheta: theta,
    variance: (mu) => mu + (mu * mu) / theta,
    devResid: (y, mu, w) => 2 * w * (yLogY(y, mu) - (y + theta) * Math.log((y + theta) / (mu + theta))),
    muStart: (y) => y + (y === 0 ? 1 / 6 : 0),
    // MASS: 2 Σ w [(y + θ) log(μ + θ) − y log μ + lgamma(y + 1) − θ log θ + lgamma(θ) − lgamma(θ + y)]
    minus2LogLik: (y, mu, w) =>
      2 * w * ((y + theta) * Math.log(mu + theta) - (y > 0 ? y * Math.log(mu) : 0) + lgamma(y + 1) - theta * Math.log(theta) + lgTheta - lgamma(theta + y)),
  };
}

function sumOf(wt: Float64Array): number {
  let s = 0;
  for (let r = 0; r < wt.length; r++) s += wt[r];
  return s;
}

/** R's Gamma(): variance μ², start y; aic with the dispersion dev / Σw. */
function gammaFamily(link: Link): Family {
  return {
    name: "gamma",
    link,
    variance: (mu) => mu * mu,
    devResid: (y, mu, w) => -2 * w * (Math.log(y === 0 ? 1 : y / mu) - (y - mu) / mu),
    muStart: (y) => y,
    minus2LogLik: () => NaN,
    aic: (y, mu, wt, dev) => {
      const disp = dev / sumOf(wt);
      let s = 0;
      for (let r = 0; r < y.length; r++) if (wt[r] !== 0) s += wt[r] * logDgamma(y[r], 1 / disp, mu[r] * disp);
      return -2 * s + 2;
    },
  };
}

/** R's inverse.gaussian(): variance μ³, start y; aic with the dispersion dev / Σw. */
function inverseGaussianFamily(link: Link): Family {
  return {
    name: "inverse-gaussian",
    link,
    variance: (mu) => mu * mu * mu,
    devResid: (y, mu, w) => (w * (y - mu) * (y - mu)) / (y * mu * mu),
    muStart: (y) => y,
    minus2LogLik: () => NaN,
    aic: (y, mu, wt, dev) => {
      const sw = sumOf(wt);
      let slog = 0;
      for (let r = 0; r < y.length; r++) if (wt[r] !== 0) slog += Math.log(y[r]) * wt[r];
      return sw * (Math.log((dev / sw) * 2 * Math.PI) + 1) + 3 * slog + 2;
    },
  };
}

const LINKS: Record<LinkName, Link> = { logit, probit, cloglog, log: logLink, inverse: inverseLink, identity: identityLink, "1/mu^2": inverseSquareLink };

/** Links each family accepts, the default (R's canonical link, log for the negative binomial) first. */
export const FAMILY_LINKS: Readonly<Record<GlmmFamilyName, readonly LinkName[]>> = {
  binomial: ["logit", "probit", "cloglog"],
  poisson: ["log"],
  "negative-binomial": ["log"],
  gamma: ["inverse", "log", "identity"],
  "inverse-gaussian": ["1/mu^2", "inverse", "log", "identity"],
};

/** The family object; the link defaults to the first of FAMILY_LINKS; nbTheta is the negative binomial's θ (default 1). */
export function makeFamily(name: GlmmFamilyName, linkName?: LinkName, nbTheta = 1): Family {
  const link = LINKS[linkName ?? FAMILY_LINKS[name][0]];
  switch (name) {
    case "binomial":
      return binomial(link);
    case "poisson":
      return poisson(link);
    case "negative-binomial":
      return negativeBinomial(link, nbTheta);
    case "gamma":
      return gammaFamily(link);
    case "inverse-gaussian":
      return inverseGaussianFamily(link);
  }
}
