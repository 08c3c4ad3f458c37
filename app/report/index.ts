/** Reports of a fit: JSON with the reference field names, a text summary, result tables (CSV, clipboard, APA), the PDF report (pdf/). */
export { fitToJson } from "./fit-json";
export type { FitJson } from "./fit-json";
export { formatFitSummary } from "./summary-text";
export { formatColumn, formatPValue, formatSignificant, significanceStars } from "./format-number";
export { boundColumn, resultTables, thresholdsTable, fixedEffectsTable, randomEffectsTable, anovaTable, fitStatisticsTable } from "./result-tables";
export type { ResultTable, ResultTableId, TableColumn, ColumnKind, Cell } from "./result-tables";
export { formatTable, minusSign, DEFAULT_NUMBER_STYLE } from "./format-table";
export type { NumberStyle, FormattedTable } from "./format-table";
export { formatApaNumber, formatApaP } from "./apa";
export { tableToCsv, tableToTsv, tableToHtml, tableForClipboard, csvFileName, formattedToHtml, formattedToTsv } from "./csv";
export type { ClipboardTable } from "./csv";
export {
  adjustmentName, dfMethodName, posthocLabel, posthocTables, effectSizeTable, effectSizeNote, categoryProbabilityTable, meanClassTable, simpleEffectsTable, marginalMeansTable, responseMeansTable, pairwiseTable, designGroupingsTable,
  designRandomTermsTable, withinGroupSentences, designFindingSentences, optimizerTable, guidedStepSentence,
} from "./analysis-tables";
export { buildReportText, modelReportText } from "./text-report";
export { ranovaNote, ranovaTable } from "./ranova-table";
export { DEFAULT_TERM_NAMES, formulaText, modelTermLabel, plainVariableName, readableColumnName, termLabeller, termNamesSetting } from "./term-labels";
export type { TermNames } from "./term-labels";
