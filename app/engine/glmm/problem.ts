/**
 * The GLMM deviance functions of lme4's glmer (Bates et al. 2015, JSS 67(1); lme4
 * src/external.cpp pwrssUpdate, glmerLaplace, glmerAGQ) on the LMM's blocked sparse factor.
 *
 * PIRLS: at the current linear predictor η, working weights wᵢ = aᵢ μ'(ηᵢ)² / V(μᵢ) (a: prior
 * weights or trials) and working response zᵢ = ηᵢ − oᵢ + (yᵢ − μᵢ)/μ'(ηᵢ); solve the penalized
 * weighted least squares (ΛᵀZᵀWZΛ + I) u = ΛᵀZᵀW(z − Xβ) — jointly with β in glmer's first
 * stage (nAGQ = 0), with Xβ as the offset o in the second — halve the step (up to 20 times)
 * while the penalized deviance Σ devresᵢ + ‖u‖² rises, and stop when it changes by less than a
 * relative 1e-7. A model offset (offset(...) in the formula) is part of o in both stages, as in
 * lme4's glmResp, whose η is always offset + Xβ + ZΛu. Every evaluation starts from the same linear predictor (lme4's lp0), and the
 * factor used is the one of the last iteration (weights of the iterate before), exactly as
 * lme4's pwrssUpdate: the deviance then agrees with lme4's to rounding, including the O(√tol)
 * offset of that stopping rule, so that the finite-difference Hessian — hence vcov() and the
 * standard errors — agree too.
 *
 * Laplace deviance (−2·log-likelihood) = log|L_Z|² + ‖û‖² + Σ −2 log p(yᵢ | μ̂ᵢ) (glmResp::Laplace).
 * Adaptive Gauss–Hermite quadrature for one scalar term: see agq.ts.
 */
import type { ModelFrame } from "../model-frame/types";
import { BlockedFactor } from "../lmm/blocked-factor";
import { FAILED_OBJECTIVE } from "../lmm/problem";
import type { TermData } from "../lmm/structure";
import { fillLambda, thetaLayout, type ThetaLayout } from "../lmm/theta";
import type { Family } from "./family";
import { agqDeviance } from "./agq";
import { createWeightedLayout, type WeightedLayout } from "./weighted-layout";

const PIRLS_TOL = 1e-7;
const EPS = 2.220446049250313e-16;
const ONE_MINUS_EPS = 1 - EPS;
const PIRLS_MAXIT = 100;
const MAX_HALVINGS = 20;
/** β̂ of the u-only factor (stage 2: β is fixed), which has no X columns. */
const NO_BETA = new Float64Array(0);

export class GlmmProblem {
  readonly n: number;
  readonly p: number;
  readonly q: number;
  /** Replaced only by setFamily (the negative binomial's θ between refits). */
  family: Family;
  readonly terms: readonly TermData[];
  readonly theta: ThetaLayout;
  /** Offsets of each term's u in the flat u vector. */
  readonly uOff: readonly number[];
  readonly y: Float64Array;
  /** Prior weights × trials (binomial), 1 where absent. */
  readonly wt: Float64Array;
  readonly X: Float64Array;
  /** Binomial trials from cbind() when some exceed 1 (R's binomial aic then uses them, not the weights). */
  readonly trials: Float64Array | null;
  /** Factor of the u-only system after the last Laplace/AGQ evaluation (conditional SDs). */
  readonly factorU: BlockedFactor;
  /** Factor of the joint (u, β) system after the last joint evaluation (R_X for lme4's unsc()). */
  readonly factorX: BlockedFactor;
  /** State after the last evaluation. */
  readonly beta: Float64Array;
  readonly u: Float64Array;
  readonly eta: Float64Array;
  readonly mu: Float64Array;
  /** PIRLS failures (no convergence, halving failed) since creation. */
  failures = 0;

  private lastDev = 0;
  private devStart = 0;
  private readonly muStart: Float64Array;
  private readonly muEtaStart: Float64Array;
  /** (y − μ)/μ′ at the start η: the working response's step of every evaluation's first iterate. */
  private readonly zStepStart: Float64Array;
  /** −2 log-likelihood of the saturated model (μ = y), or null where R's aic is not dev + constant. */
  private saturated: number | null;

