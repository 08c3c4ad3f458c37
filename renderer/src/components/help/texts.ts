/**
 * "What is this?" texts for the results tables, by table caption: what the numbers mean in plain
 * words, for a reader who knows regression but not mixed models.
 */
export const TABLE_HELP: Readonly<Record<string, string>> = {
  "Fixed effects":
    "The average effects in the whole population. Each estimate is how much the outcome changes for one unit of a number predictor, or between a level and the reference level of a category. SE is its standard error; df are Satterthwaite (or Kenward-Roger) degrees of freedom, an estimate of how much information the test has, which with grouped data is less than the number of rows; t and p test whether the effect is zero; the 95% CI is the range of effects compatible with the data.",
  "Random effects":
    "How much the groups (subjects, items, schools) differ from each other. The variance of an intercept is how much the groups' baselines spread around the average; its SD is the same in the outcome's units (about two thirds of groups lie within one SD of the average). A slope's variance is how much the groups differ in that effect. Residual is the variation left within groups. Correlations say whether groups with a high baseline also tend to have a large slope.",
  "Fit statistics":
    "Numbers that describe the fit as a whole. The log-likelihood, AIC and BIC compare models fitted to the same data (lower AIC and BIC are better; compare REML fits only when their fixed effects are the same). The ICC (intra-class correlation) is the share of the variation that lies between groups: 0.4 means 40% of the differences come from which group an observation belongs to. Marginal R² is the share explained by the fixed effects, conditional R² by fixed and random effects together.",
  ANOVA:
    "One test per term of the model, all levels of a factor at once: does this term explain anything, given the others? F is the test statistic; the numerator df are the term's parameters and the denominator df are estimated (Satterthwaite or Kenward-Roger) from the grouped data.",
  "Model comparison":
    "Likelihood-ratio tests between nested models, refitted by maximum likelihood. A small p says the larger model fits clearly better than the smaller one; AIC and BIC weigh fit against the number of parameters (lower is better).",
  "Estimated marginal means":
    "The model's predicted mean of the outcome for each level, averaged over the other predictors, with its standard error and 95% confidence interval.",
  "Marginal means on the response scale":
    "The same marginal means turned back from the link scale into the outcome's own units (probabilities or counts).",
  "Pairwise comparisons":
    "The differences between each pair of levels' marginal means, with p values adjusted for making several comparisons at once.",
  "Simple effects": "The comparisons of one factor's levels separately within each level of another factor.",
  "Optimiser comparison":
    "The same model refitted with other optimisers. When they all reach the same log-likelihood and estimates, a convergence warning was a false alarm.",
};
