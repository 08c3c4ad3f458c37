import { test } from "node:test";
import assert from "node:assert/strict";
import type { MenuItemConstructorOptions } from "electron";
import type { AppCommand } from "../../../app/api/contract-project";
import { menuTemplate } from "../../../main/electron/menu-template";

function fileItems(mac: boolean, sent: AppCommand[], recent = [{ name: "study.mixwell", path: "/home/a/study.mixwell", at: "2026-11-26T10:00:00Z" }]) {
  const template = menuTemplate((c) => sent.push(c), recent, mac);
  const file = template.find((m) => m.label === "&File");
  assert.ok(file, "a File menu");
  return file.submenu as MenuItemConstructorOptions[];
}

function click(item: MenuItemConstructorOptions | undefined): void {
  assert.ok(item?.click, `${item?.label ?? "item"} can be clicked`);
  (item.click as () => void)();
}

test("the native File menu carries every action of the page's File menu, which the desktop app hides", () => {
  const sent: AppCommand[] = [];
  const items = fileItems(false, sent);
  const expected: [string, AppCommand["kind"]][] = [
    ["New", "new"],
    ["Open…", "open"],
    ["Save", "save"],
    ["Save As…", "saveAs"],
    ["Import data…", "importData"],
    ["Open sample…", "openSample"],
    ["Export data…", "exportData"],
    ["Export…", "export"],
    ["Quit", "quit"],
  ];
  for (const [label, kind] of expected) {
    sent.length = 0;
    click(items.find((i) => i.label === label));
    assert.deepEqual(sent, [{ kind }], label);
  }
});

test("Open Recent lists recent projects and opens the chosen path; macOS quits from the app menu", () => {
  const sent: AppCommand[] = [];
  const recent = fileItems(false, sent).find((i) => i.label === "Open Recent");
  const entries = recent?.submenu as MenuItemConstructorOptions[];
  assert.equal(entries.length, 1);
  click(entries[0]);
  assert.deepEqual(sent, [{ kind: "openPath", path: "/home/a/study.mixwell" }]);

  const macFile = fileItems(true, sent);
  assert.equal(macFile.find((i) => i.label === "Quit"), undefined);
  const appMenu = menuTemplate(() => {}, [], true).find((m) => m.role === "appMenu");
  assert.ok((appMenu?.submenu as MenuItemConstructorOptions[]).some((i) => i.label === "Quit Mixwell"));
});
