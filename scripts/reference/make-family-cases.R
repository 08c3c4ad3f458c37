# Writes the reference cases for the negative binomial, Gamma and inverse Gaussian families
# (tests/fixtures/reference-families): simulated data sets (seeded) and lme4 1.1-31 fits in the
# schema of tests/fixtures/reference/README.md, plus `link`, `sigma` (lme4's sigma(); null for the negative binomial, whose sigma() is 1 as for Poisson) and, for
# glmer.nb, `nb_theta` (getME(m, "glmer.nb.theta")). Development tool only: Mixwell never needs R.
# Usage (from the repository root): Rscript scripts/reference/make-family-cases.R
suppressMessages({ library(lme4); library(jsonlite) })
dir <- "tests/fixtures/reference-families"
dir.create(file.path(dir, "data"), recursive = TRUE, showWarnings = FALSE)
dir.create(file.path(dir, "cases"), recursive = TRUE, showWarnings = FALSE)

crossed <- function(seed, nsubj, nitem, reps = 1) {
  set.seed(seed)
  d <- expand.grid(rep = seq_len(reps), item = sprintf("i%02d", seq_len(nitem)), subj = sprintf("s%02d", seq_len(nsubj)))
  d$x <- round(rnorm(nrow(d)), 3)
  d$cond <- sample(c("a", "b", "c"), nrow(d), replace = TRUE)
  d$rep <- NULL
  list(d = d, bs = rnorm(nsubj), bi = rnorm(nitem), bsx = rnorm(nsubj))
}
write_data <- function(d, name) write.csv(d, file.path(dir, "data", name), row.names = FALSE)

# Overdispersed counts, crossed subjects and items, a random slope for x by subject.
s <- crossed(181, 30, 12, 2); d <- s$d
eta <- 0.8 + 0.4 * d$x + c(a = 0, b = 0.5, c = -0.3)[d$cond] + 0.5 * s$bs[as.integer(factor(d$subj))] +
  0.2 * s$bsx[as.integer(factor(d$subj))] * d$x + 0.35 * s$bi[as.integer(factor(d$item))]
d$count <- rnbinom(nrow(d), mu = exp(eta), size = 1.7)
write_data(d, "nb-crossed.csv")

# Positive continuous outcomes: Gamma (shape 4) and inverse Gaussian, crossed subjects and items.
s <- crossed(182, 25, 10, 2); d <- s$d
si <- as.integer(factor(d$subj)); ii <- as.integer(factor(d$item))
eta_log <- 1 + 0.3 * d$x + c(a = 0, b = 0.4, c = -0.2)[d$cond] + 0.3 * s$bs[si] + 0.2 * s$bi[ii]
mu <- exp(eta_log)
d$time <- round(rgamma(nrow(d), shape = 4, scale = mu / 4), 4)
eta_inv <- 0.5 + 0.05 * d$x + c(a = 0, b = 0.1, c = -0.08)[d$cond] + 0.06 * s$bs[si] + 0.04 * s$bi[ii]
d$rate <- round(rgamma(nrow(d), shape = 6, scale = (1 / eta_inv) / 6), 4)
eta_id <- 5 + 0.6 * d$x + c(a = 0, b = 0.8, c = -0.5)[d$cond] + 0.7 * s$bs[si] + 0.4 * s$bi[ii]
d$amount <- round(rgamma(nrow(d), shape = 10, scale = eta_id / 10), 4)
rig <- function(n, mu, lambda) { # Michael, Schucany & Haas (1976)
  nu <- rnorm(n)^2; x <- mu + mu^2 * nu / (2 * lambda) - mu / (2 * lambda) * sqrt(4 * mu * lambda * nu + mu^2 * nu^2)
  ifelse(runif(n) <= mu / (mu + x), x, mu^2 / x)
}
eta_ig <- 0.6 + 0.15 * d$x + c(a = 0, b = 0.2, c = -0.1)[d$cond] + 0.2 * s$bs[si] + 0.1 * s$bi[ii]
d$latency <- round(rig(nrow(d), exp(eta_ig), 8), 4)
eta_ig2 <- 0.3 + 0.02 * d$x + c(a = 0, b = 0.04, c = -0.03)[d$cond] + 0.03 * s$bs[si] + 0.02 * s$bi[ii]
d$wait <- round(rig(nrow(d), 1 / sqrt(eta_ig2), 20), 4)
write_data(d, "positive-crossed.csv")

