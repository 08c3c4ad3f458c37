/**
 * runOrdinalFit: data table + clmm-style formula → the fitted cumulative link mixed model, and
 * ordinalFitToJson: its JSON as `mixwell fit --family ordinal --json` prints it (fields of
 * tests/fixtures/reference-ordinal: thresholds, fixef, varcorr, logLik, df, AIC; and the
 * conditional modes `ranef` with the LMM/GLMM JSON's field names, tests/fixtures/reference/README.md).
 */
import type { DataTable } from "../../data/column";
import type { ModelFrame } from "../model-frame";
import { fitOrdinal } from "./fit";
import { buildOrdinalFrame, type OrdinalFrameOptions } from "./frame";
import type { OrdinalLink } from "./links";
import { ordinalRanefBlocks } from "./ranef-blocks";
import type { RanefBlock } from "../lmm/types";
import { ranefBlockJson, type RanefBlockJson } from "../ranef-json";
import type { OrdinalFitResult } from "./types";

export interface OrdinalFitSpec extends OrdinalFrameOptions {
  readonly formula: string;
  readonly link?: OrdinalLink;
  readonly nAGQ?: number;
}

export interface OrdinalFit extends OrdinalFitResult {
  readonly formula: string;
  readonly responseName: string;
  /** The conditional modes per grouping factor with level names (ranef-blocks.ts). */
  readonly ranefBlocks: readonly RanefBlock[];
}

type Hooks = { onProgress?: (p: { evaluations: number; objective: number }) => void; signal?: { cancelled: boolean } };

export function runOrdinalFit(table: DataTable, spec: OrdinalFitSpec, hooks: Hooks = {}): OrdinalFit {
  return runOrdinalFitWithFrame(table, spec, hooks).fit;
}

/** runOrdinalFit, also returning the model frame (for marginal probabilities on its reference grid). */
export function runOrdinalFitWithFrame(table: DataTable, spec: OrdinalFitSpec, hooks: Hooks = {}): { fit: OrdinalFit; frame: ModelFrame } {
  const built = buildOrdinalFrame(table, spec.formula, spec);
  const result = fitOrdinal(built.data, {
    link: spec.link,
    nAGQ: spec.nAGQ,
    levels: built.levels,
    fixedNames: built.fixedNames,
    onProgress: hooks.onProgress,
    signal: hooks.signal,
  });
  const fit: OrdinalFit = {
    ...result,
    formula: built.frame.formula ?? spec.formula,
    responseName: built.frame.responseName,
    ranefBlocks: ordinalRanefBlocks(result.ranef, built.frame),
    warnings: [...built.warnings, ...result.warnings],
  };
  return { fit, frame: built.frame };
}

/** qnorm(0.975). */
const Z975 = 1.959963984540054;

export interface OrdinalFitJson {
  readonly family: "ordinal";
  readonly formula: string;
  readonly link: OrdinalLink;
  readonly nAGQ: number;
  readonly levels: readonly string[];
  readonly nobs: number;
  readonly ngroups: Readonly<Record<string, number>>;
  readonly thresholds: readonly { name: string; estimate: number; se: number; statistic: number; p: number }[];
  /**
   * With the 95% Wald interval (lower, upper) and, for the logit link, exp(b) with its interval:
   * the cumulative odds ratio (GAMLj's expb; exp of clmm's β, for higher categories).
   */
  readonly fixef: readonly {
    term: string;
    estimate: number;
    se: number;
    statistic: number;
    p: number;
    lower: number;
    upper: number;
    exp_b?: number;
    exp_b_lower?: number;
    exp_b_upper?: number;
  }[];
  readonly varcorr: OrdinalFitResult["varcorr"];
  readonly logLik: number;
  readonly df: number;
  readonly AIC: number;
  readonly singular: boolean;
  readonly max_grad: number;
  readonly cond_H: number;
  readonly warnings: readonly string[];
  /** clmm's ranef(m) and √condVar(m), as the LMM/GLMM JSON's ranef (null for a non-finite number). */
  readonly ranef: readonly RanefBlockJson[];
}

export function ordinalFitToJson(fit: OrdinalFit): OrdinalFitJson {
  return {
    family: "ordinal",
    formula: fit.formula,
    link: fit.link,
    nAGQ: fit.nAGQ,
    levels: fit.levels,
    nobs: fit.nobs,
    ngroups: fit.ngroups,
    thresholds: fit.thresholds.map((t) => ({ name: t.name, estimate: t.estimate, se: t.se, statistic: t.statistic, p: t.p })),
    fixef: fit.fixef.map((t) => {
      const lower = t.estimate - Z975 * t.se;
      const upper = t.estimate + Z975 * t.se;
      const odds = fit.link === "logit" ? { exp_b: Math.exp(t.estimate), exp_b_lower: Math.exp(lower), exp_b_upper: Math.exp(upper) } : {};
      return { term: t.name, estimate: t.estimate, se: t.se, statistic: t.statistic, p: t.p, lower, upper, ...odds };
    }),
    varcorr: fit.varcorr,
    logLik: fit.logLik,
    df: fit.df,
    AIC: fit.AIC,
    singular: fit.singular,
    max_grad: fit.maxGrad,
    cond_H: fit.condH,
    warnings: fit.warnings,
    ranef: fit.ranefBlocks.map(ranefBlockJson),
  };
}
