/**
 * Conditional standard deviations of the random effects, as lme4's ranef(condVar = TRUE):
 * Var(b | y, β̂) = σ² Λ (ΛᵀZᵀZΛ + I)⁻¹ Λᵀ, per level's k × k block (the Z part of L only; β's
 * uncertainty is not included, as in lme4).
 *
 * With L_Z = [[D, 0], [P, T]] (D: prefix blocks, P: sparse tail panels, T: dense tail terms),
 * L_Z⁻¹ = [[D⁻¹, 0], [−T⁻¹ P D⁻¹, T⁻¹]] and the block of (L_Z L_Zᵀ)⁻¹ for columns S is
 * ‖L_Z⁻¹ e_S‖². W = T⁻¹ is formed once; a prefix level's column of D⁻¹ lives on its nesting
 * chain only, and T⁻¹ P D⁻¹ e_S uses only the panel's (few) rows of W.
 */
import { invertLower } from "../../linalg";
import type { BlockedFactor } from "./blocked-factor";

/**
 * condsd[t][level·k + effect] per term (layout order), for the factor's current θ, given σ.
 * Call it right after factoring at the θ wanted. It consumes the factor: W = T⁻¹ is formed in
 * place and `ok` turns false, so L must be re-factored (update) before any other use.
 */
export function conditionalSds(f: BlockedFactor, sigma: number, method: "auto" | "solve" = "auto"): Float64Array[] {
  const { terms, m, prefix, xOff, nt, tailOff } = f.layout;
  f.invertTailRandomPart();
  const W = f.tailL; // leading dimension nt
  const out: Float64Array[] = terms.map((t) => new Float64Array(t.nl * t.k));
  const kmax = Math.max(1, ...terms.map((t) => t.k));
  const C = new Float64Array(kmax * kmax);
  const r = new Float64Array(Math.max(1, xOff * kmax));
  const w = new Float64Array(Math.max(1, xOff * kmax));
  const v: Float64Array[] = terms.slice(0, m).map(() => new Float64Array(kmax * kmax));
  const chain = new Int32Array(Math.max(1, m));
  const H = method === "auto" && quadraticFormWorthIt(f) ? gramOfInverse(W, nt, xOff) : null;
  for (let j = 0; j < m; j++) {
    const k = terms[j].k;
    for (let l = 0; l < terms[j].nl; l++) {
      C.fill(0);
      // v_j = D_jj[l]⁻¹ (k × k), then down the nesting chain.
      invertLower(f.diagL[j], k, k, l * k * k, v[j]);
      chain[j] = l;
      addGram(C, v[j], k, k);
      for (let i = j + 1; i < m; i++) {
        const ki = terms[i].k;
        chain[i] = prefix[j].parent[i - j - 1][l];
        const vi = v[i];
        vi.fill(0, 0, ki * k);
        for (let h = j; h < i; h++) {
          const kh = terms[h].k;
          const B = f.offL[h][i - h - 1];
          const bOff = chain[h] * ki * kh;
          for (let c = 0; c < k; c++) {
            for (let a = 0; a < ki; a++) {
              let s = 0;
              for (let e = 0; e < kh; e++) s += B[bOff + a + e * ki] * v[h][e + c * kh];
              vi[a + c * ki] -= s;
            }
          }
        }
        // solve D_ii[chain] x = vi for each column
        const D = f.diagL[i];
        const dOff = chain[i] * ki * ki;
        for (let c = 0; c < k; c++) {
          for (let a = 0; a < ki; a++) {
            let s = vi[a + c * ki];
            for (let e = 0; e < a; e++) s -= D[dOff + a + e * ki] * vi[e + c * ki];
            vi[a + c * ki] = s / D[dOff + a + a * ki];
          }
        }
        addGram(C, vi, ki, k);
      }
      if (H) C[0] += tailQuadratic(f, l, v[0][0], H);
      else if (xOff > 0) tailPart(f, j, k, chain, v, W, nt, r, w, C);
      writeSd(out[j], l, k, f.lambda[j], C, sigma);
    }
  }
  for (let t = m; t < terms.length; t++) {
    const k = terms[t].k;
    for (let l = 0; l < terms[t].nl; l++) {
      const g = tailOff[t - m] + l * k;
      C.fill(0);
      for (let c = 0; c < k; c++) {
        for (let b = 0; b <= c; b++) {
          let s = 0;
          for (let i = g + c; i < xOff; i++) s += W[i + (g + b) * nt] * W[i + (g + c) * nt];
          C[b + c * k] = s;
          C[c + b * k] = s;
        }
      }
      writeSd(out[t], l, k, f.lambda[t], C, sigma);
    }
  }
  return out;
}

