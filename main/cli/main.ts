/**
 * The `mixwell` command line: dispatches `mixwell <command> ...` to commands/, prints help and
 * version, and is the one place errors become exit codes (MixwellError → "mixwell: message" on
 * stderr, exit 1; anything else, a bug, gets a plain message too and exit 2, its stack only with
 * MIXWELL_DEBUG=1).
 */
import { MixwellError, toErrorInfo } from "../../app/errors";
import { parseArgs } from "./args";
import type { CliIO, Command } from "./command";
import { commands } from "./commands";
import { version } from "../version";

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    if (err instanceof MixwellError) {
      io.stderr(`mixwell: ${err.message}\n`);
      return 1;
    }
    // Not a MixwellError: a bug, or a runtime limit hit by hostile input. The user gets a plain
    // message; the stack only when asked for (MIXWELL_DEBUG=1).
    io.stderr(`mixwell: ${toErrorInfo(err).message}\n`);
    if (process.env.MIXWELL_DEBUG === "1" && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
    return 2;
  }
}

async function dispatch(argv: readonly string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    io.stdout(generalHelp());
    return first === undefined ? 1 : 0;
  }
  if (first === "--version" || first === "-v") {
    io.stdout(`mixwell ${version}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) throw new MixwellError(`Unknown command '${first}'. Run 'mixwell --help' to see the commands.`);
  return runCommand(command, rest, io);
}

async function runCommand(command: Command, argv: readonly string[], io: CliIO): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  const args = parseArgs(argv, command.options);
  if (args.positional.length > 0) {
    throw new MixwellError(`Unexpected argument '${args.positional[0]}'. Run 'mixwell ${command.name} --help'.`);
  }
  return command.run(args, io);
}

function generalHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `mixwell ${version}: mixed-effects regression that matches lme4 + lmerTest`,
    "",
    "Usage: mixwell <command> [options]",
    "       mixwell --help | --version",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run 'mixwell <command> --help' for a command's options.",
    "",
  ].join("\n");
}

export const processIO: CliIO = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  cwd: process.env.INIT_CWD && process.env.npm_lifecycle_event === "mixwell" ? process.env.INIT_CWD : process.cwd(),
};
