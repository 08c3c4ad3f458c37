/**
 * GLMM causes from the data and the fixed effects: (quasi-)complete separation, which glmer fits
 * without complaint but with huge, meaningless estimates (and often a variance at zero):
 * - a level of a factor in which every binomial outcome is a failure or every one a success
 *   (Poisson: every count 0), so its coefficient runs off towards ±∞;
 * - a numeric predictor that splits 0/1 outcomes perfectly (every failure below every success);
 * - a coefficient whose effect over its column's range exceeds 15 on the link scale with |z| < 2
 *   (hugeEffects, the rule of app/engine/glmm/separation.ts).
 */
import { hugeEffects, type GlmmFit } from "../engine/glmm";
import type { FrameVariable, ModelFrame } from "../engine/model-frame";
import type { Cause } from "./types";

export function separationCauses(fit: GlmmFit, frame: ModelFrame): Cause[] {
  const causes: Cause[] = [];
  const used = usedRows(frame);
  for (const v of Object.values(frame.fixed.variables ?? {})) {
    const c = v.kind === "factor" ? separatedLevels(v, frame, used, fit.family) : fit.family === "binomial" && v.kind === "numeric" ? separatingNumber(v, frame, used) : null;
    if (c) causes.push(c);
  }
  const huge = hugeCoefficients(fit, frame);
  if (huge.length > 0) {
    causes.push({
      kind: "separation",
      message: `The estimate${huge.length > 1 ? "s" : ""} for ${huge.map((t) => `'${t}'`).join(", ")} ${huge.length > 1 ? "are" : "is"} extremely large with a huge standard error: the outcome is (almost) perfectly predicted, so ${huge.length > 1 ? "these estimates and their tests are" : "this estimate and its test are"} not meaningful.`,
    });
  }
  return causes;
}

function usedRows(frame: ModelFrame): Uint8Array {
  const used = new Uint8Array(frame.n);
  for (let r = 0; r < frame.n; r++) used[r] = !frame.weights || frame.weights[r] > 0 ? 1 : 0;
  return used;
}

function separatedLevels(v: Extract<FrameVariable, { kind: "factor" }>, frame: ModelFrame, used: Uint8Array, family: GlmmFit["family"]): Cause | null {
  const k = v.levels.length;
  const rows = new Int32Array(k);
  const low = new Int32Array(k);
  const high = new Int32Array(k);
  for (let r = 0; r < frame.n; r++) {
    if (!used[r]) continue;
    const l = v.codes[r];
    rows[l]++;
    if (frame.y[r] <= 0) low[l]++;
    if (family === "binomial" && frame.y[r] >= 1) high[l]++;
  }
  const messages: string[] = [];
  for (let l = 0; l < k; l++) {
    if (rows[l] === 0) continue;
    if (low[l] === rows[l]) messages.push(`every row with ${v.name} = '${v.levels[l]}' has ${family === "binomial" ? "outcome 0 (a failure)" : "a count of 0"}`);
    else if (high[l] === rows[l]) messages.push(`every row with ${v.name} = '${v.levels[l]}' has outcome 1 (a success)`);
  }
  if (messages.length === 0 || messages.length === k) return null;
  return {
    kind: "separation",
    predictor: v.name,
    message: `Complete separation: ${messages.join("; ")}. The coefficient of that level runs off towards infinity, which also pushes variances to zero; merge the level with a similar one, leave it out, or use a penalized (bias-reduced) model.`,
  };
}

function separatingNumber(v: Extract<FrameVariable, { kind: "numeric" }>, frame: ModelFrame, used: Uint8Array): Cause | null {
  let maxLow = -Infinity;
  let minLow = Infinity;
  let maxHigh = -Infinity;
  let minHigh = Infinity;
  for (let r = 0; r < frame.n; r++) {
    if (!used[r]) continue;
    const y = frame.y[r];
    const x = v.values[r];
    if (y <= 0) {
      maxLow = Math.max(maxLow, x);
      minLow = Math.min(minLow, x);
    } else if (y >= 1) {
      maxHigh = Math.max(maxHigh, x);
      minHigh = Math.min(minHigh, x);
    } else return null; // a proportion strictly between 0 and 1: no complete separation
  }
  if (!Number.isFinite(maxLow) || !Number.isFinite(maxHigh)) return null;
  const below = maxLow < minHigh;
  if (!below && !(maxHigh < minLow)) return null;
  const cut = below ? `every failure has ${v.name} ≤ ${maxLow} and every success ${v.name} ≥ ${minHigh}` : `every success has ${v.name} ≤ ${maxHigh} and every failure ${v.name} ≥ ${minLow}`;
  return {
    kind: "separation",
    predictor: v.name,
    message: `Complete separation: ${cut}, so '${v.name}' predicts the outcome perfectly and its coefficient runs off towards infinity; report that split instead, or use a penalized (bias-reduced) model.`,
  };
}

function hugeCoefficients(fit: GlmmFit, frame: ModelFrame): string[] {
  const { X, n, names } = frame.fixed;
  const rows = fit.fixef;
  return hugeEffects(X, n, names, rows.map((r) => r.estimate), rows.map((r) => r.se)).map((j) => rows[j].term);
}
