/**
 * A table → CSV text as R's write.csv(row.names = FALSE) writes it: a header, comma-separated,
 * text quoted when needed (a comma, quote or line break), missing cells as NA, numbers in their
 * shortest exact form, invalid cells as the text the user typed.
 */
import { cellText } from "./cells";
import type { DataTable } from "./column";

export function tableToCsv(table: DataTable, missing = "NA"): string {
  const lines: string[] = [table.columns.map((c) => quote(c.name)).join(",")];
  for (let i = 0; i < table.nrow; i++) {
    lines.push(table.columns.map((c) => {
      const text = cellText(c, i);
      return text === null ? missing : c.kind === "number" && !(c.invalid?.[i] !== undefined) ? text : quote(text);
    }).join(","));
  }
  return lines.join("\n") + "\n";
}

function quote(text: string): string {
  return /[",\n\r]/.test(text) || text === "NA" || text.trim() !== text ? `"${text.replace(/"/g, '""')}"` : text;
}
