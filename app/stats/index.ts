/** Probability distributions and special functions, matching R's nmath. */
export { gamma, lgamma, lbeta } from "./gamma";
export { pbeta, pgamma, regularizedIncompleteBeta, regularizedIncompleteGamma } from "./incomplete";
export { pnorm, qnorm, dnorm } from "./normal";
export { pt, qt, dt } from "./t";
export { pchisq, qchisq, dchisq } from "./chisq";
export { pf } from "./f";
export { ptukey, qtukey } from "./tukey";
export { digamma, trigamma } from "./digamma";
