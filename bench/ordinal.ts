/**
 * Ordinal benchmark (issue 18): Likert answers (5 categories) of 200 subjects × 25 items crossed
 * (5,000 rows), answer ~ x + cond + (1 | subject) + (1 | item), cumulative logit, Laplace, fitted
 * as ordinal::clmm. Synthetic and seeded; where Rscript with ordinal is installed, clmm() is timed
 * on the identical CSV in the same run (its fit including the Hessian for the SEs, as ours).
 * Target: no slower than clmm.
 *   tsx bench/ordinal.ts ordinal-crossed [--no-lme4]   → one JSON line (LmmBenchResult's shape).
 */
import type { DataTable } from "../app/data";
import { runOrdinalFit } from "../app/engine/ordinal";
import { prng } from "./data";
import { medianOfThree, peakRssMB, rPackageAvailable, timeRScript } from "./timing";
import type { Lme4Timing } from "./lme4";
import type { LmmBenchResult } from "./lmm";

export const ORDINAL_BENCHMARKS = ["ordinal-crossed"] as const;

const FORMULA = "answer ~ x + cond + (1 | subject) + (1 | item)";
const LEVELS = ["never", "rarely", "sometimes", "often", "always"];

function gaussian(rnd: () => number): number {
  const u = Math.max(rnd(), 1e-300);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

export function likertCrossed(seed = 18_2026, subjects = 200, items = 25): DataTable {
  const rnd = prng(seed);
  const n = subjects * items;
  const us = Array.from({ length: subjects }, () => 0.9 * gaussian(rnd));
  const ui = Array.from({ length: items }, () => 0.5 * gaussian(rnd));
  const cuts = [-1.6, -0.4, 0.7, 1.9];
  const subject = new Int32Array(n);
  const item = new Int32Array(n);
  const cond = new Int32Array(n);
  const x = new Float64Array(n);
  const answer = new Int32Array(n);
  for (let s = 0; s < subjects; s++) {
    for (let i = 0; i < items; i++) {
      const r = s * items + i;
      subject[r] = s;
      item[r] = i;
      x[r] = Math.round(gaussian(rnd) * 1000) / 1000;
      cond[r] = Math.floor(rnd() * 3);
      const u = Math.min(Math.max(rnd(), 1e-12), 1 - 1e-12);
      const latent = 0.6 * x[r] + [0, 0.5, -0.4][cond[r]] + us[s] + ui[i] + Math.log(u / (1 - u));
      answer[r] = cuts.filter((c) => latent > c).length;
    }
  }
  return {
    nrow: n,
    columns: [
      { kind: "categorical", name: "subject", codes: subject, levels: Array.from({ length: subjects }, (_, s) => `s${String(s + 1).padStart(3, "0")}`) },
      { kind: "categorical", name: "item", codes: item, levels: Array.from({ length: items }, (_, i) => `i${String(i + 1).padStart(2, "0")}`) },
      { kind: "number", name: "x", values: x },
      { kind: "categorical", name: "cond", codes: cond, levels: ["a", "b", "c"] },
      { kind: "categorical", name: "answer", codes: answer, levels: LEVELS },
    ],
  };
}

const R_SCRIPT = String.raw`
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(ordinal))
d <- read.csv(args[1], stringsAsFactors = TRUE)
d$answer <- factor(d$answer, levels = c("never", "rarely", "sometimes", "often", "always"), ordered = TRUE)
st <- system.time(fm <- clmm(answer ~ x + cond + (1 | subject) + (1 | item), data = d))
cat(sprintf('{"seconds": %.6f, "cpuSeconds": %.6f, "objective": %.10f, "theta": [%.10f, %.10f], "evaluations": %d}\n',
  st[["elapsed"]], st[["user.self"]] + st[["sys.self"]], -2 * as.numeric(logLik(fm)), fm$ST[[1]][1, 1], fm$ST[[2]][1, 1], as.integer(fm$neval)))
`;

export function runOrdinalBenchmark(name: string, withR: boolean): LmmBenchResult {
  if (name !== "ordinal-crossed") throw new Error(`Unknown benchmark '${name}'`);
  const table = likertCrossed();
  const fitOnce = () => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const fit = runOrdinalFit(table, { formula: FORMULA });
    const cpu = process.cpuUsage(c0);
    return { fit, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  };
  const mid = medianOfThree(fitOnce);
  const clmm = withR ? timeRScript<Lme4Timing>(table, R_SCRIPT, [], "clmm") : null;
  const sds = mid.fit.varcorr.filter((v) => v.kind === "variance").map((v) => v.sd ?? NaN);
  return {
    name,
    description: `ordinal (clmm), ${FORMULA}, cumulative logit, Laplace, 5,000 rows (200 subjects × 25 items crossed), 5 categories; whole fit with SEs, median of 3; baseline ordinal::clmm (shown as lme4)`,
    seconds: mid.seconds,
    frameSeconds: 0,
    cpuSeconds: mid.cpuSeconds,
    evaluations: mid.fit.evaluations,
    objective: -2 * mid.fit.logLik,
    theta: sds,
    peakRssMB: peakRssMB(),
    lme4: clmm,
    target: "no slower than clmm",
    pass: clmm && typeof clmm !== "string" ? mid.seconds <= clmm.seconds : null,
  };
}

if (process.argv[1] && /bench[/\\]ordinal\.ts$/.test(process.argv[1])) {
  const name = process.argv[2] ?? "ordinal-crossed";
  const withR = !process.argv.includes("--no-lme4") && rPackageAvailable("ordinal");
  console.log(JSON.stringify(runOrdinalBenchmark(name, withR)));
}
