/**
 * Reading reference cases. The vendored cases hold arrays; the extra cases were written with
 * R's auto_unbox, where a one-element array became a bare value, so every list is normalised.
 */
import { readFileSync, readdirSync } from "node:fs";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ModelFamily } from "../../app/engine/families";
import type { LinkName } from "../../app/engine/glmm";

export type Row = Record<string, unknown>;

export interface ReferenceCase {
  readonly id: string;
  readonly file: string;
  readonly data: string;
  readonly formula: string;
  readonly family: ModelFamily;
  /** GLMM link where it is not the family's default (reference-families cases). */
  readonly link?: LinkName;
  /** Negative binomial: lme4's getME(m, "glmer.nb.theta"). */
  readonly nb_theta?: number;
  /** The data file's full path: the case folder's sibling data/ when the file is there, else the vendored reference data. */
  readonly dataPath: string;
  readonly method: "REML" | "ML" | "Laplace";
  readonly categorical: string[];
  readonly nobs: number;
  readonly ngroups: Record<string, number>;
  readonly fixef: Row[];
  readonly varcorr: Row[];
  readonly sigma: number | null;
  readonly logLik: number;
  readonly df: number;
  readonly AIC: number;
  readonly BIC: number;
  readonly REMLcrit: number | null;
  readonly deviance: number | null;
  readonly theta: number[];
  readonly singular: boolean;
  readonly warned: boolean;
  readonly ranef: { group: string; terms: string[]; levels: string[]; values: number[][]; condsd: number[][] }[];
  readonly anova3?: Row[];
  readonly r2_marginal?: number;
  readonly r2_conditional?: number;
  readonly ci_profile?: Row[];
}

export const FIXTURES = join(import.meta.dirname, "../fixtures");
export const DATA_DIR = join(FIXTURES, "reference/data");
// MIXWELL_REFERENCE_CASES=DIR runs the harness on the cases in DIR alone (a development sweep of
// cases made with scripts/reference/make-case.R, before they are vendored).
const CASE_DIRS = process.env.MIXWELL_REFERENCE_CASES
  ? [process.env.MIXWELL_REFERENCE_CASES]
  : [join(FIXTURES, "reference/cases"), join(FIXTURES, "reference-extra/cases"), join(FIXTURES, "reference-families/cases")];

export function asArray<T>(x: T | T[] | null | undefined): T[] {
  return Array.isArray(x) ? x : x === null || x === undefined ? [] : [x];
}

function asMatrix(x: unknown): number[][] {
  const rows: unknown[] = Array.isArray(x) ? x : x === null || x === undefined ? [] : [x];
  return rows.length > 0 && typeof rows[0] === "number" ? [rows as number[]] : (rows as number[][]);
}

export function loadReferenceCases(): ReferenceCase[] {
  return CASE_DIRS.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => normalise(JSON.parse(readFileSync(join(dir, f), "utf8")) as Record<string, unknown>, join(dir, f))),
  );
}

function normalise(raw: Record<string, unknown>, file: string): ReferenceCase {
  const c = raw as unknown as ReferenceCase & Record<string, unknown>;
  return {
    ...c,
    file,
    dataPath: dataPathOf(file, c.data),
    categorical: asArray(raw.categorical as string | string[]),
    fixef: asArray(raw.fixef as Row | Row[]),
    varcorr: asArray(raw.varcorr as Row | Row[]),
    theta: asArray(raw.theta as number | number[]),
    warned: raw.warned === true,
    ranef: asArray(raw.ranef as Row | Row[]).map((b) => ({
      group: b.group as string,
      terms: asArray(b.terms as string | string[]),
      levels: asArray(b.levels as string | string[]),
      values: asMatrix(b.values),
      condsd: asMatrix(b.condsd),
    })),
    ...(raw.anova3 !== undefined ? { anova3: asArray(raw.anova3 as Row | Row[]) } : {}),
    ...(raw.ci_profile !== undefined ? { ci_profile: asArray(raw.ci_profile as Row | Row[]) } : {}),
  };
}

function dataPathOf(caseFile: string, data: string): string {
  const own = join(dirname(caseFile), "../data", data);
  return existsSync(own) ? own : join(DATA_DIR, data);
}
