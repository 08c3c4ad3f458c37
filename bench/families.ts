/**
 * Benchmarks of the negative binomial, Gamma and inverse Gaussian GLMMs (issue 18): seeded
 * synthetic data, 80 subjects × 40 items crossed (3,200 rows), y ~ x + cond + (1 | subj) +
 * (1 | item); glmer.nb / glmer(family = Gamma(link = "log")) / glmer(family =
 * inverse.gaussian(link = "log")) timed on the identical CSV in the same run where Rscript with
 * lme4 is installed. Target: no slower than lme4.
 *   tsx bench/families.ts nb-crossed|gamma-crossed|inverse-gaussian-crossed [--no-lme4]
 *   → one JSON line (LmmBenchResult's shape).
 */
import type { Column, DataTable } from "../app/data";
import type { GlmmFamilyName } from "../app/engine/families";
import { fitGlmm, type LinkName } from "../app/engine/glmm";
import { buildModelFrame } from "../app/engine/model-frame";
import { parseFormula } from "../app/formula";
import { prng } from "./data";
import { peakRssMB, timeRScript } from "./timing";
import { lme4Available, type Lme4Timing } from "./lme4";
import type { LmmBenchResult } from "./lmm";

export const FAMILY_BENCHMARKS = ["nb-crossed", "gamma-crossed", "inverse-gaussian-crossed"] as const;
type Name = (typeof FAMILY_BENCHMARKS)[number];

const FORMULA = "y ~ x + cond + (1 | subj) + (1 | item)";
const SPEC: Record<Name, { family: GlmmFamilyName; link: LinkName; r: string; reps: number }> = {
  "nb-crossed": { family: "negative-binomial", link: "log", r: "glmer.nb(f, d)", reps: 1 },
  "gamma-crossed": { family: "gamma", link: "log", r: 'glmer(f, d, family = Gamma(link = "log"))', reps: 3 },
  "inverse-gaussian-crossed": { family: "inverse-gaussian", link: "log", r: 'glmer(f, d, family = inverse.gaussian(link = "log"))', reps: 3 },
};

