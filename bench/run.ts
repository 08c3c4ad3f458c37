/**
 * `npm run bench`: every benchmark in its own process, then one table. Speed targets are ratios
 * to lme4 measured in the same run (where Rscript with lme4 is installed) or absolute limits.
 * Options: --no-lme4 (skip R), --only NAME[,NAME] (a subset).
 * large-csv (issue 21's crossed 50,000 × 1,000 shape read from a CSV) runs 1,000,000 rows; set
 * MIXWELL_BENCH_LARGE_ROWS=10000000 for the ten-million-row target (see bench/large-csv.ts).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { LMM_BENCHMARKS, type LmmBenchResult } from "./lmm";
import { GLMM_BENCHMARKS } from "./glmm";
import { RESIDUAL_BENCHMARKS } from "./residual";
import { FAMILY_BENCHMARKS } from "./families";
import { ORDINAL_BENCHMARKS } from "./ordinal";

const args = process.argv.slice(2);
const onlyArg = args.indexOf("--only");
const only = onlyArg >= 0 ? (args[onlyArg + 1] ?? "").split(",") : null;
const names = [...LMM_BENCHMARKS, ...GLMM_BENCHMARKS, ...FAMILY_BENCHMARKS, ...ORDINAL_BENCHMARKS, ...RESIDUAL_BENCHMARKS].filter((n) => !only || only.includes(n));
const tsx = join(import.meta.dirname, "../node_modules/.bin/tsx");

const results: LmmBenchResult[] = [];
for (const name of names) {
  process.stdout.write(`running ${name} …\n`);
  const script = (GLMM_BENCHMARKS as readonly string[]).includes(name)
    ? "glmm.ts"
    : (RESIDUAL_BENCHMARKS as readonly string[]).includes(name)
      ? "residual.ts"
      : (FAMILY_BENCHMARKS as readonly string[]).includes(name)
        ? "families.ts"
        : (ORDINAL_BENCHMARKS as readonly string[]).includes(name)
          ? "ordinal.ts"
          : "lmm.ts";
  const r = spawnSync(tsx, [join(import.meta.dirname, script), name, ...args.filter((a) => a === "--no-lme4")], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
    timeout: 3_600_000,
  });
  const line = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !line.startsWith("{")) {
    console.log(`  ${name} failed: ${(r.stderr || "").trim().split("\n").slice(-3).join(" ")}`);
    continue;
  }
  results.push(JSON.parse(line) as LmmBenchResult);
}

if (!only || only.includes("import")) spawnSync(tsx, [join(import.meta.dirname, "import.ts")], { stdio: "inherit", timeout: 3_600_000 });
if (!only || only.includes("gui-import")) spawnSync(tsx, [join(import.meta.dirname, "gui-import.ts"), ...args.filter((a, i) => a === "--screenshots" || args[i - 1] === "--screenshots")], { stdio: "inherit", timeout: 1_800_000 });
if (!only || only.includes("cli-end-to-end")) spawnSync(tsx, [join(import.meta.dirname, "cli-end-to-end.ts")], { stdio: "inherit", timeout: 3_600_000 });
if (!only || only.includes("large-csv")) spawnSync(tsx, [join(import.meta.dirname, "large-csv.ts"), ...args.filter((a) => a === "--no-lme4")], { stdio: "inherit", timeout: 7_200_000 });
if (!only || only.includes("bootstrap")) spawnSync(tsx, [join(import.meta.dirname, "bootstrap.ts"), ...args.filter((a) => a === "--no-lme4")], { stdio: "inherit", timeout: 3_600_000 });
if (!only || only.includes("parallel")) spawnSync(tsx, [join(import.meta.dirname, "parallel.ts")], { stdio: "inherit", timeout: 3_600_000 });
if (!only || only.includes("cli-startup")) spawnSync(tsx, [join(import.meta.dirname, "cli-startup.ts")], { stdio: "inherit", timeout: 600_000 });
const fmt = (s: number) => (s < 1 ? `${(s * 1000).toFixed(1)} ms` : `${s.toFixed(2)} s`);
console.log("");
for (const r of results) {
  console.log(`${r.name}: ${r.description}`);
  console.log(`  Mixwell   ${fmt(r.seconds)} per fit (model frame ${fmt(r.frameSeconds)}), ${r.evaluations} evaluations, objective ${r.objective.toFixed(6)}, peak RSS ${r.peakRssMB.toFixed(0)} MB`);
  if (r.lme4 && typeof r.lme4 !== "string") {
    const ratio = r.seconds / r.lme4.seconds;
    console.log(`  lme4      ${fmt(r.lme4.seconds)} per fit, ${r.lme4.evaluations} evaluations, objective ${r.lme4.objective.toFixed(6)}`);
    console.log(`  ratio     Mixwell / lme4 = ${ratio.toFixed(3)}  (objective difference ${(r.objective - r.lme4.objective).toExponential(2)})`);
    if (r.lme4.cpuSeconds !== undefined && r.cpuSeconds !== undefined) {
      console.log(`  CPU time  Mixwell ${fmt(r.cpuSeconds)}, lme4 ${fmt(r.lme4.cpuSeconds)}, ratio ${(r.cpuSeconds / r.lme4.cpuSeconds).toFixed(3)} (R's counts every BLAS thread; Mixwell uses one)`);
    }
    if (r.wholeSeconds !== undefined && (r.lme4.wholeSeconds ?? -1) > 0) {
      console.log(
        `  whole fit with Satterthwaite df and ANOVA: Mixwell ${fmt(r.wholeSeconds)}, lmerTest ${fmt(r.lme4.wholeSeconds as number)}, ratio ${(r.wholeSeconds / (r.lme4.wholeSeconds as number)).toFixed(3)}`,
      );
      if (r.wholeCpuSeconds !== undefined && r.lme4.wholeCpuSeconds !== undefined && r.lme4.wholeCpuSeconds > 0) {
        console.log(`    CPU time Mixwell ${fmt(r.wholeCpuSeconds)}, lmerTest ${fmt(r.lme4.wholeCpuSeconds)}, ratio ${(r.wholeCpuSeconds / r.lme4.wholeCpuSeconds).toFixed(3)}`);
      }
    }
  } else if (typeof r.lme4 === "string") {
    console.log(`  lme4      ${r.lme4}`);
  } else {
    console.log("  lme4      not measured (Rscript with lme4 not available, or --no-lme4)");
  }
  console.log(`  target    ${r.target}: ${r.pass === null ? "not decided (no lme4 time)" : r.pass ? "met" : "NOT met"}`);
}
