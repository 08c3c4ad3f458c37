/**
 * Comparison of one fit (as `fitToJson` prints it, the CLI's JSON) with one reference case, per
 * field family, each returning its mismatches. Group names are compared with lme4's `.1`, `.2`
 * suffix of split uncorrelated terms removed (README).
 */
import type { FitJson } from "../../app/report";
import type { ReferenceCase, Row } from "./reference-case";
import { Mismatches, TOL } from "./tolerance";

type Json = FitJson & Record<string, unknown>;

export function stripSuffix(group: unknown): string {
  return String(group).replace(/\.\d+$/, "");
}

function key(row: Row, fields: readonly string[]): string {
  return fields.map((f) => (f === "group" ? stripSuffix(row[f]) : String(row[f] ?? null))).join(" / ");
}

function matchRows(m: Mismatches, what: string, ours: readonly Row[] | undefined, refs: readonly Row[], fields: readonly string[]) {
  const pairs: [Row, Row, string][] = [];
  if (!ours) {
    m.missing(what);
    return pairs;
  }
  if (ours.length !== refs.length) m.lines.push(`${what}: ${ours.length} rows vs reference ${refs.length}`);
  const used = new Set<number>();
  for (const ref of refs) {
    const k = key(ref, fields);
    const index = ours.findIndex((row, i) => !used.has(i) && key(row, fields) === k);
    if (index < 0) {
      m.missing(`${what} ${k}`);
      continue;
    }
    used.add(index);
    pairs.push([ours[index], ref, `${what} ${k}`]);
  }
  return pairs;
}

function relaxed(c: ReferenceCase): Mismatches {
  return new Mismatches(c.singular || c.warned ? 10 : 1);
}

export function compareStructure(ours: Json, c: ReferenceCase): Mismatches {
  const m = new Mismatches(1);
  m.equal("nobs", ours.nobs, c.nobs);
  const sorted = (r: Record<string, number> | undefined) =>
    r && Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
  m.equal("ngroups", sorted(ours.ngroups as Record<string, number>), sorted(c.ngroups));
  m.equal("singular", ours.singular, c.singular);
  return m;
}

export function compareLikelihood(ours: Json, c: ReferenceCase): Mismatches {
  const m = relaxed(c);
  if (c.method === "REML") m.atMost("REMLcrit (objective)", ours.REMLcrit, c.REMLcrit!);
  else if (c.method === "ML") m.atMost("deviance (objective)", ours.deviance, c.deviance!);
  else m.atMost("-2 logLik (objective)", typeof ours.logLik === "number" ? -2 * ours.logLik : null, -2 * c.logLik);
  m.near("logLik", ours.logLik, c.logLik, 0, TOL.likelihoodAbs);
  m.near("AIC", ours.AIC, c.AIC, 0, TOL.likelihoodAbs);
  m.near("BIC", ours.BIC, c.BIC, 0, TOL.likelihoodAbs);
  m.equal("df", ours.df, c.df);
  return m;
}

export function compareFixef(ours: Json, c: ReferenceCase): Mismatches {
  const m = relaxed(c);
  for (const [o, r, label] of matchRows(m, "fixef", ours.fixef, c.fixef, ["term"])) {
    const se = r.se as number;
    m.near(`${label} estimate`, o.estimate, r.estimate as number, 0, Math.max(TOL.estimateSe * se, TOL.estimateAbs));
    m.near(`${label} se`, o.se, se, TOL.scaleRel, TOL.scaleAbs);
    m.near(`${label} statistic`, o.statistic, r.statistic as number, TOL.statisticRel, 0);
  }
  return m;
}

export function compareVarCorr(ours: Json, c: ReferenceCase): Mismatches {
  const m = relaxed(c);
  for (const [o, r, label] of matchRows(m, "varcorr", ours.varcorr, c.varcorr, ["group", "name1", "name2", "kind"])) {
    if (r.kind === "correlation") {
      if (!c.singular) m.near(`${label} value`, o.value, r.value as number, 0, TOL.correlationAbs);
      continue;
    }
    m.near(`${label} value`, o.value, r.value as number, TOL.scaleRel, TOL.scaleAbs);
    m.near(`${label} sd`, o.sd, r.sd as number, TOL.scaleRel, TOL.scaleAbs);
  }
  if (c.sigma !== null && c.sigma !== undefined) m.near("sigma", ours.sigma, c.sigma, TOL.scaleRel, TOL.scaleAbs);
  if (c.nb_theta !== undefined) m.near("nb_theta", ours.nb_theta, c.nb_theta, TOL.scaleRel, TOL.scaleAbs);
  if (!Array.isArray(ours.theta)) m.missing("theta");
  else {
    if (ours.theta.length !== c.theta.length) m.lines.push(`theta: length ${ours.theta.length} vs reference ${c.theta.length}`);
    c.theta.forEach((t, i) => m.near(`theta[${i + 1}]`, ours.theta[i], t, TOL.thetaRel, TOL.thetaAbs));
  }
  return m;
}

