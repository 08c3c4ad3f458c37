/**
 * The issue-21 "ten million rows" shape as a CSV file: y, three numeric predictors x1–x3 and two
 * crossed grouping factors, g1 with 50,000 levels ("s00001"…) and g2 with 1,000 ("i0001"…),
 * every row drawing both levels at random (so a level of g1 meets about rows/50,000 levels of
 * g2: ~20 at 1M rows, ~180 at 10M). Written straight as bytes (a 10M-row file is ~450 MB) and
 * kept under the system temp folder between runs, keyed by rows and seed: writing it takes longer
 * than reading it. `tsx bench/large-csv-data.ts ROWS [PATH]` writes one by hand.
 */
import { closeSync, existsSync, openSync, renameSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prng } from "./data";

export const LARGE_G1_LEVELS = 50_000;
export const LARGE_G2_LEVELS = 1_000;
export const LARGE_FORMULA = "y ~ x1 + x2 + x3 + (1 | g1) + (1 | g2)";

/** Path of the cached file for this size (written when absent). */
export function largeCsv(rows: number, seed = 21): string {
  const path = join(tmpdir(), `mixwell-bench-large-${rows}-${seed}.csv`);
  if (!existsSync(path) || statSync(path).size === 0) writeLargeCsv(path, rows, seed);
  return path;
}

export function writeLargeCsv(path: string, rows: number, seed = 21): void {
  const rnd = prng(seed);
  const z = () => Math.sqrt(-2 * Math.log(Math.max(rnd(), 1e-300))) * Math.cos(2 * Math.PI * rnd());
  const u1 = Float64Array.from({ length: LARGE_G1_LEVELS }, () => 0.5 * z());
  const u2 = Float64Array.from({ length: LARGE_G2_LEVELS }, () => 0.3 * z());
  const g1Names = Array.from({ length: LARGE_G1_LEVELS }, (_, i) => `s${String(i + 1).padStart(5, "0")}`);
  const g2Names = Array.from({ length: LARGE_G2_LEVELS }, (_, i) => `i${String(i + 1).padStart(4, "0")}`);
  const tmp = `${path}.${process.pid}.part`;
  const fd = openSync(tmp, "w");
  try {
    const chunkRows = 100_000;
    writeSync(fd, "y,x1,x2,x3,g1,g2\n");
    for (let start = 0; start < rows; start += chunkRows) {
      const parts: string[] = [];
      for (let r = start; r < Math.min(rows, start + chunkRows); r++) {
        const x1 = z(), x2 = z(), x3 = rnd() * 10;
        const a = Math.floor(rnd() * LARGE_G1_LEVELS), b = Math.floor(rnd() * LARGE_G2_LEVELS);
        const y = 5 + 0.4 * x1 - 0.25 * x2 + 0.05 * x3 + u1[a]! + u2[b]! + z();
        parts.push(`${y.toFixed(3)},${x1.toFixed(3)},${x2.toFixed(3)},${x3.toFixed(2)},${g1Names[a]},${g2Names[b]}\n`);
      }
      writeSync(fd, parts.join(""));
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const path = process.argv[3];
  if (path) writeLargeCsv(path, rows);
  console.log(path ?? largeCsv(rows));
}
