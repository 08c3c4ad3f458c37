export { cholSolve } from "./chol-solve";
export { choleskyInPlace, choleskyUnblocked, choleskyWorkspace } from "./dense-cholesky";
export {
  backSolveLowerTransposed,
  forwardSolveLower,
  invertLower,
  rightSolveLowerTransposed,
  smallCholesky,
} from "./triangular";
export { DenseCholesky } from "./simd-cholesky";
