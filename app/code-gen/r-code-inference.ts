/**
 * R code of issue 19's inference for a linear mixed model `m` fitted to `d`: lmerTest's ranova
 * (Random-effect tests), effectsize's standardized refit, and the Johnson–Neyman bounds of each
 * numeric-by-numeric interaction (the slope's t from vcov() and lmerTest's contest1D df).
 */
import { expandFormula, parseFormula } from "../formula";
import type { CodeGenInput } from "./types";

/** Numeric-by-numeric interactions `x:m` of the fixed part, as [x, m] pairs. */
function numericPairs(input: CodeGenInput): [string, string][] {
  try {
    const fixed = expandFormula(parseFormula(input.spec.formula)).fixed;
    const numeric = (name: string) => input.columns.some((c) => c.name === name && c.kind === "number") && !input.spec.categorical.includes(name);
    return fixed.terms
      .filter((t) => t.length === 2 && t.every((v) => numeric(fixed.variableNames[v])))
      .map((t) => [fixed.variableNames[t[0]], fixed.variableNames[t[1]]] as [string, string])
      .filter(([a, b]) => a !== b);
  } catch {
    return [];
  }
}

const q = (s: string) => JSON.stringify(s);

export function rInferenceLines(input: CodeGenInput): string[] {
  const lines = [
    "",
    "# Random-effect tests: each random-effect term removed (or a random slope reduced), REML criteria compared",
    "lmerTest::ranova(m)",
    "# Standardized fixed effects (refit on standardized numeric columns) with 95% CIs",
    `effectsize::standardize_parameters(m, method = "refit")`,
  ];
  for (const [x, mod] of numericPairs(input)) {
    lines.push(
      `# Johnson–Neyman: moderator values where the slope of ${x} crosses significance (|t| = critical t, Satterthwaite df)`,
      `jn_t <- function(w) { b <- fixef(m); l <- setNames(numeric(length(b)), names(b)); l[${q(x)}] <- 1; l[${q(`${x}:${mod}`)}] <- w`,
      `  abs(sum(l * b)) / sqrt(drop(t(l) %*% as.matrix(vcov(m)) %*% l)) - qt(0.975, lmerTest::contest1D(m, l)$df) }`,
      `w <- seq(min(d[[${q(mod)}]], na.rm = TRUE), max(d[[${q(mod)}]], na.rm = TRUE), length.out = 201); s <- sapply(w, jn_t)`,
      `sapply(which(diff(sign(s)) != 0), function(i) uniroot(jn_t, w[c(i, i + 1)], tol = 1e-10)$root)  # bounds within the observed range`,
    );
  }
  return lines;
}
