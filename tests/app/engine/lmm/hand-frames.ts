/**
 * ModelFrames built by hand from the reference CSVs (independent of the model-frame builder),
 * and the reference case loader, for the engine's end-to-end tests.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ModelFrame, RandomTerm } from "../../../../app/engine/model-frame/types";

const REF = join(import.meta.dirname, "../../../fixtures/reference");

export function readCsv(name: string): Record<string, string[]> {
  const lines = readFileSync(join(REF, "data", name), "utf8").trim().split(/\r?\n/);
  const header = lines[0].split(",").map((h) => h.replace(/"/g, ""));
  const cols: Record<string, string[]> = Object.fromEntries(header.map((h) => [h, [] as string[]]));
  for (const line of lines.slice(1)) {
    const cells = line.split(",").map((c) => c.replace(/"/g, ""));
    header.forEach((h, i) => cols[h].push(cells[i]));
  }
  return cols;
}

export interface RefCase {
  readonly theta: number[];
  readonly sigma: number;
  readonly logLik: number;
  readonly AIC: number;
  readonly BIC: number;
  readonly REMLcrit: number | null;
  readonly deviance: number | null;
  readonly singular: boolean;
  readonly ngroups: Record<string, number>;
  readonly fixef: { term: string; estimate: number; se: number; statistic: number }[];
  readonly varcorr: { group: string; name1: string | null; name2: string | null; kind: string; value: number; sd: number | null }[];
  readonly ranef: { group: string; terms: string[]; levels: string[]; values: number[][]; condsd: number[][] }[];
}

export function readCase(id: string): RefCase {
  return JSON.parse(readFileSync(join(REF, "cases", `${id}.json`), "utf8")) as RefCase;
}

export function factor(values: readonly string[]): { levels: string[]; levelOfRow: Int32Array } {
  const levels = [...new Set(values)].sort();
  const index = new Map(levels.map((l, i) => [l, i]));
  return { levels, levelOfRow: Int32Array.from(values, (v) => index.get(v) as number) };
}

export function randomTerm(group: string, labels: readonly string[], effects: { name: string; values?: readonly number[] }[]): RandomTerm {
  const n = labels.length;
  const { levels, levelOfRow } = factor(labels);
  const k = effects.length;
  const Z = new Float64Array(n * k);
  effects.forEach((e, c) => {
    for (let r = 0; r < n; r++) Z[r + c * n] = e.values ? e.values[r] : 1;
  });
  return { group, effectNames: effects.map((e) => e.name), k, levels, levelOfRow, Z };
}

export function frameOf(
  y: readonly number[],
  fixed: { name: string; values?: readonly number[] }[],
  random: RandomTerm[],
): ModelFrame {
  const n = y.length;
  const p = fixed.length;
  const X = new Float64Array(n * p);
  fixed.forEach((f, c) => {
    for (let r = 0; r < n; r++) X[r + c * n] = f.values ? f.values[r] : 1;
  });
  return {
    n,
    responseName: "y",
    y: Float64Array.from(y),
    fixed: {
      X,
      n,
      p,
      names: fixed.map((f) => f.name),
      assign: Int32Array.from(fixed, (_, i) => i),
      termLabels: fixed.map((f) => f.name),
      dropped: [],
      hasIntercept: true,
      contrasts: "treatment",
    },
    random,
    rowIndex: Int32Array.from({ length: n }, (_, i) => i),
    droppedRows: 0,
    warnings: [],
  };
}

const num = (v: string[]) => v.map(Number);
const INTERCEPT = { name: "(Intercept)" };

/** The hand-built frames of the simple reference cases, keyed by case id. */
export const handFrames: Record<string, () => ModelFrame> = {
  "dyestuff-reml": () => {
    const d = readCsv("dyestuff.csv");
    return frameOf(num(d.Yield), [INTERCEPT], [randomTerm("Batch", d.Batch, [INTERCEPT])]);
  },
  "dyestuff2-singular": () => {
    const d = readCsv("dyestuff2.csv");
    return frameOf(num(d.Yield), [INTERCEPT], [randomTerm("Batch", d.Batch, [INTERCEPT])]);
  },
  "sleepstudy-slopes": () => {
    const d = readCsv("sleepstudy.csv");
    const days = num(d.Days);
    return frameOf(num(d.Reaction), [INTERCEPT, { name: "Days", values: days }], [
      randomTerm("Subject", d.Subject, [INTERCEPT, { name: "Days", values: days }]),
    ]);
  },
  "sleepstudy-uncorrelated": () => {
    const d = readCsv("sleepstudy.csv");
    const days = num(d.Days);
    return frameOf(num(d.Reaction), [INTERCEPT, { name: "Days", values: days }], [
      randomTerm("Subject", d.Subject, [INTERCEPT]),
      randomTerm("Subject", d.Subject, [{ name: "Days", values: days }]),
    ]);
  },
  "penicillin-crossed": () => {
    const d = readCsv("penicillin.csv");
    return frameOf(num(d.diameter), [INTERCEPT], [randomTerm("plate", d.plate, [INTERCEPT]), randomTerm("sample", d.sample, [INTERCEPT])]);
  },
  "pastes-nested": () => {
    const d = readCsv("pastes.csv");
    const caskBatch = d.cask.map((c, i) => `${c}:${d.batch[i]}`);
    // formula order (1 | batch) + (1 | cask:batch); the engine puts them in lme4's order.
    return frameOf(num(d.strength), [INTERCEPT], [randomTerm("batch", d.batch, [INTERCEPT]), randomTerm("cask:batch", caskBatch, [INTERCEPT])]);
  },
};

/** The method of each hand-built case. */
export const handReml: Record<string, boolean> = {
  "dyestuff-reml": true,
  "dyestuff2-singular": true,
  "sleepstudy-slopes": true,
  "sleepstudy-uncorrelated": true,
  "penicillin-crossed": true,
  "pastes-nested": true,
};