export function compareRanef(ours: Json, c: ReferenceCase): Mismatches {
  const m = relaxed(c);
  if (!Array.isArray(ours.ranef)) {
    m.missing("ranef");
    return m;
  }
  // lme4's ranef() merges the terms of one grouping factor; look terms up across our blocks.
  const index = new Map<string, { value: unknown; condsd: unknown }>();
  for (const b of ours.ranef) {
    b.terms.forEach((term: string, t: number) =>
      b.levels.forEach((level: string, l: number) =>
        index.set(`${stripSuffix(b.group)} / ${term} / ${level}`, { value: b.values[t]?.[l], condsd: b.condsd[t]?.[l] }),
      ),
    );
  }
  for (const block of c.ranef) {
    block.terms.forEach((term, t) => {
      block.levels.forEach((level, l) => {
        const label = `ranef ${stripSuffix(block.group)} / ${term} / ${level}`;
        const found = index.get(`${stripSuffix(block.group)} / ${term} / ${level}`);
        if (!found) return m.missing(label);
        const condsd = block.condsd[t][l];
        m.near(`${label} value`, found.value, block.values[t][l], 0, Math.max(TOL.ranefCondsd * condsd, TOL.scaleAbs));
        m.near(`${label} condsd`, found.condsd, condsd, TOL.condsdRel, TOL.scaleAbs);
      });
    });
  }
  return m;
}

export function compareDf(ours: Json, c: ReferenceCase): Mismatches {
  const m = relaxed(c);
  for (const [o, r, label] of matchRows(m, "fixef", ours.fixef, c.fixef, ["term"])) {
    m.near(`${label} df`, o.df, r.df as number, TOL.dfRel, 0);
  }
  return m;
}

export function compareP(ours: Json, c: ReferenceCase): Mismatches {
  const m = relaxed(c);
  for (const [o, r, label] of matchRows(m, "fixef", ours.fixef, c.fixef, ["term"])) {
    m.near(`${label} p`, o.p, r.p as number, TOL.pRel, TOL.pAbs);
  }
  return m;
}

export function compareAnova3(ours: Json, c: ReferenceCase): Mismatches {
  const m = relaxed(c);
  for (const [o, r, label] of matchRows(m, "anova3", ours.anova3 as Row[] | undefined, c.anova3 ?? [], ["term"])) {
    m.equal(`${label} numDF`, o.numDF, r.numDF);
    m.near(`${label} denDF`, o.denDF, r.denDF as number, TOL.dfRel, 0);
    m.near(`${label} F`, o.F, r.F as number, TOL.statisticRel, 0);
    m.near(`${label} p`, o.p, r.p as number, TOL.pRel, TOL.pAbs);
  }
  return m;
}

export function compareR2(ours: Json, c: ReferenceCase): Mismatches {
  const m = relaxed(c);
  if (typeof c.r2_marginal === "number") m.near("r2_marginal", ours.r2_marginal, c.r2_marginal, 0, TOL.r2Abs);
  if (typeof c.r2_conditional === "number") m.near("r2_conditional", ours.r2_conditional, c.r2_conditional, 0, TOL.r2Abs);
  return m;
}

export function compareCiProfile(ours: Json, c: ReferenceCase): Mismatches {
  const m = relaxed(c);
  // A correlation is between two effects in either order: the extra cases name it as lme4's
  // profile does ("cor_Days.(Intercept)"), the vendored ones as VarCorr does.
  const pairKey = (r: Row): Row => {
    if (r.kind !== "correlation") return r;
    const [a, b] = [String(r.name1), String(r.name2)].sort();
    return { ...r, name1: a, name2: b };
  };
  const ourRows = (ours.ci_profile as Row[] | undefined)?.map(pairKey);
  const rows = matchRows(m, "ci_profile", ourRows, (c.ci_profile ?? []).map(pairKey), ["group", "name1", "name2", "kind"]);
  for (const [o, r, label] of rows) {
    m.near(`${label} lower`, o.lower, r.lower as number, TOL.ciRel, 0);
    m.near(`${label} upper`, o.upper, r.upper as number, TOL.ciRel, 0);
  }
  return m;
}
