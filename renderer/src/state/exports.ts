/**
 * Exports of the results: the PDF report (built by the back end from the project's stored
 * results), each results table as a CSV file, and a table on the clipboard as tab-separated text
 * plus an HTML table (what Word, Excel and LibreOffice paste as a table).
 */
import { csvFileName, tableForClipboard, tableToCsv } from "../../../app/report/csv";
import type { NumberStyle } from "../../../app/report/format-table";
import { resultTables, type ResultTable } from "../../../app/report/result-tables";
import { posthocTables } from "../../../app/report/analysis-tables";
import type { ModelEntry } from "./models.svelte";
import { api } from "../api";
import { downloadBlob, project } from "./project.svelte";
import { workspace } from "./workspace.svelte";

/** The selected model's result tables, then those of the post-hoc analyses run on its fit. */
export function tablesOf(entry: ModelEntry | null): ResultTable[] {
  const fit = entry?.result;
  if (!fit) return [];
  const posthoc = (entry.posthoc ?? []).flatMap((a) => (a.result ? posthocTables(a.result, fit.statisticName) : []));
  return [...resultTables(fit), ...posthoc];
}

/**
 * PDF report of the project: written to `path`, or downloaded when there is none. `models`: the
 * indexes of the models to include (out-of-date ones are refitted for the report); default all.
 */
export async function exportPdf(path: string | null, style: NumberStyle, models?: readonly number[]): Promise<boolean> {
  workspace.say("Writing the PDF report…");
  const result = await api.request("exportReport", {
    project: await project.snapshot(),
    projectName: reportName(),
    numberStyle: style,
    ...(models ? { models: [...models].sort((a, b) => a - b) } : {}),
    ...(path ? { path } : {}),
  });
  if (!result.ok) {
    workspace.showError(result.error.message);
    return false;
  }
  const file = result.value;
  if (file.contentBase64) downloadBlob(new Blob([base64Bytes(file.contentBase64)], { type: "application/pdf" }), file.fileName);
  workspace.say(file.path ? `Wrote the report to ${file.path}.` : `Downloaded ${file.fileName}.`);
  return true;
}

/** The report's name: the project's, or for a project not saved yet its data file's ("politeness", not "Untitled"). */
function reportName(): string {
  return project.fileName === "Untitled" ? project.suggestedName.replace(/\.mixwell$/i, "") : project.fileName;
}

/** Desktop: ask where to save the PDF with the native dialog, then write it. */
export async function exportPdfWithDialog(style: NumberStyle, models?: readonly number[]): Promise<void> {
  const chosen = await api.request("chooseFile", { purpose: "exportPdf", defaultName: `${reportName().replace(/\.mixwell$/i, "")}.pdf` });
  if (!chosen.ok) return workspace.showError(chosen.error.message);
  if (chosen.value.path) await exportPdf(chosen.value.path, style, models);
}

/** One results table as CSV: downloaded (browser) or saved where the native dialog says (desktop). */
export async function exportCsv(modelName: string, table: ResultTable, style: NumberStyle): Promise<void> {
  const name = csvFileName(modelName, table);
  const text = tableToCsv(table, style);
  if (!project.desktop) {
    downloadBlob(new Blob([text], { type: "text/csv" }), name);
    workspace.say(`Downloaded ${name}.`);
    return;
  }
  const chosen = await api.request("chooseFile", { purpose: "exportCsv", defaultName: name });
  if (!chosen.ok) return workspace.showError(chosen.error.message);
  if (!chosen.value.path) return;
  const written = await api.request("writeExport", { path: chosen.value.path, text });
  if (written.ok) workspace.say(`Wrote ${written.value.path}.`);
  else workspace.showError(written.error.message);
}

/** Put a table on the clipboard as text and as an HTML table. */
export async function copyTable(table: ResultTable, style: NumberStyle): Promise<void> {
  const { text, html } = tableForClipboard(table, style, project.termNames);
  try {
    if (typeof ClipboardItem !== "undefined" && navigator.clipboard?.write) {
      await navigator.clipboard.write([
        new ClipboardItem({ "text/plain": new Blob([text], { type: "text/plain" }), "text/html": new Blob([html], { type: "text/html" }) }),
      ]);
    } else await navigator.clipboard.writeText(text);
    workspace.say(`Copied the ${table.title.toLowerCase()} table.`);
  } catch (err) {
    workspace.showError(`Could not copy the table: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
