/** Printing a parsed formula back as text, in R's style (`y ~ x * g + (1 | s)`). */
import type { Formula, Response, TermNode } from "./ast";
import { formatExpression } from "./expression";

export function formatFormula(formula: Formula): string {
  const rhs = formatTerms(formula.rhs);
  return formula.response ? `${formatResponse(formula.response)} ~ ${rhs}` : `~${rhs}`;
}

export function formatResponse(response: Response): string {
  if (response.kind === "expression") return formatExpression(response.expr);
  return `cbind(${formatExpression(response.successes)}, ${formatExpression(response.failures)})`;
}

export function formatTerms(node: TermNode): string {
  switch (node.kind) {
    case "intercept":
      return node.present ? "1" : "0";
    case "variable":
      return formatExpression(node.expr);
    case "group":
      return `(${formatTerms(node.inner)})`;
    case "offset":
      return `offset(${formatExpression(node.expr)})`;
    case "power":
      return `${formatTerms(node.base)}^${node.exponent}`;
    case "random":
      return `(${formatTerms(node.effects)} ${node.uncorrelated ? "||" : "|"} ${formatTerms(node.grouping)})`;
    case "operator": {
      const spaced = node.op === "+" || node.op === "-" || node.op === "*";
      if (node.left === null) return node.op + formatTerms(node.right);
      return formatTerms(node.left) + (spaced ? ` ${node.op} ` : node.op) + formatTerms(node.right);
    }
  }
}
