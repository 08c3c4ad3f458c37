/** Code that reproduces a Mixwell fit elsewhere: R (lme4 + lmerTest) and, where expressible, Python (statsmodels). */
export { rCode } from "./r-code";
export { pythonCode } from "./python-code";
export { bootstrapRCode } from "./r-code-inference";
export { posthocRCode } from "./r-code-posthoc";
export type { CodeColumn, CodeGenInput, GeneratedCode } from "./types";
