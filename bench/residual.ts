/**
 * Residual-structure benchmark (issue 20): a longitudinal data set of 10,000 subjects × 10
 * time points, y ~ time + x + (1 | subject) with AR(1) residuals within subjects (φ = 0.5),
 * fitted by REML as nlme::lme(y ~ time + x, random = ~ 1 | subject,
 * correlation = corAR1(form = ~ time | subject)). Synthetic and seeded; where Rscript with nlme
 * is installed, lme() is timed on the identical CSV in the same run (including its apVar, which
 * lme computes as part of the fit, as Mixwell computes intervals()' limits).
 * Target: at most a tenth of nlme's time.
 *   tsx bench/residual.ts ar1-longitudinal [--no-lme4]   → one JSON line (LmmBenchResult's shape).
 */
import type { DataTable } from "../app/data";
import { runResidualFit } from "../app/engine/residual-structure";
import { prng } from "./data";
import { medianOfThree, peakRssMB, rPackageAvailable, timeRScript } from "./timing";
import type { Lme4Timing } from "./lme4";
import type { LmmBenchResult } from "./lmm";

export const RESIDUAL_BENCHMARKS = ["ar1-longitudinal"] as const;

const FORMULA = "y ~ time + x + (1 | subject)";

function gaussian(rnd: () => number): number {
  const u = Math.max(rnd(), 1e-300);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

export function longitudinal(seed = 10_000_10, subjects = 10_000, times = 10): DataTable {
  const rnd = prng(seed);
  const n = subjects * times;
  const subject = new Int32Array(n);
  const time = new Float64Array(n);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const phi = 0.5;
  for (let s = 0; s < subjects; ++s) {
    const b = 1.5 * gaussian(rnd);
    let e = gaussian(rnd);
    for (let t = 0; t < times; ++t) {
      const r = s * times + t;
      if (t > 0) e = phi * e + Math.sqrt(1 - phi * phi) * gaussian(rnd);
      subject[r] = s;
      time[r] = t + 1;
      x[r] = Math.round(gaussian(rnd) * 1000) / 1000;
      y[r] = Math.round((20 + 0.4 * (t + 1) + 0.8 * x[r] + b + 2 * e) * 1000) / 1000;
    }
  }
  const levels = Array.from({ length: subjects }, (_, s) => `S${String(s + 1).padStart(5, "0")}`);
  return {
    nrow: n,
    columns: [
      { kind: "categorical", name: "subject", codes: subject, levels },
      { kind: "number", name: "time", values: time },
      { kind: "number", name: "x", values: x },
      { kind: "number", name: "y", values: y },
    ],
  };
}

const R_SCRIPT = String.raw`
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(nlme))
d <- read.csv(args[1], stringsAsFactors = TRUE)
st <- system.time(fm <- lme(y ~ time + x, random = ~ 1 | subject, correlation = corAR1(form = ~ time | subject), data = d, method = "REML"))
cat(sprintf('{"seconds": %.6f, "cpuSeconds": %.6f, "objective": %.10f, "theta": [%.10f], "evaluations": %d}\n',
  st[["elapsed"]], st[["user.self"]] + st[["sys.self"]], -2 * as.numeric(logLik(fm)), coef(fm$modelStruct$corStruct, unconstrained = FALSE), 0L))
`;

export function runResidualBenchmark(name: string, withNlme: boolean): LmmBenchResult {
  if (name !== "ar1-longitudinal") throw new Error(`Unknown benchmark '${name}'`);
  const table = longitudinal();
  const fitOnce = () => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const fit = runResidualFit(table, { formula: FORMULA, residual: { correlation: "ar1", time: "time" } });
    const cpu = process.cpuUsage(c0);
    return { fit, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  };
  const mid = medianOfThree(fitOnce, true); // after a warm-up (JIT)
  const nlme = withNlme ? timeRScript<Lme4Timing>(table, R_SCRIPT, [], "nlme") : null;
  return {
    name,
    description: `longitudinal AR(1), ${FORMULA} with corAR1(form = ~ time | subject), 100,000 rows (10,000 subjects × 10 times), REML; whole fit with intervals' limits, median of 3 after warm-up; baseline nlme::lme (shown as lme4)`,
    seconds: mid.seconds,
    frameSeconds: 0,
    cpuSeconds: mid.cpuSeconds,
    evaluations: mid.fit.evaluations,
    objective: -2 * mid.fit.logLik,
    theta: [mid.fit.correlation?.parameter ?? NaN],
    peakRssMB: peakRssMB(),
    lme4: nlme,
    target: "at most a tenth of nlme's time",
    pass: nlme && typeof nlme !== "string" ? mid.seconds <= nlme.seconds / 10 : null,
  };
}

if (process.argv[1] && /bench[/\\]residual\.ts$/.test(process.argv[1])) {
  const name = process.argv[2] ?? "ar1-longitudinal";
  const withNlme = !process.argv.includes("--no-lme4") && rPackageAvailable("nlme");
  console.log(JSON.stringify(runResidualBenchmark(name, withNlme)));
}
