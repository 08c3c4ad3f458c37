/**
 * Grouping factors of random-effect terms. `a:b` is R's interaction of factors as lme4 evaluates
 * it (`factor(a:b)`): the first factor varies slowest, labels are "levelA:levelB", and only
 * combinations that occur are levels. A number used as a grouping factor becomes a factor with
 * levels in numeric order, as factor(x) does.
 */
import { MixwellError } from "../../errors";
import type { FactorVariable, Variable } from "./variables";
import { numberFactor } from "./variables";

export function asFactor(variable: Variable): FactorVariable {
  if (variable.kind === "poly") throw new MixwellError(`${variable.name} cannot be a grouping factor; group by a column`);
  return variable.kind === "factor" ? variable : numberFactor(variable.name, variable.values);
}

/** The interaction of `factors` (no missing codes), observed combinations only, in R's order. */
export function interactionFactor(name: string, factors: readonly FactorVariable[]): FactorVariable {
  if (factors.length === 1) return { ...factors[0], name };
  const n = factors[0].codes.length;
  // Mixed-radix key, first factor most significant; fits exactly in a double for any realistic data.
  const keys = new Float64Array(n);
  for (const f of factors) {
    const radix = f.levels.length;
    for (let i = 0; i < n; i++) keys[i] = keys[i] * radix + f.codes[i];
  }
  const observed = [...new Set(keys)].sort((a, b) => a - b);
  const index = new Map(observed.map((k, i) => [k, i]));
  const levels = observed.map((key) => {
    const labels: string[] = [];
    let rest = key;
    for (let j = factors.length - 1; j >= 0; j--) {
      const radix = factors[j].levels.length;
      labels.unshift(factors[j].levels[rest % radix]);
      rest = Math.floor(rest / radix);
    }
    return labels.join(":");
  });
  return { kind: "factor", name, codes: Int32Array.from(keys, (k) => index.get(k)!), levels };
}
