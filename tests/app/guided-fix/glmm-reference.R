# Reference numbers for tests/app/guided-fix/glmm.test.ts (lme4 1.1-31, Debian R).
# Run: Rscript tests/app/guided-fix/glmm-reference.R > tests/app/guided-fix/glmm-reference-output.txt 2>&1
suppressMessages(library(lme4))
ref <- "tests/fixtures/reference/data/"
cb <- read.csv(paste0(ref, "cbpp.csv")); cb$period <- factor(cb$period); cb$herd <- factor(cb$herd)
gt <- read.csv(paste0(ref, "grouseticks.csv"))
gt$YEAR <- factor(gt$YEAR); gt$BROOD <- factor(gt$BROOD); gt$LOCATION <- factor(gt$LOCATION)
sep <- read.csv("tests/fixtures/guided-fix/separation.csv")
show <- function(m) {
  cat("----", deparse(formula(m), width.cutoff = 500L), "\n")
  cat("isSingular", isSingular(m), "\n")
  cat("theta", format(getME(m, "theta"), digits = 10), "\n")
  cat("beta", format(fixef(m), digits = 10), "\n")
  cat("se", format(sqrt(diag(vcov(m))), digits = 10), "\n")
  cat("-2logLik", format(-2 * as.numeric(logLik(m)), digits = 12), "\n")
  print(VarCorr(m))
  cat("messages:", unlist(m@optinfo$conv$lme4$messages), sep = "\n  ")
  invisible(m)
}
# A: a variance at zero on a 4-level factor, and its simplification
mA <- show(glmer(cbind(incidence, size - incidence) ~ period + (1 | herd) + (1 | period), cb, binomial))
show(glmer(cbind(incidence, size - incidence) ~ period + (1 | herd), cb, binomial))
# B: a correlation at -1 next to an unscaled predictor, and both simplifications
show(glmer(TICKS ~ YEAR + HEIGHT + (1 + HEIGHT | LOCATION), gt, poisson))
show(glmer(TICKS ~ YEAR + HEIGHT + (1 + HEIGHT || LOCATION), gt, poisson))
show(glmer(TICKS ~ YEAR + scale(HEIGHT) + (1 + scale(HEIGHT) | LOCATION), gt, poisson))
# C: not converged, nearly unidentifiable (Rescale variables?), and the rescaled model
mC <- show(glmer(TICKS ~ YEAR + HEIGHT + (1 | BROOD) + (1 | LOCATION), gt, poisson))
show(glmer(TICKS ~ YEAR + scale(HEIGHT) + (1 | BROOD) + (1 | LOCATION), gt, poisson))
cat("HEIGHT mean", mean(gt$HEIGHT), "sd", sd(gt$HEIGHT), "\n")
# D: complete separation (every cond C row is a success)
print(with(sep, tapply(y, cond, mean)))
mD <- show(glmer(y ~ cond + (1 | subject), sep, binomial))
print(summary(mD)$coefficients)
# allFit on A and C: -2·logLik per optimiser, estimates
for (m in list(mA, mC)) {
  s <- summary(allFit(m, verbose = FALSE))
  cat("==== allFit", deparse(formula(m), width.cutoff = 500L), "\n")
  print(s$which.OK)
  print(-2 * s$llik, digits = 12)
  print(s$fixef, digits = 8)
  print(s$sdcor, digits = 8)
}
