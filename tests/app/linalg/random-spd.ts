/** Deterministic random SPD matrix B Bᵀ / n + I (column-major, full), B from an LCG seeded by `seed`. */
export function randomSpd(n: number, seed: number): Float64Array {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) - 0.5;
  const B = Float64Array.from({ length: n * n }, rnd);
  const A = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let k = 0; k < n; k++) v += B[i + k * n] * B[j + k * n];
      A[i + j * n] = v / n + (i === j ? 1 : 0);
    }
  }
  return A;
}
