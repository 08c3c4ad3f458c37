# Writes one reference case (the JSON schema of tests/fixtures/reference/README.md) from an
# lme4/lmerTest fit, so that extra cases can be made the same way as the vendored ones.
# Development tool only: Mixwell never needs R.
# Usage: Rscript make-case.R ID DATA.csv "FORMULA" FAMILY METHOD "cat1,cat2" OUT.json
suppressMessages({ library(lme4); library(lmerTest); library(jsonlite) })
a <- commandArgs(TRUE)
id <- a[1]; datafile <- a[2]; form <- as.formula(a[3]); family <- a[4]; method <- a[5]
cats <- if (nchar(a[6])) strsplit(a[6], ",")[[1]] else character(0); out <- a[7]
d <- read.csv(datafile, na.strings = "NA", stringsAsFactors = TRUE)
for (cc in cats) d[[cc]] <- factor(d[[cc]])
t0 <- Sys.time()
m <- if (family == "gaussian") lmerTest::lmer(form, d, REML = (method == "REML")) else
  glmer(form, d, family = family)
secs <- as.numeric(Sys.time() - t0, units = "secs")
cf <- summary(m)$coefficients
fixef <- lapply(seq_len(nrow(cf)), function(i) {
  r <- list(term = rownames(cf)[i], estimate = cf[i, 1], se = cf[i, 2])
  if (family == "gaussian") { r$df <- cf[i, 3]; r$statistic <- cf[i, 4]; r$p <- cf[i, 5] }
  else { r$statistic <- cf[i, 3]; r$p <- cf[i, 4] }
  r
})
vc <- as.data.frame(VarCorr(m))
varcorr <- lapply(seq_len(nrow(vc)), function(i) list(group = vc$grp[i],
  name1 = if (is.na(vc$var1[i])) NULL else vc$var1[i], name2 = if (is.na(vc$var2[i])) NULL else vc$var2[i],
  value = if (is.na(vc$var2[i])) vc$vcov[i] else vc$sdcor[i],
  kind = if (is.na(vc$var2[i])) "variance" else "correlation",
  sd = if (is.na(vc$var2[i])) vc$sdcor[i] else NULL))
re <- ranef(m, condVar = TRUE)
rdf <- as.data.frame(re)
ranef_out <- lapply(names(re), function(g) {
  x <- re[[g]]; sub <- rdf[rdf$grpvar == g, ]
  list(group = g, terms = colnames(x), levels = rownames(x),
       values = lapply(colnames(x), function(tm) sub$condval[sub$term == tm]),
       condsd = lapply(colnames(x), function(tm) sub$condsd[sub$term == tm]))
})
ll <- logLik(m)
res <- list(id = id, data = basename(datafile), formula = a[3], family = family, method = method,
  categorical = cats, nobs = nobs(m), ngroups = as.list(ngrps(m)), fixef = fixef, varcorr = varcorr,
  sigma = if (family == "gaussian") sigma(m) else NULL, logLik = as.numeric(ll), df = attr(ll, "df"),
  deviance = if (method == "REML") NULL else deviance(m),
  REMLcrit = if (method == "REML") unname(getME(m, "devcomp")$cmp["REML"]) else NULL,
  AIC = AIC(m), BIC = BIC(m), theta = unname(getME(m, "theta")), singular = isSingular(m),
  ranef = ranef_out, lme4_seconds = secs)
if (length(m@optinfo$conv$lme4$messages)) res$warned <- TRUE
if (family == "gaussian") {
  an <- anova(m, type = 3)
  res$anova3 <- lapply(seq_len(nrow(an)), function(i) list(term = rownames(an)[i],
    numDF = an[i, "NumDF"], denDF = an[i, "DenDF"], F = an[i, "F value"], p = an[i, "Pr(>F)"]))
}
if (requireNamespace("performance", quietly = TRUE)) {
  r2 <- tryCatch(suppressWarnings(performance::r2_nakagawa(m)), error = function(e) NULL)
  if (!is.null(r2)) {
    if (is.finite(r2$R2_marginal)) res$r2_marginal <- unname(r2$R2_marginal)
    if (is.finite(r2$R2_conditional)) res$r2_conditional <- unname(r2$R2_conditional)
  }
}
if (family == "gaussian" && !isSingular(m)) {
  ci <- tryCatch(suppressWarnings(confint(m, method = "profile", parm = "theta_", oldNames = FALSE)), error = function(e) NULL)
  if (!is.null(ci)) {
    res$ci_profile <- lapply(seq_len(nrow(ci)), function(i) {
      nm <- rownames(ci)[i]
      if (nm == "sigma") return(list(group = "Residual", name1 = NULL, name2 = NULL, kind = "sd", lower = ci[i, 1], upper = ci[i, 2]))
      kind <- if (startsWith(nm, "sd_")) "sd" else "correlation"
      body <- sub("^(sd|cor)_", "", nm); parts <- strsplit(body, "\\|")[[1]]
      nms <- strsplit(parts[1], "\\.")[[1]]
      list(group = parts[2], name1 = nms[1], name2 = if (kind == "sd") NULL else paste(nms[-1], collapse = "."),
           kind = kind, lower = ci[i, 1], upper = ci[i, 2])
    })
  }
}
writeLines(toJSON(res, auto_unbox = TRUE, digits = NA, null = "null", pretty = TRUE), out)
