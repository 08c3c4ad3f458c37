export { parseCsv, readCsv, readCsvRows, DEFAULT_MISSING } from "./parse-csv";
export type { CsvOptions, CsvImport, CsvRows } from "./parse-csv";
export { rowsToTable, readHeader, detectDecimal, MAX_COLUMNS } from "./rows-to-table";
export type { ColumnType, TableOptions } from "./rows-to-table";
export { decodeText, stripBom } from "./decode";
export type { DecodedText, TextEncodingName } from "./decode";
export { compareLevels, sortLevels, formatNumberLabel } from "./levels";
export { parseNumberCell } from "./infer-columns";
