/**
 * The data table the user works on, in the renderer.
 *
 * Design: the back end's table store holds the table that describe and fit read (by tableId);
 * this store holds an equal copy for the grid. Every change is an app/data EditOp: it is applied
 * here at once (applyEdit, pure) so the grid responds, and sent to the back end (editTable),
 * which applies the same operation to its copy; requests go one at a time, in order, so both
 * copies pass through the same versions. `version` counts edits; a fit made at an older version
 * is out of date. Undo/redo apply the inverse operation returned by applyEdit, the same way.
 *
 * Columns carry ids (app/data/column-ids.ts) that the grid uses as its column ids, so its sort,
 * filter and widths follow a column when columns are moved, inserted or deleted; the models use
 * them to follow a rename and to keep fits whose columns an edit left alone (onEdited). They are given
 * here, when a table is loaded and before a new column is inserted, from one source for the
 * session (a new table's columns never reuse an old table's ids).
 */
import type { StoredDataRef } from "../../../app/api/contract-project";
import type { ImportedTable, WireColumn } from "../../../app/api";
import { fromWireTable } from "../../../app/api";
import { applyEdit, columnIdSource, fromPlainTable, invalidRows, toPlainTable, UndoHistory, withColumnIds, withNewColumnIds } from "../../../app/data";
import type { Column, DataSnapshot, DataTable, EditOp } from "../../../app/data";
import { api } from "../api";
import type { DataEdit } from "./follow-data-edit";

/** A column as the model builder needs it: name, type and level order. */
export interface ColumnInfo {
  readonly name: string;
  readonly kind: Column["kind"];
  readonly levels: readonly string[];
}

export interface InvalidCell {
  readonly col: number;
  readonly column: string;
  readonly row: number;
  readonly text: string;
}

/** Everything that makes up the shown table, kept when an import replaces it so undo can bring it back. */
interface TableState {
  readonly table: DataTable | null;
  readonly tableId: string | null;
  readonly fileName: string;
  readonly version: number;
  readonly missingCodes: readonly string[];
  readonly meta: Pick<ImportedTable, "encoding" | "warnings">;
  readonly history: UndoHistory;
}

/** A table replaced by an import: the state before (for undo) and after (for redo). */
interface Replacement {
  readonly label: string;
  readonly before: TableState;
  after: TableState | null;
}

export interface LoadedTable {
  readonly tableId: string;
  readonly fileName: string;
  readonly table: DataTable;
  readonly missingCodes: readonly string[];
  readonly encoding: ImportedTable["encoding"];
  readonly warnings: readonly string[];
}

class DataStore {
  #table = $state.raw<DataTable | null>(null);
  #tableId = $state<string | null>(null);
  #fileName = $state("");
  #version = $state(0);
  #missingCodes = $state.raw<readonly string[]>(["NA", ""]);
  #meta = $state.raw<Pick<ImportedTable, "encoding" | "warnings">>({ encoding: null, warnings: [] });
  #undoLabel = $state<string | null>(null);
  #redoLabel = $state<string | null>(null);
  #history = new UndoHistory();
  /** The last import that replaced an open table; undone after every edit made since (see undo). */
  #replaced: Replacement | null = null;
  /** A replacement just undone, for redo. */
  #unreplaced: Replacement | null = null;
  #newColumnId = columnIdSource();
  #sync: Promise<void> = Promise.resolve();
  /** Called with a message when the back end refuses an edit the renderer made. */
  onSyncError: (message: string) => void = () => {};
  /** Called after each edit, undo or redo with the table before and after it (the models follow renamed and changed columns). */
  onEdited: (edit: DataEdit) => void = () => {};

  get table(): DataTable | null {
    return this.#table;
  }
  get tableId(): string | null {
    return this.#tableId;
  }
  get fileName(): string {
    return this.#fileName;
  }
  /** Number of edits since the table was loaded. */
  get version(): number {
    return this.#version;
  }
  get missingCodes(): readonly string[] {
    return this.#missingCodes;
  }
  get undoLabel(): string | null {
    return this.#undoLabel;
  }
  get redoLabel(): string | null {
    return this.#redoLabel;
  }

