/** Model frame: data + formula → the numeric matrices a mixed-model fit needs. */
export type { BinomialTrials, FixedDesign, FixedTermInfo, FrameVariable, ModelFrame, RandomTerm } from "./types";
export { buildModelFrame } from "./build";
export type { ModelFrameOptions } from "./build";
export type { Family } from "./random";
export { lme4TermOrder } from "./random";
export type { ContrastKind } from "./contrasts";
