/** Numerical derivatives (numDeriv's Richardson method; a cheaper shared central-difference scheme) and small symmetric matrix tools for Satterthwaite. */
export { grad, jacobian, hessian, genD } from "./richardson";
export type { DenseMatrix, RichardsonOptions } from "./richardson";
export { symmetricEigen } from "./symmetric-eigen";
export type { SymmetricEigen } from "./symmetric-eigen";
export { pseudoInverseSymmetric } from "./pseudo-inverse";
export type { PseudoInverse, PseudoInverseOptions } from "./pseudo-inverse";
export { centralDerivatives, centralPoints } from "./central";
export type { CentralDerivatives, CentralOptions } from "./central";
