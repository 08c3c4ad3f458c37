/**
 * Parametric bootstrap benchmark (issue 19): 1,000 refits of sleepstudy's
 * Reaction ~ Days + (Days | Subject) (REML) spread over the worker pool, with 1 and with 2 worker
 * threads (median of 3, the 1- and 2-worker runs alternating, after a warm-up run that starts the
 * workers, as in the app where the pool is already running), and lme4's bootMer(nsim = 1000) of the same model timed in the same run
 * where Rscript with lme4 is installed. Target: under 5 s with the machine's cores (2 here).
 *   tsx bench/bootstrap.ts [--no-lme4]   → prints its lines.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { availableParallelism } from "node:os";
import { readCsv } from "../app/data";
import { runBootstrap } from "../main/workers";
import { rPackageAvailable, timeOnOneAndTwoWorkers, timeRScript } from "./timing";

const FORMULA = "Reaction ~ Days + (Days | Subject)";
const NBOOT = 1000;
const TARGET_SECONDS = 5;

const R_SCRIPT = String.raw`
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(lme4))
d <- read.csv(args[1])
m <- lmer(Reaction ~ Days + (Days | Subject), d)
stat <- function(x) c(fixef(x), getME(x, "theta"), sigma(x))
set.seed(1)
st <- system.time(b <- suppressWarnings(suppressMessages(bootMer(m, stat, nsim = as.integer(args[2])))))
cat(sprintf('{"seconds": %.6f, "cpuSeconds": %.6f, "failed": %d}\n', st[["elapsed"]], st[["user.self"]] + st[["sys.self"]], sum(is.na(b$t[, 1]))))
`;

const sleepstudy = readCsv(new Uint8Array(readFileSync(join(import.meta.dirname, "../tests/fixtures/reference/data/sleepstudy.csv"))), {}).table;
const { one, two } = await timeOnOneAndTwoWorkers((pool) => runBootstrap(pool, { table: sleepstudy, spec: { formula: FORMULA }, nboot: NBOOT, seed: 1 }));
const withR = !process.argv.includes("--no-lme4") && rPackageAvailable("lme4");
const lme4 = withR ? timeRScript<{ seconds: number; cpuSeconds: number; failed: number }>(sleepstudy, R_SCRIPT, [String(NBOOT)], "bootMer") : null;

console.log(`bootstrap: ${NBOOT} parametric-bootstrap refits of sleepstudy ${FORMULA} (REML), median of 3 after a warm-up; ${availableParallelism()} cores`);
console.log(`  Mixwell   1 worker  ${one.seconds.toFixed(2)} s (CPU ${one.cpuSeconds.toFixed(2)} s), 2 workers ${two.seconds.toFixed(2)} s (CPU ${two.cpuSeconds.toFixed(2)} s); ${two.result.nonConverged} refits did not converge, kept`);
console.log(`  speed-up  1 → 2 workers ${(one.seconds / two.seconds).toFixed(2)}× (wall time; on a loaded machine the CPU times tell more)`);
if (lme4 && typeof lme4 !== "string") {
  console.log(`  lme4      bootMer(nsim = ${NBOOT}) ${lme4.seconds.toFixed(2)} s (CPU ${lme4.cpuSeconds.toFixed(2)} s, ${lme4.failed} failed)`);
  console.log(`  ratio     Mixwell (2 workers) / lme4 = ${(two.seconds / lme4.seconds).toFixed(3)}`);
} else console.log(`  lme4      ${lme4 ?? "not measured (Rscript with lme4 not available, or --no-lme4)"}`);
console.log(`  target    under ${TARGET_SECONDS} s with 2 workers: ${two.seconds < TARGET_SECONDS ? "met" : "NOT met"}`);
