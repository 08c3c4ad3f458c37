/**
 * Window-wide key bindings, as pure functions of a key event (unit-tested in
 * tests/renderer/commands/keys.test.ts): which command a key press means, and which menu an
 * Alt+letter mnemonic opens. App.svelte runs the command; the shortcuts sheet lists SHORTCUTS.
 */
export type WindowCommand = "fit" | "focus-data" | "focus-model" | "focus-results" | "open-menus" | "shortcuts";

export type KeyPress = Pick<KeyboardEvent, "key" | "code" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">;

const isMac = (): boolean => typeof navigator !== "undefined" && /Mac/.test(navigator.platform);

/** "Ctrl+" or "⌘" before a key, as this system shows it. */
export const modKey = (): string => (isMac() ? "⌘" : "Ctrl+");

/** The window command a key press stands for, if any (these work in text fields too). */
export function windowCommand(e: KeyPress): WindowCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey && !e.shiftKey && e.key === "Enter") return "fit";
  if (mod && !e.altKey && !e.shiftKey) {
    const digit = /^Digit([123])$/.exec(e.code)?.[1] ?? (/^[123]$/.test(e.key) ? e.key : null);
    if (digit === "1") return "focus-data";
    if (digit === "2") return "focus-model";
    if (digit === "3") return "focus-results";
  }
  if (e.key === "F10" && !mod && !e.altKey && !e.shiftKey) return "open-menus";
  if (mod && !e.altKey && (e.key === "/" || e.key === "?")) return "shortcuts";
  return null;
}

/**
 * The menu an Alt+letter opens: the index of the mnemonic among `mnemonics` (one letter per
 * menu, any case), or null. Uses the physical key (KeyF), since Alt+F types "ƒ" on a Mac.
 */
export function mnemonicMenu(e: KeyPress, mnemonics: readonly string[]): number | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  const letter = /^Key([A-Z])$/.exec(e.code)?.[1] ?? (e.key.length === 1 ? e.key.toUpperCase() : null);
  if (!letter) return null;
  const index = mnemonics.findIndex((m) => m.toUpperCase() === letter);
  return index >= 0 ? index : null;
}

export interface Shortcut {
  readonly keys: string;
  readonly action: string;
}

export interface ShortcutGroup {
  readonly title: string;
  readonly shortcuts: readonly Shortcut[];
}

/** What the Keyboard shortcuts sheet (Help menu) lists. */
export function shortcutGroups(): readonly ShortcutGroup[] {
  const mod = modKey();
  return [
    {
      title: "Window",
      shortcuts: [
        { keys: "F10", action: "Open the menus (then arrow keys move, Enter chooses, Esc closes)" },
        { keys: "Alt+F, Alt+E, Alt+V, Alt+H", action: "Open the File, Edit, View or Help menu" },
        { keys: `${mod}Enter`, action: "Fit the current model" },
        { keys: `${mod}1, ${mod}2, ${mod}3`, action: "Move to the Data, Model or Results region" },
        { keys: "Tab, Shift+Tab", action: "Move to the next or previous control" },
        { keys: "Arrow keys on a divider", action: "Make the regions beside it wider or narrower" },
        { keys: `${mod}/`, action: "Show this list" },
      ],
    },
    {
      title: "Data grid",
      shortcuts: [
        { keys: "Arrow keys", action: "Move between cells (the grid is one Tab stop)" },
        { keys: "Enter or F2", action: "Edit the cell; Enter again keeps the change, Esc drops it" },
        { keys: "Shift+arrow keys", action: "Extend the selection" },
        { keys: "Delete", action: "Clear the selected cells" },
        { keys: `${mod}C, ${mod}V`, action: "Copy or paste cells as tab-separated text" },
        { keys: `${mod}Z, ${isMac() ? "⇧⌘Z" : "Ctrl+Y"}`, action: "Undo or redo the last edit" },
      ],
    },
    {
      title: "Model builder",
      shortcuts: [
        { keys: "Space or Enter on a variable", action: "Select it (several for an interaction or a nested group)" },
        { keys: "Tab to a box's button, Enter", action: "Set as outcome, add to fixed effects, add an interaction or a grouping factor" },
        { keys: "Space on a check box", action: "Tick a random slope, the intercept or a correlation" },
      ],
    },
    {
      title: "Dialogs",
      shortcuts: [
        { keys: "Tab, Shift+Tab", action: "Move within the dialog (focus stays inside)" },
        { keys: "Esc", action: "Close the dialog; focus returns where it was" },
      ],
    },
  ];
}
