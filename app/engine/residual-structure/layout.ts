/**
 * The rows of a model frame rearranged for the residual-structure engine: sorted by the
 * random-effects group, then the correlation group, then time (as nlme's lme sorts its model
 * frame by groups), and stored row-major as [Z | X | y] so that one whitening pass over a
 * correlation group transforms all three at once.
 */
import type { ModelFrame } from "../model-frame";

export interface ResidualLayout {
  readonly n: number;
  /** Random effects per group (sum over the terms of the one grouping factor). */
  readonly q: number;
  readonly p: number;
  /** Row width q + p + 1. */
  readonly m: number;
  /** n × m row-major, sorted order: Z, X, y − offset. */
  readonly data: Float64Array;
  /** Time of each sorted row (0 where the structure needs none). */
  readonly time: Float64Array;
  /** Variance stratum of each sorted row (0 = reference level). */
  readonly stratum: Int32Array;
  readonly strata: readonly string[];
  /** Start of each correlation group in sorted order, and n at the end. */
  readonly segmentStart: Int32Array;
  /** Start of each random-effects group in sorted order, and n at the end. */
  readonly groupStart: Int32Array;
  /** Frame row of each sorted row. */
  readonly order: Int32Array;
}

export interface LayoutInput {
  readonly frame: ModelFrame;
  /** Random-effects level of each frame row. */
  readonly reLevel: Int32Array;
  /** Correlation-group code of each frame row (nested in reLevel), or null: the RE groups. */
  readonly corGroup: Int32Array | null;
  readonly time: Float64Array | null;
  /** Stratum code (into stratumLevels) of each frame row, or null for one stratum. */
  readonly stratum: Int32Array | null;
  readonly stratumLevels: readonly string[];
}

export function buildLayout(input: LayoutInput): ResidualLayout {
  const { frame, reLevel, corGroup, time } = input;
  const n = frame.n;
  const p = frame.fixed.p;
  const q = frame.random.reduce((s, t) => s + t.k, 0);
  const m = q + p + 1;
  const cg = corGroup ?? reLevel;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => reLevel[a] - reLevel[b] || cg[a] - cg[b] || (time ? time[a] - time[b] : 0) || a - b,
  );
  // nlme's order (by group, then data order) only matters for which variance stratum comes first
  const nlmeOrder = input.stratum
    ? Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => reLevel[a] - reLevel[b] || cg[a] - cg[b] || a - b)
    : order;
  const { recode, strata } = strataInNlmeOrder(input, nlmeOrder);
  const data = new Float64Array(n * m);
  const sortedTime = new Float64Array(n);
  const stratum = new Int32Array(n);
  for (let s = 0; s < n; ++s) {
    const r = order[s];
    let c = s * m;
    for (const term of frame.random) for (let j = 0; j < term.k; ++j) data[c++] = term.Z[r + j * n];
    for (let j = 0; j < p; ++j) data[c++] = frame.fixed.X[r + j * n];
    data[c] = frame.y[r] - (frame.offset ? frame.offset[r] : 0);
    sortedTime[s] = time ? time[r] : 0;
    stratum[s] = input.stratum ? recode[input.stratum[r]] : 0;
  }
  return {
    n, q, p, m, data, time: sortedTime, stratum, strata, order,
    segmentStart: starts(order, cg, reLevel),
    groupStart: starts(order, reLevel, reLevel),
  };
}

/** nlme's varIdent: levels in order of appearance in the group-sorted data; the first is the reference. */
function strataInNlmeOrder(input: LayoutInput, nlmeOrder: Int32Array): { recode: Int32Array; strata: string[] } {
  const recode = new Int32Array(input.stratumLevels.length).fill(-1);
  const strata: string[] = [];
  if (!input.stratum) return { recode, strata: ["(all)"] };
  for (const r of nlmeOrder) {
    const code = input.stratum[r];
    if (recode[code] < 0) {
      recode[code] = strata.length;
      strata.push(input.stratumLevels[code]);
    }
  }
  return { recode, strata };
}

function starts(order: Int32Array, key: Int32Array, outer: Int32Array): Int32Array {
  const out: number[] = [0];
  for (let s = 1; s < order.length; ++s) {
    const a = order[s - 1];
    const b = order[s];
    if (key[a] !== key[b] || outer[a] !== outer[b]) out.push(s);
  }
  out.push(order.length);
  return Int32Array.from(out);
}
