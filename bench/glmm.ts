/**
 * GLMM benchmark: a VerbAgg-shaped binomial model (lme4's VerbAgg: 7,584 binary responses of
 * 316 subjects to 24 items; r2 ~ Anger + Gender + btype + (1 | id) + (1 | item), glmer's
 * Laplace fit). The data are synthetic and seeded (same shape, effects near VerbAgg's
 * estimates), so the benchmark needs no R; where Rscript with lme4 is installed, glmer is timed
 * on the identical CSV in the same run. Target (issue 21): at most a quarter of glmer's time, at
 * the same optimum (−2·logLik within 1e-6 of glmer's).
 *   tsx bench/glmm.ts verbagg [--no-lme4]   → prints one JSON line (LmmBenchResult's shape).
 */
import type { Column, DataTable } from "../app/data";
import { fitGlmm } from "../app/engine/glmm";
import { buildModelFrame } from "../app/engine/model-frame";
import { parseFormula } from "../app/formula";
import { prng } from "./data";
import { medianOfThree, peakRssMB, timeRScript } from "./timing";
import { lme4Available, type Lme4Timing } from "./lme4";
import type { LmmBenchResult } from "./lmm";

export const GLMM_BENCHMARKS = ["verbagg"] as const;

const FORMULA = "r2 ~ Anger + Gender + btype + (1 | id) + (1 | item)";

function gaussian(rnd: () => number): number {
  const u = Math.max(rnd(), 1e-300);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

function factor(name: string, codes: Int32Array, levels: string[]): Column {
  return { kind: "categorical", name, codes, levels };
}

/** 316 subjects × 24 items; subject sd 1.34, item sd 0.73, VerbAgg-like fixed effects. */
export function verbAggShaped(seed = 316_24): DataTable {
  const rnd = prng(seed);
  const nSubj = 316;
  const nItem = 24;
  const n = nSubj * nItem;
  const subjEffect = Float64Array.from({ length: nSubj }, () => 1.34 * gaussian(rnd));
  const itemEffect = Float64Array.from({ length: nItem }, () => 0.73 * gaussian(rnd));
  const anger = Float64Array.from({ length: nSubj }, () => Math.min(39, Math.max(11, Math.round(20 + 4.9 * gaussian(rnd)))));
  const male = Int32Array.from({ length: nSubj }, () => (rnd() < 0.23 ? 1 : 0));
  const id = new Int32Array(n);
  const item = new Int32Array(n);
  const btype = new Int32Array(n);
  const gender = new Int32Array(n);
  const angerCol = new Float64Array(n);
  const r2 = new Int32Array(n);
  const beta = { intercept: -0.33, anger: 0.057, male: 0.32, scold: -1.06, shout: -2.11 };
  for (let i = 0; i < nItem; i++) {
    for (let s = 0; s < nSubj; s++) {
      const r = i * nSubj + s;
      id[r] = s;
      item[r] = i;
      btype[r] = i % 3; // curse, scold, shout
      gender[r] = male[s];
      angerCol[r] = anger[s];
      const eta =
        beta.intercept + beta.anger * anger[s] + beta.male * male[s] + (btype[r] === 1 ? beta.scold : btype[r] === 2 ? beta.shout : 0) + subjEffect[s] + itemEffect[i];
      r2[r] = rnd() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    }
  }
  const subjLevels = Array.from({ length: nSubj }, (_, s) => `S${String(s + 1).padStart(3, "0")}`);
  const itemLevels = Array.from({ length: nItem }, (_, i) => `I${String(i + 1).padStart(2, "0")}`);
  return {
    nrow: n,
    columns: [
      { kind: "number", name: "Anger", values: angerCol },
      factor("Gender", gender, ["F", "M"]),
      factor("btype", btype, ["curse", "scold", "shout"]),
      factor("id", id, subjLevels),
      factor("item", item, itemLevels),
      factor("r2", r2, ["N", "Y"]),
    ],
  };
}

const R_SCRIPT = String.raw`
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(lme4))
d <- read.csv(args[1], stringsAsFactors = TRUE)
f <- as.formula(args[2]); reps <- as.integer(args[3])
fm <- glmer(f, d, family = binomial)
times <- numeric(reps)
for (i in seq_len(reps)) times[i] <- system.time(fm <- glmer(f, d, family = binomial))[["elapsed"]]
cat(sprintf('{"seconds": %.6f, "objective": %.10f, "theta": [%s], "evaluations": %d}\n',
  median(times), -2 * as.numeric(logLik(fm)), paste(sprintf("%.10f", getME(fm, "theta")), collapse = ","), fm@optinfo$feval))
`;

export function runGlmmBenchmark(name: string, withLme4: boolean): LmmBenchResult {
  if (name !== "verbagg") throw new Error(`Unknown benchmark '${name}'`);
  const table = verbAggShaped();
  const fitOnce = () => {
    const t0 = performance.now();
    const frame = buildModelFrame(table, parseFormula(FORMULA), { family: "binomial" });
    const t1 = performance.now();
    const fit = fitGlmm(frame, { family: "binomial", formula: FORMULA });
    return { fit, frameSeconds: (t1 - t0) / 1000, seconds: (performance.now() - t1) / 1000 };
  };
  const mid = medianOfThree(fitOnce, true); // after a warm-up (JIT), as lme4 gets one too
  const lme4 = withLme4 ? timeRScript<Lme4Timing>(table, R_SCRIPT, [FORMULA, "3"], "glmer", 600_000) : null;
  return {
    name,
    description: `VerbAgg-shaped binomial GLMM, ${FORMULA}, 7,584 rows (316 × 24 crossed), Laplace; median of 3 fits after warm-up`,
    seconds: mid.seconds,
    frameSeconds: mid.frameSeconds,
    evaluations: mid.fit.optimizer.evaluations,
    objective: mid.fit.minus2LogLik,
    theta: [...mid.fit.theta],
    peakRssMB: peakRssMB(),
    lme4,
    target: "at most 1/4 of glmer's time, objective within 1e-6 of glmer's",
    pass: lme4 && typeof lme4 !== "string" ? mid.seconds <= lme4.seconds / 4 && Math.abs(mid.fit.minus2LogLik - lme4.objective) <= 1e-6 : null,
  };
}

if (process.argv[1] && /bench[/\\]glmm\.ts$/.test(process.argv[1])) {
  const name = process.argv[2] ?? "verbagg";
  const withLme4 = !process.argv.includes("--no-lme4") && lme4Available();
  console.log(JSON.stringify(runGlmmBenchmark(name, withLme4)));
}
