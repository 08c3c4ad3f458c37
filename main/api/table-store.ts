/**
 * Tables the user has imported in this session, by id, so later requests (describe, fit) name a
 * table instead of sending it again. Only the most recent few are kept: the UI shows one table
 * at a time, and a large table is large.
 */
import { randomUUID } from "node:crypto";
import type { DataTable } from "../../app/data";
import { MixwellError } from "../../app/errors";

export interface StoredTable {
  readonly id: string;
  readonly fileName: string;
  readonly table: DataTable;
  /** 0 on import, +1 per edit (replace). */
  readonly version: number;
}

export class TableStore {
  readonly #tables = new Map<string, StoredTable>();
  constructor(private readonly capacity = 8) {}

  add(fileName: string, table: DataTable): StoredTable {
    const stored = { id: randomUUID(), fileName, table, version: 0 };
    this.#tables.set(stored.id, stored);
    for (const id of this.#tables.keys()) {
      if (this.#tables.size <= this.capacity) break;
      this.#tables.delete(id);
    }
    return stored;
  }

  /** Put an edited table in place of the stored one; returns the new version. */
  replace(id: string, table: DataTable): StoredTable {
    const old = this.get(id);
    const stored = { ...old, table, version: old.version + 1 };
    this.#tables.set(id, stored);
    return stored;
  }

  get(id: string): StoredTable {
    const stored = this.#tables.get(id);
    if (!stored) throw new MixwellError("That table is no longer loaded. Import the data again.");
    return stored;
  }
}
