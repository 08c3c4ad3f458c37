/**
 * The shape of a CLI command. A command is one file in commands/ exporting a `Command`, and one
 * line in commands/index.ts. `run` returns the process exit code; it may throw MixwellError for
 * bad input, which main.ts prints as "mixwell: <message>" on stderr with exit code 1.
 */
import type { ParsedArgs, OptionSpec } from "./args";

/** Where a command writes. Tests pass in-memory sinks; the real CLI passes process streams. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Working directory that relative paths are resolved against. */
  readonly cwd: string;
}

export interface Command {
  readonly name: string;
  /** One line for `mixwell --help`. */
  readonly summary: string;
  /** Full help text for `mixwell <name> --help` (usage line, then options). */
  readonly usage: string;
  /** Options this command accepts; parseArgs rejects any other. */
  readonly options: Readonly<Record<string, OptionSpec>>;
  run(args: ParsedArgs, io: CliIO): Promise<number>;
}
