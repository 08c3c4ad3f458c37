export { parseCsv, readCsv, DEFAULT_MISSING } from "./parse-csv";
export type { CsvOptions, CsvImport } from "./parse-csv";
export { decodeText, stripBom } from "./decode";
export type { DecodedText, TextEncodingName } from "./decode";
export { compareLevels, sortLevels, formatNumberLabel } from "./levels";
export { parseNumberCell } from "./infer-columns";
