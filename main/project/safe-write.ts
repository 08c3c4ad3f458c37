/**
 * Writing a file so that a crash or a full disk can never leave it half-written: the new content
 * goes to a temporary file in the same folder (same file system, so the rename is atomic), is
 * flushed to disk (fsync), the previous version becomes `<name>.bak`, and only then is the
 * temporary file renamed over the old one. If anything fails before the rename, the old file is
 * untouched and the temporary file is removed.
 *
 * - A symbolic link is written through: the link's target is replaced, the link stays.
 * - The file keeps its permission bits (a 600 project stays 600).
 * - The backup is made as a hard link (no disk space needed) or else a copy, under a temporary
 *   name renamed over `.bak`, so a failed save never destroys the last good backup.
 * - Temporary files of earlier saves that crashed are removed (stale after STALE_TEMP_MS).
 */
import { randomBytes } from "node:crypto";
import { copyFile, link, lstat, open, readdir, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { MixwellError } from "../../app/errors";

export interface SafeWriteOptions {
  /** Keep the previous version as `<path>.bak` (default true). */
  readonly backup?: boolean;
  /** Test hook: runs after the temporary file is written and flushed, before the rename. */
  readonly beforeRename?: (tempPath: string) => void | Promise<void>;
}

export function backupPath(path: string): string {
  return `${path}.bak`;
}

/** A temporary file older than this is a leftover of a crashed save, not one in progress. */
export const STALE_TEMP_MS = 10 * 60 * 1000;

function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
}

/** tempPath's name: `.<file>.<12 hex digits>.tmp`; the file's name, or null for any other name. */
export function tempTargetName(name: string): string | null {
  const match = /^\.(.+)\.[0-9a-f]{12}\.tmp$/.exec(name);
  return match ? match[1] : null;
}

function isTempOf(name: string, path: string): boolean {
  return tempTargetName(name) === basename(path);
}

/** The file a path finally names (through symbolic links); the path itself when it does not exist yet. */
async function finalTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return path;
  }
}

export async function writeFileSafely(path: string, content: string | Uint8Array, options: SafeWriteOptions = {}): Promise<void> {
  const target = await finalTarget(path);
  await removeStaleTemps(target);
  const temp = tempPath(target);
  try {
    const mode = await existingMode(target);
    const file = await open(temp, "wx", 0o600);
    try {
      await file.writeFile(content);
      await file.chmod(mode ?? 0o644 & ~process.umask());
      await file.sync();
    } finally {
      await file.close();
    }
    if (options.backup !== false) await keepBackup(target);
    await options.beforeRename?.(temp);
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw writeError(err, path);
  }
  await syncFolder(dirname(target));
}

async function existingMode(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** Remove temporary files of `path` left by saves that crashed (best effort). */
export async function removeStaleTemps(path: string, now = Date.now()): Promise<void> {
  await removeTempsIn(dirname(path), (name) => isTempOf(name, path), STALE_TEMP_MS, now);
}

/**
 * Remove the files in `folder` whose names `isOurs` accepts: regular files only (no links or
 * folders), untouched for more than `staleMs` (best effort). Returns the paths removed.
 */
export async function removeTempsIn(folder: string, isOurs: (name: string) => boolean, staleMs: number, now: number): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!isOurs(name)) continue;
    const full = join(folder, name);
    try {
      const info = await lstat(full);
      if (!info.isFile() || now - info.mtimeMs <= staleMs) continue;
      await rm(full);
      removed.push(full);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

/** The current version becomes `.bak` atomically; on failure the previous `.bak` is untouched. */
async function keepBackup(path: string): Promise<void> {
  const temp = tempPath(path);
  try {
    try {
      await link(path, temp);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
      await copyFile(path, temp);
    }
    await rename(temp, backupPath(path));
  } catch (err) {
    await rm(temp, { force: true });
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}

/** Flush the folder entry of the rename (POSIX); not possible on Windows, where it is skipped. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const dir = await open(folder, "r");
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // Opening or syncing a directory is not supported everywhere; the rename has happened.
  }
}

function writeError(err: unknown, path: string): Error {
  if (err instanceof MixwellError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  const name = `'${basename(path)}'`;
  if (code === "ENOENT") return new MixwellError(`Could not save ${name}: the folder '${dirname(path)}' does not exist.`);
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") return new MixwellError(`Could not save ${name}: Mixwell may not write in '${dirname(path)}'.`);
  if (code === "ENOSPC") return new MixwellError(`Could not save ${name}: the disk is full. The previous version is unchanged.`);
  if (code === "EISDIR") return new MixwellError(`Could not save ${name}: it is a folder.`);
  return new MixwellError(`Could not save ${name}: ${(err as Error).message ?? String(err)}. The previous version is unchanged.`);
}