  private readonly wlX: WeightedLayout;
  private readonly wlU: WeightedLayout;
  private readonly lambda: Float64Array[];
  /** dμ/dη at the current μ, valid only while muEtaValid (see ensureMuEta). */
  private readonly muEta: Float64Array;
  private muEtaValid = false;
  /** Logit link: e^−η of the current η, kept by computeMu for dlogis (ensureMuEta). */
  private readonly expNegEta: Float64Array;
  private readonly w: Float64Array;
  private readonly z: Float64Array;
  /** The fixed part of η that PIRLS does not solve for: the model offset, plus Xβ in stage 2. */
  private readonly offset: Float64Array;
  /** The formula's offset(...) sum, or zeros. */
  private readonly modelOffset: Float64Array;
  private readonly uOld: Float64Array;
  /** The per-row arrays of the working weights and response (the kernels' argument). */
  private readonly rows: WorkingRows;
  /** Per term: scalar with Z = 1 in every row (a random intercept; linPred skips reading Z). */
  private readonly interceptOnly: readonly boolean[];
  /** Every prior weight is 1 (computeMu's logit path skips reading them). */
  private readonly unitWeights: boolean;
  private readonly betaOld: Float64Array;
  /** Start of every evaluation: lme4's lp0. */
  private readonly etaStart: Float64Array;

  constructor(frame: ModelFrame, family: Family) {
    this.family = family;
    this.n = frame.n;
    this.p = frame.fixed.p;
    this.y = frame.y;
    this.X = frame.fixed.X;
    this.wt = frame.weights ?? new Float64Array(frame.n).fill(1);
    this.trials = frame.trials && frame.trials.some((t) => t > 1) ? frame.trials : null;
    this.wlX = createWeightedLayout(frame, true);
    this.wlU = createWeightedLayout(frame, false);
    this.terms = this.wlU.layout.terms;
    this.theta = thetaLayout(this.terms.map((t) => t.k));
    this.factorX = new BlockedFactor(this.wlX.layout, this.theta);
    this.factorU = new BlockedFactor(this.wlU.layout, this.theta);
    const uOff: number[] = [];
    let q = 0;
    for (const t of this.terms) {
      uOff.push(q);
      q += t.nl * t.k;
    }
    this.uOff = uOff;
    this.q = q;
    const n = this.n;
    this.lambda = this.terms.map((t) => new Float64Array(t.k * t.k));
    this.beta = new Float64Array(this.p);
    this.betaOld = new Float64Array(this.p);
    this.u = new Float64Array(q);
    this.uOld = new Float64Array(q);
    this.interceptOnly = this.terms.map((t) => t.k === 1 && t.rawZ.every((v) => v === 1));
    this.unitWeights = this.wt.every((v) => v === 1);
    this.eta = new Float64Array(n);
    this.mu = new Float64Array(n);
    this.muEta = new Float64Array(n);
    this.expNegEta = new Float64Array(family.name === "binomial" && family.link.name === "logit" ? n : 0);
    this.w = new Float64Array(n);
    this.z = new Float64Array(n);
    this.offset = new Float64Array(n);
    this.rows = { wt: this.wt, mu: this.mu, muEta: this.muEta, eta: this.eta, offset: this.offset, y: this.y };
    this.modelOffset = frame.offset ? Float64Array.from(frame.offset) : new Float64Array(n);
    this.etaStart = new Float64Array(n);
    // lme4's mkRespMod: updateMu(linkfun(mustart)) sets η = offset + linkfun(mustart).
    for (let r = 0; r < n; r++) this.etaStart[r] = this.modelOffset[r] + family.link.linkfun(family.muStart(this.y[r], this.wt[r]));
    this.muStart = new Float64Array(n);
    this.muEtaStart = new Float64Array(n);
    this.zStepStart = new Float64Array(n);
    this.cacheStart();
    this.saturated = this.saturatedMinus2LogLik();
  }

  /**
   * Σ −2 log p(yᵢ | μᵢ = yᵢ) where the family's aic is its deviance plus that constant (binomial,
   * Poisson, negative binomial with whole numbers); null for Gamma and inverse Gaussian, whose aic
   * plugs in the dispersion.
   */
  private saturatedMinus2LogLik(): number | null {
    if (this.family.aic) return null;
    const m = this.trials ?? this.wt;
    return m.every((v) => Number.isInteger(v)) && this.y.every((v, r) => Number.isInteger(v * m[r])) ? this.aicAt(this.y) : null;
  }

