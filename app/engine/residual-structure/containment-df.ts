/**
 * nlme's containment degrees of freedom for the fixed effects with one level of grouping
 * (nlme's getFixDF, Pinheiro & Bates 2000, §2.4.2): a column of X that varies within some
 * group is estimated in the "Residual" stratum (N − M − its columns there), else in the group
 * stratum (M − 1 − its columns there); the intercept gets the larger. Terms likewise, by their
 * columns' highest stratum.
 */
export interface ContainmentDf {
  /** Per column of X. */
  readonly columns: Float64Array;
  /** Per term label (assign index). */
  readonly terms: Float64Array;
}

/** X column-major n × p on the data sorted by group; groupStart as in the layout; assign per column. */
export function containmentDf(
  X: (row: number, col: number) => number,
  p: number,
  groupStart: Int32Array,
  assign: Int32Array,
  nTerms: number,
): ContainmentDf {
  const n = groupStart[groupStart.length - 1];
  const groups = groupStart.length - 1;
  const isConst = new Array<boolean>(p);
  const stratum = new Int32Array(p); // 0 = group, 1 = Residual
  for (let j = 0; j < p; ++j) {
    const first = X(0, j);
    let constant = true;
    for (let s = 1; s < n && constant; ++s) {
      const v = X(s, j);
      constant = Math.abs(first === 0 ? v : v / first - 1) < 1.4901161193847656e-8;
    }
    isConst[j] = constant;
    for (let g = 0; g < groups && stratum[j] === 0; ++g) {
      const v0 = X(groupStart[g], j);
      for (let s = groupStart[g] + 1; s < groupStart[g + 1]; ++s) {
        if (X(s, j) !== v0) {
          stratum[j] = 1;
          break;
        }
      }
    }
  }
  const hasIntercept = isConst.some((c) => c);
  const dfX = [groups, n - groups];
  for (let j = 0; j < p; ++j) if (!isConst[j]) dfX[stratum[j]] -= 1;
  if (hasIntercept) dfX[0] -= 1;
  else dfX[1] += 1;
  const columns = new Float64Array(p);
  for (let j = 0; j < p; ++j) columns[j] = isConst[j] ? Math.max(...dfX) : dfX[stratum[j]];

  const termNotInt = new Array<boolean>(nTerms).fill(false);
  const termStratum = new Int32Array(nTerms);
  const termSize = new Int32Array(nTerms);
  for (let j = 0; j < p; ++j) {
    const t = assign[j];
    termSize[t] += 1;
    if (!isConst[j]) termNotInt[t] = true;
    termStratum[t] = Math.max(termStratum[t], stratum[j]);
  }
  const dfT = [groups, n - groups];
  for (let t = 0; t < nTerms; ++t) if (termNotInt[t]) dfT[termStratum[t]] -= termSize[t];
  const anyIntTerm = termNotInt.some((x, t) => !x && termSize[t] > 0);
  if (anyIntTerm) dfT[0] -= 1;
  else dfT[1] += 1;
  const terms = new Float64Array(nTerms);
  for (let t = 0; t < nTerms; ++t) terms[t] = termNotInt[t] ? dfT[termStratum[t]] : Math.max(...dfT);
  return { columns, terms };
}
