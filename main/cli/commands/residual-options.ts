/**
 * `fit --correlation ar1|car1|cs --time COL --residual-group COL --variance-by COL`: the residual
 * structure of an nlme-style linear mixed model (see app/engine/residual-structure).
 */
import { MixwellError } from "../../../app/errors";
import type { ResidualStructureSpec } from "../../../app/engine/residual-structure";
import type { OptionSpec, ParsedArgs } from "../args";

export const RESIDUAL_OPTIONS = {
  correlation: { type: "string", value: "KIND", description: "residual correlation within groups, as nlme::lme: ar1 (whole-number times), car1 (continuous time) or cs (compound symmetry)" },
  time: { type: "string", value: "COL", description: "with --correlation ar1|car1: the time column" },
  "residual-group": { type: "string", value: "COL", description: "with --correlation: the groups the correlation is within (default: the random-effects group)" },
  "variance-by": { type: "string", value: "COL", description: "residual variances differ by the levels of this column (nlme's varIdent)" },
} satisfies Record<string, OptionSpec>;

/** The residual structure asked for, or null when none of its options is given. */
export function residualSpec(args: ParsedArgs): ResidualStructureSpec | null {
  const correlation = args.strings.get("correlation");
  const time = args.strings.get("time");
  const group = args.strings.get("residual-group");
  const varianceBy = args.strings.get("variance-by");
  if (correlation === undefined && varianceBy === undefined) {
    if (time !== undefined || group !== undefined) {
      throw new MixwellError("--time and --residual-group go with --correlation ar1, car1 or cs.");
    }
    return null;
  }
  const kind = correlation?.trim().toLowerCase();
  if (kind !== undefined && kind !== "ar1" && kind !== "car1" && kind !== "cs") {
    throw new MixwellError(`Unknown --correlation '${correlation}': use ar1, car1 or cs.`);
  }
  if ((kind === "ar1" || kind === "car1") && time === undefined) {
    throw new MixwellError(`--correlation ${kind} needs --time COL, the column that orders the measurements.`);
  }
  if (args.strings.has("ddf") || args.flags.has("profile-ci")) {
    throw new MixwellError("--ddf and --profile-ci do not apply with a residual structure: its tests use nlme's containment df and its intervals nlme's approximate ones.");
  }
  return {
    ...(kind ? { correlation: kind } : {}),
    ...(time !== undefined && kind !== "cs" ? { time } : {}),
    ...(group !== undefined ? { group } : {}),
    ...(varianceBy !== undefined ? { varianceBy } : {}),
  };
}
