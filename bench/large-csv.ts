/**
 * Issue 21's "ten million rows" shape, end to end as a user runs it: `mixwell fit` on a generated
 * CSV (y, x1–x3, g1 with 50,000 levels crossed with g2 with 1,000; bench/large-csv-data.ts),
 * whole process including reading the file, wall time and peak memory (GNU time's maximum
 * resident set size), against R's whole process on the same file (Rscript: read.csv + lme4::lmer
 * + summary), and `mixwell describe` (reading alone) against read.csv alone.
 * Target: under 60 s and under 4 GB at 10,000,000 rows.
 *
 * By default 1,000,000 rows (the file is ~37 MB; generated once into the temp folder and kept).
 * MIXWELL_BENCH_LARGE_ROWS=10000000 runs the 10-million-row file (~370 MB, several minutes);
 * MIXWELL_BENCH_LARGE_R=0 leaves R out (its fit at 10 million rows takes very long);
 * MIXWELL_BENCH_LARGE_RUNS sets the runs per measurement (median; default 3, 1 at 10M).
 * `npm run bench -- --only large-csv` runs this alone; --no-lme4 also leaves R out.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LARGE_FORMULA, largeCsv } from "./large-csv-data";
import { rPackageAvailable } from "./timing";

const root = join(import.meta.dirname, "..");
const rows = Number(process.env.MIXWELL_BENCH_LARGE_ROWS ?? 1_000_000);
const runs = Number(process.env.MIXWELL_BENCH_LARGE_RUNS ?? (rows > 2_000_000 ? 1 : 3));
const withR = process.env.MIXWELL_BENCH_LARGE_R !== "0" && !process.argv.includes("--no-lme4") && rPackageAvailable("lme4");
const gnuTime = existsSync("/usr/bin/time");

const R_FIT = String.raw`
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(lme4))
d <- read.csv(args[1], stringsAsFactors = TRUE)
m <- lmer(as.formula(args[2]), data = d, REML = TRUE)
invisible(capture.output(print(summary(m))))
`;
const R_READ = String.raw`
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = TRUE)
invisible(nrow(d))
`;

interface Run {
  readonly seconds: number;
  readonly peakMB: number | null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/** Median wall time and peak RSS (GNU time -v, when installed) of `runs` runs of a command. */
function measure(command: string, args: string[]): Run | string {
  const times: number[] = [];
  const peaks: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = gnuTime
      ? spawnSync("/usr/bin/time", ["-v", command, ...args], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 })
      : spawnSync(command, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 });
    if (r.error || r.status !== 0) return `failed: ${(r.stderr || String(r.error)).trim().split("\n").slice(-3).join(" ")}`;
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
    const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? "");
    if (peak) peaks.push(Number(peak[1]) / 1024);
  }
  return { seconds: median(times), peakMB: peaks.length > 0 ? median(peaks) : null };
}

const fmt = (r: Run | string) => (typeof r === "string" ? r : `${r.seconds.toFixed(2)} s, peak ${r.peakMB === null ? "?" : `${(r.peakMB / 1024).toFixed(2)} GB`}`);

const csv = largeCsv(rows);
const dir = mkdtempSync(join(tmpdir(), "mixwell-bench-large-"));
try {
  // Build first (a stale bundle would be rebuilt inside the first timed run).
  spawnSync("npm", ["run", "-s", "mixwell", "--", "--version"], { cwd: root });
  const cli = (command: string, extra: string[]) => measure("npm", ["run", "-s", "mixwell", "--", command, "--data", csv, ...extra]);
  const describe = cli("describe", []);
  const fit = cli("fit", ["--formula", LARGE_FORMULA, "--json"]);
  let rRead: Run | string = "not measured (MIXWELL_BENCH_LARGE_R=0, --no-lme4, or no Rscript with lme4)";
  let rFit: Run | string = rRead;
  if (withR) {
    const readScript = join(dir, "read.R");
    const fitScript = join(dir, "fit.R");
    writeFileSync(readScript, R_READ);
    writeFileSync(fitScript, R_FIT);
    rRead = measure("Rscript", [readScript, csv]);
    rFit = measure("Rscript", [fitScript, csv, LARGE_FORMULA]);
  }
  console.log("");
  console.log(`large-csv: ${LARGE_FORMULA} (REML) on ${rows.toLocaleString("en")} rows, g1 50,000 × g2 1,000 levels crossed; whole process, median of ${runs}`);
  console.log(`  Mixwell   describe (read the CSV)                                   ${fmt(describe)}`);
  console.log(`  R         read.csv                                                  ${fmt(rRead)}`);
  console.log(`  Mixwell   fit --json (read + fit + Satterthwaite df)                ${fmt(fit)}`);
  console.log(`  R         read.csv + lme4::lmer + summary                           ${fmt(rFit)}`);
  if (typeof fit !== "string" && typeof rFit !== "string") console.log(`  ratio     Mixwell / R = ${(fit.seconds / rFit.seconds).toFixed(3)}`);
  if (typeof fit !== "string" && rows >= 10_000_000) {
    const met = fit.seconds < 60 && (fit.peakMB === null || fit.peakMB < 4096);
    console.log(`  target    under 60 s and 4 GB at 10,000,000 rows: ${met ? "met" : "NOT met"}`);
  } else {
    console.log("  target    (60 s, 4 GB) is for 10,000,000 rows: MIXWELL_BENCH_LARGE_ROWS=10000000 npm run bench -- --only large-csv");
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
