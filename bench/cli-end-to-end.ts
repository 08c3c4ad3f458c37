/**
 * End to end, as a user runs it: the README's CLI command on an InstEval-shaped CSV (73,421 rows;
 * fit by ML with Satterthwaite df and the type III ANOVA), whole process, against R's whole
 * process doing the same (Rscript: read.csv + lmerTest::lmer + summary + anova), both on the same
 * file in this run. Median of 3 runs each. Issue 21's target: at most one quarter of R's time.
 * Then the same command with profile intervals (--profile-ci, lme4's method), one run each on one
 * and on two threads (MIXWELL_PROFILE_THREADS): issue 21's target is under 30 s.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { instEvalShaped, toCsv } from "./data";

const root = join(import.meta.dirname, "..");
const RUNS = 3;
const FORMULA = "y ~ service + (1 | s) + (1 | d) + (1 | dept)";
const FACTORS = ["s", "d", "dept", "service"];

const R_SCRIPT = String.raw`
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(lmerTest))
d <- read.csv(args[1])
for (v in strsplit(args[2], ",")[[1]]) d[[v]] <- factor(d[[v]])
m <- lmer(as.formula(args[3]), data = d, REML = FALSE)
invisible(capture.output(print(summary(m)), print(anova(m))))
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

function timeProcess(command: string, args: string[], runs = RUNS, env: NodeJS.ProcessEnv = process.env): number | string {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(command, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 26, env });
    if (r.error || r.status !== 0) return `failed: ${(r.stderr || String(r.error)).trim().split("\n").slice(-2).join(" ")}`;
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return median(times);
}

const dir = mkdtempSync(join(tmpdir(), "mixwell-bench-e2e-"));
try {
  const data = instEvalShaped();
  const csv = join(dir, "insteval.csv");
  writeFileSync(csv, toCsv(data.table));
  const script = join(dir, "fit.R");
  writeFileSync(script, R_SCRIPT);
  // Build first (a stale bundle would be rebuilt inside the first timed run).
  spawnSync("npm", ["run", "-s", "mixwell", "--", "--version"], { cwd: root });
  const mixwell = timeProcess("npm", [
    "run", "-s", "mixwell", "--", "fit", "--data", csv, "--formula", FORMULA, "--ml", "--categorical", FACTORS.join(","), "--json",
  ]);
  const r = timeProcess("Rscript", [script, csv, FACTORS.join(","), FORMULA]);
  const fmt = (t: number | string) => (typeof t === "number" ? `${t.toFixed(2)} s` : t);
  console.log("");
  console.log(`cli-end-to-end: ${FORMULA} (ML) on an InstEval-shaped CSV, 73,421 rows, whole process, median of ${RUNS}`);
  console.log(`  Mixwell   npm run -s mixwell -- fit … --json (Satterthwaite df, ANOVA)   ${fmt(mixwell)}`);
  console.log(`  R         Rscript: read.csv + lmerTest::lmer + summary + anova           ${fmt(r)}`);
  if (typeof mixwell === "number" && typeof r === "number") {
    const ratio = mixwell / r;
    console.log(`  ratio     ${ratio.toFixed(3)}; target ≤ 0.25: ${ratio <= 0.25 ? "met" : "NOT met"}`);
  }
  const profile = (threads: number) =>
    timeProcess("npm", ["run", "-s", "mixwell", "--", "fit", "--data", csv, "--formula", FORMULA, "--ml", "--categorical", FACTORS.join(","), "--profile-ci", "--json"], 1, {
      ...process.env,
      MIXWELL_PROFILE_THREADS: String(threads),
    });
  const one = profile(1);
  const two = profile(2);
  console.log(`  profile   … --profile-ci (whole process), 1 thread ${fmt(one)}, 2 threads ${fmt(two)}${typeof one === "number" && typeof two === "number" ? `, speed-up ${(one / two).toFixed(2)}×` : ""}`);
  if (typeof two === "number") console.log(`            target < 30 s: ${two < 30 ? "met" : "NOT met"}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
