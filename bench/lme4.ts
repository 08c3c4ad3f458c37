/**
 * Times lme4 on the same data, where Rscript with lme4 is installed: writes the data as CSV to a
 * temporary folder and runs lmer() there, reporting the fit time (not the CSV reading) and the
 * optimum so the two fits can be compared; optionally also lmerTest's fit + summary + anova, the
 * counterpart of Mixwell's whole fit with inference.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataTable } from "../app/data";
import { toCsv } from "./data";

export interface Lme4Timing {
  /** Seconds per fit (median over `reps` when reps > 1). */
  readonly seconds: number;
  /** CPU seconds (user + system, all threads of R, so OpenBLAS's too) per fit: less noisy than wall time on a shared machine, but not a like-for-like comparison where R uses two cores. */
  readonly cpuSeconds?: number;
  readonly objective: number;
  readonly theta: number[];
  readonly evaluations: number;
  /** lmerTest::lmer + summary + anova (Satterthwaite), seconds, when asked for; −1 otherwise. */
  readonly wholeSeconds?: number;
  readonly wholeCpuSeconds?: number;
}

const SCRIPT = String.raw`
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(lme4))
d <- read.csv(args[1], stringsAsFactors = TRUE)
for (v in strsplit(args[5], ",")[[1]]) if (nzchar(v)) d[[v]] <- factor(d[[v]])
reml <- args[3] == "REML"; reps <- as.integer(args[4])
f <- as.formula(args[2])
fm <- lmer(f, d, REML = reml)
times <- numeric(reps)
cpu <- numeric(reps)
for (i in seq_len(reps)) {
  st <- system.time(fm <- lmer(f, d, REML = reml))
  times[i] <- st[["elapsed"]]
  cpu[i] <- st[["user.self"]] + st[["sys.self"]]
}
obj <- if (reml) fm@devcomp$cmp[["REML"]] else deviance(fm)
whole <- -1
wholeCpu <- -1
if (args[6] == "whole" && requireNamespace("lmerTest", quietly = TRUE)) {
  # What Mixwell's fit shows by default: the fit, Satterthwaite t tests and the type III ANOVA.
  st <- system.time({ ft <- lmerTest::lmer(f, d, REML = reml); s <- summary(ft); a <- anova(ft) })
  whole <- st[["elapsed"]]
  wholeCpu <- st[["user.self"]] + st[["sys.self"]]
}
cat(sprintf('{"seconds": %.6f, "cpuSeconds": %.6f, "objective": %.10f, "theta": [%s], "evaluations": %d, "wholeSeconds": %.6f, "wholeCpuSeconds": %.6f}\n',
  median(times), median(cpu), obj, paste(sprintf("%.10f", getME(fm, "theta")), collapse = ","), fm@optinfo$feval, whole, wholeCpu))
`;

export function lme4Available(): boolean {
  const r = spawnSync("Rscript", ["-e", "suppressMessages(library(lme4))"], { encoding: "utf8" });
  return r.status === 0;
}

/**
 * Fit with lme4 `reps` times after one warm-up fit. `factors` names numeric columns to turn into
 * factors (none of the benchmark tables need it: their factor labels are text).
 */
export function timeLme4(
  table: DataTable,
  formula: string,
  reml: boolean,
  reps: number,
  timeoutMs: number,
  factors: string[] = [],
  whole = false,
): Lme4Timing | string {
  const dir = mkdtempSync(join(tmpdir(), "mixwell-bench-"));
  try {
    const csv = join(dir, "data.csv");
    const script = join(dir, "fit.R");
    writeFileSync(csv, toCsv(table));
    writeFileSync(script, SCRIPT);
    const r = spawnSync("Rscript", [script, csv, formula, reml ? "REML" : "ML", String(reps), factors.join(","), whole ? "whole" : "fit"], {
      encoding: "utf8",
      timeout: timeoutMs,
      maxBuffer: 1 << 24,
    });
    if (r.status !== 0) return `lme4 failed or timed out: ${(r.stderr || r.error?.message || "").trim().split("\n").slice(-2).join(" ")}`;
    const line = r.stdout.trim().split("\n").pop() ?? "";
    return JSON.parse(line) as Lme4Timing;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
