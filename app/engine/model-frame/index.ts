/** Model frame: data + formula → the numeric matrices a mixed-model fit needs. */
export type { BinomialTrials, FixedDesign, FixedTermInfo, FrameVariable, ModelFrame, PolyBasis, RandomTerm } from "./types";
export { polyAt, polyColumnNames } from "./poly";
export { buildModelFrame } from "./build";
export type { ModelFrameOptions } from "./build";
export type { Family } from "./random";
export { lme4TermOrder } from "./random";
export type { ContrastKind } from "./contrasts";
