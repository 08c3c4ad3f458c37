/** Process entry of the installed `mixwell` command (bundled to dist/main/cli.js). */
import { processIO, runCli } from "./main";

runCli(process.argv.slice(2), processIO).then((code) => {
  process.exitCode = code;
});
