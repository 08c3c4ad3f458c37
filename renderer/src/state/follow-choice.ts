/**
 * A panel's chosen variable across a column rename: a rename gives the fit new variable names in
 * the same places, so a choice that is no longer offered takes the name now in its place. Any
 * other change of the options (another model, a term added or removed) leaves the choice as it
 * was, and the panel falls back to its default as before.
 */
export function followRenamed<T extends string | null>(choice: T, before: readonly string[], after: readonly string[]): T {
  if (choice === null || choice === "" || after.includes(choice) || before.length !== after.length) return choice;
  const at = before.indexOf(choice);
  if (at < 0) return choice;
  // Only a rename: every other option is still where it was.
  for (let i = 0; i < before.length; i++) if (i !== at && before[i] !== after[i]) return choice;
  return after[at] as T; // a string where the choice was a string
}

/** Remembers a list of options between updates and maps choices from the last list to the new one. */
export class OptionsMemory {
  #last: readonly string[];
  constructor(initial: readonly string[]) {
    this.#last = initial;
  }
  /** Moves on to the options `now`; the function maps a choice made among the last ones. */
  follow(now: readonly string[]): <T extends string | null>(choice: T) => T {
    const before = this.#last;
    this.#last = now;
    return (choice) => followRenamed(choice, before, now);
  }
}
