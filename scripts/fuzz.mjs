// `npm run fuzz`: the seeded fuzz properties of `npm test` (formula parser and printer, import
// readers, project reader, browser-mode host), run much longer with a fresh seed for development.
// MIXWELL_FUZZ_RUNS (default 20000) and MIXWELL_FUZZ_SEED (default: random, printed) set them;
// a failure prints fast-check's seed and path, so it can be replayed with that seed.
import { spawnSync } from "node:child_process";

const FILES = [
  "tests/app/formula/fuzz.test.ts",
  "tests/app/data/hostile-files.test.ts",
  "tests/app/project/hostile-project.test.ts",
  "tests/main/host/hostile-requests.test.ts",
];
const runs = process.env.MIXWELL_FUZZ_RUNS ?? "20000";
const seed = process.env.MIXWELL_FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
console.log(`Fuzzing with MIXWELL_FUZZ_RUNS=${runs} MIXWELL_FUZZ_SEED=${seed}`);
const result = spawnSync(process.execPath, ["scripts/run-tests.mjs", ...FILES], {
  stdio: "inherit",
  env: { ...process.env, MIXWELL_FUZZ_RUNS: runs, MIXWELL_FUZZ_SEED: seed },
});
process.exit(result.status ?? 1);
