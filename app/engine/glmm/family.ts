/**
 * GLM families and links as R's `binomial()` / `poisson()` family objects define them
 * (R src/library/stats/R/family.R and src/library/stats/src/family.c): the inverse link and its
 * derivative with R's clamping (the logit as lme4's glmResp computes it, see below), the variance function, deviance residuals, the starting μ
 * (`mustart`) and −2·log-likelihood (the family's `aic`, which glmer's Laplace deviance adds).
 * Binomial responses arrive as proportions y with weights w = trials (× prior weights), as R's
 * binomial()$initialize leaves them.
 */
import { dnorm, pnorm, qnorm } from "../../stats";
import { bd0, stirlerr } from "../../stats/gamma";

export type GlmmFamilyName = "binomial" | "poisson";
export type LinkName = "logit" | "probit" | "cloglog" | "log";

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

const LINKS: Record<LinkName, Link> = { logit, probit, cloglog, log: logLink };

/** The family object; the link defaults to the canonical one (logit, log). */
export function makeFamily(name: GlmmFamilyName, linkName?: LinkName): Family {
  const link = LINKS[linkName ?? (name === "binomial" ? "logit" : "log")];
  return name === "binomial" ? binomial(link) : poisson(link);
}

/** Links each family accepts. */
export const FAMILY_LINKS: Readonly<Record<GlmmFamilyName, readonly LinkName[]>> = {
  binomial: ["logit", "probit", "cloglog"],
  poisson: ["log"],
};
