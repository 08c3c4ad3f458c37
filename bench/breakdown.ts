/**
 * Where the time of one whole, user-visible LMM fit goes (runFit with default inference: the
 * optimiser, the results after the optimum, Satterthwaite and the rest of the inference step):
 *   tsx bench/breakdown.ts [insteval|insteval-service|million] [--reps N]
 * Counts and times every factorisation (BlockedFactor.update) by stage, in CPU seconds of this
 * process (wall time on a shared machine mostly measures the other processes). Prints a table.
 */
import { buildModelFrame } from "../app/engine/model-frame";
import { parseFormula } from "../app/formula";
import { fitLmm } from "../app/engine/lmm";
import { BlockedFactor } from "../app/engine/lmm/blocked-factor";
import { inferLmm } from "../app/inference";
import { benchData } from "./data";

import { LastTermUpdate } from "../app/engine/lmm/last-term-update";

interface Stage {
  /** CPU seconds (user + system) of this process: the machine is shared, wall times are noisy. */
  seconds: number;
  factorisations: number;
  /** Of those, refactorisations of the end of L only (a step in the last term's θ). */
  shortcuts: number;
  factorSeconds: number;
}

const stages = new Map<string, Stage>();
let current = "setup";
const stage = (name: string): Stage => {
  let s = stages.get(name);
  if (!s) stages.set(name, (s = { seconds: 0, factorisations: 0, shortcuts: 0, factorSeconds: 0 }));
  return s;
};

const proto = BlockedFactor.prototype as unknown as { update(theta: ArrayLike<number>): boolean };
const update = proto.update;
proto.update = function (this: BlockedFactor, theta: ArrayLike<number>): boolean {
  const t0 = process.cpuUsage();
  const ok = update.call(this, theta);
  const s = stage(current);
  s.factorisations++;
  s.factorSeconds += cpuSince(t0);
  return ok;
};

const shortcut = LastTermUpdate.prototype.update;
LastTermUpdate.prototype.update = function (this: LastTermUpdate, ...args: Parameters<typeof shortcut>): boolean {
  stage(current).shortcuts++;
  return shortcut.apply(this, args);
};

function cpuSince(t0: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1e6;
}

function timed<T>(name: string, f: () => T): T {
  const before = current;
  current = name;
  const t0 = process.cpuUsage();
  const w0 = performance.now();
  try {
    return f();
  } finally {
    stage(name).seconds += cpuSince(t0);
    wall += (performance.now() - w0) / 1000;
    current = before;
  }
}
let wall = 0;

const name = process.argv[2] ?? "insteval";
const repsArg = process.argv.indexOf("--reps");
const reps = repsArg >= 0 ? Number(process.argv[repsArg + 1]) : 1;
const data = benchData(name);
let evaluations = 0;
for (let r = 0; r < reps; r++) {
  const frame = timed("model frame", () => buildModelFrame(data.table, parseFormula(data.formula)));
  const fit = timed("fitLmm (optimiser, results, convergence check)", () => fitLmm(frame, { reml: data.reml, formula: data.formula }));
  evaluations = fit.optimizer.evaluations;
  timed("inferLmm (Satterthwaite, ANOVA, R²)", () => inferLmm(fit, frame));
}
const fmt = (s: number) => `${(s / reps).toFixed(3)} s`;
console.log(`${data.description}; ${evaluations} optimiser evaluations; mean of ${reps} run(s)`);
let total = 0;
for (const [k, s] of stages) {
  if (k === "setup") continue;
  total += s.seconds;
  const per =
    s.factorisations > 0
      ? `, ${(s.factorisations / reps).toFixed(0)} factorisations (${(s.shortcuts / reps).toFixed(0)} of the end of L only), ${fmt(s.factorSeconds)}`
      : "";
  console.log(`  ${k.padEnd(48)} ${fmt(s.seconds)}${per}`);
}
console.log(`  ${"total CPU".padEnd(48)} ${fmt(total)}  (wall ${fmt(wall)})`);
