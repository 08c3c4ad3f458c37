/**
 * Writing a file so that a crash or a full disk can never leave it half-written: the new content
 * goes to a temporary file in the same folder (same file system, so the rename is atomic), is
 * flushed to disk (fsync), the previous version is copied to `<name>.bak`, and only then is the
 * temporary file renamed over the old one. If anything fails before the rename, the old file is
 * untouched and the temporary file is removed.
 */
import { randomBytes } from "node:crypto";
import { copyFile, open, rename, rm } from "node:fs/promises";
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

export async function writeFileSafely(path: string, content: string | Uint8Array, options: SafeWriteOptions = {}): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const file = await open(temp, "wx", 0o644);
    try {
      await file.writeFile(content);
      await file.sync();
    } finally {
      await file.close();
    }
    if (options.backup !== false) await keepBackup(path);
    await options.beforeRename?.(temp);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw writeError(err, path);
  }
  await syncFolder(dirname(path));
}

async function keepBackup(path: string): Promise<void> {
  try {
    await copyFile(path, backupPath(path));
  } catch (err) {
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
