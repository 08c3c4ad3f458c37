/** Eigenvalues of a small symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan, §8.5). */
export function symmetricEigenvalues(S: Float64Array, n: number): number[] {
  const a = Float64Array.from(S);
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let j = 0; j < n; j++) for (let i = 0; i < j; i++) off += a[i + j * n] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p + q * n];
        if (apq === 0) continue;
        const theta = (a[q + q * n] - a[p + p * n]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k + p * n];
          const akq = a[k + q * n];
          a[k + p * n] = c * akp - s * akq;
          a[k + q * n] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p + k * n];
          const aqk = a[q + k * n];
          a[p + k * n] = c * apk - s * aqk;
          a[q + k * n] = s * apk + c * aqk;
        }
      }
    }
  }
  return Array.from({ length: n }, (_, i) => a[i + i * n]);
}
