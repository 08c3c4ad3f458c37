/**
 * Names in a formula that are not columns of the table, found as the user types (before a fit
 * would refuse them), with the nearest column name and the position of the first use.
 */
import { nearestName } from "../formula";
import { variablesOf, type BuilderModel, type FormulaProblem } from "./builder";

const PLAIN_NAME = /^[A-Za-z._][A-Za-z0-9._]*$/;

export function unknownColumnProblem(model: BuilderModel, formulaText: string, columns: readonly string[]): FormulaProblem | null {
  const known = new Set(columns);
  const unknown = variablesOf(model).find((name) => PLAIN_NAME.test(name) && !known.has(name));
  if (unknown === undefined) return null;
  const near = nearestName(unknown, columns);
  const at = new RegExp(`(^|[^A-Za-z0-9._])${unknown.replace(/\./g, "\\.")}(?![A-Za-z0-9._])`).exec(formulaText);
  const position = at ? at.index + at[1].length : null;
  return {
    message: `There is no column '${unknown}'${position !== null ? ` (position ${position + 1})` : ""}${near ? `; did you mean '${near}'?` : "."}`,
    position,
  };
}
