/**
 * clmm's ranef(m) with condVar(m) per grouping factor, in the shape the LMM/GLMM results carry
 * them (tests/fixtures/reference/README.md's `ranef[]`): one block per grouping factor, the
 * terms of one factor joined (`(1 | g) + (0 + x | g)` → terms ["(Intercept)", "x"]), level names
 * from the model frame, values[term][level] and the conditional SDs √condVar. The Plots tab's
 * caterpillar (ordinal-fit-view.ts) and `mixwell fit --family ordinal --json` read the same blocks.
 */
import type { ModelFrame } from "../model-frame";
import type { RanefBlock } from "../lmm/types";
import type { OrdinalRanef } from "./types";

export function ordinalRanefBlocks(ranef: readonly OrdinalRanef[], frame: Pick<ModelFrame, "random">): RanefBlock[] {
  const blocks = new Map<string, { levels: readonly string[]; terms: string[]; values: number[][]; condsd: number[][] }>();
  for (const r of ranef) {
    const k = r.effectNames.length;
    const source = frame.random.find((t) => t.group === r.group && t.effectNames.join("\u0000") === r.effectNames.join("\u0000"));
    const levels = source ? source.levels : Array.from({ length: r.nlev }, (_, l) => String(l + 1));
    let block = blocks.get(r.group);
    if (!block) blocks.set(r.group, (block = { levels, terms: [], values: [], condsd: [] }));
    for (let a = 0; a < k; a++) {
      block.terms.push(r.effectNames[a]);
      block.values.push(Array.from({ length: r.nlev }, (_, l) => r.values[l * k + a]));
      block.condsd.push(Array.from({ length: r.nlev }, (_, l) => Math.sqrt(r.condVar[l * k + a])));
    }
  }
  return [...blocks].map(([group, b]) => ({ group, terms: b.terms, levels: b.levels, values: b.values, condsd: b.condsd }));
}
