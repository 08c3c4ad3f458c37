/**
 * LMM benchmarks. Run one by name in its own process (so peak RSS is the benchmark's own):
 *   tsx bench/lmm.ts sleepstudy | insteval | insteval-service | million   → prints one JSON line.
 * The InstEval ones also time the whole fit with inference (runFit) against lmerTest.
 * bench/run.ts runs them all and prints the table with lme4's times measured in the same run.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsv, type DataTable } from "../app/data";
import { parseFormula } from "../app/formula";
import { buildModelFrame } from "../app/engine/model-frame";
import { fitLmm } from "../app/engine/lmm";
import { runFit } from "../app/engine/run-fit";
import { instEvalService, instEvalShaped, millionRows } from "./data";
import { lme4Available, timeLme4, type Lme4Timing } from "./lme4";

export interface LmmBenchResult {
  readonly name: string;
  readonly description: string;
  /** Our time per fit (model frame excluded), seconds. */
  readonly seconds: number;
  readonly frameSeconds: number;
  /** CPU seconds of this process for the fit (user + system). */
  readonly cpuSeconds?: number;
  /** The whole user-visible fit (runFit: frame, fit, Satterthwaite df, ANOVA, R²), when measured. */
  readonly wholeSeconds?: number;
  readonly wholeCpuSeconds?: number;
  readonly evaluations: number;
  readonly objective: number;
  readonly theta: number[];
  readonly peakRssMB: number;
  readonly lme4: Lme4Timing | string | null;
  readonly target: string;
  readonly pass: boolean | null;
}

function peakRssMB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss / 2 ** 20;
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function fitOnce(table: DataTable, formula: string, reml: boolean) {
  const t0 = performance.now();
  const frame = buildModelFrame(table, parseFormula(formula));
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const fit = fitLmm(frame, { reml, formula });
  const c2 = process.cpuUsage(c1);
  const t2 = performance.now();
  return { fit, frameSeconds: (t1 - t0) / 1000, seconds: (t2 - t1) / 1000, cpuSeconds: (c2.user + c2.system) / 1e6 };
}

function sleepstudy(withLme4: boolean): LmmBenchResult {
  const csv = readFileSync(join(import.meta.dirname, "../tests/fixtures/reference/data/sleepstudy.csv"), "utf8");
  const table = parseCsv(csv);
  const formula = "Reaction ~ Days + (Days | Subject)";
  for (let i = 0; i < 30; i++) fitOnce(table, formula, true);
  const times: number[] = [];
  let last = fitOnce(table, formula, true);
  for (let i = 0; i < 50; i++) {
    last = fitOnce(table, formula, true);
    times.push(last.seconds);
  }
  const seconds = median(times);
  return {
    name: "sleepstudy",
    description: "sleepstudy, Reaction ~ Days + (Days | Subject), REML, median of 50 fits after warm-up",
    seconds,
    cpuSeconds: last.cpuSeconds,
    frameSeconds: last.frameSeconds,
    evaluations: last.fit.optimizer.evaluations,
    objective: last.fit.optimizer.objective,
    theta: last.fit.theta as number[],
    peakRssMB: peakRssMB(),
    lme4: withLme4 ? timeLme4(table, formula, true, 20, 120_000) : null,
    target: "< 20 ms per fit",
    pass: seconds < 0.02,
  };
}

function big(name: string, data: ReturnType<typeof instEvalShaped>, withLme4: boolean, target: string, whole = false): LmmBenchResult {
  const { fit, seconds, frameSeconds, cpuSeconds } = fitOnce(data.table, data.formula, data.reml);
  const rss = peakRssMB();
  let wholeSeconds: number | undefined;
  let wholeCpuSeconds: number | undefined;
  if (whole) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    runFit(data.table, { formula: data.formula, method: data.reml ? "REML" : "ML" });
    const c = process.cpuUsage(c0);
    wholeSeconds = (performance.now() - t0) / 1000;
    wholeCpuSeconds = (c.user + c.system) / 1e6;
  }
  const lme4 = withLme4 ? timeLme4(data.table, data.formula, data.reml, 1, 1_200_000, [], whole) : null;
  let pass: boolean | null = null;
  if (name.startsWith("insteval")) pass = lme4 && typeof lme4 !== "string" ? seconds <= lme4.seconds / 2 : null;
  if (name === "million") pass = seconds < 60 && rss < 2048;
  return {
    name,
    description: data.description,
    seconds,
    frameSeconds,
    cpuSeconds,
    ...(wholeSeconds !== undefined ? { wholeSeconds, wholeCpuSeconds } : {}),
    evaluations: fit.optimizer.evaluations,
    objective: fit.optimizer.objective,
    theta: fit.theta as number[],
    peakRssMB: rss,
    lme4,
    target,
    pass,
  };
}

export function runLmmBenchmark(name: string, withLme4: boolean): LmmBenchResult {
  if (name === "sleepstudy") return sleepstudy(withLme4);
  if (name === "insteval") return big(name, instEvalShaped(), withLme4, "≤ ½ of lme4's time", true);
  if (name === "insteval-service") return big(name, instEvalService(), withLme4, "≤ ½ of lme4's time", true);
  if (name === "million") return big(name, millionRows(), withLme4, "< 60 s and < 2 GB peak RSS");
  throw new Error(`Unknown benchmark '${name}'`);
}

export const LMM_BENCHMARKS = ["sleepstudy", "insteval", "insteval-service", "million"] as const;

if (process.argv[1] && /bench[/\\]lmm\.ts$/.test(process.argv[1])) {
  const name = process.argv[2] ?? "sleepstudy";
  const withLme4 = !process.argv.includes("--no-lme4") && lme4Available();
  console.log(JSON.stringify(runLmmBenchmark(name, withLme4)));
}
