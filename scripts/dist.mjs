// `npm run dist`: desktop installers with electron-builder. Electron is an optional dependency
// (npm ci succeeds where its runtime cannot be downloaded), so check first that it is installed
// and say in one line what is missing; electron-builder's own error would be a stack trace.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));

/** Why Electron cannot be packaged here, or undefined when it can. */
function electronMissing() {
  let pkg;
  try {
    pkg = require.resolve("electron/package.json");
  } catch {
    return "Electron is not installed (npm ci could not download its runtime on this machine)";
  }
  if (!existsSync(join(dirname(pkg), "path.txt"))) return "Electron's runtime was never downloaded (node_modules/electron has no path.txt)";
  return undefined;
}

const missing = electronMissing();
if (missing) {
  console.error(`npm run dist: ${missing}; run npm ci on a machine that can reach Electron's download site (github.com), then npm run dist again.`);
  process.exit(1);
}
for (const [command, args] of [
  [process.execPath, [join(root, "scripts/build.mjs"), "--force"]],
  [process.execPath, [require.resolve("electron-builder/cli.js"), "--config", "electron-builder.yml"]],
]) {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