  /**
   * Swap the family (same name and link, a new negative binomial θ), as lme4's setNBdisp: the
   * start η is kept, its μ, weights and the saturated constant are recomputed.
   */
  setFamily(family: Family): void {
    this.family = family;
    for (let r = 0; r < this.n; r++) this.etaStart[r] = this.modelOffset[r] + family.link.linkfun(family.muStart(this.y[r], this.wt[r]));
    this.cacheStart();
    this.saturated = this.saturatedMinus2LogLik();
  }

  /** Make the current η the start of later evaluations (lme4's lp0 ← linPred(1)). */
  setStart(): void {
    this.etaStart.set(this.eta);
    this.cacheStart();
  }

  /** μ, dμ/dη and Σ devres at the start η: the same for every evaluation, so computed once. */
  private cacheStart(): void {
    const saved = this.eta.slice();
    this.eta.set(this.etaStart);
    this.devStart = this.updateMu();
    this.ensureMuEta();
    this.muStart.set(this.mu);
    this.muEtaStart.set(this.muEta);
    for (let r = 0; r < this.n; r++) this.zStepStart[r] = (this.y[r] - this.muStart[r]) / this.muEtaStart[r];
    this.eta.set(saved);
    const { n, family, wt, w } = this;
    for (let r = 0; r < n; r++) w[r] = (wt[r] * this.muEtaStart[r] * this.muEtaStart[r]) / family.variance(this.muStart[r]);
    this.wlX.setBaseWeights(w);
    this.wlU.setBaseWeights(w);
  }

  // ---------- deviance functions ----------

  /** glmer's nAGQ = 0 deviance at θ: PIRLS over (u, β); β is left in `beta`. */
  devianceJoint(theta: ArrayLike<number>): number {
    this.setLambda(theta);
    this.offset.set(this.modelOffset);
    if (!this.pirls(theta, true)) return FAILED_OBJECTIVE;
    return this.laplace(this.factorX);
  }

  /** glmer's Laplace deviance at pars = (θ, β): PIRLS over u with Xβ as offset. */
  devianceLaplace(pars: ArrayLike<number>): number {
    if (!this.fixedBetaPirls(pars)) return FAILED_OBJECTIVE;
    return this.laplace(this.factorU);
  }

  /** glmer's adaptive Gauss–Hermite deviance (nAGQ nodes) at pars = (θ, β); one scalar term only. */
  devianceAgq(pars: ArrayLike<number>, nAGQ: number): number {
    if (!this.fixedBetaPirls(pars)) return FAILED_OBJECTIVE;
    return agqDeviance(this, nAGQ);
  }

  // ---------- PIRLS ----------

  private fixedBetaPirls(pars: ArrayLike<number>): boolean {
    const nth = this.theta.length;
    for (let i = 0; i < this.p; i++) this.beta[i] = pars[nth + i];
    this.setLambda(pars);
    this.fixedOffset();
    return this.pirls(pars, false);
  }

  private setLambda(theta: ArrayLike<number>): void {
    for (let t = 0; t < this.terms.length; t++) fillLambda(theta, this.theta, t, this.lambda[t]);
  }

  /** offset = model offset + Xβ. */
  private fixedOffset(): void {
    this.offset.set(this.modelOffset);
    addXBeta(this.offset, this.X, this.beta, true);
  }

