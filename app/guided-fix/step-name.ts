/**
 * Names of the models a guided fix makes: short and distinct ("Model 2b", "Model 2c", … from
 * "Model 2", and from "Model 2b" again "Model 2c"), with what the step did in a subtitle
 * ("slope of Sex dropped", "correlations of Subject dropped") read off the two formulas, so project files need no extra field and
 * older files get subtitles too. No engine imports: the renderer uses this.
 */
import { displayTerm } from "../formula";
import { modelParts, type ModelParts } from "./model-parts";
import type { SimplificationAction } from "./types";

const LETTERS = "bcdefghijklmnopqrstuvwxyz";

/** The first free "<root>b", "<root>c", … where root is `source` without a step letter of its own. */
export function guidedFixName(source: string, taken: readonly string[]): string {
  const names = new Set(taken);
  const root = source.replace(/(\d)[b-z]$/, "$1");
  const join = /\d$/.test(root) ? "" : " ";
  for (const letter of LETTERS) if (!names.has(`${root}${join}${letter}`)) return `${root}${join}${letter}`;
  for (let i = 2; ; i++) if (!names.has(`${root} fix ${i}`)) return `${root} fix ${i}`;
}

interface StepLike {
  readonly action: SimplificationAction;
  readonly fromFormula: string;
  readonly formula: string;
}

/** What a guided-fix step changed, in a few words: "slope of Sex dropped", "(1 | Item) dropped". */
export function guidedStepTitle(step: StepLike): string {
  let from: ModelParts;
  let to: ModelParts;
  try {
    from = modelParts(step.fromFormula);
    to = modelParts(step.formula);
  } catch {
    return GENERIC[step.action];
  }
  const groups = [...new Set(from.random.map((p) => p.group))];
  const by = (g: string) => (groups.length > 1 ? ` by ${g}` : "");
  switch (step.action) {
    case "drop-slope": {
      const gone = groups.flatMap((g) => effectsOf(from, g).filter((e) => !effectsOf(to, g).includes(e)).map((e) => `${displayTerm(e)}${by(g)}`));
      return gone.length ? `${gone.length > 1 ? "slopes" : "slope"} of ${gone.join(", ")} dropped` : GENERIC[step.action];
    }
    case "drop-term": {
      const gone = groups.filter((g) => !to.random.some((p) => p.group === g));
      return gone.length ? `(1 | ${gone.join("), (1 | ")}) dropped` : GENERIC[step.action];
    }
    case "drop-correlation": {
      const changed = groups.filter((g) => to.random.filter((p) => p.group === g).length > from.random.filter((p) => p.group === g).length);
      return changed.length ? `correlations of ${changed.join(", ")} dropped` : GENERIC[step.action];
    }
    case "centre-scale": {
      const scaled = [...step.formula.matchAll(/scale\(([^()]+)\)/g)].map((m) => m[1]).filter((x) => !step.fromFormula.includes(`scale(${x})`));
      return scaled.length ? `${[...new Set(scaled)].map(displayTerm).join(", ")} rescaled` : GENERIC[step.action];
    }
  }
}

const GENERIC: Readonly<Record<SimplificationAction, string>> = {
  "drop-correlation": "correlations dropped",
  "drop-slope": "random slope dropped",
  "drop-term": "random term dropped",
  "centre-scale": "predictors rescaled",
};

function effectsOf(parts: ModelParts, group: string): string[] {
  return parts.random.filter((p) => p.group === group).flatMap((p) => p.effects);
}
