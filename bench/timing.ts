/**
 * Timing helpers shared by the benchmarks: the median of three timed runs (after an optional
 * warm-up for the JIT), the process's peak resident memory, and running an R script on the
 * benchmark's data as CSV in a temporary folder (the baseline timed in the same run), returning the
 * last line it prints parsed as JSON, or a sentence saying why R could not be timed.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataTable } from "../app/data";
import { toCsv } from "./data";
import { WorkerPool } from "../main/workers";

/** The run with the median time of three, after `warmup` untimed runs' worth of JIT (their result is dropped). */
export function medianOfThree<T extends { readonly seconds: number }>(run: () => T, warmup = false): T {
  if (warmup) run();
  return [run(), run(), run()].sort((a, b) => a.seconds - b.seconds)[1];
}

/** Peak resident set size of this process (VmHWM), in MB. */
export function peakRssMB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 2 ** 20;
}

/** Whether Rscript runs and has the package installed. */
export function rPackageAvailable(pkg: string): boolean {
  return spawnSync("Rscript", ["-e", `suppressMessages(library(${pkg}))`], { encoding: "utf8" }).status === 0;
}

/**
 * Run `script` with Rscript as `Rscript fit.R <data.csv> ...args` on `table` written as CSV; the
 * script's last output line is JSON (parsed as T). `label` names R's side in the failure sentence.
 */
export function timeRScript<T>(table: DataTable, script: string, args: readonly string[], label: string, timeoutMs = 1_800_000): T | string {
  const dir = mkdtempSync(join(tmpdir(), "mixwell-bench-"));
  try {
    writeFileSync(join(dir, "data.csv"), toCsv(table));
    writeFileSync(join(dir, "fit.R"), script);
    const r = spawnSync("Rscript", [join(dir, "fit.R"), join(dir, "data.csv"), ...args], { encoding: "utf8", timeout: timeoutMs });
    if (r.status !== 0) return `${label} failed or timed out: ${(r.stderr || r.error?.message || "").trim().split("\n").slice(-2).join(" ")}`;
    return JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** medianOfThree for asynchronous runs (work in worker threads). */
export async function medianOfThreeAsync<T extends { readonly seconds: number }>(run: () => Promise<T>, warmup = false): Promise<T> {
  if (warmup) await run();
  const runs = [await run(), await run(), await run()];
  return runs.sort((a, b) => a.seconds - b.seconds)[1];
}

/** A run timed with the process's CPU time (worker threads included: shows how loaded the machine was). */
export interface WorkerTimed<R> {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly result: R;
}

/**
 * `run` on a pool of 1 and one of 2 workers (issue 21's speed-up): a warm-up on each (starts the
 * workers, JIT), then three runs on each, alternating so that other load on the machine falls on
 * both alike; the median of each, and every run (to check that the results are the same).
 */
export async function timeOnOneAndTwoWorkers<R>(run: (pool: WorkerPool) => Promise<R>): Promise<{ one: WorkerTimed<R>; two: WorkerTimed<R>; all: WorkerTimed<R>[] }> {
  const pools = [new WorkerPool({ size: 1, parallel: 1 }), new WorkerPool({ size: 2, parallel: 2 })];
  const timed = async (pool: WorkerPool): Promise<WorkerTimed<R>> => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const result = await run(pool);
    const cpu = process.cpuUsage(c0);
    return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, result };
  };
  try {
    for (const pool of pools) await run(pool);
    const runs: WorkerTimed<R>[][] = [[], []];
    for (let k = 0; k < 3; k++) for (const [i, pool] of pools.entries()) runs[i].push(await timed(pool));
    const [one, two] = runs.map((r) => [...r].sort((a, b) => a.seconds - b.seconds)[1]);
    return { one, two, all: runs.flat() };
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
}