  /** @internal out = offset + Z Λ u. */
  linPred(u: Float64Array, out: Float64Array): void {
    const { n, terms, lambda, uOff } = this;
    let src = this.offset;
    for (let t = 0; t < terms.length; t++) {
      const { k, levelOfRow, rawZ } = terms[t];
      const lam = lambda[t];
      const o = uOff[t];
      if (k === 1 && t + 1 < terms.length && terms[t + 1].k === 1) {
        // two scalar terms in one pass: the same sums in the same order as two passes
        const l0 = lam[0];
        const { levelOfRow: lv2, rawZ: z2 } = terms[t + 1];
        const l2 = lambda[t + 1][0];
        const o2 = uOff[t + 1];
        if (this.interceptOnly[t] && this.interceptOnly[t + 1]) addTwoIntercepts(out, src, l0, u, o, levelOfRow, l2, o2, lv2);
        else addTwoScalarTerms(out, src, rawZ, l0, u, o, levelOfRow, z2, l2, o2, lv2);
        src = out;
        t++;
        continue;
      }
      if (src !== out) {
        out.set(src);
        src = out;
      }
      if (k === 1) {
        const l0 = lam[0];
        for (let r = 0; r < n; r++) out[r] += rawZ[r] * l0 * u[o + levelOfRow[r]];
        continue;
      }
      for (let r = 0; r < n; r++) {
        const base = o + levelOfRow[r] * k;
        let s = 0;
        for (let a = 0; a < k; a++) {
          let b = 0;
          for (let e = 0; e <= a; e++) b += lam[a + e * k] * u[base + e];
          s += rawZ[r + a * n] * b;
        }
        out[r] += s;
      }
    }
    if (src !== out) out.set(src);
  }

  /** @internal μ (and dμ/dη, now or on demand) from η; returns (and keeps) Σ deviance residuals. */
  updateMu(): number {
    this.lastDev = this.computeMu();
    return this.lastDev;
  }

  /**
   * Logit link: dμ/dη of the current η, as R's dlogis computes it (e^−|η| / (1 + e^−|η|)², at
   * least ε). computeMu leaves it for later because the last PIRLS iterate of an evaluation
   * never needs it; e^−|η| is computeMu's e^−η where η ≥ 0, so only rows with η < 0 take an exp.
   */
  private ensureMuEta(): void {
    if (this.muEtaValid) return;
    logitMuEta(this.eta, this.expNegEta, this.muEta);
    this.muEtaValid = true;
  }

  private computeMu(): number {
    const { n, family, eta, mu, muEta, y, wt } = this;
    let dev = 0;
    if (family.name === "binomial" && family.link.name === "logit") {
      this.muEtaValid = false;
      return logitMu(eta, mu, this.expNegEta, y, wt, this.unitWeights, family.devResid);
    }
    this.muEtaValid = true;
    if (family.name === "poisson" && family.link.name === "log") return poissonLogMu(eta, mu, muEta, y, wt);
    const { linkinv, muEta: dmu } = family.link;
    for (let r = 0; r < n; r++) {
      mu[r] = linkinv(eta[r]);
      muEta[r] = dmu(eta[r]);
      dev += family.devResid(y[r], mu[r], wt[r]);
    }
    return dev;
  }


  /**
   * lme4's pwrssUpdate from the current η (= lp0): joint solves for (u, β) with offset 0;
   * otherwise for u with offset Xβ. False where lme4 would stop with an error.
   */
  private pirls(theta: ArrayLike<number>, joint: boolean): boolean {
    const { family, w, z, offset } = this;
    const wl = joint ? this.wlX : this.wlU;
    const factor = joint ? this.factorX : this.factorU;
    // Every evaluation starts at η = lp0, whose μ, weights and (y − μ)/μ′ are cached: the first
    // iterate reads them there (η, μ and μ′ are overwritten by its refreshEta).
    const { etaStart, zStepStart } = this;
    let oldPdev = Number.MAX_VALUE;
    const binomial = family.name === "binomial";
    const poisson = family.name === "poisson";
    for (let iter = 0; iter < PIRLS_MAXIT; iter++) {
      this.uOld.set(this.u);
      this.betaOld.set(this.beta);
      if (iter === 0) {
        // μ is the common start's: its weights' part of A is cached
        startWorkingResponse(z, etaStart, offset, zStepStart);
        wl.refreshBase(z);
      } else {
        if (!this.muEtaValid) {
          // logit: dlogis and the working weights and response in one pass
          logitWorking(w, z, this.rows, this.expNegEta);
          this.muEtaValid = true;
        } else if (binomial) binomialWorking(w, z, this.rows);
        else workingWeights(w, z, this.rows, poisson ? null : family.variance);
        wl.refresh(w, z);
      }
      if (!factor.update(theta)) {
        if (iter === 0) this.atStart();
        this.failures++;
        return false;
      }
      factor.solveInto(this.u, joint ? this.beta : NO_BETA);
      let pdev = this.refreshEta(joint);
      if (Math.abs((oldPdev - pdev) / pdev) < PIRLS_TOL) return true;
      if (Number.isNaN(pdev) || pdev > oldPdev) {
        for (let h = 0; h < MAX_HALVINGS && (Number.isNaN(pdev) || pdev > oldPdev); h++) {
          for (let i = 0; i < this.q; i++) this.u[i] = 0.5 * (this.u[i] + this.uOld[i]);
          if (joint) for (let i = 0; i < this.p; i++) this.beta[i] = 0.5 * (this.beta[i] + this.betaOld[i]);
          pdev = this.refreshEta(joint);
        }
        if (Number.isNaN(pdev) || pdev - oldPdev > PIRLS_TOL) {
          this.failures++;
          return false;
        }
      }
      oldPdev = pdev;
    }
    this.failures++;
    return false;
  }

