/** Column descriptives of a table, run in a worker. */
import type { DataTable } from "../../../app/data";
import { describeTable, type TableDescription } from "../../../app/describe";
import type { JobContext } from "../job-context";

export interface DescribeJobInput {
  readonly table: DataTable;
}

export function describeJob(input: DescribeJobInput, context: JobContext): TableDescription {
  context.progress(0, "Describing columns…");
  return describeTable(input.table, (fraction, column) => context.progress(fraction, `Described ${column}`));
}
