/**
 * The two inputs of a parametric bootstrap (BootstrapPanel, PbTest): the number of refits, a whole
 * number from 1 to 100,000 (the API's limit, app/api/contract-bootstrap.ts), and the seed, any
 * whole number. Checked here so that the button says what is wrong before anything is sent.
 */
import { MAX_REFITS } from "../../../../app/api/contract-bootstrap";

export interface RefitInputs {
  readonly count: number;
  readonly seed: number;
}

/** The parsed inputs, or the sentence saying what to change. */
export function parseRefitInputs(countText: string, seedText: string, min = 1): RefitInputs | string {
  const count = Number(countText.trim());
  if (countText.trim() === "" || !Number.isInteger(count) || count < min || count > MAX_REFITS) return `Refits must be a whole number from ${min} to ${MAX_REFITS.toLocaleString("en")}.`;
  const seed = Number(seedText.trim());
  if (seedText.trim() === "" || !Number.isSafeInteger(seed)) return "The seed must be a whole number.";
  return { count, seed };
}