  /** η, μ and Σ devres of the start (the state a failed first iterate leaves, as when copied up front). */
  private atStart(): void {
    this.eta.set(this.etaStart);
    this.mu.set(this.muStart);
    this.muEta.set(this.muEtaStart);
    this.muEtaValid = true;
    this.lastDev = this.devStart;
  }

  /** η from the current u (and β when joint), μ from η; returns the penalized deviance. */
  private refreshEta(joint: boolean): number {
    if (joint) this.jointLinPred();
    else this.linPred(this.u, this.eta);
    return this.updateMu() + sumOfSquares(this.u);
  }

  /** η = model offset + Xβ + ZΛu (the joint stage; offset is left as the model offset). */
  private jointLinPred(): void {
    this.offset.set(this.modelOffset);
    addXBeta(this.offset, this.X, this.beta, false);
    this.linPred(this.u, this.eta);
    this.offset.set(this.modelOffset);
  }

  // ---------- deviances at the conditional modes ----------

  private laplace(factor: BlockedFactor): number {
    const v = factor.ldL2() + sumOfSquares(this.u) + this.minus2LogLikAtMu();
    return Number.isFinite(v) ? v : FAILED_OBJECTIVE;
  }

  /**
   * Σ −2 log p(yᵢ | μᵢ) (the family's aic). With whole-number trials it equals the deviance plus
   * the saturated model's −2·log-likelihood, a constant, so no densities are evaluated per row.
   */
  private minus2LogLikAtMu(): number {
    if (this.saturated !== null) return this.lastDev + this.saturated;
    return this.aicAt(this.mu);
  }

  private aicAt(mu: Float64Array): number {
    const { n, family, y, wt, trials } = this;
    if (family.aic) return family.aic(y, mu, wt, this.lastDev);
    let aic = 0;
    if (trials) {
      // R's binomial aic with cbind(): m = trials, each row weighted by its prior weight wt/m.
      for (let r = 0; r < n; r++) if (trials[r] > 0) aic += (wt[r] / trials[r]) * family.minus2LogLik(y[r], mu[r], trials[r]);
    } else {
      for (let r = 0; r < n; r++) aic += family.minus2LogLik(y[r], mu[r], wt[r]);
    }
    return aic;
  }

  /** Σ deviance residuals at the current μ (lme4's deviance() of a glmer fit). */
  residualDeviance(): number {
    let s = 0;
    for (let r = 0; r < this.n; r++) s += this.family.devResid(this.y[r], this.mu[r], this.wt[r]);
    return s;
  }

  /**
   * (R_XᵀR_X)⁻¹ with the PIRLS weights of the current state, at θ = pars' first entries (lme4's
   * pp$unsc() after the final evaluation; the fallback for vcov()). R_X does not depend on z, but
   * the factor's last pivot is √pwrss: z is the joint working response so that it is positive
   * (z = 0 made it exactly 0, the factor "failed" and every SE came out NaN).
   */
  unscaledVcovAt(pars: ArrayLike<number>): Float64Array {
    this.ensureMuEta();
    const { n, family, y, mu, muEta, eta, wt, w, z, modelOffset } = this;
    for (let r = 0; r < n; r++) {
      w[r] = (wt[r] * muEta[r] * muEta[r]) / family.variance(mu[r]);
      const step = (y[r] - mu[r]) / muEta[r];
      z[r] = eta[r] - modelOffset[r] + (Number.isFinite(step) ? step : 0);
    }
    this.wlX.refresh(w, z);
    if (!this.factorX.update(pars)) return new Float64Array(this.p * this.p).fill(NaN);
    return this.unscaledVcov();
  }

