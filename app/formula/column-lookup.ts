/** Finding a column by the name written in a formula, with a suggestion when it is misspelled. */
import { MixwellError } from "../errors";
import type { Column, DataTable } from "../data/column";

/** The column called `name`; a MixwellError suggesting the nearest name when there is none. */
export function requireColumn(table: DataTable, name: string): Column {
  const column = table.columns.find((c) => c.name === name);
  if (column) return column;
  const nearest = nearestName(name, table.columns.map((c) => c.name));
  const suggestion = nearest ? ` Did you mean '${nearest}'?` : "";
  throw new MixwellError(`There is no column called '${name}'.${suggestion}`);
}

/** The candidate closest to `name` by edit distance (case-insensitive), if reasonably close. */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(2, Math.ceil(name.length / 2));
  return bestDistance <= limit ? best : undefined;
}

/** Levenshtein distance (insertions, deletions, substitutions each cost 1). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost));
    }
    previous = current;
  }
  return previous[b.length];
}
