// `mixwell fit --formula` with hostile column names (issue 15): backticks with R's escapes, as
// the builder writes them; estimates as lme4's on the same file (tests/fixtures/column-names, make.R).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { runCli } from "../../../main/cli/main";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const rOut = JSON.parse(readFileSync(`${root}/tests/fixtures/column-names/r-output.json`, "utf8")) as { cases: { id: string; estimate: number[]; se: number[] }[] };
const inputs = JSON.parse(readFileSync(`${root}/tests/fixtures/column-names/inputs.json`, "utf8")) as { id: string; formula: string; subject: string }[];

for (const id of ["issue", "quotes", "r-words"]) {
  test(`fit --formula with the '${id}' names: R's quoting accepted, estimates as lme4's`, async () => {
    const input = inputs.find((c) => c.id === id)!;
    const ref = rOut.cases.find((c) => c.id === id)!;
    let out = "";
    let err = "";
    const code = await runCli(["fit", "--data", `tests/fixtures/column-names/${id}.csv`, "--formula", input.formula, "--categorical", input.subject, "--json"], {
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
      cwd: root,
    });
    assert.equal(code, 0, err);
    const json = JSON.parse(out) as { fixef: { term: string; estimate: number }[] };
    json.fixef.forEach((f, i) => assert.ok(Math.abs(f.estimate - ref.estimate[i]) < 1e-4 * ref.se[i], `${f.term}: ${f.estimate} vs lme4 ${ref.estimate[i]}`));
  });
}