  /** (R_XᵀR_X)⁻¹ from the joint factor's last update (lme4's pp$unsc()), p × p column-major. */
  unscaledVcov(): Float64Array {
    const { p } = this;
    const { xOff, nt } = this.wlX.layout;
    const L = this.factorX.tailL;
    const inv = new Float64Array(p * p);
    // L_X⁻¹ by forward substitution, then L_X⁻ᵀ L_X⁻¹.
    for (let c = 0; c < p; c++) {
      for (let i = c; i < p; i++) {
        let s = i === c ? 1 : 0;
        for (let e = c; e < i; e++) s -= L[xOff + i + (xOff + e) * nt] * inv[e + c * p];
        inv[i + c * p] = s / L[xOff + i + (xOff + i) * nt];
      }
    }
    const v = new Float64Array(p * p);
    for (let j = 0; j < p; j++) {
      for (let i = 0; i < p; i++) {
        let s = 0;
        for (let r = Math.max(i, j); r < p; r++) s += inv[r + i * p] * inv[r + j * p];
        v[i + j * p] = s;
      }
    }
    return v;
  }
}

// Row loops as module functions over typed arrays (not methods reading `this`): their type
// feedback is shared by every GlmmProblem of the process, so they stay optimised from one fit to
// the next instead of being deoptimised and warmed again.

/**
 * Logit link: μ as plogis computes it, 1/(1 + e^−η), bit for bit, clamped to [ε, 1 − ε] (lme4's
 * glmResp, family.ts; no |η| > 30 cut-off: on a separated fit's flat deviance, Nelder–Mead's path,
 * and so R_X's SE, follows the rounding of 1 − μ); keeps e^−η for dlogis (logitMuEta). Returns
 * Σ deviance residuals: for binary y, −2·wt·log(μ or 1 − μ) with one log call site (binary y is
 * unpredictable) and, with unit weights, 2·1 = 2 exactly without reading them.
 */
function logitMu(
  eta: Float64Array,
  mu: Float64Array,
  expNegEta: Float64Array,
  y: Float64Array,
  wt: Float64Array,
  unit: boolean,
  devResid: (y: number, mu: number, wt: number) => number,
): number {
  let dev = 0;
  for (let r = 0; r < eta.length; r++) {
    const ex = Math.exp(-eta[r]);
    expNegEta[r] = ex;
    const m = Math.min(Math.max(1 / (1 + ex), EPS), ONE_MINUS_EPS);
    mu[r] = m;
    const yr = y[r];
    if (yr === 0 || yr === 1) dev -= (unit ? 2 : 2 * wt[r]) * Math.log(yr === 0 ? 1 - m : m);
    else dev += devResid(yr, m, wt[r]);
  }
  return dev;
}

/** R's dlogis at η (e^−|η| / (1 + e^−|η|)², at least ε), reusing logitMu's e^−η where η ≥ 0. */
function logitMuEta(eta: Float64Array, expNegEta: Float64Array, muEta: Float64Array): void {
  for (let r = 0; r < eta.length; r++) {
    const e = eta[r];
    const ex = e >= 0 ? expNegEta[r] : Math.exp(-Math.abs(e));
    const f = 1 + ex;
    muEta[r] = Math.max(ex / (f * f), EPS);
  }
}

/** Log link: μ = max(e^η, ε) = dμ/dη; returns Σ Poisson deviance residuals. */
function poissonLogMu(eta: Float64Array, mu: Float64Array, muEta: Float64Array, y: Float64Array, wt: Float64Array): number {
  let dev = 0;
  for (let r = 0; r < eta.length; r++) {
    const m = Math.max(Math.exp(eta[r]), EPS);
    mu[r] = m;
    muEta[r] = m;
    const yr = y[r];
    dev += 2 * wt[r] * (yr > 0 ? yr * Math.log(yr / m) - (yr - m) : m);
  }
  return dev;
}

