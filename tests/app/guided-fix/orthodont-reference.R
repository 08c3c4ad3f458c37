# Guided fix on Orthodont (tests/app/guided-fix/guided-fix.test.ts): the between-Subject slope of Sex.
# Run: Rscript tests/app/guided-fix/orthodont-reference.R > tests/app/guided-fix/orthodont-reference-output.txt
suppressMessages(library(lme4))
d <- read.csv("tests/fixtures/nlme-residual/data/orthodont.csv", stringsAsFactors = TRUE)
cat("Sex levels within Subject:", max(tapply(as.integer(d$Sex), d$Subject, function(s) length(unique(s)))), "\n")
m1 <- lmer(distance ~ age * Sex + (1 + age + Sex | Subject), d)
cat("full model: REMLcrit", format(REMLcrit(m1), digits = 10), " isSingular", isSingular(m1), "\n")
cat("messages:", paste(m1@optinfo$conv$lme4$messages, collapse = " | "), "\n")
m2 <- lmer(distance ~ age * Sex + (1 + age | Subject), d)
cat("without the Sex slope: REMLcrit", format(REMLcrit(m2), digits = 10), " isSingular", isSingular(m2), "\n")
print(fixef(m2), digits = 10)
