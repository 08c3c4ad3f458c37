/**
 * At start-up, the temporary files that saves cut short by a crash or a power cut left beside the
 * recent projects and in the config folder. A save removes its own file's leftovers when it runs
 * (safe-write.ts), so without this sweep those of a project never saved again would stay.
 *
 * Only files Mixwell made are touched: names of safe-write's pattern (`.<file>.<12 hex>.tmp`) for
 * the files it writes beside projects (projects, whose backups go through the same temporary
 * name, PDF reports, CSV/TSV/TXT exports; any file in its own config folder), regular files (no links or folders), untouched for
 * a day (a save in progress, even a slow one on a network drive, writes far sooner).
 */
import { realpath } from "node:fs/promises";
import { dirname } from "node:path";
import { PROJECT_EXTENSION } from "../../app/project";
import { RecentProjects } from "./recent";
import { removeTempsIn, tempTargetName } from "./safe-write";

export const STARTUP_STALE_MS = 24 * 60 * 60 * 1000;

/** Extensions of the files Mixwell writes in users' folders (project-handlers.ts, the CLI). */
const WRITTEN_BESIDE_PROJECTS = [`.${PROJECT_EXTENSION}`, ".pdf", ".csv", ".tsv", ".txt"];

function isOurs(name: string, ownFolder: boolean): boolean {
  const target = tempTargetName(name);
  if (target === null) return false;
  return ownFolder || WRITTEN_BESIDE_PROJECTS.some((ext) => target.toLowerCase().endsWith(ext));
}

/** The folders a project's saves write in: its own, and its link target's. */
async function foldersOf(path: string): Promise<string[]> {
  const folders = [dirname(path)];
  try {
    folders.push(dirname(await realpath(path)));
  } catch {
    // Gone or unreadable: its folder is still swept.
  }
  return folders;
}

/** Removes the stale temporary files near the recent projects and in `configDir`; returns their paths. */
export async function removeStaleTempsAtStartup(configDir: string, now = Date.now()): Promise<string[]> {
  const recent = await new RecentProjects(configDir).list();
  const folders = new Set((await Promise.all(recent.map((r) => foldersOf(r.path)))).flat());
  folders.delete(configDir);
  const removed = await removeTempsIn(configDir, (name) => isOurs(name, true), STARTUP_STALE_MS, now);
  for (const folder of folders) removed.push(...(await removeTempsIn(folder, (name) => isOurs(name, false), STARTUP_STALE_MS, now)));
  return removed;
}
