/**
 * Project files the operating system asks Mixwell to open: on Windows and Linux as command-line
 * arguments (a double-clicked .mixwell file starts `Mixwell path/to/file.mixwell`, or reaches the
 * running instance through 'second-instance'), on macOS through the 'open-file' event. Kept free
 * of Electron imports so it is unit-tested.
 */
import { extname, isAbsolute, resolve } from "node:path";

/** The .mixwell paths among the arguments (Chromium switches and the app's own path skipped). */
export function projectPathsFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith("-") && extname(arg).toLowerCase() === ".mixwell")
    .map((arg) => (isAbsolute(arg) ? arg : resolve(cwd, arg)));
}

/**
 * Paths that arrive before the page can take them (at start-up) wait here; `ready` delivers them
 * and every later one directly.
 */
export class OpenFileQueue {
  #pending: string[] = [];
  #deliver: ((path: string) => void) | null = null;

  push(path: string): void {
    if (this.#deliver) this.#deliver(path);
    else this.#pending.push(path);
  }

  ready(deliver: (path: string) => void): void {
    this.#deliver = deliver;
    const pending = this.#pending;
    this.#pending = [];
    for (const path of pending) deliver(path);
  }
}
