/**
 * The columns a formula names, and the same formula with a column renamed. Renaming works on the
 * tokens, so only the column is replaced (never a function of the same name, nor text inside
 * another name), the rest of the text stays as the user wrote it, and the new name is quoted as
 * R needs (`` `Reaction time (ms)` `` → `RT`).
 */
import type { Formula, Response, TermNode } from "./ast";
import { expressionColumns } from "./expression";
import { tokenize } from "./lexer";
import { quoteName } from "./names";
import { parseFormula } from "./parse";

/** Column names (plain, unquoted) a parsed formula reads, in order of first use. */
export function formulaColumns(formula: Formula): string[] {
  const names: string[] = [];
  const add = (list: readonly string[]) => list.forEach((n) => names.includes(n) || names.push(n));
  const response = (r: Response) => (r.kind === "expression" ? add(expressionColumns(r.expr)) : (add(expressionColumns(r.successes)), add(expressionColumns(r.failures))));
  const visit = (node: TermNode): void => {
    switch (node.kind) {
      case "variable":
      case "offset":
        add(expressionColumns(node.expr));
        return;
      case "group":
        visit(node.inner);
        return;
      case "power":
        visit(node.base);
        return;
      case "random":
        visit(node.effects);
        visit(node.grouping);
        return;
      case "operator":
        if (node.left) visit(node.left);
        visit(node.right);
        return;
      case "intercept":
        return;
    }
  };
  if (formula.response) response(formula.response);
  visit(formula.rhs);
  return names;
}

/** Column names in formula text; null when the text does not parse. */
export function columnsInFormulaText(text: string): string[] | null {
  try {
    return formulaColumns(parseFormula(text));
  } catch {
    return null;
  }
}

/**
 * The text with every use of column `from` written as column `to`. A name followed by `(` is a
 * function call and is left alone, as are argument names (`raw = TRUE`). Text that does not
 * tokenize is returned unchanged.
 */
export function renameColumnInText(text: string, from: string, to: string): string {
  if (from === to) return text;
  let tokens;
  try {
    tokens = tokenize(text);
  } catch {
    return text;
  }
  let out = "";
  let at = 0;
  tokens.forEach((t, i) => {
    if (t.kind !== "name" || t.text !== from) return;
    const next = tokens[i + 1];
    if (next?.kind === "op" && (next.text === "(" || next.text === "=")) return;
    out += text.slice(at, t.start) + quoteName(to);
    at = t.end;
  });
  return out + text.slice(at);
}
