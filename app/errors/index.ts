export { MixwellError, asMixwellError, toErrorInfo } from "./mixwell-error";
export type { ErrorInfo } from "./mixwell-error";