/** out = src + Z₁λ₁u₁ + Z₂λ₂u₂ for two scalar terms, the sums in the order of two passes. */
function addTwoScalarTerms(
  out: Float64Array,
  src: Float64Array,
  z1: Float64Array,
  l1: number,
  u: Float64Array,
  o1: number,
  lv1: Int32Array,
  z2: Float64Array,
  l2: number,
  o2: number,
  lv2: Int32Array,
): void {
  for (let r = 0; r < out.length; r++) out[r] = src[r] + z1[r] * l1 * u[o1 + lv1[r]] + z2[r] * l2 * u[o2 + lv2[r]];
}

/** addTwoScalarTerms for two random intercepts (Z = 1, and 1·λ is λ exactly: Z is not read). */
function addTwoIntercepts(out: Float64Array, src: Float64Array, l1: number, u: Float64Array, o1: number, lv1: Int32Array, l2: number, o2: number, lv2: Int32Array): void {
  for (let r = 0; r < out.length; r++) out[r] = src[r] + l1 * u[o1 + lv1[r]] + l2 * u[o2 + lv2[r]];
}

/** The first iterate's working response z = (η₀ − offset) + (y − μ₀)/μ′₀, the step cached. */
function startWorkingResponse(z: Float64Array, etaStart: Float64Array, offset: Float64Array, zStep: Float64Array): void {
  for (let r = 0; r < z.length; r++) z[r] = etaStart[r] - offset[r] + zStep[r];
}

/** The per-row arrays the working weights and response are formed from (GlmmProblem's own). */
interface WorkingRows {
  readonly wt: Float64Array;
  readonly mu: Float64Array;
  readonly muEta: Float64Array;
  readonly eta: Float64Array;
  readonly offset: Float64Array;
  readonly y: Float64Array;
}

/** PIRLS weights wt·μ′²/V(μ) and working response (η − offset) + (y − μ)/μ′, V(μ) = μ(1 − μ). */
function binomialWorking(w: Float64Array, z: Float64Array, rows: WorkingRows): void {
  const { wt, mu, muEta, eta, offset, y } = rows;
  for (let r = 0; r < w.length; r++) {
    const me = muEta[r];
    const m = mu[r];
    w[r] = (wt[r] * me * me) / (m * (1 - m));
    z[r] = eta[r] - offset[r] + (y[r] - m) / me;
  }
}

/** binomialWorking for the logit link, its dμ/dη (logitMuEta's) formed and kept on the way. */
function logitWorking(w: Float64Array, z: Float64Array, rows: WorkingRows, expNegEta: Float64Array): void {
  const { wt, mu, muEta, eta, offset, y } = rows;
  for (let r = 0; r < w.length; r++) {
    const e = eta[r];
    const ex = e >= 0 ? expNegEta[r] : Math.exp(-Math.abs(e));
    const f = 1 + ex;
    const me = Math.max(ex / (f * f), EPS);
    muEta[r] = me;
    const m = mu[r];
    w[r] = (wt[r] * me * me) / (m * (1 - m));
    z[r] = e - offset[r] + (y[r] - m) / me;
  }
}

/** binomialWorking with the family's V(μ) (Poisson's μ inline). */
function workingWeights(w: Float64Array, z: Float64Array, rows: WorkingRows, variance: ((mu: number) => number) | null): void {
  const { wt, mu, muEta, eta, offset, y } = rows;
  for (let r = 0; r < w.length; r++) {
    const me = muEta[r];
    const m = mu[r];
    w[r] = (wt[r] * me * me) / (variance ? variance(m) : m);
    z[r] = eta[r] - offset[r] + (y[r] - m) / me;
  }
}

/**
 * out += Xβ column by column (X n × p column-major); columns with β = 0 skipped when asked. A
 * module function: as a loop inside a method, V8's on-stack-replaced code for the loop was reused
 * with no type feedback for what follows it and deoptimised at every call (400 times a fit).
 */
function addXBeta(out: Float64Array, X: Float64Array, beta: Float64Array, skipZero: boolean): void {
  const n = out.length;
  for (let c = 0; c < beta.length; c++) {
    const bc = beta[c];
    if (skipZero && bc === 0) continue;
    for (let r = 0; r < n; r++) out[r] += X[r + c * n] * bc;
  }
}

/** ‖u‖². */
function sumOfSquares(u: Float64Array): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * u[i];
  return s;
}
