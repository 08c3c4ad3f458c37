/**
 * Process entry of the `mixwell` command (bundled to dist/main/cli.js). `--version` is answered
 * here; everything else loads the command line (main.ts, with the engine, the readers and the
 * report) on demand. The bundle is split at that import, so asking for the version does not parse
 * megabytes of code.
 */
import { version } from "../version";

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
  process.stdout.write(`mixwell ${version}\n`);
} else {
  const { processIO, runCli } = await import("./main");
  process.exitCode = await runCli(argv, processIO);
}
