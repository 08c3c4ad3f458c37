/**
 * The models the export dialog offers for the PDF report (issue 15, "a report never mixes data
 * sets"): each model with whether its fit was made on the data as they are now. A current fit is
 * ticked by default; a fit made on other data (edited or replaced since), or no fit, is unticked
 * and, if the user ticks it, fitted again by the report job before the report is written.
 */
import { dataStore } from "./data-table.svelte";
import { models } from "./models.svelte";

export type ReportModelStatus = "current" | "stale" | "unfitted";

export interface ReportChoice {
  readonly id: string;
  /** Position in the project's model list (what the exportReport request names). */
  readonly index: number;
  readonly name: string;
  readonly status: ReportModelStatus;
}

/** The same test as the project snapshot's `current` (models.snapshot): fitted on this table at this version. */
export function reportChoices(): ReportChoice[] {
  const tableId = dataStore.tableId;
  const version = dataStore.version;
  return models.list.map((m, index) => ({
    id: m.id,
    index,
    name: m.spec.name,
    status: !m.result || !m.basis ? "unfitted" : tableId && m.basis.tableId === tableId && m.basis.version === version ? "current" : "stale",
  }));
}

/** What the dialog says beside a model that the report would fit first. */
export const STATUS_NOTE: Readonly<Record<ReportModelStatus, string>> = {
  current: "",
  stale: "out of date (fitted on other data) — will be refitted if ticked",
  unfitted: "not fitted yet — will be fitted if ticked",
};
