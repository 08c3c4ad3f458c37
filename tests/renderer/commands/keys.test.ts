import { test } from "node:test";
import assert from "node:assert/strict";
import { mnemonicMenu, shortcutGroups, windowCommand, type KeyPress } from "../../../renderer/src/commands/keys";

const press = (key: string, code: string, mods: Partial<Pick<KeyPress, "ctrlKey" | "metaKey" | "altKey" | "shiftKey">> = {}): KeyPress => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

test("Ctrl or Cmd+Enter fits; Enter alone, Shift or Alt with it do not", () => {
  assert.equal(windowCommand(press("Enter", "Enter", { ctrlKey: true })), "fit");
  assert.equal(windowCommand(press("Enter", "Enter", { metaKey: true })), "fit");
  assert.equal(windowCommand(press("Enter", "Enter")), null);
  assert.equal(windowCommand(press("Enter", "Enter", { ctrlKey: true, shiftKey: true })), null);
  assert.equal(windowCommand(press("Enter", "Enter", { ctrlKey: true, altKey: true })), null);
});

test("Ctrl/Cmd+1, 2, 3 move to Data, Model, Results, by the physical key too (AZERTY: & é \")", () => {
  assert.equal(windowCommand(press("1", "Digit1", { ctrlKey: true })), "focus-data");
  assert.equal(windowCommand(press("2", "Digit2", { metaKey: true })), "focus-model");
  assert.equal(windowCommand(press("3", "Digit3", { ctrlKey: true })), "focus-results");
  assert.equal(windowCommand(press("&", "Digit1", { ctrlKey: true })), "focus-data");
  assert.equal(windowCommand(press("4", "Digit4", { ctrlKey: true })), null);
  assert.equal(windowCommand(press("1", "Digit1")), null);
});

test("F10 opens the menus; Ctrl+/ the shortcuts sheet; ordinary keys mean nothing", () => {
  assert.equal(windowCommand(press("F10", "F10")), "open-menus");
  assert.equal(windowCommand(press("F10", "F10", { shiftKey: true })), null);
  assert.equal(windowCommand(press("/", "Slash", { ctrlKey: true })), "shortcuts");
  assert.equal(windowCommand(press("a", "KeyA")), null);
  assert.equal(windowCommand(press("z", "KeyZ", { ctrlKey: true })), null);
});

test("Alt+letter opens the menu with that mnemonic, by physical key (Alt+F types ƒ on a Mac)", () => {
  const mnemonics = ["F", "E", "V", "H"];
  assert.equal(mnemonicMenu(press("f", "KeyF", { altKey: true }), mnemonics), 0);
  assert.equal(mnemonicMenu(press("ƒ", "KeyF", { altKey: true }), mnemonics), 0);
  assert.equal(mnemonicMenu(press("h", "KeyH", { altKey: true }), mnemonics), 3);
  assert.equal(mnemonicMenu(press("x", "KeyX", { altKey: true }), mnemonics), null);
  assert.equal(mnemonicMenu(press("f", "KeyF"), mnemonics), null);
  assert.equal(mnemonicMenu(press("f", "KeyF", { altKey: true, ctrlKey: true }), mnemonics), null);
});

test("the shortcuts sheet lists every window command's keys", () => {
  const keys = shortcutGroups().flatMap((g) => g.shortcuts.map((s) => s.keys)).join(" | ");
  for (const expected of ["F10", "Alt+F", "Enter", "1", "2", "3", "Esc", "Tab"]) assert.ok(keys.includes(expected), `${expected} in ${keys}`);
});
