/**
 * Exports of result tables: CSV files (RFC 4180; full precision in either style, so the numbers
 * can be analysed further), and the two clipboard forms —
 * tab-separated text and an HTML table — that paste as a table into Word, Excel and LibreOffice.
 */
import { formatTable, type FormattedTable, type NumberStyle } from "./format-table";
import type { Cell, ResultTable } from "./result-tables";
import { DEFAULT_TERM_NAMES, type TermNames } from "./term-labels";

export function tableToCsv(table: ResultTable, style: NumberStyle = "plain"): string {
  // R's column names and full precision in either style: a CSV is for analysing the numbers further.
  // Terms keep R's names; the readable names follow in a last column (after the numbers, so
  // scripts reading the columns by position find them where they were).
  void style;
  const terms = table.termNames;
  const header = table.columns.map((c) => c.label);
  const rows = table.rows.map((r) => r.map(rawCell));
  if (terms) {
    header.push(`${table.columns[terms.column]?.label ?? "Term"} (readable)`);
    rows.forEach((r, i) => r.push(terms.readable[i] ?? ""));
  }
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** Full precision (shortest round-trip form); missing as an empty field. */
function rawCell(c: Cell): string {
  return c === null ? "" : String(c);
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Tab-separated formatted text with the title on the first line (what spreadsheets paste as cells). */
export function tableToTsv(table: ResultTable, style: NumberStyle = "plain", names: TermNames = DEFAULT_TERM_NAMES): string {
  return formattedToTsv(formatTable(table, style, names));
}

/** An HTML table (caption, header, right-aligned numbers; APA: italic symbols, horizontal rules only). */
export function tableToHtml(table: ResultTable, style: NumberStyle = "plain", names: TermNames = DEFAULT_TERM_NAMES): string {
  return formattedToHtml(formatTable(table, style, names), style);
}

/** A table as shown (its strings, whatever made them) as tab-separated text, title first. */
export function formattedToTsv(t: FormattedTable): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, " ");
  return [[t.title], t.header, ...t.rows].map((r) => r.map(clean).join("\t")).join("\n") + "\n";
}

/** A table as shown as an HTML table that pastes as a table into Word, LibreOffice and Excel. */
export function formattedToHtml(t: FormattedTable, style: NumberStyle, note?: string): string {
  const rule = style === "apa" ? "border:none;border-top:1px solid #000;border-bottom:1px solid #000" : "border:1px solid #999";
  const cellStyle = (j: number) => `padding:2px 8px;text-align:${t.textColumn[j] ? "left" : "right"};${style === "apa" ? "" : "border:1px solid #999"}`;
  const head = t.header
    .map((h, j) => `<th style="${cellStyle(j)};${rule}">${t.italicHeader[j] ? `<i>${escapeHtml(h)}</i>` : escapeHtml(h)}</th>`)
    .join("");
  const body = t.rows
    .map((r, i) => {
      const last = style === "apa" && i === t.rows.length - 1 ? ";border-bottom:1px solid #000" : "";
      return `<tr>${r.map((c, j) => `<td style="${cellStyle(j)}${last}">${escapeHtml(c)}</td>`).join("")}</tr>`;
    })
    .join("\n");
  const foot = note ? `<p style="font-family:sans-serif;font-size:smaller"><i>Note.</i> ${escapeHtml(note)}</p>\n` : "";
  return (
    `<table style="border-collapse:collapse;font-family:sans-serif">\n<caption style="text-align:left;font-weight:bold">${escapeHtml(t.title)}</caption>\n` +
    `<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n${foot}`
  );
}

export interface ClipboardTable {
  readonly text: string;
  readonly html: string;
}

/** Both clipboard forms of a table (write them together: text/plain and text/html). */
export function tableForClipboard(table: ResultTable, style: NumberStyle = "plain", names: TermNames = DEFAULT_TERM_NAMES): ClipboardTable {
  return { text: tableToTsv(table, style, names), html: tableToHtml(table, style, names) };
}

/** A file name for a table's CSV: "<model>-<table>.csv", safe on every system. */
export function csvFileName(modelName: string, table: ResultTable): string {
  const safe = modelName.replace(/[^\p{L}\p{N}._-]+/gu, "-").replace(/^-+|-+$/g, "") || "model";
  const tag = table.slug ? `-${table.slug.replace(/[^\p{L}\p{N}._-]+/gu, "-")}` : "";
  return `${safe}-${table.id}${tag}.csv`;
}

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}
