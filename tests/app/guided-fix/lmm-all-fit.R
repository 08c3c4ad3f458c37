# lme4's allFit for lmer on sleepstudy and politeness (tests/app/guided-fix/guided-fix.test.ts,
# compareOptimizers). Output: lmm-all-fit-output.txt. Run from the repository root:
#   Rscript tests/app/guided-fix/lmm-all-fit.R > tests/app/guided-fix/lmm-all-fit-output.txt
suppressMessages(library(lme4))
politeness <- read.csv("tests/fixtures/reference/data/politeness.csv", stringsAsFactors = TRUE)
show <- function(m) {
  cat("==== allFit", deparse(formula(m), width.cutoff = 500L), "\n")
  cat("lmer default (nloptwrap BOBYQA): feval", m@optinfo$feval, "REML", sprintf("%.9f", REMLcrit(m)), "theta", sprintf("%.7f", getME(m, "theta")), "\n")
  a <- allFit(m, verbose = FALSE)
  for (n in names(a)) {
    f <- a[[n]]
    if (inherits(f, "error")) { cat(n, "error\n"); next }
    feval <- f@optinfo$feval
    cat(n, "feval", if (is.null(feval)) NA else feval, "REML", sprintf("%.9f", REMLcrit(f)), "theta", sprintf("%.7f", getME(f, "theta")), "\n")
  }
}
show(lmer(Reaction ~ Days + (Days | Subject), sleepstudy))
show(lmer(frequency ~ attitude + gender + (1 | subject) + (1 | scenario), politeness))
