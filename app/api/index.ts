export * from "./contract";
export { parseEnvelope, isApiMethod, requestValidators, InvalidRequestError, MAX_IMPORT_BASE64 } from "./validate";
export type { Validator } from "./validate";
export { toWireTable, toWireColumn, fromWireTable } from "./wire-table";
export { validateWireTable } from "./validate-wire";
export { encodeMessage, decodeMessage, isBinaryMessage } from "./binary-message";
export type { WireTable, WireColumn, WireNumericColumn, WireCategoricalColumn } from "./wire-table";
export type { MixwellBridge } from "./bridge";
