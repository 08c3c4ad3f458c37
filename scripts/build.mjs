// Builds what is stale: the renderer (Vite → dist/renderer) and the main-side bundles (esbuild →
// dist/main: host.js, worker.js, electron-main.js, preload.cjs, cli.js). "Stale" means a source
// file is newer than the last successful build of that target. `--force` rebuilds everything.
import { build as esbuild } from "esbuild";
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const force = process.argv.includes("--force");
const quiet = process.argv.includes("--quiet");
const log = (text) => quiet || console.log(text);

function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const info = statSync(path);
    if (info.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, info.mtimeMs);
  };
  for (const p of paths) visit(join(root, p));
  return newest;
}

function stale(stamp, inputs) {
  const file = join(root, "dist", stamp);
  return force || !existsSync(file) || newestMtime(inputs) > statSync(file).mtimeMs;
}

function markBuilt(stamp, startedAt) {
  mkdirSync(join(root, "dist"), { recursive: true });
  const file = join(root, "dist", stamp);
  writeFileSync(file, new Date(startedAt).toISOString());
}

const shared = ["app", "package.json", "package-lock.json", "scripts/build.mjs"];

async function buildRenderer() {
  if (!stale(".renderer-built", [...shared, "renderer", "vite.config.ts", "svelte.config.js"])) return;
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
  if (!stale(".main-built", [...shared, "main"])) return;
  const startedAt = Date.now();
  log("Building the back end (dist/main)…");
  const common = { bundle: true, platform: "node", target: "node20", sourcemap: true, logLevel: "warning", absWorkingDir: root };
  await Promise.all([
    esbuild({
      ...common,
      format: "esm",
      banner: esmBanner,
      entryPoints: {
        host: "main/host/start.ts",
        worker: "main/workers/worker-entry.ts",
        cli: "main/cli/run.ts",
        "electron-main": "main/electron/main.ts",
      },
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
  // The PDF report's fonts (app/report/pdf/fonts.ts looks for them next to the bundles).
  cpSync(join(root, "app/report/pdf/fonts"), join(root, "dist/main/fonts"), { recursive: true });
  markBuilt(".main-built", startedAt);
}

await buildMain();
await buildRenderer();
