export { describeTable, describeColumn } from "./describe";
export type {
  ColumnDescription,
  NumericDescription,
  CategoricalDescription,
  LevelCount,
  TableDescription,
  DescribeProgress,
} from "./describe";
