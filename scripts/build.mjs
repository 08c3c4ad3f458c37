// Builds what is stale: the renderer (Vite → dist/renderer) and the main-side bundles (esbuild →
// dist/main: host.js, worker.js, electron-main.js, preload.cjs, cli.js). "Stale" means a source
// file is newer than the last successful build of that target. `--force` rebuilds everything.
import { build as esbuild } from "esbuild";
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { isStale, MAIN_INPUTS, RENDERER_INPUTS } from "./stale.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const force = process.argv.includes("--force");
const quiet = process.argv.includes("--quiet");
const log = (text) => quiet || console.log(text);

function stale(stamp, inputs) {
  return force || isStale(root, stamp, inputs);
}

function markBuilt(stamp, startedAt) {
  mkdirSync(join(root, "dist"), { recursive: true });
  const file = join(root, "dist", stamp);
  writeFileSync(file, new Date(startedAt).toISOString());
}

async function buildRenderer() {
  if (!stale(".renderer-built", RENDERER_INPUTS)) return;
  const startedAt = Date.now();
  log("Building the user interface (dist/renderer)…");
  const { build } = await import("vite");
  await build({ configFile: join(root, "vite.config.ts"), root: join(root, "renderer"), logLevel: "warn" });
  markBuilt(".renderer-built", startedAt);
}

// Bundled CommonJS dependencies (ws) call require(); give the ESM bundles one.
const esmBanner = {
  js: "import { createRequire as __mixwellCreateRequire } from 'node:module'; const require = __mixwellCreateRequire(import.meta.url);",
};

async function buildMain() {
  if (!stale(".main-built", MAIN_INPUTS)) return;
  const startedAt = Date.now();
  log("Building the back end (dist/main)…");
  const common = { bundle: true, platform: "node", target: "node20", sourcemap: true, logLevel: "warning", absWorkingDir: root };
  const [, cli] = await Promise.all([
    esbuild({
      ...common,
      format: "esm",
      banner: esmBanner,
      entryPoints: {
        host: "main/host/start.ts",
        worker: "main/workers/worker-entry.ts",
        "electron-main": "main/electron/main.ts",
      },
      outdir: "dist/main",
      external: ["electron"],
    }),
    // The CLI alone is split at its dynamic import (run.ts), so `mixwell --version` loads a few
    // kilobytes. Its chunks stay in dist/main, next to worker.js and fonts/, which the code finds
    // relative to its own module.
    esbuild({
      ...common,
      format: "esm",
      banner: esmBanner,
      splitting: true,
      entryPoints: { cli: "main/cli/run.ts" },
      chunkNames: "cli-[name]-[hash]",
      metafile: true,
      outdir: "dist/main",
      external: ["electron"],
    }),
    esbuild({
      ...common,
      format: "cjs",
      entryPoints: { preload: "main/electron/preload.ts" },
      outdir: "dist/main",
      outExtension: { ".js": ".cjs" },
      external: ["electron"],
    }),
  ]);
  // The CLI's chunks are named by content hash: drop earlier builds' chunks once the new ones are
  // written (not before, so a CLI started during the build still finds its own).
  const written = new Set(Object.keys(cli.metafile.outputs).map((path) => basename(path)));
  for (const name of readdirSync(join(root, "dist/main"))) {
    if (name.startsWith("cli-") && !written.has(name)) rmSync(join(root, "dist/main", name), { force: true });
  }
  // The PDF report's fonts (app/report/pdf/fonts.ts looks for them next to the bundles).
  cpSync(join(root, "app/report/pdf/fonts"), join(root, "dist/main/fonts"), { recursive: true });
  markBuilt(".main-built", startedAt);
}

await buildMain();
// `--main`: only the back-end bundles (the CLI needs no user interface).
if (!process.argv.includes("--main")) await buildRenderer();
