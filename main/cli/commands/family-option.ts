/**
 * --family and --link, read the same way by fit, check, compare and emmeans: the names come from
 * app/engine/families (one list for every layer).
 */
import { MixwellError } from "../../../app/errors";
import { RUN_FIT_FAMILIES, isRunFitFamily, type RunFitFamily } from "../../../app/engine/families";
import { FAMILY_LINKS } from "../../../app/engine/glmm/family";
import type { ParsedArgs } from "../args";

export const FAMILY_OPTION_TEXT = `${RUN_FIT_FAMILIES.join(", ")}, ordinal (default gaussian)`;
export const LINK_OPTION_TEXT = Object.entries(FAMILY_LINKS)
  .map(([family, links]) => `${family}: ${links.join(", ")}`)
  .join("; ") + "; ordinal: logit, probit (the first is the default)";

/** --family, default gaussian; an unknown name lists the known ones (ordinal is `mixwell fit`'s own path). */
export function familyOption(args: ParsedArgs): RunFitFamily {
  const family = args.strings.get("family") ?? "gaussian";
  if (!isRunFitFamily(family)) throw new MixwellError(`Unknown family '${family}': use ${RUN_FIT_FAMILIES.join(", ")}.`);
  return family;
}
