/**
 * Undo and redo stacks of edit steps. A step keeps the operation and its inverse as computed when
 * it was applied; undo applies `undo`, redo applies `redo` again. A new step clears the redo
 * stack, as in every editor. The oldest steps fall off beyond `limit`.
 */
import type { EditOp } from "./types";

export interface EditStep {
  /** What the Edit menu says: "Undo Paste", "Undo Change type of 'scenario'". */
  readonly label: string;
  readonly redo: EditOp;
  readonly undo: EditOp;
}

export class UndoHistory {
  #undo: EditStep[] = [];
  #redo: EditStep[] = [];
  constructor(private readonly limit = 500) {}

  record(step: EditStep): void {
    this.#undo.push(step);
    if (this.#undo.length > this.limit) this.#undo.shift();
    this.#redo = [];
  }

  /** The step to undo, moved to the redo stack; undefined when there is nothing to undo. */
  takeUndo(): EditStep | undefined {
    const step = this.#undo.pop();
    if (step) this.#redo.push(step);
    return step;
  }

  /** The step to redo, moved back to the undo stack. */
  takeRedo(): EditStep | undefined {
    const step = this.#redo.pop();
    if (step) this.#undo.push(step);
    return step;
  }

  /** Put back a step whose undo or redo failed to apply. */
  restore(step: EditStep, from: "undo" | "redo"): void {
    if (from === "undo") this.#redo.pop(), this.#undo.push(step);
    else this.#undo.pop(), this.#redo.push(step);
  }

  get nextUndo(): EditStep | undefined {
    return this.#undo.at(-1);
  }
  get nextRedo(): EditStep | undefined {
    return this.#redo.at(-1);
  }

  clear(): void {
    this.#undo = [];
    this.#redo = [];
  }
}
