#!/usr/bin/env node
// The `mixwell` command (`npm run -s mixwell -- …`, or `mixwell` once installed): runs the bundled
// CLI, dist/main/cli.js. In a source checkout it first rebuilds the back-end bundles when a source
// file is newer than the last build (as `npm start` does), with the build's messages on stderr so
// that --json output stays clean. Running the bundle instead of compiling TypeScript at every start
// is what makes the command start at once.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const bundle = new URL("../dist/main/cli.js", import.meta.url);
const isCheckout = existsSync(new URL("../main/cli/run.ts", import.meta.url));

if (isCheckout) {
  const { isStale, MAIN_INPUTS } = await import(new URL("../scripts/stale.mjs", import.meta.url).href);
  if (isStale(root, ".main-built", MAIN_INPUTS)) {
    const build = new URL("../scripts/build.mjs", import.meta.url);
    const built = spawnSync(process.execPath, [fileURLToPath(build), "--main"], { stdio: ["ignore", 2, 2] });
    if (built.status !== 0) {
      process.stderr.write("mixwell: building the command-line bundle (dist/main/cli.js) failed; see the messages above.\n");
      process.exit(built.status ?? 1);
    }
  }
}
if (!existsSync(bundle)) {
  process.stderr.write("mixwell: dist/main/cli.js is missing; run `npm run build` in the Mixwell folder.\n");
  process.exit(1);
}
await import(bundle.href);
