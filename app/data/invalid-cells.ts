/**
 * A fit must not read a cell the user typed as text into a number column as "missing": that
 * would drop the row silently. This check names the first such cell in the columns a model uses.
 */
import { MixwellError } from "../errors";
import { invalidRows } from "./cells";
import type { DataTable } from "./column";

/** Throw a MixwellError naming the column, row and text of the first invalid cell, if any. */
export function assertNoInvalidCells(table: DataTable, columnNames?: readonly string[]): void {
  for (const column of table.columns) {
    if (columnNames && !columnNames.includes(column.name)) continue;
    const rows = invalidRows(column);
    if (rows.length === 0 || column.kind !== "number") continue;
    const row = rows[0]!;
    const more = rows.length > 1 ? ` (and ${rows.length - 1} more cell${rows.length > 2 ? "s" : ""})` : "";
    throw new MixwellError(
      `Column '${column.name}' has text in row ${row + 1}: '${column.invalid![row]}'${more}. Correct the cell, clear it to make it missing, or make the column categorical.`,
    );
  }
}

/** Names of the table's columns that occur in a formula's text (as whole words or `quoted`). */
export function columnsNamedIn(table: DataTable, formula: string): string[] {
  return table.columns
    .map((c) => c.name)
    .filter((name) => formula.includes("`" + name + "`") || new RegExp(`(^|[^\\p{L}\\p{N}._])${escape(name)}($|[^\\p{L}\\p{N}._])`, "u").test(formula));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
