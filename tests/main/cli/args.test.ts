import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseArgs, type OptionSpec } from "../../../main/cli/args";
import { version } from "../../../main/version";

const specs: Record<string, OptionSpec> = {
  data: { type: "string", required: true, description: "file" },
  json: { type: "boolean", description: "json" },
  categorical: { type: "list", description: "cols" },
};

test("options, flags, lists and positionals", () => {
  const a = parseArgs(["--data", "x.csv", "--json", "--categorical=a,b", "--categorical", "c", "extra"], specs);
  assert.equal(a.strings.get("data"), "x.csv");
  assert.ok(a.flags.has("json"));
  assert.deepEqual(a.lists.get("categorical"), ["a", "b", "c"]);
  assert.deepEqual(a.positional, ["extra"]);
});

test("mistakes are readable errors", () => {
  assert.throws(() => parseArgs([], specs), /'--data' is required/);
  assert.throws(() => parseArgs(["--data"], specs), /'--data' needs a value/);
  assert.throws(() => parseArgs(["--data", "--json"], specs), /'--data' needs a value/);
  assert.throws(() => parseArgs(["--data", "x", "--json=yes"], specs), /takes no value/);
  assert.throws(() => parseArgs(["--data", "x", "--nope"], specs), /Unknown option '--nope'/);
});

test("the CLI version is package.json's version", () => {
  const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
  assert.equal(version, pkg.version);
});
