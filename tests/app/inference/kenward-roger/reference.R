# Reference values for tests/app/inference/kenward-roger: pbkrtest's vcovAdj and Kenward-Roger df,
# lmerTest's summary/anova with ddf = "Kenward-Roger". Run from the repository root:
#   Rscript tests/app/inference/kenward-roger/reference.R > tests/app/inference/kenward-roger/reference-output.txt
suppressPackageStartupMessages({ library(lmerTest); library(pbkrtest); library(jsonlite) })
dat <- function(f) read.csv(f, stringsAsFactors = TRUE)
R <- "tests/fixtures/reference/data/"
models <- list(
  list(id = "sleepstudy slopes", data = paste0(R, "sleepstudy.csv"), formula = "Reaction ~ Days + (Days | Subject)"),
  list(id = "politeness intercepts", data = paste0(R, "politeness.csv"), formula = "frequency ~ attitude * gender + (1 | subject) + (1 | scenario)"),
  list(id = "politeness slopes", data = paste0(R, "politeness.csv"), formula = "frequency ~ attitude + gender + (1 + attitude | subject) + (1 | scenario)"),
  list(id = "oats split-plot", data = "tests/fixtures/oats.csv", formula = "Y ~ N * V + (1 | B / V)"),
  list(id = "cake", data = paste0(R, "cake.csv"), formula = "angle ~ recipe * temperature + (1 | recipe:replicate)"),
  list(id = "sleepstudy uncorrelated", data = paste0(R, "sleepstudy.csv"), formula = "Reaction ~ Days + (Days || Subject)")
)
cases <- lapply(models, function(mm) {
  d <- dat(mm$data)
  m <- lmer(as.formula(mm$formula), data = d, REML = TRUE)
  Va <- vcovAdj(m)
  s <- summary(m, ddf = "Kenward-Roger")$coefficients
  a <- anova(m, type = 3, ddf = "Kenward-Roger")
  cat(sprintf("\n### %s: %s\n", mm$id, mm$formula))
  print(s); print(a)
  cat("vcovAdj:\n"); print(as.matrix(Va))
  list(id = mm$id, data = mm$data, formula = mm$formula,
       theta = I(unname(getME(m, "theta"))), sigma = sigma(m),
       names = colnames(s), terms = rownames(s),
       vcov = unname(as.matrix(vcov(m))), vcovAdj = unname(as.matrix(Va)),
       coef = list(estimate = unname(s[, 1]), se = unname(s[, 2]), df = unname(s[, 3]),
                   t = unname(s[, 4]), p = unname(s[, 5])),
       anova = list(term = I(rownames(a)), numDF = I(a$NumDF), denDF = I(a$DenDF), F = I(a[["F value"]]), p = I(a[["Pr(>F)"]])))
})
out <- list(versions = list(R = R.version.string, lme4 = as.character(packageVersion("lme4")),
  lmerTest = as.character(packageVersion("lmerTest")), pbkrtest = as.character(packageVersion("pbkrtest"))),
  cases = cases)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "tests/app/inference/kenward-roger/reference.json")
