/**
 * The window-level parts of the data workspace that App.svelte wires in: the Edit menu, the
 * undo/redo shortcuts, and a file dropped on the window.
 */
import type { MenuDefinition } from "../MenuBar";
import { workspace } from "../../state/workspace.svelte";

/** What the Edit menu needs from the Data region. */
export interface DataActions {
  copyText(): string | null;
  pasteText(text: string): void;
  insertRow(): void;
  deleteRows(): void;
  addColumn(): void;
  computedColumn(): void;
}

const mac = typeof navigator !== "undefined" && /Mac/.test(navigator.platform);
const mod = mac ? "⌘" : "Ctrl+";

export function dataEditMenu(region: () => DataActions | undefined): MenuDefinition {
  return {
    label: "Edit",
    items: [
      { label: "Undo", shortcut: `${mod}Z`, action: () => workspace.undo() },
      { label: "Redo", shortcut: mac ? "⇧⌘Z" : "Ctrl+Y", action: () => workspace.redo() },
      { label: "Copy", shortcut: `${mod}C`, separatorBefore: true, action: () => void copy(region()) },
      { label: "Paste", shortcut: `${mod}V`, action: () => void paste(region()) },
      { label: "Insert row", separatorBefore: true, action: () => region()?.insertRow() },
      { label: "Delete rows", action: () => region()?.deleteRows() },
      { label: "Add column", action: () => region()?.addColumn() },
      { label: "Computed column…", action: () => region()?.computedColumn() },
    ],
  };
}

async function copy(region: DataActions | undefined): Promise<void> {
  const text = region?.copyText();
  if (!text) return workspace.say("Select cells in the grid to copy.");
  try {
    await navigator.clipboard.writeText(text);
    workspace.say("Copied the selected cells.");
  } catch {
    workspace.say(`The clipboard is not available here; use ${mod}C in the grid.`);
  }
}

async function paste(region: DataActions | undefined): Promise<void> {
  try {
    const text = await navigator.clipboard.readText();
    region?.pasteText(text);
  } catch {
    workspace.say(`The clipboard cannot be read from the menu here; click a cell and press ${mod}V.`);
  }
}

export function isUndoKey(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === "z";
}

export function isRedoKey(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && ((e.shiftKey && e.key.toLowerCase() === "z") || (!e.shiftKey && e.key.toLowerCase() === "y"));
}

export function droppedFile(e: DragEvent): File | null {
  e.preventDefault();
  return e.dataTransfer?.files?.[0] ?? null;
}
