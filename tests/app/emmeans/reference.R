# Reference values for tests/app/emmeans: R's emmeans on lme4/lmerTest fits.
# Run from the repository root:  Rscript tests/app/emmeans/reference.R
# Writes tests/app/emmeans/reference.json (read by the tests) and prints what it computed
# (saved as tests/app/emmeans/reference-output.txt). Versions are recorded in the JSON.
suppressPackageStartupMessages({ library(lmerTest); library(emmeans); library(jsonlite) })
emm_options(lmerTest.limit = 1e6, pbkrtest.limit = 1e6)
dat <- function(f) read.csv(f, stringsAsFactors = TRUE)
politeness <- dat("tests/fixtures/reference/data/politeness.csv")
cake <- dat("tests/fixtures/reference/data/cake.csv")
oats <- dat("tests/fixtures/oats.csv")

cases <- list()
add <- function(id, file, formula, kind, specs, by, df, adjust, table) {
  cat(sprintf("\n### %s  (%s; %s; df = %s; adjust = %s)\n", id, formula, kind, df, adjust))
  print(table)
  t <- as.data.frame(table)
  cases[[length(cases) + 1]] <<- list(id = id, data = file, formula = formula, kind = kind,
    specs = specs, by = by, df = df, adjust = adjust, rows = t)
}
run <- function(id, file, d, formula, specs, by = NULL, dfs = c("satterthwaite", "kenward-roger"),
                adjusts = c("tukey", "holm", "bonferroni", "none"), trend = NULL) {
  m <- lmer(as.formula(formula), data = d)
  for (df in dfs) {
    if (is.null(trend)) {
      e <- emmeans(m, specs = specs, by = by, lmer.df = df)
      add(paste(id, "emmeans", df), file, formula, "emmeans", specs, by, df, "none", summary(e, infer = c(TRUE, FALSE)))
    } else {
      e <- emtrends(m, specs = specs, by = by, var = trend, lmer.df = df)
      add(paste(id, "emtrends", df), file, formula, "emtrends", specs, by, df, "none", summary(e, infer = c(TRUE, FALSE)))
    }
    for (a in adjusts) {
      add(paste(id, "pairs", df, a), file, formula, "pairs", specs, by, df, a,
          summary(pairs(e), adjust = a, infer = c(TRUE, TRUE)))
    }
  }
}
P <- "tests/fixtures/reference/data/politeness.csv"
run("politeness attitude", P, politeness, "frequency ~ attitude * gender + (1 | subject) + (1 | scenario)", "attitude")
run("politeness attitude:gender", P, politeness, "frequency ~ attitude * gender + (1 | subject) + (1 | scenario)", c("attitude", "gender"), adjusts = c("tukey", "holm"))
run("politeness attitude|gender", P, politeness, "frequency ~ attitude * gender + (1 | subject) + (1 | scenario)", "attitude", by = "gender", adjusts = c("tukey", "none"))
run("politeness slopes attitude", P, politeness, "frequency ~ attitude + gender + (1 + attitude | subject) + (1 | scenario)", "gender", adjusts = "none")
# A covariate inside an expression: emmeans holds it at log(mean(scenario)), not mean(log(scenario)).
run("politeness log covariate", P, politeness, "frequency ~ attitude * log(scenario) + (1 | subject)", "attitude", dfs = "satterthwaite", adjusts = "none")
O <- "tests/fixtures/oats.csv"
run("oats N", O, oats, "Y ~ N * V + (1 | B / V)", "N")
run("oats V", O, oats, "Y ~ N * V + (1 | B / V)", "V", adjusts = c("tukey", "bonferroni"))
run("oats N|V", O, oats, "Y ~ N * V + (1 | B / V)", "N", by = "V", adjusts = c("tukey", "holm"))
run("oats nitro V", O, oats, "Y ~ nitro * V + (1 | B / V)", "V", adjusts = c("tukey"))
run("oats slopes", O, oats, "Y ~ nitro * V + (1 | B / V)", "V", adjusts = c("tukey", "none"), trend = "nitro")
C <- "tests/fixtures/reference/data/cake.csv"
run("cake temperature", C, cake, "angle ~ recipe * temperature + (1 | recipe:replicate)", "temperature")
run("cake recipe", C, cake, "angle ~ recipe * temperature + (1 | recipe:replicate)", "recipe", adjusts = c("tukey", "holm"))

# Simple-effect F tests: joint_tests(by = ...) as test(contrast(emmeans(m, ~ a | b), "consec"), joint = TRUE).
# emmeans stores F.ratio and df2 rounded (3 and 2 decimals); p.value is full precision.
joint <- function(id, file, d, formula, specs, by) {
  m <- lmer(as.formula(formula), data = d)
  for (df in c("satterthwaite", "kenward-roger")) {
    e <- emmeans(m, specs = specs, by = by, lmer.df = df)
    add(paste(id, "joint", df), file, formula, "joint", specs, by, df, "none", test(contrast(e, "consec"), joint = TRUE))
  }
}
joint("oats N|V", O, oats, "Y ~ N * V + (1 | B / V)", "N", "V")
joint("politeness attitude|gender", P, politeness, "frequency ~ attitude * gender + (1 | subject) + (1 | scenario)", "attitude", "gender")

# GLMMs: asymptotic (z) inference; means on the link scale and, through the inverse link, on the
# response scale (type = "response": probabilities / rates, delta-method SEs; comparisons as odds
# ratios / ratios).
run_glmm <- function(id, file, d, formula, family, specs, categorical, adjusts = c("tukey", "none")) {
  m <- glmer(as.formula(formula), data = d, family = family)
  for (type in c("link", "response")) {
    e <- emmeans(m, specs = specs, type = type)
    t <- summary(e, infer = c(TRUE, FALSE))
    add(paste(id, "emmeans", type), file, formula, "emmeans", specs, NULL, "asymptotic", "none", t)
    cases[[length(cases)]]$family <<- family
    cases[[length(cases)]]$type <<- type
    cases[[length(cases)]]$categorical <<- categorical
    for (a in adjusts) {
      add(paste(id, "pairs", type, a), file, formula, "pairs", specs, NULL, "asymptotic", a,
          summary(pairs(e), adjust = a, infer = c(TRUE, TRUE)))
      cases[[length(cases)]]$family <<- family
      cases[[length(cases)]]$type <<- type
      cases[[length(cases)]]$categorical <<- categorical
    }
  }
}
cbpp <- dat("tests/fixtures/reference/data/cbpp.csv"); cbpp$period <- factor(cbpp$period)
run_glmm("cbpp period", "tests/fixtures/reference/data/cbpp.csv", cbpp, "cbind(incidence, size - incidence) ~ period + (1 | herd)", "binomial", "period", "period")
grouse <- dat("tests/fixtures/reference/data/grouseticks.csv"); grouse$YEAR <- factor(grouse$YEAR)
grouse$BROOD <- factor(grouse$BROOD); grouse$LOCATION <- factor(grouse$LOCATION)
run_glmm("grouseticks YEAR", "tests/fixtures/reference/data/grouseticks.csv", grouse, "TICKS ~ YEAR + HEIGHT + (1 | BROOD) + (1 | LOCATION)", "poisson", "YEAR", "YEAR")

out <- list(
  versions = list(R = R.version.string, lme4 = as.character(packageVersion("lme4")),
    lmerTest = as.character(packageVersion("lmerTest")), emmeans = as.character(packageVersion("emmeans")),
    pbkrtest = as.character(packageVersion("pbkrtest"))),
  cases = cases)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, null = "null", na = "null", pretty = TRUE),
  "tests/app/emmeans/reference.json")
