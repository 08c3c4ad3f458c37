/**
 * All cores (issue 21): the jobs that split over worker threads, on 1 and on 2 workers, and the
 * speed-up. Each is timed as the app runs it (main/workers: a pool whose workers are already
 * started, after one warm-up run for the JIT); the 1- and 2-worker runs alternate, three of each,
 * so that other load on the machine falls on both alike; the medians are printed, with the
 * process's CPU time (worker threads included) and the load average when measuring.
 * - bootstrap: 1,000 parametric-bootstrap refits of sleepstudy Reaction ~ Days + (Days | Subject);
 * - optimiser check: lme4's allFit of the VerbAgg-shaped glmer (bench/glmm.ts), four optimisers;
 * - comparison: anova() of four nested ML fits of the InstEval-shaped data (bench/data.ts).
 * The results on 1 and 2 workers are checked to be identical (they must be, bit for bit).
 *   tsx bench/parallel.ts [bootstrap] [optimisers] [comparison]   → prints its lines (all three by
 *   default; bench/run.ts --only parallel runs all three).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { availableParallelism, loadavg } from "node:os";
import { isDeepStrictEqual } from "node:util";
import { readCsv } from "../app/data";
import type { FitSpec } from "../app/engine/run-fit";
import { checkOptimizersInPool, runBootstrap, runComparisonInPool, type WorkerPool } from "../main/workers";
import { instEvalShaped } from "./data";
import { verbAggShaped } from "./glmm";
import { timeOnOneAndTwoWorkers } from "./timing";

interface Task {
  readonly name: string;
  readonly description: string;
  readonly run: (pool: WorkerPool) => Promise<unknown>;
}

const sleepstudy = readCsv(new Uint8Array(readFileSync(join(import.meta.dirname, "../tests/fixtures/reference/data/sleepstudy.csv"))), {}).table;
const verbAgg = verbAggShaped();
const instEval = instEvalShaped().table;
const instEvalModels: FitSpec[] = [
  { formula: "y ~ 1 + (1 | s) + (1 | d)", method: "ML" },
  { formula: "y ~ 1 + (1 | s) + (1 | d) + (1 | dept)", method: "ML" },
  { formula: "y ~ service + (1 | s) + (1 | d)", method: "ML" },
  { formula: "y ~ service + (1 | s) + (1 | d) + (1 | dept)", method: "ML" },
];

const TASKS: readonly Task[] = [
  {
    name: "bootstrap",
    description: "1,000 parametric-bootstrap refits, sleepstudy Reaction ~ Days + (Days | Subject)",
    run: (pool) => runBootstrap(pool, { table: sleepstudy, spec: { formula: "Reaction ~ Days + (Days | Subject)" }, nboot: 1000, seed: 1 }),
  },
  {
    name: "optimisers",
    description: "allFit of the VerbAgg-shaped glmer r2 ~ Anger + Gender + btype + (1 | id) + (1 | item), 4 optimisers",
    run: (pool) => checkOptimizersInPool(pool, { table: verbAgg, spec: { formula: "r2 ~ Anger + Gender + btype + (1 | id) + (1 | item)", family: "binomial" } }),
  },
  {
    name: "comparison",
    description: "anova() of 4 nested ML fits, InstEval-shaped (73,421 rows)",
    run: (pool) => runComparisonInPool(pool, { table: instEval, specs: instEvalModels }),
  },
];

const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");

console.log(`parallel: jobs split over worker threads, 1 vs 2 workers (median of 3, alternating, after a warm-up); ${availableParallelism()} cores`);
const chosen = process.argv.slice(2).filter((a) => !a.startsWith("--"));
for (const task of TASKS.filter((t) => chosen.length === 0 || chosen.includes(t.name))) {
  const loadBefore = load();
  const { one, two, all } = await timeOnOneAndTwoWorkers(task.run);
  const same = all.every((r) => isDeepStrictEqual(r.result, one.result));
  console.log(`  ${task.name}: ${task.description}`);
  console.log(
    `    1 worker ${one.seconds.toFixed(2)} s (CPU ${one.cpuSeconds.toFixed(2)} s), 2 workers ${two.seconds.toFixed(2)} s (CPU ${two.cpuSeconds.toFixed(2)} s), speed-up ${(one.seconds / two.seconds).toFixed(2)}×; results ${same ? "identical" : "DIFFERENT"}; load average ${loadBefore} → ${load()}`,
  );
}
