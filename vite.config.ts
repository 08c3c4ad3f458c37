// Builds the Svelte renderer (renderer/) into dist/renderer, with relative asset paths so the
// same files load from file:// in Electron and from the browser-mode host.
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig({
  root: "renderer",
  base: "./",
  plugins: [svelte()],
  build: {
    outDir: "../dist/renderer",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 2000,
    modulePreload: { polyfill: false },
  },
  logLevel: "warn",
});
