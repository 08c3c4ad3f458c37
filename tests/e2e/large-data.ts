/** Data files for e2e tests that need a fit to take a while. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** A crossed design (120,000 rows, groups g and h) large enough that fitting random slopes takes several seconds. */
export function writeLargeCsv(dir: string): string {
  const lines = ["y,x,z,g,h"];
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < 120_000; i++) {
    const g = i % 400;
    const h = Math.floor(i / 7) % 300;
    const x = rand() * 10;
    const z = rand();
    const y = 2 + 0.5 * x + z + Math.sin(g) * (1 + 0.1 * x) + Math.cos(h) + rand() * 2;
    lines.push(`${y.toFixed(4)},${x.toFixed(4)},${z.toFixed(4)},g${g},h${h}`);
  }
  const file = join(dir, "large.csv");
  writeFileSync(file, lines.join("\n"));
  return file;
}