/**
 * One scalar prefix term with long panels (a factor with many levels crossed with a large tail
 * term: 10 million rows, 50,000 × 1,000 levels): ‖W P_ℓ v‖² = v² P_ℓᵀ (WᵀW) P_ℓ over the panel's
 * random-effect rows costs cnt² per level instead of cnt·xOff, once H = WᵀW is formed (xOff³/6).
 */
function quadraticFormWorthIt(f: BlockedFactor): boolean {
  const { m, terms, prefix, xOff } = f.layout;
  if (m !== 1 || terms[0].k !== 1 || xOff === 0) return false;
  const { colPtr } = prefix[0];
  let solve = 0;
  let quadratic = (xOff * xOff * xOff) / 6;
  for (let l = 0; l < terms[0].nl; l++) {
    const cnt = colPtr[l + 1] - colPtr[l];
    solve += (cnt * xOff) / 2;
    quadratic += (cnt * cnt) / 2;
  }
  return 2 * quadratic < solve;
}

/** H = WᵀW for W lower triangular (xOff × xOff, leading dimension ld); H's lower triangle row by row (H[a·xOff + b], b ≤ a). */
function gramOfInverse(W: Float64Array, ld: number, xOff: number): Float64Array {
  const H = new Float64Array(xOff * xOff);
  for (let a = 0; a < xOff; a++) {
    const ca = a * ld;
    for (let b = 0; b <= a; b++) {
      const cb = b * ld;
      let s = 0;
      for (let i = a; i < xOff; i++) s += W[ca + i] * W[cb + i];
      H[a * xOff + b] = s;
    }
  }
  return H;
}

/** v² P_ℓᵀ H P_ℓ over level ℓ's random-effect rows (its panel's rows below xOff, ascending). */
function tailQuadratic(f: BlockedFactor, l: number, v: number, H: Float64Array): number {
  const { prefix, xOff } = f.layout;
  const { colPtr, rowIdx } = prefix[0];
  const P = f.panelL[0];
  const base = colPtr[l];
  const end = colPtr[l + 1];
  let total = 0;
  for (let a = base; a < end; a++) {
    const ra = rowIdx[a];
    if (ra >= xOff) break;
    const row = ra * xOff;
    let s = 0;
    for (let b = base; b < a; b++) s += P[b] * H[row + rowIdx[b]];
    total += P[a] * (P[a] * H[row + ra] + 2 * s);
  }
  return v * v * total;
}

/** C (k × k) += Vᵀ V for V (rows × k). */
function addGram(C: Float64Array, V: Float64Array, rows: number, k: number): void {
  for (let c = 0; c < k; c++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let a = 0; a < rows; a++) s += V[a + b * rows] * V[a + c * rows];
      C[b + c * k] += s;
    }
  }
}

/** C += wᵀw where w = T⁻¹ Σ_h P_h[chain_h] v_h (the sign is irrelevant for the Gram matrix). */
function tailPart(
  f: BlockedFactor,
  j: number,
  k: number,
  chain: Int32Array,
  v: Float64Array[],
  W: Float64Array,
  ldW: number,
  r: Float64Array,
  w: Float64Array,
  C: Float64Array,
): void {
  const { terms, m, prefix, xOff } = f.layout;
  r.fill(0, 0, xOff * k);
  let minRow = xOff;
  for (let h = j; h < m; h++) {
    const kh = terms[h].k;
    const blk = prefix[h];
    const lv = chain[h];
    const base = blk.colPtr[lv];
    const cnt = blk.colPtr[lv + 1] - base;
    const P = f.panelL[h];
    for (let a = 0; a < cnt; a++) {
      const row = blk.rowIdx[base + a];
      if (row >= xOff) break;
      if (row < minRow) minRow = row;
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let e = 0; e < kh; e++) s += P[base * kh + a + e * cnt] * v[h][e + c * kh];
        r[row + c * xOff] += s;
      }
    }
  }
  if (minRow >= xOff) return;
  w.fill(0, 0, xOff * k);
  for (let c = 0; c < k; c++) {
    const rc = c * xOff;
    for (let col = minRow; col < xOff; col++) {
      const s = r[rc + col];
      if (s === 0) continue;
      const wc = col * ldW;
      for (let i = col; i < xOff; i++) w[rc + i] += W[wc + i] * s;
    }
  }
  for (let c = 0; c < k; c++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let i = minRow; i < xOff; i++) s += w[i + b * xOff] * w[i + c * xOff];
      C[b + c * k] += s;
    }
  }
}

/** sd of b = σ √diag(Λ C Λᵀ) for one level. */
function writeSd(out: Float64Array, l: number, k: number, lam: Float64Array, C: Float64Array, sigma: number): void {
  for (let a = 0; a < k; a++) {
    let s = 0;
    for (let e = 0; e <= a; e++) for (let g = 0; g <= a; g++) s += lam[a + e * k] * C[e + g * k] * lam[a + g * k];
    out[l * k + a] = sigma * Math.sqrt(Math.max(0, s));
  }
}
