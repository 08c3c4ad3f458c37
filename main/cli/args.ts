/**
 * Shared argument parsing for CLI commands: `--name value`, `--name=value`, boolean `--flag`,
 * repeatable options, and positional arguments. Unknown options and missing values are
 * MixwellErrors so every command reports them the same way.
 */
import { MixwellError } from "../../app/errors";

export interface OptionSpec {
  /** "boolean" flags take no value; "string" options take one; "list" may repeat or hold a,b,c. */
  readonly type: "boolean" | "string" | "list";
  readonly required?: boolean;
  readonly description: string;
  /** Placeholder shown in help, e.g. FILE. */
  readonly value?: string;
}

export interface ParsedArgs {
  readonly flags: ReadonlySet<string>;
  readonly strings: ReadonlyMap<string, string>;
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly positional: readonly string[];
}

export function parseArgs(argv: readonly string[], specs: Readonly<Record<string, OptionSpec>>): ParsedArgs {
  const flags = new Set<string>();
  const strings = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = specs[name];
    if (!spec) throw new MixwellError(`Unknown option '--${name}'.`);
    if (spec.type === "boolean") {
      if (eq >= 0) throw new MixwellError(`Option '--${name}' takes no value.`);
      flags.add(name);
      continue;
    }
    let value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith("--"))) {
      throw new MixwellError(`Option '--${name}' needs a value${spec.value ? ` (${spec.value})` : ""}.`);
    }
    if (spec.type === "string") strings.set(name, value);
    else lists.set(name, [...(lists.get(name) ?? []), ...splitList(value)]);
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required && !strings.has(name) && !lists.has(name)) {
      throw new MixwellError(`Option '--${name}' is required.`);
    }
  }
  return { flags, strings, lists, positional };
}

function splitList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The value of a required string option (parseArgs has already checked it is there). */
export function requireString(args: ParsedArgs, name: string): string {
  const v = args.strings.get(name);
  if (v === undefined) throw new MixwellError(`Option '--${name}' is required.`);
  return v;
}

/** Help lines for a command's options. */
export function formatOptions(specs: Readonly<Record<string, OptionSpec>>): string {
  const rows = Object.entries(specs).map(([name, s]) => [`--${name}${s.value ? ` ${s.value}` : ""}`, s.description]);
  const width = Math.max(0, ...rows.map(([l]) => l!.length));
  return rows.map(([l, d]) => `  ${l!.padEnd(width)}  ${d}`).join("\n");
}
