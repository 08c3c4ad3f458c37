// Whether a build target is stale: some source file is newer than the stamp its last successful
// build wrote in dist/. Shared by scripts/build.mjs and bin/mixwell.js (which checks before it
// runs the CLI bundle, without loading esbuild or Vite when nothing changed).
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Inputs of every bundle in dist/main. */
export const SHARED_INPUTS = ["app", "package.json", "package-lock.json", "scripts/build.mjs", "scripts/stale.mjs"];
export const MAIN_INPUTS = [...SHARED_INPUTS, "main"];
export const RENDERER_INPUTS = [...SHARED_INPUTS, "renderer", "vite.config.ts", "svelte.config.js"];

function newestMtime(root, paths) {
  let newest = 0;
  const visit = (path, isDirectory) => {
    if (isDirectory) {
      for (const entry of readdirSync(path, { withFileTypes: true })) visit(join(path, entry.name), entry.isDirectory());
    } else {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const p of paths) {
    const path = join(root, p);
    if (existsSync(path)) visit(path, statSync(path).isDirectory());
  }
  return newest;
}

/** True when dist/<stamp> is missing or older than the newest of `inputs` (paths under root). */
export function isStale(root, stamp, inputs) {
  const file = join(root, "dist", stamp);
  return !existsSync(file) || newestMtime(root, inputs) > statSync(file).mtimeMs;
}
