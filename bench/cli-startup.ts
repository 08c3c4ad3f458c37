/**
 * Start-up time of the command line as the README runs it (`npm run -s mixwell -- --version`,
 * which includes npm's own start and the staleness check of the bundle) and of the bundle alone
 * (`node dist/main/cli.js --version`), next to R's (`Rscript -e 'invisible(0)'`) and lmerTest's
 * (`Rscript -e 'library(lmerTest)'`), all measured in this run. Target: the README's command in
 * well under half a second on a warm machine (median of 10 runs after 2 warm-up runs).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const RUNS = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median wall time of a whole process, or a reason it could not run. */
function time(command: string, args: string[]): number | string {
  const once = () => {
    const start = process.hrtime.bigint();
    const r = spawnSync(command, args, { cwd: root, encoding: "utf8" });
    if (r.error || r.status !== 0) return null;
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  for (let i = 0; i < 2; i++) if (once() === null) return "did not run";
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(once() as number);
  return median(times);
}

const rows: Array<[string, number | string]> = [
  ["npm run -s mixwell -- --version", time("npm", ["run", "-s", "mixwell", "--", "--version"])],
  ["node dist/main/cli.js --version", time(process.execPath, [join(root, "dist/main/cli.js"), "--version"])],
  ["node -e 0 (Node.js alone)", time(process.execPath, ["-e", "0"])],
  ["Rscript -e 'invisible(0)'", time("Rscript", ["-e", "invisible(0)"])],
  ["Rscript -e 'library(lmerTest)'", time("Rscript", ["-e", "suppressMessages(library(lmerTest))"])],
];
console.log("");
console.log(`cli-startup: whole-process start-up, median of ${RUNS} runs`);
for (const [name, t] of rows) console.log(`  ${name.padEnd(34)} ${typeof t === "number" ? `${(t * 1000).toFixed(0)} ms` : t}`);
const readme = rows[0]![1];
console.log(`  target    README's command < 500 ms: ${typeof readme === "number" ? (readme < 0.5 ? "met" : "NOT met") : "not measured"}`);