  /** Names, types and levels of the columns. */
  readonly columns: readonly ColumnInfo[] = $derived.by(() =>
    (this.#table?.columns ?? []).map((c) => ({ name: c.name, kind: c.kind, levels: c.kind === "categorical" ? c.levels : [] })),
  );

  /** Cells of numeric columns whose text is not a number, in column then row order. */
  readonly invalidCells: readonly InvalidCell[] = $derived.by(() => {
    const out: InvalidCell[] = [];
    this.#table?.columns.forEach((c, col) => {
      if (c.kind !== "number") return;
      for (const row of invalidRows(c)) out.push({ col, column: c.name, row, text: c.invalid![row]! });
    });
    return out;
  });

  /** The table as the API's ImportedTable (wire columns are cached per column object). */
  readonly imported: ImportedTable | null = $derived.by(() => {
    const table = this.#table;
    if (!table || !this.#tableId) return null;
    return {
      tableId: this.#tableId,
      fileName: this.#fileName,
      encoding: this.#meta.encoding,
      warnings: this.#meta.warnings,
      version: this.#version,
      missing: this.#missingCodes,
      table: { nrow: table.nrow, columns: table.columns.map(wireColumn) },
    };
  });

  /** Show a table the back end has stored (after an import or a project restore). */
  load(loaded: LoadedTable, version = 0): void {
    this.#table = withColumnIds(loaded.table, this.#newColumnId);
    this.#tableId = loaded.tableId;
    this.#fileName = loaded.fileName;
    this.#missingCodes = loaded.missingCodes;
    this.#meta = { encoding: loaded.encoding, warnings: loaded.warnings };
    this.#version = version;
    this.#history = new UndoHistory();
    this.#replaced = null;
    this.#unreplaced = null;
    this.#refreshLabels();
  }

  /**
   * An import in place of the open table, as one undo step: the previous table (its back-end id,
   * version and edit history) is kept, so undo shows it again and fits made on it are current again.
   */
  replaceImported(imported: ImportedTable): void {
    const before = this.#state();
    this.loadImported(imported);
    this.#replaced = before.table ? { label: `Replace data with ${imported.fileName}`, before, after: null } : null;
    this.#refreshLabels();
  }

  loadImported(imported: ImportedTable): void {
    this.load({
      tableId: imported.tableId,
      fileName: imported.fileName,
      table: fromWireTable(imported.table),
      missingCodes: imported.missing ?? ["NA", ""],
      encoding: imported.encoding,
      warnings: imported.warnings,
    }, imported.version ?? 0);
  }

  clear(): void {
    this.#table = null;
    this.#tableId = null;
    this.#fileName = "";
    this.#version = 0;
    this.#history = new UndoHistory();
    this.#replaced = null;
    this.#unreplaced = null;
    this.#refreshLabels();
  }

  /** Apply an edit as one undo step. Throws MixwellError (nothing changes) when it is refused. */
  apply(op: EditOp, label: string): void {
    // Ids for new columns are fixed here, so that redo inserts them under the same id again.
    const redo = withNewColumnIds(op, this.#newColumnId);
    const inverse = this.#applyAndSend(redo);
    this.#history.record({ label, redo, undo: inverse });
    this.#unreplaced = null;
    this.#refreshLabels();
  }

  undo(): string | null {
    const step = this.#history.takeUndo();
    if (!step) return this.#undoReplace();
    this.#applyAndSend(step.undo);
    this.#refreshLabels();
    return step.label;
  }

  redo(): string | null {
    const step = this.#history.takeRedo();
    if (!step) return this.#redoReplace();
    this.#applyAndSend(step.redo);
    this.#refreshLabels();
    return step.label;
  }

  /** The table as the back end holds it (its id, file name and missing codes), without copying its cells. */
  storedRef(): StoredDataRef | null {
    return this.#table && this.#tableId ? { tableId: this.#tableId, fileName: this.#fileName, missingCodes: [...this.#missingCodes] } : null;
  }

  /** The data as a project file keeps it. */
  snapshot(): DataSnapshot | null {
    if (!this.#table) return null;
    return { fileName: this.#fileName, missingCodes: [...this.#missingCodes], table: toPlainTable(this.#table) };
  }

  /** Load a snapshot (a project being opened): stored in the back end, then shown. */
  async restore(snapshot: DataSnapshot): Promise<void> {
    const result = await api.request("loadTable", snapshot);
    if (!result.ok) throw new Error(result.error.message);
    this.load({
      tableId: result.value.tableId,
      fileName: snapshot.fileName,
      table: fromPlainTable(snapshot.table),
      missingCodes: snapshot.missingCodes,
      encoding: null,
      warnings: [],
    });
  }

  /** Resolves when every edit so far has reached the back end. */
  synced(): Promise<void> {
    return this.#sync;
  }

  #applyAndSend(op: EditOp): EditOp {
    const table = this.#table;
    const tableId = this.#tableId;
    if (!table || !tableId) throw new Error("No data is loaded.");
    const { table: next, inverse } = applyEdit(table, op);
    const fromVersion = this.#version;
    this.#table = next;
    this.#version += 1;
    this.onEdited({ tableId, before: table, after: next, fromVersion, toVersion: this.#version });
    this.#sync = this.#sync.then(async () => {
      const result = await api.request("editTable", { tableId, op });
      if (!result.ok) this.onSyncError(`The change could not be saved for fitting: ${result.error.message} Import the data again.`);
    });
    return inverse;
  }

  #refreshLabels(): void {
    this.#undoLabel = this.#history.nextUndo?.label ?? this.#replaced?.label ?? null;
    this.#redoLabel = this.#history.nextRedo?.label ?? this.#unreplaced?.label ?? null;
  }

  #state(): TableState {
    return {
      table: this.#table,
      tableId: this.#tableId,
      fileName: this.#fileName,
      version: this.#version,
      missingCodes: this.#missingCodes,
      meta: this.#meta,
      history: this.#history,
    };
  }

  #setState(state: TableState): void {
    this.#table = state.table;
    this.#tableId = state.tableId;
    this.#fileName = state.fileName;
    this.#version = state.version;
    this.#missingCodes = state.missingCodes;
    this.#meta = state.meta;
    this.#history = state.history;
  }

  /** Undo an import that replaced the table (the imported table's own edits are undone first). */
  #undoReplace(): string | null {
    const replaced = this.#replaced;
    if (!replaced) return null;
    replaced.after = this.#state();
    this.#setState(replaced.before);
    this.#replaced = null;
    this.#unreplaced = replaced;
    return replaced.label;
  }

  #redoReplace(): string | null {
    const replaced = this.#unreplaced;
    if (!replaced?.after) return null;
    this.#setState(replaced.after);
    this.#unreplaced = null;
    this.#replaced = { ...replaced, after: null };
    return replaced.label;
  }
}

const wireCache = new WeakMap<Column, WireColumn>();

/**
 * A column as a WireColumn for readers of `imported` (the model builder reads names, types and
 * levels). Wire columns hold typed arrays, so this shares the column's arrays: nothing is copied.
 * Cached per column object, so an unchanged column keeps its wire object across edits.
 */
function wireColumn(column: Column): WireColumn {
  let wire = wireCache.get(column);
  if (wire) return wire;
  wire =
    column.kind === "categorical"
      ? { kind: "categorical", name: column.name, codes: column.codes, levels: column.levels }
      : column.invalid && Object.keys(column.invalid).length > 0
        ? { kind: "number", name: column.name, values: column.values, invalid: column.invalid }
        : { kind: "number", name: column.name, values: column.values };
  wireCache.set(column, wire);
  return wire;
}

export const dataStore = new DataStore();
