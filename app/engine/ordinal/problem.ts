/**
 * The cumulative link mixed model's likelihood at given parameters, as ordinal::clmm computes it
 * (Christensen, ordinal package, R/clmm.R: getNLA, nll.u, grad.u, hess.u, update.u; R/clmm.ssr.R
 * and src/utilityFuns.c getNAGQ for adaptive Gauss–Hermite quadrature).
 *
 * Model: P(Y ≤ j | u) = F(α_j − xᵀβ − zᵀΛu), u ~ N(0, I), Λ block diagonal with one lower
 * triangular k×k template ST per random-effect term (Var(b) = ST·STᵀ, clmm's `varcov`).
 *
 * For fixed parameters the conditional modes û minimise
 *   h(u) = −Σ wᵢ log pᵢ(u) + ½‖u‖²
 * by Newton's method with step halving (update.u). Its Hessian is D = ΛᵀZᵀ diag(φ₂) ZΛ + I with
 * φ₂ = w[((f(a) − f(b))/p)² − (f′(a) − f′(b))/p]. The Laplace negative log-likelihood is
 * h(û) + ½ log det D. For one scalar term, nAGQ > 1 replaces the Laplace factor of each level
 * by an adaptive Gauss–Hermite sum centred at ûₗ with scale Dₗ^(−½).
 *
 * D is factored by blocks: the first term (the one with most levels, as clmm orders them) is
 * block diagonal (k₁×k₁ per level), the other terms form a dense block reached through the
 * Schur complement S = D₂₂ − D₂₁D₁₁⁻¹D₁₂, built from each first-term level's few columns — the
 * layout that keeps crossed designs cheap.
 */
import { categoryProbability, linkTerms, type CumulativeLink } from "./links";
import type { OrdinalData } from "./types";

const TINY = 1e-300;

interface Layout {
  readonly q1: number;
  readonly q2: number;
  readonly k1: number;
  /** Σ k over terms after the first. */
  readonly k2: number;
  /** Per row, the q₂ index of each of its k₂ later-term effects. */
  readonly rowGlobal2: Int32Array;
  /** Per row, the position of each of those effects in its first-term level's column list. */
  readonly rowLocal2: Int32Array;
  /** Per first-term level: start of its column list in cols and of its k₁×m block in W. */
  readonly colStart: Int32Array;
  readonly cols: Int32Array;
  readonly wStart: Int32Array;
}

function buildLayout(data: OrdinalData): Layout {
  const [first, ...rest] = data.terms;
  const n = data.n;
  const k1 = first.k;
  const q1 = first.nlev * k1;
  const offsets: number[] = [];
  let q2 = 0;
  for (const t of rest) {
    offsets.push(q2);
    q2 += t.nlev * t.k;
  }
  const k2 = rest.reduce((s, t) => s + t.k, 0);
  const rowGlobal2 = new Int32Array(n * k2);
  for (let i = 0; i < n; i++) {
    let c = 0;
    rest.forEach((t, ti) => {
      for (let a = 0; a < t.k; a++) rowGlobal2[i * k2 + c++] = offsets[ti] + t.levelOfRow[i] * t.k + a;
    });
  }
  const perLevel: Map<number, number>[] = Array.from({ length: first.nlev }, () => new Map());
  for (let i = 0; i < n; i++) {
    const m = perLevel[first.levelOfRow[i]];
    for (let c = 0; c < k2; c++) if (!m.has(rowGlobal2[i * k2 + c])) m.set(rowGlobal2[i * k2 + c], 0);
  }
  const colStart = new Int32Array(first.nlev + 1);
  const wStart = new Int32Array(first.nlev + 1);
  const cols: number[] = [];
  perLevel.forEach((m, l) => {
    const sorted = [...m.keys()].sort((a, b) => a - b);
    sorted.forEach((g, pos) => m.set(g, pos));
    colStart[l] = cols.length;
    wStart[l + 1] = wStart[l] + k1 * sorted.length;
    cols.push(...sorted);
  });
  colStart[first.nlev] = cols.length;
  const rowLocal2 = new Int32Array(n * k2);
  for (let i = 0; i < n; i++) {
    const m = perLevel[first.levelOfRow[i]];
    for (let c = 0; c < k2; c++) rowLocal2[i * k2 + c] = m.get(rowGlobal2[i * k2 + c])!;
  }
  return { q1, q2, k1, k2, rowGlobal2, rowLocal2, colStart, cols: Int32Array.from(cols), wStart };
}

