import { test } from "node:test";
import assert from "node:assert/strict";
import { OpenFileQueue, projectPathsFromArgv } from "../../../main/electron/open-files";

test("a double-clicked project reaches the app as an argument; switches and the app's own path are skipped", () => {
  assert.deepEqual(projectPathsFromArgv(["/opt/Mixwell/mixwell", "--no-sandbox", "/home/u/study.mixwell"], "/home/u"), ["/home/u/study.mixwell"]);
  assert.deepEqual(projectPathsFromArgv(["electron", "dist/main/electron-main.js", "a/b.MIXWELL", "data.csv"], "/work"), ["/work/a/b.MIXWELL"]);
  assert.deepEqual(projectPathsFromArgv(["Mixwell.exe"], "C:\\"), []);
});

test("files that arrive before the page is ready wait, later ones go straight through", () => {
  const queue = new OpenFileQueue();
  const opened: string[] = [];
  queue.push("/a.mixwell");
  queue.push("/b.mixwell");
  assert.equal(opened.length, 0);
  queue.ready((p) => opened.push(p));
  queue.push("/c.mixwell");
  assert.deepEqual(opened, ["/a.mixwell", "/b.mixwell", "/c.mixwell"]);
});
