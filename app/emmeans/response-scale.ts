/**
 * GLMM results on the response scale, as emmeans' type = "response" (regrid through the inverse
 * link): a mean μ = g⁻¹(η) with SE |dμ/dη|·SE(η) (delta method) and interval g⁻¹ of the
 * link-scale ends; a pairwise difference on the logit (log) scale as an odds ratio (ratio)
 * exp(d), SE exp(d)·SE(d), interval exp of the ends, with the link-scale z and p.
 */
import { makeFamily, type GlmmFamilyName, type LinkName } from "../engine/glmm";
import type { ContrastRow, MarginalMeans, RatioScale, ResponseScaleMeans } from "./types";

export function responseScaleMeans(means: MarginalMeans, family: GlmmFamilyName, linkName: LinkName): ResponseScaleMeans {
  const { link } = makeFamily(family, linkName);
  return {
    // emmeans' names: prob (binomial), rate (counts), response (Gamma, inverse Gaussian)
    name: family === "binomial" ? "prob" : family === "poisson" || family === "negative-binomial" ? "rate" : "response",
    link: linkName,
    rows: means.rows.map((r) => {
      const a = link.linkinv(r.lower);
      const b = link.linkinv(r.upper);
      // a decreasing link (inverse, 1/mu^2) turns the ends round; emmeans lists the smaller first
      return { estimate: link.linkinv(r.estimate), se: Math.abs(link.muEta(r.estimate)) * r.se, lower: Math.min(a, b), upper: Math.max(a, b) };
    }),
  };
}

/** The ratio form of a link-scale comparison, for the log and logit links (others have none). */
export function ratioScale(row: Omit<ContrastRow, "ratio">, linkName: LinkName, left: string, right: string): RatioScale | undefined {
  if (linkName !== "logit" && linkName !== "log") return undefined;
  const e = Math.exp(row.estimate);
  return {
    name: linkName === "logit" ? "odds.ratio" : "ratio",
    contrast: `${left} / ${right}`,
    estimate: e,
    se: e * row.se,
    lower: Math.exp(row.lower),
    upper: Math.exp(row.upper),
  };
}