function gaussian(rnd: () => number): number {
  const u = Math.max(rnd(), 1e-300);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

/** Gamma(shape k) by Marsaglia & Tsang (k ≥ 1). */
function gammaDraw(rnd: () => number, k: number): number {
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = gaussian(rnd);
    const v = (1 + c * z) ** 3;
    if (v > 0 && Math.log(Math.max(rnd(), 1e-300)) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Inverse Gaussian(μ, λ) by Michael, Schucany & Haas (1976). */
function inverseGaussianDraw(rnd: () => number, mu: number, lambda: number): number {
  const nu = gaussian(rnd) ** 2;
  const x = mu + (mu * mu * nu) / (2 * lambda) - (mu / (2 * lambda)) * Math.sqrt(4 * mu * lambda * nu + mu * mu * nu * nu);
  return rnd() <= mu / (mu + x) ? x : (mu * mu) / x;
}

/** Negative binomial(μ, θ) as a Poisson with a Gamma(θ, μ/θ) mean. */
function negBinDraw(rnd: () => number, mu: number, theta: number): number {
  const lambda = (gammaDraw(rnd, theta + 1) * rnd() ** (1 / theta) * mu) / theta;
  let k = 0;
  let p = Math.exp(-lambda);
  let s = p;
  const u = rnd();
  while (u > s && k < 10_000) {
    k++;
    p *= lambda / k;
    s += p;
  }
  return k;
}

function factor(name: string, codes: Int32Array, levels: string[]): Column {
  return { kind: "categorical", name, codes, levels };
}

export function crossedData(name: Name, seed = 80_40): DataTable {
  const rnd = prng(seed);
  const nSubj = 80;
  const nItem = 40;
  const n = nSubj * nItem;
  const bs = Float64Array.from({ length: nSubj }, () => 0.4 * gaussian(rnd));
  const bi = Float64Array.from({ length: nItem }, () => 0.25 * gaussian(rnd));
  const subj = new Int32Array(n);
  const item = new Int32Array(n);
  const cond = new Int32Array(n);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let s = 0; s < nSubj; s++) {
    for (let i = 0; i < nItem; i++) {
      const r = s * nItem + i;
      subj[r] = s;
      item[r] = i;
      cond[r] = Math.floor(rnd() * 3);
      x[r] = Math.round(gaussian(rnd) * 1000) / 1000;
      const mu = Math.exp(0.8 + 0.3 * x[r] + [0, 0.4, -0.2][cond[r]] + bs[s] + bi[i]);
      const v = name === "nb-crossed" ? negBinDraw(rnd, mu, 1.5) : name === "gamma-crossed" ? (gammaDraw(rnd, 4) * mu) / 4 : inverseGaussianDraw(rnd, mu, 6);
      y[r] = name === "nb-crossed" ? v : Math.round(v * 1e4) / 1e4 || 1e-4;
    }
  }
  return {
    nrow: n,
    columns: [
      { kind: "number", name: "y", values: y },
      { kind: "number", name: "x", values: x },
      factor("cond", cond, ["a", "b", "c"]),
      factor("subj", subj, Array.from({ length: nSubj }, (_, s) => `s${String(s + 1).padStart(2, "0")}`)),
      factor("item", item, Array.from({ length: nItem }, (_, i) => `i${String(i + 1).padStart(2, "0")}`)),
    ],
  };
}

function rScript(call: string): string {
  return String.raw`
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(lme4))
d <- read.csv(args[1], stringsAsFactors = TRUE)
f <- as.formula(args[2]); reps <- as.integer(args[3])
fit <- function() suppressWarnings(${call})
if (reps > 1) fm <- fit()
times <- numeric(reps)
for (i in seq_len(reps)) times[i] <- system.time(fm <- fit())[["elapsed"]]
cat(sprintf('{"seconds": %.6f, "objective": %.10f, "theta": [%s], "evaluations": %d}\n',
  median(times), -2 * as.numeric(logLik(fm)), paste(sprintf("%.10f", getME(fm, "theta")), collapse = ","), fm@optinfo$feval))
`;
}

export function runFamilyBenchmark(name: Name, withLme4: boolean): LmmBenchResult {
  const spec = SPEC[name];
  const table = crossedData(name);
  const fitOnce = () => {
    const t0 = performance.now();
    const frame = buildModelFrame(table, parseFormula(FORMULA), { family: spec.family });
    const t1 = performance.now();
    const fit = fitGlmm(frame, { family: spec.family, link: spec.link, formula: FORMULA });
    return { fit, frameSeconds: (t1 - t0) / 1000, seconds: (performance.now() - t1) / 1000 };
  };
  // the negative binomial takes many refits: one fit each side (no warm-up) keeps the run short
  if (spec.reps > 1) fitOnce();
  const runs = Array.from({ length: spec.reps }, fitOnce).sort((a, b) => a.seconds - b.seconds);
  const mid = runs[Math.floor(runs.length / 2)];
  const lme4 = withLme4 ? timeRScript<Lme4Timing>(table, rScript(SPEC[name].r), [FORMULA, String(SPEC[name].reps)], "lme4") : null;
  const nb = mid.fit.nbTheta !== undefined ? `, θ̂ = ${mid.fit.nbTheta.toFixed(4)}` : "";
  return {
    name,
    description: `${spec.family} GLMM (${spec.link} link), ${FORMULA}, 3,200 rows (80 × 40 crossed), Laplace${nb}; ${spec.reps > 1 ? `median of ${spec.reps} fits after warm-up` : "one fit"}`,
    seconds: mid.seconds,
    frameSeconds: mid.frameSeconds,
    evaluations: mid.fit.optimizer.evaluations,
    objective: mid.fit.minus2LogLik,
    theta: [...mid.fit.theta],
    peakRssMB: peakRssMB(),
    lme4,
    target: "no slower than lme4",
    pass: lme4 && typeof lme4 !== "string" ? mid.seconds <= lme4.seconds : null,
  };
}

if (process.argv[1] && /bench[/\\]families\.ts$/.test(process.argv[1])) {
  const name = (process.argv[2] ?? "gamma-crossed") as Name;
  if (!(FAMILY_BENCHMARKS as readonly string[]).includes(name)) throw new Error(`Unknown benchmark '${name}'`);
  const withLme4 = !process.argv.includes("--no-lme4") && lme4Available();
  console.log(JSON.stringify(runFamilyBenchmark(name, withLme4)));
}
