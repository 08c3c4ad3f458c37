/**
 * The data grid as a person reads it: columns by their header, cells by display row and column
 * header. (The grid's column ids are internal and change from one session to the next.)
 */
import type { Locator } from "playwright-core";

/** The header cell of the column named `name` (exactly) in `grid` (role grid). */
export function columnHeader(grid: Locator, name: string): Locator {
  const text = new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
  return grid.getByRole("columnheader").filter({ has: grid.page().locator(".ag-header-cell-text", { hasText: text }) });
}

/** The cell in display row `row` (0 = top, after sort and filter) of the column headed `name`. */
export async function gridCell(grid: Locator, row: number, name: string): Promise<Locator> {
  const colId = await columnHeader(grid, name).getAttribute("col-id");
  if (!colId) throw new Error(`No column headed '${name}' in the grid.`);
  return grid.locator(`[role="row"][row-index="${row}"] [role="gridcell"][col-id="${colId}"]`);
}

/** The sort shown on the column headed `name`: "ascending", "descending" or "none". */
export async function sortOf(grid: Locator, name: string): Promise<string> {
  return (await columnHeader(grid, name).getAttribute("aria-sort")) ?? "none";
}