/** In-place lower Cholesky of an m×m column-major matrix at `off`; false if not positive definite. */
function cholesky(a: Float64Array, m: number, off = 0): boolean {
  for (let j = 0; j < m; j++) {
    let d = a[off + j * m + j];
    for (let k = 0; k < j; k++) d -= a[off + k * m + j] ** 2;
    if (!(d > 0)) return false;
    d = Math.sqrt(d);
    a[off + j * m + j] = d;
    for (let i = j + 1; i < m; i++) {
      let s = a[off + j * m + i];
      for (let k = 0; k < j; k++) s -= a[off + k * m + i] * a[off + k * m + j];
      a[off + j * m + i] = s / d;
    }
  }
  return true;
}

function forward(L: Float64Array, m: number, off: number, x: Float64Array, xo: number): void {
  for (let i = 0; i < m; i++) {
    let s = x[xo + i];
    for (let k = 0; k < i; k++) s -= L[off + k * m + i] * x[xo + k];
    x[xo + i] = s / L[off + i * m + i];
  }
}

function backward(L: Float64Array, m: number, off: number, x: Float64Array, xo: number): void {
  for (let i = m - 1; i >= 0; i--) {
    let s = x[xo + i];
    for (let k = i + 1; k < m; k++) s -= L[off + i * m + k] * x[xo + k];
    x[xo + i] = s / L[off + i * m + i];
  }
}

export interface ModeResult {
  /** h(û) = −Σ w log p + ½‖û‖². */
  readonly h: number;
  /** log det D at û. */
  readonly logDet: number;
  readonly converged: boolean;
}

/**
 * The likelihood machinery for one data set and link: set parameters, find the conditional
 * modes, return the Laplace or AGQ negative log-likelihood.
 */
export class OrdinalProblem {
  readonly data: OrdinalData;
  readonly link: CumulativeLink;
  readonly layout: Layout;
  readonly q: number;
  /** Conditional modes (spherical scale), kept between evaluations as the next start. */
  readonly u: Float64Array;
  /** Fixed part of the upper and lower linear predictors per row (±∞ at the end categories). */
  private readonly eta1Fix: Float64Array;
  private readonly eta2Fix: Float64Array;
  /** ΛᵀZᵀ per row: the k₁ first-term values, then the k₂ later ones. */
  private readonly v1: Float64Array;
  private readonly v2: Float64Array;
  private readonly s: Float64Array;
  private readonly phi1: Float64Array;
  private readonly phi2: Float64Array;
  private readonly D11: Float64Array;
  private readonly W: Float64Array;
  private readonly S: Float64Array;
  private readonly work: Float64Array;
  private readonly grad: Float64Array;
  private readonly trial: Float64Array;
  private readonly termsA = new Float64Array(4);
  private readonly termsB = new Float64Array(4);

  constructor(data: OrdinalData, link: CumulativeLink) {
    this.data = data;
    this.link = link;
    this.layout = buildLayout(data);
    const { q1, q2, k1, k2 } = this.layout;
    this.q = q1 + q2;
    this.u = new Float64Array(this.q);
    this.eta1Fix = new Float64Array(data.n);
    this.eta2Fix = new Float64Array(data.n);
    this.v1 = new Float64Array(data.n * k1);
    this.v2 = new Float64Array(data.n * k2);
    this.s = new Float64Array(data.n);
    this.phi1 = new Float64Array(data.n);
    this.phi2 = new Float64Array(data.n);
    this.D11 = new Float64Array(q1 * k1);
    this.W = new Float64Array(this.layout.wStart[data.terms[0].nlev]);
    this.S = new Float64Array(q2 * q2);
    this.work = new Float64Array(this.q);
    this.grad = new Float64Array(this.q);
    this.trial = new Float64Array(this.q);
  }

  /**
   * Set α (J−1), β (p) and each term's ST (k×k lower triangular, column-major) from
   * `fixed` = [α, β] and `st`.
   */
  setParameters(fixed: ArrayLike<number>, st: readonly Float64Array[]): void {
    const { n, nThresholds, p, X, y } = this.data;
    for (let i = 0; i < n; i++) {
      let xb = 0;
      for (let j = 0; j < p; j++) xb += X[j * n + i] * fixed[nThresholds + j];
      const c = y[i];
      this.eta1Fix[i] = c < nThresholds ? fixed[c] - xb : Infinity;
      this.eta2Fix[i] = c > 0 ? fixed[c - 1] - xb : -Infinity;
    }
    const { k1, k2 } = this.layout;
    let c2 = 0;
    this.data.terms.forEach((t, ti) => {
      const ST = st[ti];
      for (let i = 0; i < n; i++) {
        for (let a = 0; a < t.k; a++) {
          // (STᵀ z)_a = Σ_b ST[b, a] z_b, b ≥ a (lower triangular).
          let v = 0;
          for (let b = a; b < t.k; b++) v += ST[a * t.k + b] * t.Z[b * n + i];
          if (ti === 0) this.v1[i * k1 + a] = v;
          else this.v2[i * k2 + c2 + a] = v;
        }
      }
      if (ti > 0) c2 += t.k;
    });
  }

