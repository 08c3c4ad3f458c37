# Reference numbers for tests/app/emmeans/offset-poly.test.ts (emmeans 1.8.4, lme4 1.1-31).
# Run from tests/fixtures/reference/data: Rscript ../../../app/emmeans/offset-poly.R
suppressMessages({ library(lme4); library(emmeans) })
show <- function(x) print(as.data.frame(summary(x)), digits = 12)
cbpp <- read.csv("cbpp.csv"); cbpp$period <- factor(cbpp$period)
m1 <- glmer(incidence ~ period + offset(log(size)) + (1 | herd), cbpp, family = poisson)
show(emmeans(m1, "period"))                       # the offset at its mean, mean(log(size))
show(emmeans(m1, "period", type = "response"))
show(pairs(emmeans(m1, "period")))
d <- read.csv("sleepstudy.csv"); d$g <- factor(d$Days %% 2)
m2 <- lmer(Reaction ~ Days + g + offset(10 * Days) + (1 | Subject), d)
show(emmeans(m2, "g"))                            # + mean(10 * Days) = 45
m3 <- lmer(Reaction ~ poly(Days, 2) + g + (1 | Subject), d)
show(emmeans(m3, "g"))                            # poly recomputed at Days = 4.5
show(emtrends(m3, "g", var = "Days"))
show(emmeans(m3, "g", at = list(Days = 2)))
