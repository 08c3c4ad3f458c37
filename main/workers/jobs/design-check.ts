/** Design check in a worker: what the data allow the model to estimate, before fitting (app/design-check). */
import type { DataTable } from "../../../app/data";
import { checkDesign, type DesignCheck } from "../../../app/design-check";
import type { JobContext } from "../job-context";
import type { ModelFamily } from "../../../app/engine/families";

export interface DesignCheckJobInput {
  readonly table: DataTable;
  readonly formula: string;
  readonly categorical?: readonly string[];
  readonly family?: ModelFamily;
}

export function designCheckJob(input: DesignCheckJobInput, context: JobContext): DesignCheck {
  context.progress(null, "Checking the design…");
  return checkDesign(input.table, input.formula, { categorical: input.categorical, family: input.family });
}