  /** s = ZΛu per row. */
  private randomPart(u: Float64Array): void {
    const { n, terms } = this.data;
    const { k1, k2, q1, rowGlobal2 } = this.layout;
    const lev1 = terms[0].levelOfRow;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const base = lev1[i] * k1;
      for (let a = 0; a < k1; a++) s += this.v1[i * k1 + a] * u[base + a];
      for (let c = 0; c < k2; c++) s += this.v2[i * k2 + c] * u[q1 + rowGlobal2[i * k2 + c]];
      this.s[i] = s;
    }
  }

  /** h(u); Infinity where some category gets no probability (crossed thresholds). */
  conditionalNll(u: Float64Array): number {
    this.randomPart(u);
    const { n, weights } = this.data;
    let nll = 0;
    const ta = this.termsA;
    const tb = this.termsB;
    for (let i = 0; i < n; i++) {
      const b = this.eta2Fix[i] - this.s[i];
      linkTerms(this.link, this.eta1Fix[i] - this.s[i], ta);
      linkTerms(this.link, b, tb);
      const pr = b > 0 ? tb[1] - ta[1] : ta[0] - tb[0];
      if (!(pr > 0)) return Infinity;
      nll -= (weights ? weights[i] : 1) * Math.log(pr);
    }
    for (let j = 0; j < u.length; j++) nll += 0.5 * u[j] * u[j];
    return nll;
  }

  /** φ₁, φ₂ at the current s, and the gradient ΛᵀZᵀφ₁ + u. Returns max |gradient|. */
  private gradient(u: Float64Array): number {
    const { n, weights, terms } = this.data;
    const { k1, k2, q1, rowGlobal2 } = this.layout;
    const link = this.link;
    const g = this.grad;
    g.set(u);
    const lev1 = terms[0].levelOfRow;
    const ta = this.termsA;
    const tb = this.termsB;
    for (let i = 0; i < n; i++) {
      linkTerms(link, this.eta1Fix[i] - this.s[i], ta);
      linkTerms(link, this.eta2Fix[i] - this.s[i], tb);
      // F(a) − F(b), from the upper tails when b > 0 (b is −∞ for the first category).
      const pr = Math.max(this.eta2Fix[i] - this.s[i] > 0 ? tb[1] - ta[1] : ta[0] - tb[0], TINY);
      const w = weights ? weights[i] : 1;
      const d = (ta[2] - tb[2]) / pr;
      const phi1 = w * d;
      const phi2 = w * (d * d - (ta[3] - tb[3]) / pr);
      this.phi1[i] = phi1;
      this.phi2[i] = phi2 > 0 ? phi2 : 0;
      const base = lev1[i] * k1;
      for (let c = 0; c < k1; c++) g[base + c] += phi1 * this.v1[i * k1 + c];
      for (let c = 0; c < k2; c++) g[q1 + rowGlobal2[i * k2 + c]] += phi1 * this.v2[i * k2 + c];
    }
    let max = 0;
    for (let j = 0; j < g.length; j++) max = Math.max(max, Math.abs(g[j]));
    return max;
  }

  /** Assemble D from φ₂ and factor it by blocks. Returns log det D, or NaN if not positive definite. */
  private factor(): number {
    const { n, terms } = this.data;
    const { k1, k2, q2, rowGlobal2, rowLocal2, colStart, cols, wStart } = this.layout;
    const nlev1 = terms[0].nlev;
    const lev1 = terms[0].levelOfRow;
    const D11 = this.D11;
    const W = this.W;
    const S = this.S;
    D11.fill(0);
    W.fill(0);
    S.fill(0);
    for (let l = 0; l < nlev1; l++) for (let a = 0; a < k1; a++) D11[l * k1 * k1 + a * k1 + a] = 1;
    for (let j = 0; j < q2; j++) S[j * q2 + j] = 1;
    for (let i = 0; i < n; i++) {
      const w = this.phi2[i];
      if (w === 0) continue;
      const l = lev1[i];
      for (let a = 0; a < k1; a++) {
        const va = w * this.v1[i * k1 + a];
        for (let b = 0; b < k1; b++) D11[l * k1 * k1 + b * k1 + a] += va * this.v1[i * k1 + b];
        for (let c = 0; c < k2; c++) W[wStart[l] + rowLocal2[i * k2 + c] * k1 + a] += va * this.v2[i * k2 + c];
      }
      for (let c = 0; c < k2; c++) {
        const gc = rowGlobal2[i * k2 + c];
        const vc = w * this.v2[i * k2 + c];
        for (let d = 0; d < k2; d++) S[rowGlobal2[i * k2 + d] * q2 + gc] += vc * this.v2[i * k2 + d];
      }
    }
    let logDet = 0;
    for (let l = 0; l < nlev1; l++) {
      const off = l * k1 * k1;
      if (!cholesky(D11, k1, off)) return NaN;
      for (let a = 0; a < k1; a++) logDet += 2 * Math.log(D11[off + a * k1 + a]);
      if (q2 === 0) continue;
      // W_l = L₁₁⁻¹ D₁₂ (k₁ × m), then S −= W_lᵀ W_l on the level's columns.
      const m = colStart[l + 1] - colStart[l];
      for (let c = 0; c < m; c++) forward(D11, k1, off, W, wStart[l] + c * k1);
      for (let c = 0; c < m; c++) {
        const gc = cols[colStart[l] + c];
        for (let d = 0; d < m; d++) {
          const gd = cols[colStart[l] + d];
          let dot = 0;
          for (let a = 0; a < k1; a++) dot += W[wStart[l] + c * k1 + a] * W[wStart[l] + d * k1 + a];
          S[gd * q2 + gc] -= dot;
        }
      }
    }
    if (q2 > 0) {
      if (!cholesky(S, q2)) return NaN;
      for (let j = 0; j < q2; j++) logDet += 2 * Math.log(S[j * q2 + j]);
    }
    return logDet;
  }

  /** x ← D⁻¹ x with the factors of `factor()`. */
  private solve(x: Float64Array): void {
    const { k1, q1, q2, colStart, cols, wStart } = this.layout;
    const nlev1 = this.data.terms[0].nlev;
    const D11 = this.D11;
    const W = this.W;
    for (let l = 0; l < nlev1; l++) forward(D11, k1, l * k1 * k1, x, l * k1);
    if (q2 > 0) {
      for (let l = 0; l < nlev1; l++) {
        for (let c = colStart[l]; c < colStart[l + 1]; c++) {
          let dot = 0;
          const wo = wStart[l] + (c - colStart[l]) * k1;
          for (let a = 0; a < k1; a++) dot += W[wo + a] * x[l * k1 + a];
          x[q1 + cols[c]] -= dot;
        }
      }
      forward(this.S, q2, 0, x, q1);
      backward(this.S, q2, 0, x, q1);
      for (let l = 0; l < nlev1; l++) {
        for (let c = colStart[l]; c < colStart[l + 1]; c++) {
          const wo = wStart[l] + (c - colStart[l]) * k1;
          const xc = x[q1 + cols[c]];
          for (let a = 0; a < k1; a++) x[l * k1 + a] -= W[wo + a] * xc;
        }
      }
    }
    for (let l = 0; l < nlev1; l++) backward(D11, k1, l * k1 * k1, x, l * k1);
  }

  /**
   * Newton's method for û from the last modes (clmm's update.u, run to a tighter gradient
   * tolerance), then D at û. Modes are restarted from 0 if the warm start fails.
   */
  updateModes(gradTol = 1e-10, maxIter = 100): ModeResult {
    let result = this.newton(gradTol, maxIter);
    if (!Number.isFinite(result.h) || !result.converged) {
      this.u.fill(0);
      result = this.newton(gradTol, maxIter);
    }
    return result;
  }

  private newton(gradTol: number, maxIter: number): ModeResult {
    const u = this.u;
    let h = this.conditionalNll(u);
    if (!Number.isFinite(h)) return { h: Infinity, logDet: NaN, converged: false };
    let converged = false;
    let stepFactor = 1;
    for (let iter = 0; iter < maxIter; iter++) {
      const maxGrad = this.gradient(u);
      if (maxGrad < gradTol) {
        converged = true;
        break;
      }
      if (Number.isNaN(this.factor())) break;
      const step = this.work;
      step.set(this.grad);
      this.solve(step);
      let maxStep = 0;
      for (let j = 0; j < u.length; j++) maxStep = Math.max(maxStep, Math.abs(step[j]));
      if (maxStep < 1e-11) {
        // Newton converges quadratically: a step this small is the remaining error.
        converged = true;
        break;
      }
      const trial = this.trial;
      let hTry = Infinity;
      for (let line = 0; line <= 50; line++) {
        for (let j = 0; j < u.length; j++) trial[j] = u[j] - stepFactor * step[j];
        hTry = this.conditionalNll(trial);
        // Near the mode h is flat to rounding (its change is ~ step², below h's last digits),
        // so a small gradient takes the full Newton step rather than a test of decrease.
        if (hTry <= h || (maxGrad < 1e-6 && stepFactor === 1 && Number.isFinite(hTry))) break;
        stepFactor /= 2;
      }
      if (!(hTry <= h) && !(maxGrad < 1e-6 && stepFactor === 1 && Number.isFinite(hTry))) {
        // No decrease possible: the modes are as good as rounding allows.
        this.conditionalNll(u);
        converged = maxGrad < 1e-4;
        break;
      }
      const change = h - hTry;
      u.set(trial);
      h = hTry;
      stepFactor = Math.min(1, 2 * stepFactor);
      if (change === 0 && maxGrad < 1e-6) {
        converged = true;
        break;
      }
    }
    this.randomPart(u);
    this.gradient(u);
    const logDet = this.factor();
    return { h, logDet, converged };
  }

  /**
   * The random effects at the current modes, as clmm's ranef() and condVar(): b = Λû and the
   * diagonal of Λ D⁻¹ Λᵀ, per term as [level·k + effect]. Call right after laplaceNll/agqNll at
   * the parameters wanted (D's factors are then those at û). `st` as given to setParameters.
   */
  randomEffects(st: readonly Float64Array[]): { values: Float64Array[]; condVar: Float64Array[] } {
    const { q1 } = this.layout;
    let offset = 0;
    const values: Float64Array[] = [];
    const condVar: Float64Array[] = [];
    this.data.terms.forEach((t, ti) => {
      const k = t.k;
      const ST = st[ti];
      const start = ti === 0 ? 0 : q1 + offset;
      const blockOf = ti === 0 ? (l: number) => this.firstTermBlock(l) : (l: number) => this.laterTermBlock(offset + l * k, k);
      const b = new Float64Array(t.nlev * k);
      const v = new Float64Array(t.nlev * k);
      for (let l = 0; l < t.nlev; l++) {
        const at = start + l * k;
        const block = blockOf(l);
        for (let a = 0; a < k; a++) {
          // Row a of ST (lower triangular): ST[a, c] for c ≤ a.
          let mode = 0;
          let variance = 0;
          for (let c = 0; c <= a; c++) {
            mode += ST[c * k + a] * this.u[at + c];
            for (let d = 0; d <= a; d++) variance += ST[c * k + a] * ST[d * k + a] * block[c * k + d];
          }
          b[l * k + a] = mode;
          v[l * k + a] = variance;
        }
      }
      if (ti > 0) offset += t.nlev * k;
      values.push(b);
      condVar.push(v);
    });
    return { values, condVar };
  }

  /**
   * The k₁×k₁ block of D⁻¹ for first-term level l, from the block factors alone:
   * L⁻ᵀ (I + YᵀY) L⁻¹ with L the level's Cholesky factor and Y = L_S⁻¹ Wₗᵀ (Wₗ = L⁻¹D₁₂ on the
   * level's few columns), so each level costs k₁ triangular solves with S and not a full solve.
   */
  private firstTermBlock(l: number): Float64Array {
    const { k1, q2, colStart, cols, wStart } = this.layout;
    const off = l * k1 * k1;
    const M = new Float64Array(k1 * k1);
    for (let a = 0; a < k1; a++) M[a * k1 + a] = 1;
    if (q2 > 0) {
      const Y = new Float64Array(k1 * q2);
      for (let a = 0; a < k1; a++) {
        let first = q2;
        for (let c = colStart[l]; c < colStart[l + 1]; c++) {
          Y[a * q2 + cols[c]] = this.W[wStart[l] + (c - colStart[l]) * k1 + a];
          first = Math.min(first, cols[c]);
        }
        this.forwardFrom(Y, a * q2, first);
      }
      for (let a = 0; a < k1; a++) {
        for (let c = 0; c <= a; c++) {
          let dot = 0;
          for (let j = 0; j < q2; j++) dot += Y[a * q2 + j] * Y[c * q2 + j];
          M[c * k1 + a] += dot;
          if (c !== a) M[a * k1 + c] += dot;
        }
      }
    }
    // N = L⁻¹ column by column, then Nᵀ M N.
    const N = new Float64Array(k1 * k1);
    for (let c = 0; c < k1; c++) {
      N[c * k1 + c] = 1;
      forward(this.D11, k1, off, N, c * k1);
    }
    const block = new Float64Array(k1 * k1);
    for (let c = 0; c < k1; c++) {
      for (let d = 0; d < k1; d++) {
        let s = 0;
        for (let a = 0; a < k1; a++) for (let b = 0; b < k1; b++) s += N[c * k1 + a] * M[b * k1 + a] * N[d * k1 + b];
        block[d * k1 + c] = s;
      }
    }
    return block;
  }

  /** The k×k block of S⁻¹ (= that of D⁻¹ for the later terms) at q₂ index g. */
  private laterTermBlock(g: number, k: number): Float64Array {
    const q2 = this.layout.q2;
    const x = new Float64Array(q2);
    const block = new Float64Array(k * k);
    for (let c = 0; c < k; c++) {
      x.fill(0);
      x[g + c] = 1;
      this.forwardFrom(x, 0, g + c);
      backward(this.S, q2, 0, x, 0);
      for (let d = 0; d < k; d++) block[c * k + d] = x[g + d];
    }
    return block;
  }

  /** x[xo…] ← L_S⁻¹ x[xo…], where x is zero before index `first`. */
  private forwardFrom(x: Float64Array, xo: number, first: number): void {
    const { q2 } = this.layout;
    const L = this.S;
    for (let i = first; i < q2; i++) {
      let s = x[xo + i];
      for (let k = first; k < i; k++) s -= L[k * q2 + i] * x[xo + k];
      x[xo + i] = s / L[i * q2 + i];
    }
  }

  /** Laplace negative log-likelihood h(û) + ½ log det D. */
  laplaceNll(): number {
    const r = this.updateModes();
    if (!Number.isFinite(r.h) || Number.isNaN(r.logDet)) return Infinity;
    return r.h + 0.5 * r.logDet;
  }

  /**
   * Adaptive Gauss–Hermite negative log-likelihood for one scalar term: per level l,
   * −log σₗ − log Σₕ ωₕ exp(Σᵢ wᵢ log pᵢ(ûₗ + σₗzₕ) − ½(ûₗ + σₗzₕ)² + ½zₕ²), σₗ = Dₗ^(−½),
   * with (zₕ, ωₕ) the Gauss–Hermite rule for the standard normal.
   */
  agqNll(nodes: Float64Array, nodeWeights: Float64Array): number {
    const r = this.updateModes();
    if (!Number.isFinite(r.h) || Number.isNaN(r.logDet)) return Infinity;
    const { n, weights, terms } = this.data;
    const term = terms[0];
    const nlev = term.nlev;
    const K = nodes.length;
    const sums = new Float64Array(nlev * K);
    const sigma = new Float64Array(nlev);
    // After factor(), D11 holds √Dₗ for a scalar term.
    for (let l = 0; l < nlev; l++) sigma[l] = 1 / this.D11[l];
    for (let i = 0; i < n; i++) {
      const l = term.levelOfRow[i];
      const v = this.v1[i];
      const w = weights ? weights[i] : 1;
      for (let h = 0; h < K; h++) {
        const uh = this.u[l] + sigma[l] * nodes[h];
        const pr = categoryProbability(this.link, this.eta1Fix[i] - v * uh, this.eta2Fix[i] - v * uh);
        sums[l * K + h] += pr > 0 ? w * Math.log(pr) : -Infinity;
      }
    }
    let nll = 0;
    for (let l = 0; l < nlev; l++) {
      let max = -Infinity;
      const terms_: number[] = [];
      for (let h = 0; h < K; h++) {
        const uh = this.u[l] + sigma[l] * nodes[h];
        const t = Math.log(nodeWeights[h]) + sums[l * K + h] - 0.5 * uh * uh + 0.5 * nodes[h] * nodes[h];
        terms_.push(t);
        if (t > max) max = t;
      }
      if (!Number.isFinite(max)) return Infinity;
      let acc = 0;
      for (const t of terms_) acc += Math.exp(t - max);
      nll -= Math.log(sigma[l]) + max + Math.log(acc);
    }
    return nll;
  }
}
