/**
 * BOBYQA's UPDATE (Powell 2009, §4; Powell 2006 NEWUOA eq. 4.11): updates BMAT and ZMAT for
 * the new position of interpolation point KNEW. VLAG holds Hw (first NPT and last N components),
 * BETA and DENOM the parameters of the updating formula. Indices are Powell's (1-based).
 */
export function update(
  n: number,
  npt: number,
  bmat: Float64Array,
  zmat: Float64Array,
  ndim: number,
  vlag: Float64Array,
  beta: number,
  denom: number,
  knew: number,
  w: Float64Array,
): void {
  const nptm = npt - n - 1;
  // Elements of ZMAT whose moduli are at most ZTEST are treated as zero.
  let ztest = 0;
  for (let k = 1; k <= npt; ++k) {
    for (let j = 1; j <= nptm; ++j) ztest = Math.max(ztest, Math.abs(zmat[k + j * npt]));
  }
  ztest *= 1e-20;

  // Apply the rotations that put zeros in the KNEW-th row of ZMAT.
  for (let j = 2; j <= nptm; ++j) {
    const zkj = zmat[knew + j * npt];
    if (Math.abs(zkj) > ztest) {
      const zk1 = zmat[knew + npt];
      const r = Math.sqrt(zk1 * zk1 + zkj * zkj);
      const tempa = zk1 / r;
      const tempb = zkj / r;
      for (let i = 1; i <= npt; ++i) {
        const t = tempa * zmat[i + npt] + tempb * zmat[i + j * npt];
        zmat[i + j * npt] = tempa * zmat[i + j * npt] - tempb * zmat[i + npt];
        zmat[i + npt] = t;
      }
    }
    zmat[knew + j * npt] = 0;
  }

  // The first NPT components of the KNEW-th column of HLAG go into W.
  for (let i = 1; i <= npt; ++i) w[i] = zmat[knew + npt] * zmat[i + npt];
  const alpha = w[knew];
  const tau = vlag[knew];
  vlag[knew] = vlag[knew] - 1;

  // Complete the updating of ZMAT.
  const sq = Math.sqrt(denom);
  const tb = zmat[knew + npt] / sq;
  const ta = tau / sq;
  for (let i = 1; i <= npt; ++i) zmat[i + npt] = ta * zmat[i + npt] - tb * vlag[i];

  // Finally, update the matrix BMAT.
  for (let j = 1; j <= n; ++j) {
    const jp = npt + j;
    w[jp] = bmat[knew + j * ndim];
    const tempa = (alpha * vlag[jp] - tau * w[jp]) / denom;
    const tempb = (-beta * w[jp] - tau * vlag[jp]) / denom;
    for (let i = 1; i <= jp; ++i) {
      bmat[i + j * ndim] = bmat[i + j * ndim] + tempa * vlag[i] + tempb * w[i];
      if (i > npt) bmat[jp + (i - npt) * ndim] = bmat[i + j * ndim];
    }
  }
}
