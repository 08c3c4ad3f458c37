/**
 * R code of issue 19's inference for a linear mixed model `m` fitted to `d`: lmerTest's ranova
 * (Random-effect tests), effectsize's standardized refit, the Johnson–Neyman bounds of each
 * numeric-by-numeric interaction (the slope's t from vcov() and lmerTest's contest1D df), and the
 * parametric bootstrap (lme4's confint(method = "boot"), pbkrtest's PBmodcomp) — commented out,
 * since a thousand refits take a while, unless the project stored a bootstrap run, whose number of
 * refits and seed the code then repeats.
 */
import { expandFormula, parseFormula } from "../formula";
import type { BootstrapResult } from "../inference/bootstrap-summary";
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
    "# Parametric bootstrap: percentile intervals from 1000 refits (lme4's bootMer), and the p-value of a",
    "# comparison with a smaller model m0 (pbkrtest). Slow; remove the # to run them.",
    `# set.seed(1); confint(m, method = "boot", nsim = 1000, boot.type = "perc", oldNames = FALSE)`,
    "# pbkrtest::PBmodcomp(m, m0, nsim = 1000, seed = 1)",
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

/**
 * The R code repeating a stored bootstrap run: the same number of refits and seed. R's random
 * numbers are not Mixwell's, so its intervals agree within Monte Carlo error, not digit for digit.
 */
export function bootstrapRCode(boot: BootstrapResult): string {
  return [
    `# Parametric bootstrap as in Mixwell: ${boot.nboot} refits, seed ${boot.seed} (R's random numbers differ, so the bounds agree within Monte Carlo error)`,
    `set.seed(${boot.seed})`,
    `confint(m, method = "boot", nsim = ${boot.nboot}, boot.type = "perc", oldNames = FALSE)  # lme4's bootMer(type = "parametric") refits`,
    "",
  ].join("\n");
}
