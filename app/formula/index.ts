/** lme4 formula syntax: parser, printer, term expansion, and reusable arithmetic expressions. */
export type { ArithmeticOperator, ComparisonOperator, Expr, Formula, FunctionName, PolyArgument, Response, Span, TermNode, TermOperator } from "./ast";
export { COMPARISON_OPERATORS, FUNCTION_NAMES } from "./ast";
export { FormulaLimitError, MAX_FORMULA_NESTING, MAX_FORMULA_TOKENS, parseFormula, parseExpression } from "./parse";
export { formatFormula, formatResponse, formatTerms } from "./format";
export { evaluateExpression, expressionColumns, formatExpression, isLogicalExpression } from "./expression";
export { expandFormula, expandModelTerms, termLabel } from "./terms";
export type { ExpandedFormula, ModelTerms, RandomTermSpec, Term } from "./terms";
export { formatRNumber } from "./format-number";
export { editDistance, nearestName, requireColumn } from "./column-lookup";
export { backtickName, displayTerm, isSyntacticName, quoteName, rQuoteName, splitInteraction, unquoteName, R_RESERVED } from "./names";
export { columnsInFormulaText, formulaColumns, renameColumnInText } from "./column-names";
