/**
 * "Fit the current model" as one command: what stops the selected model from being fitted (in
 * the words the Model region shows), and the fit itself, for Ctrl/Cmd+Enter and the live refit.
 */
import type { ImportedTable } from "../../../app/api";
import { unknownColumnProblem } from "../../../app/model-spec";
import { models, type ModelEntry } from "./models.svelte";
import { workspace } from "./workspace.svelte";
import { liveResults } from "./live-results.svelte";

/** Why `entry` cannot be fitted on `table` now, or null when it can (a running fit aside). */
export function fitBlocker(entry: ModelEntry, table: ImportedTable | null): string | null {
  if (!table) return "Import data to fit a model.";
  const problem = entry.problem ?? unknownColumnProblem(entry.builder, entry.formulaText, table.table.columns.map((c) => c.name));
  if (problem) return "Correct the formula first.";
  if (!entry.builder.outcome) return "Choose an outcome.";
  if (entry.builder.random.length === 0) return "Add at least one grouping factor under Random effects.";
  return null;
}

/**
 * True while the model's results are being replaced: a fit is running, or live results will start
 * one in a moment. Out-of-date results then stay on screen dimmed, without "fit again" notices.
 */
export function refitUnderway(entry: ModelEntry, table: ImportedTable | null): boolean {
  if (entry.status === "fitting") return true;
  return entry.status === "idle" && table !== null && liveResults.isOn(table.table.nrow) && fitBlocker(entry, table) === null;
}

/** Fit the selected model, or say in the status bar why it cannot be fitted. */
export function fitSelectedModel(): void {
  const entry = models.selected;
  const table = workspace.table;
  const blocker = fitBlocker(entry, table);
  if (blocker) return workspace.say(blocker);
  if (entry.status === "fitting") return workspace.say(`${entry.spec.name} is being fitted.`);
  if (table) void models.fit(table);
}
