/**
 * Names in a formula that are not columns of the table, found as the user types (before a fit
 * would refuse them), with the nearest column name and the position of the first use.
 */
import { nearestName } from "../formula";
import { tokenize } from "../formula/lexer";
import { variablesOf, type BuilderModel, type FormulaProblem } from "./builder";

/** Where the formula first names the column (as a name, not a function), or null. */
function positionOfColumn(text: string, name: string): number | null {
  try {
    const tokens = tokenize(text);
    const at = tokens.findIndex((t, i) => t.kind === "name" && t.text === name && !(tokens[i + 1]?.kind === "op" && tokens[i + 1].text === "("));
    return at < 0 ? null : tokens[at].start;
  } catch {
    return null;
  }
}

export function unknownColumnProblem(model: BuilderModel, formulaText: string, columns: readonly string[]): FormulaProblem | null {
  const known = new Set(columns);
  const unknown = variablesOf(model).find((name) => !known.has(name));
  if (unknown === undefined) return null;
  const near = nearestName(unknown, columns);
  const position = positionOfColumn(formulaText, unknown);
  return {
    message: `There is no column '${unknown}'${position !== null ? ` (position ${position + 1})` : ""}${near ? `; did you mean '${near}'?` : "."}`,
    position,
  };
}
