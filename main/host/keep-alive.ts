/**
 * Browser mode keeps serving whatever one request did: a promise rejection nobody handled is
 * logged, not allowed to end the process (Node's default), since that would lose the page's
 * unsaved work. Request handlers catch their own failures; this is the net under them.
 */
import { toErrorInfo } from "../../app/errors";

let installed = false;

export function keepHostAlive(log: (line: string) => void = (line) => console.error(line)): void {
  if (installed) return;
  installed = true;
  process.on("unhandledRejection", (reason: unknown) => {
    log(`Mixwell: an operation failed and was abandoned: ${toErrorInfo(reason).message}`);
  });
}
