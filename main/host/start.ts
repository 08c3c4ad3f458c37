/**
 * Process entry of browser mode (bundled to dist/main/host.js). `--reason=no-electron` makes the
 * first line say why the browser is used instead of the desktop window.
 */
import { runBrowserMode } from "./main";

const reason = process.argv.includes("--reason=no-electron") ? "no-electron" : "requested";
runBrowserMode(reason).catch((err: unknown) => {
  console.error(`mixwell: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