# CASES=id1,id2 (environment) writes only those cases
only <- strsplit(Sys.getenv("CASES"), ",")[[1]]
case <- function(id, data, form, family, link, cats, fitfun) {
  if (length(only) && !(id %in% only)) return(invisible())
  # a data file not simulated here is one of the vendored reference data sets
  path <- file.path(dir, "data", data)
  if (!file.exists(path)) path <- file.path("tests/fixtures/reference/data", data)
  d <- read.csv(path, stringsAsFactors = TRUE)
  for (cc in cats) d[[cc]] <- factor(d[[cc]])
  t0 <- Sys.time()
  warned <- FALSE
  m <- withCallingHandlers(fitfun(as.formula(form), d), warning = function(w) { warned <<- TRUE; invokeRestart("muffleWarning") })
  secs <- as.numeric(Sys.time() - t0, units = "secs")
  cf <- summary(m)$coefficients
  fixef <- lapply(seq_len(nrow(cf)), function(i) list(term = rownames(cf)[i], estimate = cf[i, 1], se = cf[i, 2], statistic = cf[i, 3], p = cf[i, 4]))
  vc <- as.data.frame(VarCorr(m))
  varcorr <- lapply(seq_len(nrow(vc)), function(i) list(group = vc$grp[i],
    name1 = if (is.na(vc$var1[i])) NULL else vc$var1[i], name2 = if (is.na(vc$var2[i])) NULL else vc$var2[i],
    value = if (is.na(vc$var2[i])) vc$vcov[i] else vc$sdcor[i],
    kind = if (is.na(vc$var2[i])) "variance" else "correlation",
    sd = if (is.na(vc$var2[i])) vc$sdcor[i] else NULL))
  re <- ranef(m, condVar = TRUE); rdf <- as.data.frame(re)
  ranef_out <- lapply(names(re), function(g) {
    x <- re[[g]]; sub <- rdf[rdf$grpvar == g, ]
    list(group = g, terms = colnames(x), levels = rownames(x),
         values = lapply(colnames(x), function(tm) sub$condval[sub$term == tm]),
         condsd = lapply(colnames(x), function(tm) sub$condsd[sub$term == tm]))
  })
  ll <- logLik(m)
  res <- list(id = id, data = data, formula = form, family = family, link = link, method = "Laplace",
    categorical = cats, nobs = nobs(m), ngroups = as.list(ngrps(m)), fixef = fixef, varcorr = varcorr,
    sigma = if (family == "negative-binomial") NULL else sigma(m), logLik = as.numeric(ll), df = attr(ll, "df"), deviance = deviance(m), REMLcrit = NULL,
    AIC = AIC(m), BIC = BIC(m), theta = unname(getME(m, "theta")), singular = isSingular(m),
    ranef = ranef_out, lme4_seconds = secs)
  if (family == "negative-binomial") res$nb_theta <- getME(m, "glmer.nb.theta")
  if (warned || length(m@optinfo$conv$lme4$messages)) res$warned <- TRUE
  writeLines(toJSON(res, auto_unbox = TRUE, digits = NA, null = "null", pretty = TRUE), file.path(dir, "cases", paste0(id, ".json")))
  cat(id, "logLik", as.numeric(ll), "seconds", secs, "\n")
}
nb <- function(f, d) glmer.nb(f, data = d)
glm_fam <- function(fam) function(f, d) glmer(f, data = d, family = fam)

case("nb-crossed", "nb-crossed.csv", "count ~ x + cond + (1 + x | subj) + (1 | item)", "negative-binomial", "log", character(0), nb)
case("nb-crossed-intercepts", "nb-crossed.csv", "count ~ x * cond + (1 | subj) + (1 | item)", "negative-binomial", "log", character(0), nb)
case("nb-grouseticks", "grouseticks.csv", "TICKS ~ YEAR + scale(HEIGHT) + (1 | BROOD) + (1 | LOCATION)", "negative-binomial", "log", c("YEAR", "BROOD", "LOCATION"), nb)
case("gamma-log", "positive-crossed.csv", "time ~ x + cond + (1 | subj) + (1 | item)", "gamma", "log", character(0), glm_fam(Gamma(link = "log")))
case("gamma-inverse", "positive-crossed.csv", "rate ~ x + cond + (1 | subj) + (1 | item)", "gamma", "inverse", character(0), glm_fam(Gamma(link = "inverse")))
case("gamma-identity", "positive-crossed.csv", "amount ~ x + cond + (1 | subj) + (1 | item)", "gamma", "identity", character(0), glm_fam(Gamma(link = "identity")))
case("inverse-gaussian-log", "positive-crossed.csv", "latency ~ x + cond + (1 | subj) + (1 | item)", "inverse-gaussian", "log", character(0), glm_fam(inverse.gaussian(link = "log")))
case("inverse-gaussian-mu2", "positive-crossed.csv", "wait ~ x + cond + (1 | subj)", "inverse-gaussian", "1/mu^2", character(0), glm_fam(inverse.gaussian(link = "1/mu^2")))
case("inverse-gaussian-inverse", "positive-crossed.csv", "latency ~ x + cond + (1 | subj) + (1 | item)", "inverse-gaussian", "inverse", character(0), glm_fam(inverse.gaussian(link = "inverse")))
case("inverse-gaussian-identity", "positive-crossed.csv", "latency ~ x + cond + (1 | subj)", "inverse-gaussian", "identity", character(0), glm_fam(inverse.gaussian(link = "identity")))
case("gamma-inverse-nested", "positive-crossed.csv", "rate ~ x + (1 | subj/cond)", "gamma", "inverse", character(0), glm_fam(Gamma(link = "inverse")))
# Correlated random slopes. In both, lme4's optimum is slightly above ours (its own devfun at
# Mixwell's θ and β is lower: by 2.5e-8 here, 3.4e-7 in the singular one), which moves the
# extreme p-values (z ≈ 7–15) by up to ~2e-3 relative; the reference numbers are lme4's.
case("gamma-identity-slopes", "positive-crossed.csv", "amount ~ x + cond + (1 + x | subj) + (1 | item)", "gamma", "identity", character(0), glm_fam(Gamma(link = "identity")))
case("gamma-log-item-slopes", "positive-crossed.csv", "time ~ x + cond + (1 | subj) + (1 + x | item)", "gamma", "log", character(0), glm_fam(Gamma(link = "log")))
