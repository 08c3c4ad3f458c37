/** Validators of the bootstrap requests (contract-bootstrap.ts): refit count 1 … 100,000, whole-number seed. */
import { array, fail, object, string, type Validator } from "./validators";
import { MAX_REFITS, type BootstrapApiMethods } from "./contract-bootstrap";
import type { FitModelSpec } from "./contract";

const ID = /^[A-Za-z0-9_-]{1,100}$/;

const refits: Validator<number> = (v, path) =>
  Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_REFITS ? (v as number) : fail(path, `must be a whole number from 1 to ${MAX_REFITS}`);

const seed: Validator<number> = (v, path) => (Number.isSafeInteger(v) ? (v as number) : fail(path, "must be a whole number"));

type Validators = { [M in keyof BootstrapApiMethods]: Validator<BootstrapApiMethods[M]["request"]> };

/** The validators, given validate.ts's model-spec validator (one definition of a valid spec). */
export function bootstrapValidators(spec: Validator<FitModelSpec>): Validators {
  const two: Validator<readonly FitModelSpec[]> = (v, path) => {
    const specs = array(spec, 2)(v, path);
    return specs.length === 2 ? specs : fail(path, "must hold exactly two models");
  };
  return {
    bootstrap: object({ tableId: string({ pattern: ID }), spec, nboot: refits, seed }),
    pbModcomp: object({ tableId: string({ pattern: ID }), specs: two, nsim: refits, seed }),
  };
}
